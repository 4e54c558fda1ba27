package classify_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestKeywordOnlyPhraseRuleOff: without Rule.FileKeywordPhrase a stated
// phrase of a category only the keywords read is asked, as before: the
// rule, not something else, files it.
func TestKeywordOnlyPhraseRuleOff(t *testing.T) {
	m, err := classify.BuiltinModel()
	if err != nil {
		t.Fatal(err)
	}
	off := classify.ModelRule
	off.FileKeywordPhrase = 0
	c := classify.NewWithModel(data.DefaultTaxonomy(), m, off)
	for _, msg := range []string{"the garbage has not been collected for two weeks in Tandale", "la route est bloquée par un arbre"} {
		if cat, ok := c.Classify(msg).Main(); ok {
			t.Errorf("without FileKeywordPhrase: %q filed %s", msg, cat)
		}
	}
}

// TestKeywordOnlyPhraseCityCategory: a category a city adds to its
// taxonomy (the model has never seen it) is filed on a phrase keyword
// stated as a report in any of the six languages, and asked on a bare
// word, a question or hearsay, as the built-in ones are.
func TestKeywordOnlyPhraseCityCategory(t *testing.T) {
	tax := editedTaxonomy(t, func(file map[string]any) {
		file["categories"] = append(file["categories"].([]any), map[string]any{
			"id": "stray_dogs", "severity": 2,
			"labels": map[string]any{"en": "Stray dogs", "fr": "Chiens errants", "sw": "Mbwa koko"},
			"keywords": map[string]any{
				"en": []any{"dogs", "stray dogs", "dog … biting"},
				"fr": []any{"chiens errants"},
				"sw": []any{"mbwa koko"},
				"ht": []any{"chen lari", "chen yo mòde"},
				"pt": []any{"cães vadios"},
				"es": []any{"perros callejeros"},
			},
		})
	})
	c := classify.New(tax)
	for _, tt := range []struct {
		msg   string
		filed bool
	}{
		{"there are stray dogs near the school in Tandale", true},
		{"the dog of my neighbour is biting children", true}, // a keyword with a gap
		{"il y a des chiens errants devant l'école", true},
		{"kuna mbwa koko wengi karibu na shule", true},
		{"gen anpil chen lari bò lekòl la", true},
		{"há muitos cães vadios perto da escola", true},
		{"hay perros callejeros en el barrio", true},
		{"dogs everywhere in Tandale", true},                 // the keyword opens the message
		{"there are dogs everywhere in Tandale", false},      // a bare word
		{"are there stray dogs near the school?", false},     // a question
		{"people say stray dogs are near the school", false}, // hearsay
	} {
		r := c.Classify(tt.msg)
		cat, ok := r.Main()
		if cat != "stray_dogs" || ok != tt.filed {
			t.Errorf("city: Classify(%q).Main() = %q, %v; want stray_dogs, filed %v (needs %v)", tt.msg, cat, ok, tt.filed, r.Needs)
		}
	}
}
