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
)

// isStoreURL reports whether a --store, --from or --to value names a
// PostgreSQL database rather than a data directory.
func isStoreURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// migrateCommand copies a whole deployment's database (reports,
// accounts, sessions, SMS conversations and outbox, audit log) from a
// data directory into an empty PostgreSQL database, or back, or between
// two of a kind. The servers must be stopped.
func migrateCommand(args []string, stdout, stderr io.Writer) error {
	fs := newEnvFlags("migrate", stderr)
	from := fs.String("from", "", "data directory or postgres://… URL to copy from (servers stopped)")
	to := fs.String("to", "", "empty data directory or empty PostgreSQL database (postgres://…) to copy into")
	taxonomy := fs.String("taxonomy", "", "category taxonomy file, as given to mtaa serve: its sensitive categories are generalised in the view reports_public (default: built in)")
	publicUnverified := fs.Bool("public-unverified", false, "as mtaa serve --public-unverified: reports_public shows new reports too")
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
	src, err := openStoreAt(ctx, *from, data.Options{Taxonomy: tax, ReadOnly: true, OpenTimeout: time.Second}, pg)
	if err != nil {
		if errors.Is(err, data.ErrLocked) {
			return fmt.Errorf("migrate: stop the server first: %w", err)
		}
		return fmt.Errorf("migrate: open the source: %w", err)
	}
	defer src.Close()
	n := src.Find(data.Query{Limit: 0}).Matched
	if err := copyStore(ctx, src, *to, opts, pg); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	// Check the copy as a server would open it, without writing to it.
	dst, err := openStoreAt(ctx, *to, data.Options{Taxonomy: tax, ReadOnly: true, OpenTimeout: time.Second}, pg)
	if err != nil {
		return fmt.Errorf("migrate: the copy does not open: %w", err)
	}
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
// kept there by a read-only store).
func openStoreAt(ctx context.Context, where string, opts data.Options, pg data.PostgresOptions) (*data.Store, error) {
	if !isStoreURL(where) {
		if opts.ReadOnly {
			if _, err := os.Stat(filepath.Join(where, data.FileName)); err != nil {
				return nil, fmt.Errorf("no database in %s: %w", where, err)
			}
		}
		return data.Open(where, opts)
	}
	s, _, err := data.OpenPostgres(ctx, where, "", opts, pg)
	return s, err
}

// copyStore copies src into the empty database at to: a new database
// file in a data directory, or a PostgreSQL database without mtaa's data.
// A failed copy into a directory removes the file it created.
func copyStore(ctx context.Context, src *data.Store, to string, opts data.Options, pg data.PostgresOptions) error {
	var dst kv.DB
	var err error
	if isStoreURL(to) {
		dst, err = data.OpenPostgresDB(ctx, to, opts, pg)
	} else {
		dst, err = data.CreateFile(to)
	}
	if err != nil {
		if errors.Is(err, data.ErrNotEmpty) {
			return fmt.Errorf("%w; migrate copies into an empty data directory only", err)
		}
		return err
	}
	copyErr := src.CopyTo(dst)
	closeErr := dst.Close()
	switch {
	case errors.Is(copyErr, data.ErrNotEmpty) && isStoreURL(to):
		return fmt.Errorf("%w; migrate copies into a database without mtaa's data only (create an empty one: docs/postgres.md)", copyErr)
	case copyErr != nil && isStoreURL(to):
		return fmt.Errorf("%w; the database holds part of the copy: drop it and create it again before the next try", copyErr)
	case copyErr != nil:
		os.Remove(filepath.Join(to, data.FileName))
		return copyErr
	}
	return closeErr
}
