package data

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/paulmach/orb"
	bolt "go.etcd.io/bbolt"
)

// Buckets of the extract file: "meta" holds the ExtractMeta under key
// "extract"; "features" holds one sub-bucket per kind (named by the kind's
// byte) whose keys are big-endian sequence numbers in import order.
var (
	bucketExtractFeatures = []byte("features")
	keyExtractMeta        = []byte("extract")
)

// extractBatch is how many features share one write transaction.
const extractBatch = 10_000

// ExtractWriter writes a new extract into a temporary file next to its
// final path. Nothing is visible at the final path until Commit renames
// the finished file over it, so a failed or interrupted import leaves the
// previous extract intact. An ExtractWriter is not safe for concurrent use.
type ExtractWriter struct {
	db      *bolt.DB
	tmp     string
	final   string
	seq     [256]uint64
	pending []pendingFeature
	arena   []byte
	counts  map[FeatureKind]int
	bound   orb.Bound
	empty   bool
	done    bool
}

type pendingFeature struct {
	kind       FeatureKind
	start, end int
}

// CreateExtract starts a new extract that Commit will move to
// dir/ExtractFileName.
func CreateExtract(dir string) (*ExtractWriter, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create extract: %w", storageError(err))
	}
	f, err := os.CreateTemp(dir, ".osm-*.db.tmp")
	if err != nil {
		return nil, fmt.Errorf("create extract: %w", storageError(err))
	}
	tmp := f.Name()
	f.Close()
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{
		Timeout:        time.Second,
		NoSync:         true, // one fsync in Commit instead of one per batch
		NoFreelistSync: true,
		FreelistType:   bolt.FreelistMapType,
	})
	if err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("create extract %s: %w", tmp, storageError(err))
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucket(bucketMeta); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bucketExtractFeatures)
		return err
	})
	if err != nil {
		db.Close()
		os.Remove(tmp)
		return nil, fmt.Errorf("create extract %s: %w", tmp, storageError(err))
	}
	return &ExtractWriter{db: db, tmp: tmp, final: filepath.Join(dir, ExtractFileName),
		counts: make(map[FeatureKind]int), empty: true}, nil
}

// Add queues f for writing; every 10,000 features are written in one
// transaction. f may be reused by the caller after Add returns.
func (w *ExtractWriter) Add(f *OSMFeature) error {
	if !f.Kind.Valid() {
		return fmt.Errorf("add %s: invalid kind %d", f.Ref(), f.Kind)
	}
	start := len(w.arena)
	var err error
	w.arena, err = appendFeature(w.arena, f)
	if err != nil {
		return err
	}
	w.pending = append(w.pending, pendingFeature{kind: f.Kind, start: start, end: len(w.arena)})
	w.counts[f.Kind]++
	if w.empty {
		w.bound, w.empty = f.Point.Bound(), false
	}
	w.extend(f.Point)
	switch g := f.Geometry.(type) {
	case orb.LineString:
		w.extendAll(g)
	case orb.Polygon:
		w.extendAll(g[0]) // holes lie inside the shell
	case orb.MultiPolygon:
		for _, p := range g {
			w.extendAll(p[0])
		}
	}
	if len(w.pending) >= extractBatch {
		return w.flush()
	}
	return nil
}

func (w *ExtractWriter) extend(p orb.Point) {
	b := &w.bound
	b.Min[0], b.Min[1] = min(b.Min[0], p[0]), min(b.Min[1], p[1])
	b.Max[0], b.Max[1] = max(b.Max[0], p[0]), max(b.Max[1], p[1])
}

func (w *ExtractWriter) extendAll(ps []orb.Point) {
	for _, p := range ps {
		w.extend(p)
	}
}

func (w *ExtractWriter) flush() error {
	if len(w.pending) == 0 {
		return nil
	}
	err := w.db.Update(func(tx *bolt.Tx) error {
		root := tx.Bucket(bucketExtractFeatures)
		var buckets [256]*bolt.Bucket
		var key [8]byte
		for _, p := range w.pending {
			b := buckets[p.kind]
			if b == nil {
				var err error
				b, err = root.CreateBucketIfNotExists([]byte{byte(p.kind)})
				if err != nil {
					return err
				}
				b.FillPercent = 1 // keys only ever grow
				buckets[p.kind] = b
			}
			w.seq[p.kind]++
			binary.BigEndian.PutUint64(key[:], w.seq[p.kind])
			if err := b.Put(key[:], w.arena[p.start:p.end]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("write extract %s: %w", w.tmp, storageError(err))
	}
	w.pending = w.pending[:0]
	w.arena = w.arena[:0]
	return nil
}

// Counts returns the number of features added so far, per kind.
func (w *ExtractWriter) Counts() map[FeatureKind]int {
	out := make(map[FeatureKind]int, len(w.counts))
	for k, v := range w.counts {
		out[k] = v
	}
	return out
}

// Commit writes the remaining features and meta, completing meta's
// FormatVersion, Counts and Bound, makes the file durable and renames it
// over dir/ExtractFileName. It returns the completed meta.
func (w *ExtractWriter) Commit(meta ExtractMeta) (ExtractMeta, error) {
	if w.done {
		return meta, fmt.Errorf("commit extract: %w", ErrClosed)
	}
	fail := func(err error) (ExtractMeta, error) {
		w.Abort()
		return meta, err
	}
	if err := w.flush(); err != nil {
		return fail(err)
	}
	meta.FormatVersion = ExtractFormatVersion
	meta.Counts = make(map[string]int, len(w.counts))
	for k, n := range w.counts {
		meta.Counts[k.String()] = n
	}
	if !w.empty {
		meta.Bound = [4]float64{w.bound.Min[0], w.bound.Min[1], w.bound.Max[0], w.bound.Max[1]}
	}
	mb, err := json.Marshal(&meta)
	if err != nil {
		return fail(fmt.Errorf("commit extract: %w", err))
	}
	err = w.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyExtractMeta, mb) })
	if err != nil {
		return fail(fmt.Errorf("commit extract %s: %w", w.tmp, storageError(err)))
	}
	if err := w.db.Sync(); err != nil {
		return fail(fmt.Errorf("sync extract %s: %w", w.tmp, storageError(err)))
	}
	if err := w.db.Close(); err != nil {
		return fail(fmt.Errorf("close extract %s: %w", w.tmp, storageError(err)))
	}
	w.done = true
	if err := os.Rename(w.tmp, w.final); err != nil {
		os.Remove(w.tmp)
		return meta, fmt.Errorf("install extract %s: %w", w.final, storageError(err))
	}
	if err := syncDir(filepath.Dir(w.final)); err != nil {
		return meta, fmt.Errorf("install extract %s: %w", w.final, storageError(err))
	}
	return meta, nil
}

// Abort discards the unfinished extract. It is safe to call after Commit
// (it then does nothing) and more than once.
func (w *ExtractWriter) Abort() {
	if w.done {
		return
	}
	w.done = true
	w.db.Close()
	os.Remove(w.tmp)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Extract is a read-only view of an extract file.
type Extract struct {
	db   *bolt.DB
	meta ExtractMeta
}

// ErrNoExtract is returned by OpenExtract when no extract has been
// imported yet.
var ErrNoExtract = errors.New("data: no OSM extract imported")

// OpenExtract opens the extract file at path read-only.
func OpenExtract(path string) (*Extract, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("open extract %s: %w", path, ErrNoExtract)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: 2 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("open extract %s: %w", path, err)
	}
	e := &Extract{db: db}
	err = db.View(func(tx *bolt.Tx) error {
		mb := tx.Bucket(bucketMeta)
		if mb == nil || tx.Bucket(bucketExtractFeatures) == nil {
			return fmt.Errorf("%w: not an extract file", ErrCorrupt)
		}
		v := mb.Get(keyExtractMeta)
		if v == nil {
			return fmt.Errorf("%w: no extract meta", ErrCorrupt)
		}
		if err := json.Unmarshal(v, &e.meta); err != nil {
			return fmt.Errorf("%w: extract meta: %w", ErrCorrupt, err)
		}
		if e.meta.FormatVersion < minExtractFormatVersion || e.meta.FormatVersion > ExtractFormatVersion {
			return fmt.Errorf("extract format version %d, this mtaa reads %d: import the file again",
				e.meta.FormatVersion, ExtractFormatVersion)
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open extract %s: %w", path, err)
	}
	return e, nil
}

// Meta returns the extract's meta record.
func (e *Extract) Meta() ExtractMeta { return e.meta }

// Close closes the file.
func (e *Extract) Close() error {
	if err := e.db.Close(); err != nil {
		return fmt.Errorf("close extract: %w", err)
	}
	return nil
}

// ForEach calls fn with every stored feature of the given kinds (all kinds
// when none are given), kind by kind in import order. The feature is fn's
// to keep. It stops at and returns fn's first error.
func (e *Extract) ForEach(fn func(*OSMFeature) error, kinds ...FeatureKind) error {
	if len(kinds) == 0 {
		kinds = FeatureKinds
	}
	return e.db.View(func(tx *bolt.Tx) error {
		root := tx.Bucket(bucketExtractFeatures)
		for _, k := range kinds {
			b := root.Bucket([]byte{byte(k)})
			if b == nil {
				continue
			}
			c := b.Cursor()
			for key, v := c.First(); key != nil; key, v = c.Next() {
				f, err := decodeFeature(v)
				if err != nil {
					return fmt.Errorf("read %s feature %d: %w", k, binary.BigEndian.Uint64(key), err)
				}
				if err := fn(f); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// BoundOrb returns the meta's bound as an orb.Bound.
func (m *ExtractMeta) BoundOrb() orb.Bound {
	return orb.Bound{Min: orb.Point{m.Bound[0], m.Bound[1]}, Max: orb.Point{m.Bound[2], m.Bound[3]}}
}

// RemoveStaleExtracts deletes the temporary files of extract imports that
// were killed before Commit or Abort (dir/.osm-*.db.tmp), and returns
// their names. A file an import still writes is locked by it (bbolt holds
// an exclusive flock) and is left alone.
func RemoveStaleExtracts(dir string) ([]string, error) {
	names, err := filepath.Glob(filepath.Join(dir, ".osm-*.db.tmp"))
	if err != nil {
		return nil, fmt.Errorf("stale extracts in %s: %w", dir, err)
	}
	var removed []string
	for _, name := range names {
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			continue // gone meanwhile, or not ours to touch
		}
		if heldByImport(f) {
			f.Close() // a running import holds it
			continue
		}
		err = os.Remove(name)
		f.Close()
		if err != nil {
			return removed, fmt.Errorf("remove stale extract %s: %w", name, err)
		}
		removed = append(removed, name)
	}
	return removed, nil
}
