package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data/datatest"
)

// TestWebInBrowser runs the browser tests of the web UI (web/test/run.mjs:
// playwright-core driving Debian's Chromium headless) against `mtaa serve`
// with the Delaware extract imported. `make test-deps` installs Chromium
// and playwright-core; without them the test is skipped and says how to get
// them (with CI=true it fails instead). Screenshots are kept in web/test/artifacts (or $MTAA_WEB_ARTIFACTS).
func TestWebInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests take several minutes; not in -short")
	}
	testDir, err := filepath.Abs(filepath.Join("..", "..", "web", "test"))
	if err != nil {
		t.Fatal(err)
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	node, err := exec.LookPath("node")
	if err != nil {
		datatest.SkipOrFailInCI(t, "node is not installed: run `make test-deps`")
	}
	if _, err := os.Stat(chromium); err != nil {
		datatest.SkipOrFailInCI(t, "no Chromium at %s: run `make test-deps` (apt-get install chromium)", chromium)
	}
	if _, err := os.Stat(filepath.Join(testDir, "node_modules", "playwright-core")); err != nil {
		datatest.SkipOrFailInCI(t, "playwright-core is not installed: run `make test-deps` (npm ci in web/test)")
	}
	artifacts := os.Getenv("MTAA_WEB_ARTIFACTS")
	if artifacts == "" {
		artifacts = filepath.Join(testDir, "artifacts")
	}

	// The main server shows new reports to the public (most checks read
	// them back anonymously); the strict one runs with the defaults (only
	// verified reports are public) for the login and moderation check.
	// Each has a moderator account, made before the server starts.
	const adminToken = "browser-test-admin-token"
	const modEmail = "moderator@example.org"
	osmFile := osmTestdata(t, "delaware-latest.osm.pbf")
	mainDir, strictDir := t.TempDir(), t.TempDir()
	mainPassword, strictPassword := addModerator(t, mainDir, modEmail), addModerator(t, strictDir, modEmail)
	const mapperEmail = "mapper@example.org"
	mapperPassword := addAccount(t, mainDir, "mapper", "Test Mapper", mapperEmail)
	const smssyncSecret = "browser-test-smssync"
	p := startServe(t, mainDir, "--osm", osmFile, "--admin-token", adminToken, "--smssync-secret", smssyncSecret)
	strict := startServe(t, strictDir, "--osm", osmFile, "--public-unverified=false")
	// The moderator and the mapper replace their one-time passwords, as
	// a first login must, before the browser logs in with the chosen ones.
	mainPassword, strictPassword = choosePassword(t, p.base, modEmail, mainPassword), choosePassword(t, strict.base, modEmail, strictPassword)
	mapperPassword = choosePassword(t, p.base, mapperEmail, mapperPassword)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join(testDir, "run.mjs"), p.base, artifacts)
	cmd.Dir = testDir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium, "MTAA_ADMIN_TOKEN="+adminToken,
		"MTAA_MODERATOR_EMAIL="+modEmail, "MTAA_MODERATOR_PASSWORD="+mainPassword,
		"MTAA_STRICT_BASE="+strict.base, "MTAA_STRICT_MODERATOR_PASSWORD="+strictPassword,
		"MTAA_MAPPER_EMAIL="+mapperEmail, "MTAA_MAPPER_PASSWORD="+mapperPassword, "MTAA_SMSSYNC_SECRET="+smssyncSecret)
	out, err := cmd.CombinedOutput()
	t.Logf("node web/test/run.mjs %s\n%s", p.base, out)
	if err != nil {
		t.Fatalf("browser tests failed: %v\nserver log:\n%s\nstrict server log:\n%s", err, p.stderr, strict.stderr)
	}
}

// addModerator creates a moderator account in dataDir with `mtaa user add`
// and answers the one-time password it printed.
func addModerator(t *testing.T, dataDir, email string) string {
	t.Helper()
	return addAccount(t, dataDir, "moderator", "Test Moderator", email)
}

// addAccount creates an account of role in dataDir with `mtaa user add`
// and answers the one-time password it printed.
func addAccount(t *testing.T, dataDir, role, name, email string) string {
	t.Helper()
	out := mustRun(t, "user", "add", "--data", dataDir, "--role", role, "--name", name, "--email", email)
	m := passwordRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("mtaa user add printed no one-time password:\n%s", out)
	}
	return m[1]
}

// choosePassword logs in at base with a one-time password and replaces it
// (the only thing such a session may do); it answers the new password.
func choosePassword(t *testing.T, base, email, oneTime string) string {
	t.Helper()
	r := call(t, "POST", base+"/api/v1/login", `{"email":"`+email+`","password":"`+oneTime+`"}`)
	var s struct {
		CSRFToken string `json:"csrf_token"`
	}
	if r.status != 200 || json.Unmarshal([]byte(r.body), &s) != nil {
		t.Fatalf("login with the one-time password: %d %s", r.status, r.body)
	}
	chosen := "chosen " + oneTime
	c := call(t, "POST", base+"/api/v1/session/password", `{"current_password":"`+oneTime+`","new_password":"`+chosen+`"}`,
		"Cookie", cookieOf(r.header), "X-CSRF-Token", s.CSRFToken)
	if c.status != 204 {
		t.Fatalf("choosing a password: %d %s", c.status, c.body)
	}
	return chosen
}

// cookieOf is the name=value of the first cookie a response set.
func cookieOf(h http.Header) string {
	c, _, _ := strings.Cut(h.Get("Set-Cookie"), ";")
	return c
}
