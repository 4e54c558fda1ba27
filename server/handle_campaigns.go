package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// DefaultTaskLockTTL is how long a mapper's lock on a task square lasts
// unless Config.TaskLockTTL says otherwise: a morning's field survey.
const DefaultTaskLockTTL = 4 * time.Hour

// campaignStore is what the campaign and task routes need; *data.Store is
// one.
type campaignStore interface {
	CreateCampaign(ctx context.Context, c data.Campaign, squares []orb.Geometry, actor data.Actor) (data.Campaign, error)
	Campaign(id uint64) (data.Campaign, error)
	EachCampaign(fn func(data.Campaign) bool) error
	CampaignProgress(c data.Campaign, now time.Time) (data.Progress, error)
	Task(id uint64) (data.Task, error)
	EachTask(c data.Campaign, fn func(data.Task) bool) error
	LockedTask(user uint64, now time.Time) (data.Task, bool, error)
	ChangeTask(ctx context.Context, id uint64, ch data.TaskChange) (data.Task, error)
}

var _ campaignStore = (*data.Store)(nil)

// campaignInput is the Feature posted to /api/v1/campaigns.
type campaignInput struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
	BBox       json.RawMessage `json:"bbox"`
}

// campaignProperties are the properties a posted campaign may carry.
type campaignProperties struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	GridM       *float64 `json:"grid_m"`
	// Area is an area of the extract ("relation-117161") to use instead
	// of a drawn geometry.
	Area string `json:"area"`
}

func (s *Server) taskLockTTL() time.Duration {
	if s.cfg.TaskLockTTL > 0 {
		return s.cfg.TaskLockTTL
	}
	return DefaultTaskLockTTL
}

func (s *Server) taskGridLimits() mapping.TaskGridLimits {
	if s.cfg.TaskGrid == (mapping.TaskGridLimits{}) {
		return mapping.DefaultTaskGridLimits
	}
	return s.cfg.TaskGrid
}

// createCampaign handles POST /api/v1/campaigns (moderators): a GeoJSON
// Feature whose geometry (a Polygon or MultiPolygon) is the campaign's
// area, or whose properties.area names an area of the extract, with the
// properties name and grid_m (the side of a task square in metres). 201
// with the campaign and its progress.
func (s *Server) createCampaign(c *gin.Context) error {
	// >> Args
	body, err := readJSONBody(c)
	if err != nil {
		return err
	}
	var in campaignInput
	if err := decodeValue(body, &in, `body must be a GeoJSON Feature {"type":"Feature","geometry":<Polygon or MultiPolygon>,"properties":{"name":…,"grid_m":…}}`); err != nil {
		return err
	}
	switch {
	case in.Type != "Feature":
		return &data.ValidationError{Code: data.CodeInvalid, Field: "type", Message: `type must be "Feature"`}
	case in.ID != nil:
		return &data.ValidationError{Code: data.CodeInvalid, Field: "id", Message: "the server assigns the id; leave it out"}
	case len(in.Properties) == 0 || string(in.Properties) == "null":
		return &data.ValidationError{Code: data.CodeMissing, Field: "properties", Message: `properties must be an object with name and grid_m, e.g. {"name":"Tandale","grid_m":200}`}
	}
	var props campaignProperties
	if err := decodeValue(in.Properties, &props, "properties has name, description, grid_m and area"); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) && ve.Field == "body" {
			ve.Field = "properties"
		}
		return err
	}
	if props.GridM == nil {
		return &data.ValidationError{Code: data.CodeMissing, Field: "properties.grid_m", Message: "grid_m is required: the side of a task square in metres, e.g. 200"}
	}
	camp := data.Campaign{Name: props.Name, Description: props.Description, GridM: int(math.Round(*props.GridM)), CreatedAt: s.now().UTC()}
	hasGeometry := len(bytes.TrimSpace(in.Geometry)) > 0 && string(bytes.TrimSpace(in.Geometry)) != "null"
	switch {
	case props.Area != "" && hasGeometry:
		return &data.ValidationError{Code: data.CodeInvalid, Field: "properties.area", Message: "give either a geometry or properties.area (an area of the extract), not both"}
	case props.Area != "":
		_, g, err := s.osmPolygon("properties.area", props.Area)
		if err != nil {
			return err
		}
		camp.Area, camp.AreaID = g, props.Area
	default:
		// The campaign's own bounds are the grid's (TaskSquares): the area
		// has no limits of its own beyond a valid shape.
		if camp.Area, err = mapping.ParsePolygon(in.Geometry, mapping.PolygonLimits{}); err != nil {
			return err
		}
	}
	if err := camp.Validate(); err != nil {
		return err
	}
	squares, err := mapping.TaskSquares(camp.Area, *props.GridM, s.taskGridLimits())
	if err != nil {
		return err
	}

	// >> Operation
	camp, err = s.campaigns.CreateCampaign(c.Request.Context(), camp, squares, who(c).actor())
	if err != nil {
		return err
	}

	// >> Response
	f, err := s.campaignFeature(c, camp)
	if err != nil {
		return err
	}
	c.Header("Location", s.baseURL(c)+"/api/v1/campaigns/"+strconv.FormatUint(camp.ID, 10))
	return writeGeoJSON(c, http.StatusCreated, f)
}

// campaignFeature is the public Feature of a campaign: its area, name,
// grid, the number of squares and the progress (counts by state, share
// mapped and validated), and links to its squares.
func (s *Server) campaignFeature(c *gin.Context, camp data.Campaign) (*geojson.Feature, error) {
	p, err := s.campaigns.CampaignProgress(camp, s.now())
	if err != nil {
		return nil, err
	}
	g, _ := rfc7946Geometry(camp.Area)
	f := geojson.NewFeature(g)
	f.ID = camp.ID
	f.Properties["name"] = camp.Name
	if camp.Description != "" {
		f.Properties["description"] = camp.Description
	}
	if camp.AreaID != "" {
		f.Properties["area"] = camp.AreaID
	}
	f.Properties["grid_m"] = camp.GridM
	f.Properties["created_at"] = data.FormatTime(camp.CreatedAt)
	f.Properties["tasks"] = p.Tasks
	f.Properties["progress"] = p
	facilities, err := s.campaignFacilities(camp)
	if err != nil {
		return nil, err
	}
	f.Properties["facilities"] = facilities
	id := strconv.FormatUint(camp.ID, 10)
	f.Properties["links"] = []link{
		{Href: s.baseURL(c) + "/api/v1/campaigns/" + id, Rel: "self", Type: contentTypeGeoJSON},
		{Href: s.baseURL(c) + "/ogc/collections/tasks/items?campaign=" + id, Rel: "items", Type: contentTypeGeoJSON, Title: "Task squares"},
	}
	return f, nil
}

// campaignFacilities counts the confirmed reports of facilities (the
// categories the OSM change export writes) inside the campaign's area:
// not_in_osm, those OSM still lacks (the export's content), and
// in_osm_now, those a mapper gave facility details for as missing that
// the last extract import found in OSM.
func (s *Server) campaignFacilities(camp data.Campaign) (map[string]int, error) {
	out := map[string]int{"not_in_osm": 0, "in_osm_now": 0}
	cats := s.osmCategories()
	if len(cats) == 0 {
		return out, nil
	}
	b := camp.Area.Bound()
	for _, id := range s.store.Find(data.Query{BBox: &b, Categories: cats, Statuses: osmChangeStatuses, Limit: math.MaxInt32}).IDs {
		r, err := s.store.Get(id)
		if err != nil || !data.AreaContains(camp.Area, r.Location) {
			continue // removed meanwhile, or outside the area
		}
		switch {
		case r.NotInOSM:
			out["not_in_osm"]++
		case s.facilities != nil:
			if _, found, err := s.facilities.Facility(id); err != nil {
				return nil, err
			} else if found {
				out["in_osm_now"]++
			}
		}
	}
	return out, nil
}

// getCampaign handles GET /api/v1/campaigns/{id}: the campaign and its
// progress.
func (s *Server) getCampaign(c *gin.Context) error {
	id, err := parsePositiveID(c.Param("id"), "campaign")
	if err != nil {
		return err
	}
	camp, err := s.campaigns.Campaign(id)
	if err != nil {
		return err
	}
	f, err := s.campaignFeature(c, camp)
	if err != nil {
		return err
	}
	return writeGeoJSON(c, http.StatusOK, f)
}

// listCampaigns handles GET /api/v1/campaigns: every campaign with its
// progress, as a FeatureCollection.
func (s *Server) listCampaigns(c *gin.Context) error {
	var camps []data.Campaign
	if err := s.campaigns.EachCampaign(func(camp data.Campaign) bool { camps = append(camps, camp); return true }); err != nil {
		return err
	}
	fc := geojson.NewFeatureCollection()
	for _, camp := range camps {
		f, err := s.campaignFeature(c, camp)
		if err != nil {
			return err
		}
		fc.Append(f)
	}
	return writeGeoJSON(c, http.StatusOK, fc)
}

func parsePositiveID(v, what string) (uint64, error) {
	id, err := strconv.ParseUint(v, 10, 64)
	if err != nil || id == 0 {
		return 0, badParam("id", what+" id must be a positive whole number")
	}
	return id, nil
}

// taskFeature is a task as its mappers see it: the public Feature plus
// the validator's comment and whether the caller holds its lock.
func (s *Server) taskFeature(t *data.Task, p *principal) *geojson.Feature {
	now := s.now()
	f := t.Feature(now)
	if t.Comment != "" {
		f.Properties["comment"] = t.Comment
	}
	f.Properties["locked_by_me"] = p.user.ID != 0 && t.LockedByAt(p.user.ID, now)
	f.Properties["mapped_by_me"] = p.user.ID != 0 && t.MappedBy == p.user.ID
	if g, changed := rfc7946Geometry(f.Geometry); changed {
		f.Geometry = g
	}
	return f
}

// getTask handles GET /api/v1/tasks/{id} (mappers).
func (s *Server) getTask(c *gin.Context) error {
	id, err := parsePositiveID(c.Param("id"), "task")
	if err != nil {
		return err
	}
	t, err := s.campaigns.Task(id)
	if err != nil {
		return err
	}
	return writeGeoJSON(c, http.StatusOK, s.taskFeature(&t, who(c)))
}

// myTask handles GET /api/v1/tasks/mine (mappers): the square the caller
// holds a lock on, with its campaign's name; 404 when none.
func (s *Server) myTask(c *gin.Context) error {
	p := who(c)
	if p.user.ID == 0 {
		return &apiError{Status: http.StatusNotFound, Code: "not_found", Message: "task squares are taken by accounts; this credential has none"}
	}
	t, found, err := s.campaigns.LockedTask(p.user.ID, s.now())
	if err != nil {
		return err
	}
	if !found {
		return &apiError{Status: http.StatusNotFound, Code: "not_found", Message: "you hold no task square"}
	}
	f := s.taskFeature(&t, p)
	if camp, err := s.campaigns.Campaign(t.CampaignID); err == nil {
		f.Properties["campaign_name"] = camp.Name
	}
	return writeGeoJSON(c, http.StatusOK, f)
}

// taskAction returns the handler of POST /api/v1/tasks/{id}/{action}
// (mappers): lock, unlock, mapped, validate or invalidate, with an
// optional JSON body {"comment": "…"} (required to invalidate). A
// refused action is 409 with a code saying why (locked, holds_other,
// not_yours, wrong_state, own_task, no_account).
func (s *Server) taskAction(action data.TaskAction) func(c *gin.Context) error {
	return func(c *gin.Context) error {
		// >> Args
		id, err := parsePositiveID(c.Param("id"), "task")
		if err != nil {
			return err
		}
		var in struct {
			Comment string `json:"comment"`
		}
		if c.Request.ContentLength != 0 {
			body, err := readJSONBody(c)
			if err != nil {
				return err
			}
			if len(bytes.TrimSpace(body)) > 0 {
				if err := decodeValue(body, &in, `body must be {"comment":"…"} or empty`); err != nil {
					return err
				}
			}
		}
		p := who(c)

		// >> Operation
		t, err := s.campaigns.ChangeTask(c.Request.Context(), id, data.TaskChange{Action: action, Actor: p.actor(),
			Moderator: p.role.AtLeast(data.RoleModerator), At: s.now(), LockFor: s.taskLockTTL(), Comment: strings.TrimSpace(in.Comment)})
		if err != nil {
			return err
		}

		// >> Response
		return writeGeoJSON(c, http.StatusOK, s.taskFeature(&t, p))
	}
}
