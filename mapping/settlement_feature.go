package mapping

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
)

// feature builds the GeoJSON feature of it, computing what is missing.
// l.mu is held.
func (l *SettlementLayer) feature(st *settlementState, it *settlementItem) *geojson.Feature {
	if it.figures == nil {
		it.figures = l.figures(st, it)
	}
	if !it.counted {
		it.reports = l.reportFacts(it)
		it.counted = true
	}
	f := geojson.NewFeature(it.geom)
	f.ID = it.id
	props := make(geojson.Properties, len(it.base)+len(it.figures)+8)
	for k, v := range it.base {
		props[k] = v
	}
	for k, v := range it.figures {
		props[k] = v
	}
	props["origin"] = it.origin
	props["status"] = it.status
	byCat, total, open, recent := countReports(it.reports, l.now())
	props["reports"] = byCat
	props["reports_total"] = total
	props["reports_open"] = open
	props["reports_last_30_days"] = recent
	f.Properties = props
	return f
}

// figures computes the extract-derived figures of a settlement: area,
// buildings and their density, service gaps.
func (l *SettlementLayer) figures(st *settlementState, it *settlementItem) map[string]any {
	area := geo.Area(it.geom)
	var buildings []orb.Point
	if st.ix != nil {
		if k := st.ix.byKind[data.KindBuilding]; k != nil {
			k.eachPointIn(it.bound, func(f *data.OSMFeature) {
				if it.pip.contains(f.Point) {
					buildings = append(buildings, f.Point)
				}
			})
		}
	}
	density := 0.0
	if area > 0 {
		density = round(float64(len(buildings))/(area/10_000), 2)
	}
	gaps := make(map[string]serviceGap, len(Services))
	dists := make([]float64, len(buildings))
	for _, svc := range Services {
		sx := st.services[svc]
		has := sx != nil && sx.Len() > 0
		for i, p := range buildings {
			dists[i] = math.Inf(1)
			if has {
				if hit, ok := sx.Nearest(p, nil, 0); ok {
					dists[i] = hit.DistanceM
				}
			}
		}
		gaps[svc] = gapOf(dists, l.thresh[svc], has)
	}
	return map[string]any{
		"area_m2":          round(area, 1),
		"buildings":        len(buildings),
		"building_density": density,
		"service_gaps":     gaps,
	}
}
