package classify_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestOffersArrivalsPricesNameNoCategory: an offer said with a word of
// ability or will ("I could provide", "podemos oferecer"), a thing said to
// have arrived verb first ("ya llegó la comida"), a price said by its
// amount ("le sac de riz est à 25000 F") and a service's credit bought
// ("j'ai acheté du crédit courant") name no category: nothing is filed and
// no need but "other" is listed. No kind of reading says "no category
// whatever", so these stay here; their near misses, filed, are readings
// (testdata/readings/offers.txt, met.txt, prices.txt, hearsay.txt).
func TestOffersArrivalsPricesNameNoCategory(t *testing.T) {
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
