package mapping

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// BenchmarkSettlementLayerDelaware computes the informal-settlements
// layer over the Delaware extract with 200 drawn settlements of 0.004°
// (about 350 m × 445 m) centred on seeded random buildings, and 2,000
// reports near them: "full" builds every figure from nothing (service
// indexes, buildings, distances, report counts), "after-report" is the
// read that follows one new report (one settlement recounted).
func BenchmarkSettlementLayerDelaware(b *testing.B) {
	ix, _ := delawareIndex(b)
	st, _ := datatest.NewStore(b)
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	r := rand.New(rand.NewPCG(11, 11))
	buildings := ix.byKind[data.KindBuilding].feats
	var centres []orb.Point
	for i := 0; i < 200; i++ {
		c := buildings[r.IntN(len(buildings))].Point
		centres = append(centres, c)
		const d = 0.002
		g := orb.Polygon{{{c[0] - d, c[1] - d}, {c[0] + d, c[1] - d}, {c[0] + d, c[1] + d}, {c[0] - d, c[1] + d}, {c[0] - d, c[1] - d}}}
		if _, err := st.CreateSettlement(ctx, data.Settlement{Name: "s", Source: "bench", Geometry: g, CreatedAt: now}); err != nil {
			b.Fatal(err)
		}
	}
	reports := make([]data.Report, 0, 2000)
	for i := 0; i < 2000; i++ {
		c := centres[i%len(centres)]
		p := orb.Point{c[0] + (r.Float64()-0.5)*0.004, c[1] + (r.Float64()-0.5)*0.004}
		reports = append(reports, datatest.Report(p, "flood", now.Add(-time.Duration(i)*time.Hour)))
	}
	if _, err := st.CreateMany(ctx, reports); err != nil {
		b.Fatal(err)
	}
	extract := func() *Index { return ix }
	opts := SettlementOptions{Now: func() time.Time { return now }}
	drain := func(l *SettlementLayer) int {
		n := 0
		l.Features(orb.Bound{}, func(*geojson.Feature) bool { n++; return true })
		return n
	}
	b.Run("full", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if n := drain(NewSettlementLayer(extract, st, opts)); n != 200 {
				b.Fatalf("%d settlements", n)
			}
		}
	})
	b.Run("after-report", func(b *testing.B) {
		l := NewSettlementLayer(extract, st, opts)
		drain(l)
		b.ReportAllocs()
		for b.Loop() {
			l.ReportChanged(centres[0])
			drain(l)
		}
	})
}
