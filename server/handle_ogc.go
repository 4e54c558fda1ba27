package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// OGC API – Features conformance classes implemented.
var conformsTo = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
}

const contentTypeOpenAPI = "application/vnd.oai.openapi+json;version=3.0"

type link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

// ogcCollection describes one feature collection served under /ogc.
type ogcCollection struct {
	id, title, description string
	// filters are the collection's own query parameters beyond the OGC
	// core ones, with their parsers.
	filters map[string]func(string, *itemsRequest) error
	// osmKinds, for collections of OSM features, are the feature kinds
	// the collection holds; nil for reports.
	osmKinds []data.FeatureKind
	// layer, for derived layers (layers.go), serves the features.
	layer Layer
}

func (s *Server) collections() []ogcCollection {
	cols := []ogcCollection{{
		id:          "reports",
		title:       "Reports",
		description: "Reports by residents (SMS) and mappers (web): hazards, needs and service problems, with their moderation status. No personal data.",
		filters: map[string]func(string, *itemsRequest) error{
			"category": s.parseCategoryFilter,
			"status":   parseStatusFilter,
		},
	}}
	if s.extract != nil {
		cols = append(cols, osmCollections...)
	}
	for _, l := range s.layers {
		cols = append(cols, layerCollection(l))
	}
	return cols
}

func (s *Server) collection(id string) (ogcCollection, error) {
	for _, c := range s.collections() {
		if c.id == id {
			return c, nil
		}
	}
	return ogcCollection{}, &apiError{Status: http.StatusNotFound, Code: "not_found", Field: "collectionId", Message: "no collection " + strconv.Quote(id)}
}

func (s *Server) parseCategoryFilter(v string, req *itemsRequest) error {
	for _, c := range strings.Split(v, ",") {
		if s.taxonomy.Category(c) == nil {
			return badParam("category", "unknown category "+strconv.Quote(c)+"; see /api/v1/categories")
		}
		req.query.Categories = append(req.query.Categories, c)
	}
	return nil
}

func parseStatusFilter(v string, req *itemsRequest) error {
	for _, st := range strings.Split(v, ",") {
		if !data.Status(st).Valid() {
			return badParam("status", "unknown status "+strconv.Quote(st))
		}
		req.query.Statuses = append(req.query.Statuses, data.Status(st))
	}
	return nil
}

// noQuery refuses any query parameter other than f=json on the metadata
// resources, as OGC API requires for unknown parameters.
func noQuery(c *gin.Context) error {
	for name, vs := range c.Request.URL.Query() {
		if name == "f" && len(vs) == 1 && vs[0] == "json" {
			continue
		}
		return &apiError{Status: http.StatusBadRequest, Code: "unknown_parameter", Field: name, Message: "unknown query parameter"}
	}
	return nil
}

func (s *Server) ogcLanding(c *gin.Context) error {
	if err := noQuery(c); err != nil {
		return err
	}
	base := s.baseURL(c) + "/ogc"
	c.JSON(http.StatusOK, gin.H{
		"title":       "mtaa",
		"description": "Participatory mapping and crowdsourced reports for fast-growing cities. © OpenStreetMap contributors, ODbL, for OSM-derived layers.",
		"version":     s.cfg.Version,
		"links": []link{
			{Href: base, Rel: "self", Type: contentTypeJSON, Title: "This document"},
			{Href: base + "/api", Rel: "service-desc", Type: contentTypeOpenAPI, Title: "The API definition (OpenAPI 3.0)"},
			{Href: base + "/conformance", Rel: "conformance", Type: contentTypeJSON, Title: "Conformance classes"},
			{Href: base + "/collections", Rel: "data", Type: contentTypeJSON, Title: "Feature collections"},
		},
	})
	return nil
}

func (s *Server) ogcAPI(c *gin.Context) {
	c.Data(http.StatusOK, contentTypeOpenAPI, s.openapi)
}

func (s *Server) ogcConformance(c *gin.Context) error {
	if err := noQuery(c); err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"conformsTo": conformsTo})
	return nil
}

func (s *Server) ogcCollections(c *gin.Context) error {
	if err := noQuery(c); err != nil {
		return err
	}
	base := s.baseURL(c) + "/ogc"
	var list []gin.H
	for _, col := range s.collections() {
		list = append(list, s.collectionDoc(base, col))
	}
	c.JSON(http.StatusOK, gin.H{
		"links":       []link{{Href: base + "/collections", Rel: "self", Type: contentTypeJSON}},
		"collections": list,
	})
	return nil
}

func (s *Server) ogcCollection(c *gin.Context) error {
	if err := noQuery(c); err != nil {
		return err
	}
	col, err := s.collection(c.Param("collection"))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, s.collectionDoc(s.baseURL(c)+"/ogc", col))
	return nil
}

func (s *Server) collectionDoc(base string, col ogcCollection) gin.H {
	bbox := []float64{-180, -90, 180, 90}
	interval := []any{nil, nil}
	if col.layer != nil {
		if b := col.layer.Bound(); b != (orb.Bound{}) {
			bbox = []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
		}
	} else if col.osmKinds == nil {
		if ext := s.store.Extent(); ext.Count > 0 {
			// The extent's corners may be a report's own point: widened
			// to the generalisation grid, they show none.
			b := data.GeneraliseBound(ext.Bound)
			bbox = []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
			interval = []any{data.FormatTime(ext.Start), data.FormatTime(ext.End)}
		}
	} else if ix := s.extract(); ix != nil {
		b := ix.Meta().Bound
		bbox = b[:]
	}
	self := base + "/collections/" + col.id
	return gin.H{
		"id":          col.id,
		"title":       col.title,
		"description": col.description,
		"itemType":    "feature",
		"crs":         []string{crs84},
		"extent": gin.H{
			"spatial":  gin.H{"bbox": [][]float64{bbox}, "crs": crs84},
			"temporal": gin.H{"interval": [][]any{interval}, "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"},
		},
		"links": []link{
			{Href: self, Rel: "self", Type: contentTypeJSON, Title: col.title},
			{Href: self + "/items", Rel: "items", Type: contentTypeGeoJSON, Title: col.title + " as GeoJSON"},
		},
	}
}

var bufferPool = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

// ogcItems serves /collections/{id}/items: a page of GeoJSON features with
// numberMatched, numberReturned and next/prev links.
func (s *Server) ogcItems(c *gin.Context) error {
	// >> Args
	col, err := s.collection(c.Param("collection"))
	if err != nil {
		return err
	}
	req, err := parseItemsQuery(c.Request.URL.Query(), col.filters)
	if err != nil {
		return err
	}
	if col.osmKinds != nil {
		return s.osmItems(c, col, req)
	}
	if col.layer != nil {
		return s.layerItems(c, col, req)
	}

	// >> Operation and response
	return s.writeReportPage(c, s.baseURL(c)+"/ogc/collections/"+col.id+"/items", col.title, req)
}

// headRoom is the space writeReportPage leaves before the features for
// the FeatureCollection's opening members (links included), so that the
// answer is written from one buffer without copying the features.
const headRoom = 2048

// writeReportPage answers a report query with one page of public
// features, numberMatched, numberReturned and next/prev links under
// listURL.
func (s *Server) writeReportPage(c *gin.Context, listURL, title string, req itemsRequest) error {
	page, err := s.findVisible(c, req.query)
	if err != nil {
		return err
	}
	bp := bufferPool.Get().(*[]byte)
	defer bufferPool.Put(bp)
	buf := append((*bp)[:0], make([]byte, headRoom)...)
	buf, returned, err := s.store.AppendListFeatures(buf, page.IDs, audienceOf(c))
	*bp = buf
	if err != nil {
		return err
	}
	return s.writeFeatureCollectionIn(c, listURL, title, req, page.Matched, returned, "", buf, headRoom)
}

// writeFeatureCollection writes a GeoJSON FeatureCollection around
// features (comma-separated Feature objects) with the OGC paging members;
// attribution, when set, is added as a member.
func (s *Server) writeFeatureCollection(c *gin.Context, listURL, title string, req itemsRequest, matched, returned int, attribution string, features []byte) error {
	return s.writeFeatureCollectionIn(c, listURL, title, req, matched, returned, attribution, features, 0)
}

// writeFeatureCollectionIn is writeFeatureCollection for features that
// start at buf[start:]; buf[:start] is free room for the opening members.
// The answer goes out in one write: from buf when the opening members fit
// in its room, else from a copy.
func (s *Server) writeFeatureCollectionIn(c *gin.Context, listURL, title string, req itemsRequest, matched, returned int, attribution string, buf []byte, start int) error {
	links, err := json.Marshal(s.itemsLinks(listURL, title, req, returned, matched))
	if err != nil {
		return err
	}
	head := make([]byte, 0, 256+len(links))
	head = append(head, `{"type":"FeatureCollection","numberMatched":`...)
	head = strconv.AppendInt(head, int64(matched), 10)
	head = append(head, `,"numberReturned":`...)
	head = strconv.AppendInt(head, int64(returned), 10)
	head = append(head, `,"timeStamp":"`...)
	head = append(head, data.FormatTime(s.now())...)
	head = append(head, '"')
	if attribution != "" {
		head = append(head, `,"attribution":`...)
		head = strconv.AppendQuote(head, attribution)
	}
	head = append(head, `,"links":`...)
	head = append(head, links...)
	head = append(head, `,"features":[`...)

	var out []byte
	if len(head) <= start {
		from := start - len(head)
		copy(buf[from:], head)
		out = append(buf, "]}"...)[from:]
	} else {
		out = make([]byte, 0, len(head)+len(buf)-start+2)
		out = append(out, head...)
		out = append(out, buf[start:]...)
		out = append(out, "]}"...)
	}
	c.Header("Content-Type", contentTypeGeoJSON)
	c.Header("Content-Length", strconv.Itoa(len(out)))
	c.Status(http.StatusOK)
	_, _ = c.Writer.Write(out) // an error means the client went away: nothing left to tell it
	return nil
}

// itemsLinks are the self, collection, next and prev links of a page of
// the listing at listURL (for OGC collections, listURL/.. is the
// collection).
func (s *Server) itemsLinks(listURL, title string, req itemsRequest, returned, matched int) []link {
	withQuery := func(offset int) string {
		if q := withOffset(req.raw, offset); q != "" {
			return listURL + "?" + q
		}
		return listURL
	}
	links := []link{{Href: withQuery(req.query.Offset), Rel: "self", Type: contentTypeGeoJSON, Title: "This page"}}
	if col, ok := strings.CutSuffix(listURL, "/items"); ok {
		links = append(links, link{Href: col, Rel: "collection", Type: contentTypeJSON, Title: title})
	}
	if next := req.query.Offset + req.query.Limit; next < matched && returned > 0 {
		links = append(links, link{Href: withQuery(next), Rel: "next", Type: contentTypeGeoJSON, Title: "Next page"})
	}
	if req.query.Offset > 0 {
		links = append(links, link{Href: withQuery(max(0, req.query.Offset-req.query.Limit)), Rel: "prev", Type: contentTypeGeoJSON, Title: "Previous page"})
	}
	return links
}

// ogcItem serves /collections/{id}/items/{featureId}.
func (s *Server) ogcItem(c *gin.Context) error {
	col, err := s.collection(c.Param("collection"))
	if err != nil {
		return err
	}
	if err := noQuery(c); err != nil {
		return err
	}
	if col.osmKinds != nil {
		return s.osmItem(c, col)
	}
	if col.layer != nil {
		return s.layerItem(c, col)
	}
	id, err := parseID(c.Param("id"))
	if err != nil {
		return err
	}
	f, err := s.visibleFeature(c, id)
	if err != nil {
		return err
	}
	colURL := s.baseURL(c) + "/ogc/collections/" + col.id
	links, _ := json.Marshal([]link{
		{Href: colURL + "/items/" + strconv.FormatUint(id, 10), Rel: "self", Type: contentTypeGeoJSON},
		{Href: colURL, Rel: "collection", Type: contentTypeJSON, Title: col.title},
	})
	// The stored feature is a JSON object: add the links member before its
	// closing brace.
	out := make([]byte, 0, len(f)+len(links)+10)
	out = append(out, f[:len(f)-1]...)
	out = append(out, `,"links":`...)
	out = append(out, links...)
	out = append(out, '}')
	c.Data(http.StatusOK, contentTypeGeoJSON, out)
	return nil
}
