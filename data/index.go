package data

import (
	"slices"
	"sync"
	"time"

	"github.com/paulmach/orb"
)

// row is the in-memory summary of one report: enough to answer spatial,
// temporal and attribute filters without touching the disk.
type row struct {
	id       uint64
	lon, lat float64
	observed int64  // Unix seconds
	cat      uint16 // the main category
	status   uint8
	bits     uint8 // rowNotInOSM, rowMulti
}

// Bits of row.bits. rowMulti marks a report with several needs:
// reportIndex.needs holds the others. A report with one need has no state
// beyond its row.
const (
	rowNotInOSM uint8 = 1 << iota
	rowMulti
)

func rowBits(notInOSM bool) uint8 {
	if notInOSM {
		return rowNotInOSM
	}
	return 0
}

// reportIndex holds a row per report, sorted by id, and a bucket quadtree
// over their positions. It is rebuilt from the records at start-up.
type reportIndex struct {
	mu     sync.RWMutex
	rows   []row
	tree   quadNode
	cats   []string
	catIdx map[string]uint16
	// needs locates, by report id, the needs other than its main
	// category of each report whose row is rowMulti: they are in
	// otherNeeds (an update that lengthens the list appends it anew).
	needs      map[uint64]needSpan
	otherNeeds []uint16

	bound            orb.Bound
	minTime, maxTime int64
}

func newReportIndex() *reportIndex {
	return &reportIndex{
		tree:   quadNode{bound: orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}},
		catIdx: map[string]uint16{},
		needs:  map[uint64]needSpan{},
	}
}

func (x *reportIndex) internCategory(c string) uint16 {
	if i, ok := x.catIdx[c]; ok {
		return i
	}
	i := uint16(len(x.cats))
	x.cats = append(x.cats, c)
	x.catIdx[c] = i
	return i
}

func statusCode(s Status) uint8 { return uint8(indexOf(Statuses, s) + 1) }

// add inserts a report that was just committed. Ids arrive in increasing
// order because one committer assigns and commits them in sequence, except
// with several servers on one database, where a report of another server
// may be learnt after higher ids (insertLocked).
func (x *reportIndex) add(s summary) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.addLocked(s)
}

func (x *reportIndex) addLocked(s summary) {
	if x.appendLocked(s) {
		i := len(x.rows) - 1
		x.tree.insert(int32(i), orb.Point{x.rows[i].lon, x.rows[i].lat}, 0)
	}
}

// loadLocked adds a report at start-up, in any order of ids, without
// touching the quadtree; finishLoadLocked sorts the rows and indexes them
// all at once afterwards.
func (x *reportIndex) loadLocked(s summary) {
	r := x.rowOf(s)
	if s.nNeeds > 0 { // each id loads once: nothing to forget otherwise
		x.setNeedsLocked(&r, s.needs, s.nNeeds)
	}
	x.extendLocked(r)
	x.rows = append(x.rows, r)
}

// rowOf interns the main category of s and returns its row, without its
// other needs (setNeedsLocked).
func (x *reportIndex) rowOf(s summary) row {
	return row{id: s.id, lon: s.lon, lat: s.lat, observed: s.observed,
		cat: x.internCategory(s.category), status: statusCode(s.status), bits: rowBits(s.notInOSM)}
}

// needSpan is where a report's other needs are in reportIndex.otherNeeds.
type needSpan struct{ start, n uint32 }

// setNeedsLocked keeps the needs of r other than its main category; needs
// holds n of them, encoded as in the record.
func (x *reportIndex) setNeedsLocked(r *row, needs []byte, n int) {
	start := len(x.otherNeeds)
	d := recordReader{b: needs}
	for range n {
		name := d.str()
		c, ok := x.catIdx[string(name)] // no copy of a known name
		if !ok {
			c = x.internCategory(string(name))
		}
		if c != r.cat && !slices.Contains(x.otherNeeds[start:], c) {
			x.otherNeeds = append(x.otherNeeds, c)
		}
	}
	n = len(x.otherNeeds) - start
	multi := n > 0
	r.bits &^= rowMulti
	if multi {
		r.bits |= rowMulti
	}
	old, had := x.needs[r.id]
	switch {
	case had && n <= int(old.n):
		// An update or a new reconciliation of the report: its old place
		// holds the new list, and the slab does not grow.
		copy(x.otherNeeds[old.start:], x.otherNeeds[start:])
		x.otherNeeds = x.otherNeeds[:start]
		if multi {
			x.needs[r.id] = needSpan{start: old.start, n: uint32(n)}
		} else {
			delete(x.needs, r.id)
		}
	case multi:
		x.needs[r.id] = needSpan{start: uint32(start), n: uint32(n)}
	}
}

// finishLoadLocked sorts the loaded rows by id and builds the quadtree.
func (x *reportIndex) finishLoadLocked() {
	slices.SortFunc(x.rows, func(a, b row) int { return cmpUint(a.id, b.id) })
	x.buildTreeLocked()
}

// extendLocked grows the extent to cover r.
func (x *reportIndex) extendLocked(r row) {
	p := orb.Point{r.lon, r.lat}
	if len(x.rows) == 0 {
		x.bound = orb.Bound{Min: p, Max: p}
		x.minTime, x.maxTime = r.observed, r.observed
	} else {
		x.bound = x.bound.Extend(p)
		x.minTime = min(x.minTime, r.observed)
		x.maxTime = max(x.maxTime, r.observed)
	}
}

// key returns the record key of report id.
func (x *reportIndex) key(id uint64) ([]byte, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	i, ok := x.findLocked(id)
	if !ok {
		return nil, false
	}
	return recordKey(id, x.rows[i].lon, x.rows[i].lat), true
}

// keys returns the record keys of ids; an unknown id gets the zero key.
func (x *reportIndex) keys(ids []uint64) []cellKey {
	return x.keysInto(make([]cellKey, len(ids)), ids)
}

// keysInto is keys into out, which must have len(ids) elements; it
// overwrites every one of them.
func (x *reportIndex) keysInto(out []cellKey, ids []uint64) []cellKey {
	x.mu.RLock()
	defer x.mu.RUnlock()
	for j, id := range ids {
		out[j] = cellKey{} // id 0: gone (out may be reused)
		if i, ok := x.findLocked(id); ok {
			out[j] = cellKey{cell: cellCode(x.rows[i].lon, x.rows[i].lat), id: id}
		}
	}
	return out
}

// findLocked returns the position of the row of id. Ids are assigned
// densely from 1, so the row of id is nearly always at id-1; the binary
// search is the fallback.
func (x *reportIndex) findLocked(id uint64) (int, bool) {
	if i := id - 1; i < uint64(len(x.rows)) && x.rows[i].id == id {
		return int(i), true
	}
	return slices.BinarySearchFunc(x.rows, id, func(a row, id uint64) int { return cmpUint(a.id, id) })
}

// appendLocked appends the row of s, or updates the existing row of s.id,
// and reports whether it appended.
func (x *reportIndex) appendLocked(s summary) bool {
	r := x.rowOf(s)
	if n := len(x.rows); n > 0 && x.rows[n-1].id >= r.id {
		if _, ok := x.findLocked(r.id); !ok {
			x.insertLocked(r, s) // learnt late from another server (feed.go)
			return false
		}
		x.setNeedsLocked(&r, s.needs, s.nNeeds) // records or forgets
		x.replaceLocked(r)
		return false
	}
	if s.nNeeds > 0 { // a new id: nothing to forget otherwise
		x.setNeedsLocked(&r, s.needs, s.nNeeds)
	}
	x.extendLocked(r)
	x.rows = append(x.rows, r)
	return true
}

// buildTreeLocked rebuilds the quadtree over every row in one pass: the
// same tree as inserting the rows one by one (a node splits exactly when it
// holds more than leafCapacity points above maxDepth), several times
// faster and without the garbage of growing leaves.
func (x *reportIndex) buildTreeLocked() {
	items := make([]int32, len(x.rows))
	for i := range items {
		items[i] = int32(i)
	}
	x.tree = quadNode{bound: x.tree.bound}
	x.tree.build(items, make([]int32, len(items)), make([]orb.Point, len(items)), x.rows, 0)
}

// replaceLocked updates the row of an existing report in place (its
// attributes; positions are fixed once stored).
func (x *reportIndex) replaceLocked(r row) {
	i, ok := x.findLocked(r.id)
	if !ok {
		return
	}
	x.rows[i].cat, x.rows[i].status, x.rows[i].observed, x.rows[i].bits = r.cat, r.status, r.observed, r.bits
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Query selects reports. Zero fields do not filter.
type Query struct {
	// BBox keeps reports whose location lies inside it (edges included).
	BBox *orb.Bound
	// PublicPositions matches BBox against the points the public sees: a
	// report of a sensitive category by its generalised point
	// (privacy.go), so that a public query cannot narrow a box down to
	// the exact position. Staff queries and internal ones leave it false.
	PublicPositions bool
	// Start and End bound the observation time; either may be zero for an
	// open interval. Both ends are inclusive.
	Start, End time.Time
	// Categories keeps reports with any of these needs (main category or
	// another); with MainCategoryOnly, those whose main category is one
	// of them.
	Categories       []string
	MainCategoryOnly bool
	Statuses         []Status
	// NotInOSM keeps only reports flagged not_in_osm.
	NotInOSM bool
	Offset   int
	// Limit is the page size; 0 means no report ids are returned, only the
	// count.
	Limit int
}

// Page is the answer to a Query: the ids of one page, in increasing order,
// and how many reports matched in all.
type Page struct {
	IDs     []uint64
	Matched int
}

type filter struct {
	start, end int64
	anyCat     bool
	cats       []bool
	needs      map[uint64]needSpan // reportIndex.needs, for multi rows
	otherNeeds []uint16            // reportIndex.otherNeeds
	statuses   uint8               // bitmask of statusCode; 0 means any
	notInOSM   bool
}

func (x *reportIndex) compile(q Query) (filter, bool) {
	f := filter{start: -1 << 63, end: 1<<63 - 1, anyCat: len(q.Categories) == 0, notInOSM: q.NotInOSM}
	if !q.Start.IsZero() {
		f.start = q.Start.Unix()
	}
	if !q.End.IsZero() {
		f.end = q.End.Unix()
	}
	if !f.anyCat {
		if !q.MainCategoryOnly {
			f.needs, f.otherNeeds = x.needs, x.otherNeeds
		}
		f.cats = make([]bool, len(x.cats))
		found := false
		for _, c := range q.Categories {
			if i, ok := x.catIdx[c]; ok {
				f.cats[i] = true
				found = true
			}
		}
		if !found {
			return f, false
		}
	}
	for _, s := range q.Statuses {
		f.statuses |= 1 << statusCode(s)
	}
	return f, true
}

// all reports whether f keeps every row.
func (f *filter) all() bool {
	return f.start == -1<<63 && f.end == 1<<63-1 && f.anyCat && f.statuses == 0 && !f.notInOSM
}

func (f *filter) match(r *row) bool {
	return r.observed >= f.start && r.observed <= f.end &&
		(f.anyCat || f.cats[r.cat] || r.bits&rowMulti != 0 && f.otherNeed(r.id)) &&
		(f.statuses == 0 || f.statuses&(1<<r.status) != 0) &&
		(!f.notInOSM || r.bits&rowNotInOSM != 0)
}

// otherNeed reports whether a need of report id other than its main
// category is among f's categories.
func (f *filter) otherNeed(id uint64) bool {
	span := f.needs[id]
	for _, c := range f.otherNeeds[span.start : span.start+span.n] {
		if f.cats[c] {
			return true
		}
	}
	return false
}

func (x *reportIndex) find(q Query) Page {
	x.mu.RLock()
	defer x.mu.RUnlock()
	f, possible := x.compile(q)
	if !possible {
		return Page{}
	}
	var page Page
	keep := func(i int) {
		if page.Matched >= q.Offset && len(page.IDs) < q.Limit {
			page.IDs = append(page.IDs, x.rows[i].id)
		}
		page.Matched++
	}
	if q.BBox == nil {
		for i := range x.rows {
			if f.match(&x.rows[i]) {
				keep(i)
			}
		}
		return page
	}
	hits := make([]int32, 0, 256)
	if f.all() {
		// No filter but the box: the rows of the hits outside the page are
		// never read (each read is a cache miss in a large row array).
		x.tree.search(*q.BBox, func(i int32) { hits = append(hits, i) })
	} else {
		x.tree.search(*q.BBox, func(i int32) {
			if f.match(&x.rows[i]) {
				hits = append(hits, i)
			}
		})
	}
	slices.Sort(hits) // row order is id order
	for _, i := range hits {
		keep(int(i))
	}
	return page
}

// Extent is the spatial and temporal extent of the stored reports.
type Extent struct {
	Count      int
	Bound      orb.Bound
	Start, End time.Time
}

func (x *reportIndex) extent() Extent {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if len(x.rows) == 0 {
		return Extent{}
	}
	return Extent{Count: len(x.rows), Bound: x.bound,
		Start: time.Unix(x.minTime, 0).UTC(), End: time.Unix(x.maxTime, 0).UTC()}
}

// Bucket quadtree: a leaf holds up to leafCapacity points and splits into
// four quadrants when it overflows, down to maxDepth (where points at the
// very same spot simply accumulate).
const (
	leafCapacity = 64
	maxDepth     = 32
)

type quadNode struct {
	bound orb.Bound
	items []int32
	// pts are the positions of items (pts[k] is that of row items[k]):
	// a search reads them from one place instead of from rows scattered
	// over the row array, one cache miss each.
	pts  []orb.Point
	kids *[4]quadNode
}

func (n *quadNode) quadrant(p orb.Point) int {
	c := n.bound.Center()
	q := 0
	if p[0] >= c[0] {
		q |= 1
	}
	if p[1] >= c[1] {
		q |= 2
	}
	return q
}

// split returns the four quadrants of n, in quadrant() order.
func (n *quadNode) split() *[4]quadNode {
	c := n.bound.Center()
	lo, hi := n.bound.Min, n.bound.Max
	return &[4]quadNode{
		{bound: orb.Bound{Min: lo, Max: c}},
		{bound: orb.Bound{Min: orb.Point{c[0], lo[1]}, Max: orb.Point{hi[0], c[1]}}},
		{bound: orb.Bound{Min: orb.Point{lo[0], c[1]}, Max: orb.Point{c[0], hi[1]}}},
		{bound: orb.Bound{Min: c, Max: hi}},
	}
}

func (n *quadNode) insert(i int32, p orb.Point, depth int) {
	for n.kids != nil {
		n = &n.kids[n.quadrant(p)]
		depth++
	}
	n.items = append(n.items, i)
	n.pts = append(n.pts, p)
	if len(n.items) <= leafCapacity || depth >= maxDepth {
		return
	}
	n.kids = n.split()
	items, pts := n.items, n.pts
	n.items, n.pts = nil, nil
	for k, j := range items {
		n.kids[n.quadrant(pts[k])].insert(j, pts[k], depth+1)
	}
}

// build makes n the root of the subtree holding items. scratch and pts are
// as long as items. Leaves keep sub-slices of items and pts capped at their
// length, so that a later insert copies instead of overwriting a neighbour.
func (n *quadNode) build(items, scratch []int32, pts []orb.Point, rows []row, depth int) {
	if len(items) <= leafCapacity || depth >= maxDepth {
		if len(items) > 0 {
			for k, i := range items {
				pts[k] = orb.Point{rows[i].lon, rows[i].lat}
			}
			n.items = items[:len(items):len(items)]
			n.pts = pts[:len(items):len(items)]
		}
		return
	}
	n.kids = n.split()
	var count [4]int
	for _, i := range items {
		count[n.quadrant(orb.Point{rows[i].lon, rows[i].lat})]++
	}
	var start [5]int
	for q := range 4 {
		start[q+1] = start[q] + count[q]
	}
	at := start
	for _, i := range items {
		q := n.quadrant(orb.Point{rows[i].lon, rows[i].lat})
		scratch[at[q]] = i
		at[q]++
	}
	copy(items, scratch)
	for q := range 4 {
		n.kids[q].build(items[start[q]:start[q+1]], scratch[start[q]:start[q+1]], pts[start[q]:start[q+1]], rows, depth+1)
	}
}

func (n *quadNode) search(b orb.Bound, fn func(int32)) {
	if !n.bound.Intersects(b) {
		return
	}
	if n.kids != nil {
		for k := range n.kids {
			n.kids[k].search(b, fn)
		}
		return
	}
	if b.Contains(n.bound.Min) && b.Contains(n.bound.Max) {
		for _, i := range n.items {
			fn(i)
		}
		return
	}
	for k, p := range n.pts {
		if b.Contains(p) {
			fn(n.items[k])
		}
	}
}
