package classify_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// recall12Fixed are single-need messages of the development corpus (and
// their French and Creole counterparts, written for this test) that the
// twelfth session's baseline asked about without their need, refused, or
// filed as another need: medication named only in a list ("HELP WORK AND
// MEDICATIONS"), food "all done", covers to sleep, a tent written
// "Tant" in English, children trapped in the water (filed as water
// supply). Armed people ("armed people", Creole "moun ladann e yo ame":
// people in it, and they are armed) and "lots of medications" have no
// keyword: "e yo ame" moved the relevance head (one more request refused
// in cross-validation), "armed people" and "lots of medications" moved
// TestFr8's stolen phone (security 0.354) and TestSw8Fixed's "nimepewa
// dawa asante" (medical 0.350) over FileKeyword. The model offers
// security and medical for them. See auditCase for want.
var recall12Fixed = []auditCase{
	{"en", "LA GONAVE NEED HELP WORK AND MEDICATIONS", "medical"},
	{"en", "A smell within debc jman. They need lots and lots of medications there.", "asked medical"},
	{"en", "we need food and medications", "food|medical"},
	{"fr", "La Gonâve a besoin d'aide, de travail et de médicaments", "medical"},
	{"ht", "Lagonav bezwen èd, travay ak medikaman", "medical"},
	{"en", ".. what we had to eat is all done,. We are about 240 people", "food"},
	{"en", "what we had to eat is finished", "food"},
	{"en", "Good evening, i'm a citizen, my house is brake down, i don't have covers to sleep, i would like to have one. How i can find it?", "shelter"},
	{"en", "I need a blanket to sleep", "shelter"},
	{"en", "we have no blanket", "shelter"},
	{"en", "We at masson we did not get Tant. Can the UN do someting for us", "shelter"},
	{"en", "no tant here in Masson, we sleep outside", "shelter"},
	{"en", "we ask to contact the police to come check a machine brown located in the lobby of the Hotel El Hancho''''because there are armed people in the car", "asked security"},
	{"ht", "MAP MANDE POU NOU KONTAKTE LAPOLIS POUL VINN VERIFYE YON HONDA MARON NAN ANTRE OTEL EL RANCHO PASKE GEN DE MOUN LADANN E YO AME", "asked security"},
	{"en", "my children are trapped in the water", "asked people_trapped"},
	{"ht", "pitit mwen yo bloke nan dlo a", "asked people_trapped"},
	{"fr", "mes enfants sont piégés dans l'eau", "asked people_trapped"},
}

// recall12Near are the near misses of those keywords, which must stay
// unfiled: a medication taken or asked about, an offer to deliver
// medications, a blanket of fog, a tent received with thanks, Spanish
// "que yo ame" (that I love, never a Creole keyword), something eaten before work was done, the
// Creole night ("fè nwa", also the dark of a power cut: not a keyword,
// see TestRecall12Left).
var recall12Near = []auditCase{
	{"en", "I am happy to help pick up & deliver medications , or anything you need .", "none"},
	{"en", "my grandmother takes her medication every morning", "none"},
	{"en", "did you take your medication", "none"},
	{"en", "she is on medication for blood pressure", "none"},
	{"en", "a blanket of fog over the city", "none"},
	{"en", "security blanket", "none"},
	{"en", "I got tant from the UN yesterday thanks", "none"},
	{"en", "I got tents from the UN yesterday thanks", "none"},
	{"es", "que yo ame a mi familia", "none"},
	{"en", "I had to eat before I was done with work", "none"},
	{"ht", "li fè nwa deja, m pral dòmi", "none"},
	{"en", "the car is stuck in the water", "none"},
}

// TestRecall12Fixed: the messages of recall12Fixed get their need.
func TestRecall12Fixed(t *testing.T) { checkAuditCases(t, recall12Fixed) }

// TestRecall12Near: the near misses of recall12Near are not filed.
func TestRecall12Near(t *testing.T) { checkAuditCases(t, recall12Near) }

// TestRecall12TrappedInWater: children trapped in the water are offered
// as people trapped first, and never filed as a water supply need (the
// baseline filed "my children are trapped in the water" as water supply
// at 0.68).
func TestRecall12TrappedInWater(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, text := range []string{
		"my children are trapped in the water",
		"my children are stuck in the water",
		"pitit mwen yo bloke nan dlo a",
		"mes enfants sont piégés dans l'eau",
	} {
		r := c.Classify(text)
		if cat, ok := r.Main(); ok {
			t.Errorf("%q: filed as %s (needs %v), want asked", text, cat, r.Needs)
		}
		cands := r.Candidates(3)
		if len(cands) == 0 || cands[0].Category != "people_trapped" {
			t.Errorf("%q: candidates %v, want people_trapped first", text, cands)
		}
		for _, n := range r.Needs {
			if n.Category == "water_supply" {
				t.Errorf("%q: reads water supply (needs %v)", text, r.Needs)
			}
		}
	}
}

// TestRecall12HousesInFlood: "houses destroyed in the flood" names the
// flood as the time of the destroyed houses, as TestHazardTimeNeedFirst's
// "the wall fell in the flood": asked, the houses (shelter) offered
// first, then the flood, the collapse third. Filing either would be a
// guess: the resident may report the flood or ask for a roof.
func TestRecall12HousesInFlood(t *testing.T) {
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

// TestRecall12Left pins what this session left as it was, so that a
// change to it is seen: the French plea "Cette misère va me tuer,
// aidez-moi" (labelled food, names no need) is asked, not refused, by the
// shipped model (the cross-validated one refuses it); "fè nwa pandan 3
// jou" (dark for three days, a rumour of darkness or a power cut) is
// asked as other (its "lòt bagay"), electricity among the candidates but
// not filed.
func TestRecall12Left(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	r := c.Classify("Cette misire va me tuer, aider moi.")
	if cat, ok := r.Main(); ok || r.Refuse() {
		t.Errorf("misère: Main() = %s, %v, refused %v (relevance %.3f), want asked", cat, ok, r.Refuse(), r.Relevance)
	}
	r = c.Classify("Yo di pral gen fe nwa pandan 3 jou sa yo, anpil lot bagay ank. voye yon mesaj claire pou ayisyen yo.")
	if cat, ok := r.Main(); ok {
		t.Errorf("fè nwa: filed as %s (needs %v), want asked", cat, r.Needs)
	}
	if !offered(r, []string{"electricity"}) {
		t.Errorf("fè nwa: electricity not offered (needs %v, candidates %v)", r.Needs, r.Candidates(3))
	}
}
