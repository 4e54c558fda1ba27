package mapping

import (
	"github.com/paulmach/orb"
)

// areaSet answers "which of these areas contain p" for many points: the
// areas' bounds go into a grid, and candidates are checked with a
// point-in-polygon structure each.
type areaSet struct {
	which  []int // position in the caller's list of each indexed area
	bounds []orb.Bound
	pips   []*pip
	grid   *grid
}

// newAreaSet indexes the polygonal geometries in geoms; other geometries
// never contain anything.
func newAreaSet(geoms []orb.Geometry) *areaSet {
	s := &areaSet{}
	for i, g := range geoms {
		if isArea(g) {
			s.which = append(s.which, i)
			s.bounds = append(s.bounds, g.Bound())
			s.pips = append(s.pips, newPIP(g))
		}
	}
	if len(s.bounds) > 0 {
		s.grid = newGrid(s.bounds)
	}
	return s
}

// each calls fn with the position (in the list given to newAreaSet) of
// every area containing p.
func (s *areaSet) each(p orb.Point, fn func(i int)) {
	if s.grid == nil {
		return
	}
	check := func(i int32) {
		if s.bounds[i].Contains(p) && s.pips[i].contains(p) {
			fn(s.which[i])
		}
	}
	g := s.grid
	if g.bound.Contains(p) {
		x, y := g.cellOf(p)
		for _, i := range g.cellItems(x, y) {
			check(i)
		}
	}
	for _, i := range g.big {
		check(i)
	}
}

// any reports whether some area contains p.
func (s *areaSet) any(p orb.Point) bool {
	found := false
	s.each(p, func(int) { found = true })
	return found
}
