package mapping

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// riskCell is what the layer keeps of one cell that is a feature: the
// inputs that come from the extract (fixed until the next full recompute)
// and the sum of its hazard reports' weights.
type riskCell struct {
	buildings, informal int32
	reports             int32 // hazard reports counted in the cell
	// weight is Σ severity × 2^((observed − ref)/half-life) over the
	// cell's reports: the decayed weight at time t is
	// weight × 2^(−(t − ref)/half-life), so a new report adds one term
	// and nothing needs re-summing as time passes.
	weight float64
	// Distances in metres; -1 means none within RiskWaterRangeM (water)
	// or none in the extract (health, shelter).
	waterwayM, waterAreaM, hazardZoneM float64
	healthM, shelterM                  float64
	prox, exposure, vulnerability      float64
	areaHa                             float64
}

// isFeature reports whether the cell is published: it has buildings, is
// near mapped water or a hazard zone, or holds hazard reports.
func (c *riskCell) isFeature() bool { return c.buildings > 0 || c.prox > 0 || c.reports > 0 }

// reportContrib is what one counted hazard report added to its cell.
type reportContrib struct {
	cell   int32 // grid index
	weight float64
	open   bool // status new, verified or in_progress
	at     orb.Point
}

// riskState is one full computation of the risk grid, kept up to date by
// incremental updates until the next full recompute replaces it.
type riskState struct {
	ix      *Index
	opts    RiskOptions
	grid    cellGrid
	slot    []int32 // per grid index: position in cells, -1 when not computed
	cells   []riskCell
	index   []int32   // grid index of each entry of cells
	ref     time.Time // the weights' reference time
	contrib map[uint64]reportContrib
	maxID   uint64 // the highest report id read by the full recompute

	water    *waterIndex
	health   *Index
	shelter  *Index
	informal *areaSet
	gen      uint64 // tells full recomputes apart
}

// halfLives returns how many half-lives separate t from the reference.
func (s *riskState) halfLives(t time.Time) float64 {
	return t.Sub(s.ref).Seconds() / s.opts.HalfLife.Seconds()
}

// decayed returns the weight of cell c at time t.
func (s *riskState) decayed(c *riskCell, t time.Time) float64 {
	if c.reports == 0 {
		return 0
	}
	return c.weight * math.Exp2(-s.halfLives(t))
}

// newRiskState computes every cell from the extract, then adds the hazard
// reports found in reports (nil for none).
func newRiskState(ctx context.Context, ix *Index, opts RiskOptions, reports ReportFinder) (*riskState, error) {
	b := opts.Bound
	if b.IsZero() {
		meta := ix.Meta()
		b = meta.BoundOrb()
	}
	if b.IsZero() {
		for _, f := range ix.all {
			if b.IsZero() {
				b = f.Point.Bound()
			}
			b = b.Union(f.Point.Bound())
			if f.Geometry != nil {
				b = b.Union(f.Geometry.Bound())
			}
		}
	}
	g, err := newCellGrid(b, opts.CellM)
	if err != nil {
		return nil, err
	}
	s := &riskState{ix: ix, opts: opts, grid: g, ref: opts.Now().UTC().Truncate(time.Second),
		contrib: map[uint64]reportContrib{}, water: newWaterIndex(ix)}
	s.health = NewIndex(ix.Select([]data.FeatureKind{data.KindHealth}, nil, nil))
	s.shelter = NewIndex(ix.Select([]data.FeatureKind{data.KindSafety}, nil,
		func(f *data.OSMFeature) bool { return shelterClasses[f.Class] }))
	var areas []orb.Geometry
	for _, f := range ix.Select([]data.FeatureKind{data.KindInformal}, nil, nil) {
		areas = append(areas, f.Geometry)
	}
	if opts.Settlements != nil {
		for _, mp := range opts.Settlements() {
			areas = append(areas, mp)
		}
	}
	s.informal = newAreaSet(areas)

	n := g.len()
	buildings := make([]int32, n)
	informal := make([]int32, n)
	for _, f := range ix.Select([]data.FeatureKind{data.KindBuilding}, nil, nil) {
		i := g.cellOf(f.Point)
		if i < 0 {
			continue
		}
		buildings[i]++
		if s.informal.any(f.Point) {
			informal[i]++
		}
	}
	s.slot = make([]int32, n)
	for i := range s.slot {
		s.slot[i] = -1
	}
	for i := 0; i < n; i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("risk: %w", ctx.Err())
		}
		c := riskCell{buildings: buildings[i], informal: informal[i]}
		s.water.set(&c, g.centre(i))
		if c.isFeature() {
			s.add(i, c)
		}
	}
	if reports != nil {
		if err := s.readReports(ctx, reports); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// add stores cell c at grid index i, completing its exposure and
// vulnerability, and returns its position in s.cells.
func (s *riskState) add(i int, c riskCell) int32 {
	p := s.grid.centre(i)
	c.areaHa = s.grid.areaHa(i)
	c.exposure = exposureOf(int(c.buildings), int(c.informal), c.areaHa)
	c.healthM, c.shelterM = -1, -1
	if h, ok := s.health.Nearest(p, nil, 0); ok {
		c.healthM = h.DistanceM
	}
	if h, ok := s.shelter.Nearest(p, nil, 0); ok {
		c.shelterM = h.DistanceM
	}
	c.vulnerability = vulnerabilityOf(c.healthM, c.shelterM)
	pos := int32(len(s.cells))
	s.cells = append(s.cells, c)
	s.index = append(s.index, int32(i))
	s.slot[i] = pos
	return pos
}

// cellAt returns the cell at grid index i, computing it when no building,
// water or report had made it a feature yet.
func (s *riskState) cellAt(i int) *riskCell {
	if pos := s.slot[i]; pos >= 0 {
		return &s.cells[pos]
	}
	var c riskCell
	s.water.set(&c, s.grid.centre(i))
	return &s.cells[s.add(i, c)]
}

// readReports adds every hazard report of reports.
func (s *riskState) readReports(ctx context.Context, reports ReportFinder) error {
	var cats []string
	for _, c := range s.opts.Taxonomy.Categories {
		if c.Hazard {
			cats = append(cats, c.ID)
		}
	}
	if len(cats) == 0 {
		return nil
	}
	page := reports.Find(data.Query{Categories: cats, Limit: math.MaxInt32})
	for i, id := range page.IDs {
		if i%4096 == 0 && ctx.Err() != nil {
			return fmt.Errorf("risk: %w", ctx.Err())
		}
		r, err := reports.Get(id)
		if err != nil {
			return fmt.Errorf("risk: read report %d: %w", id, err)
		}
		s.apply(&r)
	}
	if all := reports.Find(data.Query{Limit: math.MaxInt32}).IDs; len(all) > 0 {
		s.maxID = all[len(all)-1]
	}
	return nil
}

// counts reports whether r is a hazard report the layer counts, and its
// severity.
func (s *riskState) counts(r *data.Report) (int, bool) {
	cat := s.opts.Taxonomy.Category(r.Category)
	if cat == nil || !cat.Hazard || r.Status == data.StatusRejected || r.Status == data.StatusDuplicate {
		return 0, false
	}
	return cat.Severity, true
}

// maxHalfLives is how far past the reference time a report may be observed
// before the weights are rebased (2^512 is far from float64's limit).
const maxHalfLives = 512

// apply adds r, or replaces what an earlier version of it added, and
// returns the grid indexes of the cells it changed (none, one or two).
func (s *riskState) apply(r *data.Report) []int {
	var changed []int
	if old, ok := s.contrib[r.ID]; ok {
		c := &s.cells[s.slot[old.cell]]
		c.weight -= old.weight
		c.reports--
		if c.reports == 0 {
			c.weight = 0 // no rounding residue
		}
		delete(s.contrib, r.ID)
		changed = append(changed, int(old.cell))
	}
	sev, ok := s.counts(r)
	if !ok {
		return changed
	}
	i := s.grid.cellOf(r.Location)
	if i < 0 {
		return changed // outside the deployment area
	}
	if s.halfLives(r.ObservedAt) > maxHalfLives {
		s.rebase(r.ObservedAt)
	}
	w := float64(sev) * math.Exp2(s.halfLives(r.ObservedAt))
	c := s.cellAt(i)
	c.weight += w
	c.reports++
	s.contrib[r.ID] = reportContrib{cell: int32(i), weight: w, at: r.Location,
		open: r.Status == data.StatusNew || r.Status == data.StatusVerified || r.Status == data.StatusInProgress}
	if r.ID > s.maxID {
		s.maxID = r.ID
	}
	return append(changed, i)
}

// rebase moves the reference time to t, rescaling every weight.
func (s *riskState) rebase(t time.Time) {
	t = t.UTC().Truncate(time.Second)
	f := math.Exp2(-s.halfLives(t))
	for i := range s.cells {
		s.cells[i].weight *= f
	}
	for id, c := range s.contrib {
		c.weight *= f
		s.contrib[id] = c
	}
	s.ref = t
}

// components returns the risk of cell c at time t.
func (s *riskState) components(c *riskCell, t time.Time) riskComponents {
	return combine(s.decayed(c, t), c.prox, c.exposure, c.vulnerability)
}
