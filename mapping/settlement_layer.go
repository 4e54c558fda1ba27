package mapping

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
)

// SettlementSource is what the informal-settlements layer reads from the
// report store: the drawn settlements and the reports. *data.Store is one.
type SettlementSource interface {
	EachSettlement(fn func(data.Settlement) bool) error
	SettlementsVersion() uint64
	Find(q data.Query) data.Page
	Get(id uint64) (data.Report, error)
}

var _ SettlementSource = (*data.Store)(nil)

// SettlementOptions configures the informal-settlements layer.
type SettlementOptions struct {
	// Thresholds are the service distances in metres (see
	// DefaultServiceThresholds, which fills any service left out).
	Thresholds map[string]float64
	// Now is the clock for the 30-day report counts; nil means time.Now.
	Now func() time.Time
	// VerifiedOnly leaves out drawn settlements a moderator has not
	// verified yet (the layer is public; anyone may draw).
	VerifiedOnly bool
}

// SettlementLayerName is the collection id of the layer.
const SettlementLayerName = "informal-settlements"

// RecentReportsWindow is the window of the last_30_days report counts.
const RecentReportsWindow = 30 * 24 * time.Hour

// SettlementLayer is the informal-settlements layer: the informal
// settlement areas of the OSM extract (data.KindInformal with an area
// geometry) and the boundaries drawn by mappers (status new or verified),
// each with its area, buildings, population when tagged, reports and
// service gaps. It satisfies server.Layer.
//
// Each settlement's extract-derived figures (buildings, service distances)
// are computed once per extract, when first asked for; its report counts
// are computed again only after a report inside its bound was stored or
// changed (see Watch). A new extract or a new or moderated drawn
// settlement is picked up at the next call. It is safe for concurrent use.
type SettlementLayer struct {
	extract func() *Index
	store   SettlementSource
	thresh  map[string]float64
	now     func() time.Time
	// verifiedOnly: see SettlementOptions.VerifiedOnly.
	verifiedOnly bool

	mu    sync.Mutex
	state *settlementState

	pendMu  sync.Mutex
	pending []orb.Point // locations of changed reports not yet applied
	stale   bool        // too many pending: recount every settlement
}

// maxPending bounds the changes queued between two reads of the layer;
// beyond it every settlement's reports are counted again.
const maxPending = 4096

// settlementState is the layer for one extract and one version of the
// drawn settlements.
type settlementState struct {
	ix       *Index
	version  uint64
	failed   bool // the drawn settlements could not be read
	services map[string]*Index
	items    []*settlementItem
	byID     map[string]*settlementItem
	bound    orb.Bound
}

// settlementItem is one settlement and its cached figures.
type settlementItem struct {
	id     string
	geom   orb.Geometry
	bound  orb.Bound
	pip    *pip
	origin string // "osm" or "mapper"
	status string
	base   map[string]any // name, source, class, population, …
	osmRef string

	figures map[string]any // area, buildings, service gaps: per extract; nil until computed
	reports []reportFact
	counted bool // reports is up to date
}

// NewSettlementLayer returns the layer over the extract that extract
// returns (nil while there is none) and the drawn settlements and reports
// of store.
func NewSettlementLayer(extract func() *Index, store SettlementSource, opts SettlementOptions) *SettlementLayer {
	th := DefaultServiceThresholds()
	for k, v := range opts.Thresholds {
		th[k] = v
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &SettlementLayer{extract: extract, store: store, thresh: th, now: now, verifiedOnly: opts.VerifiedOnly}
}

// ReportChanged tells the layer that a report at p was stored or changed,
// so that the settlements around p count their reports again. It returns
// at once: hand it data.Store.Watch, as in
//
//	store.Watch(func(c data.Change) { layer.ReportChanged(c.Report.Location) })
func (l *SettlementLayer) ReportChanged(p orb.Point) {
	l.pendMu.Lock()
	if len(l.pending) < maxPending {
		l.pending = append(l.pending, p)
	} else {
		l.stale = true
	}
	l.pendMu.Unlock()
}

// Name returns the collection id.
func (l *SettlementLayer) Name() string { return SettlementLayerName }

// Title returns the collection title.
func (l *SettlementLayer) Title() string { return "Informal settlements" }

// Description describes the layer, with the ODbL attribution.
func (l *SettlementLayer) Description() string {
	return "Informal settlements from OpenStreetMap and drawn by mappers (new and verified), with area, buildings and their density, " +
		"population when tagged, reports by category (total, open, last 30 days) and service_gaps: for water, toilets, schools, " +
		"health facilities and shelters, the median and largest distance from the settlement's buildings to the nearest one " +
		"and the share of buildings beyond a threshold. " + Attribution + ", ODbL 1.0."
}

// Columns returns the CSV columns: the flat properties, then the nested
// ones (as JSON).
func (l *SettlementLayer) Columns() []string {
	return []string{"name", "origin", "status", "source", "class", "osm_id", "area_m2", "buildings", "building_density",
		"population", "reports_total", "reports_open", "reports_last_30_days", "reports", "service_gaps"}
}

// Queryables returns the properties usable as filters.
func (l *SettlementLayer) Queryables() []string { return []string{"origin", "status", "name"} }

// Bound returns the extent of every settlement (zero when there is none).
func (l *SettlementLayer) Bound() orb.Bound {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.current().bound
}

// Features calls fn with each settlement whose bound meets b (every one
// for the zero bound): OSM settlements in extract order, then drawn ones
// by id. Features are built one at a time, and fn runs without the
// layer's lock, so a slow client holds neither memory nor the layer.
func (l *SettlementLayer) Features(b orb.Bound, fn func(*geojson.Feature) bool) {
	l.mu.Lock()
	st := l.current()
	items := make([]*settlementItem, 0, len(st.items))
	for _, it := range st.items {
		if b == (orb.Bound{}) || it.bound.Intersects(b) {
			items = append(items, it)
		}
	}
	l.mu.Unlock()
	for _, it := range items {
		l.mu.Lock()
		f := l.feature(st, it)
		l.mu.Unlock()
		if !fn(f) {
			return
		}
	}
}

// Feature returns the settlement with the given id ("way-123",
// "relation-6", "mapper-2").
func (l *SettlementLayer) Feature(id string) (*geojson.Feature, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	st := l.current()
	it, ok := st.byID[id]
	if !ok {
		return nil, false
	}
	return l.feature(st, it), true
}

// current returns the state for the extract and drawn settlements in use
// now, with pending report changes applied. l.mu is held.
func (l *SettlementLayer) current() *settlementState {
	ix := l.extract()
	version := l.store.SettlementsVersion()
	st := l.state
	if st == nil || st.ix != ix || st.version != version || st.failed {
		st = l.rebuild(st, ix, version)
		l.state = st
	}
	l.pendMu.Lock()
	pending, stale := l.pending, l.stale
	l.pending, l.stale = nil, false
	l.pendMu.Unlock()
	for _, it := range st.items {
		if stale {
			it.counted = false
			continue
		}
		for _, p := range pending {
			if it.bound.Contains(p) {
				it.counted = false
				break
			}
		}
	}
	return st
}

// rebuild lists the settlements for ix and the drawn settlements now,
// keeping the figures of those that did not change.
func (l *SettlementLayer) rebuild(old *settlementState, ix *Index, version uint64) *settlementState {
	st := &settlementState{ix: ix, version: version, byID: map[string]*settlementItem{}}
	reuse := map[string]*settlementItem{}
	if old != nil && old.ix == ix {
		st.services = old.services
		for _, it := range old.items {
			reuse[it.id] = it
		}
	} else if ix != nil {
		st.services = serviceIndexes(ix)
	}
	add := func(it *settlementItem) {
		st.items = append(st.items, it)
		st.byID[it.id] = it
		if len(st.items) == 1 {
			st.bound = it.bound
		} else {
			st.bound = st.bound.Union(it.bound)
		}
	}
	if ix != nil && ix.byKind[data.KindInformal] != nil {
		for _, f := range ix.byKind[data.KindInformal].feats {
			if !isArea(f.Geometry) {
				continue // a settlement mapped as a point has no area to measure
			}
			id := f.OSMType.String() + "-" + strconv.FormatInt(f.OSMID, 10)
			if it, ok := reuse[id]; ok {
				add(it)
				continue
			}
			add(osmSettlement(id, f))
		}
	}
	err := l.store.EachSettlement(func(s data.Settlement) bool {
		if s.Status != data.SettlementVerified && (s.Status != data.SettlementNew || l.verifiedOnly) {
			return true
		}
		id := "mapper-" + strconv.FormatUint(s.ID, 10)
		if it, ok := reuse[id]; ok {
			it.status = string(s.Status)
			add(it)
			return true
		}
		add(drawnSettlement(id, s))
		return true
	})
	// When the drawn settlements cannot be read (a damaged record), the
	// OSM ones are served and the next call tries again.
	st.failed = err != nil
	return st
}

func osmSettlement(id string, f *data.OSMFeature) *settlementItem {
	base := map[string]any{"name": nilIfEmpty(f.Name()), "source": "OpenStreetMap", "class": f.Class,
		"osm_id": f.Ref(), "population": nil}
	if v := f.Tags.Get("population"); v != "" {
		if n, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(v), ",", ""), 10, 64); err == nil && n >= 0 {
			base["population"] = n
		}
	}
	return &settlementItem{id: id, geom: f.Geometry, bound: f.Geometry.Bound(), pip: newPIP(f.Geometry),
		origin: "osm", status: "mapped", base: base, osmRef: f.Ref()}
}

func drawnSettlement(id string, s data.Settlement) *settlementItem {
	base := map[string]any{"name": s.Name, "source": s.Source, "class": nil, "osm_id": nil, "population": nil,
		"created_at": data.FormatTime(s.CreatedAt)}
	return &settlementItem{id: id, geom: s.Geometry, bound: s.Geometry.Bound(), pip: newPIP(s.Geometry),
		origin: "mapper", status: string(s.Status), base: base}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
