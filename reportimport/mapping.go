package reportimport

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"
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
//	  "date_order": "mdy",
//	  "fields": {"category": "incident_type", "description": "details",
//	             "title": "what", "observed_at": "date_seen", "id": "_uuid"}
//	}
//
// Every member is optional.
type MappingFile struct {
	// Source names the deployment or form the file comes from; it is part
	// of every idempotency key, so that two deployments whose rows are both
	// numbered from 1 do not collide. Letters, digits, '.', '_' and '-'.
	Source string `json:"source"`
	// Categories maps a source category label to an mtaa category id.
	// Labels are compared folded (case, accents and punctuation ignored).
	Categories map[string]string `json:"categories"`
	// Unmapped is "reject" (the default) or "other": what to do with a row
	// whose categories match neither the mapping nor the taxonomy.
	Unmapped string `json:"unmapped"`
	// Unapproved is "skip" (the default) or "import": Ushahidi rows with
	// APPROVED=NO were never public; "import" brings them in as new.
	Unapproved string `json:"unapproved"`
	// Timezone applies to times written without a zone: an IANA name
	// (Africa/Dar_es_Salaam) or an offset (+03:00). Default UTC.
	Timezone string `json:"timezone"`
	// DateOrder is "mdy" (default, as Ushahidi writes 01/14/2010) or "dmy"
	// for slashed dates.
	DateOrder string `json:"date_order"`
	// Fields names the GeoJSON properties to read; empty members fall back
	// to the defaults (see DefaultFields).
	Fields Fields `json:"fields"`
}

// Fields names the GeoJSON properties that hold each part of a report.
type Fields struct {
	Category    string `json:"category"`
	Description string `json:"description"`
	Title       string `json:"title"`
	ObservedAt  string `json:"observed_at"`
	ID          string `json:"id"`
	Status      string `json:"status"`
}

// DefaultFields are the GeoJSON property names tried, in order, when the
// mapping file names none. A name also matches case-insensitively and
// after a KoboToolbox group path ("group_x/category"). The feature's own
// "id" member is the last resort for the id.
var DefaultFields = struct {
	Category, Description, Title, ObservedAt, ID, Status []string
}{
	Category:    []string{"category", "categories", "type"},
	Description: []string{"description", "details", "comment"},
	Title:       []string{"title", "name"},
	ObservedAt:  []string{"observed_at", "observed", "date", "start", "_submission_time", "submissiondate", "today"},
	ID:          []string{"_uuid", "instanceid", "__id", "_id", "uuid", "id"},
	Status:      []string{"status"},
}

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
	dayFirst   bool
	fields     Fields
}

var sourcePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,40}$`)

// ParseMapping reads and checks a mapping file against the taxonomy: every
// mapped category must be one of its ids. Errors name the member at fault.
func ParseMapping(r io.Reader, tax *data.Taxonomy) (*Mapping, error) {
	if tax == nil {
		tax = data.DefaultTaxonomy()
	}
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f MappingFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("mapping file: %w", err)
	}
	m := &Mapping{source: f.Source, categories: map[string]string{}, unmapped: f.Unmapped, unapproved: f.Unapproved,
		loc: time.UTC, fields: f.Fields}
	if f.Source != "" && !sourcePattern.MatchString(f.Source) {
		return nil, fmt.Errorf("mapping file: source %q: use 1 to 40 letters, digits, '.', '_' or '-'", f.Source)
	}
	labels := make([]string, 0, len(f.Categories))
	for label := range f.Categories {
		labels = append(labels, label)
	}
	sort.Strings(labels)
	for _, label := range labels {
		id := f.Categories[label]
		if tax.Category(id) == nil {
			return nil, fmt.Errorf("mapping file: categories[%q]: %q is not a category id (want one of %s)",
				label, id, strings.Join(tax.IDs(), ", "))
		}
		key := text.Fold(label)
		if key == "" {
			return nil, fmt.Errorf("mapping file: categories[%q]: the label has no letters or digits", label)
		}
		if prev, dup := m.categories[key]; dup && prev != id {
			return nil, fmt.Errorf("mapping file: categories[%q]: the same label (folded) is mapped to %q and %q", label, prev, id)
		}
		m.categories[key] = id
		if n := strings.Count(label, ","); n > 0 {
			m.commas = append(m.commas, n)
		}
	}
	// "2a. Food Shortage" also matches "2b. Food Shortage" and "Food
	// Shortage": numbering changes between exports. Labels as written win.
	for _, label := range labels {
		bare := text.Fold(numbering.ReplaceAllString(label, ""))
		if _, taken := m.categories[bare]; bare != "" && !taken {
			m.categories[bare] = f.Categories[label]
		}
	}
	switch f.Unmapped {
	case "":
		m.unmapped = "reject"
	case "reject", "other":
	default:
		return nil, fmt.Errorf("mapping file: unmapped %q: want \"reject\" or \"other\"", f.Unmapped)
	}
	if f.Unmapped == "other" && tax.Category("other") == nil {
		return nil, fmt.Errorf("mapping file: unmapped \"other\": the taxonomy has no category \"other\"")
	}
	switch f.Unapproved {
	case "":
		m.unapproved = "skip"
	case "skip", "import":
	default:
		return nil, fmt.Errorf("mapping file: unapproved %q: want \"skip\" or \"import\"", f.Unapproved)
	}
	switch f.DateOrder {
	case "", "mdy":
	case "dmy":
		m.dayFirst = true
	default:
		return nil, fmt.Errorf("mapping file: date_order %q: want \"mdy\" or \"dmy\"", f.DateOrder)
	}
	if f.Timezone != "" {
		loc, err := parseTimezone(f.Timezone)
		if err != nil {
			return nil, fmt.Errorf("mapping file: timezone %q: %w", f.Timezone, err)
		}
		m.loc = loc
	}
	return m, nil
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
// name, categories from the taxonomy only, unmatched rows and unapproved
// Ushahidi rows rejected, UTC, month-first slashed dates.
func DefaultMapping() *Mapping {
	return &Mapping{categories: map[string]string{}, unmapped: "reject", unapproved: "skip", loc: time.UTC}
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
