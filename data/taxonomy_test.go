package data_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data"
)

func TestDefaultTaxonomyHasStableIDs(t *testing.T) {
	tax := data.DefaultTaxonomy()
	want := []string{"flood", "fire", "landslide", "building_collapse", "people_trapped", "medical", "shelter",
		"food", "water_supply", "sanitation", "blocked_drain", "solid_waste", "electricity", "road_blocked", "security", "other"}
	for _, id := range want {
		c := tax.Category(id)
		if c == nil {
			t.Errorf("category %q missing", id)
			continue
		}
		for _, lang := range []string{"en", "fr", "sw"} {
			if c.Labels[lang] == "" {
				t.Errorf("category %q has no %s label", id, lang)
			}
		}
	}
	if tax.Category("nonsense") != nil {
		t.Error("unknown id found")
	}
}

func TestParseTaxonomyRejects(t *testing.T) {
	good := string(data.DefaultTaxonomyJSON())
	tests := []struct {
		name string
		in   string
	}{
		{"not JSON", "{"},
		{"unknown field", strings.Replace(good, `"version": 1`, `"version": 1, "colour": "red"`, 1)},
		{"version 2", strings.Replace(good, `"version": 1`, `"version": 2`, 1)},
		{"severity 9", strings.Replace(good, `"severity": 4`, `"severity": 9`, 1)},
		{"bad id", strings.Replace(good, `"id": "flood"`, `"id": "Flood Zone"`, 1)},
		{"duplicate id", strings.Replace(good, `"id": "fire"`, `"id": "flood"`, 1)},
		{"missing label", strings.Replace(good, `"sw": "Mafuriko"`, `"de": "Hochwasser"`, 1)},
		{"no categories", `{"version":1,"languages":["en"],"categories":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.in == good {
				t.Fatal("replacement did not apply: the test is not testing anything")
			}
			if _, err := data.ParseTaxonomy(strings.NewReader(tt.in)); err == nil {
				t.Fatal("accepted")
			}
		})
	}
	if _, err := data.ParseTaxonomy(bytes.NewReader(data.DefaultTaxonomyJSON())); err != nil {
		t.Fatalf("default rejected: %v", err)
	}
}

func TestDefaultTaxonomyKeywords(t *testing.T) {
	tax := data.DefaultTaxonomy()
	langs := []string{"en", "fr", "sw", "pt", "es", "ht"}
	for _, c := range tax.Categories {
		for _, lang := range langs {
			n := len(c.Keywords[lang])
			if n == 0 {
				t.Errorf("category %q has no %s keywords", c.ID, lang)
			}
			if n < 8 {
				t.Errorf("category %q has only %d %s keywords", c.ID, n, lang)
			}
		}
		for _, lang := range langs {
			if c.Labels[lang] == "" {
				t.Errorf("category %q has no %s label", c.ID, lang)
			}
		}
	}
}

func TestParseTaxonomyRejectsKeywords(t *testing.T) {
	good := string(data.DefaultTaxonomyJSON())
	tests := []struct {
		name  string
		in    string
		field string
	}{
		// "mafuriko" is a flood keyword; give it to fire as well.
		{"same keyword in two categories", strings.Replace(good, `"sw": ["moto",`, `"sw": ["mafuriko", "moto",`, 1), "categories.fire.keywords.sw"},
		// Equal only after folding case and accents.
		{"collision after folding", strings.Replace(good, `"fr": ["incendie",`, `"fr": ["INONDÉ", "incendie",`, 1), "categories.fire.keywords.fr"},
		{"unknown keyword language", strings.Replace(good, `"ht": ["dife",`, `"de": ["Brand"], "ht": ["dife",`, 1), "categories.fire.keywords.de"},
		{"blank keyword", strings.Replace(good, `"en": ["fire",`, `"en": [" ?! ", "fire",`, 1), "categories.fire.keywords.en"},
		{"bad keyword language code", strings.Replace(good, `"keyword_languages": ["en",`, `"keyword_languages": ["EN", "en",`, 1), "keyword_languages"},
		// A gap needs a word on each side, and a keyword holds one gap.
		{"gap at the end", strings.Replace(good, `"en": ["fire",`, `"en": ["fire …", "fire",`, 1), "categories.fire.keywords.en"},
		{"gap at the start", strings.Replace(good, `"en": ["fire",`, `"en": ["... fire", "fire",`, 1), "categories.fire.keywords.en"},
		{"two gaps", strings.Replace(good, `"en": ["fire",`, `"en": ["fire … in … house", "fire",`, 1), "categories.fire.keywords.en"},
		// "mur … tombé" is a building_collapse keyword; "..." is its gap too.
		{"gap keyword in two categories", strings.Replace(good, `"fr": ["piégé",`, `"fr": ["MUR ... tombé", "piégé",`, 1), "categories.people_trapped.keywords.fr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.in == good {
				t.Fatal("replacement did not apply: the test is not testing anything")
			}
			_, err := data.ParseTaxonomy(strings.NewReader(tt.in))
			var ve *data.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, want a *ValidationError", err)
			}
			if ve.Field != tt.field {
				t.Errorf("field %q, want %q (%v)", ve.Field, tt.field, err)
			}
		})
	}
}

func TestParseTaxonomyAllowsKeywordInOneCategoryTwice(t *testing.T) {
	// "hospital" is English, Portuguese and Spanish: the same category may
	// list a keyword in several languages.
	tax, err := data.ParseTaxonomy(bytes.NewReader(data.DefaultTaxonomyJSON()))
	if err != nil {
		t.Fatal(err)
	}
	c := tax.Category("medical")
	if !slices.Contains(c.Keywords["en"], "hospital") || !slices.Contains(c.Keywords["pt"], "hospital") {
		t.Fatal("test premise: hospital is an en and pt medical keyword")
	}
}

func TestCategoryLabelFallsBack(t *testing.T) {
	c := data.Category{Labels: map[string]string{"en": "Flood", "sw": "Mafuriko"}}
	if got := c.Label("sw"); got != "Mafuriko" {
		t.Errorf("sw: %q", got)
	}
	if got := c.Label("ht"); got != "Flood" {
		t.Errorf("ht: %q", got)
	}
	if got := (&data.Category{}).Label("en"); got != "" {
		t.Errorf("no labels: %q", got)
	}
}
