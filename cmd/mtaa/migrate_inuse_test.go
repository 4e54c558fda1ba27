package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
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

// TestMigrateFailingMidwayLeavesTheTargetEmpty: a key PostgreSQL cannot
// hold (over pgkv.MaxKeySize), in the last bucket copied, fails the copy
// after everything else was written; the error names the bucket and the
// key, the database is left without any of it (the copy is one
// transaction), and once the key is gone the same command succeeds into
// the same database. Progress is told as the copy goes.
func TestMigrateFailingMidwayLeavesTheTargetEmpty(t *testing.T) {
	first := t.TempDir()
	fillDeployment(t, first)
	db, err := bolt.Open(filepath.Join(first, data.FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	big := []byte("zz-" + strings.Repeat("k", pgkv.MaxKeySize))
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("zz_operator_notes"))
		if err != nil {
			return err
		}
		return b.Put(big, []byte("note"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	url := pgtest.NewDatabase(t)
	code, _, errOut := runMTAA("migrate", "--from", first, "--to", url)
	if code != 1 || !strings.Contains(errOut, `bucket "zz_operator_notes"`) || !strings.Contains(errOut, `"zz-kkk`) ||
		!strings.Contains(errOut, "nothing was written") || len(errOut) > 1000 {
		t.Fatalf("migrate of a key PostgreSQL cannot hold: exit %d, %q", code, errOut)
	}
	pdb, err := data.OpenPostgresDB(context.Background(), url, data.Options{}, data.PostgresOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if holdsData(pdb) {
		t.Error("the failed copy left buckets in the database")
	}
	pdb.Close()

	db, err = bolt.Open(filepath.Join(first, data.FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("zz_operator_notes")).Delete(big) }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if code, out, errOut := runMTAA("migrate", "--from", first, "--to", url); code != 0 || !strings.Contains(out, "151 reports") {
		t.Fatalf("migrate again into the same database: exit %d\n%s%s", code, out, errOut)
	}

	// Progress: told as the copy goes, up to every key.
	src, err := data.Open(first, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var seen []kv.CopyProgress
	to := filepath.Join(t.TempDir(), "copy")
	release, err := copyStore(context.Background(), src, to, data.Options{}, data.PostgresOptions{}, false, func(p kv.CopyProgress) { seen = append(seen, p) })
	if err != nil {
		t.Fatal(err)
	}
	release()
	if len(seen) < 5 || seen[len(seen)-1].Keys < 150 || string(seen[0].Bucket[0]) > string(seen[len(seen)-1].Bucket[0]) {
		t.Errorf("progress %+v", seen)
	}
}
