package mapping

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
)

// Risk is the risk layer: a grid of square cells over the deployment area,
// each with a hazard, an exposure, a vulnerability and a score from 0 to 1
// (see docs/risk.md for the method). It is computed in full by NewRisk and
// Rebuild, and kept current one report at a time by Apply and Follow. It is
// safe for concurrent use.
type Risk struct {
	reports ReportFinder
	opts    RiskOptions
	rebuild sync.Mutex // one full computation at a time
	mu      sync.RWMutex
	st      *riskState // nil until the first computation ends
	// replay collects the reports applied during a Rebuild, to apply them
	// again to the new state; nil when no rebuild runs.
	replay  *[]data.Report
	version atomic.Uint64 // bumped on every change
	gen     atomic.Uint64
	queue   changeQueue
}

// ReportWatcher announces committed report changes; *data.Store
// satisfies it.
type ReportWatcher interface {
	Watch(fn func(data.Change)) (cancel func())
}

// NewRisk computes the risk grid over ix and the hazard reports found in
// reports (nil for none). It returns an error for bad options or a
// deployment area too large for the cell size.
func NewRisk(ix *Index, reports ReportFinder, opts RiskOptions) (*Risk, error) {
	r, err := NewEmptyRisk(reports, opts)
	if err != nil {
		return nil, err
	}
	if err := r.Rebuild(context.Background(), ix); err != nil {
		return nil, err
	}
	return r, nil
}

// NewEmptyRisk returns a risk layer without cells, for a server that
// starts answering before the first computation (Rebuild) ends: until
// then the layer has no features and Ready is false.
func NewEmptyRisk(reports ReportFinder, opts RiskOptions) (*Risk, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	r := &Risk{reports: reports, opts: opts}
	r.queue.init()
	return r, nil
}

// Ready reports whether the grid has been computed.
func (r *Risk) Ready() bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.st != nil
}

// state returns the current grid, nil before the first computation.
func (r *Risk) state() *riskState {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.st
}

// Rebuild recomputes the whole grid, over ix (nil keeps the current
// extract), for example after a new import or when the drawn settlements
// change. Reports applied meanwhile are applied again to the new grid.
// When ctx ends first, the grid in use stays and ctx's error is returned.
func (r *Risk) Rebuild(ctx context.Context, ix *Index) error {
	r.rebuild.Lock()
	defer r.rebuild.Unlock()
	r.mu.Lock()
	old := r.st
	replay := []data.Report{}
	r.replay = &replay
	r.mu.Unlock()
	if ix == nil && old != nil {
		ix = old.ix
	}
	if ix == nil {
		r.mu.Lock()
		r.replay = nil
		r.mu.Unlock()
		return fmt.Errorf("risk: no extract to compute the grid over")
	}
	st, err := newRiskState(ctx, ix, r.opts, r.reports)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.replay = nil
	if err != nil {
		return err
	}
	for i := range replay {
		st.apply(&replay[i])
	}
	st.gen = r.gen.Add(1)
	r.st = st
	r.version.Add(1)
	return nil
}

// Apply counts a new or changed report: it updates only the cell the
// report lies in (and the cell an earlier version of it lay in). Reports
// of categories that are not hazards, rejected and duplicate reports, and
// reports outside the deployment area change nothing.
func (r *Risk) Apply(rep data.Report) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.replay != nil {
		*r.replay = append(*r.replay, rep)
	}
	if r.st == nil {
		return // the first computation will read it from the store
	}
	if len(r.st.apply(&rep)) > 0 {
		r.version.Add(1)
	}
}

// Follow applies every report change w announces until ctx ends, and
// returns a channel closed when it has stopped. The watcher's callback
// only queues the report (it runs on the store's commit path); a goroutine
// applies the queue in order. Reports stored between the last full
// computation and Follow are read from r's ReportFinder first; Sync waits
// for those too. Call Follow once.
func (r *Risk) Follow(ctx context.Context, w ReportWatcher) <-chan struct{} {
	r.queue.expect(1) // the catch-up
	cancel := w.Watch(func(c data.Change) { r.queue.push(c.Report) })
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer cancel()
		stop := context.AfterFunc(ctx, r.queue.close)
		defer stop()
		r.catchUp()
		r.queue.done(1)
		for {
			batch, ok := r.queue.take()
			if !ok {
				return
			}
			for i := range batch {
				r.Apply(batch[i])
			}
			r.queue.done(len(batch))
		}
	}()
	return done
}

// catchUp applies the reports stored after the last full computation read
// the store.
func (r *Risk) catchUp() {
	if r.reports == nil {
		return
	}
	st := r.state()
	if st == nil {
		return // the first computation reads every report
	}
	r.mu.RLock()
	since := st.maxID
	r.mu.RUnlock()
	ids := r.reports.Find(data.Query{Limit: math.MaxInt32}).IDs // increasing
	first, _ := slices.BinarySearch(ids, since+1)
	for _, id := range ids[first:] {
		if rep, err := r.reports.Get(id); err == nil {
			r.Apply(rep)
		}
	}
}

// Sync waits until every change queued before the call has been applied
// by Follow, or ctx ends.
func (r *Risk) Sync(ctx context.Context) error { return r.queue.wait(ctx) }

// Version changes whenever a cell changes (not with the passing of time).
func (r *Risk) Version() uint64 { return r.version.Load() }

// Name returns the collection id, "risk".
func (r *Risk) Name() string { return "risk" }

// Title returns the collection title.
func (r *Risk) Title() string { return "Risk" }

// Description describes the layer, with the OSM attribution.
func (r *Risk) Description() string {
	o := r.opts
	return fmt.Sprintf("Risk grid of %g m cells: hazard (hazard reports weighted by severity, half-life %s; "+
		"proximity to waterways, drains, water areas and flood-prone or hazard zones), exposure (buildings, share in "+
		"informal settlements) and vulnerability (distance to health facilities and shelters), combined into a "+
		"score from 0 to 1 and a class (low, medium, high, very_high). Method: docs/risk.md. Built from %s, ODbL, "+
		"and residents' reports.", o.CellM, o.HalfLife, Attribution)
}

// Bound returns the extent of the cells published, or the zero bound when
// there are none.
func (r *Risk) Bound() orb.Bound {
	r.mu.RLock()
	defer r.mu.RUnlock()
	s := r.st
	var b orb.Bound
	if s == nil {
		return b
	}
	first := true
	for pos := range s.cells {
		if !s.cells[pos].isFeature() {
			continue
		}
		cb := s.grid.bound(int(s.index[pos]))
		if first {
			b, first = cb, false
		} else {
			b = b.Union(cb)
		}
	}
	return b
}

// riskColumns are the cell properties, in CSV column order.
var riskColumns = []string{"cell", "class", "score", "hazard", "exposure", "vulnerability",
	"report_hazard", "report_weight", "reports", "water_proximity", "waterway_m", "water_area_m", "hazard_zone_m",
	"buildings", "informal_buildings", "informal_share", "buildings_per_ha", "health_m", "shelter_m", "as_of"}

// Columns returns the property names exported as CSV columns.
func (r *Risk) Columns() []string { return append([]string(nil), riskColumns...) }

// Queryables returns the properties usable as equality filters.
func (r *Risk) Queryables() []string { return []string{"class", "cell"} }

// featureChunk is how many features Features builds per hold of the read
// lock, so that a slow reader never keeps updates waiting long.
const featureChunk = 256

// Features calls fn with each published cell whose bound meets b (every
// cell when b is the zero bound), row by row from the south-west, until fn
// returns false. The report weights are decayed to the time of the call.
func (r *Risk) Features(b orb.Bound, fn func(*geojson.Feature) bool) {
	s := r.state()
	if s == nil {
		return
	}
	now := r.opts.Now()
	r0, r1, c0, c1, ok := 0, s.grid.rows-1, 0, s.grid.cols-1, true
	if !b.IsZero() {
		r0, r1, c0, c1, ok = s.grid.span(b)
		if !ok {
			return
		}
	}
	row, col := r0, c0
	buf := make([]*geojson.Feature, 0, featureChunk)
	for row <= r1 {
		buf = buf[:0]
		r.mu.RLock()
		for row <= r1 && len(buf) < featureChunk {
			i := row*s.grid.cols + col
			if pos := s.slot[i]; pos >= 0 && s.cells[pos].isFeature() {
				buf = append(buf, s.feature(i, now))
			}
			if col++; col > c1 {
				row, col = row+1, c0
			}
		}
		r.mu.RUnlock()
		for _, f := range buf {
			if !fn(f) {
				return
			}
		}
	}
}

// Feature returns the cell with the given id ("r{row}c{col}"), if it is
// published.
func (r *Risk) Feature(id string) (*geojson.Feature, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	s := r.st
	if s == nil {
		return nil, false
	}
	i, ok := s.grid.parseID(id)
	if !ok {
		return nil, false
	}
	if pos := s.slot[i]; pos < 0 || !s.cells[pos].isFeature() {
		return nil, false
	}
	return s.feature(i, r.opts.Now()), true
}

// feature returns cell i as a GeoJSON feature at time now.
func (s *riskState) feature(i int, now time.Time) *geojson.Feature {
	c := &s.cells[s.slot[i]]
	w := s.decayed(c, now)
	rc := combine(w, c.prox, c.exposure, c.vulnerability)
	f := geojson.NewFeature(s.grid.polygon(i))
	f.ID = s.grid.id(i)
	share := 0.0
	if c.buildings > 0 {
		share = round4(float64(c.informal) / float64(c.buildings))
	}
	dist := func(d float64) any {
		if d < 0 {
			return nil
		}
		return round1(d)
	}
	f.Properties = geojson.Properties{
		"cell":               f.ID,
		"class":              riskClass(rc.score),
		"score":              rc.score,
		"hazard":             rc.hazard,
		"exposure":           rc.exposure,
		"vulnerability":      rc.vulnerability,
		"report_hazard":      rc.reportHazard,
		"report_weight":      round4(w),
		"reports":            int(c.reports),
		"water_proximity":    c.prox,
		"waterway_m":         dist(c.waterwayM),
		"water_area_m":       dist(c.waterAreaM),
		"hazard_zone_m":      dist(c.hazardZoneM),
		"buildings":          int(c.buildings),
		"informal_buildings": int(c.informal),
		"informal_share":     share,
		"buildings_per_ha":   math.Round(float64(c.buildings)/c.areaHa*100) / 100,
		"health_m":           dist(c.healthM),
		"shelter_m":          dist(c.shelterM),
		"as_of":              now.UTC().Format(time.RFC3339),
	}
	return f
}

// highCells returns the published cells classed high or very_high at
// time t, by grid index (true for very_high), and the open hazard reports,
// with the state they were read from (for the area summaries); a nil state
// before the first computation.
func (r *Risk) highCells(t time.Time) (*riskState, map[int32]bool, map[uint64]reportContrib) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	s := r.st
	if s == nil {
		return nil, nil, nil
	}
	high := map[int32]bool{}
	for pos := range s.cells {
		c := &s.cells[pos]
		if !c.isFeature() {
			continue
		}
		if score := s.components(c, t).score; score >= RiskBreakHigh {
			high[s.index[pos]] = score >= RiskBreakVeryHigh
		}
	}
	open := make(map[uint64]reportContrib)
	for id, c := range s.contrib {
		if c.open {
			open[id] = c
		}
	}
	return s, high, open
}
