package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// With several servers on one database the compiled extract file
// (ExtractFileName) is imported once and kept in the database, in chunks,
// so that every server writes it into its data directory and loads it
// from there:
//
//	extract_file: chunk number (8 bytes) → up to extractChunk bytes
//	meta "extract_file_version": hex SHA-256 of the whole file
//
// A lease (bucket leases, key "extract_import") lets one server import
// while the others wait for the result.
var (
	bucketExtractFile     = []byte("extract_file")
	keyExtractFileVersion = []byte("extract_file_version")
	leases                = expiringBucket{name: []byte("leases"), byExpiry: []byte("leases_expiry")}
)

// extractChunk is the size of one stored piece of the extract file.
const extractChunk = 1 << 20

// ErrNoSharedExtract is returned by WriteSharedExtract when the database
// holds no extract file.
var ErrNoSharedExtract = errors.New("data: no extract in the database")

// ExtractVersion is the version of an extract file's bytes, as kept with
// it in the database: their SHA-256 in hex.
func ExtractVersion(file []byte) string {
	sum := sha256.Sum256(file)
	return hex.EncodeToString(sum[:])
}

// SharedExtractVersion returns the version (hex SHA-256) of the extract
// file kept in the database, or "" when there is none.
func (s *Store) SharedExtractVersion() (string, error) {
	var v string
	err := s.db.View(func(tx kv.Tx) error {
		if m := tx.Bucket(bucketMeta); m != nil {
			v = string(m.Get(keyExtractFileVersion))
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("shared extract version: %w", err)
	}
	return v, nil
}

// PutSharedExtract keeps the extract file at path in the database,
// replacing any, in one write transaction, and returns its version.
func (s *Store) PutSharedExtract(ctx context.Context, path string) (string, error) {
	b, version, err := readExtractFile(path)
	if err != nil {
		return "", err
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	err = s.w.submit(&writeOp{apply: func(tx kv.Tx) error { return putSharedExtract(tx, b, version) }})
	if err != nil {
		return "", fmt.Errorf("keep extract in the database: %w", err)
	}
	return version, nil
}

// PutSharedExtractIn is PutSharedExtract on a database no store is open
// on in this process (mtaa import --store replacing the extract of
// running servers, which each notice the new version and load it).
func PutSharedExtractIn(db kv.DB, path string) (string, error) {
	b, version, err := readExtractFile(path)
	if err != nil {
		return "", err
	}
	err = db.Update(func(tx kv.Tx) error {
		if tx.Bucket(bucketMeta) == nil {
			return errors.New("no mtaa server has opened this database yet (start the first one with --osm FILE: it imports the extract)")
		}
		return putSharedExtract(tx, b, version)
	})
	if err != nil {
		return "", fmt.Errorf("keep extract in the database: %w", storageError(err))
	}
	return version, nil
}

func readExtractFile(path string) ([]byte, string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("keep extract in the database: %w", err)
	}
	return b, ExtractVersion(b), nil
}

// putSharedExtract replaces the extract file kept in the database by b.
func putSharedExtract(tx kv.Tx, b []byte, version string) error {
	if tx.Bucket(bucketExtractFile) != nil {
		if err := tx.DeleteBucket(bucketExtractFile); err != nil {
			return err
		}
	}
	chunks, err := tx.CreateBucket(bucketExtractFile)
	if err != nil {
		return err
	}
	for i := 0; i*extractChunk < len(b); i++ {
		if err := chunks.Put(idKey(uint64(i)), b[i*extractChunk:min(len(b), (i+1)*extractChunk)]); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Put(keyExtractFileVersion, []byte(version))
}

// WriteSharedExtract writes the extract file kept in the database to
// dir/ExtractFileName, through a temporary file renamed into place, and
// returns its version; ErrNoSharedExtract when there is none.
func (s *Store) WriteSharedExtract(dir string) (string, error) {
	var buf bytes.Buffer
	var version string
	err := s.db.View(func(tx kv.Tx) error {
		m, chunks := tx.Bucket(bucketMeta), tx.Bucket(bucketExtractFile)
		if m == nil || chunks == nil || m.Get(keyExtractFileVersion) == nil {
			return ErrNoSharedExtract
		}
		version = string(m.Get(keyExtractFileVersion))
		return chunks.ForEach(func(_, v []byte) error {
			buf.Write(v)
			return nil
		})
	})
	if err != nil {
		return "", fmt.Errorf("write the database's extract: %w", err)
	}
	if ExtractVersion(buf.Bytes()) != version {
		return "", fmt.Errorf("write the database's extract: %w: its chunks do not match version %s", ErrCorrupt, version)
	}
	f, err := os.CreateTemp(dir, ".osm-shared-*.tmp")
	if err != nil {
		return "", fmt.Errorf("write the database's extract: %w", storageError(err))
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	_, werr := io.Copy(f, &buf)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return "", fmt.Errorf("write the database's extract: %w", storageError(err))
	}
	if err := os.Rename(tmp, filepath.Join(dir, ExtractFileName)); err != nil {
		return "", fmt.Errorf("write the database's extract: %w", storageError(err))
	}
	return version, nil
}

// ClaimLease takes the lease name for owner until now+d, in one write
// transaction, and reports whether it did: it is free, expired, or
// already owner's (then it is extended). Servers sharing a database use it
// so that one of them does a job (importing the extract) while the
// others wait.
func (s *Store) ClaimLease(ctx context.Context, name, owner string, now time.Time, d time.Duration) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	got := false
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		got = false
		if cur := leases.get(tx, []byte(name), now); cur != nil && string(cur) != owner {
			return nil
		}
		got = true
		return leases.put(tx, []byte(name), []byte(owner), now.Add(d), now)
	}})
	if err != nil {
		return false, fmt.Errorf("claim lease %s: %w", name, err)
	}
	return got, nil
}
