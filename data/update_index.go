package data

import (
	"slices"

	"github.com/paulmach/orb"
)

// replace updates the row of an existing report after a change: its
// attributes and, for a location correction, its place in the quadtree.
func (x *reportIndex) replace(s summary) {
	x.mu.Lock()
	defer x.mu.Unlock()
	i, ok := x.findLocked(s.id)
	if !ok {
		return
	}
	r := &x.rows[i]
	if r.lon != s.lon || r.lat != s.lat {
		x.tree.remove(int32(i), orb.Point{r.lon, r.lat})
		r.lon, r.lat = s.lon, s.lat
		x.extendLocked(*r)
		x.tree.insert(int32(i), orb.Point{r.lon, r.lat}, 0)
	}
	r.cat, r.status, r.observed = x.internCategory(s.category), statusCode(s.status), s.observed
	r.bits = r.bits&rowMulti | rowBits(s.notInOSM)
	x.setNeedsLocked(r, s.needs, s.nNeeds)
}

// remove takes item i, stored at p, out of the leaf that holds it. Empty
// leaves stay: the tree only ever grows, as under insert.
func (n *quadNode) remove(i int32, p orb.Point) {
	for n.kids != nil {
		n = &n.kids[n.quadrant(p)]
	}
	if j := slices.Index(n.items, i); j >= 0 {
		// Leaves built by build share backing arrays capped at their
		// length: copy instead of shifting into a neighbour. pts runs
		// alongside items.
		n.items = slices.Delete(slices.Clone(n.items), j, j+1)
		n.pts = slices.Delete(slices.Clone(n.pts), j, j+1)
	}
}
