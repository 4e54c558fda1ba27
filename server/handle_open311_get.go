package server

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// The specification's default window for GET requests: the most recent 90
// days, at most 1000 requests.
const (
	open311Window      = 90 * 24 * time.Hour
	open311MaxPageSize = 1000
	open311MaxIDs      = 1000
	open311MaxPage     = 1_000_000
)

// open311Query is a parsed GET requests query.
type open311Query struct {
	ids        []uint64 // service_request_id: when set, it overrides the rest
	codes      []string
	statuses   []string // open, closed
	start, end time.Time
	page, size int
}

// open311ListRequests serves GET /open311/v2/requests.{json,xml}: the
// visible service requests matching the specification's filters, newest
// (highest id) first. Without dates the window is the most recent 90 days;
// start_date alone means the 90 days from it, end_date alone the 90 days
// up to it, and a range may not span more than 90 days. page (from 1) and
// page_size (at most and by default 1000) walk a longer list; a Link
// header names the next page. service_request_id, a comma list, overrides
// every other filter.
func (s *Server) open311ListRequests(c *gin.Context, f open311Format) error {
	// >> Args
	q, err := s.parseOpen311Query(c)
	if err != nil {
		return err
	}
	lang := s.open311Lang(c)
	visible := s.open311VisibleStatuses(c)

	// >> Operation
	var reports []data.Report
	more := false
	if q.ids != nil {
		for _, id := range q.ids {
			r, err := s.store.Get(id)
			if errors.Is(err, data.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			if slices.Contains(visible, r.Status) {
				reports = append(reports, r)
			}
		}
	} else {
		ids, total, err := s.open311Page(q, visible)
		if err != nil {
			return err
		}
		more = q.page*q.size < total
		for _, id := range ids {
			r, err := s.store.Get(id)
			if errors.Is(err, data.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			reports = append(reports, r)
		}
	}

	// >> Response
	list := make([]open311Request, len(reports))
	for i := range reports {
		list[i] = s.open311RequestOf(&reports[i], lang)
	}
	links := []string{`<https://www.openstreetmap.org/copyright>; rel="license"`}
	if more {
		next := c.Request.URL.Query()
		next.Set("page", strconv.Itoa(q.page+1))
		links = append(links, "<"+s.baseURL(c)+c.Request.URL.Path+"?"+next.Encode()+`>; rel="next"`)
	}
	c.Header("Link", strings.Join(links, ", "))
	s.open311Write(c, f, http.StatusOK, list, open311Requests{Requests: list})
	return nil
}

// open311Page returns the ids of the query's page, newest first, and how
// many requests match in all. The store lists ids oldest first, so the
// page is counted from the end.
func (s *Server) open311Page(q open311Query, visible []data.Status) ([]uint64, int, error) {
	statuses := statusesFor(q.statuses, visible)
	if len(statuses) == 0 {
		return nil, 0, nil // an empty list would mean "any status" to Find
	}
	// A request has one service, its main category: service_code matches
	// that, not the report's other needs.
	dq := data.Query{Start: q.start, End: q.end, Categories: q.codes, MainCategoryOnly: true, Statuses: statuses}
	total := s.store.Find(dq).Matched
	hi := total - (q.page-1)*q.size
	if hi <= 0 {
		return nil, total, nil
	}
	lo := max(0, hi-q.size)
	dq.Offset, dq.Limit = lo, hi-lo
	ids := s.store.Find(dq).IDs
	slices.Reverse(ids)
	return ids, total, nil
}

// parseOpen311Query reads and checks the query of GET requests. Empty
// values count as absent, as the specification asks of optional
// arguments.
func (s *Server) parseOpen311Query(c *gin.Context) (open311Query, error) {
	q := open311Query{page: 1, size: open311MaxPageSize}
	allowed := []string{"service_request_id", "service_code", "start_date", "end_date", "status",
		"page", "page_size", "jurisdiction_id", "locale", "api_key"}
	lists := []string{"service_request_id", "service_code", "status"}
	var startSet, endSet bool
	for name, vs := range c.Request.URL.Query() {
		if !slices.Contains(allowed, name) {
			return q, &apiError{Status: http.StatusBadRequest, Code: "unknown_parameter", Field: name,
				Message: "unknown parameter; this route takes " + strings.Join(allowed, ", ")}
		}
		if len(vs) > 1 && !slices.Contains(lists, name) {
			return q, badParam(name, "give this parameter once")
		}
		var items []string
		for _, v := range vs {
			for item := range strings.SplitSeq(v, ",") {
				if item = strings.TrimSpace(item); item != "" {
					items = append(items, item)
				}
			}
		}
		if len(items) == 0 {
			continue
		}
		var err error
		switch name {
		case "service_request_id":
			q.ids, err = parseOpen311IDs(items)
		case "service_code":
			for _, code := range items {
				if s.taxonomy.Category(code) == nil {
					return q, badParam(name, "unknown service_code "+strconv.Quote(code)+"; see services.json")
				}
			}
			q.codes = items
		case "status":
			for _, st := range items {
				if st != open311Open && st != open311Closed {
					return q, badParam(name, `status is "open" or "closed" (comma-separate both)`)
				}
			}
			q.statuses = items
		case "start_date":
			q.start, err = parseW3CTime(name, vs[0])
			startSet = true
		case "end_date":
			q.end, err = parseW3CTime(name, vs[0])
			endSet = true
		case "page":
			q.page, err = parseBoundedInt(name, vs[0], 1, open311MaxPage)
		case "page_size":
			q.size, err = parseBoundedInt(name, vs[0], 1, open311MaxPageSize)
		}
		if err != nil {
			return q, err
		}
	}
	switch {
	case startSet && endSet:
		if q.end.Before(q.start) {
			return q, badParam("end_date", "end_date is before start_date")
		}
		if q.end.Sub(q.start) > open311Window {
			return q, badParam("end_date", "a date range may not span more than 90 days")
		}
	case startSet:
		q.end = q.start.Add(open311Window)
	case endSet:
		q.start = q.end.Add(-open311Window)
	default:
		q.start = s.now().Add(-open311Window)
	}
	return q, nil
}

// parseOpen311IDs reads a list of service request ids, dropping repeats.
func parseOpen311IDs(items []string) ([]uint64, error) {
	if len(items) > open311MaxIDs {
		return nil, badParam("service_request_id", "at most "+strconv.Itoa(open311MaxIDs)+" ids at once")
	}
	ids := make([]uint64, 0, len(items))
	for _, item := range items {
		id, err := strconv.ParseUint(item, 10, 64)
		if err != nil || id == 0 {
			return nil, badParam("service_request_id", "ids are positive whole numbers, comma-separated")
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// parseW3CTime reads a date-time in the w3 profile of ISO 8601 with its
// time zone, e.g. 2010-01-01T00:00:00Z or 2010-01-01T03:00:00+03:00.
func parseW3CTime(field, v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
	if err != nil {
		return time.Time{}, badParam(field, "use the w3 date-time format with a time zone, e.g. 2010-01-01T00:00:00Z")
	}
	return t.UTC(), nil
}

// open311GetRequest serves GET /open311/v2/requests/{id}.{json,xml}: one
// service request, as a list of one. An unknown id, or one the reader may
// not see, is 404.
func (s *Server) open311GetRequest(c *gin.Context, f open311Format) error {
	base, _, ok := cutFormat(c.Param("file"))
	if !ok {
		return open311NotFound("path", "no such resource; end the path in .json or .xml")
	}
	if err := open311Params(c, "jurisdiction_id", "locale", "api_key"); err != nil {
		return err
	}
	id, err := strconv.ParseUint(base, 10, 64)
	if err != nil || id == 0 {
		return badParam("service_request_id", "a service request id is a positive whole number")
	}
	r, err := s.store.Get(id)
	if errors.Is(err, data.ErrNotFound) || err == nil && !slices.Contains(s.open311VisibleStatuses(c), r.Status) && !s.ownOpen311Request(c, &r) {
		return open311NotFound("service_request_id", "no service request "+base)
	}
	if err != nil {
		return err
	}
	list := []open311Request{s.open311RequestOf(&r, s.open311Lang(c))}
	c.Header("Link", `<https://www.openstreetmap.org/copyright>; rel="license"`)
	s.open311Write(c, f, http.StatusOK, list, open311Requests{Requests: list})
	return nil
}

// ownOpen311Request reports whether r was submitted by the account asking,
// known by its Authorization token or by the api_key it posted with: an
// Open311 client follows the status of its own requests from the start,
// as a mapper does through the report API.
func (s *Server) ownOpen311Request(c *gin.Context, r *data.Report) bool {
	if r.SubmittedBy == 0 {
		return false
	}
	if p := who(c); p.user.ID == r.SubmittedBy {
		return true
	}
	if key := c.Query("api_key"); key != "" {
		_, userID, ok := s.open311Submitter(c.Request.Context(), key)
		return ok && userID == r.SubmittedBy
	}
	return false
}
