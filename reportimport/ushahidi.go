package reportimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// The columns of an Ushahidi (classic, v2) CSV export. Others, such as the
// reporter's FIRST NAME, LAST NAME and EMAIL in later versions, are
// ignored: personal data is never imported.
const (
	colTitle       = "INCIDENT TITLE"
	colDate        = "INCIDENT DATE"
	colLocation    = "LOCATION"
	colDescription = "DESCRIPTION"
	colCategory    = "CATEGORY"
	colLatitude    = "LATITUDE"
	colLongitude   = "LONGITUDE"
	colApproved    = "APPROVED"
	colVerified    = "VERIFIED"
)

// idColumns name the report number column, in order of preference.
var idColumns = []string{"#", "SERIAL", "ID", "INCIDENT ID"}

// requiredColumns must all be in the header.
var requiredColumns = []string{colDate, colCategory, colLatitude, colLongitude}

// ushahidiReader reads one CSV export.
type ushahidiReader struct {
	cols   map[string]int
	header []string
	idCol  string
}

// delimiter guesses the field separator from the header line: a comma
// unless the line has none and has semicolons or tabs (spreadsheet exports
// in locales with decimal commas).
func delimiter(src []byte) rune {
	line := src
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		line = src[:i]
	}
	if bytes.IndexByte(line, ',') < 0 {
		switch {
		case bytes.IndexByte(line, ';') >= 0:
			return ';'
		case bytes.IndexByte(line, '\t') >= 0:
			return '\t'
		}
	}
	return ','
}

func readUshahidi(src []byte, b *builder) error {
	cr := csv.NewReader(bytes.NewReader(src))
	cr.Comma = delimiter(src)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return csvError(err, "header")
	}
	u := &ushahidiReader{cols: map[string]int{}, header: header}
	for i, h := range header {
		name := strings.ToUpper(strings.TrimSpace(h))
		if _, dup := u.cols[name]; !dup {
			u.cols[name] = i
		}
	}
	var missing []string
	for _, c := range requiredColumns {
		if _, ok := u.cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return &FileError{Line: 1, Element: "header", Message: fmt.Sprintf(
			"not a GeoJSON FeatureCollection nor an Ushahidi CSV export: the header lacks %s (an Ushahidi export has #, INCIDENT TITLE, INCIDENT DATE, LOCATION, DESCRIPTION, CATEGORY, LATITUDE, LONGITUDE, APPROVED, VERIFIED)",
			strings.Join(missing, ", "))}
	}
	for _, c := range idColumns {
		if _, ok := u.cols[c]; ok {
			u.idCol = c
			break
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvError(err, "")
		}
		line, _ := cr.FieldPos(0)
		b.parsed.Read++
		u.row(b, line, rec)
	}
}

// csvError turns a CSV syntax error into a FileError with its line.
func csvError(err error, element string) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &FileError{Line: pe.StartLine, Element: element, Message: fmt.Sprintf("CSV syntax error at line %d, column %d: %v", pe.Line, pe.Column, pe.Err)}
	}
	if errors.Is(err, io.EOF) {
		return &FileError{Message: "the file is empty"}
	}
	return &FileError{Element: element, Message: err.Error()}
}

// cell returns the trimmed value of column name, "" when the column or the
// cell is absent.
func (u *ushahidiReader) cell(rec []string, name string) string {
	i, ok := u.cols[name]
	if !ok || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

func (u *ushahidiReader) row(b *builder, line int, rec []string) {
	row := &sourceRow{line: line, feature: -1, coordField: colLatitude + "," + colLongitude, categoryField: colCategory, timeField: colDate}
	if u.idCol != "" {
		row.id = u.cell(rec, u.idCol)
	}
	if len(rec) > len(u.header) {
		b.reject(row, CodeInvalidField, "", fmt.Sprintf("the row has %d fields and the header %d: an unquoted comma?", len(rec), len(u.header)))
		return
	}
	lat, rj := coordinate(u.cell(rec, colLatitude), colLatitude)
	if rj == nil {
		var lon float64
		lon, rj = coordinate(u.cell(rec, colLongitude), colLongitude)
		row.location = orb.Point{lon, lat}
	}
	if rj != nil {
		b.reject(row, rj.Code, rj.Field, rj.Reason)
		return
	}
	if row.status, rj = u.status(b, rec); rj != nil {
		b.reject(row, rj.Code, rj.Field, rj.Reason)
		return
	}
	row.categories = []string{u.cell(rec, colCategory)}
	row.observed = u.cell(rec, colDate)
	title, desc, place := u.cell(rec, colTitle), u.cell(rec, colDescription), u.cell(rec, colLocation)
	row.description = joinDescription(title, desc, place)
	row.content = strings.Join([]string{u.cell(rec, colLatitude), u.cell(rec, colLongitude), row.observed,
		row.categories[0], title, desc, place}, "\x00")
	b.add(row)
}

// joinDescription makes one description of an Ushahidi title, description
// and location name, one per line, leaving out empty and repeated parts.
func joinDescription(title, desc, place string) string {
	var parts []string
	if title != "" {
		parts = append(parts, title)
	}
	if desc != "" && desc != title {
		parts = append(parts, desc)
	}
	if place != "" {
		parts = append(parts, "Location: "+place)
	}
	return strings.Join(parts, "\n")
}

// coordinate parses a latitude or longitude cell.
func coordinate(s, col string) (float64, *Rejection) {
	if s == "" {
		return 0, &Rejection{Code: CodeMissingField, Field: col, Reason: "no " + strings.ToLower(col)}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, &Rejection{Code: CodeBadCoordinates, Field: col, Reason: fmt.Sprintf("%s %q is not a number", strings.ToLower(col), s)}
	}
	return v, nil
}

// status maps APPROVED and VERIFIED: verified when the deployment both
// approved and verified the report; new when approved only (or when the
// columns are absent); an unapproved report (never public in Ushahidi) is
// skipped unless the mapping says "unapproved": "import", and then new.
func (u *ushahidiReader) status(b *builder, rec []string) (data.Status, *Rejection) {
	approved, ok := yesNo(u.cell(rec, colApproved), true)
	if !ok {
		return "", &Rejection{Code: CodeInvalidField, Field: colApproved, Reason: fmt.Sprintf("%q: want YES or NO", u.cell(rec, colApproved))}
	}
	verified, ok := yesNo(u.cell(rec, colVerified), false)
	if !ok {
		return "", &Rejection{Code: CodeInvalidField, Field: colVerified, Reason: fmt.Sprintf("%q: want YES or NO", u.cell(rec, colVerified))}
	}
	switch {
	case !approved && b.mapping.unapproved != "import":
		return "", &Rejection{Code: CodeNotApproved, Field: colApproved,
			Reason: "not approved in Ushahidi (never public there); set \"unapproved\": \"import\" in the mapping file to import it as new"}
	case approved && verified:
		return data.StatusVerified, nil
	}
	return data.StatusNew, nil
}

// yesNo reads YES/NO, Y/N, TRUE/FALSE, 1/0; empty gives def.
func yesNo(s string, def bool) (value, ok bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "":
		return def, true
	case "YES", "Y", "TRUE", "1", "OUI":
		return true, true
	case "NO", "N", "FALSE", "0", "NON":
		return false, true
	}
	return false, false
}
