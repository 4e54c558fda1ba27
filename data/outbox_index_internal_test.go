package data

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/kvtest"
)

var outboxT0 = time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)

// queueAlert stores an alert of n messages for gateway, the i-th due at
// outboxT0 + due(i).
func queueAlert(t testing.TB, s *Store, gateway string, n int, due func(i int) time.Duration) (Alert, []Outbound) {
	t.Helper()
	msgs := make([]Outbound, n)
	for i := range msgs {
		msgs[i] = Outbound{ID: NewOutboundID(), Gateway: gateway, PhoneHash: fmt.Sprintf("h%d", i), Text: "alert",
			Status: OutboundQueued, NextAttemptAt: outboxT0.Add(due(i)), CreatedAt: outboxT0, UpdatedAt: outboxT0}
	}
	a, err := s.CreateAlert(context.Background(), Alert{Message: "alert", CreatedAt: outboxT0}, msgs)
	if err != nil {
		t.Fatal(err)
	}
	return a, msgs
}

func openTestStore(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := openStore(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOutboxReturnsDueMessagesInDueOrder(t *testing.T) {
	s := openTestStore(t, t.TempDir())
	defer s.Close()
	ctx := context.Background()
	// Ten twilio messages due one minute apart, counting down, and five
	// SMSSync ones due now.
	_, tw := queueAlert(t, s, "twilio", 10, func(i int) time.Duration { return time.Duration(9-i) * time.Minute })
	queueAlert(t, s, "smssync", 5, func(int) time.Duration { return 0 })

	got, err := s.Outbox("twilio", []OutboundStatus{OutboundQueued}, outboxT0.Add(4*time.Minute), 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 {
		t.Fatalf("%d due at +4 min, want 5", len(got))
	}
	for i := range got {
		if want := tw[9-i].ID; got[i].ID != want || got[i].Gateway != "twilio" {
			t.Fatalf("due #%d is %s (%s), want %s: longest due first", i, got[i].ID, got[i].Gateway, want)
		}
	}
	if got, _ := s.Outbox("twilio", []OutboundStatus{OutboundQueued}, outboxT0.Add(time.Hour), 3); len(got) != 3 || got[0].ID != tw[9].ID {
		t.Fatalf("limit 3: %d messages", len(got))
	}

	// Sending one and retrying another later moves them in the index.
	if _, err := s.UpdateOutbound(ctx, []string{tw[9].ID}, func(o *Outbound) { o.Status = OutboundSent }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateOutbound(ctx, []string{tw[8].ID}, func(o *Outbound) { o.NextAttemptAt = outboxT0.Add(time.Hour) }); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Outbox("twilio", []OutboundStatus{OutboundQueued}, outboxT0.Add(4*time.Minute), 100)
	if len(got) != 3 || got[0].ID != tw[7].ID {
		t.Fatalf("after updates: %d due, first %v; want 3 starting with %s", len(got), got, tw[7].ID)
	}
	sent, _ := s.Outbox("twilio", []OutboundStatus{OutboundSent, OutboundQueued}, outboxT0.Add(4*time.Minute), 100)
	if len(sent) != 4 || sent[0].ID != tw[9].ID {
		t.Fatalf("sent or queued: %d, want 4 with the sent one first", len(sent))
	}
	if got, _ := s.Outbox("smssync", []OutboundStatus{OutboundQueued}, outboxT0, 100); len(got) != 5 {
		t.Fatalf("smssync due: %d, want 5", len(got))
	}
}

// A file written before the indexes existed gets them at open.
func TestOutboxIndexBuiltForOlderFiles(t *testing.T) {
	kvtest.BoltOnly(t, "edits the bbolt file of an older layout")
	dir := t.TempDir()
	s := openTestStore(t, dir)
	a, msgs := queueAlert(t, s, "twilio", 20, func(i int) time.Duration { return time.Duration(i) * time.Second })
	queueAlert(t, s, "twilio", 3, func(int) time.Duration { return 0 })
	path := s.Path()
	s.Close()

	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketOutboxDue); err != nil {
			return err
		}
		return tx.DeleteBucket(bucketOutboxByAlert)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	s = openTestStore(t, dir)
	defer s.Close()
	_, got, err := s.GetAlert(a.ID)
	if err != nil || len(got) != len(msgs) {
		t.Fatalf("alert %d after reindex: %d messages, %v; want %d", a.ID, len(got), err, len(msgs))
	}
	due, err := s.Outbox("twilio", []OutboundStatus{OutboundQueued}, outboxT0.Add(9*time.Second), 100)
	if err != nil || len(due) != 13 {
		t.Fatalf("due after reindex: %d, %v; want 13", len(due), err)
	}
}

// scanOutbox is the outbox query without the index, for the benchmark's
// baseline: read and decode every message.
func scanOutbox(s *Store, gateway string, status OutboundStatus, now time.Time, limit int) (n int) {
	s.db.View(func(tx kv.Tx) error {
		return tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
			var m Outbound
			json.Unmarshal(v, &m)
			if n < limit && m.Gateway == gateway && m.Status == status && !m.NextAttemptAt.After(now) {
				n++
			}
			return nil
		})
	})
	return n
}

// BenchmarkOutboxDue: 100 messages due among 100,000 sent or waiting (a
// city's alerts over months), as the dispatcher asks every 2 s.
func BenchmarkOutboxDue(b *testing.B) {
	s := openTestStore(b, b.TempDir())
	defer s.Close()
	for i := 0; i < 10; i++ {
		queueAlert(b, s, "twilio", 10_000, func(int) time.Duration { return 24 * time.Hour })
	}
	queueAlert(b, s, "twilio", 100, func(int) time.Duration { return 0 })
	b.Run("index", func(b *testing.B) {
		for b.Loop() {
			if got, _ := s.Outbox("twilio", []OutboundStatus{OutboundQueued}, outboxT0, 100); len(got) != 100 {
				b.Fatal(len(got))
			}
		}
	})
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			if n := scanOutbox(s, "twilio", OutboundQueued, outboxT0, 100); n != 100 {
				b.Fatal(n)
			}
		}
	})
}
