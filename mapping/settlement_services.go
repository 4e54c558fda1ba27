package mapping

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// The services whose access the informal-settlements layer measures, in
// output order.
const (
	ServiceWater   = "water"   // drinking water, water points, taps, wells
	ServiceToilet  = "toilet"  // amenity=toilets
	ServiceSchool  = "school"  // amenity=school
	ServiceHealth  = "health"  // hospitals, clinics, doctors, healthcare=* (not pharmacies or dentists)
	ServiceShelter = "shelter" // amenity=shelter, emergency=assembly_point, social_facility=shelter
)

// Services lists the measured services in output order.
var Services = []string{ServiceWater, ServiceToilet, ServiceSchool, ServiceHealth, ServiceShelter}

// DefaultServiceThresholds are the distances in metres beyond which a
// building counts as lacking a service: water 250 m (stricter than the
// Sphere handbook's 500 m maximum to a water point, as crowded
// settlements need), toilet 100 m (Sphere asks for 50 m to household or
// shared toilets; OSM maps public toilets only), school and health
// facility 1000 m (a walk of about a quarter of an hour), shelter or
// assembly point 500 m (for evacuation on foot).
func DefaultServiceThresholds() map[string]float64 {
	return map[string]float64{ServiceWater: 250, ServiceToilet: 100, ServiceSchool: 1000, ServiceHealth: 1000, ServiceShelter: 500}
}

// ParseServiceThresholds reads "water=250,toilet=100" on top of the
// defaults; an empty string gives the defaults.
func ParseServiceThresholds(s string) (map[string]float64, error) {
	out := DefaultServiceThresholds()
	if strings.TrimSpace(s) == "" {
		return out, nil
	}
	for _, part := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if _, known := out[name]; !ok || !known {
			return nil, fmt.Errorf("service threshold %q: want SERVICE=METRES with SERVICE one of %s", part, strings.Join(Services, ", "))
		}
		m, err := strconv.ParseFloat(val, 64)
		if err != nil || m <= 0 || math.IsInf(m, 0) || math.IsNaN(m) {
			return nil, fmt.Errorf("service threshold %q: the distance must be a positive number of metres", part)
		}
		out[name] = m
	}
	return out, nil
}

// serviceOf tells which measured service an OSM feature provides, if any.
// Water features hold toilets too (data.KindWater): the class tells them
// apart.
func serviceOf(f *data.OSMFeature) (string, bool) {
	switch f.Kind {
	case data.KindWater:
		switch f.Class {
		case "drinking_water", "water_point", "water_well", "water_tap":
			return ServiceWater, true
		case "toilets":
			return ServiceToilet, true
		}
	case data.KindEducation:
		if f.Class == "school" {
			return ServiceSchool, true
		}
	case data.KindHealth:
		if f.Class != "pharmacy" && f.Class != "dentist" {
			return ServiceHealth, true
		}
	case data.KindSafety:
		switch f.Class {
		case "shelter", "assembly_point", "social_shelter":
			return ServiceShelter, true
		}
	}
	return "", false
}

// serviceIndexes indexes the facilities of each service on their own, so
// that a nearest query finds the nearest of that service only.
func serviceIndexes(ix *Index) map[string]*Index {
	by := map[string][]*data.OSMFeature{}
	for _, kind := range []data.FeatureKind{data.KindWater, data.KindEducation, data.KindHealth, data.KindSafety} {
		k := ix.byKind[kind]
		if k == nil {
			continue
		}
		for _, f := range k.feats {
			if svc, ok := serviceOf(f); ok {
				by[svc] = append(by[svc], f)
			}
		}
	}
	out := make(map[string]*Index, len(Services))
	for _, svc := range Services {
		out[svc] = NewIndex(by[svc])
	}
	return out
}

// serviceGap summarises the distances from a settlement's buildings to
// the nearest facility of one service.
type serviceGap struct {
	ThresholdM  float64  `json:"threshold_m"`
	ShareBeyond *float64 `json:"share_beyond"` // nil without buildings
	MedianM     *float64 `json:"median_m"`     // nil without buildings or facilities
	MaxM        *float64 `json:"max_m"`
	// Facilities is false when the extract has no facility of the
	// service at all (then every building is beyond the threshold).
	Facilities bool `json:"facilities_in_extract"`
}

// gapOf summarises distances (+Inf for "no facility at all") against a
// threshold: share_beyond counts the buildings strictly farther than it;
// the median of an even count is the mean of the middle two.
func gapOf(dists []float64, threshold float64, facilities bool) serviceGap {
	g := serviceGap{ThresholdM: threshold, Facilities: facilities}
	if len(dists) == 0 {
		return g
	}
	sort.Float64s(dists)
	beyond := len(dists) - sort.SearchFloat64s(dists, math.Nextafter(threshold, math.Inf(1)))
	share := round(float64(beyond)/float64(len(dists)), 4)
	g.ShareBeyond = &share
	n := len(dists)
	median := dists[n/2]
	if n%2 == 0 {
		median = (dists[n/2-1] + dists[n/2]) / 2
	}
	if !math.IsInf(median, 0) {
		m := round(median, 1)
		g.MedianM = &m
	}
	if mx := dists[n-1]; !math.IsInf(mx, 0) {
		m := round(mx, 1)
		g.MaxM = &m
	}
	return g
}

func round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

// eachPointIn calls fn with every point feature of k (buildings, which
// are stored as centroids) inside b, looking only at the grid cells b
// covers.
func (k *kindIndex) eachPointIn(b orb.Bound, fn func(*data.OSMFeature)) {
	g := k.grid
	if g == nil || len(k.feats) == 0 || !g.bound.Intersects(b) {
		return
	}
	visit := func(i int32) {
		pc := &k.pieces[i]
		if pc.pts != nil {
			return
		}
		if f := k.feats[pc.feat]; b.Contains(f.Point) {
			fn(f)
		}
	}
	x0, y0 := g.cellOf(b.Min)
	x1, y1 := g.cellOf(b.Max)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			for _, i := range g.cellItems(x, y) {
				visit(i)
			}
		}
	}
	for _, i := range g.big {
		visit(i)
	}
}
