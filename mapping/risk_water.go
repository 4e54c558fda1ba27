package mapping

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// waterIndex finds the distance from a point to the nearest waterway,
// water area and hazard zone. Index.Nearest checks every area of a kind
// for containment before its grid search, which is slow for the thousand
// ponds of a county queried from every cell; here area outlines are
// indexed as lines and containment goes through an areaSet.
type waterIndex struct {
	lines *Index                          // waterways, area outlines as lines, hazard points
	areas [data.KindBuilding + 1]*areaSet // per kind, its areas
}

// waterKinds are the kinds whose distance counts for the hazard, in the
// order of the properties waterway_m, water_area_m, hazard_zone_m.
var waterKinds = [3]data.FeatureKind{data.KindWaterway, data.KindWaterArea, data.KindHazard}

func newWaterIndex(ix *Index) *waterIndex {
	w := &waterIndex{}
	var lines []*data.OSMFeature
	for _, kind := range waterKinds {
		var areas []orb.Geometry
		for _, f := range ix.Select([]data.FeatureKind{kind}, nil, nil) {
			var rings []orb.Ring
			switch g := f.Geometry.(type) {
			case orb.Polygon:
				rings = g
			case orb.MultiPolygon:
				for _, p := range g {
					rings = append(rings, p...)
				}
			default:
				lines = append(lines, f)
				continue
			}
			areas = append(areas, f.Geometry)
			for _, r := range rings {
				lines = append(lines, &data.OSMFeature{Kind: kind, Point: r[0], Geometry: orb.LineString(r)})
			}
		}
		w.areas[kind] = newAreaSet(areas)
	}
	w.lines = NewIndex(lines)
	return w
}

// distance returns the distance in metres from p to the nearest feature
// of kind within maxDist, or -1 when there is none.
func (w *waterIndex) distance(p orb.Point, kind data.FeatureKind, maxDist float64) float64 {
	if w.areas[kind].any(p) {
		return 0
	}
	if h, ok := w.lines.Nearest(p, func(k data.FeatureKind) bool { return k == kind }, maxDist); ok {
		return h.DistanceM
	}
	return -1
}

// set fills in c's distances to water and hazard zones and its water
// proximity, seen from p.
func (w *waterIndex) set(c *riskCell, p orb.Point) {
	c.waterwayM = w.distance(p, data.KindWaterway, RiskWaterRangeM)
	c.waterAreaM = w.distance(p, data.KindWaterArea, RiskWaterRangeM)
	c.hazardZoneM = w.distance(p, data.KindHazard, RiskWaterRangeM)
	c.prox = 0
	for _, d := range []float64{c.waterwayM, c.waterAreaM, c.hazardZoneM} {
		c.prox = math.Max(c.prox, waterProximity(d))
	}
	c.prox = round4(c.prox)
}
