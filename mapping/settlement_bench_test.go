package mapping

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
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
	// Buildings inside each settlement: the kind's grid against a scan of
	// every building (the baseline).
	var items []*settlementItem
	NewSettlementLayer(extract, st, opts).Features(orb.Bound{}, func(*geojson.Feature) bool { return true })
	_ = st.EachSettlement(func(s data.Settlement) bool {
		items = append(items, drawnSettlement("x", s))
		return true
	})
	countGrid := func() int {
		n := 0
		for _, it := range items {
			ix.byKind[data.KindBuilding].eachPointIn(it.bound, func(f *data.OSMFeature) {
				if it.pip.contains(f.Point) {
					n++
				}
			})
		}
		return n
	}
	countScan := func() int {
		n := 0
		for _, it := range items {
			for _, f := range buildings {
				if it.bound.Contains(f.Point) && it.pip.contains(f.Point) {
					n++
				}
			}
		}
		return n
	}
	if g, s := countGrid(), countScan(); g != s || g == 0 {
		b.Fatalf("grid finds %d buildings, scan %d", g, s)
	}
	b.Run("buildings-grid", func(b *testing.B) {
		for b.Loop() {
			countGrid()
		}
	})
	b.Run("buildings-scan-baseline", func(b *testing.B) {
		for b.Loop() {
			countScan()
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

// BenchmarkSettlementLayerMonrovia is the acceptance run on a real city
// with informal settlements: Greater Monrovia 2015 (about 126,000
// buildings), with boundaries drawn as 0.006° boxes around whichever of
// West Point, Clara Town and New Kru Town the extract has as a place or
// neighbourhood (they are named in OSM, not tagged as informal). It needs the shared data folder:
// MTAA_SHARED_DATA=/work/shared/data go test ./mapping -run '^$' -bench Monrovia
func BenchmarkSettlementLayerMonrovia(b *testing.B) {
	dir := os.Getenv("MTAA_SHARED_DATA")
	if dir == "" {
		b.Skip("MTAA_SHARED_DATA is not set")
	}
	res, err := Import(context.Background(), filepath.Join(dir, "osm", "monrovia-2015.osm.pbf"), b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	ix, err := Load(res.Path)
	if err != nil {
		b.Fatal(err)
	}
	st, _ := datatest.NewStore(b)
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	drawn := 0
	for _, f := range ix.all {
		name := f.Name()
		if (f.Kind != data.KindPlace && f.Kind != data.KindNeighbourhood) || (name != "West Point" && name != "Clara Town" && name != "New Kru Town") {
			continue
		}
		c, d := f.Point, 0.003
		g := orb.Polygon{{{c[0] - d, c[1] - d}, {c[0] + d, c[1] - d}, {c[0] + d, c[1] + d}, {c[0] - d, c[1] + d}, {c[0] - d, c[1] - d}}}
		if _, err := st.CreateSettlement(context.Background(), data.Settlement{Name: name, Source: "bench", Geometry: g, CreatedAt: now}); err != nil {
			b.Fatal(err)
		}
		drawn++
	}
	if drawn == 0 {
		b.Fatal("no West Point, Clara Town or New Kru Town place in the extract")
	}
	opts := SettlementOptions{Now: func() time.Time { return now }}
	var last []*geojson.Feature
	b.ReportAllocs()
	for b.Loop() {
		last = last[:0]
		NewSettlementLayer(func() *Index { return ix }, st, opts).Features(orb.Bound{}, func(f *geojson.Feature) bool {
			last = append(last, f)
			return true
		})
	}
	b.StopTimer()
	for _, f := range last {
		gaps := f.Properties["service_gaps"].(map[string]serviceGap)
		line := fmt.Sprintf("%v %s: %v buildings, %.1f/ha;", f.ID, f.Properties["name"], f.Properties["buildings"], f.Properties["building_density"])
		for _, svc := range Services {
			g := gaps[svc]
			med := "-"
			if g.MedianM != nil {
				med = fmt.Sprintf("%.0f m", *g.MedianM)
			}
			share := "-"
			if g.ShareBeyond != nil {
				share = fmt.Sprintf("%.0f%%", *g.ShareBeyond*100)
			}
			line += fmt.Sprintf(" %s median %s, %s beyond %.0f m;", svc, med, share, g.ThresholdM)
		}
		b.Log(line)
	}
}
