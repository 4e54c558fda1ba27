package data

// Benchmarks of the store, each next to a naive baseline:
//
//	BenchmarkCreateParallel         64 writers through Store.Create (group commit)
//	BenchmarkCreateParallelNaive    64 writers, one bbolt Update (one fsync) per report
//	BenchmarkFindBBox/n=...         bbox query of ~100 reports through the index
//	BenchmarkFindBBoxNaive/n=...    the same queries by a linear scan of every row
//	BenchmarkOpen                   start-up index rebuild from 100k stored reports
//	BenchmarkOpenNeeds              the same, a third of them with several needs
//	BenchmarkLoadIndex(Needs)       the index rebuild alone (no file check), 100k reports
//	BenchmarkAppendFeatures         the GeoJSON of a page of ~100 reports of one box, 200k stored
//
// Run: go test -run='^$' -bench=. -benchmem ./data/

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/internal/cputime"
	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/boltkv"
)

// benchArea is Dar es Salaam: minLon, minLat, maxLon, maxLat.
var benchArea = [4]float64{39.15, -6.95, 39.35, -6.70}

var benchCategories = DefaultTaxonomy().IDs()

var benchT0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// benchReport is a valid web report at a random point of benchArea.
func benchReport(rng *rand.Rand) Report {
	observed := benchT0.Add(-time.Duration(rng.Int64N(int64(365 * 24 * time.Hour)))).Truncate(time.Second)
	return Report{
		Category:       benchCategories[rng.IntN(len(benchCategories))],
		Description:    "water rising near the market",
		Location:       benchPoint(rng),
		LocationSource: SourceGPS,
		ObservedAt:     observed,
		ReceivedAt:     observed,
		Channel:        ChannelWeb,
		Status:         StatusNew,
	}
}

func benchPoint(rng *rand.Rand) orb.Point {
	return orb.Point{
		benchArea[0] + rng.Float64()*(benchArea[2]-benchArea[0]),
		benchArea[1] + rng.Float64()*(benchArea[3]-benchArea[1]),
	}
}

// benchBoxes returns count square boxes inside benchArea that hold about
// perBox of n uniform points each.
func benchBoxes(n, count int, perBox float64, seed uint64) []orb.Bound {
	w, h := benchArea[2]-benchArea[0], benchArea[3]-benchArea[1]
	side := math.Sqrt(perBox * w * h / float64(n))
	rng := rand.New(rand.NewPCG(seed, 2))
	boxes := make([]orb.Bound, count)
	for i := range boxes {
		x := benchArea[0] + rng.Float64()*(w-side)
		y := benchArea[1] + rng.Float64()*(h-side)
		boxes[i] = orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + side, y + side}}
	}
	return boxes
}

func openBenchStore(b *testing.B, dir string) *Store {
	b.Helper()
	s, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// fillBenchStore adds n random reports in transactions of 10,000.
func fillBenchStore(b *testing.B, s *Store, n int, seed uint64) {
	fillBenchStoreNeeds(b, s, n, seed, 0)
}

// fillBenchStoreNeeds is fillBenchStore where one report in every
// multiEvery (none for 0) has two or three needs.
func fillBenchStoreNeeds(b *testing.B, s *Store, n int, seed uint64, multiEvery int) {
	b.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	batch := make([]Report, 0, 10_000)
	for done := 0; done < n; done += len(batch) {
		batch = batch[:0]
		for i := range min(cap(batch), n-done) {
			r := benchReport(rng)
			if multiEvery > 0 && (done+i)%multiEvery == 0 {
				for range 1 + rng.IntN(2) {
					if c := benchCategories[rng.IntN(len(benchCategories))]; !r.HasNeed(c) {
						r.Needs = append(r.Needs, c)
					}
				}
			}
			batch = append(batch, r)
		}
		if _, err := s.CreateMany(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
	}
}

// benchWriters is the number of concurrent writers, as in the HTTP
// ingestion benchmark (64 clients).
const benchWriters = 64

// runWriters calls create b.N times from benchWriters goroutines.
func runWriters(b *testing.B, create func(r Report) error) {
	b.Helper()
	reports := make([]Report, 1024)
	rng := rand.New(rand.NewPCG(1, 1))
	for i := range reports {
		reports[i] = benchReport(rng)
	}
	var next sync.Mutex
	left := b.N
	var wg sync.WaitGroup
	errs := make(chan error, benchWriters)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for w := range benchWriters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ; i += benchWriters {
				next.Lock()
				if left == 0 {
					next.Unlock()
					return
				}
				left--
				next.Unlock()
				if err := create(reports[i%len(reports)]); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "reports/s")
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
}

// BenchmarkCreateParallel: 64 writers through Store.Create, whose
// committer shares one transaction and one fsync among the writers waiting,
// into an empty store and into one already holding 100k reports. Besides
// the rate it reports the writes per commit (fsync) and the 4 KB pages each
// commit writes, which the fsync has to wait for.
func BenchmarkCreateParallel(b *testing.B) {
	for _, stored := range []int{0, 100_000} {
		b.Run(fmt.Sprintf("stored=%dk", stored/1000), func(b *testing.B) {
			s := openBenchStore(b, b.TempDir())
			defer s.Close()
			ctx := context.Background()
			rng := rand.New(rand.NewPCG(9, 9))
			for done := 0; done < stored; done += 10_000 {
				batch := make([]Report, 10_000)
				for i := range batch {
					batch[i] = benchReport(rng)
				}
				if _, err := s.CreateMany(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			stats0, commits0 := s.db.(*boltkv.DB).Bolt().Stats(), s.CommitStats()
			runWriters(b, func(r Report) error {
				_, err := s.Create(ctx, r)
				return err
			})
			stats, commits := s.db.(*boltkv.DB).Bolt().Stats(), s.CommitStats()
			tx := stats.TxStats.Sub(&stats0.TxStats)
			if n := commits.Commits - commits0.Commits; n > 0 {
				b.ReportMetric(float64(commits.Writes-commits0.Writes)/float64(n), "writes/commit")
				b.ReportMetric(float64(tx.GetWrite())/float64(n), "pages/commit")
			}
		})
	}
}

// BenchmarkCreateParallelNaive is the baseline: the same 64 writers, each
// report in a bbolt Update of its own (one commit and fsync per report).
func BenchmarkCreateParallelNaive(b *testing.B) {
	s := openBenchStore(b, b.TempDir())
	defer s.Close()
	runWriters(b, func(r Report) error {
		var res CreateResult
		err := s.db.Update(func(tx kv.Tx) error {
			var err error
			res, err = s.createInTx(tx, r, nil, false)
			return err
		})
		if err == nil {
			s.index.add(summaryOf(&res.Report))
		}
		return err
	})
}

// benchIndexes caches one index per size: building the 1M one takes about
// a second and it is read-only once built.
var benchIndexes = struct {
	sync.Mutex
	m map[int]*reportIndex
}{m: map[int]*reportIndex{}}

// benchIndex returns an index of n random reports, built directly (the
// summaries a store would load at start-up), without a database.
func benchIndex(n int) *reportIndex {
	benchIndexes.Lock()
	defer benchIndexes.Unlock()
	if x, ok := benchIndexes.m[n]; ok {
		return x
	}
	x := newReportIndex()
	rng := rand.New(rand.NewPCG(uint64(n), 3))
	for i := range n {
		r := benchReport(rng)
		r.ID = uint64(i + 1)
		x.add(summaryOf(&r))
	}
	benchIndexes.m[n] = x
	return x
}

var benchSizes = []int{10_000, 100_000, 1_000_000}

// forSizes runs fn as a sub-benchmark per index size.
func forSizes(b *testing.B, fn func(b *testing.B, x *reportIndex, boxes []orb.Bound)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			x := benchIndex(n)
			boxes := benchBoxes(n, 4096, 100, 9)
			fn(b, x, boxes)
		})
	}
}

// naiveFind answers q by a linear scan of every row: the baseline.
func (x *reportIndex) naiveFind(q Query) Page {
	x.mu.RLock()
	defer x.mu.RUnlock()
	f, possible := x.compile(q)
	if !possible {
		return Page{}
	}
	var page Page
	for i := range x.rows {
		r := &x.rows[i]
		if q.BBox != nil && !q.BBox.Contains(orb.Point{r.lon, r.lat}) || !f.match(r) {
			continue
		}
		if page.Matched >= q.Offset && len(page.IDs) < q.Limit {
			page.IDs = append(page.IDs, r.id)
		}
		page.Matched++
	}
	return page
}

// BenchmarkFindBBox: a page of up to 100 reports from a box holding about
// 100, through the quadtree.
func BenchmarkFindBBox(b *testing.B) {
	forSizes(b, func(b *testing.B, x *reportIndex, boxes []orb.Bound) {
		// The index and the scan must agree before either is timed.
		for _, box := range boxes[:20] {
			q := Query{BBox: &box, Limit: 100}
			if got, want := x.find(q), x.naiveFind(q); got.Matched != want.Matched || !slices.Equal(got.IDs, want.IDs) {
				b.Fatalf("index and scan disagree on %v: %d vs %d", box, got.Matched, want.Matched)
			}
		}
		matched := 0
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			matched += x.find(Query{BBox: &boxes[i%len(boxes)], Limit: 100}).Matched
		}
		b.ReportMetric(float64(matched)/float64(b.N), "matched/op")
	})
}

// BenchmarkFindBBoxNaive is the baseline: the same queries by a linear scan.
func BenchmarkFindBBoxNaive(b *testing.B) {
	forSizes(b, func(b *testing.B, x *reportIndex, boxes []orb.Bound) {
		matched := 0
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			matched += x.naiveFind(Query{BBox: &boxes[i%len(boxes)], Limit: 100}).Matched
		}
		b.ReportMetric(float64(matched)/float64(b.N), "matched/op")
	})
}

// BenchmarkOpen: opening a store of 100k reports, which rebuilds the
// in-memory index from the records.
func BenchmarkOpen(b *testing.B) { benchmarkOpen(b, 0) }

// BenchmarkOpenNeeds is BenchmarkOpen with a third of the reports
// carrying two or three needs, which start-up reads from the records' ends.
func BenchmarkOpenNeeds(b *testing.B) { benchmarkOpen(b, 3) }

// benchmarkOpen opens a store of 100k reports, one in every multiEvery of
// which (none for 0) has several needs.
func benchmarkOpen(b *testing.B, multiEvery int) {
	const n = 100_000
	dir := b.TempDir()
	s := openBenchStore(b, dir)
	if multiEvery == 0 {
		fillBenchStore(b, s, n, 5)
	} else {
		fillBenchStoreNeeds(b, s, n, 5, multiEvery)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	// The tree built in one pass at start-up answers as a scan does.
	s = openBenchStore(b, dir)
	for _, box := range benchBoxes(n, 50, 100, 11) {
		q := Query{BBox: &box, Limit: 100}
		if got, want := s.index.find(q), s.index.naiveFind(q); got.Matched != want.Matched || !slices.Equal(got.IDs, want.IDs) {
			b.Fatalf("reopened index and scan disagree on %v: %d vs %d", box, got.Matched, want.Matched)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process()
	for b.Loop() {
		s := openBenchStore(b, dir)
		if got := s.Extent().Count; got != n {
			b.Fatalf("opened with %d reports, want %d", got, n)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

// reportCPU reports the process's CPU time per op since start, when known.
func reportCPU(b *testing.B, start time.Duration) {
	if end := cputime.Process(); end > 0 {
		b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkLoadIndex: the part of opening that reads every record's index
// fields and builds the in-memory index (init), 100k reports, without the
// file check and prefetch BenchmarkOpen also times.
func BenchmarkLoadIndex(b *testing.B) { benchmarkLoadIndex(b, 0) }

// BenchmarkLoadIndexNeeds is BenchmarkLoadIndex with a third of the
// reports carrying two or three needs.
func BenchmarkLoadIndexNeeds(b *testing.B) { benchmarkLoadIndex(b, 3) }

func benchmarkLoadIndex(b *testing.B, multiEvery int) {
	const n = 100_000
	s := openBenchStore(b, b.TempDir())
	defer s.Close()
	fillBenchStoreNeeds(b, s, n, 5, multiEvery)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process()
	for b.Loop() {
		s.index = newReportIndex()
		if err := s.init(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportCPU(b, cpu)
	if got := s.Extent().Count; got != n {
		b.Fatalf("loaded %d reports, want %d", got, n)
	}
	if multiEvery > 0 {
		want := s.index.naiveFind(Query{Categories: []string{benchCategories[0]}})
		if got := s.Find(Query{Categories: []string{benchCategories[0]}}); got.Matched != want.Matched || got.Matched == 0 {
			b.Fatalf("category filter: %d, scan %d", got.Matched, want.Matched)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

// BenchmarkAppendFeatures: the features of one page of ~100 reports from a
// box, read from a store of 200k reports and written as GeoJSON: from the
// file (bbolt), and from the records in memory that a store on PostgreSQL
// keeps (memory_records.go), loaded at start as there.
func BenchmarkAppendFeatures(b *testing.B) {
	const n = 200_000
	dir := b.TempDir()
	s := openBenchStore(b, dir)
	fillBenchStore(b, s, n, 7)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	for _, mem := range []bool{false, true} {
		b.Run(map[bool]string{false: "file", true: "memory"}[mem], func(b *testing.B) {
			s, err := Open(dir, Options{recordsInMemory: mem})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			for _, a := range []Audience{AudiencePublic, AudienceStaff} {
				b.Run(map[Audience]string{AudiencePublic: "public", AudienceStaff: "staff"}[a], func(b *testing.B) {
					benchmarkAppendFeatures(b, s, n, a)
				})
			}
		})
	}
}

func benchmarkAppendFeatures(b *testing.B, s *Store, n int, a Audience) {
	boxes := benchBoxes(n, 1000, 100, 13)
	pages := make([][]uint64, len(boxes))
	for i := range boxes {
		pages[i] = s.Find(Query{BBox: &boxes[i], Limit: 100}).IDs
	}
	var buf []byte
	features := 0
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		var got int
		var err error
		buf, got, err = s.AppendFeatures(buf[:0], pages[i%len(pages)], a)
		if err != nil {
			b.Fatal(err)
		}
		features += got
		i++
	}
	b.ReportMetric(float64(features)/float64(b.N), "features/op")
}

// BenchmarkFindBBoxPublic is BenchmarkFindBBox as the public asks it,
// against generalised positions for the sensitive categories: compare it
// with BenchmarkFindBBox, the staff's query, in the same run.
func BenchmarkFindBBoxPublic(b *testing.B) {
	p := NewPrivacy(DefaultTaxonomy())
	forSizes(b, func(b *testing.B, x *reportIndex, boxes []orb.Bound) {
		matched := 0
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			matched += x.findPublic(Query{BBox: &boxes[i%len(boxes)], Limit: 100, PublicPositions: true}, p).Matched
		}
		b.ReportMetric(float64(matched)/float64(b.N), "matched/op")
	})
}
