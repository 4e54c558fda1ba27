package server

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// DefaultEventHeartbeat is how often an idle event stream sends a comment
// line, so that proxies keep it open, when Config.EventHeartbeat is 0.
const DefaultEventHeartbeat = 15 * time.Second

// eventWriteTimeout bounds each write to an event stream: a client that
// stops reading is cut off after it.
const eventWriteTimeout = 30 * time.Second

// events serves GET /api/v1/events, a text/event-stream of report
// changes: "report" events (id: the report id, data: its public GeoJSON
// Feature) for new reports and "report-updated" events (no id) for
// changed ones. A client reconnecting with Last-Event-ID (or
// ?last_event_id=) first gets the reports created after that id, up to
// maxReplay of the newest (preceded by a "resync" event when it missed
// more). Comment lines keep an idle stream open.
func (s *Server) events(c *gin.Context) error {
	// >> Args
	after, replay, err := lastEventID(c)
	if err != nil {
		return err
	}
	// >> Operation
	client, ok := s.broker.subscribe(c.ClientIP())
	if !ok {
		c.Header("Retry-After", "10")
		return &apiError{Status: http.StatusServiceUnavailable, Code: "too_many_streams",
			Message: "too many open event streams (in all, or from your address); retry later"}
	}
	defer s.broker.unsubscribe(client)
	// >> Response
	// The server's read and write timeouts are for ordinary requests; a
	// stream lives on, with a deadline on each write instead. (Writers
	// that cannot set deadlines, such as test recorders, are left be.)
	rc := http.NewResponseController(c.Writer)
	_ = rc.SetReadDeadline(time.Time{})
	h := c.Writer.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	c.Status(http.StatusOK)
	write := func(b []byte) error {
		_ = rc.SetWriteDeadline(time.Now().Add(eventWriteTimeout))
		if _, err := c.Writer.Write(b); err != nil {
			return err
		}
		return rc.Flush()
	}
	if err := write([]byte("retry: 3000\n: connected\n\n")); err != nil {
		return nil // the client is gone
	}
	// The public (and mappers) see the events of reports in public
	// statuses only; a report that leaves them (rejected, say) is
	// announced as hidden, with its id alone.
	all := seesAllStatuses(who(c))
	audience := audienceOf(c)
	public := s.publicStatuses()
	visible := func(st data.Status) bool { return all || slices.Contains(public, st) }
	var replayed uint64
	if replay {
		if replayed, err = s.replay(write, after, visible, audience); err != nil {
			s.log.Warn("event stream: replay", "err", err)
			return nil
		}
	}
	beat := time.NewTicker(s.heartbeat)
	defer beat.Stop()
	ctx := c.Request.Context()
	for {
		var msg []byte
		select {
		case <-ctx.Done():
			return nil
		case <-s.broker.done:
			return nil
		case <-client.kicked:
			return nil
		case <-beat.C:
			msg = []byte(": ping\n\n")
		case m := <-client.ch:
			if m.created && m.id <= replayed {
				continue // already sent by the replay
			}
			msg = m.data
			if audience == data.AudienceStaff && m.staff != nil {
				msg = m.staff
			}
			if m.status != "" && !visible(m.status) {
				if m.created {
					continue
				}
				msg = encodeEvent(nil, eventReportHidden, m.id, false, []byte(`{"id":`+strconv.FormatUint(m.id, 10)+`}`))
			}
		}
		if err := write(msg); err != nil {
			return nil
		}
	}
}

// lastEventID reads the Last-Event-ID header (or the last_event_id query
// parameter, for clients that cannot set headers).
func lastEventID(c *gin.Context) (id uint64, ok bool, err error) {
	for key := range c.Request.URL.Query() {
		if key != "last_event_id" {
			return 0, false, badParam(key, "unknown parameter; this stream takes only last_event_id")
		}
	}
	field, v := "Last-Event-ID", c.GetHeader("Last-Event-ID")
	if v == "" {
		field, v = "last_event_id", c.Query("last_event_id")
	}
	if v == "" {
		return 0, false, nil
	}
	id, err = strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, false, badParam(field, "must be the id of the last event received (a report id)")
	}
	return id, true, nil
}

// replay writes "report" events for the reports created after id after,
// at most maxReplay of the newest, and returns the highest id it covered.
func (s *Server) replay(write func([]byte) error, after uint64, visible func(data.Status) bool, a data.Audience) (uint64, error) {
	last := s.broker.lastID.Load()
	if last <= after {
		return last, nil
	}
	from := after + 1
	var buf []byte
	if last-after > maxReplay {
		from = last - maxReplay + 1
		payload := `{"missed_after":` + strconv.FormatUint(after, 10) + `,"replayed_from":` + strconv.FormatUint(from, 10) + `}`
		buf = encodeEvent(buf, eventResync, 0, false, []byte(payload))
	}
	for id := from; id <= last; id++ {
		r, err := s.store.Get(id)
		if errors.Is(err, data.ErrNotFound) {
			continue
		}
		if err != nil {
			return 0, err
		}
		if !visible(r.Status) {
			continue
		}
		f, err := s.store.FeatureFor(id, a)
		if err != nil {
			return 0, err
		}
		buf = encodeEvent(buf, eventReport, id, true, f)
		if len(buf) >= 32<<10 {
			if err := write(buf); err != nil {
				return 0, err
			}
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		if err := write(buf); err != nil {
			return 0, err
		}
	}
	return last, nil
}
