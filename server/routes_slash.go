package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// redirectTrailingSlash answers a path that only differs from a route of
// the table by a trailing slash with a redirect to that route, as Gin's
// own RedirectTrailingSlash does, but from inside the middleware chain:
// Gin's redirect skips every middleware, so its answers lacked the
// security headers. It reports whether it answered.
func (s *Server) redirectTrailingSlash(c *gin.Context) bool {
	p := c.Request.URL.Path
	if len(p) < 2 || !strings.HasSuffix(p, "/") {
		return false
	}
	trimmed := strings.TrimRight(p, "/")
	if trimmed == "" || strings.HasPrefix(trimmed, "//") {
		return false
	}
	for _, rt := range s.table {
		if rt.method == c.Request.Method && pathMatches(rt.path, trimmed) {
			code := http.StatusMovedPermanently
			if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
				code = http.StatusPermanentRedirect
			}
			target := trimmed
			if q := c.Request.URL.RawQuery; q != "" {
				target += "?" + q
			}
			c.Redirect(code, target)
			c.Abort()
			return true
		}
	}
	return false
}

// pathMatches reports whether path matches the route pattern: ":name"
// matches one non-empty segment, "*name" the rest.
func pathMatches(pattern, path string) bool {
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	for i, seg := range ps {
		if strings.HasPrefix(seg, "*") {
			return i <= len(xs)
		}
		if i >= len(xs) || (strings.HasPrefix(seg, ":") && xs[i] == "") || (!strings.HasPrefix(seg, ":") && seg != xs[i]) {
			return false
		}
	}
	return len(ps) == len(xs)
}
