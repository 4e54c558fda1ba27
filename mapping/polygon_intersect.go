package mapping

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// segment is one edge of a ring, for the crossing sweep.
type segment struct {
	a, b       orb.Point
	poly, ring int
	pos        int // index in the ring of a (b is the next distinct position)
	seq, n     int // position among the ring's n non-degenerate segments
	minX, maxX float64
}

// appendSegments adds the non-degenerate edges of r (repeated positions
// make no edge).
func appendSegments(segs []segment, r orb.Ring, poly, ring int) []segment {
	start := len(segs)
	for i := 0; i+1 < len(r); i++ {
		j := i + 1
		if r[i] == r[j] {
			continue
		}
		segs = append(segs, segment{a: r[i], b: r[j], poly: poly, ring: ring, pos: i, seq: len(segs) - start,
			minX: math.Min(r[i][0], r[j][0]), maxX: math.Max(r[i][0], r[j][0])})
	}
	for k := start; k < len(segs); k++ {
		segs[k].n = len(segs) - start
	}
	return segs
}

// firstCrossing finds two segments that cross, touch or overlap, other
// than neighbours of one ring meeting at their shared corner. It sweeps
// the segments in order of their western end, comparing each with those
// that overlap it in longitude.
func firstCrossing(segs []segment) (segment, segment, bool) {
	order := make([]int, len(segs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return segs[order[i]].minX < segs[order[j]].minX })
	for oi, i := range order {
		s := &segs[i]
		sMinY, sMaxY := math.Min(s.a[1], s.b[1]), math.Max(s.a[1], s.b[1])
		for _, j := range order[oi+1:] {
			t := &segs[j]
			if t.minX > s.maxX {
				break
			}
			if math.Max(t.a[1], t.b[1]) < sMinY || math.Min(t.a[1], t.b[1]) > sMaxY {
				continue
			}
			if segmentsMeet(s, t) {
				if i > j {
					return *t, *s, true
				}
				return *s, *t, true
			}
		}
	}
	return segment{}, segment{}, false
}

// segmentsMeet reports whether s and t share a point they should not:
// any common point, except for neighbouring edges of one ring, which may
// share their common corner but must not fold back onto each other.
func segmentsMeet(s, t *segment) bool {
	if s.poly == t.poly && s.ring == t.ring && s.n > 2 {
		next := func(x, y *segment) bool { return (x.seq+1)%x.n == y.seq }
		switch {
		case next(s, t): // s.b == t.a
			return foldsBack(s.b, s.a, t.b)
		case next(t, s): // t.b == s.a
			return foldsBack(s.a, s.b, t.a)
		}
	}
	a, b, c, d := s.a, s.b, t.a, t.b
	o1, o2 := turn(a, b, c), turn(a, b, d)
	o3, o4 := turn(c, d, a), turn(c, d, b)
	if o1*o2 < 0 && o3*o4 < 0 {
		return true
	}
	return (o1 == 0 && onSegment(a, b, c)) || (o2 == 0 && onSegment(a, b, d)) ||
		(o3 == 0 && onSegment(c, d, a)) || (o4 == 0 && onSegment(c, d, b))
}

// foldsBack reports whether the edges corner→u and corner→v lie on one
// line in the same direction, so that they overlap.
func foldsBack(corner, u, v orb.Point) bool {
	if turn(corner, u, v) != 0 {
		return false
	}
	return (u[0]-corner[0])*(v[0]-corner[0])+(u[1]-corner[1])*(v[1]-corner[1]) > 0
}

// turn is the sign of the turn a→b→c: 1 left, -1 right, 0 straight.
func turn(a, b, c orb.Point) float64 {
	v := (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// onSegment reports whether p, collinear with a and b, lies between them.
func onSegment(a, b, p orb.Point) bool {
	return math.Min(a[0], b[0]) <= p[0] && p[0] <= math.Max(a[0], b[0]) &&
		math.Min(a[1], b[1]) <= p[1] && p[1] <= math.Max(a[1], b[1])
}

// crossingError describes the crossing of a and b.
func crossingError(a, b segment, prefix func(int) string) error {
	field := fmt.Sprintf("%s[%d]", prefix(a.poly), a.ring)
	edge := func(s segment) string { return fmt.Sprintf("the edge from position %d", s.pos) }
	switch {
	case a.poly == b.poly && a.ring == b.ring:
		return invalidGeom(field, fmt.Sprintf("ring %d crosses or touches itself: %s meets %s", a.ring, edge(a), edge(b)))
	case a.poly == b.poly:
		return invalidGeom(field, fmt.Sprintf("rings %d and %d cross or touch: %s of ring %d meets %s of ring %d",
			a.ring, b.ring, edge(a), a.ring, edge(b), b.ring))
	}
	return invalidGeom(field, fmt.Sprintf("polygons %d and %d of the MultiPolygon cross or touch: %s of ring %d meets %s of polygon %d ring %d",
		a.poly, b.poly, edge(a), a.ring, edge(b), b.poly, b.ring))
}
