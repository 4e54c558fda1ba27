package data

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"
)

// recordVersion is the first byte of every stored report. Decoding refuses
// versions it does not know.
const recordVersion = 4

// Older record versions, still read: version 3 lacks the trailing needs
// and source categories, version 2 also duplicate_of and submitted_by.
const (
	recordVersionOneNeed   = 3
	recordVersionNoAccount = 2
)

// knownRecordVersion reports whether v is a record version this mtaa
// reads.
func knownRecordVersion(v byte) bool {
	return v == recordVersion || v == recordVersionOneNeed || v == recordVersionNoAccount
}

// A stored report is one compact binary record, private fields included,
// from which both Report and the public GeoJSON Feature are rebuilt. It
// starts with the fields the in-memory index needs, at fixed offsets, so
// that start-up reads them without decoding the rest:
//
//	version u8 | lon f64 | lat f64 | observed unix s i64 | observed ns u32 |
//	flags u8 | category str |
//	received unix s i64 | received ns u32 | channel str | location_source str |
//	[accuracy_m f64] | [location_confidence f64] | description str |
//	idempotency_key str | reporter str | raw_text str |
//	areas uvarint, each: osm_type str, osm_id varint, name str, kind str,
//	  area flags u8 (0x01 admin_level follows, 0x02 nearest place), [admin_level varint] |
//	[nearest: osm_type str, osm_id varint, name str, kind str, distance_m f64] |
//	possible_duplicate_of uvarint, each uvarint |
//	duplicate_of uvarint | submitted_by uvarint   (from version 3) |
//	[needs uvarint, each str] |
//	source_categories uvarint, each str           (from version 4)
//
// Integers are big-endian, floats are IEEE 754 bits, str is a uvarint
// length and the bytes; [x] is present when its flag is set. The id is not
// in the record: it is the second half of the key (recordKey). needs are
// written only for a report with more than one (ranked, category among
// them); flagNeeds in the header tells start-up to read them, so that a
// record with one need is indexed from its header and category alone.
const (
	recordHeader = 1 + 8 + 8 + 8 + 4 + 1

	flagStatusMask = 0x07 // status code (1-based index in Statuses)
	flagNeeds      = 0x08 // version 4: the record lists several needs
	flagNotInOSM   = 0x80
	flagAccuracy   = 0x40
	flagConfidence = 0x20
	flagNearest    = 0x10

	// The flag byte of each area: bit 0 admin_level follows, bit 1 the
	// area is a nearest place (AreaBasisNearestPlace), else a boundary.
	areaAdminLevel   = 0x01
	areaNearestPlace = 0x02
)

func encodeRecord(r *Report) []byte {
	needs := storedNeeds(r)
	n := recordHeader + 64 + len(r.Category) + len(r.Description) + len(r.IdempotencyKey) +
		len(r.Reporter) + len(r.RawText) + 40*len(r.Areas) + 10*len(r.PossibleDuplicateOf) +
		16*(len(needs)+len(r.SourceCategories))
	b := make([]byte, 0, n)
	flags := statusCode(r.Status) & flagStatusMask
	if len(needs) > 0 {
		flags |= flagNeeds
	}
	if r.NotInOSM {
		flags |= flagNotInOSM
	}
	if r.AccuracyM != nil {
		flags |= flagAccuracy
	}
	if r.LocationConfidence != nil {
		flags |= flagConfidence
	}
	if r.Nearest != nil {
		flags |= flagNearest
	}
	b = append(b, recordVersion)
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(r.Location[0]))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(r.Location[1]))
	b = appendTime(b, r.ObservedAt)
	b = append(b, flags)
	b = appendStr(b, r.Category)
	b = appendTime(b, r.ReceivedAt)
	b = appendStr(b, string(r.Channel))
	b = appendStr(b, string(r.LocationSource))
	if r.AccuracyM != nil {
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(*r.AccuracyM))
	}
	if r.LocationConfidence != nil {
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(*r.LocationConfidence))
	}
	b = appendStr(b, r.Description)
	b = appendStr(b, r.IdempotencyKey)
	b = appendStr(b, r.Reporter)
	b = appendStr(b, r.RawText)
	b = binary.AppendUvarint(b, uint64(len(r.Areas)))
	for _, a := range r.Areas {
		b = appendStr(b, a.OSMType)
		b = binary.AppendVarint(b, a.OSMID)
		b = appendStr(b, a.Name)
		b = appendStr(b, a.Kind)
		var af byte
		if a.Basis == AreaBasisNearestPlace {
			af |= areaNearestPlace
		}
		if a.AdminLevel != nil {
			b = append(b, af|areaAdminLevel)
			b = binary.AppendVarint(b, int64(*a.AdminLevel))
		} else {
			b = append(b, af)
		}
	}
	if n := r.Nearest; n != nil {
		b = appendStr(b, n.OSMType)
		b = binary.AppendVarint(b, n.OSMID)
		b = appendStr(b, n.Name)
		b = appendStr(b, n.Kind)
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(n.DistanceM))
	}
	b = binary.AppendUvarint(b, uint64(len(r.PossibleDuplicateOf)))
	for _, d := range r.PossibleDuplicateOf {
		b = binary.AppendUvarint(b, d)
	}
	b = binary.AppendUvarint(b, r.DuplicateOf)
	b = binary.AppendUvarint(b, r.SubmittedBy)
	if len(needs) > 0 {
		b = appendStrs(b, needs)
	}
	return appendStrs(b, r.SourceCategories)
}

// storedNeeds is the needs list a record keeps for r: none when Category
// is the only need, else Needs with Category put first when it lacks it
// (as Validate does).
func storedNeeds(r *Report) []string {
	c := *r
	c.normalizeNeeds()
	if len(c.Needs) < 2 { // e.g. [x] without a category: not a valid report
		return nil
	}
	return c.Needs
}

func appendStrs(b []byte, list []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(list)))
	for _, s := range list {
		b = appendStr(b, s)
	}
	return b
}

func appendTime(b []byte, t time.Time) []byte {
	b = binary.BigEndian.AppendUint64(b, uint64(t.Unix()))
	return binary.BigEndian.AppendUint32(b, uint32(t.Nanosecond()))
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// recordView is a decoded record whose strings still point into the
// encoded bytes: reading one allocates nothing. It is valid only as long as
// those bytes are (inside the read transaction).
type recordView struct {
	id uint64
	// publicText is the moderators' public text when hasPublicText is
	// set (public_text.go); it is not part of the record.
	publicText                  []byte
	hasPublicText               bool
	lon, lat                    float64
	observed, received          time.Time
	flags                       uint8
	category, channel, source   []byte
	accuracy, confidence        float64
	description, idem, reporter []byte
	rawText                     []byte
	areas                       []byte // encoded, walked by eachArea
	nAreas                      int
	nearest                     areaView
	dups                        []byte // encoded uvarints
	nDups                       int
	duplicateOf, submittedBy    uint64
	// needs and sources are encoded str lists (walked by eachStr); needs
	// is empty when the category is the only need.
	needs, sources   []byte
	nNeeds, nSources int
}

// areaView is one decoded AreaRef or FeatureRef.
type areaView struct {
	osmType, name, kind []byte
	osmID               int64
	hasAdmin            bool
	nearestPlace        bool // AreaBasisNearestPlace, else a boundary
	adminLevel          int64
	distance            float64
}

// basis returns the AreaRef.Basis of an area.
func (a *areaView) basis() string {
	if a.nearestPlace {
		return AreaBasisNearestPlace
	}
	return AreaBasisBoundary
}

// recordReader decodes a record front to back; the first error sticks.
type recordReader struct {
	b   []byte
	err bool
}

func (d *recordReader) next(n int) []byte {
	if d.err || n < 0 || n > len(d.b) {
		d.err = true
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *recordReader) u8() uint8 {
	if v := d.next(1); v != nil {
		return v[0]
	}
	return 0
}

func (d *recordReader) u64() uint64 {
	if v := d.next(8); v != nil {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}

func (d *recordReader) f64() float64 { return math.Float64frombits(d.u64()) }

func (d *recordReader) time() time.Time {
	s := int64(d.u64())
	var ns uint32
	if v := d.next(4); v != nil {
		ns = binary.BigEndian.Uint32(v)
	}
	return time.Unix(s, int64(ns)).UTC()
}

func (d *recordReader) uvarint() uint64 {
	if d.err {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *recordReader) varint() int64 {
	if d.err {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *recordReader) str() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err = true
		return nil
	}
	return d.next(int(n))
}

func (d *recordReader) area(admin bool) areaView {
	var a areaView
	a.osmType = d.str()
	a.osmID = d.varint()
	a.name = d.str()
	a.kind = d.str()
	if admin {
		af := d.u8()
		a.hasAdmin = af&areaAdminLevel != 0
		a.nearestPlace = af&areaNearestPlace != 0
		if a.hasAdmin {
			a.adminLevel = d.varint()
		}
	} else {
		a.distance = d.f64()
	}
	return a
}

// viewRecord decodes the record b of report id.
func viewRecord(id uint64, b []byte) (recordView, error) {
	var v recordView
	if len(b) == 0 || !knownRecordVersion(b[0]) {
		return v, fmt.Errorf("%w: report %d: unknown record version", ErrCorrupt, id)
	}
	d := recordReader{b: b[1:]}
	v.id = id
	v.lon, v.lat = d.f64(), d.f64()
	v.observed = d.time()
	v.flags = d.u8()
	v.category = d.str()
	v.received = d.time()
	v.channel = d.str()
	v.source = d.str()
	if v.flags&flagAccuracy != 0 {
		v.accuracy = d.f64()
	}
	if v.flags&flagConfidence != 0 {
		v.confidence = d.f64()
	}
	v.description = d.str()
	v.idem = d.str()
	v.reporter = d.str()
	v.rawText = d.str()
	v.nAreas = int(d.uvarint())
	start := d.b
	for i := 0; i < v.nAreas && !d.err; i++ {
		d.area(true)
	}
	if !d.err {
		v.areas = start[:len(start)-len(d.b)]
	}
	if v.flags&flagNearest != 0 {
		v.nearest = d.area(false)
	}
	v.nDups = int(d.uvarint())
	start = d.b
	for i := 0; i < v.nDups && !d.err; i++ {
		d.uvarint()
	}
	if !d.err {
		v.dups = start[:len(start)-len(d.b)]
	}
	if b[0] >= recordVersionOneNeed {
		v.duplicateOf = d.uvarint()
		v.submittedBy = d.uvarint()
	}
	if b[0] >= recordVersion {
		if v.flags&flagNeeds != 0 {
			v.needs, v.nNeeds = d.strs()
			if v.nNeeds < 2 {
				d.err = true // one need is written as none
			}
		}
		v.sources, v.nSources = d.strs()
	} else if v.flags&flagNeeds != 0 {
		d.err = true // not a flag before version 4
	}
	code := v.flags & flagStatusMask
	if d.err || len(d.b) != 0 || code == 0 || int(code) > len(Statuses) {
		return v, fmt.Errorf("%w: report %d: malformed record", ErrCorrupt, id)
	}
	return v, nil
}

// strs reads a str list and returns it encoded, with its length.
func (d *recordReader) strs() ([]byte, int) {
	n := d.uvarint()
	if n > uint64(len(d.b)) { // each str takes a byte at least
		d.err = true
		return nil, 0
	}
	start := d.b
	for i := uint64(0); i < n && !d.err; i++ {
		d.str()
	}
	if d.err {
		return nil, 0
	}
	return start[:len(start)-len(d.b)], int(n)
}

// eachStr calls fn for each of the n strs encoded in list.
func eachStr(list []byte, n int, fn func([]byte)) {
	d := recordReader{b: list}
	for range n {
		fn(d.str())
	}
}

// eachNeed calls fn for each need of v, ranked: its category alone when
// the record lists none.
func (v *recordView) eachNeed(fn func([]byte)) {
	if v.nNeeds == 0 {
		fn(v.category)
		return
	}
	eachStr(v.needs, v.nNeeds, fn)
}

// eachArea calls fn for each area of v.
func (v *recordView) eachArea(fn func(areaView)) {
	d := recordReader{b: v.areas}
	for range v.nAreas {
		fn(d.area(true))
	}
}

// eachDup calls fn for each possible duplicate of v.
func (v *recordView) eachDup(fn func(uint64)) {
	d := recordReader{b: v.dups}
	for range v.nDups {
		fn(d.uvarint())
	}
}

func (v *recordView) status() Status { return Statuses[v.flags&flagStatusMask-1] }

// report copies v into a Report.
func (v *recordView) report() Report {
	r := Report{
		ID: v.id, Category: string(v.category), Description: string(v.description),
		LocationSource: LocationSource(v.source), ObservedAt: v.observed, ReceivedAt: v.received,
		Channel: Channel(v.channel), Status: v.status(), IdempotencyKey: string(v.idem),
		Reporter: string(v.reporter), RawText: string(v.rawText),
		DuplicateOf: v.duplicateOf, SubmittedBy: v.submittedBy,
	}
	r.Location[0], r.Location[1] = v.lon, v.lat
	if v.flags&flagAccuracy != 0 {
		a := v.accuracy
		r.AccuracyM = &a
	}
	if v.flags&flagConfidence != 0 {
		c := v.confidence
		r.LocationConfidence = &c
	}
	r.NotInOSM = v.flags&flagNotInOSM != 0
	if v.nAreas > 0 {
		r.Areas = make([]AreaRef, 0, v.nAreas)
		v.eachArea(func(a areaView) {
			ref := AreaRef{OSMType: string(a.osmType), OSMID: a.osmID, Name: string(a.name), Kind: string(a.kind),
				Basis: a.basis()}
			if a.hasAdmin {
				l := int(a.adminLevel)
				ref.AdminLevel = &l
			}
			r.Areas = append(r.Areas, ref)
		})
	}
	if v.flags&flagNearest != 0 {
		n := v.nearest
		r.Nearest = &FeatureRef{OSMType: string(n.osmType), OSMID: n.osmID, Name: string(n.name),
			Kind: string(n.kind), DistanceM: n.distance}
	}
	if v.nDups > 0 {
		r.PossibleDuplicateOf = make([]uint64, 0, v.nDups)
		v.eachDup(func(d uint64) { r.PossibleDuplicateOf = append(r.PossibleDuplicateOf, d) })
	}
	r.Needs = copyStrs(v.needs, v.nNeeds)
	r.SourceCategories = copyStrs(v.sources, v.nSources)
	return r
}

// copyStrs copies the n strs encoded in list into strings; nil for none.
func copyStrs(list []byte, n int) []string {
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	eachStr(list, n, func(s []byte) { out = append(out, string(s)) })
	return out
}

func decodeRecord(id uint64, b []byte) (Report, error) {
	v, err := viewRecord(id, b)
	if err != nil {
		return Report{}, err
	}
	return v.report(), nil
}

// summaryOfRecord reads the index fields of a record without decoding the
// rest, unless the record lists several needs (flagNeeds): those are at
// its end.
func summaryOfRecord(id uint64, b []byte) (summary, error) {
	if len(b) < recordHeader || !knownRecordVersion(b[0]) {
		return summary{}, fmt.Errorf("%w: record of report %d", ErrCorrupt, id)
	}
	flags := b[29]
	code := flags & flagStatusMask
	if code == 0 || int(code) > len(Statuses) {
		return summary{}, fmt.Errorf("%w: record of report %d", ErrCorrupt, id)
	}
	d := recordReader{b: b[recordHeader:]}
	cat := d.str()
	if d.err {
		return summary{}, fmt.Errorf("%w: record of report %d", ErrCorrupt, id)
	}
	s := summary{
		id:       id,
		lon:      math.Float64frombits(binary.BigEndian.Uint64(b[1:])),
		lat:      math.Float64frombits(binary.BigEndian.Uint64(b[9:])),
		observed: int64(binary.BigEndian.Uint64(b[17:])),
		status:   Statuses[code-1],
		notInOSM: flags&flagNotInOSM != 0,
		category: string(cat),
	}
	if flags&flagNeeds != 0 {
		return s.withNeeds(b)
	}
	return s, nil
}

// withNeeds adds the needs at the end of record b to s: apart from
// summaryOfRecord, so that its common path stays small enough to inline.
func (s summary) withNeeds(b []byte) (summary, error) {
	v, err := viewRecord(s.id, b)
	if err != nil {
		return summary{}, err
	}
	s.needs, s.nNeeds = v.needs, v.nNeeds
	return s, nil
}

// summary is the part of a report the in-memory index keeps.
type summary struct {
	id       uint64
	lon, lat float64
	observed int64
	status   Status
	notInOSM bool
	category string
	// needs are the report's nNeeds needs when it has several (category
	// among them), as the record encodes them; none for one. From
	// summaryOfRecord they point into the record (valid inside its
	// transaction), so that start-up copies no string.
	needs  []byte
	nNeeds int
}

func summaryOf(r *Report) summary {
	s := summary{id: r.ID, lon: r.Location[0], lat: r.Location[1],
		observed: r.ObservedAt.Unix(), status: r.Status, notInOSM: r.NotInOSM, category: r.Category}
	for _, n := range storedNeeds(r) {
		s.needs = appendStr(s.needs, n)
		s.nNeeds++
	}
	return s
}

// Records are keyed by place, then id: cell code (8 bytes) | id (8 bytes),
// big-endian. The cell code interleaves the bits of longitude and latitude
// quantised to 32 bits each (a Z-order curve, ~1 cm cells), so reports
// near each other on the map are near each other in the file and a bbox
// page reads a few runs of neighbouring pages instead of one page per
// report.
const recordKeyLen = 16

func recordKey(id uint64, lon, lat float64) []byte {
	var k [recordKeyLen]byte
	binary.BigEndian.PutUint64(k[0:], cellCode(lon, lat))
	binary.BigEndian.PutUint64(k[8:], id)
	return k[:]
}

// cellKey is a record key as numbers; it orders as the key's bytes do.
type cellKey struct{ cell, id uint64 }

func (k cellKey) bytes() []byte {
	var b [recordKeyLen]byte
	binary.BigEndian.PutUint64(b[0:], k.cell)
	binary.BigEndian.PutUint64(b[8:], k.id)
	return b[:]
}

func (k cellKey) compare(o cellKey) int {
	if c := cmpUint(k.cell, o.cell); c != 0 {
		return c
	}
	return cmpUint(k.id, o.id)
}

func keyID(k []byte) uint64 { return binary.BigEndian.Uint64(k[8:]) }

func cellCode(lon, lat float64) uint64 {
	return spread(quantise(lon, -180, 360)) | spread(quantise(lat, -90, 180))<<1
}

func quantise(v, lo, span float64) uint32 {
	f := (v - lo) / span * (1 << 32)
	switch {
	case !(f >= 0): // NaN included
		return 0
	case f >= 1<<32-1:
		return 1<<32 - 1
	}
	return uint32(f)
}

// spread moves bit i of x to bit 2i.
func spread(x uint32) uint64 {
	v := uint64(x)
	v = (v | v<<16) & 0x0000ffff0000ffff
	v = (v | v<<8) & 0x00ff00ff00ff00ff
	v = (v | v<<4) & 0x0f0f0f0f0f0f0f0f
	v = (v | v<<2) & 0x3333333333333333
	v = (v | v<<1) & 0x5555555555555555
	return v
}

func idKey(id uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], id)
	return k[:]
}
