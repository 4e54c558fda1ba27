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

// PointOnSurface returns a point on g, for placing a feature given as a
// line or an area at one point: a Point itself, the middle vertex of a
// LineString (of the longest line of a MultiLineString), a point inside a
// Polygon or MultiPolygon (of its largest polygon), the first point of a
// MultiPoint. It returns false for an empty geometry or a collection.
func PointOnSurface(g orb.Geometry) (orb.Point, bool) {
	switch g := g.(type) {
	case orb.Point:
		return g, true
	case orb.MultiPoint:
		if len(g) > 0 {
			return g[0], true
		}
	case orb.LineString:
		if len(g) > 0 {
			return linePoint(g), true
		}
	case orb.MultiLineString:
		best, bi := -1.0, -1
		for i, ls := range g {
			if l := planar.Length(ls); len(ls) > 0 && l > best {
				best, bi = l, i
			}
		}
		if bi >= 0 {
			return linePoint(g[bi]), true
		}
	case orb.Polygon:
		if len(g) > 0 && len(g[0]) > 0 {
			return areaPoint(g), true
		}
	case orb.MultiPolygon:
		if len(g) > 0 && len(g[0]) > 0 && len(g[0][0]) > 0 {
			return areaPoint(g), true
		}
	}
	return orb.Point{}, false
}

// Centroid returns the centroid of g: the area centroid of a Polygon or
// MultiPolygon (a point on its surface when degenerate), the
// length-weighted centroid of a line, the mean of a MultiPoint. It returns
// false for an empty geometry or a collection.
func Centroid(g orb.Geometry) (orb.Point, bool) {
	switch g := g.(type) {
	case orb.Polygon, orb.MultiPolygon:
		if _, ok := PointOnSurface(g); !ok {
			return orb.Point{}, false
		}
		return centroid(g), true
	case orb.Point, orb.MultiPoint, orb.LineString, orb.MultiLineString:
		if _, ok := PointOnSurface(g); !ok {
			return orb.Point{}, false
		}
		c, _ := planar.CentroidArea(g)
		if math.IsNaN(c[0]) || math.IsNaN(c[1]) {
			return PointOnSurface(g)
		}
		return c, true
	}
	return orb.Point{}, false
}
