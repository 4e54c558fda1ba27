package classify_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestHazardDeniedAfter: a hazard denied after its keyword, by a
// negation of its language in its clause (Swahili negative verb forms,
// Pidgin "no", standard English "did not"), is neither filed nor listed,
// as "hakuna moto" and "there is no fire" are not; another need in the
// message is read as before.
func TestHazardDeniedAfter(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ text, hazard, need string }{
		{"moto haujawaka", "fire", ""},
		{"moto haukuwaka", "fire", ""},
		{"moto hautawaka", "fire", ""},
		{"moto hauwaki", "fire", ""},
		{"moto haupo", "fire", ""},
		{"moto wa soko haujawaka", "fire", ""},
		{"mafuriko hayajafika", "flood", ""},
		{"mafuriko hayakuja", "flood", ""},
		{"mafuriko hayajafika nyumbani", "flood", ""},
		{"mafuriko ya mto hayajafika", "flood", ""},
		{"maporomoko hayajatokea", "landslide", ""},
		{"fire haijafika", "fire", ""},
		{"moto haujawaka lakini tuna njaa", "fire", "food"},
		{"fire no dey", "fire", ""},
		{"fire no dey here", "fire", ""},
		{"fire for market no dey", "fire", ""},
		{"fire no catch the market", "fire", ""},
		{"fire never reach", "fire", ""},
		{"the fire e no reach here", "fire", ""},
		{"flood no reach here", "flood", ""},
		{"the flood don't reach us", "flood", ""},
		{"landslide no happen", "landslide", ""},
		{"water no enter house", "flood", ""},
		{"flood no reach here but we need food", "flood", "food"},
		{"fire no dey but we need water", "fire", "water_supply"},
		{"the flood never reach us", "flood", ""},
	} {
		r := c.Classify(tt.text)
		ids := needIDs(r)
		if slices.Contains(ids, tt.hazard) {
			t.Errorf("%q: lists %s (needs %v), want it denied", tt.text, tt.hazard, r.Needs)
		}
		if tt.hazard == "flood" && slices.Contains(ids, "water_supply") {
			t.Errorf("%q: lists water_supply (needs %v)", tt.text, r.Needs)
		}
		if cat, ok := r.Main(); ok && cat != tt.need {
			t.Errorf("%q: files %s, want %q", tt.text, cat, tt.need)
		}
		if tt.need != "" && !slices.Contains(ids, tt.need) {
			t.Errorf("%q: needs %v, want %s", tt.text, r.Needs, tt.need)
		}
	}
}

// TestHazardDeniedAfterNearMisses: a hazard said to happen, or not to
// stop, and a need whose lack follows it ("maji hayatoki": no water
// coming) keep their reading.
func TestHazardDeniedAfterNearMisses(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ text, want string }{
		{"moto umewaka", "fire"},
		{"nyumba imeanguka", "building_collapse"},
		{"fire don catch the market", "fire"},
		{"mafuriko yamefika nyumbani", "flood"},
		{"maji hayatoki", "water_supply"},
		{"chakula hakijafika", "food"},
		{"stima haipo", "electricity"},
		{"water no reach us", "water_supply"},
		// Not a verb of happening after the negation: still a hazard.
		{"moto haujazimwa", "fire"},
		{"mafuriko hayajapungua", "flood"},
		{"fire no dey stop", "fire"},
		{"flood no go down", "flood"},
		// The negation is another need's: "food has not arrived".
		{"hakuna chakula na mafuriko", "flood"},
		{"mafuriko yamekuja msaada haujafika", "flood"},
		{"mafuriko chakula hakijafika", "flood"},
		{"mafuriko chakula hakijafika", "food"},
		// Words of place that look like negative verb forms.
		{"moto hapo sokoni", "fire"},
		{"moto huko sokoni", "fire"},
	} {
		r := c.Classify(tt.text)
		if !slices.Contains(needIDs(r), tt.want) {
			t.Errorf("%q: needs %v, want %s", tt.text, r.Needs, tt.want)
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
