package sms_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

// testClock is a clock the test moves, shared by the dispatchers and the
// fake Twilio (which reads it from its own goroutines).
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// lookupWorld is one alert queued on a real store, a fake Twilio over
// HTTP and a clock; dispatchers are made with dispatcher.
type lookupWorld struct {
	store  *data.Store
	api    *smstest.FakeTwilio
	sender *sms.TwilioSender
	vault  *sms.PhoneVault
	clock  *testClock
	phones []string
	alert  uint64
}

const lookupLease = 2 * time.Minute

func newLookupWorld(t *testing.T, n int) *lookupWorld {
	t.Helper()
	st, _ := datatest.NewStore(t)
	w := &lookupWorld{store: st, clock: &testClock{t: time.Date(2026, 4, 1, 23, 58, 0, 0, time.UTC)}}
	w.api = smstest.NewFakeTwilio(t, outageSID, outageToken)
	w.api.SetClock(w.clock.Now)
	var err error
	if w.sender, err = sms.NewTwilioSender(sms.TwilioSenderConfig{AccountSID: outageSID, AuthToken: outageToken, From: "+255800000000", APIBase: w.api.URL}); err != nil {
		t.Fatal(err)
	}
	if w.vault, err = sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize)); err != nil {
		t.Fatal(err)
	}
	w.phones = queueAlert(t, st, w.vault, sms.GatewayTwilio, n, w.clock.Now())
	_, msgs, err := st.GetAlert(1)
	if err != nil || len(msgs) != n {
		t.Fatalf("alert 1: %d messages, %v", len(msgs), err)
	}
	w.alert = 1
	return w
}

// dispatcher is one server's dispatcher over store.
func (w *lookupWorld) dispatcher(t *testing.T, name string, store sms.OutboxStore) *sms.Dispatcher {
	t.Helper()
	d, err := sms.NewDispatcher(sms.DispatcherConfig{Phones: w.vault, Twilio: w.sender, Name: name, SendLease: lookupLease, Now: w.clock.Now}, store)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (w *lookupWorld) messages(t *testing.T) []data.Outbound {
	t.Helper()
	_, msgs, err := w.store.GetAlert(w.alert)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

// postsTo counts the messages Twilio took per number.
func (w *lookupWorld) postsTo() map[string]int {
	out := map[string]int{}
	for p, bodies := range w.api.Sent() {
		out[p] = len(bodies)
	}
	return out
}

// diesBeforeRecording is the store of a server killed right after Twilio
// took a message: the first record of a delivery result never happens.
type diesBeforeRecording struct {
	*data.Store
	mu   sync.Mutex
	died bool
}

func (s *diesBeforeRecording) UpdateOutbound(ctx context.Context, ids []string, change func(*data.Outbound)) ([]data.Outbound, error) {
	s.mu.Lock()
	first := !s.died
	s.died = true
	s.mu.Unlock()
	if first {
		return nil, errors.New("killed")
	}
	return s.Store.UpdateOutbound(ctx, ids, change)
}

// A dispatcher that dies between Twilio taking a message and recording it
// leaves it "sending"; the dispatcher that takes it over after the lease
// finds it in Twilio's Messages list and records its SID: Twilio took the
// message once, and every other message of the alert once too.
func TestUnrecordedSendIsFoundNotSentAgain(t *testing.T) {
	w := newLookupWorld(t, 3)
	dying := w.dispatcher(t, "dying", &diesBeforeRecording{Store: w.store})
	if _, err := dying.DeliverDue(context.Background()); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("round of the dying dispatcher: %v, want its record to fail", err)
	}
	var lost data.Outbound
	for _, m := range w.messages(t) {
		if m.Status == data.OutboundSending {
			lost = m
		}
	}
	if lost.ID == "" || lost.ClaimedBy != "dying" || !lost.ClaimedAt.Equal(w.clock.Now()) {
		t.Fatalf("no message left sending by the dying dispatcher with its claim time: %+v", w.messages(t))
	}
	if got := w.postsTo(); len(got) != 1 {
		t.Fatalf("Twilio took %v before the death, want one message", got)
	}

	alive := w.dispatcher(t, "alive", w.store)
	w.clock.Add(time.Minute)
	if n, err := alive.DeliverDue(context.Background()); err != nil || n != 2 {
		t.Fatalf("within the lease: %d sent, %v; want the 2 others", n, err)
	}
	lookups := w.api.Lookups()
	if lookups != 0 {
		t.Errorf("%d lookups for messages of known outcome", lookups)
	}
	w.clock.Add(lookupLease)
	if n, err := alive.DeliverDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("after the lease: %d, %v; want the lost one found", n, err)
	}
	if w.api.Lookups() != 1 {
		t.Errorf("%d lookups, want 1", w.api.Lookups())
	}
	for p, n := range w.postsTo() {
		if n != 1 {
			t.Errorf("Twilio took %d messages to %s, want 1", n, p)
		}
	}
	if len(w.postsTo()) != 3 {
		t.Errorf("Twilio took messages to %d numbers, want 3", len(w.postsTo()))
	}
	for _, m := range w.messages(t) {
		if m.Status != data.OutboundSent || m.Attempts != 1 || m.ProviderID == "" {
			t.Errorf("message %s: %s, %d attempts, SID %q; want sent after 1 with a SID", m.ID, m.Status, m.Attempts, m.ProviderID)
		}
		if m.ID != lost.ID {
			continue
		}
		to, err := w.vault.Open(m.SealedPhone)
		if err != nil {
			t.Fatal(err)
		}
		sid, found, err := w.sender.LookupSent(context.Background(), to, m.Text, lost.ClaimedAt)
		if err != nil || !found || sid != m.ProviderID {
			t.Errorf("recorded SID %q, Twilio has %q (%v, %v)", m.ProviderID, sid, found, err)
		}
	}
	for range 3 {
		w.clock.Add(time.Hour)
		if n, err := alive.DeliverDue(context.Background()); err != nil || n != 0 {
			t.Fatalf("later round: %d sent, %v", n, err)
		}
	}
}

// A message whose previous claim ended without a result but that Twilio
// never took is sent after the lookup, once. The same text sent to the
// same number before that claim (an earlier alert) is not taken for it.
func TestUnknownOutcomeNotFoundIsSentOnce(t *testing.T) {
	w := newLookupWorld(t, 4)
	// The earlier alert, an hour before: same text, same number.
	w.clock.Add(-time.Hour)
	oldSID, err := w.sender.Send(context.Background(), w.phones[0], "Cholera: boil water")
	if err != nil {
		t.Fatal(err)
	}
	w.clock.Add(time.Hour)
	// A server claims everything as its dispatcher does, then dies
	// before sending.
	now := w.clock.Now()
	claimed, err := w.store.ClaimOutbound(context.Background(), sms.GatewayTwilio, []data.OutboundStatus{data.OutboundQueued}, now, 100, func(o *data.Outbound) {
		o.Status, o.ClaimedBy, o.ClaimedAt, o.NextAttemptAt = data.OutboundSending, "dead", now, now.Add(lookupLease)
	})
	if err != nil || len(claimed) != 4 {
		t.Fatalf("claim: %d, %v", len(claimed), err)
	}
	w.clock.Add(lookupLease + time.Second)
	alive := w.dispatcher(t, "alive", w.store)
	if n, err := alive.DeliverDue(context.Background()); err != nil || n != 4 {
		t.Fatalf("after the lease: %d sent, %v; want 4", n, err)
	}
	if got := w.api.Lookups(); got != 4 {
		t.Errorf("%d lookups, want one per message of unknown outcome (4)", got)
	}
	for i, p := range w.phones {
		want := 1
		if i == 0 {
			want = 2 // the earlier alert and this one
		}
		if got := w.api.Sent()[p]; len(got) != want {
			t.Errorf("%s got %d messages, want %d", p, len(got), want)
		}
	}
	for _, m := range w.messages(t) {
		if m.Status != data.OutboundSent || m.ProviderID == oldSID || m.Attempts != 1 {
			t.Errorf("message %s: %s, %d attempts, SID %q (the earlier alert's is %q)", m.ID, m.Status, m.Attempts, m.ProviderID, oldSID)
		}
	}
}

// When Twilio's Messages list cannot be read, a message of unknown
// outcome is not sent blind: it stays "sending" with its claim time, due
// again after a backoff, and is sent (once) when the list answers.
func TestLookupErrorDefersMessage(t *testing.T) {
	w := newLookupWorld(t, 3)
	now := w.clock.Now()
	if _, err := w.store.ClaimOutbound(context.Background(), sms.GatewayTwilio, []data.OutboundStatus{data.OutboundQueued}, now, 100, func(o *data.Outbound) {
		o.Status, o.ClaimedBy, o.ClaimedAt, o.NextAttemptAt = data.OutboundSending, "dead", now, now.Add(lookupLease)
	}); err != nil {
		t.Fatal(err)
	}
	w.clock.Add(lookupLease + time.Second)
	w.api.SetListDown(true)
	alive := w.dispatcher(t, "alive", w.store)
	if n, err := alive.DeliverDue(context.Background()); err != nil || n != 0 {
		t.Fatalf("with the list down: %d sent, %v; want none", n, err)
	}
	if len(w.api.Sent()) != 0 {
		t.Fatalf("sent blind: %v", w.api.Sent())
	}
	deferred := 0
	for _, m := range w.messages(t) {
		if m.Status != data.OutboundSending || !m.ClaimedAt.Equal(now) {
			t.Errorf("message %s: %s claimed at %v; want still sending since %v", m.ID, m.Status, m.ClaimedAt, now)
		}
		if strings.Contains(m.LastError, "lookup failed") {
			deferred++
			if !m.NextAttemptAt.After(w.clock.Now()) || m.ClaimedBy != "" {
				t.Errorf("deferred message %s due %v, claimed by %q", m.ID, m.NextAttemptAt, m.ClaimedBy)
			}
		}
	}
	if deferred != 1 {
		t.Errorf("%d messages deferred by a failed lookup, want 1 (the breaker keeps the rest untried)", deferred)
	}
	w.api.SetListDown(false)
	sent := 0
	for range 20 {
		w.clock.Add(20 * time.Minute)
		n, err := alive.DeliverDue(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		sent += n
	}
	if sent != 3 {
		t.Errorf("%d sent once the list answered, want 3", sent)
	}
	for _, p := range w.phones {
		if got := len(w.api.Sent()[p]); got != 1 {
			t.Errorf("%s got %d messages, want 1", p, got)
		}
	}
}

// LookupSent reads every page of the Messages list and matches the body
// exactly, the number, the sender and the time.
func TestTwilioLookupSent(t *testing.T) {
	clock := &testClock{t: time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)}
	api := smstest.NewFakeTwilio(t, outageSID, outageToken)
	api.SetClock(clock.Now)
	from := func(f string) *sms.TwilioSender {
		s, err := sms.NewTwilioSender(sms.TwilioSenderConfig{AccountSID: outageSID, AuthToken: outageToken, From: f, APIBase: api.URL})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s, other := from("+255800000000"), from("+255800000099")
	ctx := context.Background()
	const to = "+255712000001"
	target, err := s.Send(ctx, to, "Flood warning")
	if err != nil {
		t.Fatal(err)
	}
	// More than a page of newer messages to the same number.
	for i := range 1100 {
		if _, err := s.Send(ctx, to, fmt.Sprintf("Update %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	before := api.Lookups()
	if sid, found, err := s.LookupSent(ctx, to, "Flood warning", clock.Now().Add(-time.Minute)); err != nil || !found || sid != target {
		t.Errorf("lookup: %q %v %v; want %q found", sid, found, err, target)
	}
	if got := api.Lookups() - before; got != 2 {
		t.Errorf("%d list requests, want 2 pages", got)
	}
	for name, c := range map[string]struct {
		s     *sms.TwilioSender
		to    string
		body  string
		since time.Time
	}{
		"other body":       {s, to, "Flood warning!", clock.Now()},
		"prefix of body":   {s, to, "Flood", clock.Now()},
		"other number":     {s, "+255712000002", "Flood warning", clock.Now()},
		"other sender":     {other, to, "Flood warning", clock.Now()},
		"sent before":      {s, to, "Flood warning", clock.Now().Add(time.Second)},
		"sent days before": {s, to, "Flood warning", clock.Now().Add(72 * time.Hour)},
	} {
		if sid, found, err := c.s.LookupSent(ctx, c.to, c.body, c.since); err != nil || found {
			t.Errorf("%s: %q %v %v; want not found", name, sid, found, err)
		}
	}
	api.SetListDown(true)
	if _, found, err := s.LookupSent(ctx, to, "Flood warning", clock.Now()); err == nil || found {
		t.Errorf("list down: found %v, err %v; want an error", found, err)
	}
}

// The only dispatcher on a store (a restarted single server) does not
// wait out the claims of the process that was killed: ReleaseStaleClaims
// makes them due at once, still of unknown outcome, so the message Twilio
// took is found, not sent again, and the claimed but untried ones are
// sent. A message deferred after a failed lookup keeps its time.
func TestReleaseStaleClaimsAtStart(t *testing.T) {
	w := newLookupWorld(t, 4)
	killed := w.dispatcher(t, "killed", &diesBeforeRecording{Store: w.store})
	if _, err := killed.DeliverDue(context.Background()); err == nil {
		t.Fatal("the killed dispatcher's record did not fail")
	}
	// Its batch as a kill leaves it: every message still "sending" by it.
	var ids []string
	for _, m := range w.messages(t) {
		ids = append(ids, m.ID)
	}
	now := w.clock.Now()
	if _, err := w.store.UpdateOutbound(context.Background(), ids, func(o *data.Outbound) {
		if o.Status == data.OutboundQueued {
			o.Status, o.ClaimedBy, o.ClaimedAt, o.NextAttemptAt = data.OutboundSending, "killed", now, now.Add(lookupLease)
		}
	}); err != nil {
		t.Fatal(err)
	}
	// One deferred earlier after a failed lookup: claimed by none, due
	// in an hour.
	deferredID := ""
	for _, m := range w.messages(t) {
		if m.ClaimedBy == "killed" && len(w.api.Sent()[mustOpen(t, w.vault, m.SealedPhone)]) == 0 && deferredID == "" {
			deferredID = m.ID
		}
	}
	if _, err := w.store.UpdateOutbound(context.Background(), []string{deferredID}, func(o *data.Outbound) {
		o.ClaimedBy, o.NextAttemptAt = "", now.Add(time.Hour)
	}); err != nil {
		t.Fatal(err)
	}

	restarted := w.dispatcher(t, "restarted", w.store)
	w.clock.Add(time.Second)
	if n, err := restarted.ReleaseStaleClaims(context.Background()); err != nil || n != 3 {
		t.Fatalf("released %d stale claims, %v; want 3", n, err)
	}
	if n, err := restarted.DeliverDue(context.Background()); err != nil || n != 3 {
		t.Fatalf("right after the restart: %d sent or found, %v; want 3", n, err)
	}
	if got := w.api.Lookups(); got != 3 {
		t.Errorf("%d lookups, want 3 (one per message of unknown outcome)", got)
	}
	for _, m := range w.messages(t) {
		want := data.OutboundSent
		if m.ID == deferredID {
			want = data.OutboundSending
		}
		if m.Status != want {
			t.Errorf("message %s: %s, want %s", m.ID, m.Status, want)
		}
	}
	w.clock.Add(2 * time.Hour)
	if n, err := restarted.DeliverDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("the deferred message: %d sent, %v", n, err)
	}
	for _, p := range w.phones {
		if got := len(w.api.Sent()[p]); got != 1 {
			t.Errorf("%s got %d messages, want 1", p, got)
		}
	}
}

func mustOpen(t *testing.T, v *sms.PhoneVault, sealed []byte) string {
	t.Helper()
	p, err := v.Open(sealed)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
