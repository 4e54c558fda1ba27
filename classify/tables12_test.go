package classify_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestTables12HearsayUnion: a language's hearsay is one list, read both
// before a hazard in its clause (askedAbout) and anywhere in a message
// against a phrase keyword (phraseStated). A hazard after a word of
// hearsay that only phraseStated used to read ("i was told", "said",
// "dit que", "entendu", "li di", "a di", "alisema", "inasemekana",
// "ouvi", "dicen") is asked about, offered first, as one after "they
// say" was; all of them were filed before.
func TestTables12HearsayUnion(t *testing.T) {
	checkAsked(t, classify.New(data.DefaultTaxonomy()), []struct{ text, cat string }{
		{"I was told there is a flood near the river", "flood"},
		{"the driver said the road is flooded", "flood"},
		{"the radio says there is flooding on the main road", "flood"},
		{"the police said people are trapped under the building", "people_trapped"},
		{"le chauffeur dit que la route est inondée", "flood"},
		{"entendu qu il y a une inondation à Jacmel", "flood"},
		{"li di gen inondasyon nan zòn nan", "flood"},
		{"chofè a di dlo a monte", "flood"},
		{"alisema mafuriko yamefika", "flood"},
		{"inasemekana kuna mafuriko mtaani", "flood"},
		{"ouvi que vem outra cheia", "flood"},
		{"dicen hay inundación en el barrio", "flood"},
	})
}

// TestTables12NearMisses: what keeps its reading next to the hearsay
// union: hearsay in another clause (a comma, "paske"), a need that is no
// hazard, a report without hearsay.
func TestTables12NearMisses(t *testing.T) {
	checkFiled(t, classify.New(data.DefaultTaxonomy()), []struct{ text, cat string }{
		{"the flood took our house", "flood"},
		{"nou sanble lakay matant mwen, inondasyon pran kay nou", "flood"},
		{"nou sanble nan legliz la paske inondasyon pran kay nou", "flood"},
		{"the doctor said there is cholera in the camp", "medical"},
		{"said to my wife the house collapsed, we need a tent", "shelter"},
		{"i heard a fire in the market, 3 houses burned", "fire"},
	})
}
