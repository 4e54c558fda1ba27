package data_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/data/kv/kvtest"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestCreateGet(t *testing.T) {
	s, _ := datatest.NewStore(t)
	acc := 8.5
	in := datatest.Report(orb.Point{39.2567, -6.8123}, "flood", t0)
	in.AccuracyM = &acc
	in.Reporter = "private-reporter"
	in.IdempotencyKey = "k-1"
	res, err := s.Create(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Existed || res.Report.ID != 1 {
		t.Fatalf("first report: got id %d existed %v, want id 1, new", res.Report.ID, res.Existed)
	}
	got, err := s.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	in.ID = 1
	if got.Category != in.Category || got.Location != in.Location || *got.AccuracyM != acc ||
		!got.ObservedAt.Equal(in.ObservedAt) || got.Reporter != in.Reporter || got.IdempotencyKey != "k-1" {
		t.Errorf("round trip: got %+v, want %+v", got, in)
	}
	f, err := s.Feature(1)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"private-reporter", "k-1"} {
		if bytes.Contains(f, []byte(secret)) {
			t.Errorf("public feature leaks %q: %s", secret, f)
		}
	}
	if _, err := s.Get(99); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("Get(99): got %v, want ErrNotFound", err)
	}
	if _, err := s.Feature(99); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("Feature(99): got %v, want ErrNotFound", err)
	}
}

func TestIdempotencyKeyReturnsOriginal(t *testing.T) {
	s, _ := datatest.NewStore(t)
	ctx := context.Background()
	a := datatest.Report(orb.Point{39.1, -6.8}, "fire", t0)
	a.IdempotencyKey = "same"
	first, err := s.Create(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	b := datatest.Report(orb.Point{39.2, -6.9}, "flood", t0)
	b.IdempotencyKey = "same"
	second, err := s.Create(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if !second.Existed || second.Report.ID != first.Report.ID || second.Report.Category != "fire" {
		t.Fatalf("repeat: got %+v, want the original report %d", second, first.Report.ID)
	}
	if n := s.Extent().Count; n != 1 {
		t.Fatalf("stored %d reports, want 1", n)
	}
}

func TestConcurrentCreatesWithSameKeyStoreOne(t *testing.T) {
	s, _ := datatest.NewStore(t)
	var wg sync.WaitGroup
	ids := make([]uint64, 32)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := datatest.Report(orb.Point{39.1, -6.8}, "fire", t0)
			r.IdempotencyKey = "race"
			res, err := s.Create(context.Background(), r)
			if err != nil {
				t.Error(err)
				return
			}
			ids[i] = res.Report.ID
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("same key got different ids: %v", ids)
		}
	}
	if n := s.Extent().Count; n != 1 {
		t.Fatalf("stored %d, want 1", n)
	}
}

func TestConcurrentCreatesAllStoredWithDistinctIDs(t *testing.T) {
	s, _ := datatest.NewStore(t)
	const writers, each = 16, 50
	var mu sync.Mutex
	seen := map[uint64]bool{}
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				r := datatest.Report(orb.Point{39 + float64(w)/100, -6.8 + float64(i)/1000}, "other", t0)
				res, err := s.Create(context.Background(), r)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				if seen[res.Report.ID] {
					t.Errorf("id %d assigned twice", res.Report.ID)
				}
				seen[res.Report.ID] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != writers*each || s.Extent().Count != writers*each {
		t.Fatalf("got %d ids, index %d, want %d", len(seen), s.Extent().Count, writers*each)
	}
	page := s.Find(data.Query{Limit: writers * each})
	if !slices.IsSorted(page.IDs) || len(page.IDs) != writers*each {
		t.Fatalf("Find: %d ids sorted=%v", len(page.IDs), slices.IsSorted(page.IDs))
	}
}

// randomStore fills a store with n reports at random points in a box around
// Dar es Salaam and returns them by id.
func randomStore(t *testing.T, s *data.Store, n int) map[uint64]data.Report {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	cats := []string{"flood", "fire", "water_supply", "sanitation"}
	var batch []data.Report
	for i := 0; i < n; i++ {
		p := orb.Point{39.1 + rng.Float64()*0.3, -6.95 + rng.Float64()*0.3}
		r := datatest.Report(p, cats[rng.IntN(len(cats))], t0.Add(time.Duration(rng.IntN(1000))*time.Hour))
		if i%7 == 0 {
			r.Status = data.StatusVerified
		}
		batch = append(batch, r)
	}
	res, err := s.CreateMany(context.Background(), batch)
	if err != nil {
		t.Fatal(err)
	}
	out := map[uint64]data.Report{}
	for _, r := range res {
		out[r.Report.ID] = r.Report
	}
	return out
}

func TestFindMatchesLinearScan(t *testing.T) {
	s, _ := datatest.NewStore(t)
	all := randomStore(t, s, 5000)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 200; i++ {
		lon, lat := 39.1+rng.Float64()*0.3, -6.95+rng.Float64()*0.3
		b := orb.Bound{Min: orb.Point{lon, lat}, Max: orb.Point{lon + rng.Float64()*0.1, lat + rng.Float64()*0.1}}
		q := data.Query{BBox: &b, Limit: 1 << 30}
		if i%3 == 0 {
			q.Categories = []string{"flood", "fire"}
		}
		if i%4 == 0 {
			q.Statuses = []data.Status{data.StatusVerified}
		}
		if i%5 == 0 {
			q.Start = t0.Add(200 * time.Hour)
			q.End = t0.Add(600 * time.Hour)
		}
		var want []uint64
		for id, r := range all {
			if b.Contains(r.Location) && (len(q.Categories) == 0 || slices.Contains(q.Categories, r.Category)) &&
				(len(q.Statuses) == 0 || slices.Contains(q.Statuses, r.Status)) &&
				(q.Start.IsZero() || !r.ObservedAt.Before(q.Start)) && (q.End.IsZero() || !r.ObservedAt.After(q.End)) {
				want = append(want, id)
			}
		}
		slices.Sort(want)
		got := s.Find(q)
		if got.Matched != len(want) || !slices.Equal(got.IDs, want) {
			t.Fatalf("query %d %+v: got %d ids (matched %d), want %d", i, b, len(got.IDs), got.Matched, len(want))
		}
	}
}

func TestFindPaging(t *testing.T) {
	s, _ := datatest.NewStore(t)
	randomStore(t, s, 250)
	var ids []uint64
	for off := 0; ; off += 100 {
		p := s.Find(data.Query{Offset: off, Limit: 100})
		if p.Matched != 250 {
			t.Fatalf("matched %d, want 250", p.Matched)
		}
		if len(p.IDs) == 0 {
			break
		}
		ids = append(ids, p.IDs...)
	}
	if len(ids) != 250 || !slices.IsSorted(ids) || ids[0] != 1 || ids[249] != 250 {
		t.Fatalf("paged ids: %d, first %d last %d", len(ids), ids[0], ids[len(ids)-1])
	}
	if p := s.Find(data.Query{Categories: []string{"landslide"}, Limit: 10}); p.Matched != 0 {
		t.Fatalf("category with no reports matched %d", p.Matched)
	}
}

func TestRestartPersistsEverything(t *testing.T) {
	dir := t.TempDir()
	s, err := datatest.Open(t, dir, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	all := randomStore(t, s, 1000)
	key := datatest.Report(orb.Point{39.3, -6.7}, "fire", t0)
	key.IdempotencyKey = "persisted-key"
	first, err := s.Create(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	b := orb.Bound{Min: orb.Point{39.15, -6.9}, Max: orb.Point{39.25, -6.8}}
	before := s.Find(data.Query{BBox: &b, Limit: 5000})
	extBefore := s.Extent()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = datatest.Open(t, dir, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	after := s.Find(data.Query{BBox: &b, Limit: 5000})
	if !slices.Equal(before.IDs, after.IDs) || s.Extent() != extBefore {
		t.Fatalf("after restart: %d ids (was %d), extent %+v (was %+v)", len(after.IDs), len(before.IDs), s.Extent(), extBefore)
	}
	for id, want := range all {
		got, err := s.Get(id)
		if err != nil || got.Location != want.Location || got.Category != want.Category {
			t.Fatalf("report %d after restart: %+v, %v", id, got, err)
		}
	}
	again, err := s.Create(context.Background(), key)
	if err != nil || !again.Existed || again.Report.ID != first.Report.ID {
		t.Fatalf("idempotency key after restart: %+v %v", again, err)
	}
	next, err := s.Create(context.Background(), datatest.Report(orb.Point{39.2, -6.8}, "fire", t0))
	if err != nil || next.Report.ID != first.Report.ID+1 {
		t.Fatalf("next id after restart: %d, want %d (%v)", next.Report.ID, first.Report.ID+1, err)
	}
}

func TestOpenRefusesSecondProcessLock(t *testing.T) {
	kvtest.BoltOnly(t, "the bbolt file lock")
	_, dir := datatest.NewStore(t) // holds the lock until the test ends
	_, err := data.Open(dir, data.Options{OpenTimeout: 100 * time.Millisecond})
	if !errors.Is(err, data.ErrLocked) {
		t.Fatalf("second Open of a locked store: %v, want ErrLocked", err)
	}
}

func TestOpenRefusesNonDatabase(t *testing.T) {
	kvtest.BoltOnly(t, "a text file where the bbolt file should be")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, data.FileName), []byte("this is not a bbolt file, just text that is long enough to read a header from it ........................................................................................................................................."), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := data.Open(dir, data.Options{}); err == nil {
		t.Fatal("Open of a text file succeeded")
	}
}

func TestClosedStoreRefusesWrites(t *testing.T) {
	dir := t.TempDir()
	s, err := datatest.Open(t, dir, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = s.Create(context.Background(), datatest.Report(orb.Point{39, -6}, "fire", t0))
	if !errors.Is(err, data.ErrClosed) {
		t.Fatalf("Create after Close: got %v, want ErrClosed", err)
	}
}

func TestBackupCopyOpens(t *testing.T) {
	kvtest.BoltOnly(t, "WriteTo copies the bbolt file")
	s, _ := datatest.NewStore(t)
	randomStore(t, s, 100)
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, data.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	c, err := data.Open(dir, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Extent().Count != 100 {
		t.Fatalf("backup has %d reports, want 100", c.Extent().Count)
	}
}

func ExampleStore_Find() {
	dir, _ := os.MkdirTemp("", "mtaa-example")
	defer os.RemoveAll(dir)
	s, _ := data.Open(dir, data.Options{})
	defer s.Close()
	for _, p := range []orb.Point{{39.21, -6.80}, {39.22, -6.81}, {36.8, -1.3}} {
		s.Create(context.Background(), datatest.Report(p, "flood", t0))
	}
	b := orb.Bound{Min: orb.Point{39.2, -6.9}, Max: orb.Point{39.3, -6.7}}
	page := s.Find(data.Query{BBox: &b, Limit: 10})
	fmt.Println(page.IDs, page.Matched)
	// Output: [1 2] 2
}

// Opening and closing a store that needs no upgrade leaves the file byte
// for byte as it was (a dry run or a check must not change it).
func TestOpenWritesNothing(t *testing.T) {
	kvtest.BoltOnly(t, "compares the bbolt file byte for byte")
	dir := t.TempDir()
	s, err := data.Open(dir, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Create(context.Background(), datatest.Report(orb.Point{39.25, -6.80}, "flood", t0)); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		s, err := data.Open(dir, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Get(1); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("open and close changed the database file")
	}
}
