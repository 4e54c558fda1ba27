package text

import (
	"strings"
	"unicode/utf8"
)

// TruncateBytes cuts s to at most n bytes without splitting a character:
// for fields stored with a byte limit (raw SMS text, source labels).
func TruncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Shorten returns s when it has at most n characters, else its first n-1
// characters, without trailing spaces, and "…": for text shown with a
// length limit (a USSD screen, an imported description).
func Shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRightFunc(string(r[:max(n-1, 0)]), func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }) + "…"
}
