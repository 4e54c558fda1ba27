package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestJoinAfterStopThroughTheTwilioWebhook: through the signed Twilio
// webhook, on a bbolt store, a resident who joined Tandale's alerts and
// sent STOP gets no alert and no answer to JOIN with an area nobody
// knows; JOIN Tandale resumes replies and alerts as USSD's Join does,
// answered with "rejoined" (messages and alerts resume), and the next
// alert reaches them. A bare JOIN, like START, resumes another phone
// with "started". JOIN used to be a command of a stopped phone,
// unanswered, changing nothing.
func TestJoinAfterStopThroughTheTwilioWebhook(t *testing.T) {
	const phone, other = "+255711000001", "+255711000002"
	w := newAlertWorld(t, 0)
	send := func(sid, from, body string) []string {
		t.Helper()
		return signedTwiML(t, w.twilio, sid, from, body)
	}
	recipients := func() int {
		t.Helper()
		r := w.alert(`{"message":"Flood warning","area":`+tandaleSquare+`,"dry_run":true}`, adminToken)
		if r.Status != http.StatusOK {
			t.Fatalf("dry run %d %s", r.Status, r.Body)
		}
		return decode[map[string]int](t, r.Body)["recipients"]
	}
	send("SM1", phone, "JOIN Tandale")
	if got := send("SM2", phone, "STOP"); len(got) != 1 || recipients() != 0 {
		t.Fatalf("STOP: %q, %d recipients", got, recipients())
	}
	if got := send("SM3", phone, "JOIN Atlantis"); len(got) != 0 || recipients() != 0 {
		t.Fatalf("JOIN of an unknown area after STOP: %q, %d recipients", got, recipients())
	}
	got := send("SM4", phone, "JOIN Tandale")
	const want = "Welcome back! You will get our messages again, and alerts for Tandale. Send LEAVE to stop the alerts."
	if len(got) != 1 || got[0] != want {
		t.Fatalf("JOIN Tandale after STOP: %q, want %q", got, want)
	}
	if n := recipients(); n != 1 {
		t.Fatalf("%d recipients after JOIN, want 1", n)
	}
	if got := send("SM5", phone, "HELP"); len(got) != 1 {
		t.Fatalf("HELP after JOIN: %q, want an answer", got)
	}
	r := w.alert(`{"message":"Mafuriko: hamia eneo la juu sasa","area":`+tandaleSquare+`}`, adminToken)
	if r.Status != http.StatusCreated {
		t.Fatalf("alert %d %s", r.Status, r.Body)
	}
	if _, err := w.dispatcher.DeliverDue(t.Context()); err != nil {
		t.Fatal(err)
	}
	if len(w.api.sent) != 1 || w.api.sent[0].Get("To") != phone {
		t.Fatalf("Twilio received %v", w.api.sent)
	}

	*w.clock = w.clock.Add(time.Minute)
	send("SM6", other, "STOP")
	if got := send("SM7", other, "join"); len(got) != 1 || !strings.HasPrefix(got[0], "Welcome back! You will get our messages again.") {
		t.Fatalf("bare join after STOP: %q", got)
	}
	if got := send("SM8", other, "HELP"); len(got) != 1 {
		t.Fatalf("HELP after a bare join: %q, want an answer", got)
	}
}
