package mapping_test

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
)

// A small hand-built world around 39.25 E, 6.80 S: a ward (admin level 8)
// containing an informal settlement with a hole, a water point, a toilet
// and a drain.
func smallWorld() []*data.OSMFeature {
	square := func(x0, y0, x1, y1 float64) orb.Ring {
		return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	}
	return []*data.OSMFeature{
		{Kind: data.KindAdmin, Class: "8", OSMType: data.OSMRelation, OSMID: 1, Names: data.Tags{{Key: "name", Value: "Tandale"}},
			Point: orb.Point{39.25, -6.80}, Geometry: orb.Polygon{square(39.20, -6.85, 39.30, -6.75)}, AreaM2: 1e8},
		{Kind: data.KindInformal, Class: "informal", OSMType: data.OSMWay, OSMID: 2, Names: data.Tags{{Key: "name", Value: "Mtogole"}},
			Point: orb.Point{39.245, -6.805}, Geometry: orb.Polygon{square(39.24, -6.81, 39.26, -6.79), square(39.249, -6.801, 39.251, -6.799)}, AreaM2: 4e6},
		{Kind: data.KindWater, Class: "water_point", OSMType: data.OSMNode, OSMID: 3, Names: data.Tags{{Key: "name", Value: "Kisima cha Mtogole"}},
			Point: orb.Point{39.2500, -6.8050}},
		{Kind: data.KindWater, Class: "toilets", OSMType: data.OSMNode, OSMID: 4, Point: orb.Point{39.2450, -6.8050}},
		{Kind: data.KindWaterway, Class: "drain", OSMType: data.OSMWay, OSMID: 5, Names: data.Tags{{Key: "name", Value: "Mtaro wa Tandale"}},
			Point: orb.Point{39.24, -6.80}, Geometry: orb.LineString{{39.24, -6.80}, {39.26, -6.80}}},
	}
}

func newReconciler(t *testing.T, store *data.Store) *mapping.Reconciler {
	t.Helper()
	rules, err := mapping.LoadRules("")
	if err != nil {
		t.Fatal(err)
	}
	return mapping.NewReconciler(mapping.NewIndex(smallWorld()), rules, store)
}

func TestReconcile(t *testing.T) {
	store, _ := datatest.NewStore(t)
	rc := newReconciler(t, store)
	store.SetReconciler(rc.Reconcile)
	t0 := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	// 0.001° of latitude is 110.6 m on orb's sphere.
	tests := []struct {
		name      string
		at        orb.Point
		category  string
		areas     []string
		nearest   string
		distanceM float64
		notInOSM  bool
	}{
		{"water point 111 m away", orb.Point{39.2500, -6.8060}, "water_supply", []string{"Tandale", "Mtogole"}, "node/3", 111.2, false},
		{"no water point within 250 m", orb.Point{39.2200, -6.8300}, "water_supply", []string{"Tandale"}, "", 0, true},
		{"toilet, not the water point", orb.Point{39.2460, -6.8050}, "sanitation", []string{"Tandale", "Mtogole"}, "node/4", 110.4, false},
		{"blocked drain on the drain", orb.Point{39.2500, -6.8000}, "blocked_drain", []string{"Tandale"}, "way/5", 0, false},
		{"in the hole of the settlement", orb.Point{39.2500, -6.8000}, "other", []string{"Tandale"}, "", 0, false},
		{"outside every area", orb.Point{39.4, -6.7}, "fire", nil, "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := store.Create(context.Background(), datatest.Report(tt.at, tt.category, t0))
			if err != nil {
				t.Fatal(err)
			}
			r := res.Report
			var names []string
			for _, a := range r.Areas {
				names = append(names, a.Name)
			}
			if !slices.Equal(names, tt.areas) {
				t.Errorf("areas %v, want %v", names, tt.areas)
			}
			if len(r.Areas) > 0 && (r.Areas[0].AdminLevel == nil || *r.Areas[0].AdminLevel != 8 || r.Areas[0].Kind != "admin") {
				t.Errorf("ward area ref %+v", r.Areas[0])
			}
			switch {
			case tt.nearest == "" && r.Nearest != nil:
				t.Errorf("nearest %+v, want none", r.Nearest)
			case tt.nearest != "" && (r.Nearest == nil || r.Nearest.OSMType+"/"+itoa(r.Nearest.OSMID) != tt.nearest):
				t.Errorf("nearest %+v, want %s", r.Nearest, tt.nearest)
			case tt.nearest != "" && abs(r.Nearest.DistanceM-tt.distanceM) > 1:
				t.Errorf("distance %.1f m, want %.1f", r.Nearest.DistanceM, tt.distanceM)
			}
			if r.NotInOSM != tt.notInOSM {
				t.Errorf("not_in_osm %v, want %v", r.NotInOSM, tt.notInOSM)
			}
			flagged := store.Find(data.Query{NotInOSM: true, Limit: 100}).IDs
			if slices.Contains(flagged, r.ID) != tt.notInOSM {
				t.Errorf("Find(NotInOSM) = %v for report %d (not_in_osm %v)", flagged, r.ID, tt.notInOSM)
			}
			f, _ := store.Feature(r.ID)
			for _, key := range []string{`"areas":`, `"nearest":`, `"not_in_osm":`, `"possible_duplicate_of":`} {
				if !strings.Contains(string(f), key) {
					t.Errorf("public feature lacks %s", key)
				}
			}
		})
	}
}

func TestPossibleDuplicates(t *testing.T) {
	store, _ := datatest.NewStore(t)
	store.SetReconciler(newReconciler(t, store).Reconcile)
	ctx := context.Background()
	t0 := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	create := func(p orb.Point, cat string, at time.Time) data.Report {
		t.Helper()
		res, err := store.Create(ctx, datatest.Report(p, cat, at))
		if err != nil {
			t.Fatal(err)
		}
		return res.Report
	}
	first := create(orb.Point{39.25, -6.80}, "flood", t0)
	near := create(orb.Point{39.2515, -6.80}, "flood", t0.Add(5*time.Hour))     // 166 m, 5 h later
	far := create(orb.Point{39.2530, -6.80}, "flood", t0.Add(6*time.Hour))      // 333 m
	late := create(orb.Point{39.25, -6.80}, "flood", t0.Add(49*time.Hour))      // 49 h later
	other := create(orb.Point{39.25, -6.80}, "fire", t0.Add(time.Hour))         // another category
	third := create(orb.Point{39.2505, -6.8005}, "flood", t0.Add(10*time.Hour)) // near both first and near
	if len(first.PossibleDuplicateOf) != 0 || !slices.Equal(near.PossibleDuplicateOf, []uint64{first.ID}) ||
		!slices.Equal(far.PossibleDuplicateOf, []uint64{near.ID}) || !slices.Equal(late.PossibleDuplicateOf, []uint64{near.ID}) ||
		len(other.PossibleDuplicateOf) != 0 || !slices.Equal(third.PossibleDuplicateOf, []uint64{first.ID, near.ID, late.ID}) {
		t.Fatalf("duplicates: first %v near %v far %v late %v other %v third %v", first.PossibleDuplicateOf,
			near.PossibleDuplicateOf, far.PossibleDuplicateOf, late.PossibleDuplicateOf, other.PossibleDuplicateOf, third.PossibleDuplicateOf)
	}
}

func TestReconcileAllAfterNewExtract(t *testing.T) {
	store, _ := datatest.NewStore(t)
	ctx := context.Background()
	res, err := store.Create(ctx, datatest.Report(orb.Point{39.2500, -6.8060}, "water_supply", time.Now()))
	if err != nil || res.Report.Nearest != nil {
		t.Fatalf("before any extract: %+v %v", res.Report.Reconciliation, err)
	}
	store.SetReconciler(newReconciler(t, store).Reconcile)
	n, err := store.ReconcileAll(ctx)
	if err != nil || n != 1 {
		t.Fatalf("ReconcileAll: %d %v", n, err)
	}
	got, _ := store.Get(res.Report.ID)
	if p := store.Find(data.Query{NotInOSM: true, Limit: 10}); p.Matched != 0 {
		t.Errorf("a matched report is still on the to-map list: %v", p.IDs)
	}
	if got.Nearest == nil || got.Nearest.OSMID != 3 || len(got.Areas) != 2 {
		t.Fatalf("after ReconcileAll: %+v", got.Reconciliation)
	}
	f, _ := store.Feature(res.Report.ID)
	if !strings.Contains(string(f), `"name":"Kisima cha Mtogole"`) {
		t.Fatalf("public feature not rewritten: %s", f)
	}
}

func TestParseRulesRejects(t *testing.T) {
	for _, in := range []string{
		`{"version":2,"duplicate_radius_m":250,"duplicate_window_hours":48,"categories":{}}`,
		`{"version":1,"duplicate_radius_m":0,"duplicate_window_hours":48,"categories":{}}`,
		`{"version":1,"duplicate_radius_m":250,"duplicate_window_hours":48,"categories":{"flood":{"kinds":["lava"],"radius_m":10}}}`,
		`{"version":1,"duplicate_radius_m":250,"duplicate_window_hours":48,"categories":{"flood":{"kinds":["waterway"],"radius_m":-1}}}`,
		`{"version":1,"duplicate_radius_m":250,"duplicate_window_hours":48,"categories":{},"extra":1}`,
	} {
		if _, err := mapping.ParseRules(strings.NewReader(in)); err == nil {
			t.Errorf("accepted %s", in)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func abs(x float64) float64 { return math.Abs(x) }
