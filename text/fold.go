package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Word is one folded word of a text and the byte span [Start, End) of the
// original text it was read from.
type Word struct {
	Text       string
	Start, End int
}

// Fold folds s for matching and returns its words joined by single
// spaces: see AppendWords for the rules. It returns "" for a string with
// no letter or digit.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var buf []byte
	walk(s, &buf, func(w []byte, _, _ int) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(w)
	})
	return b.String()
}

// Words returns the folded words of s; see AppendWords.
func Words(s string) []Word { return AppendWords(nil, s) }

// AppendWords appends the folded words of s to dst and returns it.
//
// Folding lower-cases; removes the diacritics of Latin, Greek and Cyrillic
// letters (é→e, ç→c, ñ→n) and spells out the Latin letters Unicode does
// not decompose (æ→ae, ß→ss, ø→o, ł→l); drops Arabic vowel marks and
// unifies the alef maksura, ta marbuta and tatweel variants; and keeps
// other scripts (Bengali, Devanagari, CJK…) in canonical decomposition.
// Anything that is not a letter, a digit or a mark separates words, except
// an apostrophe before a final "s" ("Andrew's" → "andrews"); other
// apostrophes separate ("l'école" → "l", "ecole"). A dropped mark still
// belongs to the span of its word.
func AppendWords(dst []Word, s string) []Word {
	var buf []byte
	walk(s, &buf, func(w []byte, start, end int) {
		dst = append(dst, Word{Text: string(w), Start: start, End: end})
	})
	return dst
}

// walk calls emit with each folded word of s and its span. The word's
// bytes are only valid during the call; buf is reused scratch space.
func walk(s string, buf *[]byte, emit func(w []byte, start, end int)) {
	b := (*buf)[:0]
	start, end := -1, -1
	flush := func() {
		if start >= 0 && len(b) > 0 {
			emit(b, start, end)
		}
		b, start, end = b[:0], -1, -1
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' || c == '`':
				if start >= 0 && possessive(s, i+1) {
					i++
					continue
				}
				flush()
				i++
				continue
			default:
				flush()
				i++
				continue
			}
			if start < 0 {
				start = i
			}
			b = append(b, c)
			i++
			end = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '’' || r == 'ʼ' || r == '‘':
			if start >= 0 && possessive(s, i+size) {
				i += size
				continue
			}
			flush()
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			n := len(b)
			b = appendFolded(b, r)
			if len(b) > n {
				if start < 0 {
					start = i
				}
				end = i + size
			} else if start >= 0 {
				end = i + size // a dropped mark still belongs to the word
			}
		default:
			flush()
		}
		i += size
	}
	flush()
	*buf = b
}

// possessive reports whether s[i:] starts with an "s" that ends a word.
func possessive(s string, i int) bool {
	if i >= len(s) || (s[i] != 's' && s[i] != 'S') {
		return false
	}
	if i+1 == len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i+1:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// appendFolded appends the folded form of r to b (nothing for a mark
// that folding drops).
func appendFolded(b []byte, r rune) []byte {
	r = unicode.ToLower(r)
	if unicode.Is(unicode.Latin, r) {
		return appendLatin(b, r)
	}
	switch r {
	case 'ى': // alef maksura → ya
		return append(b, "ي"...)
	case 'ة': // ta marbuta → ha
		return append(b, "ه"...)
	case 'ـ': // tatweel
		return b
	}
	if arabicMark(r) {
		return b
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Properties(buf[:n]).Decomposition()
	if d == nil {
		if unicode.Is(unicode.Mn, r) && len(b) > 0 && dropsMarks(lastRune(b)) {
			return b
		}
		return append(b, buf[:n]...)
	}
	base := rune(-1)
	for len(d) > 0 {
		dr, ds := utf8.DecodeRune(d)
		d = d[ds:]
		if base < 0 {
			base = dr
			b = utf8.AppendRune(b, dr)
			continue
		}
		if unicode.Is(unicode.Mn, dr) && (dropsMarks(base) || arabicMark(dr) || dr == 0x654 || dr == 0x655 || dr == 0x653) {
			continue
		}
		b = utf8.AppendRune(b, dr)
	}
	return b
}

// appendLatin appends a lower-case letter of the Latin script without its
// diacritics, spelling out the letters Unicode does not decompose.
func appendLatin(b []byte, r rune) []byte {
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
	case 'ĳ':
		return append(b, "ij"...)
	case 'ŉ':
		r = 'n'
	case 'ĸ':
		r = 'k'
	case 'ŋ':
		r = 'n'
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

func lastRune(b []byte) rune {
	r, _ := utf8.DecodeLastRune(b)
	return r
}

// dropsMarks reports whether the combining marks on base are folded away:
// those of the Latin, Greek and Cyrillic scripts.
func dropsMarks(base rune) bool {
	return unicode.In(base, unicode.Latin, unicode.Greek, unicode.Cyrillic)
}

// arabicMark reports whether r is an Arabic vowel or hamza mark.
func arabicMark(r rune) bool {
	return (r >= 0x64b && r <= 0x65f) || r == 0x670
}

// IsASCII reports whether s is plain ASCII (a folded Latin word always is).
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
