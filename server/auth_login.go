package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// sessionResponse is what login and GET /api/v1/session answer: the
// account and the CSRF token to send in X-CSRF-Token on unsafe requests.
// User is null for an anonymous caller of GET /api/v1/session.
type sessionResponse struct {
	User *userView `json:"user"`
	// PasswordChangeRequired is set while the account logs in with a
	// one-time password: the session may only change it
	// (POST /api/v1/session/password), read itself and log out.
	PasswordChangeRequired bool      `json:"password_change_required,omitempty"`
	CSRFToken              string    `json:"csrf_token,omitempty"`
	ExpiresAt              time.Time `json:"expires_at,omitzero"`
}

type userView struct {
	ID    uint64    `json:"id"`
	Name  string    `json:"name"`
	Email string    `json:"email"`
	Role  data.Role `json:"role"`
}

// login handles POST /api/v1/login: {"email":…,"password":…} as JSON
// (which a cross-site form cannot send). It sets the session cookie
// (HttpOnly, SameSite=Lax, Secure over HTTPS) and answers the account and
// the session's CSRF token. Attempts are limited per IP address; wrong
// passwords lock the account for a while. A locked account gets the same
// answer as an unknown one or a wrong password (401 bad_credentials), so
// that the answer tells no one which e-mails have accounts. A one-time
// password logs in for 24 hours, to a session that must change it first.
func (s *Server) login(c *gin.Context) error {
	// >> Args
	if s.accounts == nil {
		return errNoAccounts
	}
	if !s.limits.login.allow(c.ClientIP(), s.now()) {
		return tooManyRequests(c, "ip")
	}
	body, err := readJSONBody(c)
	if err != nil {
		return err
	}
	var req loginRequest
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_json", Field: "body", Message: `body must be {"email":…,"password":…}`}
	}
	if req.Email == "" {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "email", Message: "email is required"}
	}

	// >> Operation
	ctx := c.Request.Context()
	// Each password check takes ~19 MB for ~40 ms (argon2id): a few at a
	// time, so that a flood of logins cannot exhaust memory.
	select {
	case s.loginSlots <- struct{}{}:
		defer func() { <-s.loginSlots }()
	case <-ctx.Done():
		return ctx.Err()
	}
	now := s.now()
	u, err := s.accounts.Authenticate(ctx, req.Email, req.Password, c.ClientIP(), now, s.cfg.Login)
	switch {
	case errors.Is(err, data.ErrBadCredentials), errors.Is(err, data.ErrAccountLocked):
		return &apiError{Status: http.StatusUnauthorized, Code: "bad_credentials", Field: "password",
			Message: "wrong e-mail or password (after several wrong passwords, an account refuses logins for a while)"}
	case errors.Is(err, data.ErrPasswordExpired):
		return &apiError{Status: http.StatusUnauthorized, Code: "password_expired", Field: "password",
			Message: "this one-time password is more than a day old; ask an administrator for a new one (mtaa user reset-password)"}
	case err != nil:
		return err
	}
	id, sess, err := s.accounts.CreateSession(ctx, u.ID, now, s.cfg.SessionTTL)
	if err != nil {
		return err
	}

	// >> Response
	http.SetCookie(c.Writer, &http.Cookie{Name: SessionCookie, Value: id, Path: "/", HttpOnly: true,
		Secure: s.secure(c), SameSite: http.SameSiteLaxMode, Expires: sess.ExpiresAt, MaxAge: int(s.cfg.SessionTTL.Seconds())})
	c.Header("Cache-Control", "no-store")
	view := viewOfUser(u)
	c.JSON(http.StatusOK, sessionResponse{User: &view, CSRFToken: sess.CSRF, ExpiresAt: sess.ExpiresAt,
		PasswordChangeRequired: u.MustChangePassword()})
	return nil
}

// logout handles POST /api/v1/logout: it ends the session of the cookie
// (with the CSRF check of any cookie-authenticated write) and clears the
// cookie. Without a session it just clears the cookie.
func (s *Server) logout(c *gin.Context) error {
	if s.accounts == nil {
		return errNoAccounts
	}
	p := who(c)
	if p.via == viaSession {
		if err := s.accounts.DeleteSession(c.Request.Context(), p.session); err != nil {
			return err
		}
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.secure(c), SameSite: http.SameSiteLaxMode, MaxAge: -1})
	c.Status(http.StatusNoContent)
	return nil
}

// session handles GET /api/v1/session: who the caller is, and for a
// browser session its CSRF token (for pages loaded after login). An
// anonymous caller (no credentials, or a session cookie that ended) gets
// 200 {"user":null}: every page asks on load, and a visitor is not an
// error. A bearer token that is not valid is still 401 (authenticate).
func (s *Server) session(c *gin.Context) error {
	p := who(c)
	c.Header("Cache-Control", "no-store")
	if p.via == viaNone {
		c.JSON(http.StatusOK, sessionResponse{})
		return nil
	}
	view := viewOfUser(p.user)
	out := sessionResponse{User: &view, CSRFToken: p.csrf,
		PasswordChangeRequired: p.via == viaSession && p.user.MustChangePassword()}
	out.User.Role = p.role
	if p.via == viaAdminToken {
		out.User.Name = "admin token"
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// errNoAccounts answers account routes on a server whose store keeps no
// accounts.
var errNoAccounts = &apiError{Status: http.StatusNotImplemented, Code: "not_supported", Message: "this server keeps no accounts"}

func viewOfUser(u data.User) userView {
	return userView{ID: u.ID, Name: u.Name, Email: u.Email, Role: u.Role}
}
