package mapping_test

import (
	"context"
	"encoding/json"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
)

// metresPerMilliDegree is 0.001° of latitude on orb's sphere
// (orb.EarthRadius × π/180 / 1000): distances along a meridian are exact
// multiples of it.
const metresPerMilliDegree = orb.EarthRadius * math.Pi / 180 / 1000

var worldNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// settlementWorld imports testdata/settlement_world.osm with the real
// importer and returns its index and a store holding reports at known
// places and two drawn settlements (one rejected).
func settlementWorld(t *testing.T) (*mapping.Index, *data.Store) {
	t.Helper()
	res, err := mapping.Import(context.Background(), "testdata/settlement_world.osm", t.TempDir(), mapping.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := mapping.Load(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := datatest.NewStore(t)
	ctx := context.Background()
	report := func(lon, lat float64, cat string, status data.Status, age time.Duration) {
		r := datatest.Report(orb.Point{lon, lat}, cat, worldNow.Add(-age))
		r.Status = status
		if _, err := st.Create(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	day := 24 * time.Hour
	// Inside Kwa Mtogole (the OSM square 39.250–39.252, -6.810–-6.808).
	report(39.2505, -6.8095, "flood", data.StatusNew, 2*day)
	report(39.2515, -6.8085, "flood", data.StatusResolved, 40*day)
	report(39.2510, -6.8090, "water_supply", data.StatusVerified, day)
	// Inside the drawn triangle, and inside its bound but outside it.
	report(39.2603, -6.8097, "security", data.StatusNew, 3*day)
	report(39.2615, -6.8085, "fire", data.StatusNew, 3*day)
	// Nowhere.
	report(39.2700, -6.8000, "flood", data.StatusNew, day)

	triangle := orb.Polygon{{{39.26, -6.81}, {39.262, -6.81}, {39.26, -6.808}, {39.26, -6.81}}}
	for _, s := range []data.Settlement{
		{Name: "Mtogole Juu", Source: "mapper survey 2026", Geometry: triangle, CreatedAt: worldNow},
		{Name: "Rejected", Source: "test", Geometry: triangle, CreatedAt: worldNow},
	} {
		if err := mapping.ValidatePolygon(s.Geometry, mapping.DefaultPolygonLimits); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateSettlement(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.SetSettlementStatus(ctx, 2, data.SettlementRejected, worldNow); err != nil {
		t.Fatal(err)
	}
	return ix, st
}

func features(l *mapping.SettlementLayer, b orb.Bound) []*geojson.Feature {
	var out []*geojson.Feature
	l.Features(b, func(f *geojson.Feature) bool { out = append(out, f); return true })
	return out
}

// props round-trips a feature's properties through JSON, as clients see
// them.
func props(t *testing.T, f *geojson.Feature) map[string]any {
	t.Helper()
	b, err := json.Marshal(f.Properties)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSettlementLayerHandBuiltWorld(t *testing.T) {
	ix, st := settlementWorld(t)
	layer := mapping.NewSettlementLayer(func() *mapping.Index { return ix }, st, mapping.SettlementOptions{Now: func() time.Time { return worldNow }})

	feats := features(layer, orb.Bound{})
	if len(feats) != 2 || feats[0].ID != "way-100" || feats[1].ID != "mapper-1" {
		ids := []any{}
		for _, f := range feats {
			ids = append(ids, f.ID)
		}
		// The OSM point settlement (no area) and the rejected drawing are left out.
		t.Fatalf("features %v, want [way-100 mapper-1]", ids)
	}
	osm := props(t, feats[0])

	t.Run("identity", func(t *testing.T) {
		if osm["name"] != "Kwa Mtogole" || osm["origin"] != "osm" || osm["status"] != "mapped" || osm["class"] != "informal" ||
			osm["osm_id"] != "way/100" || osm["population"] != 1200.0 || osm["source"] != "OpenStreetMap" {
			t.Errorf("properties %v", osm)
		}
	})
	t.Run("area and buildings", func(t *testing.T) {
		// The exact spherical area of a 0.002° × 0.002° box:
		// R² × Δλ × (sin φ_north − sin φ_south). geo.Area sums the same
		// formula over the edges, so only float rounding separates them;
		// 0.5 m² (1e-5 relative) is generous.
		r := orb.EarthRadius
		want := r * r * (0.002 * math.Pi / 180) * (math.Sin(-6.808*math.Pi/180) - math.Sin(-6.810*math.Pi/180))
		if got := osm["area_m2"].(float64); math.Abs(got-want) > 0.5 {
			t.Errorf("area_m2 = %.1f, want %.1f", got, want)
		}
		// Three of the four buildings are inside.
		if osm["buildings"] != 3.0 {
			t.Errorf("buildings = %v, want 3", osm["buildings"])
		}
		if want := math.Round(3/(want/10000)*100) / 100; osm["building_density"] != want {
			t.Errorf("building_density = %v, want %v per ha", osm["building_density"], want)
		}
	})
	t.Run("service gaps", func(t *testing.T) {
		// Buildings at -6.8095, -6.8090 and -6.8085 on the meridian
		// 39.2510; every facility is on it too, so each distance is a
		// whole number of 0.0005° steps (55.6597 m).
		m := func(milli float64) float64 { return math.Round(milli*metresPerMilliDegree*10) / 10 }
		gaps := osm["service_gaps"].(map[string]any)
		tests := []struct {
			service             string
			threshold, share    float64
			median, maximum     any
			facilitiesInExtract bool
		}{
			// Water point at -6.8110: 1.5, 2.0, 2.5 m° → 167.0, 222.6,
			// 278.3 m; one of three beyond 250 m. (The water tower at
			// -6.8091 is not a water point.)
			{"water", 250, 0.3333, m(2.0), m(2.5), true},
			// Toilet at -6.8090: 0, 55.7, 55.7 m.
			{"toilet", 100, 0, m(0.5), m(0.5), true},
			// School at -6.8060: 278.3, 334.0, 389.6 m.
			{"school", 1000, 0, m(3.0), m(3.5), true},
			// Clinic at -6.8000: 946.2, 1001.9, 1057.5 m; two beyond 1 km.
			// (The pharmacy at -6.8092 is not a health facility.)
			{"health", 1000, 0.6667, m(9.0), m(9.5), true},
			// No shelter in the world: every building is beyond.
			{"shelter", 500, 1, nil, nil, false},
		}
		for _, tt := range tests {
			g := gaps[tt.service].(map[string]any)
			if g["threshold_m"] != tt.threshold || g["share_beyond"] != tt.share || g["median_m"] != tt.median ||
				g["max_m"] != tt.maximum || g["facilities_in_extract"] != tt.facilitiesInExtract {
				t.Errorf("%s: %v, want threshold %v share %v median %v max %v", tt.service, g, tt.threshold, tt.share, tt.median, tt.maximum)
			}
		}
		if got := m(2.0); got != 222.6 {
			t.Fatalf("the test's own arithmetic: 2 m° = %v m", got)
		}
	})
	t.Run("reports", func(t *testing.T) {
		cats := osm["reports"].(map[string]any)
		flood, water := cats["flood"].(map[string]any), cats["water_supply"].(map[string]any)
		if osm["reports_total"] != 3.0 || osm["reports_open"] != 2.0 || osm["reports_last_30_days"] != 2.0 || len(cats) != 2 ||
			flood["total"] != 2.0 || flood["open"] != 1.0 || flood["last_30_days"] != 1.0 ||
			water["total"] != 1.0 || water["open"] != 1.0 || water["last_30_days"] != 1.0 {
			t.Errorf("reports %v total %v open %v recent %v", cats, osm["reports_total"], osm["reports_open"], osm["reports_last_30_days"])
		}
	})
	t.Run("drawn settlement", func(t *testing.T) {
		d := props(t, feats[1])
		cats := d["reports"].(map[string]any)
		// The fire report is inside the triangle's bound but not inside it.
		if d["name"] != "Mtogole Juu" || d["origin"] != "mapper" || d["status"] != "new" || d["source"] != "mapper survey 2026" ||
			d["buildings"] != 0.0 || d["building_density"] != 0.0 || d["population"] != nil ||
			d["reports_total"] != 1.0 || len(cats) != 1 || cats["security"] == nil {
			t.Errorf("drawn settlement %v", d)
		}
		water := d["service_gaps"].(map[string]any)["water"].(map[string]any)
		if water["share_beyond"] != nil || water["median_m"] != nil {
			t.Errorf("service gaps without buildings: %v", water)
		}
	})
	t.Run("bound, lookup, filter by bound", func(t *testing.T) {
		b := layer.Bound()
		if b.Min != (orb.Point{39.25, -6.81}) || b.Max != (orb.Point{39.262, -6.808}) {
			t.Errorf("bound %v", b)
		}
		if f, ok := layer.Feature("mapper-1"); !ok || f.Properties["name"] != "Mtogole Juu" {
			t.Errorf("Feature(mapper-1) = %v %v", f, ok)
		}
		for _, id := range []string{"mapper-2", "node-28", "way-200", ""} {
			if _, ok := layer.Feature(id); ok {
				t.Errorf("Feature(%q) found", id)
			}
		}
		east := features(layer, orb.Bound{Min: orb.Point{39.259, -6.82}, Max: orb.Point{39.3, -6.7}})
		if len(east) != 1 || east[0].ID != "mapper-1" {
			t.Errorf("bbox east: %d features", len(east))
		}
	})
}

func TestSettlementLayerFollowsChanges(t *testing.T) {
	ix, st := settlementWorld(t)
	var current *mapping.Index
	layer := mapping.NewSettlementLayer(func() *mapping.Index { return current }, st,
		mapping.SettlementOptions{Now: func() time.Time { return worldNow }, Thresholds: map[string]float64{"water": 300}})
	cancel := st.Watch(func(c data.Change) { layer.ReportChanged(c.Report.Location) })
	defer cancel()
	ctx := context.Background()

	// No extract yet: only the drawn settlement.
	if feats := features(layer, orb.Bound{}); len(feats) != 1 || feats[0].ID != "mapper-1" {
		t.Fatalf("without an extract: %d features", len(feats))
	}
	// The extract arrives.
	current = ix
	f, ok := layer.Feature("way-100")
	if !ok {
		t.Fatal("extract not picked up")
	}
	water := props(t, f)["service_gaps"].(map[string]any)["water"].(map[string]any)
	if water["threshold_m"] != 300.0 || water["share_beyond"] != 0.0 {
		t.Errorf("configured water threshold: %v", water)
	}
	// A new report inside is counted at the next read.
	if _, err := st.Create(ctx, datatest.Report(orb.Point{39.2519, -6.8099}, "fire", worldNow)); err != nil {
		t.Fatal(err)
	}
	if f, _ := layer.Feature("way-100"); props(t, f)["reports_total"] != 4.0 {
		t.Errorf("after a new report: %v", props(t, f)["reports_total"])
	}
	// A new drawing shows; moderation hides a rejected one.
	square := orb.Polygon{{{39.27, -6.81}, {39.271, -6.81}, {39.271, -6.809}, {39.27, -6.809}, {39.27, -6.81}}}
	if _, err := st.CreateSettlement(ctx, data.Settlement{Name: "Mpya", Source: "s", Geometry: square}); err != nil {
		t.Fatal(err)
	}
	if feats := features(layer, orb.Bound{}); len(feats) != 3 || feats[2].ID != "mapper-3" {
		t.Fatalf("after a new drawing: %d features", len(feats))
	}
	if _, err := st.SetSettlementStatus(ctx, 1, data.SettlementRejected, worldNow); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetSettlementStatus(ctx, 3, data.SettlementVerified, worldNow); err != nil {
		t.Fatal(err)
	}
	feats := features(layer, orb.Bound{})
	if len(feats) != 2 || feats[1].ID != "mapper-3" || feats[1].Properties["status"] != "verified" {
		t.Fatalf("after moderation: %d features", len(feats))
	}
	// Stopping early stops.
	n := 0
	layer.Features(orb.Bound{}, func(*geojson.Feature) bool { n++; return false })
	if n != 1 {
		t.Errorf("fn called %d times after returning false", n)
	}
}

// With VerifiedOnly (a public layer where anyone may draw), a drawing
// shows once a moderator verified it.
func TestSettlementLayerVerifiedOnly(t *testing.T) {
	ix, st := settlementWorld(t)
	layer := mapping.NewSettlementLayer(func() *mapping.Index { return ix }, st,
		mapping.SettlementOptions{Now: func() time.Time { return worldNow }, VerifiedOnly: true})
	ids := func() []string {
		var out []string
		for _, f := range features(layer, orb.Bound{}) {
			out = append(out, f.ID.(string))
		}
		return out
	}
	if got := ids(); slices.Contains(got, "mapper-1") || !slices.Contains(got, "way-100") {
		t.Fatalf("before verification: %v, want the OSM settlement and no drawing", got)
	}
	if _, err := st.SetSettlementStatus(context.Background(), 1, data.SettlementVerified, worldNow); err != nil {
		t.Fatal(err)
	}
	if got := ids(); !slices.Contains(got, "mapper-1") {
		t.Fatalf("after verification: %v, want mapper-1", got)
	}
}

func TestParseServiceThresholds(t *testing.T) {
	got, err := mapping.ParseServiceThresholds("water=500, shelter=250")
	if err != nil || got["water"] != 500 || got["shelter"] != 250 || got["toilet"] != 100 || len(got) != 5 {
		t.Fatalf("%v %v", got, err)
	}
	for _, bad := range []string{"water", "lava=10", "water=-1", "water=abc", "water=Inf"} {
		if _, err := mapping.ParseServiceThresholds(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
