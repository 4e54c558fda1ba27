package server

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// TestBrokerDropsSlowClientWithoutBlockingCommits fills a stream that is
// never read: commits go on, the stream is dropped, a reading stream gets
// every event.
func TestBrokerDropsSlowClientWithoutBlockingCommits(t *testing.T) {
	st, _ := datatest.NewStore(t)
	b := newBroker(st, 10, 0, slog.New(slog.NewTextHandler(io.Discard, nil)))
	defer b.close()
	slow, ok := b.subscribe("192.0.2.1")
	if !ok {
		t.Fatal("subscribe")
	}
	fast, _ := b.subscribe("192.0.2.1")
	got := make(chan uint64, 1000)
	go func() {
		for ev := range fast.ch {
			got <- ev.id
		}
	}()
	n := clientQueue + 20
	var last uint64
	for i := 0; i < n; i++ {
		res, err := st.Create(context.Background(), datatest.Report(orb.Point{36.8, -1.3}, "flood", time.Now()))
		if err != nil {
			t.Fatal(err)
		}
		last = res.Report.ID
	}
	select {
	case <-slow.kicked:
	case <-time.After(10 * time.Second):
		t.Fatal("the slow client was not dropped")
	}
	if b.kicked.Load() != 1 {
		t.Errorf("kicked %d clients, want 1", b.kicked.Load())
	}
	for id := range got {
		if id == last {
			break
		}
	}
	if b.lastID.Load() != last {
		t.Errorf("lastID %d, want %d", b.lastID.Load(), last)
	}
}

// TestBrokerReportUpdated publishes a store's update notice as a
// report-updated event without an id line, so that a client's
// Last-Event-ID keeps pointing at the newest created report.
func TestBrokerReportUpdated(t *testing.T) {
	st, _ := datatest.NewStore(t)
	b := newBroker(st, 10, 0, slog.New(slog.NewTextHandler(io.Discard, nil)))
	defer b.close()
	c, _ := b.subscribe("192.0.2.1")
	res, err := st.Create(context.Background(), datatest.Report(orb.Point{36.8, -1.3}, "flood", time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	<-c.ch // the creation
	b.onChange(data.Change{Kind: data.ReportUpdated, Report: res.Report})
	select {
	case ev := <-c.ch:
		s := string(ev.data)
		if !strings.HasPrefix(s, "event: report-updated\ndata: {") || strings.Contains(s, "\nid:") || ev.created {
			t.Errorf("update event %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no update event")
	}
}

func TestEncodeEventSplitsLines(t *testing.T) {
	got := string(encodeEvent(nil, "report", 7, true, []byte("a\nb\r\nc")))
	if want := "event: report\nid: 7\ndata: a\ndata: b\ndata: c\n\n"; got != want {
		t.Errorf("encodeEvent = %q, want %q", got, want)
	}
}

// TestBrokerResyncAfterDroppedChanges: when the queue was full and
// changes were dropped, streams get a resync event before the next one.
func TestBrokerResyncAfterDroppedChanges(t *testing.T) {
	st, _ := datatest.NewStore(t)
	b := newBroker(st, 10, 0, slog.New(slog.NewTextHandler(io.Discard, nil)))
	defer b.close()
	c, _ := b.subscribe("192.0.2.1")
	b.dropped.Add(3) // as onChange does when the queue is full
	res, err := st.Create(context.Background(), datatest.Report(orb.Point{36.8, -1.3}, "flood", time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	first, second := <-c.ch, <-c.ch
	if got := string(first.data); got != "event: resync\ndata: {\"dropped\":3}\n\n" {
		t.Errorf("first event %q, want a resync", got)
	}
	if second.id != res.Report.ID || !second.created {
		t.Errorf("second event %+v, want report %d", second, res.Report.ID)
	}
}

// TestBrokerCapsStreamsPerAddress: one address holds at most its share of
// the streams, another address still gets one, and a closed stream frees
// its place.
func TestBrokerCapsStreamsPerAddress(t *testing.T) {
	st, _ := datatest.NewStore(t)
	b := newBroker(st, 10, 3, slog.New(slog.NewTextHandler(io.Discard, nil)))
	defer b.close()
	var mine []*streamClient
	for range 3 {
		c, ok := b.subscribe("198.51.100.7")
		if !ok {
			t.Fatal("refused below the per-address cap")
		}
		mine = append(mine, c)
	}
	if _, ok := b.subscribe("198.51.100.7"); ok {
		t.Fatal("a fourth stream from one address was accepted")
	}
	if _, ok := b.subscribe("203.0.113.9"); !ok {
		t.Fatal("another address was refused")
	}
	b.unsubscribe(mine[0])
	if _, ok := b.subscribe("198.51.100.7"); !ok {
		t.Fatal("a closed stream did not free its place")
	}
}
