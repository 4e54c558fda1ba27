package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// importConfig is everything `mtaa import` is configured with.
type importConfig struct {
	dataDir string
	// store is the shared PostgreSQL database (postgres://…) whose
	// servers all load the new extract; "" for the data directory's.
	store string
	file  string
	procs int
	quiet bool
}

func parseImportFlags(args []string, stderr io.Writer) (importConfig, error) {
	var c importConfig
	fs := newEnvFlags("import", stderr)
	dataDir := fs.String("data", "./mtaa-data", "data directory; the extract is written to DIR/"+data.ExtractFileName)
	store := fs.String("store", "", "the servers' PostgreSQL database (postgres://…), as given to mtaa serve: the extract is kept there and every server on it loads it (--data then only holds the import's temporary files)")
	procs := fs.Int("procs", 2, "PBF decoding goroutines")
	quiet := fs.Bool("quiet", false, "no progress output")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: mtaa import [flags] FILE (.osm.pbf, .osm, .osm.bz2 or .osm.gz)\n\n")
		fs.PrintDefaults()
	}
	// Flags may come before or after FILE.
	file, err := fs.parseOneFile(args)
	if err != nil {
		return c, err
	}
	if *procs < 1 {
		fmt.Fprintln(stderr, "import: --procs must be at least 1")
		return c, errUsage
	}
	if *store != "" && !isStoreURL(*store) {
		fmt.Fprintf(stderr, "import: --store %q: want a postgres://… URL (or nothing, for the extract of --data)\n", redactStoreURL(*store))
		return c, errUsage
	}
	return importConfig{dataDir: *dataDir, store: *store, file: file, procs: *procs, quiet: *quiet}, nil
}

func importCommand(args []string, stdout, stderr io.Writer) error {
	cfg, err := parseImportFlags(args, stderr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	var bar *progressBar
	opts := mapping.Options{Procs: cfg.procs}
	if !cfg.quiet {
		bar = newProgressBar(stderr, isTerminal(stderr))
		opts.Progress = bar.update
		opts.ProgressEvery = bar.every
	}
	if removed, err := data.RemoveStaleExtracts(cfg.dataDir); err == nil && len(removed) > 0 {
		fmt.Fprintf(stderr, "removed %d temporary file(s) of killed imports\n", len(removed))
	}
	into := cfg.dataDir
	var db *data.PostgresDB
	if cfg.store != "" {
		// Connect first: a wrong URL fails before a long import.
		if db, err = data.OpenPostgresDB(ctx, cfg.store, data.Options{}, data.PostgresOptions{}); err != nil {
			return fmt.Errorf("--store %s: %w", redactStoreURL(cfg.store), err)
		}
		defer db.Close()
		// The compiled file goes into the database: build it in a
		// temporary folder of --data (it may be large), removed after.
		if err := os.MkdirAll(cfg.dataDir, 0o750); err != nil {
			return fmt.Errorf("--data %s: %w", cfg.dataDir, err)
		}
		if into, err = os.MkdirTemp(cfg.dataDir, ".import-"); err != nil {
			return fmt.Errorf("--data %s: %w", cfg.dataDir, err)
		}
		defer os.RemoveAll(into)
	}
	res, err := mapping.Import(ctx, cfg.file, into, opts)
	if bar != nil {
		bar.finish()
	}
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%w (interrupted; the previous extract, if any, is unchanged)", err)
		}
		return fmt.Errorf("%w (the previous extract, if any, is unchanged)", err)
	}
	if db == nil {
		writeSummary(stdout, res)
		return reconcileAfterImport(ctx, cfg.dataDir, stdout)
	}
	version, err := data.PutSharedExtractIn(db, res.Path)
	if err != nil {
		return fmt.Errorf("--store %s: %w (the servers keep the previous extract)", redactStoreURL(cfg.store), err)
	}
	res.Path = db.String() // the temporary file is gone: name where it went
	writeSummary(stdout, res)
	fmt.Fprintf(stdout, "  servers   every server on the database loads it within seconds (version %s), and one of them reconciles the reports with it\n",
		version[:12])
	return nil
}

// reconcileAfterImport reconciles the stored reports with the new extract
// when no server holds the report database; a running server notices the
// new file itself and does it.
func reconcileAfterImport(ctx context.Context, dir string, stdout io.Writer) error {
	if _, err := os.Stat(filepath.Join(dir, data.FileName)); err != nil {
		return nil // no reports yet
	}
	store, err := data.Open(dir, data.Options{OpenTimeout: 200 * time.Millisecond})
	if err != nil {
		fmt.Fprintln(stdout, "  reports   a running server holds them: it loads the new extract and reconciles them within seconds")
		return nil
	}
	defer store.Close()
	rules, err := mapping.LoadRules("")
	if err != nil {
		return err
	}
	k := newExtractKeeper(dir, store, rules, data.DefaultTaxonomy(), slog.New(slog.DiscardHandler))
	if _, err := k.refresh(); err != nil {
		return err
	}
	if err := k.reconcileIfNeeded(ctx); err != nil {
		return fmt.Errorf("reconcile reports: %w", err)
	}
	fmt.Fprintf(stdout, "  reports   %d reconciled with the new extract\n", store.Extent().Count)
	return nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// writeSummary prints what an import kept, built and skipped.
func writeSummary(w io.Writer, res mapping.Result) {
	m := res.Meta
	fmt.Fprintf(w, "imported %s (%s) into %s in %s\n", m.Source, humanBytes(m.Size), res.Path,
		res.Took.Round(time.Millisecond))
	fmt.Fprintf(w, "  read      %d nodes, %d ways, %d relations\n", res.Stats.Nodes, res.Stats.Ways, res.Stats.Relations)
	fmt.Fprintf(w, "  kept      %d features:", m.Total())
	for _, k := range data.FeatureKinds {
		if n := res.Features[k]; n > 0 {
			fmt.Fprintf(w, " %s %d,", k, n)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  areas     %d built (%d multipolygons from relations)\n", res.Stats.Areas, res.Stats.Multipolygons)
	fmt.Fprintf(w, "  names     %d name tags indexed\n", res.Stats.Names)
	fmt.Fprintf(w, "  bbox      %.5f,%.5f,%.5f,%.5f\n", m.Bound[0], m.Bound[1], m.Bound[2], m.Bound[3])
	if len(res.Stats.Warnings) == 0 {
		fmt.Fprintln(w, "  warnings  none")
		return
	}
	reasons := make([]string, 0, len(res.Stats.Warnings))
	for r := range res.Stats.Warnings {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		fmt.Fprintf(w, "  warning   %d skipped: %s, e.g. %s\n", res.Stats.Warnings[r], r,
			strings.Join(res.Stats.Examples[r], ", "))
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
