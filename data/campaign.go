package data

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Buckets of mapping campaigns, created on first use.
var (
	bucketCampaigns = []byte("campaigns") // idKey -> JSON campaignRecord
)

// Limits on campaign fields.
const (
	MaxCampaignNameRunes        = 200
	MaxCampaignDescriptionRunes = 2000
	MaxAreaIDLen                = 40
)

// ActionCampaignCreate is the creation of a campaign and its task squares.
const ActionCampaignCreate = "campaign.create"

// Campaign is a mapping campaign: an area split into task squares that
// mappers take one at a time. Its tasks are the ids FirstTask to
// FirstTask+Tasks-1, created with it in one transaction.
//
// CreatedBy is staff information: stored, never public.
type Campaign struct {
	ID          uint64
	Name        string
	Description string
	// Area is the campaign's Polygon or MultiPolygon (validated by the
	// caller: mapping.ParsePolygon, or an area of the extract).
	Area orb.Geometry
	// AreaID is the OSM area ("relation-117161") the campaign was made
	// from, "" for a drawn area.
	AreaID string
	// GridM is the side of a task square in metres.
	GridM     int
	FirstTask uint64
	Tasks     int
	CreatedAt time.Time
	CreatedBy uint64
}

// campaignRecord is a campaign as stored: JSON with the area as GeoJSON.
type campaignRecord struct {
	ID          uint64            `json:"id"`
	Name        string            `json:"name"`
	Description string            `json:"description,omitempty"`
	Area        *geojson.Geometry `json:"area"`
	AreaID      string            `json:"area_id,omitempty"`
	GridM       int               `json:"grid_m"`
	FirstTask   uint64            `json:"first_task"`
	Tasks       int               `json:"tasks"`
	CreatedAt   time.Time         `json:"created_at"`
	CreatedBy   uint64            `json:"created_by,omitempty"`
}

// Validate checks the campaign's own fields (not its area's shape, which
// mapping.ParsePolygon checks, nor the grid, which mapping.TaskSquares
// checks).
func (c *Campaign) Validate() error {
	c.Name = strings.TrimSpace(c.Name)
	c.Description = strings.TrimSpace(c.Description)
	switch {
	case c.Name == "":
		return &ValidationError{Code: CodeMissing, Field: "properties.name", Message: `the campaign's name is required, e.g. "Tandale ward, March 2027"`}
	case !utf8.ValidString(c.Name) || utf8.RuneCountInString(c.Name) > MaxCampaignNameRunes:
		return &ValidationError{Code: CodeTooLarge, Field: "properties.name", Message: fmt.Sprintf("name is at most %d characters of UTF-8 text", MaxCampaignNameRunes)}
	case !utf8.ValidString(c.Description) || utf8.RuneCountInString(c.Description) > MaxCampaignDescriptionRunes:
		return &ValidationError{Code: CodeTooLarge, Field: "properties.description", Message: fmt.Sprintf("description is at most %d characters of UTF-8 text", MaxCampaignDescriptionRunes)}
	case len(c.AreaID) > MaxAreaIDLen:
		return &ValidationError{Code: CodeTooLarge, Field: "properties.area", Message: fmt.Sprintf("area is an OSM area id of at most %d bytes", MaxAreaIDLen)}
	case c.GridM <= 0:
		return invalid("properties.grid_m", "grid_m must be a positive number of metres")
	}
	switch c.Area.(type) {
	case orb.Polygon, orb.MultiPolygon:
		return nil
	}
	return invalid("geometry.type", "a campaign's area is a Polygon or MultiPolygon")
}

// CreateCampaign validates and durably stores a campaign with its task
// squares (each a Polygon or MultiPolygon inside the area, in the order
// given: their numbers are 1, 2, …), assigning the ids, and appends one
// audit entry naming actor. There must be at least one square.
func (s *Store) CreateCampaign(ctx context.Context, c Campaign, squares []orb.Geometry, actor Actor) (Campaign, error) {
	if err := ctx.Err(); err != nil {
		return Campaign{}, err
	}
	if err := c.Validate(); err != nil {
		return Campaign{}, err
	}
	if len(squares) == 0 {
		return Campaign{}, invalid("geometry", "the area holds no task square")
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = time.Now()
	}
	c.CreatedAt = c.CreatedAt.UTC()
	c.CreatedBy = actor.UserID
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		cb, err := tx.CreateBucketIfNotExists(bucketCampaigns)
		if err != nil {
			return err
		}
		tb, err := tx.CreateBucketIfNotExists(bucketTasks)
		if err != nil {
			return err
		}
		if c.ID, err = cb.NextSequence(); err != nil {
			return err
		}
		c.Tasks = len(squares)
		for i, g := range squares {
			id, err := tb.NextSequence()
			if err != nil {
				return err
			}
			if i == 0 {
				c.FirstTask = id
			}
			t := Task{ID: id, CampaignID: c.ID, Number: i + 1, Geometry: g, State: TaskReady, UpdatedAt: c.CreatedAt}
			if err := putTask(tb, &t); err != nil {
				return err
			}
		}
		v, err := json.Marshal(c.record())
		if err != nil {
			return fmt.Errorf("encode campaign: %w", err)
		}
		if err := cb.Put(idKey(c.ID), v); err != nil {
			return err
		}
		return appendAudit(tx, AuditEntry{At: c.CreatedAt, Actor: actor, Action: ActionCampaignCreate, CampaignID: c.ID,
			After: mustJSON(map[string]any{"name": c.Name, "grid_m": c.GridM, "area_id": c.AreaID, "tasks": c.Tasks})})
	}})
	if err != nil {
		return Campaign{}, fmt.Errorf("create campaign: %w", err)
	}
	return c, nil
}

func (c *Campaign) record() campaignRecord {
	return campaignRecord{ID: c.ID, Name: c.Name, Description: c.Description, Area: geojson.NewGeometry(c.Area),
		AreaID: c.AreaID, GridM: c.GridM, FirstTask: c.FirstTask, Tasks: c.Tasks, CreatedAt: c.CreatedAt, CreatedBy: c.CreatedBy}
}

func decodeCampaign(k, v []byte) (Campaign, error) {
	var r campaignRecord
	if err := json.Unmarshal(v, &r); err != nil {
		return Campaign{}, fmt.Errorf("%w: campaign %x: %w", ErrCorrupt, k, err)
	}
	c := Campaign{ID: r.ID, Name: r.Name, Description: r.Description, AreaID: r.AreaID, GridM: r.GridM,
		FirstTask: r.FirstTask, Tasks: r.Tasks, CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy}
	if r.Area != nil {
		c.Area = r.Area.Geometry()
	}
	return c, nil
}

// Campaign returns the campaign with the given id.
func (s *Store) Campaign(id uint64) (Campaign, error) {
	c, err := getDecoded(s.db, bucketCampaigns, id, decodeCampaign)
	if err != nil {
		return Campaign{}, fmt.Errorf("get campaign %d: %w", id, err)
	}
	return c, nil
}

// EachCampaign calls fn with every campaign in id order until fn returns
// false.
func (s *Store) EachCampaign(fn func(Campaign) bool) error {
	if err := eachDecoded(s.db, bucketCampaigns, decodeCampaign, fn); err != nil {
		return fmt.Errorf("list campaigns: %w", err)
	}
	return nil
}

// Progress counts a campaign's task squares by state at a moment (a lock
// that has run out counts as the state before it).
type Progress struct {
	Tasks  int               `json:"tasks"`
	States map[TaskState]int `json:"states"`
	// Mapped is the share of squares mapped or validated; Validated the
	// share validated (0 to 1).
	Mapped    float64 `json:"mapped"`
	Validated float64 `json:"validated"`
}

// CampaignProgress counts the campaign's squares by their state at now.
func (s *Store) CampaignProgress(c Campaign, now time.Time) (Progress, error) {
	p := Progress{States: map[TaskState]int{}}
	for _, st := range TaskStates {
		p.States[st] = 0
	}
	err := s.EachTask(c, func(t Task) bool {
		p.Tasks++
		p.States[t.StateAt(now)]++
		return true
	})
	if err != nil {
		return Progress{}, err
	}
	if p.Tasks > 0 {
		p.Mapped = float64(p.States[TaskMapped]+p.States[TaskValidated]) / float64(p.Tasks)
		p.Validated = float64(p.States[TaskValidated]) / float64(p.Tasks)
	}
	return p, nil
}
