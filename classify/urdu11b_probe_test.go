package classify_test

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// urdu11bCases are the Urdu messages of the Urdu keywords' second pass
// (urdu11b), written for it, not taken from the development corpus:
// "sailab zada" and "selab se mutasir" (flood-affected) name the flood
// the sender lived through, not a need of now, and are asked; "khana"
// as the house of a compound (a post office, a factory, a clinic) or
// the end of Rahim Yar Khan is no food; "kahana" (to say) is no
// spelling of "khana". The needs said beside them are read as before.
var urdu11bCases = []auditCase{
	{"ur", "main selab say motaser howa houn", "none"},
	{"ur", "hum sailab zada hain", "none"},
	{"ur", "sailab zada ilaqa hai bachon ke liye khana chahiye", "food"},
	{"ur", "hum selab se mutasir hain pine ka pani nahi hai", "water_supply"},
	{"ur", "sailab aa gaya hai gaon doob gaya", "flood"},
	{"ur", "kar khana band ho gaya hai", "none"},
	{"ur", "daak khana ke paas wali gali", "none"},
	{"ur", "rahim yar khana se bol raha hoon", "none"},
	{"ur", "mujhe aap se kuch kahana hai", "none"},
	{"ur", "khana chahiye bachay bhooke hain", "food"},
}

// TestUrdu11b: the Urdu keywords' second pass (see urdu11bCases).
func TestUrdu11b(t *testing.T) {
	checkAudit5(t, urdu11bCases)
}

// TestUrdu11bNotFlood: "sailab zada" and "selab se mutasir" are read as
// another sense of the flood: no flood keyword, and asked (never
// refused: the message says something).
func TestUrdu11bNotFlood(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, msg := range []string{"main selab say motaser howa houn", "hum sailab zada hain", "silab zada log hain"} {
		r := c.Classify(msg)
		if slices.ContainsFunc(r.Keywords, func(k classify.CategoryMatch) bool { return k.Category == "flood" }) {
			t.Errorf("%q: flood keyword read (%v)", msg, r.Keywords)
		}
		if r.Refuse() {
			t.Errorf("%q refused (relevance %.2f); want asked", msg, r.Relevance)
		}
	}
}
