package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/sms/smstest"
)

// TestAfricasTalkingProcess runs mtaa serve with Africa's Talking
// configured against a local fake of its messaging API: the incoming-SMS
// callback refuses a missing or wrong secret, files a report through the
// engine (the reply, with #id, goes out through the API exactly once even
// when the callback is repeated), takes JOIN, sends an alert through the
// API, and applies the delivery report to the alert's message. Replies
// carry the linkId of the message they answer.
func TestAfricasTalkingProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level test")
	}
	const (
		secret, admin = "at-callback-secret-0123", "at-admin-token"
		phone, other  = "+254722000001", "+254722000002"
	)
	dir := importedInformal(t)
	api := smstest.NewFakeAfricasTalking(t, "sandbox", "atkey-0123")
	p := startServe(t, dir, "--admin-token", admin,
		"--africastalking-secret", secret, "--africastalking-username", "sandbox", "--africastalking-api-key", "atkey-0123",
		"--africastalking-api-base", api.URL, "--sms-retry-base", "100ms", "--sms-max-retry-delay", "1s")

	post := func(path, query string, form url.Values) (int, string) {
		t.Helper()
		resp, err := http.Post(p.base+path+query, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	inbound := func(id, from, text string) url.Values {
		return url.Values{"from": {from}, "to": {"40404"}, "text": {text}, "id": {id},
			"linkId": {"link-" + id}, "date": {"2026-12-06 10:00:00"}}
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s\n%s", what, p.stderr)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	report := inbound("ATSms_r1", phone, "flooding at -1.2555, 36.8555 water in the houses")
	for _, q := range []string{"", "?secret=", "?secret=wrong", "?secret=" + secret + "x"} {
		if code, body := post("/sms/africastalking", q, report); code != http.StatusForbidden || !strings.Contains(body, `"secret"`) {
			t.Fatalf("secret %q: %d %s, want 403 naming the secret", q, code, body)
		}
	}
	if code, body := post("/sms/africastalking", "?secret="+secret, url.Values{"from": {phone}, "text": {"x"}}); code != 400 || !strings.Contains(body, `"id"`) {
		t.Fatalf("no id: %d %s", code, body)
	}
	for range 2 { // the callback repeated: one report, one reply
		if code, body := post("/sms/africastalking", "?secret="+secret, report); code != 200 {
			t.Fatalf("inbound: %d %s", code, body)
		}
	}
	waitFor("the reply", func() bool { return len(api.Sent()[phone]) > 0 })
	reply := api.Sent()[phone][0]
	m := regexp.MustCompile(`#(\d+)`).FindStringSubmatch(reply)
	if m == nil {
		t.Fatalf("reply %q has no #id", reply)
	}
	req, _ := http.NewRequest(http.MethodGet, p.base+"/api/v1/reports/"+m[1], nil)
	req.Header.Set("Authorization", "Bearer "+admin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var feature struct {
		Properties struct {
			Category string `json:"category"`
			Channel  string `json:"channel"`
		} `json:"properties"`
	}
	json.NewDecoder(resp.Body).Decode(&feature)
	resp.Body.Close()
	if resp.StatusCode != 200 || feature.Properties.Category != "flood" || feature.Properties.Channel != "sms" {
		t.Fatalf("report %s: %d %+v", m[1], resp.StatusCode, feature.Properties)
	}

	// STATUS through the same callback.
	post("/sms/africastalking", "?secret="+secret, inbound("ATSms_s1", phone, "STATUS "+m[1]))
	waitFor("the status reply", func() bool { return len(api.Sent()[phone]) >= 2 })

	// JOIN, then an alert through the API and its delivery report.
	post("/sms/africastalking", "?secret="+secret, inbound("ATSms_j1", other, "JOIN Mathare 4A"))
	waitFor("the JOIN reply", func() bool { return len(api.Sent()[other]) == 1 })
	if got := api.Sent()[other][0]; !strings.Contains(got, "Mathare 4A") {
		t.Fatalf("JOIN reply %q", got)
	}
	area := `{"type":"Polygon","coordinates":[[[36.84,-1.28],[36.88,-1.28],[36.88,-1.24],[36.84,-1.24],[36.84,-1.28]]]}`
	req, _ = http.NewRequest(http.MethodPost, p.base+"/api/v1/alerts", strings.NewReader(`{"message":"Flood warning: Mathare river rising.","area":`+area+`}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+admin)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var alert struct {
		ID         uint64 `json:"id"`
		Recipients int    `json:"recipients"`
	}
	json.NewDecoder(resp.Body).Decode(&alert)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || alert.Recipients != 1 {
		t.Fatalf("alert: %d, %d recipients, want 201 and 1", resp.StatusCode, alert.Recipients)
	}
	waitFor("the alert", func() bool { return len(api.Sent()[other]) == 2 })
	counts := func() map[string]int {
		req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/api/v1/alerts/%d", p.base, alert.ID), nil)
		req.Header.Set("Authorization", "Bearer "+admin)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var st struct {
			Counts map[string]int `json:"counts"`
		}
		json.NewDecoder(resp.Body).Decode(&st)
		return st.Counts
	}
	waitFor("the alert recorded sent", func() bool { return counts()["sent"] == 1 })
	msgID := api.MessageIDs()[other][1]
	if code, body := post("/sms/africastalking/delivery", "?secret=wrong", url.Values{"id": {msgID}, "status": {"Success"}}); code != 403 {
		t.Fatalf("delivery report with a wrong secret: %d %s", code, body)
	}
	if code, body := post("/sms/africastalking/delivery", "?secret="+secret, url.Values{"id": {msgID}, "status": {"Success"},
		"phoneNumber": {other}, "networkCode": {"63902"}, "retryCount": {"0"}}); code != 200 {
		t.Fatalf("delivery report: %d %s", code, body)
	}
	if c := counts(); c["delivered"] != 1 {
		t.Fatalf("alert counts after the delivery report: %v", c)
	}
	time.Sleep(300 * time.Millisecond)
	if got := api.Sent()[phone]; len(got) != 2 {
		t.Fatalf("%s got %d messages, want 2 (report reply once, status reply): %q", phone, len(got), got)
	}
	// Replies carry the linkId of the message they answer (on-demand
	// short codes need it); the alert answers none.
	links := api.LinkIDs()
	if got := links[phone]; len(got) != 2 || got[0] != "link-ATSms_r1" || got[1] != "link-ATSms_s1" {
		t.Errorf("linkIds of the replies to %s: %q", phone, got)
	}
	if got := links[other]; len(got) != 2 || got[0] != "link-ATSms_j1" || got[1] != "" {
		t.Errorf("linkIds to %s: %q, want the JOIN's and none for the alert", other, got)
	}
}
