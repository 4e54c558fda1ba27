package mapping_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
)

// delawareDrawings are settlement boundaries drawn over built-up places
// of Delaware (the extract has no informal-settlement tags): boxes of
// 0.004° (about 350 m × 445 m) around downtown Lewes, Georgetown, Dover
// and Wilmington.
var delawareDrawings = []struct {
	name   string
	centre orb.Point
}{
	{"Lewes", orb.Point{-75.1433, 38.7722}},
	{"Georgetown", orb.Point{-75.3855, 38.6901}},
	{"Dover", orb.Point{-75.5244, 39.1582}},
	{"Wilmington", orb.Point{-75.5466, 39.7459}},
}

func box(c orb.Point, d float64) orb.Polygon {
	return orb.Polygon{{{c[0] - d, c[1] - d}, {c[0] + d, c[1] - d}, {c[0] + d, c[1] + d}, {c[0] - d, c[1] + d}, {c[0] - d, c[1] - d}}}
}

// TestSettlementLayerDelaware computes the layer over the real Delaware
// extract with drawn settlements and reports, and checks every feature.
func TestSettlementLayerDelaware(t *testing.T) {
	_, ix, _ := importReal(t, "delaware-latest.osm.pbf")
	st, _ := datatest.NewStore(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	for _, d := range delawareDrawings {
		c := d.centre
		s := data.Settlement{Name: d.name, Source: "test drawing", Geometry: box(c, 0.002), CreatedAt: now}
		if err := mapping.ValidatePolygon(s.Geometry, mapping.DefaultPolygonLimits); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateSettlement(ctx, s); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Create(ctx, datatest.Report(c, "flood", now.Add(-time.Hour))); err != nil {
			t.Fatal(err)
		}
	}
	layer := mapping.NewSettlementLayer(func() *mapping.Index { return ix }, st, mapping.SettlementOptions{Now: func() time.Time { return now }})
	var feats []*geojson.Feature
	layer.Features(orb.Bound{}, func(f *geojson.Feature) bool { feats = append(feats, f); return true })

	osm, drawn, buildings := 0, 0, 0
	for _, f := range feats {
		p := props(t, f)
		switch p["origin"] {
		case "osm":
			osm++
		case "mapper":
			drawn++
		}
		if err := mapping.ValidatePolygon(f.Geometry, mapping.PolygonLimits{}); err != nil {
			t.Errorf("%v: invalid geometry: %v", f.ID, err)
		}
		if a, _ := p["area_m2"].(float64); a <= 0 {
			t.Errorf("%v: area %v", f.ID, p["area_m2"])
		}
		n, _ := p["buildings"].(float64)
		buildings += int(n)
		gaps, _ := p["service_gaps"].(map[string]any)
		if len(gaps) != len(mapping.Services) {
			t.Fatalf("%v: service_gaps %v", f.ID, gaps)
		}
		for svc, g := range gaps {
			g := g.(map[string]any)
			if n == 0 {
				continue
			}
			share, _ := g["share_beyond"].(float64)
			if share < 0 || share > 1 {
				t.Errorf("%v %s: share %v", f.ID, svc, g["share_beyond"])
			}
			if med, ok := g["median_m"].(float64); ok && (med < 0 || med > g["max_m"].(float64) || math.IsNaN(med)) {
				t.Errorf("%v %s: median %v max %v", f.ID, svc, g["median_m"], g["max_m"])
			}
		}
		t.Logf("%v %s: %v buildings, gaps %v", f.ID, p["name"], n, gaps)
		if drawn > 0 && p["origin"] == "mapper" && p["reports_total"] != 1.0 {
			t.Errorf("%v: reports_total %v, want the one flood report", f.ID, p["reports_total"])
		}
	}
	t.Logf("%d OSM settlements, %d drawn, %d buildings inside", osm, drawn, buildings)
	if drawn != len(delawareDrawings) || buildings == 0 {
		t.Fatalf("%d drawn settlements, %d buildings", drawn, buildings)
	}
	// Downtown Lewes has Beebe Medical Center (node/1224462183) inside
	// the box: every building is within 1 km of health care.
	f, ok := layer.Feature("mapper-1")
	if !ok {
		t.Fatal("no mapper-1")
	}
	health := props(t, f)["service_gaps"].(map[string]any)["health"].(map[string]any)
	if med, _ := health["median_m"].(float64); health["share_beyond"] != 0.0 || med <= 0 || med > 300 {
		t.Errorf("Lewes health access %v", health)
	}
}
