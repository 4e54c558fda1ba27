package classify

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/data"
)

// TestSatisfactionKinds checks which reading of polarity.go makes a
// keyword satisfied, one message per kind and language family, and that
// satisfy moves the satisfied ones to the unread keywords.
func TestSatisfactionKinds(t *testing.T) {
	m := NewKeywordMatcher(data.DefaultTaxonomy())
	for _, tt := range []struct {
		text, keyword string
		want          satisfaction
	}{
		{"we have water", "water", had},
		{"nou gen dlo ak manje", "manje", had}, // a list takes its first item's reading
		{"we received food", "food", received},
		{"nou resevwa manje", "manje", received},
		{"we don't need tents", "tents", notNeeded},
		{"não precisamos de comida", "comida", notNeeded},
		{"the flood has gone down", "flood", over},
		{"maji yamepungua", "maji", over},
		{"wamezima moto", "moto", over},
		{"thanks for the food", "food", thanked},
		{"le courant est revenu", "courant", restored},
		{"bei ya unga imepanda", "unga", traded},
		{"vou ao mercado comprar pão", "pão", traded},
		{"how much is a bag of rice", "rice", traded},
		{"je vais acheter du pain", "du pain", traded},
		{"help us buy food", "food", unsatisfied},
		{"buy food for us", "food", unsatisfied},
		{"m ap manje kounye a", "manje", consumed},
		{"vamos a comer ahora", "comer", consumed},
		{"kisa n ap manje", "manje", unsatisfied},
		{"thx 4 the food", "food", thanked},
		{"thank you for the food you promised", "food", unsatisfied},
		{"we have no water", "no water", unsatisfied},
		{"we have a power cut", "power cut", unsatisfied},
		{"we have power", "power", had},
		{"we have water problems", "water", unsatisfied},
		{"the fire is out of control", "fire", unsatisfied},
	} {
		sc := m.getScan()
		m.find(tt.text, sc)
		m.satisfy(sc)
		found := false
		for _, c := range slices.Concat(sc.found, sc.unread) {
			if e := &m.entries[c.entry]; e.keyword == tt.keyword {
				found = true
				if c.satisfied != tt.want {
					t.Errorf("%q: %q read %d, want %d", tt.text, tt.keyword, c.satisfied, tt.want)
				}
			}
		}
		for _, c := range sc.found {
			if c.satisfied != unsatisfied {
				t.Errorf("%q: satisfied keyword %q still read", tt.text, m.entries[c.entry].keyword)
			}
		}
		if !found {
			t.Errorf("%q: keyword %q not found", tt.text, tt.keyword)
		}
		m.scans.Put(sc)
	}
}

// TestPolarityTablesIndexed: the word lists phraseStated and announces read
// are the per-language tables of polarity, indexed once: every phrase of
// a language's hearsay is read both before a hazard (polarityIdx.asks)
// and anywhere in a message (polarityIdx.hearsay), its openers under
// their language, and the words of every language in the unions.
func TestPolarityTablesIndexed(t *testing.T) {
	indexed := func(m map[string][]polarityPhrase, key string, ph []string, ok func(polarityPhrase) bool) bool {
		return slices.ContainsFunc(m[key], func(p polarityPhrase) bool { return slices.Equal(p.words, ph) && ok(p) })
	}
	anyLang := func(polarityPhrase) bool { return true }
	for _, lang := range polarityLangs {
		p := polarity[lang]
		if len(p.hearsay) == 0 || len(p.openers) == 0 || len(p.noticeTimes) == 0 || len(p.noticeFor) == 0 {
			t.Errorf("%s: hearsay, openers, noticeTimes or noticeFor empty", lang)
		}
		for _, ph := range p.hearsay {
			if !indexed(polarityIdx.asks, ph[len(ph)-1], ph, func(x polarityPhrase) bool { return x.hearsay && x.lang == lang }) {
				t.Errorf("%s hearsay %v not read before a hazard", lang, ph)
			}
			if !indexed(polarityIdx.hearsay, ph[0], ph, anyLang) {
				t.Errorf("%s hearsay %v not read anywhere", lang, ph)
			}
		}
		for _, ph := range p.openers {
			if !indexed(polarityIdx.openers, ph[0], ph, func(x polarityPhrase) bool { return x.lang == lang }) {
				t.Errorf("%s opener %v not indexed", lang, ph)
			}
		}
		for _, phs := range [][][]string{p.noticeTimes, p.adverts} {
			for _, ph := range phs {
				if !indexed(polarityIdx.notices, ph[0], ph, anyLang) {
					t.Errorf("%s notice %v not indexed", lang, ph)
				}
			}
		}
		for _, ph := range p.noticeFor {
			if !indexed(polarityIdx.noticeFor, ph[0], ph, anyLang) {
				t.Errorf("%s noticeFor %v not indexed", lang, ph)
			}
		}
		for _, sets := range [][2]map[string]bool{{p.nots, polarityIdx.negations}, {p.keywordNots, polarityIdx.negations},
			{p.cleared, polarityIdx.cleared}, {p.congestion, polarityIdx.congestion}, {p.noticeEvents, polarityIdx.noticeEvents},
			{p.serviceWords, polarityIdx.services}} {
			for w := range sets[0] {
				if !sets[1][w] {
					t.Errorf("%s: %q not in its union", lang, w)
				}
			}
		}
	}
	// Each phrase is indexed once, whatever the languages that share it
	// ("proxima semana", "para", "por").
	for _, m := range []map[string][]polarityPhrase{polarityIdx.hearsay, polarityIdx.notices, polarityIdx.noticeFor} {
		for k, phs := range m {
			for i, ph := range phs {
				if ph.words[0] != k || slices.ContainsFunc(phs[:i], func(o polarityPhrase) bool { return slices.Equal(o.words, ph.words) }) {
					t.Errorf("%v under %q twice or misplaced", ph.words, k)
				}
			}
		}
	}
}
