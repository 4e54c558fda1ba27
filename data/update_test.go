package data_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/data/kv/kvtest"
)

// assertFileLacks fails the test when secret is in clear in the bbolt
// file in dir. On another engine there is no file to read: the engine's
// own tests look at what it stores.
func assertFileLacks(t *testing.T, dir, secret string) {
	t.Helper()
	if kvtest.Engine(t) != kvtest.Bolt {
		return
	}
	b, err := os.ReadFile(filepath.Join(dir, data.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), secret) {
		t.Fatal("the secret is stored in clear in the database file")
	}
}

// TestUpdateReportMovesLocation corrects a location: the record moves to
// its new key, the index finds it at the new place only, the idempotency
// key still finds it, watchers hear of it and one audit entry records the
// change.
func TestUpdateReportMovesLocation(t *testing.T) {
	s, dir := datatest.NewStore(t)
	ctx := context.Background()
	in := datatest.Report(orb.Point{39.25, -6.80}, "flood", t0)
	in.IdempotencyKey = "idem-1"
	res, err := s.Create(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := s.Create(ctx, datatest.Report(orb.Point{39.25, -6.80}, "flood", t0))
	var changes []data.Change
	s.Watch(func(c data.Change) { changes = append(changes, c) })
	id := res.Report.ID
	moved := orb.Point{36.80, -1.30}
	before, after, err := s.UpdateReport(ctx, id, data.ReportUpdate{Actor: data.Actor{UserID: 7, Name: "mod"}, At: t0, Reason: "pin was on the wrong town",
		Change: func(r *data.Report) error { r.Location = moved; return nil }})
	if err != nil || before.Location != in.Location || after.Location != moved {
		t.Fatalf("%v %v %v", before.Location, after.Location, err)
	}
	near := func(p orb.Point) []uint64 {
		b := orb.Bound{Min: orb.Point{p[0] - 0.01, p[1] - 0.01}, Max: orb.Point{p[0] + 0.01, p[1] + 0.01}}
		return s.Find(data.Query{BBox: &b, Limit: 10}).IDs
	}
	if got := near(moved); len(got) != 1 || got[0] != id {
		t.Fatalf("at the new place: %v", got)
	}
	if got := near(in.Location); len(got) != 1 || got[0] != other.Report.ID {
		t.Fatalf("at the old place: %v", got)
	}
	again, err := s.Create(ctx, in)
	if err != nil || !again.Existed || again.Report.ID != id || again.Report.Location != moved {
		t.Fatalf("idempotency key after the move: %+v %v", again.Report, err)
	}
	if len(changes) != 1 || changes[0].Kind != data.ReportUpdated || changes[0].Report.Location != moved {
		t.Fatalf("changes %+v", changes)
	}
	log, _ := s.ReportAudit(id)
	if len(log) != 1 || log[0].Reason != "pin was on the wrong town" || log[0].Actor.UserID != 7 {
		t.Fatalf("audit %+v", log)
	}
	b, _ := data.AuditState(log[0].Before)
	a, _ := data.AuditState(log[0].After)
	if b.Location != [2]float64(in.Location) || a.Location != [2]float64(moved) {
		t.Fatalf("audit states %+v %+v", b, a)
	}
	// The moved record is where a fresh start finds it.
	s.Close()
	s2, err := datatest.Open(t, dir, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	r, err := s2.Get(id)
	if err != nil || r.Location != moved {
		t.Fatalf("after reopen: %v %v", r.Location, err)
	}
}

func TestUpdateReportRefusalWritesNothing(t *testing.T) {
	s, _ := datatest.NewStore(t)
	ctx := context.Background()
	res, _ := s.Create(ctx, datatest.Report(orb.Point{39.25, -6.80}, "flood", t0))
	_, _, err := s.UpdateReport(ctx, res.Report.ID, data.ReportUpdate{Change: func(r *data.Report) error {
		r.Status = data.StatusResolved
		return data.ErrConflict
	}})
	if !errors.Is(err, data.ErrConflict) {
		t.Fatal(err)
	}
	_, _, err = s.UpdateReport(ctx, res.Report.ID, data.ReportUpdate{Change: func(r *data.Report) error {
		r.Location = orb.Point{0, 0}
		return nil
	}})
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		t.Fatal(err)
	}
	if _, _, err := s.UpdateReport(ctx, 99, data.ReportUpdate{Change: func(*data.Report) error { return nil }}); !errors.Is(err, data.ErrNotFound) {
		t.Fatal(err)
	}
	r, _ := s.Get(res.Report.ID)
	log, _ := s.ReportAudit(res.Report.ID)
	if r.Status != data.StatusNew || len(log) != 0 {
		t.Fatalf("%s %d entries", r.Status, len(log))
	}
}

func TestTransitions(t *testing.T) {
	allowed := map[[2]data.Status]bool{
		{"new", "verified"}: true, {"new", "rejected"}: true, {"new", "duplicate"}: true,
		{"verified", "in_progress"}: true, {"verified", "duplicate"}: true,
		{"in_progress", "resolved"}: true, {"resolved", "reopened"}: true,
		{"reopened", "in_progress"}: true, {"reopened", "resolved"}: true,
	}
	for _, from := range data.Statuses {
		for _, to := range data.Statuses {
			if got := data.CanTransition(from, to); got != allowed[[2]data.Status{from, to}] {
				t.Errorf("%s -> %s: %v", from, to, got)
			}
		}
	}
}

// TestRecordAccountFields: the fields added in record version 3 survive a
// round trip.
func TestRecordAccountFields(t *testing.T) {
	s, _ := datatest.NewStore(t)
	in := datatest.Report(orb.Point{39.25, -6.80}, "flood", t0)
	in.SubmittedBy = 42
	in.DuplicateOf = 7
	res, err := s.Create(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Get(res.Report.ID)
	if err != nil || r.SubmittedBy != 42 || r.DuplicateOf != 7 {
		t.Fatalf("%+v %v", r, err)
	}
}

func TestSubmittedBy(t *testing.T) {
	s, _ := datatest.NewStore(t)
	ctx := context.Background()
	var want []uint64
	for i := range 5 {
		r := datatest.Report(orb.Point{39.25, -6.80}, "flood", t0)
		r.SubmittedBy = uint64(i % 2) // 0: anonymous
		res, err := s.Create(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 1 {
			want = append(want, res.Report.ID)
		}
	}
	got, err := s.SubmittedBy(1)
	if err != nil || len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("%v %v, want %v", got, err, want)
	}
	if got, _ := s.SubmittedBy(0); got != nil {
		t.Fatalf("anonymous: %v", got)
	}
}

// TestUpdateReportSourceCorrection: a moderator's edit of the observed
// time is undone; a source correction (a re-import) keeps it, the index
// answers time filters with it, and the audit entry records it.
func TestUpdateReportSourceCorrection(t *testing.T) {
	s, _ := datatest.NewStore(t)
	ctx := context.Background()
	res, err := s.Create(ctx, datatest.Report(orb.Point{39.25, -6.80}, "flood", t0))
	if err != nil {
		t.Fatal(err)
	}
	id := res.Report.ID
	corrected := t0.Add(-30 * 24 * time.Hour)
	setObserved := func(r *data.Report) error { r.ObservedAt = corrected; return nil }
	_, after, err := s.UpdateReport(ctx, id, data.ReportUpdate{Actor: data.Actor{Name: "m"}, At: t0, Change: setObserved})
	if err != nil || !after.ObservedAt.Equal(t0) {
		t.Fatalf("a moderator changed the observed time: %v %s", err, after.ObservedAt)
	}
	_, after, err = s.UpdateReport(ctx, id, data.ReportUpdate{Actor: data.Actor{Name: "import"}, At: t0, SourceCorrection: true, Change: setObserved})
	if err != nil || !after.ObservedAt.Equal(corrected) {
		t.Fatalf("the source correction: %v %s", err, after.ObservedAt)
	}
	if got, _ := s.Get(id); !got.ObservedAt.Equal(corrected) {
		t.Errorf("stored observed time %s", got.ObservedAt)
	}
	if p := s.Find(data.Query{Start: corrected.Add(-time.Hour), End: corrected.Add(time.Hour), Limit: 10}); len(p.IDs) != 1 {
		t.Errorf("the index does not find the corrected time: %+v", p)
	}
	audit, err := s.ReportAudit(id)
	if err != nil || len(audit) != 2 {
		t.Fatalf("audit %+v %v", audit, err)
	}
	first, _ := data.AuditState(audit[0].After)
	before, _ := data.AuditState(audit[1].Before)
	after2, _ := data.AuditState(audit[1].After)
	if first.ObservedAt != nil || before.ObservedAt == nil || !before.ObservedAt.Equal(t0) || !after2.ObservedAt.Equal(corrected) {
		t.Errorf("audit states %+v / %+v -> %+v", first, before, after2)
	}
}
