package sms_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/sms"
)

// waterAt files water at Tandale market, by language.
var waterAt = map[string]string{
	"en": "we need water at Tandale market",
	"sw": "tunahitaji maji Tandale market",
	"fr": "nous avons besoin d'eau au Tandale market",
	"ht": "nou bezwen dlo Tandale market",
}

// TestCorrectionNamingTheReportsNeed: a correction naming the
// very need of the report just filed ("no, it is water not fire" after a
// water receipt) is answered in one SMS of the resident's language that
// the report is water already (category_same); the report is unchanged
// and no new draft opens. It found "nothing to correct" and opened a
// water-only draft asking where: a duplicate of the report.
func TestCorrectionNamingTheReportsNeed(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, tt := range []struct{ lang, fix string }{
		{"en", "no, it is water not fire"},
		{"en", "no, water"},
		{"en", "not fire, water"},
		{"sw", "hapana, ni maji si moto"},
		{"fr", "non, c'est l'eau pas le feu"},
		{"ht", "non, se dlo pa dife"},
		// A bare contrast, no "no" opening it, naming the report's need
		// (insteadOf): it opened a water-only draft.
		{"en", "water not fire"},
		{"en", "it is water, not fire"},
		{"en", "water, not fire"},
		{"sw", "maji si moto"},
		{"fr", "de l'eau pas le feu"},
		{"ht", "dlo pa dife"},
	} {
		t.Run(tt.lang+"/"+tt.fix, func(t *testing.T) {
			h := correctionHarness(t)
			filed := h.send(alice, waterAt[tt.lang])
			if filed.ReportID == 0 {
				t.Fatalf("%q: %+v, not filed", waterAt[tt.lang], filed)
			}
			before := h.report(filed.ReportID)
			h.now = h.now.Add(10 * time.Minute)
			got := h.send(alice, tt.fix)
			label := defaultTaxonomy().Category("water_supply").Label(tt.lang)
			want := replies.Text(tt.lang, sms.ReplyCategorySame, harnessExamples, filed.ReportID, label)
			if got.Text != want {
				t.Errorf("%q: %+v, want %q", tt.fix, got, want)
			}
			if r := h.report(filed.ReportID); !slices.Equal(r.AllNeeds(), []string{"water_supply"}) || r.RawText != before.RawText {
				t.Errorf("the report changed: %+v", r)
			}
			if c := h.conversation(); c != nil {
				t.Errorf("a new draft: %+v", c)
			}
			if r, err := h.store.Get(filed.ReportID + 1); err == nil {
				t.Errorf("a second report: %+v", r)
			}
		})
	}
}

// TestNewReportAfterTheReceipt: what is no correction naming the
// report's need is read as before: another need ("also no food here"), a
// correction to another need, the same need at a place (a new report), a
// "not" that says what lacks ("water, not enough food") or names a need
// besides the report's ("we need food, not fire").
func TestNewReportAfterTheReceipt(t *testing.T) {
	for _, tt := range []struct{ msg, not string }{
		{"also no food here", "Water supply"},
		{"we need food", "Water supply"},
		{"no, it is food not water", ""},
		{"there is a fire here", "Water supply"},
		{"no water", ""},
		{"still no water", ""},
		{"no water here", ""},
		{"hakuna maji", ""},
		// "not" saying what lacks, or a need besides the report's: no
		// contrast correcting it.
		{"we need food, not fire", "Water supply"},
		{"water, not enough food", ""},
		{"there is no food, not fire", "Water supply"},
		{"dlo, pa gen manje", ""},
		{"we need water, not just food", ""},
	} {
		t.Run(tt.msg, func(t *testing.T) {
			h := correctionHarness(t)
			filed := h.send(alice, waterAt["en"])
			if filed.ReportID == 0 {
				t.Fatalf("not filed: %+v", filed)
			}
			h.now = h.now.Add(10 * time.Minute)
			got := h.send(alice, tt.msg)
			t.Logf("%q: %q", tt.msg, got.Text)
			if strings.Contains(got.Text, "already") {
				t.Errorf("%q: %q, want no 'already' answer", tt.msg, got.Text)
			}
			if tt.not != "" && strings.HasPrefix(got.Text, tt.not) {
				t.Errorf("%q: %q", tt.msg, got.Text)
			}
		})
	}
}
