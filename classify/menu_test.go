package classify_test

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// What the category menu offers (Result.Candidates) when a reading is
// asked, beyond the first candidate the readings' ask-first checks.

// TestSatisfiedNotOffered: a category the message only says is not
// needed is not among the candidates the category menu offers first
// (the menu may still list it among the common needs after them).
func TestSatisfiedNotOffered(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ text, not string }{
		{"we don't need tents", "shelter"},
		{"nou pa bezwen manje", "food"},
		{"hatuhitaji chakula", "food"},
		{"we have water, we need help", "water_supply"},
	} {
		r := c.Classify(tt.text)
		if cands := r.Candidates(20); slices.ContainsFunc(cands, func(n classify.Need) bool { return n.Category == tt.not }) {
			t.Errorf("%q: candidates %v offer %s", tt.text, cands, tt.not)
		}
		if slices.Contains(needIDs(r), tt.not) {
			t.Errorf("%q: needs %v list %s", tt.text, needIDs(r), tt.not)
		}
	}
}

// TestCorrectionNotOffered: in a correction "X not Y" the Y after the
// negation is not among the menu's first three candidates either (it is
// not listed: denied.txt).
func TestCorrectionNotOffered(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ text, dropped string }{
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
		if slices.ContainsFunc(r.Candidates(3), func(n classify.Need) bool { return n.Category == tt.dropped }) {
			t.Errorf("%q: %s offered (%v)", tt.text, tt.dropped, r.Candidates(3))
		}
	}
}

// TestOfferListsNothing: in an offer, a need the model alone reads is
// neither listed nor offered: nothing is (a request keeps it: offers.txt).
func TestOfferListsNothing(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	r := c.Classify("I am happy to help pick up & deliver medications, or anything you need")
	if len(r.Needs) != 0 || len(r.Candidates(3)) != 0 {
		t.Errorf("offer: needs %v candidates %v, want none", needIDs(r), r.Candidates(3))
	}
}

// TestHousesInFloodMenuOrder: "houses destroyed in the flood" names the
// flood as the time of the destroyed houses, as "the wall fell in the
// flood" does: asked, the houses (shelter) offered first, then the flood,
// the collapse third. Filing either would be a guess: the resident may
// report the flood or ask for a roof.
func TestHousesInFloodMenuOrder(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	r := c.Classify("houses destroyed in the flood")
	if cat, ok := r.Main(); ok {
		t.Fatalf("filed as %s (needs %v), want asked", cat, r.Needs)
	}
	cands := r.Candidates(3)
	want := []string{"shelter", "flood", "building_collapse"}
	if len(cands) != len(want) {
		t.Fatalf("candidates %v, want %v", cands, want)
	}
	for i, w := range want {
		if cands[i].Category != w {
			t.Errorf("candidate %d = %s, want %s (candidates %v)", i, cands[i].Category, w, cands)
		}
	}
}
