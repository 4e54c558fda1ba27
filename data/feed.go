package data

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Several servers on one database (Options.Shared): each keeps its own
// in-memory index and event watchers, which its own writes update when
// they commit. The others' writes reach it through the engine's change
// feed (package pgkv: the keys each committed transaction wrote, in commit
// order), which the caller hands to ApplyChanges: it re-reads the changed
// report records and publishes them as if committed here. Its own writes
// come back through the feed too; the store remembers each record it wrote
// (a hash of its bytes, by id, noted inside the write transaction, so
// before the feed can bring it back) and skips them. A record moved by the
// stager from bucketIncoming to its place keeps its bytes and is skipped
// too when the index already says the same.

// ChangedKey is one key written by a committed transaction of any server,
// from the engine's change feed: the bucket's path from the top level and
// the key (nil when the whole bucket went).
type ChangedKey struct {
	Bucket [][]byte
	Key    []byte
}

// ownWrites are the report records this process wrote and the feed has
// not brought back yet: id → hash of the record. A nil *ownWrites (a store
// alone on its database) notes nothing.
type ownWrites struct {
	mu   sync.Mutex
	seed maphash.Seed
	ids  map[uint64]uint64
}

// maxOwnWrites bounds ownWrites when the feed is not followed: past it the
// notes are dropped (the feed then announces those writes again, as
// updates: harmless).
const maxOwnWrites = 1 << 20

func (o *ownWrites) hash(rec []byte) uint64 { return maphash.Bytes(o.seed, rec) }

// note remembers that this process wrote rec as the record of id.
func (o *ownWrites) note(id uint64, rec []byte) {
	if o == nil {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.seed == (maphash.Seed{}) {
		o.seed = maphash.MakeSeed()
	}
	if len(o.ids) >= maxOwnWrites {
		clear(o.ids)
	}
	o.ids[id] = o.hash(rec)
}

// mine reports whether rec is what this process last wrote as id's
// record, forgetting the note when it is.
func (o *ownWrites) mine(id uint64, rec []byte) bool {
	if o == nil {
		return false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	h, ok := o.ids[id]
	if !ok || o.seed == (maphash.Seed{}) || h != o.hash(rec) {
		return false
	}
	delete(o.ids, id)
	return true
}

// ApplyChanges brings the in-memory index, the records in memory
// (memory_records.go) and the watchers up to date with changes written
// by other servers: each report record among the changed keys is read
// again and published as new (ReportCreated) or changed (ReportUpdated),
// unless this process wrote it or the index already holds it as it is;
// changed public texts are read again too. Other keys are ignored. It
// returns how many reports it published. Changes must be handed over in
// commit order; a change handed twice (the feed may repeat a few after a
// restart) is published again as an update.
func (s *Store) ApplyChanges(changes []ChangedKey) (int, error) {
	// >> Which reports, and where their records may be.
	type where struct {
		keys  [][]byte // keys in bucketReports
		moved bool     // its staged copy in bucketIncoming changed too
	}
	byID := map[uint64]*where{}
	var texts []uint64 // reports whose public text changed, for the records in memory
	at := func(id uint64) *where {
		w := byID[id]
		if w == nil {
			w = &where{}
			byID[id] = w
		}
		return w
	}
	for _, c := range changes {
		if len(c.Bucket) != 1 || c.Key == nil {
			continue
		}
		switch {
		case bytes.Equal(c.Bucket[0], bucketPublicText):
			s.publicTexts.Add(1) // reads must look the texts up now
			if s.mem != nil && len(c.Key) == 8 {
				texts = append(texts, binary.BigEndian.Uint64(c.Key))
			}
		case bytes.Equal(c.Bucket[0], bucketReports) && len(c.Key) == recordKeyLen:
			w := at(keyID(c.Key))
			w.keys = append(w.keys, bytes.Clone(c.Key))
		case bytes.Equal(c.Bucket[0], bucketIncoming) && len(c.Key) == 8:
			at(binary.BigEndian.Uint64(c.Key)).moved = true
		case bytes.Equal(c.Bucket[0], rateLimits.name):
			s.rates.note(string(c.Key)) // a bucket TokenLevel must read now
		}
	}
	if len(byID) == 0 && len(texts) == 0 {
		return 0, nil
	}
	ids := make([]uint64, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	// >> Read the records as they are now.
	type found struct {
		sum    summary
		report Report
		rec    []byte
		moved  bool
	}
	var todo []found
	type text struct {
		id   uint64
		text []byte // nil: removed
	}
	var textsNow []text
	// One query per bucket (kv.Bucket.GetMany), not one per key: the feed
	// may bring thousands of keys at once.
	var keys [][]byte                  // every report's changed keys, report after report
	from := make([]int, 0, len(ids)+1) // report i's keys are keys[from[i]:from[i+1]]
	for _, id := range ids {
		from = append(from, len(keys))
		keys = append(keys, byID[id].keys...)
	}
	from = append(from, len(keys))
	err := s.db.View(func(tx kv.Tx) error {
		var placed [][]byte // the records at keys
		if len(keys) > 0 {
			placed = tx.Bucket(bucketReports).GetMany(keys)
		}
		// A report's record is the first that a lookup of each of its keys
		// wherever it is (getRecordBytes) finds: at its first key, else
		// staged (by id), else at a later key. The staged copy is read
		// only where the first key has none.
		recs := make([][]byte, len(ids))
		var stagedIDs [][]byte
		var stagedOf []int // index in ids
		for i, id := range ids {
			if from[i] < from[i+1] {
				recs[i] = placed[from[i]]
			}
			if recs[i] == nil {
				stagedIDs, stagedOf = append(stagedIDs, idKey(id)), append(stagedOf, i)
			}
		}
		if in := tx.Bucket(bucketIncoming); in != nil && len(stagedIDs) > 0 {
			for j, r := range in.GetMany(stagedIDs) {
				recs[stagedOf[j]] = r
			}
		}
		for i := range ids {
			for k := from[i] + 1; recs[i] == nil && k < from[i+1]; k++ {
				recs[i] = placed[k]
			}
		}

		// The public texts that changed, and those of the records read.
		textIDs := slices.Clip(texts)          // appends must not write into texts
		withTexts := s.publicTexts.Load() != 0 // loadPublicText's test
		if withTexts {
			for i, id := range ids {
				if recs[i] != nil {
					textIDs = append(textIDs, id)
				}
			}
		}
		var textVals [][]byte
		if pt := tx.Bucket(bucketPublicText); pt != nil && len(textIDs) > 0 {
			tk := make([][]byte, len(textIDs))
			for i, id := range textIDs {
				tk[i] = idKey(id)
			}
			textVals = pt.GetMany(tk)
		}
		textOf := func(i int) []byte {
			if textVals == nil {
				return nil
			}
			return textVals[i]
		}
		for i, id := range texts {
			textsNow = append(textsNow, text{id: id, text: bytes.Clone(textOf(i))})
		}

		ti := len(texts)
		for i, id := range ids {
			rec := recs[i]
			if rec == nil {
				continue // gone or moved on
			}
			var t []byte
			if withTexts {
				t = textOf(ti)
				ti++
			}
			if s.own.mine(id, rec) {
				continue // written here (published then)
			}
			sum, err := summaryOfStored(id, rec)
			if err != nil {
				return err
			}
			sum.needs = bytes.Clone(sum.needs) // it pointed into the transaction
			v, err := viewStored(id, rec)
			if err != nil {
				return err
			}
			if t != nil {
				v.publicText, v.hasPublicText = t, true
			}
			f := found{sum: sum, report: v.fullReport(), moved: byID[id].moved && len(byID[id].keys) > 0}
			if s.mem != nil {
				f.rec = bytes.Clone(rec)
			}
			todo = append(todo, f)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("apply changes: %w", err)
	}

	// >> Publish.
	for _, t := range textsNow {
		s.mem.setText(t.id, t.text)
	}
	n := 0
	for _, f := range todo {
		s.mem.put(f.sum.id, f.rec) // first: a reader that finds the id finds its record
		switch known, same := s.index.holds(f.sum); {
		case !known:
			s.index.add(f.sum)
			s.watch.notify(Change{Kind: ReportCreated, Report: f.report})
		case same && f.moved:
			continue // the stager moved it: nothing changed
		default:
			s.index.replace(f.sum)
			s.watch.notify(Change{Kind: ReportUpdated, Report: f.report})
		}
		n++
	}
	return n, nil
}

// holds reports whether the index has a row for s.id and whether it says
// what s says (position, time, category, status, flags, needs).
func (x *reportIndex) holds(s summary) (known, same bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	i, ok := x.findLocked(s.id)
	if !ok {
		return false, false
	}
	r := x.rows[i]
	want := x.rowOf(s)
	if r.lon != want.lon || r.lat != want.lat || r.observed != want.observed || r.cat != want.cat ||
		r.status != want.status || r.bits&rowNotInOSM != want.bits&rowNotInOSM {
		return true, false
	}
	sp, multi := x.needs[s.id]
	switch {
	case s.nNeeds == 0:
		return true, !multi
	case !multi:
		return true, false
	}
	// The other needs as setNeedsLocked would list them.
	var other []uint16
	unknown := false
	eachStr(s.needs, s.nNeeds, func(n []byte) {
		c, ok := x.catIdx[string(n)]
		switch {
		case !ok:
			unknown = true
		case c != want.cat && !slices.Contains(other, c):
			other = append(other, c)
		}
	})
	return true, !unknown && slices.Equal(x.otherNeeds[sp.start:sp.start+sp.n], other)
}

// insertLocked puts row r of summary s at its place in id order: the rows
// after it move up by one, in rows and in the quadtree (those committed
// while r's report was on its way from another server: a few, or many
// when this server follows the feed late).
func (x *reportIndex) insertLocked(r row, s summary) {
	p, _ := slices.BinarySearchFunc(x.rows, r.id, func(a row, id uint64) int { return cmpUint(a.id, id) })
	if s.nNeeds > 0 {
		x.setNeedsLocked(&r, s.needs, s.nNeeds)
	}
	x.extendLocked(r)
	x.tree.shiftFrom(int32(p), x.rows[p:])
	x.rows = slices.Insert(x.rows, p, r)
	x.tree.insert(int32(p), orb.Point{r.lon, r.lat}, 0)
}

// shiftFrom adds one to every item numbered from p or more, which are the
// rows after (from p on), in one pass over each leaf holding any of them.
// Renumbering them one by one cost a pass over the leaf for each: with
// reports at one point (a leaf at maxDepth holding them all: the cluster
// crash test's) a server 1,000 reports behind took ~100 ms per report
// learnt from another server, fell further behind and never caught up.
func (n *quadNode) shiftFrom(p int32, after []row) {
	if len(after) == 0 {
		return
	}
	leaves := make(map[*quadNode]struct{}, min(len(after), 64))
	for i, r := range after {
		if i > 0 && r.lon == after[i-1].lon && r.lat == after[i-1].lat {
			continue // the same leaf
		}
		leaves[n.leaf(orb.Point{r.lon, r.lat})] = struct{}{}
	}
	for l := range leaves {
		for k, it := range l.items {
			if it >= p {
				l.items[k] = it + 1
			}
		}
	}
}

// leaf returns the leaf of n that holds point p.
func (n *quadNode) leaf(p orb.Point) *quadNode {
	for n.kids != nil {
		n = &n.kids[n.quadrant(p)]
	}
	return n
}
