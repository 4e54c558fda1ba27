package classify_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// wordTexts lists the words the matcher reads in msg.
func wordTexts(km *classify.KeywordMatcher, msg string) []string {
	var out []string
	for _, w := range km.Words(msg) {
		out = append(out, w.Text)
	}
	return out
}

// TestGluedRead: a message whose spaces were left out is read as its
// words, in the six languages: filed as its need (or, for a severe
// hazard, at least offered first), as the same message with spaces is.
func TestGluedRead(t *testing.T) {
	tax := data.DefaultTaxonomy()
	km := classify.NewKeywordMatcher(tax)
	c := classify.New(tax)
	tests := []struct {
		msg, want string
		words     string // the words read, in order
		filed     bool   // filed without asking (else asked, want offered first)
	}{
		{"WENEEDWATER PLS", "water_supply", "we need water pls", true},
		{"weneedfood", "food", "we need food", true},
		{"INEEDFOOD please", "food", "i need food please", true},
		{"weneedmedicine for my child", "medical", "we need medicine for my child", true},
		{"nofood since monday", "food", "no food since monday", true},
		{"mwenbezwendlo", "water_supply", "mwen bezwen dlo", true},
		{"Mwen bezwen yonprela svp", "shelter", "mwen bezwen yon prela svp", false},
		{"nou bezwenmanje", "food", "nou bezwen manje", true},
		{"MWENPAGEN KAY", "shelter", "mwen pa gen kay", true},
		{"mbezwendlo", "water_supply", "m bezwen dlo", true},
		{"nous avons besoindeau", "water_supply", "nous avons besoin d eau", true},
		{"pasdeau depuis 3 jours", "water_supply", "pas d eau depuis 3 jours", true},
		{"necesitamosagua", "water_supply", "necesitamos agua", true},
		{"sinagua en la casa", "water_supply", "sin agua en la casa", true},
		{"precisamosagua", "water_supply", "precisamos agua", true},
		{"semcomida ha dois dias", "food", "sem comida ha dois dias", false},
		{"hakunamaji", "water_supply", "hakuna maji", false},
		{"tunaombachakula", "food", "tunaomba chakula", false},
	}
	for _, tt := range tests {
		t.Run(tt.msg, func(t *testing.T) {
			if got := strings.Join(wordTexts(km, tt.msg), " "); got != tt.words {
				t.Errorf("Words(%q) = %q, want %q", tt.msg, got, tt.words)
			}
			if !slices.ContainsFunc(km.MatchAll(tt.msg), func(m classify.CategoryMatch) bool { return m.Category == tt.want }) {
				t.Errorf("keywords of %q: %v, want %s", tt.msg, km.MatchAll(tt.msg), tt.want)
			}
			r := c.Classify(tt.msg)
			cat, sure := r.Main()
			switch {
			case tt.filed && (cat != tt.want || !sure):
				t.Errorf("Classify(%q).Main() = %q, %v; want %s filed (needs %v)", tt.msg, cat, sure, tt.want, r.Needs)
			case !tt.filed && (sure && cat != tt.want || !sure && !slices.ContainsFunc(r.Candidates(1), func(n classify.Need) bool { return n.Category == tt.want })):
				t.Errorf("Classify(%q).Main() = %q, %v, candidates %v; want %s offered first", tt.msg, cat, sure, r.Candidates(3), tt.want)
			}
		})
	}
}

// TestGluedSpans: the parts of a glued token keep their place in the
// message, so a keyword read in one has its own span.
func TestGluedSpans(t *testing.T) {
	km := classify.NewKeywordMatcher(data.DefaultTaxonomy())
	msg := "Hi! WENEEDWATER pls"
	var got [][2]int
	for _, w := range km.Words(msg) {
		got = append(got, [2]int{w.Start, w.End})
	}
	want := [][2]int{{0, 2}, {4, 6}, {6, 10}, {10, 15}, {16, 19}}
	if !slices.Equal(got, want) {
		t.Errorf("spans of %q = %v, want %v", msg, got, want)
	}
	m, ok := km.Match(msg)
	if !ok || m.Category != "water_supply" || msg[m.Start:m.End] != "WATER" {
		t.Errorf("Match(%q) = %+v, %v; want water_supply at WATER", msg, m, ok)
	}
}

// TestGluedReadAsWords: what the words say once apart is read as if
// they were written apart: a denial ("NOFIRE"), what the sender has
// ("nougen dlo", we have water), and a severe hazard never in the
// keyword-first form.
func TestGluedReadAsWords(t *testing.T) {
	tax := data.DefaultTaxonomy()
	km := classify.NewKeywordMatcher(tax)
	c := classify.New(tax)
	for _, msg := range []string{"NOFIRE here, we are ok", "nougen dlo, mesi"} {
		if got := km.MatchAll(msg); len(got) > 0 {
			t.Errorf("keywords of %q: %v, want none", msg, got)
		}
	}
	if r := c.Classify("PLSFIRE near the market"); slices.Contains(needIDs(r), "fire") {
		if cat, sure := r.Main(); cat == "fire" && sure {
			t.Errorf(`Classify("PLSFIRE near the market") filed fire (needs %v)`, r.Needs)
		}
	} else {
		t.Errorf(`Classify("PLSFIRE near the market") needs %v, want fire listed`, r.Needs)
	}
	// Written apart it is the keyword-first form, filed from
	// Rule.FileKeywordFirst: only that is withheld from "PLSFIRE".
	if cat, sure := c.Classify("pls fire near the market").Main(); cat != "fire" || !sure {
		t.Errorf(`"pls fire near the market" not filed as fire: %q, %v`, cat, sure)
	}
}

// TestGluedOnlyInTheMessageLanguage: a token is read as glued words only
// in a language the message's other words may be in.
func TestGluedOnlyInTheMessageLanguage(t *testing.T) {
	km := classify.NewKeywordMatcher(data.DefaultTaxonomy())
	tests := []struct{ msg, words string }{
		{"we got yonprela yesterday", "we got yonprela yesterday"}, // Creole yon prela in English
		{"mwen bezwen yonprela", "mwen bezwen yon prela"},
		{"merci pour le weneedwater", "merci pour le weneedwater"},
		{"sinagua", "sin agua"}, // no other word: any language
	}
	for _, tt := range tests {
		if got := strings.Join(wordTexts(km, tt.msg), " "); got != tt.words {
			t.Errorf("Words(%q) = %q, want %q", tt.msg, got, tt.words)
		}
	}
}

// TestGluedNearMisses: real words of the six languages that start with a
// function word or end with a keyword, or both, are read whole: alone or
// in a sentence of their language, no keyword is read in a part of them. Many were found
// by reading word lists of English, French, Spanish, Portuguese and
// Swahili through the matcher (see notGlued in glued.go).
func TestGluedNearMisses(t *testing.T) {
	tax := data.DefaultTaxonomy()
	km := classify.NewKeywordMatcher(tax)
	tests := []struct{ lang, word, sentence string }{
		// English
		{"en", "afire", "the sky was afire at sunset"},
		{"en", "therapist", "my therapist said we need rest"},
		{"en", "toilet", ""},
		{"en", "inform", "please inform the family"},
		{"en", "another", "we moved to another house"},
		{"en", "often", "we often need to walk far"},
		{"en", "campfire", "the kids sat by the campfire"},
		{"en", "drinkwater", "Mr Drinkwater called us"},
		{"en", "afterbirth", ""},
		{"en", "beatrice", "Beatrice is my sister"},
		{"en", "nobodies", "they treat us like nobodies"},
		{"en", "somebodies", ""},
		{"en", "weill", "Dr Weill came today"},
		{"en", "moreno", "Mrs Moreno lives here"},
		{"en", "papen", ""},
		{"en", "wiretaps", ""},
		{"en", "london", "my son is in London"},
		{"en", "noisome", ""},
		{"en", "maybe", "maybe we need help"},
		// French
		{"fr", "notent", "ils notent les noms des familles"},
		{"fr", "patant", ""},
		{"fr", "nounou", "la nounou garde les enfants"},
		{"fr", "donjon", ""},
		{"fr", "dondon", "nous sommes à Dondon"},
		{"fr", "cela", "cela fait trois jours"},
		{"fr", "parce", ""},
		{"fr", "achetent", "ils achetent du pain"},
		{"fr", "desarme", "le soldat est désarmé"},
		// Spanish
		{"es", "sanson", "el señor Sanson vino"},
		{"es", "contienda", "la contienda terminó"},
		{"es", "comparada", ""},
		{"es", "bocanada", "una bocanada de aire"},
		{"es", "aguada", ""},
		{"es", "sinceramente", "sinceramente gracias"},
		{"es", "noticia", "no hay noticia de él"},
		// Portuguese
		{"pt", "manqueje", ""},
		{"pt", "panou", ""},
		{"pt", "compartido", ""},
		{"pt", "semana", "faz uma semana"},
		{"pt", "cobradores", "os cobradores vieram"},
		{"pt", "moreno", ""},
		// Swahili
		{"sw", "padiri", "padiri amekuja leo"},
		{"sw", "ninataka", "ninataka kwenda nyumbani"},
		{"sw", "tunataka", "tunataka kuongea na mjumbe"},
		{"sw", "wanadamu", "wanadamu wote ni sawa"},
		{"sw", "polepole", "tunaenda polepole"},
		{"sw", "chinichini", ""},
		{"sw", "wanaunga", "wanaunga mkono"},
		// Haitian Creole
		{"ht", "papam", "papam rive lakay"},
		{"ht", "papa", "papa m malad"},
		{"ht", "manman", "manman m nan mache"},
		{"ht", "patat", "nou plante patat"},
		{"ht", "pasyan", "pasyan yo ap tann"},
		{"ht", "nouvel", "nou pa gen nouvel li"},
		{"ht", "pandan", "pandan lannwit"},
		{"ht", "yonn", "yonn nan yo"},
		{"ht", "jenou", "jenou m fe m mal"},
		{"ht", "nouriti", "nou pa gen nouriti"},
		{"ht", "papye", "nou bezwen papye"},
	}
	for _, tt := range tests {
		if got := wordTexts(km, tt.word); len(got) != 1 {
			t.Errorf("%s %q read as %q", tt.lang, tt.word, got)
		}
		if tt.sentence == "" {
			continue
		}
		i := slices.IndexFunc(text.Words(tt.sentence), func(w text.Word) bool { return w.Text == tt.word })
		if i < 0 {
			t.Fatalf("%q is not in %q", tt.word, tt.sentence)
		}
		at := text.Words(tt.sentence)[i]
		if !slices.Contains(wordTexts(km, tt.sentence), tt.word) {
			t.Errorf("%s %q: %q read as %q", tt.lang, tt.sentence, tt.word, wordTexts(km, tt.sentence))
		}
		for _, m := range km.MatchAll(tt.sentence) {
			if at.Start <= m.Start && m.End <= at.End && m.End-m.Start < at.End-at.Start {
				t.Errorf("%s %q: keyword %q (%s) read in %q", tt.lang, tt.sentence, m.Keyword, m.Category, tt.word)
			}
		}
	}
}

// TestGluedLongTokens: tokens of any length are read in bounded time and
// never split past gluedMaxLen (40 letters): 200 letters of glued words,
// of one letter, of openers only.
func TestGluedLongTokens(t *testing.T) {
	tax := data.DefaultTaxonomy()
	km := classify.NewKeywordMatcher(tax)
	c := classify.New(tax)
	for _, msg := range []string{
		strings.Repeat("weneedwater", 19)[:200],
		strings.Repeat("a", 200),
		strings.Repeat("mwen", 50),
		strings.Repeat("nou", 66) + "dlo",
		strings.Repeat("m", 39) + "dlo",
		strings.Repeat("weneedwater ", 40),
		"weneed" + strings.Repeat("water", 7) + "x", // 42 letters
	} {
		words := km.Words(msg)
		for _, w := range words {
			if w.Start < 0 || w.End > len(msg) || w.Start >= w.End || !strings.EqualFold(msg[w.Start:w.End], w.Text) {
				t.Fatalf("word %+v of %q has a wrong span", w, msg[:min(len(msg), 30)])
			}
		}
		if len(strings.Fields(msg)) == 1 && len(msg) > 40 && len(words) != 1 {
			t.Errorf("%d-letter token %q… read as %d words", len(msg), msg[:20], len(words))
		}
		c.Classify(msg)
		km.DetectLanguage(msg, "en")
	}
}
