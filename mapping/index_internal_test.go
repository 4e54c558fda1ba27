package mapping

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/paulmach/orb"
)

// randomFeatures makes n features of every geometry type the index takes
// (points, lean buildings, lines, polygons, multipolygons) around Kibera.
func randomFeatures(r *rand.Rand, n int) []*data.OSMFeature {
	kinds := []data.FeatureKind{data.KindHealth, data.KindEducation, data.KindRoad, data.KindWaterway,
		data.KindInformal, data.KindBuilding, data.KindAdmin}
	pt := func() orb.Point { return orb.Point{36.7 + r.Float64()*0.2, -1.4 + r.Float64()*0.2} }
	square := func(c orb.Point, s float64) orb.Ring {
		return orb.Ring{{c[0], c[1]}, {c[0] + s, c[1]}, {c[0] + s, c[1] + s}, {c[0], c[1] + s}, {c[0], c[1]}}
	}
	feats := make([]*data.OSMFeature, n)
	for i := range feats {
		f := &data.OSMFeature{Kind: kinds[r.IntN(len(kinds))], OSMType: data.OSMNode, OSMID: int64(i + 1), Point: pt()}
		switch f.Kind {
		case data.KindRoad, data.KindWaterway:
			ls := orb.LineString{f.Point}
			for k := 0; k < 1+r.IntN(6); k++ {
				last := ls[len(ls)-1]
				ls = append(ls, orb.Point{last[0] + (r.Float64()-0.5)*0.004, last[1] + (r.Float64()-0.5)*0.004})
			}
			f.Geometry, f.OSMType = ls, data.OSMWay
		case data.KindInformal:
			f.Geometry, f.OSMType = orb.Polygon{square(f.Point, 0.002+r.Float64()*0.005)}, data.OSMWay
		case data.KindAdmin:
			f.Geometry, f.OSMType = orb.MultiPolygon{{square(f.Point, 0.05)}, {square(pt(), 0.01)}}, data.OSMRelation
		}
		feats[i] = f
	}
	return feats
}

func TestNearestMatchesLinearScan(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ix := NewIndex(randomFeatures(r, 5000))
	filters := []struct {
		name   string
		filter func(data.FeatureKind) bool
	}{
		{name: "all", filter: nil},
		{name: "health", filter: func(k data.FeatureKind) bool { return k == data.KindHealth }},
		{name: "lines", filter: func(k data.FeatureKind) bool { return k == data.KindRoad || k == data.KindWaterway }},
		{name: "areas", filter: func(k data.FeatureKind) bool { return k == data.KindInformal || k == data.KindAdmin }},
		{name: "none", filter: func(data.FeatureKind) bool { return false }},
	}
	for _, tt := range filters {
		t.Run(tt.name, func(t *testing.T) {
			for i := 0; i < 500; i++ {
				// Some query points lie outside the features' extent.
				p := orb.Point{36.6 + r.Float64()*0.4, -1.5 + r.Float64()*0.4}
				maxDist := []float64{0, 100, 2000}[i%3]
				got, gotOK := ix.Nearest(p, tt.filter, maxDist)
				want, wantOK := ix.nearestNaive(p, tt.filter, maxDist)
				if gotOK != wantOK {
					t.Fatalf("Nearest(%v, max %v) found=%v, linear scan found=%v", p, maxDist, gotOK, wantOK)
				}
				if gotOK && math.Abs(got.DistanceM-want.DistanceM) > 1e-6 {
					t.Fatalf("Nearest(%v, max %v) = %s at %.3f m, linear scan %s at %.3f m", p, maxDist,
						got.Feature.Ref(), got.DistanceM, want.Feature.Ref(), want.DistanceM)
				}
			}
		})
	}
}

// TestNearestKeptMatchesLinearScan: the grid search with a keep filter
// (Index.Landmark's) finds what the linear scan of NearestWhere finds.
func TestNearestKeptMatchesLinearScan(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ix := NewIndex(randomFeatures(r, 5000))
	odd := func(f *data.OSMFeature) bool { return f.OSMID%2 == 1 }
	roadsAndAreas := func(k data.FeatureKind) bool { return k == data.KindRoad || k == data.KindInformal }
	for i := 0; i < 1000; i++ {
		p := orb.Point{36.6 + r.Float64()*0.4, -1.5 + r.Float64()*0.4}
		maxDist := []float64{100, 500, 2000}[i%3]
		got, gotOK := ix.nearestKept(p, roadsAndAreas, odd, maxDist)
		want, wantOK := ix.NearestWhere(p, roadsAndAreas, odd, maxDist)
		if gotOK != wantOK {
			t.Fatalf("nearestKept(%v, max %v) found=%v, linear scan found=%v", p, maxDist, gotOK, wantOK)
		}
		if gotOK && (math.Abs(got.DistanceM-want.DistanceM) > 1e-6 || !odd(got.Feature)) {
			t.Fatalf("nearestKept(%v, max %v) = %s at %.3f m, linear scan %s at %.3f m", p, maxDist,
				got.Feature.Ref(), got.DistanceM, want.Feature.Ref(), want.DistanceM)
		}
	}
}

func TestContaining(t *testing.T) {
	outer := orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}
	hole := orb.Ring{{4, 4}, {4, 6}, {6, 6}, {6, 4}, {4, 4}}
	big := orb.Ring{{-20, -20}, {20, -20}, {20, 20}, {-20, 20}, {-20, -20}}
	feats := []*data.OSMFeature{
		{Kind: data.KindInformal, OSMType: data.OSMRelation, OSMID: 1, Geometry: orb.Polygon{outer, hole}, AreaM2: 100},
		{Kind: data.KindAdmin, OSMType: data.OSMRelation, OSMID: 2, Geometry: orb.MultiPolygon{{big}}, AreaM2: 1000},
		{Kind: data.KindHealth, OSMType: data.OSMWay, OSMID: 3, Geometry: orb.Polygon{outer}, AreaM2: 100}, // not a region
		{Kind: data.KindPlace, OSMType: data.OSMNode, OSMID: 4, Point: orb.Point{1, 1}},                    // a point
	}
	ix := NewIndex(feats)
	tests := []struct {
		name string
		p    orb.Point
		want []int64
	}{
		{name: "in the settlement", p: orb.Point{1, 1}, want: []int64{2, 1}},
		{name: "in the hole", p: orb.Point{5, 5}, want: []int64{2}},
		{name: "only the admin area", p: orb.Point{15, 15}, want: []int64{2}},
		{name: "outside everything", p: orb.Point{30, 30}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ix.Containing(tt.p)
			var ids []int64
			for _, f := range got {
				ids = append(ids, f.OSMID)
			}
			if len(ids) != len(tt.want) {
				t.Fatalf("Containing(%v) = %v, want %v", tt.p, ids, tt.want)
			}
			for i := range ids {
				if ids[i] != tt.want[i] {
					t.Fatalf("Containing(%v) = %v, want %v", tt.p, ids, tt.want)
				}
			}
		})
	}
}
