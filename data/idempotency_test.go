package data_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

func TestIdempotencyKeyIDs(t *testing.T) {
	store, _ := datatest.NewStore(t)
	at := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	for _, key := range []string{"", "import:ushahidi:haiti:17"} {
		r := datatest.Report(orb.Point{39.25, -6.8}, "flood", at)
		r.IdempotencyKey = key
		if _, err := store.Create(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := store.IdempotencyKeyIDs([]string{"import:ushahidi:haiti:18", "import:ushahidi:haiti:17", ""})
	if err != nil {
		t.Fatal(err)
	}
	if want := []uint64{0, 2, 0}; !slices.Equal(got, want) {
		t.Errorf("ids = %v, want %v", got, want)
	}
}

// TestIdempotencyKeyRequestHash: a key first used with a request hash
// answers a later report with the same hash with the original, refuses
// another hash with ErrIdempotencyReused, and keeps refusing it after the
// report moved (a location correction rewrites the key's value).
func TestIdempotencyKeyRequestHash(t *testing.T) {
	s, _ := datatest.NewStore(t)
	ctx := t.Context()
	r := datatest.Report(orb.Point{39.2, -6.8}, "flood", t0)
	r.IdempotencyKey, r.RequestHash = "k1", []byte("hash-one")
	first, err := s.Create(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.Create(ctx, r)
	if err != nil || !again.Existed || again.Report.ID != first.Report.ID {
		t.Fatalf("same request: %+v %v", again, err)
	}
	other := r
	other.RequestHash = []byte("hash-two")
	if _, err := s.Create(ctx, other); !errors.Is(err, data.ErrIdempotencyReused) {
		t.Fatalf("another request: %v, want ErrIdempotencyReused", err)
	}
	_, _, err = s.UpdateReport(ctx, first.Report.ID, data.ReportUpdate{Actor: data.Actor{Name: "mod"}, At: t0, Reason: "moved",
		Change: func(r *data.Report) error { r.Location = orb.Point{39.3, -6.7}; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Create(ctx, other); !errors.Is(err, data.ErrIdempotencyReused) {
		t.Fatalf("after a move: %v, want ErrIdempotencyReused", err)
	}
	if again, err := s.Create(ctx, r); err != nil || again.Report.ID != first.Report.ID {
		t.Fatalf("same request after a move: %+v %v", again, err)
	}
	if ids, err := s.IdempotencyKeyIDs([]string{"k1"}); err != nil || ids[0] != first.Report.ID {
		t.Fatalf("IdempotencyKeyIDs: %v %v", ids, err)
	}
}
