package classify_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestGivenOutIsDistribution: goods someone else gives out ("the church
// gives food", "kanisa linatoa chakula") are a service available, not the
// sender's need (polarity.go, offered): the thing is met, and the
// taxonomy's aid distribution category is listed first and asked, never
// filed on this reading alone (a keyword-only category under File). Each
// was filed as food or water before (0.56 to 0.86).
func TestGivenOutIsDistribution(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ text, cat string }{
		{"the church gives food", "food"},
		{"free food at the church", "food"},
		{"the red cross is giving water at the school", "water_supply"},
		{"the church is distributing food", "food"},
		{"they are giving out food at the church", "food"},
		{"l'église donne de la nourriture", "food"},
		{"kanisa linatoa chakula", "food"},
		{"legliz la ap bay manje", "food"},
		{"la iglesia está dando comida", "food"},
		{"a igreja está dando comida", "food"},
	} {
		r := c.Classify(tt.text)
		if ids := needIDs(r); len(ids) == 0 || ids[0] != classify.DistributionCategory {
			t.Errorf("%q: needs %v; want %s first", tt.text, r.Needs, classify.DistributionCategory)
		}
		for _, n := range r.Needs {
			if n.Category == tt.cat {
				t.Errorf("%q: needs %v; want no %s need", tt.text, r.Needs, tt.cat)
			}
		}
		if _, confident := r.Main(); confident {
			t.Errorf("%q: filed %v; want asked", tt.text, r.Needs)
		}
	}
}

// TestGivenOutStillNeeded: the near misses of TestGivenOutIsDistribution
// keep the need: a contrast or a lack after what is given, a question of
// who gives or where, a giver denied, goods given to the sender, a past
// gift, and a request for free goods.
func TestGivenOutStillNeeded(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "the church gives food but not to us", "food", true},
		{"en", "they gave food only to the men, we have nothing", "food", true},
		{"en", "who gives food here?", "food", true},
		{"en", "is anyone giving food?", "food", true},
		{"en", "free food?", "food", true},
		{"en", "nobody gives us food", "food", true},
		{"en", "we need free food", "food", true},
		{"en", "free food at the church but we get nothing", "food", true},
		{"en", "the church gives us food", "food", true},
		{"sw", "nani anatoa chakula", "food", true},
		{"ht", "kote yo ap bay manje", "food", true},
		{"ht", "yo pa ap bay manje", "food", true},
	})
}

// TestCookingForTheChildren: food cooked for whom the sender feeds ("for
// the children", "for my family") is a meal, as "for dinner" is
// (polarity.go, tails): "we are cooking rice for the children" was filed
// as food.
func TestCookingForTheChildren(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "we are cooking rice for the children", "food", false},
		{"en", "I am cooking rice for my family", "food", false},
		{"en", "I am cooking rice for dinner", "food", false},
	})
}

// TestCookingStillNeed: the near misses of TestCookingForTheChildren.
func TestCookingStillNeed(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "we need rice to cook for the children", "food", true},
		{"en", "please send food for the children", "food", true},
		{"en", "we have no rice to cook for the children", "food", true},
		{"en", "we are cooking rice for the children but we have no water", "water_supply", true},
	})
	// Nothing to cook names no thing: asked, as before, never met.
	c := classify.New(data.DefaultTaxonomy())
	if r := c.Classify("we have nothing to cook for the children"); len(r.Met) != 0 {
		t.Errorf("met %v; want none", r.Met)
	}
}

// TestDetectLanguageCodeMixed: a word of grammar of a closed class
// (negations, pronouns with being, question words: lang.go grammarWords)
// beside an English keyword tells the resident's language; each was read
// as English. Place names hold none of them, so a place the gazetteer
// lacks still tells no language.
func TestDetectLanguageCodeMixed(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"hakuna water", "sw"},
		{"nipo clinic", "sw"},
		{"wapi clinic", "sw"},
		{"hatuna food", "sw"},
		{"pa gen water", "ht"},
		{"nou pa gen food", "ht"},
		{"pas de water", "fr"},
		{"não tem water", "pt"},
		{"no hay water", "es"},

		// Near misses.
		{"fire Marché en Fer", "en"},
		{"Fire Rue Pavée", "en"},
		{"no water at Rue Pavée", "en"},
		{"fire at Hakuna Matata bar", "en"},
		{"water problem at Pa Gen street", "en"},
		{"my pa is sick", "en"},
		{"we have no food, hakuna", "en"},
		{"dlo nan je m", "ht"},
		{"necesitamos agua pa los niños", "es"},
	} {
		if got := defaultMatcher.DetectLanguage(tt.text, "en"); got != tt.want {
			t.Errorf("DetectLanguage(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}
