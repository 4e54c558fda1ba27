// Package pgtest shares one throwaway PostgreSQL cluster (package
// pgcluster) among the tests of one test binary and hands each test a
// fresh database with PostGIS.
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
//	func TestX(t *testing.T) { url := pgtest.NewDatabase(t); … }
//
// When the PostgreSQL binaries are missing the tests are skipped, or fail
// when CI=true. Without Main the cluster stops with the test process
// (parent-death signal) and its folder is removed by the next run.
package pgtest

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"

	"github.com/mtaa-project/mtaa/internal/pgcluster"
)

// lazy is a cluster started on first use: a process resource, stopped by
// Main after the tests.
type lazy struct {
	once    sync.Once
	opt     pgcluster.Options
	cluster *pgcluster.Cluster
	err     error
}

// shared is the test binary's cluster (fsync off); durable is the one
// with fsync on, for benchmarks that compare with bbolt's fsynced file.
var shared, durable = &lazy{}, &lazy{opt: pgcluster.Options{Durable: true}}

// Main runs the tests and stops the clusters that were started; it
// returns the exit code for os.Exit.
func Main(m *testing.M) int {
	code := m.Run()
	for _, l := range []*lazy{shared, durable} {
		if l.cluster != nil {
			if err := l.cluster.Stop(); err != nil && code == 0 {
				code = 1
			}
		}
	}
	return code
}

// Cluster returns the shared cluster, starting it on first use. It skips
// the test when PostgreSQL is not installed, or fails it when CI=true.
func Cluster(t testing.TB) *pgcluster.Cluster { t.Helper(); return shared.get(t) }

// Durable is like Cluster for a second shared cluster that keeps fsync
// on, so that commits cost what they cost in production.
func Durable(t testing.TB) *pgcluster.Cluster { t.Helper(); return durable.get(t) }

func (l *lazy) get(t testing.TB) *pgcluster.Cluster {
	t.Helper()
	l.once.Do(func() {
		if err := pgcluster.RemoveStale(); err != nil {
			t.Logf("clusters of earlier test runs: %v", err)
		}
		l.cluster, l.err = pgcluster.Start(context.Background(), l.opt)
	})
	if l.err != nil {
		if errors.Is(l.err, pgcluster.ErrNoPostgres) && os.Getenv("CI") != "true" {
			t.Skip(l.err)
		}
		t.Fatal(l.err)
	}
	return l.cluster
}

// NewDatabase returns the URL of a fresh database (with PostGIS) in the
// shared cluster, dropped when the test ends.
func NewDatabase(t testing.TB) string {
	t.Helper()
	c := Cluster(t)
	url, err := c.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.DropDatabase(context.Background(), url); err != nil {
			t.Error(err)
		}
	})
	return url
}
