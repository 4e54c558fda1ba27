package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// changeFeed is what a server follows of the writes of the others on a
// shared database (package pgkv's change feed).
type changeFeed interface {
	// LastChange is the feed's position now: read before loading.
	LastChange(ctx context.Context) (int64, error)
	// ChangesSince returns the keys written after position after, in
	// commit order, a page at a time, and the next position; errFeedGap
	// when some are no longer kept.
	ChangesSince(ctx context.Context, after int64) ([]data.ChangedKey, int64, error)
	// Listen calls fn after each committed write transaction of any
	// server, until ctx ends.
	Listen(ctx context.Context, fn func()) error
	// Prune forgets the changes older than keep.
	Prune(ctx context.Context, keep time.Duration) (int64, error)
}

// errFeedGap is returned by ChangesSince when changes were pruned before
// this server read them: its memory can no longer be brought up to date.
var errFeedGap = errors.New("changes were pruned before this server read them")

// sharedStore is a store on a database several servers share, and the
// feed of their writes.
type sharedStore struct {
	feed changeFeed
	// from is the feed's position when the store was loaded.
	from int64
	// release ends this server's mark on the database (it is in use).
	release func()
	// poll and stuck replace feedPoll and feedStuck when not zero (tests).
	poll, stuck time.Duration
}

// close ends the server's mark on the database: call it after closing the
// store.
func (sh *sharedStore) close() {
	if sh != nil && sh.release != nil {
		sh.release()
	}
}

// isSharedStore reports whether a --store URL names a shared database.
func isSharedStore(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// openStore opens the store: the bbolt file in the data directory, or the
// PostgreSQL database of --store, which several servers may share (then
// the second result is not nil).
func openStore(ctx context.Context, cfg serveConfig, tax *data.Taxonomy, log *slog.Logger) (*data.Store, *sharedStore, error) {
	switch {
	case cfg.store == "":
		s, err := data.Open(cfg.dataDir, data.Options{Taxonomy: tax})
		if err != nil {
			return nil, nil, explainOpenError(cfg.dataDir, err)
		}
		return s, nil, nil
	case !isSharedStore(cfg.store):
		return nil, nil, fmt.Errorf("--store %q: want a postgres://… URL (or nothing, for the bbolt file in --data)", redactStoreURL(cfg.store))
	}
	if err := os.MkdirAll(cfg.dataDir, 0o750); err != nil {
		return nil, nil, fmt.Errorf("--data %s: %w", cfg.dataDir, err)
	}
	opts := data.Options{Taxonomy: tax, Shared: true}
	db, feed, release, err := openPostgres(ctx, cfg, opts, log)
	if err != nil {
		return nil, nil, fmt.Errorf("--store %s: %w", redactStoreURL(cfg.store), err)
	}
	// The feed's position before loading: a change made while loading is
	// read twice, never missed.
	from, err := feed.LastChange(ctx)
	if err != nil {
		db.Close()
		release()
		return nil, nil, fmt.Errorf("--store %s: %w", redactStoreURL(cfg.store), err)
	}
	s, err := data.OpenEngine(db, cfg.dataDir, opts)
	if err != nil {
		release()
		return nil, nil, fmt.Errorf("--store %s: %w", redactStoreURL(cfg.store), err)
	}
	return s, &sharedStore{feed: feed, from: from, release: release}, nil
}

// redactStoreURL hides the password of a database URL.
func redactStoreURL(s string) string {
	if i := strings.Index(s, "://"); i >= 0 {
		if j := strings.LastIndex(s, "@"); j > i {
			if k := strings.Index(s[i+3:j], ":"); k >= 0 {
				return s[:i+3+k] + ":xxxxx" + s[j:]
			}
		}
	}
	return s
}

// How a server follows the feed. Notifications make it prompt; a poll
// every feedPoll makes it sure: a notification can be lost without any
// error this side sees (a LISTEN connection gone silent, a catch-up that
// failed after the last write), and a follower that stops following
// serves stale reports without a word. Every feedStuck the follower's
// position is compared with the feed's of the previous check: one that
// has not reached it is logged (WARN, with every goroutine's stack: what
// holds it), and so is its catching up again. Feed reads give up after
// feedStuck.
const (
	feedPoll  = 5 * time.Second
	feedStuck = 30 * time.Second
)

// follow applies the other servers' writes to store's memory (index,
// event streams) as the feed announces them, and every feedPoll in any
// case, until ctx ends. It returns errFeedGap when changes it had not
// read were pruned: the server must then restart to load everything
// again. The feed's notifications only wake it: Listen never waits for a
// catch-up, so its connection keeps being read meanwhile.
func (sh *sharedStore) follow(ctx context.Context, store *data.Store, log *slog.Logger) error {
	poll, stuck := sh.poll, sh.stuck
	if poll <= 0 {
		poll = feedPoll
	}
	if stuck <= 0 {
		stuck = feedStuck
	}
	var at atomic.Int64 // the position, for watchFeed
	pos := sh.from
	at.Store(pos)
	catchUp := func() error {
		for ctx.Err() == nil {
			rctx, cancel := context.WithTimeout(ctx, stuck)
			changes, next, err := sh.feed.ChangesSince(rctx, pos)
			cancel()
			if errors.Is(err, errFeedGap) {
				return err
			}
			if err != nil {
				if ctx.Err() == nil {
					log.Warn("reading the change feed: trying again at the next notification or poll", "from", pos, "err", err)
				}
				return nil
			}
			if _, err := store.ApplyChanges(changes); err != nil {
				log.Error("applying other servers' changes: trying again at the next notification or poll", "from", pos, "err", err)
				return nil
			}
			pos = next
			at.Store(pos)
			if len(changes) == 0 {
				return nil
			}
		}
		return nil
	}

	lctx, cancel := context.WithCancel(ctx)
	wake := make(chan struct{}, 1)
	listened := make(chan error, 1)
	go func() {
		listened <- sh.feed.Listen(lctx, func() {
			select {
			case wake <- struct{}{}:
			default: // a catch-up is due already: it reads this write too
			}
		})
	}()
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		watchFeed(lctx, sh.feed, &at, stuck, log)
	}()
	defer func() {
		cancel()
		<-listened
		<-watched
	}()
	tick := time.NewTicker(poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-listened:
			listened <- err // for the deferred wait
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("listening for the change feed: %w", err)
		case <-wake:
		case <-tick.C:
		}
		if err := catchUp(); err != nil {
			return err
		}
	}
}

// watchFeed checks every interval, until ctx ends, that the follower's
// position (at) has reached the feed's position of the previous check,
// and logs when it has not (with every goroutine's stack, once per
// episode) and when it has again: a server whose memory stopped following
// the others, or follows them slower than they write, must say so, and
// what holds it. A follower busy with a steady stream of writes passes.
func watchFeed(ctx context.Context, feed changeFeed, at *atomic.Int64, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	target := int64(-1) // the feed's position at the previous check; -1 for unknown
	behind := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		switch now := at.Load(); {
		case target < 0:
		case now < target && !behind:
			behind = true
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			log.Warn("following the other servers' writes: behind the change feed; this server's reports are stale until it catches up",
				"position", now, "feed_position_before", target, "interval", interval, "goroutines", string(buf))
		case now >= target && behind:
			behind = false
			log.Warn("following the other servers' writes: caught up with the change feed again", "position", now)
		}
		rctx, cancel := context.WithTimeout(ctx, interval)
		last, err := feed.LastChange(rctx)
		cancel()
		if err != nil {
			target = -1 // the catch-ups log what fails
			continue
		}
		target = last
	}
}

// prune forgets the feed's changes older than a day, every hour, until
// ctx ends (each server does; it is idempotent).
func (sh *sharedStore) prune(ctx context.Context, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := sh.feed.Prune(ctx, 24*time.Hour); err != nil && ctx.Err() == nil {
			log.Warn("pruning the change feed", "err", err)
		} else if n > 0 {
			log.Info("pruned the change feed", "changes", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// extractLease is how long a server holds the right to import the extract
// for the others; it renews it while importing.
const extractLease = time.Minute

// syncSharedExtract makes the data directory hold the extract kept in the
// shared database. When the database has none and --osm is given, one
// server imports it (the first to take the lease) and keeps the compiled
// file in the database; the others wait for it, then write it into their
// own data directory. The result keeps the file in step afterwards.
func syncSharedExtract(ctx context.Context, cfg serveConfig, store *data.Store, log *slog.Logger) (*sharedExtract, error) {
	x := &sharedExtract{store: store, dir: cfg.dataDir, owner: dispatcherName(cfg.listen)}
	path := filepath.Join(cfg.dataDir, data.ExtractFileName)
	waiting := false
	for {
		version, err := store.SharedExtractVersion()
		if err != nil {
			return nil, err
		}
		if version != "" {
			if local, _ := fileVersion(path); local != version {
				if version, err = store.WriteSharedExtract(cfg.dataDir); err != nil {
					return nil, err
				}
				log.Info("extract loaded from the database", "version", version[:12])
			}
			return x.wrote(version), nil
		}
		if cfg.osm == "" {
			return x, nil // no extract anywhere: serve without one
		}
		got, err := store.ClaimLease(ctx, "extract_import", x.owner, time.Now(), extractLease)
		if err != nil {
			return nil, err
		}
		if got {
			version, err := importSharedExtract(ctx, cfg, store, x.owner, log)
			if err != nil {
				return nil, err
			}
			return x.wrote(version), nil
		}
		if !waiting {
			log.Info("another server is importing the OSM extract: waiting for it")
			waiting = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// renewLease holds the lease name for owner until the returned function is
// called, renewing it every third of extractLease.
func renewLease(ctx context.Context, store *data.Store, name, owner string, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(extractLease / 3)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if _, err := store.ClaimLease(ctx, name, owner, time.Now(), extractLease); err != nil && ctx.Err() == nil {
					log.Warn("renewing a lease", "lease", name, "err", err)
				}
			}
		}
	}()
	return func() { cancel(); <-done }
}

// importSharedExtract imports --osm into the data directory, renewing the
// lease meanwhile, and keeps the result in the database; it returns its
// version.
func importSharedExtract(ctx context.Context, cfg serveConfig, store *data.Store, owner string, log *slog.Logger) (string, error) {
	defer renewLease(ctx, store, "extract_import", owner, log)()
	log.Info("first start on this database: importing the OSM extract", "file", cfg.osm)
	res, err := mapping.Import(ctx, cfg.osm, cfg.dataDir, mapping.Options{})
	if err != nil {
		return "", fmt.Errorf("import --osm %s: %w", cfg.osm, err)
	}
	version, err := store.PutSharedExtract(ctx, filepath.Join(cfg.dataDir, data.ExtractFileName))
	if err != nil {
		return "", err
	}
	log.Info("extract imported and kept in the database for the other servers", "features", res.Meta.Total(),
		"took", res.Took.Round(time.Millisecond), "version", version[:12])
	return version, nil
}

// sharedExtract keeps a server's extract file in step with the one kept
// in the shared database, which mtaa import --store replaces: each server
// looks at the version kept there at every check of its extract keeper
// (extractCheck; one key read), writes a new one into its data directory,
// and the keeper loads it as it loads a file `mtaa import` replaced on a
// bbolt deployment. Polling one key, rather than following the change
// feed, keeps working while the feed's connection is down, and a new
// extract takes seconds to load anyway.
type sharedExtract struct {
	store *data.Store
	dir   string
	owner string
	// version is the database's extract last written into dir ("" for
	// none yet), and stamp that file's fileStamp once written.
	version, stamp string
}

// wrote records that the data directory's file is the database's version.
func (x *sharedExtract) wrote(version string) *sharedExtract {
	x.version = version
	x.stamp, _ = fileStamp(filepath.Join(x.dir, data.ExtractFileName))
	return x
}

// sync writes the database's extract into the data directory when it is
// new, or when the file there was replaced meanwhile (by mtaa import
// without --store, which the other servers would not see).
func (x *sharedExtract) sync(log *slog.Logger) error {
	version, err := x.store.SharedExtractVersion()
	if err != nil || version == "" {
		return err
	}
	stamp, _ := fileStamp(filepath.Join(x.dir, data.ExtractFileName))
	if version == x.version && stamp == x.stamp {
		return nil
	}
	if version == x.version {
		log.Warn("the extract file in the data directory was replaced: with a shared database replace it with mtaa import --store; loading the database's extract again")
	} else {
		log.Info("a new extract in the database: loading it", "version", version[:12])
	}
	if version, err = x.store.WriteSharedExtract(x.dir); err != nil {
		return err
	}
	x.wrote(version)
	return nil
}

// mayReconcile decides whether this server reconciles the reports with
// the extract it loaded (st), for all the servers, and if so holds the
// lease "extract_reconcile" until release is called; a nil release means
// not now: it is not the database's newest extract, or it was loaded less
// than extractCheck plus its load time ago (the other servers may still
// be loading it, and would reconcile the reports they take meanwhile with
// the previous one), or another server holds the lease (it is doing it,
// or renews it no more after dying and the lease ends).
func (x *sharedExtract) mayReconcile(ctx context.Context, st *osmState, log *slog.Logger) (release func(), _ error) {
	if time.Since(st.loadedAt) < extractCheck+st.took {
		return nil, nil
	}
	version, err := x.store.SharedExtractVersion()
	if err != nil || version == "" || version != x.version {
		return nil, err
	}
	got, err := x.store.ClaimLease(ctx, "extract_reconcile", x.owner, time.Now(), extractLease)
	if !got || err != nil {
		return nil, err
	}
	return renewLease(ctx, x.store, "extract_reconcile", x.owner, log), nil
}

// fileVersion is the version (hex SHA-256) of the file at path, as
// data.Store.SharedExtractVersion names it; "" when there is no file.
func fileVersion(path string) (string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return data.ExtractVersion(b), nil
}
