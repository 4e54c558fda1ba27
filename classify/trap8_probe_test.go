package classify_test

import (
	"testing"
)

// trap8Fixed are English and Creole messages of people under rubble,
// sleeping outside, a family lost, adverts and offers, that listed
// nothing, lost a need or were filed or refused wrongly before the
// eighth trapped-and-shelter session (hedged keywords, the Creole
// offers of offersUnlessAsked, keywords of people trapped, shelter,
// food and missing person in data/taxonomy.json).
var trap8Fixed = []trapCase{
	// A person under a collapsed building is trapped: offered, listed.
	{"en", "my brother is under the collapsed house", "asked people_trapped", []string{"people_trapped"}},
	{"en", "they are alive under the collapsed building", "asked people_trapped", []string{"people_trapped"}},
	{"ht", "gen timoun anba lekòl la", "asked people_trapped", []string{"people_trapped"}},
	{"ht", "gen moun anba legliz ki kraze a", "asked building_collapse|people_trapped", []string{"people_trapped"}},
	// Rubble alone is no trapped person.
	{"en", "please clear the rubble from the street", "asked medical|food|shelter|water_supply", nil},
	{"en", "there is rubble everywhere after the earthquake", "asked building_collapse|medical", nil},
	{"en", "they pulled him from the rubble yesterday, he is fine now", "none", nil},
	// Sleeping outside is offered as shelter, filed with another word
	// of it.
	{"en", "we are sleeping outside", "asked shelter", []string{"shelter"}},
	{"en", "my family is sleeping in the street", "asked shelter", []string{"shelter"}},
	{"en", "children sleeping in the open, it is raining", "asked shelter", []string{"shelter"}},
	{"en", "since the quake we sleep outside", "asked shelter", []string{"shelter"}},
	{"en", "we slept outside last night because of aftershocks", "asked shelter", nil},
	{"en", "people sleep outside in the camp, no food", "shelter", []string{"shelter", "food"}},
	{"en", "we are sleeping outside and we have no food", "food", []string{"food", "shelter"}},
	// A family lost, a resident who cannot eat.
	{"en", "i lost my family and i can't eat", "asked food|missing_person", []string{"food", "missing_person"}},
	{"en", "i lost my family", "asked missing_person", []string{"missing_person"}},
	{"en", "i lost my family, i don't know where they are", "asked missing_person", []string{"missing_person"}},
	{"en", "i can't eat since three days", "asked food", []string{"food"}},
	{"ht", "m pèdi fanmi m", "asked missing_person", []string{"missing_person"}},
	// Changed on purpose: the first was filed as medical (the family dead,
	// 0.38), the last two as medical (0.45, 0.43): a resident who cannot
	// eat is hungry or ill, asked with both listed.
	{"en", "i lost my family in the earthquake, they are dead", "none", nil},
	{"en", "my son is sick he can't eat", "asked food|medical", []string{"medical"}},
	{"en", "the baby cannot eat, she has fever", "asked food|medical", []string{"medical"}},
	{"ht", "m pèdi fanmi m, m pa jwenn yo", "asked missing_person", []string{"missing_person"}},
	// Creole adverts and offers are asked, as English ones are.
	{"ht", "nou vann dlo", "asked other", nil},
	{"ht", "nou ka bay manje", "asked other", nil},
	{"ht", "nou vann dlo pwop, rele nou", "asked other", nil},
	{"ht", "nou ka pote dlo bay moun ki bezwen", "asked other", nil},
	{"ht", "nou ka ede moun ki bezwen manje", "asked other", nil},
}

// trap8Cases are the near misses of trap8Fixed and the messages of the
// session's probe that were already right: they keep their outcome.
var trap8Cases = []trapCase{
	{"en", "people trapped under the rubble at the market", "people_trapped", nil},
	{"en", "two children stuck under the wall", "people_trapped", nil},
	{"en", "help we are stuck in the rubble", "people_trapped", nil},
	{"en", "my grandmother is trapped under the house", "people_trapped", nil},
	{"en", "we are under the rubble", "asked people_trapped", nil},
	{"en", "my son is stuck inside the collapsed church", "asked building_collapse|people_trapped", nil},
	{"en", "my mother is under the rubble please come", "asked people_trapped", nil},
	{"en", "stuck under the school building", "asked people_trapped", nil},
	{"ht", "nou anba dekonb", "asked people_trapped", []string{"people_trapped"}},
	{"ht", "gen moun anba kay la", "asked people_trapped", []string{"people_trapped"}},
	{"ht", "manman m anba kay la li vivan", "asked people_trapped", []string{"people_trapped"}},
	{"ht", "nou tande vwa anba dekonb yo", "asked people_trapped", []string{"people_trapped"}},
	{"ht", "nou bloke anba kay la", "asked people_trapped", []string{"people_trapped"}},
	{"ht", "yo di gen moun anba dekonb nan mache a", "asked people_trapped", []string{"people_trapped"}},
	{"en", "the rubble is blocking the road", "road_blocked", nil}, // filed since Rule.FileKeywordPhrase
	{"en", "my car is stuck in the mud", "none", nil},
	{"en", "we are stuck at home with no power", "electricity", nil},
	{"en", "under the bridge there is a lot of garbage", "asked solid_waste", nil},
	{"en", "we are sleeping outside, no tent", "shelter", nil},
	{"en", "we sleep outside since the earthquake, we need tents", "shelter", nil},
	{"en", "we are sleeping outside because we have no house", "shelter", nil},
	{"en", "the kids love to sleep outside in summer", "none", nil},
	{"ht", "nou dòmi deyò", "shelter", nil},
	{"ht", "nou dòmi nan lari a, nou bezwen tant", "shelter", nil},
	{"ht", "nou dòmi deyò, pa gen tant", "shelter", nil},
	{"ht", "mwen dòmi deyò paske kay la fann", "asked building_collapse|shelter", []string{"shelter"}},
	{"en", "i can't find my brother since the earthquake", "missing_person", nil},
	{"en", "i lost my phone", "none", nil},
	{"en", "i lost my job", "none", nil},
	{"ht", "mwen pa ka manje, mwen grangou", "food", nil},
	{"ht", "nou pa ka manje, pa gen manje", "food", nil},
	{"ht", "m ap vann diri", "asked other", nil},
	{"ht", "eske nou ka bay nou dlo?", "water_supply", nil},
	{"ht", "nou ka bay nou manje", "food", nil},
	{"ht", "tanpri nou ka bay manje?", "food", nil},
	{"ht", "nou vann chabon men nou pa gen manje", "food", nil},
	{"ht", "kote nou vann dlo?", "none", nil},
	{"ht", "yo vann dlo a twò chè", "none", nil},
	{"en", "we sell water", "asked other", nil},
	{"en", "we can give food", "asked other", nil},
	{"en", "we sell tents, call us", "asked other", nil},
	{"en", "we sell rice but we have no water", "water_supply", nil},
	{"en", "can you give us food", "food", nil},
}

// TestTrap8Fixed: the messages the session fixed get their outcome.
func TestTrap8Fixed(t *testing.T) {
	checkTrap(t, trap8Fixed)
}

// TestTrap8: the near misses keep theirs.
func TestTrap8(t *testing.T) {
	checkTrap(t, trap8Cases)
}
