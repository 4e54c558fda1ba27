package mapping

import (
	"fmt"
	"math"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// The risk model's constants. docs/risk.md quotes each of them; a test
// checks that the document and the code agree.
const (
	// DefaultRiskCellM is the default side of a risk cell, in metres.
	DefaultRiskCellM = 250.0
	// DefaultRiskHalfLife is the default half-life of a hazard report's
	// weight.
	DefaultRiskHalfLife = 7 * 24 * time.Hour
	// MinRiskCellM and MaxRiskCellM bound the configurable cell side.
	MinRiskCellM = 25.0
	MaxRiskCellM = 10_000.0
	// MaxRiskCells bounds the number of cells of a grid (rows × columns):
	// a larger deployment area needs larger cells.
	MaxRiskCells = 4_000_000

	// RiskReportHalfSat is the decayed report weight (severity units) at
	// which the report part of the hazard reaches 0.5: r = W / (W + 5).
	RiskReportHalfSat = 5.0
	// RiskWaterRangeM is the distance from a waterway, water area or hazard
	// zone at which its proximity falls to 0: p = max(0, 1 - d/500).
	RiskWaterRangeM = 500.0
	// RiskWaterWeight is the most that mapped water and hazard zones alone
	// contribute to the hazard: hazard = 1 - (1 - r)(1 - 0.5 p).
	RiskWaterWeight = 0.5
	// RiskDensityHalfSat is the building density (buildings per hectare) at
	// which the density part of the exposure reaches 0.5: e = ρ / (ρ + 10).
	RiskDensityHalfSat = 10.0
	// RiskInformalWeight is the part of the exposure that depends on the
	// share s of buildings in informal settlements:
	// exposure = e × (1 - 0.5 + 0.5 s).
	RiskInformalWeight = 0.5
	// RiskHealthRangeM is the distance to the nearest health facility from
	// which its part of the vulnerability is 1: min(1, d/2000).
	RiskHealthRangeM = 2000.0
	// RiskShelterRangeM is the same for shelters and assembly points:
	// min(1, d/1000).
	RiskShelterRangeM = 1000.0
	// RiskVulnerabilityFloor keeps a cell next to a clinic and a shelter
	// at risk: score = cbrt(hazard × exposure × (0.25 + 0.75 vulnerability)).
	RiskVulnerabilityFloor = 0.25
)

// The lower score bounds of the classes medium, high and very_high; below
// RiskBreakMedium a cell is low.
const (
	RiskBreakMedium   = 0.25
	RiskBreakHigh     = 0.5
	RiskBreakVeryHigh = 0.75
)

// RiskClasses returns the class names, lowest first: low, medium, high,
// very_high.
func RiskClasses() []string { return []string{"low", "medium", "high", "very_high"} }

// riskClass returns the class of a score.
func riskClass(score float64) string {
	switch {
	case score >= RiskBreakVeryHigh:
		return "very_high"
	case score >= RiskBreakHigh:
		return "high"
	case score >= RiskBreakMedium:
		return "medium"
	}
	return "low"
}

// shelterClasses are the safety classes that count as a place to shelter.
var shelterClasses = map[string]bool{"shelter": true, "assembly_point": true, "social_shelter": true}

// RiskOptions configures the risk layer. Zero fields take the defaults.
type RiskOptions struct {
	// CellM is the side of a cell in metres (default DefaultRiskCellM).
	CellM float64
	// HalfLife is the time after which a hazard report weighs half as much
	// (default DefaultRiskHalfLife).
	HalfLife time.Duration
	// Taxonomy says which categories are hazards and their severity
	// (default data.DefaultTaxonomy()).
	Taxonomy *data.Taxonomy
	// Settlements returns the verified informal settlements drawn by
	// mappers, which count for exposure like the OSM informal areas. It is
	// called on every full recompute; nil means none.
	Settlements func() []orb.MultiPolygon
	// Bound is the deployment area; zero means the extract's bound.
	Bound orb.Bound
	// Now is the clock (default time.Now); the report weights decay with it.
	Now func() time.Time
}

// withDefaults checks o and fills in the defaults.
func (o RiskOptions) withDefaults() (RiskOptions, error) {
	if o.CellM == 0 {
		o.CellM = DefaultRiskCellM
	}
	if !(o.CellM >= MinRiskCellM && o.CellM <= MaxRiskCellM) {
		return o, fmt.Errorf("risk: cell size %g m not in %g..%g m", o.CellM, MinRiskCellM, MaxRiskCellM)
	}
	if o.HalfLife == 0 {
		o.HalfLife = DefaultRiskHalfLife
	}
	if o.HalfLife < time.Minute {
		return o, fmt.Errorf("risk: half-life %s is shorter than a minute", o.HalfLife)
	}
	if o.Taxonomy == nil {
		o.Taxonomy = data.DefaultTaxonomy()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o, nil
}

// riskComponents are the normalised parts of a cell's risk.
type riskComponents struct {
	reportHazard, hazard, exposure, vulnerability, score float64
}

// combine computes the hazard from the decayed report weight w and the
// water proximity p, and the score from it, the exposure and the
// vulnerability, all rounded to 4 decimals as published.
func combine(w, p, exposure, vulnerability float64) riskComponents {
	r := w / (w + RiskReportHalfSat)
	h := 1 - (1-r)*(1-RiskWaterWeight*p)
	h = round4(h)
	s := math.Cbrt(h * exposure * (RiskVulnerabilityFloor + (1-RiskVulnerabilityFloor)*vulnerability))
	return riskComponents{reportHazard: round4(r), hazard: h, exposure: exposure,
		vulnerability: vulnerability, score: round4(math.Min(1, s))}
}

// waterProximity is 1 at a water or hazard feature, falling linearly to 0
// at RiskWaterRangeM; d < 0 means none in range.
func waterProximity(d float64) float64 {
	if d < 0 {
		return 0
	}
	return math.Max(0, 1-d/RiskWaterRangeM)
}

// exposureOf is the exposure of a cell of areaHa hectares with n buildings,
// informal of them in informal settlements.
func exposureOf(n, informal int, areaHa float64) float64 {
	if n == 0 {
		return 0
	}
	rho := float64(n) / areaHa
	e := rho / (rho + RiskDensityHalfSat)
	s := float64(informal) / float64(n)
	return round4(e * (1 - RiskInformalWeight + RiskInformalWeight*s))
}

// vulnerabilityOf is the vulnerability from the distances to the nearest
// health facility and shelter (negative: none in the extract).
func vulnerabilityOf(healthM, shelterM float64) float64 {
	part := func(d, r float64) float64 {
		if d < 0 {
			return 1
		}
		return math.Min(1, d/r)
	}
	return round4((part(healthM, RiskHealthRangeM) + part(shelterM, RiskShelterRangeM)) / 2)
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

func round1(x float64) float64 { return math.Round(x*10) / 10 }
