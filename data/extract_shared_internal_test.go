package data

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/boltkv"
)

// One server keeps the extract file in the database; another writes the
// same bytes into its own data directory.
func TestSharedExtract(t *testing.T) {
	a, b, _ := twoServers(t)
	ctx := context.Background()
	dirB := t.TempDir()
	if _, err := b.WriteSharedExtract(dirB); !errors.Is(err, ErrNoSharedExtract) {
		t.Fatalf("before any import: %v, want ErrNoSharedExtract", err)
	}
	file := make([]byte, 2*extractChunk+12345) // three chunks
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range file {
		file[i] = byte(rng.Uint32())
	}
	src := filepath.Join(t.TempDir(), ExtractFileName)
	if err := os.WriteFile(src, file, 0o600); err != nil {
		t.Fatal(err)
	}
	version, err := a.PutSharedExtract(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := b.SharedExtractVersion(); err != nil || v != version {
		t.Fatalf("b sees version %q (%v), want %q", v, err, version)
	}
	if v, err := b.WriteSharedExtract(dirB); err != nil || v != version {
		t.Fatalf("WriteSharedExtract: %q, %v", v, err)
	}
	got, err := os.ReadFile(filepath.Join(dirB, ExtractFileName))
	if err != nil || !bytes.Equal(got, file) {
		t.Fatalf("b's copy: %d bytes (%v), want the %d imported", len(got), err, len(file))
	}
	// A new import (mtaa import --store: on the database, no store open
	// in that process) replaces it whole.
	if err := os.WriteFile(src, file[:100], 0o600); err != nil {
		t.Fatal(err)
	}
	version2, err := PutSharedExtractIn(a.db, src)
	if err != nil || version2 == version {
		t.Fatalf("PutSharedExtractIn: %q, %v", version2, err)
	}
	if v, err := b.WriteSharedExtract(dirB); err != nil || v != version2 {
		t.Fatalf("WriteSharedExtract after the new import: %q, %v, want %q", v, err, version2)
	}
	if got, _ := os.ReadFile(filepath.Join(dirB, ExtractFileName)); !bytes.Equal(got, file[:100]) {
		t.Fatalf("after a new import b's copy has %d bytes, want 100", len(got))
	}
	// A database no server has opened yet is refused, and left empty.
	empty, err := boltkv.Open(filepath.Join(t.TempDir(), FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	if _, err := PutSharedExtractIn(empty, src); err == nil || !strings.Contains(err.Error(), "--osm") {
		t.Fatalf("PutSharedExtractIn on an empty database: %v, want the way out named", err)
	}
	empty.View(func(tx kv.Tx) error {
		return tx.ForEachBucket(func(name []byte) error {
			t.Errorf("the refused import left bucket %q", name)
			return nil
		})
	})
}

func TestClaimLease(t *testing.T) {
	a, b, _ := twoServers(t)
	ctx := context.Background()
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	steps := []struct {
		store *Store
		owner string
		at    time.Duration
		want  bool
	}{
		{a, "a", 0, true},
		{b, "b", time.Second, false},       // a holds it
		{a, "a", 30 * time.Second, true},   // a extends it to 90 s
		{b, "b", 80 * time.Second, false},  // still a's
		{b, "b", 91 * time.Second, true},   // expired: b's now
		{a, "a", 100 * time.Second, false}, // b holds it
	}
	for i, st := range steps {
		got, err := st.store.ClaimLease(ctx, "extract_import", st.owner, now.Add(st.at), time.Minute)
		if err != nil || got != st.want {
			t.Fatalf("step %d: %s at +%v: %v (%v), want %v", i, st.owner, st.at, got, err, st.want)
		}
	}
}
