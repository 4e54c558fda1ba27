package mapping

import (
	"math"
	"math/rand"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
)

// naiveCrossing compares every pair of segments: the baseline the sweep
// must agree with.
func naiveCrossing(segs []segment) bool {
	for i := range segs {
		for j := i + 1; j < len(segs); j++ {
			if segmentsMeet(&segs[i], &segs[j]) {
				return true
			}
		}
	}
	return false
}

func randomRing(rnd *rand.Rand, n int) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		// A coarse lattice, so that touching corners and collinear edges
		// are common.
		r = append(r, orb.Point{float64(rnd.Intn(6)), float64(rnd.Intn(6))})
	}
	return append(r, r[0])
}

func TestSweepAgreesWithPairwise(t *testing.T) {
	rnd := rand.New(rand.NewSource(7))
	found := 0
	for i := 0; i < 20000; i++ {
		var segs []segment
		for ri := 0; ri < 1+rnd.Intn(3); ri++ {
			segs = appendSegments(segs, randomRing(rnd, 3+rnd.Intn(8)), 0, ri)
		}
		_, _, got := firstCrossing(segs)
		if want := naiveCrossing(segs); got != want {
			t.Fatalf("case %d: sweep says %v, pairwise %v: %+v", i, got, want, segs)
		}
		if got {
			found++
		}
	}
	if found == 0 || found == 20000 {
		t.Fatalf("degenerate sample: %d crossings", found)
	}
}

func BenchmarkValidatePolygon(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		ring := make(orb.Ring, 0, n+1)
		for i := 0; i < n; i++ {
			a := 2 * 3.141592653589793 * float64(i) / float64(n)
			ring = append(ring, orb.Point{39.25 + 0.01*math.Cos(a), -6.81 + 0.01*math.Sin(a)})
		}
		ring = append(ring, ring[0])
		var segs []segment
		segs = appendSegments(segs, ring, 0, 0)
		b.Run("sweep/"+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := ValidatePolygon(orb.Polygon{ring}, DefaultPolygonLimits); err != nil {
					b.Fatal(err)
				}
			}
		})
		if n <= 1000 {
			b.Run("pairwise-baseline/"+strconv.Itoa(n), func(b *testing.B) {
				for b.Loop() {
					if naiveCrossing(segs) {
						b.Fatal("crossing")
					}
				}
			})
		}
	}
}
