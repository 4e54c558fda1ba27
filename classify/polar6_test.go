package classify_test

import "testing"

// TestPurchasePleaded: a purchase or a price with a word of help after
// the thing, and no other need after it, is the need it names
// (polarity.go, pleaded); each was answered "noted" or "not understood"
// before.
func TestPurchasePleaded(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"fr", "j'achète de l'eau pour les enfants svp aidez", "water_supply", true},
		{"en", "I bought water please help", "water_supply", true},
		{"en", "the price of maize went up, please help", "food", true},
		{"sw", "tumenunua maji tusaidie", "water_supply", true},
		{"ht", "nou achte dlo, ede nou", "water_supply", true},
		{"pt", "comprei arroz, ajudem", "food", true},
		{"es", "compramos agua, ayuda por favor", "water_supply", true},
	})
}

// TestPurchaseStillMet: a purchase alone, or followed by a plea for
// another need, or by a bare "please" after a price asked, names no
// need.
func TestPurchaseStillMet(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"fr", "on achète de l'eau au marché", "water_supply", false},
		{"fr", "j'achète des sachets d'eau au marché", "water_supply", false},
		{"en", "I bought water", "water_supply", false},
		{"en", "we bought food, please help us with water", "food", false},
		{"en", "we bought food, please help us with water", "water_supply", true},
		{"en", "how much is a bag of rice please", "food", false},
		{"en", "we bought food yesterday thank you", "food", false},
		{"es", "compramos agua", "water_supply", false},
		{"sw", "tumenunua maji", "water_supply", false},
	})
}
