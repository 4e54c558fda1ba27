package classify

import (
	"maps"
	"slices"
	"testing"
)

// TestNegationsOneHome checks that a language's negations live in its
// polarity table alone (polarityWords.negation): its blocks, lacks and
// gapWords lists hold none of them, every one blocks, every one is a
// word of lack but those of notLacks, and every one, with contractedT,
// breaks a keyword's gap.
func TestNegationsOneHome(t *testing.T) {
	for _, lang := range append(slices.Clone(polarityLangs), clauseLangs...) {
		p := polarity[lang]
		var negs []string
		for _, set := range p.negationSets() {
			negs = append(negs, slices.Collect(maps.Keys(set))...)
		}
		if len(negs) == 0 {
			t.Errorf("%s: no negations", lang)
		}
		for _, w := range negs {
			for name, list := range map[string]map[string]bool{"blocks": p.blocks, "lacks": p.lacks, "gapWords": gapWords[lang]} {
				if list[w] {
					t.Errorf("%s: negation %q written again in %s", lang, w, name)
				}
			}
			if !p.negation(w) {
				t.Errorf("%s: negation %q not read by negation", lang, w)
			}
			if !gapBreaks[lang][w] {
				t.Errorf("%s: negation %q does not break a gap", lang, w)
			}
			if slices.Contains(polarityLangs, lang) && !notLacks[lang][w] && !polarityIdx.lacks[w] {
				t.Errorf("%s: negation %q is no word of lack", lang, w)
			}
		}
		for w := range p.contractedT {
			if !gapBreaks[lang][w] {
				t.Errorf("%s: %q (before a t) does not break a gap", lang, w)
			}
		}
	}
	if polarityIdx.lacks["n"] {
		t.Error(`French "n" is a word of lack: Creole "n ap manje" (we are eating) would be read as one`)
	}
}
