package mapping_test

import (
	"context"
	"math"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// importReal imports a real extract from paulmach/osm's testdata and
// loads the index over it.
func importReal(t *testing.T, name string) (mapping.Result, *mapping.Index, []*data.OSMFeature) {
	t.Helper()
	path := osmTestdata(t, name)
	res, err := mapping.Import(context.Background(), path, t.TempDir(), mapping.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := mapping.Load(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	e, err := data.OpenExtract(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var feats []*data.OSMFeature
	if err := e.ForEach(func(f *data.OSMFeature) error { feats = append(feats, f); return nil }); err != nil {
		t.Fatal(err)
	}
	return res, ix, feats
}

func find(feats []*data.OSMFeature, kind data.FeatureKind, typ data.OSMType, id int64) *data.OSMFeature {
	for _, f := range feats {
		if f.Kind == kind && f.OSMType == typ && f.OSMID == id {
			return f
		}
	}
	return nil
}

func isEducation(k data.FeatureKind) bool { return k == data.KindEducation }

// TestDelaware imports the real Delaware extract. The facts below were
// looked up in the file with osmium (see docs/osm.md, "Test facts").
func TestDelaware(t *testing.T) {
	t.Parallel()
	res, ix, feats := importReal(t, "delaware-latest.osm.pbf")

	if got := res.Stats.Nodes; got != 723_870 {
		t.Errorf("nodes read = %d, want 723870", got)
	}
	if got := res.Stats.Ways; got != 73_144 {
		t.Errorf("ways read = %d, want 73144", got)
	}
	if got := res.Stats.Relations; got != 1_644 {
		t.Errorf("relations read = %d, want 1644", got)
	}
	if len(feats) != ix.Len() || len(feats) != res.Meta.Total() {
		t.Errorf("stored %d features, index %d, meta %d", len(feats), ix.Len(), res.Meta.Total())
	}

	t.Run("known hospital", func(t *testing.T) {
		// osmium tags-filter delaware-latest.osm.pbf n/amenity=hospital
		f := find(feats, data.KindHealth, data.OSMNode, 1224462183)
		if f == nil {
			t.Fatal("node/1224462183 (Beebe Medical Center) not kept as a health facility")
		}
		if f.Name() != "Beebe Medical Center" || f.Class != "hospital" {
			t.Errorf("node/1224462183 = %q class %q", f.Name(), f.Class)
		}
		if d := geo.Distance(f.Point, orb.Point{-75.1427827, 38.771802}); d > 0.05 {
			t.Errorf("node/1224462183 is %.3f m from its OSM location", d)
		}
	})

	t.Run("school count", func(t *testing.T) {
		// osmium tags-filter delaware-latest.osm.pbf nwr/amenity=school:
		// 28 nodes, 27 ways, 2 relations (both multipolygons).
		n := 0
		for _, f := range feats {
			if f.Kind == data.KindEducation && f.Class == "school" {
				n++
			}
		}
		t.Logf("%d schools", n)
		if n < 55 || n > 57 {
			t.Errorf("%d schools kept, want 55..57", n)
		}
	})

	t.Run("nearest school", func(t *testing.T) {
		// node/357718971 Broad Street School, 39.7306693 -75.4676957.
		school := orb.Point{-75.4676957, 39.7306693}
		p := geo.PointAtBearingAndDistance(school, 90, 50)
		hit, ok := ix.Nearest(p, isEducation, 1000)
		if !ok {
			t.Fatal("no education feature within 1 km")
		}
		if hit.Feature.OSMID != 357718971 || hit.Feature.Name() != "Broad Street School" {
			t.Errorf("nearest school = %s %q", hit.Feature.Ref(), hit.Feature.Name())
		}
		if math.Abs(hit.DistanceM-50) > 0.5 {
			t.Errorf("distance = %.2f m, want 50", hit.DistanceM)
		}
	})

	t.Run("containing Georgetown", func(t *testing.T) {
		// relation/117165 Georgetown, admin_level 8.
		got := ix.Containing(orb.Point{-75.3855, 38.6901})
		var refs []string
		found := false
		for i, f := range got {
			refs = append(refs, f.Ref()+" "+f.Name())
			if f.OSMID == 117165 && f.Kind == data.KindAdmin {
				found = true
			}
			if i > 0 && got[i-1].AreaM2 < f.AreaM2 {
				t.Errorf("Containing not ordered largest first: %v", refs)
			}
		}
		if !found {
			t.Errorf("Containing(Georgetown) = %v, want relation/117165", refs)
		}
		t.Logf("Containing(Georgetown) = %v", refs)
	})
}

// TestAndorra imports the real Andorra extract (bzip2-compressed XML).
func TestAndorra(t *testing.T) {
	t.Parallel() // mostly single-threaded bzip2: overlap it with the rest
	if testing.Short() {
		t.Skip("bzip2 + XML import takes several seconds")
	}
	res, ix, feats := importReal(t, "andorra-latest.osm.bz2")
	if res.Stats.Nodes != 203_265 || res.Stats.Ways != 9_080 || res.Stats.Relations != 233 {
		t.Errorf("read %d nodes, %d ways, %d relations; want 203265, 9080, 233",
			res.Stats.Nodes, res.Stats.Ways, res.Stats.Relations)
	}
	// osmium tags-filter andorra-latest.osm.bz2 nwr/amenity=hospital
	f := find(feats, data.KindHealth, data.OSMWay, 194554955)
	if f == nil {
		t.Fatal("way/194554955 (Hospital de Nostra Senyora de Meritxell) not kept")
	}
	if f.Name() != "Hospital de Nostra Senyora de Meritxell" {
		t.Errorf("way/194554955 name = %q", f.Name())
	}
	if _, ok := f.Geometry.(orb.Polygon); !ok {
		t.Errorf("way/194554955 geometry = %T, want the hospital's area", f.Geometry)
	}
	if hit, ok := ix.Nearest(f.Point, func(k data.FeatureKind) bool { return k == data.KindHealth }, 10); !ok || hit.DistanceM != 0 {
		t.Errorf("Nearest health from inside the hospital = %+v, %v; want distance 0", hit, ok)
	}
	// relation/9407 Andorra (admin_level 2) contains Andorra la Vella.
	var refs []string
	found := false
	for _, a := range ix.Containing(orb.Point{1.5218, 42.5063}) {
		refs = append(refs, a.Ref()+" "+a.Name())
		found = found || a.OSMID == 9407
	}
	if !found {
		t.Errorf("Containing(Andorra la Vella) = %v, want relation/9407", refs)
	}
	t.Logf("Containing(Andorra la Vella) = %v", refs)
}
