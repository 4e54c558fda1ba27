package pgkv

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/mtaa-project/mtaa/data/kv"
)

// tx is a kv.Tx on one pooled connection.
type tx struct {
	db       *DB
	conn     *pgxpool.Conn
	ctx      context.Context
	writable bool
	closed   bool
	// err is the first failed query of Get, Bucket, cursors or a flush;
	// Commit and View return it.
	err error

	gen     int64 // kv_meta.bucket_gen at Begin
	nextID  int64 // next bucket id to allocate (write transactions)
	idsUsed bool  // whether nextID moved
	genUp   int64 // how much this transaction raised bucket_gen

	// states holds the transaction's view of each bucket it used, by id;
	// byPath maps path keys to ids, with 0 for "does not exist".
	states  map[int64]*bucket
	byPath  map[string]int64
	learnt  map[string]int64 // ids read from the database, for the cache
	dirty   []*bucket        // buckets with buffered writes, in order
	pending int              // buffered writes
	created []*bucket        // buckets created and not yet flushed
	changed bool             // whether a change row was written
	flushes int              // flush count: cursor pages older than the last flush are stale
	seqs    map[int64]uint64 // sequences read at Begin (DB.hot)
}

var _ kv.Tx = (*tx)(nil)

func (db *DB) begin(writable bool) (*tx, error) {
	if db.closed.Load() {
		return nil, kv.ErrClosed
	}
	ctx := context.Background()
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("pgkv: begin: %w", err)
	}
	t := &tx{db: db, conn: conn, ctx: ctx, writable: writable,
		states: map[int64]*bucket{}, byPath: map[string]int64{}, learnt: map[string]int64{}}
	b := &pgx.Batch{}
	if writable {
		b.Queue("BEGIN ISOLATION LEVEL READ COMMITTED")
		b.Queue(fmt.Sprintf("SET LOCAL idle_in_transaction_session_timeout = %d", db.idleTx))
		b.Queue("SELECT pg_advisory_xact_lock($1)", writeLockKey)
		if hot := db.hot.list(); len(hot) > 0 {
			b.Queue("SELECT id, seq FROM kv_buckets WHERE id = ANY($1)", hot).Query(func(rows pgx.Rows) error {
				t.seqs = map[int64]uint64{}
				var id, seq int64
				_, err := pgx.ForEachRow(rows, []any{&id, &seq}, func() error {
					t.seqs[id] = uint64(seq)
					return nil
				})
				return err
			})
		}
	} else {
		b.Queue("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
	}
	b.Queue("SELECT bucket_gen, next_bucket FROM kv_meta").QueryRow(func(r pgx.Row) error {
		return r.Scan(&t.gen, &t.nextID)
	})
	if err := conn.SendBatch(ctx, b).Close(); err != nil {
		t.release()
		return nil, fmt.Errorf("pgkv: begin: %w", err)
	}
	root := &bucket{tx: t, id: 0, seqLoaded: true}
	t.states[0] = root
	return t, nil
}

// release ends the server transaction if one is open and returns the
// connection to the pool.
func (t *tx) release() {
	if t.conn == nil {
		return
	}
	if t.conn.Conn().PgConn().TxStatus() != 'I' {
		if _, err := t.conn.Exec(context.Background(), "ROLLBACK"); err != nil {
			// The connection is in an unknown state: drop it.
			t.conn.Conn().Close(context.Background())
		}
	}
	t.conn.Release()
	t.conn = nil
}

func (t *tx) fail(err error) {
	if t.err == nil {
		t.err = err
	}
}

// Writable reports whether the transaction may write.
func (t *tx) Writable() bool { return t.writable }

func (t *tx) root() *bucket { return t.states[0] }

// Bucket returns the top-level bucket name, or nil.
func (t *tx) Bucket(name []byte) kv.Bucket {
	if b := t.root().child(name); b != nil {
		return b
	}
	return nil
}

// CreateBucket creates a top-level bucket; kv.ErrBucketExists if it exists.
func (t *tx) CreateBucket(name []byte) (kv.Bucket, error) {
	b, err := t.root().create(name, false)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// CreateBucketIfNotExists returns the top-level bucket name, creating it.
func (t *tx) CreateBucketIfNotExists(name []byte) (kv.Bucket, error) {
	b, err := t.root().create(name, true)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// ForEachBucket calls fn with each top-level bucket's name in byte order.
func (t *tx) ForEachBucket(fn func(name []byte) error) error {
	c := t.root().cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if err := fn(k); err != nil {
			return err
		}
	}
	return t.err
}

// DeleteBucket removes a top-level bucket with its nested buckets.
func (t *tx) DeleteBucket(name []byte) error {
	if !t.writable {
		return kv.ErrTxNotWritable
	}
	if t.err != nil {
		return t.err
	}
	root := t.root()
	b := root.child(name)
	if b == nil {
		if t.err != nil {
			return t.err
		}
		return kv.ErrBucketNotFound
	}
	batch := &pgx.Batch{}
	if err := t.queueFlush(batch); err != nil {
		return err
	}
	batch.Queue(`WITH RECURSIVE d(id) AS (
			SELECT $1::bigint UNION SELECT c.id FROM kv_buckets c JOIN d ON c.parent = d.id
		), k AS (DELETE FROM kv WHERE bucket IN (SELECT id FROM d))
		DELETE FROM kv_buckets WHERE id IN (SELECT id FROM d)`, b.id)
	batch.Queue("DELETE FROM kv WHERE bucket = $1 AND key = $2", root.id, name)
	batch.Queue("UPDATE kv_meta SET bucket_gen = bucket_gen + 1")
	batch.Queue("INSERT INTO kv_changes (bucket, keys) VALUES ($1, NULL)", [][]byte{name})
	if p := t.db.proj[string(name)]; p != nil && p.Clear != "" {
		batch.Queue(p.Clear)
	}
	if err := t.send(batch); err != nil {
		return err
	}
	t.changed = true
	t.genUp++
	prefix := b.pathKey
	for p, id := range t.byPath {
		if len(p) >= len(prefix) && p[:len(prefix)] == prefix {
			delete(t.states, id)
			delete(t.byPath, p)
		}
	}
	t.byPath[prefix] = 0
	t.learnt = map[string]int64{}
	return nil
}

// send runs a batch in the transaction; a failure poisons it.
func (t *tx) send(b *pgx.Batch) error {
	if b.Len() == 0 {
		return nil
	}
	t.flushes++
	if err := t.conn.SendBatch(t.ctx, b).Close(); err != nil {
		err = batchError("write", err)
		t.fail(err)
		return err
	}
	return nil
}

// flush sends the buffered writes to the server (still uncommitted).
func (t *tx) flush() error {
	b := &pgx.Batch{}
	if err := t.queueFlush(b); err != nil {
		return err
	}
	return t.send(b)
}

// queueFlush queues the statements writing the buffered writes, bucket
// creations, sequences, change rows and projections, and clears the
// buffers.
func (t *tx) queueFlush(b *pgx.Batch) error {
	if t.err != nil {
		return t.err
	}
	if len(t.created) > 0 {
		var ids, parents, seqs []int64
		var names [][]byte
		for _, c := range t.created {
			ids = append(ids, c.id)
			parents = append(parents, c.parent)
			names = append(names, c.name)
			seqs = append(seqs, int64(c.seq))
			c.seqDirty, c.fresh = false, false
		}
		b.Queue(`INSERT INTO kv_buckets (id, parent, name, seq)
			SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bytea[], $4::bigint[])`, ids, parents, names, seqs)
		t.created = nil
	}
	if t.idsUsed {
		// New buckets raise the generation too: a read transaction begun
		// earlier must not find them in the DB's cache.
		b.Queue("UPDATE kv_meta SET next_bucket = $1, bucket_gen = bucket_gen + 1", t.nextID)
		t.idsUsed = false
		t.genUp++
	}
	for _, bk := range t.dirty {
		if err := bk.queueWrites(b); err != nil {
			t.fail(err)
			return err
		}
		if len(bk.ov) > 0 {
			t.changed = true
		}
		bk.ov, bk.inDirty = nil, false
	}
	t.dirty, t.pending = nil, 0
	for _, bk := range t.states {
		if bk.seqDirty {
			b.Queue("UPDATE kv_buckets SET seq = $2 WHERE id = $1", bk.id, int64(bk.seq))
			bk.seqDirty = false
		}
	}
	return nil
}

// Commit sends the buffered writes and commits, in one round trip.
func (t *tx) Commit() error {
	if t.closed {
		return errors.New("pgkv: transaction closed")
	}
	if !t.writable {
		return kv.ErrTxNotWritable
	}
	defer t.end()
	b := &pgx.Batch{}
	if err := t.queueFlush(b); err != nil {
		return err
	}
	if t.changed {
		b.Queue("SELECT pg_notify('mtaa_kv', '')")
	}
	b.Queue("COMMIT")
	if err := t.conn.SendBatch(t.ctx, b).Close(); err != nil {
		return batchError("commit", err)
	}
	t.merge()
	return nil
}

// merge hands the bucket ids the transaction learnt to the DB's cache.
func (t *tx) merge() {
	t.db.cache.merge(t.gen+t.genUp, t.learnt)
}

func (t *tx) end() {
	t.closed = true
	t.release()
}

// Rollback discards the transaction; after Commit it does nothing.
func (t *tx) Rollback() error {
	if t.closed {
		return nil
	}
	if !t.writable {
		t.merge()
	}
	t.end()
	return nil
}

// pathKey extends a bucket path key by one name (length-prefixed, so
// that paths never collide).
func pathKey(parent string, name []byte) string {
	var n [binary.MaxVarintLen64]byte
	return parent + string(n[:binary.PutUvarint(n[:], uint64(len(name)))]) + string(name)
}

// incompatibleMsg is kv_check's message for a Put on a nested bucket's
// key, which batchError turns back into ErrIncompatibleValue.
const incompatibleMsg = "pgkv: put on a nested bucket's key"

// batchError wraps an error of a batch, with ErrIncompatibleValue for
// kv_check's failure.
func batchError(what string, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "P0001" && pe.Message == incompatibleMsg {
		return fmt.Errorf("pgkv: %s: %w: %w", what, ErrIncompatibleValue, err)
	}
	return fmt.Errorf("pgkv: %s: %w", what, err)
}
