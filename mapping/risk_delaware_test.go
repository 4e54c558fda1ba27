package mapping_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
)

// TestRiskDelaware computes both layers over the real Delaware extract
// with hazard reports in a real store, and checks them whole.
func TestRiskDelaware(t *testing.T) {
	t.Parallel()
	_, ix, feats := importReal(t, "delaware-latest.osm.pbf")
	store, _ := datatest.NewStore(t)
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	// 300 hazard reports at buildings, over the last 30 days.
	var buildings []*data.OSMFeature
	areas := 0
	for _, f := range feats {
		switch f.Kind {
		case data.KindBuilding:
			buildings = append(buildings, f)
		case data.KindAdmin, data.KindNeighbourhood:
			if _, ok := f.Geometry.(orb.Polygon); ok {
				areas++
			} else if _, ok := f.Geometry.(orb.MultiPolygon); ok {
				areas++
			}
		}
	}
	var reps []data.Report
	for i := 0; i < 300; i++ {
		b := buildings[i*len(buildings)/300]
		reps = append(reps, datatest.Report(b.Point, []string{"flood", "fire", "blocked_drain"}[i%3], now.Add(-time.Duration(i)*150*time.Minute)))
	}
	if _, err := store.CreateMany(context.Background(), reps); err != nil {
		t.Fatal(err)
	}
	r, err := mapping.NewRisk(ix, store, mapping.RiskOptions{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}

	n, withBuildings, sumBuildings, sumReports := 0, 0, 0, 0
	classes := map[string]int{}
	r.Features(orb.Bound{}, func(f *geojson.Feature) bool {
		n++
		p := f.Properties
		for _, k := range []string{"score", "hazard", "exposure", "vulnerability", "water_proximity", "informal_share", "report_hazard"} {
			if v, ok := p[k].(float64); !ok || v < 0 || v > 1 {
				t.Fatalf("%v: %s = %v, want a number in [0, 1]", f.ID, k, p[k])
			}
		}
		cl, _ := p["class"].(string)
		if !slices.Contains(mapping.RiskClasses(), cl) {
			t.Fatalf("%v: class %q", f.ID, cl)
		}
		classes[cl]++
		b, reports := p["buildings"].(int), p["reports"].(int)
		if b == 0 && reports == 0 && p["water_proximity"].(float64) == 0 {
			t.Fatalf("%v published with no building, water or report", f.ID)
		}
		if b > 0 {
			withBuildings++
		}
		sumBuildings += b
		sumReports += reports
		return true
	})
	// Every building and every report lies in the extract's bound, so in
	// some cell.
	if sumBuildings != len(buildings) {
		t.Errorf("cells hold %d buildings, want %d", sumBuildings, len(buildings))
	}
	if sumReports != len(reps) {
		t.Errorf("cells hold %d reports, want %d", sumReports, len(reps))
	}
	if n < withBuildings || withBuildings == 0 {
		t.Errorf("%d cells published, %d with buildings", n, withBuildings)
	}
	if classes["low"] == 0 || classes["medium"]+classes["high"]+classes["very_high"] == 0 {
		t.Errorf("classes %v: want low cells and some above", classes)
	}
	t.Logf("%d cells published, %d with buildings, classes %v", n, withBuildings, classes)

	sum := mapping.NewAreaSummaries(r, mapping.SummaryOptions{})
	got := 0
	sum.Features(orb.Bound{}, func(f *geojson.Feature) bool {
		got++
		p := f.Properties
		if p["buildings_high"].(int)+p["buildings_very_high"].(int) > p["buildings"].(int) {
			t.Errorf("%v: more buildings at risk than buildings: %v", f.ID, p)
		}
		return true
	})
	if got != areas {
		t.Errorf("%d area summaries, want %d (admin and neighbourhood areas)", got, areas)
	}
	// Delaware (relation/162110) holds most of the reports.
	de, ok := sum.Feature("admin-relation-162110")
	if !ok {
		t.Fatal("no summary for Delaware, admin-relation-162110")
	}
	if o := de.Properties["open_hazard_reports"].(int); o < 250 || o > len(reps) {
		t.Errorf("Delaware: %d open hazard reports, want most of the %d", o, len(reps))
	}

	// geojsonhint takes about a minute for all 30,000 cells: check the
	// cells around Wilmington, and every area summary.
	dir := t.TempDir()
	riskPath, sumPath := filepath.Join(dir, "risk.geojson"), filepath.Join(dir, "area-summaries.geojson")
	wilmington := orb.Bound{Min: orb.Point{-75.60, 39.70}, Max: orb.Point{-75.50, 39.78}}
	if n := writeCollectionIn(t, r, wilmington, riskPath); n < 100 {
		t.Errorf("%d cells around Wilmington, want over 100", n)
	}
	writeCollection(t, sum, sumPath)
	geojsonHint(t, riskPath, sumPath)
}
