package classify_test

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestGoodOfTwoWordsHad: a thing had, received or thanked for, named by
// two keywords of its category with nothing between them ("maize
// flour") or in a list without "and" between its first items ("rice
// beans and flour"), is read as one thing (polarity.go, nextGood and
// adjacentGood). The first was filed as food 0.99, the second as food.
func TestGoodOfTwoWordsHad(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "we have maize flour but no water", "food", false},
		{"en", "we have maize flour but no water", "water_supply", true},
		{"en", "we have maize flour", "food", false},
		{"fr", "nous avons de la farine de maïs mais pas d'eau", "water_supply", true},
	})
	c := classify.New(data.DefaultTaxonomy())
	for _, text := range []string{
		"thank you for the rice beans and flour",
		"thank you for the rice, beans and flour",
	} {
		if r := c.Classify(text); slices.Contains(needIDs(r), "food") {
			t.Errorf("%q: needs %v; want no food need", text, r.Needs)
		}
	}
}

// TestGoodOfTwoWordsStillNeeded: the near misses of
// TestGoodOfTwoWordsHad stay needs.
func TestGoodOfTwoWordsStillNeeded(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "we have maize flour problems", "food", true},
		{"en", "we have maize but no flour", "food", true},
		{"en", "we need maize flour", "food", true},
		{"en", "we have no maize flour", "food", true},
		{"en", "thank you for the rice we need beans", "food", true},
		{"en", "thank you for the rice beans are finished", "food", true},
	})
}

// TestUsedUpIsNeed: a thing said to be used up ("is finished",
// "umeisha", "fini", "acabou", "se acabó", "est finie") is a need,
// whatever comes before it (polarity.go, goneAfter); each was answered
// "noted" (a purchase listed on to it) or filed only by the model.
func TestUsedUpIsNeed(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "we bought rice, flour is finished", "food", true},
		{"sw", "tumenunua mchele, unga umeisha", "food", true},
		{"ht", "nou achte diri, farin nan fini", "food", true},
		{"es", "compramos arroz, se acabó la harina", "food", true},
		{"pt", "recebemos arroz, a farinha acabou", "food", true},
		{"fr", "nous avons acheté du riz, la farine est finie", "food", true},
	})
}

// TestUsedUpNearMisses: a purchase with nothing used up, and a hazard
// or water that is over, are read as before.
func TestUsedUpNearMisses(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "we bought rice and flour", "food", false},
		{"en", "the water has gone down", "flood", false},
		{"en", "the fire is finished", "fire", false},
		{"sw", "tumenunua maji", "water_supply", false},
	})
}

// TestNeedSaidOver: a need said to have been and to be no more ("we
// were hungry but now we got food", "mwen te malad men kounye a mwen
// byen") is met (polarity.go, overSince); each was filed as food or
// medical before.
func TestNeedSaidOver(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"ht", "nou te grangou men kounye a nou jwenn manje", "food", false},
		{"ht", "mwen te malad men kounye a mwen byen", "medical", false},
		{"en", "we were hungry but now we got food", "food", false},
		{"fr", "nous avions faim mais maintenant nous avons reçu à manger", "food", false},
		{"sw", "tulikuwa na njaa lakini sasa tumepata chakula", "food", false},
		{"es", "estábamos enfermos pero ahora estamos bien", "medical", false},
		{"pt", "estávamos com fome mas agora recebemos comida", "food", false},
	})
}

// TestNeedNotSaidOver: a need that was and still is, or another thing
// had, or no word of now, stays a need.
func TestNeedNotSaidOver(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "we were hungry but now we need food", "food", true},
		{"en", "we were hungry but now we are starving", "food", true},
		{"en", "I was sick but now I am better but my child is sick", "medical", true},
		{"en", "we were hungry but now we have water", "food", true},
		{"en", "we were hungry but now we got no food", "food", true},
		{"en", "we were hungry", "food", true},
		{"ht", "nou te grangou men kounye a nou bezwen manje", "food", true},
		{"ht", "mwen te malad men kounye a mwen pi mal", "medical", true},
		{"sw", "tulikuwa na njaa lakini sasa tuna njaa zaidi", "food", true},
	})
}

// TestServiceBackInPlace: a service back with the place where it is
// back after it is met (polarity.go, placeEnds); each was filed as
// electricity before.
func TestServiceBackInPlace(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"ht", "kouran an tounen nan katye a mesi", "electricity", false},
		{"en", "the power is back in our area", "electricity", false},
		{"fr", "l'électricité est revenue dans notre quartier", "electricity", false},
		{"sw", "umeme umerudi mtaani kwetu", "electricity", false},
		{"en", "the power is back at the market", "electricity", false},
		{"pt", "a luz voltou no nosso bairro", "electricity", false},
		{"es", "la luz volvió en nuestro barrio", "electricity", false},
		{"en", "power is back", "electricity", false},
	})
}

// TestServiceBackNotEverywhere: a service back in one place and not in
// another, or asked about, or water back in a place (the flood's, maybe),
// stays a need ("power is back? no, still off" was answered "noted").
func TestServiceBackNotEverywhere(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "the power is back in our area but not in the clinic", "electricity", true},
		{"en", "the power is back in our area, but not in the clinic", "electricity", true},
		{"en", "the power is back but not in the clinic", "electricity", true},
		{"en", "power is back? no, still off", "electricity", true},
		{"en", "is the power back?", "electricity", true},
		{"en", "the flood is back in our area", "flood", true},
		{"en", "the water is back in our houses", "water_supply", true},
	})
}

// TestNeedDeniedThenSaid: a need denied, then another said without a
// comma ("nou pa bezwen manje nou bezwen travay"), is denied as with
// one (polarity.go, restartAt); the first was filed as food.
func TestNeedDeniedThenSaid(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"ht", "nou pa bezwen manje nou bezwen travay", "food", false},
		{"ht", "nou pa bezwen manje nou bezwen dlo", "food", false},
		{"ht", "nou pa bezwen manje nou bezwen dlo", "water_supply", true},
		{"en", "we don't need food we need water", "water_supply", true},
		{"es", "no necesitamos comida necesitamos agua", "food", false},
		{"en", "we don't need food we need more food", "food", true},
		{"en", "we have water we want it clean", "water_supply", true},
	})
}

// TestMealWithTime: food eaten or water drunk, with when after it ("every
// day", "for dinner", "kila siku", "chak jou") or tea drunk with it, is
// no need (polarity.go, tails); each was filed.
func TestMealWithTime(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "I drink water every morning", "water_supply", false},
		{"en", "we eat rice every day", "food", false},
		{"en", "I am cooking rice for dinner", "food", false},
		{"en", "we are drinking tea with bread", "food", false},
		{"sw", "tunakula ugali kila siku", "food", false},
		{"ht", "nou manje diri chak jou", "food", false},
	})
}

// TestMealStillNeed: water drunk from where it comes, water had only
// every few days, and a request for drinking water stay needs.
func TestMealStillNeed(t *testing.T) {
	checkPolarity(t, []polarityCase{
		{"en", "we drink water from the river", "water_supply", true},
		{"en", "we drink water from the well every day", "water_supply", true},
		{"en", "we drink water every day from the river", "water_supply", true},
		{"en", "we drink dirty water", "water_supply", true},
		{"en", "we have water every two days only", "water_supply", true},
		{"en", "please send drinking water", "water_supply", true},
		{"en", "we need rice for dinner", "food", true},
		{"en", "we eat rice once a day", "food", true},
	})
}
