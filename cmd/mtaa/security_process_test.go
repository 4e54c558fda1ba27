package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/server/servertest"
)

// TestSecurityOverTheWire checks, against the real `mtaa serve` (its
// http.Server settings and full wiring: photos, settlements, webhooks,
// static files), what only a real socket shows. The route-by-route checks
// are in server/security_test.go.
func TestSecurityOverTheWire(t *testing.T) {
	p := startServe(t, t.TempDir(), "--admin-token", "wire-admin-token",
		"--twilio-auth-token", "12345678901234567890123456789012", "--smssync-secret", "wire-secret")
	addr := strings.TrimPrefix(p.base, "http://")
	admin := "Authorization: Bearer wire-admin-token"

	// Non-normalised paths sent as they are: refused with a JSON (or
	// Open311) error and the security headers, never a file from outside.
	for _, prefix := range []string{"/static/", "/tiles/basemap/", "/api/v1/reports/", "/api/v1/export/",
		"/ogc/collections/", "/open311/v2/requests/", "/api/v1/settlements/", "/"} {
		for _, tail := range []string{"../../../../../../etc/passwd", "..%2f..%2f..%2f..%2fetc%2fpasswd",
			"%2e%2e/%2e%2e/%2e%2e/etc/passwd", "..\\..\\..\\etc\\passwd", "1/photo/../../../../etc/passwd"} {
			target := prefix + tail
			status, header, body := servertest.RawRequest(t, addr, "GET "+target+" HTTP/1.1", admin)
			if status < 400 || status >= 500 || strings.Contains(body, "root:") {
				t.Errorf("GET %s: %d %.200s", target, status, body)
			}
			ct := header.Get("Content-Type")
			if !strings.HasPrefix(ct, "application/json") && !strings.HasPrefix(ct, "text/xml") {
				t.Errorf("GET %s: Content-Type %q, want a JSON or Open311 error", target, ct)
			}
			servertest.CheckSecurityHeaders(t, "GET "+target, header)
		}
	}

	// A trailing slash is redirected, with the headers.
	status, header, _ := servertest.RawRequest(t, addr, "GET /ogc/collections/ HTTP/1.1")
	if status != http.StatusMovedPermanently || header.Get("Location") != "/ogc/collections" {
		t.Errorf("GET /ogc/collections/: %d to %q", status, header.Get("Location"))
	}
	servertest.CheckSecurityHeaders(t, "GET /ogc/collections/", header)

	// Headers over the server's 64 KiB limit: refused by net/http.
	status, _, _ = servertest.RawRequest(t, addr, "GET /healthz HTTP/1.1", "X-Filler: "+strings.Repeat("a", 80<<10))
	if status != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("80 KiB header: %d, want 431", status)
	}

	// A declared body over the limit is refused at once, unread.
	for _, req := range []struct{ line, contentType string }{
		{"POST /api/v1/reports HTTP/1.1", "application/geo+json"},
		{"POST /sms/twilio HTTP/1.1", "application/x-www-form-urlencoded"},
		{"POST /sms/smssync HTTP/1.1", "application/x-www-form-urlencoded"},
		{"POST /open311/v2/requests.json HTTP/1.1", "application/x-www-form-urlencoded"},
		{"POST /api/v1/admin/import-reports HTTP/1.1", "application/geo+json"},
	} {
		status, header, body := servertest.RawRequest(t, addr, req.line, admin, "Content-Type: "+req.contentType, "Content-Length: 1073741824")
		if status != http.StatusRequestEntityTooLarge {
			t.Errorf("%s with a declared 1 GiB body: %d %.200s", req.line, status, body)
		}
		servertest.CheckSecurityHeaders(t, req.line, header)
	}
	if got := getJSON[struct{ NumberMatched int }](t, p.base+"/ogc/collections/reports/items?limit=1").NumberMatched; got != 0 {
		t.Fatalf("refused requests stored %d reports", got)
	}
}
