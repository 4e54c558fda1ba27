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
