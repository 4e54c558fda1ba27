// Command seed fills a data directory with N synthetic reports through
// data.Open and Store.CreateMany, in batches: uniformly random points
// inside an area, random categories of the built-in taxonomy and random
// observation times over the last year. It prints the side (degrees) of a
// square bbox that holds about -per-box reports on average, as a line
// "BBOX_SIZE <degrees>" for scripts.
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

var descriptions = []string{
	"water rising near the market",
	"drain blocked by rubbish",
	"no water since Monday",
	"power line down on the road",
	"garbage not collected for a week",
	"road flooded, cars cannot pass",
	"fire at the kiosk behind the school",
	"",
}

func main() {
	dir := flag.String("data", "./mtaa-data", "data directory to fill (created if missing)")
	n := flag.Int("n", 1_000_000, "number of reports to add")
	batch := flag.Int("batch", 10_000, "reports per transaction")
	area := flag.String("area", "39.15,-6.95,39.35,-6.70", "minLon,minLat,maxLon,maxLat")
	perBox := flag.Float64("per-box", 100, "reports a printed bbox size should hold on average")
	seed := flag.Uint64("seed", 42, "random seed")
	flag.Parse()
	if err := run(*dir, *n, *batch, *area, *perBox, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
}

func run(dir string, n, batch int, areaFlag string, perBox float64, seed uint64) error {
	var a [4]float64
	parts := strings.Split(areaFlag, ",")
	if len(parts) != 4 {
		return fmt.Errorf("-area needs 4 numbers")
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return fmt.Errorf("-area: %w", err)
		}
		a[i] = v
	}
	if n < 1 || batch < 1 || a[0] >= a[2] || a[1] >= a[3] {
		return fmt.Errorf("need n >= 1, batch >= 1 and a non-empty area")
	}
	tax := data.DefaultTaxonomy()
	cats := tax.IDs()
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	now := time.Now().UTC().Truncate(time.Second)
	const year = 365 * 24 * time.Hour

	start := time.Now()
	s, err := data.Open(dir, data.Options{})
	if err != nil {
		return err
	}
	before := s.Extent().Count
	reports := make([]data.Report, 0, batch)
	ctx := context.Background()
	for done := 0; done < n; {
		reports = reports[:0]
		for range min(batch, n-done) {
			observed := now.Add(-time.Duration(rng.Int64N(int64(year))))
			r := data.Report{
				Category:       cats[rng.IntN(len(cats))],
				Description:    descriptions[rng.IntN(len(descriptions))],
				Location:       orb.Point{a[0] + rng.Float64()*(a[2]-a[0]), a[1] + rng.Float64()*(a[3]-a[1])},
				LocationSource: data.SourceGPS,
				ObservedAt:     observed,
				ReceivedAt:     observed.Add(time.Duration(rng.Int64N(int64(time.Hour)))),
				Channel:        data.ChannelWeb,
				Status:         data.StatusNew,
			}
			if err := r.Validate(tax, now); err != nil {
				s.Close()
				return fmt.Errorf("generated an invalid report: %w", err)
			}
			reports = append(reports, r)
		}
		if _, err := s.CreateMany(ctx, reports); err != nil {
			s.Close()
			return err
		}
		done += len(reports)
		if done%100_000 < batch || done == n {
			fmt.Fprintf(os.Stderr, "seed: %d/%d reports, %.0f/s\n", done, n, float64(done)/time.Since(start).Seconds())
		}
	}
	total := s.Extent().Count
	path := s.Path()
	if err := s.Close(); err != nil {
		return err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	// Uniform points: a square of side d holds total*d²/area on average.
	side := math.Sqrt(perBox * (a[2] - a[0]) * (a[3] - a[1]) / float64(total))
	fmt.Printf("seeded %d reports (store had %d, now %d) in %s; file %.0f MB\n",
		n, before, total, time.Since(start).Round(time.Millisecond), float64(fi.Size())/(1<<20))
	fmt.Printf("BBOX_SIZE %.6f\n", side)
	return nil
}
