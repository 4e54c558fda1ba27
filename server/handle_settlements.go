package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// settlementStore is what the settlement routes need; *data.Store is one.
type settlementStore interface {
	CreateSettlement(ctx context.Context, st data.Settlement) (data.CreateSettlementResult, error)
	Settlement(id uint64) (data.Settlement, error)
	SetSettlementStatus(ctx context.Context, id uint64, status data.SettlementStatus, now time.Time) (data.Settlement, error)
}

var _ settlementStore = (*data.Store)(nil)

// settlementInput is the Feature posted to /api/v1/settlements.
type settlementInput struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"` // the server assigns ids: refused
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
	BBox       json.RawMessage `json:"bbox"` // allowed by RFC 7946, ignored
}

// settlementProperties are the properties a posted settlement may carry:
// name and source (required), and submitter, which identifies the mapper
// privately (stored, never public).
var settlementProperties = []string{"name", "source", "submitter"}

// createSettlement handles POST /api/v1/settlements: a GeoJSON Feature
// with a Polygon or MultiPolygon geometry and the properties name and
// source. 201 means the boundary is durably stored with status "new"; a
// repeat with the same Idempotency-Key answers 200 with the original.
func (s *Server) createSettlement(c *gin.Context) error {
	// >> Args
	body, err := readJSONBody(c)
	if err != nil {
		return err
	}
	st, err := s.parseSettlement(body)
	if err != nil {
		return err
	}
	st.CreatedAt = s.now().UTC()
	if err := st.Validate(); err != nil {
		return err
	}
	if key := c.GetHeader("Idempotency-Key"); key != "" {
		if len(key) > data.MaxIdempotencyKeyLen {
			return &data.ValidationError{Code: data.CodeTooLarge, Field: "Idempotency-Key",
				Message: "the idempotency key is at most " + strconv.Itoa(data.MaxIdempotencyKeyLen) + " bytes"}
		}
		// Scoped to the caller and to the very body: another client's key
		// (or another drawing under the same key) finds nothing of theirs.
		sum := sha256.Sum256(body)
		st.IdempotencyKey = scopeIdempotencyKey(who(c), key+"\x00"+hex.EncodeToString(sum[:16]))
	}

	// >> Operation
	res, err := s.settle.CreateSettlement(c.Request.Context(), st)
	if err != nil {
		return err
	}

	// >> Response
	status := http.StatusCreated
	if res.Existed {
		status = http.StatusOK
	}
	c.Header("Location", s.baseURL(c)+"/api/v1/settlements/"+strconv.FormatUint(res.Settlement.ID, 10))
	return writeGeoJSON(c, status, res.Settlement.Feature())
}

// parseSettlement reads and validates the posted Feature.
func (s *Server) parseSettlement(body []byte) (data.Settlement, error) {
	var in settlementInput
	if err := decodeValue(body, &in, `body must be a GeoJSON Feature {"type":"Feature","geometry":<Polygon or MultiPolygon>,"properties":{"name":…,"source":…}}`); err != nil {
		return data.Settlement{}, err
	}
	switch {
	case in.Type != "Feature":
		return data.Settlement{}, &data.ValidationError{Code: data.CodeInvalid, Field: "type", Message: `type must be "Feature"`}
	case in.ID != nil:
		return data.Settlement{}, &data.ValidationError{Code: data.CodeInvalid, Field: "id", Message: "the server assigns the id; leave it out"}
	}
	geom, err := mapping.ParsePolygon(in.Geometry, s.polygonLimits())
	if err != nil {
		return data.Settlement{}, err
	}
	var props map[string]json.RawMessage
	if err := json.Unmarshal(in.Properties, &props); err != nil || props == nil {
		return data.Settlement{}, &data.ValidationError{Code: data.CodeMissing, Field: "properties",
			Message: `properties must be an object with name and source, e.g. {"name":"Tandale","source":"mapper survey 2026"}`}
	}
	st := data.Settlement{Geometry: geom, Status: data.SettlementNew}
	for key, raw := range props {
		var dst *string
		switch key {
		case "name":
			dst = &st.Name
		case "source":
			dst = &st.Source
		case "submitter":
			dst = &st.Submitter
		default:
			return data.Settlement{}, &data.ValidationError{Code: data.CodeUnknown, Field: "properties." + key,
				Message: "unknown property; a settlement has " + strings.Join(settlementProperties, ", ")}
		}
		if err := json.Unmarshal(raw, dst); err != nil {
			return data.Settlement{}, &data.ValidationError{Code: data.CodeInvalid, Field: "properties." + key, Message: key + " must be a string"}
		}
	}
	return st, nil
}

func (s *Server) polygonLimits() mapping.PolygonLimits {
	if s.cfg.SettlementLimits == (mapping.PolygonLimits{}) {
		return mapping.DefaultPolygonLimits
	}
	return s.cfg.SettlementLimits
}

// getSettlement handles GET /api/v1/settlements/{id}: the public Feature
// of a verified settlement (and of a new one when Config.PublicUnverified
// shows unverified reports too); viewers and staff read every status. A
// settlement the caller may not see is 404, as if it did not exist.
func (s *Server) getSettlement(c *gin.Context) error {
	id, err := parseSettlementID(c.Param("id"))
	if err != nil {
		return err
	}
	st, err := s.settle.Settlement(id)
	if err != nil {
		return err
	}
	visible := st.Status == data.SettlementVerified || st.Status == data.SettlementNew && s.cfg.PublicUnverified || seesAllStatuses(who(c))
	if !visible {
		return data.ErrNotFound
	}
	return writeGeoJSON(c, http.StatusOK, st.Feature())
}

// patchSettlement handles PATCH /api/v1/settlements/{id} (admin):
// {"status":"verified"} moderates a drawn settlement.
func (s *Server) patchSettlement(c *gin.Context) error {
	// >> Args
	id, err := parseSettlementID(c.Param("id"))
	if err != nil {
		return err
	}
	body, err := readJSONBody(c)
	if err != nil {
		return err
	}
	var in struct {
		Status *string `json:"status"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return &data.ValidationError{Code: data.CodeInvalid, Field: "body", Message: `body must be {"status":"new"|"verified"|"rejected"}: ` + err.Error()}
	}
	if in.Status == nil {
		return &data.ValidationError{Code: data.CodeMissing, Field: "status", Message: `status is required: "new", "verified" or "rejected"`}
	}
	status := data.SettlementStatus(*in.Status)
	if !status.Valid() {
		return &data.ValidationError{Code: data.CodeInvalid, Field: "status", Message: `status must be "new", "verified" or "rejected"`}
	}

	// >> Operation and response
	st, err := s.settle.SetSettlementStatus(c.Request.Context(), id, status, s.now())
	if err != nil {
		return err
	}
	return writeGeoJSON(c, http.StatusOK, st.Feature())
}

func parseSettlementID(v string) (uint64, error) {
	id, err := strconv.ParseUint(v, 10, 64)
	if err != nil || id == 0 {
		return 0, badParam("id", "settlement id must be a positive whole number")
	}
	return id, nil
}

// writeGeoJSON answers with v encoded as application/geo+json.
func writeGeoJSON(c *gin.Context, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	c.Data(status, contentTypeGeoJSON, b)
	return nil
}
