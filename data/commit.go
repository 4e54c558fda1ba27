package data

import (
	"errors"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// writeOp is one unit of work for the group committer. apply runs inside
// the shared write transaction; it must check before it writes, so that an
// error leaves nothing behind. after runs once the transaction is durable.
type writeOp struct {
	apply func(tx *bolt.Tx) error
	after func()
	done  chan error
}

// committer group-commits writes: one goroutine takes every write waiting
// in the queue, applies them in one bbolt transaction and fsyncs once. With
// no waiting writers a write commits at once (no batching delay); under load
// the batch grows by itself to the number of concurrent writers.
type committer struct {
	db       *bolt.DB
	queue    chan *writeOp
	maxBatch int

	mu     sync.RWMutex // guards closed against sends on a closed queue
	closed bool
	exited chan struct{}
}

func newCommitter(db *bolt.DB, maxBatch int) *committer {
	c := &committer{db: db, queue: make(chan *writeOp, 4*maxBatch), maxBatch: maxBatch, exited: make(chan struct{})}
	go c.run()
	return c
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
	for op := range c.queue {
		batch = append(batch[:0], op)
	fill:
		for len(batch) < c.maxBatch {
			select {
			case op, ok := <-c.queue:
				if !ok {
					break fill
				}
				batch = append(batch, op)
			default:
				break fill
			}
		}
		c.commit(batch)
	}
}

// opError marks which op of a batch failed.
type opError struct {
	index int
	err   error
}

func (e *opError) Error() string { return e.err.Error() }

func (c *committer) commit(batch []*writeOp) {
	err := c.db.Update(func(tx *bolt.Tx) error {
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
