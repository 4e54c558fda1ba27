package mapping

import (
	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// summaryAreas is what the area summaries precompute for one full
// computation of the risk grid: which cells each area's buildings,
// facilities and informal settlements lie in. Only the cells' classes and
// the open reports change between two full computations.
type summaryAreas struct {
	gen   uint64
	areas []*data.OSMFeature // admin areas, then neighbourhoods, in extract order, then place areas
	// placesFrom is the index in areas of the first place area: a place
	// point outside every boundary, its Geometry replaced by its area.
	placesFrom int
	set        *areaSet // over areas
	// buildings[a] counts area a's buildings per grid cell.
	buildings []map[int32]int32
	// facilities[a] lists area a's facilities.
	facilities [][]facilityAt
	// settlements[a] lists the informal settlements whose representative
	// point lies in area a, by index into settled.
	settlements [][]int
	settled     []settlementCells
}

// facilityAt is a facility's kind and grid cell.
type facilityAt struct {
	cell int32
	kind data.FeatureKind
}

// settlementCells is an informal settlement and the grid cells it covers:
// those whose centre it contains, the cell of its representative point
// and the cells of its buildings.
type settlementCells struct {
	name  string
	cells map[int32]bool
}

// summaryKinds are the area kinds summarised, in output order.
var summaryKinds = []data.FeatureKind{data.KindAdmin, data.KindNeighbourhood}

func newSummaryAreas(s *riskState) *summaryAreas {
	sa := &summaryAreas{gen: s.gen}
	ix, g := s.ix, &s.grid
	sa.areas = ix.Select(summaryKinds, nil, func(f *data.OSMFeature) bool { return isArea(f.Geometry) })
	// Then the places standing for the areas no boundary covers, with their
	// area as geometry (Index.NearestPlace).
	sa.placesFrom = len(sa.areas)
	sa.areas = append(sa.areas, ix.placeAreas().areas...)
	geoms := make([]orb.Geometry, len(sa.areas))
	for i, f := range sa.areas {
		geoms[i] = f.Geometry
	}
	sa.set = newAreaSet(geoms)
	sa.buildings = make([]map[int32]int32, len(sa.areas))
	sa.facilities = make([][]facilityAt, len(sa.areas))
	sa.settlements = make([][]int, len(sa.areas))

	// The informal settlements: OSM areas (named) and drawn ones.
	type settlement struct {
		name  string
		geom  orb.Geometry
		point orb.Point
	}
	var all []settlement
	for _, f := range ix.Select([]data.FeatureKind{data.KindInformal}, nil, func(f *data.OSMFeature) bool { return isArea(f.Geometry) }) {
		all = append(all, settlement{name: f.Name(), geom: f.Geometry, point: f.Point})
	}
	if s.opts.Settlements != nil {
		for _, mp := range s.opts.Settlements() {
			if len(mp) > 0 {
				all = append(all, settlement{geom: mp, point: areaPoint(mp)})
			}
		}
	}
	sgeoms := make([]orb.Geometry, len(all))
	sa.settled = make([]settlementCells, len(all))
	for i, st := range all {
		sgeoms[i] = st.geom
		cells := map[int32]bool{}
		if c := g.cellOf(st.point); c >= 0 {
			cells[int32(c)] = true
		}
		if r0, r1, c0, c1, ok := g.span(st.geom.Bound()); ok {
			p := newPIP(st.geom)
			for r := r0; r <= r1; r++ {
				for c := c0; c <= c1; c++ {
					i := r*g.cols + c
					if p.contains(g.centre(i)) {
						cells[int32(i)] = true
					}
				}
			}
		}
		sa.settled[i] = settlementCells{name: st.name, cells: cells}
		sa.set.each(st.point, func(a int) { sa.settlements[a] = append(sa.settlements[a], i) })
	}
	sset := newAreaSet(sgeoms)

	for _, f := range ix.Select([]data.FeatureKind{data.KindBuilding}, nil, nil) {
		c := g.cellOf(f.Point)
		if c < 0 {
			continue
		}
		sa.set.each(f.Point, func(a int) {
			if sa.buildings[a] == nil {
				sa.buildings[a] = map[int32]int32{}
			}
			sa.buildings[a][int32(c)]++
		})
		sset.each(f.Point, func(i int) { sa.settled[i].cells[int32(c)] = true })
	}
	var facilityKinds []data.FeatureKind
	for _, k := range data.FeatureKinds {
		if k.IsFacility() {
			facilityKinds = append(facilityKinds, k)
		}
	}
	for _, f := range ix.Select(facilityKinds, nil, nil) {
		c := g.cellOf(f.Point)
		if c < 0 {
			continue
		}
		sa.set.each(f.Point, func(a int) {
			sa.facilities[a] = append(sa.facilities[a], facilityAt{cell: int32(c), kind: f.Kind})
		})
	}
	return sa
}
