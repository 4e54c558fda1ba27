package data

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/boltkv"
)

// sharedDB is one database handle under two stores: Close is the test's.
type sharedDB struct{ kv.DB }

func (sharedDB) Close() error { return nil }

// twoServers opens two stores on one database, as two servers on one
// PostgreSQL database, with a watcher on a.
func twoServers(t *testing.T) (a, b *Store, seen func() []Change) {
	t.Helper()
	db, err := boltkv.Open(filepath.Join(t.TempDir(), FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	open := func() *Store {
		s, err := OpenEngine(sharedDB{db}, t.TempDir(), Options{Shared: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b = open(), open()
	var mu sync.Mutex
	var changes []Change
	a.Watch(func(c Change) {
		mu.Lock()
		changes = append(changes, c)
		mu.Unlock()
	})
	return a, b, func() []Change {
		mu.Lock()
		defer mu.Unlock()
		out := changes
		changes = nil
		return out
	}
}

func feedReport(lon, lat float64, desc string) Report {
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	return Report{Category: "flood", Description: desc, Location: orb.Point{lon, lat}, LocationSource: SourceGPS,
		ObservedAt: at, ReceivedAt: at, Channel: ChannelWeb, Status: StatusNew}
}

// stagedKey is the change a Create writes: the record staged by id.
func stagedKey(id uint64) ChangedKey {
	return ChangedKey{Bucket: [][]byte{bucketIncoming}, Key: idKey(id)}
}

func TestApplyChangesPublishesTheOthersWrites(t *testing.T) {
	a, b, seen := twoServers(t)
	ctx := context.Background()

	// Another server's report: unknown here until its change is applied.
	other, err := b.Create(ctx, feedReport(39.25, -6.80, "from b"))
	if err != nil {
		t.Fatal(err)
	}
	id := other.Report.ID
	if a.Find(Query{Limit: 10}).Matched != 0 {
		t.Fatal("a knows b's report before applying the feed")
	}
	n, err := a.ApplyChanges([]ChangedKey{stagedKey(id)})
	if err != nil || n != 1 {
		t.Fatalf("ApplyChanges = %d, %v; want 1 report published", n, err)
	}
	got := seen()
	if len(got) != 1 || got[0].Kind != ReportCreated || got[0].Report.ID != id || got[0].Report.Description != "from b" {
		t.Fatalf("a's watcher saw %+v, want b's report created", got)
	}
	box := orb.Bound{Min: orb.Point{39.2, -6.9}, Max: orb.Point{39.3, -6.7}}
	if p := a.Find(Query{BBox: &box, Limit: 10}); p.Matched != 1 || p.IDs[0] != id {
		t.Fatalf("a's bbox query: %+v, want report %d", p, id)
	}

	// Its own report comes back through the feed: announced once, at commit.
	mine, err := a.Create(ctx, feedReport(39.26, -6.81, "from a"))
	if err != nil {
		t.Fatal(err)
	}
	if got := seen(); len(got) != 1 || got[0].Report.ID != mine.Report.ID {
		t.Fatalf("a's own create announced %+v, want once", got)
	}
	if n, err := a.ApplyChanges([]ChangedKey{stagedKey(mine.Report.ID)}); err != nil || n != 0 {
		t.Fatalf("a's own write from the feed: %d published (%v), want 0", n, err)
	}
	if got := seen(); len(got) != 0 {
		t.Fatalf("a's own write announced again: %+v", got)
	}

	// An update by b reaches a's index and watchers.
	if _, _, err := b.UpdateReport(ctx, id, ReportUpdate{At: time.Now(), Change: func(r *Report) error {
		r.Status, r.Description = StatusVerified, "verified by b"
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	if n, err := a.ApplyChanges([]ChangedKey{stagedKey(id)}); err != nil || n != 1 {
		t.Fatalf("ApplyChanges of b's update = %d, %v", n, err)
	}
	got = seen()
	if len(got) != 1 || got[0].Kind != ReportUpdated || got[0].Report.Status != StatusVerified || got[0].Report.Description != "verified by b" {
		t.Fatalf("a's watcher saw %+v, want b's update", got)
	}
	if p := a.Find(Query{Statuses: []Status{StatusVerified}, Limit: 10}); p.Matched != 1 {
		t.Fatalf("a's index does not hold b's status change: %+v", p)
	}
}

// Reports of another server learnt after higher ids of this one take
// their place in id order: found by id, by box and in order.
func TestApplyChangesOutOfOrder(t *testing.T) {
	a, b, _ := twoServers(t)
	ctx := context.Background()
	var late []uint64
	for i := range 5 {
		r, err := b.Create(ctx, feedReport(39.25+float64(i)*0.001, -6.80, "b"))
		if err != nil {
			t.Fatal(err)
		}
		late = append(late, r.Report.ID)
		if _, err := a.Create(ctx, feedReport(39.245-float64(i)*0.001, -6.80, "a")); err != nil {
			t.Fatal(err)
		}
	}
	// The feed brings b's reports after all of a's.
	var changes []ChangedKey
	for _, id := range late {
		changes = append(changes, stagedKey(id))
	}
	if n, err := a.ApplyChanges(changes); err != nil || n != 5 {
		t.Fatalf("ApplyChanges = %d, %v; want 5", n, err)
	}
	page := a.Find(Query{Limit: 100})
	box := orb.Bound{Min: orb.Point{39.2, -6.9}, Max: orb.Point{39.3, -6.7}}
	boxed := a.Find(Query{BBox: &box, Limit: 100})
	for _, p := range []Page{page, boxed} {
		if p.Matched != 10 {
			t.Fatalf("%d reports found, want 10", p.Matched)
		}
		for i := 1; i < len(p.IDs); i++ {
			if p.IDs[i] <= p.IDs[i-1] {
				t.Fatalf("ids out of order: %v", p.IDs)
			}
		}
	}
	for _, id := range late {
		r, err := a.Get(id)
		if err != nil || r.Description != "b" {
			t.Fatalf("Get(%d) = %q, %v", id, r.Description, err)
		}
	}
	// Each row's place in the quadtree is right: a box around each report
	// alone finds it alone.
	for _, id := range page.IDs {
		r, _ := a.Get(id)
		bb := orb.Bound{Min: r.Location, Max: r.Location}.Pad(1e-5)
		if p := a.Find(Query{BBox: &bb, Limit: 10}); p.Matched != 1 || p.IDs[0] != id {
			t.Fatalf("box around report %d finds %+v", id, p)
		}
	}
}

// placeKey is the change of a record written at its place.
func placeKey(r Report) ChangedKey {
	return ChangedKey{Bucket: [][]byte{bucketReports}, Key: recordKey(r.ID, r.Location[0], r.Location[1])}
}

// TestApplyChangesReadsABatch: one feed batch with reports at their place,
// staged, moved (the old place's key first, gone), moved by the stager,
// with a public text set: each is published once, as the writer stored
// it, with its public text, and read the same by both stores.
func TestApplyChangesReadsABatch(t *testing.T) {
	a, b, seen := twoServers(t)
	ctx := context.Background()
	var batch []Report
	for i := range 3 {
		batch = append(batch, feedReport(39.25+float64(i)*0.001, -6.80, fmt.Sprint("placed ", i)))
	}
	created, err := b.CreateMany(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	var changes []ChangedKey
	var ids []uint64
	for _, c := range created {
		changes = append(changes, placeKey(c.Report))
		ids = append(ids, c.Report.ID)
	}
	for i := range 2 {
		c, err := b.Create(ctx, feedReport(39.26+float64(i)*0.001, -6.81, fmt.Sprint("staged ", i)))
		if err != nil {
			t.Fatal(err)
		}
		changes = append(changes, stagedKey(c.Report.ID))
		ids = append(ids, c.Report.ID)
	}
	// ids[0] moves: the feed brings its old place's key, then its new one.
	_, moved, err := b.UpdateReport(ctx, ids[0], ReportUpdate{At: time.Now(), Change: func(r *Report) error {
		r.Location = orb.Point{39.27, -6.79}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	changes = append(changes, placeKey(moved))
	// ids[1] gets a public text.
	text := "Drain blocked near the market"
	if _, _, err := b.UpdateReport(ctx, ids[1], ReportUpdate{At: time.Now(), Change: func(r *Report) error {
		r.PublicText = &text
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	changes = append(changes, ChangedKey{Bucket: [][]byte{bucketPublicText}, Key: idKey(ids[1])})
	// The stager moves the staged reports to their place.
	if err := b.db.Update(b.staging.step); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids[3:] {
		r, err := b.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		changes = append(changes, placeKey(r))
	}

	n, err := a.ApplyChanges(changes)
	if err != nil || n != len(ids) {
		t.Fatalf("ApplyChanges = %d, %v; want %d reports published", n, err, len(ids))
	}
	got := seen()
	if len(got) != len(ids) {
		t.Fatalf("a's watcher saw %d changes, want %d", len(got), len(ids))
	}
	for _, c := range got {
		want, err := b.Get(c.Report.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Kind != ReportCreated || c.Report.Location != want.Location || c.Report.Description != want.Description ||
			!samePublicText(c.Report.PublicText, want.PublicText) {
			t.Errorf("a's watcher saw %+v, want b's report %+v created", c.Report, want)
		}
		r, err := a.Get(want.ID)
		if err != nil || r.Location != want.Location || r.Description != want.Description || !samePublicText(r.PublicText, want.PublicText) {
			t.Errorf("a reads report %d as %+v (%v), b as %+v", want.ID, r, err, want)
		}
	}
	if r, _ := a.Get(ids[1]); r.PublicText == nil || *r.PublicText != text {
		t.Errorf("a reads the public text of report %d as %v", ids[1], r.PublicText)
	}
	if got, want := readAll(t, a, ids), readAll(t, b, ids); got != want {
		t.Errorf("a reads the reports differently from b:\n%s\n%s", got, want)
	}
}
