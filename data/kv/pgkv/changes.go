package pgkv

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Channel is the NOTIFY channel of committed write transactions.
const Channel = "mtaa_kv"

// changesPage is the most change rows (each a bucket's keys of one
// transaction) ChangesSince reads at once.
const changesPage = 1000

// ErrChangesPruned is returned by ChangesSince when changes after the
// given sequence were removed by PruneChanges: the caller must reload
// everything it keeps in memory and start again from LastChange.
var ErrChangesPruned = errors.New("pgkv: changes pruned")

// Change is one key written by a committed write transaction.
type Change struct {
	// Seq orders changes in commit order; the keys of one bucket written
	// by one transaction share it.
	Seq int64
	// Bucket is the bucket's path from the top level; empty for the
	// creation of a top-level bucket (Key is then its name).
	Bucket [][]byte
	// Key was put or deleted; nil means the whole bucket was deleted.
	Key []byte
}

// LastChange returns the sequence of the last change recorded (0 when
// none). A server that keeps data in memory reads LastChange before it
// loads, then follows ChangesSince from there: a change may be seen twice,
// never missed.
func (db *DB) LastChange(ctx context.Context) (int64, error) {
	var last int64
	err := db.pool.QueryRow(ctx, `SELECT greatest(
		(SELECT coalesce(max(seq), 0) FROM kv_changes), (SELECT pruned_through FROM kv_meta))`).Scan(&last)
	if err != nil {
		return 0, fmt.Errorf("pgkv: last change: %w", err)
	}
	return last, nil
}

// ChangesSince returns the changes after sequence after, oldest first (at
// most the keys of 1,000 transactions and buckets: call it again until
// the sequence stops moving), and the sequence to pass next time (after
// itself when there is nothing new). Write transactions are serialized,
// so sequences commit in order and none is skipped by reading too early.
// ErrChangesPruned means some of them are gone.
func (db *DB) ChangesSince(ctx context.Context, after int64) ([]Change, int64, error) {
	var out []Change
	last := after
	err := pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var pruned int64
		if err := tx.QueryRow(ctx, "SELECT pruned_through FROM kv_meta").Scan(&pruned); err != nil {
			return err
		}
		if after < pruned {
			return ErrChangesPruned
		}
		rows, err := tx.Query(ctx, "SELECT seq, bucket, keys FROM kv_changes WHERE seq > $1 ORDER BY seq LIMIT $2", after, changesPage)
		if err != nil {
			return err
		}
		var (
			seq    int64
			bucket [][]byte
			keys   [][]byte
		)
		_, err = pgx.ForEachRow(rows, []any{&seq, &bucket, &keys}, func() error {
			last = seq
			if keys == nil {
				out = append(out, Change{Seq: seq, Bucket: bucket})
			}
			for _, k := range keys {
				out = append(out, Change{Seq: seq, Bucket: bucket, Key: k})
			}
			bucket, keys = nil, nil
			return nil
		})
		return err
	})
	if err != nil {
		return nil, after, fmt.Errorf("pgkv: changes since %d: %w", after, err)
	}
	return out, last, nil
}

// PruneChanges removes the changes recorded more than keep ago and
// returns how many it removed.
func (db *DB) PruneChanges(ctx context.Context, keep time.Duration) (int64, error) {
	var n int64
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var through int64
		if err := tx.QueryRow(ctx, "SELECT coalesce(max(seq), 0) FROM kv_changes WHERE at < clock_timestamp() - $1::interval",
			keep).Scan(&through); err != nil {
			return err
		}
		if through == 0 {
			return nil
		}
		ct, err := tx.Exec(ctx, "DELETE FROM kv_changes WHERE seq <= $1", through)
		if err != nil {
			return err
		}
		n = ct.RowsAffected()
		_, err = tx.Exec(ctx, "UPDATE kv_meta SET pruned_through = greatest(pruned_through, $1)", through)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("pgkv: prune changes: %w", err)
	}
	return n, nil
}

// Listen calls fn after each committed write transaction of any server on
// the database (NOTIFY mtaa_kv), until ctx is done, and returns ctx's
// error. It holds one connection of its own and reconnects after errors;
// fn is also called after each (re)connection, since notifications sent
// while disconnected are lost. fn runs on Listen's goroutine: it should
// read ChangesSince and return.
func (db *DB) Listen(ctx context.Context, fn func()) error {
	cfg := db.pool.Config().ConnConfig
	wait := 100 * time.Millisecond
	for {
		err := db.listenOnce(ctx, cfg, fn, &wait)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if db.onListenErr != nil {
			db.onListenErr(fmt.Errorf("pgkv: listen: %w", err))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		if wait < 5*time.Second {
			wait *= 2
		}
	}
}

func (db *DB) listenOnce(ctx context.Context, cfg *pgx.ConnConfig, fn func(), wait *time.Duration) error {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return err
	}
	*wait = 100 * time.Millisecond
	fn()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		fn()
	}
}
