package data

import (
	"testing"

	"github.com/mtaa-project/mtaa/data/kv/kvtest"
)

// openStore opens the store of the test directory dir on the engine
// MTAA_TEST_STORE names, as datatest.Open does for the black-box tests
// (which this package's own tests cannot import: datatest imports data).
func openStore(t testing.TB, dir string, opts Options) (*Store, error) {
	t.Helper()
	if db := kvtest.OpenEngine(t, dir); db != nil {
		return OpenEngine(db, dir, opts)
	}
	return Open(dir, opts)
}
