package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// coordinatePrecision is the number of decimals kept for longitude and
// latitude: 1e-7 degrees is about 1 cm, far below any phone's GPS error.
const coordinatePrecision = 7

// PublicFeature returns r as an RFC 7946 GeoJSON Feature as the public
// reads it under rules p (privacy.go). Times are RFC 3339 in UTC with
// second precision.
func (r *Report) PublicFeature(p Privacy) []byte {
	v, err := viewRecord(r.ID, encodeRecord(r))
	if err != nil {
		panic("data: encode feature: " + err.Error()) // a record just encoded always decodes
	}
	if r.PublicText != nil {
		v.publicText, v.hasPublicText = []byte(*r.PublicText), true
	}
	return p.appendFeature(make([]byte, 0, 512), &v, AudiencePublic, false)
}

// appendFeature appends the GeoJSON Feature of v as audience a reads it
// to dst; compact leaves out the members whose value is null or an empty
// list (accuracy_m, location_confidence, areas, nearest,
// possible_duplicate_of), which readers of GeoJSON treat alike: listings
// are compact, a single Feature and exports carry every member. Both
// always write needs (every need, ranked: [category] for a report with
// one) and write source_categories only when there are some.
//
// It has no private fields: what is not written here can never leak. For
// the public, a sensitive report is generalised (its cell's centre, no
// accuracy, confidence or nearest feature, location_generalised true) and
// the description is the public one (privacy.go). The output is what
// encoding/json would produce for the same values (HTML-safe string
// escapes, shortest float formatting).
func (p Privacy) appendFeature(dst []byte, v *recordView, a Audience, compact bool) []byte {
	public := a != AudienceStaff
	generalise := public && p.sensitiveView(v)
	lon, lat := v.lon, v.lat
	if generalise {
		g := GeneralisePoint([2]float64{lon, lat})
		lon, lat = g[0], g[1]
	}
	desc := v.description
	if public {
		desc = v.publicDescription()
	}
	dst = append(dst, `{"type":"Feature","id":`...)
	dst = strconv.AppendUint(dst, v.id, 10)
	dst = append(dst, `,"geometry":{"type":"Point","coordinates":[`...)
	dst = appendCoordinate(dst, lon)
	dst = append(dst, ',')
	dst = appendCoordinate(dst, lat)
	dst = append(dst, `]},"properties":{"id":`...)
	dst = strconv.AppendUint(dst, v.id, 10)
	dst = append(dst, `,"category":`...)
	dst = appendJSONString(dst, v.category)
	dst = append(dst, `,"needs":`...)
	if v.nNeeds == 0 {
		dst = append(dst, '[')
		dst = appendJSONString(dst, v.category)
		dst = append(dst, ']')
	} else {
		dst = appendJSONStrings(dst, v.needs, v.nNeeds)
	}
	if v.nSources > 0 {
		dst = append(dst, `,"source_categories":`...)
		dst = appendJSONStrings(dst, v.sources, v.nSources)
	}
	dst = append(dst, `,"description":`...)
	dst = appendJSONString(dst, desc)
	dst = append(dst, `,"status":`...)
	dst = appendJSONString(dst, []byte(v.status()))
	dst = append(dst, `,"channel":`...)
	dst = appendJSONString(dst, v.channel)
	dst = append(dst, `,"location_source":`...)
	dst = appendJSONString(dst, v.source)
	if v.flags&flagAccuracy != 0 && !generalise {
		dst = append(dst, `,"accuracy_m":`...)
		dst = appendJSONFloat(dst, v.accuracy)
	} else if !compact {
		dst = append(dst, `,"accuracy_m":null`...)
	}
	if v.flags&flagConfidence != 0 && !generalise {
		dst = append(dst, `,"location_confidence":`...)
		dst = appendJSONFloat(dst, v.confidence)
	} else if !compact {
		dst = append(dst, `,"location_confidence":null`...)
	}
	dst = append(dst, `,"observed_at":"`...)
	dst = appendRFC3339(dst, v.observed)
	dst = append(dst, `","received_at":"`...)
	dst = appendRFC3339(dst, v.received)
	dst = append(dst, '"')
	if v.nAreas > 0 || !compact {
		dst = append(dst, `,"areas":[`...)
		areas := recordReader{b: v.areas}
		for i := range v.nAreas {
			if i > 0 {
				dst = append(dst, ',')
			}
			a := areas.area(true)
			dst = appendRef(dst, &a)
			dst = append(dst, `,"admin_level":`...)
			if a.hasAdmin {
				dst = strconv.AppendInt(dst, a.adminLevel, 10)
			} else {
				dst = append(dst, "null"...)
			}
			dst = append(dst, `,"basis":"`...)
			dst = append(dst, a.basis()...)
			dst = append(dst, `"}`...)
		}
		dst = append(dst, ']')
	}
	if v.flags&flagNearest != 0 && !generalise {
		dst = append(dst, `,"nearest":`...)
		dst = appendRef(dst, &v.nearest)
		dst = append(dst, `,"distance_m":`...)
		dst = appendJSONFloat(dst, v.nearest.distance)
		dst = append(dst, '}')
	} else if !compact {
		dst = append(dst, `,"nearest":null`...)
	}
	dst = append(dst, `,"not_in_osm":`...)
	dst = strconv.AppendBool(dst, v.flags&flagNotInOSM != 0)
	if v.nDups > 0 || !compact {
		dst = append(dst, `,"possible_duplicate_of":[`...)
		dups := recordReader{b: v.dups}
		for i := range v.nDups {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = strconv.AppendUint(dst, dups.uvarint(), 10)
		}
		dst = append(dst, ']')
	}
	if generalise {
		dst = append(dst, `,"location_generalised":true`...)
	}
	return append(dst, "}}"...)
}

// appendJSONStrings appends the n strs encoded in list as a JSON array of
// strings.
func appendJSONStrings(dst, list []byte, n int) []byte {
	dst = append(dst, '[')
	d := recordReader{b: list}
	for i := range n {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, d.str())
	}
	return append(dst, ']')
}

// appendCoordinate appends a longitude or latitude rounded to
// coordinatePrecision decimals, as appendJSONFloat(roundTo(v, 7)) does:
// the rounded value is an integer count of 1e-7 degrees, and its shortest
// round-tripping decimal is that count written with the point moved 7
// places (trailing zeros dropped), because decimals of at most 7 places are
// 1e-7 apart while doubles below 1e6 are less than 1e-9 apart. Values for
// which that does not hold (tiny ones, printed with an exponent, and huge
// ones) take the general path.
func appendCoordinate(dst []byte, v float64) []byte {
	const scale = 1e7
	r := math.Round(v * scale)
	if !(math.Abs(r) >= 10 && math.Abs(r) < 1e13) {
		return appendJSONFloat(dst, roundTo(v, coordinatePrecision))
	}
	n := int64(r)
	if n < 0 {
		dst = append(dst, '-')
		n = -n
	}
	dst = strconv.AppendInt(dst, n/scale, 10)
	frac := n % scale
	if frac == 0 {
		return dst
	}
	var digits [coordinatePrecision]byte
	for i := coordinatePrecision - 1; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	end := coordinatePrecision
	for digits[end-1] == '0' {
		end--
	}
	dst = append(dst, '.')
	return append(dst, digits[:end]...)
}

// appendRFC3339 appends t as time.RFC3339 formats it in UTC (to the
// second), without the general formatter for the years 1970 to 9999.
func appendRFC3339(dst []byte, t time.Time) []byte {
	sec := t.Unix()
	if sec < 0 || sec > 253402300799 {
		return t.UTC().AppendFormat(dst, time.RFC3339)
	}
	days, rem := sec/86400, sec%86400
	// Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil
	// inverse, for non-negative days).
	z := days + 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	month := mp + 3
	if mp >= 10 {
		month = mp - 9
	}
	year := yoe + era*400
	if month <= 2 {
		year++
	}
	h, m, s := rem/3600, rem/60%60, rem%60
	b := [20]byte{byte('0' + year/1000), byte('0' + year/100%10), byte('0' + year/10%10), byte('0' + year%10), '-',
		byte('0' + month/10), byte('0' + month%10), '-', byte('0' + day/10), byte('0' + day%10), 'T',
		byte('0' + h/10), byte('0' + h%10), ':', byte('0' + m/10), byte('0' + m%10), ':', byte('0' + s/10), byte('0' + s%10), 'Z'}
	return append(dst, b[:]...)
}

// appendRef appends the members an AreaRef and a FeatureRef share, after
// the opening brace; the caller adds its own member and the closing brace.
func appendRef(dst []byte, a *areaView) []byte {
	dst = append(dst, `{"osm_type":`...)
	dst = appendJSONString(dst, a.osmType)
	dst = append(dst, `,"osm_id":`...)
	dst = strconv.AppendInt(dst, a.osmID, 10)
	dst = append(dst, `,"name":`...)
	dst = appendJSONString(dst, a.name)
	dst = append(dst, `,"kind":`...)
	return appendJSONString(dst, a.kind)
}

// appendJSONFloat formats f as encoding/json does: the shortest decimal
// that round-trips, in exponent form only below 1e-6 or from 1e21, with a
// one-digit negative exponent written without padding. f must be finite.
func appendJSONFloat(dst []byte, f float64) []byte {
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// "1e-07" -> "1e-7"
		if n := len(dst); n-start >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

const hexDigits = "0123456789abcdef"

// plainJSON marks the bytes appendJSONString copies as they are.
var plainJSON = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendJSONString appends s as a JSON string the way encoding/json writes
// it: quotes, backslashes and control characters escaped, <, > and & as
// \u escapes, invalid UTF-8 as U+FFFD, and U+2028 and U+2029 escaped.
func appendJSONString(dst, s []byte) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if plainJSON[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// FormatTime formats t as RFC 3339 in UTC, to the second.
func FormatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func roundTo(v float64, decimals int) float64 {
	p := math.Pow10(decimals)
	return math.Round(v*p) / p
}

// readOnlyProperties are server-assigned; a client may send them back (for
// example a feature it fetched earlier) and they are ignored.
var readOnlyProperties = map[string]bool{
	"id": true, "received_at": true, "areas": true, "nearest": true, "location_confidence": true,
	"not_in_osm": true, "possible_duplicate_of": true, "source_categories": true,
}

// ParseReportFeature decodes a GeoJSON Feature with a Point geometry into a
// Report. Unknown properties are refused so that a misspelt field is not
// silently dropped. It checks types and shapes only; call Report.Validate
// for ranges and the taxonomy. Errors are *ValidationError.
func ParseReportFeature(body []byte) (Report, error) {
	if r, ok := parseReportFast(body); ok {
		return r, nil
	}
	return parseReportGeneral(body)
}

// parseReportGeneral is ParseReportFeature through encoding/json: it takes
// every body parseReportFast does not and writes every error.
func parseReportGeneral(body []byte) (Report, error) {
	var r Report
	var env struct {
		Type       json.RawMessage `json:"type"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return r, syntaxError(err)
	}
	var typ string
	if err := json.Unmarshal(env.Type, &typ); err != nil || typ != "Feature" {
		return r, invalid("type", `must be "Feature"`)
	}
	p, err := parsePoint(env.Geometry)
	if err != nil {
		return r, err
	}
	r.Location = p
	if err := parseProperties(env.Properties, &r); err != nil {
		return r, err
	}
	return r, nil
}

func syntaxError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return &ValidationError{Code: CodeSyntax, Field: "body", Message: fmt.Sprintf("malformed JSON at byte %d: %v", se.Offset, se)}
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "body"
		}
		return invalid(field, "must be a JSON %s", jsonKind(te.Type.Kind().String()))
	default:
		return &ValidationError{Code: CodeSyntax, Field: "body", Message: "malformed JSON: " + err.Error()}
	}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "struct", "map":
		return "object"
	case "slice", "array":
		return "array"
	case "float64", "int", "uint64":
		return "number"
	}
	return goKind
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

func parsePoint(raw json.RawMessage) (orb.Point, error) {
	if isNull(raw) {
		return orb.Point{}, &ValidationError{Code: CodeMissing, Field: "geometry", Message: "a Point geometry is required"}
	}
	var g struct {
		Type        json.RawMessage `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return orb.Point{}, invalid("geometry", "must be a GeoJSON geometry object")
	}
	var typ string
	if err := json.Unmarshal(g.Type, &typ); err != nil {
		return orb.Point{}, invalid("geometry.type", "must be a string")
	}
	if typ != "Point" {
		return orb.Point{}, invalid("geometry.type", "must be Point, not %q", typ)
	}
	if isNull(g.Coordinates) {
		return orb.Point{}, &ValidationError{Code: CodeMissing, Field: "geometry.coordinates", Message: "coordinates are required"}
	}
	var coords []any // numbers decode as json.Number; a quoted "39.2" is a string
	dec := json.NewDecoder(bytes.NewReader(g.Coordinates))
	dec.UseNumber()
	if err := dec.Decode(&coords); err != nil {
		return orb.Point{}, invalid("geometry.coordinates", "must be an array of numbers [longitude, latitude]")
	}
	if len(coords) < 2 || len(coords) > 3 {
		return orb.Point{}, invalid("geometry.coordinates", "must have 2 or 3 numbers, not %d", len(coords))
	}
	var p orb.Point
	for i := 0; i < 2; i++ {
		n, isNumber := coords[i].(json.Number)
		if !isNumber {
			return orb.Point{}, invalid("geometry.coordinates", "must be an array of numbers [longitude, latitude]")
		}
		v, err := strconv.ParseFloat(string(n), 64)
		if err != nil {
			return orb.Point{}, invalid("geometry.coordinates", "must be an array of numbers [longitude, latitude]")
		}
		p[i] = v
	}
	return p, nil
}

func parseProperties(raw json.RawMessage, r *Report) error {
	if isNull(raw) {
		return &ValidationError{Code: CodeMissing, Field: "properties", Message: "properties with at least a category are required"}
	}
	var props map[string]json.RawMessage
	if err := json.Unmarshal(raw, &props); err != nil {
		return invalid("properties", "must be a JSON object")
	}
	for _, name := range slices.Sorted(maps.Keys(props)) {
		v := props[name]
		field := "properties." + name
		var err error
		switch name {
		case "category":
			err = decodeString(v, field, &r.Category)
		case "needs":
			if isNull(v) {
				continue
			}
			if json.Unmarshal(v, &r.Needs) != nil {
				return invalid(field, "must be an array of category ids")
			}
		case "description":
			err = decodeString(v, field, &r.Description)
		case "location_source":
			err = decodeString(v, field, (*string)(&r.LocationSource))
		case "channel":
			err = decodeString(v, field, (*string)(&r.Channel))
		case "status":
			err = decodeString(v, field, (*string)(&r.Status))
		case "idempotency_key":
			err = decodeString(v, field, &r.IdempotencyKey)
		case "reporter":
			err = decodeString(v, field, &r.Reporter)
		case "accuracy_m":
			if isNull(v) {
				continue
			}
			var a float64
			if json.Unmarshal(v, &a) != nil {
				return invalid(field, "must be a number of metres")
			}
			r.AccuracyM = &a
		case "observed_at":
			var s string
			if err = decodeString(v, field, &s); err != nil || s == "" {
				break
			}
			t, perr := time.Parse(time.RFC3339, s)
			if perr != nil {
				return invalid(field, "must be an RFC 3339 date-time such as 2026-03-01T14:30:00Z")
			}
			r.ObservedAt = t.UTC()
		default:
			if !readOnlyProperties[name] {
				return &ValidationError{Code: CodeUnknown, Field: field, Message: "unknown property"}
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func decodeString(raw json.RawMessage, field string, dst *string) error {
	if isNull(raw) {
		return nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return invalid(field, "must be a string")
	}
	return nil
}
