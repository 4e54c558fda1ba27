package server_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

// BenchmarkOpen311Requests serves a full Open311 page (1000 requests, the
// specification's default) out of 20k reports in the 90-day window, in
// JSON and XML, next to the OGC items of the same 1000 reports as the
// baseline.
//
// Run: go test -run='^$' -bench=Open311 -benchmem ./server/
func BenchmarkOpen311Requests(b *testing.B) {
	const n = 20_000
	st, _ := datatest.NewStore(b)
	rng := rand.New(rand.NewPCG(5, 6))
	cats := data.DefaultTaxonomy().IDs()
	batch := make([]data.Report, n)
	for i := range batch {
		p := orb.Point{39.15 + rng.Float64()*0.2, -6.95 + rng.Float64()*0.25}
		batch[i] = datatest.Report(p, cats[rng.IntN(len(cats))], now.Add(-time.Duration(n-i)*time.Minute))
	}
	if _, err := st.CreateMany(context.Background(), batch); err != nil {
		b.Fatal(err)
	}
	h := server.New(server.Config{PublicURL: "http://mtaa.test"},
		server.Deps{Store: st, Now: func() time.Time { return now }}).Handler()
	for _, bc := range []struct{ name, target string }{
		{"ogc-items-baseline", "/ogc/collections/reports/items?limit=1000&offset=19000"},
		{"json", "/open311/v2/requests.json"},
		{"xml", "/open311/v2/requests.xml"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, bc.target, nil))
				if rec.Code != http.StatusOK || rec.Body.Len() < 100_000 {
					b.Fatalf("%s: %d, %d bytes", bc.target, rec.Code, rec.Body.Len())
				}
			}
		})
	}
}
