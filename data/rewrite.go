package data

import (
	"context"
	"fmt"

	"github.com/mtaa-project/mtaa/data/kv"
)

// rewriteBatch is how many reports a rewrite of every report (rewriteAll)
// writes per transaction.
const rewriteBatch = 2000

// recordsReader reads the stored records of keys inside a write
// transaction, wherever they are: getRecordsBytes.
type recordsReader func(tx kv.Tx, keys [][]byte) (recs [][]byte, staged []bool)

// rewriteAll passes a copy of every stored report to compute, in batches
// read outside the write transaction, so the server keeps taking reports
// meanwhile. For each report compute changed, apply copies the computed
// fields onto the report as it is at write time (re-read in the write
// transaction, so a write that landed since is kept) before it is stored
// again. It answers how many reports were rewritten. Only fields that are
// not part of the record's key (its position) may change.
func (s *Store) rewriteAll(ctx context.Context, op string, compute func(r *Report) bool, apply func(cur, computed *Report)) (int, error) {
	return s.rewriteAllWith(ctx, op, compute, apply, getRecordsBytes)
}

// rewriteAllWith is rewriteAll re-reading the records with read.
func (s *Store) rewriteAllWith(ctx context.Context, op string, compute func(r *Report) bool, apply func(cur, computed *Report), read recordsReader) (int, error) {
	ids := s.Find(Query{Limit: 1 << 31}).IDs
	done := 0
	for start := 0; start < len(ids); start += rewriteBatch {
		if err := ctx.Err(); err != nil {
			return done, err
		}
		changed, err := s.rewriteCompute(ids[start:min(start+rewriteBatch, len(ids))], compute)
		if err != nil {
			return done, fmt.Errorf("%s: %w", op, err)
		}
		if len(changed) == 0 {
			continue
		}
		if err := s.rewriteStore(changed, apply, read); err != nil {
			return done, fmt.Errorf("%s: %w", op, err)
		}
		done += len(changed)
	}
	return done, nil
}

// rewriteCompute passes a copy of each report of batch to compute and
// returns those it changed. It reads the records in memory where the
// store keeps them (PostgreSQL): no query per report.
func (s *Store) rewriteCompute(batch []uint64, compute func(r *Report) bool) ([]Report, error) {
	var changed []Report
	err := s.eachRecord(batch, func(v *recordView) error {
		r := v.report()
		if compute(&r) {
			changed = append(changed, r)
		}
		return nil
	})
	return changed, err
}

// rewriteStore stores the reports changed computed, in one write
// transaction: each record is read again where it is now (read: one
// query for the whole batch on PostgreSQL, rather than two per report
// while every other writer waits), apply copies the computed fields onto
// it, and it is put back where it was read (staged or at its place). A
// report gone or moved to another place meanwhile is skipped.
func (s *Store) rewriteStore(changed []Report, apply func(cur, computed *Report), read recordsReader) error {
	keys := make([][]byte, len(changed))
	for i := range changed {
		keys[i] = recordKey(changed[i].ID, changed[i].Location[0], changed[i].Location[1])
	}
	var written []summary
	var recs [][]byte
	return s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		written, recs = written[:0], recs[:0]
		stored, staged := read(tx, keys)
		for i, b := range stored {
			if b == nil {
				continue // gone (or moved) meanwhile
			}
			v, err := viewStored(changed[i].ID, b)
			if err != nil {
				continue // damaged: left as it is, as a read of it would find it
			}
			cur := v.report()
			apply(&cur, &changed[i])
			rec := storedRecord(&cur)
			if staged[i] {
				err = tx.Bucket(bucketIncoming).Put(keys[i][8:], rec)
			} else {
				err = tx.Bucket(bucketReports).Put(keys[i], rec)
			}
			if err != nil {
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
