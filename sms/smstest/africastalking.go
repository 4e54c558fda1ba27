package smstest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// FakeAfricasTalking answers POST /version1/messaging as Africa's Talking's
// messaging API does, checking the username and the apiKey header. It can
// be taken down (HTTP 500) and can refuse chosen numbers with a
// recipient statusCode (403 InvalidPhoneNumber, 405 InsufficientBalance…).
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
}

// Accepted is one message the fake accepted.
type Accepted struct {
	To, Body string
	At       time.Time
}

// NewFakeAfricasTalking starts a fake for the given account and stops it
// when the test ends.
func NewFakeAfricasTalking(t testing.TB, username, apiKey string) *FakeAfricasTalking {
	t.Helper()
	f := NewAfricasTalkingHandler(username, apiKey)
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	f.URL = srv.URL
	return f
}

// NewAfricasTalkingHandler returns the fake as a handler, for a program
// that serves it itself (the crash test); URL is left empty.
func NewAfricasTalkingHandler(username, apiKey string) *FakeAfricasTalking {
	return &FakeAfricasTalking{Username: username, APIKey: apiKey, refuse: map[string]int{},
		gatewayLog: newGatewayLog(), ids: map[string][]string{}, links: map[string][]string{}}
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
	f.log = append(f.log, Accepted{To: to, Body: body, At: time.Now()})
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
