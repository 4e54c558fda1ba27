package sms_test

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// TestWholeConversationsAroundMenusAndCorrections plays 44 whole
// conversations in the six languages around the category menu (number
// words, ordinals, "number 4", lists in words, numbers we cannot read)
// and corrections after filing (the need, the place, both), and checks
// what the last message leaves: the report filed or corrected (its
// need, its place, whether it is the first report, corrected), or the
// question asked again (again: the start of the reply). Before number
// words were read, numbers we cannot read asked again saying why, and
// both corrections taken in one message, 37 of them ended otherwise:
// "other" filed, the menu again without a word why, or a second report.
func TestWholeConversationsAroundMenusAndCorrections(t *testing.T) {
	tandale, kariakoo := tandaleMarket.Point, kariakooMarket.Point
	for _, c := range []struct {
		name  string
		msgs  []string
		need  string    // the need of the report the last message leaves; "" none
		at    orb.Point // its place
		first bool      // it is report #1 (corrected, not a second report)
		again string    // else the start of the reply asking again
	}{
		// English.
		{"en fourth one", []string{"help us at Kariakoo market", "the fourth one"}, "building_collapse", kariakoo, true, ""},
		{"en option 2", []string{"help us at Kariakoo market", "option 2"}, "fire", kariakoo, true, ""},
		{"en Three", []string{"help us at Kariakoo market", "Three"}, "landslide", kariakoo, true, ""},
		{"en 2 please", []string{"help us at Kariakoo market", "2 please"}, "fire", kariakoo, true, ""},
		{"en 1.5", []string{"help us at Kariakoo market", "1.5"}, "", orb.Point{}, false, "Sorry, which number? "},
		{"en no 4 then 4", []string{"help us at Kariakoo market", "no 4", "4"}, "building_collapse", kariakoo, true, ""},
		{"en 15 then two", []string{"help us at Kariakoo market", "15", "two"}, "fire", kariakoo, true, ""},
		{"en meant water", []string{"we need food at Tandale market", "sorry I meant water"}, "water_supply", tandale, true, ""},
		{"en wrong place", []string{"we need food at Tandale market", "wrong place, it's Kariakoo market"}, "food", kariakoo, true, ""},
		{"en no it is water, then where", []string{"we need food", "no it is water", "Kariakoo market"}, "water_supply", kariakoo, true, ""},
		{"en both", []string{"we need food at Tandale market", "no it is water and it's at Kariakoo market"}, "water_supply", kariakoo, true, ""},
		{"en both, commas", []string{"we need food at Tandale market", "no, water, at Kariakoo market"}, "water_supply", kariakoo, true, ""},
		// Swahili.
		{"sw tatu", []string{"tusaidie tafadhali", "tatu", "Tandale market"}, "landslide", tandale, true, ""},
		{"sw namba mbili", []string{"tusaidie Kariakoo market", "namba mbili"}, "fire", kariakoo, true, ""},
		{"sw ya nne", []string{"tusaidie Kariakoo market", "ya nne"}, "building_collapse", kariakoo, true, ""},
		{"sw moja na mbili", []string{"tusaidie tafadhali", "moja na mbili", "Tandale market"}, "flood", tandale, true, ""},
		{"sw 0", []string{"tusaidie Kariakoo market", "0"}, "", orb.Point{}, false, "Samahani, namba gani? "},
		{"sw hapana ni maji", []string{"tunahitaji chakula Tandale market", "hapana ni maji"}, "water_supply", tandale, true, ""},
		{"sw si Tandale ni Kariakoo", []string{"tunahitaji chakula Tandale market", "si Tandale ni Kariakoo market"}, "food", kariakoo, true, ""},
		{"sw both", []string{"tunahitaji chakula Tandale market", "hapana ni maji na ni Kariakoo market"}, "water_supply", kariakoo, true, ""},
		// French.
		{"fr trois", []string{"aidez nous svp", "trois", "Tandale market"}, "landslide", tandale, true, ""},
		{"fr le deuxième", []string{"aidez nous au Kariakoo market", "le deuxième"}, "fire", kariakoo, true, ""},
		{"fr n° 4", []string{"aidez nous au Kariakoo market", "n° 4"}, "building_collapse", kariakoo, true, ""},
		{"fr un et deux", []string{"aidez nous svp", "un et deux", "Tandale market"}, "flood", tandale, true, ""},
		{"fr c'est de l'eau", []string{"nous avons besoin de nourriture au Tandale market", "non, c'est de l'eau"}, "water_supply", tandale, true, ""},
		{"fr c'est au", []string{"nous avons besoin de nourriture au Tandale market", "non c'est au Kariakoo market"}, "food", kariakoo, true, ""},
		{"fr both", []string{"nous avons besoin de nourriture au Tandale market", "non c'est de l'eau, à Kariakoo market"}, "water_supply", kariakoo, true, ""},
		// Portuguese.
		{"pt três", []string{"precisamos de ajuda por favor", "três", "Tandale market"}, "landslide", tandale, true, ""},
		{"pt o segundo", []string{"estou em Kariakoo market ajuda", "o segundo"}, "fire", kariakoo, true, ""},
		{"pt opção 4", []string{"estou em Kariakoo market ajuda", "opção 4"}, "building_collapse", kariakoo, true, ""},
		{"pt não, é água", []string{"precisamos de comida no Tandale market", "não, é água"}, "water_supply", tandale, true, ""},
		{"pt não, é no", []string{"precisamos de comida no Tandale market", "não, é no Kariakoo market"}, "food", kariakoo, true, ""},
		// Spanish.
		{"es tres", []string{"necesitamos ayuda por favor", "tres", "Tandale market"}, "landslide", tandale, true, ""},
		{"es la segunda", []string{"estoy en Kariakoo market ayuda", "la segunda"}, "fire", kariakoo, true, ""},
		{"es número 4", []string{"estoy en Kariakoo market ayuda", "número 4"}, "building_collapse", kariakoo, true, ""},
		{"es uno y dos", []string{"necesitamos ayuda por favor", "uno y dos", "Tandale market"}, "flood", tandale, true, ""},
		{"es no es comida, es agua", []string{"necesitamos comida en Tandale market", "no es comida, es agua"}, "water_supply", tandale, true, ""},
		{"es both", []string{"necesitamos comida en Tandale market", "no, es agua, en Kariakoo market"}, "water_supply", kariakoo, true, ""},
		// Haitian Creole.
		{"ht twa", []string{"tanpri ede nou", "twa", "Tandale market"}, "landslide", tandale, true, ""},
		{"ht nimewo de", []string{"mwen nan Kariakoo market ede nou", "nimewo de"}, "fire", kariakoo, true, ""},
		{"ht kat", []string{"mwen nan Kariakoo market ede nou", "kat"}, "building_collapse", kariakoo, true, ""},
		{"ht en ak de", []string{"tanpri ede nou", "en ak de", "Tandale market"}, "flood", tandale, true, ""},
		{"ht 4 mesi", []string{"tanpri ede nou", "4 mesi", "Tandale market"}, "building_collapse", tandale, true, ""},
		{"ht both", []string{"nou bezwen manje Tandale market", "non se dlo epi se nan Kariakoo market"}, "water_supply", kariakoo, true, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarnessWith(t, correctionGazetteer)
			var r = h.send(alice, c.msgs[0])
			for _, m := range c.msgs[1:] {
				r = h.send(alice, m)
			}
			if c.need == "" {
				if r.ReportID != 0 || !strings.HasPrefix(r.Text, c.again) {
					t.Fatalf("%q: %+v, want %q…", c.msgs, r, c.again)
				}
				return
			}
			if r.ReportID == 0 {
				t.Fatalf("%q: nothing filed: %q", c.msgs, r.Text)
			}
			got := h.report(r.ReportID)
			if got.Category != c.need || got.Location != c.at || c.first && r.ReportID != 1 {
				t.Errorf("%q: report #%d %s at %v, want #1 %s at %v (%q)", c.msgs, r.ReportID, got.Category, got.Location, c.need, c.at, r.Text)
			}
		})
	}
}
