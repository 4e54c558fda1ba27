// Command crash is mtaa's multi-server kill -9 test (make
// cluster-crash-test): several `mtaa serve --store postgres://…` processes
// on one database behind the round-robin proxy of bench/cluster/proxy,
// one of them killed with SIGKILL and restarted every few seconds, -cycles
// times, while
//
//   - -clients writers POST /api/v1/reports through the proxy, each
//     request with its own Idempotency-Key and description (the proxy
//     sends a request again to another server when one dies under it);
//   - -sse event-stream clients per server read /api/v1/events straight
//     from that server, reconnecting when it dies;
//   - an operator sends an area alert through the proxy every few
//     seconds, delivered by the servers' dispatchers to a local fake of
//     Twilio's REST API (sms/smstest) to the phones that joined the area
//     by SMS before the load started.
//
// Afterwards, with every server up and the load stopped: every request
// not acknowledged is retried with its key; every acknowledged report must
// be stored once with its content (no loss, no duplicate), and every
// server must count every report; every event stream that was still
// connected at the end must have seen every report whose request was sent
// after it connected; every acknowledged alert must have reached each of
// its phones exactly once, and no alert any phone more than once. It
// prints figures and exits 1 on any violation, 2 on a setup error.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mtaa-project/mtaa/bench/cluster/node"
	"github.com/mtaa-project/mtaa/bench/cluster/proxy"
	"github.com/mtaa-project/mtaa/bench/internal/httpjson"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

const (
	twilioSID   = "AC00000000000000000000000000000018"
	twilioToken = "clustercrashtoken18"
	adminToken  = "cluster-crash-admin-token-0123456789"
	// publicURL is what the servers sign webhooks against; nothing is
	// sent to it.
	publicURL = "http://127.0.0.1"
	// sendLease is the servers' --sms-send-lease.
	sendLease = 10 * time.Second
	// place is the extract's one named place; phones JOIN it.
	place = "Tandale"
)

type config struct {
	bin, store, dir string
	servers         int
	clients, sse    int
	phones          int
	cycles          int
	minUp, maxUp    time.Duration
	down            time.Duration
	alertEvery      time.Duration
	timeout         time.Duration
	seed            uint64
	keep, verbose   bool
}

func main() {
	var c config
	cycles := 50
	if v := os.Getenv("CYCLES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "cluster-crash: CYCLES=%q: want a positive number\n", v)
			os.Exit(2)
		}
		cycles = n
	}
	flag.StringVar(&c.bin, "bin", "bin/mtaa", "mtaa binary to test")
	flag.StringVar(&c.store, "store", os.Getenv("MTAA_STORE"), "postgres://… URL of an empty database (default: a throwaway PostgreSQL cluster); \"bbolt\" runs one server on its own file, to test the test")
	flag.StringVar(&c.dir, "dir", "", "directory for the servers' data directories and logs (default: a new temporary one, removed when the run passes)")
	flag.IntVar(&c.servers, "servers", 3, "servers on the database")
	flag.IntVar(&c.clients, "clients", 64, "concurrent report writers through the proxy")
	flag.IntVar(&c.sse, "sse", 2, "event-stream clients per server")
	flag.IntVar(&c.phones, "phones", 20, "phones that join the alert area by SMS")
	flag.IntVar(&c.cycles, "cycles", cycles, "kill -9/restart cycles (env CYCLES)")
	flag.DurationVar(&c.minUp, "min-up", 2*time.Second, "shortest time between two kills")
	flag.DurationVar(&c.maxUp, "max-up", 4*time.Second, "longest time between two kills")
	flag.DurationVar(&c.down, "down", 300*time.Millisecond, "how long a killed server stays down")
	flag.DurationVar(&c.alertEvery, "alert-every", 3*time.Second, "how often an alert is sent")
	flag.DurationVar(&c.timeout, "timeout", 40*time.Minute, "bound on the whole run")
	flag.Uint64Var(&c.seed, "seed", uint64(time.Now().UnixNano()), "random seed of the kills")
	flag.BoolVar(&c.keep, "keep", false, "keep the directory")
	flag.BoolVar(&c.verbose, "v", false, "copy the servers' logs to stderr")
	flag.Parse()
	if c.store == "bbolt" && c.servers != 1 {
		fmt.Fprintln(os.Stderr, "cluster-crash: -store bbolt takes -servers 1 (a bbolt file has one server)")
		os.Exit(2)
	}
	if c.servers < 1 || c.clients < 1 || c.sse < 0 || c.phones < 0 || c.cycles < 0 || c.minUp <= 0 || c.maxUp < c.minUp {
		fmt.Fprintln(os.Stderr, "cluster-crash: bad flags")
		os.Exit(2)
	}
	os.Exit(run(c))
}

// >> The ledger: what the clients know.

// request is one report sent.
type request struct {
	n      int
	sentAt time.Time // first sent
	id     uint64    // acknowledged id; 0 until acknowledged
}

func (r *request) key() string         { return fmt.Sprintf("cluster-%d", r.n) }
func (r *request) description() string { return "cluster crash test " + r.key() }

type ledger struct {
	mu       sync.Mutex
	all      []*request
	acked    int
	failures map[string]int // why requests were not acknowledged under load
}

func (l *ledger) newRequest() *request {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := &request{n: len(l.all) + 1, sentAt: time.Now()}
	l.all = append(l.all, r)
	return r
}

// violations collects what went wrong; the run fails if any.
type violations struct {
	mu   sync.Mutex
	list []string
	n    map[string]int
}

func (v *violations) add(kind, format string, args ...any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.n[kind]++
	if len(v.list) < 40 {
		v.list = append(v.list, fmt.Sprintf(format, args...))
	}
}

func run(c config) int {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	setupErr := func(err error) int {
		fmt.Fprintln(os.Stderr, "cluster-crash:", err)
		return 2
	}
	bin, err := filepath.Abs(c.bin)
	if err == nil {
		_, err = os.Stat(bin)
	}
	if err != nil {
		return setupErr(fmt.Errorf("mtaa binary: %w (run make build)", err))
	}
	dir := c.dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "mtaa-cluster-crash-"); err != nil {
			return setupErr(err)
		}
	}
	storeURL := c.store
	if storeURL == "" {
		pglog, err := os.Create(filepath.Join(dir, "postgres.log"))
		if err != nil {
			return setupErr(err)
		}
		defer pglog.Close()
		url, stop, err := node.StartDatabase(ctx, pglog)
		if err != nil {
			return setupErr(err)
		}
		defer stop()
		storeURL = url
	}

	// >> The fake Twilio API the dispatchers send alerts to.
	twilio := smstest.NewTwilioAPI(twilioSID, twilioToken)
	tl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return setupErr(err)
	}
	sends := &sendLog{fake: twilio}
	go http.Serve(tl, sends)
	defer tl.Close()
	twilio.URL = "http://" + tl.Addr().String()

	osmFile := filepath.Join(dir, "extract.osm")
	if err := os.WriteFile(osmFile, []byte(extractOSM), 0o644); err != nil {
		return setupErr(err)
	}
	logf, err := os.Create(filepath.Join(dir, "servers.log"))
	if err != nil {
		return setupErr(err)
	}
	defer logf.Close()
	var logw io.Writer = logf
	if c.verbose {
		logw = io.MultiWriter(logf, os.Stderr)
	}
	logw = node.SyncWriter(logw)
	keys := node.PhoneKeyArgs()
	servers := make([]*node.Server, c.servers)
	for i := range servers {
		port, err := node.FreePort()
		if err != nil {
			return setupErr(err)
		}
		var store []string
		if storeURL != "bbolt" {
			store = []string{"--store", storeURL}
		}
		servers[i] = &node.Server{Name: fmt.Sprintf("mtaa-%d", i+1), Bin: bin, Port: port, Log: logw, Args: append(store,
			"--data", filepath.Join(dir, fmt.Sprintf("data-%d", i+1)), "--osm", osmFile,
			"--public-url", publicURL, "--public-unverified", "--admin-token", adminToken,
			"--rate-limit-ip", "0", "--rate-limit-account", "0",
			"--twilio-auth-token", twilioToken, "--twilio-account-sid", twilioSID, "--twilio-from", "+255800000018",
			"--twilio-api-base", twilio.URL, "--sms-send-lease", sendLease.String(),
		)}
		servers[i].Args = append(servers[i].Args, keys...)
	}
	fmt.Printf("cluster-crash: %d servers on %s, %d writers, %d event streams per server, %d phones, %d kills every %v..%v, seed %d, dir %s\n",
		c.servers, node.Redact(storeURL), c.clients, c.sse, c.phones, c.cycles, c.minUp, c.maxUp, c.seed, dir)
	for _, s := range servers { // one at a time: the first imports the extract
		if err := s.Start(ctx, 2*time.Minute); err != nil {
			return setupErr(err)
		}
	}
	var behind map[*node.Server]bool // servers whose final scan missed reports
	defer func() {
		for _, s := range servers {
			if behind[s] {
				// Its goroutines' stacks go to servers.log: what held it.
				fmt.Printf("cluster-crash: %s missed reports: SIGQUIT (goroutine dump in servers.log)\n", s.Name)
				s.Dump(30 * time.Second)
				continue
			}
			s.Stop()
		}
	}()
	backends := make([]string, len(servers))
	for i, s := range servers {
		backends[i] = s.URL()
	}
	px, err := proxy.New(proxy.Config{Backends: backends, HealthInterval: 200 * time.Millisecond})
	if err != nil {
		return setupErr(err)
	}
	pl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return setupErr(err)
	}
	front := "http://" + pl.Addr().String()
	go http.Serve(pl, px)
	pctx, stopProxy := context.WithCancel(ctx)
	defer stopProxy()
	go px.Run(pctx)
	client := &http.Client{Transport: &http.Transport{Proxy: nil, MaxIdleConnsPerHost: c.clients + 8}, Timeout: 15 * time.Second}

	// >> Phones join the area, by SMS through the proxy.
	phones := make([]string, c.phones)
	for i := range phones {
		phones[i] = fmt.Sprintf("+2557180%05d", i)
		if err := join(ctx, client, front, phones[i], i); err != nil {
			return setupErr(fmt.Errorf("phone %s joins %s: %w", phones[i], place, err))
		}
	}

	var vio = &violations{n: map[string]int{}}
	led := &ledger{failures: map[string]int{}}

	// >> Event streams, per server.
	var streams []*stream
	sctx, stopStreams := context.WithCancel(ctx)
	defer stopStreams()
	var swg sync.WaitGroup
	for _, s := range servers {
		for range c.sse {
			st := &stream{server: s}
			streams = append(streams, st)
			swg.Go(func() { st.run(sctx) })
		}
	}

	// >> Load: writers and alerts, until the kills are done.
	lctx, stopLoad := context.WithCancel(ctx)
	defer stopLoad()
	var wg sync.WaitGroup
	for range c.clients {
		wg.Go(func() { write(lctx, client, front, led) })
	}
	al := &alerts{}
	wg.Go(func() { al.run(lctx, client, front, c.alertEvery) })

	// >> Kills.
	rng := mrand.New(mrand.NewPCG(c.seed, 18))
	kills := 0
	for cycle := 1; cycle <= c.cycles && ctx.Err() == nil; cycle++ {
		up := c.minUp + time.Duration(rng.Int64N(int64(c.maxUp-c.minUp)+1))
		select {
		case <-time.After(up):
		case <-ctx.Done():
		}
		s := servers[rng.IntN(len(servers))]
		if err := s.Kill(); err != nil {
			vio.add("setup", "cycle %d: %v", cycle, err)
			break
		}
		kills++
		sends.killed(time.Now())
		time.Sleep(c.down)
		if err := s.Start(ctx, time.Minute); err != nil {
			stopLoad()
			wg.Wait()
			return setupErr(fmt.Errorf("cycle %d: restart: %w", cycle, err))
		}
		led.mu.Lock()
		fmt.Printf("cycle %2d: killed %s after %4dms up; %6d sent, %6d acknowledged, %3d alerts\n", cycle, s.Name, up.Milliseconds(), len(led.all), led.acked, al.count())
		led.mu.Unlock()
	}
	// The load goes on a while with every server up, for the event
	// streams connected since the last restart.
	select {
	case <-time.After(c.maxUp):
	case <-ctx.Done():
	}
	stopLoad()
	wg.Wait()

	// >> Verification, every server up, no load.
	retried := retryPending(ctx, client, front, led, vio)
	time.Sleep(3 * time.Second) // the change feeds settle
	stopStreams()
	swg.Wait()
	behind = checkReports(ctx, client, front, servers, led, vio)
	sse := checkStreams(streams, led, vio)
	alertFig := checkAlerts(ctx, twilio, sends, phones, al, vio)

	// >> Figures.
	led.mu.Lock()
	defer led.mu.Unlock()
	fmt.Printf("\ncluster-crash-test summary\n")
	fmt.Printf("  servers        %d on one database, %d kill -9 and restarts\n", c.servers, kills)
	fmt.Printf("  reports        %d sent by %d writers, %d acknowledged under load, %d retried after\n", len(led.all), c.clients, led.acked, retried)
	if len(led.failures) > 0 {
		var ks []string
		for k, n := range led.failures {
			ks = append(ks, fmt.Sprintf("%s x%d", k, n))
		}
		sort.Strings(ks)
		fmt.Printf("  not acked      %s\n", strings.Join(ks, ", "))
	}
	fmt.Printf("  lost           %d\n", vio.n["lost"])
	fmt.Printf("  duplicated     %d\n", vio.n["dup"])
	fmt.Printf("  event streams  %s\n", sse)
	fmt.Printf("  alerts         %s\n", alertFig)
	if found, err := countLines(filepath.Join(dir, "servers.log"), foundAtGateway); err == nil {
		fmt.Printf("  lookups        %d alert SMS found at Twilio after a kill cut their record: recorded, not sent again\n", found)
	}
	for _, st := range px.Stats() {
		fmt.Printf("  proxy          %s: %d answers, %d requests failed under it (sent again elsewhere when safe)\n", st.URL, st.Served, st.Failed)
	}
	fmt.Printf("  wall time      %v\n", time.Since(start).Round(100*time.Millisecond))
	if len(vio.list) > 0 {
		fmt.Printf("\nFAIL: %d violation(s):\n", len(vio.list))
		for _, s := range vio.list {
			fmt.Println("  -", s)
		}
		fmt.Printf("logs and data kept in %s\n", dir)
		return 1
	}
	fmt.Println("PASS: no acknowledged report lost or duplicated, every connected event stream saw every report, " +
		"every acknowledged alert delivered to every phone exactly once")
	if c.dir == "" && !c.keep {
		os.RemoveAll(dir)
	}
	return 0
}

// extractOSM is the area's OSM extract: one named place for JOIN.
const extractOSM = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="mtaa cluster-crash">
  <node id="1" lat="-6.8000" lon="39.2500" version="1" timestamp="2026-01-01T00:00:00Z">
    <tag k="place" v="suburb"/>
    <tag k="name" v="` + place + `"/>
  </node>
</osm>
`

// alertArea is a square around the place.
const alertArea = `{"type":"Polygon","coordinates":[[[39.24,-6.81],[39.26,-6.81],[39.26,-6.79],[39.24,-6.79],[39.24,-6.81]]]}`

// join sends "JOIN <place>" from phone as a signed Twilio webhook through
// the proxy, again with the same MessageSid until it is answered.
func join(ctx context.Context, client *http.Client, front, phone string, i int) error {
	form := url.Values{
		"MessageSid": {fmt.Sprintf("SMjoin%026d", i)},
		"AccountSid": {twilioSID},
		"From":       {phone},
		"To":         {"+255800000018"},
		"Body":       {"JOIN " + place},
	}
	var last error
	for range 20 {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, front+"/sms/twilio", strings.NewReader(form.Encode()))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Twilio-Signature", sms.TwilioSignature(twilioToken, publicURL+"/sms/twilio", form))
		resp, err := client.Do(req)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && strings.Contains(string(b), place) {
				return nil
			}
			err = fmt.Errorf("status %d: %s", resp.StatusCode, b)
		}
		last = err
		time.Sleep(200 * time.Millisecond)
	}
	return last
}

// >> Writers

// write posts reports through the proxy until ctx ends.
func write(ctx context.Context, client *http.Client, front string, led *ledger) {
	for i := 0; i < 1_000_000 && ctx.Err() == nil; i++ {
		r := led.newRequest()
		id, why := postReport(ctx, client, front, r)
		led.mu.Lock()
		if id != 0 {
			r.id = id
			led.acked++
		} else if ctx.Err() == nil {
			led.failures[why]++
		}
		led.mu.Unlock()
		if id == 0 {
			select { // no server answered: wait a little, as a client would
			case <-ctx.Done():
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
}

// postReport POSTs r's report; it returns the id when acknowledged, else
// why not.
func postReport(ctx context.Context, client *http.Client, front string, r *request) (uint64, string) {
	body := `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.25,-6.8]},"properties":{"category":"flood","description":"` + r.description() + `"}}`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, front+"/api/v1/reports", strings.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/geo+json")
	req.Header.Set("Idempotency-Key", r.key())
	resp, err := client.Do(req)
	if err != nil {
		return 0, "transport error"
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return 0, "body cut"
	}
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		return 0, fmt.Sprintf("HTTP %d", resp.StatusCode)
	}
	var f struct{ ID uint64 }
	if json.Unmarshal(b, &f) != nil || f.ID == 0 {
		return 0, "2xx without id"
	}
	return f.ID, ""
}

// retryPending sends every unacknowledged request again, with its key,
// until it is acknowledged (each at most 20 times).
func retryPending(ctx context.Context, client *http.Client, front string, led *ledger, vio *violations) int {
	led.mu.Lock()
	var pending []*request
	for _, r := range led.all {
		if r.id == 0 {
			pending = append(pending, r)
		}
	}
	led.mu.Unlock()
	for _, r := range pending {
		var why string
		for try := 0; try < 20 && r.id == 0 && ctx.Err() == nil; try++ {
			var id uint64
			if id, why = postReport(ctx, client, front, r); id != 0 {
				led.mu.Lock()
				r.id = id
				led.mu.Unlock()
			} else {
				time.Sleep(100 * time.Millisecond)
			}
		}
		if r.id == 0 {
			vio.add("setup", "retry of %s never acknowledged: %s", r.key(), why)
		}
	}
	return len(pending)
}

// >> Report checks

type storedReport struct {
	Properties struct {
		ID          uint64 `json:"id"`
		Description string `json:"description"`
	} `json:"properties"`
}

// checkReports checks each request against the stored reports: its id
// holds its description, no two requests share an id, every server counts
// one report per request, and a full scan holds each description once.
func checkReports(ctx context.Context, client *http.Client, front string, servers []*node.Server, led *ledger, vio *violations) (behind map[*node.Server]bool) {
	behind = map[*node.Server]bool{}
	led.mu.Lock()
	all := append([]*request(nil), led.all...)
	led.mu.Unlock()
	byID := map[uint64]*request{}
	for _, r := range all {
		if r.id == 0 {
			continue
		}
		if other, ok := byID[r.id]; ok {
			vio.add("dup", "requests %s and %s both acknowledged as report %d", other.key(), r.key(), r.id)
			continue
		}
		byID[r.id] = r
	}
	// A full scan on each server (its in-memory index, fed by the others'
	// writes through the change feed).
	for _, s := range servers {
		counts := map[string]int{}
		ids := map[string]uint64{}
		next := s.URL() + "/ogc/collections/reports/items?limit=1000"
		for pages := 0; next != "" && pages < 10000 && ctx.Err() == nil; pages++ {
			var page struct {
				Features []storedReport
				Links    []struct{ Rel, Href string }
			}
			if err := httpjson.Get(ctx, client, next, &page); err != nil {
				vio.add("setup", "%s: read all reports: %v", s.Name, err)
				break
			}
			for _, f := range page.Features {
				counts[f.Properties.Description]++
				ids[f.Properties.Description] = f.Properties.ID
			}
			next = ""
			for _, l := range page.Links {
				if u, err := url.Parse(l.Href); err == nil && l.Rel == "next" {
					next = s.URL() + u.RequestURI()
				}
			}
		}
		for _, r := range all {
			switch n := counts[r.description()]; {
			case n == 0:
				vio.add("lost", "%s: request %s (acknowledged as %d): no report", s.Name, r.key(), r.id)
				behind[s] = true
			case n > 1:
				vio.add("dup", "%s: request %s stored %d times", s.Name, r.key(), n)
			case r.id != 0 && ids[r.description()] != r.id:
				vio.add("lost", "%s: request %s acknowledged as %d, stored as %d", s.Name, r.key(), r.id, ids[r.description()])
			}
			delete(counts, r.description())
		}
		for d, n := range counts {
			vio.add("dup", "%s: report %q (x%d) matches no request", s.Name, d, n)
		}
	}
	return behind
}

// >> Event streams

// stream is one event-stream client of one server, reconnecting when the
// server dies; each connection is a session.
type stream struct {
	server   *node.Server
	mu       sync.Mutex
	sessions []*session
}

type session struct {
	connected time.Time
	ended     bool
	seen      map[uint64]bool
}

func (st *stream) run(ctx context.Context) {
	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	for ctx.Err() == nil {
		st.once(ctx, client)
		select {
		case <-ctx.Done():
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (st *stream) once(ctx context.Context, client *http.Client) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, st.server.URL()+"/api/v1/events", nil)
	if err != nil {
		return
	}
	resp, err := client.Do(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, resp.Body)
		return
	}
	s := &session{connected: time.Now(), seen: map[uint64]bool{}}
	st.mu.Lock()
	st.sessions = append(st.sessions, s)
	st.mu.Unlock()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	event := ""
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "id: ") && event == "report":
			if id, err := strconv.ParseUint(strings.TrimPrefix(line, "id: "), 10, 64); err == nil {
				st.mu.Lock()
				s.seen[id] = true
				st.mu.Unlock()
			}
		case line == "":
			event = ""
		}
	}
	st.mu.Lock()
	// Ended by the test (ctx) it counts as connected to the end.
	s.ended = ctx.Err() == nil
	st.mu.Unlock()
}

// checkStreams checks every session connected at the end: it must have
// seen each report whose request was first sent after it connected.
func checkStreams(streams []*stream, led *ledger, vio *violations) string {
	led.mu.Lock()
	all := append([]*request(nil), led.all...)
	led.mu.Unlock()
	sessions, survived, checked, events := 0, 0, 0, 0
	for _, st := range streams {
		st.mu.Lock()
		for _, s := range st.sessions {
			sessions++
			if s.ended {
				continue
			}
			survived++
			for _, r := range all {
				if r.id == 0 || !r.sentAt.After(s.connected) {
					continue
				}
				checked++
				if !s.seen[r.id] {
					vio.add("sse", "%s stream connected at %s missed report %d (%s, sent %s)", st.server.Name,
						s.connected.Format("15:04:05.000"), r.id, r.key(), r.sentAt.Format("15:04:05.000"))
				}
			}
			events += len(s.seen)
		}
		st.mu.Unlock()
	}
	return fmt.Sprintf("%d sessions (reconnects included), %d connected at the end: %d report events expected, %d missed; %d received",
		sessions, survived, checked, vio.n["sse"], events)
}

// >> Alerts

// alerts sends area alerts through the proxy and remembers them.
type alerts struct {
	mu    sync.Mutex
	sent  []alert
	total atomic.Int64
}

type alert struct {
	text  string
	acked bool
}

func (a *alerts) count() int { return int(a.total.Load()) }

func (a *alerts) run(ctx context.Context, client *http.Client, front string, every time.Duration) {
	for i := 1; ctx.Err() == nil; i++ {
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
		text := fmt.Sprintf("Cluster test alert %d: move to high ground", i)
		body, _ := json.Marshal(map[string]any{"message": text, "area": json.RawMessage(alertArea)})
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, front+"/api/v1/alerts", strings.NewReader(string(body)))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+adminToken)
		acked := false
		if resp, err := client.Do(req); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			acked = resp.StatusCode == http.StatusCreated || resp.StatusCode == http.StatusOK
		}
		a.mu.Lock()
		a.sent = append(a.sent, alert{text: text, acked: acked})
		a.mu.Unlock()
		a.total.Add(1)
	}
}

// checkAlerts waits (at most two minutes) until every phone has every
// acknowledged alert, then checks that none got one twice.
func checkAlerts(ctx context.Context, twilio *smstest.FakeTwilio, sends *sendLog, phones []string, a *alerts, vio *violations) string {
	a.mu.Lock()
	sent := append([]alert(nil), a.sent...)
	a.mu.Unlock()
	acked := 0
	for _, al := range sent {
		if al.acked {
			acked++
		}
	}
	want := acked * len(phones)
	deadline := time.Now().Add(2 * time.Minute)
	delivered := 0
	for ctx.Err() == nil {
		got := twilio.Sent()
		delivered = 0
		for _, p := range phones {
			have := map[string]bool{}
			for _, body := range got[p] {
				have[body] = true
			}
			for _, al := range sent {
				if al.acked && have[al.text] {
					delivered++
				}
			}
		}
		if delivered >= want || time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	got := twilio.Sent()
	messages, resent := 0, 0
	for _, p := range phones {
		n := map[string]int{}
		for _, body := range got[p] {
			n[body]++
			messages++
		}
		for _, al := range sent {
			switch {
			case n[al.text] > 1 && sends.resentAfterKill(p, al.text):
				// Through Twilio a send cut by a kill is looked up before
				// it is sent again (sms.SentLookup): a repeat is a failure.
				resent += n[al.text] - 1
				vio.add("sms", "%s got %q %d times (sent again after a kill between Twilio's accept and the record)", p, al.text, n[al.text])
			case n[al.text] > 1:
				vio.add("sms", "%s got %q %d times", p, al.text, n[al.text])
			case al.acked && n[al.text] == 0:
				vio.add("sms", "%s never got acknowledged alert %q", p, al.text)
			}
		}
	}
	requests, failed := twilio.Requests()
	return fmt.Sprintf("%d sent (%d acknowledged) to %d phones: %d SMS to Twilio (%d requests, %d failed, %d Messages list lookups of messages whose claim a kill cut), "+
		"%d of %d expected delivered; %d sent again after a kill between Twilio's accept and the record, %d duplicates or losses in all (exactly once: 0)",
		len(sent), acked, len(phones), messages, requests, failed, twilio.Lookups(), delivered, want, resent, vio.n["sms"])
}

// foundAtGateway is what a server logs when a lookup finds a message it
// would otherwise have sent again (sms.Dispatcher).
const foundAtGateway = "outbound SMS found at the gateway after an unrecorded send"

// countLines counts the lines of the file at path that contain sub.
func countLines(path, sub string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if strings.Contains(sc.Text(), sub) {
			n++
		}
	}
	return n, sc.Err()
}

// sendLog is the fake Twilio API with the time of each message it took
// and of each kill, to tell a message sent again because its server died
// between sending it and recording it from any other duplicate.
type sendLog struct {
	fake  *smstest.FakeTwilio
	mu    sync.Mutex
	taken map[string][]time.Time // phone and text → when Twilio took it
	kills []time.Time
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (l *sendLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	l.fake.ServeHTTP(sw, r) // it parses the form
	if sw.status == http.StatusCreated {
		l.mu.Lock()
		if l.taken == nil {
			l.taken = map[string][]time.Time{}
		}
		k := r.PostForm.Get("To") + "\x00" + r.PostForm.Get("Body")
		l.taken[k] = append(l.taken[k], time.Now())
		l.mu.Unlock()
	}
}

func (l *sendLog) killed(at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.kills = append(l.kills, at)
}

// resentAfterKill reports whether every repeat of text to phone came after
// a server was killed within moments of the first send (the claim then
// waits out its lease), the documented at-least-once case.
func (l *sendLog) resentAfterKill(phone, text string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	times := l.taken[phone+"\x00"+text]
	if len(times) < 2 {
		return false
	}
	first := times[0]
	killed := false
	for _, k := range l.kills {
		// The record of the send was still queued for the write lock.
		if !k.Before(first.Add(-100*time.Millisecond)) && k.Before(first.Add(5*time.Second)) {
			killed = true
		}
	}
	for _, t := range times[1:] {
		if t.Sub(first) < sendLease/2 { // sent again before any lease could end
			return false
		}
	}
	return killed
}
