package learn

import (
	"slices"

	"github.com/mtaa-project/mtaa/classify/internal/feature"
	"github.com/mtaa-project/mtaa/text"
)

// alignIterations is the number of EM passes of the word alignment.
const alignIterations = 10

// Align learns which word of the other language each word of the
// examples translates to, from the examples that have a translation (a
// corpus row's Creole original and its English message, in both
// directions), with IBM Model 1 (Brown et al. 1993): t(x|w), the chance
// that a word w of a message is rendered x in its translation, by
// expectation-maximisation over every pair of content words (stop words
// and numbers left out, and a null word for the words nothing renders).
// The lexicon keeps, for each word seen in at least minCount translated
// examples, the at most top words x other than itself with t(x|w) of at
// least minProb. It uses no label, and only the examples it is given
// (under cross-validation, the training folds').
func Align(examples []Example, minCount, top int, minProb float64) feature.Lexicon {
	ids := map[string]int32{"": 0} // 0 is the null word
	words := []string{""}
	intern := func(w string) int32 {
		if id, ok := ids[w]; ok {
			return id
		}
		id := int32(len(words))
		ids[w] = id
		words = append(words, w)
		return id
	}
	content := func(s string) []int32 {
		var out []int32
		for _, w := range text.Words(s) {
			if len(w.Text) < 2 || text.IsStopWord(w.Text) || hasDigit(w.Text) {
				continue
			}
			if id := intern(w.Text); !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
		return out
	}
	type pair struct{ src, dst []int32 }
	var pairs []pair
	seen := map[int32]int{}
	for _, e := range examples {
		if e.Translation == "" {
			continue
		}
		src, dst := content(e.Text), content(e.Translation)
		if len(src) == 0 || len(dst) == 0 {
			continue
		}
		for _, w := range src {
			seen[w]++
		}
		pairs = append(pairs, pair{append([]int32{0}, src...), dst})
	}
	type key struct{ src, dst int32 }
	t := map[key]float64{}
	for _, p := range pairs {
		for _, s := range p.src {
			for _, d := range p.dst {
				t[key{s, d}] = 1
			}
		}
	}
	for range alignIterations {
		count := make(map[key]float64, len(t))
		total := make([]float64, len(words))
		for _, p := range pairs {
			for _, d := range p.dst {
				z := 0.0
				for _, s := range p.src {
					z += t[key{s, d}]
				}
				for _, s := range p.src {
					c := t[key{s, d}] / z
					count[key{s, d}] += c
					total[s] += c
				}
			}
		}
		for k, c := range count {
			t[k] = c / total[k.src]
		}
	}
	type cand struct {
		dst int32
		p   float64
	}
	best := map[int32][]cand{}
	for k, p := range t {
		if k.src == 0 || k.src == k.dst || p < minProb || seen[k.src] < minCount {
			continue
		}
		best[k.src] = append(best[k.src], cand{k.dst, p})
	}
	lex := feature.Lexicon{}
	for s, cs := range best {
		slices.SortFunc(cs, func(a, b cand) int {
			switch {
			case a.p > b.p:
				return -1
			case a.p < b.p:
				return 1
			}
			return int(a.dst - b.dst)
		})
		for _, c := range cs[:min(top, len(cs))] {
			lex[words[s]] = append(lex[words[s]], words[c.dst])
		}
	}
	return lex
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}
