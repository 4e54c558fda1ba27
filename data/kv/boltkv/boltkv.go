// Package boltkv is the bbolt engine of package kv: a thin adapter that
// gives go.etcd.io/bbolt's DB, Tx, Bucket and Cursor the kv interfaces.
// The adapter types are bbolt's own values under new names, so wrapping
// costs no allocation, and every method is bbolt's, so the semantics are
// bbolt's. bbolt's errors are returned unchanged except that those kv
// names (kv.ErrTxNotWritable, kv.ErrBucketExists, kv.ErrBucketNotFound,
// kv.ErrReadOnly, kv.ErrClosed) are added to the chain.
//
// Beyond kv, the types keep what only a database in one file has: the
// file's path, the size and a copy of a snapshot, and bbolt's consistency
// check.
package boltkv

import (
	"errors"
	"fmt"
	"io"
	"os"

	bolt "go.etcd.io/bbolt"

	"github.com/mtaa-project/mtaa/data/kv"
)

// DB is a bbolt database.
type DB bolt.DB

// Tx is a bbolt transaction.
type Tx bolt.Tx

// Bucket is a bbolt bucket.
type Bucket bolt.Bucket

// Cursor is a bbolt cursor.
type Cursor bolt.Cursor

var (
	_ kv.DB     = (*DB)(nil)
	_ kv.Tx     = (*Tx)(nil)
	_ kv.Bucket = (*Bucket)(nil)
	_ kv.Cursor = (*Cursor)(nil)
)

// Open opens (or creates) the bbolt file at path with bbolt's options.
func Open(path string, mode os.FileMode, opts *bolt.Options) (*DB, error) {
	db, err := bolt.Open(path, mode, opts)
	if err != nil {
		return nil, err
	}
	return (*DB)(db), nil
}

// Wrap gives an open bbolt database the kv interfaces.
func Wrap(db *bolt.DB) *DB { return (*DB)(db) }

// Bolt returns the bbolt database under db.
func (db *DB) Bolt() *bolt.DB { return (*bolt.DB)(db) }

// Begin starts a transaction.
func (db *DB) Begin(writable bool) (kv.Tx, error) {
	tx, err := db.Bolt().Begin(writable)
	if err != nil {
		return nil, convert(err)
	}
	return (*Tx)(tx), nil
}

// Update runs fn in a write transaction.
func (db *DB) Update(fn func(kv.Tx) error) error {
	return convert(db.Bolt().Update(func(tx *bolt.Tx) error { return fn((*Tx)(tx)) }))
}

// View runs fn in a read transaction.
func (db *DB) View(fn func(kv.Tx) error) error {
	return convert(db.Bolt().View(func(tx *bolt.Tx) error { return fn((*Tx)(tx)) }))
}

// Close closes the file.
func (db *DB) Close() error { return db.Bolt().Close() }

// Path is the database file's path.
func (db *DB) Path() string { return db.Bolt().Path() }

// IsReadOnly reports whether the file was opened read-only.
func (db *DB) IsReadOnly() bool { return db.Bolt().IsReadOnly() }

func (tx *Tx) bolt() *bolt.Tx { return (*bolt.Tx)(tx) }

// Writable reports whether the transaction may write.
func (tx *Tx) Writable() bool { return tx.bolt().Writable() }

// Bucket returns the top-level bucket name, or nil.
func (tx *Tx) Bucket(name []byte) kv.Bucket { return bucket(tx.bolt().Bucket(name)) }

// CreateBucket creates a top-level bucket.
func (tx *Tx) CreateBucket(name []byte) (kv.Bucket, error) {
	b, err := tx.bolt().CreateBucket(name)
	if err != nil {
		return nil, convert(err)
	}
	return (*Bucket)(b), nil
}

// CreateBucketIfNotExists returns the top-level bucket name, creating it
// when missing.
func (tx *Tx) CreateBucketIfNotExists(name []byte) (kv.Bucket, error) {
	b, err := tx.bolt().CreateBucketIfNotExists(name)
	if err != nil {
		return nil, convert(err)
	}
	return (*Bucket)(b), nil
}

// DeleteBucket removes a top-level bucket.
func (tx *Tx) DeleteBucket(name []byte) error { return convert(tx.bolt().DeleteBucket(name)) }

// ForEachBucket calls fn with the name of every top-level bucket.
func (tx *Tx) ForEachBucket(fn func(name []byte) error) error {
	return tx.bolt().ForEach(func(name []byte, _ *bolt.Bucket) error { return fn(name) })
}

// Commit writes the transaction to the file and fsyncs it.
func (tx *Tx) Commit() error { return convert(tx.bolt().Commit()) }

// Rollback discards the transaction. After Commit it does nothing.
func (tx *Tx) Rollback() error {
	if err := tx.bolt().Rollback(); err != nil && !errors.Is(err, bolt.ErrTxClosed) {
		return err
	}
	return nil
}

// Size is the size in bytes of the database file as this transaction
// sees it.
func (tx *Tx) Size() int64 { return tx.bolt().Size() }

// WriteTo writes the file as this transaction sees it to w (a
// consistent copy while others keep writing).
func (tx *Tx) WriteTo(w io.Writer) (int64, error) { return tx.bolt().WriteTo(w) }

// Check runs bbolt's consistency check over the file and sends each
// problem found; the channel is closed when the check ends.
func (tx *Tx) Check() <-chan error { return tx.bolt().Check() }

// bucket converts b, keeping a missing bucket a nil interface.
func bucket(b *bolt.Bucket) kv.Bucket {
	if b == nil {
		return nil
	}
	return (*Bucket)(b)
}

func (b *Bucket) bolt() *bolt.Bucket { return (*bolt.Bucket)(b) }

// Get returns the value of key, or nil.
func (b *Bucket) Get(key []byte) []byte { return b.bolt().Get(key) }

// GetMany returns the value of each of keys, looked up one by one (the
// file is in memory: there is nothing to gain from one lookup for all).
func (b *Bucket) GetMany(keys [][]byte) [][]byte {
	vals := make([][]byte, len(keys))
	for i, k := range keys {
		vals[i] = b.bolt().Get(k)
	}
	return vals
}

// Put sets the value of key.
func (b *Bucket) Put(key, value []byte) error { return convert(b.bolt().Put(key, value)) }

// Delete removes key.
func (b *Bucket) Delete(key []byte) error { return convert(b.bolt().Delete(key)) }

// Cursor iterates over the keys in byte order.
func (b *Bucket) Cursor() kv.Cursor { return (*Cursor)(b.bolt().Cursor()) }

// ForEach calls fn with every key and value in byte order.
func (b *Bucket) ForEach(fn func(k, v []byte) error) error { return b.bolt().ForEach(fn) }

// NextSequence increments and returns the bucket's sequence.
func (b *Bucket) NextSequence() (uint64, error) {
	n, err := b.bolt().NextSequence()
	return n, convert(err)
}

// Sequence returns the bucket's sequence.
func (b *Bucket) Sequence() uint64 { return b.bolt().Sequence() }

// SetSequence sets the bucket's sequence.
func (b *Bucket) SetSequence(v uint64) error { return convert(b.bolt().SetSequence(v)) }

// KeyCount is the number of keys in the bucket, nested buckets included
// (bbolt's Stats().KeyN, which walks the bucket's pages).
func (b *Bucket) KeyCount() int { return b.bolt().Stats().KeyN }

// Bucket returns the nested bucket name, or nil.
func (b *Bucket) Bucket(name []byte) kv.Bucket { return bucket(b.bolt().Bucket(name)) }

// CreateBucketIfNotExists returns the nested bucket name, creating it
// when missing.
func (b *Bucket) CreateBucketIfNotExists(name []byte) (kv.Bucket, error) {
	nb, err := b.bolt().CreateBucketIfNotExists(name)
	if err != nil {
		return nil, convert(err)
	}
	return (*Bucket)(nb), nil
}

func (c *Cursor) bolt() *bolt.Cursor { return (*bolt.Cursor)(c) }

// First moves to the first key.
func (c *Cursor) First() (key, value []byte) { return c.bolt().First() }

// Last moves to the last key.
func (c *Cursor) Last() (key, value []byte) { return c.bolt().Last() }

// Seek moves to the first key at or after seek.
func (c *Cursor) Seek(seek []byte) (key, value []byte) { return c.bolt().Seek(seek) }

// Next moves to the next key.
func (c *Cursor) Next() (key, value []byte) { return c.bolt().Next() }

// Prev moves to the previous key.
func (c *Cursor) Prev() (key, value []byte) { return c.bolt().Prev() }

// Delete removes the key under the cursor.
func (c *Cursor) Delete() error { return convert(c.bolt().Delete()) }

// convert adds the kv sentinel matching a bbolt error to its chain.
func convert(err error) error {
	if err == nil {
		return nil
	}
	var sentinel error
	switch {
	case errors.Is(err, bolt.ErrTxNotWritable):
		sentinel = kv.ErrTxNotWritable
	case errors.Is(err, bolt.ErrBucketExists):
		sentinel = kv.ErrBucketExists
	case errors.Is(err, bolt.ErrBucketNotFound):
		sentinel = kv.ErrBucketNotFound
	case errors.Is(err, bolt.ErrDatabaseReadOnly):
		sentinel = kv.ErrReadOnly
	case errors.Is(err, bolt.ErrDatabaseNotOpen):
		sentinel = kv.ErrClosed
	default:
		return err
	}
	if errors.Is(err, sentinel) {
		return err
	}
	return fmt.Errorf("%w: %w", sentinel, err)
}

// SetFillPercent sets how full bbolt fills the bucket's pages when it
// splits them (bbolt's Bucket.FillPercent, 0.5 by default, for this
// transaction): near 1 for keys appended in order.
func (b *Bucket) SetFillPercent(f float64) { b.bolt().FillPercent = f }
