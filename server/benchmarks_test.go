package server_test

// Benchmarks of the report handlers in process (no network):
//
//	BenchmarkCreateReport   POST /api/v1/reports from 64 goroutines
//	BenchmarkReportItems    OGC items of a bbox holding ~100 of 200k reports
//
// Run: go test -run='^$' -bench=. -benchmem ./server/

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/internal/cputime"
	"github.com/mtaa-project/mtaa/server"
)

// BenchmarkCreateReport posts small web reports, as bench/load.sh does,
// from 64 concurrent clients; each 201 is a durable report.
func BenchmarkCreateReport(b *testing.B) {
	st, _ := datatest.NewStore(b)
	h := server.New(server.Config{PublicURL: "http://mtaa.test", PublicUnverified: true},
		server.Deps{Store: st, Taxonomy: data.DefaultTaxonomy(), Now: func() time.Time { return now }}).Handler()
	cats := data.DefaultTaxonomy().IDs()
	rng := rand.New(rand.NewPCG(1, 2))
	bodies := make([]string, 1024)
	for i := range bodies {
		bodies[i] = fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Point","coordinates":[%.6f,%.6f]},`+
			`"properties":{"category":%q,"description":"water rising near the market"}}`,
			39.15+rng.Float64()*0.2, -6.95+rng.Float64()*0.25, cats[rng.IntN(len(cats))])
	}
	var next atomic.Int64
	b.SetParallelism(32) // 64 clients on 2 cores
	b.ReportAllocs()
	cpu0 := cputime.Process()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			body := bodies[next.Add(1)%int64(len(bodies))]
			req := httptest.NewRequest(http.MethodPost, "/api/v1/reports", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/geo+json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusCreated {
				b.Errorf("status %d: %s", rec.Code, rec.Body)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
	// The process's CPU time per report (user + system, all threads) moves
	// less than ns/op with whatever else runs on the machine.
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkReportItems asks for the reports of random boxes that hold ~100
// of 200k reports spread over Dar es Salaam, as bench/load.sh does.
func BenchmarkReportItems(b *testing.B) {
	const n = 200_000
	st, _ := datatest.NewStore(b)
	rng := rand.New(rand.NewPCG(3, 4))
	cats := data.DefaultTaxonomy().IDs()
	for done := 0; done < n; done += 10_000 {
		batch := make([]data.Report, 10_000)
		for i := range batch {
			p := orb.Point{39.15 + rng.Float64()*0.2, -6.95 + rng.Float64()*0.25}
			batch[i] = datatest.Report(p, cats[rng.IntN(len(cats))], now.Add(-time.Duration(rng.IntN(1e6))*time.Second))
		}
		if _, err := st.CreateMany(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
	}
	h := server.New(server.Config{PublicURL: "http://mtaa.test", PublicUnverified: true},
		server.Deps{Store: st, Taxonomy: data.DefaultTaxonomy(), Now: func() time.Time { return now }}).Handler()
	side := 0.002236 * 2.2360679 // ~100 of 200k reports
	targets := make([]string, 1024)
	for i := range targets {
		x, y := 39.15+rng.Float64()*(0.2-side), -6.95+rng.Float64()*(0.25-side)
		targets[i] = fmt.Sprintf("/ogc/collections/reports/items?limit=100&bbox=%.6f,%.6f,%.6f,%.6f", x, y, x+side, y+side)
	}
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(http.MethodGet, targets[next.Add(1)%int64(len(targets))], nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Errorf("status %d: %s", rec.Code, rec.Body)
				return
			}
		}
	})
}
