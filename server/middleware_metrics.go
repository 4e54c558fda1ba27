package server

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
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
