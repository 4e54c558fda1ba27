package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// apiCSP is the Content-Security-Policy of every answer that is not one of
// the UI's pages (those send webCSP, handle_web.go): JSON, GeoJSON, CSV,
// tiles. Should a browser ever render one as a document, it may load and
// run nothing, and no page may frame it (as the OWASP REST security cheat
// sheet advises for APIs). Short, because every API answer carries it.
const apiCSP = "default-src 'none'; frame-ancestors 'none'"

// Header values shared by every response, built once. Each slice has
// length and capacity 1, so a later Header.Add on the same name appends to
// a copy and never writes into the shared array; Header.Set replaces it.
var (
	headerNosniff        = []string{"nosniff"}
	headerReferrerPolicy = []string{"strict-origin-when-cross-origin"}
	headerFrameDeny      = []string{"DENY"}
	headerCSP            = []string{apiCSP}
	headerHSTS           = []string{"max-age=31536000"}
	headerVaryAuth       = []string{"Authorization, Cookie"}
	headerGeoJSON        = []string{contentTypeGeoJSON}
)

// firstHeader is h.Get(name) for a name already in canonical form.
func firstHeader(h http.Header, name string) string {
	if vs := h[name]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// addHeader adds the shared values vs to the canonical header name, as
// http.Header.Add does but without copying vs when the name is new.
func addHeader(h http.Header, name string, vs []string) {
	if old, ok := h[name]; ok {
		h[name] = append(old[:len(old):len(old)], vs...)
		return
	}
	h[name] = vs
}

// securityHeaders sets the headers every response carries. The names are
// written in canonical form and the values are shared, so a request costs
// a map assignment per header and no allocation or canonicalisation.
func (s *Server) securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h["X-Content-Type-Options"] = headerNosniff
	h["Referrer-Policy"] = headerReferrerPolicy
	h["X-Frame-Options"] = headerFrameDeny
	h["Content-Security-Policy"] = headerCSP
	if s.secure(c) {
		h["Strict-Transport-Security"] = headerHSTS
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
