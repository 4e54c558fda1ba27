package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// osmAttribution is carried by every OSM-derived response.
const osmAttribution = mapping.Attribution + ", ODbL 1.0"

// osmCollections are the OGC collections of OSM features from the extract.
var osmCollections = []ogcCollection{
	{
		id: "facilities", title: "Facilities",
		description: "Health, education, water and sanitation, safety and community facilities from OpenStreetMap. " + osmAttribution,
		osmKinds:    []data.FeatureKind{data.KindHealth, data.KindEducation, data.KindWater, data.KindSafety, data.KindCommunity},
	},
	{
		id: "areas", title: "Areas",
		description: "Administrative areas (every level), neighbourhoods and informal settlements from OpenStreetMap, and, " +
			"where the extract maps no boundary, the area nearest each suburb, neighbourhood, quarter or village point " +
			"(kind place: the reports' areas with basis nearest_place). " + osmAttribution,
		osmKinds: []data.FeatureKind{data.KindAdmin, data.KindNeighbourhood, data.KindInformal, data.KindPlace},
	},
	{
		id: "waterways", title: "Waterways and water",
		description: "Rivers, streams, canals, drains and ditches, water bodies and wetlands from OpenStreetMap. " + osmAttribution,
		osmKinds:    []data.FeatureKind{data.KindWaterway, data.KindWaterArea},
	},
}

func init() {
	for i := range osmCollections {
		col := &osmCollections[i]
		col.filters = map[string]func(string, *itemsRequest) error{
			"kind":  kindFilter(col.osmKinds),
			"class": parseClassFilter,
		}
	}
}

// kindFilter parses kind=health,water against the collection's kinds.
func kindFilter(allowed []data.FeatureKind) func(string, *itemsRequest) error {
	return func(v string, req *itemsRequest) error {
		for _, name := range strings.Split(v, ",") {
			k, ok := data.ParseFeatureKind(name)
			if !ok || !containsKind(allowed, k) {
				names := make([]string, len(allowed))
				for i, a := range allowed {
					names[i] = a.String()
				}
				return badParam("kind", "kind must be one of "+strings.Join(names, ", "))
			}
			req.kinds = append(req.kinds, k)
		}
		return nil
	}
}

func containsKind(list []data.FeatureKind, k data.FeatureKind) bool {
	for _, x := range list {
		if x == k {
			return true
		}
	}
	return false
}

func parseClassFilter(v string, req *itemsRequest) error {
	req.classes = map[string]bool{}
	for _, c := range strings.Split(v, ",") {
		if c == "" {
			return badParam("class", "class must be a comma-separated list of OSM tag values, e.g. hospital,clinic")
		}
		req.classes[c] = true
	}
	return nil
}

// parseOSMFeatureID reads a feature id such as "way-45".
func parseOSMFeatureID(field, s string) (data.OSMType, int64, error) {
	bad := badParam(field, "feature ids look like node-123, way-45 or relation-6")
	typ, num, ok := strings.Cut(s, "-")
	id, err := strconv.ParseInt(num, 10, 64)
	if !ok || err != nil || id <= 0 {
		return 0, 0, bad
	}
	switch typ {
	case "node":
		return data.OSMNode, id, nil
	case "way":
		return data.OSMWay, id, nil
	case "relation":
		return data.OSMRelation, id, nil
	}
	return 0, 0, bad
}

// osmPolygon finds the feature of the OSM extract named by id
// ("relation-117161") and its area: its Polygon or MultiPolygon, or for a
// place point outside every boundary its nearest-place area
// (mapping.Index.AreaGeometry); errors name field.
func (s *Server) osmPolygon(field, id string) (*data.OSMFeature, orb.Geometry, error) {
	typ, num, err := parseOSMFeatureID(field, id)
	if err != nil {
		return nil, nil, err
	}
	if s.extract == nil {
		return nil, nil, badParam(field, "this server has no OSM extract, so no areas")
	}
	ix := s.extract()
	if ix == nil {
		return nil, nil, badParam(field, "no OSM extract is loaded yet")
	}
	f := ix.Feature(typ, num)
	if f == nil {
		return nil, nil, badParam(field, "no area "+strconv.Quote(id)+" in the OSM extract; see /ogc/collections/areas/items")
	}
	if g, _, ok := ix.AreaGeometry(f); ok {
		return f, g, nil
	}
	switch f.Geometry.(type) {
	case orb.Polygon, orb.MultiPolygon:
		return f, f.Geometry, nil
	}
	return nil, nil, badParam(field, id+" is not an area in the OSM extract")
}

// osmFeatureID is the feature id used in URLs: "node-123".
func osmFeatureID(f *data.OSMFeature) string {
	return f.OSMType.String() + "-" + strconv.FormatInt(f.OSMID, 10)
}

func appendOSMFeature(dst []byte, f *data.OSMFeature) ([]byte, error) {
	gf := mapping.GeoJSON(f)
	gf.ID = osmFeatureID(f)
	b, err := json.Marshal(gf)
	if err != nil {
		return dst, err
	}
	return append(dst, b...), nil
}

// asAreas replaces the place points among feats by their nearest-place
// areas (mapping.Index.PlaceArea) and drops those without one; other
// features are kept as they are. Only the areas collection has places.
func asAreas(ix *mapping.Index, feats []*data.OSMFeature) []*data.OSMFeature {
	out := feats[:0]
	for _, f := range feats {
		if f.Kind == data.KindPlace {
			var ok bool
			if f, ok = ix.PlaceArea(f); !ok {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// osmItems serves a page of an OSM collection.
func (s *Server) osmItems(c *gin.Context, col ogcCollection, req itemsRequest) error {
	var feats []*data.OSMFeature
	if ix := s.extract(); ix != nil {
		kinds := req.kinds
		if kinds == nil {
			kinds = col.osmKinds
		}
		var keep func(*data.OSMFeature) bool
		if req.classes != nil {
			keep = func(f *data.OSMFeature) bool { return req.classes[f.Class] }
		}
		feats = asAreas(ix, ix.Select(kinds, req.query.BBox, keep))
	}
	matched := len(feats)
	pageFeats := feats[min(req.query.Offset, matched):min(req.query.Offset+req.query.Limit, matched)]
	bp := bufferPool.Get().(*[]byte)
	defer bufferPool.Put(bp)
	buf := (*bp)[:0]
	for i, f := range pageFeats {
		if i > 0 {
			buf = append(buf, ',')
		}
		var err error
		if buf, err = appendOSMFeature(buf, f); err != nil {
			return err
		}
	}
	*bp = buf
	return s.writeFeatureCollection(c, s.baseURL(c)+"/ogc/collections/"+col.id+"/items", col.title, req, matched, len(pageFeats), osmAttribution, buf)
}

// osmItem serves one OSM feature, /items/node-123.
func (s *Server) osmItem(c *gin.Context, col ogcCollection) error {
	notFound := &apiError{Status: http.StatusNotFound, Code: "not_found", Field: "featureId", Message: "no such feature in this collection"}
	ot, id, err := parseOSMFeatureID("featureId", c.Param("id"))
	if err != nil {
		return err
	}
	ix := s.extract()
	if ix == nil {
		return notFound
	}
	f := ix.Feature(ot, id)
	if f == nil || !containsKind(col.osmKinds, f.Kind) {
		return notFound
	}
	if f.Kind == data.KindPlace {
		var ok bool
		if f, ok = ix.PlaceArea(f); !ok {
			return notFound
		}
	}
	feature, err := appendOSMFeature(nil, f)
	if err != nil {
		return err
	}
	colURL := s.baseURL(c) + "/ogc/collections/" + col.id
	links, err := json.Marshal([]link{
		{Href: colURL + "/items/" + osmFeatureID(f), Rel: "self", Type: contentTypeGeoJSON},
		{Href: colURL, Rel: "collection", Type: contentTypeJSON, Title: col.title},
	})
	if err != nil {
		return err
	}
	// The feature is a JSON object: add links and attribution before its
	// closing brace.
	out := append(feature[:len(feature)-1], `,"links":`...)
	out = append(out, links...)
	out = append(out, `,"attribution":`...)
	out = strconv.AppendQuote(out, osmAttribution)
	out = append(out, '}')
	c.Data(http.StatusOK, contentTypeGeoJSON, out)
	return nil
}

// notInOSM serves GET /api/v1/not-in-osm: reports about facilities that
// OSM lacks nearby, as GeoJSON, for mapping parties. It takes the filters
// of the reports items (bbox, datetime, category, status, limit, offset).
func (s *Server) notInOSM(c *gin.Context) error {
	col, _ := s.collection("reports")
	req, err := parseItemsQuery(c.Request.URL.Query(), col.filters)
	if err != nil {
		return err
	}
	req.query.NotInOSM = true
	return s.writeReportPage(c, s.baseURL(c)+"/api/v1/not-in-osm", "Not in OpenStreetMap", req)
}
