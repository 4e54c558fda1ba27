// Package pgtest shares one throwaway PostgreSQL cluster (package
// pgcluster) among the tests of one test binary and hands each test a
// fresh database with PostGIS.
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
//	func TestX(t *testing.T) { url := pgtest.NewDatabase(t); … }
//
// When the PostgreSQL binaries are missing the tests are skipped, or fail
// when CI=true.
package pgtest

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"

	"github.com/mtaa-project/mtaa/internal/pgcluster"
)

// shared is the test binary's cluster, started on first use: a process
// resource, stopped by Main after the tests.
var shared struct {
	once    sync.Once
	cluster *pgcluster.Cluster
	err     error
}

// Main runs the tests and stops the shared cluster, if one was started;
// it returns the exit code for os.Exit.
func Main(m *testing.M) int {
	code := m.Run()
	if shared.cluster != nil {
		if err := shared.cluster.Stop(); err != nil && code == 0 {
			code = 1
		}
	}
	return code
}

// Cluster returns the shared cluster, starting it on first use. It skips
// the test when PostgreSQL is not installed, or fails it when CI=true.
func Cluster(t testing.TB) *pgcluster.Cluster {
	t.Helper()
	shared.once.Do(func() {
		shared.cluster, shared.err = pgcluster.Start(context.Background(), pgcluster.Options{})
	})
	if shared.err != nil {
		if errors.Is(shared.err, pgcluster.ErrNoPostgres) && os.Getenv("CI") != "true" {
			t.Skip(shared.err)
		}
		t.Fatal(shared.err)
	}
	return shared.cluster
}

// NewDatabase returns the URL of a fresh database (with PostGIS) in the
// shared cluster.
func NewDatabase(t testing.TB) string {
	t.Helper()
	url, err := Cluster(t).NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return url
}
