package boltkv_test

import (
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/boltkv"
	"github.com/mtaa-project/mtaa/data/kv/kvtest"
)

// TestContract runs the kv contract suite on bbolt files in t.TempDir().
func TestContract(t *testing.T) {
	kvtest.Run(t, func(t *testing.T) kv.DB {
		// The snapshot case holds a read transaction while another one
		// commits, which deadlocks when the commit has to grow bbolt's
		// memory map: map room for the whole suite from the start, as
		// data.Open does (64 MB).
		db, err := boltkv.Open(filepath.Join(t.TempDir(), "kv.db"), 0o600, &bolt.Options{InitialMmapSize: 64 << 20})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := db.Close(); err != nil {
				t.Errorf("close: %v", err)
			}
		})
		return db
	})
}
