package data

import (
	"encoding/binary"
	"slices"
	"sync"
)

// Reports in memory, for engines without a memory-mapped file.
//
// On bbolt, reading the record of a report a box matched is a lookup in
// the memory-mapped file: memory, in practice. On PostgreSQL (pgkv) it is
// a query, and a page of a hundred features took several round trips
// while the index that chose them answered from memory. So a store on an
// engine that is not a local file keeps a copy of every report's stored
// record, and of the moderators' public texts, in memory (memRecords):
// loaded with the index at start, changed with the index by the store's
// own commits (after they commit) and by ApplyChanges (the other servers'
// commits), and read instead of the database by eachRecord and view (bbox
// pages, exports, Get, Feature). Writes still read what they change from
// the database, inside their transaction.
//
// The records are packed one after another into large blocks without
// pointers (nothing for the garbage collector to scan), located by report
// id. A record that changes is appended anew; a block left less than
// half used by such changes has its live records moved to the end and is
// let go, so the blocks hold at most about twice the records' bytes.
// Bytes once written are never written again (blocks only grow at their
// end and are let go whole), so a reader may keep a record's bytes after
// it released the lock.

// memBlockSize is the size of a block of records: a record larger than
// that gets a block of its own.
const memBlockSize = 1 << 20

// memEntryHeader is what precedes each record in its block: the report
// id (8 bytes) and the record's length (4), so that a block can be walked
// when it is compacted.
const memEntryHeader = 12

// memRecords holds the stored record of every report by id (see above).
// A nil *memRecords (a store on a file) holds nothing.
type memRecords struct {
	mu sync.RWMutex
	// refs locates the record of report id at refs[id]; ids are dense
	// (one sequence assigns them all).
	refs   []memRef
	blocks []memBlock
	tail   int      // the block records are appended to
	free   []uint32 // slots of blocks let go, to reuse
	// texts are the moderators' public texts by report id.
	texts map[uint64][]byte
	count int   // records held
	bytes int64 // their total size, headers included
}

// memRef is where a record is: its block, its offset there and its
// length; n == 0 means none (a stored record is never empty).
type memRef struct{ block, off, n uint32 }

// memBlock is a block of records and how many of its bytes are records
// still referenced.
type memBlock struct {
	b    []byte
	live int
}

func newMemRecords() *memRecords {
	return &memRecords{texts: map[uint64][]byte{}, blocks: []memBlock{{b: make([]byte, 0, memBlockSize)}}}
}

// put keeps rec (copied) as the record of report id, in place of any
// earlier one.
func (m *memRecords) put(id uint64, rec []byte) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.putLocked(id, rec)
}

func (m *memRecords) putLocked(id uint64, rec []byte) {
	if id >= uint64(len(m.refs)) {
		m.refs = append(m.refs, make([]memRef, int(id)+1-len(m.refs))...)
		m.refs = m.refs[:cap(m.refs)] // the room append left is zero too
	}
	old := m.refs[id]
	m.refs[id] = m.append(id, rec)
	m.bytes += int64(memEntryHeader + len(rec))
	if old.n == 0 {
		m.count++
		return
	}
	m.bytes -= int64(memEntryHeader + old.n)
	b := &m.blocks[old.block]
	b.live -= memEntryHeader + int(old.n)
	if int(old.block) != m.tail && 2*b.live < len(b.b) {
		m.compact(old.block)
	}
}

// append writes the entry of report id at the end of the tail block (a
// new one when it is full) and returns where its record is.
func (m *memRecords) append(id uint64, rec []byte) memRef {
	need := memEntryHeader + len(rec)
	if t := &m.blocks[m.tail]; cap(t.b)-len(t.b) < need {
		nb := memBlock{b: make([]byte, 0, max(memBlockSize, need))}
		if n := len(m.free); n > 0 {
			m.tail = int(m.free[n-1])
			m.free = m.free[:n-1]
			m.blocks[m.tail] = nb
		} else {
			m.tail = len(m.blocks)
			m.blocks = append(m.blocks, nb)
		}
	}
	t := &m.blocks[m.tail]
	t.b = binary.BigEndian.AppendUint64(t.b, id)
	t.b = binary.BigEndian.AppendUint32(t.b, uint32(len(rec)))
	off := len(t.b)
	t.b = append(t.b, rec...)
	t.live += need
	return memRef{block: uint32(m.tail), off: uint32(off), n: uint32(len(rec))}
}

// compact moves the live records of block c to the tail and lets c go.
// Readers holding bytes of c keep them: the block is not reused, only
// its slot.
func (m *memRecords) compact(c uint32) {
	b := m.blocks[c].b
	for at := 0; at+memEntryHeader <= len(b); {
		id := binary.BigEndian.Uint64(b[at:])
		n := int(binary.BigEndian.Uint32(b[at+8:]))
		off := at + memEntryHeader
		if r := m.refs[id]; r.n != 0 && r.block == c && int(r.off) == off {
			m.refs[id] = m.append(id, b[off:off+n])
		}
		at = off + n
	}
	m.blocks[c] = memBlock{}
	m.free = append(m.free, c)
}

// getLocked returns the record of report id, or nil. The bytes stay
// valid, and unchanged, after the lock is released.
func (m *memRecords) getLocked(id uint64) []byte {
	if id >= uint64(len(m.refs)) {
		return nil
	}
	r := m.refs[id]
	if r.n == 0 {
		return nil
	}
	return m.blocks[r.block].b[r.off : r.off+r.n : r.off+r.n]
}

// get returns the record of report id and its public text (ok false
// when it has none); rec is nil when the report is not held.
func (m *memRecords) get(id uint64) (rec, text []byte, ok bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	text, ok = m.texts[id]
	return m.getLocked(id), text, ok
}

// setText keeps the public text of report id (copied), or with nil
// forgets it.
func (m *memRecords) setText(id uint64, text []byte) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if text == nil {
		delete(m.texts, id)
		return
	}
	m.texts[id] = append(make([]byte, 0, len(text)), text...) // non-nil when empty too
}

// memStats are the size of a store's records in memory.
type memStats struct {
	Records   int
	Bytes     int64 // the records' bytes, headers included
	Allocated int64 // the blocks' bytes, garbage and free room included
}

func (m *memRecords) stats() memStats {
	m.mu.RLock()
	defer m.mu.RUnlock()
	st := memStats{Records: m.count, Bytes: m.bytes}
	for _, b := range m.blocks {
		st.Allocated += int64(cap(b.b))
	}
	return st
}

// eachMemRecord is eachRecord on the records in memory: those of ids
// are taken under one read lock (a consistent view, as one transaction
// gives), then decoded and handed to fn without it.
func (s *Store) eachMemRecord(ids []uint64, fn func(*recordView) error) error {
	sc := recordScratchPool.Get().(*recordScratch)
	defer recordScratchPool.Put(sc)
	vals := slices.Grow(sc.vals[:0], len(ids))[:len(ids)]
	sc.vals = vals
	defer clear(vals)
	var texts map[uint64][]byte // the public texts of ids, when there are any
	m := s.mem
	m.mu.RLock()
	for i, id := range ids {
		vals[i] = m.getLocked(id)
	}
	if len(m.texts) > 0 {
		for _, id := range ids {
			if t, ok := m.texts[id]; ok {
				if texts == nil {
					texts = map[uint64][]byte{}
				}
				texts[id] = t
			}
		}
	}
	m.mu.RUnlock()
	var view recordView // one for every record: fn's pointer escapes
	for i, v := range vals {
		if v == nil {
			continue // no longer exists
		}
		var err error
		if view, err = viewStored(ids[i], v); err != nil {
			return err
		}
		view.publicText, view.hasPublicText = texts[ids[i]] // a nil map reads as none
		if err := fn(&view); err != nil {
			return err
		}
	}
	return nil
}
