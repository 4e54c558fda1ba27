package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
)

// serverURLFile is the file in the data directory where mtaa serve writes
// the URL it answers on, for the hints of commands that find the database
// held by it (backup, import-reports, user and token commands). A server
// stopped cleanly removes it; one that was killed leaves it, and the next
// start overwrites it.
const serverURLFile = "server.url"

// defaultServerURL is the URL of a server started with the default
// --listen.
const defaultServerURL = "http://127.0.0.1:8080"

// listenURL is the URL a local client reaches a server on: the public URL
// when one is configured, else http:// and the listening address, with an
// unspecified host (0.0.0.0, ::) replaced by the loopback address.
func listenURL(publicURL string, addr net.Addr) string {
	if publicURL != "" {
		return strings.TrimRight(publicURL, "/")
	}
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// writeServerURL records url in dir for the other commands' hints.
func writeServerURL(dir, url string) error {
	if err := os.WriteFile(filepath.Join(dir, serverURLFile), []byte(url+"\n"), 0o644); err != nil {
		return fmt.Errorf("record the server's URL: %w", err)
	}
	return nil
}

// removeServerURL removes the record written by writeServerURL.
func removeServerURL(dir string) {
	_ = os.Remove(filepath.Join(dir, serverURLFile))
}

// runningServerURL is the URL the server holding dir's database answers
// on, as it recorded it, or defaultServerURL when there is no record.
func runningServerURL(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, serverURLFile))
	if u := strings.TrimSpace(string(b)); err == nil && strings.HasPrefix(u, "http") && !strings.ContainsAny(u, " \t\n") {
		return u
	}
	return defaultServerURL
}
