package classify_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestKeywordGap: a keyword with a gap reads its two parts a few words
// apart in one clause, and only there: not across a negation, a
// conjunction, punctuation or more than three words, and not when its
// first part is the complement or the modifier of another word ("the
// price of the house", "house prices"). The words of the gap keep their
// own meaning; the words of the parts belong to the keyword ("water" in
// "area … under water" is no water-supply problem).
func TestKeywordGap(t *testing.T) {
	m := classify.NewKeywordMatcher(data.DefaultTaxonomy())
	for _, tt := range []struct {
		msg, keyword, span string
	}{
		{"le mur de l'école est tombé", "mur … tombé", "mur de l'école est tombé"},
		{"ukuta wa shule umeanguka", "ukuta … umeanguka", "ukuta wa shule umeanguka"},
		{"o muro da escola caiu", "muro … caiu", "muro da escola caiu"},
		{"the wall of the school fell down", "wall … fell", "wall of the school fell"},
		{"la pared de la casa se cayó", "pared … se cayó", "pared de la casa se cayó"},
		{"mi lekol la tonbe", "mi … tonbe", "mi lekol la tonbe"},
		{"our house has fallen", "house … fallen", "house has fallen"},
		{"House fell at Delmas", "house … fell", "House fell"},
		// The complement of a part is what fell.
		{"part of the house fell", "house … fell", "house fell"},
		{"une partie de la maison est tombée", "maison … tombée", "maison est tombée"},
		{"parte da casa caiu", "casa … caiu", "casa caiu"},
		{"una de las casas se cayó", "casa … se cayó", "casas se cayó"},
		{"sehemu ya nyumba imeanguka", "nyumba … imeanguka", "nyumba imeanguka"},
		{"yon pati nan kay la tonbe", "kay … tonbe", "kay la tonbe"},
	} {
		got, ok := m.Match(tt.msg)
		if !ok || got.Category != "building_collapse" || got.Keyword != tt.keyword || tt.msg[got.Start:got.End] != tt.span {
			t.Errorf("Match(%q) = %+v, %v; want building_collapse by %q over %q", tt.msg, got, ok, tt.keyword, tt.span)
		}
	}
	for _, msg := range []string{
		"the wall has not fallen",                         // negation
		"le mur n'est pas tombé",                          // negation
		"o muro não caiu",                                 // negation
		"kay la pa tonbe",                                 // negation
		"the house, the child fell",                       // punctuation
		"kay la, pitit la tonbe",                          // punctuation
		"the house and the child fell",                    // conjunction
		"la maison où mon fils est tombé",                 // another clause
		"the wall of the old school near the market fell", // too far
		"the price of the house fell last month",          // complement
		"le prix de la maison est tombé",                  // complement
		"o preço da casa caiu",                            // complement
		"nan kay la pitit la tonbe",                       // complement (in the house the child fell)
		"in the house my son fell and broke his leg",      // complement
		"house prices fell again this month",              // modifier
		"Wall Street stocks fell",                         // modifier
		"kay mwen an pitit mwen tonbe malad",              // "tonbe malad", fell ill
		"the house my son fell ill in",                    // "fell ill"
	} {
		for _, got := range m.MatchAll(msg) {
			if got.Category == "building_collapse" {
				t.Errorf("MatchAll(%q) reads building_collapse by %q over %q", msg, got.Keyword, msg[got.Start:got.End])
			}
		}
	}
	// The words of a gap keep their meaning; those of its parts are the
	// keyword's.
	cats := func(msg string) []string {
		var ids []string
		for _, c := range m.MatchAll(msg) {
			ids = append(ids, c.Category)
		}
		slices.Sort(ids)
		return ids
	}
	if got := cats("the wall of the hospital fell"); !slices.Equal(got, []string{"building_collapse", "medical"}) {
		t.Errorf("the wall of the hospital fell: %v, want building_collapse and medical", got)
	}
	for _, msg := range []string{"the whole area is under water", "tout katye a anba dlo"} {
		if got := cats(msg); !slices.Equal(got, []string{"flood"}) {
			t.Errorf("%s: %v, want flood alone", msg, got)
		}
	}
}

// TestCityGapKeyword: a city writes its own keyword with a gap, "…" or
// "...", and it reads like the built-in ones.
func TestCityGapKeyword(t *testing.T) {
	tax, err := data.ParseTaxonomy(strings.NewReader(`{"version": 1, "languages": ["en"], "categories": [
		{"id": "fallen_tree", "severity": 3, "labels": {"en": "Fallen tree"},
		 "keywords": {"en": ["tree … fell", "branch ... fell"]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	m := classify.NewKeywordMatcher(tax)
	for _, msg := range []string{"a big tree near the school fell", "the branch of the mango has fell"} {
		if got, ok := m.Match(msg); !ok || got.Category != "fallen_tree" {
			t.Errorf("Match(%q) = %+v, %v; want fallen_tree", msg, got, ok)
		}
	}
	if got, ok := m.Match("a tree, the child fell"); ok {
		t.Errorf("Match across a comma = %+v", got)
	}
}

// TestClauseGapKeyword: a keyword whose first part ends with a
// conjunction ("know if … alive", gapClauses) reads a clause in its gap,
// opened by any word, after an infinitive's "to"; a negation still breaks
// it. A keyword whose first part is a noun or a verb with its object
// ("take … medicine daily", "house … fell") is read as before: not after a
// preposition, and in English not when another word opens the gap.
func TestClauseGapKeyword(t *testing.T) {
	tax, err := data.ParseTaxonomy(strings.NewReader(`{"version": 1, "languages": ["en"], "categories": [
		{"id": "missing", "severity": 3, "labels": {"en": "Missing"},
		 "keywords": {"en": ["know if … alive", "take … pills daily", "house … fell"]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	m := classify.NewKeywordMatcher(tax)
	for _, tt := range []struct{ msg, keyword string }{
		{"we want to know if my brother is alive", "know if … alive"},
		{"i want to know if he is alive", "know if … alive"},
		{"please let us know if anyone is alive", "know if … alive"},
		{"we want to know whether my brother is alive", ""},
		{"we want to know if my brother is not alive", ""},
		{"take my blood pills daily", "take … pills daily"},
		{"take pressure pills daily", ""},
		{"we need money to take our pills daily", ""},
		{"house prices fell", ""},
		{"the price of the house fell", ""},
		{"our house fell", "house … fell"},
	} {
		got, ok := m.Match(tt.msg)
		if tt.keyword == "" {
			if ok {
				t.Errorf("Match(%q) = %q, want none", tt.msg, got.Keyword)
			}
			continue
		}
		if !ok || got.Keyword != tt.keyword {
			t.Errorf("Match(%q) = %+v, %v; want %q", tt.msg, got, ok, tt.keyword)
		}
	}
}
