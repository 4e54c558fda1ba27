package reportimport

import (
	"fmt"

	"github.com/mtaa-project/mtaa/data"
)

// Format is the kind of file being imported.
type Format string

// The formats Parse recognises.
const (
	FormatGeoJSON  Format = "geojson"
	FormatUshahidi Format = "ushahidi"
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
	Report   data.Report
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
