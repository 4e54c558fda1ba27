package sms_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

const (
	outageSID   = "AC00000000000000000000000000000042"
	outageToken = "outageauthtoken0123"
)

type outageWorld struct {
	store  *data.Store
	api    *smstest.FakeTwilio
	d      *sms.Dispatcher
	clock  time.Time
	phones []string
	alert  uint64
}

// newOutageWorld queues one alert to n numbers through a dispatcher that
// sends to a local fake of Twilio, on a clock the test moves.
func newOutageWorld(t *testing.T, n int, cfg sms.DispatcherConfig) *outageWorld {
	t.Helper()
	st, _ := datatest.NewStore(t)
	api := smstest.NewFakeTwilio(t, outageSID, outageToken)
	sender, err := sms.NewTwilioSender(sms.TwilioSenderConfig{AccountSID: outageSID, AuthToken: outageToken, From: "+255800000000", APIBase: api.URL})
	if err != nil {
		t.Fatal(err)
	}
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	w := &outageWorld{store: st, api: api, clock: time.Date(2026, 4, 1, 6, 0, 0, 0, time.UTC)}
	cfg.Phones, cfg.Twilio, cfg.Now = vault, sender, func() time.Time { return w.clock }
	if w.d, err = sms.NewDispatcher(cfg, st); err != nil {
		t.Fatal(err)
	}
	msgs := make([]data.Outbound, n)
	for i := range msgs {
		phone := fmt.Sprintf("+2557110%05d", i)
		sealed, err := vault.Seal(phone)
		if err != nil {
			t.Fatal(err)
		}
		w.phones = append(w.phones, phone)
		msgs[i] = data.Outbound{ID: data.NewOutboundID(), Gateway: sms.GatewayTwilio, PhoneHash: vault.Hash(phone), SealedPhone: sealed,
			Text: "Flood warning: move to high ground", Status: data.OutboundQueued, NextAttemptAt: w.clock, CreatedAt: w.clock, UpdatedAt: w.clock}
	}
	a, err := st.CreateAlert(context.Background(), data.Alert{Message: "Flood warning: move to high ground", CreatedAt: w.clock}, msgs)
	if err != nil {
		t.Fatal(err)
	}
	w.alert = a.ID
	return w
}

func (w *outageWorld) round(t *testing.T, advance time.Duration) int {
	t.Helper()
	n, err := w.d.DeliverDue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	w.clock = w.clock.Add(advance)
	return n
}

func (w *outageWorld) status(t *testing.T) sms.AlertStatus {
	t.Helper()
	st, err := w.d.Alert(w.alert)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// An outage of six hours loses nothing: every message stays queued, the
// dispatcher probes Twilio once per pause instead of once per message, and
// when Twilio is back every number gets its message exactly once.
func TestTwilioOutageLosesNothing(t *testing.T) {
	for _, drop := range []bool{false, true} {
		t.Run(fmt.Sprintf("hang_up=%v", drop), func(t *testing.T) {
			w := newOutageWorld(t, 40, sms.DispatcherConfig{RetryBase: 30 * time.Second, MaxRetryDelay: 15 * time.Minute})
			w.api.SetDown(true, drop)
			rounds := 0
			for elapsed := time.Duration(0); elapsed < 6*time.Hour; elapsed += 10 * time.Second {
				if n := w.round(t, 10*time.Second); n != 0 {
					t.Fatalf("sent %d while Twilio is down", n)
				}
				rounds++
			}
			requests, _ := w.api.Requests()
			// Pauses grow 30 s, 60 s … to 15 min: about 30 probes in 6 h,
			// where trying every due message each round would be thousands.
			if requests < 10 || requests > 60 {
				t.Fatalf("%d requests to Twilio in %d rounds of a 6 h outage, want one probe per pause (10..60)", requests, rounds)
			}
			st := w.status(t)
			if st.Counts[data.OutboundQueued] != 40 {
				t.Fatalf("after the outage: %v, want all 40 still queued", st.Counts)
			}

			w.api.SetDown(false, false)
			for i := 0; i < 200 && w.status(t).Counts[data.OutboundSent] < 40; i++ {
				w.round(t, time.Minute)
			}
			sent := w.api.Sent()
			for _, p := range w.phones {
				if len(sent[p]) != 1 {
					t.Errorf("%s got %d messages, want exactly 1", p, len(sent[p]))
				}
			}
			if st := w.status(t); st.Counts[data.OutboundSent] != 40 {
				t.Fatalf("after recovery: %v, want 40 sent", st.Counts)
			}
		})
	}
}

// A number Twilio rejects for good fails at once and does not hold up
// the others or open the breaker.
func TestTwilioPermanentErrorFailsOnlyThatMessage(t *testing.T) {
	w := newOutageWorld(t, 5, sms.DispatcherConfig{})
	w.api.Reject(w.phones[2])
	if n := w.round(t, time.Second); n != 4 {
		t.Fatalf("sent %d in the first round, want 4", n)
	}
	st := w.status(t)
	if st.Counts[data.OutboundSent] != 4 || st.Counts[data.OutboundFailed] != 1 {
		t.Fatalf("%v, want 4 sent and 1 failed", st.Counts)
	}
	for _, m := range st.Messages {
		if m.Status == data.OutboundFailed && (m.Attempts != 1 || m.LastError == "") {
			t.Fatalf("failed message %+v: want one attempt and the reason", m)
		}
	}
}

// Messages still undelivered GiveUpAfter after the alert are failed, with
// the last error kept for the operator.
func TestTwilioGiveUpAfter(t *testing.T) {
	w := newOutageWorld(t, 3, sms.DispatcherConfig{RetryBase: time.Minute, MaxRetryDelay: 10 * time.Minute, GiveUpAfter: 2 * time.Hour})
	w.api.SetDown(true, false)
	for i := 0; i < 200; i++ {
		w.round(t, time.Minute)
	}
	st := w.status(t)
	if st.Counts[data.OutboundFailed] != 3 {
		t.Fatalf("%v after 200 min of outage, want all 3 failed", st.Counts)
	}
	for _, m := range st.Messages {
		if m.LastError == "" {
			t.Fatalf("failed without a reason: %+v", m)
		}
	}
}

// Twilio down as a closed port (connection refused) is transient too.
func TestTwilioUnreachableIsTransient(t *testing.T) {
	if sms.Permanent(fmt.Errorf("twilio send: %w", &net503{})) {
		t.Fatal("a network error was taken as permanent")
	}
	l := httptest.NewServer(http.NotFoundHandler())
	url := l.URL
	l.Close() // nothing listens there any more
	sender, err := sms.NewTwilioSender(sms.TwilioSenderConfig{AccountSID: outageSID, AuthToken: outageToken, From: "+255800000000", APIBase: url})
	if err != nil {
		t.Fatal(err)
	}
	_, err = sender.Send(context.Background(), "+255711000001", "test")
	if err == nil || sms.Permanent(err) {
		t.Fatalf("send to a closed port: %v (permanent=%v), want a transient error", err, sms.Permanent(err))
	}
}

type net503 struct{}

func (*net503) Error() string { return "connection reset by peer" }
