package server_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/web"
)

var staticPrefixRE = regexp.MustCompile(`/static/([0-9a-f]{12})/`)

// webVersion reads the static version from the reporting page.
func webVersion(t *testing.T, ts *testServer) string {
	t.Helper()
	res := ts.do(http.MethodGet, "/report", "", nil)
	m := staticPrefixRE.FindSubmatch(res.Body)
	if res.Status != 200 || m == nil {
		t.Fatalf("/report: %d, no versioned static URL in\n%s", res.Status, res.Body)
	}
	return string(m[1])
}

func TestWebPages(t *testing.T) {
	ts := newTestServer(t)
	v := webVersion(t, ts)
	for _, tc := range []struct {
		path, ctype, contains string
	}{
		{"/", "text/html; charset=utf-8", `src="/static/` + v + `/js/home.js"`},
		{"/report", "text/html; charset=utf-8", `src="/static/` + v + `/js/report.js"`},
		{"/ops", "text/html; charset=utf-8", `src="/static/` + v + `/js/ops.js"`},
		{"/sw.js", "text/javascript; charset=utf-8", `'mtaa-shell-` + v + `'`},
		{"/manifest.webmanifest", "application/manifest+json", `"/static/` + v + `/icons/icon.svg"`},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res := ts.do(http.MethodGet, tc.path, "", nil)
			if res.Status != 200 || res.Header.Get("Content-Type") != tc.ctype {
				t.Fatalf("%d %q", res.Status, res.Header.Get("Content-Type"))
			}
			if !bytes.Contains(res.Body, []byte(tc.contains)) || bytes.Contains(res.Body, []byte("{{")) {
				t.Fatalf("body lacks %q or has a placeholder left:\n%.600s", tc.contains, res.Body)
			}
			if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
				t.Fatalf("Cache-Control %q: pages must be revalidated", cc)
			}
			// Every UI file gets the UI's policy: the API's would block the
			// service worker's fetches (a worker's policy is its script's).
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
				t.Fatalf("CSP %q on %s", csp, tc.path)
			}
			// Revalidation answers 304 with the ETag.
			again := ts.do(http.MethodGet, tc.path, "", nil, "If-None-Match", res.Header.Get("ETag"))
			if again.Status != http.StatusNotModified {
				t.Fatalf("If-None-Match: %d", again.Status)
			}
		})
	}
}

// TestWebServiceWorkerShell checks that the worker's offline list names
// every static file the pages need, and only files that exist.
func TestWebServiceWorkerShell(t *testing.T) {
	ts := newTestServer(t)
	v := webVersion(t, ts)
	res := ts.do(http.MethodGet, "/sw.js", "", nil)
	if res.Header.Get("Service-Worker-Allowed") != "/" {
		t.Fatalf("Service-Worker-Allowed %q", res.Header.Get("Service-Worker-Allowed"))
	}
	m := regexp.MustCompile(`const SHELL = (\[.*?\]);`).FindSubmatch(res.Body)
	if m == nil {
		t.Fatalf("no SHELL list in sw.js")
	}
	var shell []string
	if err := json.Unmarshal(m[1], &shell); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"/report": false, "/static/" + v + "/js/report.js": false, "/static/" + v + "/js/queue.js": false,
		"/static/" + v + "/vendor/maplibre-gl-6.17.0/maplibre-gl.mjs": false, "/static/" + v + "/vendor/maplibre-gl-6.17.0/maplibre-gl-worker.mjs": false}
	for _, u := range shell {
		if _, ok := want[u]; ok {
			want[u] = true
		}
		if got := ts.do(http.MethodGet, u, "", nil); got.Status != 200 {
			t.Errorf("shell URL %s: %d", u, got.Status)
		}
	}
	for u, seen := range want {
		if !seen {
			t.Errorf("shell lacks %s", u)
		}
	}
}

// TestWebReferencesExist checks every asset a page or script names: a
// renamed file fails here rather than in a browser.
func TestWebReferencesExist(t *testing.T) {
	fsys := web.FS()
	refRE := regexp.MustCompile(`\{\{static\}\}/([^"'\s]+)`)
	importRE := regexp.MustCompile(`(?:from|import\() *'(\.{1,2}/[^']+)'`)
	n := 0
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, "vendor/") {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		for _, m := range refRE.FindAllSubmatch(b, -1) {
			n++
			if _, err := fs.Stat(fsys, string(m[1])); err != nil {
				t.Errorf("%s names %s: %v", p, m[1], err)
			}
		}
		dir := p[:strings.LastIndex(p, "/")+1]
		for _, m := range importRE.FindAllSubmatch(b, -1) {
			n++
			target := cleanJoin(dir, string(m[1]))
			if _, err := fs.Stat(fsys, target); err != nil {
				t.Errorf("%s imports %s (%s): %v", p, m[1], target, err)
			}
		}
		return nil
	})
	if err != nil || n < 20 {
		t.Fatalf("walked %d references: %v", n, err)
	}
}

func cleanJoin(dir, rel string) string {
	parts := strings.Split(strings.TrimSuffix(dir, "/"), "/")
	if dir == "" {
		parts = nil
	}
	for _, el := range strings.Split(rel, "/") {
		switch el {
		case ".":
		case "..":
			if len(parts) > 0 {
				parts = parts[:len(parts)-1]
			}
		default:
			parts = append(parts, el)
		}
	}
	return strings.Join(parts, "/")
}

func TestWebStaticCaching(t *testing.T) {
	ts := newTestServer(t)
	v := webVersion(t, ts)
	want, err := fs.ReadFile(web.FS(), "vendor/maplibre-gl-6.17.0/maplibre-gl.mjs")
	if err != nil {
		t.Fatal(err)
	}
	res := ts.do(http.MethodGet, "/static/"+v+"/vendor/maplibre-gl-6.17.0/maplibre-gl.mjs", "", nil)
	if res.Status != 200 || !bytes.Equal(res.Body, want) || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
		res.Header.Get("Content-Type") != "text/javascript; charset=utf-8" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("%d %v", res.Status, res.Header)
	}
	// MapLibre's module worker runs under the policy its script came
	// with: the UI's, which lets it fetch tiles from the server.
	worker := ts.do(http.MethodGet, "/static/"+v+"/vendor/maplibre-gl-6.17.0/maplibre-gl-worker.mjs", "", nil)
	if csp := worker.Header.Get("Content-Security-Policy"); worker.Status != 200 || !strings.Contains(csp, "connect-src 'self'") {
		t.Fatalf("worker script: %d, CSP %q", worker.Status, csp)
	}
	// Gzipped when asked, the same bytes once decompressed.
	gz := ts.do(http.MethodGet, "/static/"+v+"/vendor/maplibre-gl-6.17.0/maplibre-gl.mjs", "", nil, "Accept-Encoding", "gzip, br")
	if gz.Header.Get("Content-Encoding") != "gzip" || len(gz.Body) > len(want)/2 {
		t.Fatalf("gzip: %q, %d of %d bytes", gz.Header.Get("Content-Encoding"), len(gz.Body), len(want))
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz.Body))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); !bytes.Equal(got, want) {
		t.Fatal("gunzipped body differs from the file")
	}
	// A page loaded before an upgrade asks for an old version: served, not cached for long.
	old := ts.do(http.MethodGet, "/static/0123456789ab/js/report.js", "", nil)
	if old.Status != 200 || old.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("old version: %d %q", old.Status, old.Header.Get("Cache-Control"))
	}
}

// TestWebStaticTraversal sends raw request lines, as an attacker would, so
// that no client library cleans the path first.
func TestWebStaticTraversal(t *testing.T) {
	st, _ := datatest.NewStore(t)
	hs := httptest.NewServer(server.New(server.Config{}, server.Deps{Store: st}).Handler())
	defer hs.Close()
	ts := newTestServer(t)
	v := webVersion(t, ts)
	for _, target := range []string{
		"/static/" + v + "/../../go.mod",
		"/static/" + v + "/js/../../../server/server.go",
		"/static/" + v + "/%2e%2e/%2e%2e/go.mod",
		"/static/" + v + "/%2E%2E%2F%2E%2E%2Fgo.mod",
		"/static/" + v + "/js%2f..%2f..%2fdoc.go",
		"/static/" + v + "/..%5c..%5cdoc.go",
		"/static/" + v + "/js/%00report.js",
		"/static/" + v + "//etc/passwd",
		"/static/" + v + "/js//report.js",
		"/static/" + v + "/./js/report.js",
		"/static/" + v + "/",
		"/static/" + v + "/js",
		"/static/" + v + "/report.html",
		"/static/../../../etc/passwd",
		"/static/..%2f..%2fetc%2fpasswd",
		"/static/js/report.js",
		"/static/",
	} {
		status, body := rawGet(t, hs.Listener.Addr().String(), target)
		if status != 404 && status != 400 {
			t.Errorf("GET %s: %d, want 404 or 400\n%.200s", target, status, body)
		}
		if strings.Contains(body, "module github.com") || strings.Contains(body, "package ") || strings.Contains(body, "root:") {
			t.Errorf("GET %s leaked a file:\n%.200s", target, body)
		}
	}
	if status, _ := rawGet(t, hs.Listener.Addr().String(), "/static/"+v+"/js/report.js"); status != 200 {
		t.Fatalf("the control request failed: %d", status)
	}
}

func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: mtaa.test\r\nConnection: close\r\n\r\n", target)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
