package reportimport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
	// The mapping's time zone names must work on any machine the one
	// static binary runs on, with or without a zoneinfo database.
	_ "time/tzdata"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// MappingFile is the JSON file that tells an import how to read a source:
//
//	{
//	  "source": "haiti-2010",
//	  "categories": {"2a. Penurie d'aliments | Food Shortage": "food", "Vital Lines": "other"},
//	  "unmapped": "reject",
//	  "unapproved": "skip",
//	  "timezone": "America/Port-au-Prince",
//	  "date_order": "dmy",
//	  "geometry": "point_on_surface",
//	  "defaults": {"observed_at": "2010-01-12", "category": "flood"},
//	  "fields": {"category": "incident_type", "description": "details",
//	             "title": "what", "observed_at": "date_seen", "id": "_uuid"}
//	}
//
// Every member is optional, and every value but the labels and names is
// read case-insensitively ("DMY", "Food").
type MappingFile struct {
	// Source names the deployment or form the file comes from; it is part
	// of every idempotency key, so that two deployments whose rows are both
	// numbered from 1 do not collide. Letters, digits, '.', '_' and '-'.
	Source string `json:"source,omitempty"`
	// Categories maps a source category label to an mtaa category id.
	// Labels are compared folded (case, accents and punctuation ignored).
	// An empty id leaves the label to mtaa's own matching (a skeleton
	// written by --write-mapping has one for every label it could not
	// place).
	Categories map[string]string `json:"categories"`
	// Unmapped is "reject" (the default) or "other": what to do with a row
	// whose categories match neither the mapping nor the taxonomy.
	Unmapped string `json:"unmapped,omitempty"`
	// Unapproved is "skip" (the default) or "import": Ushahidi rows with
	// APPROVED=NO (or v3+ posts in draft or archived) were never public;
	// "import" brings them in as new.
	Unapproved string `json:"unapproved,omitempty"`
	// Timezone applies to times written without a zone: an IANA name
	// (Africa/Dar_es_Salaam) or an offset (+03:00). Default UTC.
	Timezone string `json:"timezone,omitempty"`
	// DateOrder is "dmy" or "mdy" for dates written with slashes (or dots
	// or dashes) and the year last; empty (or "auto") means the order is
	// detected from the whole file, which is refused when its dates
	// disagree or none tells.
	DateOrder string `json:"date_order,omitempty"`
	// Geometry says how a LineString or Polygon feature becomes a report's
	// point: "point_on_surface" (a point on the line or inside the
	// polygon) or "centroid"; empty (or "point") imports Point features
	// only.
	Geometry string `json:"geometry,omitempty"`
	// Defaults fill a row's empty fields.
	Defaults Defaults `json:"defaults,omitzero"`
	// Fields names the properties or columns to read; empty members fall
	// back to the defaults (see DefaultFields).
	Fields Fields `json:"fields,omitzero"`
}

// Defaults are the values a row without its own takes.
type Defaults struct {
	// ObservedAt is the observed time of rows without one, in any format
	// a row's own time may have.
	ObservedAt string `json:"observed_at,omitempty"`
	// Category is the category id of rows without a category.
	Category string `json:"category,omitempty"`
}

// Fields names the GeoJSON properties or CSV columns that hold each part
// of a report.
type Fields struct {
	Category    string `json:"category,omitempty"`
	Description string `json:"description,omitempty"`
	Title       string `json:"title,omitempty"`
	ObservedAt  string `json:"observed_at,omitempty"`
	ID          string `json:"id,omitempty"`
	Status      string `json:"status,omitempty"`
	// Latitude and Longitude name two CSV columns; Location names one
	// column holding "lat lon" or "lat,lon" (an ODK or KoboToolbox
	// geopoint: "lat lon altitude accuracy").
	Latitude  string `json:"latitude,omitempty"`
	Longitude string `json:"longitude,omitempty"`
	Location  string `json:"location,omitempty"`
}

// DefaultFields are the GeoJSON property (or CSV column) names tried, in
// order, when the mapping file names none. A name also matches
// case-insensitively and after a KoboToolbox group path
// ("group_x/category") or an ODK Central one ("group_x-category"). The
// feature's own "id" member is the last resort for the id. "type" is not
// a category: published street layers use it for the road type.
var DefaultFields = struct {
	Category, Description, Title, ObservedAt, ID, Status []string
}{
	Category:    []string{"category", "categories", "incident_type", "hazard_type", "issue_type"},
	Description: []string{"description", "details", "comment", "comments", "notes"},
	Title:       []string{"title", "name"},
	ObservedAt:  []string{"observed_at", "observed", "date", "post date (utc)", "created (utc)", "start", "_submission_time", "submissiondate", "today", "timestamp"},
	ID:          []string{"_uuid", "instanceid", "meta-instanceid", "key", "__id", "_id", "uuid", "post id", "id"},
	Status:      []string{"status"},
}

// Geometry modes of the mapping file.
const (
	GeometryPoint          = "point"
	GeometryPointOnSurface = "point_on_surface"
	GeometryCentroid       = "centroid"
)

// Mapping is a checked MappingFile, ready for Parse.
type Mapping struct {
	source     string
	categories map[string]string // folded label -> category id
	// commas lists how many commas each mapped label holds, for labels
	// with any.
	commas     []int
	unmapped   string
	unapproved string
	loc        *time.Location
	timezone   string // as the file gave it; "" for the UTC default
	dateOrder  string // "dmy", "mdy" or "" (detect)
	geometry   string
	defaults   Defaults
	fields     Fields
}

var sourcePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,40}$`)

// ParseMapping reads and checks a mapping file against the taxonomy: every
// mapped category must be one of its ids. Errors name the member at fault,
// and JSON syntax errors their line and column.
func ParseMapping(r io.Reader, tax *data.Taxonomy) (*Mapping, error) {
	if tax == nil {
		tax = data.DefaultTaxonomy()
	}
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("mapping file: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	var f MappingFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("mapping file: %w", jsonError(src, err))
	}
	if dec.More() {
		off := int(dec.InputOffset())
		for off < len(src) && (src[off] == ' ' || src[off] == '\t' || src[off] == '\r' || src[off] == '\n') {
			off++
		}
		line, col := lineColumn(src, off)
		return nil, fmt.Errorf("mapping file: line %d, column %d: unexpected data after the JSON object", line, col)
	}
	lower := func(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
	m := &Mapping{source: f.Source, categories: map[string]string{}, unmapped: lower(f.Unmapped), unapproved: lower(f.Unapproved),
		loc: time.UTC, fields: f.Fields, defaults: f.Defaults}
	if f.Source != "" && !sourcePattern.MatchString(f.Source) {
		return nil, fmt.Errorf("mapping file: source %q: use 1 to 40 letters, digits, '.', '_' or '-'", f.Source)
	}
	labels := make([]string, 0, len(f.Categories))
	for label := range f.Categories {
		labels = append(labels, label)
	}
	sort.Strings(labels)
	mapped := map[string]string{}
	for _, label := range labels {
		id := lower(f.Categories[label])
		if id == "" {
			continue // left to mtaa's own matching
		}
		if tax.Category(id) == nil {
			return nil, fmt.Errorf("mapping file: categories[%q]: %q is not a category id (want one of %s)",
				label, f.Categories[label], strings.Join(tax.IDs(), ", "))
		}
		key := text.Fold(label)
		if key == "" {
			return nil, fmt.Errorf("mapping file: categories[%q]: the label has no letters or digits", label)
		}
		if prev, dup := m.categories[key]; dup && prev != id {
			return nil, fmt.Errorf("mapping file: categories[%q]: the same label (folded) is mapped to %q and %q", label, prev, id)
		}
		m.categories[key] = id
		mapped[label] = id
		if n := strings.Count(label, ","); n > 0 {
			m.commas = append(m.commas, n)
		}
	}
	// "2a. Food Shortage" also matches "2b. Food Shortage" and "Food
	// Shortage": numbering changes between exports. Labels as written win.
	for _, label := range labels {
		bare := text.Fold(numbering.ReplaceAllString(label, ""))
		if _, taken := m.categories[bare]; bare != "" && !taken && mapped[label] != "" {
			m.categories[bare] = mapped[label]
		}
	}
	switch m.unmapped {
	case "":
		m.unmapped = "reject"
	case "reject", "other":
	default:
		return nil, fmt.Errorf("mapping file: unmapped %q: want \"reject\" or \"other\"", f.Unmapped)
	}
	if m.unmapped == "other" && tax.Category("other") == nil {
		return nil, fmt.Errorf("mapping file: unmapped \"other\": the taxonomy has no category \"other\"")
	}
	switch m.unapproved {
	case "":
		m.unapproved = "skip"
	case "skip", "import":
	default:
		return nil, fmt.Errorf("mapping file: unapproved %q: want \"skip\" or \"import\"", f.Unapproved)
	}
	switch order := lower(f.DateOrder); order {
	case "", "auto":
	case "dmy", "mdy":
		m.dateOrder = order
	default:
		return nil, fmt.Errorf("mapping file: date_order %q: want \"dmy\", \"mdy\" or \"auto\"", f.DateOrder)
	}
	switch g := lower(f.Geometry); g {
	case "", GeometryPoint:
		m.geometry = GeometryPoint
	case GeometryPointOnSurface, GeometryCentroid:
		m.geometry = g
	default:
		return nil, fmt.Errorf("mapping file: geometry %q: want \"point\", \"point_on_surface\" or \"centroid\"", f.Geometry)
	}
	if f.Timezone != "" {
		loc, err := parseTimezone(strings.TrimSpace(f.Timezone))
		if err != nil {
			return nil, fmt.Errorf("mapping file: timezone %q: %w", f.Timezone, err)
		}
		m.loc, m.timezone = loc, strings.TrimSpace(f.Timezone)
	}
	if c := lower(f.Defaults.Category); c != "" {
		if tax.Category(c) == nil {
			return nil, fmt.Errorf("mapping file: defaults.category %q is not a category id (want one of %s)",
				f.Defaults.Category, strings.Join(tax.IDs(), ", "))
		}
		m.defaults.Category = c
	}
	if d := strings.TrimSpace(f.Defaults.ObservedAt); d != "" {
		if _, err := parseTime(d, m.loc, m.dateOrder); err != nil {
			return nil, fmt.Errorf("mapping file: defaults.observed_at: %w", err)
		}
		m.defaults.ObservedAt = d
	}
	return m, nil
}

// jsonError adds the line and column to a JSON syntax or type error.
func jsonError(src []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// Offset is just after the byte at fault.
		line, col := lineColumn(src, int(se.Offset)-1)
		return fmt.Errorf("line %d, column %d: %w", line, col, err)
	case errors.As(err, &te):
		line, col := lineColumn(src, int(te.Offset)-1)
		return fmt.Errorf("line %d, column %d: %s: want a %s, not a JSON %s", line, col, te.Field, te.Type, te.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		line, col := lineColumn(src, len(src))
		return fmt.Errorf("line %d, column %d: the JSON ends too early", line, col)
	}
	return err
}

// lineColumn turns a byte offset into a 1-based line and column (in
// characters).
func lineColumn(src []byte, off int) (int, int) {
	off = min(max(off, 0), len(src))
	before := src[:off]
	line := 1 + bytes.Count(before, []byte{'\n'})
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[start:])
}

// LoadMapping reads a mapping file from disk; an empty path gives the
// defaults.
func LoadMapping(path string, tax *data.Taxonomy) (*Mapping, error) {
	if path == "" {
		return DefaultMapping(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load mapping: %w", err)
	}
	defer f.Close()
	m, err := ParseMapping(f, tax)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return m, nil
}

// DefaultMapping is the mapping used without a mapping file: no source
// name, categories from the taxonomy and the known label families only,
// unmatched rows and unapproved Ushahidi rows rejected, UTC, the date
// order detected from the file, Point features only.
func DefaultMapping() *Mapping {
	return &Mapping{categories: map[string]string{}, unmapped: "reject", unapproved: "skip", loc: time.UTC, geometry: GeometryPoint}
}

var offsetPattern = regexp.MustCompile(`^([+-])(\d{2}):?(\d{2})$`)

// parseTimezone reads an IANA zone name or a fixed offset such as +03:00.
func parseTimezone(s string) (*time.Location, error) {
	if m := offsetPattern.FindStringSubmatch(s); m != nil {
		var h, min int
		fmt.Sscanf(m[2]+" "+m[3], "%d %d", &h, &min)
		if h > 14 || min > 59 {
			return nil, fmt.Errorf("offset out of range")
		}
		secs := h*3600 + min*60
		if m[1] == "-" {
			secs = -secs
		}
		return time.FixedZone(s, secs), nil
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return nil, fmt.Errorf("want an IANA time zone such as Africa/Nairobi or an offset such as +03:00: %w", err)
	}
	return loc, nil
}
