package sms

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// Coordinates is a position found in a message, with the byte span of the
// text it was read from.
type Coordinates struct {
	Point      orb.Point // lon, lat
	Start, End int       // byte offsets of the matched text in the message
}

// FindCoordinates returns the first plausible coordinate pair in text. ok is
// false when there is none; the zero Coordinates is returned then.
//
// A pair is two values next to each other, separated by spaces and at most
// one of , ; / | or &. Each value is one of
//
//   - a decimal number, with an optional sign: -6.8123 or +39.2567; a comma
//     may be the decimal separator (-6,8123) unless two bare numbers are
//     separated by a comma with no space after it ("-6,81,39,25" is
//     ambiguous);
//   - degrees, minutes and seconds: 6°48'44.3" (also º ˚ d for degrees,
//     ' ′ ’ m for minutes, " ″ ” s or two apostrophes for seconds),
//     degrees and decimal minutes 6°48.738', decimal degrees 6.8123°, or
//     spaced numbers "6 48 44.3" when a hemisphere letter is present;
//
// optionally with a hemisphere letter or word before or after it (N, S, E,
// W and O for oeste/ouest; north/nord/norte/kaskazini, south/sud/sul/sur/
// kusini, east/est/este/mashariki, west/ouest/oeste/magharibi and the
// Haitian Creole nò, sid, lès, lwès) and optionally preceded by a label (lat,
// latitude, latitud; lon, long, lng, longitude, longitud) with an optional
// ":" or "=".
//
// Order: hemisphere letters and labels decide which value is the latitude,
// in either order. Without them the first value is the latitude and the
// second the longitude, the way phones and Google Maps share positions
// ("-6.8123, 39.2567"); a longitude-first pair is read the wrong way round
// or, when its first value is beyond ±90, rejected. When only one value has
// a letter or label, the other takes the other axis.
//
// Intent: a pair of bare decimals is taken only when both have at least two
// decimals, neither reads as money with dots for thousands (a fraction of
// zeros or of three digits ending in 00: "5.000", "2.500") and they do not
// both read as clock times ("10.30 11.45"), so phone numbers, counts, dates
// and times are not coordinates. Hemisphere letters, labels and DMS symbols
// make intent clear and lift the decimals rule. A lower-case single letter
// counts as a hemisphere only when attached to its number ("6.81s", not
// the Portuguese "2.50 e 3.75"), and a whole number needs an upper-case
// letter attached to it, a word or a label ("6S 39E", "6 south 39 east",
// "lat -6 lon 39"; not "floor 3 S 4 E" or "2s 3e").
//
// Rejected: values out of range (|lat| > 90, |lon| > 180, minutes or
// seconds of 60 or more), a sign that contradicts its hemisphere letter
// ("-6.81 N"; "-6.81 S" is taken) and 0,0.
func FindCoordinates(text string) (Coordinates, bool) {
	var bufA, bufB [maxCandidates]coordPart
	for i := 0; i < len(text); i++ {
		if !canStartCoord(text, i) {
			continue
		}
		for _, a := range parseCoordParts(text, i, bufA[:0]) {
			j, sep := skipCoordSep(text, a.end)
			for _, b := range parseCoordParts(text, j, bufB[:0]) {
				if c, ok := coordPair(text, a, b, sep); ok {
					return c, true
				}
			}
		}
	}
	return Coordinates{}, false
}

// maxCandidates bounds the readings of one value parseCoordParts returns.
const maxCandidates = 16

// maxDecimals is the longest fraction read; longer runs are not positions.
const maxDecimals = 15

type coordAxis uint8

const (
	axisNone coordAxis = iota
	axisLat
	axisLon
)

func (a coordAxis) other() coordAxis {
	if a == axisLat {
		return axisLon
	}
	return axisLat
}

// coordPart is one reading of one value of a pair.
type coordPart struct {
	start, end int
	deg        float64 // degrees, without sign
	neg        bool
	signed     bool // an explicit + or - sign
	axis       coordAxis
	hemi       bool // a hemisphere letter or word
	weakHemi   bool // the hemisphere is a single lower-case letter
	looseHemi  bool // the hemisphere is a single letter apart from the number
	label      bool
	dms        bool // degree, minute or second notation
	commaDec   bool // a comma was a decimal separator
	num        coordNumber
}

// plain reports whether the value is a bare decimal number.
func (p coordPart) plain() bool { return !p.hemi && !p.label && !p.dms }

// coordNumber is an unsigned decimal number read from text.
type coordNumber struct {
	end       int
	val       float64
	intDigits int
	intVal    int
	decimals  int
	fracVal   int  // the fraction's digits as an integer, when short
	money     bool // a fraction that reads as thousands: "5.000", "2.500"
	comma     bool
	dot       bool
}

// scanCoordNumber reads digits [.,] digits at i. A number directly followed
// by another separator and digit ("12.05.2026", "1,234.5", "6,81,39") is
// rejected, except a comma after a dot fraction, which separates a pair.
func scanCoordNumber(s string, i, maxInt int) (coordNumber, bool) {
	n := coordNumber{}
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	n.intDigits = j - i
	if n.intDigits == 0 || n.intDigits > maxInt {
		return n, false
	}
	n.intVal, _ = strconv.Atoi(s[i:j])
	n.val = float64(n.intVal)
	if j+1 < len(s) && (s[j] == '.' || s[j] == ',') && isDigit(s[j+1]) {
		n.comma, n.dot = s[j] == ',', s[j] == '.'
		k := j + 1
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		n.decimals = k - j - 1
		if n.decimals > maxDecimals {
			return n, false
		}
		frac := s[j+1 : k]
		// Money: "5.000", and thousands such as "2.500".
		n.money = strings.Trim(frac, "0") == "" || len(frac) == 3 && frac[1:] == "00"
		if n.decimals <= 4 {
			n.fracVal, _ = strconv.Atoi(frac)
		}
		v, err := strconv.ParseFloat(s[i:j]+"."+frac, 64)
		if err != nil {
			return n, false
		}
		n.val = v
		j = k
		if j+1 < len(s) && (s[j] == '.' || s[j] == ',') && isDigit(s[j+1]) && !(n.dot && s[j] == ',') {
			return n, false
		}
	}
	n.end = j
	return n, true
}

// coordValue is one way to read the number part of a value.
type coordValue struct {
	end      int
	deg      float64
	dms      bool
	spaced   bool // "6 48 44.3": needs a hemisphere to be taken
	commaDec bool
}

// parseCoordParts returns the readings of a value starting at i, longest
// first, appended to buf.
func parseCoordParts(s string, i int, buf []coordPart) []coordPart {
	p := coordPart{start: i}
	j := i
	if ax, k, ok := scanCoordLabel(s, j); ok {
		p.label, p.axis = true, ax
		j = k
	}
	var pre coordHemi
	hasPre := false
	// A lower-case single letter is a hemisphere only when attached to the
	// number ("s6.81", "6.81s"): spaced, it is a word such as Portuguese "e".
	if h, k, ok := scanCoordHemi(s, j); ok {
		if k2 := skipSpaces(s, k); k2 < len(s) && isDigit(s[k2]) && (!h.weak || k2 == k) {
			h.spaced = k2 > k
			pre, hasPre, j = h, true, k2
		}
	}
	if !hasPre {
		if n := signLen(s, j); n > 0 {
			p.signed, p.neg = true, s[j] != '+'
			j += n
		}
	}
	n, ok := scanCoordNumber(s, j, 3)
	if !ok {
		return buf
	}
	p.num = n

	// Whole numbers and spaced degrees and minutes ("6 48 44.3 S") must not
	// continue a run of numbers ("6 75 44 S 39 15 24 E").
	inRun := !p.label && !hasPre && followsNumber(s, i)
	var vbuf [8]coordValue
	vals := coordValues(s, n, vbuf[:0])
	for _, v := range vals {
		if inRun && (v.spaced || !v.dms && n.decimals == 0) {
			continue
		}
		if hasPre {
			if q, ok := withHemi(p, v, pre); ok {
				buf = append(buf, q)
			}
			continue
		}
		at := skipSpaces(s, v.end)
		if h, k, ok := scanCoordHemi(s, at); ok {
			h.spaced = at > v.end
			switch {
			case h.weak && h.spaced:
				// A word such as Portuguese "e", not a hemisphere.
			case h.spaced && k < len(s) && (isDigit(s[k]) || signLen(s, k) > 0):
				// "6.8123 E39.2567": the letter starts the next value.
			default:
				// The letter belongs to this value, and its sign must agree.
				v2 := v
				v2.end = k
				if q, ok := withHemi(p, v2, h); ok {
					buf = append(buf, q)
				}
				continue
			}
		}
		if !v.spaced {
			q := p
			q.end, q.deg, q.dms, q.commaDec = v.end, v.deg, v.dms, v.commaDec
			buf = append(buf, q)
		}
	}
	return buf
}

// withHemi completes p with value v and hemisphere h. A sign must agree
// with the hemisphere ("-6.81 S" is taken, "-6.81 N" is not) and a label
// with its axis.
func withHemi(p coordPart, v coordValue, h coordHemi) (coordPart, bool) {
	if (p.signed && p.neg != h.neg) || (p.label && p.axis != h.axis) {
		return p, false
	}
	p.end, p.deg, p.dms, p.commaDec = v.end, v.deg, v.dms, v.commaDec
	p.hemi, p.weakHemi, p.axis, p.neg = true, h.weak, h.axis, h.neg
	p.looseHemi = h.letter && h.spaced
	return p, true
}

// coordValues lists the readings of the number n: degrees, minutes and
// seconds with symbols, spaced degrees and minutes, and the bare number.
func coordValues(s string, n coordNumber, buf []coordValue) []coordValue {
	if k, ascii, ok := scanSymbol(s, n.end, degreeSymbols); ok {
		if n.decimals == 0 {
			if m, ok := scanCoordNumber(s, skipSpaces(s, k), 2); ok && m.val < 60 {
				mEnd, mSym := m.end, false
				if e, _, ok := scanSymbol(s, m.end, minuteSymbols); ok {
					mEnd, mSym = e, true
				}
				if mSym && m.decimals == 0 {
					if sec, ok := scanCoordNumber(s, skipSpaces(s, mEnd), 2); ok && sec.val < 60 {
						end := sec.end
						if e, _, ok := scanSymbol(s, sec.end, secondSymbols); ok {
							end = e
						} else if ascii && sec.end < len(s) && s[sec.end] == 's' && !letterAt(s, sec.end+1) {
							end = sec.end + 1
						}
						buf = append(buf, coordValue{end: end, deg: n.val + m.val/60 + sec.val/3600, dms: true, commaDec: n.comma || m.comma || sec.comma})
					}
				}
				buf = append(buf, coordValue{end: mEnd, deg: n.val + m.val/60, dms: true, commaDec: n.comma || m.comma})
			}
		}
		buf = append(buf, coordValue{end: k, deg: n.val, dms: true, commaDec: n.comma})
	}
	if n.decimals == 0 && n.end+1 < len(s) && s[n.end] == ' ' {
		if m, ok := scanCoordNumber(s, n.end+1, 2); ok && m.val < 60 {
			if m.decimals == 0 && m.end+1 < len(s) && s[m.end] == ' ' {
				if sec, ok := scanCoordNumber(s, m.end+1, 2); ok && sec.val < 60 {
					buf = append(buf, coordValue{end: sec.end, deg: n.val + m.val/60 + sec.val/3600, dms: true, spaced: true, commaDec: sec.comma})
				}
			}
			buf = append(buf, coordValue{end: m.end, deg: n.val + m.val/60, dms: true, spaced: true, commaDec: m.comma})
		}
	}
	return append(buf, coordValue{end: n.end, deg: n.val, commaDec: n.comma})
}

// symbolKind selects the symbols scanSymbol accepts.
type symbolKind uint8

const (
	degreeSymbols symbolKind = iota
	minuteSymbols
	secondSymbols
)

// scanSymbol matches a degree, minute or second symbol at i; ascii reports
// an ASCII-letter symbol, which must not run into a word ("6d48m" but not
// "6days").
func scanSymbol(s string, i int, kind symbolKind) (end int, ascii, ok bool) {
	var syms []string
	switch kind {
	case degreeSymbols:
		syms = []string{"°", "º", "˚", "d"}
	case minuteSymbols:
		syms = []string{"'", "′", "’", "‘", "m"}
	default:
		syms = []string{"''", "\"", "″", "”", "“", "’’", "′′"}
	}
	for _, sym := range syms {
		if !strings.HasPrefix(s[i:], sym) {
			continue
		}
		if isLetter(sym[0]) {
			if letterAt(s, i+len(sym)) {
				continue
			}
			return i + len(sym), true, true
		}
		return i + len(sym), false, true
	}
	return i, false, false
}

// coordHemi is a hemisphere letter or word.
type coordHemi struct {
	axis   coordAxis
	neg    bool
	weak   bool // a single lower-case letter
	letter bool // a single letter
	spaced bool // apart from its number
}

// hemiWord returns the hemisphere a lower-case word names.
func hemiWord(w []byte) (coordHemi, bool) {
	switch string(w) {
	case "n", "north", "nord", "norte", "kaskazini", "nò":
		return coordHemi{axis: axisLat}, true
	case "s", "south", "sud", "sul", "sur", "kusini", "sid":
		return coordHemi{axis: axisLat, neg: true}, true
	case "e", "east", "est", "este", "mashariki", "lès":
		return coordHemi{axis: axisLon}, true
	case "w", "o", "west", "ouest", "oeste", "magharibi", "lwès":
		return coordHemi{axis: axisLon, neg: true}, true
	}
	return coordHemi{}, false
}

// labelWord returns the axis a lower-case label names.
func labelWord(w []byte) (coordAxis, bool) {
	switch string(w) {
	case "lat", "latitude", "latitud":
		return axisLat, true
	case "lon", "long", "lng", "longitude", "longitud":
		return axisLon, true
	}
	return axisNone, false
}

// maxWord bounds the letters read for a label or hemisphere word.
const maxWord = 12

// scanWord reads the letters at i into buf, lower-cased; ok is false for
// no letters or too many.
func scanWord(s string, i int, buf *[maxWord]byte) (word []byte, end int, ok bool) {
	j, ascii := i, true
	for j < len(s) && j-i <= maxWord {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		if j-i < maxWord {
			buf[j-i] = s[j] | 0x20 // lower case, for ASCII letters
		}
		ascii = ascii && r < utf8.RuneSelf
		j += size
	}
	if j == i || j-i > maxWord {
		return nil, i, false
	}
	if !ascii {
		lower := strings.ToLower(s[i:j])
		if len(lower) > maxWord {
			return nil, i, false
		}
		return buf[:copy(buf[:], lower)], j, true
	}
	return buf[:j-i], j, true
}

func scanCoordHemi(s string, i int) (coordHemi, int, bool) {
	var buf [maxWord]byte
	w, end, ok := scanWord(s, i, &buf)
	if !ok {
		return coordHemi{}, i, false
	}
	h, ok := hemiWord(w)
	if !ok {
		return coordHemi{}, i, false
	}
	h.letter = end-i == 1
	h.weak = h.letter && s[i] >= 'a' && s[i] <= 'z'
	return h, end, true
}

// scanCoordLabel reads a label with an optional ".", ":" or "=".
func scanCoordLabel(s string, i int) (coordAxis, int, bool) {
	var buf [maxWord]byte
	w, end, ok := scanWord(s, i, &buf)
	if !ok {
		return axisNone, i, false
	}
	ax, ok := labelWord(w)
	if !ok {
		return axisNone, i, false
	}
	if end < len(s) && s[end] == '.' {
		end++
	}
	end = skipSpaces(s, end)
	if end < len(s) && (s[end] == ':' || s[end] == '=') {
		end = skipSpaces(s, end+1)
	}
	return ax, end, true
}

// coordSep describes what separates the two values of a pair.
type coordSep struct {
	n         int  // bytes
	bareComma bool // a comma with no space after it
}

func skipCoordSep(s string, i int) (int, coordSep) {
	j := skipSpaces(s, i)
	if j < len(s) && strings.IndexByte(",;/|&", s[j]) >= 0 {
		comma := s[j] == ','
		j++
		k := skipSpaces(s, j)
		sep := coordSep{n: k - i, bareComma: comma && k == j}
		return k, sep
	}
	return j, coordSep{n: j - i}
}

// coordPair validates a and b as a pair and returns the position.
func coordPair(s string, a, b coordPart, sep coordSep) (Coordinates, bool) {
	if sep.n == 0 && isDigit(s[a.end-1]) && (isDigit(s[b.start]) || signLen(s, b.start) > 0) {
		return Coordinates{}, false
	}
	if (a.commaDec || b.commaDec) && sep.bareComma && a.plain() && b.plain() {
		return Coordinates{}, false
	}
	if r, _ := utf8.DecodeRuneInString(s[b.end:]); b.end < len(s) &&
		(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '%' || r == '°' || r == '.' && b.end+1 < len(s) && isDigit(s[b.end+1])) {
		return Coordinates{}, false
	}
	// ax is the axis of a; b has the other one.
	ax, bx := a.axis, b.axis
	switch {
	case ax != axisNone && ax == bx:
		return Coordinates{}, false
	case ax == axisNone && bx == axisNone:
		ax = axisLat
	case ax == axisNone:
		if !a.strong() {
			return Coordinates{}, false
		}
		ax = bx.other()
	case bx == axisNone:
		if !b.strong() {
			return Coordinates{}, false
		}
	}
	if a.plain() && b.plain() && !plainPair(a, b) {
		return Coordinates{}, false
	}
	if a.plain() != b.plain() && (a.plain() && !a.strong() || b.plain() && !b.strong()) {
		return Coordinates{}, false
	}
	if a.looseInteger() || b.looseInteger() {
		return Coordinates{}, false
	}
	lat, lon := a.value(), b.value()
	if ax == axisLon {
		lat, lon = lon, lat
	}
	if math.Abs(lat) > 90 || math.Abs(lon) > 180 || (lat == 0 && lon == 0) {
		return Coordinates{}, false
	}
	return Coordinates{Point: orb.Point{lon, lat}, Start: a.start, End: b.end}, true
}

func (p coordPart) value() float64 {
	if p.neg {
		return -p.deg
	}
	return p.deg
}

// strong reports whether a value without hemisphere or label still reads
// as a coordinate: DMS notation or two decimals that do not read as money.
func (p coordPart) strong() bool {
	return p.dms || p.hemi || p.label || (p.num.decimals >= 2 && !p.num.money)
}

// looseInteger reports a whole number whose only evidence is a lower-case
// hemisphere letter ("2s 3e") or a letter apart from it ("floor 3 S 4 E").
func (p coordPart) looseInteger() bool {
	return p.hemi && (p.weakHemi || p.looseHemi) && !p.label && !p.dms && p.num.decimals == 0
}

// plainPair applies the rules for two bare decimals.
func plainPair(a, b coordPart) bool {
	if !a.strong() || !b.strong() {
		return false
	}
	clock := func(p coordPart) bool {
		return !p.signed && p.num.decimals == 2 && p.num.intVal <= 24 && p.num.fracVal < 60
	}
	return !clock(a) || !clock(b)
}

// canStartCoord reports whether a value can start at i: a digit, sign or
// letter that does not continue a word or number.
func canStartCoord(s string, i int) bool {
	if c := s[i]; !isDigit(c) && signLen(s, i) == 0 {
		if !utf8.RuneStart(c) {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(s[i:]); !unicode.IsLetter(r) {
			return false
		}
	}
	if i == 0 {
		return true
	}
	prev, size := utf8.DecodeLastRuneInString(s[:i])
	switch {
	case unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '.' || prev == '_':
		return false
	case isDigit(s[i]) && signLen(s, i-size) > 0:
		return false // the sign starts the value
	case prev == ',' && i-size > 0 && isDigit(s[i-size-1]):
		return false // "1,234"
	}
	// A number right after a label or hemisphere word belongs to it: the
	// value starts at the word ("lon 39.25 long 38.12" is no pair).
	if !isDigit(s[i]) && signLen(s, i) == 0 {
		return true
	}
	j := i
	for j > 0 && (s[j-1] == ' ' || s[j-1] == ':' || s[j-1] == '=' || s[j-1] == '.' || s[j-1] == '\t') {
		j--
	}
	k := j
	for k > 0 && j-k <= maxWord {
		r, size := utf8.DecodeLastRuneInString(s[:k])
		if !unicode.IsLetter(r) {
			break
		}
		k -= size
	}
	if k == j || j-k > maxWord || wordChar(s, k, true) {
		return true
	}
	var buf [maxWord]byte
	w, _, _ := scanWord(s, k, &buf)
	_, label := labelWord(w)
	_, hemi := hemiWord(w)
	return !label && !hemi
}

// followsNumber reports whether spaces and a digit come just before i.
func followsNumber(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	return j < i && j > 0 && isDigit(s[j-1])
}

// signLen returns the length of a sign (+, -, −) at i, or 0.
func signLen(s string, i int) int {
	switch {
	case i >= len(s):
		return 0
	case s[i] == '+' || s[i] == '-':
		return 1
	case strings.HasPrefix(s[i:], "−"):
		return len("−")
	}
	return 0
}

func skipSpaces(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r':
			i++
		case strings.HasPrefix(s[i:], "\u00a0"):
			i += len("\u00a0")
		default:
			return i
		}
	}
	return i
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// letterAt reports whether a letter starts at i.
func letterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}
