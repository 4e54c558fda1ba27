package data

import (
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// TestIndexLateInserts: reports learnt from another server after this
// server's own later ids are inserted at their place, and the quadtree
// still numbers every row once, in the leaf of its point: a bbox query
// finds each report, with its own position. Reports at one point (a leaf
// at maxDepth) and spread ones.
func TestIndexLateInserts(t *testing.T) {
	for _, spread := range []bool{false, true} {
		at := func(id uint64) summary {
			s := summary{id: id, lon: 39.25, lat: -6.8, observed: 1, status: StatusNew, category: "flood"}
			if spread {
				s.lon += float64(id%37) * 1e-3
				s.lat += float64(id%41) * 1e-3
			}
			return s
		}
		const n = 3000
		x := newReportIndex()
		// This server's ids first; the others' (every third, and a run of
		// 500 behind) come late, in feed order.
		late := func(id uint64) bool { return id%3 == 0 || id > 2000 && id <= 2500 }
		for id := uint64(1); id <= n; id++ {
			if !late(id) {
				x.add(at(id))
			}
		}
		for id := uint64(1); id <= n; id++ {
			if late(id) {
				x.add(at(id))
			}
		}
		if len(x.rows) != n {
			t.Fatalf("spread=%v: %d rows, want %d", spread, len(x.rows), n)
		}
		for i, r := range x.rows {
			if r.id != uint64(i+1) {
				t.Fatalf("spread=%v: row %d is report %d, want %d", spread, i, r.id, i+1)
			}
		}
		// Every row number once in the tree, in the leaf of its point.
		seen := make([]int, n)
		var walk func(q *quadNode)
		walk = func(q *quadNode) {
			if q.kids != nil {
				for k := range q.kids {
					walk(&q.kids[k])
				}
				return
			}
			for k, it := range q.items {
				if it < 0 || int(it) >= n {
					t.Fatalf("spread=%v: item %d out of range", spread, it)
				}
				seen[it]++
				if r := x.rows[it]; q.pts[k] != (orb.Point{r.lon, r.lat}) {
					t.Errorf("spread=%v: item %d (report %d) stored at %v, its point is %v", spread, it, r.id, q.pts[k], orb.Point{r.lon, r.lat})
				}
			}
		}
		walk(&x.tree)
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("spread=%v: row %d numbered %d times in the quadtree", spread, i, c)
			}
		}
		// A bbox query around each point finds exactly the reports there.
		for _, id := range []uint64{1, 3, 1999, 2001, 2250, 2500, 2501, n} {
			s := at(id)
			b := orb.Bound{Min: orb.Point{s.lon - 1e-5, s.lat - 1e-5}, Max: orb.Point{s.lon + 1e-5, s.lat + 1e-5}}
			p := x.find(Query{BBox: &b, Limit: n})
			if !slices.Contains(p.IDs, id) {
				t.Errorf("spread=%v: a bbox around report %d's point does not find it", spread, id)
			}
			for _, got := range p.IDs {
				if o := at(got); o.lon != s.lon || o.lat != s.lat {
					t.Errorf("spread=%v: a bbox around report %d's point finds report %d elsewhere", spread, id, got)
				}
			}
		}
	}
}
