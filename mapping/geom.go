package mapping

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// orient makes an outer ring counter-clockwise or an inner ring clockwise,
// as RFC 7946 asks.
func orient(r orb.Ring, outer bool) {
	ccw := r.Orientation() == orb.CCW
	if ccw != outer {
		r.Reverse()
	}
}

// linePoint returns a point on ls: its middle vertex.
func linePoint(ls orb.LineString) orb.Point {
	return ls[len(ls)/2]
}

// pointOnSurface returns a point inside the polygon: its centroid when that
// lies inside, else the middle of the widest span of a horizontal line
// through the middle of its bound.
func pointOnSurface(p orb.Polygon) orb.Point {
	c, _ := planar.CentroidArea(p)
	if planar.PolygonContains(p, c) {
		return c
	}
	b := p.Bound()
	y := (b.Min[1] + b.Max[1]) / 2
	var xs []float64
	for _, r := range p {
		for i := 0; i+1 < len(r); i++ {
			a, e := r[i], r[i+1]
			if (a[1] > y) != (e[1] > y) {
				xs = append(xs, a[0]+(y-a[1])*(e[0]-a[0])/(e[1]-a[1]))
			}
		}
	}
	sort.Float64s(xs)
	best, at := -1.0, c
	if math.IsNaN(c[0]) || math.IsNaN(c[1]) { // degenerate (zero-area) shape
		at = p[0][0]
	}
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > best {
			best, at = w, orb.Point{(xs[i] + xs[i+1]) / 2, y}
		}
	}
	return at
}

// areaPoint returns a representative point of a Polygon or MultiPolygon
// (of its largest polygon).
func areaPoint(g orb.Geometry) orb.Point {
	switch g := g.(type) {
	case orb.Polygon:
		return pointOnSurface(g)
	case orb.MultiPolygon:
		best, bi := -1.0, 0
		for i, p := range g {
			if a := math.Abs(planar.Area(p)); a > best {
				best, bi = a, i
			}
		}
		return pointOnSurface(g[bi])
	}
	return orb.Point{}
}

// centroid returns the area centroid of a polygonal geometry, falling back
// to a point on its surface for degenerate shapes.
func centroid(g orb.Geometry) orb.Point {
	c, a := planar.CentroidArea(g)
	if a == 0 || math.IsNaN(c[0]) || math.IsNaN(c[1]) {
		return areaPoint(g)
	}
	return c
}
