package server

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"

	"github.com/mtaa-project/mtaa/data"
)

// reportColumns are the CSV columns of a reports export, with their HXL
// hashtags (HXL 1.1 core hashtags and attributes where one fits; +channel,
// +source, +nearest, +area, +generalised and +not_in_osm are our own
// attributes, which HXL allows). The location_generalised column is true
// for reports with a sensitive need, whose lon/lat are a grid cell's
// centre. needs is every need, ranked, as category ids joined by ";" (ids
// hold no ";"): the same hashtag as category, which is the main one, with
// HXL 1.1's +list attribute for a cell holding several values, so that
// HXL tools that look for the event type find the main category first and
// the column with every need beside it. category_label and needs_labels
// are in the export's language (lang=, English by default; the HXL
// hashtag's +i_en says which); needs_labels, the needs' labels joined by
// ";" in the order of needs, comes last so that the columns before it
// keep the places they had before it was added.
var reportColumns = [][2]string{
	{"id", "#event+id"},
	{"category", "#event+type+code"},
	{"category_label", "#event+type+name+i_en"},
	{"needs", "#event+type+code+list"},
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
	{"needs_labels", "#event+type+name+list+i_en"},
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

// csvExport writes an export as CSV, one row per feature, into a buffer
// that flush sends to the client. Rows are encoded as encoding/csv's
// Writer encodes them (comma, \n line ends, the same quoting), but
// report rows are written from the stored bytes without building a string
// per cell.
type csvExport struct {
	rw      flushWriter
	buf     []byte
	columns [][2]string
	hxl     bool
	started bool
	row     []string
	tax     *data.Taxonomy
	lang    string
}

func newCSVExport(w flushWriter, req exportRequest, tax *data.Taxonomy) *csvExport {
	cols := reportColumns
	if req.lang != "" && req.lang != "en" {
		cols = slices.Clone(reportColumns)
		for i := range cols {
			cols[i][1] = strings.Replace(cols[i][1], "+i_en", "+i_"+req.lang, 1)
		}
	}
	switch {
	case req.col.osmKinds != nil:
		cols = osmColumns
	case req.col.layer != nil:
		cols = layerColumns(req.col.layer)
	}
	return &csvExport{rw: w, columns: cols, hxl: req.hxl, tax: tax, lang: req.lang, row: make([]string, len(cols)), buf: make([]byte, 0, 64<<10)}
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
		if err := e.writeRow(e.row); err != nil {
			return err
		}
	}
	return nil
}

// writeRow writes one row of cells.
func (e *csvExport) writeRow(row []string) error {
	for i, cell := range row {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = appendCSVCell(e.buf, "", cell)
	}
	e.buf = append(e.buf, '\n')
	return nil
}

func (e *csvExport) report(r *exportReport) error {
	if err := e.start(); err != nil {
		return err
	}
	p := r.pub
	label := e.label(p.Category)
	b := strconv.AppendUint(e.buf, p.ID, 10)
	b = append(b, ',')
	b = appendCSVText(b, p.Category, false)
	b = append(b, ',')
	b = appendCSVCell(b, "", label)
	b = append(b, ',')
	b = appendCSVNeeds(b, p.Needs)
	b = append(b, ',')
	b = appendCSVCell(b, "", string(p.Status))
	b = append(b, ',')
	b = appendCSVText(b, p.Channel, false)
	b = append(b, ',')
	b = appendCSVText(b, p.LocationSource, false)
	b = append(b, ',')
	b = strconv.AppendFloat(b, p.Location[0], 'f', -1, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, p.Location[1], 'f', -1, 64)
	b = append(b, ',')
	if p.HasAccuracy {
		b = strconv.AppendFloat(b, p.AccuracyM, 'f', -1, 64)
	}
	b = append(b, ',')
	b = p.ObservedAt.UTC().AppendFormat(b, time.RFC3339)
	b = append(b, ',')
	b = p.ReceivedAt.UTC().AppendFormat(b, time.RFC3339)
	b = append(b, ',')
	b = appendCSVText(b, p.Description, true)
	b = append(b, ',')
	b = strconv.AppendBool(b, p.NotInOSM)
	b = append(b, ',')
	if p.HasNearest {
		b = appendCSVText(b, p.NearestName, true)
		b = append(b, ',')
		b = strconv.AppendFloat(b, p.NearestDistanceM, 'f', -1, 64)
	} else {
		b = append(b, ',')
	}
	b = append(b, ',')
	b = appendCSVText(b, p.AreaName, true)
	b = append(b, ',')
	b = strconv.AppendBool(b, p.Generalised)
	b = append(b, ',')
	labels := make([]string, len(p.Needs))
	for i, n := range p.Needs {
		if labels[i] = e.label(n); labels[i] == "" {
			labels[i] = jsonText(n) // a need the taxonomy no longer has
		}
	}
	b = appendCSVCell(b, "", strings.Join(labels, ";"))
	e.buf = append(b, '\n')
	return nil
}

// label is category id's label in the export's language, "" for a
// category the taxonomy no longer has.
func (e *csvExport) label(id []byte) string {
	cat := e.tax.Category(string(id))
	if cat == nil {
		return ""
	}
	lang := e.lang
	if lang == "" {
		lang = "en"
	}
	return cat.Label(lang)
}

// appendCSVNeeds appends needs as one cell, joined by ";". Category ids
// are the taxonomy's own: one joined cell is quoted only in the unlikely
// case that an id needs it.
func appendCSVNeeds(dst []byte, needs [][]byte) []byte {
	if len(needs) == 1 {
		return appendCSVText(dst, needs[0], false)
	}
	return appendCSVText(dst, bytes.Join(needs, []byte{';'}), false)
}

// appendCSVText appends stored text as one cell: as it reads back from
// the public Feature (each byte that is not valid UTF-8 becomes U+FFFD,
// as encoding/json writes it), defused as safeCell does when people typed
// it.
func appendCSVText(dst, text []byte, typed bool) []byte {
	prefix := ""
	if typed && len(text) > 0 {
		switch text[0] {
		case '=', '+', '-', '@', '\t', '\r':
			prefix = "'"
		}
	}
	if !utf8.Valid(text) {
		return appendCSVCell(dst, prefix, jsonText(text))
	}
	return appendCSVCell(dst, prefix, text)
}

// appendCSVCell appends prefix+cell as encoding/csv's Writer writes a
// field: quoted when it holds a comma, a quote, \r or \n, starts with a
// space (unicode.IsSpace) or is \. ; quotes inside doubled.
func appendCSVCell[T string | []byte](dst []byte, prefix string, cell T) []byte {
	quote := false
	switch {
	case len(prefix)+len(cell) == 0:
	case prefix == "" && string(cell) == `\.`:
		quote = true
	default:
		for i := 0; i < len(cell) && !quote; i++ {
			switch cell[i] {
			case ',', '"', '\r', '\n':
				quote = true
			}
		}
		if !quote {
			var head [utf8.UTFMax]byte
			n := copy(head[:], prefix)
			n += copy(head[n:], cell)
			first, _ := utf8.DecodeRune(head[:n])
			quote = unicode.IsSpace(first)
		}
	}
	if !quote {
		dst = append(dst, prefix...)
		return append(dst, cell...)
	}
	dst = append(dst, '"')
	dst = append(dst, prefix...)
	for i := 0; i < len(cell); i++ {
		if cell[i] == '"' {
			dst = append(dst, '"')
		}
		dst = append(dst, cell[i])
	}
	return append(dst, '"')
}

// jsonText is stored text as it reads back from the public Feature: each
// byte that is not valid UTF-8 becomes U+FFFD, as encoding/json writes it.
func jsonText(b []byte) string {
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
	return e.writeRow(e.row)
}

// flush sends the buffered rows; with nothing buffered it sends nothing
// (see geoJSONExport.flush).
func (e *csvExport) flush() error {
	if len(e.buf) == 0 {
		return nil
	}
	if _, err := e.rw.Write(e.buf); err != nil {
		return writeError{err}
	}
	e.buf = e.buf[:0]
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
