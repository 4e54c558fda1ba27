package main

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
)

// openPostgres connects to the PostgreSQL database of --store (applying
// its migrations under a lock: data's engine tables, the PostGIS reports
// table and the view reports_public) and returns it as a kv engine with
// its change feed. opts must be those the store is then opened with: the
// reports table is written with their sensitive categories. The server
// marks the database in use (see pgkv.DB.MarkInUse) until release is
// called, so that mtaa migrate does not copy it from under a running
// server; while mtaa migrate holds it, openPostgres waits.
func openPostgres(ctx context.Context, cfg serveConfig, opts data.Options, log *slog.Logger) (_ kv.DB, _ changeFeed, release func(), _ error) {
	db, err := data.OpenPostgresDB(ctx, cfg.store, opts, data.PostgresOptions{
		PublicUnverified: cfg.publicUnverified,
		Engine: pgkv.Options{
			ListenError: func(err error) { log.Warn("change feed connection lost: reconnecting", "err", err) },
		},
	})
	if err != nil {
		return nil, nil, nil, err
	}
	release, err = db.MarkInUse(ctx, "mtaa serve "+dispatcherName(cfg.listen),
		func(err error) {
			log.Warn("another program has the database to itself (mtaa migrate?): waiting for it to finish", "err", err)
		},
		func(err error) { log.Warn("marking the database in use", "err", err) })
	if err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	return db, pgFeed{db.DB}, release, nil
}

// pgFeed is pgkv's change feed as the server follows it.
type pgFeed struct{ db *pgkv.DB }

func (f pgFeed) LastChange(ctx context.Context) (int64, error) { return f.db.LastChange(ctx) }

func (f pgFeed) ChangesSince(ctx context.Context, after int64) ([]data.ChangedKey, int64, error) {
	cs, next, err := f.db.ChangesSince(ctx, after)
	if errors.Is(err, pgkv.ErrChangesPruned) {
		return nil, after, errFeedGap
	}
	if err != nil {
		return nil, after, err
	}
	out := make([]data.ChangedKey, len(cs))
	for i, c := range cs {
		out[i] = data.ChangedKey{Bucket: c.Bucket, Key: c.Key}
	}
	return out, next, nil
}

func (f pgFeed) Listen(ctx context.Context, fn func()) error { return f.db.Listen(ctx, fn) }

func (f pgFeed) Prune(ctx context.Context, keep time.Duration) (int64, error) {
	return f.db.PruneChanges(ctx, keep)
}
