package mapping

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// delawareIndex imports the Delaware extract from the module cache and
// returns its index and 1024 seeded query points near real features.
func delawareIndex(b *testing.B) (*Index, []orb.Point) {
	b.Helper()
	ix, err := Load(delawareExtractPath(b))
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 7))
	pts := make([]orb.Point, 1024)
	for i := range pts {
		f := ix.all[r.IntN(len(ix.all))]
		pts[i] = orb.Point{f.Point[0] + (r.Float64()-0.5)*0.01, f.Point[1] + (r.Float64()-0.5)*0.01}
	}
	return ix, pts
}

var benchFilters = []struct {
	name   string
	filter func(data.FeatureKind) bool
}{
	{name: "Facility", filter: data.FeatureKind.IsFacility},
	{name: "Health", filter: func(k data.FeatureKind) bool { return k == data.KindHealth }},
	{name: "Road", filter: func(k data.FeatureKind) bool { return k == data.KindRoad }},
	{name: "Any", filter: nil},
}

// BenchmarkNearest measures Nearest on the Delaware index per filter, each
// next to its linear-scan baseline.
func BenchmarkNearest(b *testing.B) {
	ix, pts := delawareIndex(b)
	for _, bf := range benchFilters {
		b.Run(bf.name, func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ix.Nearest(pts[i%len(pts)], bf.filter, 0)
			}
		})
		b.Run(bf.name+"Naive", func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ix.nearestNaive(pts[i%len(pts)], bf.filter, 0)
			}
		})
	}
}

// BenchmarkContaining measures the regions containing points in Delaware.
func BenchmarkContaining(b *testing.B) {
	ix, pts := delawareIndex(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Containing(pts[i%len(pts)])
	}
}

// BenchmarkLoad measures building the index over the Delaware features.
func BenchmarkLoad(b *testing.B) {
	ix, _ := delawareIndex(b)
	feats := ix.all
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		NewIndex(feats)
	}
}

// nodeLookups returns a sorted node index of n nodes with gappy ids, like
// a real extract, and ids to look up in way-like runs of nearby nodes.
func nodeLookups(n int) (*nodeIndex, map[int64][2]int32, []int64) {
	r := rand.New(rand.NewPCG(1, 1))
	x := newNodeIndex(0)
	m := make(map[int64][2]int32, n)
	id := int64(1000)
	for i := 0; i < n; i++ {
		id += 1 + int64(r.IntN(20))
		lon, lat := r.Float64()*360-180, r.Float64()*180-90
		x.add(id, lon, lat)
		m[id] = [2]int32{int32(lon * 1e7), int32(lat * 1e7)}
	}
	refs := make([]int64, 0, 1<<16)
	for len(refs) < 1<<16 {
		start := r.IntN(n - 20)
		for k := 0; k < 10; k++ {
			refs = append(refs, x.ids[start+k*r.IntN(3)])
		}
	}
	return x, m, refs
}

// BenchmarkNodeIndexLookup looks up way-like runs of node ids in a sorted
// index of 700,000 nodes.
func BenchmarkNodeIndexLookup(b *testing.B) {
	x, _, refs := nodeLookups(700_000)
	x.sort()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok := x.get(refs[i%len(refs)]); !ok {
			b.Fatal("missing")
		}
	}
}

// BenchmarkNodeIndexLookupMap is the map[int64] baseline for the node
// index: it needs several times the memory of the sorted slices.
func BenchmarkNodeIndexLookupMap(b *testing.B) {
	_, m, refs := nodeLookups(700_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok := m[refs[i%len(refs)]]; !ok {
			b.Fatal("missing")
		}
	}
}
