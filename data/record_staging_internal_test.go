package data

import (
	"bytes"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/kvtest"
)

// bucketCounts returns how many records are staged and how many are at
// their place.
func bucketCounts(t *testing.T, s *Store) (staged, placed int) {
	t.Helper()
	err := s.db.View(func(tx kv.Tx) error {
		staged = tx.Bucket(bucketIncoming).KeyCount()
		placed = tx.Bucket(bucketReports).KeyCount()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return staged, placed
}

// featuresOf returns the public features of ids, one by one and as a page.
func featuresOf(t *testing.T, s *Store, ids []uint64) ([][]byte, []byte) {
	t.Helper()
	var one [][]byte
	for _, id := range ids {
		f, err := s.Feature(id)
		if err != nil {
			t.Fatalf("report %d: %v", id, err)
		}
		one = append(one, f)
	}
	page, n, err := s.AppendFeatures(nil, ids, AudiencePublic)
	if err != nil || n != len(ids) {
		t.Fatalf("AppendFeatures: %d of %d, %v", n, len(ids), err)
	}
	return one, page
}

// TestStagedReportsAreReadThenMovedToTheirPlace: reports from Create wait
// in the staging bucket, are found by every read there, move to their
// place once the writers pause, read the same afterwards, and survive a
// restart in either state.
func TestStagedReportsAreReadThenMovedToTheirPlace(t *testing.T) {
	dir := t.TempDir()
	s, err := openStore(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.staging.pause.Store(int64(time.Hour)) // no move while the test looks at staged reports
	rng := rand.New(rand.NewPCG(21, 22))
	bulk := make([]Report, 500)
	for i := range bulk {
		bulk[i] = randomReport(rng)
		bulk[i].Location = [2]float64{39.2 + rng.Float64()*0.01, -6.8 + rng.Float64()*0.01}
		bulk[i].IdempotencyKey = ""
	}
	if _, err := s.CreateMany(t.Context(), bulk); err != nil { // at their place
		t.Fatal(err)
	}
	// Many concurrent writers: their commits follow each other without
	// pause, so most reports are still staged when they return.
	const writers, each = 16, 40
	errs := make(chan error, writers)
	for w := range writers {
		go func(w int) {
			rng := rand.New(rand.NewPCG(uint64(w), 23))
			for range each {
				r := randomReport(rng)
				r.Location = [2]float64{39.2 + rng.Float64()*0.01, -6.8 + rng.Float64()*0.01}
				r.IdempotencyKey = ""
				if _, err := s.Create(t.Context(), r); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}(w)
	}
	for range writers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	box := orbBound(39.2, -6.8, 39.21, -6.79)
	ids := s.Find(Query{BBox: &box, Limit: 10000}).IDs
	if len(ids) != len(bulk)+writers*each {
		t.Fatalf("found %d reports, want %d", len(ids), len(bulk)+writers*each)
	}
	staged, placed := bucketCounts(t, s)
	if staged == 0 || staged+placed != len(ids) {
		t.Fatalf("%d staged + %d placed, want some staged and %d in all", staged, placed, len(ids))
	}
	oneBefore, pageBefore := featuresOf(t, s, ids)

	// A restart with staged reports finds them all.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = openStore(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Idle writers: the committer moves every staged report to its place.
	// It counts a move once its transaction is committed, a moment after
	// the bucket is seen empty: wait for both.
	deadline := time.Now().Add(60 * time.Second) // generous: a loaded machine under -race
	for {
		staged, placed = bucketCounts(t, s)
		if staged == 0 && s.staging.staged.Load() == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if staged != 0 || placed != len(ids) || s.staging.staged.Load() != 0 {
		t.Fatalf("after the pause: %d staged (counter %d), %d placed; want 0 and %d", staged, s.staging.staged.Load(), placed, len(ids))
	}
	if got := s.Find(Query{BBox: &box, Limit: 10000}).IDs; len(got) != len(ids) {
		t.Fatalf("after the move: found %d, want %d", len(got), len(ids))
	}
	oneAfter, pageAfter := featuresOf(t, s, ids)
	for i := range oneBefore {
		if !bytes.Equal(oneBefore[i], oneAfter[i]) {
			t.Fatalf("report %d changed in the move:\n%s\n%s", ids[i], oneBefore[i], oneAfter[i])
		}
	}
	if !bytes.Equal(pageBefore, pageAfter) {
		t.Fatal("the page of features changed in the move")
	}
}

// TestPutRecordRewritesInPlace: a rewrite (reconciliation, status change)
// of a staged record stays staged, one of a placed record stays placed:
// never a second copy.
func TestPutRecordRewritesInPlace(t *testing.T) {
	s, err := openStore(t, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(24, 25))
	placedRes, err := s.CreateMany(t.Context(), []Report{randomReport(rng)})
	if err != nil {
		t.Fatal(err)
	}
	r := randomReport(rng)
	r.IdempotencyKey = ""
	var stagedRes CreateResult
	// Stage one by hand so that no background move can race the test.
	err = s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		var err error
		stagedRes, err = s.createInTx(tx, r, nil, true)
		return err
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, rep := range []Report{placedRes[0].Report, stagedRes.Report} {
		k := recordKey(rep.ID, rep.Location[0], rep.Location[1])
		rep.Description = "rewritten"
		err := s.db.Update(func(tx kv.Tx) error {
			before := tx.Bucket(bucketIncoming).Get(k[8:]) != nil
			if err := putRecord(tx, k, encodeRecord(&rep)); err != nil {
				return err
			}
			inIncoming := tx.Bucket(bucketIncoming).Get(k[8:]) != nil
			inReports := tx.Bucket(bucketReports).Get(k) != nil
			if inIncoming != before || inReports == before {
				t.Errorf("report %d (staged %v): after the rewrite staged %v, placed %v", rep.ID, before, inIncoming, inReports)
			}
			v, err := getRecord(tx, k)
			if err != nil || string(v.description) != "rewritten" {
				t.Errorf("report %d: read back %q, %v", rep.ID, v.description, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestOpenUpgradesLayout2: a version 2 file (no staging bucket) opens, is
// upgraded to version 3 and keeps its reports; a later layout is refused.
func TestOpenUpgradesLayout2(t *testing.T) {
	kvtest.BoltOnly(t, "edits the bbolt file of an older layout")
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(26, 27))
	if _, err := s.CreateMany(t.Context(), []Report{randomReport(rng), randomReport(rng)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	setLayout := func(v byte, dropIncoming bool) {
		db, err := bolt.Open(filepath.Join(dir, FileName), 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(func(tx *bolt.Tx) error {
			if dropIncoming {
				if err := tx.DeleteBucket(bucketIncoming); err != nil {
					return err
				}
			}
			return tx.Bucket(bucketMeta).Put(keySchema, []byte{v})
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	setLayout(2, true)
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatalf("open a version 2 file: %v", err)
	}
	if n := s.Extent().Count; n != 2 {
		t.Fatalf("%d reports after the upgrade, want 2", n)
	}
	r := randomReport(rng)
	r.IdempotencyKey = ""
	if _, err := s.Create(t.Context(), r); err != nil {
		t.Fatalf("create after the upgrade: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(filepath.Join(dir, FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keySchema); !bytes.Equal(v, []byte{schemaVersion}) || tx.Bucket(bucketIncoming) == nil {
			t.Errorf("after the upgrade: layout %v, staging bucket %v", v, tx.Bucket(bucketIncoming) != nil)
		}
		return nil
	})
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	setLayout(schemaVersion+1, false)
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrSchema) {
		t.Fatalf("open a version %d file: %v, want ErrSchema", schemaVersion+1, err)
	}
}

// copiesOf counts the stored records of report id, staged and placed.
func copiesOf(t *testing.T, s *Store, id uint64) (staged, placed int) {
	t.Helper()
	err := s.db.View(func(tx kv.Tx) error {
		if tx.Bucket(bucketIncoming).Get(idKey(id)) != nil {
			staged++
		}
		return tx.Bucket(bucketReports).ForEach(func(k, _ []byte) error {
			if keyID(k) == id {
				placed++
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return staged, placed
}

// TestUpdateStagedReport: moderating a report that is still staged (a
// status change and a location correction) rewrites it where it waits;
// when the stager moves it, it takes its corrected place, exactly once,
// and the idempotency key leads to it.
func TestUpdateStagedReport(t *testing.T) {
	s, err := openStore(t, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.staging.pause.Store(int64(time.Hour)) // keep it staged while the test looks
	rng := rand.New(rand.NewPCG(31, 32))
	r := randomReport(rng)
	r.Location, r.IdempotencyKey, r.Status = [2]float64{39.25, -6.80}, "staged-key", StatusNew
	// randomReport's needs and labels are tricky strings for the codec,
	// not valid ones: the update below validates the report.
	r.Needs, r.SourceCategories = nil, nil
	res, err := s.Create(t.Context(), r)
	if err != nil {
		t.Fatal(err)
	}
	id := res.Report.ID
	if staged, _ := copiesOf(t, s, id); staged != 1 {
		t.Fatal("the new report is not staged")
	}
	moved := [2]float64{39.30, -6.75}
	_, after, err := s.UpdateReport(t.Context(), id, ReportUpdate{Actor: Actor{Name: "mod"}, At: r.ReceivedAt, Reason: "wrong pin",
		Change: func(r *Report) error { r.Status, r.Location = StatusVerified, moved; return nil }})
	if err != nil || after.Status != StatusVerified || after.Location != moved {
		t.Fatalf("update: %+v %v", after, err)
	}
	check := func(when string, wantStaged int) {
		t.Helper()
		got, err := s.Get(id)
		if err != nil || got.Status != StatusVerified || got.Location != moved {
			t.Fatalf("%s: %+v %v", when, got, err)
		}
		box := orbBound(39.29, -6.76, 39.31, -6.74)
		if ids := s.Find(Query{BBox: &box, Limit: 10}).IDs; len(ids) != 1 || ids[0] != id {
			t.Fatalf("%s: bbox at the new place finds %v", when, ids)
		}
		again, err := s.Create(t.Context(), r) // the same idempotency key
		if err != nil || !again.Existed || again.Report.ID != id || again.Report.Location != moved {
			t.Fatalf("%s: repeat of the key: %+v %v", when, again, err)
		}
		if staged, placed := copiesOf(t, s, id); staged != wantStaged || staged+placed != 1 {
			t.Fatalf("%s: %d staged + %d placed copies", when, staged, placed)
		}
	}
	check("while staged", 1)
	// Enough staged reports for a move, then a pause of the writers.
	for range stagingMin {
		o := randomReport(rng)
		o.IdempotencyKey = ""
		if _, err := s.Create(t.Context(), o); err != nil {
			t.Fatal(err)
		}
	}
	s.staging.pause.Store(int64(time.Millisecond))
	if _, err := s.Create(t.Context(), randomReport(rng)); err != nil {
		t.Fatal(err) // wakes the committer
	}
	deadline := time.Now().Add(60 * time.Second) // generous: a loaded machine under -race
	for staged, _ := copiesOf(t, s, id); staged != 0 && time.Now().Before(deadline); staged, _ = copiesOf(t, s, id) {
		time.Sleep(10 * time.Millisecond)
	}
	check("after the move", 0)
}

// TestReadOnlyOpenLeavesStagedReports: a store opened ReadOnly (mtaa
// check) reads staged reports but never moves them (a writable store does
// once idle, changing the file), refuses writes with ErrReadOnly, and
// does not create a missing data directory.
func TestReadOnlyOpenLeavesStagedReports(t *testing.T) {
	kvtest.BoltOnly(t, "opens the bbolt file read-only and compares its bytes")
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.staging.pause.Store(int64(time.Hour)) // keep them staged
	rng := rand.New(rand.NewPCG(5, 6))
	for range stagingMin + 44 {
		r := randomReport(rng)
		r.IdempotencyKey = ""
		if _, err := s.Create(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	if staged, _ := bucketCounts(t, s); staged != stagingMin+44 {
		t.Fatalf("%d staged", staged)
	}
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	ro, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * stagingIdle) // a writable store would have moved them
	if r, err := ro.Get(stagingMin + 44); err != nil || r.ID != stagingMin+44 {
		t.Fatalf("read a staged report: %+v %v", r, err)
	}
	if _, err := ro.Create(t.Context(), randomReport(rng)); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("write to a read-only store: %v", err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("a read-only open changed the file")
	}

	// The contrast: a writable store moves them when idle.
	rw, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	deadline := time.Now().Add(60 * time.Second)
	for staged, _ := bucketCounts(t, rw); staged > 0; staged, _ = bucketCounts(t, rw) {
		if time.Now().After(deadline) {
			t.Fatalf("a writable store left %d staged", staged)
		}
		time.Sleep(10 * time.Millisecond)
	}

	missing := filepath.Join(dir, "missing")
	if _, err := Open(missing, Options{ReadOnly: true}); err == nil {
		t.Fatal("a read-only open of a missing store succeeded")
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a read-only open made the directory: %v", err)
	}
}
