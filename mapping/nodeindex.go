package mapping

import (
	"cmp"
	"math"
	"slices"
	"sort"

	"github.com/paulmach/orb"
)

// nodeIndex maps node ids to locations: a sorted slice of ids and a
// parallel slice of int32 fixed-point (1e-7°) lon/lat pairs, about 16 bytes
// a node. Nodes in a PBF come sorted, so adding is an append; out-of-order
// ids (hand-written XML) are sorted lazily before the next lookup.
type nodeIndex struct {
	ids    []int64
	coords []int32 // lon, lat, lon, lat, ...
	sorted bool
}

// newNodeIndex returns an index with room for about hint nodes.
func newNodeIndex(hint int) *nodeIndex {
	hint = min(max(hint, 0), 1<<27)
	return &nodeIndex{ids: make([]int64, 0, hint), coords: make([]int32, 0, 2*hint), sorted: true}
}

func (x *nodeIndex) add(id int64, lon, lat float64) {
	if n := len(x.ids); n > 0 && id <= x.ids[n-1] {
		x.sorted = false
	}
	x.ids = append(x.ids, id)
	x.coords = append(x.coords, int32(math.Round(lon*1e7)), int32(math.Round(lat*1e7)))
}

func (x *nodeIndex) len() int {
	return len(x.ids)
}

// sort orders the index by id; of duplicate ids the last added wins.
func (x *nodeIndex) sort() {
	if x.sorted || x.mergeRuns() {
		return
	}
	perm := make([]int, len(x.ids))
	for i := range perm {
		perm[i] = i
	}
	sort.SliceStable(perm, func(a, b int) bool { return x.ids[perm[a]] < x.ids[perm[b]] })
	ids := make([]int64, 0, len(x.ids))
	coords := make([]int32, 0, len(x.coords))
	for _, p := range perm {
		if n := len(ids); n > 0 && ids[n-1] == x.ids[p] {
			coords[2*n-2], coords[2*n-1] = x.coords[2*p], x.coords[2*p+1]
			continue
		}
		ids = append(ids, x.ids[p])
		coords = append(coords, x.coords[2*p], x.coords[2*p+1])
	}
	x.ids, x.coords, x.sorted = ids, coords, true
}

// get returns the location of node id.
func (x *nodeIndex) get(id int64) (orb.Point, bool) {
	x.sort()
	return x.lookup(id)
}

func (x *nodeIndex) lookup(id int64) (orb.Point, bool) {
	i, ok := slices.BinarySearch(x.ids, id)
	if !ok {
		return orb.Point{}, false
	}
	return orb.Point{float64(x.coords[2*i]) / 1e7, float64(x.coords[2*i+1]) / 1e7}, true
}

// line resolves refs into dst. It returns the index of the first missing
// node, or -1 when all were found.
func (x *nodeIndex) line(dst []orb.Point, refs []int64) ([]orb.Point, int) {
	x.sort()
	for i, id := range refs {
		p, ok := x.lookup(id)
		if !ok {
			return dst, i
		}
		dst = append(dst, p)
	}
	return dst, -1
}

// mergeRuns handles a common unsorted case cheaply: the index is a few
// sorted runs with disjoint id ranges (files concatenated, or blocks
// written out of order). It orders the runs by first id and
// concatenates them, and reports false, changing nothing, when the runs
// overlap or are too many.
func (x *nodeIndex) mergeRuns() bool {
	type run struct{ start, end int }
	var runs []run
	start := 0
	for i := 1; i <= len(x.ids); i++ {
		if i == len(x.ids) || x.ids[i] <= x.ids[i-1] {
			runs = append(runs, run{start, i})
			start = i
			if len(runs) > 1<<16 {
				return false
			}
		}
	}
	slices.SortFunc(runs, func(a, b run) int { return cmp.Compare(x.ids[a.start], x.ids[b.start]) })
	for k := 1; k < len(runs); k++ {
		if x.ids[runs[k-1].end-1] >= x.ids[runs[k].start] {
			return false
		}
	}
	ids := make([]int64, 0, len(x.ids))
	coords := make([]int32, 0, len(x.coords))
	for _, r := range runs {
		ids = append(ids, x.ids[r.start:r.end]...)
		coords = append(coords, x.coords[2*r.start:2*r.end]...)
	}
	x.ids, x.coords, x.sorted = ids, coords, true
	return true
}
