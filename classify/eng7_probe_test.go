package classify_test

import "testing"

// eng7Fixed are what the eighth audit of English messages found and
// fixed: volunteers' translations of Haitian SMS ("we are hungra please
// help us", "please we need somthing to eat", "we need a place to
// sleep"), West African and South Asian English ("we no get where to
// sleep", "my brother go market since morning, he never come back", "the
// light came back but went off again": Liberian "light" is electricity),
// and the everyday talk about food, water and light that was filed as a
// need ("I dey drink pure water", "we cooked jollof rice for the party",
// "there is water all around the island", "they are selling water at the
// junction", "the flood did not reach us", "the hospital is hiring
// nurses"). What fixed them: English keywords and other senses in
// data/taxonomy.json, English words of classify/polarity.go (received
// "gave us", "brought us"; trades "selling", "sold"; consumes "we eat",
// "like to eat"; over "did not reach us"; "nobody" a block and a lack).
var eng7Fixed = []auditCase{
	{"en", "there is water all around the island", "none"},
	{"en", "there is water all around the island, it is beautiful", "none"},
	{"en", "I dey drink pure water", "none"},
	{"en", "we cooked jollof rice for the party", "none"},
	{"en", "the jollof rice was sweet", "none"},
	{"en", "the food at the party was good", "none"},
	{"en", "the light came back but went off again", "electricity"},
	{"en", "the light came back but it went off again", "electricity"},
	{"en", "light came back but gone again", "electricity"},
	{"en", "we are hungra please help us", "food"},
	{"en", "please we need somthing to eat in Carrefour", "food"},
	{"en", "we eat nothing since 2 days", "food"},
	{"en", "we need medication for my mother she has pressure", "medical"},
	{"en", "we need a place to sleep", "shelter"},
	{"en", "we don't have anywhere to sleep", "shelter"},
	{"en", "the storm carried our roof, we no get where to sleep", "shelter"},
	{"en", "no drinking watter since 5 days", "water_supply"},
	{"en", "my brother go market since morning, he never come back", "missing_person"},
	{"en", "my son went to school and never come back", "missing_person"},
	{"en", "the dustbin is overflowing since one week", "solid_waste"}, // filed since Rule.FileKeywordPhrase
	{"en", "when will the distribution of food come to our area?", "asked aid_distribution"},
	{"en", "the red cross came and gave us water, thanks", "none"},
	{"en", "NGO gave us blankets yesterday, thank you", "none"},
	{"en", "they brought us food, thank you", "none"},
	{"en", "they are selling water at the junction", "none"},
	{"en", "they sold rice at the market", "none"},
	{"en", "I like to eat rice and beans", "none"},
	{"en", "we are safe, the flood did not reach us", "none"},
	{"en", "the hospital is hiring nurses", "none"},
	{"en", "my sister is a nurse", "none"},
}

// eng7Cases are the near misses of eng7Fixed: they keep their need
// ("nobody gave us food", "no one is selling water in our area", "the
// flood is coming, it did not reach us yet", "we have to drink water
// from the river", "is a doctor coming to Delmas?").
var eng7Cases = []auditCase{
	{"en", "nobody gave us food", "food"},
	{"en", "no one gave us water", "water_supply"},
	{"en", "they gave us rice but it is not enough", "food"},
	{"en", "the water they gave us is dirty", "water_supply"},
	{"en", "nobody is selling food here", "food"},
	{"en", "no one is selling water in our area", "water_supply"},
	{"en", "they are selling the food aid, we need food", "food"},
	{"en", "the flood did not reach the market but our house is under water", "flood"},
	{"en", "the flood reached us last night", "flood"},
	{"en", "the flood is coming, it did not reach us yet", "flood"},
	{"en", "we drink dirty water", "water_supply"},
	{"en", "we have to drink water from the river", "water_supply"},
	{"en", "we dey drink water from the creek", "water_supply"},
	{"en", "we no get pure water to drink", "water_supply"},
	{"en", "I would like to eat rice, we are hungry", "food"},
	{"en", "we eat leaves, no food", "food"},
	{"en", "we eat only rice every day, please help", "food"},
	{"en", "we have water every two days only", "water_supply"},
	{"en", "the light went off again", "electricity"},
	{"en", "light came back", "none"},
	{"en", "the light came back but the water is still off", "water_supply"},
	{"en", "the power came back but went off again", "electricity"},
	{"en", "we found a place to sleep", "none"},
	{"en", "is a doctor coming to Delmas?", "medical"},
	{"en", "my sister is a nurse, she says my son needs a doctor", "medical"},
	{"en", "the hospital is hiring but we need medicine", "medical"},
	{"en", "water all around but nothing to drink", "water_supply"},
	{"en", "water all around us, we are trapped", "flood"},
	{"en", "we need rice, the party is over", "food"},
	{"en", "we cooked the last rice, now we have no food", "food"},
	{"en", "we are hungry", "food"},
	{"en", "we need food", "food"},
	{"en", "we need drinking water please", "water_supply"},
	{"en", "much more doctores are needed", "medical"},
	{"en", "the light never come back since Monday", "electricity"},
	{"en", "I can't eat, there is no food", "food"},
	// Asked, with people trapped first on the menu: one keyword of
	// "rubble" scores 0.16 to 0.25, under Need (docs/sms.md).
	{"en", "we are under the rubble", "asked people_trapped"},
	{"en", "people are stuck under the school building", "asked people_trapped"},
}

// TestEng7Fixed: what the eighth English audit fixed gets its outcome
// now.
func TestEng7Fixed(t *testing.T) {
	checkAudit5(t, eng7Fixed)
}

// TestEng7: the near misses of the eighth English audit keep their
// outcome.
func TestEng7(t *testing.T) {
	checkAudit5(t, eng7Cases)
}
