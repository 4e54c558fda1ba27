package mapping_test

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// BenchmarkTileZ16Dense renders the densest zoom-16 tile of the Delaware
// extract (most buildings and roads; see TestTileDelawareDense for its
// contents) from scratch, uncompressed: the target is ≤ 20 ms.
func BenchmarkTileZ16Dense(b *testing.B) {
	ix, tl := delawareTiler(b)
	tile, n := denseTile(ix)
	b.Logf("tile 16/%d/%d: %d buildings and roads", tile.X, tile.Y, n)
	benchTile(b, tl.Tile, tile)
}

// BenchmarkTileZ10 renders a zoom-10 tile over Wilmington: many features
// selected, clipped and simplified.
func BenchmarkTileZ10(b *testing.B) {
	_, tl := delawareTiler(b)
	benchTile(b, tl.Tile, maptile.At(orb.Point{-75.55, 39.74}, 10))
}

func benchTile(b *testing.B, render func(z, x, y uint32) ([]byte, error), tile maptile.Tile) {
	b.ReportAllocs()
	b.ResetTimer()
	size := 0
	for b.Loop() {
		t, err := render(uint32(tile.Z), tile.X, tile.Y)
		if err != nil {
			b.Fatal(err)
		}
		size = len(t)
	}
	b.ReportMetric(float64(size), "tile-bytes")
}

// BenchmarkNewTiler indexes the Delaware extract for tiles, as the server
// does on the first tile request after loading an extract.
func BenchmarkNewTiler(b *testing.B) {
	ix, _ := delawareTiler(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		mapping.NewTiler(ix)
	}
}

// BenchmarkTileZ16Synthetic renders a zoom-16 tile packed like an
// informal settlement: 5,000 building footprints (about 8 m × 8 m, six
// points each) and 400 footpaths and roads, over a 600 m block in Kibera,
// about 25 times denser than Delaware's densest tile.
func BenchmarkTileZ16Synthetic(b *testing.B) {
	tile := maptile.At(orb.Point{36.7880, -1.3130}, 16)
	tb := tile.Bound()
	w, h := tb.Max[0]-tb.Min[0], tb.Max[1]-tb.Min[1]
	var feats []*data.OSMFeature
	id := int64(1)
	const n = 71 // 71 × 71 ≈ 5,000 buildings
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			c := orb.Point{tb.Min[0] + (float64(i)+0.5)*w/n, tb.Min[1] + (float64(j)+0.5)*h/n}
			s := w / n * 0.4
			ring := orb.Ring{{c[0] - s, c[1] - s}, {c[0] + s, c[1] - s}, {c[0] + s, c[1]}, {c[0] + s, c[1] + s}, {c[0] - s, c[1] + s}, {c[0] - s, c[1] - s}}
			feats = append(feats, &data.OSMFeature{Kind: data.KindBuilding, Class: "yes", OSMType: data.OSMWay, OSMID: id, Point: c, Geometry: orb.Polygon{ring}})
			id++
		}
	}
	for i := 0; i < 200; i++ {
		for _, vertical := range []bool{false, true} {
			var ls orb.LineString
			for k := 0; k <= 20; k++ {
				f := float64(k) / 20
				if vertical {
					ls = append(ls, orb.Point{tb.Min[0] + float64(i)*w/200, tb.Min[1] + f*h})
				} else {
					ls = append(ls, orb.Point{tb.Min[0] + f*w, tb.Min[1] + float64(i)*h/200})
				}
			}
			feats = append(feats, &data.OSMFeature{Kind: data.KindRoad, Class: "footway", OSMType: data.OSMWay, OSMID: id, Point: ls[0], Geometry: ls})
			id++
		}
	}
	tl := mapping.NewTiler(mapping.NewIndex(feats))
	benchTile(b, tl.Tile, tile)
}
