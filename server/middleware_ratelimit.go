package server

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// RateLimits bounds how fast one client may write. Each limit is a token
// bucket: PerMinute requests a minute on average, bursts of up to Burst; a
// zero PerMinute turns that limit off. Buckets live in the process, or in
// the shared store when Deps.SharedRates is set, so that behind several
// mtaa servers on one database a limit holds across them.
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

// limiter is a set of token buckets by key: in memory (memLimiter) for a
// server alone on its store, in the store (storeLimiter) when several
// servers share it, so that a limit holds across them.
type limiter interface {
	// on reports whether the limiter limits anything.
	on() bool
	// allow takes one token from key's bucket at now and reports whether
	// there was one.
	allow(key string, now time.Time) bool
	// allowN takes n tokens from key's bucket at now and reports whether
	// there were that many (none are taken otherwise).
	allowN(key string, now time.Time, n float64) bool
	// blocked reports whether key's bucket has less than one token at
	// now, without taking any.
	blocked(key string, now time.Time) bool
}

// RateStore keeps rate-limit buckets in a store shared by several servers
// (Deps.SharedRates); *data.Store implements it.
type RateStore interface {
	TakeTokens(ctx context.Context, scope, key string, perMinute, burst, n float64, now time.Time) (bool, error)
	TokenLevel(scope, key string, perMinute, burst float64, now time.Time) (float64, error)
}

var _ RateStore = (*data.Store)(nil)

func (r Rate) withDefaults() Rate {
	if r.Burst < 1 {
		r.Burst = max(1, int(r.PerMinute/2))
	}
	return r
}

// memLimiter keeps its buckets in memory.
type memLimiter struct {
	rate  Rate
	mu    sync.Mutex
	slots map[string]*data.TokenBucket
}

// maxBuckets bounds the memory of one limiter: past it, buckets that have
// refilled completely (clients idle long enough) are dropped.
const maxBuckets = 100_000

func newMemLimiter(r Rate) *memLimiter {
	return &memLimiter{rate: r.withDefaults(), slots: map[string]*data.TokenBucket{}}
}

func (l *memLimiter) on() bool { return l.rate.PerMinute > 0 }

func (l *memLimiter) allow(key string, now time.Time) bool { return l.allowN(key, now, 1) }

func (l *memLimiter) blocked(key string, now time.Time) bool {
	if !l.on() {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.slots[key]
	return ok && b.Level(l.rate.PerMinute, float64(l.rate.Burst), now) < 1
}

func (l *memLimiter) allowN(key string, now time.Time, n float64) bool {
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
		b = &data.TokenBucket{}
		l.slots[key] = b
	}
	return b.Take(l.rate.PerMinute, float64(l.rate.Burst), n, now)
}

func (l *memLimiter) sweepLocked(now time.Time) {
	for k, b := range l.slots {
		if b.Level(l.rate.PerMinute, float64(l.rate.Burst), now) >= float64(l.rate.Burst) {
			delete(l.slots, k)
		}
	}
}

// storeLimiter keeps its buckets in a store shared by several servers,
// under its scope. When the store fails it lets requests through (and
// logs): a limit must not take the service down with the store.
type storeLimiter struct {
	scope string
	rate  Rate
	store RateStore
	log   *slog.Logger
}

// storeTimeout bounds one rate-limit read or write.
const storeTimeout = 2 * time.Second

func (l *storeLimiter) on() bool { return l.rate.PerMinute > 0 }

func (l *storeLimiter) allow(key string, now time.Time) bool { return l.allowN(key, now, 1) }

func (l *storeLimiter) allowN(key string, now time.Time, n float64) bool {
	if !l.on() {
		return true
	}
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	ok, err := l.store.TakeTokens(ctx, l.scope, key, l.rate.PerMinute, float64(l.rate.Burst), n, now)
	if err != nil {
		l.log.Warn("shared rate limit unavailable: request let through", "scope", l.scope, "err", err)
		return true
	}
	return ok
}

func (l *storeLimiter) blocked(key string, now time.Time) bool {
	if !l.on() {
		return false
	}
	level, err := l.store.TokenLevel(l.scope, key, l.rate.PerMinute, float64(l.rate.Burst), now)
	if err != nil {
		l.log.Warn("shared rate limit unavailable: request let through", "scope", l.scope, "err", err)
		return false
	}
	return level < 1
}

// limiters are the server's rate limiters.
type limiters struct {
	ip, account, login, badToken, photoBytes limiter
}

// newLimiters keeps the buckets in shared when it is set, else in memory.
func newLimiters(r RateLimits, shared RateStore, log *slog.Logger) limiters {
	mk := func(scope string, rate Rate) limiter {
		if shared != nil {
			return &storeLimiter{scope: scope, rate: rate.withDefaults(), store: shared, log: log}
		}
		return newMemLimiter(rate)
	}
	return limiters{ip: mk("writes-ip", r.WritesPerIP), account: mk("writes-account", r.WritesPerAccount), login: mk("logins-ip", r.LoginsPerIP),
		badToken: mk("bad-tokens-ip", r.BadTokensPerIP), photoBytes: mk("photo-bytes-ip", r.PhotoBytesPerIP)}
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
