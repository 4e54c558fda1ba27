package reportimport

import (
	"context"
	"fmt"

	"github.com/mtaa-project/mtaa/data"
)

// Store is where an import writes; *data.Store implements it.
type Store interface {
	CreateMany(ctx context.Context, reports []data.Report) ([]data.CreateResult, error)
	IdempotencyKeyIDs(keys []string) ([]uint64, error)
}

var _ Store = (*data.Store)(nil)

// ChunkSize is how many reports Import stores per transaction (one fsync
// each).
const ChunkSize = 1000

// Outcome is what became of one accepted row.
type Outcome struct {
	Row
	// Existing is true when an earlier import stored this row already.
	Existing bool
	// ID is the stored report's id (for an existing row, the original's);
	// 0 in a dry run for a new row.
	ID uint64
}

// Summary is what an import did, or would do in a dry run.
type Summary struct {
	Format Format `json:"format"`
	DryRun bool   `json:"dry_run"`
	// Rows is the number of rows (CSV records or features) read.
	Rows int `json:"rows"`
	// Imported counts the new reports stored (or, in a dry run, that would
	// be); Existing the rows an earlier import already stored.
	Imported int         `json:"imported"`
	Existing int         `json:"existing"`
	Rejected []Rejection `json:"rejected"`
	// Outcomes lists every accepted row, in file order.
	Outcomes []Outcome `json:"-"`
}

// Import stores the accepted rows of p in chunks of ChunkSize, each in one
// transaction; rows stored by an earlier import of the same source are
// found by their idempotency keys and neither reconciled nor stored again.
// With dryRun it only looks the keys up and writes nothing; store may then
// be nil (no database yet: every row is new). A failure part-way leaves
// the chunks before it stored: running the import again completes it.
func Import(ctx context.Context, store Store, p *Parsed, dryRun bool) (Summary, error) {
	sum := Summary{Format: p.Format, DryRun: dryRun, Rows: p.Read, Rejected: p.Rejected,
		Outcomes: make([]Outcome, 0, len(p.Rows))}
	if sum.Rejected == nil {
		sum.Rejected = []Rejection{}
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
			}
		}
		if !dryRun && len(fresh) > 0 {
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

func (s *Summary) add(o Outcome) {
	if o.Existing {
		s.Existing++
	} else {
		s.Imported++
	}
	s.Outcomes = append(s.Outcomes, o)
}
