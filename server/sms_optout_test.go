package server_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
)

// TestOptOutThroughTheTwilioWebhook: through the signed Twilio webhook,
// a resident's STOP is confirmed once; their next report gets an empty
// TwiML answer (no message) and is kept as a draft moderators see as
// opted out, waiting for nothing; their earlier report shows
// reporter_opted_out to moderators, and neither its status change nor
// the filing of the draft queues an SMS; START is confirmed and lifts the
// mark.
func TestOptOutThroughTheTwilioWebhook(t *testing.T) {
	const phone = "+255712000333"
	vault, _ := sms.NewPhoneVault(make([]byte, sms.KeySize), bytes.Repeat([]byte{7}, sms.KeySize))
	var d *sms.Dispatcher
	w := newAccountWorld(t, server.Config{PublicURL: "https://mtaa.example.org", TwilioAuthToken: twilioToken}, func(st *data.Store) server.Deps {
		engine, err := sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, Now: func() time.Time { return now }}, st)
		if err != nil {
			t.Fatal(err)
		}
		d, _ = sms.NewDispatcher(sms.DispatcherConfig{Phones: vault, Now: func() time.Time { return now }}, st)
		return server.Deps{SMS: engine, Reporters: d}
	})
	ss := &smsServer{w.testServer}
	send := func(sid, body string) []string {
		t.Helper()
		form := twilioForm(sid, phone, body)
		r := ss.twilio(form, twilioSign(t, twilioToken, "https://mtaa.example.org/sms/twilio", form))
		var tw twimlResponse
		if err := xml.Unmarshal(r.Body, &tw); r.Status != http.StatusOK || err != nil {
			t.Fatalf("%q: %d %s (%v)", body, r.Status, r.Body, err)
		}
		return tw.Messages
	}
	if got := send("SM1", "mafuriko -6.8123, 39.2567"); len(got) != 1 || !strings.Contains(got[0], "#1") {
		t.Fatalf("report: %q", got)
	}
	if got := send("SM2", "STOP"); len(got) != 1 {
		t.Fatalf("STOP: %q, want its confirmation", got)
	}
	for i, body := range []string{"moto -6.8000, 39.2500", "HELP", "STATUS 1"} {
		if got := send("SM3"+uintStr(uint64(i)), body); len(got) != 0 {
			t.Fatalf("%q after STOP answered %q", body, got)
		}
	}
	r := w.as(data.RoleModerator, http.MethodGet, "/api/v1/sms/drafts", "")
	drafts := decode[struct {
		Drafts []struct {
			ID       uint64
			Waiting  string
			Category string
			OptedOut bool `json:"opted_out"`
		}
	}](t, r.Body).Drafts
	if len(drafts) != 1 || drafts[0].Waiting != "nothing" || !drafts[0].OptedOut || drafts[0].Category != "fire" {
		t.Fatalf("drafts %s", r.Body)
	}
	if r := w.as(data.RoleModerator, http.MethodGet, "/api/v1/reports/1", ""); !strings.Contains(string(r.Body), `"reporter_opted_out":true`) {
		t.Fatalf("report 1 for moderators: %s", r.Body)
	}
	if r := w.patch(data.RoleModerator, 1, `{"status":"verified"}`); r.Status != http.StatusOK {
		t.Fatalf("verify: %d %s", r.Status, r.Body)
	}
	r = w.as(data.RoleModerator, http.MethodPost, "/api/v1/sms/drafts/"+uintStr(drafts[0].ID)+"/file", `{"reason":"read it"}`)
	if r.Status != http.StatusCreated || !strings.Contains(string(r.Body), `"resident_told":false`) {
		t.Fatalf("filing: %d %s", r.Status, r.Body)
	}
	if tasks, err := d.TakeForPhone(context.Background(), 10); err != nil || len(tasks) != 0 {
		t.Fatalf("SMS queued to an opted-out resident: %+v %v", tasks, err)
	}
	if got := send("SM4", "START"); len(got) != 1 {
		t.Fatalf("START: %q", got)
	}
	if r := w.as(data.RoleModerator, http.MethodGet, "/api/v1/reports/1", ""); strings.Contains(string(r.Body), "reporter_opted_out") {
		t.Fatalf("still opted out after START: %s", r.Body)
	}
}
