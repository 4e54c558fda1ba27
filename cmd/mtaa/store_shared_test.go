package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/internal/pgcluster/pgtest"
	"github.com/mtaa-project/mtaa/mapping"
)

func TestStoreFlag(t *testing.T) {
	tests := []struct {
		url     string
		wantErr string
	}{
		{"mysql://mtaa:secret@db/mtaa", "want a postgres://"},
		{"/var/lib/mtaa", "want a postgres://"},
	}
	for _, tt := range tests {
		cfg, err := parseServeFlags([]string{"--store", tt.url, "--data", t.TempDir()}, &strings.Builder{})
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = openStore(context.Background(), cfg, nil, slog.New(slog.DiscardHandler))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "secret") {
			t.Errorf("--store %s: %v; want %q without the password", tt.url, err, tt.wantErr)
		}
	}
	if got := redactStoreURL("postgres://mtaa:s3cr3t@db.example.org/mtaa"); strings.Contains(got, "s3cr3t") || !strings.Contains(got, "db.example.org") {
		t.Errorf("redactStoreURL = %q", got)
	}
}

// TestSharedExtractRules: on one PostgreSQL database, a server writes a
// new extract version into its data directory, and puts the database's
// back when its file was replaced locally; the reports are reconciled by
// one server at a time, only with the database's newest extract, and
// only once it has had it for a while.
func TestSharedExtractRules(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	open := func() (*data.Store, string) {
		dir := t.TempDir()
		s, _, err := data.OpenPostgres(ctx, url, dir, data.Options{Shared: true}, data.PostgresOptions{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s, dir
	}
	a, dirA := open()
	b, dirB := open()
	files := t.TempDir()
	put := func(hospital string) string {
		t.Helper()
		dir := t.TempDir()
		if _, err := mapping.Import(ctx, writeOSM(t, files, hospital+".osm", hospital, "-1.29", "36.82"), dir, mapping.Options{}); err != nil {
			t.Fatal(err)
		}
		v, err := a.PutSharedExtract(ctx, filepath.Join(dir, data.ExtractFileName))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v1 := put("Alpha")
	log := slog.New(slog.DiscardHandler)
	xa := &sharedExtract{store: a, dir: dirA, owner: "a"}
	xb := &sharedExtract{store: b, dir: dirB, owner: "b"}
	for _, x := range []*sharedExtract{xa, xb} {
		if err := x.sync(log); err != nil || x.version != v1 {
			t.Fatalf("sync %s: version %q (%v), want %q", x.owner, x.version, err, v1)
		}
		if got, _ := fileVersion(filepath.Join(x.dir, data.ExtractFileName)); got != v1 {
			t.Fatalf("%s's file is version %q, want %q", x.owner, got, v1)
		}
	}
	// A file replaced in the data directory is put back.
	if err := os.WriteFile(filepath.Join(dirB, data.ExtractFileName), []byte("a local import"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := xb.sync(log); err != nil {
		t.Fatal(err)
	}
	if got, _ := fileVersion(filepath.Join(dirB, data.ExtractFileName)); got != v1 {
		t.Fatalf("after a local replacement b's file is version %q, want the database's %q", got, v1)
	}

	settled := &osmState{loadedAt: time.Now().Add(-time.Minute), took: time.Second}
	if rel, err := xa.mayReconcile(ctx, &osmState{loadedAt: time.Now(), took: time.Second}, log); rel != nil || err != nil {
		t.Fatalf("just loaded: may reconcile (%v)", err)
	}
	relA, err := xa.mayReconcile(ctx, settled, log)
	if relA == nil || err != nil {
		t.Fatalf("a, settled on the newest extract: may not reconcile (%v)", err)
	}
	if rel, err := xb.mayReconcile(ctx, settled, log); rel != nil || err != nil {
		t.Fatalf("b while a reconciles: may reconcile too (%v)", err)
	}
	relA()
	// A newer extract: a server still on the previous one does not
	// reconcile with it, once it has loaded the new one it may.
	v2 := put("Beta")
	if rel, err := xa.mayReconcile(ctx, settled, log); rel != nil || err != nil {
		t.Fatalf("a on an older extract than the database's: may reconcile (%v)", err)
	}
	if err := xa.sync(log); err != nil || xa.version != v2 {
		t.Fatalf("sync a: %q (%v), want %q", xa.version, err, v2)
	}
	relA, err = xa.mayReconcile(ctx, settled, log)
	if relA == nil || err != nil {
		t.Fatalf("a on the newest extract: may not reconcile (%v)", err)
	}
	relA()
}
