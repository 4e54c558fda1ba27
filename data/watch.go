package data

import (
	"sync"
	"sync/atomic"
)

// ChangeKind says what happened to a report.
type ChangeKind uint8

const (
	// ReportCreated is a new report.
	ReportCreated ChangeKind = iota + 1
	// ReportUpdated is a stored report whose fields changed (moderation,
	// corrections). Re-reconciling against a new extract is not announced.
	ReportUpdated
)

// Change is one committed change to a report, as handed to watchers. The
// report includes its private fields: watchers must not publish it as is.
type Change struct {
	Kind   ChangeKind
	Report Report
}

// watchers is the store's list of change callbacks.
type watchers struct {
	mu   sync.Mutex // serialises registration
	fns  atomic.Pointer[[]*func(Change)]
	seen atomic.Bool // any watcher was ever registered
}

// Watch registers fn to be called after every committed report change,
// in commit order, once the change is durable. fn runs on the store's
// commit path: it must return quickly and must not write to the store
// (hand slow work to another goroutine). The returned func unregisters fn.
func (s *Store) Watch(fn func(Change)) (cancel func()) {
	w := &s.watch
	p := &fn
	w.mu.Lock()
	defer w.mu.Unlock()
	var cur []*func(Change)
	if old := w.fns.Load(); old != nil {
		cur = *old
	}
	next := append(append(make([]*func(Change), 0, len(cur)+1), cur...), p)
	w.fns.Store(&next)
	w.seen.Store(true)
	return func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		old := w.fns.Load()
		if old == nil {
			return
		}
		kept := make([]*func(Change), 0, len(*old))
		for _, q := range *old {
			if q != p {
				kept = append(kept, q)
			}
		}
		w.fns.Store(&kept)
	}
}

// notify calls the registered watchers with c.
func (w *watchers) notify(c Change) {
	if !w.seen.Load() {
		return
	}
	fns := w.fns.Load()
	if fns == nil {
		return
	}
	for _, fn := range *fns {
		(*fn)(c)
	}
}
