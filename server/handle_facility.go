package server

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// facilityStore keeps what mappers tell about facilities OSM lacks;
// *data.Store is one.
type facilityStore interface {
	SetFacility(ctx context.Context, reportID uint64, f data.Facility, actor data.Actor, at time.Time) (data.Facility, error)
	Facility(reportID uint64) (data.Facility, bool, error)
}

var _ facilityStore = (*data.Store)(nil)

// facilityReport reads the report of a facility route and checks that the
// caller may see and change its facility details: the mapper who posted
// it, or a moderator.
func (s *Server) facilityReport(c *gin.Context) (data.Report, error) {
	id, err := parsePositiveID(c.Param("id"), "report")
	if err != nil {
		return data.Report{}, err
	}
	r, err := s.store.Get(id)
	if err != nil {
		return data.Report{}, err
	}
	p := who(c)
	if !p.role.AtLeast(data.RoleModerator) && (p.user.ID == 0 || r.SubmittedBy != p.user.ID) {
		// The same answer as for a report that does not exist: a mapper
		// learns nothing of others' reports.
		return data.Report{}, data.ErrNotFound
	}
	return r, nil
}

// facilityBody is the facility details as JSON, with whether OSM lacks the
// facility and the kinds the report's category allows.
func (s *Server) facilityBody(r *data.Report, f data.Facility) gin.H {
	return gin.H{"report": r.ID, "category": r.Category, "not_in_osm": r.NotInOSM, "name": f.Name, "kind": f.Kind,
		"operational_status": f.OperationalStatus, "kinds": s.rules.OSMKinds(r.Category)}
}

// putFacility handles PUT /api/v1/reports/{id}/facility (the mapper who
// posted the report, or a moderator): {"name": …, "kind": …,
// "operational_status": …}, the attributes OSM needs for a missing
// facility, used by the OSM change export. kind is one of the category's
// OSM kinds (listed by GET); the category must be one the export writes.
func (s *Server) putFacility(c *gin.Context) error {
	// >> Args
	r, err := s.facilityReport(c)
	if err != nil {
		return err
	}
	var f data.Facility
	if err := decodeStrict(c, &f, `{"name":…,"kind":…,"operational_status":…}`); err != nil {
		return err
	}
	kinds := s.rules.OSMKinds(r.Category)
	if kinds == nil {
		return &data.ValidationError{Code: data.CodeInvalid, Field: "category",
			Message: "reports of category " + r.Category + " are not written to OSM; facility details are for " + strings.Join(s.osmCategories(), ", ")}
	}
	if err := f.Validate(); err != nil {
		return err
	}
	if f.Kind != "" && !slices.Contains(kinds, f.Kind) {
		return &data.ValidationError{Code: data.CodeInvalid, Field: "kind", Message: "kind must be one of " + strings.Join(kinds, ", ")}
	}

	// >> Operation
	f, err = s.facilities.SetFacility(c.Request.Context(), r.ID, f, who(c).actor(), s.now())
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, s.facilityBody(&r, f))
	return nil
}

// getFacility handles GET /api/v1/reports/{id}/facility: the details (empty
// strings when none) and the kinds the category allows.
func (s *Server) getFacility(c *gin.Context) error {
	r, err := s.facilityReport(c)
	if err != nil {
		return err
	}
	f, _, err := s.facilities.Facility(r.ID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, s.facilityBody(&r, f))
	return nil
}

// osmCategories lists the categories of the taxonomy that the OSM change
// export writes.
func (s *Server) osmCategories() []string {
	var out []string
	for _, cat := range s.taxonomy.Categories {
		if s.rules.OSMKinds(cat.ID) != nil {
			out = append(out, cat.ID)
		}
	}
	return out
}
