package mapping_test

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

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
