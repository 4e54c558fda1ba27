package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/server"
)

// TestAccountsOverHTTP manages accounts on a running server: an admin
// adds a mapper (one-time password), the mapper logs in and changes the
// password, the admin issues and revokes a token and disables the
// account; each change is in the audit log.
func TestAccountsOverHTTP(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, nil)
	r := w.as(data.RoleAdmin, http.MethodPost, "/api/v1/admin/users", `{"name":"Neema","email":"neema@example.org","role":"mapper"}`)
	created := decode[struct {
		User     struct{ ID uint64 }
		Password string
	}](t, r.Body)
	if r.Status != http.StatusCreated || created.Password == "" {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	if r := w.as(data.RoleAdmin, http.MethodPost, "/api/v1/admin/users", `{"name":"N","email":"NEEMA@example.org","role":"viewer"}`); r.Status != http.StatusConflict {
		t.Fatalf("same e-mail: %d", r.Status)
	}
	if r := w.as(data.RoleAdmin, http.MethodPost, "/api/v1/admin/users", `{"name":"N","email":"n@example.org","role":"root"}`); r.Status != http.StatusBadRequest ||
		decode[apiErr](t, r.Body).Error.Field != "role" {
		t.Fatalf("bad role: %d %s", r.Status, r.Body)
	}
	login := func(password string) int {
		return w.do(http.MethodPost, "/api/v1/login", "application/json",
			strings.NewReader(`{"email":"neema@example.org","password":"`+password+`"}`)).Status
	}
	if got := login(created.Password); got != http.StatusOK {
		t.Fatalf("login with the one-time password: %d", got)
	}
	// The token create answer is the only place the secret appears.
	r = w.as(data.RoleAdmin, http.MethodPost, "/api/v1/admin/tokens", `{"email":"neema@example.org","label":"field phone"}`)
	tok := decode[struct{ Token, ID string }](t, r.Body)
	if r.Status != http.StatusCreated || !strings.HasPrefix(tok.Token, "mtaa_") {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	bearer := []string{"Authorization", "Bearer " + tok.Token}
	change := func(current, next string) response {
		return w.do(http.MethodPost, "/api/v1/session/password", "application/json",
			strings.NewReader(`{"current_password":"`+current+`","new_password":"`+next+`"}`), bearer...)
	}
	if r := change("wrong", "a brand new passphrase"); r.Status != http.StatusForbidden {
		t.Fatalf("wrong current password: %d", r.Status)
	}
	if r := change(created.Password, "short"); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("short new password: %d", r.Status)
	}
	if r := change(created.Password, "a brand new passphrase"); r.Status != http.StatusNoContent {
		t.Fatalf("change: %d %s", r.Status, r.Body)
	}
	if login(created.Password) != http.StatusUnauthorized || login("a brand new passphrase") != http.StatusOK {
		t.Fatal("the password did not change")
	}
	if r := w.as(data.RoleAdmin, http.MethodDelete, "/api/v1/admin/tokens/"+tok.ID, ""); r.Status != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", r.Status, r.Body)
	}
	if r := w.do(http.MethodGet, "/api/v1/session", "", nil, bearer...); r.Status != http.StatusUnauthorized {
		t.Fatalf("revoked token: %d", r.Status)
	}
	if r := w.as(data.RoleAdmin, http.MethodPatch, "/api/v1/admin/users/"+uintStr(created.User.ID), `{"disabled":true}`); r.Status != http.StatusOK {
		t.Fatalf("disable: %d %s", r.Status, r.Body)
	}
	if login("a brand new passphrase") != http.StatusUnauthorized {
		t.Fatal("a disabled account logged in")
	}
	r = w.as(data.RoleAdmin, http.MethodGet, "/api/v1/admin/users", "")
	if r.Status != http.StatusOK || strings.Contains(string(r.Body), "argon2") || !strings.Contains(string(r.Body), "neema@example.org") {
		t.Fatalf("list: %d %s", r.Status, r.Body)
	}
	var actions []string
	w.store.EachAudit(0, func(e data.AuditEntry) bool {
		if e.UserID == created.User.ID {
			actions = append(actions, e.Action)
		}
		return true
	})
	want := []string{data.ActionUserCreate, data.ActionTokenCreate, data.ActionUserPassword, data.ActionTokenRevoke, data.ActionUserDisable}
	if strings.Join(actions, ",") != strings.Join(want, ",") {
		t.Fatalf("audit actions %v, want %v", actions, want)
	}
}

// TestChangePasswordEndsOtherSessions: a password changed from one browser
// session ends the account's other sessions (someone who knew the old
// password may hold one) and keeps the one that made the change; other
// accounts' sessions go on.
func TestChangePasswordEndsOtherSessions(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, nil)
	here, csrf := w.login(data.RoleModerator)
	there, _ := w.login(data.RoleModerator)
	other, _ := w.login(data.RoleViewer)
	// open tells whether c's session is open: an ended one reads as
	// anonymous (200 {"user":null}).
	open := func(c *http.Cookie) bool {
		r := w.do(http.MethodGet, "/api/v1/session", "", nil, withCookie(c)...)
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), `"user":{`)
	}
	if !open(here) || !open(there) {
		t.Fatal("sessions do not work before the change")
	}
	r := w.do(http.MethodPost, "/api/v1/session/password", "application/json",
		strings.NewReader(`{"current_password":"`+passwordOf(data.RoleModerator)+`","new_password":"a brand new passphrase"}`),
		append(withCookie(here), server.CSRFHeader, csrf)...)
	if r.Status != http.StatusNoContent {
		t.Fatalf("change: %d %s", r.Status, r.Body)
	}
	if !open(here) {
		t.Fatal("the session that changed the password ended")
	}
	if open(there) {
		t.Fatal("the account's other session is still open")
	}
	if !open(other) {
		t.Fatal("another account's session ended")
	}
}
