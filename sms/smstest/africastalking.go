package smstest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// FakeAfricasTalking answers POST /version1/messaging as Africa's Talking's
// messaging API does, checking the username and the apiKey header. It can
// be taken down (HTTP 500) and can refuse chosen numbers with a
// recipient statusCode (403 InvalidPhoneNumber, 405 InsufficientBalance…).
// Like the real API it can post delivery reports (id, status,
// phoneNumber, networkCode, retryCount) to a callback URL (ReportTo).
type FakeAfricasTalking struct {
	// URL is the fake's base URL, for AfricasTalkingConfig.APIBase.
	URL      string
	Username string
	APIKey   string

	gatewayLog
	down   bool
	refuse map[string]int
	ids    map[string][]string // number → message ids given
	links  map[string][]string // number → linkId of each accepted message ("" for none)
	log    []Accepted          // every accepted message, in order

	// Delivery reports (ReportTo): where, how long after acceptance, and
	// for how long a report that could not be posted is tried again.
	reportURL      string
	reportDelay    time.Duration
	reportRetryFor time.Duration
	reports        reportCounts
	onAccept       func(Accepted)
	drop           int // answers still to drop (DropAnswers)
	stop           chan struct{}
	closed         bool
	wg             sync.WaitGroup
}

// reportCounts is what became of the delivery reports.
type reportCounts struct {
	Posted  int // answered 2xx by the callback
	Retried int // failed tries, tried again
	Dropped int // given up after the retry time, or left at Close
}

// Accepted is one message the fake accepted: its number, text, time and
// the message id the fake gave it.
type Accepted struct {
	To, Body string
	At       time.Time
	ID       string
}

// NewFakeAfricasTalking starts a fake for the given account and stops it
// when the test ends.
func NewFakeAfricasTalking(t testing.TB, username, apiKey string) *FakeAfricasTalking {
	t.Helper()
	f := NewAfricasTalkingHandler(username, apiKey)
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	t.Cleanup(f.Close)
	f.URL = srv.URL
	return f
}

// NewAfricasTalkingHandler returns the fake as a handler, for a program
// that serves it itself (the crash test); URL is left empty.
func NewAfricasTalkingHandler(username, apiKey string) *FakeAfricasTalking {
	return &FakeAfricasTalking{Username: username, APIKey: apiKey, refuse: map[string]int{},
		gatewayLog: newGatewayLog(), ids: map[string][]string{}, links: map[string][]string{}, stop: make(chan struct{})}
}

// ServeHTTP implements the messaging resource.
func (f *FakeAfricasTalking) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	if r.Method != http.MethodPost || r.URL.Path != "/version1/messaging" {
		f.failed++
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if err := r.ParseForm(); err != nil || r.Header.Get("apiKey") != f.APIKey || r.PostForm.Get("username") != f.Username {
		f.failed++
		http.Error(w, "The supplied authentication is invalid", http.StatusUnauthorized)
		return
	}
	if f.down {
		f.failed++
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	to, body := r.PostForm.Get("to"), r.PostForm.Get("message")
	w.Header().Set("Content-Type", "application/json")
	if code := f.refuse[to]; code != 0 {
		f.failed++
		fmt.Fprintf(w, `{"SMSMessageData":{"Message":"Sent to 0/1 Total Cost: 0","Recipients":[{"statusCode":%d,"number":%q,"status":"Refused","cost":"0","messageId":"None"}]}}`, code, to)
		return
	}
	id := fmt.Sprintf("ATXid_%06d", f.requests)
	f.sent[to] = append(f.sent[to], body)
	f.ids[to] = append(f.ids[to], id)
	f.links[to] = append(f.links[to], r.PostForm.Get("linkId"))
	acc := Accepted{To: to, Body: body, At: time.Now(), ID: id}
	f.log = append(f.log, acc)
	if f.reportURL != "" && !f.closed {
		f.wg.Add(1)
		go f.report(acc)
	}
	if f.onAccept != nil {
		f.onAccept(acc)
	}
	if f.drop > 0 {
		// Taken, but the answer is lost: the connection is cut.
		f.drop--
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	w.WriteHeader(http.StatusCreated)
	fmt.Fprintf(w, `{"SMSMessageData":{"Message":"Sent to 1/1 Total Cost: KES 0.8000","Recipients":[{"statusCode":101,"number":%q,"status":"Success","cost":"KES 0.8000","messageId":%q}]}}`, to, id)
}

// SetDown takes the API down (HTTP 500) or, with down false, brings it
// back.
func (f *FakeAfricasTalking) SetDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = down
}

// Refuse makes the API refuse messages to number with the recipient
// statusCode code.
func (f *FakeAfricasTalking) Refuse(number string, code int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refuse[number] = code
}

// MessageIDs returns the message ids given per number, in order.
func (f *FakeAfricasTalking) MessageIDs() map[string][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string][]string, len(f.ids))
	for k, v := range f.ids {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// LinkIDs returns the linkId sent with each accepted message per number,
// in order ("" when none was sent).
func (f *FakeAfricasTalking) LinkIDs() map[string][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string][]string, len(f.links))
	for k, v := range f.links {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// Log returns every message the fake accepted, in the order it accepted
// them, with the time.
func (f *FakeAfricasTalking) Log() []Accepted {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Accepted(nil), f.log...)
}

// ReportTo makes the fake post a delivery report on every message it
// accepts from now on to callback (mtaa's /sms/africastalking/delivery
// URL with its ?secret=), delay after accepting it, as Africa's Talking
// does: form fields id (the fake's message id), status Success,
// phoneNumber, networkCode and retryCount. A report the callback does not
// answer with 2xx is tried again every delay (at least 50 ms) for
// retryFor, then dropped (Africa's Talking does not document retries;
// this fake retries so that tests can choose). An empty callback stops
// the reports.
func (f *FakeAfricasTalking) ReportTo(callback string, delay, retryFor time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reportURL, f.reportDelay, f.reportRetryFor = callback, delay, retryFor
}

// SetReportURL changes where reports go, also those waiting to be tried
// again (mtaa restarted on another address).
func (f *FakeAfricasTalking) SetReportURL(callback string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reportURL = callback
}

// OnAccept calls fn with each message the fake accepts, before it
// answers (fn must not call the fake): a test can kill mtaa there,
// between the API's acceptance and mtaa's record of it.
func (f *FakeAfricasTalking) OnAccept(fn func(Accepted)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.onAccept = fn
}

// DropAnswers makes the fake accept the next n messages (they are sent,
// and reported) but cut the connection instead of answering.
func (f *FakeAfricasTalking) DropAnswers(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.drop = n
}

// Reports returns how many delivery reports were posted (answered 2xx),
// how many tries failed and were tried again, and how many were dropped.
func (f *FakeAfricasTalking) Reports() (posted, retried, dropped int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reports.Posted, f.reports.Retried, f.reports.Dropped
}

// Close stops the delivery reports (those waiting are dropped) and waits
// for those being posted.
func (f *FakeAfricasTalking) Close() {
	f.mu.Lock()
	if !f.closed {
		f.closed = true
		close(f.stop)
	}
	f.mu.Unlock()
	f.wg.Wait()
}

// report posts the delivery report on a, trying again until its retry
// time ends or the fake is closed.
func (f *FakeAfricasTalking) report(a Accepted) {
	defer f.wg.Done()
	f.mu.Lock()
	delay, retryFor := f.reportDelay, f.reportRetryFor
	f.mu.Unlock()
	pause := max(delay, 50*time.Millisecond)
	client := &http.Client{Timeout: 5 * time.Second}
	form := url.Values{"id": {a.ID}, "status": {"Success"}, "phoneNumber": {a.To}, "networkCode": {"63902"}, "retryCount": {"0"}}
	deadline := time.Now().Add(delay + retryFor)
	wait := delay
	for {
		select {
		case <-f.stop:
			f.count(func(c *reportCounts) { c.Dropped++ })
			return
		case <-time.After(wait):
		}
		f.mu.Lock()
		target := f.reportURL
		f.mu.Unlock()
		if target == "" {
			f.count(func(c *reportCounts) { c.Dropped++ })
			return
		}
		resp, err := client.Post(target, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
				f.count(func(c *reportCounts) { c.Posted++ })
				return
			}
		}
		if time.Now().After(deadline) {
			f.count(func(c *reportCounts) { c.Dropped++ })
			return
		}
		f.count(func(c *reportCounts) { c.Retried++ })
		wait = pause
	}
}

func (f *FakeAfricasTalking) count(fn func(*reportCounts)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(&f.reports)
}
