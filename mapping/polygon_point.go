package mapping

import "github.com/paulmach/orb"

// RepresentativePoint returns one point standing for g: a point itself, the
// middle vertex of a line, a point inside a Polygon or MultiPolygon (of its
// largest polygon), the first point of a multi-point, and the centre of the
// bound of anything else. It is what CSV exports put in their lon/lat
// columns.
func RepresentativePoint(g orb.Geometry) orb.Point {
	switch g := g.(type) {
	case nil:
		return orb.Point{}
	case orb.Point:
		return g
	case orb.LineString:
		if len(g) > 0 {
			return linePoint(g)
		}
	case orb.MultiPoint:
		if len(g) > 0 {
			return g[0]
		}
	case orb.Polygon:
		if len(g) > 0 && len(g[0]) > 0 {
			return areaPoint(g)
		}
	case orb.MultiPolygon:
		if len(g) > 0 && len(g[0]) > 0 && len(g[0][0]) > 0 {
			return areaPoint(g)
		}
	}
	return g.Bound().Center()
}
