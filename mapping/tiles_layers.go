package mapping

import (
	"strconv"
	"strings"

	"github.com/mtaa-project/mtaa/data"
	"github.com/paulmach/orb/geojson"
)

// The basemap's vector tile layers. The web map's style depends on these
// names and fields; keep README.md ("Basemap tiles") in step.
//
//	roads       lines    kind=road; class (highway value: motorway, trunk, primary, secondary,
//	                     tertiary, *_link, residential, unclassified, living_street, service,
//	                     track, pedestrian, footway, path, cycleway, steps, …), name, ref,
//	                     bridge, tunnel, oneway ("yes" when set).
//	                     motorway/trunk from z5, primary z7, secondary z9, tertiary z10,
//	                     links z11, residential/unclassified/living_street z12, track/
//	                     pedestrian z13, service and paths z14.
//	buildings   polygons kind=building; class (building value: yes, house, school, …), name,
//	                     levels (integer); from z14. Points (the centroid) for extracts
//	                     imported before footprints were kept.
//	water       lines    kind=waterway; class (river, stream, canal, drain, ditch), name,
//	                     intermittent. Rivers from z8, canals z10, streams z12, drains z13.
//	            polygons kind=water_area; class (water, wetland, riverbank, reservoir, basin),
//	                     name, intermittent. From z5 to z12 by size.
//	places      points   kind=place or neighbourhood; class (city, town, village, suburb,
//	                     hamlet, …), name, population (integer), rank (1 = city … 6 = smallest,
//	                     for label priority). Cities from z5, towns z8, villages z10,
//	                     suburbs z11, smaller places z12.
//	facilities  points   kind (health, education, water, safety, community), class (hospital,
//	                     school, water_point, shelter, marketplace, …), name; from z13
//	                     (hospitals z11).
//	landuse     polygons kind=landuse; class (landuse, natural or leisure value: residential,
//	                     industrial, farmland, forest, grass, cemetery, wood, scrub, park,
//	                     pitch, …), name. From z8 to z13 by size.
//	areas       polygons kind (admin, neighbourhood, informal, hazard), class, name,
//	                     admin_level (integer, admin only). Admin levels ≤ 2 from z0, ≤ 4 z4,
//	                     ≤ 6 z7, ≤ 8 z10, others z12; informal settlements and hazard zones
//	                     z10; neighbourhoods z11.
//
// Every feature's id is osm_id*10 + osm type (1 node, 2 way, 3 relation).
const (
	LayerLanduse    = "landuse"
	LayerRoads      = "roads"
	LayerBuildings  = "buildings"
	LayerWater      = "water"
	LayerPlaces     = "places"
	LayerFacilities = "facilities"
	LayerAreas      = "areas"
)

// TileLayer describes one basemap layer, for TileJSON's vector_layers.
type TileLayer struct {
	ID          string            `json:"id"`
	Description string            `json:"description"`
	MinZoom     int               `json:"minzoom"`
	MaxZoom     int               `json:"maxzoom"`
	Fields      map[string]string `json:"fields"`
}

// TileLayers lists the basemap layers in drawing order (bottom first).
var TileLayers = []TileLayer{
	{ID: LayerLanduse, Description: "landuse, parks, woods, fields (polygons)",
		MinZoom: 8, MaxZoom: MaxTileZoom, Fields: map[string]string{"kind": "String", "class": "String", "name": "String"}},
	{ID: LayerAreas, Description: "administrative areas, neighbourhoods, informal settlements, hazard zones (polygons)",
		MinZoom: 0, MaxZoom: MaxTileZoom, Fields: map[string]string{"kind": "String", "class": "String", "name": "String", "admin_level": "Number"}},
	{ID: LayerWater, Description: "waterways (lines) and water bodies, wetlands (polygons)",
		MinZoom: 5, MaxZoom: MaxTileZoom, Fields: map[string]string{"kind": "String", "class": "String", "name": "String", "intermittent": "String"}},
	{ID: LayerRoads, Description: "highway=* lines",
		MinZoom: 5, MaxZoom: MaxTileZoom, Fields: map[string]string{"kind": "String", "class": "String", "name": "String", "ref": "String", "bridge": "String", "tunnel": "String", "oneway": "String"}},
	{ID: LayerBuildings, Description: "building footprints",
		MinZoom: 14, MaxZoom: MaxTileZoom, Fields: map[string]string{"kind": "String", "class": "String", "name": "String", "levels": "Number"}},
	{ID: LayerFacilities, Description: "health, education, water and sanitation, safety and community facilities (points)",
		MinZoom: 11, MaxZoom: MaxTileZoom, Fields: map[string]string{"kind": "String", "class": "String", "name": "String"}},
	{ID: LayerPlaces, Description: "place labels (points)",
		MinZoom: 5, MaxZoom: MaxTileZoom, Fields: map[string]string{"kind": "String", "class": "String", "name": "String", "population": "Number", "rank": "Number"}},
}

// tileLayer indexes TileLayers by name, as the Tiler's layer slots.
func tileLayerIndex(name string) int {
	for i, l := range TileLayers {
		if l.ID == name {
			return i
		}
	}
	return -1
}

// tileRule is where a feature goes on the basemap: its layer slot, the
// first zoom it is drawn at and whether it is drawn as its point.
type tileRule struct {
	layer   int
	minZoom int
	asPoint bool
}

// basemapRule decides the layer and minimum zoom of f; ok is false for
// features the basemap leaves out.
func basemapRule(f *data.OSMFeature) (r tileRule, ok bool) {
	switch {
	case f.Kind == data.KindRoad:
		z, ok := roadZoom(f.Class)
		return tileRule{layer: tileLayerIndex(LayerRoads), minZoom: z}, ok
	case f.Kind == data.KindBuilding:
		return tileRule{layer: tileLayerIndex(LayerBuildings), minZoom: 14, asPoint: f.Geometry == nil}, true
	case f.Kind == data.KindWaterway:
		z := 13
		switch f.Class {
		case "river":
			z = 8
		case "canal":
			z = 10
		case "stream":
			z = 12
		}
		return tileRule{layer: tileLayerIndex(LayerWater), minZoom: z}, f.Geometry != nil
	case f.Kind == data.KindLanduse:
		return tileRule{layer: tileLayerIndex(LayerLanduse), minZoom: landuseZoom(f.AreaM2)}, isArea(f.Geometry)
	case f.Kind == data.KindWaterArea:
		return tileRule{layer: tileLayerIndex(LayerWater), minZoom: areaZoom(f.AreaM2)}, f.Geometry != nil
	case f.Kind == data.KindPlace:
		return tileRule{layer: tileLayerIndex(LayerPlaces), minZoom: placeZoom(f.Class), asPoint: true}, f.Name() != ""
	case f.Kind == data.KindNeighbourhood:
		// Its label goes with the places; its outline with the areas (a
		// second entry, see basemapAreaRule).
		return tileRule{layer: tileLayerIndex(LayerPlaces), minZoom: placeZoom(f.Class), asPoint: true}, f.Name() != ""
	case f.Kind.IsFacility():
		z := 13
		if f.Class == "hospital" {
			z = 11
		}
		return tileRule{layer: tileLayerIndex(LayerFacilities), minZoom: z, asPoint: true}, true
	}
	return basemapAreaRule(f)
}

// basemapAreaRule places the outlines of administrative areas,
// neighbourhoods, informal settlements and hazard zones in the areas layer.
func basemapAreaRule(f *data.OSMFeature) (tileRule, bool) {
	if !isArea(f.Geometry) {
		return tileRule{}, false
	}
	r := tileRule{layer: tileLayerIndex(LayerAreas)}
	switch f.Kind {
	case data.KindAdmin:
		lvl, err := strconv.Atoi(f.Class)
		switch {
		case err != nil:
			r.minZoom = 12
		case lvl <= 2:
			r.minZoom = 0
		case lvl <= 4:
			r.minZoom = 4
		case lvl <= 6:
			r.minZoom = 7
		case lvl <= 8:
			r.minZoom = 10
		default:
			r.minZoom = 12
		}
	case data.KindInformal, data.KindHazard:
		r.minZoom = 10
	case data.KindNeighbourhood:
		r.minZoom = 11
	default:
		return r, false
	}
	return r, true
}

func roadZoom(class string) (int, bool) {
	switch class {
	case "motorway", "trunk":
		return 5, true
	case "primary":
		return 7, true
	case "secondary":
		return 9, true
	case "tertiary":
		return 10, true
	case "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link":
		return 11, true
	case "residential", "unclassified", "living_street", "road":
		return 12, true
	case "track", "pedestrian", "busway":
		return 13, true
	case "proposed", "construction", "abandoned", "disused", "razed", "platform", "raceway":
		return 0, false
	}
	return 14, true
}

// areaZoom is the first zoom a water body of m2 square metres is drawn at.
func areaZoom(m2 float64) int {
	switch {
	case m2 >= 50e6:
		return 5
	case m2 >= 1e6:
		return 8
	case m2 >= 50e3:
		return 10
	}
	return 12
}

// landuseZoom is the first zoom a landuse area of m2 square metres is
// drawn at.
func landuseZoom(m2 float64) int {
	switch {
	case m2 >= 5e6:
		return 8
	case m2 >= 1e6:
		return 10
	case m2 >= 50e3:
		return 12
	}
	return 13
}

// placeRank orders place classes for label priority (1 = most important).
func placeRank(class string) int {
	switch class {
	case "country", "state", "region", "province", "city":
		return 1
	case "town":
		return 2
	case "village", "suburb", "borough":
		return 3
	case "quarter", "neighbourhood", "hamlet":
		return 4
	case "locality", "isolated_dwelling", "farm", "square", "plot", "city_block":
		return 6
	}
	return 5
}

func placeZoom(class string) int {
	switch class {
	case "country", "state", "region", "province":
		return 2
	case "city":
		return 5
	case "town":
		return 8
	case "village":
		return 10
	case "suburb", "borough":
		return 11
	}
	return 12
}

// basemapProperties returns the tile fields of f in the layer, as listed
// in the layer schema above.
func basemapProperties(f *data.OSMFeature, layer int) geojson.Properties {
	p := geojson.Properties{"class": f.Class}
	if n := f.Name(); n != "" {
		p["name"] = n
	}
	switch TileLayers[layer].ID {
	case LayerRoads:
		p["kind"] = "road"
		for _, key := range [...]string{"ref", "bridge", "tunnel", "oneway"} {
			if v := f.Tags.Get(key); v != "" && v != "no" {
				p[key] = v
			}
		}
	case LayerBuildings:
		p["kind"] = "building"
		if v, err := strconv.Atoi(strings.TrimSpace(f.Tags.Get("building:levels"))); err == nil && v > 0 && v < 200 {
			p["levels"] = v
		}
	case LayerWater:
		p["kind"] = f.Kind.String()
		if v := f.Tags.Get("intermittent"); v == "yes" {
			p["intermittent"] = v
		}
	case LayerPlaces:
		p["kind"] = f.Kind.String()
		p["rank"] = placeRank(f.Class)
		if v, err := strconv.Atoi(strings.ReplaceAll(f.Tags.Get("population"), ",", "")); err == nil && v > 0 {
			p["population"] = v
		}
	case LayerFacilities, LayerLanduse:
		p["kind"] = f.Kind.String()
	case LayerAreas:
		p["kind"] = f.Kind.String()
		if f.Kind == data.KindAdmin {
			if v, err := strconv.Atoi(f.Class); err == nil {
				p["admin_level"] = v
			}
		}
	}
	return p
}

// tileFeatureID is the vector tile id of f: osm_id*10 + type, or 0 (no
// id) when it does not fit.
func tileFeatureID(f *data.OSMFeature) uint64 {
	if f.OSMID <= 0 || f.OSMID > (1<<60) {
		return 0
	}
	return uint64(f.OSMID)*10 + uint64(f.OSMType)
}
