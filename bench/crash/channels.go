package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

// posts sends one request of each kind; each returns the report id when
// acknowledged (0 for Africa's Talking, whose callback answers none), else
// why not.
var posts = map[kind]func(context.Context, *http.Client, string, *request) (uint64, string, error){
	viaHTTP: postHTTP, viaSMS: postSMS, viaWhatsApp: postWhatsApp, viaAT: postAT, viaUSSD: postUSSD,
}

// areaOSM is the extract the data directory starts with: one named
// informal settlement around every report's position, the area the USSD
// menu offers and subscribers join.
const areaOSM = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="mtaa crash test">
  <node id="1" lat="-6.95" lon="39.05"/>
  <node id="2" lat="-6.95" lon="39.30"/>
  <node id="3" lat="-6.65" lon="39.30"/>
  <node id="4" lat="-6.65" lon="39.05"/>
  <way id="10">
    <nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>
    <tag k="landuse" v="residential"/>
    <tag k="residential" v="informal"/>
    <tag k="name" v="` + areaName + `"/>
  </way>
</osm>
`

// importArea imports areaOSM into dir, unless dir has an extract already
// (a -data directory reused).
func importArea(ctx context.Context, bin, dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "osm.db")); err == nil {
		return nil
	}
	f, err := os.CreateTemp("", "mtaa-crash-*.osm")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(areaOSM); err != nil {
		f.Close()
		return err
	}
	f.Close()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, bin, "import", "--quiet", "--data", dir, f.Name()).CombinedOutput(); err != nil {
		return fmt.Errorf("mtaa import of the test area: %v\n%s", err, out)
	}
	return nil
}

// postForm POSTs a form and returns the status and body.
func postForm(ctx context.Context, client *http.Client, target string, form url.Values, header ...string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(form.Encode()))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, b, err
}

// postWhatsApp POSTs r as a signed WhatsApp location message through the
// Twilio webhook. It returns the report id the TwiML reply names.
func postWhatsApp(ctx context.Context, client *http.Client, base string, r *request) (uint64, string, error) {
	lon, lat := r.point()
	form := url.Values{
		"MessageSid": {r.key()}, "AccountSid": {"AC00000000000000000000000000000000"},
		"From": {"whatsapp:" + r.phone()}, "To": {"whatsapp:+255700000000"}, "Body": {"moto"},
		"Latitude": {strconv.FormatFloat(lat, 'f', 4, 64)}, "Longitude": {strconv.FormatFloat(lon, 'f', 4, 64)},
	}
	return postTwilio(ctx, client, base, form, "WhatsApp")
}

// postTwilio POSTs a Twilio webhook form, signed, and returns the report
// id its TwiML reply names ("#<id>"); what says which writer in the
// unexpected answers.
func postTwilio(ctx context.Context, client *http.Client, base string, form url.Values, what string) (uint64, string, error) {
	status, b, err := postForm(ctx, client, base+twilioPath, form,
		"X-Twilio-Signature", sms.TwilioSignature(twilioToken, publicURL+twilioPath, form))
	if err != nil {
		return 0, "", err
	}
	if status != http.StatusOK {
		return 0, fmt.Sprintf("%s %d", what, status), fmt.Errorf("status %d: %s", status, b)
	}
	m := twimlRef.FindSubmatch(b)
	if m == nil {
		return 0, what + " 200 without #id", fmt.Errorf("TwiML without a report number: %s", b)
	}
	id, err := strconv.ParseUint(string(m[1]), 10, 64)
	if err != nil || id == 0 {
		return 0, what + " 200 without #id", fmt.Errorf("TwiML with a bad report number: %s", b)
	}
	return id, "", nil
}

// postAT POSTs r to Africa's Talking's SMS callback; a 200 acknowledges it
// (the reply, with the report number, goes out through the fake API).
func postAT(ctx context.Context, client *http.Client, base string, r *request) (uint64, string, error) {
	lon, lat := r.point()
	form := url.Values{"from": {r.phone()}, "to": {"40404"}, "text": {fmt.Sprintf("moto %.4f, %.4f", lat, lon)},
		"id": {r.key()}, "linkId": {"link-" + r.key()}, "date": {"2026-12-06 10:00:00"}}
	status, b, err := postForm(ctx, client, base+"/sms/africastalking?secret="+atSecret, form)
	if err != nil {
		return 0, "", err
	}
	if status != http.StatusOK {
		return 0, fmt.Sprintf("Africa's Talking %d", status), fmt.Errorf("status %d: %s", status, b)
	}
	return 0, "", nil
}

// ussdSession is the session every USSD writer walks: the menu, report,
// the first category, the first area (the extract's only one).
var ussdSession = []string{"", "1", "1*1", "1*1*1"}

var ussdEnd = regexp.MustCompile(`^END .*#(\d+)`)

// postUSSD walks r's whole session, as Africa's Talking would post it (a
// retry walks it again, under the same session id). It returns the report
// id the last screen names.
func postUSSD(ctx context.Context, client *http.Client, base string, r *request) (uint64, string, error) {
	var last []byte
	for _, text := range ussdSession {
		form := url.Values{"sessionId": {r.key()}, "serviceCode": {"*384*123#"}, "phoneNumber": {r.phone()},
			"networkCode": {"63902"}, "text": {text}}
		status, b, err := postForm(ctx, client, base+"/ussd/africastalking?secret="+atSecret, form)
		if err != nil {
			return 0, "", err
		}
		if status != http.StatusOK {
			return 0, fmt.Sprintf("USSD %d", status), fmt.Errorf("%q: status %d: %s", text, status, b)
		}
		last = b
	}
	m := ussdEnd.FindSubmatch(last)
	if m == nil {
		return 0, "USSD without END #id", fmt.Errorf("last screen without a report number: %q", last)
	}
	id, err := strconv.ParseUint(string(m[1]), 10, 64)
	if err != nil || id == 0 {
		return 0, "USSD without END #id", fmt.Errorf("last screen with a bad report number: %q", last)
	}
	return id, "", nil
}

// join subscribes each phone to the area's alerts by Africa's Talking SMS.
func join(ctx context.Context, client *http.Client, base string, phones []string) error {
	for i, ph := range phones {
		form := url.Values{"from": {ph}, "to": {"40404"}, "text": {"JOIN " + areaName}, "id": {fmt.Sprintf("ATjoin_%d", i)}}
		status, b, err := postForm(ctx, client, base+"/sms/africastalking?secret="+atSecret, form)
		if err != nil || status != http.StatusOK {
			return fmt.Errorf("JOIN from %s: %d %s %v", ph, status, b, err)
		}
	}
	return nil
}

// writeAlerts posts an alert to the area every 200 ms until ctx ends.
func writeAlerts(ctx context.Context, client *http.Client, base string, led *ledger) {
	for i := 0; i < maxPerWriter && ctx.Err() == nil; i++ {
		led.mu.Lock()
		a := &alertReq{msg: fmt.Sprintf("Crash alert %d: water rising.", len(led.alerts)+1)}
		led.alerts = append(led.alerts, a)
		led.mu.Unlock()
		body := `{"message":"` + a.msg + `","area":` + areaPolygon + `}`
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/alerts", strings.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+adminToken)
		resp, err := client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusCreated {
				led.mu.Lock()
				a.acked = true
				led.mu.Unlock()
			}
		}
		select {
		case <-ctx.Done():
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// verifyNoDrafts checks that no USSD session left a draft: every session
// was retried to its end.
func verifyNoDrafts(ctx context.Context, client *http.Client, base string, vio *violations) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/sms/drafts", nil)
	if err != nil {
		return
	}
	req.Header.Set("Authorization", "Bearer "+adminToken)
	resp, err := client.Do(req)
	if err != nil {
		vio.add("list drafts: %v", err)
		return
	}
	defer resp.Body.Close()
	var list struct {
		Drafts []json.RawMessage `json:"drafts"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil || resp.StatusCode != http.StatusOK {
		vio.add("list drafts: %d %v", resp.StatusCode, err)
		return
	}
	// A session cut by a kill leaves a draft hidden for ussd.SessionTimeout;
	// its retry to the end removes it. None may be listed, nor hidden:
	// the listing cannot show hidden ones, so this checks the listed.
	if len(list.Drafts) > 0 {
		vio.add("%d drafts left by USSD sessions that were all completed", len(list.Drafts))
	}
}

// outboundTally is what the fake Africa's Talking API received: per
// alert message (subscriber × alert) and per reply, how many came exactly
// once, more than once, or not at all.
type outboundTally struct {
	alertWant, alertOnce, alertRepeated, alertMissing int
	replyWant, replyOnce, replyRepeated, replyMissing int
	dup                                               int // repeats in all
	// dupAtKill are the repeats that a kill -9 explains: the server died
	// between the two acceptances (at least once, without reports).
	dupAtKill int
}

// unexplainedDuplicates returns, per number and text, the repeats of a
// message that no kill explains: a repeat is explained when the server
// died between the message's two acceptances, and a kill explains one
// repeat only (the dispatcher sends one message at a time).
func unexplainedDuplicates(log []smstest.Accepted, kills []time.Time) (unexplained map[[2]string]int, atKill int) {
	unexplained = map[[2]string]int{}
	times := map[[2]string][]time.Time{}
	var order [][2]string
	for _, a := range log {
		k := [2]string{a.To, a.Body}
		if times[k] == nil {
			order = append(order, k)
		}
		times[k] = append(times[k], a.At)
	}
	used := make([]bool, len(kills))
	for _, k := range order {
		ts := times[k]
		for i := 1; i < len(ts); i++ {
			explained := false
			for j, kill := range kills {
				if !used[j] && ts[i-1].Before(kill) && kill.Before(ts[i]) {
					used[j], explained = true, true
					break
				}
			}
			if explained {
				atKill++
			} else {
				unexplained[k]++
			}
		}
	}
	return unexplained, atKill
}

// verifyOutbound waits (at most 90 s and the report window) for the
// outbox to drain through the fake Africa's Talking API, then checks that
// every subscriber had every acknowledged alert exactly once (an alert
// whose POST was cut by the kill either reached every subscriber once or
// none), and every Africa's Talking sender exactly one reply, naming its
// report. Without delivery reports (-at-reports=false) a repeat across a
// kill is allowed (at least once), one per kill.
func verifyOutbound(ctx context.Context, at *smstest.FakeAfricasTalking, subscribers []string, led *ledger, kills []time.Time, window time.Duration, reports bool, vio *violations) outboundTally {
	led.mu.Lock()
	alerts := append([]*alertReq(nil), led.alerts...)
	var senders []string
	for _, r := range led.all {
		if r.kind == viaAT {
			senders = append(senders, r.phone())
		}
	}
	led.mu.Unlock()
	count := func(msgs []string, text string) int {
		n := 0
		for _, m := range msgs {
			if m == text {
				n++
			}
		}
		return n
	}
	done := func(sent map[string][]string) bool {
		for _, ph := range subscribers {
			for _, a := range alerts {
				if a.acked && count(sent[ph], a.msg) == 0 {
					return false
				}
			}
		}
		for _, ph := range senders {
			if len(sent[ph]) == 0 {
				return false
			}
		}
		return true
	}
	deadline := time.Now().Add(90*time.Second + window)
	for !done(at.Sent()) && time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(3 * time.Second) // another round of the outbox: a repeat would come now
	sent := at.Sent()
	var t outboundTally
	unexplained, atKill := unexplainedDuplicates(at.Log(), kills)
	t.dupAtKill = atKill
	repeated := func(ph, msg string, n int, what string) {
		t.dup += n - 1
		if reports || unexplained[[2]string{ph, msg}] > 0 {
			vio.add("%s %s got %q %d times", what, ph, msg, n)
		}
	}
	for _, a := range alerts {
		got := 0
		for _, ph := range subscribers {
			n := count(sent[ph], a.msg)
			switch {
			case n == 1:
				t.alertOnce++
			case n > 1:
				t.alertRepeated++
				repeated(ph, a.msg, n, "subscriber")
			}
			if n > 0 {
				got++
			}
		}
		want := 0
		if a.acked || got > 0 { // created: every subscriber once
			want = len(subscribers)
		}
		t.alertWant += want
		if got < want {
			t.alertMissing += want - got
			vio.add("alert %q (acknowledged %v) reached %d of %d subscribers", a.msg, a.acked, got, want)
		}
	}
	// Each Africa's Talking sender's reply, and each subscriber's JOIN
	// reply (every message to it that is no alert), once.
	checkReply := func(ph string, msgs []string, namesReport bool) {
		t.replyWant++
		switch {
		case len(msgs) == 0:
			t.replyMissing++
			vio.add("%s got no reply", ph)
			return
		case len(msgs) == 1:
			t.replyOnce++
		default:
			t.replyRepeated++
			for _, m := range msgs[1:] {
				if m != msgs[0] {
					vio.add("%s got different replies: %q", ph, msgs)
				}
			}
			repeated(ph, msgs[0], len(msgs), "number")
		}
		if namesReport && !twimlRef.MatchString(msgs[0]) {
			vio.add("reply to %s names no report: %q", ph, msgs[0])
		}
	}
	for _, ph := range senders {
		checkReply(ph, sent[ph], true)
	}
	isAlert := map[string]bool{}
	for _, a := range alerts {
		isAlert[a.msg] = true
	}
	for _, ph := range subscribers {
		var joins []string
		for _, m := range sent[ph] {
			if !isAlert[m] {
				joins = append(joins, m)
			}
		}
		checkReply(ph, joins, false)
	}
	return t
}
