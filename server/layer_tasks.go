package server

import (
	"strconv"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
)

// tasksLayer serves the task squares of every campaign as the derived
// layer "tasks": an OGC collection (filter ?campaign=1&state=ready) and an
// export. Features carry the public fields only (data.Task.Feature).
type tasksLayer struct {
	store campaignStore
	now   func() time.Time
}

var _ Layer = (*tasksLayer)(nil)

func (l *tasksLayer) Name() string  { return "tasks" }
func (l *tasksLayer) Title() string { return "Campaign task squares" }
func (l *tasksLayer) Description() string {
	return "The task squares of mapping campaigns, each with its campaign and its state (ready, locked, mapped, validated, invalidated). Who mapped or validated a square is not published."
}

// campaigns reads the campaigns whose area meets b (all for a zero b).
func (l *tasksLayer) campaigns(b orb.Bound) []data.Campaign {
	var out []data.Campaign
	_ = l.store.EachCampaign(func(c data.Campaign) bool {
		if b == (orb.Bound{}) || c.Area.Bound().Intersects(b) {
			out = append(out, c)
		}
		return true
	})
	return out
}

func (l *tasksLayer) Bound() orb.Bound {
	var b orb.Bound
	for i, c := range l.campaigns(orb.Bound{}) {
		if i == 0 {
			b = c.Area.Bound()
		} else {
			b = b.Union(c.Area.Bound())
		}
	}
	return b
}

func (l *tasksLayer) Features(b orb.Bound, fn func(*geojson.Feature) bool) {
	now := l.now()
	for _, c := range l.campaigns(b) {
		more := true
		_ = l.store.EachTask(c, func(t data.Task) bool {
			if b != (orb.Bound{}) && !t.Geometry.Bound().Intersects(b) {
				return true
			}
			more = fn(t.Feature(now))
			return more
		})
		if !more {
			return
		}
	}
}

func (l *tasksLayer) Feature(id string) (*geojson.Feature, bool) {
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil || n == 0 {
		return nil, false
	}
	t, err := l.store.Task(n)
	if err != nil {
		return nil, false
	}
	return t.Feature(l.now()), true
}

func (l *tasksLayer) Columns() []string {
	return []string{"campaign", "number", "state", "locked_until", "updated_at"}
}

func (l *tasksLayer) Queryables() []string { return []string{"campaign", "state"} }
