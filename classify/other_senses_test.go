package classify_test

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestCheiaFullOf: Portuguese "cheia" is a flood as a noun and "full" as
// an adjective; followed by "de" and not after an article it is the
// adjective ("a rua está cheia de lama", the street is full of mud). The
// keyword matcher itself must not read a flood there, which no kind of the
// readings says (their "not flood" lines check the classifier).
func TestCheiaFullOf(t *testing.T) {
	m := classify.NewKeywordMatcher(data.DefaultTaxonomy())
	for _, tt := range []struct {
		msg   string
		flood bool
	}{
		{"a rua está cheia de lama", false},
		{"a rua esta cheia de lama depois da chuva", false},
		{"o quintal ficou cheio de lama", false},
		{"a cheia levou casas", true},
		{"cheia no bairro", true},
		{"CHEIA! socorro", true},
		{"as cheias de janeiro levaram casas", true},
		{"a casa está cheia de água", true},
	} {
		flood := false
		for _, c := range m.MatchAll(tt.msg) {
			flood = flood || c.Category == "flood"
		}
		if flood != tt.flood {
			t.Errorf("MatchAll(%q) reads flood: %v, want %v", tt.msg, flood, tt.flood)
		}
	}
}

// TestCityOtherSenseTakesEffect: a phrase a city adds to a category's
// other senses in its taxonomy file takes effect: "power steering" (a
// car's) no longer names electricity ("power bank" is a built-in other
// sense).
func TestCityOtherSenseTakesEffect(t *testing.T) {
	tax := editedTaxonomy(t, func(file map[string]any) {
		for _, c := range file["categories"].([]any) {
			if c := c.(map[string]any); c["id"] == "electricity" {
				senses := c["other_senses"].(map[string]any)
				senses["en"] = append(senses["en"].([]any), "power steering")
			}
		}
	})
	const msg = "my car needs power steering oil"
	if r := classify.New(data.DefaultTaxonomy()).Classify(msg); !slices.Contains(needIDs(r), "electricity") {
		t.Fatalf("built-in taxonomy: needs %v without electricity: the test shows nothing", r.Needs)
	}
	if r := classify.New(tax).Classify(msg); slices.Contains(needIDs(r), "electricity") {
		t.Errorf("city taxonomy: needs %v list electricity", r.Needs)
	}
}
