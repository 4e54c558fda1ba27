package data

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// naiveFindPublic answers a public box query by a scan of every row,
// each matched by the point the public reads (GeneralisePoint for a
// sensitive report): the reference for findPublic.
func (x *reportIndex) naiveFindPublic(q Query, p Privacy) []uint64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	f, possible := x.compile(q)
	if !possible {
		return nil
	}
	var ids []uint64
	for i := range x.rows {
		r := &x.rows[i]
		pt := orb.Point{r.lon, r.lat}
		if x.sensitiveRowLocked(r, p) {
			pt = GeneralisePoint(pt)
		}
		if q.BBox.Contains(pt) && f.match(r) {
			ids = append(ids, r.id)
		}
	}
	return ids
}

// TestFindPublicMatchesAScan: public box queries of every size, some on
// the grid's centres and edges, some at ±180° and ±90°, with and without
// a category filter, match what a scan of every report finds, reports
// sensitive by their main category or by another need among them.
func TestFindPublicMatchesAScan(t *testing.T) {
	p := NewPrivacy(DefaultTaxonomy())
	x := newReportIndex()
	rng := rand.New(rand.NewPCG(5, 8))
	cats := []string{"flood", "security", "fire", "water"}
	// Points on a fine grid (cell edges and centres among them) and the
	// world's edges, besides random ones.
	point := func() orb.Point {
		switch rng.IntN(4) {
		case 0:
			return orb.Point{39.2 + float64(rng.IntN(41))*0.0025, -6.8 + float64(rng.IntN(41))*0.0025}
		case 1:
			return orb.Point{[]float64{-180, 180, 179.995, -179.999}[rng.IntN(4)], []float64{-90, 90, 89.996, 0}[rng.IntN(4)]}
		}
		return orb.Point{39.2 + rng.Float64()*0.1, -6.8 + rng.Float64()*0.1}
	}
	for id := uint64(1); id <= 3000; id++ {
		r := Report{ID: id, Category: cats[rng.IntN(len(cats))], Location: point(), Status: StatusNew}
		if rng.IntN(5) == 0 {
			r.Needs = []string{r.Category, cats[rng.IntN(len(cats))]} // "security" as a second need, sometimes
		}
		r.normalizeNeeds()
		x.add(summaryOf(&r))
	}
	queries := 0
	for range 2000 {
		c := point()
		var side float64
		switch rng.IntN(3) {
		case 0:
			side = 0.0025 * float64(rng.IntN(9)) // on the grid: 0 to 2 cells
		case 1:
			side = rng.Float64() * 0.003
		default:
			side = rng.Float64() * 0.05
		}
		box := orb.Bound{Min: c, Max: orb.Point{c[0] + side, c[1] + side*rng.Float64()*2}}
		q := Query{BBox: &box, PublicPositions: true, Limit: 1 << 30}
		if rng.IntN(3) == 0 {
			q.Categories = []string{cats[rng.IntN(len(cats))]}
		}
		want := x.naiveFindPublic(q, p)
		got := x.findPublic(q, p)
		if !slices.Equal(got.IDs, want) || got.Matched != len(want) {
			t.Fatalf("box %v categories %v: findPublic %v (matched %d), a scan %v", box, q.Categories, got.IDs, got.Matched, want)
		}
		if len(want) > 0 {
			queries++
		}
	}
	if queries < 500 {
		t.Errorf("only %d of the queries matched anything: the test checks too little", queries)
	}
}
