package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
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
			status, header, body := wireRequest(t, addr, "GET "+target+" HTTP/1.1", admin)
			if status < 400 || status >= 500 || strings.Contains(body, "root:") {
				t.Errorf("GET %s: %d %.200s", target, status, body)
			}
			ct := header.Get("Content-Type")
			if !strings.HasPrefix(ct, "application/json") && !strings.HasPrefix(ct, "text/xml") {
				t.Errorf("GET %s: Content-Type %q, want a JSON or Open311 error", target, ct)
			}
			wireSecurityHeaders(t, "GET "+target, header)
		}
	}

	// A trailing slash is redirected, with the headers.
	status, header, _ := wireRequest(t, addr, "GET /ogc/collections/ HTTP/1.1")
	if status != http.StatusMovedPermanently || header.Get("Location") != "/ogc/collections" {
		t.Errorf("GET /ogc/collections/: %d to %q", status, header.Get("Location"))
	}
	wireSecurityHeaders(t, "GET /ogc/collections/", header)

	// Headers over the server's 64 KiB limit: refused by net/http.
	status, _, _ = wireRequest(t, addr, "GET /healthz HTTP/1.1", "X-Filler: "+strings.Repeat("a", 80<<10))
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
		status, header, body := wireRequest(t, addr, req.line, admin, "Content-Type: "+req.contentType, "Content-Length: 1073741824")
		if status != http.StatusRequestEntityTooLarge {
			t.Errorf("%s with a declared 1 GiB body: %d %.200s", req.line, status, body)
		}
		wireSecurityHeaders(t, req.line, header)
	}
	if got := getJSON[struct{ NumberMatched int }](t, p.base+"/ogc/collections/reports/items?limit=1").NumberMatched; got != 0 {
		t.Fatalf("refused requests stored %d reports", got)
	}
}

// wireRequest writes a request line and headers as they are and reads the
// answer (within a bound against a server that never answers).
func wireRequest(t *testing.T, addr, requestLine string, headers ...string) (int, http.Header, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	fmt.Fprintf(conn, "%s\r\nHost: mtaa.test\r\nConnection: close\r\n", requestLine)
	for _, h := range headers {
		fmt.Fprintf(conn, "%s\r\n", h)
	}
	fmt.Fprint(conn, "\r\n")
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%.80s: %v", requestLine, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(b)
}

func wireSecurityHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" ||
		h.Get("Referrer-Policy") == "" || !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Errorf("%s: security headers missing: %v", what, h)
	}
}
