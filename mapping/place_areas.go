package mapping

import (
	"math"
	"sort"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// placeReachM is how far from its point a place without a boundary
// polygon stands for the area around it, by place class; 0 for classes
// that are not areas of a report (towns, cities, hamlets, localities).
//
// The reach only bounds a place's area where no other place is nearer
// (the edge of the mapped area, open country): between places the area
// ends half-way to the next one. It is about the 90th percentile of the
// distance from a place to its nearest neighbour in the Monrovia extract
// (107 places, no boundary polygons): quarters 835 m and neighbourhoods
// 1,099 m (median 500-530 m), suburbs 1,411 m (median 645 m), so that
// nine places in ten cover the space up to their neighbours and a report
// on the empty side is not given to a place farther than its neighbours
// are. Villages stand apart in open country: twice the suburbs' reach.
func placeReachM(class string) float64 {
	switch class {
	case "neighbourhood", "quarter":
		return 1000
	case "suburb":
		return 1500
	case "village":
		return 3000
	}
	return 0
}

// maxPlaceReachM is the largest placeReachM.
const maxPlaceReachM = 3000

// placeCellSides is the number of sides of the polygon standing for a
// place's reach (the circle): its sides are within 0.2% of the radius.
const placeCellSides = 48

// placeAreas are the areas of the place points (suburb, neighbourhood,
// quarter, village) lying outside every administrative and neighbourhood
// boundary of the extract: each place's area is the set of points nearer
// to it than to any other such place and within its reach. The areas are
// convex polygons (a circle cut by the perpendicular bisectors towards
// the neighbouring places), computed in a local plane around each place;
// reports, exports, alerts and summaries all use these same polygons.
type placeAreas struct {
	feats []*data.OSMFeature
	cells []orb.Polygon
	areas []*data.OSMFeature // copies of feats with their cell as Geometry
	set   *areaSet           // over cells
	index map[*data.OSMFeature]int
}

// placeAreas returns the place areas of ix, built on first use.
func (ix *Index) placeAreas() *placeAreas {
	ix.placesOnce.Do(func() { ix.places = buildPlaceAreas(ix) })
	return ix.places
}

// inBoundary reports whether an administrative or neighbourhood polygon
// of the extract contains p.
func (ix *Index) inBoundary(p orb.Point) bool {
	for _, f := range ix.Containing(p) {
		if isBoundaryKind(f.Kind) {
			return true
		}
	}
	return false
}

// isBoundaryKind reports whether areas of kind k are the boundaries that
// make the nearest-place fallback unnecessary.
func isBoundaryKind(k data.FeatureKind) bool {
	return k == data.KindAdmin || k == data.KindNeighbourhood
}

func buildPlaceAreas(ix *Index) *placeAreas {
	pa := &placeAreas{index: map[*data.OSMFeature]int{}}
	places := ix.Select([]data.FeatureKind{data.KindPlace}, nil, func(f *data.OSMFeature) bool {
		return !isArea(f.Geometry) && placeReachM(f.Class) > 0 && f.Name() != "" && !ix.inBoundary(f.Point)
	})
	// By longitude, so that each place meets only the neighbours within
	// twice the largest reach; ties keep the extract order.
	sort.SliceStable(places, func(i, j int) bool { return places[i].Point[0] < places[j].Point[0] })
	var geoms []orb.Geometry
	for i, f := range places {
		cell := placeCell(f, places, i)
		if len(cell) == 0 {
			continue
		}
		pa.index[f] = len(pa.feats)
		pa.feats = append(pa.feats, f)
		pa.cells = append(pa.cells, cell)
		geoms = append(geoms, cell)
		area := *f
		area.Geometry = cell
		pa.areas = append(pa.areas, &area)
	}
	pa.set = newAreaSet(geoms)
	return pa
}

// placeCell returns the area of places[i] (sorted by longitude): its
// reach cut by the bisectors towards the other places; nil when another
// place at the same point comes first.
func placeCell(f *data.OSMFeature, places []*data.OSMFeature, i int) orb.Polygon {
	p0 := f.Point
	cosLat := math.Max(0.01, math.Cos(p0[1]*math.Pi/180))
	toPlane := func(p orb.Point) [2]float64 {
		return [2]float64{(p[0] - p0[0]) * cosLat * metresPerDegree, (p[1] - p0[1]) * metresPerDegree}
	}
	reach := placeReachM(f.Class)
	cell := make([][2]float64, placeCellSides)
	for k := range cell {
		a := 2 * math.Pi * float64(k) / placeCellSides
		cell[k] = [2]float64{reach * math.Cos(a), reach * math.Sin(a)}
	}
	window := 2 * maxPlaceReachM / (cosLat * metresPerDegree)
	lo := sort.Search(len(places), func(j int) bool { return places[j].Point[0] >= p0[0]-window })
	for j := lo; j < len(places) && places[j].Point[0] <= p0[0]+window; j++ {
		if j == i {
			continue
		}
		q := toPlane(places[j].Point)
		d2 := q[0]*q[0] + q[1]*q[1]
		if d2 == 0 {
			if j < i {
				return nil // the same point: the first place has the area
			}
			continue
		}
		if d2 >= 4*reach*reach {
			continue // the bisector lies beyond the reach
		}
		cell = clipHalfPlane(cell, q, d2/2)
		if len(cell) < 3 {
			return nil
		}
	}
	ring := make(orb.Ring, 0, len(cell)+1)
	for _, v := range cell {
		ring = append(ring, orb.Point{p0[0] + v[0]/(cosLat*metresPerDegree), p0[1] + v[1]/metresPerDegree})
	}
	ring = append(ring, ring[0])
	return orb.Polygon{ring}
}

// clipHalfPlane cuts the convex polygon poly (open, in order) to the
// points v with v·n <= c (Sutherland-Hodgman against one line).
func clipHalfPlane(poly [][2]float64, n [2]float64, c float64) [][2]float64 {
	side := func(v [2]float64) float64 { return v[0]*n[0] + v[1]*n[1] - c }
	out := make([][2]float64, 0, len(poly)+1)
	for k, cur := range poly {
		prev := poly[(k+len(poly)-1)%len(poly)]
		sc, sp := side(cur), side(prev)
		if (sc <= 0) != (sp <= 0) {
			t := sp / (sp - sc)
			out = append(out, [2]float64{prev[0] + t*(cur[0]-prev[0]), prev[1] + t*(cur[1]-prev[1])})
		}
		if sc <= 0 {
			out = append(out, cur)
		}
	}
	return out
}

// NearestPlace returns the place point (suburb, neighbourhood, quarter or
// village outside every administrative and neighbourhood boundary) whose
// area contains p: the nearest such place, if p is within its reach
// (1 km for neighbourhoods and quarters, 1.5 km for suburbs, 3 km for
// villages). It does not look at boundaries around p: Reconciler uses it
// only where none contains p.
func (ix *Index) NearestPlace(p orb.Point) (*data.OSMFeature, bool) {
	pa := ix.placeAreas()
	var found *data.OSMFeature
	best := math.Inf(1)
	cosLat := math.Cos(p[1] * math.Pi / 180)
	pa.set.each(p, func(i int) {
		// On a shared edge, the nearer place (then the first) wins.
		if d := distanceTo(pa.feats[i], p, cosLat); d < best {
			best, found = d, pa.feats[i]
		}
	})
	return found, found != nil
}

// landmarkKinds are the kinds a place is told by when no place area
// holds it (Index.Landmark): named landmarks, community places and
// streets.
var landmarkKinds = [256]bool{data.KindLandmark: true, data.KindCommunity: true, data.KindRoad: true}

// landmarkReachM bounds the search for a landmark or street (Index.Landmark).
const landmarkReachM = 500

// Landmark returns the named feature that best says where p is among
// those keep accepts: the place standing for p's area (NearestPlace), or
// failing that the nearest named landmark, community place or street
// within 500 m. It tells apart two places of one name no boundary
// separates (the gazetteer's labels).
func (ix *Index) Landmark(p orb.Point, keep func(*data.OSMFeature) bool) (*data.OSMFeature, bool) {
	if f, ok := ix.NearestPlace(p); ok && f.Name() != "" && keep(f) {
		return f, true
	}
	hit, ok := ix.nearestKept(p, func(k data.FeatureKind) bool { return landmarkKinds[k] },
		func(f *data.OSMFeature) bool { return f.Name() != "" && keep(f) }, landmarkReachM)
	return hit.Feature, ok
}

// AreaGeometry returns the area a region feature of the extract stands
// for and the basis of that area (data.AreaBasisBoundary or
// data.AreaBasisNearestPlace): the polygon of an area feature, or the area
// of a place point outside every boundary (see NearestPlace). ok is false
// for other features.
func (ix *Index) AreaGeometry(f *data.OSMFeature) (g orb.Geometry, basis string, ok bool) {
	if f == nil || !f.Kind.IsRegion() {
		return nil, "", false
	}
	if isArea(f.Geometry) {
		return f.Geometry, data.AreaBasisBoundary, true
	}
	pa := ix.placeAreas()
	if i, ok := pa.index[f]; ok {
		return pa.cells[i], data.AreaBasisNearestPlace, true
	}
	return nil, "", false
}

// PlaceArea returns place point f as an area: a copy whose Geometry is
// its nearest-place area (see NearestPlace); ok is false for a place
// without one (inside a boundary, not a suburb, neighbourhood, quarter or
// village) and for every other feature.
func (ix *Index) PlaceArea(f *data.OSMFeature) (area *data.OSMFeature, ok bool) {
	if f == nil || f.Kind != data.KindPlace {
		return nil, false
	}
	pa := ix.placeAreas()
	i, ok := pa.index[f]
	if !ok {
		return nil, false
	}
	return pa.areas[i], true
}
