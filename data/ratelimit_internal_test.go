package data

import (
	"fmt"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Buckets are forgotten once full: a flood of addresses does not grow the
// store past what is still limited.
func TestRateBucketsAreForgottenWhenFull(t *testing.T) {
	s, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	for i := range 500 {
		if _, err := s.TakeTokens(t.Context(), "ip", fmt.Sprintf("10.0.%d.%d", i/256, i%256), 60, 5, 1, now); err != nil {
			t.Fatal(err)
		}
	}
	count := func() (keys, index int) {
		s.db.View(func(tx kv.Tx) error {
			if b := tx.Bucket(rateLimits.name); b != nil {
				keys = b.KeyCount()
			}
			if b := tx.Bucket(rateLimits.byExpiry); b != nil {
				index = b.KeyCount()
			}
			return nil
		})
		return keys, index
	}
	if k, i := count(); k != 500 || i != 500 {
		t.Fatalf("%d buckets, %d index entries for 500 addresses, want 500 each", k, i)
	}
	// One second later (one token back of one used): all full again.
	if _, err := s.TakeTokens(t.Context(), "ip", "10.9.9.9", 60, 5, 1, now.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if k, i := count(); k != 1 || i != 1 {
		t.Fatalf("%d buckets, %d index entries after the others refilled, want only the new one", k, i)
	}
}
