package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// alertDispatcher is what the alert routes need.
type alertDispatcher interface {
	Recipients(area orb.Geometry) ([]data.Subscriber, error)
	CreateAlert(ctx context.Context, message string, area orb.Geometry, areaJSON json.RawMessage, areaName string) (data.Alert, error)
	Alert(id uint64) (sms.AlertStatus, error)
}

var _ alertDispatcher = (*sms.Dispatcher)(nil)

type alertRequest struct {
	Message string `json:"message"`
	// Area is a GeoJSON Polygon or MultiPolygon; AreaID instead names an
	// area of the OSM extract, e.g. "relation-117161".
	Area     json.RawMessage `json:"area"`
	AreaID   string          `json:"area_id"`
	AreaName string          `json:"area_name"`
	// DryRun counts the recipients without sending.
	DryRun bool `json:"dry_run"`
}

// createAlert handles POST /api/v1/alerts (admin): a message to every
// subscriber inside a Polygon or MultiPolygon.
func (s *Server) createAlert(c *gin.Context) error {
	// >> Args
	if s.alerts == nil {
		return errSMSNotConfigured("outbound SMS")
	}
	body, err := readJSONBody(c)
	if err != nil {
		return err
	}
	var req alertRequest
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_json", Field: "body", Message: "body must be {\"message\":…,\"area\":<GeoJSON Polygon or MultiPolygon>}: " + err.Error()}
	}
	req.Message = strings.TrimSpace(req.Message)
	if req.Message == "" || !utf8.ValidString(req.Message) {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "message", Message: "message is required"}
	}
	if n := utf8.RuneCountInString(req.Message); n > sms.MaxAlertRunes {
		return &apiError{Status: http.StatusBadRequest, Code: "too_large", Field: "message", Message: "an alert is at most 459 characters (three SMS)"}
	}
	var area orb.Geometry
	switch {
	case req.AreaID != "" && !isJSONNull(req.Area):
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_field", Field: "area_id", Message: "give area or area_id, not both"}
	case req.AreaID != "":
		if area, req.Area, req.AreaName, err = s.extractArea(req.AreaID); err != nil {
			return err
		}
	default:
		if area, err = parseArea(req.Area); err != nil {
			return err
		}
	}

	// >> Operation and response
	if req.DryRun {
		subs, err := s.alerts.Recipients(area)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, gin.H{"recipients": len(subs)})
		return nil
	}
	a, err := s.alerts.CreateAlert(c.Request.Context(), req.Message, area, req.Area, req.AreaName)
	if err != nil {
		return err
	}
	st, err := s.alerts.Alert(a.ID)
	if err != nil {
		return err
	}
	c.Header("Location", s.baseURL(c)+"/api/v1/alerts/"+itoa(a.ID))
	c.JSON(http.StatusCreated, st)
	return nil
}

// parseArea reads a GeoJSON Polygon or MultiPolygon with closed rings of at
// least four positions inside the WGS84 range.
func parseArea(raw json.RawMessage) (orb.Geometry, error) {
	bad := func(msg string) error {
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_field", Field: "area", Message: msg}
	}
	if isJSONNull(raw) {
		return nil, &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "area", Message: "area (a GeoJSON Polygon or MultiPolygon) is required"}
	}
	g, err := geojson.UnmarshalGeometry(raw)
	if err != nil {
		return nil, bad("area must be a GeoJSON geometry: " + err.Error())
	}
	var polys orb.MultiPolygon
	switch geom := g.Geometry().(type) {
	case orb.Polygon:
		polys = orb.MultiPolygon{geom}
	case orb.MultiPolygon:
		polys = geom
	default:
		return nil, bad("area must be a Polygon or MultiPolygon")
	}
	for _, p := range polys {
		if len(p) == 0 {
			return nil, bad("polygon without rings")
		}
		for _, ring := range p {
			if len(ring) < 4 || !ring.Closed() {
				return nil, bad("every ring needs at least 4 positions and must end where it starts")
			}
			for _, pt := range ring {
				if pt[0] < -180 || pt[0] > 180 || pt[1] < -90 || pt[1] > 90 || pt[0] != pt[0] || pt[1] != pt[1] {
					return nil, bad("coordinates must be longitude, latitude in WGS84")
				}
			}
		}
	}
	return g.Geometry(), nil
}

// extractArea returns the polygon of an area of the OSM extract (for a
// place point outside every boundary, its area: mapping.Index.AreaGeometry),
// as a geometry and as GeoJSON, with its name.
func (s *Server) extractArea(areaID string) (orb.Geometry, json.RawMessage, string, error) {
	f, g, err := s.osmPolygon("area_id", areaID)
	if err != nil {
		return nil, nil, "", err
	}
	if !f.Kind.IsRegion() {
		return nil, nil, "", badParam("area_id", areaID+" is not an administrative area, neighbourhood or settlement")
	}
	raw, err := json.Marshal(geojson.NewGeometry(g))
	if err != nil {
		return nil, nil, "", err
	}
	return g, raw, f.Name(), nil
}

func isJSONNull(raw json.RawMessage) bool {
	t := strings.TrimSpace(string(raw))
	return t == "" || t == "null"
}

// getAlert handles GET /api/v1/alerts/{id} (admin): the alert and its
// per-message delivery log.
func (s *Server) getAlert(c *gin.Context) error {
	if s.alerts == nil {
		return errSMSNotConfigured("outbound SMS")
	}
	id, err := parseID(c.Param("id"))
	if err != nil {
		return err
	}
	st, err := s.alerts.Alert(id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, st)
	return nil
}

func itoa(id uint64) string { return strconv.FormatUint(id, 10) }
