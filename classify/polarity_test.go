package classify_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// What a message says is had, received, not needed or over is checked in
// the readings (classify/testdata/readings: met.txt, prices.txt,
// chit-chat.txt, denied.txt); the tests here check what no kind of
// reading says.

// TestMetIsNoKeyword: a category a reading says is met ("met A") is read
// by no keyword of the message: not in Result.Keywords, MatchAll, Match
// nor Evidence, so the model is not trained on it either.
func TestMetIsNoKeyword(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	m := c.Keywords()
	tax := data.DefaultTaxonomy()
	n := 0
	for _, rd := range loadReadings(t) {
		for _, e := range rd.expect {
			if e[0] != "met" {
				continue
			}
			for _, cat := range e[1:] {
				n++
				checkNotKeyword(t, c, m, tax, rd.where(), rd.text, cat)
			}
		}
	}
	if n == 0 {
		t.Fatal("no met reading")
	}
}

// TestSatisfiedNotReadByKeywords: what is over but not told as met ("we
// are not under the rubble anymore"), and water gone down (the flood
// over, met as flood), are read by no keyword of what is over either.
func TestSatisfiedNotReadByKeywords(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ text, not string }{
		{"dlo a bese, nou bezwen manje", "water_supply"},
		{"maji yamepungua, tunahitaji chakula", "water_supply"},
		{"el agua bajó, necesitamos comida", "water_supply"},
		{"we are not under the rubble anymore", "people_trapped"},
		{"we aren't trapped any more", "people_trapped"},
	} {
		checkNotKeyword(t, c, c.Keywords(), data.DefaultTaxonomy(), "", tt.text, tt.not)
	}
}

// checkNotKeyword fails unless text holds no keyword of cat: neither
// the classifier's Result.Keywords nor the matcher's MatchAll, Match or
// Evidence read it.
func checkNotKeyword(t *testing.T, c *classify.Classifier, m *classify.KeywordMatcher, tax *data.Taxonomy, where, text, cat string) {
	t.Helper()
	for _, k := range append(c.Classify(text).Keywords, m.MatchAll(text)...) {
		if k.Category == cat {
			t.Errorf("%s %q: keyword %q of %s read", where, text, k.Keyword, cat)
		}
	}
	if k, ok := m.Match(text); ok && k.Category == cat {
		t.Errorf("%s %q: Match gives %s", where, text, cat)
	}
	ev := m.Evidence(text)
	for i, c := range tax.Categories {
		if c.ID == cat && ev[i] != 0 {
			t.Errorf("%s %q: keyword evidence %.2f for %s, want 0", where, text, ev[i], cat)
		}
	}
}

// TestNothingToCookNotMet: nothing to cook names no thing: asked, never
// met ("we are cooking rice for the children" is met: chit-chat.txt).
func TestNothingToCookNotMet(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	if r := c.Classify("we have nothing to cook for the children"); len(r.Met) != 0 {
		t.Errorf("met %v; want none", r.Met)
	}
}

// TestWaterArrivedThanksListsNothing: water said to have arrived and
// thanked for after a comma, with no word of lack, lists no need at all
// (it is met: met.txt).
func TestWaterArrivedThanksListsNothing(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, s := range []string{"a água chegou, obrigado", "the water arrived, thanks"} {
		if r := c.Classify(s); len(r.Needs) != 0 {
			t.Errorf("%q: needs %v, want none", s, needIDs(r))
		}
	}
}

// TestSatisfiedKeywordRule: without a model (KeywordRule), what is had is
// no need either.
func TestSatisfiedKeywordRule(t *testing.T) {
	c := classify.NewWithModel(data.DefaultTaxonomy(), nil, classify.KeywordRule)
	r := c.Classify("we have water but no food")
	if got := needIDs(r); !slices.Equal(got, []string{"food"}) {
		t.Errorf("needs %v, want [food]", got)
	}
	if cat, ok := r.Main(); cat != "food" || !ok {
		t.Errorf("Main() = %s, %v, want food filed", cat, ok)
	}
}

// TestCitySupplyKeyword: a keyword a city adds is read as had only when
// its words are things the sender can have in its language.
func TestCitySupplyKeyword(t *testing.T) {
	tax := data.DefaultTaxonomy()
	for i := range tax.Categories {
		if tax.Categories[i].ID == "water_supply" {
			tax.Categories[i].Keywords["en"] = append(tax.Categories[i].Keywords["en"], "jerrycans", "water pump")
		}
	}
	m := classify.NewKeywordMatcher(tax)
	for _, tt := range []struct {
		text string
		read bool
	}{
		{"we have water", false},
		{"we have jerrycans", true}, // not a word of things had
		{"we have a water pump", true},
	} {
		got := slices.ContainsFunc(m.MatchAll(tt.text), func(k classify.CategoryMatch) bool { return k.Category == "water_supply" })
		if got != tt.read {
			t.Errorf("%q: water supply read %v, want %v", tt.text, got, tt.read)
		}
	}
}

// TestHazardDeniedAfterUrdu: the Roman Urdu negations after the noun
// ("nahi", "nahin", "nai", "na") deny the hazards of a taxonomy with "ur"
// keywords before a verb of happening or of being, not before one of
// stopping; a need so negated is a lack.
func TestHazardDeniedAfterUrdu(t *testing.T) {
	tax, err := data.ParseTaxonomy(strings.NewReader(`{"version":1,"languages":["en","ur"],"categories":[
{"id":"fire","severity":5,"hazard":true,"labels":{"en":"Fire","ur":"Aag"},"keywords":{"ur":["aag"]}},
{"id":"flood","severity":4,"hazard":true,"labels":{"en":"Flood","ur":"Selab"},"keywords":{"ur":["selab","sailab"]}},
{"id":"building_collapse","severity":5,"hazard":true,"labels":{"en":"Collapse","ur":"Ghar gira"},"keywords":{"ur":["ghar … gira"]}},
{"id":"food","severity":3,"labels":{"en":"Food","ur":"Khana"},"keywords":{"ur":["khana"]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	m := classify.NewKeywordMatcher(tax)
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"aag nahi lagi", nil},
		{"aag nahin lagi", nil},
		{"aag abhi tak nahi lagi", nil},
		{"aag nahi hai", nil},
		{"selab nahi aaya", nil},
		{"sailab nai aya", nil},
		{"selab ka pani nahi aaya", nil},
		{"selab na aaya", nil},
		{"aag nahi lagi khana nahi mila", []string{"food"}},
		{"aag lagi", []string{"fire"}},
		{"aag nahi bujhi", []string{"fire"}},
		{"selab aaya", []string{"flood"}},
		{"khana nahi mila", []string{"food"}},
		{"ghar gira", []string{"building_collapse"}},
		{"ghar nahi gira", nil},
		{"ghar abhi tak nahi gira", nil},
	} {
		var got []string
		for _, cm := range m.MatchAll(tt.text) {
			got = append(got, cm.Category)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: matched %v, want %v", tt.text, got, tt.want)
		}
	}
}
