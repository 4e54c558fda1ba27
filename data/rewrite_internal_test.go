package data

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data/kv"
)

// getRecordsEach is getRecordsBytes as rewriteAll read the records before
// kv.Bucket.GetMany: a lookup per key and then whether it is staged (two
// queries per report on PostgreSQL). It is the baseline of
// BenchmarkReconcileAll and must store the same as getRecordsBytes.
func getRecordsEach(tx kv.Tx, keys [][]byte) (recs [][]byte, staged []bool) {
	recs, staged = make([][]byte, len(keys)), make([]bool, len(keys))
	for i, k := range keys {
		recs[i], staged[i] = getRecordBytes(tx, k), isStaged(tx, k)
	}
	return recs, staged
}

// rewriteTestReport is a valid web report at a place of its own.
func rewriteTestReport(i int, at time.Time) Report {
	return Report{Category: "flood", Description: fmt.Sprintf("report %d", i),
		Location: orb.Point{39.2 + float64(i)*0.001, -6.8}, LocationSource: SourceGPS,
		ObservedAt: at, ReceivedAt: at, Channel: ChannelWeb, Status: StatusNew}
}

// TestRewriteKeepsWritesMadeMeanwhile: a rewrite of every report
// (ReconcileAll, RewriteReporters) computes outside the write transaction
// and stores inside it; what other writers changed in between is kept,
// a report moved to another place meanwhile is not written back at its
// old one, a staged report stays staged (also when moved), and one the
// stager moved meanwhile is rewritten at its place. The records in
// memory (PostgreSQL) read as the database does afterwards. Both ways of
// reading in the write transaction (one GetMany per batch, one lookup per
// report) store the same.
func TestRewriteKeepsWritesMadeMeanwhile(t *testing.T) {
	for _, rd := range []struct {
		name string
		read recordsReader
	}{{"batched", getRecordsBytes}, {"one by one", getRecordsEach}} {
		t.Run(rd.name, func(t *testing.T) {
			testRewriteKeepsWritesMadeMeanwhile(t, rd.read)
		})
	}
}

func testRewriteKeepsWritesMadeMeanwhile(t *testing.T, read recordsReader) {
	ctx := t.Context()
	s, err := openStore(t, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	var bulk []Report
	for i := range 4 {
		bulk = append(bulk, rewriteTestReport(i, at))
	}
	created, err := s.CreateMany(ctx, bulk) // at their place
	if err != nil {
		t.Fatal(err)
	}
	var placed, staged []uint64
	for _, c := range created {
		placed = append(placed, c.Report.ID)
	}
	for i := range 3 {
		res, err := s.Create(ctx, rewriteTestReport(10+i, at)) // staged (too few to move)
		if err != nil {
			t.Fatal(err)
		}
		staged = append(staged, res.Report.ID)
	}
	if n, p := bucketCounts(t, s); n != 3 || p != 4 {
		t.Fatalf("%d staged and %d placed reports, want 3 and 4", n, p)
	}
	all := append(slices.Clone(placed), staged...)

	// The rewrite under test: an area computed for every report.
	area := func(round int) []AreaRef {
		return []AreaRef{{OSMType: "relation", OSMID: int64(round), Name: fmt.Sprintf("Ward %d", round), Kind: "admin", Basis: AreaBasisBoundary}}
	}
	rewrite := func(round int, meanwhile func()) {
		t.Helper()
		changed, err := s.rewriteCompute(all, func(r *Report) bool {
			r.Areas = area(round)
			return true
		})
		if err != nil || len(changed) != len(all) {
			t.Fatalf("round %d: computed %d of %d, %v", round, len(changed), len(all), err)
		}
		meanwhile()
		err = s.rewriteStore(changed, func(cur, computed *Report) { cur.Areas = computed.Areas }, read)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
	update := func(id uint64, change func(r *Report)) Report {
		t.Helper()
		_, after, err := s.UpdateReport(ctx, id, ReportUpdate{At: at, Change: func(r *Report) error {
			change(r)
			return nil
		}})
		if err != nil {
			t.Fatalf("update %d: %v", id, err)
		}
		return after
	}
	get := func(id uint64) Report {
		t.Helper()
		r, err := s.Get(id)
		if err != nil {
			t.Fatalf("get %d: %v", id, err)
		}
		return r
	}
	// where says whether id's record is staged and whether it is at key.
	where := func(id uint64, key []byte) (inIncoming, atKey bool) {
		t.Helper()
		err := s.db.View(func(tx kv.Tx) error {
			inIncoming = tx.Bucket(bucketIncoming).Get(idKey(id)) != nil
			atKey = tx.Bucket(bucketReports).Get(key) != nil
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return inIncoming, atKey
	}
	keyOf := func(r Report) []byte { return recordKey(r.ID, r.Location[0], r.Location[1]) }

	// Round 1: moderators write between the computation and the write.
	oldPlace := keyOf(get(placed[1]))
	moved := orb.Point{39.3, -6.7}
	rewrite(1, func() {
		update(placed[0], func(r *Report) { r.Status, r.Description = StatusVerified, "checked on site" })
		update(placed[1], func(r *Report) { r.Location = moved })
		update(staged[0], func(r *Report) { r.Status = StatusInProgress })
		update(staged[1], func(r *Report) { r.Location = orb.Point{39.31, -6.71} })
	})
	if r := get(placed[0]); r.Status != StatusVerified || r.Description != "checked on site" || !slices.Equal(r.Areas, area(1)) {
		t.Errorf("report changed meanwhile: status %s, description %q, areas %+v; want the change and the new area", r.Status, r.Description, r.Areas)
	}
	if r := get(placed[1]); r.Location != moved || slices.Equal(r.Areas, area(1)) {
		t.Errorf("report moved meanwhile: at %v with areas %+v; want it where it was moved, not rewritten from its old place", r.Location, r.Areas)
	}
	if _, atOld := where(placed[1], oldPlace); atOld {
		t.Error("the report moved meanwhile was written back at its old place")
	}
	if r := get(staged[0]); r.Status != StatusInProgress || !slices.Equal(r.Areas, area(1)) {
		t.Errorf("staged report changed meanwhile: status %s, areas %+v", r.Status, r.Areas)
	}
	if r := get(staged[1]); r.Location != (orb.Point{39.31, -6.71}) || !slices.Equal(r.Areas, area(1)) {
		t.Errorf("staged report moved meanwhile: at %v, areas %+v; want its new place and the new area", r.Location, r.Areas)
	}
	for _, id := range []uint64{placed[2], placed[3], staged[2]} {
		if r := get(id); !slices.Equal(r.Areas, area(1)) || r.Status != StatusNew {
			t.Errorf("report %d: areas %+v, status %s", id, r.Areas, r.Status)
		}
	}
	for _, id := range staged {
		if in, _ := where(id, keyOf(get(id))); !in {
			t.Errorf("staged report %d is no longer staged after the rewrite", id)
		}
	}
	if n, p := bucketCounts(t, s); n != 3 || p != 4 {
		t.Errorf("after round 1: %d staged and %d placed records, want 3 and 4 (no second copy)", n, p)
	}

	// Round 2: the stager moves the staged records to their place meanwhile.
	rewrite(2, func() {
		if err := s.db.Update(s.staging.step); err != nil {
			t.Fatal(err)
		}
	})
	for _, id := range all {
		r := get(id)
		if !slices.Equal(r.Areas, area(2)) {
			t.Errorf("round 2: report %d has areas %+v", id, r.Areas)
		}
		if in, atKey := where(id, keyOf(r)); in || !atKey {
			t.Errorf("round 2: report %d staged %v, at its place %v; want only at its place", id, in, atKey)
		}
	}
	if n, p := bucketCounts(t, s); n != 0 || p != 7 {
		t.Errorf("after round 2: %d staged and %d placed records, want 0 and 7", n, p)
	}
	if s.mem != nil { // the records in memory read as the database's
		got := readAll(t, s, all)
		mem := s.mem
		s.mem = nil
		want := readAll(t, s, all)
		s.mem = mem
		if got != want {
			t.Errorf("reads from memory differ from the database's:\n%s\n%s", got, want)
		}
	}
	// Every report once in a page of features: none lost or doubled.
	page, n, err := s.AppendFeatures(nil, all, AudienceStaff)
	if err != nil || n != len(all) || bytes.Count(page, []byte(`"type":"Feature"`)) != len(all) {
		t.Errorf("%d features of %d, %v", n, len(all), err)
	}
}
