package classify_test

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestCampAsWhereNotRead: an English word of where, "we are in the camp,
// no food", names the sender's place, no shelter keyword; Roman Urdu's
// function words count against it: "in camp walon" (these camp people)
// reads the camp (where.txt).
func TestCampAsWhereNotRead(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	if slices.ContainsFunc(c.Classify("we are in the camp, no food").Keywords, func(k classify.CategoryMatch) bool { return k.Category == "shelter" }) {
		t.Errorf("English: camp read as a need")
	}
}

// TestAidKeywordsHoldNoQuestionWord: no aid keyword holds a question
// word: "imdad kab" (aid when) is none, so "imdad kab milegi" is asked,
// aid offered first (questions.txt).
func TestAidKeywordsHoldNoQuestionWord(t *testing.T) {
	if slices.Contains(data.DefaultTaxonomy().Category("aid_distribution").Keywords["ur"], "imdad kab") {
		t.Errorf("imdad kab is a keyword")
	}
}
