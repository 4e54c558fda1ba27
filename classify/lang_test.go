package classify_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// TestDetectLanguageKeywordTable: the category table's messages
// (keywords_test.go) are short, yet 85% or more of them are told their
// language with no default.
func TestDetectLanguageKeywordTable(t *testing.T) {
	right, total := 0, 0
	var misses []string
	for _, tt := range categoryMessages {
		if tt.lang == "" || tt.want == "" {
			continue
		}
		total++
		if got := defaultMatcher.DetectLanguage(tt.text, "xx"); got == tt.lang {
			right++
		} else {
			misses = append(misses, fmt.Sprintf("%q: %s, want %s", tt.text, got, tt.lang))
		}
	}
	t.Logf("language of the category messages: %d/%d", right, total)
	for _, m := range misses {
		t.Log("miss: " + m)
	}
	if float64(right) < 0.85*float64(total) {
		t.Errorf("only %d of %d right", right, total)
	}
}

// TestDetectLanguageUnsure: when nothing in a message tells one language
// (nothing but digits, emoji or a place name; a word several languages
// share; a tie), DetectLanguage answers the deployment's default. The
// messages whose language a word does tell are in
// testdata/readings/language.txt.
func TestDetectLanguageUnsure(t *testing.T) {
	tests := []struct{ name, text, def, want string }{
		{"empty", "", "sw", "sw"},
		{"digits", "12345", "fr", "fr"},
		{"numbers only", "3 5", "es", "es"},
		{"emoji", "🔥🔥", "ht", "ht"},
		{"place name only", "Tandale", "sw", "sw"},
		{"another place name only", "Manzese", "pt", "pt"},
		{"shared keyword", "hospital", "sw", "sw"}, // en, pt and es alike
		{"english no alone", "no", "sw", "sw"},
		{"french tu es ties with english", "tu es où", "en", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := defaultMatcher.DetectLanguage(tt.text, tt.def); got != tt.want {
				t.Errorf("DetectLanguage(%q, %q) = %q, want %q", tt.text, tt.def, got, tt.want)
			}
		})
	}
}

func TestMatcherDetectLanguageUsesItsTaxonomy(t *testing.T) {
	tax, err := data.ParseTaxonomy(strings.NewReader(`{"version":1,"languages":["en"],"keyword_languages":["en","sw"],
		"categories":[{"id":"flood","severity":4,"hazard":true,"labels":{"en":"Flood"},"keywords":{"sw":["gharika"]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	m := classify.NewKeywordMatcher(tax)
	if got := m.DetectLanguage("Gharika!", "en"); got != "sw" {
		t.Errorf("got %q, want sw from the taxonomy's keyword", got)
	}
}

// TestDetectLanguageCityLanguage: a language a city adds keywords in is
// detected from them, as the six are ("mpela" was answered in the default).
func TestDetectLanguageCityLanguage(t *testing.T) {
	tax, err := data.ParseTaxonomy(strings.NewReader(`{"version":1,"languages":["en","ln"],"keyword_languages":["en","ln"],
		"categories":[{"id":"flood","severity":4,"hazard":true,"labels":{"en":"Flood","ln":"Mpela"},
		"keywords":{"en":["flood"],"ln":["mpela"]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	m := classify.NewKeywordMatcher(tax)
	for _, tt := range []struct{ text, want string }{
		{"Mpela!", "ln"},
		{"mpela na ndako", "ln"}, // "na" is a Swahili word too
		{"flood at the school", "en"},
		{"ndako", "sw"}, // nothing tells: the default
	} {
		if got := m.DetectLanguage(tt.text, "sw"); got != tt.want {
			t.Errorf("DetectLanguage(%q, sw) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestLanguageReadingsEachLanguage: testdata/readings/language.txt tells
// at least 25 messages of each of the six first languages.
func TestLanguageReadingsEachLanguage(t *testing.T) {
	tax := data.DefaultTaxonomy()
	rds, err := parseReadings(filepath.Join(readingsDir, "language.txt"), append(tax.IDs(), classify.OtherCategory), tax.LabelLanguages())
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, rd := range rds {
		if slices.ContainsFunc(rd.expect, func(e []string) bool { return e[0] == "lang" }) {
			per[rd.lang]++
		}
	}
	for _, lang := range text.Languages {
		if per[lang] < 25 {
			t.Errorf("language.txt tells only %d %s messages, want 25 or more", per[lang], lang)
		}
	}
}
