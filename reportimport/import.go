package reportimport

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// Store is where an import writes; *data.Store implements it.
type Store interface {
	CreateMany(ctx context.Context, reports []data.Report) ([]data.CreateResult, error)
	IdempotencyKeyIDs(keys []string) ([]uint64, error)
	Get(id uint64) (data.Report, error)
	UpdateReport(ctx context.Context, id uint64, u data.ReportUpdate) (before, after data.Report, err error)
}

var _ Store = (*data.Store)(nil)

// ChunkSize is how many reports Import stores per transaction (one fsync
// each).
const ChunkSize = 1000

// ImportOptions says how Import writes.
type ImportOptions struct {
	// DryRun writes nothing: Import only looks the rows up.
	DryRun bool
	// Update re-applies the file to the rows an earlier import stored:
	// each changed field is corrected, with one audit entry per report
	// naming Actor, as a moderator's edit is.
	Update bool
	// Actor is who the audit log names for updates; At when.
	Actor data.Actor
	At    time.Time
}

// Change is one field of a stored report that differs from the file.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// Outcome is what became of one accepted row.
type Outcome struct {
	Row
	// Existing is true when an earlier import stored this row already.
	Existing bool
	// ID is the stored report's id (for an existing row, the original's);
	// 0 in a dry run for a new row.
	ID uint64
	// Changes are the fields where the stored report differs from the
	// file (existing rows only); Updated is true when they were corrected.
	Changes []Change
	Updated bool
}

// Summary is what an import did, or would do in a dry run.
type Summary struct {
	Format Format `json:"format"`
	DryRun bool   `json:"dry_run"`
	Update bool   `json:"update"`
	// Rows is the number of rows (CSV records or features) read.
	Rows int `json:"rows"`
	// Imported counts the new reports stored (or, in a dry run, that would
	// be); Existing the rows an earlier import already stored.
	Imported int `json:"imported"`
	Existing int `json:"existing"`
	// Differ counts the existing rows whose stored report differs from
	// the file; Updated those corrected (with Update, not in a dry run).
	Differ   int         `json:"differ"`
	Updated  int         `json:"updated"`
	Rejected []Rejection `json:"rejected"`
	// Outcomes lists every accepted row, in file order.
	Outcomes []Outcome `json:"-"`
}

// Import stores the accepted rows of p in chunks of ChunkSize, each in one
// transaction; rows stored by an earlier import of the same source are
// found by their idempotency keys and not stored again, but compared with
// the file: with opts.Update their changed fields are corrected (one
// audited update per report), else only counted. With opts.DryRun it only
// looks the rows up and writes nothing; store may then be nil (no
// database yet: every row is new). A failure part-way leaves the chunks
// before it stored: running the import again completes it.
func Import(ctx context.Context, store Store, p *Parsed, opts ImportOptions) (Summary, error) {
	sum := Summary{Format: p.Format, DryRun: opts.DryRun, Update: opts.Update, Rows: p.Read, Rejected: p.Rejected,
		Outcomes: make([]Outcome, 0, len(p.Rows))}
	if sum.Rejected == nil {
		sum.Rejected = []Rejection{}
	}
	if opts.At.IsZero() {
		opts.At = time.Now()
	}
	for start := 0; start < len(p.Rows); start += ChunkSize {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		chunk := p.Rows[start:min(start+ChunkSize, len(p.Rows))]
		// Rows an earlier import stored are found by their keys first, so
		// that a re-run neither reconciles nor writes them again.
		known := make([]uint64, len(chunk))
		if store != nil {
			keys := make([]string, len(chunk))
			for i, r := range chunk {
				keys[i] = r.Report.IdempotencyKey
			}
			var err error
			if known, err = store.IdempotencyKeyIDs(keys); err != nil {
				return sum, fmt.Errorf("import: %w", err)
			}
		}
		outcomes := make([]Outcome, len(chunk))
		var fresh []data.Report
		var freshAt []int
		for i, r := range chunk {
			outcomes[i] = Outcome{Row: r, Existing: known[i] != 0, ID: known[i]}
			if known[i] == 0 {
				fresh = append(fresh, r.Report)
				freshAt = append(freshAt, i)
				continue
			}
			if err := compare(ctx, store, &outcomes[i], opts); err != nil {
				return sum, err
			}
		}
		if !opts.DryRun && len(fresh) > 0 {
			// CreateMany checks the keys again inside its transaction: a
			// concurrent import of the same file stores each row once.
			results, err := store.CreateMany(ctx, fresh)
			if err != nil {
				return sum, fmt.Errorf("import rows %s to %s: %w", chunk[0].Where(), chunk[len(chunk)-1].Where(), err)
			}
			for j, res := range results {
				o := &outcomes[freshAt[j]]
				o.Report, o.Existing, o.ID = res.Report, res.Existed, res.Report.ID
			}
		}
		for _, o := range outcomes {
			sum.add(o)
		}
	}
	return sum, nil
}

// compare finds what differs between the stored report of an existing row
// and the file, and corrects it when asked to.
func compare(ctx context.Context, store Store, o *Outcome, opts ImportOptions) error {
	stored, err := store.Get(o.ID)
	if errors.Is(err, data.ErrNotFound) {
		// A concurrent import of the same file stored it a moment ago and
		// it is not readable yet: it is the file's row.
		return nil
	}
	if err != nil {
		return fmt.Errorf("import: %s (report %d): %w", o.Where(), o.ID, err)
	}
	o.Changes = diff(&stored, &o.Report)
	if len(o.Changes) == 0 || !opts.Update || opts.DryRun {
		return nil
	}
	want := o.Report
	_, after, err := store.UpdateReport(ctx, o.ID, data.ReportUpdate{Actor: opts.Actor, At: opts.At, SourceCorrection: true,
		Reason: "re-import of the source file (" + o.Where() + ")",
		Change: func(r *data.Report) error {
			r.Category, r.Description, r.Location, r.ObservedAt = want.Category, want.Description, want.Location, want.ObservedAt
			r.Needs, r.SourceCategories = slices.Clone(want.Needs), slices.Clone(want.SourceCategories)
			return nil
		}})
	if err != nil {
		return fmt.Errorf("import: update %s (report %d): %w", o.Where(), o.ID, err)
	}
	o.Report, o.Updated = after, true
	return nil
}

// diff lists the fields a re-import corrects where stored differs from
// file. The status is not among them: after an import it belongs to the
// moderators.
func diff(stored, file *data.Report) []Change {
	var out []Change
	if stored.Category != file.Category {
		out = append(out, Change{"category", stored.Category, file.Category})
	}
	if !slices.Equal(stored.AllNeeds(), file.AllNeeds()) {
		out = append(out, Change{"needs", strings.Join(stored.AllNeeds(), ", "), strings.Join(file.AllNeeds(), ", ")})
	}
	if !slices.Equal(stored.SourceCategories, file.SourceCategories) {
		out = append(out, Change{"source_categories", strings.Join(stored.SourceCategories, " · "), strings.Join(file.SourceCategories, " · ")})
	}
	if !stored.ObservedAt.Equal(file.ObservedAt) {
		out = append(out, Change{"observed_at", stored.ObservedAt.UTC().Format(time.RFC3339), file.ObservedAt.UTC().Format(time.RFC3339)})
	}
	if stored.Location != file.Location {
		out = append(out, Change{"location", pointString(stored.Location), pointString(file.Location)})
	}
	if stored.Description != file.Description {
		out = append(out, Change{"description", stored.Description, file.Description})
	}
	return out
}

func pointString(p orb.Point) string {
	return strconv.FormatFloat(p[1], 'f', -1, 64) + "," + strconv.FormatFloat(p[0], 'f', -1, 64)
}

func (s *Summary) add(o Outcome) {
	if o.Existing {
		s.Existing++
	} else {
		s.Imported++
	}
	if len(o.Changes) > 0 {
		s.Differ++
	}
	if o.Updated {
		s.Updated++
	}
	s.Outcomes = append(s.Outcomes, o)
}
