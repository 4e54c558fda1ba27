package sms_test

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestNotAHazardCorrection: "no, it is water not fire" after a
// receipt names water only: the fire after "not" is no need of it. After
// a food receipt it corrects the report to water; after a water receipt
// the report stays water only and nothing asks about "Water supply and
// Fire": "no, it is water not fire" names the report's own needs and is
// answered that the report is water already, no draft (it was
// read as a new message, whose draft is water only); so are "it is water,
// not fire" and "water not fire", bare contrasts (they opened a
// water-only draft). After a fire receipt "water not fire" corrects it to
// water. A message after the receipt that is no correction opens a draft
// holding its own need only, never the fire it says "not" to ("also no
// food here, not fire"). draft is the draft each must leave: nil for
// none, checked both ways.
func TestNotAHazardCorrection(t *testing.T) {
	for _, tt := range []struct {
		first, fix     string
		corrects, same bool
		report, draft  []string
	}{
		{"we need food at Tandale market", "no, it is water not fire", true, false, []string{"water_supply"}, nil},
		{"we need water at Tandale market", "it is water, not fire", false, true, []string{"water_supply"}, nil},
		{"we need water at Tandale market", "no, it is water not fire", false, true, []string{"water_supply"}, nil},
		{"we need water at Tandale market", "water not fire", false, true, []string{"water_supply"}, nil},
		{"there is a fire at Tandale market", "water not fire", true, false, []string{"water_supply"}, nil},
		{"we need water at Tandale market", "also no food here, not fire", false, false, []string{"water_supply"}, []string{"food"}},
		{"we need water at Tandale market", "we need food, not fire", false, false, []string{"water_supply"}, []string{"food"}},
	} {
		t.Run(tt.first+"/"+tt.fix, func(t *testing.T) {
			h := correctionHarness(t)
			filed := h.send(alice, tt.first)
			if filed.ReportID == 0 {
				t.Fatalf("%q: %+v, not filed", tt.first, filed)
			}
			h.now = h.now.Add(10 * time.Minute)
			got := h.send(alice, tt.fix)
			r := h.report(filed.ReportID)
			if !slices.Equal(r.AllNeeds(), tt.report) || strings.Contains(got.Text, "Fire") {
				t.Errorf("%q: %+v, needs %v, want report %d %v", tt.fix, got, r.AllNeeds(), filed.ReportID, tt.report)
			}
			if tt.corrects != (got.ReportID == filed.ReportID) {
				t.Errorf("%q: %+v, want report %d corrected: %v", tt.fix, got, filed.ReportID, tt.corrects)
			}
			c := h.conversation()
			switch {
			case tt.draft == nil && c != nil:
				t.Errorf("%q: a draft %+v, want none", tt.fix, c)
			case tt.draft != nil && c == nil:
				t.Errorf("%q: %+v, no draft, want one of %v", tt.fix, got, tt.draft)
			case tt.draft != nil && !slices.Equal(c.Needs, tt.draft):
				t.Errorf("%q: draft needs %v, want %v", tt.fix, c.Needs, tt.draft)
			}
			if tt.same && !strings.HasPrefix(got.Text, "Report #1 is already Water supply") {
				t.Errorf("%q: %+v, want the report's needs already", tt.fix, got)
			}
		})
	}
}

// TestBareContrastCorrectsTheReport: "water not fire" without a "no"
// after a fire receipt corrects the report to water in each language of
// the replies, as "no, it is water not fire" does; with a place, both.
// It opened a water draft asking where, the fire report kept.
func TestBareContrastCorrectsTheReport(t *testing.T) {
	for _, tt := range []struct{ fix, prefix string }{
		{"water not fire", "Thank you! Report #1 corrected: now Water supply."},
		{"maji si moto", "Asante! Ripoti #1 imesahihishwa"},
		{"dlo pa dife", "Mèsi! Rapò #1 korije"},
		{"de l'eau pas le feu", "Merci ! Signalement #1 corrigé"},
		{"água não fogo", "Obrigado! Relato #1 corrigido"},
		{"agua, no fuego", "¡Gracias! Reporte #1 corregido"},
		{"water not fire, Kariakoo market", "Thank you! Report #1 (Water supply) corrected: now near Kariakoo Market."},
	} {
		t.Run(tt.fix, func(t *testing.T) {
			h := correctionHarness(t)
			filed := h.send(alice, "there is a fire at Tandale market")
			if filed.ReportID != 1 {
				t.Fatalf("not filed: %+v", filed)
			}
			h.now = h.now.Add(10 * time.Minute)
			got := h.send(alice, tt.fix)
			if r := h.report(1); !strings.HasPrefix(got.Text, tt.prefix) || got.ReportID != 1 || !slices.Equal(r.AllNeeds(), []string{"water_supply"}) {
				t.Errorf("%q: %+v, report needs %v, want %q… and water only", tt.fix, got, r.AllNeeds(), tt.prefix)
			}
			if c := h.conversation(); c != nil {
				t.Errorf("a draft: %+v", c)
			}
		})
	}
}

// TestBareContrastCorrectsTheDraft: a bare "X not Y" answering the place
// question corrects the draft's needs when Y is one of them ("water not
// fire" to "Fire: where?"): the draft is water only, and with a place it
// is filed water only. It merged them: "Fire and Water supply" filed. Y
// not among them ("water not fire" to "Food needed: where?") adds X as
// any answer does.
func TestBareContrastCorrectsTheDraft(t *testing.T) {
	for _, tt := range []struct {
		first, fix string
		draft      []string // nil: filed
		filed      []string
	}{
		{"there is a fire", "water not fire", []string{"water_supply"}, nil},
		{"there is a fire", "it is water, not fire", []string{"water_supply"}, nil},
		{"we need food", "water not food", []string{"water_supply"}, nil},
		{"there is a fire", "water not fire, Tandale market", nil, []string{"water_supply"}},
		{"we need food", "water not fire", []string{"food", "water_supply"}, nil},
		{"there is a fire", "we need food, not water", []string{"fire", "food"}, nil},
	} {
		t.Run(tt.first+"/"+tt.fix, func(t *testing.T) {
			h := correctionHarness(t)
			if ask := h.send(alice, tt.first); ask.ReportID != 0 || h.conversation() == nil {
				t.Fatalf("%q: %+v, want the place asked", tt.first, ask)
			}
			got := h.send(alice, tt.fix)
			c := h.conversation()
			if tt.draft != nil {
				if got.ReportID != 0 || c == nil || !slices.Equal(c.Needs, tt.draft) {
					t.Errorf("%q: %+v, draft %+v, want a draft of %v", tt.fix, got, c, tt.draft)
				}
				return
			}
			if r := h.report(got.ReportID); got.ReportID == 0 || c != nil || !slices.Equal(r.AllNeeds(), tt.filed) {
				t.Errorf("%q: %+v, draft %+v, want filed %v", tt.fix, got, c, tt.filed)
			}
		})
	}
}
