package mapping

import (
	"encoding/binary"
	"slices"
	"sort"
)

// wayRefs keeps the node refs of every way, so that multipolygon relations
// can be assembled after the ways have streamed past (and whatever order
// the members come in). Refs are delta-varint encoded in one byte slice:
// about 2-3 bytes a ref.
type wayRefs struct {
	ids    []int64
	offs   []uint32 // start of each way's refs in blob; way i ends at offs[i+1] or len(blob)
	blob   []byte
	sorted bool
}

func newWayRefs() *wayRefs { return &wayRefs{sorted: true} }

func (w *wayRefs) add(id int64, refs []int64) {
	if n := len(w.ids); n > 0 && id <= w.ids[n-1] {
		w.sorted = false
	}
	w.ids = append(w.ids, id)
	w.offs = append(w.offs, uint32(len(w.blob)))
	w.blob = binary.AppendUvarint(w.blob, uint64(len(refs)))
	prev := int64(0)
	for _, r := range refs {
		w.blob = binary.AppendVarint(w.blob, r-prev)
		prev = r
	}
}

func (w *wayRefs) sort() {
	if w.sorted {
		return
	}
	perm := make([]int, len(w.ids))
	for i := range perm {
		perm[i] = i
	}
	sort.SliceStable(perm, func(a, b int) bool { return w.ids[perm[a]] < w.ids[perm[b]] })
	ids := make([]int64, len(perm))
	offs := make([]uint32, len(perm))
	for i, p := range perm {
		ids[i], offs[i] = w.ids[p], w.offs[p]
	}
	w.ids, w.offs, w.sorted = ids, offs, true
}

// get appends the refs of way id to dst.
func (w *wayRefs) get(dst []int64, id int64) ([]int64, bool) {
	w.sort()
	i, ok := slices.BinarySearch(w.ids, id)
	if !ok {
		return dst, false
	}
	b := w.blob[w.offs[i]:]
	n, k := binary.Uvarint(b)
	b = b[k:]
	prev := int64(0)
	for ; n > 0; n-- {
		d, k := binary.Varint(b)
		b = b[k:]
		prev += d
		dst = append(dst, prev)
	}
	return dst, true
}
