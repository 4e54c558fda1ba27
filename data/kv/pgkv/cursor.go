package pgkv

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/jackc/pgx/v5"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Page sizes: a cursor starts small (a Seek often reads one or two keys)
// and doubles its pages as it keeps walking.
const (
	firstPage = 16
	maxPage   = 8192
)

// row is one key of the database, value nil for a nested bucket.
type row struct {
	key, value []byte
	bucket     bool
}

// cursor merges pages of the database's keys with the transaction's
// buffered writes. Its position is a key, so writes between moves (a
// Delete, a flush) never leave it on a stale index.
type cursor struct {
	b   *bucket
	pos []byte // current key; nil before the first move or at the end
	// posBucket tells whether pos names a nested bucket.
	posBucket bool
	size      int // next page size

	// page holds every database key k with lo <= k < hi (hi nil: no upper
	// bound), ascending, as read at flush count flushes.
	page    []row
	lo, hi  []byte
	valid   bool
	flushes int
}

var _ kv.Cursor = (*cursor)(nil)

// succ is the smallest key after k.
func succ(k []byte) []byte { return append(bytes.Clone(k), 0) }

// fetch reads a page of database keys >= from (asc) or < to (desc; to nil
// means from the last key).
func (c *cursor) fetch(asc bool, bound []byte) {
	c.valid = false
	b := c.b
	if b.fresh {
		c.page, c.lo, c.hi, c.valid, c.flushes = nil, nil, nil, true, b.tx.flushes
		return
	}
	if b.tx.err != nil || b.tx.closed {
		return
	}
	var q string
	args := []any{b.id, c.size}
	switch {
	case asc:
		q = "SELECT key, value, value IS NULL FROM kv WHERE bucket = $1 AND key >= $3 ORDER BY key LIMIT $2"
		args = append(args, bound)
	case bound == nil:
		q = "SELECT key, value, value IS NULL FROM kv WHERE bucket = $1 ORDER BY key DESC LIMIT $2"
	default:
		q = "SELECT key, value, value IS NULL FROM kv WHERE bucket = $1 AND key < $3 ORDER BY key DESC LIMIT $2"
		args = append(args, bound)
	}
	rows, err := b.tx.conn.Query(b.tx.ctx, q, args...)
	if err != nil {
		b.tx.fail(fmt.Errorf("pgkv: cursor: %w", err))
		return
	}
	page, err := readPage(rows, c.size)
	if err != nil {
		b.tx.fail(fmt.Errorf("pgkv: cursor: %w", err))
		return
	}
	full := len(page) == c.size
	if c.size < maxPage {
		c.size *= 2
	}
	if asc {
		c.lo, c.hi = bound, nil
		if full {
			c.hi = succ(page[len(page)-1].key)
		}
	} else {
		for i, j := 0, len(page)-1; i < j; i, j = i+1, j-1 {
			page[i], page[j] = page[j], page[i]
		}
		c.lo, c.hi = []byte{}, bound
		if full {
			c.lo = page[0].key
		}
	}
	c.page, c.valid, c.flushes = page, true, b.tx.flushes
}

// arenaChunk is the size of the blocks a page's keys and values are
// copied into: a few allocations per page instead of two per row.
const arenaChunk = 64 << 10

// readPage reads the rows of a page query. Binary bytea results are
// copied straight from the wire into shared blocks (they stay valid until
// the transaction ends: the blocks are never reused); a text result falls
// back to Scan.
func readPage(rows pgx.Rows, size int) ([]row, error) {
	defer rows.Close()
	page := make([]row, 0, size)
	fd := rows.FieldDescriptions()
	binary := len(fd) == 3 && fd[0].Format == pgx.BinaryFormatCode && fd[1].Format == pgx.BinaryFormatCode
	var arena []byte
	clone := func(v []byte) []byte {
		if len(v) > cap(arena)-len(arena) {
			arena = make([]byte, 0, max(arenaChunk, len(v)))
		}
		n := len(arena)
		arena = append(arena, v...)
		return arena[n:len(arena):len(arena)]
	}
	for rows.Next() {
		var r row
		if binary {
			raw := rows.RawValues()
			r.key = clone(raw[0])
			if raw[1] == nil {
				r.bucket = true
			} else {
				r.value = clone(raw[1])
			}
		} else if err := rows.Scan(&r.key, &r.value, &r.bucket); err != nil {
			return nil, err
		}
		page = append(page, r)
	}
	return page, rows.Err()
}

// current reports whether the page was read since the last flush.
func (c *cursor) current() bool { return c.valid && c.flushes == c.b.tx.flushes }

// dbNext is the first database key >= from, or nil.
func (c *cursor) dbNext(from []byte) *row {
	for {
		if !(c.current() && bytes.Compare(from, c.lo) >= 0 && (c.hi == nil || bytes.Compare(from, c.hi) < 0)) {
			c.fetch(true, from)
			if !c.valid {
				return nil
			}
		}
		if i := c.search(from); i < len(c.page) {
			return &c.page[i]
		}
		if c.hi == nil {
			return nil
		}
		from = c.hi // nothing in [from, hi): read on from hi
	}
}

// dbPrev is the last database key < to (to nil: the last key), or nil.
func (c *cursor) dbPrev(to []byte) *row {
	for {
		if !(c.current() && upTo(c.hi, to) && (to == nil || bytes.Compare(c.lo, to) < 0)) {
			c.fetch(false, to)
			if !c.valid {
				return nil
			}
		}
		i := len(c.page)
		if to != nil {
			i = c.search(to)
		}
		if i > 0 {
			return &c.page[i-1]
		}
		if len(c.lo) == 0 {
			return nil // the page reaches the first key
		}
		to = c.lo // nothing in [lo, to): read on below lo
	}
}

// search returns the index of the first page row >= k.
func (c *cursor) search(k []byte) int {
	return sort.Search(len(c.page), func(i int) bool { return bytes.Compare(c.page[i].key, k) >= 0 })
}

// upTo reports whether a page bounded above by hi holds every key below
// to.
func upTo(hi, to []byte) bool {
	if hi == nil {
		return true
	}
	return to != nil && bytes.Compare(to, hi) <= 0
}

// next moves to the first key >= from in the merged view.
func (c *cursor) next(from []byte) ([]byte, []byte) {
	b := c.b
	for {
		d := c.dbNext(from)
		i, _ := b.find(from)
		if i < len(b.ov) && (d == nil || bytes.Compare(b.ov[i].key, d.key) <= 0) {
			o := b.ov[i]
			if o.kind == opDelete {
				from = succ(o.key)
				continue
			}
			return c.at(o.key, o.value, o.kind == opBucket)
		}
		if d == nil {
			return c.at(nil, nil, false)
		}
		return c.at(d.key, d.value, d.bucket)
	}
}

// prev moves to the last key < to (to nil: the last key) in the merged
// view.
func (c *cursor) prev(to []byte) ([]byte, []byte) {
	b := c.b
	for {
		d := c.dbPrev(to)
		i := len(b.ov)
		if to != nil {
			i, _ = b.find(to)
		}
		i--
		if i >= 0 && (d == nil || bytes.Compare(b.ov[i].key, d.key) >= 0) {
			o := b.ov[i]
			if o.kind == opDelete {
				to = o.key
				continue
			}
			return c.at(o.key, o.value, o.kind == opBucket)
		}
		if d == nil {
			return c.at(nil, nil, false)
		}
		return c.at(d.key, d.value, d.bucket)
	}
}

func (c *cursor) at(k, v []byte, isBucket bool) ([]byte, []byte) {
	c.pos, c.posBucket = k, isBucket
	switch {
	case k == nil || isBucket:
		return k, nil
	case v == nil:
		return k, []byte{}
	}
	return k, v
}

// First moves to the first key.
func (c *cursor) First() ([]byte, []byte) { return c.next([]byte{}) }

// Last moves to the last key.
func (c *cursor) Last() ([]byte, []byte) { return c.prev(nil) }

// Seek moves to the first key at or after seek.
func (c *cursor) Seek(seek []byte) ([]byte, []byte) { return c.next(seek) }

// Next moves to the next key.
func (c *cursor) Next() ([]byte, []byte) {
	if c.pos == nil {
		return nil, nil
	}
	return c.next(succ(c.pos))
}

// Prev moves to the previous key.
func (c *cursor) Prev() ([]byte, []byte) {
	if c.pos == nil {
		return nil, nil
	}
	return c.prev(c.pos)
}

// Delete removes the key under the cursor.
func (c *cursor) Delete() error {
	if c.pos == nil {
		return fmt.Errorf("pgkv: cursor delete: no current key")
	}
	if c.posBucket {
		return ErrIncompatibleValue
	}
	return c.b.Delete(c.pos)
}
