// Package feature turns a message's folded words into the hashed
// features of the classifier's model: words, word pairs and the letter
// n-grams of each word. The classifier and its trainer both read text
// through it, so a model always sees the features it was trained on.
package feature

import (
	"slices"

	"github.com/mtaa-project/mtaa/text"
)

// Bits is the size of the hashed feature space: features are numbered
// from 0 to 1<<Bits - 1.
const Bits = 18

// Kinds of feature, each hashed with its own prefix so that the word
// "dlo" and the letter n-gram "dlo" are different features.
const (
	kindWord   = 'w'
	kindPair   = 'b'
	kindNGram  = 'c'
	numberWord = "#" // every word with a digit: phone numbers, house numbers
)

// Letter n-gram lengths, taken over the word with its boundaries marked
// ("<dlo>"): they carry spelling variants ("manje", "mange", "manjé")
// and inflections ("floods", "flooded") a whole-word feature misses.
const (
	minNGram = 3
	maxNGram = 4
)

// Append appends the features of words (as the classifier reads them:
// text.Words, with glued words apart, classify.KeywordMatcher.Words) to
// dst, sorted and without repeats.
func Append(dst []uint32, words []text.Word) []uint32 {
	start := len(dst)
	var prev string
	var buf []byte
	for i, w := range words {
		t := w.Text
		if hasDigit(t) {
			t = numberWord
		}
		dst = append(dst, hash(kindWord, t, ""))
		if i > 0 {
			dst = append(dst, hash(kindPair, prev, t))
		}
		prev = t
		if t == numberWord {
			continue
		}
		buf = append(append(append(buf[:0], '<'), t...), '>')
		for n := minNGram; n <= maxNGram; n++ {
			for j := 0; j+n <= len(buf); j++ {
				dst = append(dst, hashBytes(kindNGram, buf[j:j+n]))
			}
		}
	}
	out := dst[start:]
	slices.Sort(out)
	return dst[:start+len(slices.Compact(out))]
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

// FNV-1a, folded to Bits.
const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

func hash(kind byte, a, b string) uint32 {
	h := uint64(offset64)
	h = (h ^ uint64(kind)) * prime64
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * prime64
	}
	if b != "" {
		h = (h ^ ' ') * prime64
		for i := 0; i < len(b); i++ {
			h = (h ^ uint64(b[i])) * prime64
		}
	}
	return fold(h)
}

func hashBytes(kind byte, s []byte) uint32 {
	h := uint64(offset64)
	h = (h ^ uint64(kind)) * prime64
	for _, c := range s {
		h = (h ^ uint64(c)) * prime64
	}
	return fold(h)
}

func fold(h uint64) uint32 { return uint32((h ^ h>>32) & (1<<Bits - 1)) }
