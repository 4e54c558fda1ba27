package data_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
	"github.com/mtaa-project/mtaa/internal/pgcluster/pgtest"
)

// server is one store on a shared PostgreSQL database, following the
// others' writes through the engine's change feed.
type feedServer struct {
	st   *data.Store
	db   *pgkv.DB
	pos  int64
	mu   sync.Mutex
	seen []data.Change
}

func openFeedServer(t *testing.T, url string) *feedServer {
	t.Helper()
	db, err := pgkv.Open(context.Background(), url, pgkv.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pos, err := db.LastChange(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st, err := data.OpenEngine(db, t.TempDir(), data.Options{Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s := &feedServer{st: st, db: db, pos: pos}
	st.Watch(func(c data.Change) {
		s.mu.Lock()
		s.seen = append(s.seen, c)
		s.mu.Unlock()
	})
	return s
}

// catchUp applies every change of the feed not applied yet and returns
// how many reports it published.
func (s *feedServer) catchUp(t *testing.T) int {
	t.Helper()
	total := 0
	for {
		cs, next, err := s.db.ChangesSince(context.Background(), s.pos)
		if err != nil {
			t.Fatal(err)
		}
		keys := make([]data.ChangedKey, len(cs))
		for i, c := range cs {
			keys[i] = data.ChangedKey{Bucket: c.Bucket, Key: c.Key}
		}
		n, err := s.st.ApplyChanges(keys)
		if err != nil {
			t.Fatal(err)
		}
		total += n
		s.pos = next
		if len(cs) == 0 {
			return total
		}
	}
}

func (s *feedServer) changes() []data.Change {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.seen
	s.seen = nil
	return out
}

// TestFeedOnPostgres: two servers on one database see each other's
// reports through the change feed, each announced once on each server.
func TestFeedOnPostgres(t *testing.T) {
	url := pgtest.NewDatabase(t)
	a, b := openFeedServer(t, url), openFeedServer(t, url)
	ctx := context.Background()
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	var mine, theirs []uint64
	for i := range 20 { // interleaved: ids out of order on each side
		ra, err := a.st.Create(ctx, datatest.Report(orb.Point{39.2 + float64(i)*1e-3, -6.8}, "flood", at))
		if err != nil {
			t.Fatal(err)
		}
		rb, err := b.st.Create(ctx, datatest.Report(orb.Point{39.3 + float64(i)*1e-3, -6.8}, "fire", at))
		if err != nil {
			t.Fatal(err)
		}
		mine, theirs = append(mine, ra.Report.ID), append(theirs, rb.Report.ID)
	}
	if n := a.catchUp(t); n != 20 {
		t.Errorf("a published %d of b's 20 reports", n)
	}
	if n := b.catchUp(t); n != 20 {
		t.Errorf("b published %d of a's 20 reports", n)
	}
	for _, s := range []*feedServer{a, b} {
		created := map[uint64]int{}
		for _, c := range s.changes() {
			if c.Kind == data.ReportCreated {
				created[c.Report.ID]++
			}
		}
		for _, id := range append(append([]uint64{}, mine...), theirs...) {
			if created[id] != 1 {
				t.Errorf("report %d announced %d times, want once", id, created[id])
			}
		}
		if p := s.st.Find(data.Query{Limit: 100}); p.Matched != 40 {
			t.Errorf("%d reports in the index, want 40", p.Matched)
		}
		box := orb.Bound{Min: orb.Point{39.25, -6.9}, Max: orb.Point{39.4, -6.7}}
		if p := s.st.Find(data.Query{BBox: &box, Categories: []string{"fire"}, Limit: 100}); p.Matched != 20 {
			t.Errorf("bbox query: %d of b's reports, want 20", p.Matched)
		}
	}
	// A moderation on a reaches b.
	if _, _, err := a.st.UpdateReport(ctx, theirs[3], data.ReportUpdate{At: at, Change: func(r *data.Report) error {
		r.Status = data.StatusVerified
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	a.changes()
	if n := b.catchUp(t); n != 1 {
		t.Errorf("b published %d changes for a's moderation, want 1", n)
	}
	if got := b.changes(); len(got) != 1 || got[0].Kind != data.ReportUpdated || got[0].Report.Status != data.StatusVerified {
		t.Errorf("b saw %+v, want report %d verified", got, theirs[3])
	}
	if n := a.catchUp(t); n != 0 {
		t.Errorf("a published its own moderation again (%d)", n)
	}
}
