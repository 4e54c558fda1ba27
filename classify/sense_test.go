package classify_test

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestOtherSensesStillRead: the category's keywords outside the phrase,
// and other categories' keywords inside it, are still read.
func TestOtherSensesStillRead(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []otherSense{
		{"en", "there is flooding, a flood of water in the street", "flood"},
		{"ht", "gen moun ki pa jwenn depi tranbleman an, nou pa jwenn li", "missing_person"},
		{"ht", "moun ki pa jwenn ed, gen timoun pèdi", "missing_person"},
		{"en", "a flood of people at the market, many injured", "medical"},
		{"en", "call the fire brigade, the market is on fire", "fire"},
		{"en", "fire near the fire station", "fire"},
		{"en", "a tree fell on the road near our house", "road_blocked"},
		{"en", "no power since yesterday, only the power of prayer", "electricity"},
		{"en", "a tree fell on our house, my mother is injured", "medical"},
		{"fr", "incendie près du feu rouge", "fire"},
		{"fr", "il a une arme à feu", "security"},
		{"fr", "pas de courant depuis hier", "electricity"},
		{"ht", "nou pa gen dlo, dlo nan je nou", "water_supply"},
		{"ht", "nou pa gen dlo kouran", "water_supply"},
		{"en", "the water bill is high and we have no water", "water_supply"},
		{"en", "meeting at the water point, the tap is broken", "water_supply"},
		{"fr", "on a payé la facture mais pas d'eau depuis lundi", "water_supply"},
		{"sw", "mkutano umeisha, hatuna maji", "water_supply"},
		{"sw", "maji mengi yameingia nyumbani", "flood"},
		{"sw", "mti umeanguka barabarani", "road_blocked"},
		{"pt", "a enxurrada levou a ponte", "flood"},
		{"pt", "árvore caiu na estrada", "road_blocked"},
		{"es", "la creciente se llevó las casas", "flood"},
		{"es", "tiene un arma de fuego", "security"},
	} {
		if ids := matchedIDs(c.Keywords(), tt.text); !slices.Contains(ids, tt.cat) {
			t.Errorf("[%s] %q: keywords read %v, want %s among them", tt.lang, tt.text, ids, tt.cat)
		}
		if r := c.Classify(tt.text); !slices.Contains(needIDs(r), tt.cat) {
			t.Errorf("[%s] %q: needs %v, want %s among them", tt.lang, tt.text, r.Needs, tt.cat)
		}
	}
	// The tree on the house was offered first as a blocked road: the
	// injured mother is the need.
	r := c.Classify("a tree fell on our house, my mother is injured")
	if ids := needIDs(r); len(ids) == 0 || ids[0] != "medical" {
		t.Errorf("a tree fell on our house, my mother is injured: needs %v, want medical first", r.Needs)
	}
}

// TestOtherSenseKeepsLanguage: a keyword not read in another sense still
// tells the message's language ("dlo nan je m" is Creole).
func TestOtherSenseKeepsLanguage(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ msg, want string }{
		{"dlo nan je m", "ht"},
		{"kuna mafuriko ya watu sokoni", "sw"},
	} {
		if got := c.DetectLanguage(tt.msg, "en"); got != tt.want {
			t.Errorf("DetectLanguage(%q) = %s, want %s", tt.msg, got, tt.want)
		}
	}
}

// TestCityOtherSenseTakesEffect: a phrase a city adds to a category's
// other senses in its taxonomy file takes effect: "power steering" (a
// car's) no longer names electricity. ("power bank", the example before,
// is a built-in other sense since the fourth audit.)
func TestCityOtherSenseTakesEffect(t *testing.T) {
	tax := editedTaxonomy(t, func(file map[string]any) {
		for _, c := range file["categories"].([]any) {
			if c := c.(map[string]any); c["id"] == "electricity" {
				senses := c["other_senses"].(map[string]any)
				senses["en"] = append(senses["en"].([]any), "power steering")
			}
		}
	})
	const msg = "my car needs power steering oil"
	if r := classify.New(data.DefaultTaxonomy()).Classify(msg); !slices.Contains(needIDs(r), "electricity") {
		t.Fatalf("built-in taxonomy: needs %v without electricity: the test shows nothing", r.Needs)
	}
	if r := classify.New(tax).Classify(msg); slices.Contains(needIDs(r), "electricity") {
		t.Errorf("city taxonomy: needs %v list electricity", r.Needs)
	}
}
