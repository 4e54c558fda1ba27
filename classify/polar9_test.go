package classify_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestArrivedIsMet: a thing said to have arrived, or brought by someone
// ("the red cross brought tents"), is received (polarity.go, arrived and
// received): each was filed as that need before (0.55 to 0.68).
func TestArrivedIsMet(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"pt", "a comida já chegou", "food", false},
		{"en", "the food has arrived, thank you", "food", false},
		{"pt", "a cruz vermelha trouxe tendas", "shelter", false},
		{"en", "the red cross brought tents", "shelter", false},
		{"pt", "o camião cisterna já passou, temos água", "water_supply", false},
		{"sw", "chakula kimefika asante", "food", false},
		{"ht", "manje a rive", "food", false},
		{"fr", "la nourriture est arrivée", "food", false},
		{"es", "la comida llegó", "food", false},
	})
}

// TestArrivedStillNeeded: the near misses of TestArrivedIsMet: not
// arrived, asked when or who, arrived but not enough, and water that
// arrives as a flood does.
func TestArrivedStillNeeded(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "the food has not arrived", "food", true},
		{"en", "when will the food arrive?", "food", true},
		{"en", "food arrived but not enough", "food", true},
		{"en", "food arrived but we got nothing", "food", true},
		{"en", "the food has arrived?", "food", true},
		{"en", "the food arrived late", "food", true},
		{"en", "the red cross never brought tents", "shelter", true},
		{"en", "they brought tents but not enough", "shelter", true},
		{"en", "who brought the tents?", "shelter", true},
		{"en", "nobody brought food", "food", true},
		{"en", "please brought us food", "food", true},
		{"en", "pls brought food", "food", true},
		{"pt", "a comida ainda não chegou", "food", true},
		{"pt", "o camião cisterna não passou", "water_supply", true},
		{"pt", "o camião cisterna passou mas não parou", "water_supply", true},
		{"sw", "chakula bado hakijafika", "food", true},
		{"ht", "manje a poko rive", "food", true},
		{"fr", "la nourriture n'est pas arrivée", "food", true},
		{"es", "la comida no llegó", "food", true},
		{"sw", "maji yamefika", "water_supply", true},
		{"ht", "dlo a rive nan kay la", "water_supply", true},
	})
}

// TestWaterBackAtHome: water back at a place is the supply when thanks
// end the place or the message says the water is had (waterBack); it
// was filed as water_supply (0.67 to 0.75).
func TestWaterBackAtHome(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "water is back at home thanks", "water_supply", false},
		{"sw", "maji yamerudi nyumbani asante", "water_supply", false},
		{"en", "water is back at home, we have water now", "water_supply", false},
		// Near misses: the flood's water, and thanks after a plea.
		{"en", "the water is back in our house", "water_supply", true},
		{"en", "the water came back into our house", "water_supply", true},
		{"sw", "maji yamerudi nyumbani", "water_supply", true},
		{"sw", "maji yamerudi nyumbani tusaidie asante", "water_supply", true},
		{"en", "water is back at home please help thanks", "water_supply", true},
	})
}

// TestEnoughAfterThing: enough said after the thing had ends its phrase
// (closing): "tuna maji ya kutosha" was filed as water_supply (0.67).
func TestEnoughAfterThing(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"sw", "tuna maji ya kutosha", "water_supply", false},
		{"ht", "nou gen dlo ase", "water_supply", false},
		{"en", "we have enough water", "water_supply", false},
		{"ht", "nou gen ase dlo", "water_supply", false},
		{"sw", "hatuna maji ya kutosha", "water_supply", true},
		{"sw", "tuna maji kidogo", "water_supply", true},
		{"ht", "nou pa gen dlo ase", "water_supply", true},
	})
}

// TestFireOutAndSafe: a fire out, then that the sender is safe
// (wellAfter), or a flood over and its water gone down in the next
// clause without a comma (overFollows), is over; each was filed.
func TestFireOutAndSafe(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"sw", "moto umezimwa tuko salama", "fire", false},
		{"en", "the fire is out, we are safe", "fire", false},
		{"ht", "dife a tenn", "fire", false},
		{"sw", "mafuriko yameisha maji yamepungua", "flood", false},
		{"sw", "moto umezimwa jana lakini umewaka tena", "fire", true},
		{"sw", "moto umezimwa lakini tuko hatarini", "fire", true},
		{"ht", "dife a pa tenn", "fire", true},
		{"ht", "dife a tenn men kay la boule", "fire", true},
		{"sw", "mafuriko yameisha maji yanaongezeka", "flood", true},
	})
}

// TestReceivedOrEatenWithTail: food received with when it came, or eaten
// as a dish ("frijoles con arroz") and praised, is no need; each was
// filed as food (0.64, 0.99).
func TestReceivedOrEatenWithTail(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"pt", "recebemos comida nos últimos dias, obrigado", "food", false},
		{"es", "hoy comimos frijoles con arroz bien rico", "food", false},
		{"en", "we ate rice with beans", "food", false},
		{"pt", "recebemos comida nos últimos dias mas acabou", "food", true},
		{"es", "comimos arroz con hambre", "food", true},
		{"es", "necesitamos frijoles con arroz", "food", true},
		{"en", "we have rice with worms", "food", true},
		{"es", "tenemos agua con mal olor", "water_supply", true},
	})
}

// TestChurchGivesOnSaturdays: Portuguese "dá" folds to "da" ("of the"),
// read as giving only after a giver ("a igreja dá comida"), and when it
// is given may follow (tails): it was filed as food (0.66).
func TestChurchGivesOnSaturdays(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	r := c.Classify("a igreja dá comida aos sábados")
	if ids := needIDs(r); len(ids) == 0 || ids[0] != classify.DistributionCategory {
		t.Errorf("needs %v; want %s first", r.Needs, classify.DistributionCategory)
	}
	checkPolarity(t, []polarityCase{
		{"pt", "a igreja dá comida aos sábados mas não para nós", "food", true},
		{"pt", "a falta da comida", "food", true},
	})
}
