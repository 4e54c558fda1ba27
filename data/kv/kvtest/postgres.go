package kvtest

import (
	"context"
	"sync"
	"testing"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
	"github.com/mtaa-project/mtaa/internal/pgcluster/pgtest"
)

func init() { OpenPostgres = openPostgres }

// pgDatabases maps test directories to their database's URL.
var pgDatabases sync.Map

// openPostgres is OpenPostgres on pgkv, in the test binary's shared
// cluster (package pgtest): a fresh database the first time dir is given,
// dropped when the test ends.
func openPostgres(t testing.TB, dir string) kv.DB {
	t.Helper()
	url, ok := pgDatabases.Load(dir)
	if !ok {
		u := pgtest.NewDatabase(t)
		var loaded bool
		if url, loaded = pgDatabases.LoadOrStore(dir, u); !loaded {
			t.Cleanup(func() { pgDatabases.Delete(dir) })
		}
	}
	db, err := pgkv.Open(context.Background(), url.(string), pgkv.Options{})
	if err != nil {
		t.Fatalf("open the PostgreSQL database of %s: %v", dir, err)
	}
	return db
}
