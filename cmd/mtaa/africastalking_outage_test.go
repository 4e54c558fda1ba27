package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/sms/smstest"
)

// TestAfricasTalkingOutageCampaign: residents JOIN through Africa's
// Talking, whose messaging API then goes down; an alert is queued, mtaa is
// killed with SIGKILL mid-outage and restarted, and when the API comes
// back every subscriber has had its JOIN reply and the alert exactly once.
func TestAfricasTalkingOutageCampaign(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level campaign")
	}
	const (
		secret, admin = "at-outage-secret", "at-outage-admin"
		subscribers   = 20
	)
	dir := importedInformal(t)
	api := smstest.NewFakeAfricasTalking(t, "sandbox", "atkey")
	args := []string{"--admin-token", admin, "--africastalking-secret", secret, "--africastalking-username", "sandbox",
		"--africastalking-api-key", "atkey", "--africastalking-api-base", api.URL,
		"--sms-retry-base", "100ms", "--sms-max-retry-delay", "1s",
		// A kill between a message's claim and the down API's answer
		// leaves it of unknown outcome: it waits this long for a delivery
		// report (none can come: the API took nothing) before it is sent.
		"--africastalking-report-window", "3s"}
	p := startServe(t, dir, args...)

	api.SetDown(true) // the JOIN replies wait in the outbox too
	phones := make([]string, subscribers)
	for i := range phones {
		phones[i] = fmt.Sprintf("+2547330%05d", i)
		form := url.Values{"from": {phones[i]}, "to": {"40404"}, "text": {"JOIN Mathare 4A"}, "id": {fmt.Sprintf("ATSms_join_%d", i)}}
		resp, err := http.Post(p.base+"/sms/africastalking?secret="+secret, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("JOIN from %s: %d", phones[i], resp.StatusCode)
		}
	}
	area := `{"type":"Polygon","coordinates":[[[36.84,-1.28],[36.88,-1.28],[36.88,-1.24],[36.84,-1.24],[36.84,-1.28]]]}`
	req, _ := http.NewRequest(http.MethodPost, p.base+"/api/v1/alerts", strings.NewReader(`{"message":"Flood warning: Mathare river rising.","area":`+area+`}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+admin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var alert struct {
		Recipients int `json:"recipients"`
	}
	json.NewDecoder(resp.Body).Decode(&alert)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || alert.Recipients != subscribers {
		t.Fatalf("alert: %d, %d recipients", resp.StatusCode, alert.Recipients)
	}
	waitUntil(t, "probes of the down API", 30*time.Second, func() bool { _, failed := api.Requests(); return failed >= 3 })
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	p.wait(t)
	p = startServe(t, dir, args...)
	time.Sleep(2 * time.Second)
	if got := api.Sent(); len(got) != 0 {
		t.Fatalf("%d numbers got a message while the API was down", len(got))
	}
	probes, _ := api.Requests()
	api.SetDown(false)
	waitUntil(t, "every reply and alert", 60*time.Second, func() bool {
		sent := api.Sent()
		for _, ph := range phones {
			if len(sent[ph]) < 2 {
				return false
			}
		}
		return true
	})
	time.Sleep(500 * time.Millisecond) // a duplicate would come now
	sent := api.Sent()
	for _, ph := range phones {
		got := sent[ph]
		if len(got) != 2 || !strings.Contains(strings.Join(got, "|"), "Mathare 4A") || !strings.Contains(strings.Join(got, "|"), "Flood warning") {
			t.Errorf("%s got %q, want the JOIN reply and the alert, once each", ph, got)
		}
	}
	if probes > 60 {
		t.Errorf("%d requests to the down API, want a bounded number of probes", probes)
	}
	t.Logf("%d subscribers, %d requests while the API was down (one SIGKILL), replies and alert delivered once", subscribers, probes)
}
