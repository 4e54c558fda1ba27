package pgkv_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
)

// TestWritesSerializeAcrossHandles runs two DB handles on one database,
// as two servers would: a counter read and written back 200 times from
// each (by four goroutines per handle) ends at 400, and sequences are
// never handed out twice.
func TestWritesSerializeAcrossHandles(t *testing.T) {
	a, url := open(t, "", pgkv.Options{})
	b, _ := open(t, url, pgkv.Options{})
	update(t, a, func(tx kv.Tx) error {
		bk, err := tx.CreateBucket([]byte("c"))
		if err != nil {
			return err
		}
		return bk.Put([]byte("n"), []byte("0"))
	})
	var mu sync.Mutex
	seqs := map[uint64]bool{}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for _, db := range []*pgkv.DB{a, b} {
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func(db *pgkv.DB) {
				defer wg.Done()
				for i := 0; i < 50; i++ {
					err := db.Update(func(tx kv.Tx) error {
						bk := tx.Bucket([]byte("c"))
						n, err := strconv.Atoi(string(bk.Get([]byte("n"))))
						if err != nil {
							return err
						}
						s, err := bk.NextSequence()
						if err != nil {
							return err
						}
						mu.Lock()
						dup := seqs[s]
						seqs[s] = true
						mu.Unlock()
						if dup {
							return fmt.Errorf("sequence %d handed out twice", s)
						}
						return bk.Put([]byte("n"), []byte(strconv.Itoa(n+1)))
					})
					if err != nil {
						errs <- err
						return
					}
				}
			}(db)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	view(t, b, func(tx kv.Tx) error {
		bk := tx.Bucket([]byte("c"))
		if n := string(bk.Get([]byte("n"))); n != "400" {
			t.Errorf("counter %s after 400 increments: lost updates", n)
		}
		if s := bk.Sequence(); s != 400 {
			t.Errorf("sequence %d, want 400", s)
		}
		return nil
	})
}

// TestChangeFeedAcrossHandles: a write through one handle wakes the
// other's Listen, which reads the keys with ChangesSince.
func TestChangeFeedAcrossHandles(t *testing.T) {
	a, url := open(t, "", pgkv.Options{})
	listenErrs := make(chan error, 10)
	b, _ := open(t, url, pgkv.Options{ListenError: func(err error) { listenErrs <- err }})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start, err := b.LastChange(ctx)
	if err != nil {
		t.Fatal(err)
	}
	woke := make(chan struct{}, 100)
	done := make(chan error, 1)
	go func() { done <- b.Listen(ctx, func() { woke <- struct{}{} }) }()
	wait := func(what string) {
		t.Helper()
		select {
		case <-woke:
		case <-time.After(20 * time.Second):
			t.Fatalf("no call from Listen: %s", what)
		}
	}
	wait("after connecting")

	update(t, a, func(tx kv.Tx) error {
		r, err := tx.CreateBucket([]byte("reports"))
		if err != nil {
			return err
		}
		in, err := r.CreateBucketIfNotExists([]byte("photos"))
		if err != nil {
			return err
		}
		if err := in.Put([]byte("p1"), []byte("jpeg")); err != nil {
			return err
		}
		if err := r.Put([]byte("r1"), []byte("{}")); err != nil {
			return err
		}
		return r.Put([]byte("r2"), []byte("{}"))
	})
	wait("after a commit on the other handle")
	got, last := changes(t, b, start)
	want := "[/reports reports/photos reports/r1 reports/r2 reports/photos/p1]"
	if fmt.Sprint(sortedChanges(got)) != fmt.Sprint(sortedChanges(strings.Fields(strings.Trim(want, "[]")))) {
		t.Errorf("changes %v, want %v", got, want)
	}

	// Nothing new: same sequence back. A read-only or rolled-back
	// transaction records nothing.
	view(t, a, func(tx kv.Tx) error { tx.Bucket([]byte("reports")).Get([]byte("r1")); return nil })
	a.Update(func(tx kv.Tx) error {
		tx.Bucket([]byte("reports")).Put([]byte("r3"), []byte("{}"))
		return errors.New("rolled back")
	})
	if got, l := changes(t, b, last); len(got) != 0 || l != last {
		t.Errorf("changes after no commit: %v, %d (was %d)", got, l, last)
	}

	update(t, a, func(tx kv.Tx) error {
		if err := tx.Bucket([]byte("reports")).Delete([]byte("r2")); err != nil {
			return err
		}
		return tx.DeleteBucket([]byte("reports"))
	})
	wait("after a delete")
	got, last = changes(t, b, last)
	if fmt.Sprint(got) != "[reports/r2 reports/*]" {
		t.Errorf("changes of a delete: %v", got)
	}

	// The listener's connection is killed: Listen reconnects and calls fn.
	var n int64
	if err := a.Pool().QueryRow(ctx, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query = 'LISTEN "+pgkv.Channel+"'").Scan(&n); err != nil || n != 1 {
		t.Fatalf("terminate the listener: %d, %v", n, err)
	}
	wait("after reconnecting")
	select {
	case err := <-listenErrs:
		if err == nil {
			t.Error("ListenError called with nil")
		}
	default:
		t.Error("ListenError not told of the broken connection")
	}
	update(t, a, func(tx kv.Tx) error { _, err := tx.CreateBucket([]byte("again")); return err })
	wait("after a commit, reconnected")

	// Pruning everything: a reader behind must reload.
	if n, err := a.PruneChanges(ctx, 0); err != nil || n != 6 {
		t.Errorf("PruneChanges removed %d, %v; want 6 (one row per bucket and transaction)", n, err)
	}
	if _, _, err := b.ChangesSince(ctx, start); !errors.Is(err, pgkv.ErrChangesPruned) {
		t.Errorf("ChangesSince from before the pruning: %v, want ErrChangesPruned", err)
	}
	l, err := b.LastChange(ctx)
	if err != nil || l <= last {
		t.Errorf("LastChange after pruning %d, %v; want > %d", l, err, last)
	}
	if got, _ := changes(t, b, l); len(got) != 0 {
		t.Errorf("changes after LastChange: %v", got)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Listen returned %v", err)
	}
}

// changes reads the changes after seq as "path/key" strings ("*" for a
// whole bucket).
func changes(t *testing.T, db *pgkv.DB, after int64) ([]string, int64) {
	t.Helper()
	cs, last, err := db.ChangesSince(context.Background(), after)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, c := range cs {
		if i > 0 && c.Seq < cs[i-1].Seq {
			t.Errorf("changes out of order: %d after %d", c.Seq, cs[i-1].Seq)
		}
		var p []string
		for _, b := range c.Bucket {
			p = append(p, string(b))
		}
		k := string(c.Key)
		if c.Key == nil {
			k = "*"
		}
		out = append(out, strings.Join(p, "/")+"/"+k)
	}
	return out, last
}

func sortedChanges(s []string) []string {
	out := append([]string{}, s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestMigrationsOnceUnderConcurrentOpen opens six handles at once on a
// fresh database with a caller migration that fails when run twice.
func TestMigrationsOnceUnderConcurrentOpen(t *testing.T) {
	_, url := open(t, "", pgkv.Options{}) // the core schema only
	migs := []pgkv.Migration{
		{ID: "test/0001_places.sql", SQL: "CREATE TABLE places (id int PRIMARY KEY); INSERT INTO places VALUES (1);"},
		{ID: "test/0002_more.sql", SQL: "INSERT INTO places VALUES (2)"},
	}
	var wg sync.WaitGroup
	dbs := make([]*pgkv.DB, 6)
	errs := make([]error, 6)
	for i := range dbs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			dbs[i], errs[i] = pgkv.Open(context.Background(), url, pgkv.Options{Migrations: migs})
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Open %d: %v", i, err)
		}
		defer dbs[i].Close()
	}
	var n, m int
	if err := dbs[0].Pool().QueryRow(context.Background(), "SELECT (SELECT count(*) FROM places), (SELECT count(*) FROM kv_migrations)").Scan(&n, &m); err != nil {
		t.Fatal(err)
	}
	if n != 2 || m != 4 {
		t.Errorf("places %d rows (want 2), kv_migrations %d rows (want 4: pgkv's two and the test's two)", n, m)
	}
	bad := append(migs, pgkv.Migration{ID: "test/0003_bad.sql", SQL: "CREATE TABLE places (id int)"})
	if db, err := pgkv.Open(context.Background(), url, pgkv.Options{Migrations: bad}); err == nil {
		db.Close()
		t.Fatal("Open with a failing migration returned no error")
	}
}

// TestProjection keeps a PostGIS table in step with a bucket whose values
// are "lon lat".
func TestProjection(t *testing.T) {
	proj := pgkv.Projection{
		Bucket: "points",
		Row: func(key, value []byte) (string, []any, error) {
			if value == nil {
				return "DELETE FROM points WHERE id = $1", []any{string(key)}, nil
			}
			var lon, lat float64
			if _, err := fmt.Sscan(string(value), &lon, &lat); err != nil {
				return "", nil, fmt.Errorf("point %q: %w", value, err)
			}
			return `INSERT INTO points (id, geom) VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 4326))
				ON CONFLICT (id) DO UPDATE SET geom = excluded.geom`, []any{string(key), lon, lat}, nil
		},
		Clear: "DELETE FROM points",
	}
	db, _ := open(t, "", pgkv.Options{
		Migrations:  []pgkv.Migration{{ID: "test/points.sql", SQL: "CREATE TABLE points (id text PRIMARY KEY, geom geometry(Point, 4326) NOT NULL)"}},
		Projections: []pgkv.Projection{proj},
	})
	rows := func() string {
		t.Helper()
		var s string
		err := db.Pool().QueryRow(context.Background(),
			"SELECT coalesce(string_agg(id || ' ' || ST_AsText(geom), ', ' ORDER BY id), '') FROM points").Scan(&s)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	update(t, db, func(tx kv.Tx) error {
		b, err := tx.CreateBucket([]byte("points"))
		if err != nil {
			return err
		}
		for k, v := range map[string]string{"a": "39.2 -6.8", "b": "36.8 -1.3", "c": "1 1"} {
			if err := b.Put([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
		if err := b.Delete([]byte("c")); err != nil {
			return err
		}
		other, err := tx.CreateBucket([]byte("other"))
		if err != nil {
			return err
		}
		return other.Put([]byte("x"), []byte("not a point"))
	})
	if got := rows(); got != "a POINT(39.2 -6.8), b POINT(36.8 -1.3)" {
		t.Errorf("projected rows: %q", got)
	}
	update(t, db, func(tx kv.Tx) error {
		b := tx.Bucket([]byte("points"))
		if err := b.Put([]byte("a"), []byte("40 -7")); err != nil {
			return err
		}
		return b.Delete([]byte("b"))
	})
	if got := rows(); got != "a POINT(40 -7)" {
		t.Errorf("after update and delete: %q", got)
	}
	err := db.Update(func(tx kv.Tx) error {
		b := tx.Bucket([]byte("points"))
		b.Put([]byte("d"), []byte("5 5"))
		return b.Put([]byte("e"), []byte("nowhere"))
	})
	if err == nil {
		t.Fatal("commit with a value the projection refuses succeeded")
	}
	view(t, db, func(tx kv.Tx) error {
		if v := tx.Bucket([]byte("points")).Get([]byte("d")); v != nil {
			t.Errorf("failed commit stored d=%q", v)
		}
		return nil
	})
	if got := rows(); got != "a POINT(40 -7)" {
		t.Errorf("after a failed commit: %q", got)
	}
	update(t, db, func(tx kv.Tx) error { return tx.DeleteBucket([]byte("points")) })
	if got := rows(); got != "" {
		t.Errorf("after DeleteBucket: %q", got)
	}
}

// TestHungWriterReleasesTheLock: a write transaction left idle (a hung
// server) is ended by PostgreSQL after IdleTxTimeout, and the other
// handle's writes go through; the hung one's Commit fails and its write is
// lost, never half applied.
func TestHungWriterReleasesTheLock(t *testing.T) {
	a, url := open(t, "", pgkv.Options{IdleTxTimeout: 300 * time.Millisecond})
	b, _ := open(t, url, pgkv.Options{})
	update(t, a, func(tx kv.Tx) error { _, err := tx.CreateBucket([]byte("b")); return err })
	hung, err := a.Begin(true)
	if err != nil {
		t.Fatal(err)
	}
	if err := hung.Bucket([]byte("b")).Put([]byte("hung"), []byte("x")); err != nil {
		t.Fatal(err)
	}
	update(t, b, func(tx kv.Tx) error { return tx.Bucket([]byte("b")).Put([]byte("other"), []byte("y")) })
	if err := hung.Commit(); err == nil {
		t.Fatal("Commit of a transaction ended by the server succeeded")
	}
	view(t, b, func(tx kv.Tx) error {
		bk := tx.Bucket([]byte("b"))
		if bk.Get([]byte("hung")) != nil || bk.Get([]byte("other")) == nil {
			t.Errorf("hung=%q other=%q, want only other", bk.Get([]byte("hung")), bk.Get([]byte("other")))
		}
		return nil
	})
	// The pool recovers: the next transaction on a works.
	update(t, a, func(tx kv.Tx) error { return tx.Bucket([]byte("b")).Put([]byte("after"), []byte("z")) })
}
