// Package smstest provides local fakes of Twilio's Messages REST API and
// Africa's Talking's messaging API for tests and campaigns that send SMS.
package smstest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FakeTwilio answers POST /2010-04-01/Accounts/{sid}/Messages.json (send)
// and GET of it (the Messages list, filtered by To, From and DateSent,
// paged) as Twilio does, checking HTTP basic auth. It can be taken down,
// answering 503 or hanging up, and can reject chosen numbers for good
// (error 21211).
type FakeTwilio struct {
	// URL is the fake's base URL, for TwilioSenderConfig.APIBase.
	URL        string
	AccountSID string
	AuthToken  string

	gatewayLog
	down     bool
	hangUp   bool
	invalid  map[string]bool
	log      []fakeMessage         // every message accepted, oldest first
	listDown bool                  // the Messages list answers 503
	lookups  int                   // Messages list requests answered
	clock    func() time.Time      // see SetClock
	media    map[string]fakeMedium // media SID → medium
	fetches  int                   // media bodies served
}

// fakeMessage is an outbound message the fake took.
type fakeMessage struct {
	sid, to, from, service, body string
	created                      time.Time
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
	return &FakeTwilio{AccountSID: accountSID, AuthToken: authToken, invalid: map[string]bool{}, gatewayLog: newGatewayLog(), media: map[string]fakeMedium{}}
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
	if r.Method == http.MethodGet && r.URL.Path == "/2010-04-01/Accounts/"+f.AccountSID+"/Messages.json" {
		f.list(w, r)
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
	m := fakeMessage{sid: fmt.Sprintf("SM%032d", f.requests), to: to, from: r.PostForm.Get("From"),
		service: r.PostForm.Get("MessagingServiceSid"), body: r.PostForm.Get("Body"), created: f.now()}
	if m.service != "" {
		m.from = "+255800000000" // a number of the service's pool
	}
	f.log = append(f.log, m)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	fmt.Fprintf(w, `{"sid":%q,"status":"queued","to":%q}`, m.sid, to)
}

func (f *FakeTwilio) now() time.Time {
	if f.clock != nil {
		return f.clock().UTC()
	}
	return time.Now().UTC()
}

// SetClock sets the fake's clock for date_created and date_sent (the fake
// sends a message at once); nil means time.Now.
func (f *FakeTwilio) SetClock(now func() time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.clock = now
}

// list answers a GET of the Messages list as Twilio does: newest first,
// filtered by To, From and DateSent (YYYY-MM-DD in GMT, or with "<=" or
// ">=" written as the parameters "DateSent<" and "DateSent>"), PageSize
// per page (default 50, at most 1000) and a next_page_uri while more
// follow.
func (f *FakeTwilio) list(w http.ResponseWriter, r *http.Request) {
	f.lookups++
	if f.down || f.listDown {
		f.failed++
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, `{"code":20503,"message":"Service Unavailable","status":503}`)
		return
	}
	q := r.URL.Query()
	day := func(name string) (time.Time, bool, error) {
		v := q.Get(name)
		if v == "" {
			return time.Time{}, false, nil
		}
		if len(v) > len(time.DateOnly) {
			v = v[:len(time.DateOnly)] // twilio-go sends RFC 3339
		}
		t, err := time.Parse(time.DateOnly, v)
		return t, true, err
	}
	on, hasOn, err1 := day("DateSent")
	after, hasAfter, err2 := day("DateSent>")
	before, hasBefore, err3 := day("DateSent<")
	size, page := 50, 0
	if v := q.Get("PageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			err1 = fmt.Errorf("PageSize %q", v)
		}
		size = n
	}
	if v := q.Get("Page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			err1 = fmt.Errorf("Page %q", v)
		}
		page = n
	}
	if err := errors.Join(err1, err2, err3); err != nil {
		f.failed++
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"code":20001,"message":%q,"status":400}`, err.Error())
		return
	}
	var match []fakeMessage
	for i := len(f.log) - 1; i >= 0; i-- {
		m := f.log[i]
		d := m.created.Truncate(24 * time.Hour)
		switch {
		case q.Has("To") && m.to != q.Get("To"),
			q.Has("From") && m.from != q.Get("From"),
			hasOn && !d.Equal(on),
			hasAfter && d.Before(after),
			hasBefore && d.After(before):
			continue
		}
		match = append(match, m)
	}
	type message struct {
		SID                 string  `json:"sid"`
		AccountSID          string  `json:"account_sid"`
		To                  string  `json:"to"`
		From                string  `json:"from"`
		Body                string  `json:"body"`
		Status              string  `json:"status"`
		Direction           string  `json:"direction"`
		MessagingServiceSID *string `json:"messaging_service_sid"`
		DateCreated         string  `json:"date_created"`
		DateSent            string  `json:"date_sent"`
	}
	out := struct {
		Messages    []message `json:"messages"`
		Page        int       `json:"page"`
		PageSize    int       `json:"page_size"`
		URI         string    `json:"uri"`
		NextPageURI *string   `json:"next_page_uri"`
	}{Messages: []message{}, Page: page, PageSize: size, URI: r.URL.RequestURI()}
	for i := page * size; i < len(match) && i < (page+1)*size; i++ {
		m := match[i]
		var service *string
		if m.service != "" {
			service = &m.service
		}
		at := m.created.Format(time.RFC1123Z)
		out.Messages = append(out.Messages, message{SID: m.sid, AccountSID: f.AccountSID, To: m.to, From: m.from, Body: m.body,
			Status: "sent", Direction: "outbound-api", MessagingServiceSID: service, DateCreated: at, DateSent: at})
	}
	if (page+1)*size < len(match) {
		next := url.Values{}
		for k, v := range q {
			next[k] = v
		}
		next.Set("Page", strconv.Itoa(page+1))
		next.Set("PageToken", fmt.Sprintf("PA%s", match[(page+1)*size].sid))
		u := r.URL.Path + "?" + next.Encode()
		out.NextPageURI = &u
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

// SetListDown makes the Messages list answer 503 (lookups fail) while
// sending still works, or, with down false, brings it back.
func (f *FakeTwilio) SetListDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.listDown = down
}

// Lookups returns how many Messages list requests the fake answered.
func (f *FakeTwilio) Lookups() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lookups
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
