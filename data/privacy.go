package data

import (
	"math"

	"github.com/paulmach/orb"
)

// This file is the one place that decides what a public reader sees of a
// report. Every public Feature (GET by id, OGC items, exports, the event
// stream) is written by appendReportFeature with AudiencePublic, and every
// other public form (Open311, CSV columns) is built from Privacy.Disclose or
// PublicReport, which apply the same rules:
//   - a report with a sensitive need (any of its needs, not only its main
//     category, with the taxonomy's "sensitive" flag) is generalised: its point becomes the centre of its
//     GeneraliseCellDeg grid cell, and accuracy_m, location_confidence and
//     nearest (a named feature and an exact distance would give the
//     position back) are left out; location_generalised is true;
//   - the description is the moderators' public text when they wrote one,
//     else the description with phone numbers and e-mail addresses
//     replaced (RedactContacts);
//   - private fields (reporter, raw text, idempotency key, account) are
//     never written.
// Staff (moderators and admins) read with AudienceStaff: exact positions
// and the text as it was sent.

// GeneraliseCellDeg is the side, in degrees, of the grid that sensitive
// reports are snapped to in public output: their point becomes the centre
// of its 0.01° cell (about 1.1 km north-south).
const GeneraliseCellDeg = 0.01

// Audience is whose eyes a report is written for.
type Audience uint8

// The audiences.
const (
	// AudiencePublic is anyone without a staff role (and viewers and
	// mappers): generalised sensitive positions, redacted text.
	AudiencePublic Audience = iota
	// AudienceStaff is moderators and admins: exact positions and the
	// description as sent.
	AudienceStaff
)

// Privacy holds the rules of public output that depend on the taxonomy.
// The zero Privacy generalises nothing but still redacts text.
type Privacy struct {
	sensitive map[string]bool
}

// NewPrivacy returns the rules for taxonomy t (nil: no sensitive
// categories).
func NewPrivacy(t *Taxonomy) Privacy {
	p := Privacy{sensitive: map[string]bool{}}
	if t != nil {
		for _, c := range t.Categories {
			if c.Sensitive {
				p.sensitive[c.ID] = true
			}
		}
	}
	return p
}

// Sensitive reports whether reports of category are generalised in public
// output.
func (p Privacy) Sensitive(category string) bool { return p.sensitive[category] }

// sensitiveBytes is Sensitive for a category read from a record (the
// conversion does not allocate).
func (p Privacy) sensitiveBytes(category []byte) bool { return p.sensitive[string(category)] }

// SensitiveReport reports whether r is generalised in public output: when
// any of its needs is a sensitive category, not only its main one.
func (p Privacy) SensitiveReport(r *Report) bool {
	if p.sensitive[r.Category] {
		return true
	}
	for _, n := range storedNeeds(r) { // the needs its record keeps: Features agree

		if p.sensitive[n] {
			return true
		}
	}
	return false
}

// sensitiveView is SensitiveReport for a record.
func (p Privacy) sensitiveView(v *recordView) bool {
	if len(p.sensitive) == 0 {
		return false
	}
	found := p.sensitiveBytes(v.category)
	v.eachNeed(func(n []byte) { found = found || p.sensitiveBytes(n) })
	return found
}

// GeneralisePoint returns the centre of p's GeneraliseCellDeg grid cell,
// kept inside the valid range of longitudes and latitudes.
func GeneralisePoint(p orb.Point) orb.Point {
	snap := func(v, limit float64) float64 {
		c := (math.Floor(v/GeneraliseCellDeg) + 0.5) * GeneraliseCellDeg
		c = math.Round(c*1e6) / 1e6 // 39.245, not 39.245000000000005
		return math.Max(-limit+GeneraliseCellDeg/2, math.Min(limit-GeneraliseCellDeg/2, c))
	}
	return orb.Point{snap(p[0], 180), snap(p[1], 90)}
}

// GeneraliseBound returns b widened outward to the GeneraliseCellDeg
// grid: an extent whose corners would otherwise be the exact points of
// the reports at its edges.
func GeneraliseBound(b orb.Bound) orb.Bound {
	out := func(v float64, up bool, limit float64) float64 {
		c := math.Floor(v / GeneraliseCellDeg)
		if up {
			c = math.Ceil(v / GeneraliseCellDeg)
		}
		return math.Max(-limit, math.Min(limit, math.Round(c*GeneraliseCellDeg*1e6)/1e6))
	}
	return orb.Bound{Min: orb.Point{out(b.Min[0], false, 180), out(b.Min[1], false, 90)},
		Max: orb.Point{out(b.Max[0], true, 180), out(b.Max[1], true, 90)}}
}

// PublicDescription is the text the public reads for a report with
// description desc: the moderators' public text when they wrote one, else
// desc with contact details redacted.
func PublicDescription(desc string, publicText *string) string {
	if publicText != nil {
		return *publicText
	}
	return string(RedactContacts([]byte(desc)))
}

// Disclose returns what a public reader may see of r: the private fields
// cleared, the description public (PublicDescription), and for a sensitive
// category the point generalised with accuracy, confidence and the nearest
// feature removed. Generalised reports whether the point was generalised.
func (p Privacy) Disclose(r *Report) (pub Report, generalised bool) {
	pub = *r
	pub.IdempotencyKey, pub.Reporter, pub.RawText, pub.SubmittedBy = "", "", "", 0
	pub.Description = PublicDescription(r.Description, r.PublicText)
	pub.PublicText = nil
	if p.SensitiveReport(r) {
		pub.Location = GeneralisePoint(r.Location)
		pub.AccuracyM, pub.LocationConfidence, pub.Nearest = nil, nil, nil
		generalised = true
	}
	return pub, generalised
}

// publicDescription is PublicDescription for a record view.
func (v *recordView) publicDescription() []byte {
	if v.hasPublicText {
		return v.publicText
	}
	return RedactContacts(v.description)
}

// findPublic is find for a box matched against public positions. The
// reports whose own point lies in the box are kept, but for a sensitive
// one only when its generalised point does too; and the sensitive reports
// of the grid cells whose centres lie in the box are searched as well,
// since their generalised point is that centre (generalisedSearchBound).
// Only sensitive reports are looked for there, and only in those cells: a
// box smaller than a cell holds no centre most of the time. Widening the
// search by a cell on every side for every report made a public box read
// ~100× the reports it answers with; for sensitive ones only, a box of
// ~100 reports at 1M still read ~10,000 rows (0.7 ms).
func (x *reportIndex) findPublic(q Query, p Privacy) Page {
	box := *q.BBox
	offset, limit := q.Offset, q.Limit
	q.PublicPositions = false
	q.Offset, q.Limit = 0, math.MaxInt
	inBox := x.find(q).IDs
	var around []uint64
	if sensitive := p.categories(); len(sensitive) > 0 {
		if cells, ok := generalisedSearchBound(box); ok {
			w := Query{BBox: &cells, Categories: sensitive, Offset: 0, Limit: math.MaxInt}
			around = x.find(w).IDs
		}
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	f, possible := x.compile(q) // the caller's filters, for the reports around the box
	var page Page
	keep := func(id uint64, checkFilters bool) {
		i, ok := x.findLocked(id)
		if !ok {
			return
		}
		r := &x.rows[i]
		if checkFilters && (!possible || !f.match(r)) {
			return
		}
		pt := orb.Point{r.lon, r.lat}
		if x.sensitiveRowLocked(r, p) {
			pt = GeneralisePoint(pt)
		} else if checkFilters {
			return // its own point is outside the box
		}
		if !box.Contains(pt) {
			return
		}
		if page.Matched >= offset && len(page.IDs) < limit {
			page.IDs = append(page.IDs, id)
		}
		page.Matched++
	}
	// Both lists are in increasing id order: merge them, once each.
	a, b := 0, 0
	for a < len(inBox) || b < len(around) {
		switch {
		case b == len(around) || a < len(inBox) && inBox[a] < around[b]:
			keep(inBox[a], false)
			a++
		case a == len(inBox) || around[b] < inBox[a]:
			keep(around[b], true)
			b++
		default: // in both: its own point is in the box
			keep(inBox[a], false)
			a++
			b++
		}
	}
	return page
}

// generalisedSearchBound returns a bound holding every point whose
// generalised point (GeneralisePoint) lies in box: the grid cells whose
// centres lie in box, with a hair of slack for the centres' rounding to
// 1e-6 and the clamping at ±180° and ±90° (the centre of the last cell
// holds the points on the edge too). ok is false when box holds no centre
// of a cell: then no generalised point lies in it.
func generalisedSearchBound(box orb.Bound) (b orb.Bound, ok bool) {
	const slack = 1e-6
	cells := func(lo, hi float64) (from, to float64, ok bool) {
		first := math.Ceil((lo-slack)/GeneraliseCellDeg - 0.5) // the first cell whose centre is >= lo
		last := math.Floor((hi+slack)/GeneraliseCellDeg - 0.5)
		return first*GeneraliseCellDeg - slack, (last+1)*GeneraliseCellDeg + slack, first <= last
	}
	x0, x1, okX := cells(box.Min[0], box.Max[0])
	y0, y1, okY := cells(box.Min[1], box.Max[1])
	return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}, okX && okY
}

// categories lists the sensitive categories.
func (p Privacy) categories() []string {
	out := make([]string, 0, len(p.sensitive))
	for c, on := range p.sensitive {
		if on {
			out = append(out, c)
		}
	}
	return out
}

// sensitiveRowLocked reports whether any need of the report of row r is
// sensitive under p (x.mu held).
func (x *reportIndex) sensitiveRowLocked(r *row, p Privacy) bool {
	if p.sensitive[x.cats[r.cat]] {
		return true
	}
	if r.bits&rowMulti == 0 {
		return false
	}
	span := x.needs[r.id]
	for _, c := range x.otherNeeds[span.start : span.start+span.n] {
		if p.sensitive[x.cats[c]] {
			return true
		}
	}
	return false
}
