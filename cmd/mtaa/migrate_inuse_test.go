package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/internal/pgcluster/pgtest"
)

// TestMigrateRefusesWhileServersRun: mtaa migrate does not copy a
// PostgreSQL database from under a running server (what it writes after
// the copy would be lost), nor into one a server runs on; the refusal
// names the server and the way out. --force copies a snapshot anyway,
// and once the server has stopped the copy goes through.
func TestMigrateRefusesWhileServersRun(t *testing.T) {
	first := t.TempDir()
	fillDeployment(t, first)
	url := pgtest.NewDatabase(t)
	if code, out, errOut := runMTAA("migrate", "--from", first, "--to", url); code != 0 {
		t.Fatalf("migrate to PostgreSQL: exit %d\n%s%s", code, out, errOut)
	}
	p := startServe(t, t.TempDir(), "--store", url)

	to := filepath.Join(t.TempDir(), "copy")
	code, _, errOut := runMTAA("migrate", "--from", url, "--to", to)
	if code != 1 || !strings.Contains(errOut, "in use") || !strings.Contains(errOut, "mtaa serve") || !strings.Contains(errOut, "--force") {
		t.Fatalf("migrate from a database a server runs on: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(to, data.FileName)); err == nil {
		t.Fatal("a refused migrate created a database")
	}
	code, _, errOut = runMTAA("migrate", "--from", first, "--to", url)
	if code != 1 || !strings.Contains(errOut, "in use") {
		t.Fatalf("migrate into a database a server runs on: exit %d, %q", code, errOut)
	}
	// A backup is one snapshot: it may be taken while servers run.
	archive := filepath.Join(t.TempDir(), "pg.tar.gz")
	if code, out, errOut := runMTAA("backup", "--store", url, "--data", t.TempDir(), "--to", archive); code != 0 {
		t.Fatalf("backup --store while serving: exit %d\n%s%s", code, out, errOut)
	}
	forced := filepath.Join(t.TempDir(), "forced")
	if code, out, errOut := runMTAA("migrate", "--force", "--from", url, "--to", forced); code != 0 || !strings.Contains(out, "151 reports") {
		t.Fatalf("migrate --force while serving: exit %d\n%s%s", code, out, errOut)
	}

	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := p.wait(t); err != nil {
		t.Fatalf("serve: %v\n%s", err, p.stderr)
	}
	if code, out, errOut := runMTAA("migrate", "--from", url, "--to", to); code != 0 || !strings.Contains(out, "151 reports") {
		t.Fatalf("migrate after the server stopped: exit %d\n%s%s", code, out, errOut)
	}
}
