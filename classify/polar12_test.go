package classify_test

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestPolar12NotContrast: in a correction "X not Y" the Y after the
// negation is no need ("water not fire"), in the six languages; a
// negation that begins the clause ("pas faim mais soif", "no fire,
// water") and a verb after one ("timoun yo malad pa manje") are read as
// before.
func TestPolar12NotContrast(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct {
		text, dropped string
	}{
		{"water not fire", "fire"},
		{"no, it is water not fire", "fire"},
		{"it is water, not fire", "fire"},
		{"we need water not food", "food"},
		{"de l'eau, pas le feu", "fire"},
		{"maji si moto", "fire"},
		{"dlo pa dife", "fire"},
		{"água, não fogo", "fire"},
		{"agua, no fuego", "fire"},
	} {
		r := c.Classify(tt.text)
		if ids := needIDs(r); slices.Contains(ids, tt.dropped) || !slices.Contains(ids, "water_supply") {
			t.Errorf("%q: needs %v, want water_supply without %s", tt.text, ids, tt.dropped)
		}
		if slices.ContainsFunc(r.Candidates(3), func(n classify.Need) bool { return n.Category == tt.dropped }) {
			t.Errorf("%q: %s offered (%v)", tt.text, tt.dropped, r.Candidates(3))
		}
	}
	for _, tt := range []struct {
		text string
		kept []string
	}{
		{"pas faim mais soif", []string{"water_supply", "food"}},
		{"not hungry but thirsty", []string{"water_supply"}},
		{"no fire, water", []string{"water_supply"}},
		{"timoun yo malad pa manje", []string{"food", "medical"}},
		{"fire not water", []string{"fire"}},
	} {
		ids := needIDs(c.Classify(tt.text))
		for _, k := range tt.kept {
			if !slices.Contains(ids, k) {
				t.Errorf("%q: needs %v, want %s kept", tt.text, ids, k)
			}
		}
	}
}

// TestPolar12MissingNotWater: a person who went for water and did not
// come home is missing, first; the water, an errand, is not filed.
// Fetching water and finding none stays a water need.
func TestPolar12MissingNotWater(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, s := range []string{
		"mi hijo fue a buscar agua y no llegó a la casa",
		"mi hijo fue a buscar agua y no volvió",
		"my son went to fetch water and never came back",
		"o meu filho foi buscar água e não voltou",
	} {
		r := c.Classify(s)
		if ids := needIDs(r); len(ids) == 0 || ids[0] != "missing_person" || slices.Contains(ids, "water_supply") {
			t.Errorf("%q: needs %v, want missing_person first, no water", s, ids)
		}
		if cat, ok := r.Main(); ok && cat != "missing_person" {
			t.Errorf("%q: files %s", s, cat)
		}
	}
	checkFiled(t, c, []struct{ text, cat string }{{"fui a buscar agua y no había nada, necesitamos agua", "water_supply"}})
}

// TestPolar12WaterArrivedThanks: water said to have arrived and thanked
// for after a comma, with no word of lack, is a need met; a flood's water
// arriving at the house, water arriving without thanks, and water that
// did not arrive are read as before.
func TestPolar12WaterArrivedThanks(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, s := range []string{"a água chegou, obrigado", "the water arrived, thanks"} {
		r := c.Classify(s)
		if len(r.Needs) != 0 || !slices.Contains(r.Met, "water_supply") {
			t.Errorf("%q: needs %v met %v, want water met", s, needIDs(r), r.Met)
		}
	}
	for _, s := range []string{"a água chegou na casa", "a água não chegou, obrigado"} {
		if cat, ok := c.Classify(s).Main(); ok && cat == "water_supply" && s == "a água chegou na casa" {
			t.Errorf("%q: files %s, want asked", s, cat)
		}
	}
	if r := c.Classify("a água não chegou, obrigado"); !slices.Contains(needIDs(r), "water_supply") {
		t.Errorf("water that did not arrive: needs %v", needIDs(r))
	}
	if r := c.Classify("a água chegou, obrigado, mas não temos comida"); !slices.Contains(needIDs(r), "water_supply") {
		t.Errorf("a lack after the thanks: needs %v, want water kept", needIDs(r))
	}
}

// TestPolar12OfferModelOnly: in an offer, a need the model alone reads is
// neither listed nor offered; a request keeps it.
func TestPolar12OfferModelOnly(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	r := c.Classify("I am happy to help pick up & deliver medications, or anything you need")
	if len(r.Needs) != 0 || len(r.Candidates(3)) != 0 {
		t.Errorf("offer: needs %v candidates %v, want none", needIDs(r), r.Candidates(3))
	}
	if r := c.Classify("please can someone deliver medications to us, my mother is sick"); !slices.Contains(needIDs(r), "medical") {
		t.Errorf("request: needs %v, want medical", needIDs(r))
	}
}

// TestPolar12ScheduleUnkept: a schedule told in the past as not kept is
// a report, filed; a notice of a planned cut is still asked.
func TestPolar12ScheduleUnkept(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	checkFiled(t, c, []struct{ text, cat string }{
		{"the scheduled water truck never came, no water since monday", "water_supply"},
		{"la citerne prévue n'est jamais venue, pas d'eau", "water_supply"},
	})
	checkAsked(t, c, []struct{ text, cat string }{
		{"scheduled power cut on saturday", "electricity"},
		{"water will be cut tomorrow", "water_supply"},
	})
}

// TestPolar12UrduWhere: Roman Urdu's function words count against an
// English word of where: "in camp walon" (these camp people) names the
// camp, no place of the sender; "we are in the camp, no food" does.
func TestPolar12UrduWhere(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	kw := func(s string) bool {
		return slices.ContainsFunc(c.Classify(s).Keywords, func(k classify.CategoryMatch) bool { return k.Category == "shelter" })
	}
	if !kw("in camp walon ko khana nahi mila") {
		t.Errorf("Urdu: camp not read")
	}
	if kw("we are in the camp, no food") {
		t.Errorf("English: camp read as a need")
	}
}

// TestPolar12ImdadKab: no aid keyword holds a question word; "imdad kab
// milegi" is still asked, aid offered.
func TestPolar12ImdadKab(t *testing.T) {
	tax := data.DefaultTaxonomy()
	if slices.Contains(tax.Category("aid_distribution").Keywords["ur"], "imdad kab") {
		t.Errorf("imdad kab is a keyword")
	}
	checkAsked(t, classify.New(tax), []struct{ text, cat string }{{"imdad kab milegi", "aid_distribution"}})
}
