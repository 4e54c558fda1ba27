package server

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// RateLimits bounds how fast one client may write. Each limit is a token
// bucket in memory: PerMinute requests a minute on average, bursts of up
// to Burst; a zero PerMinute turns that limit off. Buckets live in one
// process: behind several mtaa processes, each keeps its own.
type RateLimits struct {
	// WritesPerIP limits unsafe requests (POST, PATCH, …) per client IP
	// address (see Config.TrustedProxies for clients behind a proxy).
	WritesPerIP Rate
	// WritesPerAccount limits unsafe requests per account or API token
	// owner, wherever they come from.
	WritesPerAccount Rate
	// LoginsPerIP limits login attempts per client IP address, on top of
	// the per-account lockout.
	LoginsPerIP Rate
	// BadTokensPerIP limits failed bearer authentications (unknown,
	// revoked or malformed tokens) per client IP address, on every route,
	// GETs included: once the bucket is empty, requests from that address
	// that carry a bearer token get 429 before the token is looked at.
	BadTokensPerIP Rate
	// PhotoBytesPerIP limits the bytes of photo uploads per client IP
	// address (PerMinute and Burst count bytes, not requests).
	PhotoBytesPerIP Rate
}

// Rate is one token-bucket limit.
type Rate struct {
	PerMinute float64
	Burst     int
}

// limiter is a set of token buckets by key.
type limiter struct {
	rate  Rate
	mu    sync.Mutex
	slots map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// maxBuckets bounds the memory of one limiter: past it, buckets that have
// refilled completely (clients idle long enough) are dropped.
const maxBuckets = 100_000

func newLimiter(r Rate) *limiter {
	if r.Burst < 1 {
		r.Burst = max(1, int(r.PerMinute/2))
	}
	return &limiter{rate: r, slots: map[string]*bucket{}}
}

// on reports whether the limiter limits anything.
func (l *limiter) on() bool { return l != nil && l.rate.PerMinute > 0 }

// allow takes one token from key's bucket at now and reports whether there
// was one. A nil limiter or a zero rate allows everything.
func (l *limiter) allow(key string, now time.Time) bool { return l.allowN(key, now, 1) }

// blocked reports whether key's bucket has less than one token at now,
// without taking any.
func (l *limiter) blocked(key string, now time.Time) bool {
	if !l.on() {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.slots[key]
	return ok && l.refill(b, now) < 1
}

// allowN takes n tokens from key's bucket at now and reports whether there
// were that many (none are taken otherwise).
func (l *limiter) allowN(key string, now time.Time, n float64) bool {
	if !l.on() {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.slots[key]
	if !ok {
		if len(l.slots) >= maxBuckets {
			l.sweepLocked(now)
		}
		b = &bucket{tokens: float64(l.rate.Burst), at: now}
		l.slots[key] = b
	}
	b.tokens = l.refill(b, now)
	b.at = now
	if b.tokens < n {
		return false
	}
	b.tokens -= n
	return true
}

func (l *limiter) refill(b *bucket, now time.Time) float64 {
	elapsed := now.Sub(b.at).Minutes()
	if elapsed < 0 {
		elapsed = 0
	}
	return math.Min(float64(l.rate.Burst), b.tokens+elapsed*l.rate.PerMinute)
}

func (l *limiter) sweepLocked(now time.Time) {
	for k, b := range l.slots {
		if l.refill(b, now) >= float64(l.rate.Burst) {
			delete(l.slots, k)
		}
	}
}

// limiters are the server's rate limiters.
type limiters struct {
	ip, account, login, badToken, photoBytes *limiter
}

func newLimiters(r RateLimits) limiters {
	return limiters{ip: newLimiter(r.WritesPerIP), account: newLimiter(r.WritesPerAccount), login: newLimiter(r.LoginsPerIP),
		badToken: newLimiter(r.BadTokensPerIP), photoBytes: newLimiter(r.PhotoBytesPerIP)}
}

// limitWritesPerIP refuses unsafe requests beyond the per-IP rate with 429.
// It runs before authentication, so a flood is cut off before any password
// or token is checked.
func (s *Server) limitWritesPerIP(c *gin.Context) {
	// The client IP is worked out only when the limit is on: it parses
	// the peer address and, behind trusted proxies, X-Forwarded-For.
	if unsafeMethod(c.Request.Method) && s.limits.ip.on() && !s.limits.ip.allow(c.ClientIP(), s.now()) {
		s.abort(c, tooManyRequests(c, "ip"))
		return
	}
	c.Next()
}

func tooManyRequests(c *gin.Context, scope string) *apiError {
	c.Header("Retry-After", strconv.Itoa(60))
	return &apiError{Status: http.StatusTooManyRequests, Code: "rate_limited", Field: scope,
		Message: "too many requests from this " + scope + "; slow down and retry later"}
}

func uintString(v uint64) string { return strconv.FormatUint(v, 10) }
