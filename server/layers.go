package server

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/mapping"
)

// Layer is a derived layer (informal settlements, risk, area summaries) served as an OGC API
// collection and as an export.
type Layer interface {
	Name() string // collection id, e.g. "risk"
	Title() string
	Description() string // includes the OSM attribution when OSM-derived
	Bound() orb.Bound    // extent; zero Bound when empty
	// Features calls fn with each feature whose geometry's bound intersects b (every feature
	// when b is the zero orb.Bound), in a stable order, until fn returns false.
	Features(b orb.Bound, fn func(*geojson.Feature) bool)
	Feature(id string) (*geojson.Feature, bool)
	Columns() []string    // property names exported as CSV columns, in order
	Queryables() []string // property names usable as equality filters (?class=high)
}

// layerCollection describes layer l as an OGC collection: its queryables
// become comma-separated equality filters (?class=high,very_high).
func layerCollection(l Layer) ogcCollection {
	col := ogcCollection{id: l.Name(), title: l.Title(), description: l.Description(), layer: l,
		filters: map[string]func(string, *itemsRequest) error{}}
	for _, q := range l.Queryables() {
		col.filters[q] = func(v string, req *itemsRequest) error {
			if v == "" {
				return badParam(q, q+" must be a value or a comma-separated list of values")
			}
			if req.props == nil {
				req.props = map[string]map[string]bool{}
			}
			set := map[string]bool{}
			for _, x := range strings.Split(v, ",") {
				set[x] = true
			}
			req.props[q] = set
			return nil
		}
	}
	return col
}

// layerAttribution is the ODbL attribution for an OSM-derived layer, or "".
func layerAttribution(l Layer) string {
	if strings.Contains(l.Description(), mapping.Attribution) {
		return osmAttribution
	}
	return ""
}

// layerKeeps reports whether f passes req's equality filters.
func layerKeeps(f *geojson.Feature, req *itemsRequest) bool {
	for name, want := range req.props {
		v, ok := f.Properties[name]
		if !ok || !want[propertyString(v)] {
			return false
		}
	}
	return true
}

// propertyString is a property value as text: for equality filters and
// CSV cells. Objects and arrays are JSON.
func propertyString(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case fmt.Stringer:
		return v.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// appendLayerFeature appends f as GeoJSON, its polygon rings wound as
// RFC 7946 asks.
func appendLayerFeature(dst []byte, f *geojson.Feature) ([]byte, error) {
	if g, changed := rfc7946Geometry(f.Geometry); changed {
		cp := *f
		cp.Geometry = g
		f = &cp
	}
	b, err := json.Marshal(f)
	if err != nil {
		return dst, fmt.Errorf("encode feature %v: %w", f.ID, err)
	}
	return append(dst, b...), nil
}

// layerBound is the bound to pass to Layer.Features for an optional bbox.
func layerBound(b *orb.Bound) orb.Bound {
	if b == nil {
		return orb.Bound{}
	}
	return *b
}

// layerItems serves a page of a derived layer.
func (s *Server) layerItems(c *gin.Context, col ogcCollection, req itemsRequest) error {
	bp := bufferPool.Get().(*[]byte)
	defer bufferPool.Put(bp)
	buf := (*bp)[:0]
	matched, returned := 0, 0
	var err error
	col.layer.Features(layerBound(req.query.BBox), func(f *geojson.Feature) bool {
		if !layerKeeps(f, &req) {
			return true
		}
		matched++
		if matched <= req.query.Offset || returned >= req.query.Limit {
			return true // counted for numberMatched only
		}
		if returned > 0 {
			buf = append(buf, ',')
		}
		if buf, err = appendLayerFeature(buf, f); err != nil {
			return false
		}
		returned++
		return true
	})
	*bp = buf
	if err != nil {
		return err
	}
	return s.writeFeatureCollection(c, s.baseURL(c)+"/ogc/collections/"+col.id+"/items", col.title, req,
		matched, returned, layerAttribution(col.layer), buf)
}

// layerItem serves one feature of a derived layer.
func (s *Server) layerItem(c *gin.Context, col ogcCollection) error {
	id := c.Param("id")
	f, ok := col.layer.Feature(id)
	if !ok {
		return &apiError{Status: http.StatusNotFound, Code: "not_found", Field: "featureId", Message: "no such feature in this collection"}
	}
	feature, err := appendLayerFeature(nil, f)
	if err != nil {
		return err
	}
	colURL := s.baseURL(c) + "/ogc/collections/" + col.id
	links, err := json.Marshal([]link{
		{Href: colURL + "/items/" + id, Rel: "self", Type: contentTypeGeoJSON},
		{Href: colURL, Rel: "collection", Type: contentTypeJSON, Title: col.title},
	})
	if err != nil {
		return err
	}
	// The feature is a JSON object: add links (and attribution) before its
	// closing brace.
	out := append(feature[:len(feature)-1], `,"links":`...)
	out = append(out, links...)
	if attr := layerAttribution(col.layer); attr != "" {
		out = append(out, `,"attribution":`...)
		out = strconv.AppendQuote(out, attr)
	}
	out = append(out, '}')
	c.Data(http.StatusOK, contentTypeGeoJSON, out)
	return nil
}

// streamLayer writes the matching features of a derived layer, flushing
// every exportBatch rows: the layer hands them over one by one, so the
// export holds one batch of encoded rows at a time.
func (s *Server) streamLayer(c *gin.Context, req exportRequest, out exportWriter) error {
	if req.limit == 0 {
		return nil
	}
	ctx := c.Request.Context()
	skip, left, n := req.offset, req.limit, 0
	var err error
	req.col.layer.Features(layerBound(req.bbox), func(f *geojson.Feature) bool {
		if !layerKeeps(f, &req.items) {
			return true
		}
		if req.bbox != nil || req.area != nil {
			if !req.keep(mapping.RepresentativePoint(f.Geometry)) {
				return true
			}
		}
		if skip > 0 {
			skip--
			return true
		}
		if err = out.layerFeature(f); err != nil {
			return false
		}
		if left--; left == 0 {
			return false
		}
		if n++; n%exportBatch == 0 {
			if err = ctx.Err(); err != nil {
				return false
			}
			if err = out.flush(); err != nil {
				return false
			}
		}
		return true
	})
	return err
}

// layerFeature writes one feature of a derived layer.
func (g *geoJSONExport) layerFeature(f *geojson.Feature) error {
	g.sep()
	var err error
	g.buf, err = appendLayerFeature(g.buf, f)
	return err
}

// layerColumns are the CSV columns of a layer export: id, the lon/lat of
// the feature's representative point (inside an area), the layer's own
// columns and, for OSM-derived layers, the attribution on every row. HXL
// hashtags: #loc+name for a name column, #indicator+<column> for the rest
// (HXL allows our own attributes).
func layerColumns(l Layer) [][2]string {
	cols := [][2]string{{"id", "#meta+id"}, {"lon", "#geo+lon"}, {"lat", "#geo+lat"}}
	for _, name := range l.Columns() {
		tag := "#indicator+" + hxlAttribute(name)
		switch name {
		case "name":
			tag = "#loc+name"
		case "status":
			tag = "#status"
		}
		cols = append(cols, [2]string{name, tag})
	}
	if layerAttribution(l) != "" {
		cols = append(cols, [2]string{"attribution", "#meta+source"})
	}
	return cols
}

// hxlAttribute turns a column name into an HXL attribute: lowercase
// letters, digits and underscores.
func hxlAttribute(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

func (e *csvExport) layerFeature(f *geojson.Feature) error {
	if err := e.start(); err != nil {
		return err
	}
	// The point is computed, not stored: 7 decimals (about 1 cm) are
	// plenty and keep float noise out of the cells.
	p := mapping.RepresentativePoint(f.Geometry)
	round := func(v float64) string { return formatCoord(math.Round(v*1e7) / 1e7) }
	e.row = append(e.row[:0], propertyString(f.ID), round(p[0]), round(p[1]))
	for _, col := range e.columns[3:] {
		if col[0] == "attribution" && col[1] == "#meta+source" {
			e.row = append(e.row, osmAttribution)
			continue
		}
		v := f.Properties[col[0]]
		if s, ok := v.(string); ok {
			e.row = append(e.row, safeCell(s))
			continue
		}
		e.row = append(e.row, propertyString(v))
	}
	return e.writeRow(e.row)
}

// layerOpenAPI adds the paths and parameters of the derived layers to the
// OpenAPI document.
func (s *Server) layerOpenAPI(paths, params obj, op func(id, summary string, params []obj, ok obj) obj, geoResp func(string) obj) {
	if len(s.layers) == 0 {
		return
	}
	ref := func(name string) obj { return obj{"$ref": "#/components/parameters/" + name} }
	params["layerFeatureId"] = obj{"name": "featureId", "in": "path", "required": true, "schema": obj{"type": "string"}}
	for _, l := range s.layers {
		ps := []obj{ref("bbox"), ref("limit"), ref("offset")}
		for _, q := range l.Queryables() {
			name := "layer-" + l.Name() + "-" + q
			params[name] = obj{"name": q, "in": "query", "required": false, "style": "form", "explode": false,
				"description": "Comma-separated values of the " + q + " property.",
				"schema":      obj{"type": "array", "items": obj{"type": "string"}}}
			ps = append(ps, ref(name))
		}
		ps = append(ps, ref("f"))
		paths["/collections/"+l.Name()+"/items"] = op("get-"+l.Name(), l.Title()+" as GeoJSON", ps, geoResp("A page of features."))
		paths["/collections/"+l.Name()+"/items/{featureId}"] = op("get-"+l.Name()+"-item", "One feature",
			[]obj{ref("layerFeatureId")}, geoResp("The feature."))
	}
}
