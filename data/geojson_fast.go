package data

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// parseReportFast decodes the common shape of a report body without
// encoding/json: one object with exactly the members type, geometry and
// properties; a Point with 2 or 3 plain numbers; properties among those a
// client sets (strings without escapes, accuracy_m a number, any of them
// null). It reports ok=false for anything else, valid or not, and
// ParseReportFeature then decodes the body the general way, so every error
// (and every unusual but valid body) is handled by one decoder. For a body
// it accepts it returns what the general decoder would.
func parseReportFast(body []byte) (r Report, ok bool) {
	p := fastParser{b: body}
	var seenType, seenGeom, seenProps bool
	if !p.eat('{') {
		return r, false
	}
	for first := true; ; first = false {
		if p.eat('}') {
			if first {
				return r, false
			}
			break
		}
		if !first && !p.eat(',') {
			return r, false
		}
		key, ok := p.str()
		if !ok || !p.eat(':') {
			return r, false
		}
		switch string(key) {
		case "type":
			v, ok := p.str()
			if seenType || !ok || string(v) != "Feature" {
				return r, false
			}
			seenType = true
		case "geometry":
			if seenGeom || !p.point(&r) {
				return r, false
			}
			seenGeom = true
		case "properties":
			if seenProps || !p.properties(&r) {
				return r, false
			}
			seenProps = true
		default:
			return r, false
		}
	}
	p.space()
	return r, seenType && seenGeom && seenProps && p.i == len(p.b)
}

type fastParser struct {
	b []byte
	i int
}

func (p *fastParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// eat skips white space and then c, if c comes next.
func (p *fastParser) eat(c byte) bool {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// null skips white space and a null literal, if one comes next.
func (p *fastParser) null() bool {
	p.space()
	if len(p.b)-p.i >= 4 && string(p.b[p.i:p.i+4]) == "null" {
		p.i += 4
		return true
	}
	return false
}

// str reads a string without escapes or control characters, in valid
// UTF-8; it returns the bytes between the quotes.
func (p *fastParser) str() ([]byte, bool) {
	if !p.eat('"') {
		return nil, false
	}
	start := p.i
	ascii := true
	for ; p.i < len(p.b); p.i++ {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			return s, ascii || utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, false
}

// num reads a number in JSON's grammar.
func (p *fastParser) num() (float64, bool) {
	p.space()
	start := p.i
	digits := func() bool {
		n := p.i
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
		}
		return p.i > n
	}
	if p.i < len(p.b) && p.b[p.i] == '-' {
		p.i++
	}
	if p.i < len(p.b) && p.b[p.i] == '0' {
		p.i++
	} else if !digits() {
		return 0, false
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if !digits() {
			return 0, false
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if !digits() {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(string(p.b[start:p.i]), 64)
	return v, err == nil
}

// point reads {"type":"Point","coordinates":[lon,lat(,alt)]} with its two
// members in either order.
func (p *fastParser) point(r *Report) bool {
	if !p.eat('{') {
		return false
	}
	var seenType, seenCoords bool
	for first := true; ; first = false {
		if p.eat('}') {
			return seenType && seenCoords
		}
		if !first && !p.eat(',') {
			return false
		}
		key, ok := p.str()
		if !ok || !p.eat(':') {
			return false
		}
		switch string(key) {
		case "type":
			v, ok := p.str()
			if seenType || !ok || string(v) != "Point" {
				return false
			}
			seenType = true
		case "coordinates":
			if seenCoords || !p.eat('[') {
				return false
			}
			n := 0
			for ; n < 3; n++ {
				if n > 0 && !p.eat(',') {
					break
				}
				v, ok := p.num()
				if !ok {
					return false
				}
				if n < 2 {
					r.Location[n] = v
				}
			}
			if n < 2 || !p.eat(']') {
				return false
			}
			seenCoords = true
		default:
			return false
		}
	}
}

// properties reads the properties object.
func (p *fastParser) properties(r *Report) bool {
	if !p.eat('{') {
		return false
	}
	var seen uint16
	for first := true; ; first = false {
		if p.eat('}') {
			return true
		}
		if !first && !p.eat(',') {
			return false
		}
		key, ok := p.str()
		if !ok || !p.eat(':') {
			return false
		}
		var bit uint16
		var dst *string
		switch string(key) {
		case "category":
			bit, dst = 1<<0, &r.Category
		case "description":
			bit, dst = 1<<1, &r.Description
		case "location_source":
			bit, dst = 1<<2, (*string)(&r.LocationSource)
		case "channel":
			bit, dst = 1<<3, (*string)(&r.Channel)
		case "status":
			bit, dst = 1<<4, (*string)(&r.Status)
		case "idempotency_key":
			bit, dst = 1<<5, &r.IdempotencyKey
		case "reporter":
			bit, dst = 1<<6, &r.Reporter
		case "accuracy_m":
			bit = 1 << 7
		case "observed_at":
			bit = 1 << 8
		default:
			return false
		}
		if seen&bit != 0 {
			return false // a repeated member: the general decoder decides
		}
		seen |= bit
		if p.null() {
			continue
		}
		switch {
		case dst != nil:
			v, ok := p.str()
			if !ok {
				return false
			}
			*dst = string(v)
		case bit == 1<<7:
			a, ok := p.num()
			if !ok {
				return false
			}
			r.AccuracyM = &a
		default: // observed_at
			v, ok := p.str()
			if !ok {
				return false
			}
			if len(v) > 0 {
				t, err := time.Parse(time.RFC3339, string(v))
				if err != nil {
					return false
				}
				r.ObservedAt = t.UTC()
			}
		}
	}
}
