package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
)

// isStoreURL reports whether a --store, --from or --to value names a
// PostgreSQL database rather than a data directory.
func isStoreURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// migrateCommand copies a whole deployment's database (reports,
// accounts, sessions, SMS conversations and outbox, audit log) from a
// data directory into an empty PostgreSQL database, or back, or between
// two of a kind. The servers must be stopped: a data directory's file
// lock, or for PostgreSQL the lock each server holds while it runs
// (pgkv.DB.MarkInUse), shows that one is not, and migrate refuses, unless
// --force.
func migrateCommand(args []string, stdout, stderr io.Writer) error {
	fs := newEnvFlags("migrate", stderr)
	from := fs.String("from", "", "data directory or postgres://… URL to copy from (servers stopped)")
	to := fs.String("to", "", "empty data directory or empty PostgreSQL database (postgres://…) to copy into")
	taxonomy := fs.String("taxonomy", "", "category taxonomy file, as given to mtaa serve: its sensitive categories are generalised in the view reports_public (default: built in)")
	publicUnverified := fs.Bool("public-unverified", false, "as mtaa serve --public-unverified: reports_public shows new reports too")
	force := fs.Bool("force", false, "copy a PostgreSQL database even while servers use it: a consistent snapshot, without what they write after it")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		fmt.Fprintln(stderr, "migrate: --from and --to are required: a data directory and a postgres://… URL")
		return errUsage
	}
	if *from == *to || !isStoreURL(*from) && !isStoreURL(*to) && filepath.Clean(*from) == filepath.Clean(*to) {
		fmt.Fprintln(stderr, "migrate: --from and --to name the same database")
		return errUsage
	}
	tax, err := data.LoadTaxonomy(*taxonomy)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	ctx := context.Background()
	opts := data.Options{Taxonomy: tax}
	pg := data.PostgresOptions{PublicUnverified: *publicUnverified}
	start := time.Now()
	src, release, err := openStoreAt(ctx, *from, data.Options{Taxonomy: tax, ReadOnly: true, OpenTimeout: time.Second}, pg, *force)
	if err != nil {
		if errors.Is(err, data.ErrLocked) {
			return fmt.Errorf("migrate: stop the server first: %w", err)
		}
		if errors.Is(err, pgkv.ErrInUse) {
			return fmt.Errorf("migrate: the source is in use: %w; stop every server on it first (what they write after the copy would not be in it), or pass --force to copy a snapshot of it anyway", err)
		}
		return fmt.Errorf("migrate: open the source: %w", err)
	}
	defer release()
	defer src.Close()
	n := src.Find(data.Query{Limit: 0}).Matched
	releaseTo, err := copyStore(ctx, src, *to, opts, pg, *force, copyProgress(stderr, 2*time.Second))
	if err != nil {
		if errors.Is(err, pgkv.ErrInUse) {
			return fmt.Errorf("migrate: the target is in use: %w; stop the servers on it first", err)
		}
		return fmt.Errorf("migrate: %w", err)
	}
	defer releaseTo()
	// Check the copy as a server would open it, without writing to it
	// (servers started meanwhile wait until migrate ends).
	dst, releaseDst, err := openStoreAt(ctx, *to, data.Options{Taxonomy: tax, ReadOnly: true, OpenTimeout: time.Second}, pg, true)
	if err != nil {
		return fmt.Errorf("migrate: the copy does not open: %w", err)
	}
	defer releaseDst()
	m := dst.Find(data.Query{Limit: 0}).Matched
	dstName := dst.Path()
	if err := dst.Close(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if m != n {
		return fmt.Errorf("migrate: the copy holds %d reports, the source %d", m, n)
	}
	fmt.Fprintf(stdout, "copied %s to %s: %d reports, with accounts, SMS and the audit log (%s)\n",
		src.Path(), dstName, n, time.Since(start).Round(time.Millisecond))
	if isStoreURL(*to) {
		fmt.Fprintf(stdout, "start the servers with --store (or MTAA_STORE) set to the database; each needs the phone keys of %s (secrets.json) in its --data directory (docs/postgres.md)\n",
			filepath.Join(*from, "secrets.json"))
	} else {
		fmt.Fprintf(stdout, "start the server with --data %s; copy secrets.json (the phone keys) from a server's data directory into it first (docs/postgres.md)\n", *to)
	}
	return nil
}

// openStoreAt opens the store of a data directory or, for a postgres://
// URL, of that database (dir then is the working directory: nothing is
// kept there by a read-only store). A database is taken to itself
// (pgkv.DB.Exclusive: an error wrapping pgkv.ErrInUse while a server
// runs on it) until release is called, unless shared is set.
func openStoreAt(ctx context.Context, where string, opts data.Options, pg data.PostgresOptions, shared bool) (_ *data.Store, release func(), _ error) {
	if !isStoreURL(where) {
		if opts.ReadOnly {
			if _, err := os.Stat(filepath.Join(where, data.FileName)); err != nil {
				return nil, nil, fmt.Errorf("no database in %s: %w", where, err)
			}
		}
		s, err := data.Open(where, opts)
		return s, func() {}, err
	}
	db, release, err := openDatabase(ctx, where, opts, pg, shared)
	if err != nil {
		return nil, nil, err
	}
	s, err := data.OpenEngine(db, "", opts) // closes db when it fails
	if err != nil {
		release()
		return nil, nil, err
	}
	return s, release, nil
}

// openDatabase opens the PostgreSQL database at url and, unless shared,
// takes it to itself until release is called.
func openDatabase(ctx context.Context, url string, opts data.Options, pg data.PostgresOptions, shared bool) (_ *data.PostgresDB, release func(), _ error) {
	db, err := data.OpenPostgresDB(ctx, url, opts, pg)
	if err != nil {
		return nil, nil, err
	}
	if shared {
		return db, func() {}, nil
	}
	release, err = db.Exclusive(ctx, "mtaa migrate")
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("%s: %w", db, err)
	}
	return db, release, nil
}

// copyStore copies src into the empty database at to: a new database
// file in a data directory, or a PostgreSQL database without mtaa's data.
// A failed copy into a directory removes the file it created; a copy into
// a database is one transaction, which a failure leaves out. A database
// is taken to itself, unless shared, until release is called, so that a
// server started meanwhile waits for the whole copy.
func copyStore(ctx context.Context, src *data.Store, to string, opts data.Options, pg data.PostgresOptions, shared bool, progress func(kv.CopyProgress)) (release func(), _ error) {
	var dst kv.DB
	var err error
	release = func() {}
	if isStoreURL(to) {
		var pdb *data.PostgresDB
		pdb, release, err = openDatabase(ctx, to, opts, pg, shared)
		dst = pdb
	} else {
		dst, err = data.CreateFile(to)
	}
	if err != nil {
		if errors.Is(err, data.ErrNotEmpty) {
			return nil, fmt.Errorf("%w; migrate copies into an empty data directory only", err)
		}
		return nil, err
	}
	copyErr := src.CopyToWith(dst, progress)
	if copyErr != nil && isStoreURL(to) {
		if holdsData(dst) {
			copyErr = fmt.Errorf("%w; the database holds part of the copy: drop it and create it again before the next try", copyErr)
		} else {
			copyErr = fmt.Errorf("%w; nothing was written to the database (the copy is one transaction): run migrate again once the cause is fixed", copyErr)
		}
	}
	closeErr := dst.Close()
	switch {
	case copyErr == nil && closeErr == nil:
		return release, nil
	case errors.Is(copyErr, data.ErrNotEmpty) && isStoreURL(to):
		copyErr = fmt.Errorf("%w; migrate copies into a database without mtaa's data only (create an empty one: docs/postgres.md)", copyErr)
	case copyErr != nil && !isStoreURL(to):
		os.Remove(filepath.Join(to, data.FileName))
		copyErr = fmt.Errorf("%w; the unfinished %s was removed", copyErr, filepath.Join(to, data.FileName))
	}
	release()
	return nil, errors.Join(copyErr, closeErr)
}

// holdsData reports whether db has any bucket (or cannot be read).
func holdsData(db kv.DB) bool {
	found := false
	err := db.View(func(tx kv.Tx) error {
		return tx.ForEachBucket(func([]byte) error {
			found = true
			return errStopCopyCheck
		})
	})
	return found || !errors.Is(err, errStopCopyCheck) && err != nil
}

var errStopCopyCheck = errors.New("stop")

// copyProgress returns a kv.CopyProgress callback that writes how far a
// copy is to w, at most every interval.
func copyProgress(w io.Writer, interval time.Duration) func(kv.CopyProgress) {
	last := time.Now()
	return func(p kv.CopyProgress) {
		if time.Since(last) < interval {
			return
		}
		last = time.Now()
		fmt.Fprintf(w, "migrate: %d keys copied, now in %s\n", p.Keys, p.Bucket[0])
	}
}
