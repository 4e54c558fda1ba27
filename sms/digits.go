package sms

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/mtaa-project/mtaa/text"
)

// menuDigits is s with the numbers a phone's keyboard or emoji picker
// writes otherwise spelt in ASCII digits, so that a numbered question
// (the category menu, a choice of places, "Near X? 1 yes 2 no") reads
// them: a keycap emoji ("4️⃣", "4⃣") is its digit as a word of its own
// ("1️⃣2️⃣" is "1 2"), "🔟" is 10, a circled number ("④") its number,
// and a decimal digit of any script (fullwidth "４", Bengali "৪",
// Arabic-Indic "٤", Persian "۴", Devanagari "४") its ASCII digit;
// fullwidth, ideographic and Arabic commas separate as "," does.
func menuDigits(s string) string {
	if text.IsASCII(s) {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r < 0x80 && '0' <= r && r <= '9' && keycap(rs[i+1:]) > 0:
			b.WriteString(" " + string(r) + " ")
			i += keycap(rs[i+1:])
		case r == '\U0001F51F': // 🔟
			b.WriteString(" 10 ")
		case '①' <= r && r <= '⑩':
			b.WriteString(" " + strconv.Itoa(int(r-'①')+1) + " ")
		case r == '，' || r == '、' || r == '،':
			b.WriteByte(',')
		case r >= 0x80 && unicode.IsDigit(r):
			if d, ok := digitValue(r); ok {
				b.WriteByte(byte('0' + d))
				continue
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// joinKeycaps is word with each keycap emoji ("1️⃣", "1⃣") its bare
// digit, so that keycaps written one after the other read as one number:
// a report number (reportRef) "1️⃣2️⃣" is 12. A menu's answer reads
// them apart (menuDigits: "1 2", two choices).
func joinKeycaps(word string) string {
	if text.IsASCII(word) {
		return word
	}
	rs := []rune(word)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		b.WriteRune(rs[i])
		if '0' <= rs[i] && rs[i] <= '9' {
			i += keycap(rs[i+1:])
		}
	}
	return b.String()
}

// keycap is the length of the keycap sign that opens rs (an optional
// variation selector U+FE0F, then U+20E3), else 0.
func keycap(rs []rune) int {
	switch {
	case len(rs) > 0 && rs[0] == '\u20E3':
		return 1
	case len(rs) > 1 && rs[0] == '\uFE0F' && rs[1] == '\u20E3':
		return 2
	}
	return 0
}

// digitValue is the value of r, a decimal digit (Unicode category Nd) of
// any script. Unicode keeps each script's digits zero to nine in a row,
// so a run of unicode.Nd starts at a zero and is tens long.
func digitValue(r rune) (int, bool) {
	for _, rg := range unicode.Nd.R16 {
		if lo, hi := rune(rg.Lo), rune(rg.Hi); lo <= r && r <= hi && rg.Stride == 1 {
			return int(r-lo) % 10, true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if lo, hi := rune(rg.Lo), rune(rg.Hi); lo <= r && r <= hi && rg.Stride == 1 {
			return int(r-lo) % 10, true
		}
	}
	return 0, false
}
