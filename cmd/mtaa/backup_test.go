package main

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHotBackupAndRestore backs up a running server through its admin
// route, restores the archive into a new directory and serves from it.
func TestHotBackupAndRestore(t *testing.T) {
	dir := t.TempDir()
	p := startServe(t, dir, "--admin-token", "backup-token")
	for i := 0; i < 20; i++ {
		code, body, err := postReport(context.Background(), http.DefaultClient, p.base,
			`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]},"properties":{"category":"flood"}}`, "")
		if err != nil || code != 201 {
			t.Fatalf("POST: %d %s %v", code, body, err)
		}
	}
	archive := filepath.Join(t.TempDir(), "mtaa.tar.gz")
	// The server holds the database: without a token the backup explains.
	out, err := exec.Command(mtaaBinary(t), "backup", "--data", dir, "--to", archive).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "--admin-token") {
		t.Fatalf("backup without token: %v\n%s", err, out)
	}
	out, err = exec.Command(mtaaBinary(t), "backup", "--data", dir, "--to", archive,
		"--url", p.base, "--admin-token", "backup-token").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "hot backup from the running server") {
		t.Fatalf("hot backup: %v\n%s", err, out)
	}

	restored := t.TempDir()
	out, err = exec.Command(mtaaBinary(t), "restore", "--data", restored, "--from", archive).CombinedOutput()
	if err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	for _, name := range []string{"mtaa.db", "secrets.json"} {
		if _, err := os.Stat(filepath.Join(restored, name)); err != nil {
			t.Errorf("restored directory lacks %s: %v", name, err)
		}
	}
	keys, _ := os.ReadFile(filepath.Join(dir, "secrets.json"))
	restoredKeys, _ := os.ReadFile(filepath.Join(restored, "secrets.json"))
	if len(keys) == 0 || string(keys) != string(restoredKeys) {
		t.Error("the server's keys were not restored as they were")
	}
	// Restoring over a running server's directory is refused.
	out, err = exec.Command(mtaaBinary(t), "restore", "--data", dir, "--from", archive).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "stop the server") {
		t.Fatalf("restore over a running server: %v\n%s", err, out)
	}
	q := startServe(t, restored)
	resp, err := http.Get(q.base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := getJSON[struct{ NumberMatched int }](t, q.base+"/ogc/collections/reports/items?limit=1").NumberMatched; got != 20 {
		t.Fatalf("restored server has %d reports, want 20", got)
	}
}
