package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
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

// follow applies the other servers' writes to store's memory (index,
// event streams) as the feed announces them, until ctx ends. It returns
// errFeedGap when changes it had not read were pruned: the server must
// then restart to load everything again.
func (sh *sharedStore) follow(ctx context.Context, store *data.Store, log *slog.Logger) error {
	pos := sh.from
	var failed error
	catchUp := func() {
		for ctx.Err() == nil {
			changes, next, err := sh.feed.ChangesSince(ctx, pos)
			if errors.Is(err, errFeedGap) {
				failed = err
				return
			}
			if err != nil {
				if ctx.Err() == nil {
					log.Warn("reading the change feed", "err", err)
				}
				return // the next notification (or reconnection) tries again
			}
			if _, err := store.ApplyChanges(changes); err != nil {
				log.Error("applying other servers' changes", "from", pos, "err", err)
				return
			}
			pos = next
			if len(changes) == 0 {
				return
			}
		}
	}
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	err := sh.feed.Listen(lctx, func() {
		catchUp()
		if failed != nil {
			cancel()
		}
	})
	if failed != nil {
		return failed
	}
	if ctx.Err() != nil {
		return nil
	}
	return err
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
// own data directory.
func syncSharedExtract(ctx context.Context, cfg serveConfig, store *data.Store, log *slog.Logger) error {
	path := filepath.Join(cfg.dataDir, data.ExtractFileName)
	owner := dispatcherName(cfg.listen)
	waiting := false
	for {
		version, err := store.SharedExtractVersion()
		if err != nil {
			return err
		}
		if version != "" {
			if local, _ := fileVersion(path); local == version {
				return nil
			}
			if _, err := store.WriteSharedExtract(cfg.dataDir); err != nil {
				return err
			}
			log.Info("extract loaded from the database", "version", version[:12])
			return nil
		}
		if cfg.osm == "" {
			return nil // no extract anywhere: serve without one
		}
		got, err := store.ClaimLease(ctx, "extract_import", owner, time.Now(), extractLease)
		if err != nil {
			return err
		}
		if got {
			return importSharedExtract(ctx, cfg, store, owner, log)
		}
		if !waiting {
			log.Info("another server is importing the OSM extract: waiting for it")
			waiting = true
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// importSharedExtract imports --osm into the data directory, renewing the
// lease meanwhile, and keeps the result in the database.
func importSharedExtract(ctx context.Context, cfg serveConfig, store *data.Store, owner string, log *slog.Logger) error {
	ictx, done := context.WithCancel(ctx)
	defer done()
	go func() { // renew the lease while importing
		t := time.NewTicker(extractLease / 3)
		defer t.Stop()
		for {
			select {
			case <-ictx.Done():
				return
			case <-t.C:
				if _, err := store.ClaimLease(ictx, "extract_import", owner, time.Now(), extractLease); err != nil && ictx.Err() == nil {
					log.Warn("renewing the extract import lease", "err", err)
				}
			}
		}
	}()
	log.Info("first start on this database: importing the OSM extract", "file", cfg.osm)
	res, err := mapping.Import(ictx, cfg.osm, cfg.dataDir, mapping.Options{})
	if err != nil {
		return fmt.Errorf("import --osm %s: %w", cfg.osm, err)
	}
	version, err := store.PutSharedExtract(ctx, filepath.Join(cfg.dataDir, data.ExtractFileName))
	if err != nil {
		return err
	}
	log.Info("extract imported and kept in the database for the other servers", "features", res.Meta.Total(),
		"took", res.Took.Round(time.Millisecond), "version", version[:12])
	return nil
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
