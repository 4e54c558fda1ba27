package mapping

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/mtaa-project/mtaa/data"
)

// PolygonLimits bounds the area of a drawn polygon: smaller is a slip of
// the finger, larger is not one settlement.
type PolygonLimits struct {
	MinAreaM2, MaxAreaM2 float64
}

// Default area limits of a drawn settlement: 100 m² (a few houses) to
// 50 km² (larger than Kibera, about 2.5 km², or Dharavi, 2.2 km², by far).
const (
	DefaultMinSettlementAreaM2 = 100
	DefaultMaxSettlementAreaM2 = 50e6
)

// DefaultPolygonLimits are the limits of a drawn settlement.
var DefaultPolygonLimits = PolygonLimits{MinAreaM2: DefaultMinSettlementAreaM2, MaxAreaM2: DefaultMaxSettlementAreaM2}

// rawGeometry is a GeoJSON geometry object as posted.
type rawGeometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

// ParsePolygon reads a GeoJSON Polygon or MultiPolygon geometry object
// (RFC 7946) and validates it with ValidatePolygon. Errors are
// *data.ValidationError naming the field (geometry.type,
// geometry.coordinates[0][2], …) and the problem. A third (altitude) number
// in a position is accepted and dropped.
func ParsePolygon(raw []byte, limits PolygonLimits) (orb.Geometry, error) {
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, &data.ValidationError{Code: data.CodeMissing, Field: "geometry", Message: "a Polygon or MultiPolygon geometry is required"}
	}
	var g rawGeometry
	if err := json.Unmarshal(raw, &g); err != nil {
		return nil, &data.ValidationError{Code: data.CodeInvalid, Field: "geometry", Message: "geometry must be a GeoJSON object: " + err.Error()}
	}
	var geom orb.Geometry
	switch g.Type {
	case "Polygon":
		var rings [][][]float64
		if err := json.Unmarshal(g.Coordinates, &rings); err != nil || rings == nil {
			return nil, invalidGeom("geometry.coordinates", "Polygon coordinates must be an array of rings, each an array of [lon, lat] positions")
		}
		p, err := polygonOf(rings, "geometry.coordinates")
		if err != nil {
			return nil, err
		}
		geom = p
	case "MultiPolygon":
		var polys [][][][]float64
		if err := json.Unmarshal(g.Coordinates, &polys); err != nil || polys == nil {
			return nil, invalidGeom("geometry.coordinates", "MultiPolygon coordinates must be an array of polygons, each an array of rings of [lon, lat] positions")
		}
		if len(polys) == 0 {
			return nil, invalidGeom("geometry.coordinates", "a MultiPolygon needs at least one polygon")
		}
		mp := make(orb.MultiPolygon, len(polys))
		for i, rings := range polys {
			p, err := polygonOf(rings, fmt.Sprintf("geometry.coordinates[%d]", i))
			if err != nil {
				return nil, err
			}
			mp[i] = p
		}
		geom = mp
	case "":
		return nil, &data.ValidationError{Code: data.CodeMissing, Field: "geometry.type", Message: `geometry.type is required: "Polygon" or "MultiPolygon"`}
	default:
		return nil, invalidGeom("geometry.type", fmt.Sprintf(`a settlement is an area: geometry.type must be "Polygon" or "MultiPolygon", not %q`, g.Type))
	}
	if err := ValidatePolygon(geom, limits); err != nil {
		return nil, err
	}
	return geom, nil
}

// polygonOf converts posted rings, checking each position's shape.
func polygonOf(rings [][][]float64, field string) (orb.Polygon, error) {
	if len(rings) == 0 {
		return nil, invalidGeom(field, "a polygon needs an exterior ring")
	}
	p := make(orb.Polygon, len(rings))
	for ri, ring := range rings {
		r := make(orb.Ring, len(ring))
		for pi, pos := range ring {
			if len(pos) != 2 && len(pos) != 3 {
				return nil, invalidGeom(fmt.Sprintf("%s[%d][%d]", field, ri, pi), "a position is [lon, lat] (or [lon, lat, altitude])")
			}
			r[pi] = orb.Point{pos[0], pos[1]}
		}
		p[ri] = r
	}
	return p, nil
}

func invalidGeom(field, msg string) *data.ValidationError {
	return &data.ValidationError{Code: data.CodeInvalid, Field: field, Message: msg}
}

// ValidatePolygon checks that g is a valid RFC 7946 Polygon or
// MultiPolygon within limits: every ring closed, with at least 4
// positions and 3 distinct corners; coordinates finite and in range; no
// ring crossing or touching itself or another ring; exterior rings
// counter-clockwise and holes clockwise (wrong winding is refused, not
// fixed, so that a client's bug shows); every hole inside its shell and
// outside the other holes; no polygon of a MultiPolygon inside another;
// area within limits. Errors are *data.ValidationError naming the ring
// (geometry.coordinates[ring] or [polygon][ring]) and position.
//
// Crossings are found with a sweep over the segments sorted by their
// western end: O(n log n) for the shapes people draw, O(n²) only when many
// segments overlap in longitude at once.
func ValidatePolygon(g orb.Geometry, limits PolygonLimits) error {
	var polys []orb.Polygon
	prefix := func(pi int) string { return "geometry.coordinates" }
	switch g := g.(type) {
	case orb.Polygon:
		polys = []orb.Polygon{g}
	case orb.MultiPolygon:
		if len(g) == 0 {
			return invalidGeom("geometry.coordinates", "a MultiPolygon needs at least one polygon")
		}
		polys = g
		prefix = func(pi int) string { return fmt.Sprintf("geometry.coordinates[%d]", pi) }
	default:
		return invalidGeom("geometry.type", fmt.Sprintf("a settlement is a Polygon or MultiPolygon, not %T", g))
	}
	var segs []segment
	for pi, p := range polys {
		if len(p) == 0 {
			return invalidGeom(prefix(pi), "a polygon needs an exterior ring")
		}
		for ri, r := range p {
			field := fmt.Sprintf("%s[%d]", prefix(pi), ri)
			if err := checkRing(r, field); err != nil {
				return err
			}
			segs = appendSegments(segs, r, pi, ri)
		}
	}
	if a, b, found := firstCrossing(segs); found {
		return crossingError(a, b, prefix)
	}
	for pi, p := range polys {
		for ri, r := range p {
			if err := checkWinding(r, fmt.Sprintf("%s[%d]", prefix(pi), ri), ri == 0); err != nil {
				return err
			}
		}
	}
	for pi, p := range polys {
		shell := p[0]
		for ri := 1; ri < len(p); ri++ {
			if !ringContains(shell, p[ri][0]) {
				return invalidGeom(fmt.Sprintf("%s[%d]", prefix(pi), ri), fmt.Sprintf("hole %d lies outside its exterior ring (ring 0)", ri))
			}
			for rj := 1; rj < len(p); rj++ {
				if rj != ri && ringContains(p[rj], p[ri][0]) {
					return invalidGeom(fmt.Sprintf("%s[%d]", prefix(pi), ri), fmt.Sprintf("hole %d lies inside hole %d", ri, rj))
				}
			}
		}
		for pj, q := range polys {
			if pj != pi && polygonContains(q, shell[0]) {
				return invalidGeom(prefix(pi), fmt.Sprintf("polygon %d lies inside polygon %d of the MultiPolygon", pi, pj))
			}
		}
	}
	area := geo.Area(g)
	switch {
	case area < limits.MinAreaM2:
		return invalidGeom("geometry", fmt.Sprintf("the area is %.0f m²; a settlement is at least %.0f m²", area, limits.MinAreaM2))
	case limits.MaxAreaM2 > 0 && area > limits.MaxAreaM2:
		return invalidGeom("geometry", fmt.Sprintf("the area is %.1f km²; a settlement is at most %.1f km² (draw its parts separately)", area/1e6, limits.MaxAreaM2/1e6))
	}
	return nil
}

// checkRing checks one ring's positions, closure and corners.
func checkRing(r orb.Ring, field string) error {
	if len(r) < 4 {
		return invalidGeom(field, fmt.Sprintf("a ring needs at least 4 positions (3 corners and the first repeated at the end), this one has %d", len(r)))
	}
	for i, p := range r {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
			return invalidGeom(fmt.Sprintf("%s[%d]", field, i), "coordinates must be finite numbers")
		}
		if p[0] < -180 || p[0] > 180 {
			return invalidGeom(fmt.Sprintf("%s[%d]", field, i), "longitude must be a number between -180 and 180")
		}
		if p[1] < -90 || p[1] > 90 {
			return invalidGeom(fmt.Sprintf("%s[%d]", field, i), "latitude must be a number between -90 and 90")
		}
	}
	if r[0] != r[len(r)-1] {
		return invalidGeom(field, fmt.Sprintf("the ring is not closed: its last position (%d) must repeat its first", len(r)-1))
	}
	corners := 0
	for i := 1; i < len(r); i++ {
		if r[i] != r[i-1] {
			corners++
		}
	}
	if corners < 3 {
		return invalidGeom(field, "a ring needs at least 3 distinct corners")
	}
	return nil
}

// checkWinding checks that a ring (which does not cross itself) winds as
// RFC 7946 asks.
func checkWinding(r orb.Ring, field string, exterior bool) error {
	switch o := signedArea2(r); {
	case o == 0:
		return invalidGeom(field, "the ring has no area (its corners are on one line)")
	case exterior && o < 0:
		return invalidGeom(field, "the exterior ring winds clockwise; RFC 7946 wants exterior rings counter-clockwise (reverse its positions)")
	case !exterior && o > 0:
		return invalidGeom(field, "the hole winds counter-clockwise; RFC 7946 wants holes clockwise (reverse its positions)")
	}
	return nil
}

// signedArea2 is twice the planar signed area of r in degrees²: positive
// for counter-clockwise rings.
func signedArea2(r orb.Ring) float64 {
	s := 0.0
	o := r[0]
	for i := 1; i+1 < len(r); i++ {
		a, b := r[i], r[i+1]
		s += (a[0]-o[0])*(b[1]-o[1]) - (b[0]-o[0])*(a[1]-o[1])
	}
	return s
}

// polygonContains reports whether pt is inside poly's shell and outside
// its holes (an island inside another polygon's hole is fine).
func polygonContains(poly orb.Polygon, pt orb.Point) bool {
	if !ringContains(poly[0], pt) {
		return false
	}
	for _, hole := range poly[1:] {
		if ringContains(hole, pt) {
			return false
		}
	}
	return true
}

// ringContains reports whether p is strictly inside r (even-odd rule).
func ringContains(r orb.Ring, p orb.Point) bool {
	in := false
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		a, b := r[i], r[j]
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < a[0]+(p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1]) {
			in = !in
		}
	}
	return in
}
