package data

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// TokenBucket is one client's bucket of a rate limit: Tokens left at At.
// The zero bucket (a client not seen yet) is full.
type TokenBucket struct {
	Tokens float64
	At     time.Time
}

// Level returns the tokens in b at now, refilled at perMinute a minute up
// to burst.
func (b TokenBucket) Level(perMinute, burst float64, now time.Time) float64 {
	if b.At.IsZero() {
		return burst
	}
	elapsed := now.Sub(b.At).Minutes()
	if elapsed < 0 {
		elapsed = 0
	}
	return math.Min(burst, b.Tokens+elapsed*perMinute)
}

// Take refills b to now and takes n tokens when there are that many; it
// reports whether it did.
func (b *TokenBucket) Take(perMinute, burst, n float64, now time.Time) bool {
	b.Tokens, b.At = b.Level(perMinute, burst, now), now
	if b.Tokens < n {
		return false
	}
	b.Tokens -= n
	return true
}

// fullAt is when b is full again.
func (b TokenBucket) fullAt(perMinute, burst float64) time.Time {
	if perMinute <= 0 {
		return b.At.Add(24 * time.Hour)
	}
	return b.At.Add(time.Duration((burst - b.Tokens) / perMinute * float64(time.Minute)))
}

// rateLimits keeps the token buckets of rate limits shared by the servers
// on one database, by scope and key; a bucket is forgotten once full.
var rateLimits = expiringBucket{name: []byte("rate_limits"), byExpiry: []byte("rate_limits_expiry")}

func rateKey(scope, key string) []byte { return []byte(scope + "\x00" + key) }

func decodeBucket(v []byte) TokenBucket {
	if len(v) != 16 {
		return TokenBucket{}
	}
	return TokenBucket{Tokens: math.Float64frombits(binary.BigEndian.Uint64(v)),
		At: time.UnixMicro(int64(binary.BigEndian.Uint64(v[8:]))).UTC()}
}

// TakeTokens is TokenBucket.Take on the bucket of key in scope kept in the
// store, in one write transaction, so that a limit holds across the
// servers sharing the database.
func (s *Store) TakeTokens(ctx context.Context, scope, key string, perMinute, burst, n float64, now time.Time) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	var ok bool
	k := rateKey(scope, key)
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		b := decodeBucket(rateLimits.get(tx, k, now))
		ok = b.Take(perMinute, burst, n, now)
		v := make([]byte, 16)
		binary.BigEndian.PutUint64(v, math.Float64bits(b.Tokens))
		binary.BigEndian.PutUint64(v[8:], uint64(b.At.UnixMicro()))
		return rateLimits.put(tx, k, v, b.fullAt(perMinute, burst), now)
	}, after: func() { s.rates.note(string(k)) }})
	if err != nil {
		return false, fmt.Errorf("rate limit %s: %w", scope, err)
	}
	return ok, nil
}

// TokenLevel returns the tokens in the stored bucket of key in scope at
// now (burst for one not seen or full), without taking any.
func (s *Store) TokenLevel(scope, key string, perMinute, burst float64, now time.Time) (float64, error) {
	k := rateKey(scope, key)
	may, gen := s.rates.mayHold(string(k))
	if !may {
		return burst, nil // no bucket stored: full (ratelimit_keys.go)
	}
	var level float64
	var found bool
	err := s.db.View(func(tx kv.Tx) error {
		v := rateLimits.get(tx, k, now)
		found = v != nil
		level = decodeBucket(v).Level(perMinute, burst, now)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("rate limit %s: %w", scope, err)
	}
	if !found {
		s.rates.readNone(string(k), gen)
	}
	return level, nil
}
