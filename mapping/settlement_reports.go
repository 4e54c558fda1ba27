package mapping

import (
	"math"
	"time"

	"github.com/mtaa-project/mtaa/data"
)

// reportFact is what the report counts need of one report.
type reportFact struct {
	category   string
	open       bool
	observedAt time.Time
}

// reportFacts reads the reports inside a settlement.
func (l *SettlementLayer) reportFacts(it *settlementItem) []reportFact {
	b := it.bound
	page := l.store.Find(data.Query{BBox: &b, Limit: math.MaxInt32})
	var out []reportFact
	for _, id := range page.IDs {
		r, err := l.store.Get(id)
		if err != nil || !it.pip.contains(r.Location) {
			continue
		}
		out = append(out, reportFact{category: r.Category, open: isOpen(r.Status), observedAt: r.ObservedAt})
	}
	return out
}

// isOpen reports whether a report still needs action: new, verified or in
// progress (not rejected, duplicate or resolved).
func isOpen(s data.Status) bool {
	return s == data.StatusNew || s == data.StatusVerified || s == data.StatusInProgress
}

// reportCount is the count of one category in a settlement.
type reportCount struct {
	Total      int `json:"total"`
	Open       int `json:"open"`
	Last30Days int `json:"last_30_days"`
}

// countReports counts facts by category: total, open, and observed in the
// RecentReportsWindow before now.
func countReports(facts []reportFact, now time.Time) (byCat map[string]reportCount, total, open, recent int) {
	byCat = map[string]reportCount{}
	since := now.Add(-RecentReportsWindow)
	for _, r := range facts {
		c := byCat[r.category]
		c.Total++
		total++
		if r.open {
			c.Open++
			open++
		}
		if !r.observedAt.Before(since) && !r.observedAt.After(now) {
			c.Last30Days++
			recent++
		}
		byCat[r.category] = c
	}
	return byCat, total, open, recent
}
