// Package datatest provides helpers for tests that need a real store: a
// bbolt file in a temporary directory, closed when the test ends, or the
// same store on the engine MTAA_TEST_STORE names (kvtest.EnvStore).
package datatest

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/kv/kvtest"
)

// defaultTaxonomy is the built-in taxonomy, parsed once: a store only
// reads it, and parsing it for each new store (what a nil
// Options.Taxonomy does) costs a third of a second of CPU per test.
var defaultTaxonomy = sync.OnceValue(data.DefaultTaxonomy)

// NewStore opens a store in a fresh temporary directory and closes it when
// the test ends. It returns the store and its directory. The store has the
// built-in taxonomy, as with data.Options{}.
func NewStore(t testing.TB) (*data.Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(t, dir, data.Options{Taxonomy: defaultTaxonomy()})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return s, dir
}

// Open opens the store of the test directory dir, as data.Open does, on
// the engine MTAA_TEST_STORE names: the bbolt file in dir, or the
// engine's database belonging to dir (kvtest.OpenEngine), so that opening
// dir again finds what the test stored. The caller closes the store.
func Open(t testing.TB, dir string, opts data.Options) (*data.Store, error) {
	t.Helper()
	if db := kvtest.OpenEngine(t, dir); db != nil {
		return data.OpenEngine(db, dir, opts)
	}
	return data.Open(dir, opts)
}

// Contents returns what the store of test directory dir holds, for a
// test to look for a value that must not be stored in clear: on bbolt the
// file's bytes (freed pages included), on PostgreSQL every bucket, key
// and value (kvtest.Dump), read through a connection of its own while the
// store runs.
func Contents(t testing.TB, dir string) []byte {
	t.Helper()
	if kvtest.Engine(t) == kvtest.Bolt {
		b, err := os.ReadFile(filepath.Join(dir, data.FileName))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	db := kvtest.OpenEngine(t, dir)
	defer db.Close()
	return []byte(strings.Join(kvtest.Dump(t, db), "\n"))
}

// Digest is a digest of Contents, for a test to check that a request
// changed nothing: on bbolt any commit changes it (the file's meta page
// counts transactions), on PostgreSQL any change of a key, a value or a
// sequence.
func Digest(t testing.TB, dir string) [32]byte {
	t.Helper()
	return sha256.Sum256(Contents(t, dir))
}

// Report returns a valid web report at p with the given category, observed
// and received at t.
func Report(p orb.Point, category string, t time.Time) data.Report {
	return data.Report{
		Category:       category,
		Description:    "test report",
		Location:       p,
		LocationSource: data.SourceGPS,
		ObservedAt:     t.UTC(),
		ReceivedAt:     t.UTC(),
		Channel:        data.ChannelWeb,
		Status:         data.StatusNew,
	}
}

// FlipLast flips a bit of the last byte of every copy of marker in the
// file at path (say, a report's description in the database file, to
// damage its record) and fails the test when there is none. A running
// store sees the change: bbolt maps the file shared. Tests that use it
// are about the bbolt file (kvtest.BoltOnly).
func FlipLast(t testing.TB, path, marker string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte(marker))
		if i < 0 {
			break
		}
		at := off + i + len(marker) - 1
		if _, err := f.WriteAt([]byte{b[at] ^ 0x20}, int64(at)); err != nil {
			t.Fatal(err)
		}
		n++
		off = at + 1
	}
	if n == 0 {
		t.Fatalf("%q is not in %s", marker, path)
	}
}
