// Command crash is mtaa's kill -9 test (make crash-test): it runs
// `mtaa serve` under two kinds of load at once, kills it with SIGKILL at a
// random moment, runs `mtaa check` while it is down, restarts it and
// verifies, -cycles times:
//
//   - HTTP writers POST /api/v1/reports, each with its own Idempotency-Key
//     and description;
//   - SMS writers POST signed Twilio webhooks, each with its own MessageSid,
//     sender and coordinates ("moto -6.8123, 39.2567"), which create reports;
//   - WhatsApp writers POST the same webhook from "whatsapp:+…" senders with
//     the position as a location message (Latitude, Longitude);
//   - Africa's Talking writers POST its SMS callback (id, from, text), whose
//     replies go out through a fake of its messaging API run by this
//     program;
//   - USSD writers walk whole sessions of the menu (menu, category, area):
//     the last screen files a report ("END … #<id>");
//   - an alert writer POSTs area alerts (admin token) to subscribers who
//     joined by Africa's Talking SMS before the first cycle: every alert
//     goes out through the fake Africa's Talking API.
//
// The data directory starts with a small OSM extract this program writes
// (one named area around the reports), for the USSD menu's areas and JOIN.
//
// After each restart, before any new load: every report acknowledged in the
// previous cycle (HTTP 201 with an id; Twilio 200 whose TwiML says "#<id>";
// the USSD session's END screen with "#<id>"; Africa's Talking 200, whose
// report is checked by content) is there with its own content; every
// request that was not acknowledged is retried with its key, MessageSid,
// id or session and must succeed; then the number of stored reports must
// equal the number of distinct requests ever sent (no duplicate). At the
// end every report is read through the OGC API and each request must match
// exactly one, no USSD draft is left, and, once the outbox has drained,
// every subscriber has had every alert and every Africa's Talking sender
// its reply, exactly once.
//
// Africa's Talking's API takes no idempotency key and lists no sent
// messages: a message it accepted just before a kill -9, whose sending the
// server had no time to record, is known to mtaa only through the API's
// delivery report on its number. The fake API posts one for every message
// it takes (300 ms later, tried again every 300 ms for a minute while
// mtaa is down, to the address of the server of the moment), and mtaa
// waits -report-window for it before sending such a message again. Half
// the kills (at random) come at the very moment the fake takes a message,
// before it answers. With -at-reports=false the fake posts none, and a
// repeat across a kill is allowed (one per kill: the dispatcher sends one
// message at a time); the summary counts them. It prints a summary and
// exits 1 on any violation, 2 on a setup error.
//
// Everything is bounded: each request has a timeout, each cycle's load a
// deadline, each writer a maximum count, each child process a deadline and
// the whole run -timeout. Traffic goes to 127.0.0.1 only.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/mtaa-project/mtaa/bench/internal/httpjson"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

const (
	atSecret   = "crash-test-at-secret"
	atUser     = "crash"
	atKey      = "crashkey0123"
	adminToken = "crash-test-admin-token"
	// areaName is the extract's one area, where subscribers join.
	areaName = "Crash Ward"
	// areaPolygon is the area's ring (GeoJSON), around every report.
	areaPolygon = `{"type":"Polygon","coordinates":[[[39.05,-6.95],[39.3,-6.95],[39.3,-6.65],[39.05,-6.65],[39.05,-6.95]]]}`
)

const (
	twilioToken = "crash-test-token"
	// publicURL is what the server signs webhooks against; nothing is ever
	// sent to it.
	publicURL  = "http://127.0.0.1"
	twilioPath = "/sms/twilio"
)

type config struct {
	bin         string
	dataDir     string
	cycles      int
	httpWriters int
	smsWriters  int
	waWriters   int
	atWriters   int
	ussdWriters int
	subscribers int
	minKill     time.Duration
	maxKill     time.Duration
	timeout     time.Duration
	seed        uint64
	keep        bool
	// atReports makes the fake Africa's Talking API post delivery reports
	// (it retries one mtaa does not take for a minute); reportWindow is
	// mtaa's --africastalking-report-window.
	atReports    bool
	reportWindow time.Duration
}

func main() {
	var c config
	cycles := 50
	if v := os.Getenv("CYCLES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "crash: CYCLES=%q: want a positive number\n", v)
			os.Exit(2)
		}
		cycles = n
	}
	flag.StringVar(&c.bin, "bin", "bin/mtaa", "mtaa binary to test")
	flag.StringVar(&c.dataDir, "data", "", "data directory (default: a new temporary directory, removed when the run passes)")
	flag.IntVar(&c.cycles, "cycles", cycles, "kill/restart cycles (env CYCLES)")
	flag.IntVar(&c.httpWriters, "http-writers", 16, "concurrent HTTP POST writers")
	flag.IntVar(&c.smsWriters, "sms-writers", 8, "concurrent Twilio webhook writers")
	flag.IntVar(&c.waWriters, "whatsapp-writers", 4, "concurrent WhatsApp (Twilio) location-message writers")
	flag.IntVar(&c.atWriters, "at-writers", 4, "concurrent Africa's Talking SMS callback writers")
	flag.IntVar(&c.ussdWriters, "ussd-writers", 4, "concurrent USSD session writers")
	flag.IntVar(&c.subscribers, "subscribers", 20, "alert subscribers (joined by Africa's Talking SMS); 0: no alerts")
	flag.DurationVar(&c.minKill, "min-kill", 100*time.Millisecond, "earliest kill after the load starts")
	flag.DurationVar(&c.maxKill, "max-kill", 2*time.Second, "latest kill after the load starts")
	flag.DurationVar(&c.timeout, "timeout", 30*time.Minute, "bound on the whole run")
	flag.Uint64Var(&c.seed, "seed", uint64(time.Now().UnixNano()), "random seed of the kill moments")
	flag.BoolVar(&c.keep, "keep", false, "keep the data directory")
	flag.BoolVar(&c.atReports, "at-reports", true, "the fake Africa's Talking API posts delivery reports to mtaa (without them a message in flight at a kill is sent twice)")
	flag.DurationVar(&c.reportWindow, "report-window", 20*time.Second, "mtaa's --africastalking-report-window")
	flag.Parse()
	if c.cycles <= 0 || c.httpWriters < 0 || c.smsWriters < 0 || c.waWriters < 0 || c.atWriters < 0 || c.ussdWriters < 0 || c.subscribers < 0 ||
		c.httpWriters+c.smsWriters+c.waWriters+c.atWriters+c.ussdWriters == 0 || c.minKill < 0 || c.maxKill < c.minKill || c.reportWindow <= 0 {
		fmt.Fprintln(os.Stderr, "crash: bad flags")
		os.Exit(2)
	}
	os.Exit(run(c))
}

// kind is the channel a request went through.
type kind int

const (
	viaHTTP kind = iota
	viaSMS
	viaWhatsApp
	viaAT
	viaUSSD
)

// kindNames name the kinds in the summary.
var kindNames = []string{"HTTP", "Twilio SMS", "WhatsApp", "Africa's Talking SMS", "USSD sessions"}

// request is one report sent: its identity and its expected content.
type request struct {
	n    int // unique number
	kind kind
	id   uint64 // acknowledged id, 0 until acknowledged
}

// key is the Idempotency-Key (HTTP), MessageSid (Twilio), message id
// (Africa's Talking) or session id (USSD) of request n.
func (r *request) key() string {
	switch r.kind {
	case viaSMS:
		return fmt.Sprintf("SM%032d", r.n)
	case viaWhatsApp:
		return fmt.Sprintf("SMwa%030d", r.n)
	case viaAT:
		return fmt.Sprintf("ATSms_%d", r.n)
	case viaUSSD:
		return fmt.Sprintf("ATUid_%d", r.n)
	}
	return fmt.Sprintf("crash-%d", r.n)
}

// phone is the sender of request n.
func (r *request) phone() string { return fmt.Sprintf("+2557%08d", r.n%100000000) }

// description is the description of an HTTP report.
func (r *request) description() string { return "crash test " + r.key() }

// point is the unique location of an SMS report, on a grid of 1e-4
// degrees around Dar es Salaam.
func (r *request) point() (lon, lat float64) {
	return 39.1 + float64(r.n/2000)*1e-4, -6.7 - float64(r.n%2000)*1e-4
}

// contentKey identifies a stored report's content: the description of an
// HTTP report, the channel and coordinates of an SMS or WhatsApp one, the
// id of a USSD one (all of a session's reports are at the area's point).
func contentKey(channel, description string, lon, lat float64, id uint64) string {
	switch channel {
	case "sms", "whatsapp":
		return fmt.Sprintf("%s %.4f %.4f", channel, lon, lat)
	case "ussd":
		return fmt.Sprintf("ussd #%d", id)
	}
	return "web " + description
}

func (r *request) contentKey() string {
	lon, lat := r.point()
	switch r.kind {
	case viaSMS, viaAT:
		return contentKey("sms", "", lon, lat, 0)
	case viaWhatsApp:
		return contentKey("whatsapp", "", lon, lat, 0)
	case viaUSSD:
		return contentKey("ussd", "", 0, 0, r.id)
	}
	return contentKey("web", r.description(), 0, 0, 0)
}

// ledger is what the client knows: every request sent and which were
// acknowledged.
type ledger struct {
	mu       sync.Mutex
	next     int
	all      []*request
	pending  []*request // sent, not acknowledged, not yet retried
	fresh    []*request // acknowledged since the last verification
	acked    int        // acknowledged under load
	retried  int
	unexpect map[string]int // unexpected answers under load, by status
	alerts   []*alertReq    // alerts posted
}

// alertReq is one area alert posted: its unique message, and whether the
// server acknowledged it (201).
type alertReq struct {
	msg   string
	acked bool
}

func (l *ledger) newRequest(k kind) *request {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.next++
	r := &request{n: l.next, kind: k}
	l.all = append(l.all, r)
	return r
}

func (l *ledger) ack(r *request, id uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r.id = id
	l.fresh = append(l.fresh, r)
	l.acked++
}

func (l *ledger) fail(r *request, why string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pending = append(l.pending, r)
	if why != "" {
		l.unexpect[why]++
	}
}

// violations collects what went wrong; the run fails if any.
type violations struct {
	mu   sync.Mutex
	list []string
	lost int
	dup  int
}

func (v *violations) add(format string, args ...any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.list) < 50 {
		v.list = append(v.list, fmt.Sprintf(format, args...))
	}
}

func run(c config) int {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	bin, err := filepath.Abs(c.bin)
	if err == nil {
		_, err = os.Stat(bin)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "crash: mtaa binary: %v (run make build)\n", err)
		return 2
	}
	dir := c.dataDir
	if dir == "" {
		dir, err = os.MkdirTemp("", "mtaa-crash-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "crash:", err)
			return 2
		}
	}
	rng := rand.New(rand.NewPCG(c.seed, 1))
	led := &ledger{unexpect: map[string]int{}}
	var vio violations
	writers := c.httpWriters + c.smsWriters + c.waWriters + c.atWriters + c.ussdWriters + 1
	client := &http.Client{
		// No proxy: every request goes straight to the loopback server.
		Transport: &http.Transport{MaxIdleConnsPerHost: writers, Proxy: nil},
		Timeout:   10 * time.Second,
	}
	fmt.Printf("crash: %d cycles, %d HTTP + %d Twilio SMS + %d WhatsApp + %d Africa's Talking + %d USSD writers, %d alert subscribers, kill after %v..%v, seed %d, data %s\n",
		c.cycles, c.httpWriters, c.smsWriters, c.waWriters, c.atWriters, c.ussdWriters, c.subscribers, c.minKill, c.maxKill, c.seed, dir)

	setupErr := func(err error) int {
		fmt.Fprintf(os.Stderr, "crash: %v (data kept in %s)\n", err, dir)
		return 2
	}
	if err := importArea(ctx, bin, dir); err != nil {
		return setupErr(err)
	}
	// The fake Africa's Talking API lives here, across the server's
	// deaths: what it received is what residents got.
	at := smstest.NewAfricasTalkingHandler(atUser, atKey)
	atLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return setupErr(err)
	}
	go http.Serve(atLn, at)
	defer atLn.Close()
	atBase := "http://" + atLn.Addr().String()
	subscribers := make([]string, c.subscribers)
	for i := range subscribers {
		subscribers[i] = fmt.Sprintf("+2556%08d", i)
	}
	defer at.Close()
	reportTo := func(base string) {
		if c.atReports {
			at.ReportTo(base+"/sms/africastalking/delivery?secret="+atSecret, 300*time.Millisecond, time.Minute)
		}
	}
	var kills []time.Time
	killsAtAccept := 0
	unknown := &unknownTally{}
	for cycle := 1; cycle <= c.cycles; cycle++ {
		if ctx.Err() != nil {
			vio.add("run did not finish within -timeout %v (cycle %d)", c.timeout, cycle)
			break
		}
		srv, err := startServe(ctx, bin, dir, atBase, c.reportWindow, unknown)
		if err != nil {
			return setupErr(fmt.Errorf("cycle %d: %w", cycle, err))
		}
		reportTo(srv.base)
		// >> Verify what the previous cycle left, with no other load.
		verify(ctx, client, srv.base, led, &vio)
		if len(vio.list) > 0 {
			srv.kill()
			break
		}
		if cycle == 1 {
			if err := join(ctx, client, srv.base, subscribers); err != nil {
				srv.kill()
				return setupErr(err)
			}
		}
		// >> Load, then SIGKILL at a random moment.
		delay := c.minKill + time.Duration(rng.Int64N(int64(c.maxKill-c.minKill)+1))
		loadCtx, stopLoad := context.WithTimeout(ctx, delay+15*time.Second)
		var wg sync.WaitGroup
		for w := 0; w < c.httpWriters; w++ {
			wg.Go(func() { write(loadCtx, client, srv.base, led, viaHTTP, postHTTP) })
		}
		for w := 0; w < c.smsWriters; w++ {
			wg.Go(func() { write(loadCtx, client, srv.base, led, viaSMS, postSMS) })
		}
		for w := 0; w < c.waWriters; w++ {
			wg.Go(func() { write(loadCtx, client, srv.base, led, viaWhatsApp, postWhatsApp) })
		}
		for w := 0; w < c.atWriters; w++ {
			wg.Go(func() { write(loadCtx, client, srv.base, led, viaAT, postAT) })
		}
		for w := 0; w < c.ussdWriters; w++ {
			wg.Go(func() { write(loadCtx, client, srv.base, led, viaUSSD, postUSSD) })
		}
		if c.subscribers > 0 {
			wg.Go(func() { writeAlerts(loadCtx, client, srv.base, led) })
		}
		// Every other cycle (at random) the kill comes at the moment the
		// fake Africa's Talking API takes a message, before it answers:
		// between its acceptance and mtaa's record, the one point where
		// the outcome of a send is unknown.
		atAccept := c.subscribers+c.atWriters > 0 && rng.IntN(2) == 0
		select {
		case <-time.After(delay):
		case <-ctx.Done():
		}
		if atAccept && killAtAccept(at, srv) {
			killsAtAccept++
		}
		srv.kill()
		kills = append(kills, time.Now()) // the process is gone: nothing it sent comes after
		stopLoad()
		wg.Wait()
		// >> The file must be consistent while the server is down.
		if out, err := runCheck(ctx, bin, dir); err != nil {
			vio.add("cycle %d: mtaa check after kill -9: %v\n%s", cycle, err, out)
			break
		}
		led.mu.Lock()
		where := ""
		if atAccept {
			where = " (at the API's acceptance)"
		}
		fmt.Printf("cycle %2d: killed after %4dms%s, %6d sent, %6d acknowledged\n", cycle, delay.Milliseconds(), where, len(led.all), led.acked)
		led.mu.Unlock()
	}
	// >> Last restart: verify the last cycle, then every report once.
	var out outboundTally
	if len(vio.list) == 0 {
		srv, err := startServe(ctx, bin, dir, atBase, c.reportWindow, unknown)
		if err != nil {
			return setupErr(fmt.Errorf("final start: %w", err))
		}
		reportTo(srv.base)
		verify(ctx, client, srv.base, led, &vio)
		if len(vio.list) == 0 {
			verifyAll(ctx, client, srv.base, led, &vio)
			verifyNoDrafts(ctx, client, srv.base, &vio)
			out = verifyOutbound(ctx, at, subscribers, led, kills, c.reportWindow, c.atReports, &vio)
		}
		srv.stop()
	}

	led.mu.Lock()
	defer led.mu.Unlock()
	perKind := make([]int, len(kindNames))
	for _, r := range led.all {
		perKind[r.kind]++
	}
	var kinds []string
	for k, n := range perKind {
		kinds = append(kinds, fmt.Sprintf("%d %s", n, kindNames[k]))
	}
	ackedAlerts := 0
	for _, a := range led.alerts {
		if a.acked {
			ackedAlerts++
		}
	}
	fmt.Printf("\ncrash-test summary\n")
	fmt.Printf("  cycles        %d (kill -9 under load, mtaa check, restart)\n", c.cycles)
	fmt.Printf("  sent          %d (%s)\n", len(led.all), strings.Join(kinds, ", "))
	fmt.Printf("  alerts        %d posted, %d acknowledged, to %d subscribers through the fake Africa's Talking API\n", len(led.alerts), ackedAlerts, c.subscribers)
	posted, retried, dropped := at.Reports()
	reports := "off (-at-reports=false)"
	if c.atReports {
		reports = fmt.Sprintf("%d posted, %d tries failed (mtaa down) and tried again, %d dropped; report window %v", posted, retried, dropped, c.reportWindow)
	}
	fmt.Printf("  kills         %d, %d of them at the moment the Africa's Talking API took a message\n", len(kills), killsAtAccept)
	fmt.Printf("  outbound      alerts: %d messages expected, %d sent exactly once, %d repeated, %d missing; replies: %d expected, %d once, %d repeated, %d missing (%d repeats in all, %d across a kill)\n",
		out.alertWant, out.alertOnce, out.alertRepeated, out.alertMissing, out.replyWant, out.replyOnce, out.replyRepeated, out.replyMissing, out.dup, out.dupAtKill)
	fmt.Printf("  reports       %s\n", reports)
	unknown.mu.Lock()
	fmt.Printf("  unknown       %d messages of unknown send outcome matched to their delivery report (not sent again), %d sent again after the window without one\n",
		unknown.matched, unknown.resent)
	unknown.mu.Unlock()
	fmt.Printf("  acknowledged  %d under load\n", led.acked)
	fmt.Printf("  retried       %d unacknowledged, with their key or MessageSid\n", led.retried)
	if len(led.unexpect) > 0 {
		var ks []string
		for k, n := range led.unexpect {
			ks = append(ks, fmt.Sprintf("%s x%d", k, n))
		}
		sort.Strings(ks)
		fmt.Printf("  other answers %s\n", strings.Join(ks, ", "))
	}
	fmt.Printf("  lost          %d\n", vio.lost)
	fmt.Printf("  duplicated    %d\n", vio.dup)
	fmt.Printf("  wall time     %v\n", time.Since(start).Round(100*time.Millisecond))
	if len(vio.list) > 0 {
		fmt.Printf("\nFAIL: %d violation(s):\n", len(vio.list))
		for _, s := range vio.list {
			fmt.Println("  -", s)
		}
		fmt.Printf("data kept in %s\n", dir)
		return 1
	}
	if c.atReports {
		fmt.Println("PASS: every acknowledged report present exactly once, no duplicate after retries; every alert and reply sent exactly once")
	} else {
		fmt.Println("PASS: every acknowledged report present exactly once, no duplicate after retries; every alert and reply sent, once but for the message in flight at a kill (no delivery reports)")
	}
	if c.dataDir == "" && !c.keep {
		os.RemoveAll(dir)
	}
	return 0
}

// >> Writers

// maxPerWriter bounds each writer's loop within a cycle.
const maxPerWriter = 100000

// write sends requests of one kind until ctx ends, recording each as
// acknowledged or failed.
func write(ctx context.Context, client *http.Client, base string, led *ledger, via kind,
	post func(context.Context, *http.Client, string, *request) (uint64, string, error)) {
	for i := 0; i < maxPerWriter && ctx.Err() == nil; i++ {
		r := led.newRequest(via)
		id, why, err := post(ctx, client, base, r)
		if err != nil || id == 0 && via != viaAT { // Africa's Talking answers no id
			led.fail(r, why)
			continue
		}
		led.ack(r, id)
	}
}

// postHTTP POSTs r's report. It returns the id when acknowledged (201, or
// 200 for a repeated key), else why not: "" for a transport error (the
// server died), the status otherwise.
func postHTTP(ctx context.Context, client *http.Client, base string, r *request) (uint64, string, error) {
	body := `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.25,-6.81]},"properties":{"category":"flood","description":"` + r.description() + `"}}`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/reports", strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/geo+json")
	req.Header.Set("Idempotency-Key", r.key())
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return 0, "", err
	}
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		return 0, fmt.Sprintf("HTTP %d", resp.StatusCode), fmt.Errorf("status %d: %s", resp.StatusCode, b)
	}
	var f struct{ ID uint64 }
	if err := json.Unmarshal(b, &f); err != nil || f.ID == 0 {
		return 0, "HTTP 2xx without id", fmt.Errorf("acknowledged without an id: %s", b)
	}
	return f.ID, "", nil
}

var twimlRef = regexp.MustCompile(`#(\d+)`)

// postSMS POSTs r as a signed Twilio webhook. It returns the report id
// when the TwiML reply names one ("#<id>").
func postSMS(ctx context.Context, client *http.Client, base string, r *request) (uint64, string, error) {
	lon, lat := r.point()
	form := url.Values{
		"MessageSid": {r.key()},
		"AccountSid": {"AC00000000000000000000000000000000"},
		"From":       {fmt.Sprintf("+2557%08d", r.n%100000000)},
		"To":         {"+255700000000"},
		"Body":       {fmt.Sprintf("moto %.4f, %.4f", lat, lon)},
	}
	return postTwilio(ctx, client, base, form, "Twilio")
}

// >> Verification

// storedReport is what the server returns for one report.
type storedReport struct {
	Geometry struct {
		Coordinates []float64 `json:"coordinates"`
	} `json:"geometry"`
	Properties struct {
		ID          uint64 `json:"id"`
		Channel     string `json:"channel"`
		Description string `json:"description"`
	} `json:"properties"`
}

func (s *storedReport) contentKey() string {
	var lon, lat float64
	if len(s.Geometry.Coordinates) >= 2 {
		lon, lat = s.Geometry.Coordinates[0], s.Geometry.Coordinates[1]
	}
	return contentKey(s.Properties.Channel, s.Properties.Description, lon, lat, s.Properties.ID)
}

// verify checks the reports acknowledged since the last call, retries what
// was not acknowledged (each retry must be acknowledged and is checked the
// same way), then compares the number of stored reports with the number
// of distinct requests sent.
func verify(ctx context.Context, client *http.Client, base string, led *ledger, vio *violations) {
	led.mu.Lock()
	fresh, pending := led.fresh, led.pending
	led.fresh, led.pending = nil, nil
	sent := len(led.all)
	led.mu.Unlock()

	seen := map[uint64]*request{}
	checkOne := func(r *request) {
		if r.id == 0 {
			return // Africa's Talking: checked by content (verifyAll) and by count
		}
		if other, ok := seen[r.id]; ok {
			vio.dup++
			vio.add("requests %s and %s both acknowledged as report %d", other.key(), r.key(), r.id)
			return
		}
		seen[r.id] = r
		got, status, err := getReport(ctx, client, base, r.id)
		switch {
		case err != nil:
			vio.add("GET report %d (%s): %v", r.id, r.key(), err)
		case status == http.StatusNotFound:
			vio.lost++
			vio.add("acknowledged report %d (%s) is missing after kill -9", r.id, r.key())
		case status != http.StatusOK:
			vio.add("GET report %d (%s): status %d", r.id, r.key(), status)
		case got.contentKey() != r.contentKey():
			vio.lost++
			vio.add("acknowledged report %d (%s) holds %q, want %q", r.id, r.key(), got.contentKey(), r.contentKey())
		}
	}
	for _, r := range fresh {
		if ctx.Err() != nil {
			return
		}
		checkOne(r)
	}
	for _, r := range pending {
		if ctx.Err() != nil {
			return
		}
		id, _, err := posts[r.kind](ctx, client, base, r)
		led.mu.Lock()
		led.retried++
		led.mu.Unlock()
		if err != nil {
			vio.add("retry of %s: %v", r.key(), err)
			continue
		}
		r.id = id
		checkOne(r)
	}
	count, err := storedCount(ctx, client, base)
	switch {
	case err != nil:
		vio.add("count reports: %v", err)
	case count > sent:
		vio.dup += count - sent
		vio.add("%d reports stored for %d distinct requests: %d duplicated", count, sent, count-sent)
	case count < sent:
		vio.lost += sent - count
		vio.add("%d reports stored for %d distinct requests after retries: %d lost", count, sent, sent-count)
	}
}

// verifyAll reads every report through the OGC API and matches each
// request to exactly one report.
func verifyAll(ctx context.Context, client *http.Client, base string, led *ledger, vio *violations) {
	counts := map[string]int{}
	next := base + "/ogc/collections/reports/items?limit=1000"
	for pages := 0; next != "" && pages < 100000 && ctx.Err() == nil; pages++ {
		var page struct {
			Features []storedReport
			Links    []struct{ Rel, Href string }
		}
		if err := httpjson.Get(ctx, client, next, &page); err != nil {
			vio.add("read all reports: %v", err)
			return
		}
		for i := range page.Features {
			counts[page.Features[i].contentKey()]++
		}
		next = ""
		for _, l := range page.Links {
			// Links use --public-url: follow them on the server's address.
			if u, err := url.Parse(l.Href); err == nil && l.Rel == "next" {
				next = base + u.RequestURI()
			}
		}
	}
	led.mu.Lock()
	defer led.mu.Unlock()
	for _, r := range led.all {
		switch n := counts[r.contentKey()]; {
		case n == 0:
			vio.lost++
			vio.add("request %s: no report in the full scan", r.key())
		case n > 1:
			vio.dup += n - 1
			vio.add("request %s: stored %d times", r.key(), n)
		}
		delete(counts, r.contentKey())
	}
	for k, n := range counts {
		vio.add("report %q (x%d) matches no request", k, n)
	}
}

func getReport(ctx context.Context, client *http.Client, base string, id uint64) (*storedReport, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/api/v1/reports/%d", base, id), nil)
	if err != nil {
		return nil, 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	var s storedReport
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, resp.Body)
		return nil, resp.StatusCode, nil
	}
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		return nil, 0, err
	}
	return &s, resp.StatusCode, nil
}

// storedCount asks /readyz how many reports the store holds.
func storedCount(ctx context.Context, client *http.Client, base string) (int, error) {
	var r struct {
		Status  string
		Reports *int
	}
	if err := httpjson.Get(ctx, client, base+"/readyz", &r); err != nil {
		return 0, err
	}
	if r.Reports == nil {
		return 0, fmt.Errorf("/readyz: %s, no report count", r.Status)
	}
	return *r.Reports, nil
}

// >> Processes

// server is a running `mtaa serve`.
type server struct {
	cmd    *exec.Cmd
	base   string
	done   chan struct{}
	stderr *tail
}

// tail keeps the last lines a process wrote, for error messages.
type tail struct {
	mu    sync.Mutex
	lines []string
}

func (t *tail) add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.lines = append(t.lines, line); len(t.lines) > 30 {
		t.lines = t.lines[1:]
	}
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(t.lines, "\n")
}

var listeningRE = regexp.MustCompile(`msg="mtaa listening".* addr=(\S+)`)

// The dispatcher's log lines on messages of unknown send outcome through
// Africa's Talking (sms/dispatch_report.go), counted over all servers.
var (
	matchedRE = regexp.MustCompile(`msg="outbound SMS of unknown outcome matched to a delivery report`)
	resentRE  = regexp.MustCompile(`msg="no delivery report for an outbound SMS of unknown outcome: sending it again"`)
)

// unknownTally counts the messages of unknown send outcome the servers
// matched to a delivery report, and those they sent again without one.
type unknownTally struct {
	mu              sync.Mutex
	matched, resent int
}

// startServe starts `mtaa serve` on a free loopback port and waits, at
// most 30 s, until /readyz answers 200.
func startServe(ctx context.Context, bin, dir, atBase string, reportWindow time.Duration, unknown *unknownTally) (*server, error) {
	// Writers post from one address and reports are read back
	// anonymously: no per-IP write limit, new reports public. Africa's
	// Talking sends replies and alerts through the fake at atBase.
	cmd := exec.Command(bin, "serve", "--data", dir, "--listen", "127.0.0.1:0",
		"--twilio-auth-token", twilioToken, "--public-url", publicURL, "--admin-token", adminToken,
		"--africastalking-secret", atSecret, "--africastalking-username", atUser, "--africastalking-api-key", atKey,
		"--africastalking-api-base", atBase, "--sms-retry-base", "100ms", "--sms-max-retry-delay", "1s",
		"--africastalking-report-window", reportWindow.String(),
		"--rate-limit-ip", "0", "--rate-limit-account", "0", "--public-unverified")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, done: make(chan struct{}), stderr: &tail{}}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			s.stderr.add(line)
			if m, r := matchedRE.MatchString(line), resentRE.MatchString(line); m || r {
				unknown.mu.Lock()
				if m {
					unknown.matched++
				} else {
					unknown.resent++
				}
				unknown.mu.Unlock()
			}
			if m := listeningRE.FindStringSubmatch(line); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
		}
		cmd.Wait()
		close(s.done)
	}()
	select {
	case a := <-addr:
		s.base = "http://" + a
	case <-s.done:
		return nil, fmt.Errorf("mtaa serve exited at start:\n%s", s.stderr)
	case <-time.After(30 * time.Second):
		s.kill()
		return nil, fmt.Errorf("mtaa serve did not listen within 30 s:\n%s", s.stderr)
	case <-ctx.Done():
		s.kill()
		return nil, ctx.Err()
	}
	client := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		resp, err := client.Get(s.base + "/readyz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.kill()
	return nil, fmt.Errorf("mtaa serve not ready within 30 s:\n%s", s.stderr)
}

// kill sends SIGKILL and waits (at most 30 s) for the process to be gone.
func (s *server) kill() {
	s.cmd.Process.Signal(syscall.SIGKILL)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		fmt.Fprintln(os.Stderr, "crash: mtaa serve did not die within 30 s of SIGKILL")
	}
}

// killAtAccept kills s with SIGKILL from inside the fake Africa's Talking
// API, when it takes its next message (at most 2 s from now) and before
// it answers, and reports whether that happened.
func killAtAccept(at *smstest.FakeAfricasTalking, s *server) bool {
	fired := make(chan struct{})
	var once sync.Once
	at.OnAccept(func(smstest.Accepted) {
		once.Do(func() {
			s.cmd.Process.Signal(syscall.SIGKILL)
			close(fired)
		})
	})
	select {
	case <-fired:
	case <-time.After(2 * time.Second):
	}
	at.OnAccept(nil) // no call after this returns
	select {
	case <-fired:
		return true
	default:
		return false
	}
}

// stop stops the server cleanly, or kills it after 30 s.
func (s *server) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		s.kill()
	}
}

// runCheck runs `mtaa check` with a 2-minute bound.
func runCheck(ctx context.Context, bin, dir string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "check", "--data", dir).CombinedOutput()
	if ctx.Err() != nil {
		return string(out), errors.New("mtaa check did not finish within 2 minutes")
	}
	return string(out), err
}
