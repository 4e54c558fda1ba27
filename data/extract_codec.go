package data

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// featureVersion is the first byte of every encoded OSMFeature.
const featureVersion = 1

// Geometry type codes of the feature encoding.
const (
	geomNone       = 0
	geomLineString = 1
	geomPolygon    = 2
	geomMulti      = 3
)

// coordScale is the fixed-point scale of stored coordinates: 1e-7 degrees,
// the precision of OSM itself, so storing is lossless for OSM input.
const coordScale = 1e7

// appendFeature appends the binary encoding of f to dst:
//
//	version, kind, osm type (bytes), osm id (varint), class (string),
//	names, tags (count + string pairs), point (2 zigzag varints, 1e-7°),
//	area (uvarint, 0.1 m²), geometry type (byte), then for geometry the
//	ring/line structure as uvarint counts and every coordinate as a zigzag
//	varint delta from the previous one (starting at point).
//
// Strings are a uvarint length then the bytes.
func appendFeature(dst []byte, f *OSMFeature) ([]byte, error) {
	dst = append(dst, featureVersion, byte(f.Kind), byte(f.OSMType))
	dst = binary.AppendVarint(dst, f.OSMID)
	dst = appendString(dst, f.Class)
	dst = appendTags(dst, f.Names)
	dst = appendTags(dst, f.Tags)
	px, py := fixed(f.Point[0]), fixed(f.Point[1])
	dst = binary.AppendVarint(dst, px)
	dst = binary.AppendVarint(dst, py)
	area := f.AreaM2
	if math.IsNaN(area) || area < 0 {
		area = 0
	}
	dst = binary.AppendUvarint(dst, uint64(math.Round(area*10)))
	e := coordEncoder{dst: dst, x: px, y: py}
	switch g := f.Geometry.(type) {
	case nil:
		e.dst = append(e.dst, geomNone)
	case orb.LineString:
		e.dst = append(e.dst, geomLineString)
		e.points(g)
	case orb.Polygon:
		e.dst = append(e.dst, geomPolygon)
		e.polygon(g)
	case orb.MultiPolygon:
		e.dst = append(e.dst, geomMulti)
		e.dst = binary.AppendUvarint(e.dst, uint64(len(g)))
		for _, p := range g {
			e.polygon(p)
		}
	default:
		return dst, fmt.Errorf("encode %s: unsupported geometry %T", f.Ref(), f.Geometry)
	}
	return e.dst, nil
}

func fixed(v float64) int64 { return int64(math.Round(v * coordScale)) }

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

func appendTags(dst []byte, ts Tags) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(ts)))
	for _, t := range ts {
		dst = appendString(dst, t.Key)
		dst = appendString(dst, t.Value)
	}
	return dst
}

type coordEncoder struct {
	dst  []byte
	x, y int64
}

func (e *coordEncoder) points(ps []orb.Point) {
	e.dst = binary.AppendUvarint(e.dst, uint64(len(ps)))
	for _, p := range ps {
		x, y := fixed(p[0]), fixed(p[1])
		e.dst = binary.AppendVarint(e.dst, x-e.x)
		e.dst = binary.AppendVarint(e.dst, y-e.y)
		e.x, e.y = x, y
	}
}

func (e *coordEncoder) polygon(p orb.Polygon) {
	e.dst = binary.AppendUvarint(e.dst, uint64(len(p)))
	for _, r := range p {
		e.points(r)
	}
}

// decodeFeature decodes one value written by appendFeature. Every string
// and slice is copied, so b may be reused afterwards.
func decodeFeature(b []byte) (*OSMFeature, error) {
	d := decoder{b: b}
	if v := d.byte(); v != featureVersion {
		return nil, fmt.Errorf("%w: feature version %d", ErrCorrupt, v)
	}
	f := &OSMFeature{Kind: FeatureKind(d.byte()), OSMType: OSMType(d.byte())}
	f.OSMID = d.varint()
	f.Class = d.string()
	f.Names = d.tags()
	f.Tags = d.tags()
	d.x, d.y = d.varint(), d.varint()
	f.Point = orb.Point{float64(d.x) / coordScale, float64(d.y) / coordScale}
	f.AreaM2 = float64(d.uvarint()) / 10
	switch d.byte() {
	case geomNone:
	case geomLineString:
		f.Geometry = orb.LineString(d.points())
	case geomPolygon:
		f.Geometry = d.polygon()
	case geomMulti:
		n := d.count()
		mp := make(orb.MultiPolygon, n)
		for i := range mp {
			mp[i] = d.polygon()
		}
		f.Geometry = mp
	default:
		d.fail()
	}
	if d.err != nil {
		return nil, d.err
	}
	if !f.Kind.Valid() {
		return nil, fmt.Errorf("%w: feature kind %d", ErrCorrupt, f.Kind)
	}
	return f, nil
}

// decoder reads the feature encoding; the first problem sticks in err and
// every later read returns zero values.
type decoder struct {
	b    []byte
	err  error
	x, y int64
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = fmt.Errorf("%w: truncated or malformed feature", ErrCorrupt)
	}
	d.b = nil
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length and checks it against the bytes left, so a corrupt
// value can never make the decoder allocate more than the input size.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) string() string {
	n := d.count()
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) tags() Tags {
	n := d.count()
	if n == 0 {
		return nil
	}
	ts := make(Tags, n)
	for i := range ts {
		ts[i].Key = d.string()
		ts[i].Value = d.string()
	}
	return ts
}

func (d *decoder) points() []orb.Point {
	n := d.count()
	ps := make([]orb.Point, n)
	for i := range ps {
		d.x += d.varint()
		d.y += d.varint()
		ps[i] = orb.Point{float64(d.x) / coordScale, float64(d.y) / coordScale}
	}
	return ps
}

func (d *decoder) polygon() orb.Polygon {
	n := d.count()
	p := make(orb.Polygon, n)
	for i := range p {
		p[i] = orb.Ring(d.points())
	}
	return p
}
