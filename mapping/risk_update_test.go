package mapping_test

import (
	"context"
	"maps"
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
)

// follow runs r.Follow on store until the test ends.
func follow(t *testing.T, r *mapping.Risk, store *data.Store) context.Context {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := r.Follow(ctx, store)
	t.Cleanup(func() { cancel(); <-done })
	return ctx
}

func TestRiskFollowCatchesUpAndStartsEmpty(t *testing.T) {
	ix := riskWorld(t)
	store, _ := datatest.NewStore(t)
	clk := &clock{t: worldT}
	opts := mapping.RiskOptions{Now: clk.now}
	reps := worldReports()

	// Reports stored between NewRisk and Follow are read when Follow
	// starts.
	r, err := mapping.NewRisk(ix, store, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateMany(context.Background(), reps[:3]); err != nil {
		t.Fatal(err)
	}
	ctx := follow(t, r, store)
	if _, err := store.CreateMany(ctx, reps[3:]); err != nil {
		t.Fatal(err)
	}
	if err := r.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	checkProps(t, feature(t, r, "r1c1"), wantR1C1)
	checkProps(t, feature(t, r, "r3c3"), wantR3C3)

	// An empty layer has nothing until its first computation, which
	// counts the reports stored before it, and those followed meanwhile.
	empty, err := mapping.NewEmptyRisk(store, opts)
	if err != nil {
		t.Fatal(err)
	}
	if empty.Ready() || len(cells(empty)) != 0 || !empty.Bound().IsZero() {
		t.Fatal("a new empty layer has cells")
	}
	if _, ok := empty.Feature("r1c1"); ok {
		t.Fatal("a new empty layer has r1c1")
	}
	if err := empty.Rebuild(context.Background(), nil); err == nil {
		t.Error("Rebuild(nil) of a layer never computed: no error")
	}
	ctx2 := follow(t, empty, store)
	if err := empty.Rebuild(context.Background(), ix); err != nil {
		t.Fatal(err)
	}
	if err := empty.Sync(ctx2); err != nil {
		t.Fatal(err)
	}
	if !empty.Ready() {
		t.Fatal("not ready after Rebuild")
	}
	if got, want := encodeAll(t, empty), encodeAll(t, r); !maps.Equal(got, want) {
		t.Errorf("layer computed late differs:\n%v\n%v", got, want)
	}
}

func TestRiskReportMovedOrRejected(t *testing.T) {
	ix := riskWorld(t)
	store := storeWith(t, worldReports())
	clk := &clock{t: worldT}
	r, err := mapping.NewRisk(ix, store, mapping.RiskOptions{Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	v := r.Version()
	// A report of another category, or outside the area, changes nothing.
	r.Apply(data.Report{ID: 1000, Category: "food", Location: orb.Point{39.2033, -6.8066}, ObservedAt: worldT, Status: data.StatusNew})
	r.Apply(data.Report{ID: 1001, Category: "fire", Location: orb.Point{38, -6}, ObservedAt: worldT, Status: data.StatusNew})
	if r.Version() != v {
		t.Error("a food report and a report outside the area changed the grid")
	}
	// Report 2 (the fresh fire in r1c1) moved to r3c3, then rejected.
	fire, err := store.Get(2)
	if err != nil {
		t.Fatal(err)
	}
	fire.Location = orb.Point{39.2081, -6.8023}
	r.Apply(fire)
	checkProps(t, feature(t, r, "r1c1"), want{"reports": 1, "report_weight": 2.0})
	checkProps(t, feature(t, r, "r3c3"), want{"reports": 2, "report_weight": 5.5})
	fire.Status = data.StatusRejected
	r.Apply(fire)
	checkProps(t, feature(t, r, "r3c3"), want{"reports": 1, "report_weight": 0.5})
	if r.Version() == v {
		t.Error("version unchanged after updates")
	}
}

// TestRiskRebase uses the shortest half-life, so that a report 10 hours
// later lies 600 half-lives after the first: the sums are rescaled and
// stay right.
func TestRiskRebase(t *testing.T) {
	ix := riskWorld(t)
	store, _ := datatest.NewStore(t)
	clk := &clock{t: worldT}
	opts := mapping.RiskOptions{Now: clk.now, HalfLife: time.Minute}
	r, err := mapping.NewRisk(ix, store, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx := follow(t, r, store)
	p := orb.Point{39.2030, -6.8066}
	for _, rep := range []data.Report{datatest.Report(p, "flood", worldT), datatest.Report(p, "fire", worldT.Add(10*time.Hour))} {
		if _, err := store.Create(ctx, rep); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	clk.set(worldT.Add(10*time.Hour + 2*time.Minute))
	checkProps(t, feature(t, r, "r1c1"), want{"reports": 2, "report_weight": 1.25}) // 5 / 4 + 4 × 2^-602
	full, err := mapping.NewRisk(ix, store, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := encodeAll(t, r), encodeAll(t, full); !maps.Equal(got, want) {
		t.Errorf("after a rebase, incremental differs from full:\n%v\n%v", got, want)
	}
	if w := feature(t, r, "r1c1").Properties["report_weight"].(float64); math.IsNaN(w) || math.IsInf(w, 0) {
		t.Errorf("report_weight %v", w)
	}
}

func TestRiskOptionsRejected(t *testing.T) {
	ix := riskWorld(t)
	for _, o := range []mapping.RiskOptions{{CellM: 10}, {CellM: 20000}, {CellM: math.NaN()}, {HalfLife: time.Second}, {HalfLife: -time.Hour}} {
		if _, err := mapping.NewRisk(ix, nil, o); err == nil {
			t.Errorf("NewRisk(%+v) accepted", o)
		}
	}
	// 25 m cells over a 2° × 2° area are more than MaxRiskCells.
	if _, err := mapping.NewRisk(ix, nil, mapping.RiskOptions{CellM: 25,
		Bound: orb.Bound{Min: orb.Point{38, -8}, Max: orb.Point{40, -6}}}); err == nil {
		t.Error("a grid of 80 million cells accepted")
	}
}

func TestAreaSummariesDebounce(t *testing.T) {
	ix := riskWorld(t)
	store := storeWith(t, worldReports())
	clk := &clock{t: worldT}
	r, err := mapping.NewRisk(ix, store, mapping.RiskOptions{Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	sum := mapping.NewAreaSummaries(r, mapping.SummaryOptions{Debounce: time.Minute, MaxAge: time.Hour})
	checkProps(t, feature(t, sum, "admin-way-100"), want{"open_hazard_reports": 2})
	r.Apply(data.Report{ID: 99, Category: "flood", Location: orb.Point{39.2080, -6.8019}, ObservedAt: worldT, Status: data.StatusNew})
	// Within the debounce time the summaries are not recomputed.
	clk.set(worldT.Add(30 * time.Second))
	checkProps(t, feature(t, sum, "admin-way-100"), want{"open_hazard_reports": 2})
	clk.set(worldT.Add(61 * time.Second))
	checkProps(t, feature(t, sum, "admin-way-100"), want{"open_hazard_reports": 3})
	// With no change they are kept until MaxAge, then recomputed with the
	// decayed weights: after 4 weeks r1c1 scores 0.5078 (the drain keeps
	// it high).
	clk.set(worldT.Add(30 * time.Minute))
	checkProps(t, feature(t, sum, "admin-way-100"), want{"as_of": "2026-03-02T12:01:01Z"})
	clk.set(worldT.Add(28 * day))
	checkProps(t, feature(t, sum, "admin-way-100"), want{"as_of": "2026-03-30T12:00:00Z", "buildings_high": 66})
	checkProps(t, feature(t, r, "r1c1"), want{"score": 0.5078, "class": "high", "report_weight": 0.4375})
}

// TestRiskConcurrentReadsAndUpdates reads both layers while reports
// stream in and a full recompute runs (run with -race).
func TestRiskConcurrentReadsAndUpdates(t *testing.T) {
	ix := riskWorld(t)
	store, _ := datatest.NewStore(t)
	clk := &clock{t: worldT}
	r, err := mapping.NewRisk(ix, store, mapping.RiskOptions{Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	sum := mapping.NewAreaSummaries(r, mapping.SummaryOptions{Debounce: -1})
	ctx := follow(t, r, store)
	stop := make(chan struct{})
	readDone := make(chan int)
	go func() {
		reads := 0
		for {
			select {
			case <-stop:
				readDone <- reads
				return
			default:
			}
			n := len(cells(r))
			sum.Features(orb.Bound{}, func(*geojson.Feature) bool { return true })
			if n < len(worldCells) {
				t.Errorf("read %d cells, want at least %d", n, len(worldCells))
			}
			reads++
		}
	}()
	for i := 0; i < 50; i++ {
		p := orb.Point{39.2001 + float64(i)*0.00019, -6.8099 + float64(i)*0.00019}
		if _, err := store.Create(ctx, datatest.Report(p, "flood", worldT.Add(-time.Duration(i)*time.Hour))); err != nil {
			t.Fatal(err)
		}
		if i == 25 {
			if err := r.Rebuild(ctx, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := r.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	close(stop)
	<-readDone
	full, err := mapping.NewRisk(ix, store, mapping.RiskOptions{Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	got, want := encodeAll(t, r), encodeAll(t, full)
	if !maps.Equal(got, want) {
		t.Errorf("after concurrent updates and a rebuild, the layer differs from a full recompute")
	}
	total := 0
	for _, f := range cells(r) {
		total += f.Properties["reports"].(int)
	}
	if total != 50 {
		t.Errorf("cells count %d reports, want 50", total)
	}
}
