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
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/reportimport"
	"github.com/mtaa-project/mtaa/text"
)

// importReportsConfig is everything `mtaa import-reports` is configured
// with.
type importReportsConfig struct {
	dataDir, file, mapping, taxonomy, reconcileRules string
	writeMapping, rejected                           string
	dryRun, update, keepOutliers, verbose            bool
}

func parseImportReportsFlags(args []string, stderr io.Writer) (importReportsConfig, error) {
	var c importReportsConfig
	fs := newEnvFlags("import-reports", stderr)
	dataDir := fs.String("data", "./mtaa-data", "data directory holding the database (and the extract, for reconciliation and the deployment area)")
	mappingFile := fs.String("mapping", "", "mapping file (JSON): source category labels to mtaa categories, field names, time zone")
	dryRun := fs.FlagSet.Bool("dry-run", false, "print what would be imported, updated and rejected; store nothing")
	update := fs.FlagSet.Bool("update", false, "correct the reports an earlier import of the same rows stored where they differ from the file (audited)")
	writeMapping := fs.FlagSet.String("write-mapping", "", "write a mapping file with every category label found and the category mtaa chose, to correct and pass back with --mapping")
	rejectedFile := fs.FlagSet.String("rejected", "", "write the rejected rows to this CSV file with the reason of each")
	keepOutliers := fs.FlagSet.Bool("keep-outliers", false, "without an extract, import rows far from the bulk of the file too")
	verbose := fs.FlagSet.Bool("verbose", false, "list every row, not only the counts")
	taxonomy := fs.String("taxonomy", "", "category taxonomy file (default: built in; as mtaa serve)")
	rules := fs.String("reconcile-rules", "", "category-to-OSM-features table (default: built in; as mtaa serve)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: mtaa import-reports [--dry-run] [--update] [--mapping FILE] [--write-mapping FILE] [--rejected FILE] --data DIR FILE\n\n"+
			"FILE is a GeoJSON FeatureCollection (KoboToolbox, ODK, mtaa) or a CSV export of Ushahidi (2.x or v3+),\n"+
			"KoboToolbox or ODK Central. Exit status: 0 every row imported, 1 some rejected, 2 nothing imported or the file refused.\n\n")
		fs.PrintDefaults()
	}
	// Flags may come before or after FILE.
	file, err := fs.parseOneFile(args)
	if err != nil {
		return c, err
	}
	return importReportsConfig{dataDir: *dataDir, file: file, mapping: *mappingFile, dryRun: *dryRun, update: *update,
		writeMapping: *writeMapping, rejected: *rejectedFile, keepOutliers: *keepOutliers, verbose: *verbose,
		taxonomy: *taxonomy, reconcileRules: *rules}, nil
}

// importReportsCommand imports a file of reports into the database of
// DIR, reconciling each with the extract DIR/osm.db when there is one and
// rejecting rows outside its bounds. The database must not be held by a
// running server: upload the file to it instead. Its exit status is 0 when
// every row was imported (or was already), 1 when some were rejected and 2
// when nothing was imported or the file was refused.
func importReportsCommand(args []string, stdout, stderr io.Writer) error {
	cfg, err := parseImportReportsFlags(args, stderr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	refused := func(err error) error { return &exitError{code: 2, err: err} }
	tax, err := data.LoadTaxonomy(cfg.taxonomy)
	if err != nil {
		return refused(err)
	}
	m, err := reportimport.LoadMapping(cfg.mapping, tax)
	if err != nil {
		return refused(err)
	}
	src, err := os.ReadFile(cfg.file)
	if err != nil {
		return refused(fmt.Errorf("import-reports: %w", err))
	}
	area, err := deploymentArea(cfg.dataDir)
	if err != nil {
		return refused(err)
	}
	parsed, err := reportimport.Parse(src, reportimport.Options{Taxonomy: tax, Mapping: m, Area: area, KeepOutliers: cfg.keepOutliers})
	if err != nil {
		return refused(fmt.Errorf("import-reports %s: %w (nothing imported)", cfg.file, err))
	}
	if cfg.writeMapping != "" {
		if err := writeFileWith(cfg.writeMapping, func(w io.Writer) error {
			return reportimport.WriteMapping(w, reportimport.MappingSkeleton(parsed, m))
		}); err != nil {
			return refused(err)
		}
	}
	if cfg.rejected != "" {
		if err := writeFileWith(cfg.rejected, func(w io.Writer) error {
			return reportimport.WriteRejected(w, parsed, parsed.Rejected)
		}); err != nil {
			return refused(err)
		}
	}

	store, err := openStoreForImport(cfg)
	if err != nil {
		return refused(err)
	}
	var sink reportimport.Store
	if store != nil {
		defer store.Close()
		sink = store
		if !cfg.dryRun {
			if err := reconcileImports(cfg, store, tax); err != nil {
				return refused(err)
			}
		}
	}
	start := time.Now()
	sum, err := reportimport.Import(ctx, sink, parsed, reportimport.ImportOptions{DryRun: cfg.dryRun, Update: cfg.update,
		Actor: data.Actor{Name: "mtaa import-reports"}, At: time.Now()})
	if err != nil {
		return &exitError{code: 1, err: fmt.Errorf("import-reports %s: %w (rows before it are stored; run the same import again to complete it)", cfg.file, err)}
	}
	writeImportSummary(stdout, cfg, parsed, sum, area, time.Since(start))
	switch {
	case sum.Imported+sum.Existing == 0:
		return &exitError{code: 2}
	case len(sum.Rejected) > 0:
		return &exitError{code: 1}
	}
	return nil
}

// writeFileWith creates path and writes it with fn.
func writeFileWith(path string, fn func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("import-reports: %w", err)
	}
	if err := fn(f); err != nil {
		f.Close()
		return fmt.Errorf("import-reports: %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("import-reports: %w", err)
	}
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

// maxRowsListed is how many rejected rows the summary lists without
// --verbose; --rejected FILE has them all.
const maxRowsListed = 20

// writeImportSummary prints what an import did (or, in a dry run, would
// do): how the file was read, the rejections tallied by reason, the labels
// nothing matched, the first rejected rows, the changes a re-import finds
// in reports stored before, and the counts. With --verbose it lists every
// row.
func writeImportSummary(w io.Writer, cfg importReportsConfig, parsed *reportimport.Parsed, sum reportimport.Summary, area orb.Bound, took time.Duration) {
	mode := "imported"
	if sum.DryRun {
		mode = "dry run of"
	}
	fmt.Fprintf(w, "%s %s (%s, %s) into %s\n", mode, cfg.file, sum.Format, text.Count(sum.Rows, "row", "rows"), cfg.dataDir)
	if area.IsZero() {
		outliers := "rows far from the bulk of the file are rejected as outliers"
		if cfg.keepOutliers {
			outliers = "outliers kept (--keep-outliers)"
		}
		fmt.Fprintf(w, "  area      none (no extract in the data directory): %s\n", outliers)
	} else {
		fmt.Fprintf(w, "  area      lon %.4f to %.4f, lat %.4f to %.4f (the extract's bounds)\n", area.Min[0], area.Max[0], area.Min[1], area.Max[1])
	}
	if parsed.DateOrder != "" {
		fmt.Fprintf(w, "  dates     %s\n", parsed.DateOrder)
	}
	fmt.Fprintf(w, "  timezone  %s\n", parsed.Timezone)
	if parsed.Placed > 0 {
		fmt.Fprintf(w, "  geometry  %s placed at one point\n", text.Count(parsed.Placed, "line or polygon", "lines or polygons"))
	}
	if cats := categoryCounts(sum.Outcomes); cats != "" {
		fmt.Fprintf(w, "  category  %s\n", cats)
	}
	if tally := reportimport.Tally(sum.Rejected); len(tally) > 0 {
		parts := make([]string, len(tally))
		for i, c := range tally {
			parts[i] = fmt.Sprintf("%s %d", c.Code, c.Rows)
		}
		fmt.Fprintf(w, "  rejected  %s\n", strings.Join(parts, ", "))
	}
	if unmapped := parsed.Unmapped(); len(unmapped) > 0 {
		fmt.Fprintf(w, "  unmapped labels (rows; ignored where another label of the row matched):\n")
		for _, l := range unmapped {
			fmt.Fprintf(w, "    %6d  %q\n", l.Rows, l.Label)
		}
	}
	// Accepted and rejected rows are each in file order: merge them by line.
	rejected := sum.Rejected
	listed := 0
	listRejection := func(rj reportimport.Rejection) {
		if cfg.verbose || listed < maxRowsListed {
			writeRejection(w, rj)
		}
		listed++
	}
	for _, o := range sum.Outcomes {
		for len(rejected) > 0 && rejected[0].Line < o.Line {
			listRejection(rejected[0])
			rejected = rejected[1:]
		}
		if !cfg.verbose && len(o.Changes) == 0 {
			continue
		}
		what := "would import"
		switch {
		case o.Updated:
			what = fmt.Sprintf("updated #%d", o.ID)
		case o.Existing && len(o.Changes) > 0 && cfg.update:
			what = fmt.Sprintf("would update #%d", o.ID)
		case o.Existing && len(o.Changes) > 0:
			what = fmt.Sprintf("differs #%d", o.ID)
		case o.Existing:
			what = fmt.Sprintf("already #%d", o.ID)
		case !sum.DryRun:
			what = fmt.Sprintf("imported #%d", o.ID)
		}
		r := o.Report
		fmt.Fprintf(w, "  %-12s %-22s id %-12s %-17s %-8s %s  %.6f,%.6f\n", what, o.Where(), orDash(o.SourceID),
			r.Category, r.Status, r.ObservedAt.Format(time.RFC3339), r.Location[1], r.Location[0])
		for _, c := range o.Changes {
			fmt.Fprintf(w, "      %-12s %q -> %q\n", c.Field, c.Old, c.New)
		}
	}
	for _, rj := range rejected {
		listRejection(rj)
	}
	if listed > maxRowsListed && !cfg.verbose {
		more := "--verbose lists them all"
		if cfg.rejected != "" {
			more = "all are in " + cfg.rejected
		} else {
			more += "; --rejected FILE writes them as CSV"
		}
		fmt.Fprintf(w, "  … and %s (%s)\n", text.Count(listed-maxRowsListed, "more rejected row", "more rejected rows"), more)
	}
	if sum.Differ > 0 && !cfg.update {
		them := "them"
		if sum.Differ == 1 {
			them = "it"
		}
		fmt.Fprintf(w, "%s from the file (listed above): --update corrects %s (with --dry-run to preview)\n",
			text.Count(sum.Differ, "stored report differs", "stored reports differ"), them)
	}
	if sum.DryRun {
		upd := ""
		if cfg.update {
			upd = fmt.Sprintf(", %d would be updated", sum.Differ)
		}
		fmt.Fprintf(w, "dry run: %d would be imported, %d already imported%s, %d rejected; nothing stored\n",
			sum.Imported, sum.Existing, upd, len(sum.Rejected))
		return
	}
	upd := ""
	if cfg.update {
		upd = fmt.Sprintf(", %d updated", sum.Updated)
	}
	fmt.Fprintf(w, "%d imported, %d already imported%s, %d rejected in %s\n", sum.Imported, sum.Existing, upd, len(sum.Rejected),
		took.Round(time.Millisecond))
}

// categoryCounts lists how many accepted rows have each main category,
// most first.
func categoryCounts(outcomes []reportimport.Outcome) string {
	counts := map[string]int{}
	for _, o := range outcomes {
		counts[o.Report.Category]++
	}
	ids := make([]string, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if counts[ids[i]] != counts[ids[j]] {
			return counts[ids[i]] > counts[ids[j]]
		}
		return ids[i] < ids[j]
	})
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s %d", id, counts[id])
	}
	return strings.Join(parts, ", ")
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
