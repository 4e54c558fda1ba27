// Package proxy is a small HTTP reverse proxy for trying several mtaa
// servers on one database (make run-cluster) and for testing them under
// kill -9 (make cluster-crash-test). It is not meant for production, where
// a city puts nginx, HAProxy or its cloud's load balancer in front.
//
// Requests go round-robin to the backends that pass their health check (a
// GET of HealthPath). A request that fails before any response header
// arrives (connection refused or reset: the backend died) is sent again to
// the next backend when repeating it is safe: GET, HEAD, OPTIONS, PUT and
// DELETE, and POST or PATCH carrying an Idempotency-Key, which mtaa
// answers with the original result. Other requests get 502. Responses are
// streamed, Server-Sent Events unbuffered, so /api/v1/events works through
// the proxy; when a backend dies under an event stream the stream ends and
// the browser's EventSource reconnects, to another backend.
package proxy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync"
	"sync/atomic"
	"time"
)

// Config configures a Proxy.
type Config struct {
	// Backends are the base URLs of the servers (http://host:port).
	Backends []string
	// HealthPath is probed on every backend each HealthInterval (default
	// "/healthz", HealthInterval 500 ms); a backend answering anything but
	// 200 within HealthTimeout (default 1 s) is taken out of rotation
	// until it answers 200 again.
	HealthPath     string
	HealthInterval time.Duration
	HealthTimeout  time.Duration
	// MaxRetryBody is the largest request body kept to be sent again
	// (default 4 MiB); a bigger retryable request is sent once.
	MaxRetryBody int64
	Logger       *slog.Logger
}

// Proxy is an http.Handler spreading requests over the backends.
type Proxy struct {
	cfg      Config
	backends []*backend
	next     atomic.Uint64
	rp       *httputil.ReverseProxy
	tr       *http.Transport
}

// backend is one server and what the proxy knows of it.
type backend struct {
	url     *url.URL
	healthy atomic.Bool
	served  atomic.Int64 // responses received from it
	failed  atomic.Int64 // requests that failed on it before any answer
}

// Stats are a backend's figures.
type Stats struct {
	URL     string
	Healthy bool
	Served  int64 // responses it gave
	Failed  int64 // requests that failed on it before any answer
}

// New returns a proxy over cfg.Backends, all taken as healthy until the
// first check says otherwise. Call Run to start the health checks.
func New(cfg Config) (*Proxy, error) {
	if len(cfg.Backends) == 0 {
		return nil, errors.New("proxy: no backend")
	}
	if cfg.HealthPath == "" {
		cfg.HealthPath = "/healthz"
	}
	if cfg.HealthInterval <= 0 {
		cfg.HealthInterval = 500 * time.Millisecond
	}
	if cfg.HealthTimeout <= 0 {
		cfg.HealthTimeout = time.Second
	}
	if cfg.MaxRetryBody <= 0 {
		cfg.MaxRetryBody = 4 << 20
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	p := &Proxy{cfg: cfg}
	for _, s := range cfg.Backends {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("proxy: backend %q: want http://host:port", s)
		}
		b := &backend{url: u}
		b.healthy.Store(true)
		p.backends = append(p.backends, b)
	}
	p.tr = &http.Transport{
		Proxy:               nil, // straight to the backends
		DialContext:         (&net.Dialer{Timeout: 2 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 256,
		IdleConnTimeout:     30 * time.Second,
	}
	p.rp = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetXForwarded()
			pr.Out.Host = pr.In.Host
		},
		Transport: retrying{p},
		// Event streams are flushed as they come whatever this says
		// (httputil flushes text/event-stream at once); others every 50 ms.
		FlushInterval: 50 * time.Millisecond,
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			if r.Context().Err() == nil {
				p.cfg.Logger.Warn("proxy: no backend answered", "method", r.Method, "path", r.URL.Path, "err", err)
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, `{"error":"bad_gateway","message":"no server answered; retry later"}`+"\n")
		},
	}
	return p, nil
}

// ServeHTTP forwards r to a backend.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) { p.rp.ServeHTTP(w, r) }

// Run checks the backends' health every HealthInterval until ctx ends.
func (p *Proxy) Run(ctx context.Context) {
	client := &http.Client{Transport: p.tr, Timeout: p.cfg.HealthTimeout}
	t := time.NewTicker(p.cfg.HealthInterval)
	defer t.Stop()
	for {
		var wg sync.WaitGroup
		for _, b := range p.backends {
			wg.Go(func() { p.check(ctx, client, b) })
		}
		wg.Wait()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (p *Proxy) check(ctx context.Context, client *http.Client, b *backend) {
	ok := false
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.url.JoinPath(p.cfg.HealthPath).String(), nil)
	if err == nil {
		if resp, err := client.Do(req); err == nil {
			io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
			resp.Body.Close()
			ok = resp.StatusCode == http.StatusOK
		}
	}
	if ctx.Err() != nil {
		return
	}
	if was := b.healthy.Swap(ok); was != ok {
		p.cfg.Logger.Info("proxy: backend health changed", "backend", b.url.String(), "healthy", ok)
	}
}

// Stats returns each backend's figures, in the order given.
func (p *Proxy) Stats() []Stats {
	out := make([]Stats, len(p.backends))
	for i, b := range p.backends {
		out[i] = Stats{URL: b.url.String(), Healthy: b.healthy.Load(), Served: b.served.Load(), Failed: b.failed.Load()}
	}
	return out
}

// Close closes idle connections to the backends.
func (p *Proxy) Close() { p.tr.CloseIdleConnections() }

// pick returns the backends to try, in order: the healthy ones round-robin
// from the next turn, then (when none is healthy) all of them, in case the
// checks lag behind a restart.
func (p *Proxy) pick() []*backend {
	n := len(p.backends)
	start := int(p.next.Add(1) % uint64(n))
	out := make([]*backend, 0, n)
	for i := range n {
		if b := p.backends[(start+i)%n]; b.healthy.Load() {
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		for i := range n {
			out = append(out, p.backends[(start+i)%n])
		}
	}
	return out
}

// Retryable reports whether r may be sent again after a backend failed
// under it: an idempotent method, or a POST or PATCH with an
// Idempotency-Key.
func Retryable(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return true
	case http.MethodPost, http.MethodPatch:
		return r.Header.Get("Idempotency-Key") != ""
	}
	return false
}

// retrying is the proxy's transport: it sends a request to one backend
// after another until one answers.
type retrying struct{ p *Proxy }

func (t retrying) RoundTrip(r *http.Request) (*http.Response, error) {
	tries := t.p.pick()
	retry := Retryable(r)
	var body []byte
	if retry && r.Body != nil && r.Body != http.NoBody {
		b, err := io.ReadAll(io.LimitReader(r.Body, t.p.cfg.MaxRetryBody+1))
		if err != nil {
			r.Body.Close()
			return nil, fmt.Errorf("read request body: %w", err)
		}
		if int64(len(b)) > t.p.cfg.MaxRetryBody {
			// Too big to keep: sent once, what was read first.
			r.Body = readCloser{io.MultiReader(bytes.NewReader(b), r.Body), r.Body}
			retry = false
		} else {
			r.Body.Close()
			body = b
		}
	}
	if !retry {
		tries = tries[:1]
	}
	var lastErr error
	for i, b := range tries {
		out := r.Clone(r.Context())
		out.URL.Scheme, out.URL.Host = b.url.Scheme, b.url.Host
		if body != nil {
			out.Body = io.NopCloser(bytes.NewReader(body))
			out.ContentLength = int64(len(body))
			out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		}
		resp, err := t.p.tr.RoundTrip(out)
		if err == nil {
			b.served.Add(1)
			return resp, nil
		}
		lastErr = err
		if r.Context().Err() != nil {
			return nil, err
		}
		// The backend failed under the request: out of rotation until its
		// health check passes again.
		b.healthy.Store(false)
		b.failed.Add(1)
		if i+1 < len(tries) {
			t.p.cfg.Logger.Info("proxy: backend failed, trying the next", "backend", b.url.String(), "method", r.Method, "path", r.URL.Path, "err", err)
		}
	}
	return nil, lastErr
}

// readCloser reads from one reader and closes another.
type readCloser struct {
	io.Reader
	io.Closer
}
