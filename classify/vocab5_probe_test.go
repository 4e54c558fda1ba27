package classify_test

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// vocab5Fixed are messages of the fifth vocabulary probe, English as
// residents of West Africa (Liberian English, Krio, Nigerian and Ghanaian
// English and Pidgin) and South Asia (Bangladeshi and Indian English) text
// it, with a few Swahili, Creole and Spanish leftovers, that the classifier
// got wrong or missed at lead 336054c, with what they get now (see
// auditCase for want). Written from knowledge of how residents text, not
// from the development corpus, and none of the other probe files'
// messages. What fixed them: keywords ("NEPA took light", "light off",
// "light gone", "light cut", "current not there", "tube well", "overhead
// tank", "water logging", "marooned", "miscreants", "kidnappers", "goons",
// "chain snatching", "loose motions", "met with accident", "insulin",
// "belle dey pain", "nothing to chop", "never chop", "house wash away",
// "no get place to sleep", "cylinder blast", "wall … fall down"), other
// senses ("water under the bridge", "broke into tears", "sugar patient",
// "power to the people", "went off and never came back") and words of polarity.go's tables (English "chop" eaten and "pure"
// water, Swahili "ulirudi", "yalirudi" and "asubuhi", Creole "nou achte").
var vocab5Fixed = []auditCase{
	{"en", "NEPA took light since morning", "electricity"},
	{"en", "LEC took the light again, we in dark", "electricity"},
	{"en", "light off for 3 days now", "electricity"},
	{"en", "PHCN don take light since Monday", "electricity"},
	{"en", "ECG has cut our light since morning", "electricity"},
	{"en", "light don go for our side", "electricity"},
	{"en", "they took light since friday", "electricity"},
	{"en", "current is not there since morning", "electricity"},
	{"en", "the light has been off since the rain", "electricity"},
	{"en", "light never come since Sunday", "electricity"},
	{"en", "they cut the light since two days", "electricity"},
	{"en", "light gone since morning in Sinkor", "electricity"},
	{"en", "the light went off and never came back", "electricity"},
	{"en", "light cut since morning in Mirpur 2", "electricity"},
	{"en", "the tube well is not working", "water_supply"},
	{"en", "our overhead tank is empty since yesterday", "water_supply"},
	{"en", "the well dry up", "water_supply"},
	{"en", "that is water under the bridge", "none"},
	{"en", "I am going to buy pure water", "none"},
	{"en", "water logging in our area", "flood"},
	{"en", "severe water logging in Dhanmondi after rain", "flood"},
	{"en", "water-logging on our road knee deep", "flood"},
	{"en", "waterlogging in our lane since morning", "flood"},
	{"en", "we are marooned, water all around the house", "flood"},
	{"en", "rain water don enter our room", "flood"},
	{"en", "miscreants are beating people in our area", "security"},
	{"en", "kidnappers took my brother", "security"},
	{"en", "they broke in and took everything", "security"},
	{"en", "goons are threatening shopkeepers", "security"},
	{"en", "chain snatching is happening in our area", "security"},
	{"en", "she broke into tears", "none"},
	{"en", "he broke into a smile", "none"},
	{"en", "my daughter got loose motions and vomiting", "medical"},
	{"en", "my brother met with an accident", "asked medical"},
	{"en", "my father is a sugar patient, need insulin", "medical"},
	{"en", "my belle dey pain me too much", "medical"},
	{"en", "we never chop since yesterday", "food"},
	{"en", "nothing to chop in the house", "food"},
	{"en", "I go chop rice now", "none"},
	{"en", "our house wash away, we sleep outside", "shelter"},
	{"en", "rain beat us, we no get place to sleep", "shelter"},
	{"en", "gas cylinder blast in our building", "asked fire"},
	{"en", "people hang for roof, water still rising", "flood"},
	{"en", "the building fall down, people inside", "asked building_collapse"},
	{"en", "the wall fall down on the children", "asked building_collapse"},
	{"en", "power to the people", "none"},
	{"sw", "maji yalirudi jana", "none"},
	{"sw", "umeme ulirudi jana usiku", "none"},
	{"sw", "umeme umerudi asubuhi", "none"},
	{"ht", "nou achte dlo ak manje nan mache a", "none"},
	{"en", "the light no come back since", "electricity"},
	{"en", "we are chopping rice now", "none"},
	{"en", "we have pure water thanks", "none"},
	{"en", "thank you for the pure water", "none"},
	{"en", "we have nothing to chop, pls help", "food"},
	{"en", "light off since morning pls help", "electricity"},
	{"en", "my son has loose motion since morning", "asked medical"},
	{"en", "my phone was snatched near the bus stand", "asked security"},
	{"en", "we are marooned", "asked people_trapped|flood"},
	{"en", "the lights are off since yesterday", "asked electricity"},
}

// vocab5Cases are the probe's other messages and the near misses of its
// fixes, which must keep their outcome: "light" and "current" in other
// senses (light rain, the light of my life, the current situation, a
// light breakfast, the current of a river), a light turned off at
// bedtime, things broken in half, a ball snatched, money that did not
// come back, chit-chat ("how far", "I dey come", "no wahala", "do the
// needful"), and needs said with a lack that the polarity words must not
// unread ("we never chop rice", "nou bezwen achte dlo", "umeme ulirudi
// lakini umekatika tena"). Left as they are (docs/sms.md): "the light came
// back but went off again" (refused: "light" alone is no keyword, so
// nothing is back to be cut again), "I dey drink pure water" and "we
// cooked jollof rice for the party" (filed: drinking and cooking are no
// meal words), "this price na armed robbery", "this beat is sick", "my
// pikin lost since Friday" and "we no see my papa since the flood"
// (filed as a flood; both met since: audit6_probe_test.go).
var vocab5Cases = []auditCase{
	{"en", "no light since yesterday", "electricity"},
	{"en", "current don go since yesterday", "electricity"},
	{"en", "no light for our area for one week", "electricity"},
	{"en", "dumsor again, no light since 6pm", "electricity"},
	{"en", "power cut for 10 hours in Mirpur", "electricity"},
	{"en", "load shedding whole night children can't sleep", "electricity"},
	{"en", "electricity gone since morning in Uttara", "electricity"},
	{"en", "there is no current in our village since the storm", "electricity"},
	{"en", "the transformer blow, no light for whole area", "electricity"},
	{"en", "no electricity since cyclone, pls help", "electricity"},
	{"en", "is load shedding electricity? 8 hours no power in Mohammadpur", "electricity"},
	{"en", "the power came back but it went off again", "electricity"},
	{"en", "our transformer spoil since last week", "electricity"},
	{"en", "light rain this morning", "none"},
	{"en", "you are the light of my life", "none"},
	{"en", "the current situation in the country is not easy", "none"},
	{"en", "current affairs quiz tonight", "none"},
	{"en", "I will light a candle for you", "none"},
	{"en", "the bag is light, I can carry it", "none"},
	{"en", "the light came back this morning thank God", "none"},
	{"en", "light don come, thank God", "none"},
	{"en", "current account balance is low", "none"},
	{"en", "turn off the light when you leave", "none"},
	{"en", "the current in the river is strong", "none"},
	{"en", "NEPA bill too high this month", "none"},
	{"en", "light skin girl", "none"},
	{"en", "no pipe-borne water for one week", "water_supply"},
	{"en", "no pipe borne water in our area", "water_supply"},
	{"en", "the borehole spoil", "water_supply"},
	{"en", "the borehole don spoil since last week", "water_supply"},
	{"en", "water not coming in the tap since morning", "water_supply"},
	{"en", "water not coming in the line since 3 days", "water_supply"},
	{"en", "no water in the line", "water_supply"},
	{"en", "water no dey run for tap", "water_supply"},
	{"en", "the tank is empty, no water to bath", "water_supply"},
	{"en", "our water tank is empty", "water_supply"},
	{"en", "tube well broken, no drinking water", "water_supply"},
	{"en", "tubewell water has arsenic", "water_supply"},
	{"en", "WASA line no water since 3 days", "water_supply"},
	{"en", "no water supply in our building", "water_supply"},
	{"en", "the water pump spoil since Monday", "water_supply"},
	{"en", "no pure water to drink", "water_supply"},
	{"en", "no water coming in the pipe", "water_supply"},
	{"en", "the tank is empty", "asked"},
	{"en", "my car tank is empty, no fuel", "none"},
	{"en", "plenty water enter the house", "flood"},
	{"en", "water enter our house everything spoil", "flood"},
	{"en", "the river don full, water enter houses", "flood"},
	{"en", "flood carry everything for our area", "flood"},
	{"en", "the whole place flood", "flood"},
	{"en", "road block by water", "asked road_blocked"},
	{"en", "the road is blocked by water, cars can't pass", "asked road_blocked"},
	{"en", "thief men broke in last night", "security"},
	{"en", "thief men broke into my shop", "security"},
	{"en", "armed robbers attacked our area last night", "security"},
	{"en", "armed robbers came to our house", "security"},
	{"en", "dacoits attacked our village last night", "security"},
	{"en", "hoodlums attacked our street", "security"},
	{"en", "cultists are fighting in our area", "security"},
	{"en", "thieves broke in our house at night", "security"},
	{"en", "armed robbery in our area last night", "security"},
	{"en", "my ma sick bad", "medical"},
	{"en", "my pikin dey sick", "medical"},
	{"en", "my father is serious, need doctor", "medical"},
	{"en", "my mother is very sick, we need help", "medical"},
	{"en", "my wife got typhoid", "medical"},
	{"en", "I'm dying to see you", "none"},
	{"en", "the baby get high fever and convulsion", "medical"},
	{"en", "no food for the pikin them", "food"},
	{"en", "hunger dey kill us", "food"},
	{"en", "we need dal and rice", "food"},
	{"en", "let's go chop", "none"},
	{"en", "how much is rice in Kawran Bazar", "none"},
	{"en", "cyclone shelter full, no place to stay", "shelter"},
	{"en", "the storm carry our roof, we need tarpaulin", "shelter"},
	{"en", "no gas line since morning", "asked"},
	{"en", "no gas in the line since yesterday", "asked"},
	{"en", "fire don catch the house", "fire"},
	{"en", "the gas cylinder exploded and the kitchen is burning", "asked fire"},
	{"en", "bush fire near our village", "asked fire"},
	{"en", "this jollof is fire", "none"},
	{"en", "we stuck for roof, water everywhere", "flood|people_trapped"},
	{"en", "how far", "none"},
	{"en", "how far na, wetin dey", "none"},
	{"en", "I dey come", "none"},
	{"en", "no wahala", "none"},
	{"en", "no wahala, I go call you", "none"},
	{"en", "wetin dey happen", "none"},
	{"en", "abeg call me", "none"},
	{"en", "chop life my guy", "none"},
	{"en", "I am coming, on the way", "none"},
	{"en", "please do the needful", "none"},
	{"en", "kindly revert", "none"},
	{"en", "what is your good name", "none"},
	{"en", "tension nai bhai", "none"},
	{"en", "the match don start?", "none"},
	{"en", "my battery is low, charge my phone", "none"},
	{"en", "I dey kampe", "none"},
	{"en", "e go better", "none"},
	{"en", "God dey", "none"},
	{"en", "Happy Pohela Boishakh to all", "none"},
	{"en", "good morning sir, how is your family", "none"},
	{"ht", "nou achte dlo", "none"},
	{"ht", "m achte manje", "none"},
	{"es", "la luz volvió ayer pero se fue otra vez", "electricity"},
	{"en", "lights off, going to sleep, good night", "none"},
	{"en", "turn the light off please", "none"},
	{"en", "switch the light off and sleep", "none"},
	{"en", "I took light breakfast this morning", "none"},
	{"en", "they have taken light refreshments", "none"},
	{"en", "the current went up the river", "none"},
	{"en", "the light is not there in the picture", "none"},
	{"en", "we sell well dried fish", "none"},
	{"en", "the clothes dry well in the sun", "none"},
	{"en", "they broke in half", "none"},
	{"en", "the glass broke in two pieces", "none"},
	{"en", "stop harassing me lol", "none"},
	{"en", "the boy snatched the ball from me", "none"},
	{"en", "no chop money this month", "none"},
	{"en", "I no see my phone", "none"},
	{"en", "my money no come back", "none"},
	{"en", "my house key fall down", "none"},
	{"en", "the price of house fall down", "none"},
	{"en", "the price is robbery", "none"},
	{"en", "I took a tube of toothpaste", "none"},
	{"en", "we never chop rice since yesterday", "food"},
	{"en", "we need pure water", "water_supply"},
	{"en", "no pure water to drink since 2 days", "water_supply"},
	{"en", "the light went off since yesterday", "electricity"},
	{"en", "the house was broken into last night", "security"},
	{"en", "thieves broke in", "security"},
	{"sw", "umeme ulirudi lakini umekatika tena", "electricity"},
	{"sw", "umeme ulirudi jana lakini umekatika tena", "electricity"},
	{"sw", "maji yalirudi jana lakini yamekatika tena", "water_supply"},
	{"ht", "nou achte dlo paske pa gen dlo", "water_supply"},
	{"ht", "nou pa gen kob pou achte manje", "food"},
	{"ht", "nou bezwen achte dlo", "water_supply"},
	{"es", "es verdad que va a temblar otra vez?", "none"},
	{"pt", "a luz voltou, obrigado", "none"},
	{"pt", "a luz foi embora outra vez", "electricity"},
	{"es", "otra vez sin luz", "electricity"},
	{"en", "lights went off since last night", "asked electricity"},
	{"en", "my pikin get fever since yesterday", "asked medical"},
	{"en", "we are in cyclone shelter, no food", "food"},
	{"en", "they break my shop last night", "asked"},
	{"en", "our kutcha house broken in the storm", "asked"},
	{"en", "the area boys are harassing people", "asked"},
}

// TestVocab5Fixed: the messages of the fifth vocabulary probe that were
// wrong or missed get their outcome now.
func TestVocab5Fixed(t *testing.T) {
	checkAuditCases(t, vocab5Fixed)
}

// TestVocab5: the probe's other messages and the near misses of its
// fixes keep their outcome.
func TestVocab5(t *testing.T) {
	checkAuditCases(t, vocab5Cases)
}

// TestVocab5NotMisread: the need a word of these messages read before
// the probe's fixes is not listed: a diabetic ("sugar patient") needs no
// food, a light that never came back is no missing person, water under
// the bridge and water logging are no water supply, tears are no
// burglary.
func TestVocab5NotMisread(t *testing.T) {
	checkNotMisread(t, []misreading{
		{"en", "my father is a sugar patient, need insulin", "food"},
		{"en", "my father has sugar, he is taking medicine", "food"},
		{"en", "the light went off and never came back", "missing_person"},
		{"en", "that is water under the bridge", "water_supply"},
		{"en", "water logging in our area", "water_supply"},
		{"en", "people hang for roof, water still rising", "water_supply"},
		{"en", "we are marooned, water all around the house", "water_supply"},
		{"en", "rain water don enter our room", "water_supply"},
		{"en", "she broke into tears", "security"},
		{"en", "power to the people", "electricity"},
	})
}

// TestVocab5Met: services back in the Swahili past tense or in the
// morning, a purchase in Creole's bare verb, food chopped (eaten) and pure
// (sachet) water bought or had are read as met (polarity.go's word
// tables), not merely left unfiled.
func TestVocab5Met(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ lang, text, cat string }{
		{"sw", "maji yalirudi jana", "water_supply"},
		{"sw", "umeme ulirudi jana usiku", "electricity"},
		{"sw", "umeme umerudi asubuhi", "electricity"},
		{"ht", "nou achte dlo ak manje nan mache a", "water_supply"},
		{"ht", "nou achte dlo ak manje nan mache a", "food"},
		{"en", "I go chop rice now", "food"},
		{"en", "we are chopping rice now", "food"},
		{"en", "I am going to buy pure water", "water_supply"},
		{"en", "we have pure water thanks", "water_supply"},
	} {
		r := c.Classify(tt.text)
		if !slices.Contains(r.Met, tt.cat) || slices.Contains(needIDs(r), tt.cat) {
			t.Errorf("[%s] %q: met %v, needs %v; want %s met", tt.lang, tt.text, r.Met, r.Needs, tt.cat)
		}
	}
}
