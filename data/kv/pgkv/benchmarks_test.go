package pgkv_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/rand"
	"testing"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
	"github.com/mtaa-project/mtaa/internal/pgcluster/pgtest"
)

// engine opens an empty kv.DB for a benchmark.
type engine struct {
	name string
	open func(b *testing.B) kv.DB
}

// engines are compared in the same run: pgkv on a cluster with fsync on
// (commits cost what they cost in production) and the baselines of
// engines_test.go.
func engines() []engine {
	return append([]engine{{"pg", func(b *testing.B) kv.DB {
		url, err := pgtest.Durable(b).NewDatabase(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		db, err := pgkv.Open(context.Background(), url, pgkv.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		return db
	}}}, baselines...)
}

// reportValue is about the size of an encoded report.
func reportValue(rng *rand.Rand) []byte {
	v := make([]byte, 600)
	rng.Read(v)
	return v
}

func be(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

// BenchmarkPut commits write transactions of batch new keys each.
func BenchmarkPut(b *testing.B) {
	// Engines inner, so that each size runs on both close together in
	// time (this machine's load drifts).
	for _, batch := range []int{1, 16, 256} {
		for _, e := range engines() {
			b.Run(fmt.Sprintf("batch=%d/engine=%s", batch, e.name), func(b *testing.B) {
				db := e.open(b)
				update(b, db, func(tx kv.Tx) error { _, err := tx.CreateBucket([]byte("b")); return err })
				rng := rand.New(rand.NewSource(1))
				val := reportValue(rng)
				n := uint64(0)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					err := db.Update(func(tx kv.Tx) error {
						bk := tx.Bucket([]byte("b"))
						for j := 0; j < batch; j++ {
							n++
							if err := bk.Put(be(n), val); err != nil {
								return err
							}
						}
						return nil
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "keys/s")
			})
		}
	}
}

// BenchmarkReportTx is the shape of filing a report: look an idempotency
// key up, take the next id, write the report, an index entry and the
// idempotency key, in one write transaction, over 10,000 earlier ones.
func BenchmarkReportTx(b *testing.B) {
	for _, e := range engines() {
		b.Run("engine="+e.name, func(b *testing.B) {
			db := e.open(b)
			rng := rand.New(rand.NewSource(1))
			val := reportValue(rng)
			file := func(tx kv.Tx, i int) error {
				reports, idem, byTime := tx.Bucket([]byte("reports")), tx.Bucket([]byte("idem")), tx.Bucket([]byte("by_time"))
				key := []byte(fmt.Sprintf("client-%d", i))
				if idem.Get(key) != nil {
					return fmt.Errorf("key %s seen", key)
				}
				id, err := reports.NextSequence()
				if err != nil {
					return err
				}
				if err := reports.Put(be(id), val); err != nil {
					return err
				}
				if err := byTime.Put(append(be(uint64(i)), be(id)...), nil); err != nil {
					return err
				}
				return idem.Put(key, be(id))
			}
			update(b, db, func(tx kv.Tx) error {
				for _, n := range []string{"reports", "idem", "by_time"} {
					if _, err := tx.CreateBucket([]byte(n)); err != nil {
						return err
					}
				}
				for i := 0; i < 10000; i++ {
					if err := file(tx, -i-1); err != nil {
						return err
					}
				}
				return nil
			})
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := db.Update(func(tx kv.Tx) error { return file(tx, i) }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkScan reads n keys of 600 bytes through a cursor in a read
// transaction (package data loads its index this way at start).
func BenchmarkScan(b *testing.B) {
	for _, n := range []int{1000, 100_000} {
		for _, e := range engines() {
			b.Run(fmt.Sprintf("keys=%d/engine=%s", n, e.name), func(b *testing.B) { benchmarkScan(b, e, n) })
		}
	}
}

func benchmarkScan(b *testing.B, e engine, n int) {
	db := e.open(b)
	rng := rand.New(rand.NewSource(1))
	for done := 0; done < n; done += 10_000 {
		update(b, db, func(tx kv.Tx) error {
			bk, err := tx.CreateBucketIfNotExists([]byte("b"))
			if err != nil {
				return err
			}
			for i := done; i < min(n, done+10_000); i++ {
				if err := bk.Put(be(uint64(i)), reportValue(rng)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		got := 0
		err := db.View(func(tx kv.Tx) error {
			return tx.Bucket([]byte("b")).ForEach(func(k, v []byte) error { got++; return nil })
		})
		if err != nil || got != n {
			b.Fatalf("%d keys, %v", got, err)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "keys/s")
}
