package classify_test

// Helpers shared by the classify tests: the needs of a result, and the
// built-in taxonomy edited as a city edits its file.

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// needIDs lists the categories of r's needs, in order.
func needIDs(r classify.Result) []string {
	var ids []string
	for _, n := range r.Needs {
		ids = append(ids, n.Category)
	}
	return ids
}

// editedTaxonomy is the built-in taxonomy file changed by edit (its JSON
// object, as a city edits the file) and read back through ParseTaxonomy.
func editedTaxonomy(t *testing.T, edit func(file map[string]any)) *data.Taxonomy {
	t.Helper()
	var file map[string]any
	if err := json.Unmarshal(data.DefaultTaxonomyJSON(), &file); err != nil {
		t.Fatal(err)
	}
	edit(file)
	raw, err := json.Marshal(file)
	if err != nil {
		t.Fatal(err)
	}
	tax, err := data.ParseTaxonomy(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("parse the edited taxonomy: %v", err)
	}
	return tax
}

// defaultMatcher reads messages with the built-in taxonomy.
var defaultMatcher = classify.NewKeywordMatcher(data.DefaultTaxonomy())

// taxonomyKeywords is the built-in taxonomy with only the keywords (and
// the phrases of other senses) of the languages keep accepts.
func taxonomyKeywords(t *testing.T, keep func(lang string) bool) *data.Taxonomy {
	t.Helper()
	return editedTaxonomy(t, func(file map[string]any) {
		for _, c := range file["categories"].([]any) {
			for _, field := range []string{"keywords", "other_senses"} {
				byLang, _ := c.(map[string]any)[field].(map[string]any)
				for lang := range byLang {
					if !keep(lang) {
						delete(byLang, lang)
					}
				}
			}
		}
	})
}

// withoutOtherSenses returns the built-in taxonomy with no phrase of
// other senses, or with only the phrase keep of category cat and
// language lang when keep is not "".
func withoutOtherSenses(t *testing.T, cat, lang, keep string) *data.Taxonomy {
	t.Helper()
	return editedTaxonomy(t, func(file map[string]any) {
		for _, c := range file["categories"].([]any) {
			c := c.(map[string]any)
			delete(c, "other_senses")
			if keep != "" && c["id"] == cat {
				c["other_senses"] = map[string]any{lang: []any{keep}}
			}
		}
	})
}

// withoutSensesOf is the built-in taxonomy without the other senses of
// category cat (those of the other categories kept).
func withoutSensesOf(t *testing.T, cat string) *data.Taxonomy {
	t.Helper()
	return editedTaxonomy(t, func(file map[string]any) {
		for _, c := range file["categories"].([]any) {
			if c := c.(map[string]any); c["id"] == cat {
				delete(c, "other_senses")
			}
		}
	})
}

func matchedIDs(m *classify.KeywordMatcher, msg string) []string {
	var ids []string
	for _, k := range m.MatchAll(msg) {
		ids = append(ids, k.Category)
	}
	return ids
}
