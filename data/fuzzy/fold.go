package fuzzy

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// AppendLatin appends to b the folded form of a rune of the Latin script:
// lower case, without diacritics (é → e, ç → c, ñ → n), and with the
// letters Unicode does not decompose spelled out (æ → ae, ß → ss, ø → o,
// ł → l…). Runes of other scripts are appended lower-cased, unchanged.
func AppendLatin(b []byte, r rune) []byte {
	r = unicode.ToLower(r)
	if !unicode.Is(unicode.Latin, r) {
		return utf8.AppendRune(b, r)
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Properties(buf[:n]).Decomposition()
	if d == nil {
		return appendBase(b, r)
	}
	// Decompose first, then spell out the base letter: ǿ is ø plus an
	// acute, and must fold to o like ø does.
	for len(d) > 0 {
		dr, size := utf8.DecodeRune(d)
		if dr < 0x300 || dr > 0x36f { // keep all but combining diacritical marks
			b = appendBase(b, dr)
		}
		d = d[size:]
	}
	return b
}

// appendBase appends a letter without marks, spelling out those Unicode
// does not decompose.
func appendBase(b []byte, r rune) []byte {
	switch r {
	case 'æ':
		return append(b, "ae"...)
	case 'œ':
		return append(b, "oe"...)
	case 'ß':
		return append(b, "ss"...)
	case 'þ':
		return append(b, "th"...)
	case 'ð', 'đ':
		r = 'd'
	case 'ø':
		r = 'o'
	case 'ħ':
		r = 'h'
	case 'ı':
		r = 'i'
	case 'ŀ', 'ł':
		r = 'l'
	case 'ŧ':
		r = 't'
	case 'ſ':
		r = 's'
	}
	return utf8.AppendRune(b, r)
}
