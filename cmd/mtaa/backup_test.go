package main

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHotBackupAndRestore backs up a running server through its admin
// route, restores the archive into a new directory and serves from it:
// the reports, the keys and a photo uploaded through the API come back.
func TestHotBackupAndRestore(t *testing.T) {
	dir := t.TempDir()
	p := startServe(t, dir, "--admin-token", "backup-token")
	photo := uploadPhoto(t, p.base)
	if got := getPhoto(t, p.base, "backup-token"); !bytes.Equal(got, photo) {
		t.Fatalf("the served photo is not the uploaded one (%d bytes, uploaded %d)", len(got), len(photo))
	}
	for i := 0; i < 19; i++ {
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
	if b, err := os.ReadFile(filepath.Join(restored, "photos", "1.png")); err != nil || !bytes.Equal(b, photo) {
		t.Fatalf("photo file not restored byte for byte: %v", err)
	}
	q := startServe(t, restored, "--admin-token", "restored-token")
	if got := getPhoto(t, q.base, "restored-token"); !bytes.Equal(got, photo) {
		t.Fatalf("the restored server serves another photo (%d bytes, uploaded %d)", len(got), len(photo))
	}
	resp, err := http.Get(q.base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := getJSON[struct{ NumberMatched int }](t, q.base+"/ogc/collections/reports/items?limit=1").NumberMatched; got != 20 {
		t.Fatalf("restored server has %d reports, want 20", got)
	}
}

// uploadPhoto posts report 1 and its photo (a PNG) through the API and
// returns the photo's bytes.
func uploadPhoto(t *testing.T, base string) []byte {
	t.Helper()
	resp, err := http.Post(base+"/api/v1/reports", "application/geo+json", strings.NewReader(
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]},"properties":{"category":"flood"}}`))
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST report: %v %v", err, resp)
	}
	resp.Body.Close()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := 0; x < 40; x++ {
		img.Set(x, x%30, color.RGBA{uint8(6 * x), 90, 200, 255})
	}
	var photo bytes.Buffer
	if err := png.Encode(&photo, img); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/reports/1/photo", bytes.NewReader(photo.Bytes()))
	req.Header.Set("Content-Type", "image/png")
	req.Header.Set("X-Upload-Token", resp.Header.Get("X-Upload-Token"))
	up, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer up.Body.Close()
	if up.StatusCode != http.StatusCreated {
		b, _ := io.ReadAll(up.Body)
		t.Fatalf("upload photo: %d %s", up.StatusCode, b)
	}
	return photo.Bytes()
}

// getPhoto reads report 1's photo as an admin.
func getPhoto(t *testing.T, base, token string) []byte {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/reports/1/photo", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET photo: %d %s", resp.StatusCode, b)
	}
	return b
}
