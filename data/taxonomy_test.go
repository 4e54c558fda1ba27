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

// TestParseTaxonomyRejectsOtherSenses: a phrase of other senses
// (Category.OtherSenses) is refused with an error naming the category
// and the language when it is blank, in an unknown language, written
// with a bad gap, holds none of the category's keywords of its language,
// or is no more than one of them.
func TestParseTaxonomyRejectsOtherSenses(t *testing.T) {
	good := string(data.DefaultTaxonomyJSON())
	const flood = `"other_senses": {
      "en": ["flood of people",`
	tests := []struct {
		name, phrase, field string
	}{
		{"blank phrase", `" ?! ", `, "categories.flood.other_senses.en"},
		{"gap at the end", `"flood of …", `, "categories.flood.other_senses.en"},
		{"two gaps", `"flood … of … people", `, "categories.flood.other_senses.en"},
		// No keyword of flood: it would unread nothing.
		{"no keyword", `"a crowd of people", `, "categories.flood.other_senses.en"},
		// "dlo" is a Creole keyword, not an English one.
		{"keyword of another language", `"dlo nan je", `, "categories.flood.other_senses.en"},
		// "power" is a keyword of electricity, not of flood.
		{"keyword of another category", `"power of prayer", `, "categories.flood.other_senses.en"},
		// The keyword alone, or its plural, would unread it everywhere.
		{"the keyword itself", `"FLOOD", `, "categories.flood.other_senses.en"},
		{"the keyword's plural", `"floodings", `, "categories.flood.other_senses.en"},
		{"the gap keyword itself", `"river … rising", `, "categories.flood.other_senses.en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Replace(good, flood, strings.Replace(flood, `["flood of people",`, `[`+tt.phrase+`"flood of people",`, 1), 1)
			if in == good {
				t.Fatal("replacement did not apply: the test is not testing anything")
			}
			_, err := data.ParseTaxonomy(strings.NewReader(in))
			var ve *data.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, want a *ValidationError", err)
			}
			if ve.Field != tt.field {
				t.Errorf("field %q, want %q (%v)", ve.Field, tt.field, err)
			}
		})
	}
	t.Run("unknown language", func(t *testing.T) {
		in := strings.Replace(good, flood, `"other_senses": {"de": ["Flut von Menschen"],
      "en": ["flood of people",`, 1)
		_, err := data.ParseTaxonomy(strings.NewReader(in))
		var ve *data.ValidationError
		if !errors.As(err, &ve) || ve.Field != "categories.flood.other_senses.de" {
			t.Fatalf("got %v, want a *ValidationError on categories.flood.other_senses.de", err)
		}
	})
}

// TestParseTaxonomyAcceptsOtherSenses: a phrase may hold its keyword with
// a plural ending, hold a keyword with a gap, and have a gap of its own.
func TestParseTaxonomyAcceptsOtherSenses(t *testing.T) {
	good := string(data.DefaultTaxonomyJSON())
	for _, phrase := range []string{
		`"floods of tears"`,              // "floods" is flood's keyword "flood" with -s
		`"the whole area … under water"`, // holds "area … under water"
		`"flood … of people"`,            // a gap of its own
	} {
		in := strings.Replace(good, `"en": ["flood of people",`, `"en": [`+phrase+`, "flood of people",`, 1)
		if in == good {
			t.Fatal("replacement did not apply")
		}
		tax, err := data.ParseTaxonomy(strings.NewReader(in))
		if err != nil {
			t.Errorf("%s refused: %v", phrase, err)
			continue
		}
		if !slices.ContainsFunc(tax.Category("flood").OtherSenses["en"], func(p string) bool { return `"`+p+`"` == phrase }) {
			t.Errorf("%s not kept", phrase)
		}
	}
}

// TestParseTaxonomyOtherSenseSingular: a phrase may hold a plural keyword
// in its singular, as the matcher reads it ("body" for human remains'
// "bodies"), and a phrase holding no keyword in either is refused.
func TestParseTaxonomyOtherSenseSingular(t *testing.T) {
	good := string(data.DefaultTaxonomyJSON())
	for phrase, ok := range map[string]bool{`"any body else"`: true, `"any bod else"`: false} {
		in := strings.Replace(good, `"en": ["every body",`, `"en": [`+phrase+`, "every body",`, 1)
		if in == good {
			t.Fatal("replacement did not apply")
		}
		_, err := data.ParseTaxonomy(strings.NewReader(in))
		if ok && err != nil {
			t.Errorf("%s refused: %v", phrase, err)
		}
		if !ok && err == nil {
			t.Errorf("%s accepted: it holds no keyword", phrase)
		}
	}
}

// TestDefaultTaxonomyOtherSenses: the built-in taxonomy has phrases of
// other senses in each of its six keyword languages.
func TestDefaultTaxonomyOtherSenses(t *testing.T) {
	have := map[string]int{}
	for _, c := range data.DefaultTaxonomy().Categories {
		for lang, phrases := range c.OtherSenses {
			have[lang] += len(phrases)
		}
	}
	for _, lang := range []string{"en", "fr", "sw", "pt", "es", "ht"} {
		if have[lang] == 0 {
			t.Errorf("no %s phrase of other senses", lang)
		}
	}
}

// TestLabelLanguages: the languages a taxonomy names categories in are
// its required ones, then any other a category has a label in, once.
func TestLabelLanguages(t *testing.T) {
	tax := &data.Taxonomy{Languages: []string{"en", "fr"}, Categories: []data.Category{
		{ID: "a", Labels: map[string]string{"en": "A", "fr": "A", "pt": "A", "es": ""}},
		{ID: "b", Labels: map[string]string{"en": "B", "fr": "B", "ht": "B", "pt": "B"}},
	}}
	if got, want := tax.LabelLanguages(), []string{"en", "fr", "ht", "pt"}; !slices.Equal(got, want) {
		t.Fatalf("LabelLanguages() = %q, want %q", got, want)
	}
	if got := data.DefaultTaxonomy().LabelLanguages(); !slices.Contains(got, "pt") || !slices.Contains(got, "ur") {
		t.Fatalf("the built-in taxonomy names categories in %q: Portuguese and Urdu labels missing", got)
	}
}
