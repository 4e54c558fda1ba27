package data

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/boltkv"
)

// Moving a deployment between engines (mtaa migrate, and backups of a
// PostgreSQL store): the whole database, every bucket, is copied by
// kv.Copy into an empty one, so that accounts, sessions, SMS
// conversations, the outbox and the audit log move with the reports,
// byte for byte.

// CreateFile creates an empty database file in dir (made if missing) to
// copy a store into (CopyTo). A database already in dir is refused with
// ErrNotEmpty. The caller closes the returned engine, then opens the
// store with Open.
func CreateFile(dir string) (kv.DB, error) {
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("create %s: %w: the directory already holds a database", path, ErrNotEmpty)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create %s: %w", path, storageError(err))
	}
	// O_EXCL: two copies into one directory cannot both create the file.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, storageError(err))
	}
	f.Close()
	db, err := boltkv.Open(path, 0o600, boltOptions(Options{}))
	if err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("create %s: %w", path, storageError(err))
	}
	return db, nil
}

// CopyTo copies the store's whole database into dst, an engine that
// holds no bucket yet (else ErrNotEmpty, naming them), reading the store
// in one read transaction: a consistent snapshot, also while it serves.
// Into a *PostgresDB, the reports table is written with the records and
// recorded as written with dst's rules, so that opening it does not write
// it again, and the copy is one write transaction: a copy that fails
// leaves the database empty (a copy into a file is written in batches,
// bbolt holding a transaction's writes in memory; the caller removes a
// failed one).
func (s *Store) CopyTo(dst kv.DB) error { return s.CopyToWith(dst, nil) }

// CopyToWith is CopyTo telling progress how far it is (see
// kv.CopyOptions.Progress).
func (s *Store) CopyToWith(dst kv.DB, progress func(kv.CopyProgress)) error {
	var buckets []string
	err := dst.View(func(tx kv.Tx) error {
		return tx.ForEachBucket(func(name []byte) error {
			buckets = append(buckets, string(name))
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("copy the store: read the target: %w", storageError(err))
	}
	if len(buckets) > 0 {
		if len(buckets) > 5 {
			buckets = append(buckets[:5], "…")
		}
		return fmt.Errorf("copy the store: %w: it holds %s", ErrNotEmpty, strings.Join(buckets, ", "))
	}
	_, oneTx := dst.(*PostgresDB)
	if err := kv.CopyWith(dst, s.db, kv.CopyOptions{OneTransaction: oneTx, Progress: progress}); err != nil {
		if errors.Is(err, kv.ErrBucketExists) {
			err = fmt.Errorf("%w: %w (written to meanwhile)", ErrNotEmpty, err)
		}
		return fmt.Errorf("copy the store: %w", storageError(err))
	}
	if pg, ok := dst.(*PostgresDB); ok {
		err := dst.Update(func(tx kv.Tx) error {
			meta := tx.Bucket(bucketMeta)
			if meta == nil {
				return fmt.Errorf("%w: no meta bucket", ErrCorrupt)
			}
			return meta.Put(keyProjection, bytes.Clone(pg.rules))
		})
		if err != nil {
			return fmt.Errorf("copy the store: %w", storageError(err))
		}
	}
	return nil
}
