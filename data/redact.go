package data

// Redaction of contact details in public text (docs/privacy.md says what
// is and is not caught). Residents write their numbers into descriptions
// ("call me on 0712 345 678"); the public reads them with every phone
// number replaced by RedactedPhone and every e-mail address by
// RedactedEmail. Moderators read the text as sent.

// The placeholders redacted contact details are replaced with.
const (
	RedactedPhone = "[phone]"
	RedactedEmail = "[e-mail]"
)

// RedactContacts returns s with phone numbers and e-mail addresses
// replaced by RedactedPhone and RedactedEmail. It returns s itself (no
// copy) when there is nothing to replace.
//
// A phone number is a run of 9 to 15 digits, optionally after a "+",
// whose digits may be grouped by single spaces, hyphens, dots or
// parentheses, standing alone (no letter or digit touching it). Runs that
// read as something else are kept: dates (2026-12-06, 06.12.2026),
// decimal numbers and coordinates (-6.81234 39.2456), amounts grouped in
// thousands (1 500 000), times, plus codes (6GCRPR6C+24), and bare digit
// strings of 9 or 10 digits that do not start with 0 (report, OSM and
// transaction ids). An e-mail address is local@domain.tld.
func RedactContacts(s []byte) []byte {
	var out []byte // nil until the first replacement
	last := 0      // s[last:] is not yet copied to out
	for i := 0; i < len(s); {
		for i < len(s) && !contactStart[s[i]] { // most text: skipped in a tight loop
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		switch {
		case c == '@':
			if start, end, ok := emailAt(s, i); ok && start >= last {
				out = append(append(out, s[last:start]...), RedactedEmail...)
				last, i = end, end
				continue
			}
		case isDigit(c) || (c == '+' || c == '(') && i+1 < len(s) && isDigit(s[i+1]):
			if i > 0 && (isWordByte(s[i-1]) || s[i-1] == '+' || s[i-1] == '.' || s[i-1] == ',') {
				break
			}
			end, phone := phoneRun(s, i)
			if phone {
				out = append(append(out, s[last:i]...), RedactedPhone...)
				last = end
			}
			i = max(end, i+1)
			continue
		}
		i++
	}
	if out == nil {
		return s
	}
	return append(out, s[last:]...)
}

// contactStart marks the bytes at which a phone number or an e-mail
// address may be found: digits, "+", "(" and "@".
var contactStart = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['+'], t['('], t['@'] = true, true, true
	return t
}()

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// isWordByte reports whether c is part of a word: an ASCII letter or
// digit, or any byte of a non-ASCII character (letters of other scripts).
func isWordByte(c byte) bool { return isDigit(c) || isLetter(c) || c >= 0x80 }

// phoneRun reads the run of digits and separators that starts at s[i] and
// returns where it ends and whether it is a phone number. A run that is
// not a phone is skipped whole (its end is returned too), so that its tail
// is not read again as a number of its own.
func phoneRun(s []byte, i int) (end int, phone bool) {
	plus := s[i] == '+'
	if plus {
		i++
	}
	var groups [16]int8 // digits per group
	var seps [16]byte   // the separator before each group (0 for the first)
	n, digits := 0, 0
	decimal := false
	j := i
	for j < len(s) && n < len(groups) {
		sep := byte(0)
		if n > 0 {
			// One separator (or ") " / ")-") between groups, then a digit.
			k := j
			switch {
			case s[k] == ')' && k+1 < len(s) && isDigit(s[k+1]):
				k++
			case s[k] == ')' && k+2 < len(s) && (s[k+1] == ' ' || s[k+1] == '-') && isDigit(s[k+2]):
				k += 2
			case (s[k] == ' ' || s[k] == '-' || s[k] == '.') && k+1 < len(s) && isDigit(s[k+1]):
				k++
			case (s[k] == ' ' || s[k] == '-') && k+2 < len(s) && s[k+1] == '(' && isDigit(s[k+2]):
				k += 2
			default:
				k = -1
			}
			if k < 0 {
				break
			}
			sep = s[j]
			j = k
		} else if s[j] == '(' {
			j++
		}
		start := j
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		g := j - start
		if sep == '.' && (g >= 5 || groups[n-1] == 1) {
			decimal = true // 6.81234 or 39.2456789: a number with decimals
		}
		groups[n], seps[n] = int8(min(g, 100)), sep
		n++
		digits += g
	}
	end = j
	if s[i] == '(' && n == 1 {
		// "(0712345678)": the brackets are the writer's, not the number's;
		// the number is read again from the digit after the bracket.
		return i + 1, false
	}
	// Touching a letter or number punctuation: part of a word, a code or
	// a longer figure (6GCRPR6C+24, 1,500,000, 3.14159).
	if end < len(s) && (isWordByte(s[end]) || s[end] == '+' || s[end] == '@' ||
		(s[end] == '.' || s[end] == ',') && end+1 < len(s) && isDigit(s[end+1])) {
		return end, false
	}
	if decimal || digits < 9 || digits > 15 {
		return end, false
	}
	if plus {
		return end, true
	}
	first := s[i]
	if first == '(' {
		first = s[i+1]
	}
	if n == 1 {
		// A bare string of digits: a local number (0712345678) or an
		// international one without its "+" (255712345678); 9 or 10
		// digits not starting with 0 are more often an id.
		return end, first == '0' || digits >= 11
	}
	if dateLike(groups[:n], seps[:n]) {
		return end, false
	}
	// 1 500 000 or 12-500-000: an amount grouped in thousands, unless it
	// starts with the 0 of a local number or is too long to be an amount.
	thousands := groups[0] <= 3 && first != '0' && digits < 12
	for k := 1; k < n && thousands; k++ {
		thousands = groups[k] == 3
	}
	return end, !thousands
}

// dateLike reports whether the run starts with a date: yyyy-mm-dd or
// dd-mm-yyyy with one separator repeated.
func dateLike(groups []int8, seps []byte) bool {
	if len(groups) < 3 || seps[1] != seps[2] || seps[1] == ' ' {
		return false
	}
	g := groups[:3]
	return g[0] == 4 && g[1] <= 2 && g[2] <= 2 || g[0] <= 2 && g[1] <= 2 && g[2] == 4
}

// emailAt finds an e-mail address around the "@" at s[at]: it returns its
// start and end and whether there is one.
func emailAt(s []byte, at int) (start, end int, ok bool) {
	local := func(c byte) bool {
		return isDigit(c) || isLetter(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
	}
	start = at
	for start > 0 && local(s[start-1]) {
		start--
	}
	for start < at && s[start] == '.' {
		start++
	}
	if start == at {
		return 0, 0, false
	}
	end = at + 1
	lastDot := -1
	for end < len(s) && (isDigit(s[end]) || isLetter(s[end]) || s[end] == '-' || s[end] == '.' && end+1 < len(s) && (isLetter(s[end+1]) || isDigit(s[end+1]))) {
		if s[end] == '.' {
			lastDot = end
		}
		end++
	}
	if lastDot < 0 || lastDot == at+1 || end-lastDot-1 < 2 {
		return 0, 0, false
	}
	for k := lastDot + 1; k < end; k++ {
		if !isLetter(s[k]) {
			return 0, 0, false
		}
	}
	return start, end, true
}
