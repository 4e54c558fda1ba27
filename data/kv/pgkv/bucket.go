package pgkv

import (
	"bytes"
	"errors"
	"fmt"
	"sort"

	"github.com/jackc/pgx/v5"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Kinds of buffered write.
const (
	opPut    = iota
	opDelete // the key is removed
	opBucket // the key becomes a new nested bucket
)

// op is one buffered write.
type op struct {
	key, value []byte
	kind       uint8
}

// bucket is a transaction's view of one bucket: its id, its sequence and
// its buffered writes (ov, sorted by key).
type bucket struct {
	tx      *tx
	id      int64
	parent  int64
	name    []byte
	path    [][]byte // names from the top level down; empty for the root
	pathKey string

	seq       uint64
	seqLoaded bool
	seqDirty  bool
	fresh     bool // created in this transaction and not flushed: nothing in the database
	ov        []op
	inDirty   bool
	// reads remembers what Get read from the database (nil: no such key)
	// until the next flush: package data often reads a key twice in one
	// transaction, and a group commit runs many writers' reads.
	reads       map[string][]byte
	readFlushes int
}

var _ kv.Bucket = (*bucket)(nil)

// find returns the index of key in the buffered writes, or where it goes.
func (b *bucket) find(key []byte) (int, bool) {
	n := len(b.ov)
	if n > 0 {
		if c := bytes.Compare(b.ov[n-1].key, key); c < 0 {
			return n, false
		} else if c == 0 {
			return n - 1, true
		}
	}
	i := sort.Search(n, func(i int) bool { return bytes.Compare(b.ov[i].key, key) >= 0 })
	return i, i < n && bytes.Equal(b.ov[i].key, key)
}

// buffer records a write, replacing an earlier one to the same key.
func (b *bucket) buffer(o op) error {
	t := b.tx
	i, found := b.find(o.key)
	if found {
		b.ov[i] = o
	} else {
		b.ov = append(b.ov, op{})
		copy(b.ov[i+1:], b.ov[i:])
		b.ov[i] = o
		t.pending++
	}
	if !b.inDirty {
		b.inDirty = true
		t.dirty = append(t.dirty, b)
	}
	if t.pending >= flushAt {
		return t.flush()
	}
	return nil
}

// buffered returns the buffered write of key, if any.
func (b *bucket) buffered(key []byte) (op, bool) {
	if i, ok := b.find(key); ok {
		return b.ov[i], true
	}
	return op{}, false
}

func (b *bucket) writeCheck() error {
	if !b.tx.writable {
		return kv.ErrTxNotWritable
	}
	if b.tx.closed {
		return errors.New("pgkv: transaction closed")
	}
	return b.tx.err
}

// isBucket reports whether key is known to name a nested bucket.
func (b *bucket) isBucket(key []byte) bool {
	if o, ok := b.buffered(key); ok {
		return o.kind == opBucket
	}
	return b.tx.byPath[pathKey(b.pathKey, key)] != 0
}

// Get returns the value of key, or nil.
func (b *bucket) Get(key []byte) []byte {
	if o, ok := b.buffered(key); ok {
		if o.kind == opPut {
			return o.value
		}
		return nil
	}
	if b.fresh || b.tx.err != nil || b.tx.closed {
		return nil
	}
	if b.reads == nil || b.readFlushes != b.tx.flushes {
		b.reads, b.readFlushes = map[string][]byte{}, b.tx.flushes
	}
	if v, ok := b.reads[string(key)]; ok {
		return v
	}
	v := b.get(key)
	if b.tx.err == nil {
		b.reads[string(key)] = v
	}
	return v
}

// get reads key from the database.
func (b *bucket) get(key []byte) []byte {
	var v []byte
	var isNull bool
	err := b.tx.conn.QueryRow(b.tx.ctx, "SELECT value, value IS NULL FROM kv WHERE bucket = $1 AND key = $2", b.id, key).Scan(&v, &isNull)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		b.tx.fail(fmt.Errorf("pgkv: get: %w", err))
		return nil
	}
	if isNull {
		return nil
	}
	if v == nil {
		v = []byte{}
	}
	return v
}

// GetMany returns the value of each of keys: those written or read
// earlier in the transaction from memory, as Get does, and all the others
// with one query.
func (b *bucket) GetMany(keys [][]byte) [][]byte {
	vals := make([][]byte, len(keys))
	var missing [][]byte // keys to read from the database
	var at []int         // where their values go in vals
	for i, k := range keys {
		if o, ok := b.buffered(k); ok {
			if o.kind == opPut {
				vals[i] = o.value
			}
			continue
		}
		if b.fresh || b.tx.err != nil || b.tx.closed {
			continue
		}
		if b.reads == nil || b.readFlushes != b.tx.flushes {
			b.reads, b.readFlushes = map[string][]byte{}, b.tx.flushes
		}
		if v, ok := b.reads[string(k)]; ok {
			vals[i] = v
			continue
		}
		missing, at = append(missing, k), append(at, i)
	}
	if len(missing) == 0 {
		return vals
	}
	found, err := b.getMany(missing)
	if err != nil {
		b.tx.fail(err)
		return vals
	}
	for j, k := range missing {
		v := found[string(k)]
		vals[at[j]] = v
		b.reads[string(k)] = v
	}
	return vals
}

// getMany reads keys from the database in one query: the value of each
// key that holds one (not a nested bucket), by key.
func (b *bucket) getMany(keys [][]byte) (map[string][]byte, error) {
	rows, err := b.tx.conn.Query(b.tx.ctx, "SELECT key, value FROM kv WHERE bucket = $1 AND key = ANY($2::bytea[]) AND value IS NOT NULL", b.id, keys)
	if err != nil {
		return nil, fmt.Errorf("pgkv: get many: %w", err)
	}
	found := make(map[string][]byte, len(keys))
	var k, v []byte
	_, err = pgx.ForEachRow(rows, []any{&k, &v}, func() error {
		if v == nil {
			v = []byte{}
		}
		found[string(k)] = v
		k, v = nil, nil // the next row scans into new slices
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pgkv: get many: %w", err)
	}
	return found, nil
}

// Put sets the value of key.
func (b *bucket) Put(key, value []byte) error {
	if err := b.writeCheck(); err != nil {
		return err
	}
	switch {
	case len(key) == 0:
		return errors.New("pgkv: key required")
	case len(key) > MaxKeySize:
		return ErrKeyTooLarge
	case b.isBucket(key):
		return ErrIncompatibleValue
	}
	return b.buffer(op{key: bytes.Clone(key), value: append([]byte{}, value...), kind: opPut})
}

// Delete removes key.
func (b *bucket) Delete(key []byte) error {
	if err := b.writeCheck(); err != nil {
		return err
	}
	if b.isBucket(key) {
		return ErrIncompatibleValue
	}
	if b.fresh {
		if i, ok := b.find(key); ok {
			b.ov = append(b.ov[:i], b.ov[i+1:]...)
			b.tx.pending--
		}
		return nil
	}
	return b.buffer(op{key: bytes.Clone(key), kind: opDelete})
}

// queueWrites queues the statements writing the buffered writes, the
// change rows and the projection's statements.
func (b *bucket) queueWrites(batch *pgx.Batch) error {
	if len(b.ov) == 0 {
		return nil
	}
	var putK, putV, delK, newK, all [][]byte
	for _, o := range b.ov {
		all = append(all, o.key)
		switch o.kind {
		case opPut:
			putK, putV = append(putK, o.key), append(putV, o.value)
		case opDelete:
			delK = append(delK, o.key)
		case opBucket:
			newK = append(newK, o.key)
		}
	}
	if len(delK) > 0 {
		batch.Queue("DELETE FROM kv WHERE bucket = $1 AND key = ANY($2::bytea[]) AND value IS NOT NULL", b.id, delK)
	}
	if len(putK) > 0 {
		// The check runs on the server: a failed statement makes the
		// server skip the rest of the pipeline, COMMIT included.
		batch.Queue(`WITH u AS (
				INSERT INTO kv (bucket, key, value) SELECT $1, k, v FROM unnest($2::bytea[], $3::bytea[]) AS u(k, v)
				ON CONFLICT (bucket, key) DO UPDATE SET value = excluded.value WHERE kv.value IS NOT NULL
				RETURNING 1)
			SELECT kv_check(count(*) = $4, $5) FROM u`, b.id, putK, putV, len(putK), incompatibleMsg)
	}
	if len(newK) > 0 {
		// A value under the same key was deleted in this transaction
		// (create checked): the marker takes its place.
		batch.Queue(`INSERT INTO kv (bucket, key) SELECT $1, unnest($2::bytea[])
			ON CONFLICT (bucket, key) DO UPDATE SET value = NULL`, b.id, newK)
	}
	path := b.path
	if path == nil {
		path = [][]byte{}
	}
	batch.Queue("INSERT INTO kv_changes (bucket, keys) VALUES ($1, $2)", path, all)
	if len(b.path) == 1 {
		if p := b.tx.db.proj[string(b.path[0])]; p != nil && p.Rows != nil {
			var keys, values [][]byte
			for _, o := range b.ov {
				switch o.kind {
				case opPut:
					keys, values = append(keys, o.key), append(values, o.value)
				case opDelete:
					keys, values = append(keys, o.key), append(values, nil)
				}
			}
			queue := func(sql string, args ...any) { batch.Queue(sql, args...) }
			if err := p.Rows(keys, values, queue); err != nil {
				return fmt.Errorf("pgkv: projection of %s: %w", p.Bucket, err)
			}
		} else if p != nil {
			for _, o := range b.ov {
				var v []byte
				switch o.kind {
				case opPut:
					v = o.value
				case opBucket:
					continue
				}
				sql, args, err := p.Row(o.key, v)
				if err != nil {
					return fmt.Errorf("pgkv: projection of %s/%q: %w", p.Bucket, o.key, err)
				}
				if sql != "" {
					batch.Queue(sql, args...)
				}
			}
		}
	}
	return nil
}

// Cursor iterates over the keys in byte order.
func (b *bucket) Cursor() kv.Cursor { return b.cursor() }

func (b *bucket) cursor() *cursor { return &cursor{b: b, size: firstPage} }

// ForEach calls fn with every key and value in byte order.
func (b *bucket) ForEach(fn func(k, v []byte) error) error {
	c := b.cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return b.tx.err
}

// loadSeq reads the bucket's sequence once per transaction.
func (b *bucket) loadSeq() error {
	if b.seqLoaded {
		return nil
	}
	if s, ok := b.tx.seqs[b.id]; ok {
		b.seq, b.seqLoaded = s, true
		return nil
	}
	if b.tx.err != nil {
		return b.tx.err
	}
	if b.tx.writable {
		b.tx.db.hot.add(b.id)
	}
	var s int64
	if err := b.tx.conn.QueryRow(b.tx.ctx, "SELECT seq FROM kv_buckets WHERE id = $1", b.id).Scan(&s); err != nil {
		err = fmt.Errorf("pgkv: sequence of %q: %w", b.path, err)
		b.tx.fail(err)
		return err
	}
	b.seq, b.seqLoaded = uint64(s), true
	return nil
}

// NextSequence increments and returns the bucket's sequence.
func (b *bucket) NextSequence() (uint64, error) {
	if err := b.writeCheck(); err != nil {
		return 0, err
	}
	if err := b.loadSeq(); err != nil {
		return 0, err
	}
	b.seq++
	b.seqDirty = true
	return b.seq, nil
}

// Sequence returns the bucket's sequence (0 after a failed query, which
// Commit and View report).
func (b *bucket) Sequence() uint64 {
	if b.loadSeq() != nil {
		return 0
	}
	return b.seq
}

// SetSequence sets the bucket's sequence.
func (b *bucket) SetSequence(v uint64) error {
	if err := b.writeCheck(); err != nil {
		return err
	}
	b.seq, b.seqLoaded, b.seqDirty = v, true, true
	return nil
}

// KeyCount is the number of keys, those of nested buckets (at any depth)
// and the nested buckets themselves included, as bbolt counts them. In a
// write transaction it first sends the buffered writes.
func (b *bucket) KeyCount() int {
	t := b.tx
	if t.writable && t.pending+len(t.created) > 0 && t.flush() != nil {
		return 0
	}
	if t.err != nil || t.closed {
		return 0
	}
	var n int64
	err := t.conn.QueryRow(t.ctx, `WITH RECURSIVE d(id) AS (
			SELECT $1::bigint UNION SELECT c.id FROM kv_buckets c JOIN d ON c.parent = d.id
		) SELECT count(*) FROM kv WHERE bucket IN (SELECT id FROM d)`, b.id).Scan(&n)
	if err != nil {
		t.fail(fmt.Errorf("pgkv: key count: %w", err))
		return 0
	}
	return int(n)
}

// Bucket returns the nested bucket name, or nil.
func (b *bucket) Bucket(name []byte) kv.Bucket {
	if c := b.child(name); c != nil {
		return c
	}
	return nil
}

// CreateBucketIfNotExists returns the nested bucket name, creating it.
func (b *bucket) CreateBucketIfNotExists(name []byte) (kv.Bucket, error) {
	c, err := b.create(name, true)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// child looks a nested bucket up: in the transaction, in the DB's cache,
// then in the database.
func (b *bucket) child(name []byte) *bucket {
	t := b.tx
	pk := pathKey(b.pathKey, name)
	if id, ok := t.byPath[pk]; ok {
		if id == 0 {
			return nil
		}
		return t.states[id]
	}
	if o, ok := b.buffered(name); ok && o.kind != opBucket {
		return nil // a value, or deleted, in this transaction
	}
	if t.err != nil || t.closed {
		return nil
	}
	c := &bucket{tx: t, parent: b.id, name: bytes.Clone(name), pathKey: pk}
	c.path = append(append([][]byte{}, b.path...), c.name)
	if id, ok := t.db.cache.get(t.gen, pk); ok {
		c.id = id
	} else if b.fresh {
		t.byPath[pk] = 0
		return nil
	} else {
		var s int64
		err := t.conn.QueryRow(t.ctx, "SELECT id, seq FROM kv_buckets WHERE parent = $1 AND name = $2", b.id, name).Scan(&c.id, &s)
		if errors.Is(err, pgx.ErrNoRows) {
			t.byPath[pk] = 0
			return nil
		}
		if err != nil {
			t.fail(fmt.Errorf("pgkv: bucket %q: %w", c.path, err))
			return nil
		}
		c.seq, c.seqLoaded = uint64(s), true
		t.learnt[pk] = c.id
	}
	t.byPath[pk] = c.id
	t.states[c.id] = c
	return c
}

// create makes a nested bucket; with ifMissing an existing one is
// returned, else kv.ErrBucketExists.
func (b *bucket) create(name []byte, ifMissing bool) (*bucket, error) {
	if err := b.writeCheck(); err != nil {
		return nil, err
	}
	if len(name) == 0 {
		return nil, ErrBucketNameRequired
	}
	if len(name) > MaxKeySize {
		return nil, ErrKeyTooLarge
	}
	if c := b.child(name); c != nil {
		if ifMissing {
			return c, nil
		}
		return nil, kv.ErrBucketExists
	}
	if err := b.tx.err; err != nil {
		return nil, err
	}
	if o, ok := b.buffered(name); ok && o.kind == opPut {
		return nil, ErrIncompatibleValue
	}
	if !b.fresh {
		if v := b.Get(name); v != nil {
			return nil, ErrIncompatibleValue
		}
	}
	t := b.tx
	c := &bucket{tx: t, id: t.nextID, parent: b.id, name: bytes.Clone(name), seqLoaded: true, fresh: true,
		pathKey: pathKey(b.pathKey, name)}
	c.path = append(append([][]byte{}, b.path...), c.name)
	t.nextID++
	t.idsUsed = true
	t.byPath[c.pathKey] = c.id
	t.learnt[c.pathKey] = c.id
	t.states[c.id] = c
	t.created = append(t.created, c)
	if err := b.buffer(op{key: c.name, kind: opBucket}); err != nil {
		return nil, err
	}
	return c, nil
}
