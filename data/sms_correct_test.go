package data_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// fileBySMS files a report for phone as the SMS engine does, correctable
// for an hour.
func fileBySMS(t *testing.T, st *data.Store, key, phone string, at time.Time) uint64 {
	t.Helper()
	r := data.Report{Category: "water_supply", Description: "Water supply — Tandale", Location: orb.Point{39.2475, -6.8010},
		LocationSource: data.SourcePlaceName, ObservedAt: at, ReceivedAt: at, Channel: data.ChannelSMS, Status: data.StatusNew,
		Reporter: "sms:" + phone, RawText: "maji Tandale"}
	res, err := st.CommitSMS(context.Background(), data.SMSOutcome{MessageKey: key, PhoneHash: phone, Report: &r, EndConversation: true,
		At: at, CorrectUntil: at.Add(time.Hour), Reply: func(id uint64) string { return "filed" }})
	if err != nil {
		t.Fatal(err)
	}
	return res.ReportID
}

// correctable is the phone's CorrectionTarget at now when no moderator
// has reviewed it (its resident may move it).
func correctable(st *data.Store, phone string, now time.Time) (data.Report, bool, error) {
	r, reviewed, ok, err := st.CorrectionTarget(phone, now)
	return r, ok && !reviewed, err
}

// reviewed is the phone's CorrectionTarget at now when a moderator has
// reviewed it (a correction is noted).
func reviewed(st *data.Store, phone string, now time.Time) (data.Report, bool, error) {
	r, reviewed, ok, err := st.CorrectionTarget(phone, now)
	return r, ok && reviewed, err
}

// TestCorrectingAFiledReportByItsResident: within its window, and while
// nobody else changed it, the report a phone filed is moved by a
// correction (its raw text keeps the message, the audit log the move, the
// index the new place); then it may not be, and a correction is refused
// with ErrConflict, writing nothing. The same on every engine.
func TestCorrectingAFiledReportByItsResident(t *testing.T) {
	st, _ := datatest.NewStore(t)
	ctx := context.Background()
	t0 := time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)
	id := fileBySMS(t, st, "t:1", "hash-a", t0)
	if r, ok, err := correctable(st, "hash-a", t0.Add(time.Minute)); err != nil || !ok || r.ID != id {
		t.Fatalf("correctable: %d %v %v", r.ID, ok, err)
	}
	if _, _, ok, _ := st.CorrectionTarget("hash-b", t0); ok {
		t.Fatal("another phone may correct it")
	}
	if _, ok, _ := correctable(st, "hash-a", t0.Add(time.Hour)); ok {
		t.Fatal("correctable after its window")
	}
	kariakoo := orb.Point{39.2760, -6.8180}
	conf := 0.95
	fix := func(key string) data.SMSOutcome {
		return data.SMSOutcome{MessageKey: key, PhoneHash: "hash-a", EndConversation: true, At: t0.Add(2 * time.Minute),
			Correct: &data.SMSCorrection{ReportID: id, Location: kariakoo, LocationSource: data.SourcePlaceName, LocationConfidence: &conf,
				Description: "Water supply — Kariakoo", Message: "hapana, Kariakoo"},
			Reply: func(id uint64) string { return "moved" }}
	}
	res, err := st.CommitSMS(ctx, fix("t:2"))
	if err != nil || res.ReportID != id || res.Reply != "moved" {
		t.Fatalf("correct: %+v %v", res, err)
	}
	r, err := st.Get(id)
	if err != nil || r.Location != kariakoo || r.RawText != "maji Tandale\nhapana, Kariakoo" || r.Description != "Water supply — Kariakoo" ||
		r.Status != data.StatusNew || r.Reporter != "sms:hash-a" {
		t.Fatalf("corrected report %+v %v", r, err)
	}
	box := orb.Bound{Min: orb.Point{39.27, -6.82}, Max: orb.Point{39.28, -6.81}}
	if p := st.Find(data.Query{BBox: &box, Limit: 10}); !slices.Equal(p.IDs, []uint64{id}) {
		t.Errorf("the index finds %v at the new place", p.IDs)
	}
	audit, err := st.ReportAudit(id)
	if err != nil || len(audit) != 1 || audit[0].Action != data.ActionSMSPlaceCorrect || audit[0].Actor != data.ResidentActor {
		t.Fatalf("audit %+v %v", audit, err)
	}
	if before, _ := data.AuditState(audit[0].Before); before.Location != [2]float64{39.2475, -6.8010} {
		t.Errorf("audit before %+v", before)
	}
	// A redelivery replays; a second correction is allowed.
	if again, err := st.CommitSMS(ctx, fix("t:2")); err != nil || !again.Replayed || again.ReportID != id {
		t.Errorf("redelivery %+v %v", again, err)
	}
	if _, ok, _ := correctable(st, "hash-a", t0.Add(3*time.Minute)); !ok {
		t.Error("a report its resident corrected may not be corrected again")
	}
	// A moderator's change ends it.
	if _, _, err := st.UpdateReport(ctx, id, data.ReportUpdate{Actor: data.Actor{Name: "mod"}, At: t0.Add(4 * time.Minute), Note: "called back",
		Change: func(*data.Report) error { return nil }}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := correctable(st, "hash-a", t0.Add(5*time.Minute)); ok {
		t.Error("correctable after a moderator's change")
	}
	if _, err := st.CommitSMS(ctx, fix("t:3")); !errors.Is(err, data.ErrConflict) {
		t.Errorf("correction after a moderator's change: %v, want ErrConflict", err)
	}
	if _, found, _ := st.SMSReply("t:3"); found {
		t.Error("the refused correction was recorded")
	}
	if r2, _ := st.Get(id); r2.RawText != r.RawText {
		t.Errorf("raw text %q after a refused correction", r2.RawText)
	}
}

// TestCorrectableReportOnlyUnmoderated: a report verified, or filed
// without a correction window (a moderator filing a draft, USSD), may not
// be corrected by its resident, nor the one its phone filed before.
func TestCorrectableReportOnlyUnmoderated(t *testing.T) {
	st, _ := datatest.NewStore(t)
	t0 := time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)
	id := fileBySMS(t, st, "t:1", "hash-a", t0)
	if _, _, err := st.UpdateReport(context.Background(), id, data.ReportUpdate{Actor: data.Actor{Name: "mod"}, At: t0,
		Change: func(r *data.Report) error { r.Status = data.StatusVerified; return nil }}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := correctable(st, "hash-a", t0); ok {
		t.Error("a verified report is correctable")
	}
	if r, ok, err := reviewed(st, "hash-a", t0); err != nil || !ok || r.ID != id {
		t.Errorf("the verified report is not the phone's reviewed one: %d %v %v", r.ID, ok, err)
	}
	r := data.Report{Category: "food", Location: orb.Point{39.25, -6.8}, LocationSource: data.SourcePlaceName, ObservedAt: t0, ReceivedAt: t0,
		Channel: data.ChannelSMS, Status: data.StatusNew, Reporter: "sms:hash-b"}
	if _, err := st.CommitSMS(context.Background(), data.SMSOutcome{MessageKey: "t:2", PhoneHash: "hash-b", Report: &r,
		Reply: func(uint64) string { return "" }}); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := st.CorrectionTarget("hash-b", t0); ok {
		t.Error("a report filed without a window is the phone's correction target")
	}
	// A later report filed without a window, or a draft filed by a
	// moderator, ends the window of the one before: the resident's last
	// receipt is not its.
	fileBySMS(t, st, "t:3", "hash-c", t0)
	r.Reporter = "sms:hash-c"
	if _, err := st.CommitSMS(context.Background(), data.SMSOutcome{MessageKey: "t:4", PhoneHash: "hash-c", Report: &r,
		Reply: func(uint64) string { return "" }}); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := st.CorrectionTarget("hash-c", t0); ok {
		t.Error("the report before a USSD one is the phone's correction target")
	}
	fileBySMS(t, st, "t:5", "hash-d", t0)
	d := openDraft(t, st, "t:6", "hash-d", "maji", t0)
	if _, _, err := st.FileDraft(context.Background(), data.DraftFiling{DraftID: d.ID, NotBefore: t0.Add(-time.Hour), Actor: data.Actor{Name: "mod"}, At: t0,
		Complete: func(c data.Conversation) (data.Report, error) {
			rep := c.Draft
			rep.Location, rep.LocationSource, rep.ReceivedAt = orb.Point{39.25, -6.8}, data.SourceManual, t0
			return rep, nil
		}}); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := st.CorrectionTarget("hash-d", t0); ok {
		t.Error("the report before a draft a moderator filed is the phone's correction target")
	}
}

// TestNotingACorrectionOfAReviewedReport: the report a phone filed, once
// a moderator reviewed it, is its CorrectionTarget, reviewed (no longer
// correctable) within its window; a note keeps the resident's message in its audit
// log without changing it, and is refused (ErrConflict, nothing written)
// for a report not reviewed or not the phone's last. The same on every
// engine.
func TestNotingACorrectionOfAReviewedReport(t *testing.T) {
	st, _ := datatest.NewStore(t)
	ctx := context.Background()
	t0 := time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)
	id := fileBySMS(t, st, "t:1", "hash-a", t0)
	note := func(key string, at time.Time) (data.SMSResult, error) {
		return st.CommitSMS(ctx, data.SMSOutcome{MessageKey: key, PhoneHash: "hash-a", EndConversation: true, At: at,
			Note: &data.SMSNote{ReportID: id, Message: "hapana, Kariakoo"}, Reply: func(id uint64) string { return "noted" }})
	}
	if _, ok, err := reviewed(st, "hash-a", t0.Add(time.Minute)); err != nil || ok {
		t.Fatalf("a report nobody reviewed is reviewed: %v %v", ok, err)
	}
	if _, err := note("t:2", t0.Add(time.Minute)); !errors.Is(err, data.ErrConflict) {
		t.Errorf("note on a correctable report: %v, want ErrConflict", err)
	}
	if _, _, err := st.UpdateReport(ctx, id, data.ReportUpdate{Actor: data.Actor{Name: "mod"}, At: t0.Add(2 * time.Minute),
		Change: func(r *data.Report) error { r.Status = data.StatusVerified; return nil }}); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Get(id)
	if r, ok, err := reviewed(st, "hash-a", t0.Add(3*time.Minute)); err != nil || !ok || r.ID != id {
		t.Fatalf("reviewed: %d %v %v", r.ID, ok, err)
	}
	if _, ok, _ := reviewed(st, "hash-a", t0.Add(time.Hour)); ok {
		t.Error("reviewed after its window")
	}
	if _, ok, _ := reviewed(st, "hash-b", t0.Add(3*time.Minute)); ok {
		t.Error("another phone's report")
	}
	res, err := note("t:3", t0.Add(3*time.Minute))
	if err != nil || res.ReportID != id || res.Reply != "noted" {
		t.Fatalf("note: %+v %v", res, err)
	}
	if after, _ := st.Get(id); after.RawText != before.RawText || after.Location != before.Location || after.Status != data.StatusVerified {
		t.Errorf("the note changed the report: %+v", after)
	}
	audit, err := st.ReportAudit(id)
	if err != nil || len(audit) != 2 {
		t.Fatalf("audit %+v %v", audit, err)
	}
	if e := audit[1]; e.Action != data.ActionSMSPlaceNote || e.Actor != data.ResidentActor || e.Note != "hapana, Kariakoo" || e.At != t0.Add(3*time.Minute) || e.NeedsMeant != nil {
		t.Errorf("note entry %+v", e)
	}
	if again, err := note("t:3", t0.Add(4*time.Minute)); err != nil || !again.Replayed {
		t.Errorf("redelivery %+v %v", again, err)
	}
	if audit, _ := st.ReportAudit(id); len(audit) != 2 {
		t.Errorf("a redelivery wrote %d entries", len(audit))
	}
	// An answer by number ("1" to "Near Kariakoo?") names the place
	// confirmed in the entry's reason.
	if _, err := st.CommitSMS(ctx, data.SMSOutcome{MessageKey: "t:3b", PhoneHash: "hash-a", EndConversation: true, At: t0.Add(4 * time.Minute),
		Note: &data.SMSNote{ReportID: id, Message: "hapana, Kariakoo\n1", Place: "Kariakoo"}, Reply: func(id uint64) string { return "noted" }}); err != nil {
		t.Fatal(err)
	}
	if audit, _ := st.ReportAudit(id); len(audit) != 3 || audit[2].Note != "hapana, Kariakoo\n1" ||
		audit[2].Reason != "the resident corrected the place by SMS after review, to Kariakoo: not moved" || audit[1].Reason != "the resident corrected the place by SMS after review: not moved" {
		t.Errorf("audit %+v, want the place confirmed in the reason", audit)
	}
	// Another report of the phone ends the window.
	fileBySMS(t, st, "t:4", "hash-a", t0.Add(5*time.Minute))
	if _, err := note("t:5", t0.Add(6*time.Minute)); !errors.Is(err, data.ErrConflict) {
		t.Errorf("note on the report before: %v, want ErrConflict", err)
	}
	if _, found, _ := st.SMSReply("t:5"); found {
		t.Error("the refused note was recorded")
	}
}

// TestCorrectingTheNeedsOfAFiledReportByItsResident: a correction with
// Needs replaces the needs of the report the phone filed (its place
// kept, its raw text adding the message, the audit log an
// sms.category.correct entry, the category index the new need), leaves
// it correctable (the resident's own entry is no review); after a
// moderator's change it conflicts, and a note with Needs is an
// sms.category.note naming them (its NeedsMeant, for the ops page to say
// in the moderator's language, and its reason). The same on every engine.
func TestCorrectingTheNeedsOfAFiledReportByItsResident(t *testing.T) {
	st, _ := datatest.NewStore(t)
	ctx := context.Background()
	t0 := time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)
	id := fileBySMS(t, st, "t:1", "hash-a", t0)
	fix := func(key string) data.SMSOutcome {
		return data.SMSOutcome{MessageKey: key, PhoneHash: "hash-a", EndConversation: true, At: t0.Add(2 * time.Minute),
			Correct: &data.SMSCorrection{ReportID: id, Needs: []string{"food", "shelter"}, Description: "Food needed — Tandale", Message: "hapana, ni chakula na hema"},
			Reply:   func(id uint64) string { return "corrected" }}
	}
	res, err := st.CommitSMS(ctx, fix("t:2"))
	if err != nil || res.ReportID != id || res.Reply != "corrected" {
		t.Fatalf("correct: %+v %v", res, err)
	}
	r, err := st.Get(id)
	if err != nil || r.Category != "food" || !slices.Equal(r.AllNeeds(), []string{"food", "shelter"}) || r.Location != (orb.Point{39.2475, -6.8010}) ||
		r.RawText != "maji Tandale\nhapana, ni chakula na hema" || r.Description != "Food needed — Tandale" {
		t.Fatalf("corrected report %+v %v", r, err)
	}
	if p := st.Find(data.Query{Categories: []string{"water_supply"}, Limit: 10}); len(p.IDs) != 0 {
		t.Errorf("still found as water supply: %v", p.IDs)
	}
	if p := st.Find(data.Query{Categories: []string{"food"}, Limit: 10}); !slices.Equal(p.IDs, []uint64{id}) {
		t.Errorf("found as food: %v", p.IDs)
	}
	audit, err := st.ReportAudit(id)
	if err != nil || len(audit) != 1 || audit[0].Action != data.ActionSMSCategoryCorrect || audit[0].Actor != data.ResidentActor {
		t.Fatalf("audit %+v %v", audit, err)
	}
	if before, _ := data.AuditState(audit[0].Before); before.Category != "water_supply" {
		t.Errorf("audit before %+v", before)
	}
	if after, _ := data.AuditState(audit[0].After); after.Category != "food" || !slices.Equal(after.Needs, []string{"food", "shelter"}) || audit[0].NeedsMeant != nil {
		t.Errorf("audit after %+v, needs meant %v", after, audit[0].NeedsMeant)
	}
	if _, ok, _ := correctable(st, "hash-a", t0.Add(3*time.Minute)); !ok {
		t.Error("a report its resident corrected the needs of may not be corrected again")
	}
	verify := data.ReportUpdate{Actor: data.Actor{Name: "mod"}, At: t0.Add(4 * time.Minute),
		Change: func(r *data.Report) error { r.Status = data.StatusVerified; return nil }}
	if _, _, err := st.UpdateReport(ctx, id, verify); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CommitSMS(ctx, fix("t:3")); !errors.Is(err, data.ErrConflict) {
		t.Errorf("correction after a moderator's change: %v, want ErrConflict", err)
	}
	note := data.SMSOutcome{MessageKey: "t:4", PhoneHash: "hash-a", EndConversation: true, At: t0.Add(5 * time.Minute),
		Note:  &data.SMSNote{ReportID: id, Message: "not food, water", Needs: []string{"water_supply"}},
		Reply: func(id uint64) string { return "noted" }}
	if res, err := st.CommitSMS(ctx, note); err != nil || res.ReportID != id {
		t.Fatalf("note: %+v %v", res, err)
	}
	audit, err = st.ReportAudit(id)
	if err != nil || len(audit) != 3 {
		t.Fatalf("audit %+v %v", audit, err)
	}
	if e := audit[2]; e.Action != data.ActionSMSCategoryNote || e.Note != "not food, water" || !strings.Contains(e.Reason, "water_supply") ||
		!slices.Equal(e.NeedsMeant, []string{"water_supply"}) {
		t.Errorf("note entry %+v", e)
	}
	if r2, _ := st.Get(id); r2.Category != "food" {
		t.Errorf("a note changed the report: %+v", r2)
	}
}
