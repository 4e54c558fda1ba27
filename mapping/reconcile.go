package mapping

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/mtaa-project/mtaa/data"
)

//go:embed reconcile.json
var defaultRulesJSON []byte

// DefaultRulesJSON returns the built-in reconciliation table, a starting
// point for a city's own copy.
func DefaultRulesJSON() []byte { return bytes.Clone(defaultRulesJSON) }

// CategoryRule says which OSM features are relevant to a report category.
type CategoryRule struct {
	// Kinds are feature kind names (see data.FeatureKind.String).
	Kinds []string `json:"kinds"`
	// Classes, when set, keep only features with one of these classes
	// (the deciding tag value, e.g. "water_point").
	Classes []string `json:"classes,omitempty"`
	// RadiusM bounds the search for the nearest feature.
	RadiusM float64 `json:"radius_m"`
	// Facility marks categories about a facility: with none within
	// RadiusM, the report is flagged not_in_osm (the to-map list).
	Facility bool `json:"facility,omitempty"`
	// OSM, for facility categories, gives the OSM tags of a new feature of
	// each kind a mapper may name (a class of Classes, when set):
	// "water_well" -> {"man_made": "water_well"}. It is what the OSM
	// change export writes (osm_tags.go); a category without it is not
	// exported.
	OSM map[string]map[string]string `json:"osm,omitempty"`
	// OSMDefault is the kind of OSM to use when the mapper named none.
	OSMDefault string `json:"osm_default,omitempty"`

	kinds   [256]bool
	classes map[string]bool
}

// Rules is the editable table from report categories to OSM features, and
// the duplicate window.
type Rules struct {
	Version              int                      `json:"version"`
	DuplicateRadiusM     float64                  `json:"duplicate_radius_m"`
	DuplicateWindowHours float64                  `json:"duplicate_window_hours"`
	Categories           map[string]*CategoryRule `json:"categories"`
}

// ParseRules reads and checks a rules file: known kinds, positive radii.
func ParseRules(r io.Reader) (*Rules, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var rules Rules
	if err := dec.Decode(&rules); err != nil {
		return nil, fmt.Errorf("parse reconcile rules: %w", err)
	}
	if rules.Version != 1 {
		return nil, fmt.Errorf("parse reconcile rules: unsupported version %d (want 1)", rules.Version)
	}
	if rules.DuplicateRadiusM <= 0 || rules.DuplicateWindowHours <= 0 {
		return nil, fmt.Errorf("parse reconcile rules: duplicate_radius_m and duplicate_window_hours must be positive")
	}
	for cat, rule := range rules.Categories {
		if rule == nil || len(rule.Kinds) == 0 || rule.RadiusM <= 0 {
			return nil, fmt.Errorf("parse reconcile rules: category %q needs kinds and a positive radius_m", cat)
		}
		for _, k := range rule.Kinds {
			kind, ok := data.ParseFeatureKind(k)
			if !ok {
				return nil, fmt.Errorf("parse reconcile rules: category %q: unknown kind %q", cat, k)
			}
			rule.kinds[kind] = true
		}
		if len(rule.Classes) > 0 {
			rule.classes = map[string]bool{}
			for _, c := range rule.Classes {
				rule.classes[c] = true
			}
		}
		if err := rule.checkOSM(); err != nil {
			return nil, fmt.Errorf("parse reconcile rules: category %q: %w", cat, err)
		}
	}
	return &rules, nil
}

// LoadRules reads a rules file; an empty path means the built-in table.
func LoadRules(path string) (*Rules, error) {
	if path == "" {
		return ParseRules(bytes.NewReader(defaultRulesJSON))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load reconcile rules: %w", err)
	}
	defer f.Close()
	rules, err := ParseRules(f)
	if err != nil {
		return nil, fmt.Errorf("load reconcile rules %s: %w", path, err)
	}
	return rules, nil
}

// ReportFinder finds stored reports; *data.Store implements it.
type ReportFinder interface {
	Find(q data.Query) data.Page
	Get(id uint64) (data.Report, error)
}

// Reconciler places reports on the OSM map: the areas containing them (or,
// where no boundary does, the nearest place: Index.NearestPlace), the
// nearest feature relevant to their category, whether OSM lacks the
// facility they are about, and earlier reports they may duplicate.
type Reconciler struct {
	index   *Index
	rules   *Rules
	reports ReportFinder
}

// NewReconciler builds a reconciler; reports may be nil (no duplicate
// search).
func NewReconciler(index *Index, rules *Rules, reports ReportFinder) *Reconciler {
	return &Reconciler{index: index, rules: rules, reports: reports}
}

// Reconcile fills r.Reconciliation. It only reads.
func (rc *Reconciler) Reconcile(r *data.Report) {
	var out data.Reconciliation
	if rc.index != nil {
		bounded := false
		for _, f := range rc.index.Containing(r.Location) {
			if !isBoundaryKind(f.Kind) && f.Kind != data.KindInformal {
				continue
			}
			bounded = bounded || isBoundaryKind(f.Kind)
			a := data.AreaRef{OSMType: f.OSMType.String(), OSMID: f.OSMID, Name: f.Name(), Kind: f.Kind.String(),
				Basis: data.AreaBasisBoundary}
			if f.Kind == data.KindAdmin {
				if lvl, err := strconv.Atoi(f.Class); err == nil {
					a.AdminLevel = &lvl
				}
			}
			out.Areas = append(out.Areas, a)
		}
		if !bounded {
			// No boundary around the report: the nearest place stands for
			// its area, before any informal settlement (largest first).
			if f, ok := rc.index.NearestPlace(r.Location); ok {
				out.Areas = slices.Insert(out.Areas, 0, data.AreaRef{OSMType: f.OSMType.String(), OSMID: f.OSMID,
					Name: f.Name(), Kind: f.Kind.String(), Basis: data.AreaBasisNearestPlace})
			}
		}
		if rule := rc.rules.Categories[r.Category]; rule != nil {
			filter := func(k data.FeatureKind) bool { return rule.kinds[k] }
			hit, ok := rc.nearest(r.Location, rule, filter)
			if ok {
				out.Nearest = &data.FeatureRef{OSMType: hit.Feature.OSMType.String(), OSMID: hit.Feature.OSMID,
					Name: hit.Feature.Name(), Kind: hit.Feature.Kind.String(), DistanceM: math.Round(hit.DistanceM*10) / 10}
			}
			out.NotInOSM = rule.Facility && !ok
		}
	}
	out.PossibleDuplicateOf = rc.duplicates(r)
	r.Reconciliation = out
}

// nearest finds the nearest feature of the rule's kinds (and classes)
// within its radius.
func (rc *Reconciler) nearest(p orb.Point, rule *CategoryRule, filter func(data.FeatureKind) bool) (Hit, bool) {
	if rule.classes == nil {
		return rc.index.Nearest(p, filter, rule.RadiusM)
	}
	return rc.index.NearestWhere(p, filter, func(f *data.OSMFeature) bool { return rule.classes[f.Class] }, rule.RadiusM)
}

// duplicates lists earlier reports of the same category within the
// duplicate radius and window (before or after r's observation).
func (rc *Reconciler) duplicates(r *data.Report) []uint64 {
	if rc.reports == nil {
		return nil
	}
	radius := rc.rules.DuplicateRadiusM
	window := time.Duration(rc.rules.DuplicateWindowHours * float64(time.Hour))
	dLat := radius / 111_000
	dLon := dLat / math.Max(0.01, math.Cos(r.Location[1]*math.Pi/180))
	b := orb.Bound{Min: orb.Point{r.Location[0] - dLon, r.Location[1] - dLat}, Max: orb.Point{r.Location[0] + dLon, r.Location[1] + dLat}}
	page := rc.reports.Find(data.Query{BBox: &b, Categories: []string{r.Category},
		Start: r.ObservedAt.Add(-window), End: r.ObservedAt.Add(window), Limit: 50})
	var out []uint64
	for _, id := range page.IDs {
		if r.ID != 0 && id >= r.ID {
			continue // only earlier reports; a new report has no id yet
		}
		other, err := rc.reports.Get(id)
		if err != nil || geo.Distance(other.Location, r.Location) > radius || other.Status == data.StatusRejected {
			continue
		}
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// NearestWhere is Nearest restricted to the features keep accepts. It scans
// the features of the accepted kinds, so use it for the small facility
// kinds (water points, toilets, shelters), not for roads or buildings.
func (ix *Index) NearestWhere(p orb.Point, filter func(data.FeatureKind) bool, keep func(*data.OSMFeature) bool, maxDist float64) (Hit, bool) {
	best := math.Inf(1)
	if maxDist > 0 {
		best = maxDist
	}
	cosLat := math.Cos(p[1] * math.Pi / 180)
	var found *data.OSMFeature
	for _, kind := range ix.order {
		if filter != nil && !filter(kind) {
			continue
		}
		for _, f := range ix.byKind[kind].feats {
			if !keep(f) {
				continue
			}
			if d := distanceTo(f, p, cosLat); d < best || (found == nil && d == best) {
				best, found = d, f
			}
		}
	}
	if found == nil {
		return Hit{}, false
	}
	return Hit{Feature: found, DistanceM: best}, true
}
