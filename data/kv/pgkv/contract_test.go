package pgkv_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/kvtest"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
)

// TestContract runs the kv contract suite on pgkv, a fresh database per
// case.
func TestContract(t *testing.T) {
	kvtest.Run(t, func(t *testing.T) kv.DB {
		db, _ := open(t, "", pgkv.Options{})
		return db
	})
}
