package data

import (
	"context"
	"fmt"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Reconciler computes a report's Reconciliation from the OSM extract and
// the other reports. It runs before the report is written and must not
// write to the store itself.
type Reconciler func(r *Report)

// SetReconciler sets (or, with nil, removes) the function that reconciles
// every report on write. Reports stored before it was set keep their old
// reconciliation until ReconcileAll.
func (s *Store) SetReconciler(fn Reconciler) {
	if fn == nil {
		s.reconciler.Store(nil)
		return
	}
	s.reconciler.Store(&fn)
}

func (s *Store) reconcile(r *Report) {
	if fn := s.reconciler.Load(); fn != nil {
		(*fn)(r)
	}
}

// reconcileBatch is how many reports ReconcileAll rewrites per transaction.
const reconcileBatch = 2000

// ReconcileAll reconciles every stored report again (after a new extract
// was imported) and returns how many it rewrote. It works in batches, so
// the server keeps taking reports meanwhile.
func (s *Store) ReconcileAll(ctx context.Context) (int, error) {
	fn := s.reconciler.Load()
	if fn == nil {
		return 0, nil
	}
	ids := s.Find(Query{Limit: 1 << 31}).IDs
	done := 0
	for start := 0; start < len(ids); start += reconcileBatch {
		if err := ctx.Err(); err != nil {
			return done, err
		}
		batch := ids[start:min(start+reconcileBatch, len(ids))]
		keys := s.index.keys(batch)
		var reports []Report
		err := s.db.View(func(tx kv.Tx) error {
			for i, id := range batch {
				v, err := getRecord(tx, keys[i].bytes())
				if err != nil {
					return fmt.Errorf("report %d: %w", id, err)
				}
				reports = append(reports, v.report())
			}
			return nil
		})
		if err != nil {
			return done, fmt.Errorf("reconcile: %w", err)
		}
		for i := range reports {
			(*fn)(&reports[i])
		}
		var written []summary
		var recs [][]byte
		err = s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
			written, recs = written[:0], recs[:0]
			for i := range reports {
				// Re-read: only the reconciliation changes here, so a write
				// that landed since the read above is kept. Positions never
				// change, so neither does the key.
				k := recordKey(reports[i].ID, reports[i].Location[0], reports[i].Location[1])
				v, err := getRecord(tx, k)
				if err != nil {
					continue // gone meanwhile
				}
				cur := v.report()
				cur.Reconciliation = reports[i].Reconciliation
				rec := storedRecord(&cur)
				if err := putRecord(tx, k, rec); err != nil { // staged or at its place
					return err
				}
				s.own.note(reports[i].ID, rec)
				sum := summaryOf(&cur)
				written = append(written, sum)
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
			return done, fmt.Errorf("reconcile: %w", err)
		}
		done += len(reports)
	}
	return done, nil
}
