package server

import (
	"github.com/gin-gonic/gin"
)

// contentSecurityPolicy suits an app that serves its own scripts and
// styles: nothing from elsewhere runs, map tiles and images may come from
// https servers, web workers from blob: URLs (map libraries build them),
// and no one may frame the app.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob: https:; connect-src 'self'; worker-src 'self' blob:; font-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	if s.secure(c) {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	c.Next()
}

// openCORS lets any web page read a public, read-only route
// (Access-Control-Allow-Origin: *, without credentials). Routes that need
// an account or change anything never get it.
func openCORS(c *gin.Context) {
	c.Header("Access-Control-Allow-Origin", "*")
	c.Next()
}
