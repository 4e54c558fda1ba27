package data_test

import (
	"context"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

func TestWatchSeesEachNewReportOnceAfterCommit(t *testing.T) {
	s, _ := datatest.NewStore(t)
	ctx := context.Background()
	var mu sync.Mutex
	var got []uint64
	cancel := s.Watch(func(c data.Change) {
		if c.Kind != data.ReportCreated {
			t.Errorf("kind %d, want ReportCreated", c.Kind)
		}
		// The report is durable by now: a read must find it.
		if _, err := s.Get(c.Report.ID); err != nil {
			t.Errorf("watcher called before report %d is readable: %v", c.Report.ID, err)
		}
		mu.Lock()
		got = append(got, c.Report.ID)
		mu.Unlock()
	})

	r := datatest.Report(orb.Point{39.25, -6.81}, "flood", t0)
	r.IdempotencyKey = "same"
	first, err := s.Create(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Create(ctx, r); err != nil { // a repeat stores nothing
		t.Fatal(err)
	}
	many, err := s.CreateMany(ctx, []data.Report{
		datatest.Report(orb.Point{39.26, -6.80}, "fire", t0),
		datatest.Report(orb.Point{39.27, -6.79}, "fire", t0),
	})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	want := []uint64{first.Report.ID, many[0].Report.ID, many[1].Report.ID}
	if len(got) != len(want) {
		t.Fatalf("watcher saw %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("watcher saw %v, want %v", got, want)
		}
	}
	mu.Unlock()

	cancel()
	if _, err := s.Create(ctx, datatest.Report(orb.Point{39.2, -6.8}, "fire", t0)); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 3 {
		t.Fatalf("cancelled watcher still called: %v", got)
	}
}
