package mapping_test

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
)

// placeWorld is an extract with place points and no boundary around
// most of them, as in Monrovia: a suburb and a neighbourhood 885 m apart,
// two neighbourhoods at one point, a town (not an area of a report), and
// a ward boundary with a suburb inside it.
type placeWorld struct {
	ix                                         *mapping.Index
	kaptown, bondiville, twinA, twinB, bigtown int64
	inside, ward                               int64
	kaptownAt, bondivilleAt, twinAt, insideAt  orb.Point
	wardSquare                                 float64
}

func newPlaceWorld(t *testing.T) *placeWorld {
	t.Helper()
	w := &placeWorld{kaptownAt: orb.Point{10.0, 6.3}, bondivilleAt: orb.Point{10.008, 6.3}, twinAt: orb.Point{10.05, 6.35},
		insideAt: orb.Point{10.1, 6.3}, wardSquare: 0.01}
	var o osmFixture
	w.kaptown = o.node(w.kaptownAt[0], w.kaptownAt[1], "place=suburb", "name=Kaptown")
	w.bondiville = o.node(w.bondivilleAt[0], w.bondivilleAt[1], "place=neighbourhood", "name=Bondiville")
	w.twinA = o.node(w.twinAt[0], w.twinAt[1], "place=neighbourhood", "name=Twin A")
	w.twinB = o.node(w.twinAt[0], w.twinAt[1], "place=quarter", "name=Twin B")
	w.bigtown = o.node(10.0, 6.25, "place=town", "name=Bigtown")
	w.inside = o.node(w.insideAt[0], w.insideAt[1], "place=suburb", "name=Inside")
	o.square(w.insideAt[0], w.insideAt[1], w.wardSquare, "boundary=administrative", "admin_level=9", "name=Ward Nine")
	w.ward = o.nextID
	w.ix = o.index(t)
	return w
}

// east returns the point m metres east of p (on orb's sphere).
func east(p orb.Point, m float64) orb.Point {
	return orb.Point{p[0] + m/(111_194.9*math.Cos(p[1]*math.Pi/180)), p[1]}
}

func TestReportAreasFallBackToNearestPlace(t *testing.T) {
	w := newPlaceWorld(t)
	store, _ := datatest.NewStore(t)
	rules, err := mapping.LoadRules("")
	if err != nil {
		t.Fatal(err)
	}
	store.SetReconciler(mapping.NewReconciler(w.ix, rules, store).Reconcile)
	t0 := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		at    orb.Point
		areas []string // name/basis
	}{
		{"200 m from the suburb", east(w.kaptownAt, 200), []string{"Kaptown/nearest_place"}},
		{"nearer the neighbourhood", east(w.kaptownAt, 600), []string{"Bondiville/nearest_place"}},
		{"1.4 km from the suburb, within its reach", east(w.kaptownAt, -1400), []string{"Kaptown/nearest_place"}},
		{"1.6 km from the suburb, beyond its reach", east(w.kaptownAt, -1600), nil},
		{"1.2 km from the neighbourhood, beyond its reach", east(w.bondivilleAt, 1200), nil},
		{"near the town only", orb.Point{10.0, 6.2505}, nil},
		{"two places at one point: the first", east(w.twinAt, 50), []string{"Twin A/nearest_place"}},
		{"inside the ward boundary", east(w.insideAt, 100), []string{"Ward Nine/boundary"}},
		{"outside the ward, near its suburb", east(w.insideAt, 1300), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := store.Create(context.Background(), datatest.Report(tt.at, "flood", t0))
			if err != nil {
				t.Fatal(err)
			}
			got, err := store.Get(res.Report.ID)
			if err != nil {
				t.Fatal(err)
			}
			var areas []string
			for _, a := range got.Areas {
				areas = append(areas, a.Name+"/"+a.Basis)
			}
			if strings.Join(areas, ",") != strings.Join(tt.areas, ",") {
				t.Fatalf("areas %v, want %v", areas, tt.areas)
			}
			f, err := store.Feature(got.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range got.Areas {
				if !strings.Contains(string(f), `"name":"`+a.Name+`"`) || !strings.Contains(string(f), `"basis":"`+a.Basis+`"`) {
					t.Errorf("public feature lacks area %s/%s: %s", a.Name, a.Basis, f)
				}
				if a.Basis == data.AreaBasisNearestPlace && (a.OSMType != "node" || a.Kind != "place" || a.AdminLevel != nil) {
					t.Errorf("nearest place ref %+v", a)
				}
			}
		})
	}
}

func TestAreaGeometryOfPlaces(t *testing.T) {
	w := newPlaceWorld(t)
	get := func(typ data.OSMType, id int64) *data.OSMFeature {
		f := w.ix.Feature(typ, id)
		if f == nil {
			t.Fatalf("no feature %v %d", typ, id)
		}
		return f
	}
	g, basis, ok := w.ix.AreaGeometry(get(data.OSMNode, w.kaptown))
	if !ok || basis != data.AreaBasisNearestPlace {
		t.Fatalf("Kaptown: %v %q", ok, basis)
	}
	poly := g.(orb.Polygon)
	for _, c := range []struct {
		at   orb.Point
		want bool
	}{{w.kaptownAt, true}, {east(w.kaptownAt, 400), true}, {east(w.kaptownAt, 500), false}, {east(w.kaptownAt, -1450), true}, {east(w.kaptownAt, -1550), false}} {
		if got := planar.PolygonContains(poly, c.at); got != c.want {
			t.Errorf("Kaptown's area contains %v: %v, want %v", c.at, got, c.want)
		}
	}
	if _, _, ok := w.ix.AreaGeometry(get(data.OSMNode, w.bigtown)); ok {
		t.Error("a town point has an area")
	}
	if _, _, ok := w.ix.AreaGeometry(get(data.OSMNode, w.inside)); ok {
		t.Error("a suburb inside a ward boundary has a nearest-place area")
	}
	if _, _, ok := w.ix.AreaGeometry(get(data.OSMNode, w.twinB)); ok {
		t.Error("the second place at one point has an area")
	}
	if g, basis, ok := w.ix.AreaGeometry(get(data.OSMWay, w.ward)); !ok || basis != data.AreaBasisBoundary || !planar.PolygonContains(g.(orb.Polygon), w.insideAt) {
		t.Errorf("ward: %v %q", ok, basis)
	}
}

// TestNearestPlaceIsNearestWithinReach checks the polygons against the
// definition on random points: the nearest place with an area, if within
// its kind's reach. Points within 5 m of a bisector or of the reach are
// left out (the polygon's sides and the local plane differ by that much).
func TestNearestPlaceIsNearestWithinReach(t *testing.T) {
	w := newPlaceWorld(t)
	type place struct {
		name  string
		at    orb.Point
		reach float64
	}
	places := []place{{"Kaptown", w.kaptownAt, 1500}, {"Bondiville", w.bondivilleAt, 1000}, {"Twin A", w.twinAt, 1000}}
	rng := rand.New(rand.NewPCG(3, 4))
	checked := 0
	for range 4000 {
		p := orb.Point{9.98 + rng.Float64()*0.09, 6.28 + rng.Float64()*0.09}
		if w.ix.Containing(p) != nil {
			continue
		}
		best, second := -1, math.Inf(1)
		bestD := math.Inf(1)
		for i, pl := range places {
			d := geo.Distance(p, pl.at)
			if d < bestD {
				second, bestD, best = bestD, d, i
			} else if d < second {
				second = d
			}
		}
		if second-bestD < 10 || math.Abs(bestD-places[best].reach) < 5 {
			continue
		}
		want := ""
		if bestD <= places[best].reach {
			want = places[best].name
		}
		got := ""
		if f, ok := w.ix.NearestPlace(p); ok {
			got = f.Name()
		}
		if got != want {
			t.Fatalf("NearestPlace(%v) = %q, want %q (%.0f m)", p, got, want, bestD)
		}
		checked++
	}
	if checked < 3000 {
		t.Fatalf("only %d points checked", checked)
	}
}
