package data

// Benchmarks of what the reports table costs on PostgreSQL, each against
// the same engine without data's migrations and projections ("plain"),
// in a cluster with fsync on (pgtest.Durable):
//
//	BenchmarkPostgresCreateParallel  64 writers through Store.Create
//	BenchmarkPostgresCopyTo          CopyTo of 20k reports from a bbolt store (mtaa migrate)
//	BenchmarkPostgresReconcileAll    ReconcileAll of 20k reports, the records re-read in
//	                                 the write transaction one GetMany per batch or one
//	                                 lookup per report (before GetMany), in alternating rounds
//
// Run: go test -run='^$' -bench=Postgres -benchmem ./data/

import (
	"context"
	"slices"
	"testing"
	"time"

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

// BenchmarkPostgresReconcileAll measures ReconcileAll of 20k reports on
// PostgreSQL with the records re-read in the write transaction by one
// GetMany per batch of 2,000 (getRecordsBytes) against a lookup per
// report (getRecordsEach: as before GetMany, two queries per report),
// alternating which goes first, one round of both per iteration: run
// with -benchtime=5x for five rounds. It reports each way's median time
// and the median of the rounds' ratios (each/batched).
func BenchmarkPostgresReconcileAll(b *testing.B) {
	const n = 20_000
	s, err := OpenEngine(benchPostgresDB(b, true), b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	fillBenchStore(b, s, n, 11)
	ctx := context.Background()
	round := 0
	s.SetReconciler(func(r *Report) { r.NotInOSM = (r.ID+uint64(round))%2 == 0 }) // every record changes each time
	run := func(read recordsReader) time.Duration {
		round++
		start := time.Now()
		got, err := s.reconcileAll(ctx, read)
		if err != nil || got != n {
			b.Fatalf("reconcileAll = %d, %v; want %d", got, err, n)
		}
		return time.Since(start)
	}
	var batched, each, ratios []float64
	b.ResetTimer()
	for i := range b.N {
		var tb, te time.Duration
		if i%2 == 0 {
			tb = run(getRecordsBytes)
			te = run(getRecordsEach)
		} else {
			te = run(getRecordsEach)
			tb = run(getRecordsBytes)
		}
		batched, each = append(batched, tb.Seconds()), append(each, te.Seconds())
		ratios = append(ratios, te.Seconds()/tb.Seconds())
	}
	b.StopTimer()
	b.ReportMetric(median(batched)*1000, "ms/batched")
	b.ReportMetric(median(each)*1000, "ms/each")
	b.ReportMetric(median(ratios), "each/batched")
}

// median returns the middle value of xs (the mean of the two middle ones
// for an even count); xs is sorted in place.
func median(xs []float64) float64 {
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 0 {
		return (xs[m-1] + xs[m]) / 2
	}
	return xs[m]
}
