package mapping

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// delawareExtractPath imports the Delaware extract from the module cache
// into a temporary directory and returns the extract file's path.
func delawareExtractPath(tb testing.TB) string {
	tb.Helper()
	path, err := datatest.OSMTestdata("delaware-latest.osm.pbf")
	if err != nil {
		tb.Skip(err)
	}
	res, err := Import(context.Background(), path, tb.TempDir(), Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return res.Path
}

// BenchmarkRiskFullRecomputeDelaware measures a full computation of the
// risk grid over Delaware (250 m cells) with 1,000 hazard reports in a
// real store, next to its baseline: loading the extract into an Index.
func BenchmarkRiskFullRecomputeDelaware(b *testing.B) {
	path := delawareExtractPath(b)
	ix, err := Load(path)
	if err != nil {
		b.Fatal(err)
	}
	store, _ := datatest.NewStore(b)
	seedHazardReports(b, store, ix, 1000)
	b.Run("LoadIndexBaseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Load(path); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Recompute", func(b *testing.B) {
		b.ReportAllocs()
		var cells int
		for b.Loop() {
			r, err := NewRisk(ix, store, RiskOptions{})
			if err != nil {
				b.Fatal(err)
			}
			cells = len(r.st.cells)
		}
		b.ReportMetric(float64(cells), "cells")
	})
}

// BenchmarkRiskIncrementalUpdate measures applying one new hazard report
// to the Delaware grid: in a cell already published (the common case),
// and in a cell with nothing in it yet, whose distances to water, health
// facilities and shelters must be computed first (the worst case).
func BenchmarkRiskIncrementalUpdate(b *testing.B) {
	ix, err := Load(delawareExtractPath(b))
	if err != nil {
		b.Fatal(err)
	}
	r, err := NewRisk(ix, nil, RiskOptions{})
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now().UTC()
	id := uint64(0)
	apply := func(p orb.Point) {
		id++
		rep := datatest.Report(p, "flood", now)
		rep.ID = id
		r.Apply(rep)
	}
	b.Run("PublishedCell", func(b *testing.B) {
		st := r.st
		pts := make([]orb.Point, len(st.index))
		for pos, i := range st.index {
			pts[pos] = st.grid.centre(int(i))
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			apply(pts[i%len(pts)])
			i++
		}
	})
	b.Run("EmptyCell", func(b *testing.B) {
		var pts []orb.Point
		for i, pos := range r.st.slot {
			if pos < 0 {
				pts = append(pts, r.st.grid.centre(i))
			}
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if i == len(pts) {
				b.Fatal("ran out of empty cells")
			}
			apply(pts[i])
			i++
		}
	})
}

// randomPoints returns n seeded points inside the extract's bound.
func randomPoints(ix *Index, n int) []orb.Point {
	meta := ix.Meta()
	bd := meta.BoundOrb()
	rnd := rand.New(rand.NewPCG(5, 5))
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{bd.Min[0] + rnd.Float64()*(bd.Max[0]-bd.Min[0]), bd.Min[1] + rnd.Float64()*(bd.Max[1]-bd.Min[1])}
	}
	return pts
}

// seedHazardReports stores n flood and fire reports at seeded places over
// the last 30 days.
func seedHazardReports(tb testing.TB, store *data.Store, ix *Index, n int) {
	tb.Helper()
	now := time.Now().UTC()
	var reps []data.Report
	for i, p := range randomPoints(ix, n) {
		cat := "flood"
		if i%3 == 0 {
			cat = "fire"
		}
		reps = append(reps, datatest.Report(p, cat, now.Add(-time.Duration(i)*43*time.Minute)))
	}
	if _, err := store.CreateMany(context.Background(), reps); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkAreaSummariesRefreshDelaware measures recomputing the 139 area
// summaries of Delaware after a report changed the grid, with 1,000
// hazard reports, next to its baseline: reading the summaries unchanged.
func BenchmarkAreaSummariesRefreshDelaware(b *testing.B) {
	ix, err := Load(delawareExtractPath(b))
	if err != nil {
		b.Fatal(err)
	}
	store, _ := datatest.NewStore(b)
	seedHazardReports(b, store, ix, 1000)
	r, err := NewRisk(ix, store, RiskOptions{})
	if err != nil {
		b.Fatal(err)
	}
	sum := NewAreaSummaries(r, SummaryOptions{Debounce: -1})
	sum.current() // the per-area cells, computed once per full computation
	pts := randomPoints(ix, 1024)
	b.Run("CachedBaseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sum.current()
		}
	})
	b.Run("AfterReport", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			rep := datatest.Report(pts[i%len(pts)], "flood", time.Now())
			rep.ID = uint64(1_000_000 + i)
			r.Apply(rep)
			sum.current()
			i++
		}
	})
}
