package sms_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// TestCorrectionNamingTheReportsPlace: a place correction naming the
// very place of the report just filed ("no, Tandale market" after a
// receipt near Tandale Market) is answered in one SMS of the resident's
// language, every language of the replies, that the report is there
// already (place_same); the report, its raw text and its audit log are
// unchanged, no draft opens. It answered "corrected: now near Tandale
// Market", though nothing had moved. Reviewed, the same: nothing is told
// the team ("we have told them the new place" would be untrue).
func TestCorrectionNamingTheReportsPlace(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, tt := range []struct {
		lang, first, fix string
		reviewed         bool
	}{
		{"en", "we need water at Tandale market", "no, Tandale market", false},
		{"en", "we need water at Tandale market", "no, it is at Tandale market", false},
		{"en", "we need water at Tandale market", "not Kariakoo market, Tandale market", false},
		{"en", "we need water at Tandale market", "no, it is water at Tandale market", false},
		{"en", "we need water at Tandale market", "no, Tandale market", true},
		{"sw", "tunahitaji maji Tandale market", "hapana, Tandale market", false},
		{"fr", "nous avons besoin d'eau au Tandale market", "non, c'est à Tandale market", false},
		{"pt", "precisamos de água no Tandale market", "não, é no Tandale market", false},
		{"es", "necesitamos agua en Tandale market", "no, en Tandale market", false},
		{"ht", "nou bezwen dlo Tandale market", "non, se nan Tandale market", false},
		{"ur", "Tandale market mein pani nahi hai", "nahi, Tandale market", false},
	} {
		t.Run(tt.lang+"/"+tt.fix, func(t *testing.T) {
			h := correctionHarness(t)
			filed := h.send(alice, tt.first)
			if filed.ReportID == 0 || h.report(filed.ReportID).Location != tandaleMarket.Point {
				t.Fatalf("%q: %+v, not filed at Tandale market", tt.first, filed)
			}
			if tt.reviewed {
				verifyReport(h, filed.ReportID)
			}
			before := h.report(filed.ReportID)
			h.now = h.now.Add(10 * time.Minute)
			got := h.send(alice, tt.fix)
			label := defaultTaxonomy().Category("water_supply").Label(tt.lang)
			want := replies.Text(tt.lang, sms.ReplyPlaceSame, harnessExamples, filed.ReportID, label, "Tandale Market")
			if got.Text != want {
				t.Errorf("%q: %+v, want %q", tt.fix, got, want)
			}
			if n := sms.GSM7Len(got.Text); n < 0 || n > 160 {
				t.Errorf("%d septets: %q", n, got.Text)
			}
			if r := h.report(filed.ReportID); r.Location != before.Location || r.RawText != before.RawText || !slices.Equal(r.AllNeeds(), before.AllNeeds()) {
				t.Errorf("the report changed: %+v", r)
			}
			if audit, _ := h.store.ReportAudit(filed.ReportID); slices.ContainsFunc(audit, func(e data.AuditEntry) bool { return e.Actor == data.ResidentActor }) {
				t.Errorf("%q was kept on the report: %+v", tt.fix, audit)
			}
			if c := h.conversation(); c != nil {
				t.Errorf("a draft: %+v", c)
			}
		})
	}
}

// TestPlaceCorrectionsThatMove: near misses of the same place, which
// still move the report or begin another: another place, a likely place
// confirmed, a new need at the same place, the place alone with no word
// of a correction (the next report's place).
func TestPlaceCorrectionsThatMove(t *testing.T) {
	for _, tt := range []struct{ fix, prefix string }{
		{"no, Kariakoo market", "Thank you! Report #1 (Water supply) corrected: now near Kariakoo Market."},
		{"no, Kariakoo", "Water supply near Kariakoo?"},
		{"no, we need food at Tandale market", "Thank you! Report #2 (Food needed) received"},
		{"Tandale market", "What is the problem near Tandale Market?"},
	} {
		t.Run(tt.fix, func(t *testing.T) {
			h := correctionHarness(t)
			if filed := h.send(alice, "we need water at Tandale market"); filed.ReportID != 1 {
				t.Fatalf("not filed: %+v", filed)
			}
			h.now = h.now.Add(10 * time.Minute)
			if got := h.send(alice, tt.fix); !strings.HasPrefix(got.Text, tt.prefix) {
				t.Errorf("%q: %q, want %q…", tt.fix, got.Text, tt.prefix)
			}
		})
	}
}

// TestChoosingTheReportsPlaceAgain: a correction asked to choose between
// close places ("no, Mwembe market": two markets of that name) whose
// answer is the place the report has already is told so (place_same), as
// a sure place is; the question ends. The other choice moves it.
func TestChoosingTheReportsPlaceAgain(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, tt := range []struct {
		answer string
		moves  bool
	}{{"1", false}, {"2", true}} {
		t.Run(tt.answer, func(t *testing.T) {
			h := correctionHarness(t)
			h.send(alice, "we need water at Mwembe market")
			filed := h.send(alice, "1")
			if filed.ReportID == 0 || h.report(filed.ReportID).Location != mwembeA.Point {
				t.Fatalf("not filed at %s: %+v", mwembeA.Name, filed)
			}
			h.now = h.now.Add(10 * time.Minute)
			if ask := h.send(alice, "no, Mwembe market"); ask.ReportID != 0 || h.conversation() == nil {
				t.Fatalf("no choice asked: %+v", ask)
			}
			got := h.send(alice, tt.answer)
			same := replies.Text("en", sms.ReplyPlaceSame, harnessExamples, filed.ReportID, "Water supply", mwembeA.Name)
			if r := h.report(filed.ReportID); (got.Text == same) == tt.moves || (r.Location != mwembeA.Point) != tt.moves {
				t.Errorf("%q: %+v, report at %v (moves: %v)", tt.answer, got, r.Location, tt.moves)
			}
			if c := h.conversation(); c != nil {
				t.Errorf("the question is still open: %+v", c)
			}
		})
	}
}
