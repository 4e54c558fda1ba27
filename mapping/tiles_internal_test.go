package mapping

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// TestTileProjectionApproximation checks the Taylor-expanded projection
// against the exact one over random tiles from zoom 12 to the deepest
// zoom and latitudes up to 79°, across each tile and its buffer: they
// must differ by less than 1/10,000 of a tile unit (a quadratic expansion
// is off by up to ~6/10,000 at zoom 12 and 79°, a linear one by ~1 unit).
func TestTileProjectionApproximation(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	worst := 0.0
	for i := 0; i < 2000; i++ {
		z := uint32(approxFromZoom + r.IntN(MaxTileZoom-approxFromZoom+1))
		ll := orb.Point{r.Float64()*360 - 180, r.Float64()*158 - 79}
		tile := maptile.At(ll, maptile.Zoom(z))
		bb := tile.Bound(tileBuffer / float64(TileExtent))
		p := newTileProjection(z, tile.X, tile.Y, tile.Center()[1])
		if !p.approx {
			t.Fatalf("zoom %d at %v: not approximated", z, ll)
		}
		exact := *p
		exact.approx = false
		for j := 0; j < 20; j++ {
			q := orb.Point{bb.Min[0] + r.Float64()*(bb.Max[0]-bb.Min[0]), bb.Min[1] + r.Float64()*(bb.Max[1]-bb.Min[1])}
			units := p.scale / (2 * math.Pi) // tile units per radian of Mercator y
			d := math.Abs(p.mercY(q[1])-mercatorY(q[1])) * units
			worst = math.Max(worst, d)
			if d > 1e-4 {
				t.Fatalf("zoom %d tile %v point %v: approximation off by %g tile units", z, tile, q, d)
			}
			if a, e := p.point(q), exact.point(q); math.Abs(a[0]-e[0]) > 1 || math.Abs(a[1]-e[1]) > 1 {
				t.Fatalf("zoom %d tile %v point %v: approx %v, exact %v", z, tile, q, a, e)
			}
		}
	}
	t.Logf("worst difference: %v tile units", worst)
}
