package mapping

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// pip answers point-in-polygon for one Polygon or MultiPolygon. Large
// shapes (administrative areas have thousands of vertices) get their edges
// sorted into horizontal bands, so a query only looks at the edges of the
// band holding the point; a ray cast over all rings (even-odd rule) then
// handles holes and several shells alike.
type pip struct {
	geom  orb.Geometry
	minY  float64
	bandH float64
	bands [][][2]orb.Point // nil for small shapes: use planar directly
}

// pipMinEdges is the edge count from which a shape gets bands.
const pipMinEdges = 64

func newPIP(g orb.Geometry) *pip {
	p := &pip{geom: g}
	var rings []orb.Ring
	switch g := g.(type) {
	case orb.Polygon:
		rings = g
	case orb.MultiPolygon:
		for _, poly := range g {
			rings = append(rings, poly...)
		}
	}
	edges := 0
	for _, r := range rings {
		edges += len(r)
	}
	if edges < pipMinEdges {
		return p
	}
	b := g.Bound()
	n := max(1, edges/8)
	p.minY = b.Min[1]
	p.bandH = (b.Max[1] - b.Min[1]) / float64(n)
	if p.bandH <= 0 {
		return p
	}
	p.bands = make([][][2]orb.Point, n)
	for _, r := range rings {
		for i := 0; i+1 < len(r); i++ {
			a, e := r[i], r[i+1]
			lo, hi := p.band(math.Min(a[1], e[1])), p.band(math.Max(a[1], e[1]))
			for k := lo; k <= hi; k++ {
				p.bands[k] = append(p.bands[k], [2]orb.Point{a, e})
			}
		}
	}
	return p
}

func (p *pip) band(y float64) int {
	return min(max(int((y-p.minY)/p.bandH), 0), len(p.bands)-1)
}

// contains reports whether pt is inside the shape (the caller has checked
// the bound).
func (p *pip) contains(pt orb.Point) bool {
	if p.bands == nil {
		return data.AreaContains(p.geom, pt)
	}
	in := false
	for _, e := range p.bands[p.band(pt[1])] {
		a, b := e[0], e[1]
		if (a[1] > pt[1]) != (b[1] > pt[1]) &&
			pt[0] < a[0]+(pt[1]-a[1])*(b[0]-a[0])/(b[1]-a[1]) {
			in = !in
		}
	}
	return in
}
