package sms_test

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

var (
	kariakooMarket = sms.Place{Name: "Kariakoo Market", Point: orb.Point{39.2760, -6.8180}, Confidence: 0.95}
	kariakooWard   = sms.Place{Name: "Kariakoo", Point: orb.Point{39.2740, -6.8200}, Confidence: 0.7}
)

// correctionGazetteer knows Kariakoo: its market sure, the ward's name
// alone likely only.
var correctionGazetteer = fakeGazetteer{{"tandale market", tandaleMarket}, {"kariakoo market", kariakooMarket},
	{"kariakoo", kariakooWard}, {"tandale", tandaleWard}, {"mwembe market", mwembeA}, {"mwembe market", mwembeB}}

// correctionHarness is newHarness with Kariakoo (correctionGazetteer).
func correctionHarness(t *testing.T) *harness {
	t.Helper()
	return newHarnessWith(t, correctionGazetteer)
}

// TestCorrectingThePlaceAfterFiling: a message that corrects the place
// of the report just filed ("no, Kariakoo market", "si Tandale, ni
// Kariakoo market", "pa Tandale, se …", "non, c'est à …", "não, é no …",
// "no, en …", "sorry I meant …") moves that report (same reference) and is
// answered with the corrected receipt in the resident's language; the
// raw text keeps the message, the audit log the move. It started a new
// conversation, the report staying at the wrong place.
func TestCorrectingThePlaceAfterFiling(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, tt := range []struct{ lang, first, fix string }{
		{"en", "we need water at Tandale market", "no, Kariakoo market"},
		{"en", "we need water at Tandale market", "sorry, it's at Kariakoo market not Tandale"},
		{"en", "we need water at Tandale market", "not Tandale market, Kariakoo market"},
		{"en", "we need water at Tandale market", "sorry I meant Kariakoo market"},
		{"en", "we need water at Tandale market", "wrong place: Kariakoo market"},
		{"en", "we need water at Tandale market", "No, the water problem is at Kariakoo market"},
		{"sw", "tunahitaji maji Tandale market", "si Tandale, ni Kariakoo market"},
		{"sw", "tunahitaji maji Tandale market", "hapana, Kariakoo market"},
		{"sw", "tunahitaji maji Tandale market", "samahani, Kariakoo market"},
		{"ht", "nou bezwen dlo Tandale market", "pa Tandale, se Kariakoo market"},
		{"fr", "nous avons besoin d'eau au Tandale market", "non, c'est à Kariakoo market"},
		{"fr", "nous avons besoin d'eau au Tandale market", "pardon, Kariakoo market"},
		{"pt", "precisamos de água no Tandale market", "não, é no Kariakoo market"},
		{"es", "necesitamos agua en Tandale market", "no, en Kariakoo market"},
	} {
		t.Run(tt.lang+"/"+tt.fix, func(t *testing.T) {
			h := correctionHarness(t)
			filed := h.send(alice, tt.first)
			if filed.ReportID == 0 || h.report(filed.ReportID).Location != tandaleMarket.Point {
				t.Fatalf("%q: %+v, not filed at Tandale market", tt.first, filed)
			}
			h.now = h.now.Add(10 * time.Minute)
			got := h.send(alice, tt.fix)
			label := defaultTaxonomy().Category("water_supply").Label(tt.lang)
			want := replies.Text(tt.lang, sms.ReplyPlaceCorrected, harnessExamples, filed.ReportID, label, "Kariakoo Market")
			if got.Text != want || got.ReportID != filed.ReportID {
				t.Errorf("%q: %+v, want %q", tt.fix, got, want)
			}
			r := h.report(filed.ReportID)
			if r.Location != kariakooMarket.Point || r.Description != "Water supply — Kariakoo Market" || r.Category != "water_supply" {
				t.Errorf("report at %v (%q), want Kariakoo market", r.Location, r.Description)
			}
			if r.RawText != tt.first+"\n"+tt.fix {
				t.Errorf("raw text %q", r.RawText)
			}
			audit, err := h.store.ReportAudit(filed.ReportID)
			if err != nil || len(audit) != 1 || audit[0].Action != data.ActionSMSPlaceCorrect || audit[0].Actor != data.ResidentActor {
				t.Errorf("audit %+v (%v), want one resident correction", audit, err)
			}
			if c := h.conversation(); c != nil {
				t.Errorf("a conversation is open: %+v", c)
			}
			// A redelivery changes nothing.
			again, err := h.engine.Handle(context.Background(), sms.Inbound{Gateway: "test", MessageID: "m2", From: alice, Body: tt.fix})
			if err != nil || !again.Replayed || again.Text != got.Text || h.report(filed.ReportID).RawText != r.RawText {
				t.Errorf("redelivery: %+v %v", again, err)
			}
		})
	}
}

// TestCorrectingThePlaceNearMisses: what must not move the report just
// filed. A new need ("also no food at Kariakoo market"), a need said with
// "no" ("no water at Kariakoo market"), a place alone (it may begin the
// next report), a correction after a moderator changed the report, after
// the window, or of a place outside the area; after a moderator's review,
// what is no correction.
func TestCorrectingThePlaceNearMisses(t *testing.T) {
	for _, tt := range []struct {
		name, fix string
		edit      func(h *harness, id uint64)
		newReport bool // the message files a report of its own
	}{
		{name: "a new need", fix: "also no food at Kariakoo market", newReport: true},
		{name: "a new need, said no", fix: "no, we need food at Kariakoo market", newReport: true},
		{name: "no water there", fix: "no water at Kariakoo market", newReport: true},
		{name: "the place alone", fix: "Kariakoo market"},
		{name: "a place, also", fix: "sorry, also Kariakoo market"},
		{name: "the same there", fix: "sorry, same at Kariakoo market"},
		{name: "another one", fix: "no, another one at Kariakoo market"},
		{name: "pia", fix: "samahani, Kariakoo market pia"},
		{name: "no place", fix: "sorry, not there"},
		{name: "a lone si", fix: "si, Kariakoo market"},
		{name: "after the window", fix: "no, Kariakoo market", edit: func(h *harness, id uint64) { h.now = h.now.Add(25 * time.Hour) }},
		{name: "outside the area", fix: "no, -1.2921, 36.8219"},
		// Reviewed by a moderator: what is no correction stays as before
		// (TestCorrectingAReviewedReport has the corrections).
		{name: "reviewed, a new need", fix: "also no food at Kariakoo market", edit: verifyReport, newReport: true},
		{name: "reviewed, a new need said no", fix: "no, we need food at Kariakoo market", edit: verifyReport, newReport: true},
		{name: "reviewed, the place alone", fix: "Kariakoo market", edit: verifyReport},
		{name: "reviewed, the same there", fix: "sorry, same at Kariakoo market", edit: verifyReport},
		{name: "reviewed, after the window", fix: "no, Kariakoo market", edit: func(h *harness, id uint64) {
			verifyReport(h, id)
			h.now = h.now.Add(25 * time.Hour)
		}},
		{name: "reviewed, outside the area", fix: "no, -1.2921, 36.8219", edit: verifyReport},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := correctionHarness(t)
			filed := h.send(alice, "we need water at Tandale market")
			if filed.ReportID == 0 {
				t.Fatalf("not filed: %+v", filed)
			}
			if tt.edit != nil {
				tt.edit(h, filed.ReportID)
			}
			got := h.send(alice, tt.fix)
			if r := h.report(filed.ReportID); r.Location != tandaleMarket.Point || strings.Contains(r.RawText, tt.fix) {
				t.Errorf("%q moved the report: %+v", tt.fix, r)
			}
			if got.ReportID == filed.ReportID || tt.newReport != (got.ReportID != 0) {
				t.Errorf("%q: %+v (new report: %v)", tt.fix, got, tt.newReport)
			}
			if audit, _ := h.store.ReportAudit(filed.ReportID); slices.ContainsFunc(audit, func(e data.AuditEntry) bool { return e.Actor == data.ResidentActor }) {
				t.Errorf("%q was kept on the report: %+v", tt.fix, audit)
			}
		})
	}
}

// TestCorrectingThePlaceConfirmed: a likely place ("no, Kariakoo", the
// ward's name alone) is asked to be confirmed first, as the place
// question does; yes moves the report, no asks where, a sure place
// moves it, a message of another kind drops the question and is read
// afresh. Moderators never see the question as a draft.
func TestCorrectingThePlaceConfirmed(t *testing.T) {
	replies := sms.DefaultReplies()
	start := func(t *testing.T) (*harness, sms.Reply) {
		h := correctionHarness(t)
		filed := h.send(alice, "we need water at Tandale market")
		ask := h.send(alice, "no, Kariakoo")
		want := replies.Text("en", sms.ReplyConfirmPlace, harnessExamples, "Water supply", "Kariakoo")
		if ask.Text != want || ask.ReportID != 0 {
			t.Fatalf("%+v, want %q", ask, want)
		}
		if r := h.report(filed.ReportID); r.Location != tandaleMarket.Point {
			t.Fatalf("moved before it was confirmed: %v", r.Location)
		}
		if drafts, err := h.engine.Drafts(); err != nil || len(drafts) != 0 {
			t.Fatalf("drafts %+v (%v), want none", drafts, err)
		}
		return h, filed
	}
	t.Run("yes", func(t *testing.T) {
		h, filed := start(t)
		got := h.send(alice, "1")
		if got.ReportID != filed.ReportID || !strings.Contains(got.Text, "corrected: now near Kariakoo.") {
			t.Errorf("%+v", got)
		}
		if r := h.report(filed.ReportID); r.Location != kariakooWard.Point || r.LocationSource != data.SourceAskBack ||
			r.RawText != "we need water at Tandale market\nno, Kariakoo\n1" {
			t.Errorf("report %+v", r)
		}
		if c := h.conversation(); c != nil {
			t.Errorf("conversation left open: %+v", c)
		}
	})
	t.Run("no, then a sure place", func(t *testing.T) {
		h, filed := start(t)
		if got := h.send(alice, "2"); got.Text != replies.Text("en", sms.ReplyAskPlace, harnessExamples, "Water supply") {
			t.Errorf("no: %+v", got)
		}
		if got := h.send(alice, "Kariakoo market"); got.ReportID != filed.ReportID || h.report(filed.ReportID).Location != kariakooMarket.Point {
			t.Errorf("the place: %+v", got)
		}
	})
	t.Run("another report", func(t *testing.T) {
		h, filed := start(t)
		got := h.send(alice, "fire at Mwananyamala")
		if got.ReportID == filed.ReportID || h.report(filed.ReportID).Location != tandaleMarket.Point {
			t.Errorf("%+v", got)
		}
		if c := h.conversation(); c != nil && c.Corrects != 0 {
			t.Errorf("the correction is still open: %+v", c)
		}
		if got := h.send(alice, "1"); got.ReportID == filed.ReportID {
			t.Errorf("1 after it moved the report: %+v", got)
		}
	})
	t.Run("a moderator meanwhile", func(t *testing.T) {
		h, filed := start(t)
		if _, _, err := h.store.UpdateReport(context.Background(), filed.ReportID, data.ReportUpdate{Actor: data.Actor{Name: "mod"}, At: h.now,
			Change: func(r *data.Report) error { r.Status = data.StatusInProgress; return nil }}); err != nil {
			t.Fatal(err)
		}
		h.send(alice, "yes")
		if r := h.report(filed.ReportID); r.Location != tandaleMarket.Point {
			t.Errorf("moved after a moderator changed it: %v", r.Location)
		}
	})
}

// TestMenuAnsweredNone: "none" to the category menu, in the six
// languages, asks for the problem in a few words (the draft waits, the
// menu's numbers still choose); a second "none" files it as "other", a
// word naming a need files that need. "none" was filed as "other" at once.
func TestMenuAnsweredNone(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, none := range []string{"none", "None of these", "hakuna", "okenn", "rien", "aucun", "nada", "nenhum", "ninguno"} {
		t.Run(none, func(t *testing.T) {
			h := newHarness(t)
			h.send(alice, "mafuirko Tandale market")
			c := h.conversation()
			if c == nil || c.State != data.AwaitCategory {
				t.Fatalf("no menu: %+v", c)
			}
			got := h.send(alice, none)
			lang := c.Lang // one word keeps the conversation's language, a sentence tells its own
			if none == "None of these" {
				lang = "en"
			}
			if want := replies.Text(lang, sms.ReplyAskWords, harnessExamples); got.Text != want || got.ReportID != 0 {
				t.Fatalf("%q: %+v, want %q", none, got, want)
			}
			if c2 := h.conversation(); c2 == nil || c2.State != data.AwaitCategory || !c2.AskedWords {
				t.Fatalf("after %q: %+v", none, c2)
			}
			done := h.send(alice, none)
			if done.ReportID == 0 || h.report(done.ReportID).Category != "other" {
				t.Errorf("a second %q: %+v, want filed as other", none, done)
			}
		})
	}
	t.Run("then a need", func(t *testing.T) {
		h := newHarness(t)
		h.send(alice, "mafuirko Tandale market")
		h.send(alice, "none")
		if done := h.send(alice, "the water pipe is broken"); done.ReportID == 0 || h.report(done.ReportID).Category != "water_supply" {
			t.Errorf("%+v", done)
		}
	})
	t.Run("then a number", func(t *testing.T) {
		h := newHarness(t)
		h.send(alice, "mafuirko Tandale market")
		menu := h.conversation().Menu
		h.send(alice, "hakuna")
		if done := h.send(alice, "2"); done.ReportID == 0 || h.report(done.ReportID).Category != menu[1] {
			t.Errorf("%+v, want %s", done, menu[1])
		}
	})
	t.Run("other words are filed as before", func(t *testing.T) {
		h := newHarness(t)
		h.send(alice, "mafuirko Tandale market")
		if done := h.send(alice, "the bridge"); done.ReportID == 0 || h.report(done.ReportID).Category != "other" {
			t.Errorf("%+v", done)
		}
	})
}

// verifyReport is a moderator verifying report id.
func verifyReport(h *harness, id uint64) {
	h.t.Helper()
	if _, _, err := h.store.UpdateReport(context.Background(), id, data.ReportUpdate{Actor: data.Actor{Name: "mod"}, At: h.now,
		Change: func(r *data.Report) error { r.Status = data.StatusVerified; return nil }}); err != nil {
		h.t.Fatal(err)
	}
}

// noteByModerator is a moderator's note on report id, changing nothing.
func noteByModerator(h *harness, id uint64) {
	h.t.Helper()
	if _, _, err := h.store.UpdateReport(context.Background(), id, data.ReportUpdate{Actor: data.Actor{Name: "mod"}, At: h.now, Note: "called",
		Change: func(r *data.Report) error { return nil }}); err != nil {
		h.t.Fatal(err)
	}
}

// TestCorrectingAReviewedReport: a correction of the place of the report
// just filed, once a moderator reviewed it (verified it, or wrote a
// note), does not move it nor start a new report (it got the menu "What
// is the problem near Kariakoo?"): the message is kept in the report's
// audit log for moderators, and the resident told, in their language,
// that the report is with the team and the team has the new place.
func TestCorrectingAReviewedReport(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, tt := range []struct {
		lang, first, fix string
		review           func(h *harness, id uint64)
	}{
		{"en", "we need water at Tandale market", "no, Kariakoo market", verifyReport},
		{"en", "we need water at Tandale market", "sorry I meant Kariakoo", noteByModerator},
		{"sw", "tunahitaji maji Tandale market", "si Tandale, ni Kariakoo market", verifyReport},
		{"ht", "nou bezwen dlo Tandale market", "pa Tandale, se Kariakoo market", verifyReport},
		{"fr", "nous avons besoin d'eau au Tandale market", "non, c'est à Kariakoo market", noteByModerator},
		{"pt", "precisamos de água no Tandale market", "não, é no Kariakoo market", verifyReport},
		{"es", "necesitamos agua en Tandale market", "no, en Kariakoo market", verifyReport},
	} {
		t.Run(tt.lang+"/"+tt.fix, func(t *testing.T) {
			h := correctionHarness(t)
			filed := h.send(alice, tt.first)
			if filed.ReportID == 0 {
				t.Fatalf("%q: %+v, not filed", tt.first, filed)
			}
			tt.review(h, filed.ReportID)
			before := h.report(filed.ReportID)
			h.now = h.now.Add(10 * time.Minute)
			got := h.send(alice, tt.fix)
			label := defaultTaxonomy().Category("water_supply").Label(tt.lang)
			want := replies.Text(tt.lang, sms.ReplyPlaceNoted, harnessExamples, filed.ReportID, label)
			if got.Text != want || got.ReportID != filed.ReportID {
				t.Errorf("%q: %+v, want %q", tt.fix, got, want)
			}
			if r := h.report(filed.ReportID); r.Location != before.Location || r.RawText != before.RawText || r.Status != before.Status {
				t.Errorf("the report changed: %+v", r)
			}
			audit, err := h.store.ReportAudit(filed.ReportID)
			if err != nil || len(audit) != 2 {
				t.Fatalf("audit %+v (%v), want the moderator's and the resident's", audit, err)
			}
			if e := audit[1]; e.Action != data.ActionSMSPlaceNote || e.Actor != data.ResidentActor || e.Note != tt.fix {
				t.Errorf("audit entry %+v, want the resident's message as a note", e)
			}
			if c := h.conversation(); c != nil {
				t.Errorf("a conversation is open: %+v", c)
			}
			if d, _ := h.store.Drafts(time.Time{}); len(d) != 0 {
				t.Errorf("drafts %+v", d)
			}
		})
	}
}

// TestCorrectionPhotos: the photo sent with a correction joins the report
// corrected (moved or noted), as a photo sent alone just after would; a
// report given a photo just before keeps it, the resident told. The photo
// was dropped.
func TestCorrectionPhotos(t *testing.T) {
	photo := []data.MediaRef{{URL: "https://api.twilio.com/media/ME1", ContentType: "image/jpeg"}}
	for _, tt := range []struct {
		name       string
		review     func(h *harness, id uint64)
		photoFirst bool
		// fix is the correction sent with the photo ("no, Kariakoo
		// market" when empty), then the answer to its question if any.
		fix, then string
		want      []data.MediaRef
	}{
		{name: "moved", want: photo},
		{name: "noted", review: verifyReport, want: photo},
		{name: "moved, a photo before", photoFirst: true},
		{name: "moved once confirmed", fix: "no, Kariakoo", then: "1", want: photo},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := correctionHarness(t)
			filed := h.send(alice, "we need water at Tandale market")
			if tt.review != nil {
				tt.review(h, filed.ReportID)
			}
			if tt.photoFirst {
				r, err := h.engine.Handle(context.Background(), sms.Inbound{Gateway: "test", MessageID: "p0", From: alice,
					Media: []data.MediaRef{{URL: "https://api.twilio.com/media/ME0", ContentType: "image/png"}}})
				if err != nil || r.ReportID != filed.ReportID {
					t.Fatalf("photo alone: %+v %v", r, err)
				}
			}
			h.now = h.now.Add(5 * time.Minute)
			fix := cmp.Or(tt.fix, "no, Kariakoo market")
			got, err := h.engine.Handle(context.Background(), sms.Inbound{Gateway: "test", MessageID: "p1", From: alice, Body: fix, Media: photo})
			if tt.then != "" {
				if err != nil || got.ReportID != 0 {
					t.Fatalf("%q: %+v %v, want a question", fix, got, err)
				}
				got = h.send(alice, tt.then)
			}
			if err != nil || got.ReportID != filed.ReportID || !slices.Equal(got.Media, tt.want) {
				t.Fatalf("%+v %v, want the report with media %v", got, err, tt.want)
			}
			if tt.photoFirst != strings.Contains(got.Text, sms.DefaultReplies().Text("en", sms.ReplyOnePhoto, harnessExamples)) {
				t.Errorf("reply %q", got.Text)
			}
		})
	}
}

// setStatus is a moderator setting report id's status.
func setStatus(h *harness, id uint64, st data.Status) {
	h.t.Helper()
	if _, _, err := h.store.UpdateReport(context.Background(), id, data.ReportUpdate{Actor: data.Actor{Name: "mod"}, At: h.now,
		Change: func(r *data.Report) error { r.Status = st; return nil }}); err != nil {
		h.t.Fatal(err)
	}
}

// TestAnsweringACorrectionQuestionAfterReview: the answer to the question
// of a place correction ("Water supply near Kariakoo? Reply 1 yes, 2
// no"), once a moderator has reviewed the report (verified, rejected,
// a note) since it was asked, does not move it: "1", a yes in the
// resident's language, the number of a place offered or another place
// is noted for the team (an sms.place.note entry, its note the messages
// of the correction, its reason the place confirmed) and the resident
// told (place_noted); "2" or "no" ends the question with the report's
// status. "1" was read as a new message: the category menu, as if mtaa
// had forgotten the report.
func TestAnsweringACorrectionQuestionAfterReview(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, tt := range []struct {
		lang, first, fix string
		ask              string // the question's reply key
		answer           string
		review           func(h *harness, id uint64)
		place            string // the place named in the entry's reason ("": none)
	}{
		{"en", "we need water at Tandale market", "no, Kariakoo", sms.ReplyConfirmPlace, "1", verifyReport, "Kariakoo"},
		{"en", "we need water at Tandale market", "no, Kariakoo", sms.ReplyConfirmPlace, "yes", noteByModerator, "Kariakoo"},
		{"en", "we need water at Tandale market", "no, Kariakoo", sms.ReplyConfirmPlace, "1", func(h *harness, id uint64) { setStatus(h, id, data.StatusRejected) }, "Kariakoo"},
		{"en", "we need water at Tandale market", "no, Kariakoo", sms.ReplyConfirmPlace, "Kariakoo market", verifyReport, ""},
		{"en", "we need water at Tandale market", "sorry, Mwembe market", sms.ReplyChoosePlace, "2", verifyReport, mwembeB.Name},
		{"sw", "tunahitaji maji Tandale market", "hapana, Kariakoo", sms.ReplyConfirmPlace, "ndiyo", verifyReport, "Kariakoo"},
		{"ht", "nou bezwen dlo Tandale market", "pa Tandale, se Kariakoo", sms.ReplyConfirmPlace, "wi", verifyReport, "Kariakoo"},
		{"fr", "nous avons besoin d'eau au Tandale market", "non, c'est à Kariakoo", sms.ReplyConfirmPlace, "oui", noteByModerator, "Kariakoo"},
		{"pt", "precisamos de água no Tandale market", "não, é no Kariakoo", sms.ReplyConfirmPlace, "sim", verifyReport, "Kariakoo"},
		{"es", "necesitamos agua en Tandale market", "no, en Kariakoo", sms.ReplyConfirmPlace, "sí", verifyReport, "Kariakoo"},
	} {
		t.Run(tt.lang+"/"+tt.fix+"/"+tt.answer, func(t *testing.T) {
			h := correctionHarness(t)
			filed := h.send(alice, tt.first)
			if filed.ReportID == 0 {
				t.Fatalf("%q: %+v, not filed", tt.first, filed)
			}
			ask := h.send(alice, tt.fix)
			if c := h.conversation(); c == nil || c.Corrects != filed.ReportID || ask.ReportID != 0 {
				t.Fatalf("%q: %+v, no question (%+v)", tt.fix, ask, c)
			}
			label := defaultTaxonomy().Category("water_supply").Label(tt.lang)
			if want := replies.Text(tt.lang, sms.ReplyConfirmPlace, harnessExamples, label, "Kariakoo"); tt.ask == sms.ReplyConfirmPlace && ask.Text != want {
				t.Fatalf("%q: %q, want %q", tt.fix, ask.Text, want)
			}
			h.now = h.now.Add(5 * time.Minute)
			tt.review(h, filed.ReportID)
			before := h.report(filed.ReportID)
			h.now = h.now.Add(5 * time.Minute)
			got := h.send(alice, tt.answer)
			if want := replies.Text(tt.lang, sms.ReplyPlaceNoted, harnessExamples, filed.ReportID, label); got.Text != want || got.ReportID != filed.ReportID {
				t.Errorf("%q: %+v, want %q", tt.answer, got, want)
			}
			if r := h.report(filed.ReportID); r.Location != before.Location || r.RawText != before.RawText || r.Status != before.Status {
				t.Errorf("the report changed: %+v", r)
			}
			audit, err := h.store.ReportAudit(filed.ReportID)
			if err != nil || len(audit) != 2 {
				t.Fatalf("audit %+v (%v), want the moderator's and the resident's", audit, err)
			}
			e := audit[1]
			if e.Action != data.ActionSMSPlaceNote || e.Actor != data.ResidentActor || e.Note != tt.fix+"\n"+tt.answer {
				t.Errorf("audit entry %+v, want the resident's messages as a note", e)
			}
			if tt.place != "" && !strings.Contains(e.Reason, "to "+tt.place+":") || tt.place == "" && strings.Contains(e.Reason, " to ") {
				t.Errorf("reason %q, want the place %q", e.Reason, tt.place)
			}
			if c := h.conversation(); c != nil {
				t.Errorf("a conversation is open: %+v", c)
			}
			if d, _ := h.store.Drafts(time.Time{}); len(d) != 0 {
				t.Errorf("drafts %+v", d)
			}
		})
	}
}

// TestAnsweringACorrectionQuestionAfterReviewNearMisses: after a
// moderator's review, "2" or "no" to the question ends it with the
// report's status, noting nothing; a number off the choices asks again;
// another report is read afresh; the question expired, "1" is no answer
// to it (nothing noted, nothing moved).
func TestAnsweringACorrectionQuestionAfterReviewNearMisses(t *testing.T) {
	replies := sms.DefaultReplies()
	start := func(t *testing.T, fix string) (*harness, uint64) {
		h := correctionHarness(t)
		filed := h.send(alice, "we need water at Tandale market")
		h.send(alice, fix)
		if c := h.conversation(); c == nil || c.Corrects != filed.ReportID {
			t.Fatalf("%q: no question: %+v", fix, c)
		}
		verifyReport(h, filed.ReportID)
		return h, filed.ReportID
	}
	noNote := func(t *testing.T, h *harness, id uint64) {
		t.Helper()
		if audit, _ := h.store.ReportAudit(id); slices.ContainsFunc(audit, func(e data.AuditEntry) bool { return e.Actor == data.ResidentActor }) {
			t.Errorf("noted: %+v", audit)
		}
		if r := h.report(id); r.Location != tandaleMarket.Point {
			t.Errorf("moved: %+v", r)
		}
	}
	for _, no := range []string{"2", "no", "hapana"} {
		t.Run(no, func(t *testing.T) {
			h, id := start(t, "no, Kariakoo")
			got := h.send(alice, no)
			want := replies.Text("en", sms.ReplyStatus, harnessExamples, id, replies.StatusLabel("en", string(data.StatusVerified)), "Water supply")
			if got.Text != want || got.ReportID != 0 {
				t.Errorf("%q: %+v, want %q", no, got, want)
			}
			if c := h.conversation(); c != nil {
				t.Errorf("a conversation is open: %+v", c)
			}
			noNote(t, h, id)
		})
	}
	t.Run("a number off the choices", func(t *testing.T) {
		h, id := start(t, "sorry, Mwembe market")
		if got := h.send(alice, "7"); !strings.Contains(got.Text, "2 "+mwembeB.Name) || got.ReportID != 0 {
			t.Errorf("%+v, want the choices again", got)
		}
		noNote(t, h, id)
		if got := h.send(alice, "1"); got.ReportID != id || !strings.Contains(got.Text, "already with our team") {
			t.Errorf("then 1: %+v", got)
		}
	})
	t.Run("another report", func(t *testing.T) {
		h, id := start(t, "no, Kariakoo")
		got := h.send(alice, "fire at Kariakoo market")
		if got.ReportID == 0 || got.ReportID == id {
			t.Errorf("%+v, want a new report", got)
		}
		noNote(t, h, id)
	})
	t.Run("the question expired", func(t *testing.T) {
		h, id := start(t, "no, Kariakoo")
		h.now = h.now.Add(25 * time.Hour)
		got := h.send(alice, "1")
		if got.ReportID == id || strings.Contains(got.Text, "already with our team") {
			t.Errorf("%+v", got)
		}
		noNote(t, h, id)
		t.Logf("1 after the question expired: %q", got.Text)
	})
}

// interleavedStore is the harness's store with a step of the test's
// (meanwhile) run once, just before the engine commits the first outcome
// that corrects or notes a place: what another request (a moderator's)
// did between the engine's read of the report and its write, in an order
// the test chooses, without timing.
type interleavedStore struct {
	*data.Store
	meanwhile func()
}

func (s *interleavedStore) CommitSMS(ctx context.Context, o data.SMSOutcome) (data.SMSResult, error) {
	if f := s.meanwhile; f != nil && (o.Correct != nil || o.Note != nil) {
		s.meanwhile = nil
		f()
	}
	return s.Store.CommitSMS(ctx, o)
}

// TestCorrectionConflictEndsInANote: a moderator who reviews the report
// between the engine's read of it and the write of the resident's
// correction makes the write conflict (data.ErrConflict); the message is
// read again and, the report reviewed, noted for the team as a correction
// after review is: the report not moved, the resident told place_noted.
// The same for the answer ("1") to the question of a correction. Without
// the retry Handle returned the conflict.
func TestCorrectionConflictEndsInANote(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, tt := range []struct {
		name, fix, then string
		place           string // the place the note's reason names ("" when the message does)
	}{
		{name: "a sure place", fix: "no, Kariakoo market"},
		{name: "a likely place, confirmed", fix: "no, Kariakoo", then: "1", place: "Kariakoo"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var is *interleavedStore
			h := newHarnessOn(t, func(c *sms.Config) { c.Locator = correctionGazetteer },
				func(st *data.Store) sms.Store { is = &interleavedStore{Store: st}; return is })
			filed := h.send(alice, "we need water at Tandale market")
			h.now = h.now.Add(5 * time.Minute)
			last := tt.fix
			if tt.then != "" {
				if ask := h.send(alice, tt.fix); ask.ReportID != 0 {
					t.Fatalf("%q: %+v, want a question", tt.fix, ask)
				}
				last = tt.then
			}
			is.meanwhile = func() { verifyReport(h, filed.ReportID) }
			got := h.send(alice, last)
			if is.meanwhile != nil {
				t.Fatal("no correction was committed")
			}
			want := replies.Text("en", sms.ReplyPlaceNoted, harnessExamples, filed.ReportID, "Water supply")
			if got.Text != want || got.ReportID != filed.ReportID {
				t.Errorf("%q: %+v, want %q", last, got, want)
			}
			if r := h.report(filed.ReportID); r.Location != tandaleMarket.Point || r.Status != data.StatusVerified {
				t.Errorf("report at %v, %s: want verified at Tandale market", r.Location, r.Status)
			}
			audit, err := h.store.ReportAudit(filed.ReportID)
			if err != nil || len(audit) != 2 || audit[0].Action == data.ActionSMSPlaceNote {
				t.Fatalf("audit %+v (%v), want the moderator's, then the resident's note", audit, err)
			}
			msgs := strings.TrimSuffix(tt.fix+"\n"+tt.then, "\n")
			if e := audit[1]; e.Action != data.ActionSMSPlaceNote || e.Actor != data.ResidentActor || e.Note != msgs ||
				strings.Contains(e.Reason, "to Kariakoo") != (tt.place != "") {
				t.Errorf("note %+v, want the messages %q", e, msgs)
			}
			if c := h.conversation(); c != nil {
				t.Errorf("a conversation is open: %+v", c)
			}
		})
	}
}

// TestNoteConflictReadAfresh: a correction after review whose report is
// no longer the phone's when the note is written (a moderator filed,
// meanwhile, an older draft of the phone, which ends the report's
// window) makes the write conflict; the message is read again as if it
// corrected nothing (here: the menu naming the place), nothing noted.
// Without the retry Handle returned the conflict.
func TestNoteConflictReadAfresh(t *testing.T) {
	var is *interleavedStore
	h := newHarnessOn(t, func(c *sms.Config) {
		c.Locator, c.ConversationTTL, c.CorrectionWindow = correctionGazetteer, time.Hour, 24*time.Hour
	}, func(st *data.Store) sms.Store { is = &interleavedStore{Store: st}; return is })
	filed := h.send(alice, "we need water at Tandale market")
	verifyReport(h, filed.ReportID)
	h.now = h.now.Add(time.Minute)
	if ask := h.send(alice, "we need food"); ask.ReportID != 0 {
		t.Fatalf("%+v, want the question where", ask)
	}
	drafts, err := h.store.Drafts(time.Time{})
	if err != nil || len(drafts) != 1 {
		t.Fatalf("drafts %+v %v", drafts, err)
	}
	h.now = h.now.Add(2 * time.Hour) // the draft's question expired, the report's window not
	is.meanwhile = func() {
		if _, _, err := h.store.FileDraft(context.Background(), data.DraftFiling{DraftID: drafts[0].ID, Actor: data.Actor{Name: "mod"}, At: h.now,
			Complete: func(c data.Conversation) (data.Report, error) {
				r := c.Draft
				r.Location, r.LocationSource, r.ReceivedAt = kariakooWard.Point, data.SourceManual, h.now
				return r, nil
			}}); err != nil {
			t.Fatal(err)
		}
	}
	got := h.send(alice, "no, Kariakoo market")
	if is.meanwhile != nil {
		t.Fatal("no note was committed")
	}
	if got.ReportID != 0 || !strings.HasPrefix(got.Text, "What is the problem near Kariakoo Market?") {
		t.Errorf("%+v, want the message read afresh: the menu naming the place", got)
	}
	if audit, err := h.store.ReportAudit(filed.ReportID); err != nil || len(audit) != 1 {
		t.Errorf("audit %+v (%v), want the moderator's only", audit, err)
	}
}
