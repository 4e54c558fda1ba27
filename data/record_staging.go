package data

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"sync/atomic"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Staging of new reports.
//
// Records live in bucketReports keyed by place (recordKey), so that a box
// is read from a few neighbouring pages. A report arriving at a random
// place dirties its own leaf page, so a commit of 64 web reports rewrites
// ~100 pages of the tree. To keep the commits that writers wait for small,
// Create puts a new record in bucketIncoming instead, keyed by id alone:
// ids grow, so a batch appends to the last page or two. Once at least
// stagingMin records wait and the writers pause (no write for
// stagingIdle), or after every commit while more than stagingHigh wait,
// the committer moves up to stagingChunk of them to their place in one
// transaction: delete from bucketIncoming and put in bucketReports
// together, so a crash leaves every record in exactly one of the two.
// Readers look in bucketReports first, then in bucketIncoming
// (getRecordBytes); writers that rewrite a record use putRecord, which
// keeps it where it is. Bulk imports (CreateMany) and SMS reports go to
// bucketReports directly: a batch of thousands fills pages anyway, and SMS
// reports come one at a time.
var bucketIncoming = []byte("incoming") // id (8 bytes) -> record, not yet at its place

const (
	// stagingIdle is how long the committer waits without a write before
	// it moves staged records.
	stagingIdle = 20 * time.Millisecond
	// stagingChunk is how many records one move transaction carries.
	stagingChunk = 1024
	// stagingHigh is how many staged records make a move due even while
	// writers keep coming (one chunk after each of their commits). Staged
	// records cost nothing to keep (they are in the file, not in memory)
	// and little to read (one lookup by id each), so only a long burst of
	// writes without a pause (some 30 s at 10,000 reports/s) reaches it.
	stagingHigh = 1 << 18
	// stagingMin is how many staged records it takes to move any: a few
	// cost nothing to read where they are, and a store left idle with
	// fewer does not change its file by itself.
	stagingMin = 256
)

// getRecordBytes returns the stored record of key k, wherever it is.
func getRecordBytes(tx kv.Tx, k []byte) []byte {
	if v := tx.Bucket(bucketReports).Get(k); v != nil {
		return v
	}
	if in := tx.Bucket(bucketIncoming); in != nil && len(k) == recordKeyLen {
		return in.Get(k[8:])
	}
	return nil
}

// getRecordsBytes returns the stored record of each of keys, wherever it
// is, as getRecordBytes does for one key, and whether it waits in
// bucketIncoming: one GetMany on bucketReports, and one on bucketIncoming
// for the keys not found at their place, instead of a lookup per key
// (a query per key on PostgreSQL). A record is in exactly one of the two
// buckets (the stager moves it in one transaction), so a record found at
// its place is not staged.
func getRecordsBytes(tx kv.Tx, keys [][]byte) (recs [][]byte, staged []bool) {
	recs = tx.Bucket(bucketReports).GetMany(keys)
	staged = make([]bool, len(keys))
	in := tx.Bucket(bucketIncoming)
	if in == nil {
		return recs, staged
	}
	var ids [][]byte // id keys of the records not at their place
	var at []int
	for i, r := range recs {
		if r == nil && len(keys[i]) == recordKeyLen {
			ids, at = append(ids, keys[i][8:]), append(at, i)
		}
	}
	if len(ids) == 0 {
		return recs, staged
	}
	for j, r := range in.GetMany(ids) {
		if r != nil {
			recs[at[j]], staged[at[j]] = r, true
		}
	}
	return recs, staged
}

// isStaged reports whether the record of key k waits in bucketIncoming.
func isStaged(tx kv.Tx, k []byte) bool {
	in := tx.Bucket(bucketIncoming)
	return in != nil && len(k) == recordKeyLen && in.Get(k[8:]) != nil
}

// putRecord replaces the record of key k where it is: in bucketIncoming
// while it is staged, else in bucketReports.
func putRecord(tx kv.Tx, k, rec []byte) error {
	if isStaged(tx, k) {
		return tx.Bucket(bucketIncoming).Put(k[8:], rec)
	}
	return tx.Bucket(bucketReports).Put(k, rec)
}

// recordPlace returns the place key of the stored record of report id.
func recordPlace(id uint64, stored []byte) ([]byte, error) {
	rec, err := openRecord(id, stored)
	if err != nil {
		return nil, err
	}
	if len(rec) < recordHeader || !knownRecordVersion(rec[0]) {
		return nil, fmt.Errorf("%w: record of report %d", ErrCorrupt, id)
	}
	lon := math.Float64frombits(binary.BigEndian.Uint64(rec[1:]))
	lat := math.Float64frombits(binary.BigEndian.Uint64(rec[9:]))
	return recordKey(id, lon, lat), nil
}

// stager counts the staged records and moves them to their place; it is
// the committer's background work (see committer.background).
type stager struct {
	staged atomic.Int64
	moved  int // by the last step, counted once it committed
	// pause, when set (tests), replaces stagingIdle.
	pause atomic.Int64
}

// idle is how long the writers must pause before staged records move.
func (g *stager) idle() time.Duration {
	if d := g.pause.Load(); d > 0 {
		return time.Duration(d)
	}
	return stagingIdle
}

// due reports whether enough staged records wait to move them once the
// writers pause, and whether moving them is overdue (too many to wait for
// a pause).
func (g *stager) due() (waiting, overdue bool) {
	n := g.staged.Load()
	return n >= stagingMin, n > stagingHigh
}

// step moves up to stagingChunk staged records, oldest first.
func (g *stager) step(tx kv.Tx) error {
	g.moved = 0
	in, reports := tx.Bucket(bucketIncoming), tx.Bucket(bucketReports)
	if in == nil {
		return nil
	}
	c := in.Cursor()
	for k, v := c.First(); k != nil && g.moved < stagingChunk; k, v = c.First() {
		if len(k) != 8 {
			return fmt.Errorf("%w: staged report key %x", ErrCorrupt, k)
		}
		place, err := recordPlace(beUint64(k), v)
		if err != nil {
			return err
		}
		// v points into a page this transaction is changing: copy it.
		if err := reports.Put(place, bytes.Clone(v)); err != nil {
			return err
		}
		if err := c.Delete(); err != nil {
			return err
		}
		g.moved++
	}
	return nil
}

// committed is called once step's transaction is durable.
func (g *stager) committed() { g.staged.Add(-int64(g.moved)) }
