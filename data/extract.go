package data

import (
	"fmt"
	"time"

	"github.com/paulmach/orb"
)

// ExtractFileName is the name of the OSM extract database inside the data
// directory. It is a separate bbolt file from FileName, so that an import
// never needs the lock that `mtaa serve` holds on the report database.
const ExtractFileName = "osm.db"

// ExtractFormatVersion is the layout version of the extract file. It is
// written into the meta record and OpenExtract refuses other versions.
// Version 2 added KindLanduse and building footprints; OpenExtract still
// reads version 1 files (no landuse, buildings without footprints).
const ExtractFormatVersion = 2

// minExtractFormatVersion is the oldest extract layout OpenExtract reads.
const minExtractFormatVersion = 1

// FeatureKind is the class of an imported OSM feature. Its numeric value is
// stored on disk: never renumber the constants.
type FeatureKind uint8

// The feature kinds, in the order they are documented in docs/osm.md.
const (
	KindPlace         FeatureKind = 1  // place=* points (and place areas not covered below)
	KindAdmin         FeatureKind = 2  // boundary=administrative areas, every admin_level
	KindNeighbourhood FeatureKind = 3  // suburb, quarter and neighbourhood areas
	KindInformal      FeatureKind = 4  // informal-settlement areas
	KindHealth        FeatureKind = 5  // hospitals, clinics, doctors, pharmacies, healthcare=*
	KindEducation     FeatureKind = 6  // schools, kindergartens, colleges, universities
	KindWater         FeatureKind = 7  // drinking water, water points, wells, taps, toilets
	KindSafety        FeatureKind = 8  // shelters, assembly points, police, fire stations
	KindCommunity     FeatureKind = 9  // marketplaces, community centres, places of worship
	KindWaterway      FeatureKind = 10 // rivers, streams, canals, drains, ditches (lines)
	KindWaterArea     FeatureKind = 11 // water bodies and wetlands (areas)
	KindHazard        FeatureKind = 12 // flood_prone=yes and hazard=*
	KindRoad          FeatureKind = 13 // highway=* lines
	KindBuilding      FeatureKind = 14 // buildings: footprint polygon, centroid point, footprint area
	KindLanduse       FeatureKind = 15 // landuse, parks, woods, fields (areas; for the basemap)
	KindLandmark      FeatureKind = 16 // other named features: shops, offices, banks, restaurants, name-only nodes (for the gazetteer)
)

// FeatureKinds lists every kind in documentation order.
var FeatureKinds = []FeatureKind{KindPlace, KindAdmin, KindNeighbourhood, KindInformal, KindHealth,
	KindEducation, KindWater, KindSafety, KindCommunity, KindWaterway, KindWaterArea, KindHazard,
	KindRoad, KindBuilding, KindLanduse, KindLandmark}

var kindNames = [...]string{"", "place", "admin", "neighbourhood", "informal", "health", "education",
	"water", "safety", "community", "waterway", "water_area", "hazard", "road", "building", "landuse", "landmark"}

// String returns the kind's stable lowercase name, as used in GeoJSON
// properties and in the import summary.
func (k FeatureKind) String() string {
	if int(k) < len(kindNames) && k != 0 {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Valid reports whether k is one of FeatureKinds.
func (k FeatureKind) Valid() bool { return k >= KindPlace && k <= KindLandmark }

// IsFacility reports whether k is a service facility (health, education,
// water and sanitation, safety, community).
func (k FeatureKind) IsFacility() bool { return k >= KindHealth && k <= KindCommunity }

// IsRegion reports whether features of kind k are areas that a point can be
// "in": administrative areas, neighbourhoods, informal settlements, place
// areas and hazard zones.
func (k FeatureKind) IsRegion() bool {
	switch k {
	case KindPlace, KindAdmin, KindNeighbourhood, KindInformal, KindHazard:
		return true
	}
	return false
}

// ParseFeatureKind returns the kind named s (see FeatureKind.String).
func ParseFeatureKind(s string) (FeatureKind, bool) {
	for i := 1; i < len(kindNames); i++ {
		if kindNames[i] == s {
			return FeatureKind(i), true
		}
	}
	return 0, false
}

// OSMType is the type of the OSM element a feature came from.
type OSMType uint8

// The OSM element types.
const (
	OSMNode     OSMType = 1
	OSMWay      OSMType = 2
	OSMRelation OSMType = 3
)

// String returns "node", "way" or "relation".
func (t OSMType) String() string {
	switch t {
	case OSMNode:
		return "node"
	case OSMWay:
		return "way"
	case OSMRelation:
		return "relation"
	}
	return fmt.Sprintf("osmtype(%d)", uint8(t))
}

// Tag is one OSM key=value pair.
type Tag struct {
	Key, Value string
}

// Tags is an ordered list of OSM tags.
type Tags []Tag

// Get returns the value of key, or "" when it is absent.
func (ts Tags) Get(key string) string {
	for _, t := range ts {
		if t.Key == key {
			return t.Value
		}
	}
	return ""
}

// OSMFeature is one feature kept from an OSM extract.
//
// Point is always set: the node itself, a representative point inside an
// area, or a point on a line; for buildings it is the footprint's centroid.
// Geometry is nil for points (and for buildings imported before footprints
// were kept); otherwise it is an orb.LineString, orb.Polygon or
// orb.MultiPolygon in lon/lat (WGS84).
type OSMFeature struct {
	Kind    FeatureKind
	Class   string // the tag value that selected the feature, e.g. "hospital", "primary", "river", "8" (admin_level)
	OSMType OSMType
	OSMID   int64
	// Names holds every name tag (name, name:*, alt_name, old_name,
	// short_name, official_name, loc_name and their :lang variants).
	Names Tags
	// Tags holds the selected other tags, as listed in docs/osm.md.
	Tags     Tags
	Point    orb.Point
	Geometry orb.Geometry
	// AreaM2 is the area in square metres of an area feature, 0 otherwise.
	AreaM2 float64
}

// Name returns the feature's primary name tag, or "" when it has none.
func (f *OSMFeature) Name() string { return f.Names.Get("name") }

// Ref returns the OSM reference, such as "way/123".
func (f *OSMFeature) Ref() string { return fmt.Sprintf("%s/%d", f.OSMType, f.OSMID) }

// ExtractMeta describes one imported extract. It is stored in the extract
// file next to the features.
type ExtractMeta struct {
	FormatVersion int       `json:"format_version"`
	Source        string    `json:"source"` // base name of the imported file
	Size          int64     `json:"size"`   // bytes
	SHA256        string    `json:"sha256"` // hex digest of the file as read
	ModTime       time.Time `json:"mod_time"`
	ImportedAt    time.Time `json:"imported_at"`
	TookSeconds   float64   `json:"took_seconds"`
	// Bound is the extent of the stored features, [minLon, minLat, maxLon, maxLat].
	Bound [4]float64 `json:"bound"`
	// Counts is the number of features stored per kind name.
	Counts map[string]int `json:"counts"`
	// Elements is the number of OSM nodes, ways and relations read.
	Elements map[string]int `json:"elements"`
	// Warnings counts the elements skipped, per reason.
	Warnings map[string]int `json:"warnings,omitempty"`
}

// Total returns the number of features stored.
func (m *ExtractMeta) Total() int {
	n := 0
	for _, c := range m.Counts {
		n += c
	}
	return n
}
