package server

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/mtaa-project/mtaa/data"
)

// metrics are the server's Prometheus collectors, registered on a registry
// of its own (no global state).
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec

	counters  sync.Map // seriesKey -> prometheus.Counter
	observers sync.Map // seriesKey{status: 0} -> prometheus.Observer
}

func newMetrics(reportsStored func() float64) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mtaa_http_requests_total",
			Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "mtaa_http_request_duration_seconds",
			Help:    "HTTP request latency by route pattern and method.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method"}),
	}
	m.registry.MustRegister(m.requests, m.latency,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "mtaa_reports_stored",
			Help: "Reports in the store.",
		}, reportsStored),
		prometheus.NewGoCollector(),
		prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}),
	)
	return m
}

// seriesKey names one request counter; the latency series of a route and
// method is cached under status 0.
type seriesKey struct {
	route, method string
	status        int
}

func (m *metrics) middleware(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	method := c.Request.Method
	if !standardMethod(method) {
		method = "OTHER" // made-up methods must not create series
	}
	k := seriesKey{route: route, method: method, status: c.Writer.Status()}
	m.counter(k).Inc()
	k.status = 0
	m.observer(k).Observe(time.Since(start).Seconds())
}

// counter and observer return the collector of a label set, looked up in
// the vector once and then cached: the vector's own lookup hashes the label
// values on every request. Routes are patterns, methods are the standard
// ones or OTHER, and statuses are few, so the caches stay small.
func (m *metrics) counter(k seriesKey) prometheus.Counter {
	if v, ok := m.counters.Load(k); ok {
		return v.(prometheus.Counter)
	}
	v, _ := m.counters.LoadOrStore(k, m.requests.WithLabelValues(k.route, k.method, strconv.Itoa(k.status)))
	return v.(prometheus.Counter)
}

func (m *metrics) observer(k seriesKey) prometheus.Observer {
	if v, ok := m.observers.Load(k); ok {
		return v.(prometheus.Observer)
	}
	v, _ := m.observers.LoadOrStore(k, m.latency.WithLabelValues(k.route, k.method))
	return v.(prometheus.Observer)
}

func standardMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return true
	}
	return false
}

// commitStatser is the optional part of a report store that counts its
// group commits (data.Store does).
type commitStatser interface {
	CommitStats() data.CommitStats
}

// registerCommitStats exports the store's group-commit counters, when it
// has them: commits per second against writes per second is the batch size
// that fsync latency is shared over.
func (m *metrics) registerCommitStats(store any) {
	src, ok := store.(commitStatser)
	if !ok {
		return
	}
	counter := func(name, help string, v func(data.CommitStats) float64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help},
			func() float64 { return v(src.CommitStats()) })
	}
	m.registry.MustRegister(
		counter("mtaa_store_commits_total", "Durable (fsynced) transactions of the group committer.",
			func(s data.CommitStats) float64 { return float64(s.Commits) }),
		counter("mtaa_store_commit_writes_total", "Writes (reports, status changes, ...) carried by those transactions.",
			func(s data.CommitStats) float64 { return float64(s.Writes) }),
		counter("mtaa_store_commit_seconds_total", "Time spent applying, writing and fsyncing those transactions.",
			func(s data.CommitStats) float64 { return s.CommitTime.Seconds() }),
		counter("mtaa_store_commit_linger_seconds_total", "Time the committer waited for more writers to join a batch.",
			func(s data.CommitStats) float64 { return s.LingerTime.Seconds() }),
	)
}
