package classify_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestProbesNotMisread: ordinary messages holding a word that is a
// keyword of another need elsewhere (another language's word, or another
// sense of the word) are neither filed as that need nor list it.
func TestProbesNotMisread(t *testing.T) {
	checkNotMisread(t, []misreading{
		{"fr", "on m'a volé ma moto hier soir", "fire"},
		{"pt", "roubaram a minha moto ontem", "fire"},
		{"es", "se robaron mi moto anoche", "fire"},
		{"sw", "kaka yangu hajulikani alipo", "sanitation"},
		{"fr", "ma tante est malade depuis hier", "shelter"},
		{"fr", "on a mangé ensemble hier soir chez ma soeur", "food"},
		{"fr", "il y a tant de malades au quartier", "shelter"},
		{"pt", "as latrinas estao cheias e cheira mal", "flood"},
		{"pt", "a vala esta cheia de lixo", "flood"},
		{"pt", "a rua esta cheia de lama depois da chuva", "landslide"},
		{"es", "la calle esta llena de barro", "landslide"},
		{"es", "hay mucho lodo en la calle despues de la lluvia", "landslide"},
		{"ht", "lari a plen labou apre lapli a", "landslide"},
		{"en", "the bridge collapsed, cars cannot pass", "building_collapse"},
		{"ht", "pon an kraze, machin pa ka pase", "building_collapse"},
		{"fr", "les eaux usées coulent dans la rue", "water_supply"},
		{"en", "flood water in our houses", "water_supply"},
		{"en", "i am looking for work, can you help", "security"},
		// SOS is a call for help of any kind, like "au secours" or
		// "socorro" (the "other" category), not people trapped: read so,
		// it listed people trapped beside water, food and tents in five
		// corpus texts, labelled so in one.
		{"en", "SOS SOS we need water, food and tents in Nazon", "people_trapped"},
		{"en", "sos no food here since 3 days", "people_trapped"},
		{"fr", "c'est un SOS, nous avons besoin d'eau", "people_trapped"},
	})
}

// TestSevereAskedAlike: a severe category's keyword after an existential
// opener ("there is", "il y a", "gen", "hay", "tem", "kuna"), or in a
// phrase with an article or a possessive ("our house collapsed", "kay nou
// an kraze", "nyumba yetu imeanguka"), does not open the message, in every
// language alike: the category is filed only from Rule.FileSevere and is
// otherwise asked, offered first. Only the bare form ("house collapsed at
// the market", "kay kraze nan Delmas") gets the keyword-first credit.
// Letting the openers count like greetings filed two more texts of the
// development corpus, both wrong (docs/sms.md).
func TestSevereAskedAlike(t *testing.T) {
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
	for _, msg := range []string{"house collapsed at the market", "kay kraze nan Delmas", "nyumba imeanguka Tandale"} {
		if cat, ok := c.Classify(msg).Main(); cat != "building_collapse" || !ok {
			t.Errorf("Classify(%q).Main() = %s, %v; want building_collapse filed", msg, cat, ok)
		}
	}
}

// TestWaterRisingIsFlood: water rising or a place under water is a
// flood, not the water supply ("maji yanapanda Jangwani" was filed as
// water supply at 0.68); water gone up in price is not ("maji yamepanda
// bei", the flood's other sense).
func TestWaterRisingIsFlood(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, msg := range []string{
		"maji yanapanda Jangwani",
		"maji yamepanda mtaani kwetu",
		"maji yanaongezeka mtaani kwetu",
		"the whole West Point under water",
		"we are under water at Tandale",
	} {
		if cat, ok := c.Classify(msg).Main(); !ok || cat != "flood" {
			t.Errorf("%q: %s (filed %v), want flood filed", msg, cat, ok)
		}
	}
	checkNotMisread(t, []misreading{
		{"sw", "maji yamepanda bei sana", "flood"},
		{"sw", "maji yanapanda bei kila siku", "flood"},
	})
}
