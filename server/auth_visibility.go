package server

import (
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
	if s.cfg.PublicUnverified {
		return append([]data.Status{data.StatusNew}, data.PublicStatuses...)
	}
	return data.PublicStatuses
}

// seesAllStatuses reports whether p reads reports of every status.
func seesAllStatuses(p *principal) bool {
	return p.role.AtLeast(data.RoleViewer) && p.role != data.RoleMapper
}

// findVisible answers q with the reports the caller may see: for the
// public (and mappers, in listings) the statuses requested are narrowed
// to the public ones.
func (s *Server) findVisible(c *gin.Context, q data.Query) data.Page {
	if seesAllStatuses(who(c)) {
		return s.store.Find(q)
	}
	allowed := s.publicStatuses()
	if len(q.Statuses) == 0 {
		q.Statuses = allowed
	} else {
		var keep []data.Status
		for _, st := range q.Statuses {
			if slices.Contains(allowed, st) {
				keep = append(keep, st)
			}
		}
		if len(keep) == 0 {
			return data.Page{}
		}
		q.Statuses = keep
	}
	return s.store.Find(q)
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

// visibleFeature returns the public Feature of report id if the caller may
// see it, and data.ErrNotFound otherwise (a hidden report is not
// revealed to exist).
func (s *Server) visibleFeature(c *gin.Context, id uint64) ([]byte, error) {
	r, err := s.store.Get(id)
	if err != nil {
		return nil, err
	}
	if !s.canSee(c, &r) {
		return nil, data.ErrNotFound
	}
	return s.store.Feature(id)
}
