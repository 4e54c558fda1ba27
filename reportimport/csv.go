package reportimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
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

// idColumns name the Ushahidi v2 report number column, in order of
// preference.
var idColumns = []string{"#", "SERIAL", "ID", "INCIDENT ID"}

// ushahidiV2Columns must all be in an Ushahidi v2 header.
var ushahidiV2Columns = []string{colDate, colCategory, colLatitude, colLongitude}

// utcColumns hold times in UTC although they carry no zone: Ushahidi v3+
// says so in the header, KoboToolbox's submission time is stored in UTC.
var utcColumns = map[string]bool{"post date (utc)": true, "created (utc)": true, "updated (utc)": true, "_submission_time": true}

// csvLayout says which column holds what; -1 when none.
type csvLayout struct {
	header                                                []string
	lower                                                 []string // trimmed, lower-cased header names
	id, date, category, title, description, place, status int
	approved, verified                                    int // Ushahidi v2
	lat, lon, geopoint                                    int
	dateUTC                                               bool
	// spaceList: a select_multiple answer ("flood fire") lists choice
	// names separated by spaces (KoboToolbox, ODK).
	spaceList bool
}

// delimiter guesses the field separator from the header line: the most
// frequent of comma, semicolon (KoboToolbox's default, spreadsheets in
// locales with decimal commas) and tab; a comma on a tie.
func delimiter(src []byte) rune {
	line := src
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		line = src[:i]
	}
	best, n := ',', bytes.Count(line, []byte{','})
	for _, d := range []rune{';', '\t'} {
		if c := bytes.Count(line, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}

// readCSV reads a CSV export: Ushahidi v2 or v3+, KoboToolbox, ODK Central,
// or any CSV with a header naming its coordinates.
func readCSV(src []byte, b *builder) error {
	cr := csv.NewReader(bytes.NewReader(src))
	cr.Comma = delimiter(src)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	header, err := cr.Read()
	if err != nil {
		return csvError(err, "header")
	}
	l, err := newCSVLayout(header, b)
	if err != nil {
		return err
	}
	b.parsed.Header = append([]string(nil), header...)
	first := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvError(err, "")
		}
		line, _ := cr.FieldPos(0)
		// Ushahidi v3+ writes its HXL hashtags as a second header row.
		if first && b.parsed.Format == FormatUshahidiV5 && hxlRow(rec) {
			first = false
			continue
		}
		first = false
		b.parsed.Read++
		l.row(b, line, rec)
	}
}

// hxlRow reports whether every non-empty cell of rec is an HXL hashtag.
func hxlRow(rec []string) bool {
	for _, c := range rec {
		if c = strings.TrimSpace(c); c != "" && !strings.HasPrefix(c, "#") {
			return false
		}
	}
	return true
}

// newCSVLayout recognises the export from its header and finds its
// columns: those the mapping file's "fields" name, else the usual names of
// each source. It sets b.parsed.Format.
func newCSVLayout(header []string, b *builder) (*csvLayout, error) {
	l := &csvLayout{header: header, lower: make([]string, len(header)), id: -1, date: -1, category: -1, title: -1, description: -1,
		place: -1, status: -1, approved: -1, verified: -1, lat: -1, lon: -1, geopoint: -1}
	for i, h := range header {
		l.lower[i] = strings.ToLower(strings.TrimSpace(h))
	}
	has := func(name string) bool { return l.exact(name) >= 0 }
	switch {
	case has(strings.ToLower(colDate)) && has(strings.ToLower(colCategory)) && has(strings.ToLower(colLatitude)) && has(strings.ToLower(colLongitude)):
		b.parsed.Format = FormatUshahidi
	case has("post id") || has("post date (utc)") || has("post status"):
		b.parsed.Format = FormatUshahidiV5
	case has("submissiondate") || has("meta-instanceid") || has("reviewstate"):
		b.parsed.Format = FormatODK
	case has("_uuid") || has("_submission_time") || has("_validation_status"):
		b.parsed.Format = FormatKobo
	default:
		b.parsed.Format = FormatCSV
	}
	f := b.mapping.fields
	var missing []string
	named := func(field, name string) int {
		if name == "" {
			return -1
		}
		i := l.find([]string{strings.ToLower(strings.TrimSpace(name))})
		if i < 0 {
			missing = append(missing, fmt.Sprintf("fields.%s %q", field, name))
		}
		return i
	}
	pick := func(field, name string, defaults []string) int {
		if name != "" {
			return named(field, name)
		}
		return l.find(defaults)
	}
	if b.parsed.Format == FormatUshahidi {
		l.id = pick("id", f.ID, lowerAll(idColumns))
		l.date = pick("observed_at", f.ObservedAt, []string{"incident date"})
		l.category = pick("category", f.Category, []string{"category"})
		l.title = pick("title", f.Title, []string{"incident title"})
		l.description = pick("description", f.Description, []string{"description"})
		l.place = l.exact("location")
		l.approved, l.verified = l.exact("approved"), l.exact("verified")
	} else {
		l.id = pick("id", f.ID, DefaultFields.ID)
		l.date = pick("observed_at", f.ObservedAt, DefaultFields.ObservedAt)
		l.category = pick("category", f.Category, DefaultFields.Category)
		l.title = pick("title", f.Title, DefaultFields.Title)
		l.description = pick("description", f.Description, DefaultFields.Description)
		l.status = pick("status", f.Status, []string{"post status", "reviewstate", "_validation_status", "status"})
		l.spaceList = b.parsed.Format == FormatKobo || b.parsed.Format == FormatODK
	}
	l.dateUTC = l.date >= 0 && utcColumns[l.lower[l.date]]
	switch {
	case f.Location != "":
		l.geopoint = named("location", f.Location)
	case f.Latitude != "" || f.Longitude != "":
		l.lat, l.lon = named("latitude", f.Latitude), named("longitude", f.Longitude)
	default:
		l.findCoordinates()
	}
	if len(missing) > 0 {
		return nil, &FileError{Line: 1, Element: "header", Message: fmt.Sprintf("the mapping file names %s, but the header has no such column", strings.Join(missing, ", "))}
	}
	if l.geopoint < 0 && (l.lat < 0 || l.lon < 0) {
		return nil, &FileError{Line: 1, Element: "header", Message: "not a GeoJSON FeatureCollection nor a CSV export mtaa can place: the header has no coordinates " +
			"(LATITUDE and LONGITUDE as Ushahidi writes them, X.lat and X.lon (Ushahidi v3+), _X_latitude and _X_longitude or _geolocation (KoboToolbox), " +
			"X-Latitude and X-Longitude (ODK Central), or a geopoint column); name them in the mapping file's \"fields\" (latitude, longitude or location)"}
	}
	return l, nil
}

func lowerAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strings.ToLower(s)
	}
	return out
}

// exact is the index of the column named name (lower case), or -1.
func (l *csvLayout) exact(name string) int {
	for i, h := range l.lower {
		if h == name {
			return i
		}
	}
	return -1
}

// find is the index of the first of names present, as a column of its own
// or after a KoboToolbox ("group/name") or ODK Central ("group-name")
// group path; -1 when none is.
func (l *csvLayout) find(names []string) int {
	for _, n := range names {
		if i := l.exact(n); i >= 0 {
			return i
		}
		for i, h := range l.lower {
			if strings.HasSuffix(h, "/"+n) || strings.HasSuffix(h, "-"+n) {
				return i
			}
		}
	}
	return -1
}

// coordinatePairs are the suffixes of a latitude column and of its
// longitude column with the same prefix, in order of preference.
var coordinatePairs = [][2]string{
	{"latitude", "longitude"}, {".lat", ".lon"}, {".lat", ".lng"}, {"_latitude", "_longitude"}, {"-latitude", "-longitude"},
	{"_lat", "_lon"}, {"_lat", "_lng"},
}

// geopointNames are the usual names of a column holding "lat lon".
var geopointNames = []string{"_geolocation", "geopoint", "location", "gps", "coordinates", "geolocation", "point"}

// findCoordinates finds the latitude and longitude columns: exactly named,
// or a pair sharing a prefix (Location.lat, _gps_latitude,
// location-Latitude), or else a geopoint column.
func (l *csvLayout) findCoordinates() {
	for _, names := range [][2]string{{"latitude", "longitude"}, {"lat", "lon"}, {"lat", "lng"}} {
		if la, lo := l.exact(names[0]), l.exact(names[1]); la >= 0 && lo >= 0 {
			l.lat, l.lon = la, lo
			return
		}
	}
	for _, sfx := range coordinatePairs {
		for i, h := range l.lower {
			prefix, ok := strings.CutSuffix(h, sfx[0])
			if !ok {
				continue
			}
			if j := l.exact(prefix + sfx[1]); j >= 0 {
				l.lat, l.lon = i, j
				return
			}
		}
	}
	if l.lower != nil {
		l.geopoint = l.find(geopointNames)
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

// cell returns the trimmed value of column i, "" when the column or the
// cell is absent.
func cell(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// name is column i's header, for rejections.
func (l *csvLayout) name(i int) string {
	if i < 0 || i >= len(l.header) {
		return ""
	}
	return strings.TrimSpace(l.header[i])
}

func (l *csvLayout) row(b *builder, line int, rec []string) {
	row := &sourceRow{line: line, feature: -1, categoryField: l.name(l.category), timeField: l.name(l.date), source: rec, timeUTC: l.dateUTC}
	if l.geopoint >= 0 {
		row.coordField = l.name(l.geopoint)
	} else {
		row.coordField = l.name(l.lat) + "," + l.name(l.lon)
	}
	if row.categoryField == "" {
		row.categoryField = "category"
	}
	if row.timeField == "" {
		row.timeField = "observed_at"
	}
	row.id = cell(rec, l.id)
	if len(rec) > len(l.header) {
		b.reject(row, CodeInvalidField, "", fmt.Sprintf("the row has %d fields and the header %d: an unquoted comma?", len(rec), len(l.header)))
		return
	}
	catCell := cell(rec, l.category)
	if catCell != "" {
		row.categories = []string{catCell}
		if l.spaceList {
			row.categories = choiceList(catCell)
		}
	}
	var latCell, lonCell string
	var rj *Rejection
	if l.geopoint >= 0 {
		latCell = cell(rec, l.geopoint)
		row.location, rj = geopoint(latCell, l.name(l.geopoint))
	} else {
		latCell, lonCell = cell(rec, l.lat), cell(rec, l.lon)
		var lat, lon float64
		lat, rj = coordinate(latCell, l.name(l.lat))
		if rj == nil {
			lon, rj = coordinate(lonCell, l.name(l.lon))
		}
		row.location = orb.Point{lon, lat}
	}
	if rj != nil {
		b.reject(row, rj.Code, rj.Field, rj.Reason)
		return
	}
	if b.parsed.Format == FormatUshahidi {
		row.status, rj = l.ushahidiStatus(b, rec)
	} else {
		row.status, rj = l.formStatus(b, rec)
	}
	if rj != nil {
		b.reject(row, rj.Code, rj.Field, rj.Reason)
		return
	}
	row.observed = cell(rec, l.date)
	title, desc, place := cell(rec, l.title), cell(rec, l.description), cell(rec, l.place)
	row.description = joinDescription(title, desc, place)
	row.content = strings.Join([]string{latCell, lonCell, row.observed, catCell, title, desc, place}, "\x00")
	b.pending = append(b.pending, row)
}

// choiceName is an XLSForm choice name: what KoboToolbox and ODK write for
// a select answer exported as values rather than labels.
var choiceName = regexp.MustCompile(`^[a-z0-9_.-]+$`)

// choiceList splits a select_multiple answer ("flood blocked_drain") into
// its choices; a cell that is not a list of choice names (an answer
// exported as its label, "Blocked drain") stays whole.
func choiceList(s string) []string {
	fields := strings.Fields(s)
	for _, f := range fields {
		if !choiceName.MatchString(f) {
			return []string{s}
		}
	}
	return fields
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

// geopointSeparators split "lat lon alt acc", "lat,lon" and "[lat, lon]".
var geopointSeparators = regexp.MustCompile(`[\s,;\[\]]+`)

// geopoint parses an ODK or KoboToolbox geopoint ("lat lon altitude
// accuracy") or a "lat,lon" pair.
func geopoint(s, col string) (orb.Point, *Rejection) {
	if s == "" {
		return orb.Point{}, &Rejection{Code: CodeMissingField, Field: col, Reason: "no location"}
	}
	var nums []float64
	for _, f := range geopointSeparators.Split(s, -1) {
		if f == "" {
			continue
		}
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			nums = nil
			break
		}
		nums = append(nums, v)
	}
	if len(nums) < 2 || len(nums) > 4 {
		return orb.Point{}, &Rejection{Code: CodeBadCoordinates, Field: col,
			Reason: fmt.Sprintf("%q is not a geopoint (want \"latitude longitude\", perhaps with altitude and accuracy)", s)}
	}
	return orb.Point{nums[1], nums[0]}, nil
}

// ushahidiStatus maps APPROVED and VERIFIED: verified when the deployment
// both approved and verified the report; new when approved only (or when
// the columns are absent); an unapproved report (never public in
// Ushahidi) is skipped unless the mapping says "unapproved": "import", and
// then new.
func (l *csvLayout) ushahidiStatus(b *builder, rec []string) (data.Status, *Rejection) {
	approved, ok := yesNo(cell(rec, l.approved), true)
	if !ok {
		return "", &Rejection{Code: CodeInvalidField, Field: colApproved, Reason: fmt.Sprintf("%q: want YES or NO", cell(rec, l.approved))}
	}
	verified, ok := yesNo(cell(rec, l.verified), false)
	if !ok {
		return "", &Rejection{Code: CodeInvalidField, Field: colVerified, Reason: fmt.Sprintf("%q: want YES or NO", cell(rec, l.verified))}
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

// formStatus maps the review state of an Ushahidi v3+ post (published,
// draft or "in review", archived), a KoboToolbox validation status or an
// ODK Central review state. Approved submissions are verified; posts never
// published and submissions rejected on review are skipped unless the
// mapping says "unapproved": "import" (then new); anything else is new.
func (l *csvLayout) formStatus(b *builder, rec []string) (data.Status, *Rejection) {
	v := strings.ToLower(strings.TrimSpace(cell(rec, l.status)))
	v = strings.TrimPrefix(v, "validation_status_")
	switch v {
	case "approved":
		return data.StatusVerified, nil
	case "draft", "in review", "archived", "not_approved", "rejected":
		if b.mapping.unapproved == "import" {
			return data.StatusNew, nil
		}
		return "", &Rejection{Code: CodeNotApproved, Field: l.name(l.status),
			Reason: fmt.Sprintf("%s is %q (not published or not approved at the source); set \"unapproved\": \"import\" in the mapping file to import it as new", l.name(l.status), cell(rec, l.status))}
	}
	if s := data.Status(v); s.Valid() && l.lower[max(l.status, 0)] == "status" {
		return s, nil
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
