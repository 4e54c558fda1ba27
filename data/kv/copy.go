package kv

import (
	"bytes"
	"fmt"
)

// copyBatch is the number of keys Copy writes per write transaction of
// the destination, bounding the memory of engines that buffer writes.
const copyBatch = 10000

// progressEvery is how many keys Copy copies between two calls of
// CopyOptions.Progress.
const progressEvery = 1000

// CopyOptions configures CopyWith.
type CopyOptions struct {
	// OneTransaction writes dst in a single write transaction, so that a
	// copy that fails leaves dst as it was. Only for engines that do not
	// keep a transaction's writes in memory (pgkv sends them as it goes;
	// bbolt would hold the whole copy).
	OneTransaction bool
	// Progress, if set, is told how far the copy is, every thousand keys
	// and at each bucket.
	Progress func(CopyProgress)
}

// CopyProgress is how far a copy is.
type CopyProgress struct {
	// Keys is the number of keys copied so far.
	Keys int64
	// Bucket is the path of the bucket being copied.
	Bucket [][]byte
}

// Copy copies every bucket of src, nested buckets and sequences included,
// into dst, reading src in one read transaction and writing dst in write
// transactions of copyBatch keys. A top-level bucket that already exists
// in dst is an error (ErrBucketExists): Copy fills an empty database, as
// `mtaa migrate` does from bbolt to PostgreSQL and back. When it fails
// part way, dst holds the buckets copied so far; the error names the
// bucket and key it failed at.
func Copy(dst, src DB) error { return CopyWith(dst, src, CopyOptions{}) }

// CopyWith is Copy with options.
func CopyWith(dst, src DB, opt CopyOptions) error {
	return src.View(func(stx Tx) error {
		w := &copier{db: dst, opt: opt}
		defer w.rollback()
		err := stx.ForEachBucket(func(name []byte) error {
			b := stx.Bucket(name)
			if b == nil {
				return fmt.Errorf("kv: copy: bucket %q vanished", name)
			}
			return w.bucket([][]byte{bytes.Clone(name)}, b)
		})
		if err != nil {
			return err
		}
		return w.commit()
	})
}

// copier writes into dst, committing every copyBatch keys; buckets are
// found again by path in each new transaction.
type copier struct {
	db    DB
	opt   CopyOptions
	tx    Tx
	n     int
	total int64
	open  map[string]Bucket
	// last is the last key put and its bucket, for errors.
	last     []byte
	lastPath [][]byte
}

func (w *copier) begin() error {
	if w.tx != nil {
		return nil
	}
	tx, err := w.db.Begin(true)
	if err != nil {
		return fmt.Errorf("kv: copy: %w", err)
	}
	w.tx, w.n, w.open = tx, 0, map[string]Bucket{}
	return nil
}

func (w *copier) commit() error {
	if w.tx == nil {
		return nil
	}
	err := w.tx.Commit()
	w.tx = nil
	if err != nil {
		if w.last != nil {
			return fmt.Errorf("kv: copy: commit of the keys up to %s in %s: %w", showKey(w.last), showPath(w.lastPath), err)
		}
		return fmt.Errorf("kv: copy: commit: %w", err)
	}
	return nil
}

// showKey prints a key for an error message: quoted, at most 48 bytes of
// it.
func showKey(k []byte) string {
	if len(k) <= 48 {
		return fmt.Sprintf("%q", k)
	}
	return fmt.Sprintf("%q… (%d bytes)", k[:48], len(k))
}

func showPath(path [][]byte) string {
	s := ""
	for i, p := range path {
		if i > 0 {
			s += "/"
		}
		s += string(p)
	}
	return fmt.Sprintf("bucket %q", s)
}

func (w *copier) progress(path [][]byte) {
	if w.opt.Progress != nil {
		w.opt.Progress(CopyProgress{Keys: w.total, Bucket: path})
	}
}

func (w *copier) rollback() {
	if w.tx != nil {
		w.tx.Rollback()
		w.tx = nil
	}
}

// dst returns the destination bucket at path in the current transaction.
func (w *copier) dst(path [][]byte) (Bucket, error) {
	if err := w.begin(); err != nil {
		return nil, err
	}
	key := fmt.Sprintf("%q", path)
	if b, ok := w.open[key]; ok {
		return b, nil
	}
	b := w.tx.Bucket(path[0])
	for _, name := range path[1:] {
		if b == nil {
			break
		}
		b = b.Bucket(name)
	}
	if b == nil {
		return nil, fmt.Errorf("kv: copy: bucket %q missing in the destination", path)
	}
	w.open[key] = b
	return b, nil
}

// bucket creates path in dst and copies src into it.
func (w *copier) bucket(path [][]byte, src Bucket) error {
	if err := w.begin(); err != nil {
		return err
	}
	if len(path) == 1 {
		if _, err := w.tx.CreateBucket(path[0]); err != nil {
			return fmt.Errorf("kv: copy: %s: %w", showPath(path), err)
		}
	} else {
		parent, err := w.dst(path[:len(path)-1])
		if err != nil {
			return err
		}
		if _, err := parent.CreateBucketIfNotExists(path[len(path)-1]); err != nil {
			return fmt.Errorf("kv: copy: %s: %w", showPath(path), err)
		}
	}
	w.progress(path)
	c := src.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v == nil {
			if nested := src.Bucket(k); nested != nil {
				if err := w.bucket(append(path[:len(path):len(path)], bytes.Clone(k)), nested); err != nil {
					return err
				}
				continue
			}
		}
		b, err := w.dst(path)
		if err != nil {
			return err
		}
		if err := b.Put(k, v); err != nil {
			return fmt.Errorf("kv: copy: put key %s in %s: %w", showKey(k), showPath(path), err)
		}
		w.last, w.lastPath = k, path
		if w.total++; w.total%progressEvery == 0 {
			w.progress(path)
		}
		if w.n++; w.n >= copyBatch && !w.opt.OneTransaction {
			if err := w.commit(); err != nil {
				return err
			}
		}
	}
	b, err := w.dst(path)
	if err != nil {
		return err
	}
	if err := b.SetSequence(src.Sequence()); err != nil {
		return fmt.Errorf("kv: copy: sequence of %s: %w", showPath(path), err)
	}
	return nil
}
