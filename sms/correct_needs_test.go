package sms_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// foodAt is the first message of each language, filing food at Tandale
// market.
var foodAt = map[string]string{
	"en": "we need food at Tandale market",
	"sw": "tunahitaji chakula Tandale market",
	"fr": "nous avons besoin de nourriture au Tandale market",
	"pt": "precisamos de comida no Tandale market",
	"es": "necesitamos comida en Tandale market",
	"ht": "nou bezwen manje Tandale market",
}

// fileFood files foodAt[lang] and checks it was filed as food at Tandale
// market.
func fileFood(t *testing.T, h *harness, lang string) sms.Reply {
	t.Helper()
	filed := h.send(alice, foodAt[lang])
	if filed.ReportID == 0 {
		t.Fatalf("%q: %+v, not filed", foodAt[lang], filed)
	}
	if r := h.report(filed.ReportID); r.Category != "food" || r.Location != tandaleMarket.Point {
		t.Fatalf("%q filed as %s at %v, want food at Tandale market", foodAt[lang], r.Category, r.Location)
	}
	return filed
}

// TestCorrectingTheNeedsAfterFiling: a message that corrects the need of
// the report just filed, in answer to its receipt ("no, it is water not
// food", "not food, water", "hapana, ni maji", "non, c'est de l'eau",
// "não, é água", "no, es agua", "non, se dlo"), replaces its needs (same
// reference, same place) and is answered with the corrected receipt in
// the resident's language; the raw text keeps the message, the audit log
// the change. It started a new conversation ("Water supply: where?" or
// the menu), the report staying food.
func TestCorrectingTheNeedsAfterFiling(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, tt := range []struct{ lang, fix string }{
		{"en", "no, it is water not food"},
		{"en", "not food, water"},
		{"en", "not food but water"},
		{"en", "sorry, not food, water"},
		{"en", "no, water"},
		{"en", "wrong, it is water not food"},
		{"en", "sorry, I meant water"},
		{"sw", "makosa, ni maji"},
		{"sw", "hapana, ni maji"},
		{"sw", "sio chakula, ni maji"},
		{"fr", "non, c'est de l'eau"},
		{"pt", "não, é água"},
		{"es", "no, es agua"},
		{"ht", "non, se dlo"},
		{"ht", "se pa manje, se dlo"},
	} {
		t.Run(tt.lang+"/"+tt.fix, func(t *testing.T) {
			h := correctionHarness(t)
			filed := fileFood(t, h, tt.lang)
			h.now = h.now.Add(10 * time.Minute)
			got := h.send(alice, tt.fix)
			label := defaultTaxonomy().Category("water_supply").Label(tt.lang)
			want := replies.Text(tt.lang, sms.ReplyCategoryCorrected, harnessExamples, filed.ReportID, label)
			if got.Text != want || got.ReportID != filed.ReportID {
				t.Errorf("%q: %+v, want %q", tt.fix, got, want)
			}
			r := h.report(filed.ReportID)
			if r.Category != "water_supply" || len(r.AllNeeds()) != 1 || r.Location != tandaleMarket.Point {
				t.Errorf("report %s %v at %v, want water supply only at Tandale market", r.Category, r.AllNeeds(), r.Location)
			}
			if r.Description != "Water supply — Tandale Market" {
				t.Errorf("description %q", r.Description)
			}
			if r.RawText != foodAt[tt.lang]+"\n"+tt.fix {
				t.Errorf("raw text %q", r.RawText)
			}
			audit, err := h.store.ReportAudit(filed.ReportID)
			if err != nil || len(audit) != 1 || audit[0].Action != data.ActionSMSCategoryCorrect || audit[0].Actor != data.ResidentActor ||
				stateCategory(audit[0].Before) != "food" || stateCategory(audit[0].After) != "water_supply" {
				t.Errorf("audit %+v (%v), want one resident correction from food to water", audit, err)
			}
			if c := h.conversation(); c != nil {
				t.Errorf("a conversation is open: %+v", c)
			}
			if d, _ := h.store.Drafts(time.Time{}); len(d) != 0 {
				t.Errorf("drafts %+v", d)
			}
			// A redelivery changes nothing.
			again, err := h.engine.Handle(context.Background(), sms.Inbound{Gateway: "test", MessageID: "m2", From: alice, Body: tt.fix})
			if err != nil || !again.Replayed || again.Text != got.Text || h.report(filed.ReportID).RawText != r.RawText {
				t.Errorf("redelivery: %+v %v", again, err)
			}
		})
	}
	t.Run("several needs", func(t *testing.T) {
		h := correctionHarness(t)
		filed := h.send(alice, "we need food and water at Tandale market")
		if r := h.report(filed.ReportID); !slices.Equal(r.AllNeeds(), []string{"food", "water_supply"}) &&
			!slices.Equal(r.AllNeeds(), []string{"water_supply", "food"}) {
			t.Fatalf("filed %v", r.AllNeeds())
		}
		got := h.send(alice, "not food, water")
		if r := h.report(filed.ReportID); got.ReportID != filed.ReportID || !slices.Equal(r.AllNeeds(), []string{"water_supply"}) {
			t.Errorf("%+v: needs %v, want water only", got, r.AllNeeds())
		}
	})
	t.Run("then the place", func(t *testing.T) {
		h := correctionHarness(t)
		filed := fileFood(t, h, "en")
		h.send(alice, "no, it is water not food")
		got := h.send(alice, "sorry, it's at Kariakoo market not Tandale")
		r := h.report(filed.ReportID)
		if got.ReportID != filed.ReportID || r.Category != "water_supply" || r.Location != kariakooMarket.Point ||
			r.Description != "Water supply — Kariakoo Market" {
			t.Errorf("%+v: %s at %v (%q)", got, r.Category, r.Location, r.Description)
		}
	})
}

// TestCorrectingTheNeedsNearMisses: what must not change the needs of
// the report just filed: a new report ("also there is no food at the
// school" asks where, as before), "not food but also water", a thanks, a
// need said with "no" ("no water"), a need alone, the needs it has, a
// place correction (it moves the report, its need kept), a message after
// the window or after another report.
func TestCorrectingTheNeedsNearMisses(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, tt := range []struct {
		name, fix string
		edit      func(h *harness, id uint64)
		want      string // the reply's start, "" not checked
	}{
		{name: "a new report", fix: "also there is no food at the school", want: "Food needed: where?"},
		{name: "also", fix: "not food but also water", want: "Food needed and Water supply: where?"},
		{name: "hapana, pia", fix: "hapana, tunahitaji maji pia"},
		{name: "thanks", fix: "thank you", want: replies.Text("en", sms.ReplyThanks, harnessExamples)},
		{name: "no water", fix: "no water", want: "Water supply: where?"},
		{name: "a need alone", fix: "water", want: "Water supply: where?"},
		{name: "not food alone", fix: "not food", want: "What is the problem?"},
		{name: "the need it has", fix: "no, food"},
		{name: "not enough food", fix: "not enough food"},
		// "not yet" says what has not come, not what was wrong.
		{name: "not yet", fix: "not yet, still no water", want: "Water supply: where?"},
		{name: "not yet, one clause", fix: "not yet received, we need water", want: "Water supply: where?"},
		// A new report: water only, the food after "not" is no need of it.
		{name: "after the window", fix: "no, it is water not food", edit: func(h *harness, id uint64) { h.now = h.now.Add(25 * time.Hour) },
			want: "Water supply: where?"},
		{name: "after another report", fix: "not food, water", edit: func(h *harness, id uint64) {
			if r := h.send(alice, "fire at Tandale market"); r.ReportID == 0 || r.ReportID == id {
				h.t.Fatalf("the fire: %+v", r)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := correctionHarness(t)
			filed := fileFood(t, h, "en")
			if tt.edit != nil {
				tt.edit(h, filed.ReportID)
			}
			got := h.send(alice, tt.fix)
			if r := h.report(filed.ReportID); r.Category != "food" || len(r.AllNeeds()) != 1 || strings.Contains(r.RawText, tt.fix) {
				t.Errorf("%q changed the report: %+v", tt.fix, r)
			}
			if got.ReportID == filed.ReportID || !strings.HasPrefix(got.Text, tt.want) {
				t.Errorf("%q: %+v, want %q…", tt.fix, got, tt.want)
			}
			if audit, _ := h.store.ReportAudit(filed.ReportID); slices.ContainsFunc(audit, func(e data.AuditEntry) bool { return e.Actor == data.ResidentActor }) {
				t.Errorf("%q was kept on the report: %+v", tt.fix, audit)
			}
		})
	}
	t.Run("a place correction stays one", func(t *testing.T) {
		h := correctionHarness(t)
		filed := fileFood(t, h, "en")
		got := h.send(alice, "no, Kariakoo market")
		r := h.report(filed.ReportID)
		if got.ReportID != filed.ReportID || r.Category != "food" || r.Location != kariakooMarket.Point {
			t.Errorf("%+v: %s at %v, want food moved to Kariakoo market", got, r.Category, r.Location)
		}
		if audit, _ := h.store.ReportAudit(filed.ReportID); len(audit) != 1 || audit[0].Action != data.ActionSMSPlaceCorrect {
			t.Errorf("audit %+v, want the place correction", audit)
		}
	})
}

// TestCorrectingTheNeedsOfAReviewedReport: a correction of the needs of
// the report just filed, once a moderator reviewed it, does not change
// it nor start a new report: the message is kept in the report's audit
// log (sms.category.note, the needs meant in its NeedsMeant and its
// reason), the resident told the team has it. It started a new
// conversation ("Water supply: where?").
func TestCorrectingTheNeedsOfAReviewedReport(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, tt := range []struct {
		lang, fix string
		review    func(h *harness, id uint64)
	}{
		{"en", "no, it is water not food", verifyReport},
		{"en", "not food, water", noteByModerator},
		{"sw", "hapana, ni maji", verifyReport},
		{"fr", "non, c'est de l'eau", noteByModerator},
		{"pt", "não, é água", verifyReport},
		{"es", "no, es agua", verifyReport},
		{"ht", "non, se dlo", verifyReport},
	} {
		t.Run(tt.lang+"/"+tt.fix, func(t *testing.T) {
			h := correctionHarness(t)
			filed := fileFood(t, h, tt.lang)
			tt.review(h, filed.ReportID)
			before := h.report(filed.ReportID)
			h.now = h.now.Add(10 * time.Minute)
			got := h.send(alice, tt.fix)
			label := defaultTaxonomy().Category("food").Label(tt.lang)
			want := replies.Text(tt.lang, sms.ReplyCategoryNoted, harnessExamples, filed.ReportID, label)
			if got.Text != want || got.ReportID != filed.ReportID {
				t.Errorf("%q: %+v, want %q", tt.fix, got, want)
			}
			if r := h.report(filed.ReportID); r.Category != before.Category || r.RawText != before.RawText || r.Status != before.Status {
				t.Errorf("the report changed: %+v", r)
			}
			audit, err := h.store.ReportAudit(filed.ReportID)
			if err != nil || len(audit) != 2 {
				t.Fatalf("audit %+v (%v), want the moderator's and the resident's", audit, err)
			}
			if e := audit[1]; e.Action != data.ActionSMSCategoryNote || e.Actor != data.ResidentActor || e.Note != tt.fix ||
				!strings.Contains(e.Reason, "water_supply") || !slices.Equal(e.NeedsMeant, []string{"water_supply"}) ||
				stateCategory(e.Before) != "food" || stateCategory(e.After) != "food" {
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
	t.Run("after the window", func(t *testing.T) {
		h := correctionHarness(t)
		filed := fileFood(t, h, "en")
		verifyReport(h, filed.ReportID)
		h.now = h.now.Add(25 * time.Hour)
		if got := h.send(alice, "not food, water"); got.ReportID == filed.ReportID {
			t.Errorf("%+v", got)
		}
		if audit, _ := h.store.ReportAudit(filed.ReportID); len(audit) != 1 {
			t.Errorf("audit %+v, want the moderator's only", audit)
		}
	})
}

// TestNeedsCorrectionConflictEndsInANote: a moderator who reviews the
// report between the engine's read and the write of a correction of its
// needs makes the write conflict; the message is read again and noted.
func TestNeedsCorrectionConflictEndsInANote(t *testing.T) {
	replies := sms.DefaultReplies()
	var is *interleavedStore
	h := newHarnessOn(t, func(c *sms.Config) { c.Locator = correctionGazetteer },
		func(st *data.Store) sms.Store { is = &interleavedStore{Store: st}; return is })
	filed := fileFood(t, h, "en")
	is.meanwhile = func() { verifyReport(h, filed.ReportID) }
	got := h.send(alice, "no, it is water not food")
	if is.meanwhile != nil {
		t.Fatal("no correction was committed")
	}
	if want := replies.Text("en", sms.ReplyCategoryNoted, harnessExamples, filed.ReportID, "Food needed"); got.Text != want || got.ReportID != filed.ReportID {
		t.Errorf("%+v, want %q", got, want)
	}
	if r := h.report(filed.ReportID); r.Category != "food" || r.Status != data.StatusVerified {
		t.Errorf("report %s %s, want verified food", r.Category, r.Status)
	}
	if audit, err := h.store.ReportAudit(filed.ReportID); err != nil || len(audit) != 2 || audit[1].Action != data.ActionSMSCategoryNote {
		t.Errorf("audit %+v (%v), want the moderator's, then the resident's note", audit, err)
	}
}

// TestBareNoAfterAReceipt: a bare "no" or "wrong" just after a receipt
// asks whether the place or the problem is wrong and how to say it
// (correction_what), nothing kept; the answer is read as a correction.
// It got "not understood". Without a report to correct (the window past),
// it still does.
func TestBareNoAfterAReceipt(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, tt := range []struct{ lang, no string }{
		{"en", "no"}, {"en", "wrong"}, {"en", "sorry, wrong"}, {"sw", "hapana"}, {"sw", "makosa"}, {"fr", "erreur"},
	} {
		t.Run(tt.no, func(t *testing.T) {
			h := correctionHarness(t)
			filed := fileFood(t, h, tt.lang)
			got := h.send(alice, tt.no)
			label := defaultTaxonomy().Category("food").Label(tt.lang)
			want := replies.Text(tt.lang, sms.ReplyCorrectionWhat, harnessExamples, filed.ReportID, label)
			if got.Text != want || got.ReportID != 0 {
				t.Errorf("%q: %+v, want %q", tt.no, got, want)
			}
			if c := h.conversation(); c != nil {
				t.Errorf("a conversation is open: %+v", c)
			}
			if r := h.report(filed.ReportID); r.Category != "food" || strings.Contains(r.RawText, "\n") {
				t.Errorf("the report changed: %+v", r)
			}
		})
	}
	t.Run("then the need", func(t *testing.T) {
		h := correctionHarness(t)
		filed := fileFood(t, h, "en")
		h.send(alice, "no")
		if got := h.send(alice, "no, water"); got.ReportID != filed.ReportID || h.report(filed.ReportID).Category != "water_supply" {
			t.Errorf("%+v", got)
		}
	})
	t.Run("after the window", func(t *testing.T) {
		h := correctionHarness(t)
		fileFood(t, h, "en")
		h.now = h.now.Add(25 * time.Hour)
		if got, want := h.send(alice, "no"), replies.Text("en", sms.ReplyNotUnderstood, harnessExamples); got.Text != want {
			t.Errorf("%+v, want %q", got, want)
		}
	})
}

// stateCategory is the category of an audit entry's state.
func stateCategory(b json.RawMessage) string {
	var st data.ReportState
	if err := json.Unmarshal(b, &st); err != nil {
		return "unreadable: " + err.Error()
	}
	return st.Category
}

// TestCorrectingTheNeedsAndThePlaceAtOnce: a message that corrects both
// the need and the place of the report just filed ("no it is water and
// it's at Kariakoo market", in the six languages, "no" with or without
// its comma) changes both on the same report (same reference), the
// receipt naming the need and the place now; with a place only likely
// the need is corrected and the place asked to be confirmed. It took two
// messages: a new report at the new place, the wrong one kept. "no"
// without its comma before "it is" corrects too ("no it's at Kariakoo
// market" moves the report, "no it is water" corrects the need: both
// were new reports). Near misses: a need said with "no" ("no water at
// Kariakoo market") and an "also" are new reports; Spanish "no es agua"
// says "not water" (TestCorrectingThePlaceNearMisses has "no, we need
// food at Kariakoo market": a new report).
func TestCorrectingTheNeedsAndThePlaceAtOnce(t *testing.T) {
	for _, c := range []struct {
		first, fix string
		newReport  bool
		need       string
		at         orb.Point
		confirm    bool // the place asked to be confirmed ("1" answers)
	}{
		{"we need food at Tandale market", "no it is water and it's at Kariakoo market", false, "water_supply", kariakooMarket.Point, false},
		{"we need food at Tandale market", "no, water, at Kariakoo market", false, "water_supply", kariakooMarket.Point, false},
		{"tunahitaji chakula Tandale market", "hapana ni maji na ni Kariakoo market", false, "water_supply", kariakooMarket.Point, false},
		{"tunahitaji chakula Tandale market", "hapana, maji, Kariakoo market", false, "water_supply", kariakooMarket.Point, false},
		{"nou bezwen manje Tandale market", "non se dlo epi se nan Kariakoo market", false, "water_supply", kariakooMarket.Point, false},
		{"nous avons besoin de nourriture au Tandale market", "non c'est de l'eau, à Kariakoo market", false, "water_supply", kariakooMarket.Point, false},
		{"necesitamos comida en Tandale market", "no, es agua, en Kariakoo market", false, "water_supply", kariakooMarket.Point, false},
		{"we need food at Tandale market", "no it is water and it's at Kariakoo", false, "water_supply", kariakooWard.Point, true},
		// Near misses.
		{"we need food at Tandale market", "no water at Kariakoo market", true, "water_supply", kariakooMarket.Point, false},
		{"we need food at Tandale market", "also water at Kariakoo market", true, "water_supply", kariakooMarket.Point, false},
		{"we need food at Tandale market", "no it's at Kariakoo market", false, "food", kariakooMarket.Point, false},
		{"we need food at Tandale market", "no it is water", false, "water_supply", tandaleMarket.Point, false},
		{"necesitamos comida en Tandale market", "no es agua, es en Kariakoo market", true, "water_supply", kariakooMarket.Point, false},
	} {
		t.Run(c.fix, func(t *testing.T) {
			h := correctionHarness(t)
			filed := h.send(alice, c.first)
			if filed.ReportID == 0 {
				t.Fatalf("%q not filed: %q", c.first, filed.Text)
			}
			r := h.send(alice, c.fix)
			if c.confirm {
				if !strings.Contains(r.Text, "Water supply near Kariakoo?") || h.report(filed.ReportID).Category != c.need {
					t.Fatalf("%q: %+v, want the need corrected and the place asked", c.fix, r)
				}
				r = h.send(alice, "1")
			}
			id := filed.ReportID
			if c.newReport {
				if r.ReportID == filed.ReportID || r.ReportID == 0 {
					t.Fatalf("%q: %+v, want a new report", c.fix, r)
				}
				id = r.ReportID
			} else if r.ReportID != filed.ReportID {
				t.Fatalf("%q: %+v, want report %d corrected", c.fix, r, filed.ReportID)
			}
			got := h.report(id)
			if got.Category != c.need || got.Location != c.at {
				t.Errorf("%q: report %s at %v, want %s at %v (reply %q)", c.fix, got.Category, got.Location, c.need, c.at, r.Text)
			}
			if !c.newReport && h.report(filed.ReportID).ID != id {
				t.Errorf("another report")
			}
		})
	}
}

// TestNotThisButThat: "not hungry but thirsty" after a food receipt means
// water instead of food (the resident corrects what was understood), in
// the six languages: the report's needs are replaced, not added to. Near
// misses that say what is lacking ("pas de nourriture mais de l'eau", "pa
// gen manje men gen dlo", "no hay comida pero hay agua", "hatuna chakula
// ila maji": the X of more words, or "pero") are read as before: a new
// report, the filed one unchanged.
func TestNotThisButThat(t *testing.T) {
	for _, tt := range []struct {
		lang, fix string
		corrects  bool
	}{
		{"en", "not hungry but thirsty", true}, {"fr", "pas faim mais soif", true}, {"sw", "si njaa ila kiu", true},
		{"sw", "si njaa bali maji", true}, {"ht", "pa grangou men swaf", true}, {"pt", "não fome mas água", true},
		{"es", "no hambre sino agua", true},
		{"fr", "pas de nourriture mais de l'eau", false}, {"ht", "pa gen manje men gen dlo", false},
		{"es", "no hay comida pero hay agua", false}, {"sw", "hatuna chakula ila maji", false},
	} {
		t.Run(tt.fix, func(t *testing.T) {
			h := correctionHarness(t)
			filed := fileFood(t, h, tt.lang)
			r := h.send(alice, tt.fix)
			rep := h.report(filed.ReportID)
			got := rep.AllNeeds()
			switch {
			case tt.corrects && (r.ReportID != filed.ReportID || len(got) != 1 || got[0] != "water_supply"):
				t.Fatalf("%q: %+v, needs %v, want water instead of food", tt.fix, r, got)
			case !tt.corrects && (len(got) != 1 || got[0] != "food" || r.ReportID == filed.ReportID):
				t.Fatalf("%q: %+v, needs %v, want the report unchanged", tt.fix, r, got)
			}
		})
	}
}
