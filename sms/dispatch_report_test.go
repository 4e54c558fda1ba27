package sms_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

// reportWorld is one alert queued for Africa's Talking on a real store, a
// fake Africa's Talking API over HTTP and a clock; dispatchers are made
// with dispatcher.
type reportWorld struct {
	store  *data.Store
	api    *smstest.FakeAfricasTalking
	sender *sms.AfricasTalkingSender
	vault  *sms.PhoneVault
	clock  *testClock
	phones []string
}

const reportWindow = 5 * time.Minute

func newReportWorld(t *testing.T, n int) *reportWorld {
	t.Helper()
	st, _ := datatest.NewStore(t)
	w := &reportWorld{store: st, clock: &testClock{t: time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)}}
	w.api = smstest.NewFakeAfricasTalking(t, "mtaa", "atkey0123")
	var err error
	if w.sender, err = sms.NewAfricasTalkingSender(sms.AfricasTalkingConfig{Username: "mtaa", APIKey: "atkey0123", APIBase: w.api.URL}); err != nil {
		t.Fatal(err)
	}
	if w.vault, err = sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize)); err != nil {
		t.Fatal(err)
	}
	w.phones = queueAlert(t, st, w.vault, sms.GatewayAfricasTalking, n, w.clock.Now())
	return w
}

func (w *reportWorld) dispatcher(t *testing.T, name string, store sms.OutboxStore) *sms.Dispatcher {
	t.Helper()
	d, err := sms.NewDispatcher(sms.DispatcherConfig{Phones: w.vault, AfricasTalking: w.sender, Name: name, SendLease: lookupLease,
		ReportWindow: reportWindow, RetryBase: time.Second, MaxRetryDelay: time.Second, Now: w.clock.Now}, store)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (w *reportWorld) messages(t *testing.T) map[string]data.Outbound {
	t.Helper()
	_, msgs, err := w.store.GetAlert(1)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]data.Outbound{}
	for _, m := range msgs {
		out[mustOpen(t, w.vault, m.SealedPhone)] = m
	}
	return out
}

// report posts the fake's delivery report on the i-th message it took,
// through the dispatcher, as the webhook does.
func (w *reportWorld) report(t *testing.T, d *sms.Dispatcher, i int, status data.OutboundStatus) bool {
	t.Helper()
	a := w.api.Log()[i]
	ok, err := d.RecordReport(context.Background(), sms.DeliveryReport{Gateway: sms.GatewayAfricasTalking, ProviderID: a.ID, Phone: a.To, Status: status})
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// checkOnce fails unless Africa's Talking took exactly one message per
// number, and every message is recorded with the id it gave.
func (w *reportWorld) checkOnce(t *testing.T) {
	t.Helper()
	sent := w.api.Sent()
	ids := w.api.MessageIDs()
	for p, m := range w.messages(t) {
		if len(sent[p]) != 1 {
			t.Errorf("%s got %d messages, want 1", p, len(sent[p]))
			continue
		}
		if m.ProviderID != ids[p][0] || m.Status != data.OutboundSent && m.Status != data.OutboundDelivered {
			t.Errorf("%s: %s as %q, want sent as %q", p, m.Status, m.ProviderID, ids[p][0])
		}
	}
}

// lostOne runs a dispatcher that dies right after Africa's Talking took
// its first message, and returns that message's number.
func (w *reportWorld) lostOne(t *testing.T) string {
	t.Helper()
	dying := w.dispatcher(t, "dying", &diesBeforeRecording{Store: w.store})
	if _, err := dying.DeliverDue(context.Background()); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("round of the dying dispatcher: %v, want its record to fail", err)
	}
	log := w.api.Log()
	if len(log) != 1 {
		t.Fatalf("Africa's Talking took %d messages before the death, want 1", len(log))
	}
	if m := w.messages(t)[log[0].To]; m.Status != data.OutboundSending || m.ClaimedBy != "dying" {
		t.Fatalf("the lost message: %+v", m)
	}
	return log[0].To
}

// A server killed between Africa's Talking taking a message and its
// record restarts (an exclusive store: the claim is released at once); the
// message waits instead of being sent again, the fake's delivery report on
// its number (an id mtaa never recorded) marks it sent with that id, and
// nothing is sent twice, even after the window.
func TestUnknownOutcomeAdoptedByDeliveryReport(t *testing.T) {
	w := newReportWorld(t, 3)
	lost := w.lostOne(t)
	restarted := w.dispatcher(t, "restarted", w.store)
	w.clock.Add(time.Second)
	if n, err := restarted.ReleaseStaleClaims(context.Background()); err != nil || n != 1 {
		t.Fatalf("released %d, %v; want 1", n, err)
	}
	if n, err := restarted.DeliverDue(context.Background()); err != nil || n != 2 {
		t.Fatalf("after the restart: %d sent, %v; want the 2 others", n, err)
	}
	m := w.messages(t)[lost]
	if m.Status != data.OutboundSending || m.ClaimedBy != "" || !m.NextAttemptAt.Equal(m.ClaimedAt.Add(reportWindow)) {
		t.Fatalf("the lost message after the restart: %+v; want waiting for its report until its claim + window", m)
	}
	if len(w.api.Sent()[lost]) != 1 {
		t.Fatalf("the lost message was sent again at once")
	}
	// Reports on the two others come first: they apply by id.
	if !w.report(t, restarted, 1, data.OutboundDelivered) || !w.report(t, restarted, 2, data.OutboundDelivered) {
		t.Fatal("reports on recorded messages changed nothing")
	}
	if !w.report(t, restarted, 0, data.OutboundSent) {
		t.Fatal("the report on the lost message's number was not matched")
	}
	m = w.messages(t)[lost]
	if m.Status != data.OutboundSent || m.ProviderID != w.api.Log()[0].ID || m.Attempts != 1 {
		t.Fatalf("the lost message after its report: %+v", m)
	}
	if !w.report(t, restarted, 0, data.OutboundDelivered) || w.messages(t)[lost].Status != data.OutboundDelivered {
		t.Fatalf("the final report on the adopted id: %s", w.messages(t)[lost].Status)
	}
	w.clock.Add(2 * reportWindow)
	if n, err := restarted.DeliverDue(context.Background()); err != nil || n != 0 {
		t.Fatalf("after the window: %d sent, %v", n, err)
	}
	w.checkOnce(t)
}

// Without a report within the window the message is sent again: once when
// Africa's Talking had not taken it (the server died before the request),
// twice when it had (its report never came: at least once).
func TestUnknownOutcomeWithoutReportSentAfterWindow(t *testing.T) {
	w := newReportWorld(t, 3)
	lost := w.lostOne(t) // taken by the API; its report will not come
	now := w.clock.Now()
	// The rest of the dying dispatcher's batch: claimed, never requested.
	if _, err := w.store.ClaimOutboundPerNumber(context.Background(), sms.GatewayAfricasTalking, []data.OutboundStatus{data.OutboundQueued}, now, 10, func(o *data.Outbound) {
		o.Status, o.ClaimedBy, o.ClaimedAt, o.NextAttemptAt = data.OutboundSending, "dying", now, now.Add(lookupLease)
	}); err != nil {
		t.Fatal(err)
	}
	restarted := w.dispatcher(t, "restarted", w.store)
	w.clock.Add(time.Second)
	if n, err := restarted.ReleaseStaleClaims(context.Background()); err != nil || n != 3 {
		t.Fatalf("released %d, %v; want 3", n, err)
	}
	for _, step := range []time.Duration{0, time.Minute, reportWindow - time.Minute - 2*time.Second} {
		w.clock.Add(step)
		if n, err := restarted.DeliverDue(context.Background()); err != nil || n != 0 {
			t.Fatalf("within the window (+%v): %d sent, %v", step, n, err)
		}
	}
	if got := len(w.api.Log()); got != 1 {
		t.Fatalf("Africa's Talking took %d messages within the window, want 1", got)
	}
	w.clock.Add(2 * time.Second)
	if n, err := restarted.DeliverDue(context.Background()); err != nil || n != 3 {
		t.Fatalf("after the window: %d sent, %v; want 3", n, err)
	}
	for p, m := range w.messages(t) {
		want := 1
		if p == lost {
			want = 2
		}
		if got := len(w.api.Sent()[p]); got != want || m.Status != data.OutboundSent || m.Attempts != 1 {
			t.Errorf("%s: %d messages, %s after %d attempts; want %d, sent after 1", p, got, m.Status, m.Attempts, want)
		}
	}
	w.clock.Add(time.Hour)
	if n, _ := restarted.DeliverDue(context.Background()); n != 0 {
		t.Fatalf("%d sent later", n)
	}
}

// On a shared store the dead dispatcher's claim holds until its lease
// ends: a report that comes meanwhile is kept, and the dispatcher that
// takes the message over after the lease matches it without sending.
func TestReportDuringLeaseKeptAndMatched(t *testing.T) {
	w := newReportWorld(t, 2)
	lost := w.lostOne(t)
	alive := w.dispatcher(t, "alive", w.store)
	w.clock.Add(time.Second)
	if n, err := alive.DeliverDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("within the lease: %d sent, %v; want the other one", n, err)
	}
	if w.report(t, alive, 0, data.OutboundDelivered) {
		t.Fatal("a report matched a message claimed by a dispatcher within its lease")
	}
	if m := w.messages(t)[lost]; m.Status != data.OutboundSending || m.ClaimedBy != "dying" {
		t.Fatalf("the claimed message after the kept report: %+v", m)
	}
	w.clock.Add(lookupLease)
	if n, err := alive.DeliverDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("after the lease: %d, %v; want the lost one matched", n, err)
	}
	if m := w.messages(t)[lost]; m.Status != data.OutboundDelivered || m.ProviderID != w.api.Log()[0].ID {
		t.Fatalf("the lost message: %+v; want delivered (the kept report was final) as its id", m)
	}
	w.checkOnce(t)
}

// A send whose answer is lost (the connection cut after Africa's Talking
// took it) is of unknown outcome too: it is not sent again, and its
// report matches it. Meanwhile the next alert to that number waits (one
// message per number at a time), then goes.
func TestLostAnswerWaitsForReport(t *testing.T) {
	w := newReportWorld(t, 1)
	d := w.dispatcher(t, "d", w.store)
	w.api.DropAnswers(1)
	if n, err := d.DeliverDue(context.Background()); err != nil || n != 0 {
		t.Fatalf("round with the answer lost: %d, %v", n, err)
	}
	p := w.phones[0]
	m := w.messages(t)[p]
	if m.Status != data.OutboundSending || m.ClaimedBy != "" || !strings.Contains(m.LastError, "no answer") {
		t.Fatalf("after the lost answer: %+v", m)
	}
	if _, err := w.sender.Send(context.Background(), "+255000", "x"); err != nil {
		t.Fatal(err) // the fake answers again
	}
	w.api.DropAnswers(1)
	_, err := w.sender.Send(context.Background(), "+255001", "x")
	if !errors.Is(err, sms.ErrOutcomeUnknown) {
		t.Fatalf("send with the answer cut: %v, want ErrOutcomeUnknown", err)
	}
	// A second alert to the same number.
	sealed, _ := w.vault.Seal(p)
	now := w.clock.Now()
	next := data.Outbound{ID: "next", Gateway: sms.GatewayAfricasTalking, PhoneHash: w.vault.Hash(p), SealedPhone: sealed, Text: "Second alert",
		Status: data.OutboundQueued, NextAttemptAt: now, CreatedAt: now, UpdatedAt: now}
	if _, err := w.store.CreateAlert(context.Background(), data.Alert{Message: "Second alert", CreatedAt: now}, []data.Outbound{next}); err != nil {
		t.Fatal(err)
	}
	w.clock.Add(10 * time.Second) // past the breaker's pause
	if n, err := d.DeliverDue(context.Background()); err != nil || n != 0 {
		t.Fatalf("while the first waits for its report: %d sent, %v; want none to that number", n, err)
	}
	if !w.report(t, d, 0, data.OutboundSent) {
		t.Fatal("the report did not match the message whose answer was lost")
	}
	if n, err := d.DeliverDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("after the report: %d sent, %v; want the second alert", n, err)
	}
	if got := w.api.Sent()[p]; len(got) != 2 || got[0] != "Cholera: boil water" || got[1] != "Second alert" {
		t.Fatalf("%s got %q, want each alert once", p, got)
	}
}

// Several alerts queued to one number all go in one round, one at a time.
func TestOneNumberSeveralMessagesOneRound(t *testing.T) {
	w := newReportWorld(t, 2)
	now := w.clock.Now()
	sealed, _ := w.vault.Seal(w.phones[0])
	var more []data.Outbound
	for _, text := range []string{"second", "third"} {
		more = append(more, data.Outbound{ID: data.NewOutboundID(), Gateway: sms.GatewayAfricasTalking, PhoneHash: w.vault.Hash(w.phones[0]), SealedPhone: sealed,
			Text: text, Status: data.OutboundQueued, NextAttemptAt: now, CreatedAt: now, UpdatedAt: now})
	}
	if _, err := w.store.CreateAlert(context.Background(), data.Alert{Message: "more", CreatedAt: now}, more); err != nil {
		t.Fatal(err)
	}
	d := w.dispatcher(t, "d", w.store)
	if n, err := d.DeliverDue(context.Background()); err != nil || n != 4 {
		t.Fatalf("one round: %d sent, %v; want 4", n, err)
	}
	if got := w.api.Sent()[w.phones[0]]; len(got) != 3 {
		t.Fatalf("%s got %q", w.phones[0], got)
	}
}

// A send is of unknown outcome only once its request was written: a
// refused connection or an error answer is a plain failure (retried as
// before), a cut answer is ErrOutcomeUnknown.
func TestOutcomeUnknownOnlyAfterTheRequest(t *testing.T) {
	api := smstest.NewFakeAfricasTalking(t, "mtaa", "k")
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	for _, tt := range []struct {
		name, base string
		prepare    func()
		unknown    bool
	}{
		{"connection refused", closed.URL, func() {}, false},
		{"HTTP 500", api.URL, func() { api.SetDown(true) }, false},
		{"answer cut", api.URL, func() { api.SetDown(false); api.DropAnswers(1) }, true},
		{"answered", api.URL, func() {}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := sms.NewAfricasTalkingSender(sms.AfricasTalkingConfig{Username: "mtaa", APIKey: "k", APIBase: tt.base})
			if err != nil {
				t.Fatal(err)
			}
			tt.prepare()
			_, err = s.Send(context.Background(), "+254711000001", "x")
			if got := errors.Is(err, sms.ErrOutcomeUnknown); got != tt.unknown {
				t.Errorf("err = %v: unknown outcome %v, want %v", err, got, tt.unknown)
			}
		})
	}
}
