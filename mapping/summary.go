package mapping

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
)

// Defaults of SummaryOptions.
const (
	// DefaultSummaryDebounce is the least time between two recomputations
	// of the area summaries after risk changes.
	DefaultSummaryDebounce = 2 * time.Second
	// DefaultSummaryMaxAge is how long summaries are kept while nothing
	// changes: the report weights decay, so classes change with time.
	DefaultSummaryMaxAge = 10 * time.Minute
)

// SummaryOptions configures the area summaries. Zero fields take the
// defaults; a negative Debounce means none (recompute on every change).
type SummaryOptions struct {
	// Debounce is the least time between two recomputations after the
	// risk grid changed (default DefaultSummaryDebounce).
	Debounce time.Duration
	// MaxAge is how long summaries are kept when nothing changed (default
	// DefaultSummaryMaxAge).
	MaxAge time.Duration
}

// AreaSummaries is the area-summaries layer: per administrative area and
// neighbourhood of the extract, in the spirit of InaSAFE's impact
// summaries, the buildings and facilities in high and very high risk
// cells, the informal settlements affected and the open hazard reports.
// It is recomputed from the risk grid when that changes (debounced) and
// is safe for concurrent use.
type AreaSummaries struct {
	risk *Risk
	opts SummaryOptions
	mu   sync.Mutex
	snap *summarySnapshot
	geo  *summaryAreas
}

// summarySnapshot is one computation of the summaries.
type summarySnapshot struct {
	gen, version uint64
	at           time.Time
	feats        []*geojson.Feature
	bounds       []orb.Bound
	byID         map[string]int
}

// NewAreaSummaries returns the area summaries of r. They are computed on
// first use.
func NewAreaSummaries(r *Risk, opts SummaryOptions) *AreaSummaries {
	if opts.Debounce == 0 {
		opts.Debounce = DefaultSummaryDebounce
	}
	if opts.MaxAge <= 0 {
		opts.MaxAge = DefaultSummaryMaxAge
	}
	return &AreaSummaries{risk: r, opts: opts}
}

// current returns the summaries, recomputing them when the risk grid was
// rebuilt, when it changed and the last computation is older than the
// debounce time, or when they are older than MaxAge.
func (a *AreaSummaries) current() *summarySnapshot {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.risk.opts.Now()
	gen, version := a.risk.gen.Load(), a.risk.Version()
	if s := a.snap; s != nil && s.gen == gen {
		age := now.Sub(s.at)
		if (s.version == version && age < a.opts.MaxAge) || age < a.opts.Debounce {
			return s
		}
	}
	a.snap = a.compute(now)
	return a.snap
}

// compute summarises every area at time now.
func (a *AreaSummaries) compute(now time.Time) *summarySnapshot {
	version := a.risk.Version()
	st, high, open := a.risk.highCells(now)
	if st == nil {
		return &summarySnapshot{version: version, at: now, byID: map[string]int{}}
	}
	if a.geo == nil || a.geo.gen != st.gen {
		a.geo = newSummaryAreas(st)
	}
	sa := a.geo
	snap := &summarySnapshot{gen: st.gen, version: version, at: now, byID: map[string]int{}}
	openIn := make([]int, len(sa.areas))
	for _, c := range open {
		sa.set.each(c.at, func(i int) { openIn[i]++ })
	}
	atRisk := func(cell int32) (isHigh, isVeryHigh bool) {
		veryHigh, ok := high[cell]
		return ok && !veryHigh, veryHigh
	}
	for i, area := range sa.areas {
		var buildings, bHigh, bVery, fHigh, fVery int
		for cell, n := range sa.buildings[i] {
			buildings += int(n)
			h, v := atRisk(cell)
			if h {
				bHigh += int(n)
			}
			if v {
				bVery += int(n)
			}
		}
		byKind := map[data.FeatureKind]int{}
		for _, f := range sa.facilities[i] {
			h, v := atRisk(f.cell)
			if h {
				fHigh++
			}
			if v {
				fVery++
			}
			if h || v {
				byKind[f.kind]++
			}
		}
		var names []string
		affected := 0
		for _, si := range sa.settlements[i] {
			for cell := range sa.settled[si].cells {
				if h, v := atRisk(cell); h || v {
					affected++
					if n := sa.settled[si].name; n != "" {
						names = append(names, n)
					}
					break
				}
			}
		}
		slices.Sort(names)
		f := geojson.NewFeature(area.Geometry)
		f.ID = fmt.Sprintf("%s-%s-%d", area.Kind, area.OSMType, area.OSMID)
		f.Properties = geojson.Properties{
			"area":                 f.ID,
			"name":                 area.Name(),
			"kind":                 area.Kind.String(),
			"admin_level":          nil,
			"osm_type":             area.OSMType.String(),
			"osm_id":               area.OSMID,
			"buildings":            buildings,
			"buildings_high":       bHigh,
			"buildings_very_high":  bVery,
			"facilities":           len(sa.facilities[i]),
			"facilities_high":      fHigh,
			"facilities_very_high": fVery,
			"settlements_affected": affected,
			"settlement_names":     strings.Join(names, "; "),
			"open_hazard_reports":  openIn[i],
			"as_of":                now.UTC().Format(time.RFC3339),
			"basis":                data.AreaBasisBoundary,
		}
		if i >= sa.placesFrom {
			f.Properties["basis"] = data.AreaBasisNearestPlace
		}
		if area.Kind == data.KindAdmin {
			if lv, err := strconv.Atoi(area.Class); err == nil {
				f.Properties["admin_level"] = lv
			}
		}
		for _, k := range summaryFacilityKinds {
			f.Properties[k.String()+"_at_risk"] = byKind[k]
		}
		snap.byID[f.ID.(string)] = len(snap.feats)
		snap.feats = append(snap.feats, f)
		snap.bounds = append(snap.bounds, area.Geometry.Bound())
	}
	return snap
}

// summaryFacilityKinds are the facility kinds counted per area.
var summaryFacilityKinds = []data.FeatureKind{data.KindHealth, data.KindEducation, data.KindWater,
	data.KindSafety, data.KindCommunity}

// summaryColumns are the summary properties, in CSV column order.
var summaryColumns = []string{"area", "name", "kind", "admin_level", "osm_type", "osm_id",
	"buildings", "buildings_high", "buildings_very_high",
	"facilities", "facilities_high", "facilities_very_high",
	"health_at_risk", "education_at_risk", "water_at_risk", "safety_at_risk", "community_at_risk",
	"settlements_affected", "settlement_names", "open_hazard_reports", "as_of", "basis"}

// Name returns the collection id, "area-summaries".
func (a *AreaSummaries) Name() string { return "area-summaries" }

// Title returns the collection title.
func (a *AreaSummaries) Title() string { return "Area summaries" }

// Description describes the layer, with the OSM attribution.
func (a *AreaSummaries) Description() string {
	return fmt.Sprintf("Per administrative area and neighbourhood (basis boundary) or, where the extract maps no "+
		"boundary, per area nearest a suburb, neighbourhood, quarter or village point (basis nearest_place): buildings and facilities (by kind) in high and "+
		"very_high risk cells, informal settlements affected (with a building or cell in such a cell), and open "+
		"hazard reports (new, verified, in progress). Recomputed from the risk layer. Built from %s, ODbL, and "+
		"residents' reports.", Attribution)
}

// Bound returns the extent of the areas, or the zero bound when there are
// none.
func (a *AreaSummaries) Bound() orb.Bound {
	s := a.current()
	var b orb.Bound
	for i, ab := range s.bounds {
		if i == 0 {
			b = ab
		} else {
			b = b.Union(ab)
		}
	}
	return b
}

// Features calls fn with the summary of each area whose bound meets b
// (every area when b is the zero bound), administrative areas first, in
// extract order, until fn returns false.
func (a *AreaSummaries) Features(b orb.Bound, fn func(*geojson.Feature) bool) {
	s := a.current()
	for i, f := range s.feats {
		if !b.IsZero() && !s.bounds[i].Intersects(b) {
			continue
		}
		if !fn(f) {
			return
		}
	}
}

// Feature returns the summary with the given id ("admin-relation-123",
// "neighbourhood-way-45").
func (a *AreaSummaries) Feature(id string) (*geojson.Feature, bool) {
	s := a.current()
	i, ok := s.byID[id]
	if !ok {
		return nil, false
	}
	return s.feats[i], true
}

// Columns returns the property names exported as CSV columns.
func (a *AreaSummaries) Columns() []string { return append([]string(nil), summaryColumns...) }

// Queryables returns the properties usable as equality filters.
func (a *AreaSummaries) Queryables() []string {
	return []string{"kind", "admin_level", "name", "basis"}
}
