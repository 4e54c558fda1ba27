package mapping

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// errUnclosable means the member ways of a multipolygon do not join into
// closed rings.
var errUnclosable = errors.New("member ways do not form closed rings")

// memberWay is one way of a multipolygon, with its node ids (for joining
// ends exactly) and its points.
type memberWay struct {
	id   int64
	refs []int64
	pts  []orb.Point
}

// assemble builds the area of a multipolygon from its member ways: it joins
// ways end to end into closed rings, then classifies rings as outer or
// inner by containment (roles are often wrong, so they are not trusted):
// a ring inside an odd number of other rings is a hole of the smallest
// ring containing it. It returns an orb.Polygon for one shell, else an
// orb.MultiPolygon.
func assemble(ways []memberWay) (orb.Geometry, error) {
	rings, err := joinRings(ways)
	if err != nil {
		return nil, err
	}
	if len(rings) == 0 {
		return nil, fmt.Errorf("%w: no member ways", errUnclosable)
	}
	type ringInfo struct {
		r      orb.Ring
		area   float64
		bound  orb.Bound
		inside orb.Point
		parent int
		depth  int
	}
	info := make([]ringInfo, len(rings))
	for i, r := range rings {
		info[i] = ringInfo{r: r, area: math.Abs(planar.Area(r)), bound: r.Bound(), parent: -1}
		info[i].inside = pointOnSurface(orb.Polygon{r})
	}
	sort.SliceStable(info, func(i, j int) bool { return info[i].area > info[j].area })
	for i := range info {
		// The smallest larger ring that contains this one is its parent.
		for j := i - 1; j >= 0; j-- {
			if info[j].bound.Contains(info[i].inside) && planar.RingContains(info[j].r, info[i].inside) {
				info[i].parent, info[i].depth = j, info[j].depth+1
				break
			}
		}
	}
	shell := make(map[int]int) // ring index -> polygon index
	var mp orb.MultiPolygon
	for i := range info {
		if info[i].depth%2 == 0 {
			orient(info[i].r, true)
			shell[i] = len(mp)
			mp = append(mp, orb.Polygon{info[i].r})
		}
	}
	for i := range info {
		if info[i].depth%2 == 1 {
			orient(info[i].r, false)
			k := shell[info[i].parent]
			mp[k] = append(mp[k], info[i].r)
		}
	}
	if len(mp) == 1 {
		return mp[0], nil
	}
	return mp, nil
}

// joinRings joins member ways into closed rings by their end node ids.
func joinRings(ways []memberWay) ([]orb.Ring, error) {
	var rings []orb.Ring
	ends := make(map[int64][]int) // end node id -> open ways ending there
	used := make([]bool, len(ways))
	for i, w := range ways {
		if len(w.refs) < 2 {
			used[i] = true
			continue
		}
		if w.refs[0] == w.refs[len(w.refs)-1] {
			used[i] = true
			if len(w.refs) < 4 {
				return nil, fmt.Errorf("%w: way/%d is closed with fewer than 4 nodes", errUnclosable, w.id)
			}
			rings = append(rings, append(orb.Ring(nil), w.pts...))
			continue
		}
		ends[w.refs[0]] = append(ends[w.refs[0]], i)
		ends[w.refs[len(w.refs)-1]] = append(ends[w.refs[len(w.refs)-1]], i)
	}
	next := func(node int64) int {
		for _, i := range ends[node] {
			if !used[i] {
				return i
			}
		}
		return -1
	}
	for i, w := range ways {
		if used[i] {
			continue
		}
		used[i] = true
		first, last := w.refs[0], w.refs[len(w.refs)-1]
		ring := append(orb.Ring(nil), w.pts...)
		for last != first {
			j := next(last)
			if j < 0 {
				return nil, fmt.Errorf("%w: way/%d ends at node/%d, which no other member way continues", errUnclosable, w.id, last)
			}
			used[j] = true
			m := ways[j]
			if m.refs[0] == last {
				ring = append(ring, m.pts[1:]...)
				last = m.refs[len(m.refs)-1]
			} else {
				for k := len(m.pts) - 2; k >= 0; k-- {
					ring = append(ring, m.pts[k])
				}
				last = m.refs[0]
			}
		}
		if len(ring) < 4 {
			return nil, fmt.Errorf("%w: ring through way/%d has fewer than 4 nodes", errUnclosable, w.id)
		}
		rings = append(rings, ring)
	}
	return rings, nil
}
