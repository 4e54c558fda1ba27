package mapping

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/geo"

	"github.com/mtaa-project/mtaa/data"
)

// TaskGridLimits bound the task squares of a campaign.
type TaskGridLimits struct {
	// MinGridM and MaxGridM bound the side of a square in metres.
	MinGridM, MaxGridM float64
	// MaxSquares bounds the number of squares of one campaign.
	MaxSquares int
}

// DefaultTaskGridLimits: squares from 50 m (a few compounds, an hour's
// survey) to 5 km, at most 2500 of them (a 25 km² ward in 100 m squares).
var DefaultTaskGridLimits = TaskGridLimits{MinGridM: 50, MaxGridM: 5000, MaxSquares: 2500}

// minSquareShare drops clipped pieces smaller than this share of a whole
// square: slivers along the area's edge that nobody should walk to.
const minSquareShare = 0.01

// TaskSquares splits area (a Polygon or MultiPolygon) into squares of
// gridM metres on the ground, each clipped to the area, from south-west
// to north-east (row by row). The grid starts at the south-west corner of
// the area's bound; a square's width in degrees of longitude is taken at
// the area's middle latitude, which keeps squares square within a city.
// Pieces smaller than 1% of a square are dropped. Errors are
// *data.ValidationError naming properties.grid_m.
func TaskSquares(area orb.Geometry, gridM float64, limits TaskGridLimits) ([]orb.Geometry, error) {
	if math.IsNaN(gridM) || gridM < limits.MinGridM || gridM > limits.MaxGridM {
		return nil, &data.ValidationError{Code: data.CodeInvalid, Field: "properties.grid_m",
			Message: fmt.Sprintf("grid_m is the side of a task square in metres, from %.0f to %.0f", limits.MinGridM, limits.MaxGridM)}
	}
	var polys orb.MultiPolygon
	switch g := area.(type) {
	case orb.Polygon:
		polys = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		polys = g
	default:
		return nil, invalidGeom("geometry.type", "a campaign's area is a Polygon or MultiPolygon")
	}
	b := area.Bound()
	mid := orb.Point{b.Min[0], (b.Min[1] + b.Max[1]) / 2}
	dLon := geo.PointAtBearingAndDistance(mid, 90, gridM)[0] - mid[0]
	dLat := geo.PointAtBearingAndDistance(b.Min, 0, gridM)[1] - b.Min[1]
	nx := int(math.Ceil((b.Max[0] - b.Min[0]) / dLon))
	ny := int(math.Ceil((b.Max[1] - b.Min[1]) / dLat))
	tooMany := func(n int) error {
		return &data.ValidationError{Code: data.CodeInvalid, Field: "properties.grid_m",
			Message: fmt.Sprintf("the area makes %d or more squares of %.0f m; a campaign has at most %d: take larger squares or a smaller area", n, gridM, limits.MaxSquares)}
	}
	// Only a quarter of the bound's cells may hold area: more than four
	// times the cap is refused before any clipping.
	if nx*ny > 4*limits.MaxSquares {
		return nil, tooMany(int(geo.Area(area) / (gridM * gridM)))
	}
	var out []orb.Geometry
	for y := 0; y < ny; y++ {
		for x := 0; x < nx; x++ {
			cell := orb.Bound{
				Min: orb.Point{b.Min[0] + float64(x)*dLon, b.Min[1] + float64(y)*dLat},
				Max: orb.Point{b.Min[0] + float64(x+1)*dLon, b.Min[1] + float64(y+1)*dLat},
			}
			if !cell.Intersects(b) {
				continue
			}
			piece := clip.MultiPolygon(cell, polys.Clone())
			if len(piece) == 0 || geo.Area(piece) < minSquareShare*gridM*gridM {
				continue
			}
			if len(out) == limits.MaxSquares {
				return nil, tooMany(len(out) + 1)
			}
			if len(piece) == 1 {
				out = append(out, piece[0])
			} else {
				out = append(out, piece)
			}
		}
	}
	return out, nil
}
