package data

import (
	"context"
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

// ReconcileAll reconciles every stored report again (after a new extract
// was imported) and returns how many it rewrote. It works in batches, so
// the server keeps taking reports meanwhile.
func (s *Store) ReconcileAll(ctx context.Context) (int, error) {
	return s.reconcileAll(ctx, getRecordsBytes)
}

// reconcileAll is ReconcileAll re-reading the records with read.
func (s *Store) reconcileAll(ctx context.Context, read recordsReader) (int, error) {
	fn := s.reconciler.Load()
	if fn == nil {
		return 0, nil
	}
	return s.rewriteAllWith(ctx, "reconcile", func(r *Report) bool {
		(*fn)(r)
		return true
	}, func(cur, computed *Report) {
		// Only the reconciliation changes here.
		cur.Reconciliation = computed.Reconciliation
	}, read)
}
