package mapping

import (
	"sort"
	"strings"

	"github.com/mtaa-project/mtaa/data"
	"github.com/paulmach/osm"
)

// geomMode is the geometry a rule keeps.
type geomMode uint8

const (
	// modePoint keeps nodes as points, and closed ways and multipolygons as
	// areas with a representative point (open ways as lines).
	modePoint geomMode = iota + 1
	// modeLine keeps ways as lines; nodes and relations are ignored.
	modeLine
	// modeArea keeps closed ways and multipolygon/boundary relations as
	// areas; nodes and open ways are ignored.
	modeArea
	// modeLean keeps areas with their footprint, but with the centroid as
	// their point, and the index treats them as points (buildings: the
	// footprint is drawn on the basemap; distances are to the centroid).
	modeLean
)

// tagSet holds the values of the keys the rules look at, read in one pass
// over an element's tags.
type tagSet struct {
	amenity, healthcare, emergency, socialFacility, manMade string
	place, boundary, adminLevel, landuse, residential       string
	informal, natural, waterway, water, floodProne, hazard  string
	highway, building, area, typ, leisure                   string
	shop, office, tourism, craft, historic                  string
	// named is set when the element has a name tag; onlyNames when it
	// has nothing else but addresses, sources and notes.
	named, onlyNames bool
}

func readTags(tags osm.Tags) tagSet {
	t := tagSet{onlyNames: true}
	for _, tg := range tags {
		if isNameKey(tg.Key) {
			t.named = t.named || tg.Value != ""
			continue
		}
		if !incidentalKey(tg.Key) {
			t.onlyNames = false
		}
		switch tg.Key {
		case "amenity":
			t.amenity = tg.Value
		case "healthcare":
			t.healthcare = tg.Value
		case "emergency":
			t.emergency = tg.Value
		case "social_facility":
			t.socialFacility = tg.Value
		case "man_made":
			t.manMade = tg.Value
		case "place":
			t.place = tg.Value
		case "boundary":
			t.boundary = tg.Value
		case "admin_level":
			t.adminLevel = tg.Value
		case "landuse":
			t.landuse = tg.Value
		case "residential":
			t.residential = tg.Value
		case "informal":
			t.informal = tg.Value
		case "natural":
			t.natural = tg.Value
		case "waterway":
			t.waterway = tg.Value
		case "water":
			t.water = tg.Value
		case "flood_prone":
			t.floodProne = tg.Value
		case "hazard":
			t.hazard = tg.Value
		case "highway":
			t.highway = tg.Value
		case "building":
			t.building = tg.Value
		case "area":
			t.area = tg.Value
		case "type":
			t.typ = tg.Value
		case "leisure":
			t.leisure = tg.Value
		case "shop":
			t.shop = tg.Value
		case "office":
			t.office = tg.Value
		case "tourism":
			t.tourism = tg.Value
		case "craft":
			t.craft = tg.Value
		case "historic":
			t.historic = tg.Value
		}
	}
	t.onlyNames = t.onlyNames && t.named
	return t
}

// incidentalKey reports whether a key says nothing about what an element
// is: addresses, sources, notes, links.
func incidentalKey(k string) bool {
	for _, p := range []string{"addr:", "source", "note", "fixme", "FIXME", "created_by", "wikidata", "wikipedia", "ele", "is_in", "contact:", "website", "phone"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// rule selects one kind of feature: match returns the feature's class (the
// deciding tag value) or "" when the element is not of this kind.
type rule struct {
	kind  data.FeatureKind
	mode  geomMode
	match func(t *tagSet, area bool) string
}

// fallback reports whether r applies only to elements that no other rule
// selected but as a building, land use or hazard zone: landmarks (the
// rules are tried in order, the fallback last).
func (r *rule) fallback() bool { return r.kind == data.KindLandmark }

// selects reports whether a match of r keeps a fallback rule from applying.
func (r *rule) selects() bool {
	return !r.fallback() && r.kind != data.KindBuilding && r.kind != data.KindLanduse && r.kind != data.KindHazard
}

// rules is the selection table, documented in docs/osm.md. An element
// becomes one feature per matching rule (a hospital building is a health
// facility and a building). area tells whether the element is a closed
// way or a multipolygon.
var rules = [...]rule{
	{data.KindInformal, modePoint, func(t *tagSet, _ bool) string {
		switch {
		case t.informal == "yes":
			return "informal"
		case t.residential == "informal" || t.residential == "slum":
			return t.residential
		case t.landuse == "slum":
			return "slum"
		}
		return ""
	}},
	{data.KindPlace, modePoint, func(t *tagSet, area bool) string {
		if t.place == "" || (area && isNeighbourhood(t.place)) {
			return ""
		}
		return t.place
	}},
	{data.KindNeighbourhood, modeArea, func(t *tagSet, _ bool) string {
		if isNeighbourhood(t.place) {
			return t.place
		}
		return ""
	}},
	{data.KindAdmin, modeArea, func(t *tagSet, _ bool) string {
		if t.boundary == "administrative" {
			if t.adminLevel == "" {
				return "administrative"
			}
			return t.adminLevel
		}
		return ""
	}},
	{data.KindHealth, modePoint, func(t *tagSet, _ bool) string {
		switch t.amenity {
		case "hospital", "clinic", "doctors", "pharmacy", "dentist":
			return t.amenity
		}
		if t.healthcare != "" && t.healthcare != "no" {
			return t.healthcare
		}
		return ""
	}},
	{data.KindEducation, modePoint, func(t *tagSet, _ bool) string {
		switch t.amenity {
		case "school", "kindergarten", "college", "university":
			return t.amenity
		}
		return ""
	}},
	{data.KindWater, modePoint, func(t *tagSet, _ bool) string {
		switch t.amenity {
		case "drinking_water", "water_point", "toilets":
			return t.amenity
		}
		switch t.manMade {
		case "water_well", "water_tap", "water_tower":
			return t.manMade
		}
		return ""
	}},
	{data.KindSafety, modePoint, func(t *tagSet, _ bool) string {
		switch t.amenity {
		case "shelter", "police", "fire_station":
			return t.amenity
		}
		if t.emergency == "assembly_point" {
			return t.emergency
		}
		if t.socialFacility == "shelter" {
			return "social_shelter"
		}
		return ""
	}},
	{data.KindCommunity, modePoint, func(t *tagSet, _ bool) string {
		switch t.amenity {
		case "marketplace", "community_centre", "place_of_worship":
			return t.amenity
		}
		return ""
	}},
	{data.KindWaterway, modeLine, func(t *tagSet, _ bool) string {
		switch t.waterway {
		case "river", "stream", "canal", "drain", "ditch":
			return t.waterway
		}
		return ""
	}},
	{data.KindWaterArea, modeArea, func(t *tagSet, _ bool) string {
		switch {
		case t.natural == "water" || t.natural == "wetland":
			return t.natural
		case t.waterway == "riverbank":
			return t.waterway
		case t.landuse == "reservoir" || t.landuse == "basin":
			return t.landuse
		}
		return ""
	}},
	{data.KindHazard, modePoint, func(t *tagSet, _ bool) string {
		switch {
		case t.floodProne == "yes":
			return "flood_prone"
		case t.hazard != "" && t.hazard != "no":
			return t.hazard
		}
		return ""
	}},
	{data.KindRoad, modeLine, func(t *tagSet, _ bool) string { return t.highway }},
	{data.KindBuilding, modeLean, func(t *tagSet, _ bool) string {
		if t.building == "" || t.building == "no" {
			return ""
		}
		return t.building
	}},
	{data.KindLanduse, modeArea, func(t *tagSet, _ bool) string {
		switch t.landuse {
		case "residential", "commercial", "retail", "industrial", "farmland", "farmyard", "orchard", "vineyard",
			"forest", "grass", "meadow", "cemetery", "recreation_ground", "allotments", "construction",
			"brownfield", "greenfield", "village_green", "railway", "military", "religious", "education",
			"institutional", "quarry", "landfill":
			return t.landuse
		}
		switch t.natural {
		case "wood", "scrub", "grassland", "heath", "beach", "sand", "bare_rock":
			return t.natural
		}
		switch t.leisure {
		case "park", "pitch", "playground", "garden", "nature_reserve", "golf_course", "sports_centre":
			return t.leisure
		}
		return ""
	}},
	{data.KindLandmark, modePoint, landmarkClass},
}

// landmarkClass selects the named features that no other rule keeps but
// residents name places by: shops, offices, banks, restaurants, fuel
// stations, courts, pitches, hotels, monuments, and nodes that carry only
// a name. Unnamed ones are left out.
func landmarkClass(t *tagSet, _ bool) string {
	if !t.named {
		return ""
	}
	for _, v := range []string{t.amenity, t.shop, t.office, t.tourism, t.leisure, t.craft, t.historic, t.manMade, t.healthcare, t.emergency} {
		if v != "" && v != "no" {
			return v
		}
	}
	if t.onlyNames {
		return "name"
	}
	return ""
}

func isNeighbourhood(place string) bool {
	return place == "suburb" || place == "neighbourhood" || place == "quarter"
}

// keepTags lists, per kind, the tags stored besides the names.
var keepTags = map[data.FeatureKind][]string{
	data.KindPlace:         {"place", "population", "informal", "wikidata"},
	data.KindAdmin:         {"admin_level", "boundary", "ref", "ISO3166-1", "ISO3166-2", "wikidata"},
	data.KindNeighbourhood: {"place", "population", "informal", "wikidata"},
	data.KindInformal:      {"landuse", "residential", "informal", "place", "population"},
	data.KindHealth:        facilityTags,
	data.KindEducation:     facilityTags,
	data.KindWater:         facilityTags,
	data.KindSafety:        facilityTags,
	data.KindCommunity:     facilityTags,
	data.KindWaterway:      {"waterway", "intermittent", "tunnel", "width"},
	data.KindWaterArea:     {"natural", "water", "wetland", "waterway", "landuse", "intermittent"},
	data.KindHazard:        {"hazard", "flood_prone", "natural", "landuse", "waterway"},
	data.KindRoad:          {"highway", "ref", "surface", "oneway", "bridge", "tunnel", "lanes"},
	data.KindBuilding:      {"building", "building:levels"},
	data.KindLanduse:       {"landuse", "natural", "leisure"},
	data.KindLandmark: {"amenity", "shop", "office", "tourism", "leisure", "craft", "historic", "man_made",
		"religion", "operator", "opening_hours", "addr:street", "addr:housenumber"},
}

var facilityTags = []string{"amenity", "healthcare", "emergency", "social_facility", "man_made",
	"operator", "opening_hours", "access", "fee", "drinking_water", "capacity", "beds",
	"isced:level", "religion", "wheelchair", "addr:street", "addr:housenumber"}

// isNameKey reports whether key is a name tag kept for the gazetteer.
func isNameKey(key string) bool {
	base, _, _ := strings.Cut(key, ":")
	switch base {
	case "name", "alt_name", "old_name", "short_name", "official_name", "loc_name", "int_name", "nat_name", "reg_name":
		return true
	}
	return false
}

// splitTags copies the name tags and the tags kind keeps, each sorted by key.
func splitTags(tags osm.Tags, kind data.FeatureKind) (names, kept data.Tags) {
	keep := keepTags[kind]
	for _, t := range tags {
		if isNameKey(t.Key) {
			names = append(names, data.Tag{Key: t.Key, Value: t.Value})
			continue
		}
		for _, k := range keep {
			if k == t.Key {
				kept = append(kept, data.Tag{Key: t.Key, Value: t.Value})
				break
			}
		}
	}
	sortTags(names)
	sortTags(kept)
	return names, kept
}

func sortTags(ts data.Tags) {
	if len(ts) > 1 {
		sort.Slice(ts, func(i, j int) bool { return ts[i].Key < ts[j].Key })
	}
}
