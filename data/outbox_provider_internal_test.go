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

// markSent records msgs as sent by gateway with provider ids "P-<i>".
func markSent(t testing.TB, s *Store, msgs []Outbound) {
	t.Helper()
	for i, m := range msgs {
		if _, err := s.UpdateOutbound(context.Background(), []string{m.ID}, func(o *Outbound) {
			o.Status, o.ProviderID = OutboundSent, fmt.Sprintf("P-%d", i)
		}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOutboundByProvider(t *testing.T) {
	s := openTestStore(t, t.TempDir())
	defer s.Close()
	_, msgs := queueAlert(t, s, "africastalking", 5, func(int) time.Duration { return 0 })
	_, other := queueAlert(t, s, "twilio", 1, func(int) time.Duration { return 0 })
	markSent(t, s, msgs)
	markSent(t, s, other) // "P-0" at Twilio too: the gateway is part of the key

	for i, m := range msgs {
		got, err := s.OutboundByProvider("africastalking", fmt.Sprintf("P-%d", i))
		if err != nil || got == nil || got.ID != m.ID {
			t.Fatalf("P-%d: %v, %v; want message %s", i, got, err, m.ID)
		}
	}
	if got, _ := s.OutboundByProvider("twilio", "P-0"); got == nil || got.ID != other[0].ID {
		t.Fatalf("twilio P-0: %v, want %s", got, other[0].ID)
	}
	for _, c := range []struct{ gw, id string }{{"africastalking", "P-9"}, {"africastalking", ""}, {"smssync", "P-1"}} {
		if got, err := s.OutboundByProvider(c.gw, c.id); got != nil || err != nil {
			t.Errorf("%s %q: %v, %v; want nothing", c.gw, c.id, got, err)
		}
	}
	// A message sent again under a new id (retried) is found by the new
	// one only.
	if _, err := s.UpdateOutbound(context.Background(), []string{msgs[0].ID}, func(o *Outbound) { o.ProviderID = "P-new" }); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.OutboundByProvider("africastalking", "P-0"); got != nil {
		t.Errorf("old provider id still finds %s", got.ID)
	}
	if got, _ := s.OutboundByProvider("africastalking", "P-new"); got == nil || got.ID != msgs[0].ID {
		t.Errorf("new provider id: %v", got)
	}
}

// A file written before the provider index (but with the others) gets it
// at open.
func TestOutboxProviderIndexBuiltForOlderFiles(t *testing.T) {
	kvtest.BoltOnly(t, "edits the bbolt file of an older layout")
	dir := t.TempDir()
	s := openTestStore(t, dir)
	_, msgs := queueAlert(t, s, "africastalking", 30, func(int) time.Duration { return 0 })
	markSent(t, s, msgs)
	path := s.Path()
	s.Close()

	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketOutboxByProvider) })
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	s = openTestStore(t, dir)
	defer s.Close()
	for i, m := range msgs {
		if got, err := s.OutboundByProvider("africastalking", fmt.Sprintf("P-%d", i)); err != nil || got == nil || got.ID != m.ID {
			t.Fatalf("P-%d after reindex: %v, %v", i, got, err)
		}
	}
	if due, _ := s.Outbox("africastalking", []OutboundStatus{OutboundSent}, outboxT0, 100); len(due) != 30 {
		t.Fatalf("due index after reindex: %d sent, want 30 (entries not doubled)", len(due))
	}
}

// BenchmarkOutboundByProvider finds the message of a delivery report
// among 20,000 sent ones, by the index and (Scan, the baseline) by reading
// every sent message as the dispatcher did before.
func BenchmarkOutboundByProvider(b *testing.B) {
	s := openTestStore(b, b.TempDir())
	defer s.Close()
	const n = 20000
	_, msgs := queueAlert(b, s, "africastalking", n, func(int) time.Duration { return 0 })
	ids := make([]string, len(msgs))
	for i := range ids {
		ids[i] = msgs[i].ID
	}
	k := 0
	if _, err := s.UpdateOutbound(context.Background(), ids, func(o *Outbound) {
		o.Status, o.ProviderID = OutboundSent, fmt.Sprintf("P-%d", k)
		k++
	}); err != nil {
		b.Fatal(err)
	}
	b.Run("Index", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if m, err := s.OutboundByProvider("africastalking", fmt.Sprintf("P-%d", i%n)); m == nil || err != nil {
				b.Fatal(m, err)
			}
		}
	})
	b.Run("Scan", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			want, found := fmt.Sprintf("P-%d", i%n), false
			s.db.View(func(tx kv.Tx) error {
				return tx.Bucket(bucketOutbox).ForEach(func(_, v []byte) error {
					var m Outbound
					json.Unmarshal(v, &m)
					found = found || m.ProviderID == want
					return nil
				})
			})
			if !found {
				b.Fatal(want)
			}
		}
	})
}
