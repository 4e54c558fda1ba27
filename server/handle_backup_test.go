package server_test

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

// TestBackupOutlivesWriteTimeout streams a backup (24 MiB of photos that
// do not compress) to a client that reads slowly, from an http.Server
// whose WriteTimeout is far shorter than the download: the archive still
// arrives whole and restores byte for byte.
func TestBackupOutlivesWriteTimeout(t *testing.T) {
	st, dir := datatest.NewStore(t)
	photos, err := data.OpenPhotos(dir)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	want := map[string][]byte{}
	for i := 1; i <= 3; i++ {
		b := make([]byte, 8<<20)
		for j := range b {
			b[j] = byte(rng.Uint32())
		}
		b[0], b[1], b[2] = 0xff, 0xd8, 0xff
		if err := photos.Put(uint64(i), "image/jpeg", b); err != nil {
			t.Fatal(err)
		}
		want[filepath.Join(data.PhotoDirName, string(rune('0'+i))+".jpg")] = b
	}
	srv := server.New(server.Config{AdminToken: bootstrapToken, BackupFiles: []string{photos.Dir()}},
		server.Deps{Store: st, Now: func() time.Time { return now }})
	hs := httptest.NewUnstartedServer(srv.Handler())
	hs.Config.WriteTimeout = 300 * time.Millisecond
	hs.Start()
	defer hs.Close()

	req, _ := http.NewRequest(http.MethodGet, hs.URL+"/api/v1/admin/backup", nil)
	req.Header.Set("Authorization", "Bearer "+bootstrapToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("backup: %d", resp.StatusCode)
	}
	// Read 256 KiB every 10 ms: about a second in all, well past the
	// write timeout once the socket buffers are full.
	var archive bytes.Buffer
	chunk := make([]byte, 256<<10)
	for {
		n, err := io.ReadFull(resp.Body, chunk)
		archive.Write(chunk[:n])
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			t.Fatalf("download cut after %d bytes: %v", archive.Len(), err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	target := t.TempDir()
	if _, err := data.Restore(bytes.NewReader(archive.Bytes()), target); err != nil {
		t.Fatalf("restore of the %d-byte download: %v", archive.Len(), err)
	}
	for name, b := range want {
		got, err := os.ReadFile(filepath.Join(target, name))
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("%s not restored byte for byte: %v", name, err)
		}
	}
}
