package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// mtaaRun runs the built binary and returns its stdout, stderr and error.
func mtaaRun(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	cmd := exec.Command(mtaaBinary(t), args...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, err := mtaaRun(t, args...)
	if err != nil {
		t.Fatalf("mtaa %s: %v\n%s%s", strings.Join(args, " "), err, out, errOut)
	}
	return out
}

var passwordRE = regexp.MustCompile(`one-time password \(shown only now\): (\S+)`)

type httpResult struct {
	status int
	header http.Header
	body   string
}

// call makes one request to the running server, a body as JSON unless
// header names another Content-Type, and returns the whole answer.
func call(t *testing.T, method, url, body string, header ...string) httpResult {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return httpResult{resp.StatusCode, resp.Header, string(b)}
}

// TestAccountsE2E drives accounts as an operator does: mtaa user add and
// token create with the built binary, then the server's defaults (new
// reports hidden from the public), a mapper's report, a moderator's PATCH
// by token and by browser login with CSRF, the audit trail, and token
// revocation and account disabling across a restart.
func TestAccountsE2E(t *testing.T) {
	dir := t.TempDir()
	out := mustRun(t, "user", "add", "--data", dir, "--role", "moderator", "--name", "Amina Mushi", "--email", "amina@example.org")
	m := passwordRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no password printed: %q", out)
	}
	password := m[1]
	mustRun(t, "user", "add", "--data", dir, "--role", "mapper", "--name", "Juma", "--email", "juma@example.org")
	if _, errOut, err := mtaaRun(t, "user", "add", "--data", dir, "--role", "chief", "--name", "X", "--email", "x@example.org"); err == nil ||
		!strings.Contains(errOut, "user add: --role: ") {
		t.Fatalf("bad role accepted: %v %s", err, errOut)
	}
	if _, errOut, err := mtaaRun(t, "user", "add", "--data", dir, "--role", "viewer", "--name", "Again", "--email", "AMINA@example.org"); err == nil {
		t.Fatalf("a second account with one e-mail: %s", errOut)
	}
	modToken := strings.TrimSpace(mustRun(t, "token", "create", "--data", dir, "--user", "amina@example.org"))
	mapperToken := strings.TrimSpace(mustRun(t, "token", "create", "--data", dir, "--user", "juma@example.org"))
	if !strings.HasPrefix(modToken, "mtaa_") || len(modToken) < 40 {
		t.Fatalf("token %q", modToken)
	}
	if _, errOut, err := mtaaRun(t, "token", "create", "--data", dir, "--user", "juma@example.org", "--scope", "admin"); err == nil ||
		!strings.Contains(errOut, "token create: --scope: ") {
		t.Fatalf("a mapper got an admin token, or the refusal names no flag: %v %s", err, errOut)
	}
	if _, errOut, err := mtaaRun(t, "token", "create", "--data", dir, "--email", "nobody@example.org"); err == nil ||
		!strings.Contains(errOut, "token create: --email: no account nobody@example.org") {
		t.Fatalf("a token for no account: %v %s", err, errOut)
	}
	list := mustRun(t, "user", "list", "--data", dir)
	if !strings.Contains(list, "amina@example.org") || !strings.Contains(list, "mapper") || strings.Contains(list, password) {
		t.Fatalf("user list:\n%s", list)
	}
	raw, _ := os.ReadFile(dir + "/mtaa.db")
	if strings.Contains(string(raw), modToken) || strings.Contains(string(raw), password) {
		t.Fatal("a token or password is stored in clear")
	}

	// The server's defaults: new reports are not public, writes limited.
	p := startServe(t, dir, "--public-unverified=false", "--rate-limit-ip", "1200", "--rate-limit-account", "1200")
	mod, mapper := []string{"Authorization", "Bearer " + modToken}, []string{"Authorization", "Bearer " + mapperToken}
	report := `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]},"properties":{"category":"flood"}}`
	r := call(t, "POST", p.base+"/api/v1/reports", report, mapper...)
	if r.status != 201 {
		t.Fatalf("mapper POST: %d %s", r.status, r.body)
	}
	item := p.base + "/api/v1/reports/1"
	if r := call(t, "GET", item, ""); r.status != 404 {
		t.Fatalf("public GET of a new report: %d", r.status)
	}
	if r := call(t, "GET", item, "", mapper...); r.status != 200 {
		t.Fatalf("mapper GET of its own report: %d", r.status)
	}
	if r := call(t, "PATCH", item, `{"status":"verified"}`); r.status != 401 {
		t.Fatalf("anonymous PATCH: %d", r.status)
	}
	if r := call(t, "PATCH", item, `{"status":"verified"}`, mapper...); r.status != 403 {
		t.Fatalf("mapper PATCH: %d", r.status)
	}
	if r := call(t, "PATCH", item, `{"status":"verified","note":"seen on site"}`, mod...); r.status != 200 || !strings.Contains(r.body, `"status":"verified"`) {
		t.Fatalf("moderator PATCH: %d %s", r.status, r.body)
	}
	if r := call(t, "GET", item, ""); r.status != 200 || strings.Contains(r.body, "seen on site") {
		t.Fatalf("public GET of a verified report: %d %s", r.status, r.body)
	}

	// Browser login: the cookie alone cannot PATCH; with the CSRF token
	// it can.
	login := call(t, "POST", p.base+"/api/v1/login", `{"email":"amina@example.org","password":"`+password+`"}`)
	if login.status != 200 {
		t.Fatalf("login: %d %s", login.status, login.body)
	}
	cookie := strings.Split(login.header.Get("Set-Cookie"), ";")[0]
	if !strings.Contains(login.header.Get("Set-Cookie"), "HttpOnly") {
		t.Fatalf("cookie %s", login.header.Get("Set-Cookie"))
	}
	var sess struct {
		CSRFToken string `json:"csrf_token"`
	}
	json.Unmarshal([]byte(login.body), &sess)
	// A one-time password opens a session that must choose its own first.
	if r := call(t, "PATCH", item, `{"status":"in_progress"}`, "Cookie", cookie, "X-CSRF-Token", sess.CSRFToken); r.status != 403 ||
		!strings.Contains(r.body, "password_change_required") {
		t.Fatalf("PATCH before choosing a password: %d %s", r.status, r.body)
	}
	if r := call(t, "POST", p.base+"/api/v1/session/password", `{"current_password":"`+password+`","new_password":"Amina's own passphrase"}`,
		"Cookie", cookie, "X-CSRF-Token", sess.CSRFToken); r.status != 204 {
		t.Fatalf("choosing a password: %d %s", r.status, r.body)
	}
	if r := call(t, "PATCH", item, `{"status":"in_progress"}`, "Cookie", cookie); r.status != 403 {
		t.Fatalf("cookie PATCH without CSRF token: %d %s", r.status, r.body)
	}
	if r := call(t, "PATCH", item, `{"status":"in_progress"}`, "Cookie", cookie, "X-CSRF-Token", sess.CSRFToken); r.status != 200 {
		t.Fatalf("cookie PATCH with CSRF token: %d %s", r.status, r.body)
	}
	audit := call(t, "GET", item+"/audit", "", mod...)
	var log struct {
		Entries []struct {
			Action string
			Actor  struct{ Name string }
			Note   string
		}
	}
	json.Unmarshal([]byte(audit.body), &log)
	if audit.status != 200 || len(log.Entries) != 2 || log.Entries[0].Note != "seen on site" || !strings.Contains(log.Entries[1].Actor.Name, "amina@example.org") {
		t.Fatalf("audit: %d %s", audit.status, audit.body)
	}

	// Revoke the mapper's token and disable the moderator, server stopped.
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	p.wait(t)
	tokens := mustRun(t, "token", "list", "--data", dir)
	var mapperTokenID string
	for _, line := range strings.Split(tokens, "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[1] == "2" {
			mapperTokenID = f[0]
		}
	}
	mustRun(t, "token", "revoke", "--data", dir, "--id", mapperTokenID)
	mustRun(t, "user", "disable", "--data", dir, "--email", "amina@example.org")
	p = startServe(t, dir)
	item = p.base + "/api/v1/reports/1"
	if r := call(t, "POST", p.base+"/api/v1/reports", report, mapper...); r.status != 401 {
		t.Fatalf("revoked token: %d %s", r.status, r.body)
	}
	if r := call(t, "GET", item+"/audit", "", mod...); r.status != 401 {
		t.Fatalf("token of a disabled account: %d", r.status)
	}
	if r := call(t, "POST", p.base+"/api/v1/login", `{"email":"amina@example.org","password":"`+password+`"}`); r.status != 401 {
		t.Fatalf("login of a disabled account: %d", r.status)
	}
}

// TestResetPasswordE2E: mtaa user reset-password, with the server stopped,
// prints a new one-time password; after a restart the old password and
// the account's old browser session no longer work, the new password does,
// and the admin audit log records the reset without any password.
func TestResetPasswordE2E(t *testing.T) {
	dir := t.TempDir()
	out := mustRun(t, "user", "add", "--data", dir, "--role", "moderator", "--name", "Amina Mushi", "--email", "amina@example.org")
	old := passwordRE.FindStringSubmatch(out)[1]
	admin := passwordRE.FindStringSubmatch(mustRun(t, "user", "add", "--data", dir, "--role", "admin", "--name", "Admin", "--email", "admin@example.org"))[1]
	login := func(p *process, email, password string) (int, string) {
		r := call(t, "POST", p.base+"/api/v1/login", `{"email":"`+email+`","password":"`+password+`"}`)
		return r.status, strings.Split(r.header.Get("Set-Cookie"), ";")[0]
	}
	p := startServe(t, dir)
	status, cookie := login(p, "amina@example.org", old)
	if status != 200 || call(t, "GET", p.base+"/api/v1/session", "", "Cookie", cookie).status != 200 {
		t.Fatalf("login before the reset: %d", status)
	}
	if _, errOut, err := mtaaRun(t, "user", "reset-password", "--data", dir, "--email", "amina@example.org"); err == nil ||
		!strings.Contains(errOut, "stop mtaa serve") {
		t.Fatalf("reset while the server runs: %v %s", err, errOut)
	}
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	p.wait(t)

	if _, errOut, err := mtaaRun(t, "user", "reset-password", "--data", dir, "--email", "nobody@example.org"); err == nil ||
		!strings.Contains(errOut, "nobody@example.org") {
		t.Fatalf("reset of an unknown account: %v %s", err, errOut)
	}
	out = mustRun(t, "user", "reset-password", "--data", dir, "--email", "AMINA@example.org")
	m := passwordRE.FindStringSubmatch(out)
	if m == nil || m[1] == old {
		t.Fatalf("reset printed %q", out)
	}
	p = startServe(t, dir)
	// An ended session reads as anonymous: 200 {"user":null}.
	if r := call(t, "GET", p.base+"/api/v1/session", "", "Cookie", cookie); r.status != 200 || !strings.Contains(r.body, `"user":null`) {
		t.Fatalf("the old session after the reset: %d %s", r.status, r.body)
	}
	if status, _ := login(p, "amina@example.org", old); status != 401 {
		t.Fatalf("old password after the reset: %d", status)
	}
	if status, _ := login(p, "amina@example.org", m[1]); status != 200 {
		t.Fatalf("new password: %d", status)
	}
	_, adminCookie := login(p, "admin@example.org", choosePassword(t, p.base, "admin@example.org", admin))
	r := call(t, "GET", p.base+"/api/v1/admin/audit", "", "Cookie", adminCookie)
	if r.status != 200 || !strings.Contains(r.body, `"user.password"`) || !strings.Contains(r.body, `"password_reset_at"`) ||
		strings.Contains(r.body, m[1]) || strings.Contains(r.body, "password_hash") {
		t.Fatalf("admin audit: %d %s", r.status, r.body)
	}
}
