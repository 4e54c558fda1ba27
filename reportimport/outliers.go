package reportimport

import (
	"fmt"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// The sanity check on positions, run when there is no deployment area:
// rows farther from the file's median point than outlierFactor times the
// median distance to it (and at least outlierMinMetres) are outliers.
// The median resists the outliers themselves: up to half the rows could
// be anywhere without moving it far.
const (
	outlierFactor    = 10
	outlierMinMetres = 100_000
	// outlierMinRows is the fewest accepted rows the check needs to tell a
	// bulk from a stray point.
	outlierMinRows = 5
)

// rejectOutliers moves the accepted rows far from the bulk of the file to
// the rejections, saying when swapping latitude and longitude or
// restoring a dropped sign would bring a row back among the others.
func (b *builder) rejectOutliers() {
	rows := b.parsed.Rows
	if len(rows) < outlierMinRows {
		return
	}
	lons := make([]float64, len(rows))
	lats := make([]float64, len(rows))
	for i, r := range rows {
		lons[i], lats[i] = r.Report.Location[0], r.Report.Location[1]
	}
	centre := orb.Point{median(lons), median(lats)}
	dist := make([]float64, len(rows))
	for i, r := range rows {
		dist[i] = geo.Distance(centre, r.Report.Location)
	}
	limit := max(outlierFactor*median(slices.Clone(dist)), outlierMinMetres)
	kept := rows[:0]
	for i, r := range rows {
		if dist[i] <= limit {
			kept = append(kept, r)
			continue
		}
		p := r.Report.Location
		reason := fmt.Sprintf("%.6f, %.6f (lat, lon) is %.0f km from the middle of the file's other rows (%.4f, %.4f), where most lie within %.0f km",
			p[1], p[0], dist[i]/1000, centre[1], centre[0], limit/1000)
		for _, fix := range []struct {
			p    orb.Point
			what string
		}{
			{orb.Point{p[1], p[0]}, "latitude and longitude are probably swapped"},
			{orb.Point{-p[0], p[1]}, "the longitude probably lost its sign"},
			{orb.Point{p[0], -p[1]}, "the latitude probably lost its sign"},
			{orb.Point{-p[0], -p[1]}, "both coordinates probably lost their signs"},
		} {
			if fix.p[1] >= -90 && fix.p[1] <= 90 && geo.Distance(centre, fix.p) <= limit {
				reason += "; " + fix.what
				break
			}
		}
		reason += " (to import it anyway: --keep-outliers, or keep_outliers=true on upload)"
		rj := Rejection{Line: r.Line, SourceID: r.SourceID, Code: CodeOutlier, Field: r.coordField, Reason: reason, Source: r.source}
		if r.Feature >= 0 {
			f := r.Feature
			rj.Feature = &f
		}
		b.parsed.Rejected = append(b.parsed.Rejected, rj)
	}
	b.parsed.Rows = kept
}

// median returns the median of v, reordering it.
func median(v []float64) float64 {
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}
