// Package smstest provides local fakes of Twilio's Messages REST API and
// Africa's Talking's messaging API for tests and campaigns that send SMS.
package smstest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// FakeTwilio answers POST /2010-04-01/Accounts/{sid}/Messages.json as
// Twilio does, checking HTTP basic auth. It can be taken down, answering
// 503 or hanging up, and can reject chosen numbers for good (error 21211).
type FakeTwilio struct {
	// URL is the fake's base URL, for TwilioSenderConfig.APIBase.
	URL        string
	AccountSID string
	AuthToken  string

	mu       sync.Mutex
	down     bool
	hangUp   bool
	invalid  map[string]bool
	requests int
	failed   int
	sent     map[string][]string   // number → bodies accepted
	media    map[string]fakeMedium // media SID → medium
	fetches  int                   // media bodies served
}

// fakeMedium is a medium of an inbound message, as Twilio keeps it.
type fakeMedium struct {
	contentType string
	body        []byte
}

// NewFakeTwilio starts a fake for the given account (twilio-go insists on
// alphanumeric credentials) and stops it when the test ends.
func NewFakeTwilio(t testing.TB, accountSID, authToken string) *FakeTwilio {
	t.Helper()
	f := NewTwilioAPI(accountSID, authToken)
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	f.URL = srv.URL
	return f
}

// AddMedia keeps body as medium mediaSID of inbound message messageSID
// and returns its URL, the MediaUrl0 Twilio would post. Like Twilio, the
// fake answers a GET of it, with the account's credentials, by a redirect
// to its media storage (/media-storage/{mediaSID}), which serves the body.
func (f *FakeTwilio) AddMedia(messageSID, mediaSID, contentType string, body []byte) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.media[mediaSID] = fakeMedium{contentType: contentType, body: body}
	return f.URL + "/2010-04-01/Accounts/" + f.AccountSID + "/Messages/" + messageSID + "/Media/" + mediaSID
}

// MediaFetches returns how many media bodies the fake served.
func (f *FakeTwilio) MediaFetches() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fetches
}

// NewTwilioAPI returns the fake as a handler for a program to serve
// itself (a load test outside go test); URL is left for it to set.
func NewTwilioAPI(accountSID, authToken string) *FakeTwilio {
	return &FakeTwilio{AccountSID: accountSID, AuthToken: authToken, invalid: map[string]bool{}, sent: map[string][]string{}, media: map[string]fakeMedium{}}
}

// ServeHTTP implements the Messages resource and its media.
func (f *FakeTwilio) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	if sid, ok := strings.CutPrefix(r.URL.Path, "/media-storage/"); ok && r.Method == http.MethodGet {
		// The storage's URL is the credential: no basic auth (and none
		// must be sent to it).
		m, found := f.media[sid]
		if !found || r.Header.Get("Authorization") != "" {
			f.failed++
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		f.fetches++
		w.Header().Set("Content-Type", m.contentType)
		w.Write(m.body)
		return
	}
	if user, pass, ok := r.BasicAuth(); !ok || user != f.AccountSID || pass != f.AuthToken {
		f.failed++
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}`)
		return
	}
	if i := strings.Index(r.URL.Path, "/Media/"); r.Method == http.MethodGet && i > 0 &&
		strings.HasPrefix(r.URL.Path, "/2010-04-01/Accounts/"+f.AccountSID+"/Messages/") {
		sid := r.URL.Path[i+len("/Media/"):]
		if _, found := f.media[sid]; !found {
			f.failed++
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"code":20404,"message":"The requested resource was not found","status":404}`)
			return
		}
		http.Redirect(w, r, "/media-storage/"+sid, http.StatusTemporaryRedirect)
		return
	}
	if r.Method != http.MethodPost || r.URL.Path != "/2010-04-01/Accounts/"+f.AccountSID+"/Messages.json" {
		f.failed++
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"code":20404,"message":"The requested resource was not found","status":404}`)
		return
	}
	if f.down {
		f.failed++
		if f.hangUp {
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, `{"code":20503,"message":"Service Unavailable","status":503}`)
		return
	}
	if err := r.ParseForm(); err != nil {
		f.failed++
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"code":20001,"message":"bad form","status":400}`)
		return
	}
	to := r.PostForm.Get("To")
	if f.invalid[to] {
		f.failed++
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"code":21211,"message":"The 'To' number %s is not a valid phone number.","status":400}`, to)
		return
	}
	f.sent[to] = append(f.sent[to], r.PostForm.Get("Body"))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	fmt.Fprintf(w, `{"sid":"SM%032d","status":"queued","to":%q}`, f.requests, to)
}

// SetDown takes the API down (503, or a dropped connection with hangUp)
// or, with down false, brings it back.
func (f *FakeTwilio) SetDown(down, hangUp bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down, f.hangUp = down, hangUp
}

// Reject makes Twilio refuse messages to number for good.
func (f *FakeTwilio) Reject(number string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.invalid[number] = true
}

// Requests returns how many requests the fake answered, and how many of
// them failed.
func (f *FakeTwilio) Requests() (total, failed int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests, f.failed
}

// Sent returns the bodies accepted per number.
func (f *FakeTwilio) Sent() map[string][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string][]string, len(f.sent))
	for k, v := range f.sent {
		out[k] = append([]string(nil), v...)
	}
	return out
}
