package reportimport

import (
	"fmt"
	"sort"

	"github.com/mtaa-project/mtaa/data"
)

// Format is the kind of file being imported.
type Format string

// The formats Parse recognises. The name is part of every idempotency
// key, so it never changes.
const (
	FormatGeoJSON Format = "geojson"
	// FormatUshahidi is the CSV export of Ushahidi 2.x (classic).
	FormatUshahidi Format = "ushahidi"
	// FormatUshahidiV5 is the CSV export of the Ushahidi platform, v3 to
	// v5 ("Post ID", "Post date (UTC)", "Location.lat").
	FormatUshahidiV5 Format = "ushahidi-v5"
	// FormatKobo is a KoboToolbox CSV export (_uuid, _submission_time).
	FormatKobo Format = "kobo-csv"
	// FormatODK is an ODK Central CSV export (SubmissionDate,
	// meta-instanceID).
	FormatODK Format = "odk-csv"
	// FormatCSV is any other CSV whose header names its coordinates.
	FormatCSV Format = "csv"
)

// Rejection codes, stable in the upload endpoint's answers.
const (
	CodeBadCoordinates  = "bad_coordinates"
	CodeOutsideArea     = "outside_area"
	CodeUnknownCategory = "unknown_category"
	CodeBadDate         = "bad_date"
	CodeMissingField    = "missing_field"
	CodeDuplicateID     = "duplicate_id"
	CodeNotApproved     = "not_approved"
	CodeInvalidField    = "invalid_field"
	// CodeOutlier is a row far from the bulk of the file, or with
	// coordinates probably swapped or missing a sign, when there is no
	// deployment area to check it against (Options.KeepOutliers keeps it).
	CodeOutlier = "outlier"
)

// Rejection is a row that will not be imported, and why.
type Rejection struct {
	// Line is the 1-based line of the file where the row (CSV record or
	// GeoJSON feature) starts.
	Line int `json:"line"`
	// Feature is the 0-based index in the GeoJSON features array; nil for
	// CSV rows.
	Feature *int `json:"feature,omitempty"`
	// SourceID is the row's id in the source system, when it has one.
	SourceID string `json:"source_id,omitempty"`
	// Code is one of the Code* constants.
	Code string `json:"code"`
	// Field names the column (CSV) or member (GeoJSON) at fault.
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
	// Source is the row as read: the CSV record, or the feature's JSON as
	// its only element. It is for the importer's own rejected-rows file
	// and never leaves the process.
	Source []string `json:"-"`
}

// Where says where in the file the row is, e.g. "line 7" or
// "feature 3 (line 40)".
func (r Rejection) Where() string {
	if r.Feature != nil {
		return fmt.Sprintf("feature %d (line %d)", *r.Feature, r.Line)
	}
	return fmt.Sprintf("line %d", r.Line)
}

// Row is a row accepted for import: the report to store and where it came
// from.
type Row struct {
	Line int
	// Feature is the GeoJSON feature index, -1 for CSV rows.
	Feature  int
	SourceID string
	// Report carries every need the row's labels matched in Needs, most
	// severe first (Category, the first, alone when it is the only one),
	// and the labels as the source wrote them in SourceCategories.
	Report data.Report

	coordField string
	source     []string
}

// Where says where in the file the row is, as Rejection.Where.
func (r Row) Where() string {
	if r.Feature >= 0 {
		return fmt.Sprintf("feature %d (line %d)", r.Feature, r.Line)
	}
	return fmt.Sprintf("line %d", r.Line)
}

// Parsed is a whole file read and checked.
type Parsed struct {
	Format Format
	// Read is the number of rows (CSV records after the header, or GeoJSON
	// features) in the file.
	Read     int
	Rows     []Row
	Rejected []Rejection
	// DateOrder says how dates written with the year last were read, and
	// why ("" when the file has none); Timezone which zone times without
	// one are in, and why.
	DateOrder, Timezone string
	// Placed counts the line and polygon features placed at one point
	// (the mapping's "geometry").
	Placed int
	// Labels are the distinct category labels of the file with the
	// number of rows carrying each and what each resolved to, most rows
	// first.
	Labels []LabelCount
	// Header is the CSV header (nil for GeoJSON), for the rejected-rows
	// file.
	Header []string

	dateOrder string // "dmy", "mdy" or "" (none needed)
}

// LabelCount is one category label of a file.
type LabelCount struct {
	Label string `json:"label"`
	Rows  int    `json:"rows"`
	// Category is what the label resolved to, "" when nothing.
	Category string `json:"category"`
	// How is "mapping", "taxonomy" (an id or label), "family" (a known
	// family of Ushahidi labels) or "keyword"; "" when unresolved.
	How string `json:"how,omitempty"`
}

// Unmapped are the labels that resolved to nothing, most rows first.
func (p *Parsed) Unmapped() []LabelCount {
	var out []LabelCount
	for _, l := range p.Labels {
		if l.Category == "" {
			out = append(out, l)
		}
	}
	return out
}

// Tally counts the rejections by code, most frequent first.
func Tally(rejected []Rejection) []CodeCount {
	counts := map[string]int{}
	for _, r := range rejected {
		counts[r.Code]++
	}
	out := make([]CodeCount, 0, len(counts))
	for c, n := range counts {
		out = append(out, CodeCount{Code: c, Rows: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Rows != out[j].Rows {
			return out[i].Rows > out[j].Rows
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// CodeCount is how many rows were rejected for one reason.
type CodeCount struct {
	Code string `json:"code"`
	Rows int    `json:"rows"`
}

// FileError is a problem with the file as a whole (not a row): an unknown
// format, malformed JSON or CSV, a missing column. Nothing is imported
// from a file with a FileError.
type FileError struct {
	// Line is where the problem was found, 0 when it is not about a line.
	Line int
	// Element names the part of the file, e.g. "header" or "features[3]".
	Element string
	Message string
}

func (e *FileError) Error() string {
	switch {
	case e.Line > 0 && e.Element != "":
		return fmt.Sprintf("line %d (%s): %s", e.Line, e.Element, e.Message)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Message)
	case e.Element != "":
		return fmt.Sprintf("%s: %s", e.Element, e.Message)
	}
	return e.Message
}
