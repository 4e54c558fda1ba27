package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/reportimport"
)

// importReportsConfig is everything `mtaa import-reports` is configured
// with.
type importReportsConfig struct {
	dataDir, file, mapping, taxonomy, reconcileRules string
	dryRun                                           bool
}

func parseImportReportsFlags(args []string, stderr io.Writer) (importReportsConfig, error) {
	var c importReportsConfig
	fs := newEnvFlags("import-reports", stderr)
	dataDir := fs.String("data", "./mtaa-data", "data directory holding the database (and the extract, for reconciliation and the deployment area)")
	mappingFile := fs.String("mapping", "", "mapping file (JSON): source category labels to mtaa categories, field names, time zone")
	dryRun := fs.FlagSet.Bool("dry-run", false, "print what would be imported and rejected; store nothing")
	taxonomy := fs.String("taxonomy", "", "category taxonomy file (default: built in; as mtaa serve)")
	rules := fs.String("reconcile-rules", "", "category-to-OSM-features table (default: built in; as mtaa serve)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: mtaa import-reports [--dry-run] [--mapping FILE] --data DIR FILE\n\n"+
			"FILE is a GeoJSON FeatureCollection of Point features (KoboToolbox, ODK, mtaa) or an Ushahidi CSV export.\n\n")
		fs.PrintDefaults()
	}
	// Flags may come before or after FILE.
	file, err := fs.parseOneFile(args)
	if err != nil {
		return c, err
	}
	return importReportsConfig{dataDir: *dataDir, file: file, mapping: *mappingFile, dryRun: *dryRun,
		taxonomy: *taxonomy, reconcileRules: *rules}, nil
}

// importReportsCommand imports a file of reports into the database of
// DIR, reconciling each with the extract DIR/osm.db when there is one and
// rejecting rows outside its bounds. The database must not be held by a
// running server: upload the file to it instead.
func importReportsCommand(args []string, stdout, stderr io.Writer) error {
	cfg, err := parseImportReportsFlags(args, stderr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	tax, err := data.LoadTaxonomy(cfg.taxonomy)
	if err != nil {
		return err
	}
	m, err := reportimport.LoadMapping(cfg.mapping, tax)
	if err != nil {
		return err
	}
	src, err := os.ReadFile(cfg.file)
	if err != nil {
		return fmt.Errorf("import-reports: %w", err)
	}
	area, err := deploymentArea(cfg.dataDir)
	if err != nil {
		return err
	}
	parsed, err := reportimport.Parse(src, reportimport.Options{Taxonomy: tax, Mapping: m, Area: area})
	if err != nil {
		return fmt.Errorf("import-reports %s: %w (nothing imported)", cfg.file, err)
	}

	store, err := openStoreForImport(cfg)
	if err != nil {
		return err
	}
	var sink reportimport.Store
	if store != nil {
		defer store.Close()
		sink = store
		if !cfg.dryRun {
			if err := reconcileImports(cfg, store, tax); err != nil {
				return err
			}
		}
	}
	start := time.Now()
	sum, err := reportimport.Import(ctx, sink, parsed, cfg.dryRun)
	if err != nil {
		return fmt.Errorf("import-reports %s: %w (rows before it are stored; run the same import again to complete it)", cfg.file, err)
	}
	writeImportSummary(stdout, cfg, sum, area, time.Since(start))
	return nil
}

// deploymentArea is the bounds of the extract in dir, or a zero bound when
// there is no extract.
func deploymentArea(dir string) (orb.Bound, error) {
	ex, err := data.OpenExtract(filepath.Join(dir, data.ExtractFileName))
	if errors.Is(err, data.ErrNoExtract) {
		return orb.Bound{}, nil
	}
	if err != nil {
		return orb.Bound{}, fmt.Errorf("import-reports: deployment area: %w", err)
	}
	defer ex.Close()
	meta := ex.Meta()
	return meta.BoundOrb(), nil
}

// openStoreForImport opens the report database. A dry run on a data
// directory without one returns nil (and creates nothing); a database held
// by a running server is an error saying to upload the file instead.
func openStoreForImport(cfg importReportsConfig) (*data.Store, error) {
	path := filepath.Join(cfg.dataDir, data.FileName)
	if _, err := os.Stat(path); cfg.dryRun && errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	store, err := data.Open(cfg.dataDir, data.Options{OpenTimeout: 500 * time.Millisecond})
	if errors.Is(err, data.ErrLocked) {
		mappingPart := ""
		if cfg.mapping != "" {
			mappingPart = " -F mapping=@" + cfg.mapping
		}
		dry := ""
		if cfg.dryRun {
			dry = "?dry_run=true"
		}
		return nil, fmt.Errorf("import-reports: %s is in use by a running mtaa serve; stop it, or upload the file to it:\n"+
			"  curl -H 'Authorization: Bearer ADMIN_TOKEN' -F file=@%s%s '%s/api/v1/admin/import-reports%s'",
			path, cfg.file, mappingPart, runningServerURL(cfg.dataDir), dry)
	}
	if err != nil {
		return nil, explainOpenError(cfg.dataDir, err)
	}
	return store, nil
}

// reconcileImports sets the store's reconciler over the extract in the
// data directory, as mtaa serve does, so that every imported report is
// placed on the OSM map when it is stored.
func reconcileImports(cfg importReportsConfig, store *data.Store, tax *data.Taxonomy) error {
	rules, err := mapping.LoadRules(cfg.reconcileRules)
	if err != nil {
		return err
	}
	k := newExtractKeeper(cfg.dataDir, store, rules, tax, slog.New(slog.DiscardHandler))
	if _, err := k.refresh(); err != nil {
		return fmt.Errorf("import-reports: %w", err)
	}
	return nil
}

// writeImportSummary prints what an import did (or, in a dry run, would
// do): every accepted row (with its report id once stored), every rejected
// row with its reason, and the counts.
func writeImportSummary(w io.Writer, cfg importReportsConfig, sum reportimport.Summary, area orb.Bound, took time.Duration) {
	mode := "imported"
	if sum.DryRun {
		mode = "dry run of"
	}
	fmt.Fprintf(w, "%s %s (%s, %d rows) into %s\n", mode, cfg.file, sum.Format, sum.Rows, cfg.dataDir)
	if area.IsZero() {
		fmt.Fprintln(w, "  area      none (no extract in the data directory): rows are not checked against a deployment area")
	} else {
		fmt.Fprintf(w, "  area      lon %.4f to %.4f, lat %.4f to %.4f (the extract's bounds)\n", area.Min[0], area.Max[0], area.Min[1], area.Max[1])
	}
	// Accepted and rejected rows are each in file order: merge them by line.
	rejected := sum.Rejected
	for _, o := range sum.Outcomes {
		for len(rejected) > 0 && rejected[0].Line < o.Line {
			writeRejection(w, rejected[0])
			rejected = rejected[1:]
		}
		what := "would import"
		switch {
		case o.Existing:
			what = fmt.Sprintf("already #%d", o.ID)
		case !sum.DryRun:
			what = fmt.Sprintf("imported #%d", o.ID)
		}
		r := o.Report
		fmt.Fprintf(w, "  %-12s %-22s id %-12s %-17s %-8s %s  %.6f,%.6f\n", what, o.Where(), orDash(o.SourceID),
			r.Category, r.Status, r.ObservedAt.Format(time.RFC3339), r.Location[1], r.Location[0])
	}
	for _, rj := range rejected {
		writeRejection(w, rj)
	}
	if sum.DryRun {
		fmt.Fprintf(w, "dry run: %d would be imported, %d already imported, %d rejected; nothing stored\n",
			sum.Imported, sum.Existing, len(sum.Rejected))
		return
	}
	fmt.Fprintf(w, "%d imported, %d already imported, %d rejected in %s\n", sum.Imported, sum.Existing, len(sum.Rejected),
		took.Round(time.Millisecond))
}

func writeRejection(w io.Writer, rj reportimport.Rejection) {
	field := ""
	if rj.Field != "" {
		field = " [" + rj.Field + "]"
	}
	fmt.Fprintf(w, "  %-12s %-22s id %-12s %s%s: %s\n", "rejected", rj.Where(), orDash(rj.SourceID), rj.Code, field, rj.Reason)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
