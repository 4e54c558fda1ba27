package server

import (
	"math"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// Who sees which reports:
//   - the public: verified reports and every later status (in progress,
//     resolved, reopened), and new ones too with Config.PublicUnverified
//     (their status "new" marks them unverified); public fields only;
//   - mappers: the same, and every report they submitted themselves;
//   - viewers: every report, public fields only;
//   - moderators and admins: every report, with the reporter, the raw SMS
//     text, the reporter's number where it can be recovered, the internal
//     notes (GET /api/v1/reports/{id}).

// publicStatuses are the statuses the public may see.
func (s *Server) publicStatuses() []data.Status {
	return data.PublicStatusesWith(s.cfg.PublicUnverified)
}

// audienceOf is whose eyes the caller reads reports with (data/privacy.go):
// moderators and admins read exact positions and descriptions as sent,
// everyone else (viewers and mappers included) what the public reads.
func audienceOf(c *gin.Context) data.Audience {
	if who(c).role.AtLeast(data.RoleModerator) {
		return data.AudienceStaff
	}
	return data.AudiencePublic
}

// seesAllStatuses reports whether p reads reports of every status.
func seesAllStatuses(p *principal) bool {
	return p.role.AtLeast(data.RoleViewer) && p.role != data.RoleMapper
}

// findVisible answers q with the reports the caller may see: for the
// public the statuses requested are narrowed to the public ones; a mapper
// also sees every report it submitted.
func (s *Server) findVisible(c *gin.Context, q data.Query) (data.Page, error) {
	p := who(c)
	// A box matches what the caller sees of a sensitive report: its
	// generalised point, unless the caller reads exact positions.
	q.PublicPositions = audienceOf(c) == data.AudiencePublic
	if seesAllStatuses(p) {
		return s.store.Find(q), nil
	}
	public, ok := s.publicQuery(q)
	var own []uint64
	if p.role == data.RoleMapper && p.user.ID != 0 && s.accounts != nil {
		var err error
		if own, err = s.accounts.SubmittedBy(p.user.ID); err != nil {
			return data.Page{}, err
		}
	}
	switch {
	case len(own) == 0 && !ok:
		return data.Page{}, nil
	case len(own) == 0:
		return s.store.Find(public), nil
	}
	// The union of the public matches and the mapper's own matches, paged
	// here: both id lists come sorted from the index.
	all := q
	all.Offset, all.Limit = 0, math.MaxInt
	var ids []uint64
	if ok {
		public.Offset, public.Limit = 0, math.MaxInt
		ids = s.store.Find(public).IDs
	}
	for _, id := range s.store.Find(all).IDs {
		if _, found := slices.BinarySearch(own, id); found {
			if i, dup := slices.BinarySearch(ids, id); !dup {
				ids = slices.Insert(ids, i, id)
			}
		}
	}
	page := data.Page{Matched: len(ids)}
	if q.Offset < len(ids) {
		end := len(ids)
		if q.Limit < end-q.Offset {
			end = q.Offset + q.Limit
		}
		page.IDs = ids[q.Offset:end]
	}
	return page, nil
}

// publicQuery narrows q to the public statuses; ok is false when nothing
// the query asks for is public.
func (s *Server) publicQuery(q data.Query) (data.Query, bool) {
	allowed := s.publicStatuses()
	if len(q.Statuses) == 0 {
		q.Statuses = allowed
		return q, true
	}
	var keep []data.Status
	for _, st := range q.Statuses {
		if slices.Contains(allowed, st) {
			keep = append(keep, st)
		}
	}
	q.Statuses = keep
	return q, len(keep) > 0
}

// canSee reports whether the caller may read report r at all.
func (s *Server) canSee(c *gin.Context, r *data.Report) bool {
	p := who(c)
	switch {
	case seesAllStatuses(p):
		return true
	case p.role == data.RoleMapper && p.user.ID != 0 && r.SubmittedBy == p.user.ID:
		return true
	}
	return slices.Contains(s.publicStatuses(), r.Status)
}

// visibleFeature returns the Feature of report id as the caller reads it
// (audienceOf) if the caller may see it, and data.ErrNotFound otherwise (a
// hidden report is not revealed to exist).
func (s *Server) visibleFeature(c *gin.Context, id uint64) ([]byte, error) {
	r, err := s.store.Get(id)
	if err != nil {
		return nil, err
	}
	if !s.canSee(c, &r) {
		return nil, data.ErrNotFound
	}
	return s.store.FeatureFor(id, audienceOf(c))
}
