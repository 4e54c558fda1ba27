package server

import (
	"encoding/xml"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/osm"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// osmChangeStatuses are the report statuses a moderator has confirmed.
var osmChangeStatuses = []data.Status{data.StatusVerified, data.StatusInProgress, data.StatusResolved}

// Tags of a drawn informal settlement in OSM: landuse=residential with
// the subtag residential=informal (docs/campaigns.md says why), which
// mtaa's own import reads back as an informal settlement.
var settlementOSMTags = osm.Tags{{Key: "landuse", Value: "residential"}, {Key: "residential", Value: "informal"}}

// osmChangesRequest is the selection of GET /api/v1/export/osm-changes.osm.
type osmChangesRequest struct {
	// area, when set, keeps what lies inside it (a report's point, a
	// settlement's representative point).
	area         orb.Geometry
	since, until time.Time
}

func (s *Server) parseOSMChanges(c *gin.Context) (osmChangesRequest, error) {
	var req osmChangesRequest
	q := c.Request.URL.Query()
	for name, vs := range q {
		if len(vs) != 1 {
			return req, badParam(name, name+" is given more than once")
		}
		v := vs[0]
		switch name {
		case "campaign":
			id, err := parsePositiveID(v, "campaign")
			if err != nil {
				return req, badParam("campaign", "campaign is a campaign id, a positive whole number")
			}
			if s.campaigns == nil {
				return req, badParam("campaign", "this server has no campaigns")
			}
			camp, err := s.campaigns.Campaign(id)
			if err != nil {
				return req, badParam("campaign", "no campaign "+v)
			}
			if req.area != nil {
				return req, badParam("campaign", "give campaign or area, not both")
			}
			req.area = camp.Area
		case "area":
			_, g, err := s.osmPolygon("area", v)
			if err != nil {
				return req, err
			}
			if req.area != nil {
				return req, badParam("area", "give campaign or area, not both")
			}
			req.area = g
		case "since", "until":
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return req, badParam(name, name+" is an RFC 3339 time, e.g. 2027-03-01T00:00:00Z")
			}
			if name == "since" {
				req.since = t
			} else {
				req.until = t
			}
		default:
			return req, badParam(name, "unknown parameter; the OSM change export takes campaign, area, since and until")
		}
	}
	if !req.since.IsZero() && !req.until.IsZero() && req.until.Before(req.since) {
		return req, badParam("until", "until is before since")
	}
	return req, nil
}

// inTime reports whether t lies within [since, until].
func (req *osmChangesRequest) inTime(t time.Time) bool {
	return (req.since.IsZero() || !t.Before(req.since)) && (req.until.IsZero() || !t.After(req.until))
}

// osmIDs hands out the negative ids of new OSM objects, one sequence per
// type, as JOSM expects of objects that do not exist yet.
type osmIDs struct{ node, way, relation int64 }

func (ids *osmIDs) nextNode() osm.NodeID         { ids.node--; return osm.NodeID(ids.node) }
func (ids *osmIDs) nextWay() osm.WayID           { ids.way--; return osm.WayID(ids.way) }
func (ids *osmIDs) nextRelation() osm.RelationID { ids.relation--; return osm.RelationID(ids.relation) }

// osmChanges handles GET /api/v1/export/osm-changes.osm (moderators): an
// OSM XML file for JOSM with what mtaa found missing from OSM, as new
// objects only (negative ids; nothing existing is modified or deleted):
// verified not_in_osm facility reports as nodes, tagged by the
// reconciliation rules (mapping.Rules.OSMTags) with the mapper's facility
// details, and verified drawn settlements as areas. Every object has
// source=survey and a note naming its mtaa record. ?campaign=, ?area=,
// ?since= and ?until= narrow it. mtaa uploads nothing: a person reviews
// the file in JOSM and uploads it, as OSM's import guidelines ask.
func (s *Server) osmChanges(c *gin.Context) error {
	req, err := s.parseOSMChanges(c)
	if err != nil {
		return err
	}
	now := s.now().UTC().Truncate(time.Second)
	doc := &osm.OSM{Version: "0.6", Generator: "mtaa " + s.cfg.Version}
	var ids osmIDs
	newNode := func(p orb.Point, tags osm.Tags) *osm.Node {
		round := func(v float64) float64 { return math.Round(v*1e7) / 1e7 }
		n := &osm.Node{ID: ids.nextNode(), Lat: round(p[1]), Lon: round(p[0]), Visible: true, Timestamp: now, Tags: tags}
		doc.Nodes = append(doc.Nodes, n)
		return n
	}

	// Facilities: verified reports flagged not_in_osm.
	q := data.Query{Statuses: osmChangeStatuses, NotInOSM: true, Start: req.since, End: req.until, Limit: math.MaxInt32}
	if req.area != nil {
		b := req.area.Bound()
		q.BBox = &b
	}
	reports, skipped := 0, 0
	for _, id := range s.store.Find(q).IDs {
		r, err := s.store.Get(id)
		if err != nil {
			continue // removed meanwhile
		}
		if req.area != nil && !data.AreaContains(req.area, r.Location) {
			continue
		}
		var f data.Facility
		if s.facilities != nil {
			if f, _, err = s.facilities.Facility(id); err != nil {
				return err
			}
		}
		tags, ok := s.rules.OSMTags(r.Category, f.Kind)
		if !ok {
			skipped++ // a category OSM has no point tagging for (a drain)
			continue
		}
		if f.Name != "" {
			tags = append(tags, osm.Tag{Key: "name", Value: f.Name})
		}
		if f.OperationalStatus != "" {
			tags = append(tags, osm.Tag{Key: "operational_status", Value: f.OperationalStatus})
		}
		tags = append(tags, osm.Tag{Key: "source", Value: "survey"}, osm.Tag{Key: "note", Value: "mtaa report " + strconv.FormatUint(r.ID, 10)})
		newNode(r.Location, tags)
		reports++
	}

	// Settlements: verified drawn boundaries.
	settlements := 0
	if lister, ok := s.settle.(settlementLister); ok {
		err := lister.EachSettlement(func(st data.Settlement) bool {
			if st.Status != data.SettlementVerified || !req.inTime(st.CreatedAt) {
				return true
			}
			if req.area != nil && !data.AreaContains(req.area, mapping.RepresentativePoint(st.Geometry)) {
				return true
			}
			tags := append(osm.Tags{}, settlementOSMTags...)
			if st.Name != "" {
				tags = append(tags, osm.Tag{Key: "name", Value: st.Name})
			}
			tags = append(tags, osm.Tag{Key: "source", Value: "survey"},
				osm.Tag{Key: "note", Value: "mtaa settlement " + strconv.FormatUint(st.ID, 10) + " (" + st.Source + ")"})
			addOSMArea(doc, &ids, newNode, st.Geometry, tags, now)
			settlements++
			return true
		})
		if err != nil {
			return err
		}
	}

	out, err := xml.MarshalIndent(doc, "", " ")
	if err != nil {
		return err
	}
	c.Header("Content-Disposition", `attachment; filename="mtaa-osm-changes.osm"`)
	c.Header("X-Mtaa-Facilities", strconv.Itoa(reports))
	c.Header("X-Mtaa-Settlements", strconv.Itoa(settlements))
	c.Header("X-Mtaa-Skipped", strconv.Itoa(skipped))
	c.Data(http.StatusOK, "application/xml; charset=utf-8", append([]byte(xml.Header), out...))
	return nil
}

// settlementLister lists drawn settlements; *data.Store is one.
type settlementLister interface {
	EachSettlement(fn func(data.Settlement) bool) error
}

var _ settlementLister = (*data.Store)(nil)

// addOSMArea adds g (a Polygon or MultiPolygon) to doc as new objects: a
// closed way carrying tags for a polygon without holes, otherwise a
// multipolygon relation with outer and inner ways.
func addOSMArea(doc *osm.OSM, ids *osmIDs, newNode func(orb.Point, osm.Tags) *osm.Node, g orb.Geometry, tags osm.Tags, now time.Time) {
	ring := func(r orb.Ring, t osm.Tags) *osm.Way {
		w := &osm.Way{ID: ids.nextWay(), Visible: true, Timestamp: now, Tags: t}
		var first osm.NodeID
		for i, p := range r[:len(r)-1] { // the closing position is the first node again
			n := newNode(p, nil)
			if i == 0 {
				first = n.ID
			}
			w.Nodes = append(w.Nodes, osm.WayNode{ID: n.ID})
		}
		w.Nodes = append(w.Nodes, osm.WayNode{ID: first})
		doc.Ways = append(doc.Ways, w)
		return w
	}
	var polys orb.MultiPolygon
	switch g := g.(type) {
	case orb.Polygon:
		polys = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		polys = g
	default:
		return
	}
	if len(polys) == 1 && len(polys[0]) == 1 {
		ring(polys[0][0], tags)
		return
	}
	rel := &osm.Relation{ID: ids.nextRelation(), Visible: true, Timestamp: now,
		Tags: append(osm.Tags{{Key: "type", Value: "multipolygon"}}, tags...)}
	for _, p := range polys {
		for i, r := range p {
			role := "outer"
			if i > 0 {
				role = "inner"
			}
			w := ring(r, nil)
			rel.Members = append(rel.Members, osm.Member{Type: osm.TypeWay, Ref: int64(w.ID), Role: role})
		}
	}
	doc.Relations = append(doc.Relations, rel)
}
