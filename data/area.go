package data

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// AreaContains reports whether p lies inside area, a Polygon or a
// MultiPolygon (holes excluded); any other geometry contains nothing.
func AreaContains(area orb.Geometry, p orb.Point) bool {
	switch g := area.(type) {
	case orb.Polygon:
		return planar.PolygonContains(g, p)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, p)
	}
	return false
}
