package data

// Benchmarks of what the reports table costs on PostgreSQL, each against
// the same engine without data's migrations and projections ("plain"),
// in a cluster with fsync on (pgtest.Durable):
//
//	BenchmarkPostgresCreateParallel  64 writers through Store.Create
//	BenchmarkPostgresCopyTo          CopyTo of 20k reports from a bbolt store (mtaa migrate)
//
// Run: go test -run='^$' -bench=Postgres -benchmem ./data/

import (
	"context"
	"testing"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
	"github.com/mtaa-project/mtaa/internal/pgcluster/pgtest"
)

// benchPostgresDB opens a fresh database of the durable test cluster,
// with data's tables and projections (view) or without (plain); it is
// dropped when the benchmark ends.
func benchPostgresDB(b *testing.B, view bool) kv.DB {
	b.Helper()
	ctx := context.Background()
	c := pgtest.Durable(b)
	url, err := c.NewDatabase(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.DropDatabase(context.Background(), url) })
	var db kv.DB
	if view {
		db, err = OpenPostgresDB(ctx, url, Options{}, PostgresOptions{})
	} else {
		db, err = pgkv.Open(ctx, url, pgkv.Options{})
	}
	if err != nil {
		b.Fatal(err)
	}
	return db
}

func BenchmarkPostgresCreateParallel(b *testing.B) {
	for _, view := range []bool{false, true} {
		name := map[bool]string{false: "plain", true: "view"}[view]
		b.Run(name, func(b *testing.B) {
			s, err := OpenEngine(benchPostgresDB(b, view), b.TempDir(), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			runWriters(b, func(r Report) error {
				_, err := s.Create(ctx, r)
				return err
			})
		})
	}
}

func BenchmarkPostgresCopyTo(b *testing.B) {
	const n = 20_000
	src := openBenchStore(b, b.TempDir())
	defer src.Close()
	fillBenchStore(b, src, n, 7)
	for _, view := range []bool{false, true} {
		name := map[bool]string{false: "plain", true: "view"}[view]
		b.Run(name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				dst := benchPostgresDB(b, view)
				b.StartTimer()
				if err := src.CopyTo(dst); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				dst.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "reports/s")
		})
	}
}
