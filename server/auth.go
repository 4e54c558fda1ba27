package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// accountStore is what accounts, login and moderation need from storage;
// *data.Store implements it.
type accountStore interface {
	credentialStore
	moderationStore
	userAdminStore
}

// credentialStore checks API tokens, sessions and passwords.
type credentialStore interface {
	TokenUser(secret string) (data.User, data.APIToken, error)
	SessionUser(secret string, now time.Time) (data.User, data.Session, error)
	CreateSession(ctx context.Context, userID uint64, now time.Time, ttl time.Duration) (string, data.Session, error)
	DeleteSession(ctx context.Context, secret string) error
	Authenticate(ctx context.Context, email, password, from string, now time.Time, policy data.LoginPolicy) (data.User, error)
}

// moderationStore changes reports and reads the audit log.
type moderationStore interface {
	UpdateReport(ctx context.Context, id uint64, u data.ReportUpdate) (before, after data.Report, err error)
	ReportAudit(reportID uint64) ([]data.AuditEntry, error)
	EachAudit(after uint64, fn func(data.AuditEntry) bool) error
}

// userAdminStore manages accounts and API tokens.
type userAdminStore interface {
	SubmittedBy(userID uint64) ([]uint64, error)
	CreateUser(ctx context.Context, u data.User, actor data.Actor) (data.User, error)
	User(id uint64) (data.User, error)
	Users() ([]data.User, error)
	UpdateUser(ctx context.Context, email string, actor data.Actor, action string, at time.Time, change func(*data.User) error) (data.User, error)
	SetPassword(ctx context.Context, email, hash string, reset bool, keep string, actor data.Actor, at time.Time) (data.User, error)
	CreateToken(ctx context.Context, email string, scope data.Role, label string, actor data.Actor, now time.Time) (string, data.APIToken, error)
	Tokens() ([]data.APIToken, error)
	RevokeToken(ctx context.Context, id string, actor data.Actor, now time.Time) (data.APIToken, error)
}

var _ accountStore = (*data.Store)(nil)

// SessionCookie is the name of the browser session cookie.
const SessionCookie = "mtaa_session"

// CSRFHeader is the request header that must carry the session's CSRF
// token on every unsafe request (POST, PATCH, PUT, DELETE) authenticated
// by the session cookie.
const CSRFHeader = "X-CSRF-Token"

// Ways a principal authenticated.
const (
	viaNone       = ""
	viaToken      = "token"
	viaSession    = "session"
	viaAdminToken = "admin-token"
)

// principal is who makes a request and with what rights.
type principal struct {
	role    data.Role
	user    data.User // zero for the public and the bootstrap admin token
	via     string
	csrf    string // the session's CSRF token
	session string // the session id (cookie value), for logout
	tokenID string
}

// actor is how the audit log names p.
func (p *principal) actor() data.Actor {
	switch p.via {
	case viaAdminToken:
		return data.Actor{Name: "admin token (--admin-token)"}
	case viaNone:
		return data.Actor{Name: "public"}
	}
	return data.Actor{UserID: p.user.ID, Name: p.user.Name + " <" + p.user.Email + ">"}
}

// limitKey identifies p for per-account rate limits ("" for the public).
func (p *principal) limitKey() string {
	switch p.via {
	case viaToken, viaSession:
		return "user:" + uintString(p.user.ID)
	case viaAdminToken:
		return "admin-token"
	}
	return ""
}

var anonymous = &principal{role: data.RolePublic}

const principalKey = "mtaa.principal"

// who returns the principal of a request that went through authenticate;
// the public otherwise.
func who(c *gin.Context) *principal {
	if v, ok := c.Get(principalKey); ok {
		return v.(*principal)
	}
	return anonymous
}

// authenticate works out the request's principal from an
// "Authorization: Bearer" API token (or the bootstrap admin token) or
// the session cookie. A bearer token that is unknown, revoked or of a
// disabled account is refused with 401 whatever the route; a session
// cookie that is unknown or expired makes the request anonymous.
func (s *Server) authenticate(c *gin.Context) (*principal, error) {
	if h := firstHeader(c.Request.Header, "Authorization"); h != "" {
		// An address that sent too many bad tokens waits before any
		// other is looked at (guessing, or a misconfigured client).
		if s.limits.badToken.on() && s.limits.badToken.blocked(c.ClientIP(), s.now()) {
			return nil, tooManyRequests(c, "ip")
		}
		p, err := s.bearer(h)
		var ae *apiError
		if errors.As(err, &ae) && ae.Code == "invalid_token" && s.limits.badToken.on() {
			s.limits.badToken.allow(c.ClientIP(), s.now())
		}
		return p, err
	}
	if s.accounts == nil {
		return anonymous, nil
	}
	cookie, err := c.Cookie(SessionCookie)
	if err != nil || cookie == "" {
		return anonymous, nil
	}
	u, sess, err := s.accounts.SessionUser(cookie, s.now())
	switch {
	case errors.Is(err, data.ErrBadCredentials):
		return anonymous, nil
	case err != nil:
		return nil, err
	}
	return &principal{role: u.Role, user: u, via: viaSession, csrf: sess.CSRF, session: cookie}, nil
}

// bearer authenticates the Authorization header h, which is set.
func (s *Server) bearer(h string) (*principal, error) {
	token, ok := strings.CutPrefix(h, "Bearer ")
	token = strings.TrimSpace(token)
	if !ok || token == "" {
		return nil, errInvalidToken("send credentials as Authorization: Bearer <token>")
	}
	if s.cfg.AdminToken != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.AdminToken)) == 1 {
		return &principal{role: data.RoleAdmin, via: viaAdminToken}, nil
	}
	if s.accounts == nil {
		return nil, errInvalidToken("unknown token")
	}
	u, tok, err := s.accounts.TokenUser(token)
	switch {
	case errors.Is(err, data.ErrBadCredentials):
		return nil, errInvalidToken("unknown or revoked token")
	case err != nil:
		return nil, err
	}
	return &principal{role: tokenRole(u, tok), user: u, via: viaToken, tokenID: tok.ID}, nil
}

// tokenRole is the role an API token acts with: its scope, or the
// account's role when the account was demoted below it after the token
// was made.
func tokenRole(u data.User, tok data.APIToken) data.Role {
	if !u.Role.AtLeast(tok.Scope) {
		return u.Role
	}
	return tok.Scope
}

func errInvalidToken(msg string) *apiError {
	return &apiError{Status: http.StatusUnauthorized, Code: "invalid_token", Field: "Authorization", Message: msg}
}

// authorize returns the middleware of route rt: it authenticates the
// request, refuses it with 401 (no credentials) or 403 (a role below
// rt.min), and for unsafe methods applies the per-account rate limit and,
// for session cookies, the CSRF check (unless rt.csrfExempt).
func (s *Server) authorize(rt route) gin.HandlerFunc {
	min := rt.min
	return func(c *gin.Context) {
		p, err := s.authenticate(c)
		if err != nil {
			var ae *apiError
			if errors.As(err, &ae) && ae.Status == http.StatusUnauthorized {
				c.Header("WWW-Authenticate", `Bearer realm="mtaa", error="invalid_token"`)
			}
			s.abort(c, err)
			return
		}
		if p != anonymous { // who(c) answers anonymous when nothing is set
			c.Set(principalKey, p)
		}
		// What a route answers may depend on who asks (visibility).
		addHeader(c.Writer.Header(), "Vary", headerVaryAuth)
		if p.via != viaNone {
			// An answer read with an account's eyes (exact positions of
			// sensitive reports, a mapper's own reports) must not outlive
			// the session in a shared or service-worker cache.
			c.Header("Cache-Control", "private, no-store")
		}
		if !p.role.AtLeast(min) {
			if p.via == viaNone {
				c.Header("WWW-Authenticate", `Bearer realm="mtaa"`)
				s.abort(c, &apiError{Status: http.StatusUnauthorized, Code: codeLoginRequired, Field: "Authorization",
					Message: "this route needs a " + string(min) + " account: send Authorization: Bearer <token> or log in"})
				return
			}
			s.abort(c, &apiError{Status: http.StatusForbidden, Code: codeInsufficientRole, Field: "role",
				Message: "this route needs the " + string(min) + " role; you are " + string(p.role)})
			return
		}
		if p.via == viaSession && p.user.MustChangePassword() && !passwordChangeRoutes[rt.method+" "+rt.path] {
			s.abort(c, &apiError{Status: http.StatusForbidden, Code: "password_change_required", Field: "password",
				Message: "this account logged in with a one-time password: choose your own first (POST /api/v1/session/password)"})
			return
		}
		if unsafeMethod(c.Request.Method) {
			if p.via == viaSession && !rt.csrfExempt && !validCSRF(c.GetHeader(CSRFHeader), p.csrf) {
				s.abort(c, &apiError{Status: http.StatusForbidden, Code: "csrf_failed", Field: CSRFHeader,
					Message: "a request authenticated by the session cookie must send the session's CSRF token in " + CSRFHeader})
				return
			}
			if key := p.limitKey(); key != "" && !s.limits.account.allow(key, s.now()) {
				s.abort(c, tooManyRequests(c, "account"))
				return
			}
		}
		c.Next()
	}
}

// passwordChangeRoutes are what a session opened with a one-time password
// may call: the rest waits until the owner chose a password.
var passwordChangeRoutes = map[string]bool{
	"GET /api/v1/session": true, "POST /api/v1/session/password": true, "POST /api/v1/logout": true, "POST /api/v1/login": true,
}

// Codes of the route table's refusals, which the permission matrix test
// tells from the handlers' own errors.
const (
	codeLoginRequired    = "login_required"
	codeInsufficientRole = "insufficient_role"
)

func validCSRF(got, want string) bool {
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}
