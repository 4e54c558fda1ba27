package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"maps"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// Placeholders in the UI's pages, service worker and manifest, replaced
// when the server starts: {{static}} by the versioned prefix of the static
// files (/static/<version>), {{version}} by the version, {{shell}} by the
// JSON list of URLs the service worker keeps for offline use and
// {{categories}} by the taxonomy's categories with their labels, so that
// the reporting form needs no request beyond its files before it is usable.
const (
	placeholderStatic     = "{{static}}"
	placeholderVersion    = "{{version}}"
	placeholderShell      = "{{shell}}"
	placeholderCategories = "{{categories}}"
)

// webCSP is the Content-Security-Policy of the UI's pages: nothing is
// loaded from another origin. Styles allow inline attributes because
// MapLibre positions its markers and popups with them.
const webCSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; " +
	"worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// versionRE matches the version segment of a static URL.
var versionRE = regexp.MustCompile(`^[0-9a-f]{12}$`)

// webUI serves the embedded browser UI. Its files are hashed once, on the
// first request: the hash versions the static URLs, so that they can be
// cached for a year, while pages are revalidated on every load.
type webUI struct {
	once       sync.Once
	fsys       fs.FS
	categories []byte
	version    string
	// files are the static files by path, with their strong ETags.
	files map[string]webFile
	// rendered are the root-scope documents with their placeholders
	// replaced, by route.
	rendered map[string]webFile

	gzMu sync.Mutex
	gz   map[string][]byte
}

type webFile struct {
	name string
	body []byte
	etag string
}

// webCategory is a category as the UI's pages need it: no keywords.
type webCategory struct {
	ID       string            `json:"id"`
	Severity int               `json:"severity"`
	Hazard   bool              `json:"hazard"`
	Labels   map[string]string `json:"labels"`
}

func newWebUI(fsys fs.FS, tax *data.Taxonomy) *webUI {
	cats := make([]webCategory, 0, len(tax.Categories))
	for _, c := range tax.Categories {
		labels := map[string]string{}
		for _, lang := range tax.Languages {
			labels[lang] = c.Labels[lang]
		}
		cats = append(cats, webCategory{ID: c.ID, Severity: c.Severity, Hazard: c.Hazard, Labels: labels})
	}
	// encoding/json escapes <, > and &, so the list is safe inside <script>.
	b, _ := json.Marshal(cats)
	return &webUI{fsys: fsys, categories: b, gz: map[string][]byte{}}
}

// load reads and hashes every file of the UI.
func (w *webUI) load() {
	w.once.Do(func() {
		w.files = map[string]webFile{}
		sum := sha256.New()
		_ = fs.WalkDir(w.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(w.fsys, p)
			if err != nil {
				return err
			}
			h := sha256.Sum256(b)
			w.files[p] = webFile{name: p, body: b, etag: `"` + hex.EncodeToString(h[:8]) + `"`}
			sum.Write([]byte(p))
			sum.Write(h[:])
			return nil
		})
		w.version = hex.EncodeToString(sum.Sum(nil))[:12]
		prefix := "/static/" + w.version
		shell := []string{"/", "/report", "/ops", "/campaign", "/manifest.webmanifest"}
		for _, p := range slices.Sorted(maps.Keys(w.files)) {
			if !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".md") && p != "sw.js" && p != "manifest.webmanifest" {
				shell = append(shell, prefix+"/"+p)
			}
		}
		shellJSON, _ := json.Marshal(shell)
		repl := strings.NewReplacer(placeholderStatic, prefix, placeholderVersion, w.version, placeholderShell, string(shellJSON),
			placeholderCategories, string(w.categories))
		w.rendered = map[string]webFile{}
		for route, name := range map[string]string{
			"/": "index.html", "/report": "report.html", "/ops": "ops.html", "/campaign": "campaign.html",
			"/sw.js": "sw.js", "/manifest.webmanifest": "manifest.webmanifest",
		} {
			f := w.files[name]
			body := []byte(repl.Replace(string(f.body)))
			h := sha256.Sum256(body)
			w.rendered[route] = webFile{name: name, body: body, etag: `"` + hex.EncodeToString(h[:8]) + `"`}
		}
	})
}

// webPage serves a page, the service worker or the manifest: always
// revalidated, so that a new release is picked up on the next load.
func (s *Server) webPage(c *gin.Context) error {
	s.web.load()
	f, ok := s.web.rendered[c.FullPath()]
	if !ok || f.body == nil {
		return &apiError{Status: http.StatusNotFound, Code: "not_found", Message: "no such page"}
	}
	if strings.HasSuffix(f.name, ".html") {
		c.Header("Referrer-Policy", "same-origin")
	}
	if f.name == "sw.js" {
		// The worker controls the whole origin from the root scope.
		c.Header("Service-Worker-Allowed", "/")
	}
	c.Header("Cache-Control", "no-cache")
	s.web.serve(c, "route:"+c.FullPath(), f)
	return nil
}

// webStatic serves /static/<version>/<file>. The current version is cached
// for a year; an older version (a page loaded before an upgrade) is served
// the current file, revalidated each time.
func (s *Server) webStatic(c *gin.Context) error {
	s.web.load()
	notFound := &apiError{Status: http.StatusNotFound, Code: "not_found", Message: "no such file"}
	version, name, ok := strings.Cut(strings.TrimPrefix(c.Param("filepath"), "/"), "/")
	// fs.ValidPath refuses "..", "." and empty elements and a leading
	// slash; backslashes and NULs are refused as well, whatever the OS.
	if !ok || !versionRE.MatchString(version) || !fs.ValidPath(name) || strings.ContainsAny(name, "\\\x00") {
		return notFound
	}
	f, ok := s.web.files[name]
	if !ok || strings.HasSuffix(name, ".html") {
		return notFound
	}
	if version == s.web.version {
		c.Header("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		c.Header("Cache-Control", "no-cache")
	}
	s.web.serve(c, name, f)
	return nil
}

// serve writes f with its type, the UI's Content-Security-Policy and its
// ETag, gzipped when the client takes it and the file is text.
func (w *webUI) serve(c *gin.Context, key string, f webFile) {
	h := c.Writer.Header()
	ctype := webContentType(f.name)
	h.Set("Content-Type", ctype)
	// Every file of the UI gets the UI's policy, not the API's: a page's
	// policy is its own, and a worker's (the service worker, MapLibre's
	// module worker) is the one its script was served with.
	h.Set("Content-Security-Policy", webCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	body, etag := f.body, f.etag
	if compressible(ctype) && len(body) > 1024 {
		h.Add("Vary", "Accept-Encoding")
		if strings.Contains(c.GetHeader("Accept-Encoding"), "gzip") {
			body = w.gzipped(key, f.body)
			etag = strings.TrimSuffix(f.etag, `"`) + `-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	http.ServeContent(c.Writer, c.Request, "", time.Time{}, bytes.NewReader(body))
}

// gzipped compresses a file once and keeps the result.
func (w *webUI) gzipped(key string, body []byte) []byte {
	w.gzMu.Lock()
	defer w.gzMu.Unlock()
	if b, ok := w.gz[key]; ok {
		return b
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	w.gz[key] = buf.Bytes()
	return w.gz[key]
}

func webContentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".json":
		return "application/json"
	case ".webmanifest":
		return "application/manifest+json"
	case ".md":
		return "text/markdown; charset=utf-8"
	}
	return "text/plain; charset=utf-8"
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.HasPrefix(ctype, "application/") || ctype == "image/svg+xml"
}
