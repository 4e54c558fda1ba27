package sms

import (
	"sync"
	"time"
)

// rateLimiter allows at most limit messages per phone in any window,
// remembering only the recent send times of active phones.
type rateLimiter struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	recent map[string][]time.Time
	swept  time.Time
}

func newRateLimiter(limit int, window time.Duration) *rateLimiter {
	return &rateLimiter{limit: limit, window: window, recent: map[string][]time.Time{}}
}

// allow records a message from phone at now and reports whether it is
// within the limit.
func (l *rateLimiter) allow(phone string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	cutoff := now.Add(-l.window)
	if now.Sub(l.swept) > l.window {
		for p, ts := range l.recent {
			if len(ts) == 0 || ts[len(ts)-1].Before(cutoff) {
				delete(l.recent, p)
			}
		}
		l.swept = now
	}
	ts := l.recent[phone]
	i := 0
	for i < len(ts) && ts[i].Before(cutoff) {
		i++
	}
	ts = append(ts[i:], now)
	if len(ts) > l.limit+1 { // enough to know the phone is over the limit
		ts = ts[len(ts)-l.limit-1:]
	}
	l.recent[phone] = ts
	return len(ts) <= l.limit
}
