package server

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// Account management over HTTP (admins), for a running server: the
// mtaa user and mtaa token commands open the database directly and need
// the server stopped.

type adminUserView struct {
	userView
	Disabled          bool      `json:"disabled"`
	CreatedAt         time.Time `json:"created_at"`
	LastLoginAt       time.Time `json:"last_login_at,omitzero"`
	LockedUntil       time.Time `json:"locked_until,omitzero"`
	PasswordChangedAt time.Time `json:"password_changed_at,omitzero"`
}

func adminViewOfUser(u data.User) adminUserView {
	return adminUserView{userView: viewOfUser(u), Disabled: u.Disabled, CreatedAt: u.CreatedAt,
		LastLoginAt: u.LastLoginAt, LockedUntil: u.LockedUntil, PasswordChangedAt: u.PasswordChangedAt}
}

// listUsers handles GET /api/v1/admin/users.
func (s *Server) listUsers(c *gin.Context) error {
	if s.accounts == nil {
		return errNoAccounts
	}
	users, err := s.accounts.Users()
	if err != nil {
		return err
	}
	out := make([]adminUserView, 0, len(users))
	for _, u := range users {
		out = append(out, adminViewOfUser(u))
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"users": out})
	return nil
}

// createUser handles POST /api/v1/admin/users {"name","email","role"}: it
// answers the account and its one-time password, shown only here.
func (s *Server) createUser(c *gin.Context) error {
	if s.accounts == nil {
		return errNoAccounts
	}
	var req struct {
		Name  string    `json:"name"`
		Email string    `json:"email"`
		Role  data.Role `json:"role"`
	}
	if err := decodeStrict(c, &req, `{"name":…,"email":…,"role":…}`); err != nil {
		return err
	}
	password := data.NewPassword()
	hash, err := data.HashPassword(password)
	if err != nil {
		return err
	}
	u, err := s.accounts.CreateUser(c.Request.Context(), data.User{Name: req.Name, Email: req.Email, Role: req.Role,
		PasswordHash: hash, CreatedAt: s.now().UTC()}, who(c).actor())
	if errors.Is(err, data.ErrExists) {
		return &apiError{Status: http.StatusConflict, Code: "exists", Field: "email", Message: "an account with this e-mail exists"}
	}
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, gin.H{"user": adminViewOfUser(u), "password": password})
	return nil
}

// updateUser handles PATCH /api/v1/admin/users/{id} {"disabled":…,"role":…}.
func (s *Server) updateUser(c *gin.Context) error {
	if s.accounts == nil {
		return errNoAccounts
	}
	id, err := parseID(c.Param("id"))
	if err != nil {
		return err
	}
	var req struct {
		Disabled *bool      `json:"disabled"`
		Role     *data.Role `json:"role"`
	}
	if err := decodeStrict(c, &req, `{"disabled":true|false,"role":…}`); err != nil {
		return err
	}
	if req.Role != nil && !req.Role.Valid() {
		return unprocessable("role", data.CodeInvalid, "role must be viewer, mapper, moderator or admin")
	}
	if req.Disabled == nil && req.Role == nil {
		return unprocessable("body", data.CodeMissing, "send disabled or role")
	}
	u, err := s.accounts.User(id)
	if err != nil {
		return err
	}
	action := data.ActionUserRole
	if req.Disabled != nil {
		action = data.ActionUserEnable
		if *req.Disabled {
			action = data.ActionUserDisable
		}
	}
	u, err = s.accounts.UpdateUser(c.Request.Context(), u.Email, who(c).actor(), action, s.now(), func(u *data.User) error {
		if req.Disabled != nil {
			u.Disabled = *req.Disabled
		}
		if req.Role != nil {
			u.Role = *req.Role
		}
		return nil
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"user": adminViewOfUser(u)})
	return nil
}

// listTokens handles GET /api/v1/admin/tokens: ids, owners and scopes,
// never secrets (they are not kept).
func (s *Server) listTokens(c *gin.Context) error {
	if s.accounts == nil {
		return errNoAccounts
	}
	toks, err := s.accounts.Tokens()
	if err != nil {
		return err
	}
	if toks == nil {
		toks = []data.APIToken{}
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"tokens": toks})
	return nil
}

// createToken handles POST /api/v1/admin/tokens {"email","scope","label"}:
// it answers the token secret, shown only here.
func (s *Server) createToken(c *gin.Context) error {
	if s.accounts == nil {
		return errNoAccounts
	}
	var req struct {
		Email string    `json:"email"`
		Scope data.Role `json:"scope"`
		Label string    `json:"label"`
	}
	if err := decodeStrict(c, &req, `{"email":…,"scope":…,"label":…}`); err != nil {
		return err
	}
	secret, tok, err := s.accounts.CreateToken(c.Request.Context(), req.Email, req.Scope, req.Label, who(c).actor(), s.now())
	if errors.Is(err, data.ErrNotFound) {
		return unprocessable("email", data.CodeInvalid, "no account with this e-mail")
	}
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, gin.H{"token": secret, "id": tok.ID, "scope": tok.Scope, "user_id": tok.UserID})
	return nil
}

// revokeToken handles DELETE /api/v1/admin/tokens/{id}.
func (s *Server) revokeToken(c *gin.Context) error {
	if s.accounts == nil {
		return errNoAccounts
	}
	if _, err := s.accounts.RevokeToken(c.Request.Context(), c.Param("id"), who(c).actor(), s.now()); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// changePassword handles POST /api/v1/session/password
// {"current_password","new_password"}: the caller's own password (not for
// the bootstrap admin token, which has none). The account's other browser
// sessions end.
func (s *Server) changePassword(c *gin.Context) error {
	if s.accounts == nil {
		return errNoAccounts
	}
	p := who(c)
	if p.user.ID == 0 {
		return &apiError{Status: http.StatusForbidden, Code: "no_account", Field: "Authorization", Message: "the admin token has no password"}
	}
	var req struct {
		Current string `json:"current_password"`
		New     string `json:"new_password"`
	}
	if err := decodeStrict(c, &req, `{"current_password":…,"new_password":…}`); err != nil {
		return err
	}
	if !data.CheckPassword(p.user.PasswordHash, req.Current) {
		return &apiError{Status: http.StatusForbidden, Code: "bad_credentials", Field: "current_password", Message: "the current password is wrong"}
	}
	hash, err := data.HashPassword(req.New)
	if err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			return unprocessable("new_password", ve.Code, ve.Message)
		}
		return err
	}
	// The account's other sessions end (someone who knew the old password
	// may hold one); the one making the change goes on.
	keep := ""
	if p.via == viaSession {
		keep, _ = c.Cookie(SessionCookie)
	}
	if _, err := s.accounts.SetPassword(c.Request.Context(), p.user.Email, hash, false, keep, p.actor(), s.now()); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}
