package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeRefusesATakenAddressAtOnce: mtaa serve on an address another
// program listens on stops before it opens the store or imports the
// extract (minutes for a large city), with the message the running guide's
// troubleshooting table names.
func TestServeRefusesATakenAddressAtOnce(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := t.TempDir()
	addr := ln.Addr().String()
	_, errOut, err := mtaaRun(t, "serve", "--data", dir, "--listen", addr)
	if err == nil {
		t.Fatal("mtaa serve ran on a taken address")
	}
	if !strings.Contains(errOut, "listen on "+addr+": ") || !strings.Contains(errOut, "address already in use") {
		t.Errorf("the refusal does not name the address: %s", errOut)
	}
	if strings.Contains(errOut, "store open") {
		t.Errorf("the store was opened before the address was tried:\n%s", errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "mtaa.db")); err == nil {
		t.Error("a database was created in the data directory")
	}
}
