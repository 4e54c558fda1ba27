package pgkv

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/mtaa-project/mtaa/data/kv"
)

// The advisory lock keys: one for write transactions, one for migrations.
const (
	writeLockKey     int64 = 0x6d74616b7601 // "mtakv" 1
	migrationLockKey int64 = 0x6d74616b7602
)

// ErrIncompatibleValue is returned for a Put, Delete or CreateBucket on a
// key that is of the other kind (a nested bucket, or a plain value).
var ErrIncompatibleValue = errors.New("pgkv: incompatible value")

// ErrKeyTooLarge is returned by Put for a key over MaxKeySize bytes.
var ErrKeyTooLarge = errors.New("pgkv: key too large")

// ErrBucketNameRequired is returned when creating a bucket with no name.
var ErrBucketNameRequired = errors.New("pgkv: bucket name required")

// MaxKeySize is the longest key: a btree index entry must fit in a third
// of a PostgreSQL page (bbolt allows 32 KiB).
const MaxKeySize = 2000

// defaultMaxConns is the pool size when neither Options nor the URL set
// one.
const defaultMaxConns = 16

// flushAt is the number of buffered writes after which a write
// transaction sends them to the server before Commit, bounding memory.
const flushAt = 4096

//go:embed migrations/*.sql
var coreMigrations embed.FS

// Migration is one schema change, applied once per database.
type Migration struct {
	// ID names the migration for good, e.g. "data/0001_reports.sql".
	ID string
	// SQL is one or more statements, run in one transaction.
	SQL string
}

// Projection keeps a caller-owned table in step with a top-level bucket:
// at commit, in the same transaction, each key put into or deleted from
// the bucket gives one statement (Row), or the keys of each flush give a
// few statements together (Rows).
type Projection struct {
	// Bucket is the top-level bucket's name.
	Bucket string
	// Row returns the statement for key's new value, or for its removal
	// when value is nil; an empty sql means nothing to do. An error fails
	// the commit.
	Row func(key, value []byte) (sql string, args []any, err error)
	// Rows, used instead of Row when set, is given every key a flush
	// writes in the bucket at once, with its new value (nil: removed),
	// and queues the statements for all of them: a group commit of many
	// keys then costs a few statements instead of one per key. An error
	// fails the commit.
	Rows func(keys, values [][]byte, queue func(sql string, args ...any)) error
	// Clear, if not empty, runs when the bucket is deleted.
	Clear string
}

// Options configures Open.
type Options struct {
	// Migrations are the caller's schema changes, applied in order after
	// pgkv's own, each once.
	Migrations []Migration
	// Projections map buckets to tables.
	Projections []Projection
	// MaxConns is the size of the connection pool; 0 means the URL's
	// pool_max_conns, else 16 (one write transaction at a time, read
	// transactions beside it, each on a connection of its own).
	MaxConns int32
	// ListenError, if set, is told each error that makes Listen reconnect
	// (to log it).
	ListenError func(error)
	// IdleTxTimeout ends a write transaction idle for longer (a hung
	// process holding the write lock); 0 means one minute. Read
	// transactions have no limit (an export may feed a slow client).
	IdleTxTimeout time.Duration
}

// DB is a kv.DB in one PostgreSQL database.
type DB struct {
	pool        *pgxpool.Pool
	proj        map[string]*Projection
	cache       bucketCache
	idleTx      int64 // idle_in_transaction_session_timeout of write transactions, ms
	closed      atomic.Bool
	hot         hotSeqs
	onListenErr func(error)
}

var _ kv.DB = (*DB)(nil)

// Open connects to the database at url (postgres://…), applies the
// migrations under a lock (several servers may start at once) and returns
// the DB.
func Open(ctx context.Context, url string, opt Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("pgkv: parse url: %w", err)
	}
	switch {
	case opt.MaxConns > 0:
		cfg.MaxConns = opt.MaxConns
	case !strings.Contains(url, "pool_max_conns"):
		cfg.MaxConns = defaultMaxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgkv: connect: %w", err)
	}
	idle := opt.IdleTxTimeout
	if idle <= 0 {
		idle = time.Minute
	}
	db := &DB{pool: pool, proj: map[string]*Projection{}, idleTx: idle.Milliseconds(), onListenErr: opt.ListenError}
	for i := range opt.Projections {
		p := &opt.Projections[i]
		if p.Bucket == "" || p.Row == nil && p.Rows == nil {
			pool.Close()
			return nil, fmt.Errorf("pgkv: projection %d: bucket and row function required", i)
		}
		db.proj[p.Bucket] = p
	}
	migs, err := migrations(opt.Migrations)
	if err == nil {
		err = db.migrate(ctx, migs)
	}
	if err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// String names the database as a URL without its password, for logs and
// data.Store's Path.
func (db *DB) String() string {
	c := db.pool.Config().ConnConfig
	u := url.URL{Scheme: "postgres", User: url.User(c.User),
		Host: net.JoinHostPort(c.Host, strconv.Itoa(int(c.Port))), Path: "/" + c.Database}
	return u.String()
}

// Pool is the connection pool, for the caller's own tables.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// Close closes the pool; transactions must have ended. Later
// transactions fail with kv.ErrClosed.
func (db *DB) Close() error {
	if db.closed.Swap(true) {
		return nil
	}
	db.pool.Close()
	return nil
}

func migrations(extra []Migration) ([]Migration, error) {
	names, err := fs.Glob(coreMigrations, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("pgkv: migrations: %w", err)
	}
	sort.Strings(names)
	var out []Migration
	for _, n := range names {
		b, err := coreMigrations.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("pgkv: migration %s: %w", n, err)
		}
		out = append(out, Migration{ID: "pgkv/" + n[len("migrations/"):], SQL: string(b)})
	}
	seen := map[string]bool{}
	for _, m := range append(out, extra...) {
		if m.ID == "" || seen[m.ID] {
			return nil, fmt.Errorf("pgkv: migration id %q empty or repeated", m.ID)
		}
		seen[m.ID] = true
	}
	return append(out, extra...), nil
}

// migrate applies the migrations not yet recorded in kv_migrations, under
// a session advisory lock so that servers starting together apply each
// once.
func (db *DB) migrate(ctx context.Context, migs []Migration) error {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("pgkv: migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", migrationLockKey); err != nil {
		return fmt.Errorf("pgkv: migration lock: %w", err)
	}
	defer conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", migrationLockKey)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS kv_migrations (
		id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("pgkv: create kv_migrations: %w", err)
	}
	rows, err := conn.Query(ctx, "SELECT id FROM kv_migrations")
	if err != nil {
		return fmt.Errorf("pgkv: read kv_migrations: %w", err)
	}
	done, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("pgkv: read kv_migrations: %w", err)
	}
	applied := map[string]bool{}
	for _, id := range done {
		applied[id] = true
	}
	for _, m := range migs {
		if applied[m.ID] {
			continue
		}
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if err := tx.Conn().PgConn().Exec(ctx, m.SQL).Close(); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "INSERT INTO kv_migrations (id) VALUES ($1)", m.ID)
			return err
		})
		if err != nil {
			return fmt.Errorf("pgkv: migration %s: %w", m.ID, err)
		}
	}
	return nil
}

// Update runs fn in a write transaction, committed when fn returns nil.
func (db *DB) Update(fn func(kv.Tx) error) error {
	t, err := db.begin(true)
	if err != nil {
		return err
	}
	defer t.Rollback()
	if err := fn(t); err != nil {
		return err
	}
	return t.Commit()
}

// View runs fn in a read transaction. A query that failed inside fn (Get
// and cursors cannot return errors) makes View return that error.
func (db *DB) View(fn func(kv.Tx) error) error {
	t, err := db.begin(false)
	if err != nil {
		return err
	}
	defer t.Rollback()
	if err := fn(t); err != nil {
		return err
	}
	return t.err
}

// Begin starts a transaction; see the package comment for the isolation.
func (db *DB) Begin(writable bool) (kv.Tx, error) {
	t, err := db.begin(writable)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// bucketCache keeps bucket ids by path across transactions. The set of
// buckets changes only when buckets are created or deleted, which
// increments kv_meta.bucket_gen; a transaction reads the generation at
// Begin (in its snapshot) and uses the cache only when it matches.
type bucketCache struct {
	mu  sync.Mutex
	gen int64
	ids map[string]int64
}

func (c *bucketCache) get(gen int64, path string) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return 0, false
	}
	id, ok := c.ids[path]
	return id, ok
}

// merge adds ids learnt by a transaction that saw generation gen.
func (c *bucketCache) merge(gen int64, ids map[string]int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen < c.gen {
		return
	}
	if gen > c.gen || c.ids == nil {
		c.gen, c.ids = gen, map[string]int64{}
	}
	for p, id := range ids {
		c.ids[p] = id
	}
}

// hotSeqs are the buckets whose sequence write transactions of this DB
// have read (the reports' ids): Begin(true) reads their sequences in its
// own round trip, so NextSequence costs none.
type hotSeqs struct {
	mu  sync.Mutex
	ids []int64
}

// maxHotSeqs bounds the sequences Begin reads.
const maxHotSeqs = 32

func (h *hotSeqs) list() []int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]int64(nil), h.ids...)
}

func (h *hotSeqs) add(id int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.ids) < maxHotSeqs && !slices.Contains(h.ids, id) {
		h.ids = append(h.ids, id)
	}
}
