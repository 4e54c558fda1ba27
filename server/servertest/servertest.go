// Package servertest holds helpers shared by the tests that drive mtaa's
// HTTP server, in process (package server) and as a built binary
// (cmd/mtaa).
package servertest

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

// RawRequest writes a request line and headers to addr exactly as given
// (what no well-behaved client would send: bad paths, huge or repeated
// headers) and reads the answer: its status, headers and body.
func RawRequest(t testing.TB, addr, requestLine string, headers ...string) (int, http.Header, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// A bound against a server that never answers, not a speed check.
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

// CheckSecurityHeaders asserts the headers every answer of the server
// carries, API and pages alike; what names the answer in failures.
func CheckSecurityHeaders(t testing.TB, what string, h http.Header) {
	t.Helper()
	for name, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"} {
		if got := h.Get(name); got != want {
			t.Errorf("%s: %s = %q, want %q", what, name, got, want)
		}
	}
	// The pages send the stricter same-origin.
	if rp := h.Get("Referrer-Policy"); rp != "strict-origin-when-cross-origin" && rp != "same-origin" && rp != "no-referrer" {
		t.Errorf("%s: Referrer-Policy %q", what, rp)
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("%s: Content-Security-Policy %q lacks frame-ancestors 'none'", what, csp)
	}
}
