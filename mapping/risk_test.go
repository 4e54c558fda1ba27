package mapping_test

import (
	"context"
	"encoding/json"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
)

// layer is the server's collection interface (server/layers.go), declared
// here so that the risk and summary layers are checked against it.
type layer interface {
	Name() string
	Title() string
	Description() string
	Bound() orb.Bound
	Features(b orb.Bound, fn func(*geojson.Feature) bool)
	Feature(id string) (*geojson.Feature, bool)
	Columns() []string
	Queryables() []string
}

var (
	_ layer = (*mapping.Risk)(nil)
	_ layer = (*mapping.AreaSummaries)(nil)
)

// worldT is "now" in the small world.
var worldT = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

// clock is a settable clock for the layers.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// riskWorld imports testdata/risk_world.osm with the real importer and
// loads its index.
func riskWorld(t *testing.T) *mapping.Index {
	t.Helper()
	res, err := mapping.Import(context.Background(), "testdata/risk_world.osm", t.TempDir(), mapping.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := mapping.Load(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// worldReports are the reports of testdata/risk_world.py, in the same
// order: two counted hazard reports in r1c1, a rejected one and a
// non-hazard one there, a resolved one in r3c3, one outside the area.
func worldReports() []data.Report {
	mk := func(lon, lat float64, cat string, age time.Duration, st data.Status) data.Report {
		r := datatest.Report(orb.Point{lon, lat}, cat, worldT.Add(-age))
		r.Status = st
		return r
	}
	return []data.Report{
		mk(39.2030, -6.8066, "flood", 7*day, data.StatusNew),
		mk(39.2036, -6.8064, "fire", 0, data.StatusVerified),
		mk(39.2032, -6.8070, "flood", 1*day, data.StatusRejected),
		mk(39.2034, -6.8062, "food", 0, data.StatusNew),
		mk(39.2078, -6.8022, "blocked_drain", 14*day, data.StatusResolved),
		mk(39.2500, -6.8500, "flood", 0, data.StatusNew),
	}
}

func storeWith(t *testing.T, reports []data.Report) *data.Store {
	t.Helper()
	s, _ := datatest.NewStore(t)
	if _, err := s.CreateMany(context.Background(), reports); err != nil {
		t.Fatal(err)
	}
	return s
}

// cells returns every published cell by id.
func cells(l layer) map[string]*geojson.Feature {
	out := map[string]*geojson.Feature{}
	l.Features(orb.Bound{}, func(f *geojson.Feature) bool {
		out[f.ID.(string)] = f
		return true
	})
	return out
}

// want is a cell's expected properties; nil distances are JSON null.
type want map[string]any

func checkProps(t *testing.T, f *geojson.Feature, w want) {
	t.Helper()
	for k, v := range w {
		got, ok := f.Properties[k]
		if !ok {
			t.Errorf("%v: no property %q", f.ID, k)
			continue
		}
		switch v := v.(type) {
		case float64:
			g, isNum := toFloat(got)
			if !isNum || math.Abs(g-v) > 1e-9 {
				t.Errorf("%v: %s = %v, want %v", f.ID, k, got, v)
			}
		case int:
			g, isNum := toFloat(got)
			if !isNum || g != float64(v) {
				t.Errorf("%v: %s = %v, want %d", f.ID, k, got, v)
			}
		default:
			if got != v {
				t.Errorf("%v: %s = %v, want %v", f.ID, k, got, v)
			}
		}
	}
}

func toFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	}
	return 0, false
}

// The expected numbers below come from testdata/risk_world.py, an
// independent implementation of docs/risk.md.
var (
	wantR1C1 = want{"class": "high", "score": 0.6029, "hazard": 0.7499, "exposure": 0.5058, "vulnerability": 0.4372,
		"report_hazard": 0.5833, "report_weight": 7.0, "reports": 2, "water_proximity": 0.7994, "waterway_m": 100.3,
		"water_area_m": nil, "hazard_zone_m": nil, "buildings": 66, "informal_buildings": 64, "informal_share": 0.9697,
		"health_m": 330.8, "shelter_m": 709.0, "cell": "r1c1"}
	wantR3C3 = want{"class": "low", "score": 0.0966, "hazard": 0.0909, "exposure": 0.0229, "vulnerability": 0.2443,
		"report_hazard": 0.0909, "report_weight": 0.5, "reports": 1, "water_proximity": 0.0, "waterway_m": nil,
		"hazard_zone_m": nil, "buildings": 3, "informal_buildings": 0, "informal_share": 0.0, "health_m": 967.8, "shelter_m": 4.8}
	wantR0C4 = want{"class": "low", "score": 0.0, "hazard": 0.4142, "exposure": 0.0, "vulnerability": 0.6752,
		"water_proximity": 0.8283, "waterway_m": nil, "hazard_zone_m": 85.9, "buildings": 0, "reports": 0,
		"health_m": 1110.1, "shelter_m": 795.3}
	wantR2C1 = want{"class": "low", "score": 0.0, "hazard": 0.3786, "water_proximity": 0.7572, "waterway_m": 121.4,
		"vulnerability": 0.3829, "health_m": 412.5, "shelter_m": 559.4}
)

// worldCells are the 19 cells of the 5 × 5 grid with buildings, water
// within 500 m or hazard reports: rows 0 to 2, and row 3 but its last cell.
var worldCells = []string{"r0c0", "r0c1", "r0c2", "r0c3", "r0c4", "r1c0", "r1c1", "r1c2", "r1c3", "r1c4",
	"r2c0", "r2c1", "r2c2", "r2c3", "r2c4", "r3c0", "r3c1", "r3c2", "r3c3"}

func TestRiskSmallWorld(t *testing.T) {
	ix := riskWorld(t)
	store := storeWith(t, worldReports())
	clk := &clock{t: worldT}
	r, err := mapping.NewRisk(ix, store, mapping.RiskOptions{Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	got := cells(r)
	if ids := slices.Sorted(maps.Keys(got)); !slices.Equal(ids, worldCells) {
		t.Fatalf("published cells %v, want %v", ids, worldCells)
	}
	checkProps(t, got["r1c1"], wantR1C1)
	checkProps(t, got["r3c3"], wantR3C3)
	checkProps(t, got["r0c4"], wantR0C4)
	checkProps(t, got["r2c1"], wantR2C1)
	if f, ok := r.Feature("r1c1"); !ok {
		t.Error(`Feature("r1c1") not found`)
	} else {
		checkProps(t, f, wantR1C1)
	}
	for _, id := range []string{"r4c4", "r3c4", "r9c9", "r1c01", "x", "r-1c1", ""} {
		if _, ok := r.Feature(id); ok {
			t.Errorf("Feature(%q) found, want none", id)
		}
	}
	// Cell r1c1 is a counter-clockwise square of 250 m.
	poly := got["r1c1"].Geometry.(orb.Polygon)
	if len(poly) != 1 || len(poly[0]) != 5 || poly[0].Orientation() != orb.CCW {
		t.Errorf("r1c1 geometry %v, want a closed counter-clockwise ring of 5 positions", poly)
	}

	t.Run("decay halves at the half-life", func(t *testing.T) {
		clk.set(worldT.Add(7 * day))
		defer clk.set(worldT)
		f, _ := r.Feature("r1c1")
		checkProps(t, f, want{"report_weight": 3.5, "report_hazard": 0.4118, "hazard": 0.6469, "score": 0.574, "class": "high"})
		f, _ = r.Feature("r3c3")
		checkProps(t, f, want{"report_weight": 0.25})
	})

	t.Run("bbox", func(t *testing.T) {
		// A box around the settlement meets r1c1 only.
		var ids []string
		r.Features(orb.Bound{Min: orb.Point{39.2028, -6.8072}, Max: orb.Point{39.2040, -6.8060}}, func(f *geojson.Feature) bool {
			ids = append(ids, f.ID.(string))
			return true
		})
		if !slices.Equal(ids, []string{"r1c1"}) {
			t.Errorf("cells in the settlement's box = %v, want [r1c1]", ids)
		}
		n := 0
		r.Features(orb.Bound{}, func(*geojson.Feature) bool { n++; return n < 3 })
		if n != 3 {
			t.Errorf("Features went on after fn returned false: %d calls", n)
		}
	})
}

func TestRiskIncrementalEqualsFullRecompute(t *testing.T) {
	ix := riskWorld(t)
	store, _ := datatest.NewStore(t)
	clk := &clock{t: worldT}
	opts := mapping.RiskOptions{Now: clk.now}
	inc, err := mapping.NewRisk(ix, store, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := inc.Follow(ctx, store)
	defer func() { cancel(); <-done }()

	before := encodeAll(t, inc)
	reps := worldReports()
	for i := range reps {
		if _, err := store.Create(ctx, reps[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := inc.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	after := encodeAll(t, inc)
	// Only r1c1 and r3c3 hold counted reports: nothing else changed.
	for id, f := range after {
		if id != "r1c1" && id != "r3c3" && before[id] != f {
			t.Errorf("cell %s changed without a report in it:\n%s\n%s", id, before[id], f)
		}
	}
	full, err := mapping.NewRisk(ix, store, opts)
	if err != nil {
		t.Fatal(err)
	}
	if want := encodeAll(t, full); !maps.Equal(after, want) {
		t.Errorf("incremental result differs from a full recompute:\nincremental %v\nfull %v", after, want)
	}
	checkProps(t, feature(t, inc, "r1c1"), wantR1C1)

	// A report made later, at a later clock: the decay is applied at read
	// time, relative to each layer's own reference time.
	clk.set(worldT.Add(3 * day))
	late := datatest.Report(orb.Point{39.2080, -6.8020}, "fire", worldT.Add(3*day))
	if _, err := store.Create(ctx, late); err != nil {
		t.Fatal(err)
	}
	if err := inc.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	full, err = mapping.NewRisk(ix, store, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := encodeAll(t, inc), encodeAll(t, full); !maps.Equal(got, want) {
		t.Errorf("after a later report, incremental differs from full:\n%v\n%v", got, want)
	}
	// 5 + 0.5 × 2^(-3/7) at r3c3.
	checkProps(t, feature(t, inc, "r3c3"), want{"reports": 2, "report_weight": round4(5 + 0.5*math.Exp2(-3.0/7))})
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// feature is l.Feature(id), failing the test when there is none.
func feature(t *testing.T, l layer, id string) *geojson.Feature {
	t.Helper()
	f, ok := l.Feature(id)
	if !ok {
		t.Fatalf("feature %s not published", id)
	}
	return f
}

// encodeAll returns each published cell's JSON by id.
func encodeAll(t *testing.T, r *mapping.Risk) map[string]string {
	t.Helper()
	out := map[string]string{}
	r.Features(orb.Bound{}, func(f *geojson.Feature) bool {
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f.ID.(string)] = string(b)
		return true
	})
	return out
}

// writeCollection encodes every feature of l as a FeatureCollection file
// and returns how many there are.
func writeCollection(t *testing.T, l layer, path string) int {
	t.Helper()
	return writeCollectionIn(t, l, orb.Bound{}, path)
}

// writeCollectionIn encodes the features of l meeting b as a
// FeatureCollection file and returns how many there are.
func writeCollectionIn(t *testing.T, l layer, b orb.Bound, path string) int {
	t.Helper()
	fc := geojson.NewFeatureCollection()
	l.Features(b, func(f *geojson.Feature) bool { fc.Append(f); return true })
	body, err := json.Marshal(fc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return len(fc.Features)
}

// geojsonHint checks files with scripts/geojsonhint.sh (@mapbox/geojsonhint),
// skipping when npm is not installed (failing when CI=true).
func geojsonHint(t *testing.T, paths ...string) {
	t.Helper()
	if _, err := exec.LookPath("npm"); err != nil {
		datatest.SkipOrFailInCI(t, "npm not found: @mapbox/geojsonhint cannot run (Debian: apt-get install npm)")
	}
	script, err := filepath.Abs("../scripts/geojsonhint.sh")
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(script, paths...).CombinedOutput(); err != nil {
		t.Fatalf("geojsonhint: %v\n%s", err, out)
	}
}
