package server

import (
	"errors"
	"maps"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
)

// Export formats.
const (
	formatGeoJSON = "geojson"
	formatCSV     = "csv"
)

// exportBatch is how many reports an export reads per store call: one
// short read transaction, then the batch is written and flushed to the
// client. It bounds the export's memory, whatever the number of reports.
const exportBatch = 1000

// exportRequest is a parsed export query.
type exportRequest struct {
	items  itemsRequest
	col    ogcCollection
	format string
	hxl    bool
	// lang is the language of the CSV's category labels (lang=, one of
	// the taxonomy's label languages); English when not given.
	lang string
	// area, when set, keeps the features inside it (the report's point, or
	// an OSM feature's representative point).
	area orb.Geometry
	// bbox is the client's bbox, checked against each feature's exported
	// point (for the public, a sensitive report's generalised one:
	// findVisible matches the same points).
	bbox *orb.Bound
	// offset and limit page the exported rows; limit < 0 means all.
	offset, limit int
}

// export serves GET /api/v1/export/{collection}.{geojson|csv}: a whole
// collection, filtered as on /items, streamed in batches so that memory
// does not grow with the export's size.
func (s *Server) export(c *gin.Context) error {
	// >> Args
	req, err := s.parseExport(c)
	if err != nil {
		return err
	}

	// >> Operation and response: headers first, then rows batch by batch.
	ext := req.format
	ctype := contentTypeGeoJSON
	if req.format == formatCSV {
		ctype = "text/csv; charset=utf-8; header=present"
	}
	name := "mtaa-" + req.col.id + "-" + s.now().UTC().Format("20060102") + "." + ext
	c.Header("Content-Type", ctype)
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)

	// An export of millions of rows may stream for longer than the
	// server's write timeout: each write gets its own deadline instead, so
	// only a client that stops reading is cut off.
	w := &deadlineFlusher{deadlineWriter: deadlineWriter{w: c.Writer, rc: http.NewResponseController(c.Writer), per: streamWriteTimeout}, f: c.Writer}
	var out exportWriter
	if req.format == formatCSV {
		out = newCSVExport(w, req, s.taxonomy)
	} else {
		attribution := ""
		switch {
		case req.col.osmKinds != nil:
			attribution = osmAttribution
		case req.col.layer != nil:
			attribution = layerAttribution(req.col.layer)
		}
		out = newGeoJSONExport(w, req.col.title, attribution, data.FormatTime(s.now()))
	}
	switch {
	case req.col.osmKinds != nil:
		err = s.streamOSM(c, req, out)
	case req.col.layer != nil:
		err = s.streamLayer(c, req, out)
	default:
		err = s.streamReports(c, req, out)
	}
	if err == nil {
		err = out.close()
	}
	if err != nil {
		if c.Request.Context().Err() != nil || isWriteError(err) {
			return nil // the client went away; nothing left to tell it
		}
		s.log.Error("export failed", "collection", req.col.id, "format", req.format, "err", err)
		if !c.Writer.Written() {
			// Nothing was sent yet (the first batch is buffered): a
			// plain error answer, not an export.
			h := c.Writer.Header()
			h.Del("Content-Disposition")
			h.Del("Content-Type")
			return err
		}
		// The status line is sent. The export ends with a line that says
		// it failed and why, then the response is cut short, so that no
		// client mistakes a partial export for a whole one (net/http
		// documents http.ErrAbortHandler for this; the recovery middleware
		// lets it through).
		_ = out.flush() // the intact rows read before the damaged one
		_, _ = c.Writer.Write([]byte("\n" + exportErrorTrailer(err) + "\n"))
		c.Writer.Flush()
		panic(http.ErrAbortHandler)
	}
	return nil
}

// exportErrorTrailer is the last line of an export cut short by err.
func exportErrorTrailer(err error) string {
	why := "an internal error"
	if errors.Is(err, data.ErrCorrupt) {
		why = "a damaged stored record (an administrator should run mtaa check)"
	}
	return "ERROR: this export is incomplete: it stopped at " + why + "."
}

// writeError marks errors from writing to the client.
type writeError struct{ err error }

func (e writeError) Error() string { return "write export: " + e.err.Error() }
func (e writeError) Unwrap() error { return e.err }

func isWriteError(err error) bool {
	var we writeError
	return errors.As(err, &we)
}

func (s *Server) parseExport(c *gin.Context) (exportRequest, error) {
	file := c.Param("file")
	colID, format, _ := strings.Cut(file, ".")
	req := exportRequest{format: format, limit: -1, lang: "en"}
	col, err := s.collection(colID)
	if err != nil {
		return req, &apiError{Status: http.StatusNotFound, Code: "not_found", Field: "collection",
			Message: "no collection " + strconv.Quote(colID) + "; see /ogc/collections"}
	}
	req.col = col
	if format != formatGeoJSON && format != formatCSV {
		return req, badParam("format", `the export format must be "geojson" or "csv", as in /api/v1/export/`+colID+".csv")
	}
	// The export takes the collection's /items filters plus area, hxl and,
	// for a reports CSV, lang.
	filters := maps.Clone(col.filters)
	if filters == nil {
		filters = map[string]func(string, *itemsRequest) error{}
	}
	var areaID string
	filters["area"] = func(v string, _ *itemsRequest) error { areaID = v; return nil }
	filters["hxl"] = func(v string, _ *itemsRequest) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return badParam("hxl", "hxl must be true or false")
		}
		if b && format != formatCSV {
			return badParam("hxl", "the HXL hashtag row is for CSV exports")
		}
		req.hxl = b
		return nil
	}
	filters["lang"] = func(v string, _ *itemsRequest) error {
		if format != formatCSV || col.id != "reports" {
			return badParam("lang", "lang names the language of a reports CSV's category labels")
		}
		if langs := s.taxonomy.LabelLanguages(); !slices.Contains(langs, v) {
			return badParam("lang", "lang must be one of the languages the taxonomy names categories in: "+strings.Join(langs, ", "))
		}
		req.lang = v
		return nil
	}
	values := c.Request.URL.Query()
	items, err := parseItemsQuery(values, filters)
	if err != nil {
		return req, err
	}
	if areaID != "" {
		if req.area, err = s.exportArea(areaID); err != nil {
			return req, err
		}
	}
	req.offset = items.query.Offset
	if values.Has("limit") {
		req.limit = items.query.Limit
	}
	// Paging is applied to the rows as written, after the area test.
	items.query.Offset, items.query.Limit = 0, math.MaxInt
	req.bbox = items.query.BBox
	if req.area != nil {
		ab := req.area.Bound()
		if req.bbox == nil {
			req.bbox = &ab
		} else if !req.bbox.Intersects(ab) {
			req.limit = 0
		}
	}
	req.items = items
	return req, nil
}

// exportArea finds the OSM area named by id ("relation-117161", or a place
// point outside every boundary, "node-42": its nearest-place area).
func (s *Server) exportArea(id string) (orb.Geometry, error) {
	_, g, err := s.osmPolygon("area", id)
	return g, err
}

// keep applies the area and bbox filters to a feature's exported point.
func (req *exportRequest) keep(p orb.Point) bool {
	if req.bbox != nil && !req.bbox.Contains(p) {
		return false
	}
	return req.area == nil || data.AreaContains(req.area, p)
}

// exportWriter writes one export format: rows go out through a buffer that
// flush sends to the client.
type exportWriter interface {
	report(r *exportReport) error
	osm(f *data.OSMFeature) error
	layerFeature(f *geojson.Feature) error
	// flush sends the rows written so far to the client.
	flush() error
	// close ends the document and flushes.
	close() error
}

// exportReport is one report as an export writes it: its fields and
// Feature as data.Store.EachPublicReport reads them for the caller's
// audience (for the public, a sensitive report is generalised there).
type exportReport struct {
	pub *data.PublicReport
	// feature is the Feature, valid during the write only.
	feature []byte
}

// streamReports writes the matching reports batch by batch.
func (s *Server) streamReports(c *gin.Context, req exportRequest, out exportWriter) error {
	if req.limit == 0 {
		return nil
	}
	// Find returns every matching id at once: 8 bytes per report, so a
	// million reports hold 8 MB of ids for the export's duration, while
	// the features themselves are read exportBatch at a time.
	page, err := s.findVisible(c, req.items.query)
	if err != nil {
		return err
	}
	ids := page.IDs
	audience := audienceOf(c)
	ctx := c.Request.Context()
	skip, left := req.offset, req.limit
	// done ends the walk of a batch once the limit is reached.
	done := errors.New("export limit reached")
	var r exportReport // reused: a pointer to it goes through an interface
	write := func(pub *data.PublicReport, feature []byte) error {
		r = exportReport{pub: pub, feature: feature}
		if !req.keep(orb.Point(pub.Location)) {
			return nil
		}
		if skip > 0 {
			skip--
			return nil
		}
		if err := out.report(&r); err != nil {
			return err
		}
		if left--; left == 0 {
			return done
		}
		return nil
	}
	for start := 0; start < len(ids); start += exportBatch {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := s.store.EachPublicReport(ids[start:min(start+exportBatch, len(ids))], audience, write)
		if errors.Is(err, done) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := out.flush(); err != nil {
			return err
		}
	}
	return nil
}

// streamOSM writes the matching features of an OSM collection. The
// features are in memory already (the extract's index); only the
// encoding is batched.
func (s *Server) streamOSM(c *gin.Context, req exportRequest, out exportWriter) error {
	ix := s.extract()
	if ix == nil || req.limit == 0 {
		return nil
	}
	kinds := req.items.kinds
	if kinds == nil {
		kinds = req.col.osmKinds
	}
	keep := func(f *data.OSMFeature) bool {
		return (req.items.classes == nil || req.items.classes[f.Class]) && (req.area == nil || req.keep(f.Point))
	}
	feats := asAreas(ix, ix.Select(kinds, req.bbox, keep))
	skip, left := req.offset, req.limit
	for i, f := range feats {
		if skip > 0 {
			skip--
			continue
		}
		if err := out.osm(f); err != nil {
			return err
		}
		if left--; left == 0 {
			break
		}
		if (i+1)%exportBatch == 0 {
			if err := c.Request.Context().Err(); err != nil {
				return err
			}
			if err := out.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// geoJSONExport writes an RFC 7946 FeatureCollection.
type geoJSONExport struct {
	w     flushWriter
	buf   []byte
	count int
	head  bool
	title string
	attr  string
	stamp string
}

// flushWriter is the response: gin.ResponseWriter is one.
type flushWriter interface {
	Write([]byte) (int, error)
	Flush()
}

// deadlineFlusher is a deadlineWriter that also flushes.
type deadlineFlusher struct {
	deadlineWriter
	f http.Flusher
}

func (d *deadlineFlusher) Flush() { d.f.Flush() }

func newGeoJSONExport(w flushWriter, title, attribution, timeStamp string) *geoJSONExport {
	return &geoJSONExport{w: w, title: title, attr: attribution, stamp: timeStamp, buf: make([]byte, 0, 64<<10)}
}

func (g *geoJSONExport) start() {
	if g.head {
		return
	}
	g.head = true
	g.buf = append(g.buf, `{"type":"FeatureCollection","name":`...)
	g.buf = strconv.AppendQuote(g.buf, g.title)
	g.buf = append(g.buf, `,"timeStamp":"`...)
	g.buf = append(g.buf, g.stamp...)
	g.buf = append(g.buf, '"')
	if g.attr != "" {
		g.buf = append(g.buf, `,"attribution":`...)
		g.buf = strconv.AppendQuote(g.buf, g.attr)
	}
	g.buf = append(g.buf, `,"features":[`...)
}

func (g *geoJSONExport) sep() {
	g.start()
	if g.count > 0 {
		g.buf = append(g.buf, ",\n"...)
	}
	g.count++
}

func (g *geoJSONExport) report(r *exportReport) error {
	g.sep()
	g.buf = append(g.buf, r.feature...)
	return nil
}

func (g *geoJSONExport) osm(f *data.OSMFeature) error {
	g.sep()
	var err error
	g.buf, err = appendOSMFeature(g.buf, rfc7946Winding(f))
	return err
}

// flush sends the buffered rows. With nothing buffered it sends nothing,
// not even the status line: an export that fails before its first row
// can still answer with a plain error.
func (g *geoJSONExport) flush() error {
	if len(g.buf) == 0 {
		return nil
	}
	if _, err := g.w.Write(g.buf); err != nil {
		return writeError{err}
	}
	g.buf = g.buf[:0]
	g.w.Flush()
	return nil
}

func (g *geoJSONExport) close() error {
	g.start()
	g.buf = append(g.buf, "]}\n"...)
	return g.flush()
}

// rfc7946Winding returns f, or a copy whose polygon rings wind as RFC 7946
// asks (exterior rings counterclockwise, holes clockwise), so that strict
// validators accept the export. The extract's own feature is not changed.
func rfc7946Winding(f *data.OSMFeature) *data.OSMFeature {
	g, changed := rfc7946Geometry(f.Geometry)
	if !changed {
		return f
	}
	cp := *f
	cp.Geometry = g
	return &cp
}

// rfc7946Geometry returns g, or when some of its polygon rings wind
// against RFC 7946, a copy with those rings reversed (g is not changed).
func rfc7946Geometry(g orb.Geometry) (orb.Geometry, bool) {
	fix := func(p orb.Polygon) (orb.Polygon, bool) {
		changed := false
		for i, ring := range p {
			want := orb.CCW
			if i > 0 {
				want = orb.CW
			}
			if o := ring.Orientation(); o != 0 && o != want {
				if !changed {
					p = append(orb.Polygon(nil), p...)
					changed = true
				}
				r := ring.Clone()
				r.Reverse()
				p[i] = r
			}
		}
		return p, changed
	}
	switch geom := g.(type) {
	case orb.Polygon:
		return fix(geom)
	case orb.MultiPolygon:
		var mp orb.MultiPolygon
		for i, p := range geom {
			if fixed, changed := fix(p); changed {
				if mp == nil {
					mp = append(orb.MultiPolygon(nil), geom...)
				}
				mp[i] = fixed
			}
		}
		if mp != nil {
			return mp, true
		}
	}
	return g, false
}
