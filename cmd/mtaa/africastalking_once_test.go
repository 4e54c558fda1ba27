package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/sms/smstest"
)

// TestAfricasTalkingKillAtAcceptance: mtaa is killed with SIGKILL at the
// very moment the fake Africa's Talking API takes an alert SMS (before it
// answers, so mtaa never records the message's id), then restarted on
// another address. The fake posts its delivery report (its own id, the
// number) to mtaa's delivery callback over HTTP, trying again until the
// new server answers; mtaa matches it to the message of unknown outcome
// and does not send it again. Every subscriber gets the alert exactly
// once, and the alert's log shows every message delivered.
func TestAfricasTalkingKillAtAcceptance(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level test")
	}
	const (
		secret, admin = "at-once-secret", "at-once-admin"
		subscribers   = 8
		alertText     = "Flood warning: Mathare river rising."
	)
	dir := importedInformal(t)
	api := smstest.NewFakeAfricasTalking(t, "sandbox", "atkey")
	args := []string{"--admin-token", admin, "--africastalking-secret", secret, "--africastalking-username", "sandbox",
		"--africastalking-api-key", "atkey", "--africastalking-api-base", api.URL,
		"--sms-retry-base", "100ms", "--sms-max-retry-delay", "1s", "--africastalking-report-window", "2m"}
	p := startServe(t, dir, args...)
	delivery := func(base string) string { return base + "/sms/africastalking/delivery?secret=" + secret }
	// Reports are tried again for long enough that a restart on a loaded
	// machine (the whole suite at once) still gets the lost message's.
	api.ReportTo(delivery(p.base), 200*time.Millisecond, 5*time.Minute)

	phones := make([]string, subscribers)
	for i := range phones {
		phones[i] = fmt.Sprintf("+2547331%05d", i)
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
	waitUntil(t, "the JOIN replies", 30*time.Second, func() bool { return len(api.Sent()) == subscribers })

	// The kill: inside the fake, after it took the third alert message
	// and before it answers.
	var (
		mu     sync.Mutex
		alerts int
		killed = make(chan string, 1)
	)
	api.OnAccept(func(a smstest.Accepted) {
		mu.Lock()
		defer mu.Unlock()
		if a.Body != alertText {
			return
		}
		if alerts++; alerts == 3 {
			p.cmd.Process.Kill()
			killed <- a.To
		}
	})
	area := `{"type":"Polygon","coordinates":[[[36.84,-1.28],[36.88,-1.28],[36.88,-1.24],[36.84,-1.24],[36.84,-1.28]]]}`
	req, _ := http.NewRequest(http.MethodPost, p.base+"/api/v1/alerts", strings.NewReader(`{"message":"`+alertText+`","area":`+area+`}`))
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
		t.Fatalf("alert: %d, %d recipients", resp.StatusCode, alert.Recipients)
	}
	var lost string
	select {
	case lost = <-killed:
	case <-time.After(30 * time.Second):
		t.Fatal("the alert's third message never reached the API")
	}
	p.wait(t)
	// Restart only once a report has been tried on the dead server, so
	// that the lost message's report must be tried again (a restart
	// faster than the fake's report delay would miss that case).
	waitUntil(t, "a delivery report tried while mtaa is down", 30*time.Second, func() bool {
		_, retried, _ := api.Reports()
		return retried > 0
	})

	p = startServe(t, dir, args...)
	api.SetReportURL(delivery(p.base))
	count := func(ph string) int {
		n := 0
		for _, b := range api.Sent()[ph] {
			if b == alertText {
				n++
			}
		}
		return n
	}
	var log struct {
		Counts map[string]int `json:"counts"`
	}
	defer func() {
		if t.Failed() {
			posted, retried, dropped := api.Reports()
			for _, ph := range phones {
				t.Logf("%s got the alert %d times", ph, count(ph))
			}
			t.Logf("alert log counts %v; delivery reports posted %d, tried again %d, dropped %d", log.Counts, posted, retried, dropped)
			t.Logf("mtaa's log since the restart:\n%s", p.stderr)
		}
	}()
	waitUntil(t, "every alert message delivered", 3*time.Minute, func() bool {
		for _, ph := range phones {
			if count(ph) == 0 {
				return false
			}
		}
		req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/api/v1/alerts/%d", p.base, alert.ID), nil)
		req.Header.Set("Authorization", "Bearer "+admin)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		log.Counts = nil
		return json.NewDecoder(resp.Body).Decode(&log) == nil && log.Counts["delivered"] == subscribers
	})
	time.Sleep(time.Second) // a repeat would come now
	for _, ph := range phones {
		if n := count(ph); n != 1 {
			t.Errorf("%s got the alert %d times, want 1 (the number at the kill: %s)", ph, n, lost)
		}
	}
	posted, retried, dropped := api.Reports()
	if retried == 0 || dropped != 0 {
		t.Errorf("delivery reports: %d posted, %d tried again, %d dropped; want the lost message's report tried again while mtaa was down, none dropped", posted, retried, dropped)
	}
	t.Logf("killed at the API's acceptance of the alert to %s; after the restart every subscriber had it once; reports: %d posted, %d tried again", lost, posted, retried)
}
