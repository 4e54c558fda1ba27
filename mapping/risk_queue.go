package mapping

import (
	"context"
	"sync"

	"github.com/mtaa-project/mtaa/data"
)

// changeQueue is an unbounded FIFO of reports between the store's commit
// path (push never blocks) and the goroutine that applies them.
type changeQueue struct {
	mu       sync.Mutex
	cond     *sync.Cond
	items    []data.Report
	pushed   uint64
	applied  uint64
	closed   bool
	progress chan struct{} // closed and replaced whenever applied grows
}

func (q *changeQueue) init() {
	q.cond = sync.NewCond(&q.mu)
	q.progress = make(chan struct{})
}

// push queues r.
func (q *changeQueue) push(r data.Report) {
	q.mu.Lock()
	q.items = append(q.items, r)
	q.pushed++
	q.mu.Unlock()
	q.cond.Signal()
}

// expect counts n pieces of work that are not queued reports (the
// catch-up), for wait.
func (q *changeQueue) expect(n int) {
	q.mu.Lock()
	q.pushed += uint64(n)
	q.mu.Unlock()
}

// take waits for queued reports and returns them all; ok is false once
// the queue is closed.
func (q *changeQueue) take() (batch []data.Report, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait()
	}
	if q.closed {
		return nil, false
	}
	batch, q.items = q.items, nil
	return batch, true
}

// done records that n taken reports (or expected pieces of work) were
// applied.
func (q *changeQueue) done(n int) {
	q.mu.Lock()
	q.applied += uint64(n)
	close(q.progress)
	q.progress = make(chan struct{})
	q.mu.Unlock()
}

// close wakes take for good.
func (q *changeQueue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cond.Broadcast()
}

// wait returns once every report pushed before the call was applied, or
// with ctx's error.
func (q *changeQueue) wait(ctx context.Context) error {
	q.mu.Lock()
	target := q.pushed
	for q.applied < target {
		ch := q.progress
		q.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
		q.mu.Lock()
	}
	q.mu.Unlock()
	return nil
}
