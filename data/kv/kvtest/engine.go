package kvtest

import (
	"fmt"
	"os"
	"testing"

	"github.com/mtaa-project/mtaa/data/kv"
)

// EnvStore is the environment variable naming the engine that the tests
// of package data (and of the packages above it, through data/datatest)
// run on: unset or "bolt" for a bbolt file in the test's directory,
// "postgres" for PostgreSQL (OpenPostgres).
const EnvStore = "MTAA_TEST_STORE"

// Engine names.
const (
	Bolt     = "bolt"
	Postgres = "postgres"
)

// OpenPostgres opens the PostgreSQL database that belongs to the test
// directory dir: an empty one the first time dir is given, the same one
// (with what the earlier stores wrote) when the test opens dir again, so
// that tests which close and reopen a store work unchanged. It drops the
// database when the test ends (t.Cleanup). The PostgreSQL engine's test
// support sets it in an init function of a file linked into every test
// binary that imports this package; nil means none is linked in.
var OpenPostgres func(t testing.TB, dir string) kv.DB

// Engine returns the engine named by MTAA_TEST_STORE: Bolt (also when it
// is unset) or Postgres. Any other value fails the test.
func Engine(t testing.TB) string {
	t.Helper()
	switch e := os.Getenv(EnvStore); e {
	case "", Bolt:
		return Bolt
	case Postgres:
		return Postgres
	default:
		t.Fatalf("%s=%q: want %q or %q", EnvStore, e, Bolt, Postgres)
		return ""
	}
}

// OpenEngine returns the database of dir on the engine MTAA_TEST_STORE
// names, or nil on bbolt, where the caller opens the file in dir itself
// (data.Open) so that the file's own checks run. It fails the test when
// PostgreSQL is asked for and no PostgreSQL support is linked in.
func OpenEngine(t testing.TB, dir string) kv.DB {
	t.Helper()
	if Engine(t) == Bolt {
		return nil
	}
	if OpenPostgres == nil {
		t.Fatalf("%s=%s, but this test binary has no PostgreSQL support linked in (kvtest.OpenPostgres is nil)", EnvStore, Postgres)
	}
	return OpenPostgres(t, dir)
}

// BoltOnly skips t unless it runs on bbolt: the test is about the bbolt
// file itself (its bytes, locks, truncation, copies), why says how.
func BoltOnly(t testing.TB, why string) {
	t.Helper()
	if e := Engine(t); e != Bolt {
		t.Skipf("bbolt only (%s), and %s=%s", why, EnvStore, e)
	}
}

// Dump lists every bucket (with its sequence and key count), key and
// value of db, read in one transaction, in byte order, keys and values
// quoted (%q: text stays readable, so a test can look for a value stored
// in clear): two databases hold the same when their dumps are equal.
func Dump(t testing.TB, db kv.DB) []string {
	t.Helper()
	var out []string
	var walk func(path string, b kv.Bucket)
	walk = func(path string, b kv.Bucket) {
		out = append(out, fmt.Sprintf("%s seq=%d n=%d", path, b.Sequence(), b.KeyCount()))
		b.ForEach(func(k, v []byte) error {
			if v == nil {
				walk(fmt.Sprintf("%s/%q", path, k), b.Bucket(k))
			} else {
				out = append(out, fmt.Sprintf("%s/%q=%q", path, k, v))
			}
			return nil
		})
	}
	err := db.View(func(tx kv.Tx) error {
		return tx.ForEachBucket(func(name []byte) error {
			walk(string(name), tx.Bucket(name))
			return nil
		})
	})
	if err != nil {
		t.Fatalf("dump the database: %v", err)
	}
	return out
}
