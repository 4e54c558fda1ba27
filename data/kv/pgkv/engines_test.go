package pgkv_test

import (
	"path/filepath"
	"testing"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/boltkv"
)

// baselines are the engines pgkv's benchmarks compare with: bbolt in a
// file of b.TempDir(), fsync on, as package data opens it.
var baselines = []engine{{"bolt", func(b *testing.B) kv.DB {
	db, err := boltkv.Open(filepath.Join(b.TempDir(), "bench.db"), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}}}
