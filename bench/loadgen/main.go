// Command loadgen is a closed-loop HTTP load generator: -clients workers
// each send one request, wait for the whole answer, and send the next,
// over keep-alive connections, until -duration has passed or -requests
// requests have been sent, whichever comes first. Only 2xx answers count as
// successes; the rate and the latency percentiles are over successes.
//
// Modes:
//
//	post  POST a small GeoJSON Feature (random point in -area) to -url + -path
//	get   GET -url + -path; with -bbox-size > 0, a random square bbox of that
//	      side inside -area is appended (&bbox=...), from a seeded generator
//	sql   the same random boxes, asked of PostgreSQL (-url postgres://…)
//	      directly through pgx, as one GeoJSON FeatureCollection built by
//	      PostGIS (ST_AsGeoJSON over the view reports_public, at most
//	      -limit rows): the baseline mtaa's bbox GET on that database is
//	      measured against (bench/postgres.sh)
//
// It prints a human summary and, last, one line starting with "RESULT "
// followed by the figures as JSON, for scripts.
//
// CPU per answer: the load generator's own user+system CPU during the
// measurement, and with -server-pid that of the server process too (from
// /proc, Linux), each divided by the 2xx answers. On a machine whose speed
// drifts these move less than the rates do, and they say which side a
// change made cheaper.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mtaa-project/mtaa/internal/cputime"
)

type config struct {
	mode      string
	url       string
	path      string
	clients   int
	duration  time.Duration
	warmup    time.Duration
	requests  int64
	timeout   time.Duration
	area      [4]float64
	bboxSize  float64
	seed      uint64
	label     string
	postCType string
	serverPID int
	limit     int
	bearer    string
}

// Result is the machine-readable summary.
type Result struct {
	Label    string  `json:"label"`
	Mode     string  `json:"mode"`
	Clients  int     `json:"clients"`
	Requests int64   `json:"requests"`
	OK       int64   `json:"ok"`
	Errors   int64   `json:"errors"`
	Seconds  float64 `json:"seconds"`
	RPS      float64 `json:"rps"`
	P50ms    float64 `json:"p50_ms"`
	P90ms    float64 `json:"p90_ms"`
	P99ms    float64 `json:"p99_ms"`
	Maxms    float64 `json:"max_ms"`
	AvgBytes float64 `json:"avg_bytes"`
	// ClientCPUus and ServerCPUus are CPU microseconds per 2xx answer
	// during the measurement: the load generator's, and the server's
	// (-server-pid; 0 when not measured).
	ClientCPUus float64 `json:"client_cpu_us"`
	ServerCPUus float64 `json:"server_cpu_us"`
	FirstErr    string  `json:"first_error,omitempty"`
	StatusErr   string  `json:"status_counts,omitempty"`
}

func main() {
	var c config
	var area string
	flag.StringVar(&c.mode, "mode", "get", "post, get or sql")
	flag.StringVar(&c.url, "url", "http://127.0.0.1:8080", "target base URL")
	flag.StringVar(&c.path, "path", "", "request path and query (default: /api/v1/reports for post, / for get)")
	flag.IntVar(&c.clients, "clients", 16, "concurrent closed-loop clients")
	flag.DurationVar(&c.duration, "duration", 10*time.Second, "measurement length (after warm-up)")
	flag.DurationVar(&c.warmup, "warmup", time.Second, "warm-up before measuring (not counted)")
	flag.Int64Var(&c.requests, "requests", 5_000_000, "stop after this many measured requests")
	flag.DurationVar(&c.timeout, "timeout", 30*time.Second, "per-request timeout")
	flag.StringVar(&area, "area", "39.15,-6.95,39.35,-6.70", "minLon,minLat,maxLon,maxLat for random points and boxes")
	flag.Float64Var(&c.bboxSize, "bbox-size", 0, "get mode: side in degrees of random bbox queries (0: fixed path)")
	flag.Uint64Var(&c.seed, "seed", 1, "random seed")
	flag.StringVar(&c.label, "label", "", "name printed with the result")
	flag.StringVar(&c.postCType, "content-type", "application/geo+json", "post mode: Content-Type")
	flag.IntVar(&c.serverPID, "server-pid", 0, "also measure this process's CPU per answer (Linux /proc)")
	flag.IntVar(&c.limit, "limit", 100, "sql mode: most rows per box")
	flag.StringVar(&c.bearer, "bearer", "", "get mode: send \"Authorization: Bearer TOKEN\" (a server's --admin-token reads as staff)")
	flag.Parse()

	if err := parseArea(area, &c.area); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
	if c.mode != "post" && c.mode != "get" && c.mode != "sql" {
		fmt.Fprintln(os.Stderr, "loadgen: -mode must be post, get or sql")
		os.Exit(2)
	}
	if c.clients < 1 || c.duration <= 0 || c.requests < 1 {
		fmt.Fprintln(os.Stderr, "loadgen: -clients, -duration and -requests must be positive")
		os.Exit(2)
	}
	if c.path == "" && c.mode != "sql" {
		c.path = "/"
		if c.mode == "post" {
			c.path = "/api/v1/reports"
		}
	}
	if c.label == "" {
		c.label = c.mode + " " + c.url + c.path
	}
	ask, closeAsk, err := newAsker(c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	res := run(c, ask)
	closeAsk()
	printResult(res)
	if res.OK == 0 {
		os.Exit(1)
	}
}

func parseArea(s string, a *[4]float64) error {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return fmt.Errorf("-area needs 4 numbers")
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return fmt.Errorf("-area: %w", err)
		}
		a[i] = v
	}
	if a[0] >= a[2] || a[1] >= a[3] {
		return fmt.Errorf("-area: min must be below max")
	}
	return nil
}

var categories = []string{"flood", "fire", "blocked_drain", "solid_waste", "water_supply", "electricity", "road_blocked", "other"}

// requestSource makes the requests of one client from its own seeded
// generator, so that a run is reproducible and clients do not contend.
type requestSource struct {
	c      *config
	rng    *rand.Rand
	bodies [][]byte
	n      int
}

func newSource(c *config, worker int) *requestSource {
	s := &requestSource{c: c, rng: rand.New(rand.NewPCG(c.seed, uint64(worker)))}
	if c.mode == "post" {
		// Pre-built bodies: the generator's own cost stays out of the loop.
		for range 256 {
			lon := c.area[0] + s.rng.Float64()*(c.area[2]-c.area[0])
			lat := c.area[1] + s.rng.Float64()*(c.area[3]-c.area[1])
			body := fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Point","coordinates":[%.6f,%.6f]},"properties":{"category":%q,"description":"water rising near the market"}}`,
				lon, lat, categories[s.rng.IntN(len(categories))])
			s.bodies = append(s.bodies, []byte(body))
		}
	}
	return s
}

func (s *requestSource) next(ctx context.Context) (*http.Request, error) {
	c := s.c
	if c.mode == "post" {
		body := s.bodies[s.n%len(s.bodies)]
		s.n++
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url+c.path, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", c.postCType)
		return req, nil
	}
	u := c.url + c.path
	if c.bboxSize > 0 {
		x, y := s.box()
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		u += fmt.Sprintf("%sbbox=%.6f,%.6f,%.6f,%.6f", sep, x, y, x+c.bboxSize, y+c.bboxSize)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err == nil && c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	return req, err
}

// box returns the south-west corner of the next random square of side
// -bbox-size inside -area.
func (s *requestSource) box() (x, y float64) {
	c := s.c
	w := max(0, c.area[2]-c.area[0]-c.bboxSize)
	h := max(0, c.area[3]-c.area[1]-c.bboxSize)
	return c.area[0] + s.rng.Float64()*w, c.area[1] + s.rng.Float64()*h
}

type workerStats struct {
	lat      []time.Duration
	ok, errs int64
	bytes    int64
	status   map[int]int64
	firstErr string
}

// asker sends one request of a client and reads the whole answer: its
// size, and the HTTP status (200 for a successful SQL query).
type asker func(src *requestSource, buf []byte) (n int64, status int, err error)

// newAsker returns the asker of c's mode and what closes its connections.
func newAsker(c config) (asker, func(), error) {
	if c.mode == "sql" {
		return newSQLAsker(c)
	}
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        c.clients * 2,
		MaxIdleConnsPerHost: c.clients * 2,
		MaxConnsPerHost:     c.clients,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	client := &http.Client{Transport: tr, Timeout: c.timeout}
	ask := func(src *requestSource, buf []byte) (int64, int, error) {
		req, err := src.next(context.Background())
		if err != nil {
			return 0, 0, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, 0, err
		}
		defer resp.Body.Close()
		n, err := io.CopyBuffer(io.Discard, resp.Body, buf)
		return n, resp.StatusCode, err
	}
	return ask, tr.CloseIdleConnections, nil
}

func run(c config, ask asker) Result {
	var issued atomic.Int64
	start := time.Now()
	measureStart := start.Add(c.warmup)
	deadline := measureStart.Add(c.duration)
	stats := make([]workerStats, c.clients)
	var wg sync.WaitGroup
	for w := range c.clients {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			st := &stats[w]
			st.status = map[int]int64{}
			st.lat = make([]time.Duration, 0, 1<<14)
			src := newSource(&c, w)
			buf := make([]byte, 64<<10)
			for {
				now := time.Now()
				if now.After(deadline) {
					return
				}
				counted := !now.Before(measureStart)
				if counted {
					if issued.Add(1) > c.requests {
						return
					}
				}
				t0 := time.Now()
				n, status, err := ask(src, buf)
				d := time.Since(t0)
				if !counted {
					continue
				}
				switch {
				case err != nil:
					st.errs++
					if st.firstErr == "" {
						st.firstErr = err.Error()
					}
					time.Sleep(10 * time.Millisecond) // do not spin on a dead server
				case status < 200 || status > 299:
					st.errs++
					st.status[status]++
				default:
					st.ok++
					st.bytes += n
					st.lat = append(st.lat, d)
				}
			}
		}(w)
	}
	var cpuStart cpuSample
	sampled := make(chan struct{})
	go func() {
		time.Sleep(time.Until(measureStart))
		cpuStart = sampleCPU(c.serverPID)
		close(sampled)
	}()
	wg.Wait()
	<-sampled
	cpuEnd := sampleCPU(c.serverPID)
	end := time.Now()
	elapsed := end.Sub(measureStart).Seconds()
	if elapsed <= 0 {
		elapsed = 1e-9
	}

	var all []time.Duration
	res := Result{Label: c.label, Mode: c.mode, Clients: c.clients, Seconds: elapsed}
	statusCounts := map[int]int64{}
	var bytes int64
	for i := range stats {
		st := &stats[i]
		all = append(all, st.lat...)
		res.OK += st.ok
		res.Errors += st.errs
		bytes += st.bytes
		for k, v := range st.status {
			statusCounts[k] += v
		}
		if res.FirstErr == "" {
			res.FirstErr = st.firstErr
		}
	}
	res.Requests = res.OK + res.Errors
	if res.OK > 0 {
		res.ClientCPUus = float64(cpuEnd.self-cpuStart.self) / float64(time.Microsecond) / float64(res.OK)
		if cpuStart.server >= 0 && cpuEnd.server >= 0 {
			res.ServerCPUus = float64(cpuEnd.server-cpuStart.server) / float64(time.Microsecond) / float64(res.OK)
		}
	}
	res.RPS = float64(res.OK) / elapsed
	if res.OK > 0 {
		res.AvgBytes = float64(bytes) / float64(res.OK)
	}
	if len(statusCounts) > 0 {
		var parts []string
		for k, v := range statusCounts {
			parts = append(parts, fmt.Sprintf("%d:%d", k, v))
		}
		slices.Sort(parts)
		res.StatusErr = strings.Join(parts, ",")
	}
	slices.Sort(all)
	pct := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		i := int(p * float64(len(all)-1))
		return float64(all[i].Microseconds()) / 1000
	}
	res.P50ms, res.P90ms, res.P99ms = pct(0.50), pct(0.90), pct(0.99)
	if len(all) > 0 {
		res.Maxms = float64(all[len(all)-1].Microseconds()) / 1000
	}
	return res
}

// cpuSample is the CPU time used so far by this process and by the server
// (-1 when not known).
type cpuSample struct{ self, server time.Duration }

func sampleCPU(serverPID int) cpuSample {
	s := cpuSample{self: cputime.Process(), server: -1}
	if serverPID > 0 {
		if d, err := processCPU(serverPID); err == nil {
			s.server = d
		}
	}
	return s
}

// clockTick is Linux's USER_HZ, the unit of /proc/PID/stat's CPU times:
// 100 on every architecture Go supports.
const clockTick = 10 * time.Millisecond

// processCPU is the user+system CPU time of process pid, all its threads.
func processCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces: count from after ')'.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, fmt.Errorf("/proc/%d/stat: no command name", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f))
	}
	// f[0] is field 3 (state): utime and stime are fields 14 and 15.
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: bad CPU times", pid)
	}
	return time.Duration(ut+st) * clockTick, nil
}

func printResult(r Result) {
	fmt.Printf("%s\n", r.Label)
	fmt.Printf("  clients %d, %.1f s: %d requests, %d errors (non-2xx or failed)\n", r.Clients, r.Seconds, r.Requests, r.Errors)
	fmt.Printf("  %.0f req/s (2xx), %.0f bytes/answer\n", r.RPS, r.AvgBytes)
	fmt.Printf("  latency p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n", r.P50ms, r.P90ms, r.P99ms, r.Maxms)
	fmt.Printf("  CPU per answer: load generator %.1f µs", r.ClientCPUus)
	if r.ServerCPUus > 0 {
		fmt.Printf(", server %.1f µs", r.ServerCPUus)
	}
	fmt.Println()
	if r.FirstErr != "" {
		fmt.Printf("  first error: %s\n", r.FirstErr)
	}
	if r.StatusErr != "" {
		fmt.Printf("  error statuses: %s\n", r.StatusErr)
	}
	b, _ := json.Marshal(r)
	fmt.Printf("RESULT %s\n", b)
}
