package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/internal/pgcluster/pgtest"
)

// silentFeed is PostgreSQL's change feed whose LISTEN connection goes
// silent after connecting: fn is called once, as after a (re)connection,
// and never again, as when notifications are lost without an error this
// side sees.
type silentFeed struct{ changeFeed }

func (f silentFeed) Listen(ctx context.Context, fn func()) error {
	fn()
	<-ctx.Done()
	return ctx.Err()
}

// stuckFeed is PostgreSQL's change feed whose reads hang, ctx or not,
// until release is closed (a catch-up held by something that never
// returns).
type stuckFeed struct {
	changeFeed
	release chan struct{}
}

func (f stuckFeed) ChangesSince(ctx context.Context, after int64) ([]data.ChangedKey, int64, error) {
	<-f.release
	return f.changeFeed.ChangesSince(ctx, after)
}

// openFollowed opens two stores on one fresh database: a writes, b
// follows a's writes through feed(b's PostgreSQL feed), as mtaa serve
// does, until the test ends.
func openFollowed(t *testing.T, feed func(changeFeed) changeFeed, poll, stuck time.Duration, log *slog.Logger) (a, b *data.Store) {
	t.Helper()
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	a, _, err := data.OpenPostgres(ctx, url, t.TempDir(), data.Options{Shared: true}, data.PostgresOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	b, db, err := data.OpenPostgres(ctx, url, t.TempDir(), data.Options{Shared: true}, data.PostgresOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	pg := pgFeed{db.DB}
	from, err := pg.LastChange(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sh := &sharedStore{feed: feed(pg), from: from, poll: poll, stuck: stuck}
	fctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- sh.follow(fctx, b, log) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("follow: %v", err)
		}
	})
	return a, b
}

// waitFor waits up to 15 s for b to hold report id.
func waitFor(t *testing.T, b *data.Store, id uint64) bool {
	t.Helper()
	for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if _, err := b.Get(id); err == nil {
			return true
		}
	}
	return false
}

// TestFollowWithoutNotifications: a server whose feed notifications stop
// arriving (the cluster crash test saw one stop following the others'
// writes, silently) still applies them, from its poll; keeping up, it is
// not logged as behind.
func TestFollowWithoutNotifications(t *testing.T) {
	var logs syncBuffer
	a, b := openFollowed(t, func(f changeFeed) changeFeed { return silentFeed{f} }, 100*time.Millisecond, 1500*time.Millisecond,
		slog.New(slog.NewTextHandler(&logs, nil)))
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	for i, end := 0, time.Now().Add(4*time.Second); time.Now().Before(end); i++ {
		r, err := a.Create(context.Background(), datatest.Report(orb.Point{39.2 + float64(i)*1e-4, -6.8}, "flood", at))
		if err != nil {
			t.Fatal(err)
		}
		if !waitFor(t, b, r.Report.ID) {
			t.Fatalf("report %d (the %d. written by the other server) never reached the follower", r.Report.ID, i+1)
		}
	}
	if got := logs.String(); strings.Contains(got, "behind") {
		t.Errorf("a follower keeping up was logged as behind:\n%.2000s", got)
	}
}

// syncBuffer is a log destination several goroutines write.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestFollowStuckIsLogged: a follower whose catch-up does not return is
// logged as behind the feed, with the goroutine that holds it, and as
// caught up once it returns.
func TestFollowStuckIsLogged(t *testing.T) {
	var logs syncBuffer
	release := make(chan struct{})
	a, b := openFollowed(t, func(f changeFeed) changeFeed { return stuckFeed{f, release} }, 100*time.Millisecond,
		300*time.Millisecond, slog.New(slog.NewTextHandler(&logs, nil)))
	r, err := a.Create(context.Background(), datatest.Report(orb.Point{39.2, -6.8}, "flood", time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	for end := time.Now().Add(10 * time.Second); !strings.Contains(logs.String(), "behind the change feed"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			close(release)
			t.Fatalf("a follower held behind was not logged; log:\n%s", logs.String())
		}
	}
	if got := logs.String(); !strings.Contains(got, "level=WARN") || !strings.Contains(got, "stuckFeed.ChangesSince") {
		t.Errorf("the log of a follower held behind names no WARN or not the goroutine holding it:\n%.2000s", got)
	}
	close(release)
	if !waitFor(t, b, r.Report.ID) {
		t.Fatalf("report %d never reached the follower after its catch-up returned", r.Report.ID)
	}
	for end := time.Now().Add(10 * time.Second); !strings.Contains(logs.String(), "caught up with the change feed again"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("the follower's catching up was not logged; log:\n%.2000s", logs.String())
		}
	}
}
