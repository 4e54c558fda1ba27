package data_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

func TestTokenBucket(t *testing.T) {
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		b         data.TokenBucket
		n         float64
		at        time.Time
		wantOK    bool
		wantLevel float64 // after
	}{
		{"new bucket is full", data.TokenBucket{}, 1, now, true, 4},
		{"empty bucket refuses", data.TokenBucket{Tokens: 0.5, At: now}, 1, now, false, 0.5},
		{"refills at the rate", data.TokenBucket{Tokens: 0, At: now}, 1, now.Add(3 * time.Second), true, 2}, // 60/min: 3 tokens in 3 s
		{"never above burst", data.TokenBucket{Tokens: 0, At: now}, 2, now.Add(time.Hour), true, 3},
		{"clock going back adds nothing", data.TokenBucket{Tokens: 1, At: now}, 1, now.Add(-time.Hour), true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.b
			if ok := b.Take(60, 5, tt.n, tt.at); ok != tt.wantOK {
				t.Errorf("Take = %v, want %v", ok, tt.wantOK)
			}
			if b.Tokens != tt.wantLevel {
				t.Errorf("%v tokens left, want %v", b.Tokens, tt.wantLevel)
			}
		})
	}
}

// TakeTokens keeps the bucket in the store: concurrent takes get exactly
// the burst, the level refills with time, keys and scopes are apart.
func TestTakeTokens(t *testing.T) {
	s, _ := datatest.NewStore(t)
	ctx := t.Context()
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	granted := 0
	var wg sync.WaitGroup
	for range 25 {
		wg.Go(func() {
			ok, err := s.TakeTokens(ctx, "ip", "198.51.100.7", 6, 10, 1, now)
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				granted++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if granted != 10 {
		t.Fatalf("%d of 25 concurrent takes granted, want the burst of 10", granted)
	}
	if lvl, err := s.TokenLevel("ip", "198.51.100.7", 6, 10, now); err != nil || lvl != 0 {
		t.Fatalf("level %v (%v), want 0", lvl, err)
	}
	if lvl, _ := s.TokenLevel("ip", "198.51.100.7", 6, 10, now.Add(30*time.Second)); lvl != 3 {
		t.Fatalf("level after 30 s at 6/min: %v, want 3", lvl)
	}
	if ok, _ := s.TakeTokens(ctx, "ip", "203.0.113.1", 6, 10, 1, now); !ok {
		t.Fatal("another address was refused")
	}
	if ok, _ := s.TakeTokens(ctx, "login", "198.51.100.7", 6, 10, 1, now); !ok {
		t.Fatal("another scope was refused")
	}
	if ok, _ := s.TakeTokens(ctx, "ip", "198.51.100.7", 6, 10, 3, now.Add(30*time.Second)); !ok {
		t.Fatal("refused after refilling")
	}
}

// The address that sent wrong passwords is kept in the store: after a
// restart the lock still holds against it, and the owner, elsewhere, still
// gets in.
func TestFailedLoginAddressesSurviveARestart(t *testing.T) {
	dir := t.TempDir()
	s, err := data.Open(dir, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	addUser(t, s, "m@example.org", data.RoleMapper, "correct horse battery")
	policy := data.LoginPolicy{MaxFailures: 3, Lockout: 15 * time.Minute}
	const attacker, owner = "198.51.100.7", "203.0.113.20"
	for range 3 {
		s.Authenticate(t.Context(), "m@example.org", "guess", attacker, t0, policy)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = data.Open(dir, data.Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Authenticate(t.Context(), "m@example.org", "correct horse battery", attacker, t0.Add(time.Minute), policy); !errors.Is(err, data.ErrAccountLocked) {
		t.Fatalf("the guessing address after a restart: %v, want locked", err)
	}
	if _, err := s.Authenticate(t.Context(), "m@example.org", "correct horse battery", owner, t0.Add(time.Minute), policy); err != nil {
		t.Fatalf("the owner elsewhere after a restart: %v", err)
	}
	// Once the lock is over the guessing address is forgotten.
	if _, err := s.Authenticate(t.Context(), "m@example.org", "correct horse battery", attacker, t0.Add(16*time.Minute), policy); err != nil {
		t.Fatalf("the guessing address after the lock: %v", err)
	}
}
