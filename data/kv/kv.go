// Package kv is the storage engine under package data: named buckets of
// byte keys kept in byte order, read and written in transactions, with the
// semantics of bbolt (go.etcd.io/bbolt), which is the default engine
// (package boltkv). Package pgkv keeps the same buckets in PostgreSQL so
// that several mtaa servers can share one database. Package data holds
// every rule about reports, accounts and messages and speaks only to
// these interfaces, so both engines keep the same guarantees.
//
// The contract, as bbolt defines it:
//   - Write transactions are serializable: while one runs, no other write
//     transaction of any process on the same database commits.
//   - A read transaction sees one consistent snapshot until it ends.
//   - A write transaction reads its own writes, including through cursors.
//   - Slices returned by Get and cursors are valid until the transaction
//     ends and must not be modified.
//   - Nothing of a transaction is visible to others before Commit returns
//     nil, and all of it is durable when it does.
//   - A goroutine holding a read transaction must not wait for a write
//     transaction to commit: bbolt's commit may have to grow its memory
//     map, which waits until every read transaction has ended.
package kv

import "errors"

// ErrTxNotWritable is returned by writes in a read transaction.
var ErrTxNotWritable = errors.New("kv: transaction not writable")

// ErrBucketExists is returned by CreateBucket for a bucket that exists.
var ErrBucketExists = errors.New("kv: bucket already exists")

// ErrBucketNotFound is returned by DeleteBucket for a missing bucket.
var ErrBucketNotFound = errors.New("kv: bucket not found")

// ErrReadOnly is returned by a write transaction begun on a database
// opened read-only.
var ErrReadOnly = errors.New("kv: database is read-only")

// ErrClosed is returned by a transaction begun on a closed database.
var ErrClosed = errors.New("kv: database closed")

// DB is one database.
type DB interface {
	// Begin starts a transaction; the caller must Commit or Rollback it.
	Begin(writable bool) (Tx, error)
	// Update runs fn in a write transaction, committed when fn returns nil
	// and rolled back otherwise.
	Update(fn func(Tx) error) error
	// View runs fn in a read transaction.
	View(fn func(Tx) error) error
	// Close releases the database; transactions must have ended.
	Close() error
}

// Tx is one transaction.
type Tx interface {
	// Writable reports whether the transaction may write.
	Writable() bool
	// Bucket returns the top-level bucket name, or nil when it does not exist.
	Bucket(name []byte) Bucket
	// CreateBucket creates a top-level bucket; ErrBucketExists if it exists.
	CreateBucket(name []byte) (Bucket, error)
	// CreateBucketIfNotExists returns the top-level bucket name, creating it
	// when missing.
	CreateBucketIfNotExists(name []byte) (Bucket, error)
	// DeleteBucket removes a top-level bucket and everything in it.
	DeleteBucket(name []byte) error
	// ForEachBucket calls fn with the name of every top-level bucket in
	// byte order.
	ForEachBucket(fn func(name []byte) error) error
	// Commit makes the writes durable and visible; a read transaction
	// cannot be committed.
	Commit() error
	// Rollback discards the transaction; after Commit it does nothing.
	Rollback() error
}

// Bucket is a set of keys in byte order, possibly holding nested buckets.
type Bucket interface {
	// Get returns the value of key, or nil when there is none (or when key
	// names a nested bucket).
	Get(key []byte) []byte
	// GetMany returns the value of each of keys, as Get would, in the
	// order of keys: one query for all of them where the engine queries a
	// server (PostgreSQL), instead of one per key.
	GetMany(keys [][]byte) [][]byte
	// Put sets the value of key; the key must not be empty.
	Put(key, value []byte) error
	// Delete removes key; a missing key is not an error.
	Delete(key []byte) error
	// Cursor iterates over the keys in byte order.
	Cursor() Cursor
	// ForEach calls fn with every key and value in byte order (a nested
	// bucket's value is nil); fn must not change the bucket.
	ForEach(fn func(k, v []byte) error) error
	// NextSequence increments and returns the bucket's sequence.
	NextSequence() (uint64, error)
	// Sequence returns the bucket's sequence without changing it.
	Sequence() uint64
	// SetSequence sets the bucket's sequence.
	SetSequence(v uint64) error
	// KeyCount is the number of keys in the bucket, nested ones included.
	// Use it in read transactions: in a write transaction bbolt counts
	// the committed keys only, not the transaction's own changes.
	KeyCount() int
	// Bucket returns the nested bucket name, or nil.
	Bucket(name []byte) Bucket
	// CreateBucketIfNotExists returns the nested bucket name, creating it
	// when missing.
	CreateBucketIfNotExists(name []byte) (Bucket, error)
}

// Cursor walks a bucket's keys in byte order. A nil key means the end.
type Cursor interface {
	// First moves to the first key.
	First() (key, value []byte)
	// Last moves to the last key.
	Last() (key, value []byte)
	// Seek moves to the first key at or after seek.
	Seek(seek []byte) (key, value []byte)
	// Next moves to the next key.
	Next() (key, value []byte)
	// Prev moves to the previous key.
	Prev() (key, value []byte)
	// Delete removes the key under the cursor. The cursor's position is
	// then undefined: bbolt's Next after Delete skips a key when the page
	// was changed in the same transaction (etcd-io/bbolt#146), so move it
	// with First, Last or Seek before reading on.
	Delete() error
}
