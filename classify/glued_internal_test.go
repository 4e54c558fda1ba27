package classify

import (
	"testing"

	"github.com/mtaa-project/mtaa/text"
)

// TestGluedOpenersFolded: the openers are written as the matcher reads
// words (folded, letters a to z), or they would never be found.
func TestGluedOpenersFolded(t *testing.T) {
	for lang, words := range gluedOpeners {
		for _, w := range words {
			if text.Fold(w) != w || !isLetters(w) {
				t.Errorf("%s opener %q is not folded plain letters", lang, w)
			}
		}
	}
	for w := range notGlued {
		if text.Fold(w) != w {
			t.Errorf("notGlued %q is not folded", w)
		}
	}
}
