package data

import (
	"context"
	"fmt"

	"github.com/mtaa-project/mtaa/data/kv"
)

// rewriteBatch is how many reports a rewrite of every report (rewriteAll)
// writes per transaction.
const rewriteBatch = 2000

// rewriteAll passes a copy of every stored report to compute, in batches
// read outside the write transaction, so the server keeps taking reports
// meanwhile. For each report compute changed, apply copies the computed
// fields onto the report as it is at write time (re-read in the write
// transaction, so a write that landed since is kept) before it is stored
// again. It answers how many reports were rewritten. Only fields that are
// not part of the record's key (its position) may change.
func (s *Store) rewriteAll(ctx context.Context, op string, compute func(r *Report) bool, apply func(cur, computed *Report)) (int, error) {
	ids := s.Find(Query{Limit: 1 << 31}).IDs
	done := 0
	for start := 0; start < len(ids); start += rewriteBatch {
		if err := ctx.Err(); err != nil {
			return done, err
		}
		batch := ids[start:min(start+rewriteBatch, len(ids))]
		var changed []Report
		// From the records in memory where the store keeps them
		// (PostgreSQL): no query per report.
		err := s.eachRecord(batch, func(v *recordView) error {
			r := v.report()
			if compute(&r) {
				changed = append(changed, r)
			}
			return nil
		})
		if err != nil {
			return done, fmt.Errorf("%s: %w", op, err)
		}
		if len(changed) == 0 {
			continue
		}
		var written []summary
		var recs [][]byte
		err = s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
			written, recs = written[:0], recs[:0]
			for i := range changed {
				k := recordKey(changed[i].ID, changed[i].Location[0], changed[i].Location[1])
				v, err := getRecord(tx, k)
				if err != nil {
					continue // gone (or moved) meanwhile
				}
				cur := v.report()
				apply(&cur, &changed[i])
				rec := storedRecord(&cur)
				if err := putRecord(tx, k, rec); err != nil { // staged or at its place
					return err
				}
				s.own.note(cur.ID, rec)
				written = append(written, summaryOf(&cur))
				recs = append(recs, rec)
			}
			return nil
		}, after: func() {
			for i, sum := range written {
				s.mem.put(sum.id, recs[i])
				s.index.add(sum) // an existing id: updates the row in place
			}
		}})
		if err != nil {
			return done, fmt.Errorf("%s: %w", op, err)
		}
		done += len(changed)
	}
	return done, nil
}

// RewriteReporters passes the private reporter of every stored report to
// change and stores what it answers where it differs: for sealing contact
// details that older versions stored in clear. It answers how many reports
// it rewrote; a report written meanwhile is rewritten from its new state.
// Nothing public changes, so no watcher is told.
func (s *Store) RewriteReporters(ctx context.Context, change func(reporter string) (string, error)) (int, error) {
	var fail error
	n, err := s.rewriteAll(ctx, "rewrite reporters", func(r *Report) bool {
		if fail != nil || r.Reporter == "" {
			return false
		}
		next, err := change(r.Reporter)
		if err != nil {
			fail = fmt.Errorf("report %d: %w", r.ID, err)
			return false
		}
		if next == r.Reporter {
			return false
		}
		r.Reporter = next
		return true
	}, func(cur, computed *Report) {
		if next, err := change(cur.Reporter); err == nil {
			cur.Reporter = next
		}
	})
	if err == nil && fail != nil {
		err = fmt.Errorf("rewrite reporters: %w", fail)
	}
	return n, err
}
