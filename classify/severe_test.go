package classify_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestSevereOpenerFiledOnlyWhenSure: a severe category's keyword after an
// existential opener ("there is", "il y a", "gen", "hay", "tem", "kuna"),
// or in a phrase with an article or a possessive ("our house collapsed",
// "kay nou an kraze", "nyumba yetu imeanguka"), does not open the message,
// in every language alike: the category is the first need, filed only
// from Rule.FileSevere and otherwise asked. Only the bare form ("house
// collapsed at the market", testdata/readings/severe.txt) gets the
// keyword-first credit. Letting the openers count like greetings filed two
// more texts of the development corpus, both wrong (docs/sms.md). The
// readings cannot say "filed exactly when the confidence reaches
// FileSevere", so this stays Go.
func TestSevereOpenerFiledOnlyWhenSure(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ msg, cat string }{
		{"there is a fire at the market", "fire"},
		{"il y a un incendie au marché", "fire"},
		{"gen dife nan mache a", "fire"},
		{"hay un incendio en el mercado", "fire"},
		{"tem um incêndio no mercado", "fire"},
		{"kuna moto sokoni", "fire"},
		{"our house collapsed", "building_collapse"},
		{"notre maison s'est effondrée", "building_collapse"},
		{"kay nou an kraze", "building_collapse"},
		{"kay la kraze", "building_collapse"},
		{"nuestra casa se cayó", "building_collapse"},
		{"a nossa casa desabou", "building_collapse"},
		{"nyumba yetu imeanguka kwa mvua", "building_collapse"},
	} {
		r := c.Classify(tt.msg)
		if len(r.Needs) == 0 || r.Needs[0].Category != tt.cat {
			t.Errorf("Classify(%q) needs %v, want %s first", tt.msg, r.Needs, tt.cat)
			continue
		}
		if _, ok := r.Main(); ok != (r.Needs[0].Confidence >= classify.ModelRule.FileSevere) {
			t.Errorf("Classify(%q): %s at %.2f filed %v", tt.msg, tt.cat, r.Needs[0].Confidence, ok)
		}
	}
}
