package data

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// writeOp is one unit of work for the group committer. apply runs inside
// the shared write transaction; it must check before it writes, so that an
// error leaves nothing behind. after runs once the transaction is durable.
type writeOp struct {
	apply func(tx kv.Tx) error
	after func()
	done  chan error
}

// committer group-commits writes: one goroutine takes every write waiting
// in the queue, applies them in one bbolt transaction and fsyncs once. With
// no waiting writers a write commits at once (no batching delay); under load
// the batch grows by itself to the number of concurrent writers.
//
// Under load from many closed-loop writers (each sends its next write once
// the last one is acknowledged) the writers split into two groups that take
// turns: one waits for the fsync while the other is being answered and
// sends again, so each commit carries only about half of them. To merge the
// groups, a commit that follows a batch of several writes lingers briefly
// for the writers just acknowledged to come back: until as many writes are
// queued as the last commit carried plus those that arrived during it, for
// at most half the last commit's duration (capped at maxLinger). One client
// alone never waits (a batch of 1 does not linger), and the wait is always
// shorter than the fsync it saves.
type committer struct {
	db       kv.DB
	queue    chan *writeOp
	maxBatch int

	mu     sync.RWMutex // guards closed against sends on a closed queue
	closed bool
	exited chan struct{}

	stats commitCounters

	// background, when set, is work the committer does in transactions
	// of its own between the writers' commits: after stagingIdle without
	// a write (background.idle()), or after every commit while it is overdue.
	background backgroundWork
}

// backgroundWork is done by the committer in small steps.
type backgroundWork interface {
	due() (waiting, overdue bool)
	idle() time.Duration
	step(tx kv.Tx) error
	committed()
}

// maxLinger caps how long a commit waits for more writers.
const maxLinger = 2 * time.Millisecond

// lingerFrom is the smallest previous batch after which a commit lingers.
const lingerFrom = 4

// commitCounters are cumulative, read by CommitStats.
type commitCounters struct {
	commits, writes, nanos, lingerNanos atomic.Int64
}

// CommitStats are cumulative counts of the group committer since Open.
type CommitStats struct {
	// Commits is the number of bbolt transactions committed (each one
	// fsynced), Writes the number of writes they carried.
	Commits, Writes int64
	// CommitTime is the time spent applying, writing and fsyncing;
	// LingerTime the time spent waiting for more writers to join a batch.
	CommitTime, LingerTime time.Duration
}

// CommitStats returns the group committer's counters: Writes/Commits is
// the mean batch size, CommitTime/Commits the mean commit duration.
func (s *Store) CommitStats() CommitStats {
	c := &s.w.stats
	return CommitStats{Commits: c.commits.Load(), Writes: c.writes.Load(),
		CommitTime: time.Duration(c.nanos.Load()), LingerTime: time.Duration(c.lingerNanos.Load())}
}

func newCommitter(db kv.DB, maxBatch int, background backgroundWork) *committer {
	c := &committer{db: db, queue: make(chan *writeOp, 4*maxBatch), maxBatch: maxBatch, exited: make(chan struct{}),
		background: background}
	go c.run()
	return c
}

// next waits for the next write. While background work waits it does a
// step of it each time background.idle() passes without a write.
func (c *committer) next() (*writeOp, bool) {
	for {
		if c.background == nil {
			op, ok := <-c.queue
			return op, ok
		}
		if waiting, _ := c.background.due(); !waiting {
			op, ok := <-c.queue
			return op, ok
		}
		t := time.NewTimer(c.background.idle())
		select {
		case op, ok := <-c.queue:
			t.Stop()
			return op, ok
		case <-t.C:
			c.backgroundStep()
		}
	}
}

// backgroundStep does one step of the background work in a transaction
// of its own. A failure is left for the next step: the writes that wait
// are not the background work's.
func (c *committer) backgroundStep() {
	if err := c.db.Update(c.background.step); err == nil {
		c.background.committed()
	}
}

// submit queues op and waits until it is durable or has failed. Once queued
// it always waits for the outcome, so a caller never acknowledges a write
// whose fate is unknown.
func (c *committer) submit(op *writeOp) error {
	op.done = make(chan error, 1)
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return ErrClosed
	}
	c.queue <- op
	c.mu.RUnlock()
	return <-op.done
}

// close stops accepting writes, commits what is queued and waits for the
// committer goroutine to exit.
func (c *committer) close() {
	c.mu.Lock()
	if !c.closed {
		c.closed = true
		close(c.queue)
	}
	c.mu.Unlock()
	<-c.exited
}

func (c *committer) run() {
	defer close(c.exited)
	batch := make([]*writeOp, 0, c.maxBatch)
	// expect is how many writes the next commit should carry: those of
	// the last commit, whose writers come back once answered, and those
	// that arrived while it ran.
	expect, lastDur, lastEnd := 0, time.Duration(0), time.Time{}
	for {
		op, ok := c.next()
		if !ok {
			return
		}
		if time.Since(lastEnd) > lastDur {
			expect = 0 // the writers did not come back promptly: no load to batch
		}
		batch = c.fill(append(batch[:0], op))
		if want := min(c.maxBatch, expect); len(batch) < want {
			batch = c.linger(batch, want, min(maxLinger, lastDur/2))
		}
		t0 := time.Now()
		c.commit(batch)
		lastEnd = time.Now()
		lastDur = lastEnd.Sub(t0)
		expect = 0
		if len(batch) >= lingerFrom {
			expect = len(batch) + len(c.queue)
		}
		c.stats.commits.Add(1)
		c.stats.writes.Add(int64(len(batch)))
		c.stats.nanos.Add(int64(lastDur))
		if c.background != nil {
			if _, overdue := c.background.due(); overdue {
				c.backgroundStep()
			}
		}
	}
}

// fill adds the writes already queued to batch, without waiting.
func (c *committer) fill(batch []*writeOp) []*writeOp {
	for len(batch) < c.maxBatch {
		select {
		case op, ok := <-c.queue:
			if !ok {
				return batch
			}
			batch = append(batch, op)
		default:
			return batch
		}
	}
	return batch
}

// linger adds writes to batch as they arrive until it holds want or d has
// passed.
func (c *committer) linger(batch []*writeOp, want int, d time.Duration) []*writeOp {
	if d <= 0 {
		return batch
	}
	t0 := time.Now()
	defer func() { c.stats.lingerNanos.Add(int64(time.Since(t0))) }()
	t := time.NewTimer(d)
	defer t.Stop()
	for len(batch) < want {
		select {
		case op, ok := <-c.queue:
			if !ok {
				return batch
			}
			batch = append(batch, op)
		case <-t.C:
			return batch
		}
	}
	return batch
}

// opError marks which op of a batch failed.
type opError struct {
	index int
	err   error
}

func (e *opError) Error() string { return e.err.Error() }

func (c *committer) commit(batch []*writeOp) {
	err := c.db.Update(func(tx kv.Tx) error {
		for i, op := range batch {
			if err := op.apply(tx); err != nil {
				return &opError{index: i, err: err}
			}
		}
		return nil
	})
	var oe *opError
	switch {
	case err == nil:
		for _, op := range batch {
			if op.after != nil {
				op.after()
			}
			op.done <- nil
		}
	case errors.As(err, &oe) && len(batch) > 1:
		// One op failed and rolled the batch back: give the others their own
		// transactions so one bad write cannot fail its neighbours.
		for _, op := range batch {
			c.commit([]*writeOp{op})
		}
	case errors.As(err, &oe):
		batch[0].done <- oe.err
	default:
		err = storageError(err)
		for _, op := range batch {
			op.done <- err
		}
	}
}
