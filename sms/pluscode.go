package sms

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Open Location Code constants, from the specification
// (github.com/google/open-location-code, docs/specification.md).
const (
	olcAlphabet   = "23456789CFGHJMPQRVWX"
	olcSeparator  = '+'
	olcPadding    = '0'
	olcSepIndex   = 8  // digits before the separator in a full code
	olcPairDigits = 10 // digits encoded as latitude/longitude pairs
	olcMaxDigits  = 15 // digits after which nothing is significant

	// The code is computed on integers: one unit is the latitude (or
	// longitude) size of a 15-digit code, 1/2.5e7 and 1/8.192e6 of a degree.
	olcLatUnits = 25_000_000 // 8000 * 5^5 per degree
	olcLonUnits = 8_192_000  // 8000 * 4^5 per degree
	olcGridRows = 5
	olcGridCols = 4

	// olcMaxLocalityWords bounds the words taken after a short code.
	olcMaxLocalityWords = 6
)

// ErrInvalidPlusCode is wrapped by the errors returned for text that is not
// a valid Open Location Code, or an invalid code length for encoding.
var ErrInvalidPlusCode = errors.New("sms: invalid plus code")

// ErrShortPlusCode is wrapped by the error Decode returns for a short code,
// which needs a reference location (see Recover).
var ErrShortPlusCode = errors.New("sms: short plus code needs a reference location")

// olcValue returns the value of an upper-case code character, or -1.
func olcValue(b byte) int8 { return int8(strings.IndexByte(olcAlphabet, b)) }

// PlusCode is an Open Location Code found in a message.
type PlusCode struct {
	Code       string // normalised, upper case, e.g. "6GCRMQRG+6R" or "MQRG+6R"
	Short      bool   // a short code needs a reference location to be placed
	Locality   string // the words after a short code, e.g. "Dar es Salaam" in "MQRG+6R Dar es Salaam" (trimmed, may be empty)
	Start, End int    // byte span of the code in the message
}

// olcCode is a validated code: its digit values (padding removed) and
// whether it is short.
type olcCode struct {
	digits []int8
	short  bool
	// removed is the number of leading digits a short code lacks.
	removed int
}

// parseOLC validates code (already upper case) against the specification.
func parseOLC(code string) (olcCode, error) {
	var c olcCode
	sep := strings.IndexByte(code, olcSeparator)
	switch {
	case sep < 0:
		return c, fmt.Errorf("plus code %q: no %q separator: %w", code, olcSeparator, ErrInvalidPlusCode)
	case strings.IndexByte(code[sep+1:], olcSeparator) >= 0:
		return c, fmt.Errorf("plus code %q: more than one separator: %w", code, ErrInvalidPlusCode)
	case sep == 0 || sep > olcSepIndex || sep%2 != 0:
		return c, fmt.Errorf("plus code %q: separator must follow 2, 4, 6 or 8 characters: %w", code, ErrInvalidPlusCode)
	}
	after := len(code) - sep - 1
	if after == 1 {
		return c, fmt.Errorf("plus code %q: a single character after the separator: %w", code, ErrInvalidPlusCode)
	}
	if after > olcMaxDigits-olcSepIndex {
		return c, fmt.Errorf("plus code %q: more than %d digits: %w", code, olcMaxDigits, ErrInvalidPlusCode)
	}

	pad := strings.IndexByte(code, olcPadding)
	if pad >= 0 {
		// Padding fills the end of the part before the separator, from an
		// even position, and nothing follows the separator.
		switch {
		case sep < olcSepIndex:
			return c, fmt.Errorf("plus code %q: a short code cannot be padded: %w", code, ErrInvalidPlusCode)
		case pad == 0 || pad%2 != 0 || pad > sep:
			return c, fmt.Errorf("plus code %q: padding must start at an even position before the separator: %w", code, ErrInvalidPlusCode)
		case strings.Trim(code[pad:sep], string(olcPadding)) != "":
			return c, fmt.Errorf("plus code %q: padding must run up to the separator: %w", code, ErrInvalidPlusCode)
		case after != 0:
			return c, fmt.Errorf("plus code %q: padded code has digits after the separator: %w", code, ErrInvalidPlusCode)
		}
	}

	end := sep
	if pad >= 0 {
		end = pad
	}
	c.digits = make([]int8, 0, end+after)
	for i := 0; i < len(code); i++ {
		if i == sep || (i >= end && i < sep) {
			continue
		}
		v := olcValue(code[i])
		if v < 0 {
			return olcCode{}, fmt.Errorf("plus code %q: %q is not a code character: %w", code, code[i], ErrInvalidPlusCode)
		}
		c.digits = append(c.digits, v)
	}

	if sep < olcSepIndex {
		if after < 2 {
			return olcCode{}, fmt.Errorf("plus code %q: a short code needs at least 2 digits after the separator: %w", code, ErrInvalidPlusCode)
		}
		c.short, c.removed = true, olcSepIndex-sep
		return c, nil
	}
	if len(c.digits) < 2 {
		return olcCode{}, fmt.Errorf("plus code %q: fewer than 2 digits: %w", code, ErrInvalidPlusCode)
	}
	// The first pair selects a 20° cell: latitude below 90 (value < 9),
	// longitude below 180 (value < 18).
	if c.digits[0] >= 180/20 {
		return olcCode{}, fmt.Errorf("plus code %q: first latitude digit out of range: %w", code, ErrInvalidPlusCode)
	}
	if c.digits[1] >= 360/20 {
		return olcCode{}, fmt.Errorf("plus code %q: first longitude digit out of range: %w", code, ErrInvalidPlusCode)
	}
	return c, nil
}

// olcArea is a code's area in integer units from the south-west corner of
// the world (-90, -180).
type olcArea struct {
	lat, lon         int64 // south-west corner
	latSize, lonSize int64
}

// area decodes digits of a full code.
func (c olcCode) area() olcArea {
	// Start one pair above the first so the loop divides by 20 each pair.
	a := olcArea{latSize: 400 * olcLatUnits, lonSize: 400 * olcLonUnits}
	for i, d := range c.digits {
		if i < olcPairDigits {
			if i%2 == 0 {
				a.latSize /= 20
				a.lonSize /= 20
				a.lat += int64(d) * a.latSize
			} else {
				a.lon += int64(d) * a.lonSize
			}
			continue
		}
		a.latSize /= olcGridRows
		a.lonSize /= olcGridCols
		a.lat += int64(d/olcGridCols) * a.latSize
		a.lon += int64(d%olcGridCols) * a.lonSize
	}
	return a
}

// center returns the centre of the area and its larger side in metres.
func (a olcArea) center() (orb.Point, float64) {
	// Integer numerators, then one division: correctly rounded centres.
	lat := float64(2*a.lat+a.latSize-2*90*olcLatUnits) / (2 * olcLatUnits)
	lon := float64(2*a.lon+a.lonSize-2*180*olcLonUnits) / (2 * olcLonUnits)
	return orb.Point{lon, lat}, a.metres(lat)
}

// metres is the larger side of the area, measured through its centre.
func (a olcArea) metres(lat float64) float64 {
	h := float64(a.latSize) / olcLatUnits
	w := float64(a.lonSize) / olcLonUnits
	south := math.Max(lat-h/2, -90)
	north := math.Min(lat+h/2, 90)
	height := geo.Distance(orb.Point{0, south}, orb.Point{0, north})
	width := geo.Distance(orb.Point{0, lat}, orb.Point{w, lat})
	return math.Max(height, width)
}

// Decode returns the centre of a full code's area and the area's size in
// metres (the larger side); it fails for a short code (ErrShortPlusCode) and
// for an invalid code (ErrInvalidPlusCode).
func (c PlusCode) Decode() (orb.Point, float64, error) {
	code := strings.ToUpper(c.Code)
	oc, err := parseOLC(code)
	if err != nil {
		return orb.Point{}, 0, err
	}
	if oc.short {
		return orb.Point{}, 0, fmt.Errorf("plus code %q: %w", code, ErrShortPlusCode)
	}
	p, size := oc.area().center()
	return p, size, nil
}

// Recover places a short code relative to ref (the nearest matching area to
// ref, per the spec) and returns the centre; a full code is decoded as is.
// The reference latitude is clipped to ±90 and its longitude normalised; the
// centre returned always has a longitude in [-180, 180).
func (c PlusCode) Recover(ref orb.Point) (orb.Point, float64, error) {
	code := strings.ToUpper(c.Code)
	oc, err := parseOLC(code)
	if err != nil {
		return orb.Point{}, 0, err
	}
	if !oc.short {
		p, size := oc.area().center()
		return p, size, nil
	}
	if !finite(ref[0]) || !finite(ref[1]) {
		return orb.Point{}, 0, fmt.Errorf("plus code %q: reference %v is not a location: %w", code, ref, ErrInvalidPlusCode)
	}
	refLat := clipLat(ref[1])
	refLon := normLon(ref[0])

	// Take the missing leading digits from the reference's own code...
	refLatU, refLonU := olcUnits(refLat, refLon)
	full := olcCode{digits: append(olcDigits(refLatU, refLonU)[:oc.removed:oc.removed], oc.digits...)}
	a := full.area()
	p, _ := a.center()
	lat, lon := p[1], p[0]

	// ...then move by one cell of the removed digits' resolution if the
	// neighbouring cell's match is nearer to the reference.
	res := math.Pow(20, float64(2-oc.removed/2))
	half := res / 2
	switch {
	case refLat+half < lat && lat-res >= -90:
		lat -= res
	case refLat-half > lat && lat+res <= 90:
		lat += res
	}
	switch {
	case refLon+half < lon:
		lon -= res
	case refLon-half > lon:
		lon += res
	}
	lon = normLon(lon)
	return orb.Point{lon, lat}, a.metres(lat), nil
}

// EncodePlusCode returns the code of p with the given number of digits (10 is
// about 14 m, 11 about 3 m), for replies and tests. Valid lengths are 2, 4, 6,
// 8 and 10 to 15; latitude is clipped to ±90 and longitude normalised.
func EncodePlusCode(p orb.Point, digits int) (string, error) {
	if digits < 2 || digits > olcMaxDigits || (digits < olcPairDigits && digits%2 != 0) {
		return "", fmt.Errorf("plus code length %d: %w", digits, ErrInvalidPlusCode)
	}
	if !finite(p[0]) || !finite(p[1]) {
		return "", fmt.Errorf("plus code of %v: not a location: %w", p, ErrInvalidPlusCode)
	}
	latU, lonU := olcUnits(clipLat(p[1]), normLon(p[0]))
	ds := olcDigits(latU, lonU)[:digits]
	var b strings.Builder
	b.Grow(olcMaxDigits + 1)
	for i, d := range ds {
		if i == olcSepIndex {
			b.WriteByte(olcSeparator)
		}
		b.WriteByte(olcAlphabet[d])
	}
	if digits < olcSepIndex {
		b.WriteString(strings.Repeat(string(olcPadding), olcSepIndex-digits))
	}
	if digits <= olcSepIndex {
		b.WriteByte(olcSeparator)
	}
	return b.String(), nil
}

// olcUnits converts a clipped latitude and normalised longitude to integer
// units from (-90, -180). Latitude 90 is moved into the topmost cell.
func olcUnits(lat, lon float64) (int64, int64) {
	// Rounding to 1e-6 of a unit first absorbs float error such as
	// 0.1*olcLatUnits landing just below an integer.
	latU := int64(math.Floor(math.Round((lat+90)*olcLatUnits*1e6) / 1e6))
	lonU := int64(math.Floor(math.Round((lon+180)*olcLonUnits*1e6) / 1e6))
	latU = min(max(latU, 0), 180*olcLatUnits-1)
	lonU %= 360 * olcLonUnits
	if lonU < 0 {
		lonU += 360 * olcLonUnits
	}
	return latU, lonU
}

// olcDigits returns the 15 digit values of a position in integer units.
func olcDigits(latU, lonU int64) []int8 {
	ds := make([]int8, olcMaxDigits)
	for i := olcMaxDigits - 1; i >= olcPairDigits; i-- {
		ds[i] = int8(latU%olcGridRows*olcGridCols + lonU%olcGridCols)
		latU /= olcGridRows
		lonU /= olcGridCols
	}
	for i := olcPairDigits - 2; i >= 0; i -= 2 {
		ds[i] = int8(latU % 20)
		ds[i+1] = int8(lonU % 20)
		latU /= 20
		lonU /= 20
	}
	return ds
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

func clipLat(lat float64) float64 { return min(max(lat, -90), 90) }

// normLon brings a longitude into [-180, 180).
func normLon(lon float64) float64 {
	if lon >= -180 && lon < 180 {
		return lon
	}
	lon = math.Mod(lon+180, 360)
	if lon < 0 {
		lon += 360
	}
	if lon >= 360 { // -1e-14 + 360 rounds to 360
		lon -= 360
	}
	return lon - 180
}

// FindPlusCode returns the first valid plus code in text (case-insensitive).
// A code must stand alone: the characters around it are not letters or
// digits. Short codes made only of digits ("22+33", "2345+67") are skipped
// because they cannot be told apart from sums and phone-number fragments;
// short codes with at least one letter ("MQRG+6R", "8F+6W") are found. For
// a short code, Locality holds the words that follow it on the same line up
// to a comma or sentence end (at most six words). ok is false when there is
// no code; the zero PlusCode is returned then.
func FindPlusCode(text string) (PlusCode, bool) {
	for from := 0; from < len(text); {
		i := strings.IndexByte(text[from:], olcSeparator)
		if i < 0 {
			break
		}
		sep := from + i
		from = sep + 1

		start := sep
		for start > 0 && isOLCChar(text[start-1], true) && sep-start <= olcSepIndex {
			start--
		}
		end := sep + 1
		for end < len(text) && isOLCChar(text[end], false) && end-sep <= olcMaxDigits {
			end++
		}
		if start == sep || wordChar(text, start, true) || wordChar(text, end, false) {
			continue
		}
		code := strings.ToUpper(text[start:end])
		oc, err := parseOLC(code)
		if err != nil {
			continue
		}
		if oc.short && !strings.ContainsFunc(code, unicode.IsLetter) {
			continue
		}
		pc := PlusCode{Code: code, Short: oc.short, Start: start, End: end}
		if oc.short {
			pc.Locality = locality(text[end:])
		}
		return pc, true
	}
	return PlusCode{}, false
}

// isOLCChar reports whether b can be part of a code; padding only before
// the separator.
func isOLCChar(b byte, beforeSep bool) bool {
	if beforeSep && b == olcPadding {
		return true
	}
	if b >= 'a' && b <= 'z' {
		b -= 'a' - 'A'
	}
	return olcValue(b) >= 0
}

// wordChar reports whether the rune just before i (before is true) or at i
// is a letter or digit, so a match at i would be part of a longer word.
func wordChar(text string, i int, before bool) bool {
	var r rune
	switch {
	case before && i > 0:
		r, _ = utf8.DecodeLastRuneInString(text[:i])
	case !before && i < len(text):
		r, _ = utf8.DecodeRuneInString(text[i:])
	default:
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// locality returns the words after a short code ("MQRG+6R, Dar es Salaam,
// Tanzania" gives "Dar es Salaam"): the rest of the line up to a comma or
// sentence end, trimmed of punctuation, at most olcMaxLocalityWords words.
func locality(rest string) string {
	rest = strings.TrimLeft(rest, " \t,-–—:")
	if i := strings.IndexAny(rest, "\n\r.,;!?:()[]"); i >= 0 {
		rest = rest[:i]
	}
	words := strings.Fields(rest)
	if len(words) > olcMaxLocalityWords {
		words = words[:olcMaxLocalityWords]
	}
	trim := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	return strings.TrimFunc(strings.Join(words, " "), trim)
}
