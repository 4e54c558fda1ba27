package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/mapping"
)

// Geocoding limits.
const (
	maxGeocodeQueryRunes = 200
	defaultGeocodeLimit  = 10
	maxGeocodeLimit      = 50
)

// geocode serves GET /api/v1/geocode?q=…: places of the OSM extract
// matching a search-box query, best first, as a GeoJSON FeatureCollection
// with a confidence on each feature. bbox, when given, is a hint: places
// inside it rank higher.
func (s *Server) geocode(c *gin.Context) error {
	// >> Args
	var q string
	limit := defaultGeocodeLimit
	var hint *orb.Bound
	for name, vs := range c.Request.URL.Query() {
		if len(vs) != 1 {
			return badParam(name, "give this parameter once")
		}
		v := vs[0]
		switch name {
		case "q":
			q = strings.TrimSpace(v)
		case "limit":
			n, err := parseBoundedInt(name, v, 1, maxGeocodeLimit)
			if err != nil {
				return err
			}
			limit = n
		case "bbox":
			b, err := parseBBox(v)
			if err != nil {
				return err
			}
			hint = &b
		default:
			return &apiError{Status: http.StatusBadRequest, Code: "unknown_parameter", Field: name, Message: "unknown query parameter"}
		}
	}
	if q == "" {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "q", Message: "q (the place to look for) is required"}
	}
	if !utf8.ValidString(q) || utf8.RuneCountInString(q) > maxGeocodeQueryRunes {
		return badParam("q", "q must be at most 200 characters of UTF-8")
	}

	// >> Operation
	var matches []mapping.Match
	if s.gazetteer != nil {
		if g := s.gazetteer(); g != nil {
			matches = g.Search(q, hint, limit)
		}
	}

	// >> Response
	fc := geojson.NewFeatureCollection()
	for _, m := range matches {
		f := geojson.NewFeature(m.Point)
		f.ID = osmFeatureID(m.Feature)
		f.Properties["name"] = m.Name
		f.Properties["label"] = m.Label
		f.Properties["confidence"] = float64(int(m.Confidence*1000+0.5)) / 1000
		f.Properties["kind"] = m.Feature.Kind.String()
		f.Properties["class"] = m.Feature.Class
		f.Properties["osm_type"] = m.Feature.OSMType.String()
		f.Properties["osm_id"] = m.Feature.OSMID
		fc.Append(f)
	}
	b, err := json.Marshal(fc)
	if err != nil {
		return err
	}
	// Add the attribution member before the closing brace.
	b = append(b[:len(b)-1], `,"attribution":`...)
	b = strconv.AppendQuote(b, osmAttribution)
	b = append(b, '}')
	c.Data(http.StatusOK, contentTypeGeoJSON, b)
	return nil
}
