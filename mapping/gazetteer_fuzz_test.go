package mapping_test

import (
	"math"
	"testing"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/mapping"
)

// FuzzGazetteer feeds SMS-like text to FindInText and Search: no input may
// panic, every match names a known place with a finite point and a
// confidence in (0, 1], and no more than the limit are returned.
func FuzzGazetteer(f *testing.F) {
	for _, s := range []string{
		"flood near Tandale Market", "moto shule ya msingi mwembeni", "ST. MARY SCHOOL!!",
		"Kigogo wel", "mwananyamla hospital", "مَدْرَسَة النُّور", "ঢাকা", "near the", "",
		"Tandale Market Tandale Market Tandale Market Ilala Kinondoni", "e\u0301\u0301 \u0301x",
	} {
		f.Add(s, true)
	}
	g := mapping.NewGazetteer(append(testFeatures(), syntheticFeatures(300)...), mapping.GazetteerOptions{})
	hint := &orb.Bound{Min: orb.Point{39.1, -6.9}, Max: orb.Point{39.4, -6.6}}
	f.Fuzz(func(t *testing.T, text string, withHint bool) {
		if !utf8.ValidString(text) {
			text = string([]rune(text)) // the server only passes valid UTF-8 on
		}
		h := hint
		if !withHint {
			h = nil
		}
		for name, matches := range map[string][]mapping.Match{
			"FindInText": g.FindInText(text, h, 5),
			"Search":     g.Search(text, h, 5),
		} {
			if len(matches) > 5 {
				t.Fatalf("%s(%q): %d matches, limit 5", name, text, len(matches))
			}
			for _, m := range matches {
				if m.Confidence <= 0 || m.Confidence > 1 || math.IsNaN(m.Confidence) {
					t.Fatalf("%s(%q): confidence %v", name, text, m.Confidence)
				}
				if math.IsNaN(m.Point[0]) || math.IsNaN(m.Point[1]) || m.Name == "" || m.Feature == nil {
					t.Fatalf("%s(%q): match %+v", name, text, m)
				}
				if m.Start < 0 || m.End > len(text) || m.Start > m.End {
					t.Fatalf("%s(%q): span [%d:%d]", name, text, m.Start, m.End)
				}
			}
		}
	})
}
