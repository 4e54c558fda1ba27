package mapping

import (
	"fmt"

	"github.com/mtaa-project/mtaa/data"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/osm"
)

// Warning reasons counted in Stats.Warnings.
const (
	WarnWayMissingNodes      = "way_missing_nodes"
	WarnRelationMissingWays  = "relation_missing_ways"
	WarnRelationMissingNodes = "relation_missing_nodes"
	WarnRelationUnclosable   = "relation_unclosable"
)

// maxExamples is how many element refs are kept per warning reason.
const maxExamples = 5

// Stats counts what an import read, built and skipped.
type Stats struct {
	Nodes, Ways, Relations int64
	// Areas is the number of area features built (closed ways and
	// multipolygons), Multipolygons those assembled from relations.
	Areas, Multipolygons int
	// Names is the number of name tags stored.
	Names int
	// Warnings counts skipped elements per reason (the Warn* constants);
	// Examples holds the first few element refs for each reason.
	Warnings map[string]int
	Examples map[string][]string
}

func (s *Stats) warn(reason, ref string) {
	if s.Warnings == nil {
		s.Warnings = make(map[string]int)
		s.Examples = make(map[string][]string)
	}
	s.Warnings[reason]++
	if len(s.Examples[reason]) < maxExamples {
		s.Examples[reason] = append(s.Examples[reason], ref)
	}
}

// extractor turns a stream of OSM objects into features. Nodes and tagged
// ways become features as they stream past (ways whose nodes have not been
// seen yet are retried at the end); multipolygon and boundary relations
// are kept and assembled at the end, when every way has been seen.
type extractor struct {
	nodes     *nodeIndex
	ways      *wayRefs
	deferred  []*osm.Way
	relations []*osm.Relation
	emit      func(*data.OSMFeature) error
	stats     Stats
	refs      []int64
}

// newExtractor returns an extractor sending features to emit; nodeHint is
// the expected number of nodes (0 if unknown).
func newExtractor(emit func(*data.OSMFeature) error, nodeHint int) *extractor {
	return &extractor{nodes: newNodeIndex(nodeHint), ways: newWayRefs(), emit: emit}
}

// add handles one object from the scanner.
func (x *extractor) add(o osm.Object) error {
	switch o := o.(type) {
	case *osm.Node:
		x.stats.Nodes++
		return x.node(o)
	case *osm.Way:
		x.stats.Ways++
		return x.way(o, false)
	case *osm.Relation:
		x.stats.Relations++
		x.relation(o)
	}
	return nil
}

func (x *extractor) node(n *osm.Node) error {
	x.nodes.add(int64(n.ID), n.Lon, n.Lat)
	if len(n.Tags) == 0 {
		return nil
	}
	t := readTags(n.Tags)
	selected := false
	for i := range rules {
		r := &rules[i]
		if r.mode != modePoint || r.fallback() && selected {
			continue
		}
		if class := r.match(&t, false); class != "" {
			selected = selected || r.selects()
			f := x.feature(r.kind, class, data.OSMNode, int64(n.ID), n.Tags)
			f.Point = orb.Point{n.Lon, n.Lat}
			if err := x.send(f); err != nil {
				return err
			}
		}
	}
	return nil
}

func (x *extractor) feature(kind data.FeatureKind, class string, typ data.OSMType, id int64, tags osm.Tags) *data.OSMFeature {
	f := &data.OSMFeature{Kind: kind, Class: class, OSMType: typ, OSMID: id}
	f.Names, f.Tags = splitTags(tags, kind)
	return f
}

func (x *extractor) send(f *data.OSMFeature) error {
	x.stats.Names += len(f.Names)
	switch f.Geometry.(type) {
	case orb.Polygon, orb.MultiPolygon:
		x.stats.Areas++
		if f.OSMType == data.OSMRelation {
			x.stats.Multipolygons++
		}
	}
	return x.emit(f)
}

// way handles a way; retry is true in the final pass over deferred ways.
func (x *extractor) way(w *osm.Way, retry bool) error {
	x.refs = x.refs[:0]
	for _, wn := range w.Nodes {
		x.refs = append(x.refs, int64(wn.ID))
	}
	if !retry {
		x.ways.add(int64(w.ID), x.refs)
	}
	if len(w.Tags) == 0 || len(w.Nodes) < 2 {
		return nil
	}
	t := readTags(w.Tags)
	closed := len(w.Nodes) >= 4 && w.Nodes[0].ID == w.Nodes[len(w.Nodes)-1].ID
	isArea := closed && t.area != "no"
	var kinds [len(rules)]string
	matched, lines, areas, selected := false, false, false, false
	for i := range rules {
		r := &rules[i]
		if (r.mode == modeArea || r.mode == modeLean) && !isArea || r.fallback() && (selected || !isArea) {
			continue
		}
		if c := r.match(&t, isArea); c != "" {
			kinds[i], matched = c, true
			selected = selected || r.selects()
			lines = lines || r.mode == modeLine
			areas = areas || (isArea && r.mode != modeLine)
		}
	}
	if !matched {
		return nil
	}
	pts, miss := x.nodes.line(make([]orb.Point, 0, len(x.refs)), x.refs)
	if miss >= 0 {
		if !retry {
			x.deferred = append(x.deferred, w)
			return nil
		}
		x.stats.warn(WarnWayMissingNodes, fmt.Sprintf("way/%d (node/%d)", w.ID, x.refs[miss]))
		return nil
	}
	var poly orb.Polygon
	var polyPoint orb.Point
	var polyArea float64
	if areas {
		r := orb.Ring(pts)
		if lines { // orient must not reverse the line's direction (oneway)
			r = append(orb.Ring(nil), pts...)
		}
		orient(r, true)
		poly = orb.Polygon{r}
		polyPoint = pointOnSurface(poly)
		polyArea = geo.Area(poly)
	}
	for i, class := range kinds {
		if class == "" {
			continue
		}
		r := &rules[i]
		f := x.feature(r.kind, class, data.OSMWay, int64(w.ID), w.Tags)
		switch {
		case r.mode == modeLine || (r.mode == modePoint && !isArea):
			f.Geometry = orb.LineString(pts)
			f.Point = linePoint(pts)
		case r.mode == modeLean:
			f.Geometry, f.Point, f.AreaM2 = poly, centroid(poly), polyArea
		default:
			f.Geometry, f.Point, f.AreaM2 = poly, polyPoint, polyArea
		}
		if err := x.send(f); err != nil {
			return err
		}
	}
	return nil
}

func (x *extractor) relation(r *osm.Relation) {
	if len(r.Tags) == 0 {
		return
	}
	t := readTags(r.Tags)
	if t.typ != "multipolygon" && t.typ != "boundary" {
		return
	}
	for i := range rules {
		if rules[i].mode != modeLine && rules[i].match(&t, true) != "" {
			x.relations = append(x.relations, r)
			return
		}
	}
}

// elements returns the number of nodes, ways and relations read so far.
func (x *extractor) elements() int64 {
	return x.stats.Nodes + x.stats.Ways + x.stats.Relations
}

// finish retries the deferred ways and assembles the kept relations.
func (x *extractor) finish() error {
	x.nodes.sort()
	for _, w := range x.deferred {
		if err := x.way(w, true); err != nil {
			return err
		}
	}
	x.deferred = nil
	for _, r := range x.relations {
		if err := x.assembleRelation(r); err != nil {
			return err
		}
	}
	x.relations = nil
	return nil
}

func (x *extractor) assembleRelation(r *osm.Relation) error {
	ref := fmt.Sprintf("relation/%d", r.ID)
	var members []memberWay
	seen := make(map[int64]bool, len(r.Members))
	for _, m := range r.Members {
		if m.Type != osm.TypeWay || (m.Role != "" && m.Role != "outer" && m.Role != "inner") || seen[m.Ref] {
			continue
		}
		seen[m.Ref] = true
		refs, ok := x.ways.get(nil, m.Ref)
		if !ok {
			x.stats.warn(WarnRelationMissingWays, fmt.Sprintf("%s (way/%d)", ref, m.Ref))
			return nil
		}
		pts, miss := x.nodes.line(make([]orb.Point, 0, len(refs)), refs)
		if miss >= 0 {
			x.stats.warn(WarnRelationMissingNodes, fmt.Sprintf("%s (way/%d node/%d)", ref, m.Ref, refs[miss]))
			return nil
		}
		members = append(members, memberWay{id: m.Ref, refs: refs, pts: pts})
	}
	g, err := assemble(members)
	if err != nil {
		x.stats.warn(WarnRelationUnclosable, fmt.Sprintf("%s (%v)", ref, err))
		return nil
	}
	t := readTags(r.Tags)
	area := geo.Area(g)
	point := areaPoint(g)
	selected := false
	for i := range rules {
		rl := &rules[i]
		if rl.mode == modeLine || rl.fallback() && selected {
			continue
		}
		class := rl.match(&t, true)
		if class == "" {
			continue
		}
		selected = selected || rl.selects()
		f := x.feature(rl.kind, class, data.OSMRelation, int64(r.ID), r.Tags)
		f.AreaM2 = area
		if rl.mode == modeLean {
			f.Geometry, f.Point = g, centroid(g)
		} else {
			f.Geometry, f.Point = g, point
		}
		if err := x.send(f); err != nil {
			return err
		}
	}
	return nil
}
