package server

import (
	"encoding/csv"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"

	"github.com/mtaa-project/mtaa/data"
)

// reportColumns are the CSV columns of a reports export, with their HXL
// hashtags (HXL 1.1 core hashtags and attributes where one fits; +channel,
// +source, +nearest, +area, +generalised and +not_in_osm are our own
// attributes, which HXL allows). The location_generalised column is true
// for sensitive categories, whose lon/lat are a grid cell's centre.
var reportColumns = [][2]string{
	{"id", "#event+id"},
	{"category", "#event+type+code"},
	{"category_label", "#event+type+name+i_en"},
	{"status", "#status"},
	{"channel", "#meta+channel"},
	{"location_source", "#geo+source"},
	{"lon", "#geo+lon"},
	{"lat", "#geo+lat"},
	{"accuracy_m", "#geo+precision"},
	{"observed_at", "#date+occurred"},
	{"received_at", "#date+reported"},
	{"description", "#description"},
	{"not_in_osm", "#indicator+not_in_osm"},
	{"nearest_name", "#loc+name+nearest"},
	{"nearest_distance_m", "#indicator+distance+nearest"},
	{"area", "#loc+name+area"},
	{"location_generalised", "#meta+generalised"},
}

// osmColumns are the CSV columns of an OSM export. lon/lat are the
// feature's point (for lines and areas the representative point, inside
// the area); wkt is the full geometry as WKT. Every row carries the ODbL
// attribution, since CSV has no place for document metadata.
var osmColumns = [][2]string{
	{"id", "#loc+id"},
	{"kind", "#loc+type"},
	{"class", "#loc+type+code"},
	{"name", "#loc+name"},
	{"lon", "#geo+lon"},
	{"lat", "#geo+lat"},
	{"area_m2", "#indicator+area_m2"},
	{"wkt", "#geo+wkt"},
	{"attribution", "#meta+source"},
}

// csvExport writes an export as CSV, one row per feature, through
// encoding/csv's buffer; flush sends it to the client.
type csvExport struct {
	w       *csv.Writer
	rw      flushWriter
	columns [][2]string
	hxl     bool
	started bool
	row     []string
	tax     *data.Taxonomy
}

func newCSVExport(w flushWriter, req exportRequest, tax *data.Taxonomy) *csvExport {
	cols := reportColumns
	switch {
	case req.col.osmKinds != nil:
		cols = osmColumns
	case req.col.layer != nil:
		cols = layerColumns(req.col.layer)
	}
	return &csvExport{w: csv.NewWriter(w), rw: w, columns: cols, hxl: req.hxl, tax: tax, row: make([]string, len(cols))}
}

// start writes the header row and, when asked for, the HXL hashtag row.
func (e *csvExport) start() error {
	if e.started {
		return nil
	}
	e.started = true
	for _, which := range []int{0, 1} {
		if which == 1 && !e.hxl {
			break
		}
		for i, col := range e.columns {
			e.row[i] = col[which]
		}
		if err := e.w.Write(e.row); err != nil {
			return writeError{err}
		}
	}
	return nil
}

func (e *csvExport) report(r *exportReport) error {
	if err := e.start(); err != nil {
		return err
	}
	p := r.pub
	category := string(p.Category)
	label := ""
	if cat := e.tax.Category(category); cat != nil {
		label = cat.Label("en")
	}
	accuracy, nearestName, nearestDist := "", "", ""
	if p.HasAccuracy && !r.generalised {
		accuracy = strconv.FormatFloat(p.AccuracyM, 'f', -1, 64)
	}
	if p.HasNearest && !r.generalised {
		nearestName = jsonText(p.NearestName)
		nearestDist = strconv.FormatFloat(p.NearestDistanceM, 'f', -1, 64)
	}
	e.row = append(e.row[:0],
		strconv.FormatUint(p.ID, 10),
		category,
		label,
		string(p.Status),
		jsonText(p.Channel),
		jsonText(p.LocationSource),
		formatCoord(r.point[0]),
		formatCoord(r.point[1]),
		accuracy,
		data.FormatTime(p.ObservedAt),
		data.FormatTime(p.ReceivedAt),
		safeCell(jsonText(p.Description)),
		strconv.FormatBool(p.NotInOSM),
		safeCell(nearestName),
		nearestDist,
		safeCell(jsonText(p.AreaName)),
		strconv.FormatBool(r.generalised),
	)
	if err := e.w.Write(e.row); err != nil {
		return writeError{err}
	}
	return nil
}

// jsonText is stored text as it reads back from the public Feature: each
// byte that is not valid UTF-8 becomes U+FFFD, as encoding/json writes it.
func jsonText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			sb.WriteRune(utf8.RuneError)
		} else {
			sb.Write(b[:size])
		}
		b = b[size:]
	}
	return sb.String()
}

func (e *csvExport) osm(f *data.OSMFeature) error {
	if err := e.start(); err != nil {
		return err
	}
	area := ""
	if f.AreaM2 > 0 {
		area = strconv.FormatFloat(float64(int64(f.AreaM2*10+0.5))/10, 'f', -1, 64)
	}
	var g orb.Geometry = f.Point
	if f.Geometry != nil {
		g = f.Geometry
	}
	e.row = append(e.row[:0],
		osmFeatureID(f),
		f.Kind.String(),
		f.Class,
		safeCell(f.Name()),
		formatCoord(f.Point[0]),
		formatCoord(f.Point[1]),
		area,
		wkt.MarshalString(g),
		osmAttribution,
	)
	if err := e.w.Write(e.row); err != nil {
		return writeError{err}
	}
	return nil
}

func (e *csvExport) flush() error {
	e.w.Flush()
	if err := e.w.Error(); err != nil {
		return writeError{err}
	}
	e.rw.Flush()
	return nil
}

func (e *csvExport) close() error {
	if err := e.start(); err != nil { // an empty export still has its header
		return err
	}
	return e.flush()
}

func formatCoord(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// safeCell defuses spreadsheet formulas in free text (OWASP "CSV
// injection"): a cell that starts with =, +, -, @, tab or carriage return
// gets a leading apostrophe, which spreadsheets hide and do not evaluate.
// Only text typed by people goes through it; numbers and codes are ours.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
