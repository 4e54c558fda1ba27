package kv

import (
	"bytes"
	"fmt"
)

// copyBatch is the number of keys Copy writes per write transaction of
// the destination, bounding the memory of engines that buffer writes.
const copyBatch = 10000

// Copy copies every bucket of src, nested buckets and sequences included,
// into dst, reading src in one read transaction and writing dst in write
// transactions of copyBatch keys. A top-level bucket that already exists
// in dst is an error (ErrBucketExists): Copy fills an empty database, as
// `mtaa migrate` does from bbolt to PostgreSQL and back. When it fails
// part way, dst holds the buckets copied so far.
func Copy(dst, src DB) error {
	return src.View(func(stx Tx) error {
		w := &copier{db: dst}
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
	db   DB
	tx   Tx
	n    int
	open map[string]Bucket
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
		return fmt.Errorf("kv: copy: commit: %w", err)
	}
	return nil
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
			return fmt.Errorf("kv: copy: bucket %q: %w", path[0], err)
		}
	} else {
		parent, err := w.dst(path[:len(path)-1])
		if err != nil {
			return err
		}
		if _, err := parent.CreateBucketIfNotExists(path[len(path)-1]); err != nil {
			return fmt.Errorf("kv: copy: bucket %q: %w", path, err)
		}
	}
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
			return fmt.Errorf("kv: copy: put %q in %q: %w", k, path, err)
		}
		if w.n++; w.n >= copyBatch {
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
		return fmt.Errorf("kv: copy: sequence of %q: %w", path, err)
	}
	return nil
}
