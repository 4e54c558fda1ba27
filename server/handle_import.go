package server

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/reportimport"
)

// MaxImportBytes is the largest file (with its mapping) the import upload
// accepts: 32 MiB, some 100,000 Ushahidi rows. Larger files go through
// mtaa import-reports with the server stopped.
const MaxImportBytes = 32 << 20

// maxRejectionsShown caps the rejected rows listed in an import answer;
// rejected_count has them all.
const maxRejectionsShown = 1000

// importResponse is the answer of POST /api/v1/admin/import-reports.
type importResponse struct {
	Format   reportimport.Format `json:"format"`
	DryRun   bool                `json:"dry_run"`
	Rows     int                 `json:"rows"`
	Imported int                 `json:"imported"`
	Existing int                 `json:"existing"`
	// Differ counts the reports stored by an earlier import that differ
	// from the file; Updated those corrected (?update=true).
	Differ  int `json:"differ"`
	Updated int `json:"updated"`
	// DateOrder and Timezone say how the file's times were read.
	DateOrder string `json:"date_order,omitempty"`
	Timezone  string `json:"timezone"`
	// RejectedByCode tallies the rejections by reason; Unmapped lists the
	// category labels nothing matched, with their row counts.
	RejectedByCode []reportimport.CodeCount  `json:"rejected_by_code"`
	Unmapped       []reportimport.LabelCount `json:"unmapped_labels"`
	// RejectedCount counts every rejected row; Rejected lists the first
	// maxRejectionsShown of them.
	RejectedCount     int                      `json:"rejected_count"`
	Rejected          []reportimport.Rejection `json:"rejected"`
	RejectedTruncated bool                     `json:"rejected_truncated,omitempty"`
}

// importUpload is the file and optional mapping of an import request.
type importUpload struct {
	file, mapping []byte
	hasMapping    bool
}

// importReports handles POST /api/v1/admin/import-reports: a GeoJSON
// FeatureCollection or an Ushahidi CSV export, as the body (Content-Type
// application/geo+json, application/json or text/csv) or as the "file"
// part of a multipart/form-data body with an optional "mapping" part (the
// mapping file). ?dry_run=true stores nothing. Reports are reconciled by
// the store as they are written; rows outside the extract's bounds are
// rejected (without an extract, rows far from the bulk of the file, unless
// ?keep_outliers=true). ?update=true corrects the reports an earlier
// import stored where they differ from the file, each correction audited
// under the admin's name.
func (s *Server) importReports(c *gin.Context) error {
	// >> Args
	var dryRun, update, keepOutliers bool
	for name, values := range c.Request.URL.Query() {
		var dst *bool
		switch name {
		case "dry_run":
			dst = &dryRun
		case "update":
			dst = &update
		case "keep_outliers":
			dst = &keepOutliers
		default:
			return &apiError{Status: http.StatusBadRequest, Code: "unknown_parameter", Field: name, Message: "unknown query parameter"}
		}
		v, err := strconv.ParseBool(values[len(values)-1])
		if err != nil {
			return badParam(name, name+" must be true or false")
		}
		*dst = v
	}
	store, ok := s.store.(reportimport.Store)
	if !ok {
		return &apiError{Status: http.StatusNotImplemented, Code: "not_implemented", Message: "this store cannot import reports"}
	}
	up, err := readImportUpload(c)
	if err != nil {
		return err
	}
	mapping := reportimport.DefaultMapping()
	if up.hasMapping {
		if mapping, err = reportimport.ParseMapping(bytes.NewReader(up.mapping), s.taxonomy); err != nil {
			return &apiError{Status: http.StatusBadRequest, Code: "invalid_mapping", Field: "mapping", Message: err.Error()}
		}
	}
	var area orb.Bound
	if s.extract != nil {
		if ix := s.extract(); ix != nil {
			meta := ix.Meta()
			area = meta.BoundOrb()
		}
	}
	parsed, err := reportimport.Parse(up.file, reportimport.Options{Taxonomy: s.taxonomy, Mapping: mapping, Area: area, Now: s.now(),
		KeepOutliers: keepOutliers})
	var fe *reportimport.FileError
	if errors.As(err, &fe) {
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_file", Field: "file", Message: fe.Error()}
	}
	if err != nil {
		return err
	}

	// >> Operation
	sum, err := reportimport.Import(c.Request.Context(), store, parsed, reportimport.ImportOptions{DryRun: dryRun, Update: update,
		Actor: who(c).actor(), At: s.now()})
	if err != nil {
		return err
	}

	// >> Response
	resp := importResponse{Format: sum.Format, DryRun: sum.DryRun, Rows: sum.Rows, Imported: sum.Imported,
		Existing: sum.Existing, Differ: sum.Differ, Updated: sum.Updated, DateOrder: parsed.DateOrder, Timezone: parsed.Timezone,
		RejectedByCode: reportimport.Tally(sum.Rejected), Unmapped: parsed.Unmapped(),
		RejectedCount: len(sum.Rejected), Rejected: sum.Rejected}
	if resp.Unmapped == nil {
		resp.Unmapped = []reportimport.LabelCount{}
	}
	if len(resp.Rejected) > maxRejectionsShown {
		resp.Rejected, resp.RejectedTruncated = resp.Rejected[:maxRejectionsShown], true
	}
	c.JSON(http.StatusOK, resp)
	return nil
}

// readImportUpload reads the request body (at most MaxImportBytes): the
// file itself, or a multipart form with parts "file" and "mapping".
func readImportUpload(c *gin.Context) (importUpload, error) {
	var up importUpload
	mt, params, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	body := http.MaxBytesReader(c.Writer, c.Request.Body, MaxImportBytes)
	switch {
	case c.Request.ContentLength > MaxImportBytes:
		err = &http.MaxBytesError{Limit: MaxImportBytes}
	case err != nil:
		err = errUnsupportedImport
	case mt == "multipart/form-data":
		err = readImportForm(multipart.NewReader(body, params["boundary"]), &up)
		if err == nil && up.file == nil {
			return up, &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "file",
				Message: "the form has no \"file\" part (the GeoJSON or Ushahidi CSV file)"}
		}
	case mt == contentTypeGeoJSON, mt == contentTypeJSON, mt == "text/csv":
		up.file, err = io.ReadAll(body)
	default:
		err = errUnsupportedImport
	}
	var tooBig *http.MaxBytesError
	var ae *apiError
	switch {
	case errors.Is(err, errUnsupportedImport):
		return up, &apiError{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type", Field: "Content-Type",
			Message: "send the file as application/geo+json, application/json or text/csv, or as the \"file\" part of multipart/form-data"}
	case errors.As(err, &tooBig):
		return up, &apiError{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Field: "body",
			Message: "request body is larger than " + strconv.Itoa(MaxImportBytes) + " bytes; import larger files with mtaa import-reports"}
	case errors.As(err, &ae):
		return up, ae
	case err != nil:
		return up, &apiError{Status: http.StatusBadRequest, Code: "invalid_body", Field: "body", Message: "could not read the request body: " + err.Error()}
	}
	return up, nil
}

var errUnsupportedImport = errors.New("unsupported content type")

// readImportForm reads the "file" and "mapping" parts of a multipart form.
func readImportForm(mr *multipart.Reader, up *importUpload) error {
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return err
			}
			return &apiError{Status: http.StatusBadRequest, Code: "invalid_body", Field: "body", Message: "malformed multipart form: " + err.Error()}
		}
		name := part.FormName()
		b, err := io.ReadAll(part)
		if err != nil {
			return err
		}
		switch {
		case name == "file" && up.file == nil:
			up.file = b
		case name == "mapping" && !up.hasMapping:
			up.mapping, up.hasMapping = b, true
		case name == "file" || name == "mapping":
			return &apiError{Status: http.StatusBadRequest, Code: "invalid_body", Field: name, Message: "the form has two \"" + name + "\" parts"}
		default:
			return &apiError{Status: http.StatusBadRequest, Code: "unknown_field", Field: name,
				Message: "unknown form part; send \"file\" and optionally \"mapping\""}
		}
	}
}
