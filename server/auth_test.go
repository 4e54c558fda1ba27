package server_test

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

const bootstrapToken = "bootstrap-admin-token-0123456789"

// accountWorld is a server over a real store with one account and one
// API token per role, and a clock the test moves.
type accountWorld struct {
	*testServer
	srv    *server.Server
	clock  *time.Time
	users  map[data.Role]data.User
	tokens map[data.Role]string
}

func passwordOf(role data.Role) string { return "correct horse battery " + string(role) }

// newAccountWorld builds the world; deps, when not nil, adds services
// built over the store.
func newAccountWorld(t *testing.T, cfg server.Config, withDeps func(*data.Store) server.Deps) *accountWorld {
	t.Helper()
	st, dir := datatest.NewStore(t)
	clock := now
	cfg.AdminToken = bootstrapToken
	var deps server.Deps
	if withDeps != nil {
		deps = withDeps(st)
	}
	deps.Store = st
	deps.Now = func() time.Time { return clock }
	srv := server.New(cfg, deps)
	w := &accountWorld{testServer: &testServer{t: t, store: st, dir: dir, h: srv.Handler()}, srv: srv, clock: &clock,
		users: map[data.Role]data.User{}, tokens: map[data.Role]string{}}
	ctx := context.Background()
	for _, role := range data.AccountRoles {
		hash, err := data.HashPassword(passwordOf(role))
		if err != nil {
			t.Fatal(err)
		}
		u, err := st.CreateUser(ctx, data.User{Name: "The " + string(role), Email: string(role) + "@example.org", Role: role,
			PasswordHash: hash, CreatedAt: now, PasswordChangedAt: now}, data.Actor{Name: "test"})
		if err != nil {
			t.Fatal(err)
		}
		secret, _, err := st.CreateToken(ctx, u.Email, "", "test", data.Actor{Name: "test"}, now)
		if err != nil {
			t.Fatal(err)
		}
		w.users[role], w.tokens[role] = u, secret
	}
	return w
}

// as sends a request with role's API token (none for the public).
func (w *accountWorld) as(role data.Role, method, target, body string, header ...string) response {
	w.t.Helper()
	if tok := w.tokens[role]; tok != "" {
		header = append(header, "Authorization", "Bearer "+tok)
	}
	ct := ""
	if body != "" {
		ct = "application/json"
	}
	return w.do(method, target, ct, strings.NewReader(body), header...)
}

// login logs in as role from a browser and returns the session cookie and
// the CSRF token.
func (w *accountWorld) login(role data.Role) (*http.Cookie, string) {
	w.t.Helper()
	r := w.do(http.MethodPost, "/api/v1/login", "application/json",
		strings.NewReader(`{"email":"`+string(role)+`@example.org","password":"`+passwordOf(role)+`"}`))
	if r.Status != http.StatusOK {
		w.t.Fatalf("login: %d %s", r.Status, r.Body)
	}
	cookies := (&http.Response{Header: r.Header}).Cookies()
	if len(cookies) != 1 {
		w.t.Fatalf("login set %d cookies", len(cookies))
	}
	body := decode[struct {
		CSRFToken string `json:"csrf_token"`
		User      struct{ Role data.Role }
	}](w.t, r.Body)
	if body.CSRFToken == "" || body.User.Role != role {
		w.t.Fatalf("login answer %s", r.Body)
	}
	return cookies[0], body.CSRFToken
}

func withCookie(c *http.Cookie) []string { return []string{"Cookie", c.Name + "=" + c.Value} }

func TestLoginCookieAttributes(t *testing.T) {
	for _, tt := range []struct {
		name, publicURL string
		secure          bool
	}{
		{"http", "http://mtaa.test", false},
		{"https", "https://mtaa.example.org", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newAccountWorld(t, server.Config{PublicURL: tt.publicURL}, nil)
			c, _ := w.login(data.RoleViewer)
			if c.Name != server.SessionCookie || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != tt.secure || c.Path != "/" {
				t.Fatalf("cookie %+v", c)
			}
			if r := w.do(http.MethodGet, "/api/v1/session", "", nil, withCookie(c)...); r.Status != http.StatusOK ||
				decode[struct{ User struct{ Email string } }](t, r.Body).User.Email != "viewer@example.org" {
				t.Fatalf("session: %d %s", r.Status, r.Body)
			}
		})
	}
}

// TestCSRF: a write authenticated by the session cookie needs the
// session's CSRF token; without it nothing is stored.
func TestCSRF(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, nil)
	cookie, csrf := w.login(data.RoleMapper)
	body := `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.25,-6.8]},"properties":{"category":"flood"}}`
	before := w.fileHash()
	for _, tt := range []struct {
		name  string
		token string
	}{{"no token", ""}, {"wrong token", csrf + "x"}, {"another session's token", ""}} {
		t.Run(tt.name, func(t *testing.T) {
			token := tt.token
			if tt.name == "another session's token" {
				_, token = w.login(data.RoleMapper)
				before = w.fileHash()
			}
			h := withCookie(cookie)
			if token != "" {
				h = append(h, server.CSRFHeader, token)
			}
			r := w.post(body, h...)
			if r.Status != http.StatusForbidden || decode[apiErr](t, r.Body).Error.Code != "csrf_failed" {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			if w.fileHash() != before || w.store.Extent().Count != 0 {
				t.Fatal("a refused write changed the store")
			}
		})
	}
	r := w.post(body, append(withCookie(cookie), server.CSRFHeader, csrf)...)
	if r.Status != http.StatusCreated {
		t.Fatalf("with the CSRF token: %d %s", r.Status, r.Body)
	}
	got, _ := w.store.Get(decode[feature](t, r.Body).ID)
	if got.SubmittedBy != w.users[data.RoleMapper].ID {
		t.Fatalf("submitted_by %d", got.SubmittedBy)
	}
	// A bearer token needs no CSRF token: it is never sent by a browser on
	// its own.
	if r := w.as(data.RoleMapper, http.MethodPost, "/api/v1/reports", body); r.Status != http.StatusCreated {
		t.Fatalf("bearer: %d %s", r.Status, r.Body)
	}
	// Logging in again from a browser holding a session needs no CSRF
	// token (the old token may be lost); it starts a new session.
	if again, _ := w.login(data.RoleMapper); again.Value == cookie.Value {
		t.Fatal("login reused the session id")
	}
	if r := w.do(http.MethodPost, "/api/v1/login", "application/json",
		strings.NewReader(`{"email":"viewer@example.org","password":"`+passwordOf(data.RoleViewer)+`"}`), withCookie(cookie)...); r.Status != http.StatusOK {
		t.Fatalf("login with a session cookie: %d %s", r.Status, r.Body)
	}
	// Logout (a write too) ends the session.
	if r := w.do(http.MethodPost, "/api/v1/logout", "", nil, withCookie(cookie)...); r.Status != http.StatusForbidden {
		t.Fatalf("logout without CSRF: %d", r.Status)
	}
	if r := w.do(http.MethodPost, "/api/v1/logout", "", nil, append(withCookie(cookie), server.CSRFHeader, csrf)...); r.Status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", r.Status, r.Body)
	}
	// The ended session reads as anonymous: 200 {"user":null}, not 401,
	// so that pages asking on load log no error.
	if r := w.do(http.MethodGet, "/api/v1/session", "", nil, withCookie(cookie)...); r.Status != http.StatusOK || string(r.Body) != `{"user":null}` {
		t.Fatalf("session after logout: %d %s", r.Status, r.Body)
	}
	if r := w.do(http.MethodGet, "/api/v1/session", "", nil); r.Status != http.StatusOK || string(r.Body) != `{"user":null}` {
		t.Fatalf("anonymous session: %d %s", r.Status, r.Body)
	}
}

func TestTokenRevocation(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, nil)
	if r := w.as(data.RoleModerator, http.MethodGet, "/api/v1/session", ""); r.Status != http.StatusOK {
		t.Fatalf("before: %d %s", r.Status, r.Body)
	}
	toks, _ := w.store.Tokens()
	var id string
	for _, tok := range toks {
		if tok.UserID == w.users[data.RoleModerator].ID {
			id = tok.ID
		}
	}
	if _, err := w.store.RevokeToken(context.Background(), id, data.Actor{Name: "test"}, now); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"/api/v1/session", "/api/v1/categories"} {
		r := w.as(data.RoleModerator, http.MethodGet, target, "")
		if e := decode[apiErr](t, r.Body); r.Status != http.StatusUnauthorized || e.Error.Code != "invalid_token" ||
			!strings.Contains(r.Header.Get("WWW-Authenticate"), "invalid_token") {
			t.Fatalf("%s after revoke: %d %s", target, r.Status, r.Body)
		}
	}
}

// TestLoginLockout: N wrong passwords lock the account; the right
// password is refused until the lockout ends.
func TestLoginLockout(t *testing.T) {
	w := newAccountWorld(t, server.Config{Login: data.LoginPolicy{MaxFailures: 3, Lockout: 10 * time.Minute}}, nil)
	try := func(password string) response {
		return w.do(http.MethodPost, "/api/v1/login", "application/json",
			strings.NewReader(`{"email":"moderator@example.org","password":"`+password+`"}`))
	}
	// The lock is not announced: a locked account answers as an unknown
	// e-mail does (issue 15: account_locked told which e-mails exist).
	unknown := w.do(http.MethodPost, "/api/v1/login", "application/json", strings.NewReader(`{"email":"nobody@example.org","password":"guess"}`))
	for i := range 3 {
		if r := try("guess"); r.Status != http.StatusUnauthorized || !bytes.Equal(r.Body, unknown.Body) || r.Header.Get("Retry-After") != "" {
			t.Fatalf("wrong password %d: %d %s, want the unknown account's %d %s", i+1, r.Status, r.Body, unknown.Status, unknown.Body)
		}
	}
	if r := try(passwordOf(data.RoleModerator)); r.Status != http.StatusUnauthorized || !bytes.Equal(r.Body, unknown.Body) {
		t.Fatalf("right password while locked: %d %s", r.Status, r.Body)
	}
	*w.clock = w.clock.Add(10*time.Minute + time.Second)
	if r := try(passwordOf(data.RoleModerator)); r.Status != http.StatusOK {
		t.Fatalf("after the lockout: %d %s", r.Status, r.Body)
	}
	// A disabled account cannot log in, and its token stops working.
	if _, err := w.store.UpdateUser(context.Background(), "moderator@example.org", data.Actor{Name: "test"}, data.ActionUserDisable, now,
		func(u *data.User) error { u.Disabled = true; return nil }); err != nil {
		t.Fatal(err)
	}
	if r := try(passwordOf(data.RoleModerator)); r.Status != http.StatusUnauthorized {
		t.Fatalf("disabled: %d", r.Status)
	}
	if r := w.as(data.RoleModerator, http.MethodGet, "/api/v1/session", ""); r.Status != http.StatusUnauthorized {
		t.Fatalf("token of a disabled account: %d", r.Status)
	}
}

func TestRateLimits(t *testing.T) {
	w := newAccountWorld(t, server.Config{RateLimits: server.RateLimits{
		WritesPerIP:      server.Rate{PerMinute: 60, Burst: 3},
		WritesPerAccount: server.Rate{PerMinute: 60, Burst: 2},
		LoginsPerIP:      server.Rate{PerMinute: 1, Burst: 2},
	}}, nil)
	body := `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.25,-6.8]},"properties":{"category":"flood"}}`
	// Per account: the mapper's third write is refused, wherever it comes
	// from.
	for i, want := range []int{201, 201, 429} {
		r := w.as(data.RoleMapper, http.MethodPost, "/api/v1/reports", body)
		if r.Status != want {
			t.Fatalf("mapper write %d: %d %s", i+1, r.Status, r.Body)
		}
	}
	// Per IP: the anonymous write is the fourth from this address.
	if r := w.post(body); r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
		t.Fatalf("fourth write from one IP: %d", r.Status)
	}
	// Reads are not limited.
	if r := w.get("/api/v1/categories"); r.Status != http.StatusOK {
		t.Fatalf("read: %d", r.Status)
	}
	*w.clock = w.clock.Add(time.Minute)
	if r := w.post(body); r.Status != http.StatusCreated {
		t.Fatalf("a minute later: %d %s", r.Status, r.Body)
	}
	login := func() int {
		return w.do(http.MethodPost, "/api/v1/login", "application/json", strings.NewReader(`{"email":"viewer@example.org","password":"x"}`)).Status
	}
	if a, b, c := login(), login(), login(); a != 401 || b != 401 || c != 429 {
		t.Fatalf("logins: %d %d %d", a, b, c)
	}
}

func TestSecurityHeadersAndCORS(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, nil)
	res, _ := w.store.Create(context.Background(), verifiedReport())
	for _, tt := range []struct {
		role         data.Role
		method, path string
		cors         bool
	}{
		{data.RolePublic, http.MethodGet, "/ogc/collections/reports/items", true},
		{data.RolePublic, http.MethodGet, "/api/v1/reports/" + uintStr(res.Report.ID), true},
		{data.RolePublic, http.MethodPost, "/api/v1/reports", false},
		{data.RoleModerator, http.MethodGet, "/api/v1/reports/" + uintStr(res.Report.ID) + "/audit", false},
		{data.RoleAdmin, http.MethodGet, "/api/v1/admin/audit", false},
	} {
		r := w.as(tt.role, tt.method, tt.path, "")
		h := r.Header
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") == "" ||
			!strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") ||
			h.Get("Content-Security-Policy") != "default-src 'none'; frame-ancestors 'none'" {
			t.Errorf("%s %s: security headers %v", tt.method, tt.path, h)
		}
		if got := h.Get("Access-Control-Allow-Origin") == "*"; got != tt.cors {
			t.Errorf("%s %s: CORS %v, want %v", tt.method, tt.path, got, tt.cors)
		}
	}
	// Bodies above MaxBodyBytes are refused on the new write routes too.
	big := `{"note":"` + strings.Repeat("a", server.MaxBodyBytes) + `"}`
	if r := w.as(data.RoleModerator, http.MethodPatch, "/api/v1/reports/"+uintStr(res.Report.ID), big); r.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("big PATCH: %d", r.Status)
	}
}

func verifiedReport() data.Report {
	r := datatest.Report(orb.Point{39.25, -6.80}, "flood", now.Add(-time.Hour))
	r.Status = data.StatusVerified
	return r
}

func uintStr(v uint64) string { return strconv.FormatUint(v, 10) }

// TestOneTimePasswordSession: an account that logs in with its one-time
// password gets password_change_required, and its session may only read
// itself, change the password and log out (403 password_change_required
// elsewhere) until it chose its own; a one-time password older than a day
// is refused with password_expired.
func TestOneTimePasswordSession(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, nil)
	hash, _ := data.HashPassword("one-time secret words")
	if _, err := w.store.CreateUser(context.Background(), data.User{Name: "New", Email: "new@example.org", Role: data.RoleModerator,
		PasswordHash: hash, CreatedAt: now}, data.Actor{Name: "test"}); err != nil {
		t.Fatal(err)
	}
	login := func(password string) response {
		return w.do(http.MethodPost, "/api/v1/login", "application/json", strings.NewReader(`{"email":"new@example.org","password":"`+password+`"}`))
	}
	r := login("one-time secret words")
	body := decode[struct {
		CSRFToken              string `json:"csrf_token"`
		PasswordChangeRequired bool   `json:"password_change_required"`
	}](t, r.Body)
	if r.Status != http.StatusOK || !body.PasswordChangeRequired {
		t.Fatalf("login: %d %s", r.Status, r.Body)
	}
	cookie := (&http.Response{Header: r.Header}).Cookies()[0]
	as := func(method, target, payload string) response {
		return w.do(method, target, "application/json", strings.NewReader(payload), "Cookie", cookie.String(), server.CSRFHeader, body.CSRFToken)
	}
	if r := as(http.MethodGet, "/api/v1/reports/1/audit", ""); r.Status != http.StatusForbidden || decode[apiErr](t, r.Body).Error.Code != "password_change_required" {
		t.Fatalf("a moderator route before the change: %d %s", r.Status, r.Body)
	}
	if r := as(http.MethodGet, "/api/v1/session", ""); r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"password_change_required":true`) {
		t.Fatalf("session: %d %s", r.Status, r.Body)
	}
	if r := as(http.MethodPost, "/api/v1/session/password", `{"current_password":"one-time secret words","new_password":"my own long passphrase"}`); r.Status != http.StatusNoContent {
		t.Fatalf("change: %d %s", r.Status, r.Body)
	}
	if r := as(http.MethodGet, "/api/v1/reports/1/audit", ""); r.Status == http.StatusForbidden {
		t.Fatalf("after the change: %d %s", r.Status, r.Body)
	}

	if _, err := w.store.CreateUser(context.Background(), data.User{Name: "Late", Email: "late@example.org", Role: data.RoleViewer,
		PasswordHash: hash, CreatedAt: now}, data.Actor{Name: "test"}); err != nil {
		t.Fatal(err)
	}
	*w.clock = now.Add(25 * time.Hour)
	late := w.do(http.MethodPost, "/api/v1/login", "application/json", strings.NewReader(`{"email":"late@example.org","password":"one-time secret words"}`))
	if late.Status != http.StatusUnauthorized || decode[apiErr](t, late.Body).Error.Code != "password_expired" {
		t.Fatalf("a day-old one-time password: %d %s", late.Status, late.Body)
	}
}
