package classify_test

import (
	"testing"
)

// TestPriceAfterThing: a thing with its price after it, or asked its
// price, is no need, like "the price of maize went up" (polarity.go,
// pricedAfter and trades); each was filed or asked as a need before.
func TestPriceAfterThing(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "the rice price gone up again", "food", false},
		{"en", "water price too high", "water_supply", false},
		{"en", "how much is water per jerrycan", "water_supply", false},
		{"en", "food is too expensive", "food", false},
		{"sw", "maji ya kunywa ni bei gani", "water_supply", false},
		{"sw", "maji ni ghali sana", "water_supply", false},
		{"ht", "konbyen yon galon dlo koute", "water_supply", false},
		{"ht", "manje a vin pi chè", "food", false},
		{"fr", "le riz est devenu trop cher", "food", false},
		{"pt", "a comida está muito cara", "food", false},
		{"pt", "quanto custa o arroz por quilo no mercado", "food", false},
		{"es", "la comida está muy cara", "food", false},
		{"es", "cuánto cuesta el agua en la tienda", "water_supply", false},
	})
}

// TestPriceStillRead: the prices that were already read, and the needs
// a price does not undo: a word of lack anywhere in the message (a
// negation, hunger, help, please), or the thing lacking in another
// clause.
func TestPriceStillRead(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "the price of maize went up", "food", false},
		{"sw", "bei ya maji imepanda", "water_supply", false},
		{"fr", "le prix du riz a encore augmenté", "food", false},
		{"ht", "pri diri a monte", "food", false},
		{"pt", "o preço do arroz subiu", "food", false},
		{"es", "el precio del agua subió", "water_supply", false},
		{"fr", "combien coûte l'eau", "water_supply", false},
		{"pt", "quanto custa a água", "water_supply", false},
		{"en", "we have no money to buy food", "food", true},
		{"en", "food is too expensive we are hungry", "food", true},
		{"en", "no water, and water vendors charge 500 per bucket", "water_supply", true},
		{"en", "water price too high, please help us", "water_supply", true},
		{"en", "we need water, the price is too high", "water_supply", true},
		{"sw", "chakula ni ghali sana, tuna njaa", "food", true},
		{"sw", "hatuna maji, maji ni ghali sana", "water_supply", true},
		{"fr", "la nourriture est trop chère, nous avons faim", "food", true},
		{"ht", "manje a two chè nou grangou", "food", true},
		{"pt", "a comida está cara e não temos dinheiro", "food", true},
		{"es", "la comida está muy cara y no tenemos plata", "food", true},
		{"en", "we need jerrycans", "water_supply", true},
		{"en", "send food per family please", "food", true},
		{"en", "the food is gone price too high", "food", true},
		// A hazard is no unit of a price.
		{"sw", "tumenunua maji kwa mafuriko", "flood", true},
	})
}

// TestBackThenCutAgain: a service said to be back, or had, and in the
// same clause or the next one to have stopped again is a need (cuts,
// cutAgain); each was answered "noted" before.
func TestBackThenCutAgain(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "the power came back today but went off again", "electricity", true},
		{"en", "power came back this morning. it went off again at noon", "electricity", true},
		{"en", "we have power now but it went off again", "electricity", true},
		{"fr", "le courant est revenu hier mais il est reparti", "electricity", true},
		{"ht", "kouran an tounen yè men li ale ankò", "electricity", true},
		{"sw", "maji yamerudi jana lakini yamekatika tena", "water_supply", true},
		{"sw", "umeme umerudi leo, umekatika tena", "electricity", true},
		{"pt", "a luz voltou ontem mas foi embora de novo", "electricity", true},
		{"es", "la luz volvió ayer pero se fue otra vez", "electricity", true},
	})
}

// TestBackStillMet: a service back is still met when what is cut is
// another need, or nothing is.
func TestBackStillMet(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "water is back today", "water_supply", false},
		{"en", "the power is back now but the water went off again", "electricity", false},
		{"en", "the power is back now but the water went off again", "water_supply", true},
		{"en", "power is back. thank you. we need food", "electricity", false},
		{"fr", "le courant est revenu hier", "electricity", false},
		{"ht", "kouran an tounen yè", "electricity", false},
		{"sw", "umeme umerudi jana", "electricity", false},
		{"pt", "a luz voltou ontem", "electricity", false},
		{"es", "la luz volvió ayer", "electricity", false},
	})
}

// TestNeedNoLongerDenied: "we don't need food again" (West African
// English for "we no longer need food") denies the keyword "need food"
// whose verb the denial holds (needDenied); "we need food again" (once
// more) stays a need.
func TestNeedNoLongerDenied(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "we don't need food again", "food", false},
		{"en", "we no need food again", "food", false},
		{"en", "we dont need food anymore", "food", false},
		{"en", "we don't need water again", "water_supply", false},
		{"en", "we need food again", "food", true},
		{"en", "we no get food again", "food", true},
		{"en", "we don't need tents, we need food again", "food", true},
		{"en", "we don't need food, we need water", "water_supply", true},
		{"en", "we don't need food, we need water", "food", false},
		{"ht", "nou pa bezwen manje ankò", "food", false},
		{"ht", "nou bezwen manje ankò", "food", true},
	})
}

// TestEnderThenContrast: a word that may end a satisfied phrase
// ("yesterday", "now", "hier", "jana", "ayer") does not end it before a
// contrast, which then must go on to another need as right after the
// keyword (endsHere): a hazard over or goods received that the contrast
// says came back or ran out are needs; each was answered "noted" before.
func TestEnderThenContrast(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "the fire was put out yesterday but it started again", "fire", true},
		{"en", "the flood has gone down yesterday but it is rising again", "flood", true},
		{"en", "we received food yesterday but it is finished", "food", true},
		{"fr", "nous avons reçu du riz hier mais c'est fini", "food", true},
		{"ht", "nou resevwa manje yè men li fini", "food", true},
		{"sw", "moto umezimwa jana lakini umewaka tena", "fire", true},
		{"sw", "tumepokea chakula jana lakini hakitoshi", "food", true},
		{"pt", "recebemos comida ontem mas já acabou", "food", true},
		{"es", "recibimos comida ayer pero ya se acabó", "food", true},
		// A contrast that goes on to another need, or none.
		{"en", "we received food yesterday but we need water", "food", false},
		{"en", "we received food yesterday but we need water", "water_supply", true},
		{"en", "we have water now but no food", "water_supply", false},
		{"ht", "nou resevwa manje yè men nou bezwen dlo", "water_supply", true},
		{"es", "recibimos comida ayer pero necesitamos agua", "water_supply", true},
		{"fr", "le feu est éteint maintenant", "fire", false},
		{"sw", "tumepokea chakula jana, asanteni", "food", false},
	})
}
