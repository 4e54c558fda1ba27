package classify_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestKnown11NoNeed: an offer said with a word of ability or will ("I
// could provide", "podemos oferecer"), a thing said to have arrived verb
// first ("ya llegó la comida"), a price said by its amount ("le sac de
// riz est à 25000 F") and a service's credit bought ("j'ai acheté du
// crédit courant") name no need: nothing is filed.
func TestKnown11NoNeed(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, text := range []string{
		"I could provide food and temporary shelter",
		"we will donate water to the camp",
		"I can also bring tents",
		"je pourrais apporter du riz",
		"podemos oferecer comida",
		"podríamos dar ropa y comida",
		"ya llegó la comida",
		"llegaron las carpas",
		"chegou a comida",
		"le sac de riz est à 25000 F",
		"le sac de riz est à 25 000 F",
		"rice is 500 ksh a kilo",
		"el agua está a 20 pesos",
		"the rice is now 3000",
		"diri a 500 goud",
		"j'ai acheté du crédit courant",
		"I bought electricity",
		"we bought power tokens",
	} {
		r := c.Classify(text)
		if cat, ok := r.Main(); ok {
			t.Errorf("%q: files %s (needs %v), want nothing filed", text, cat, r.Needs)
		}
		for _, n := range r.Needs {
			if n.Category != classify.OtherCategory {
				t.Errorf("%q: needs %v, want no category", text, r.Needs)
				break
			}
		}
	}
}

// TestKnown11Hearsay: a hazard after a phrase of hearsay in its clause,
// whatever words come between, is asked about, offered first, not filed.
func TestKnown11Hearsay(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, text := range []string{
		"dicen que vem outra cheia",
		"dicen que viene otra inundación",
		"dizem que vem outra cheia",
		"they say another flood is coming",
		"on dit qu'une autre inondation arrive",
		"wanasema mafuriko yanakuja tena",
		"yo di gen yon lòt inondasyon k ap vini",
	} {
		r := c.Classify(text)
		if cat, ok := r.Main(); ok {
			t.Errorf("%q: files %s (needs %v), want asked", text, cat, r.Needs)
		}
		if cands := r.Candidates(3); len(cands) == 0 || cands[0].Category != "flood" {
			t.Errorf("%q: candidates %v, want flood first", text, cands)
		}
	}
}

// TestKnown11NearMisses: what must keep its reading next to the fixes
// above: a need filed, or a hazard filed.
func TestKnown11NearMisses(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ text, cat string }{
		// not offers
		{"we can't find food", "food"},
		{"I can't provide food for my children", "food"},
		{"we cannot give them water", "water_supply"},
		{"could you provide food", "food"},
		{"they can give food", "food"},
		{"we could give food but we have no water", "food"},
		// not arrived
		{"the food has not arrived", "food"},
		{"no llegó la comida", "food"},
		{"todavía no ha llegado la comida", "food"},
		{"la comida no ha llegado", "food"},
		{"não chegou a comida", "food"},
		{"ya llegó la comida pero no alcanza", "food"},
		// not hearsay
		{"the flood is coming", "flood"},
		{"they say the river is high but we have no food", "food"},
		{"they say there is no food", "food"},
		{"i heard a fire in the market, 3 houses burned", "fire"},
		// not prices
		{"we need rice 50 kg", "food"},
		{"no food for 3 days", "food"},
		{"le riz est à 25000 F, nous n'avons rien à manger", "food"},
		// not bought
		{"no money to buy electricity", "electricity"},
		{"we have no power", "electricity"},
		{"I bought food but no water", "water_supply"},
		// pleas with a need
		{"help us we are hungry", "food"},
		{"aidez nous, mon enfant est malade", "medical"},
		{"children trapped under the wall", "people_trapped"},
	} {
		r := c.Classify(tt.text)
		if cat, ok := r.Main(); !ok || cat != tt.cat {
			t.Errorf("%q: Main %q %v (needs %v), want %s filed", tt.text, cat, ok, r.Needs, tt.cat)
		}
	}
}
