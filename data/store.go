package data

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/boltkv"
)

// Bucket names.
var (
	bucketMeta        = []byte("meta")
	bucketReports     = []byte("reports") // recordKey -> compact record (record.go)
	bucketIdempotency = []byte("idempotency")
)

var keySchema = []byte("schema")

// schemaVersion is the layout version of the whole file; Open refuses a
// file of any other layout. Version 1 kept a JSON record, a public feature
// and a summary per report, keyed by id; version 2 keeps one compact
// record keyed by place and id; version 3 adds bucketIncoming, where new
// reports wait to be moved to their place (record_staging.go). Open
// upgrades a version 2 file to 3 by adding the empty bucket (a version 2
// mtaa then refuses it: it would not see the staged reports).
const schemaVersion = 3

// upgradableVersion is the older layout Open upgrades in place.
const upgradableVersion = 2

// FileName is the name of the database file inside the data directory.
const FileName = "mtaa.db"

// Options configures a Store.
type Options struct {
	// MaxBatch caps how many writes share one transaction (default 256).
	MaxBatch int
	// OpenTimeout is how long Open waits for the file lock held by another
	// process (default 2 s).
	OpenTimeout time.Duration
	// ReadOnly opens the file for reading only (mtaa check): nothing is
	// written, not even the moves of staged reports a writable store does
	// when idle, and every write fails with ErrReadOnly. The file must
	// exist and be of the current layout.
	ReadOnly bool
	// Taxonomy gives the sensitive categories, whose reports are
	// generalised in public Features (privacy.go); nil means
	// DefaultTaxonomy.
	Taxonomy *Taxonomy
	// Shared says that other servers write to the same database: the
	// store remembers its own writes so that ApplyChanges, fed with the
	// engine's change feed, announces only the others' (feed.go).
	Shared bool

	// recordsInMemory keeps the records in memory on a file engine too
	// (tests of memory_records.go); other engines always do.
	recordsInMemory bool
}

// privacy returns the rules of public output for opts.Taxonomy
// (DefaultTaxonomy when nil).
func (opts Options) privacy() Privacy {
	if opts.Taxonomy == nil {
		return NewPrivacy(DefaultTaxonomy())
	}
	return NewPrivacy(opts.Taxonomy)
}

// Store is the report store, kept in a kv engine (bbolt by default), with
// its in-memory query index.
// It is safe for concurrent use.
type Store struct {
	db         kv.DB
	dir        string
	readOnly   bool
	index      *reportIndex
	w          *committer
	staging    stager
	reconciler atomic.Pointer[Reconciler]
	// loginMu serialises the logins of an account (user_login.go).
	loginMu [loginStripes]sync.Mutex
	// privacy decides what public Features show (privacy.go).
	privacy Privacy
	// publicTexts is at least the number of reports with a moderators'
	// public text (public_text.go): while it is 0, reads skip the lookup.
	// It never goes down (a removed text leaves it high: harmless).
	publicTexts atomic.Int64
	watch       watchers
	// settlementsChanged counts changes to drawn settlements
	// (settlement.go).
	settlementsChanged atomic.Uint64
	// updateMu runs report updates one at a time, so that each reads the
	// record key the previous one left in the index (a location
	// correction moves the key).
	updateMu sync.Mutex
	// own are this process's report writes not yet seen in the change
	// feed, when Options.Shared (feed.go).
	own *ownWrites
	// mem holds every report's record in memory on an engine that is
	// not a local file (memory_records.go); nil on bbolt.
	mem *memRecords
	// rates are the rate-limit keys that may have a stored bucket, on
	// such an engine too (ratelimit_keys.go); nil on bbolt.
	rates *rateKeys
}

// Open opens (or creates) the store in directory dir.
//
// A damaged file is refused with an error wrapping ErrCorrupt: Open checks
// that the file is as long as its pages say (a truncated file), then runs
// the full consistency check (Check) before the first write, because bbolt
// trusts its pages and a bad one only shows up later as a panic or a fault.
// The check reads every page: 0.25 to 0.85 s per million reports (an 898 MB
// file in the page cache, 2 shared cores; loading the index takes 0.55 to
// 1.5 s more). On a cold page cache the file is first read once from
// start to end (prefetch), which the check's page-by-page reads would
// otherwise do 4 KB at a time (1M reports: 1.4 s instead of 4.5). That is cheap
// enough to run at every open, which also covers unclean shutdowns (bbolt
// keeps no flag that would tell one).
// A file the process may not write (read-only file system, permissions) is
// refused with an error wrapping ErrReadOnly.
func Open(dir string, opts Options) (s *Store, err error) {
	if opts.MaxBatch <= 0 {
		opts.MaxBatch = 256
	}
	if opts.OpenTimeout <= 0 {
		opts.OpenTimeout = 2 * time.Second
	}
	path := filepath.Join(dir, FileName)
	if opts.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("open store %s read-only: %w", path, err)
		}
	} else if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	// bbolt panics on a page of the wrong type and a read past the end of a
	// truncated, memory-mapped file faults (SIGBUS). While opening, turn both
	// into ErrCorrupt instead of a crash: SetPanicOnFault makes the fault a
	// panic (for this goroutine only; restored on return) and recover catches
	// it. A panic inside bolt.Open leaves its file descriptor (and lock) open
	// until the process exits, which is what a refused start does next.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	var db *boltkv.DB
	defer func() {
		if v := recover(); v != nil {
			if db != nil {
				db.Close()
			}
			s, err = nil, fmt.Errorf("open store %s: %w: bbolt panicked: %v", path, ErrCorrupt, v)
		}
	}()
	// A file shorter than bbolt's two meta pages is a truncated database
	// (bbolt would say "file size too small"). An empty one too: bbolt
	// would initialise it as a new database and serve no reports and no
	// accounts, as if the data were gone (a file emptied by a bad copy or
	// restore); a new database is a data directory without the file.
	if fi, err := os.Stat(path); err == nil && fi.Size() < 2*int64(os.Getpagesize()) {
		what := fmt.Sprintf("file is truncated (%d bytes)", fi.Size())
		if fi.Size() == 0 {
			what = "file is empty (to start a new database instead, remove it)"
		}
		return nil, fmt.Errorf("open store %s: %w: %s", path, ErrCorrupt, what)
	}
	db, err = boltkv.Open(path, 0o600, boltOptions(opts))
	if err != nil {
		switch {
		case errors.Is(err, bolt.ErrTimeout):
			return nil, fmt.Errorf("open store %s: %w (%w)", path, ErrLocked, err)
		case errors.Is(err, bolt.ErrInvalid), errors.Is(err, bolt.ErrChecksum), errors.Is(err, bolt.ErrVersionMismatch):
			return nil, fmt.Errorf("open store %s: %w: %w", path, ErrCorrupt, err)
		}
		return nil, fmt.Errorf("open store %s: %w", path, storageError(err))
	}
	prefetch(path) // once the lock is ours: a refused open reads nothing
	// Verify the file before anything writes to it: first that it holds
	// every page up to the high-water mark its meta page records (a file
	// cut short faults on the missing pages), then every page (Check, in
	// openEngine).
	var want int64
	if err := db.Bolt().View(func(tx *bolt.Tx) error { want = tx.Size(); return nil }); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() < want {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w: file is truncated: %d bytes, its pages need %d", path, ErrCorrupt, fi.Size(), want)
	}
	return openEngine(db, dir, opts)
}

// boltOptions are the bbolt options of a database file opened with opts.
func boltOptions(opts Options) *bolt.Options {
	return &bolt.Options{
		ReadOnly:        opts.ReadOnly,
		Timeout:         opts.OpenTimeout,
		FreelistType:    bolt.FreelistMapType,
		InitialMmapSize: 64 << 20,
	}
}

// OpenEngine opens the store kept in db, an engine of package kv, and
// runs the same checks and start-up as Open: the engine's consistency
// check when it has one, the layout check or creation, the index load.
// dir is the data directory for what is not kept in db (photos, the
// extract). The store owns db from then on: Close closes it, and so does
// a failed OpenEngine. With opts.ReadOnly the store itself writes nothing
// (no layout upgrade, no moves of staged reports); db should be opened
// read-only as well, so that other writes fail with ErrReadOnly.
// opts.OpenTimeout is the engine's business and not used here. Given a
// *PostgresDB, a writable store also writes the reports table again when
// the rules it was written with changed (postgres.go).
func OpenEngine(db kv.DB, dir string, opts Options) (*Store, error) {
	if opts.MaxBatch <= 0 {
		opts.MaxBatch = 256
	}
	return openEngine(db, dir, opts)
}

func openEngine(db kv.DB, dir string, opts Options) (*Store, error) {
	s := &Store{db: db, dir: dir, readOnly: opts.ReadOnly, index: newReportIndex(), privacy: opts.privacy()}
	if opts.Shared {
		s.own = &ownWrites{ids: map[uint64]uint64{}}
	}
	if _, file := db.(fileDB); !file || opts.recordsInMemory {
		s.mem = newMemRecords()
		s.rates = newRateKeys(func() (map[string]bool, error) { return s.liveRateKeys(time.Now()) })
	}
	if err := s.Check(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store: %w: %w", ErrCorrupt, err)
	}
	if err := s.init(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", s.Path(), err)
	}
	if s.rates != nil {
		if err := s.rates.load(); err != nil {
			db.Close()
			return nil, fmt.Errorf("open store %s: rate limits: %w", s.Path(), err)
		}
	}
	if pg, ok := db.(*PostgresDB); ok && !opts.ReadOnly {
		if err := s.syncProjection(pg.rules); err != nil {
			db.Close()
			return nil, fmt.Errorf("open store %s: reports table: %w", s.Path(), err)
		}
	}
	var background backgroundWork = &s.staging
	if opts.ReadOnly {
		background = nil // moving staged reports is a write
	}
	s.w = newCommitter(db, opts.MaxBatch, background)
	return s, nil
}

func (s *Store) init() error {
	if !s.readOnly && s.needsInitWrite() {
		err := s.db.Update(func(tx kv.Tx) error {
			if meta := tx.Bucket(bucketMeta); meta != nil {
				v := meta.Get(keySchema)
				if len(v) == 1 && v[0] == upgradableVersion {
					if _, err := tx.CreateBucketIfNotExists(bucketIncoming); err != nil {
						return err
					}
					if err := meta.Put(keySchema, []byte{schemaVersion}); err != nil {
						return err
					}
					v = []byte{schemaVersion}
				}
				if len(v) == 1 && v[0] == schemaVersion {
					return indexOutbox(tx) // files written before the outbox indexes
				}
				return nil // refused below, before anything is written to it
			}
			for _, name := range [][]byte{bucketMeta, bucketReports, bucketIdempotency, bucketIncoming} {
				if _, err := tx.CreateBucketIfNotExists(name); err != nil {
					return err
				}
			}
			return tx.Bucket(bucketMeta).Put(keySchema, []byte{schemaVersion})
		})
		if err != nil {
			return storageError(err)
		}
	}
	return s.db.View(func(tx kv.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return fmt.Errorf("%w: no meta bucket", ErrCorrupt)
		}
		// A read-only version 2 file is read as it is: no report is staged.
		if v := meta.Get(keySchema); len(v) != 1 || v[0] != schemaVersion && !(v[0] == upgradableVersion && s.readOnly) {
			return fmt.Errorf("%w: the file has layout version %v and this mtaa reads only versions %d and %d; "+
				"open it with the mtaa release that wrote it", ErrSchema, v, upgradableVersion, schemaVersion)
		}
		b := tx.Bucket(bucketReports)
		if b == nil {
			return fmt.Errorf("%w: no reports bucket", ErrCorrupt)
		}
		// Ids run from 1 to the sequence: size the rows once.
		s.index.rows = make([]row, 0, min(b.Sequence(), 1<<22))
		err := b.ForEach(func(k, v []byte) error {
			if len(k) != recordKeyLen {
				return fmt.Errorf("%w: report key %x", ErrCorrupt, k)
			}
			sum, err := summaryOfStored(keyID(k), v)
			if err != nil {
				return err
			}
			s.index.loadLocked(sum)
			s.mem.put(sum.id, v)
			return nil
		})
		if err != nil {
			return err
		}
		if in := tx.Bucket(bucketIncoming); in != nil {
			err = in.ForEach(func(k, v []byte) error {
				if len(k) != 8 {
					return fmt.Errorf("%w: staged report key %x", ErrCorrupt, k)
				}
				sum, err := summaryOfStored(beUint64(k), v)
				if err != nil {
					return err
				}
				s.index.loadLocked(sum)
				s.mem.put(sum.id, v)
				s.staging.staged.Add(1)
				return nil
			})
			if err != nil {
				return err
			}
		}
		s.index.finishLoadLocked()
		if pt := tx.Bucket(bucketPublicText); pt != nil {
			s.publicTexts.Store(int64(pt.KeyCount()))
			if s.mem != nil {
				if err := pt.ForEach(func(k, v []byte) error {
					if len(k) == 8 {
						s.mem.setText(beUint64(k), v)
					}
					return nil
				}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// needsInitWrite reports whether init has something to write: a new
// file, a version 2 layout to upgrade, outbox indexes to build. Otherwise
// opening writes nothing (a bbolt commit, even an empty one, rewrites a
// meta page), so that opening a file to read it (a dry run, mtaa check)
// leaves it byte for byte as it was.
func (s *Store) needsInitWrite() bool {
	needs := true
	_ = s.db.View(func(tx kv.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		v := meta.Get(keySchema)
		outboxUnindexed := tx.Bucket(bucketOutbox) != nil && (tx.Bucket(bucketOutboxDue) == nil || tx.Bucket(bucketOutboxByProvider) == nil)
		needs = len(v) == 1 && (v[0] == upgradableVersion || v[0] == schemaVersion && outboxUnindexed)
		return nil
	})
	return needs
}

// Close waits for queued writes to commit and closes the file.
func (s *Store) Close() error {
	s.w.close()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// Path is the database file's path. For an engine without one it is
// what the engine's String method says (say, a URL without its
// password), or empty.
func (s *Store) Path() string {
	switch db := s.db.(type) {
	case fileDB:
		return db.Path()
	case fmt.Stringer:
		return db.String()
	}
	return ""
}

// CreateResult tells what Create did.
type CreateResult struct {
	Report Report
	// Feature is the report's public GeoJSON Feature as stored.
	Feature []byte
	// Existed is true when the idempotency key matched an earlier report,
	// which is returned instead of storing a copy.
	Existed bool
}

// Create stores a new report, assigning its id. r must have been
// validated. If r carries an idempotency key already seen, the original
// report is returned and nothing is written. When Create returns nil the
// report is durably on disk.
func (s *Store) Create(ctx context.Context, r Report) (CreateResult, error) {
	if err := ctx.Err(); err != nil {
		return CreateResult{}, err
	}
	r.normalizeNeeds()
	s.reconcile(&r)
	rec := storedRecord(&r) // outside the committer: the id is not in it
	var res CreateResult
	op := &writeOp{
		apply: func(tx kv.Tx) error {
			var err error
			res, err = s.createInTx(tx, r, rec, true)
			return err
		},
		after: func() {
			if !res.Existed {
				s.staging.staged.Add(1)
				s.publishedRecord(&res.Report, rec)
			}
		},
	}
	if err := s.w.submit(op); err != nil {
		return CreateResult{}, fmt.Errorf("create report: %w", err)
	}
	if res.Feature == nil {
		res.Feature = s.featureOf(res.Report.ID, rec)
	}
	return res, nil
}

// featureOf is the public Feature of the new report with record rec.
func (s *Store) featureOf(id uint64, rec []byte) []byte {
	v, err := viewStored(id, rec)
	if err != nil {
		panic("data: encode feature: " + err.Error()) // a record just encoded always decodes
	}
	return s.privacy.appendFeature(make([]byte, 0, 512), &v, AudiencePublic, false)
}

// CreateMany stores validated reports in one transaction (one fsync), for
// bulk imports. Idempotency keys are honoured as in Create. Either every
// report is stored or none is.
func (s *Store) CreateMany(ctx context.Context, reports []Report) ([]CreateResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	recs := make([][]byte, len(reports))
	for i := range reports {
		reports[i].normalizeNeeds()
		s.reconcile(&reports[i])
		recs[i] = storedRecord(&reports[i])
	}
	var results []CreateResult
	op := &writeOp{
		apply: func(tx kv.Tx) error {
			results = make([]CreateResult, 0, len(reports))
			for i, r := range reports {
				res, err := s.createInTx(tx, r, recs[i], false)
				if err != nil {
					return err
				}
				results = append(results, res)
			}
			return nil
		},
		after: func() {
			for i := range results {
				if !results[i].Existed {
					s.publishedRecord(&results[i].Report, recs[i])
				}
			}
		},
	}
	if err := s.w.submit(op); err != nil {
		return nil, fmt.Errorf("create %d reports: %w", len(reports), err)
	}
	for i := range results {
		if results[i].Feature == nil {
			results[i].Feature = s.featureOf(results[i].Report.ID, recs[i])
		}
	}
	return results, nil
}

// published makes a report just committed visible: added to the in-memory
// index (and its record to the records in memory, encoded again), then
// announced to the watchers (live events, derived layers).
func (s *Store) published(r *Report) {
	var rec []byte
	if s.mem != nil {
		rec = storedRecord(r) // the bytes createInTx stored: the id is not in them
	}
	s.publishedRecord(r, rec)
}

// publishedRecord is published for a report whose stored record is rec.
func (s *Store) publishedRecord(r *Report, rec []byte) {
	s.mem.put(r.ID, rec) // first: a reader that finds the id finds its record
	s.index.add(summaryOf(r))
	s.watch.notify(Change{Kind: ReportCreated, Report: *r})
}

// createInTx writes one report inside tx, or finds the original of a
// repeated idempotency key. It checks before it writes. rec is r's encoded
// record, or nil to encode it here. staged puts the record in
// bucketIncoming (the caller then counts it in Store.staging once
// committed); otherwise it goes to its place in bucketReports. The Feature
// of the result is set only for an original found by its key (it is read
// from tx); the caller builds that of a new report from rec, outside the
// committer.
func (s *Store) createInTx(tx kv.Tx, r Report, rec []byte, staged bool) (CreateResult, error) {
	if statusCode(r.Status) == 0 {
		// Its record could not be read back: never written (a caller
		// that skipped Validate).
		return CreateResult{}, invalid("properties.status", "unknown status %q", r.Status)
	}
	idem := tx.Bucket(bucketIdempotency)
	reports := tx.Bucket(bucketReports)
	if r.IdempotencyKey != "" {
		if iv := idem.Get([]byte(r.IdempotencyKey)); iv != nil {
			// The value is the record key, then the request hash of the
			// first use (when it had one).
			if len(iv) < recordKeyLen {
				return CreateResult{}, fmt.Errorf("idempotency key %q: %w", r.IdempotencyKey, ErrNotFound)
			}
			k, first := iv[:recordKeyLen], iv[recordKeyLen:]
			if len(first) > 0 && len(r.RequestHash) > 0 && !bytes.Equal(first, r.RequestHash) {
				return CreateResult{}, fmt.Errorf("idempotency key %q: %w", r.IdempotencyKey, ErrIdempotencyReused)
			}
			v := getRecordBytes(tx, k)
			if v == nil {
				return CreateResult{}, fmt.Errorf("idempotency key %q: %w", r.IdempotencyKey, ErrNotFound)
			}
			view, err := viewStored(keyID(k), v)
			if err != nil {
				return CreateResult{}, fmt.Errorf("idempotency key %q: %w", r.IdempotencyKey, err)
			}
			s.loadPublicText(tx, &view)
			return CreateResult{Report: view.report(), Feature: s.privacy.appendFeature(nil, &view, AudiencePublic, false), Existed: true}, nil
		}
	}
	id, err := reports.NextSequence()
	if err != nil {
		return CreateResult{}, err
	}
	r.ID = id
	k := recordKey(id, r.Location[0], r.Location[1])
	if rec == nil {
		rec = storedRecord(&r)
	}
	if staged {
		in := tx.Bucket(bucketIncoming)
		appendInOrder(in) // appended in id order
		err = in.Put(idKey(id), rec)
	} else {
		err = reports.Put(k, rec)
	}
	if err != nil {
		return CreateResult{}, err
	}
	s.own.note(id, rec)
	if r.IdempotencyKey != "" {
		if err := idem.Put([]byte(r.IdempotencyKey), append(k[:recordKeyLen:recordKeyLen], r.RequestHash...)); err != nil {
			return CreateResult{}, err
		}
	}
	if err := indexSubmitter(tx, r.SubmittedBy, id); err != nil {
		return CreateResult{}, err
	}
	return CreateResult{Report: r}, nil
}

// Get returns the report with the given id, private fields included.
func (s *Store) Get(id uint64) (Report, error) {
	var r Report
	err := s.view(id, func(v *recordView) error {
		r = v.fullReport()
		return nil
	})
	if err != nil {
		return Report{}, fmt.Errorf("get report %d: %w", id, err)
	}
	return r, nil
}

// view calls fn with the decoded record of report id inside a read
// transaction.
func (s *Store) view(id uint64, fn func(*recordView) error) error {
	k, ok := s.index.key(id)
	if !ok {
		return ErrNotFound
	}
	if s.mem != nil {
		rec, text, hasText := s.mem.get(id)
		if rec == nil {
			return ErrNotFound
		}
		v, err := viewStored(id, rec)
		if err != nil {
			return err
		}
		v.publicText, v.hasPublicText = text, hasText
		return fn(&v)
	}
	return s.db.View(func(tx kv.Tx) error {
		v, err := getRecord(tx, k)
		if err != nil {
			return err
		}
		s.loadPublicText(tx, &v)
		return fn(&v)
	})
}

// getRecord decodes the record of key k, wherever it is (record_staging.go).
func getRecord(tx kv.Tx, k []byte) (recordView, error) {
	b := getRecordBytes(tx, k)
	if b == nil {
		return recordView{}, ErrNotFound
	}
	return viewStored(keyID(k), b)
}

// Feature returns the public GeoJSON Feature of one report.
func (s *Store) Feature(id uint64) ([]byte, error) { return s.FeatureFor(id, AudiencePublic) }

// FeatureFor returns the GeoJSON Feature of one report as audience a
// reads it (privacy.go).
func (s *Store) FeatureFor(id uint64, a Audience) ([]byte, error) {
	var out []byte
	err := s.view(id, func(v *recordView) error {
		out = s.privacy.appendFeature(make([]byte, 0, 512), v, a, false)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("report feature %d: %w", id, err)
	}
	return out, nil
}

// nearSteps is how many records AppendFeatures steps over with the cursor
// before it searches for the next key from the root instead.
const nearSteps = 8

// AppendFeatures appends the GeoJSON Features of ids as audience a reads
// them to dst, separated by commas, and returns the extended buffer. Ids
// that no longer exist are skipped. The records are read in key (place)
// order, so the reports of one box come from a few neighbouring pages, and
// written in the order of ids. The read transaction is closed before it
// returns, so a slow network client never holds the database.
func (s *Store) AppendFeatures(dst []byte, ids []uint64, a Audience) ([]byte, int, error) {
	return s.appendFeatures(dst, ids, a, false)
}

// AppendListFeatures is AppendFeatures for listings such as a page of OGC
// API items: each Feature leaves out the members that are null or an empty
// list (accuracy_m, location_confidence, areas, nearest,
// possible_duplicate_of). A single Feature (Feature, Create) and exports
// carry every member.
func (s *Store) AppendListFeatures(dst []byte, ids []uint64, a Audience) ([]byte, int, error) {
	return s.appendFeatures(dst, ids, a, true)
}

func (s *Store) appendFeatures(dst []byte, ids []uint64, a Audience, compact bool) ([]byte, int, error) {
	n := 0
	err := s.eachRecord(ids, func(v *recordView) error {
		if n > 0 {
			dst = append(dst, ',')
		}
		dst = s.privacy.appendFeature(dst, v, a, compact)
		n++
		return nil
	})
	if err != nil {
		return dst, n, fmt.Errorf("read features: %w", err)
	}
	return dst, n, nil
}

// recordScratch is eachRecord's working memory, reused from batch to batch
// (an export reads a million reports a thousand at a time) so that a long
// walk leaves little garbage behind.
type recordScratch struct {
	keys  []cellKey
	order []int
	vals  [][]byte
}

var recordScratchPool = sync.Pool{New: func() any { return new(recordScratch) }}

// eachRecord calls fn with the record of each of ids that still exists, in
// the order of ids, inside one read transaction; fn's view is valid only
// during the call. The records are looked up in key (place) order, so the
// reports of one box come from a few neighbouring pages. An error from fn
// ends the walk and is returned as it is.
func (s *Store) eachRecord(ids []uint64, fn func(*recordView) error) error {
	if s.mem != nil {
		return s.eachMemRecord(ids, fn)
	}
	sc := recordScratchPool.Get().(*recordScratch)
	defer recordScratchPool.Put(sc)
	sc.keys = s.index.keysInto(slices.Grow(sc.keys[:0], len(ids))[:len(ids)], ids)
	sc.order = slices.Grow(sc.order[:0], len(ids))[:len(ids)]
	sc.vals = slices.Grow(sc.vals[:0], len(ids))[:len(ids)]
	keys, order, vals := sc.keys, sc.order, sc.vals
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return keys[a].compare(keys[b]) })
	defer clear(vals) // they point into the transaction's pages
	return s.db.View(func(tx kv.Tx) error {
		// One cursor for every lookup (Bucket.Get would allocate a cursor
		// stack per key). Keys are visited in order and the next one is
		// often a few records further on the same page: step to it, and
		// search from the root only when it is further away.
		c := tx.Bucket(bucketReports).Cursor()
		in := tx.Bucket(bucketIncoming)
		var k, v []byte
		for _, i := range order {
			if keys[i].id == 0 {
				continue
			}
			want := keys[i].bytes()
			cmp := -1
			for step := 0; k != nil && step < nearSteps; step++ {
				if cmp = bytes.Compare(k, want); cmp >= 0 {
					break
				}
				k, v = c.Next()
			}
			if k == nil || cmp != 0 && bytes.Compare(k, want) != 0 {
				k, v = c.Seek(want)
			}
			switch {
			case bytes.Equal(k, want):
				vals[i] = v
			case in != nil:
				vals[i] = in.Get(want[8:]) // staged, not yet at its place
			}
		}
		var view recordView // one for every record: fn's pointer escapes
		for i, v := range vals {
			if v == nil {
				continue
			}
			var err error
			if view, err = viewStored(keys[i].id, v); err != nil {
				return err
			}
			s.loadPublicText(tx, &view)
			if err := fn(&view); err != nil {
				return err
			}
		}
		return nil
	})
}

// Find answers a query from the in-memory index.
func (s *Store) Find(q Query) Page {
	if q.BBox != nil && q.PublicPositions && len(s.privacy.sensitive) > 0 {
		return s.index.findPublic(q, s.privacy)
	}
	return s.index.find(q)
}

// Extent returns the count and the spatial and temporal extent of all
// stored reports.
func (s *Store) Extent() Extent { return s.index.extent() }

// Ping checks that the store is open and writable by committing a tiny
// write through the same path as reports.
func (s *Store) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// A tiny write can still fit into pages bbolt freed when a report no
	// longer does: below MinFreeBytes the store is not ready.
	if free, ok := freeBytes(s.dir); ok && free < MinFreeBytes {
		return fmt.Errorf("ping store: %w: %d bytes free in %s", ErrStorageFull, free, s.dir)
	}
	now := []byte(time.Now().UTC().Format(time.RFC3339Nano))
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte("ping"), now)
	}})
	if err != nil {
		return fmt.Errorf("ping store: %w", err)
	}
	return nil
}

// MinFreeBytes is the free disk space below which Ping reports the store
// as full.
const MinFreeBytes = 1 << 20

// Check runs bbolt's consistency check over the whole file and returns the
// first problem found. An engine without such a check (not a file) passes.
func (s *Store) Check() error {
	return s.db.View(func(tx kv.Tx) error {
		ftx, ok := tx.(fileTx)
		if !ok {
			return nil
		}
		var first error
		for err := range ftx.Check() { // drain: the checker stops when the channel closes
			if first == nil {
				first = fmt.Errorf("check %s: %w", s.Path(), err)
			}
		}
		return first
	})
}

// CheckRecords decodes every stored report, checking its checksum
// (record_seal.go) and layout, and returns the ids of those that fail (at
// most max, with the first error) and how many were read. mtaa check runs
// it; Open checks the same while it loads the index.
func (s *Store) CheckRecords(max int) (bad []uint64, n int, err error) {
	var first error
	check := func(id uint64, v []byte) {
		n++
		if _, e := viewStored(id, v); e != nil {
			if first == nil {
				first = e
			}
			if len(bad) < max {
				bad = append(bad, id)
			}
		}
	}
	err = s.db.View(func(tx kv.Tx) error {
		if err := tx.Bucket(bucketReports).ForEach(func(k, v []byte) error {
			if len(k) == recordKeyLen {
				check(keyID(k), v)
			}
			return nil
		}); err != nil {
			return err
		}
		if in := tx.Bucket(bucketIncoming); in != nil {
			return in.ForEach(func(k, v []byte) error {
				if len(k) == 8 {
					check(beUint64(k), v)
				}
				return nil
			})
		}
		return nil
	})
	if err != nil {
		return nil, n, fmt.Errorf("check records: %w", err)
	}
	return bad, n, first
}

// WriteTo writes a consistent copy of the database file to w while the
// store keeps serving (a hot backup). An engine without a file fails with
// ErrNoFile.
func (s *Store) WriteTo(w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx kv.Tx) error {
		ftx, ok := tx.(fileTx)
		if !ok {
			return ErrNoFile
		}
		var err error
		n, err = ftx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("backup: %w", err)
	}
	return n, nil
}

func beUint64(b []byte) uint64 { return binary.BigEndian.Uint64(b) }

// storageError maps operating-system write failures onto the store's
// sentinel errors, keeping the original in the chain.
func storageError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return fmt.Errorf("%w: %w", ErrStorageFull, err)
	case errors.Is(err, syscall.EROFS), errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM),
		errors.Is(err, kv.ErrReadOnly):
		return fmt.Errorf("%w: %w", ErrReadOnly, err)
	case errors.Is(err, kv.ErrClosed):
		return fmt.Errorf("%w: %w", ErrClosed, err)
	}
	return err
}

// Meta returns a small value the application stored under key in the
// meta bucket, or nil.
func (s *Store) Meta(key string) ([]byte, error) {
	var v []byte
	err := s.db.View(func(tx kv.Tx) error {
		v = bytes.Clone(tx.Bucket(bucketMeta).Get([]byte("app:" + key)))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read meta %s: %w", key, err)
	}
	return v, nil
}

// SetMeta durably stores a small application value under key.
func (s *Store) SetMeta(ctx context.Context, key string, value []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte("app:"+key), value)
	}})
	if err != nil {
		return fmt.Errorf("write meta %s: %w", key, err)
	}
	return nil
}
