package server

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

const (
	contentTypeGeoJSON = "application/geo+json"
	contentTypeJSON    = "application/json"
)

// readAtMost reads the request body, failing with *http.MaxBytesError
// when it is longer than limit: at once when the Content-Length header
// says so, without waiting for a body that may never come.
func readAtMost(c *gin.Context, limit int64) ([]byte, error) {
	if c.Request.ContentLength > limit {
		return nil, &http.MaxBytesError{Limit: limit}
	}
	return io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, limit))
}

// readJSONBody checks the content type and reads at most MaxBodyBytes.
func readJSONBody(c *gin.Context) ([]byte, error) {
	if ct := firstHeader(c.Request.Header, "Content-Type"); ct != contentTypeGeoJSON && ct != contentTypeJSON { // the usual ones need no parsing
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != contentTypeGeoJSON && mt != contentTypeJSON) {
			return nil, &apiError{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type", Field: "Content-Type",
				Message: "send the report as application/geo+json or application/json"}
		}
	}
	if n := c.Request.ContentLength; n > MaxBodyBytes {
		return nil, tooLarge()
	} else if n >= 0 {
		// The length is declared and net/http never reads past it: one
		// buffer of that size, no growing and no limiting reader.
		body := make([]byte, n)
		if _, err := io.ReadFull(c.Request.Body, body); err != nil {
			return nil, unreadableBody()
		}
		return body, nil
	}
	body, err := readAtMost(c, MaxBodyBytes)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, tooLarge()
	case err != nil:
		return nil, unreadableBody()
	}
	return body, nil
}

func tooLarge() *apiError {
	return &apiError{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Field: "body",
		Message: "request body is larger than " + strconv.Itoa(MaxBodyBytes) + " bytes"}
}

func unreadableBody() *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: "invalid_body", Field: "body", Message: "could not read the request body"}
}

// createReport handles POST /api/v1/reports: a GeoJSON Feature with a Point
// geometry. 201 means the report is durably on disk; a repeat of the same
// request with the same idempotency key answers 200 with the original, and
// the same key with another body 409 idempotency_key_reused. Keys are
// scoped to the caller (scopeIdempotencyKey): another client's key finds
// nothing of theirs.
func (s *Server) createReport(c *gin.Context) error {
	// >> Args
	body, err := readJSONBody(c)
	if err != nil {
		return err
	}
	r, err := data.ParseReportFeature(body)
	if err != nil {
		return err
	}
	sent := requestHash(&r) // before the server fills in its fields
	if err := s.completeWebReport(c, &r); err != nil {
		return err
	}
	r.SubmittedBy = who(c).user.ID // 0 for the public
	if r.IdempotencyKey != "" {
		r.IdempotencyKey, r.RequestHash = scopeIdempotencyKey(who(c), r.IdempotencyKey), sent
	}

	// >> Operation
	res, err := s.store.Create(c.Request.Context(), r)
	if errors.Is(err, data.ErrIdempotencyReused) {
		return &apiError{Status: http.StatusConflict, Code: "idempotency_key_reused", Field: "Idempotency-Key",
			Message: "this idempotency key was used with another request; use a new key for a new report"}
	}
	if err != nil {
		return err
	}

	// >> Response
	status := http.StatusCreated
	if res.Existed {
		status = http.StatusOK
	}
	h := c.Writer.Header()
	h["Location"] = []string{s.baseURL(c) + "/api/v1/reports/" + strconv.FormatUint(res.Report.ID, 10)}
	if s.photos != nil { // the reporter may add a photo (POST …/photo)
		h["X-Upload-Token"] = []string{s.uploadToken(res.Report.ID, s.now())}
	}
	h["Content-Type"] = headerGeoJSON
	c.Status(status)
	_, _ = c.Writer.Write(res.Feature) // a failed write is the client's loss: the report is stored
	return nil
}

// scopeIdempotencyKey returns the key under which a client's idempotency
// key is stored: scoped to the caller, an account (whichever of its tokens
// or sessions it uses), the bootstrap admin token, or for anonymous
// callers the anonymous scope, where the request hash kept with the key
// (requestHash) ties a repeat to the first request. So a key copied from
// another client (or from the README) never returns that client's report
// nor an upload token for it: with another report it is refused (409),
// with the very same report it is the same request.
func scopeIdempotencyKey(p *principal, key string) string {
	scope := "public"
	switch {
	case p.user.ID != 0:
		scope = "user:" + strconv.FormatUint(p.user.ID, 10)
	case p.via != viaNone:
		scope = "via:" + p.via
	}
	k := sha256.Sum256([]byte(scope + "\x00" + key))
	return "web:" + hex.EncodeToString(k[:16])
}

// requestHash is a digest of the report a client sent (every field it can
// set, except the idempotency key): two requests with the same report, in
// whatever JSON layout, have the same hash.
func requestHash(r *data.Report) []byte {
	var b []byte
	str := func(s string) {
		b = strconv.AppendQuote(b, s)
		b = append(b, 0)
	}
	num := func(f *float64) {
		if f != nil {
			b = strconv.AppendFloat(b, *f, 'g', -1, 64)
		}
		b = append(b, 0)
	}
	lon, lat := r.Location[0], r.Location[1]
	num(&lon)
	num(&lat)
	num(r.AccuracyM)
	str(r.Category)
	str(r.Description)
	str(string(r.LocationSource))
	str(string(r.Channel))
	str(string(r.Status))
	str(r.Reporter)
	b = r.ObservedAt.AppendFormat(b, time.RFC3339Nano)
	h := sha256.Sum256(b)
	return h[:16]
}

// completeWebReport fills server-assigned fields and validates the report.
func (s *Server) completeWebReport(c *gin.Context, r *data.Report) error {
	if key := c.GetHeader("Idempotency-Key"); key != "" {
		if r.IdempotencyKey != "" && r.IdempotencyKey != key {
			return &data.ValidationError{Code: data.CodeInvalid, Field: "Idempotency-Key",
				Message: "header and properties.idempotency_key differ"}
		}
		r.IdempotencyKey = key
	}
	switch r.Channel {
	case "":
		r.Channel = data.ChannelWeb
	case data.ChannelWeb:
	default:
		return &data.ValidationError{Code: data.CodeInvalid, Field: "properties.channel",
			Message: `reports posted here are web reports; channel must be "web" or absent`}
	}
	switch r.Status {
	case "":
		r.Status = data.StatusNew
	case data.StatusNew:
	default:
		return &data.ValidationError{Code: data.CodeInvalid, Field: "properties.status",
			Message: `a new report starts as "new"; moderators change its status later`}
	}
	if r.LocationSource == "" {
		r.LocationSource = data.SourceManual
		if r.AccuracyM != nil {
			r.LocationSource = data.SourceGPS
		}
	}
	now := s.now().UTC()
	r.ReceivedAt = now
	if r.ObservedAt.IsZero() {
		r.ObservedAt = now
	}
	return r.Validate(s.taxonomy, now)
}

// getReport handles GET /api/v1/reports/{id}: the public Feature, or for
// moderators the Feature with the private fields (moderatorFeature). The
// public gets 404 for a report it may not see.
func (s *Server) getReport(c *gin.Context) error {
	id, err := parseID(c.Param("id"))
	if err != nil {
		return err
	}
	if who(c).role.AtLeast(data.RoleModerator) {
		return s.moderatorFeature(c, id)
	}
	f, err := s.visibleFeature(c, id)
	if err != nil {
		return err
	}
	c.Data(http.StatusOK, contentTypeGeoJSON, f)
	return nil
}

func parseID(s string) (uint64, error) {
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil || id == 0 {
		return 0, badParam("id", "id must be a positive whole number")
	}
	return id, nil
}

// listCategories serves the taxonomy for clients' category pickers.
func (s *Server) listCategories(c *gin.Context) {
	c.JSON(http.StatusOK, s.taxonomy)
}
