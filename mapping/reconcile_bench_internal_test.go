package mapping

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// BenchmarkReconcile reconciles one report on the Delaware index, with a
// store of 10,000 reports nearby for the duplicate search, per category
// (the target is 100 µs a report).
func BenchmarkReconcile(b *testing.B) {
	ix, pts := delawareIndex(b)
	rules, err := LoadRules("")
	if err != nil {
		b.Fatal(err)
	}
	store, err := data.Open(b.TempDir(), data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	r := rand.New(rand.NewPCG(3, 3))
	now := time.Now().UTC()
	cats := []string{"flood", "water_supply", "sanitation", "medical", "road_blocked", "other"}
	var seed []data.Report
	for i := 0; i < 10000; i++ {
		p := pts[r.IntN(len(pts))]
		seed = append(seed, data.Report{Category: cats[r.IntN(len(cats))], Location: orb.Point{p[0] + (r.Float64()-0.5)*0.002, p[1]},
			LocationSource: data.SourceGPS, ObservedAt: now.Add(-time.Duration(r.IntN(72)) * time.Hour), ReceivedAt: now,
			Channel: data.ChannelWeb, Status: data.StatusNew})
	}
	if _, err := store.CreateMany(context.Background(), seed); err != nil {
		b.Fatal(err)
	}
	rc := NewReconciler(ix, rules, store)
	for _, cat := range cats {
		b.Run(cat, func(b *testing.B) {
			b.ReportAllocs()
			rep := data.Report{Category: cat, ObservedAt: now}
			i := 0
			for b.Loop() {
				rep.Location = pts[i%len(pts)]
				rc.Reconcile(&rep)
				i++
			}
		})
	}
}
