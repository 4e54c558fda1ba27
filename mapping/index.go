package mapping

import (
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/mtaa-project/mtaa/data"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"
)

// Index is an in-memory spatial index over an extract: one grid per
// feature kind for nearest-feature queries, and a bound-prefiltered list of
// region areas for containment. It is read-only once built and safe for
// concurrent use.
type Index struct {
	meta    data.ExtractMeta
	byKind  [256]*kindIndex
	order   []data.FeatureKind // kinds present, densest first
	regions []int32            // into all, area features of region kinds
	rbounds []orb.Bound
	rpip    []*pip
	all     []*data.OSMFeature

	placesOnce sync.Once
	places     *placeAreas // built on first use (placeAreas)
}

type kindIndex struct {
	feats  []*data.OSMFeature
	pieces []piece
	pbound []orb.Bound // bound of each piece, by position
	areas  []int32     // features with an area geometry
	abound []orb.Bound // their bounds
	apip   []*pip
	grid   *grid
}

// piece is a point feature, or a run of at most pieceLen segments of a
// line or ring: long lines and rings are cut into pieces so that each grid
// cell lists only the parts of them that are near it.
type piece struct {
	feat int32
	pts  []orb.Point // nil for a point feature
}

const pieceLen = 16

func (k *kindIndex) add(f *data.OSMFeature) {
	fi := int32(len(k.feats))
	k.feats = append(k.feats, f)
	addLine := func(pts []orb.Point) {
		for i := 0; i < len(pts); i += pieceLen {
			j := min(i+pieceLen+1, len(pts))
			run := pts[i:j:j]
			k.pieces = append(k.pieces, piece{feat: fi, pts: run})
			k.pbound = append(k.pbound, orb.LineString(run).Bound())
			if j == len(pts) {
				break
			}
		}
	}
	geom := f.Geometry
	if f.Kind == data.KindBuilding {
		geom = nil // indexed by its centroid: the footprint is for drawing
	}
	switch g := geom.(type) {
	case orb.LineString:
		addLine(g)
	case orb.Polygon:
		for _, r := range g {
			addLine(r)
		}
	case orb.MultiPolygon:
		for _, poly := range g {
			for _, r := range poly {
				addLine(r)
			}
		}
	default:
		k.pieces = append(k.pieces, piece{feat: fi})
		k.pbound = append(k.pbound, f.Point.Bound())
	}
	if isArea(geom) {
		k.areas = append(k.areas, fi)
		k.abound = append(k.abound, f.Geometry.Bound())
		k.apip = append(k.apip, newPIP(f.Geometry))
	}
}

// Hit is a feature found by a query and its distance in metres from the
// query point (0 for a point inside an area).
type Hit struct {
	Feature   *data.OSMFeature
	DistanceM float64
}

// Load reads every feature of the extract file at path (usually
// DIR/data.ExtractFileName) and indexes it. The file is closed before Load
// returns.
func Load(path string) (*Index, error) {
	e, err := data.OpenExtract(path)
	if err != nil {
		return nil, fmt.Errorf("load index: %w", err)
	}
	defer e.Close()
	var feats []*data.OSMFeature
	meta := e.Meta()
	if n := meta.Total(); n > 0 {
		feats = make([]*data.OSMFeature, 0, n)
	}
	err = e.ForEach(func(f *data.OSMFeature) error {
		feats = append(feats, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load index %s: %w", path, err)
	}
	ix := NewIndex(feats)
	ix.meta = e.Meta()
	return ix, nil
}

// NewIndex indexes feats, which the Index keeps (do not modify them).
func NewIndex(feats []*data.OSMFeature) *Index {
	ix := &Index{all: feats}
	for i, f := range feats {
		k := ix.byKind[f.Kind]
		if k == nil {
			k = &kindIndex{}
			ix.byKind[f.Kind] = k
		}
		k.add(f)
		if f.Kind.IsRegion() && isArea(f.Geometry) {
			ix.regions = append(ix.regions, int32(i))
			ix.rbounds = append(ix.rbounds, f.Geometry.Bound())
			ix.rpip = append(ix.rpip, newPIP(f.Geometry))
		}
	}
	for kind, k := range ix.byKind {
		if k != nil {
			k.splitLongPieces()
			k.grid = newGrid(k.pbound)
			ix.order = append(ix.order, data.FeatureKind(kind))
		}
	}
	// Dense kinds first: they usually give a close first answer, which
	// prunes the search of every later kind.
	sort.SliceStable(ix.order, func(i, j int) bool {
		return len(ix.byKind[ix.order[i]].feats) > len(ix.byKind[ix.order[j]].feats)
	})
	return ix
}

func isArea(g orb.Geometry) bool {
	switch g.(type) {
	case orb.Polygon, orb.MultiPolygon:
		return true
	}
	return false
}

// Meta returns the meta record of the loaded extract (zero for NewIndex).
func (ix *Index) Meta() data.ExtractMeta { return ix.meta }

// Len returns the number of indexed features.
func (ix *Index) Len() int { return len(ix.all) }

// metresPerDegree is the length of one degree of latitude on orb's sphere.
const metresPerDegree = orb.EarthRadius * math.Pi / 180

// Nearest returns the feature nearest to p among the kinds for which
// filter returns true (all kinds when filter is nil), and its distance in
// metres: to the point of a point feature or building, to the closest
// segment of a line, 0 inside an area. maxDist limits the search (metres;
// <= 0 means no limit). ok is false when nothing lies within maxDist.
func (ix *Index) Nearest(p orb.Point, filter func(data.FeatureKind) bool, maxDist float64) (hit Hit, ok bool) {
	return ix.nearestKept(p, filter, nil, maxDist)
}

// nearestKept is Nearest among the features keep accepts (all when keep
// is nil), searched through the grids as Nearest is.
func (ix *Index) nearestKept(p orb.Point, filter func(data.FeatureKind) bool, keep func(*data.OSMFeature) bool, maxDist float64) (hit Hit, ok bool) {
	best := math.Inf(1)
	if maxDist > 0 {
		best = maxDist
	}
	for _, kind := range ix.order {
		if filter != nil && !filter(kind) {
			continue
		}
		k := ix.byKind[kind]
		if f, d, found := k.nearest(p, best, keep); found {
			hit, ok, best = Hit{Feature: f, DistanceM: d}, true, d
			if d == 0 {
				break // nothing can be closer
			}
		}
	}
	return hit, ok
}

// splitLongPieces cuts pieces that span more than 4 grid cells into
// single segments, so that long straight roads and boundaries do not end
// up in the grid's list of big items, checked on every query.
func (k *kindIndex) splitLongPieces() {
	span := 4 * gridCell(k.pbound)
	n := len(k.pieces)
	for i := 0; i < n; i++ {
		pc, b := k.pieces[i], k.pbound[i]
		if pc.pts == nil || len(pc.pts) <= 2 || (b.Max[0]-b.Min[0] <= span && b.Max[1]-b.Min[1] <= span) {
			continue
		}
		for j := 0; j+1 < len(pc.pts); j++ {
			seg := pc.pts[j : j+2 : j+2]
			if j == 0 {
				k.pieces[i], k.pbound[i] = piece{feat: pc.feat, pts: seg}, orb.LineString(seg).Bound()
				continue
			}
			k.pieces = append(k.pieces, piece{feat: pc.feat, pts: seg})
			k.pbound = append(k.pbound, orb.LineString(seg).Bound())
		}
	}
}

// nearest returns the kind's feature nearest to p among those keep
// accepts (all when keep is nil) if closer than best: 0
// for an area containing p, else the closest piece found by searching the
// grid ring by ring outward from p's cell, until no unvisited cell can
// hold anything closer.
func (k *kindIndex) nearest(p orb.Point, best float64, keep func(*data.OSMFeature) bool) (*data.OSMFeature, float64, bool) {
	for j, b := range k.abound {
		if b.Contains(p) && k.apip[j].contains(p) && (keep == nil || keep(k.feats[k.areas[j]])) {
			return k.feats[k.areas[j]], 0, true
		}
	}
	g := k.grid
	found := int32(-1)
	cosLat := math.Cos(p[1] * math.Pi / 180)
	check := func(i int32) {
		pc := &k.pieces[i]
		if keep != nil && !keep(k.feats[pc.feat]) {
			return
		}
		var d float64
		if pc.pts == nil {
			q := k.feats[pc.feat].Point
			// Cheap planar estimate first; the exact great-circle distance
			// only for candidates that may beat best.
			dx, dy := (q[0]-p[0])*cosLat*metresPerDegree, (q[1]-p[1])*metresPerDegree
			if e := dx*dx + dy*dy; e > best*best*1.05+1 {
				return
			}
			d = geo.Distance(p, q)
		} else {
			if boundDistance(k.pbound[i], p, cosLat) > best {
				return
			}
			d = lineDistance(pc.pts, p, cosLat)
		}
		if d < best || (found < 0 && d == best) {
			best, found = d, pc.feat
		}
	}
	for _, i := range g.big {
		if boundDistance(k.pbound[i], p, cosLat) <= best {
			check(i)
		}
	}
	cx := int(math.Floor((p[0] - g.bound.Min[0]) / g.cell))
	cy := int(math.Floor((p[1] - g.bound.Min[1]) / g.cell))
	// The query point may lie outside the grid: start at the ring that
	// first touches it.
	r0 := max(0, -cx, -cy, cx-(g.nx-1), cy-(g.ny-1))
	rmax := max(cx, cy, g.nx-1-cx, g.ny-1-cy)
	visit := func(x, y int) {
		for _, i := range g.cellItems(x, y) {
			check(i)
		}
	}
	for r := r0; r <= rmax; r++ {
		// Cells of ring r are at least r-1 cells away from p; a cell is at
		// least cellM metres wide in both directions up to that ring.
		lat := math.Min(math.Abs(p[1])+float64(r)*g.cell, 89.9)
		cellM := g.cell * metresPerDegree * math.Cos(lat*math.Pi/180)
		if float64(r-1)*cellM > best {
			break
		}
		if r == 0 {
			visit(cx, cy)
			continue
		}
		for x := cx - r; x <= cx+r; x++ {
			visit(x, cy-r)
			visit(x, cy+r)
		}
		for y := cy - r + 1; y <= cy+r-1; y++ {
			visit(cx-r, y)
			visit(cx+r, y)
		}
	}
	if found < 0 {
		return nil, best, false
	}
	return k.feats[found], best, true
}

// distanceTo returns the distance in metres from p to f: great-circle to
// points, and in a local equirectangular projection around p to lines and
// area boundaries (0 inside an area).
func distanceTo(f *data.OSMFeature, p orb.Point, cosLat float64) float64 {
	switch g := f.Geometry.(type) {
	case orb.LineString:
		return lineDistance(g, p, cosLat)
	case orb.Polygon:
		if planar.PolygonContains(g, p) {
			return 0
		}
		d := math.Inf(1)
		for _, r := range g {
			d = math.Min(d, lineDistance(orb.LineString(r), p, cosLat))
		}
		return d
	case orb.MultiPolygon:
		d := math.Inf(1)
		for _, poly := range g {
			if planar.PolygonContains(poly, p) {
				return 0
			}
			for _, r := range poly {
				d = math.Min(d, lineDistance(orb.LineString(r), p, cosLat))
			}
		}
		return d
	}
	return geo.Distance(p, f.Point)
}

// lineDistance is the distance in metres from p to the closest segment of
// ls, in a local projection centred on p.
func lineDistance(ls orb.LineString, p orb.Point, cosLat float64) float64 {
	sx := cosLat * metresPerDegree
	best := math.Inf(1)
	for i := range ls {
		ax, ay := (ls[i][0]-p[0])*sx, (ls[i][1]-p[1])*metresPerDegree
		if i == 0 {
			best = ax*ax + ay*ay
			continue
		}
		bx, by := (ls[i-1][0]-p[0])*sx, (ls[i-1][1]-p[1])*metresPerDegree
		dx, dy := ax-bx, ay-by
		t := 0.0
		if l := dx*dx + dy*dy; l > 0 {
			t = math.Max(0, math.Min(1, -(bx*dx+by*dy)/l))
		}
		x, y := bx+t*dx, by+t*dy
		best = math.Min(best, x*x+y*y)
	}
	return math.Sqrt(best)
}

// boundDistance is a lower bound in metres of the distance from p to
// anything inside b.
func boundDistance(b orb.Bound, p orb.Point, cosLat float64) float64 {
	dx := math.Max(0, math.Max(b.Min[0]-p[0], p[0]-b.Max[0])) * cosLat * metresPerDegree
	dy := math.Max(0, math.Max(b.Min[1]-p[1], p[1]-b.Max[1])) * metresPerDegree
	return math.Hypot(dx, dy) * 0.99
}

// Regions returns the region areas of the extract (administrative areas,
// neighbourhoods, informal settlements, place areas, hazard zones), in
// extract order. The features are shared: callers must not change them.
func (ix *Index) Regions() []*data.OSMFeature {
	out := make([]*data.OSMFeature, len(ix.regions))
	for i, j := range ix.regions {
		out[i] = ix.all[j]
	}
	return out
}

// Containing returns the region areas (administrative areas,
// neighbourhoods, informal settlements, place areas, hazard zones) that
// contain p, largest first, so that the administrative hierarchy reads
// from country down to neighbourhood. It returns nil when p is in none.
func (ix *Index) Containing(p orb.Point) []*data.OSMFeature {
	var out []*data.OSMFeature
	for j, b := range ix.rbounds {
		if !b.Contains(p) {
			continue
		}
		if ix.rpip[j].contains(p) {
			out = append(out, ix.all[ix.regions[j]])
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].AreaM2 > out[j].AreaM2 })
	return out
}

// nearestNaive is the linear-scan baseline for Nearest, for tests and
// benchmarks.
func (ix *Index) nearestNaive(p orb.Point, filter func(data.FeatureKind) bool, maxDist float64) (Hit, bool) {
	best := math.Inf(1)
	if maxDist > 0 {
		best = maxDist
	}
	var found *data.OSMFeature
	cosLat := math.Cos(p[1] * math.Pi / 180)
	for _, f := range ix.all {
		if filter != nil && !filter(f.Kind) {
			continue
		}
		if d := distanceTo(f, p, cosLat); d < best || (found == nil && d == best) {
			best, found = d, f
		}
	}
	return Hit{Feature: found, DistanceM: best}, found != nil
}
