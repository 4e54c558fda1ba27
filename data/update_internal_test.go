package data

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/paulmach/orb"
	bolt "go.etcd.io/bbolt"

	"github.com/mtaa-project/mtaa/data/kv/kvtest"
)

// TestVersion2RecordsStillRead: records written before accounts existed
// (version 2, no duplicate_of and submitted_by) decode with both zero.
func TestVersion2RecordsStillRead(t *testing.T) {
	r := Report{Category: "flood", Location: orb.Point{39.2, -6.8}, LocationSource: SourceGPS, Channel: ChannelWeb,
		Status: StatusVerified, ObservedAt: time.Unix(1e9, 0).UTC(), ReceivedAt: time.Unix(1e9, 0).UTC()}
	rec := encodeRecord(&r)
	old := append([]byte{recordVersionNoAccount}, rec[1:len(rec)-3]...) // two zero uvarints and no source categories
	got, err := decodeRecord(5, old)
	if err != nil || got.Status != StatusVerified || got.SubmittedBy != 0 || got.DuplicateOf != 0 {
		t.Fatalf("%+v %v", got, err)
	}
	if _, err := summaryOfRecord(5, old); err != nil {
		t.Fatal(err)
	}
}

// TestVersion3RecordsStillRead: records written before reports had
// several needs (version 3: no needs, no source categories) decode with
// none, index their category, and a version 3 record never carries the
// flag of version 4's needs.
func TestVersion3RecordsStillRead(t *testing.T) {
	r := Report{Category: "flood", Location: orb.Point{39.2, -6.8}, LocationSource: SourceGPS, Channel: ChannelWeb,
		Status: StatusInProgress, ObservedAt: time.Unix(1e9, 0).UTC(), ReceivedAt: time.Unix(1e9, 0).UTC(),
		DuplicateOf: 3, SubmittedBy: 9}
	rec := encodeRecord(&r)
	old := append([]byte{recordVersionOneNeed}, rec[1:len(rec)-1]...) // no source categories
	got, err := decodeRecord(5, old)
	if err != nil || got.Status != StatusInProgress || got.DuplicateOf != 3 || got.SubmittedBy != 9 ||
		got.Needs != nil || got.SourceCategories != nil || len(got.AllNeeds()) != 1 || got.AllNeeds()[0] != "flood" {
		t.Fatalf("%+v %v", got, err)
	}
	if sum, err := summaryOfRecord(5, old); err != nil || sum.category != "flood" || sum.needs != nil {
		t.Fatalf("summary %+v, %v", sum, err)
	}
	v, err := viewRecord(5, old)
	if err != nil {
		t.Fatal(err)
	}
	if f := (Privacy{}).appendFeature(nil, &v, AudiencePublic, false); !bytes.Contains(f, []byte(`"category":"flood","needs":["flood"],"description"`)) {
		t.Errorf("feature of a version 3 record: %s", f)
	}
	flagged := bytes.Clone(old)
	flagged[29] |= flagNeeds
	if _, err := decodeRecord(5, flagged); !errors.Is(err, ErrCorrupt) {
		t.Errorf("version 3 record with the needs flag: %v, want ErrCorrupt", err)
	}
	if _, err := summaryOfRecord(5, flagged); !errors.Is(err, ErrCorrupt) {
		t.Errorf("summary of a version 3 record with the needs flag: %v, want ErrCorrupt", err)
	}
}

// TestRecordNeeds: a version 4 record keeps several needs and the source
// labels, sets the needs flag only for several, refuses every cut, and
// the statuses fit the bits the flag leaves them.
func TestRecordNeeds(t *testing.T) {
	if len(Statuses) > flagStatusMask {
		t.Fatalf("%d statuses do not fit the record's status bits (%#x)", len(Statuses), flagStatusMask)
	}
	r := Report{ID: 7, Category: "food", Needs: []string{"water_supply", "shelter"}, Location: orb.Point{39.2, -6.8},
		SourceCategories: []string{"2a. Penurie d'aliments | Food Shortage", "Eau"},
		LocationSource:   SourceImport, Channel: ChannelImport, Status: StatusReopened,
		ObservedAt: time.Unix(1e9, 0).UTC(), ReceivedAt: time.Unix(1e9, 0).UTC()}
	rec := encodeRecord(&r)
	if rec[0] != recordVersion || rec[29]&flagNeeds == 0 {
		t.Fatalf("record version %d flags %#x", rec[0], rec[29])
	}
	got, err := decodeRecord(7, rec)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"food", "water_supply", "shelter"}; !reflect.DeepEqual(got.Needs, want) ||
		!reflect.DeepEqual(got.SourceCategories, r.SourceCategories) || got.Status != StatusReopened {
		t.Fatalf("needs %q sources %q status %s", got.Needs, got.SourceCategories, got.Status)
	}
	sum, err := summaryOfRecord(7, rec)
	if err != nil || !reflect.DeepEqual(copyStrs(sum.needs, sum.nNeeds), got.Needs) {
		t.Fatalf("summary needs %q, %v", copyStrs(sum.needs, sum.nNeeds), err)
	}
	for n := range len(rec) {
		if _, err := decodeRecord(7, rec[:n]); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("record cut to %d of %d bytes: err %v, want ErrCorrupt", n, len(rec), err)
		}
	}
	one := r
	one.Needs = []string{"food"}
	if rec := encodeRecord(&one); rec[29]&flagNeeds != 0 {
		t.Errorf("one need sets the needs flag")
	}
	noFlag := bytes.Clone(rec)
	noFlag[29] &^= flagNeeds
	if _, err := decodeRecord(7, noFlag); !errors.Is(err, ErrCorrupt) {
		t.Errorf("needs without their flag: %v, want ErrCorrupt", err)
	}
}

// TestStoreReadsVersion3Records: a file whose records are all version 3,
// staged and at their place, opens; its reports read, list and update as
// before, and an update rewrites the record as version 4.
func TestStoreReadsVersion3Records(t *testing.T) {
	kvtest.BoltOnly(t, "writes older records into the bbolt file")
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	at := time.Unix(1.7e9, 0).UTC()
	mk := func(cat string) Report {
		return Report{Category: cat, Location: orb.Point{39.2, -6.8}, LocationSource: SourceGPS, Channel: ChannelWeb,
			Status: StatusNew, ObservedAt: at, ReceivedAt: at}
	}
	if _, err := s.CreateMany(ctx, []Report{mk("flood")}); err != nil { // at its place
		t.Fatal(err)
	}
	if _, err := s.Create(ctx, mk("fire")); err != nil { // staged
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(filepath.Join(dir, FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketReports, bucketIncoming} {
			b := tx.Bucket(name)
			old := map[string][]byte{}
			_ = b.ForEach(func(k, stored []byte) error {
				// Written as records were before checksums (record_seal.go).
				v, err := openRecord(0, stored)
				if err != nil {
					t.Fatal(err)
				}
				if v[0] != recordVersion || v[len(v)-1] != 0 {
					t.Fatalf("record %x: version %d, last byte %d", k, v[0], v[len(v)-1])
				}
				old[string(k)] = append([]byte{recordVersionOneNeed}, v[1:len(v)-1]...)
				return nil
			})
			for k, v := range old {
				if err := b.Put([]byte(k), v); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for id, cat := range map[uint64]string{1: "flood", 2: "fire"} {
		r, err := s.Get(id)
		if err != nil || r.Category != cat || r.Needs != nil {
			t.Fatalf("report %d: %+v, %v", id, r, err)
		}
		if got := s.Find(Query{Categories: []string{cat}, Limit: 10}).IDs; !reflect.DeepEqual(got, []uint64{id}) {
			t.Errorf("category=%s: %v, want [%d]", cat, got, id)
		}
		f, err := s.Feature(id)
		if err != nil || !bytes.Contains(f, []byte(`"needs":["`+cat+`"]`)) {
			t.Errorf("feature of report %d: %s, %v", id, f, err)
		}
	}
	_, after, err := s.UpdateReport(ctx, 2, ReportUpdate{Actor: Actor{Name: "t"}, At: at,
		Change: func(r *Report) error { r.Needs = []string{"fire", "people_trapped"}; return nil }})
	if err != nil || !reflect.DeepEqual(after.Needs, []string{"fire", "people_trapped"}) {
		t.Fatalf("update of a version 3 record: %+v, %v", after.Needs, err)
	}
	if got := s.Find(Query{Categories: []string{"people_trapped"}, Limit: 10}).IDs; !reflect.DeepEqual(got, []uint64{2}) {
		t.Errorf("category=people_trapped after the update: %v", got)
	}
}

// TestIndexNeedsReuseTheirPlace: re-adding a report (a reconciliation
// after every extract import) or shortening its needs keeps the index's
// list of other needs the same size; a report back to one need leaves no
// state behind.
func TestIndexNeedsReuseTheirPlace(t *testing.T) {
	x := newReportIndex()
	r := Report{ID: 1, Category: "food", Needs: []string{"food", "water_supply", "shelter"}, Location: orb.Point{39.2, -6.8},
		Status: StatusNew, ObservedAt: time.Unix(1e9, 0)}
	x.add(summaryOf(&r))
	for range 5 {
		x.add(summaryOf(&r))
	}
	if len(x.otherNeeds) != 2 || len(x.needs) != 1 {
		t.Fatalf("after re-adding: %d other needs, %d spans; want 2, 1", len(x.otherNeeds), len(x.needs))
	}
	r.Needs = []string{"shelter", "food"}
	x.replace(summaryOf(&r))
	if len(x.otherNeeds) != 2 || x.find(Query{Categories: []string{"water_supply"}}).Matched != 0 ||
		x.find(Query{Categories: []string{"shelter"}}).Matched != 1 {
		t.Fatalf("after shortening: %v %v", x.otherNeeds, x.needs)
	}
	r.Needs = nil
	x.replace(summaryOf(&r))
	if len(x.needs) != 0 || x.rows[0].bits&rowMulti != 0 || x.find(Query{Categories: []string{"shelter"}}).Matched != 0 {
		t.Fatalf("back to one need: spans %v, row %+v", x.needs, x.rows[0])
	}
}
