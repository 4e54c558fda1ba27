package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

// The documentation's examples are tests: every fenced block whose info
// string is exampleInfo, in README.md and docs/*.md, runs against a demo
// server as `make run` starts it (docs/developers.md, "Examples are
// tests").

// exampleInfo marks a runnable shell block: ```sh test
const exampleInfo = "sh test"

// exampleToken is $TOKEN in the examples: the demo's admin token, Twilio
// auth token and SMSSync secret.
const exampleToken = "try-mtaa-4821"

// docsRoot is the repository root, where README.md is.
const docsRoot = "../.."

// example is one runnable block of a Markdown file.
type example struct {
	file string
	line int // of the opening fence
	code string
}

// docFiles lists README.md and the guides in docs/.
func docFiles(t *testing.T) []string {
	t.Helper()
	guides, err := filepath.Glob(filepath.Join(docsRoot, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	return append([]string{filepath.Join(docsRoot, "README.md")}, guides...)
}

// readExamples returns the runnable blocks of a Markdown file, in order.
func readExamples(path string) ([]example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []example
	var cur *example
	var fence string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case cur == nil && fence == "" && strings.HasPrefix(trimmed, "```"):
			fence = trimmed[:len(trimmed)-len(strings.TrimLeft(trimmed, "`"))]
			if strings.TrimSpace(strings.TrimPrefix(trimmed, fence)) == exampleInfo {
				cur = &example{file: path, line: n}
			}
		case fence != "" && trimmed == fence:
			if cur != nil {
				out = append(out, *cur)
			}
			cur, fence = nil, ""
		case cur != nil:
			cur.code += line + "\n"
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if fence != "" {
		return nil, fmt.Errorf("%s: a code block is not closed", path)
	}
	return out, nil
}

// TestDocExamples runs the runnable blocks of each Markdown file, in
// order, as one bash script (set -euo pipefail) against its own demo
// server: `mtaa serve` on the Delaware extract with the default
// visibility and rate limits, $TOKEN as admin token, Twilio auth token and
// SMSSync secret, as `make run ADMIN_TOKEN=$TOKEN TWILIO_AUTH_TOKEN=$TOKEN
// SMSSYNC_SECRET=$TOKEN` starts it. The script runs in a directory holding
// bin/mtaa (as `make build` leaves it) and the server's data directory
// mtaa-data; http://127.0.0.1:8080 in the blocks is the test server's
// address, and every curl fails on an HTTP error (--fail-with-body), so a
// changed flag, route or field breaks the test, not the reader.
func TestDocExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a demo server per guide; not in -short")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is needed to run the documentation's examples")
	}
	if _, err := exec.LookPath("curl"); err != nil {
		t.Fatal("curl is needed to run the documentation's examples")
	}
	osmFile := osmTestdata(t, "delaware-latest.osm.pbf")
	total := 0
	for _, path := range docFiles(t) {
		examples, err := readExamples(path)
		if err != nil {
			t.Fatal(err)
		}
		total += len(examples)
		if len(examples) == 0 {
			continue
		}
		name, _ := filepath.Rel(docsRoot, path)
		t.Run(name, func(t *testing.T) {
			runExamples(t, bash, osmFile, name, examples)
		})
	}
	if total == 0 {
		t.Fatalf("no block marked ```%s in README.md or docs/", exampleInfo)
	}
}

// ogrTools matches the GDAL commands an example may use.
var ogrTools = regexp.MustCompile(`\bogr(info|2ogr)\b`)

func runExamples(t *testing.T, bash, osmFile, name string, examples []example) {
	for _, ex := range examples {
		if ogrTools.MatchString(ex.code) {
			if _, err := exec.LookPath("ogrinfo"); err != nil {
				datatest.SkipOrFailInCI(t, "%s:%d needs GDAL's ogrinfo (make test-deps)", name, ex.line)
			}
		}
	}
	work := t.TempDir()
	if err := os.Mkdir(filepath.Join(work, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(mtaaBinary(t), filepath.Join(work, "bin", "mtaa")); err != nil {
		t.Fatal(err)
	}
	// Every curl of the examples fails on an HTTP error and shows it.
	if err := os.WriteFile(filepath.Join(work, ".curlrc"), []byte("fail-with-body\nsilent\nshow-error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := startServe(t, filepath.Join(work, "mtaa-data"), "--osm", osmFile,
		"--admin-token", exampleToken, "--twilio-auth-token", exampleToken, "--smssync-secret", exampleToken,
		"--public-unverified=false", "--rate-limit-ip", "1200", "--rate-limit-account", "1200")

	var script strings.Builder
	script.WriteString("set -euo pipefail\ntrap 'echo \"example failed: $BLOCK\" >&2' ERR\n")
	for _, ex := range examples {
		fmt.Fprintf(&script, "BLOCK='%s:%d'\necho \"# $BLOCK\"\n", name, ex.line)
		script.WriteString(strings.ReplaceAll(ex.code, "http://127.0.0.1:8080", p.base))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bash, "-c", script.String())
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "TOKEN="+exampleToken, "CURL_HOME="+work, "HOME="+work)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the examples of %s failed: %v\n%s\nserver log:\n%s", name, err, out, p.stderr)
	}
	t.Logf("%s\n%s", name, out)
}

// TestReadmeIsShort: the README is the way in for every reader; the
// details live in the guides of docs/.
func TestReadmeIsShort(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(docsRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\n"); n > 200 {
		t.Fatalf("README.md has %d lines; keep it at most 200 and move details to docs/", n)
	}
}

// apiHeading matches a route named in a heading of docs/api.md, such as
// "### `GET /api/v1/reports/{id}`".
var apiHeading = regexp.MustCompile("`(GET|POST|PUT|PATCH|DELETE) (/[^`\\s]*)`")

// TestAPIDocMatchesRoutes: docs/api.md names every route of the server's
// route table in a heading (HEAD routes aside: every page answers HEAD as
// GET), and names no route the server does not have. Path parameters are
// written {id}; the static files' catch-all {filepath...}.
func TestAPIDocMatchesRoutes(t *testing.T) {
	store, dir := datatest.NewStore(t)
	photos, err := data.OpenPhotos(dir)
	if err != nil {
		t.Fatal(err)
	}
	// With every optional gateway and store configured, so that their
	// routes are in the table.
	srv := server.New(server.Config{UploadKey: make([]byte, 32), AfricasTalkingSecret: "s"},
		server.Deps{Store: store, Settlements: store, Photos: photos, Campaigns: store, Facilities: store})
	var served []string
	for _, r := range srv.Routes() {
		if r.Method == "HEAD" {
			continue
		}
		served = append(served, r.Method+" "+docPath(r.Path))
	}
	b, err := os.ReadFile(filepath.Join(docsRoot, "docs", "api.md"))
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		for _, m := range apiHeading.FindAllStringSubmatch(line, -1) {
			documented = append(documented, m[1]+" "+m[2])
		}
	}
	for _, r := range served {
		if !slices.Contains(documented, r) {
			t.Errorf("docs/api.md has no heading for %s", r)
		}
	}
	for _, r := range documented {
		if !slices.Contains(served, r) {
			t.Errorf("docs/api.md documents %s, which the server does not have", r)
		}
	}
}

// docPath writes a gin route path as the documentation does: :id as {id},
// *filepath as {filepath...}.
func docPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		switch {
		case strings.HasPrefix(s, ":"):
			parts[i] = "{" + s[1:] + "}"
		case strings.HasPrefix(s, "*"):
			parts[i] = "{" + s[1:] + "...}"
		}
	}
	return strings.Join(parts, "/")
}

// TestRunningDocListsServeFlags: the settings table of docs/running.md has
// a row for every flag of mtaa serve, with its environment variable, and
// no row for a flag that does not exist.
func TestRunningDocListsServeFlags(t *testing.T) {
	_, help, _ := mtaaRun(t, "serve", "-h")
	served := regexp.MustCompile(`(?m)^  -([a-z0-9-]+)`).FindAllStringSubmatch(help, -1)
	if len(served) < 10 {
		t.Fatalf("mtaa serve -h lists %d flags:\n%s", len(served), help)
	}
	b, err := os.ReadFile(filepath.Join(docsRoot, "docs", "running.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile("(?m)^\\| `--([a-z0-9-]+)` \\| `(MTAA_[A-Z0-9_]+)` \\|").FindAllStringSubmatch(string(b), -1)
	documented := map[string]string{}
	for _, r := range rows {
		documented[r[1]] = r[2]
	}
	for _, f := range served {
		env, ok := documented[f[1]]
		switch {
		case !ok:
			t.Errorf("docs/running.md has no row for mtaa serve --%s", f[1])
		case env != envName(f[1]):
			t.Errorf("docs/running.md names %s for --%s, want %s", env, f[1], envName(f[1]))
		}
		delete(documented, f[1])
	}
	for name := range documented {
		t.Errorf("docs/running.md documents --%s, which mtaa serve does not have", name)
	}
}
