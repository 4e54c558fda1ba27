package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

// TestTwilioOutageCampaign is the outbound side of the fault campaign:
// residents join alerts by SMS, civil defence sends an alert while the
// Twilio API is down (503s, then dropped connections), mtaa is killed
// with SIGKILL in the middle of the outage and restarted, and when Twilio
// comes back every subscriber gets the alert exactly once, while the
// outage cost a bounded number of probes instead of one request per
// message per round.
func TestTwilioOutageCampaign(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level campaign")
	}
	const (
		sid, token, admin = "AC0000000000000000000000000000beef", "outagetoken0123456789", "outage-admin-token"
		public            = "https://mtaa.example.org"
		subscribers       = 30
	)
	dir := importedInformal(t)
	api := smstest.NewFakeTwilio(t, sid, token)
	args := []string{"--public-url", public, "--admin-token", admin,
		"--twilio-account-sid", sid, "--twilio-auth-token", token, "--twilio-from", "+254800000000", "--twilio-api-base", api.URL,
		"--sms-retry-base", "100ms", "--sms-max-retry-delay", "1s"}
	p := startServe(t, dir, args...)

	phones := make([]string, subscribers)
	for i := range phones {
		phones[i] = fmt.Sprintf("+2547220%05d", i)
		form := url.Values{"MessageSid": {fmt.Sprintf("SMjoin%026d", i)}, "AccountSid": {sid},
			"From": {phones[i]}, "To": {"+254800000000"}, "Body": {"JOIN Mathare 4A"}}
		req, _ := http.NewRequest(http.MethodPost, p.base+"/sms/twilio", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Twilio-Signature", sms.TwilioSignature(token, public+"/sms/twilio", form))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), "Mathare 4A") {
			t.Fatalf("JOIN from %s: %d %s", phones[i], resp.StatusCode, body)
		}
	}

	api.SetDown(true, false)
	area := `{"type":"Polygon","coordinates":[[[36.84,-1.28],[36.88,-1.28],[36.88,-1.24],[36.84,-1.24],[36.84,-1.28]]]}`
	req, _ := http.NewRequest(http.MethodPost, p.base+"/api/v1/alerts", strings.NewReader(`{"message":"Flood warning: Mathare river rising. Move to high ground.","area":`+area+`}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+admin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var alert struct {
		ID         uint64 `json:"id"`
		Recipients int    `json:"recipients"`
	}
	json.NewDecoder(resp.Body).Decode(&alert)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || alert.Recipients != subscribers {
		t.Fatalf("alert: %d, %d recipients, want 201 and %d", resp.StatusCode, alert.Recipients, subscribers)
	}

	// Let the dispatcher find Twilio down a few times, then kill it.
	waitUntil(t, "probes of the down API", 30*time.Second, func() bool { _, failed := api.Requests(); return failed >= 3 })
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	p.wait(t)

	api.SetDown(true, true) // still down after the restart, now hanging up
	p = startServe(t, dir, args...)
	time.Sleep(4 * time.Second)
	if got := api.Sent(); len(got) != 0 {
		t.Fatalf("%d numbers got a message while Twilio was down", len(got))
	}
	probes, _ := api.Requests()

	api.SetDown(false, false)
	status := func() map[string]int {
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
		if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
			t.Fatal(err)
		}
		return st.Counts
	}
	waitUntil(t, "every message sent after recovery", 60*time.Second, func() bool { return status()["sent"] == subscribers })

	sent := api.Sent()
	for _, ph := range phones {
		if len(sent[ph]) != 1 || !strings.Contains(sent[ph][0], "Flood warning") {
			t.Errorf("%s got %q, want the alert exactly once", ph, sent[ph])
		}
	}
	if st := status(); st["failed"] != 0 || st["queued"] != 0 {
		t.Errorf("alert counts %v: want all sent, none failed or queued", st)
	}
	// While down, the breaker lets one probe through per pause: in about
	// 6 s of outage with pauses of 0.1 s to 1 s that is a dozen or two,
	// where trying every due message each 2 s round would be hundreds.
	if probes > 60 {
		t.Errorf("%d requests to the down API, want a bounded number of probes", probes)
	}
	t.Logf("%d subscribers, %d requests while Twilio was down (one SIGKILL), all delivered once", subscribers, probes)
}
