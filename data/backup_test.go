package data_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/data/kv/kvtest"
)

func TestBackupRestoreRoundTrip(t *testing.T) {
	kvtest.BoltOnly(t, "a backup holds a copy of the bbolt file")
	s, dir := datatest.NewStore(t)
	randomStore(t, s, 300)
	extra := filepath.Join(dir, "keys.json")
	if err := os.WriteFile(extra, []byte(`{"k":"v"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Backup(&buf, extra, filepath.Join(dir, "absent.db")); err != nil {
		t.Fatal(err)
	}
	// Writes after the snapshot are not in it.
	if _, err := s.Create(context.Background(), datatest.Report(orb.Point{39.2, -6.8}, "fire", t0)); err != nil {
		t.Fatal(err)
	}

	target := t.TempDir()
	if err := os.WriteFile(filepath.Join(target, "keys.json"), []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	saved, err := data.Restore(bytes.NewReader(buf.Bytes()), target)
	if err != nil {
		t.Fatal(err)
	}
	if old, err := os.ReadFile(filepath.Join(saved, "keys.json")); err != nil || string(old) != "old" {
		t.Fatalf("replaced file not kept: %q %v", old, err)
	}
	if keys, _ := os.ReadFile(filepath.Join(target, "keys.json")); string(keys) != `{"k":"v"}` {
		t.Fatalf("extra file not restored: %q", keys)
	}
	r, err := data.Open(target, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n := r.Extent().Count; n != 300 {
		t.Fatalf("restored %d reports, want the 300 of the snapshot", n)
	}
	if err := r.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreRefuses(t *testing.T) {
	kvtest.BoltOnly(t, "a backup holds a copy of the bbolt file")
	s, dir := datatest.NewStore(t)
	randomStore(t, s, 10)
	var good bytes.Buffer
	if err := s.Backup(&good); err != nil {
		t.Fatal(err)
	}
	traversal := tarGz(t, map[string]string{"../../etc/evil": "x"})
	tests := []struct {
		name    string
		archive []byte
		target  string
	}{
		{"not gzip", []byte("plain text"), t.TempDir()},
		{"truncated", good.Bytes()[:good.Len()/2], t.TempDir()},
		{"no database", tarGz(t, map[string]string{"secrets.json": "{}"}), t.TempDir()},
		{"database is not bbolt", tarGz(t, map[string]string{data.FileName: strings.Repeat("x", 8192)}), t.TempDir()},
		{"live database in use", good.Bytes(), dir},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadDir(tt.target)
			if _, err := data.Restore(bytes.NewReader(tt.archive), tt.target); err == nil {
				t.Fatal("restore succeeded")
			}
			after, _ := os.ReadDir(tt.target)
			if len(after) != len(before) {
				t.Fatalf("a refused restore changed %s: %d entries, was %d", tt.target, len(after), len(before))
			}
		})
	}
	// A path in the archive never escapes the target: an entry that is not
	// a plain name (or one inside a backup directory) is refused.
	target := t.TempDir()
	if _, err := data.Restore(bytes.NewReader(traversal), target); err == nil {
		t.Fatal("archive without a database restored")
	}
	if _, err := os.Stat(filepath.Join(target, "..", "..", "etc", "evil")); err == nil {
		t.Fatal("path traversal wrote outside the target")
	}
}

func tarGz(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(body))}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(body))
	}
	tw.Close()
	gz.Close()
	return buf.Bytes()
}

// TestBackupPhotos: the photo directory is archived whole except files
// being written (dot names), and restore replaces the directory, keeping
// the old one.
func TestBackupPhotos(t *testing.T) {
	kvtest.BoltOnly(t, "a backup holds a copy of the bbolt file")
	s, dir := datatest.NewStore(t)
	randomStore(t, s, 5)
	photos, err := data.OpenPhotos(dir)
	if err != nil {
		t.Fatal(err)
	}
	jpeg := append([]byte{0xff, 0xd8, 0xff}, bytes.Repeat([]byte{7}, 200000)...)
	if err := photos.Put(3, "image/jpeg", jpeg); err != nil {
		t.Fatal(err)
	}
	if err := photos.Put(4, "image/png", []byte("\x89PNG small")); err != nil {
		t.Fatal(err)
	}
	// A photo still being written when the backup runs.
	if err := os.WriteFile(filepath.Join(photos.Dir(), ".photo-123.tmp"), []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Backup(&buf, photos.Dir()); err != nil {
		t.Fatal(err)
	}

	target := t.TempDir()
	if err := os.MkdirAll(filepath.Join(target, data.PhotoDirName), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, data.PhotoDirName, "9.jpg"), []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	saved, err := data.Restore(bytes.NewReader(buf.Bytes()), target)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadDir(filepath.Join(target, data.PhotoDirName))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range got {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "3.jpg 4.png" {
		t.Fatalf("restored photos %v, want 3.jpg 4.png", names)
	}
	if b, _ := os.ReadFile(filepath.Join(target, data.PhotoDirName, "3.jpg")); !bytes.Equal(b, jpeg) {
		t.Fatal("photo 3 not restored byte for byte")
	}
	if old, err := os.ReadFile(filepath.Join(saved, data.PhotoDirName, "9.jpg")); err != nil || string(old) != "old" {
		t.Fatalf("replaced photo directory not kept: %q %v", old, err)
	}
	restored, err := data.OpenPhotos(target)
	if err != nil {
		t.Fatal(err)
	}
	p, err := restored.Open(4)
	if err != nil || p.MediaType != "image/png" {
		t.Fatalf("restored photo 4: %v", err)
	}
	p.Close()
}

// TestRestoreRefusesPhotoPaths: only plain files one level inside a
// backup directory are accepted.
func TestRestoreRefusesPhotoPaths(t *testing.T) {
	kvtest.BoltOnly(t, "a backup holds a copy of the bbolt file")
	s, _ := datatest.NewStore(t)
	randomStore(t, s, 1)
	for _, name := range []string{"photos/../../evil", "photos/sub/x.jpg", "other/x.jpg", "photos/.hidden", "../photos/1.jpg", "/abs.db", "photos/a\\b"} {
		t.Run(name, func(t *testing.T) {
			var good bytes.Buffer
			if err := s.Backup(&good); err != nil {
				t.Fatal(err)
			}
			archive := appendEntry(t, good.Bytes(), name)
			target := t.TempDir()
			if _, err := data.Restore(bytes.NewReader(archive), target); err == nil || !strings.Contains(err.Error(), "unexpected entry") {
				t.Fatalf("restore of an archive with %q: %v", name, err)
			}
			if entries, _ := os.ReadDir(target); len(entries) != 0 {
				t.Fatalf("a refused restore left %d entries", len(entries))
			}
		})
	}
}

// appendEntry rewrites a backup archive with one more file named name.
func appendEntry(t *testing.T, archive []byte, name string) []byte {
	t.Helper()
	gr, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gr)
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for {
		hdr, err := tr.Next()
		if err != nil {
			break
		}
		body, _ := io.ReadAll(tr)
		tw.WriteHeader(hdr)
		tw.Write(body)
	}
	tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o600, Size: 1})
	tw.Write([]byte("x"))
	tw.Close()
	gz.Close()
	return buf.Bytes()
}
