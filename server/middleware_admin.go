package server

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// requireAdmin lets a request through only with the configured admin
// token as a bearer token. Until accounts exist, it guards every route
// that acts for the city (alerts).
func (s *Server) requireAdmin(c *gin.Context) {
	if s.cfg.AdminToken == "" {
		s.abort(c, &apiError{Status: http.StatusServiceUnavailable, Code: "admin_not_configured",
			Message: "no admin token is configured on this server (--admin-token)"})
		return
	}
	token, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	if !ok || token == "" {
		c.Header("WWW-Authenticate", `Bearer realm="mtaa"`)
		s.abort(c, &apiError{Status: http.StatusUnauthorized, Code: "unauthorized", Field: "Authorization",
			Message: "send the admin token as Authorization: Bearer <token>"})
		return
	}
	if subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.AdminToken)) != 1 {
		s.abort(c, &apiError{Status: http.StatusForbidden, Code: "forbidden", Field: "Authorization", Message: "wrong token"})
		return
	}
	c.Next()
}
