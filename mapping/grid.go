package mapping

import (
	"math"

	"github.com/paulmach/orb"
)

// grid is a uniform grid over the bounds of a set of features, stored
// compactly: cell c holds items[start[c]:start[c+1]]. A feature is listed in
// every cell its bound overlaps; features overlapping more than maxCells
// cells go into big and are checked on every query.
type grid struct {
	bound  orb.Bound
	cell   float64 // cell size in degrees
	nx, ny int
	start  []int32
	items  []int32
	big    []int32
}

const maxCells = 64

// newGrid indexes bounds (one per item, by position) with about four
// cells an item, so that sparse kinds still get small cells.
func newGrid(bounds []orb.Bound) *grid {
	g := &grid{}
	if len(bounds) == 0 {
		return g
	}
	g.bound = unionBounds(bounds)
	w := math.Max(g.bound.Max[0]-g.bound.Min[0], 1e-6)
	h := math.Max(g.bound.Max[1]-g.bound.Min[1], 1e-6)
	g.cell = gridCell(bounds)
	g.nx = int(w/g.cell) + 1
	g.ny = int(h/g.cell) + 1
	for g.nx*g.ny > 4<<20 { // cap the directory at 4M cells
		g.cell *= 2
		g.nx, g.ny = int(w/g.cell)+1, int(h/g.cell)+1
	}
	counts := make([]int32, g.nx*g.ny+1)
	each := func(fn func(i int, c int)) {
		for i, b := range bounds {
			x0, y0 := g.cellOf(b.Min)
			x1, y1 := g.cellOf(b.Max)
			if (x1-x0+1)*(y1-y0+1) > maxCells {
				continue
			}
			for y := y0; y <= y1; y++ {
				for x := x0; x <= x1; x++ {
					fn(i, y*g.nx+x)
				}
			}
		}
	}
	each(func(_ int, c int) { counts[c+1]++ })
	for c := 1; c < len(counts); c++ {
		counts[c] += counts[c-1]
	}
	g.start = counts
	g.items = make([]int32, counts[len(counts)-1])
	fill := make([]int32, g.nx*g.ny)
	each(func(i int, c int) {
		g.items[g.start[c]+fill[c]] = int32(i)
		fill[c]++
	})
	for i, b := range bounds {
		x0, y0 := g.cellOf(b.Min)
		x1, y1 := g.cellOf(b.Max)
		if (x1-x0+1)*(y1-y0+1) > maxCells {
			g.big = append(g.big, int32(i))
		}
	}
	return g
}

func unionBounds(bounds []orb.Bound) orb.Bound {
	u := bounds[0]
	for _, b := range bounds[1:] {
		u = u.Union(b)
	}
	return u
}

// gridCell returns the cell size in degrees for bounds: about four cells
// an item, between ~50 m and ~100 km.
func gridCell(bounds []orb.Bound) float64 {
	if len(bounds) == 0 {
		return 1
	}
	u := unionBounds(bounds)
	w := math.Max(u.Max[0]-u.Min[0], 1e-6)
	h := math.Max(u.Max[1]-u.Min[1], 1e-6)
	return math.Min(math.Max(math.Sqrt(w*h/(4*float64(len(bounds)))), 0.0005), 1)
}

// cellOf returns the cell column and row of p, clamped to the grid.
func (g *grid) cellOf(p orb.Point) (int, int) {
	x := int((p[0] - g.bound.Min[0]) / g.cell)
	y := int((p[1] - g.bound.Min[1]) / g.cell)
	return min(max(x, 0), g.nx-1), min(max(y, 0), g.ny-1)
}

// cellItems returns the features listed in cell (x, y), or nil outside the grid.
func (g *grid) cellItems(x, y int) []int32 {
	if x < 0 || y < 0 || x >= g.nx || y >= g.ny {
		return nil
	}
	c := y*g.nx + x
	return g.items[g.start[c]:g.start[c+1]]
}
