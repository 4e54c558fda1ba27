package data

import (
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/boltkv"
)

// countingDB is one database under several stores (Close is the
// test's) that counts its read transactions.
type countingDB struct {
	kv.DB
	views atomic.Int64
}

func (d *countingDB) View(fn func(kv.Tx) error) error {
	d.views.Add(1)
	return d.DB.View(fn)
}

func (*countingDB) Close() error { return nil }

// TestTokenLevelReadsOnlyKnownBuckets: on an engine that is not a file,
// TokenLevel reads the database only for keys that may have a bucket:
// those stored at start, written here, or another server's as the feed
// brings them; a key whose bucket is gone is forgotten after one read.
func TestTokenLevelReadsOnlyKnownBuckets(t *testing.T) {
	bolt, err := boltkv.Open(filepath.Join(t.TempDir(), FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bolt.Close() })
	open := func(db kv.DB) *Store {
		s, err := OpenEngine(db, t.TempDir(), Options{Shared: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	ctx := t.Context()
	now := time.Now()
	const perMinute, burst = 1, 3
	take := func(s *Store, key string) {
		t.Helper()
		for range burst {
			if _, err := s.TakeTokens(ctx, "bad-tokens-ip", key, perMinute, burst, 1, now); err != nil {
				t.Fatal(err)
			}
		}
	}
	first := &countingDB{DB: bolt}
	take(open(first), "10.0.0.1") // stored before the servers below start

	dbA, dbB := &countingDB{DB: bolt}, &countingDB{DB: bolt}
	a, b := open(dbA), open(dbB)
	level := func(s *Store, key string) (float64, int64) {
		t.Helper()
		db := map[*Store]*countingDB{a: dbA, b: dbB}[s]
		before := db.views.Load()
		l, err := s.TokenLevel("bad-tokens-ip", key, perMinute, burst, now)
		if err != nil {
			t.Fatal(err)
		}
		return l, db.views.Load() - before
	}
	if l, reads := level(a, "10.0.0.9"); l != burst || reads != 0 {
		t.Errorf("an address without a bucket: level %v after %d reads, want %v after none", l, reads, float64(burst))
	}
	if l, reads := level(a, "10.0.0.1"); l >= 1 || reads != 1 {
		t.Errorf("an address emptied before the start: level %v after %d reads, want < 1 after one", l, reads)
	}

	take(b, "10.0.0.2")
	if l, reads := level(b, "10.0.0.2"); l >= 1 || reads != 1 {
		t.Errorf("an address emptied here: level %v after %d reads, want < 1 after one", l, reads)
	}
	if l, _ := level(a, "10.0.0.2"); l != burst {
		t.Errorf("before the feed: level %v on the other server, want %v (not known yet)", l, float64(burst))
	}
	key := rateKey("bad-tokens-ip", "10.0.0.2")
	if _, err := a.ApplyChanges([]ChangedKey{{Bucket: [][]byte{rateLimits.name}, Key: key}}); err != nil {
		t.Fatal(err)
	}
	if l, reads := level(a, "10.0.0.2"); l >= 1 || reads != 1 {
		t.Errorf("after the feed: level %v after %d reads on the other server, want < 1 after one", l, reads)
	}

	// Refilled and gone from the database: one read, then none.
	later := now.Add(burst * time.Minute)
	if _, err := b.TakeTokens(ctx, "other", "x", perMinute, burst, 1, later); err != nil { // sweeps the expired
		t.Fatal(err)
	}
	for i, want := range []int64{1, 0} {
		before := dbA.views.Load()
		l, err := a.TokenLevel("bad-tokens-ip", "10.0.0.2", perMinute, burst, later)
		if err != nil || l != burst || dbA.views.Load()-before != want {
			t.Errorf("refilled, ask %d: level %v (%v) after %d reads, want %v after %d", i, l, err, dbA.views.Load()-before, float64(burst), want)
		}
	}
}

// TestRateKeysRecount: once the keys double past what the database held,
// they are counted again and those without a bucket are dropped, but not
// those noted since the count began.
func TestRateKeysRecount(t *testing.T) {
	live := map[string]bool{}
	scanned := make(chan struct{}, 1)
	var r *rateKeys
	scans := 0
	r = newRateKeys(func() (map[string]bool, error) {
		defer func() { scanned <- struct{}{} }()
		if scans++; scans == 2 {
			r.note("during") // written while the count runs: kept
		}
		return live, nil
	})
	if err := r.load(); err != nil {
		t.Fatal(err)
	}
	<-scanned
	for i := range rateKeysMin {
		r.note(fmt.Sprintf("k%d", i))
	}
	live["k1"] = true
	r.note("one more") // past rateKeysMin: a recount starts
	select {
	case <-scanned:
	case <-time.After(10 * time.Second):
		t.Fatal("no recount")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		r.mu.Lock()
		n, counting := len(r.keys), r.counting
		r.mu.Unlock()
		if !counting {
			if n != 2 {
				t.Errorf("%d keys after the recount, want k1 and the one noted during it", n)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the recount did not end")
		}
		time.Sleep(time.Millisecond)
	}
	if ok, _ := r.mayHold("k1"); !ok {
		t.Error("the key with a bucket was dropped")
	}
	if ok, _ := r.mayHold("during"); !ok {
		t.Error("the key noted during the recount was dropped")
	}
	if ok, _ := r.mayHold("k2"); ok {
		t.Error("a key without a bucket was kept")
	}
}
