package sms_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

// queueAlert queues one alert to n numbers for gateway and returns them.
func queueAlert(t *testing.T, st *data.Store, vault *sms.PhoneVault, gateway string, n int, at time.Time) []string {
	t.Helper()
	var phones []string
	msgs := make([]data.Outbound, n)
	for i := range msgs {
		phone := fmt.Sprintf("+2557120%05d", i)
		sealed, err := vault.Seal(phone)
		if err != nil {
			t.Fatal(err)
		}
		phones = append(phones, phone)
		msgs[i] = data.Outbound{ID: data.NewOutboundID(), Gateway: gateway, PhoneHash: vault.Hash(phone), SealedPhone: sealed,
			Text: "Cholera: boil water", Status: data.OutboundQueued, NextAttemptAt: at, CreatedAt: at, UpdatedAt: at}
	}
	if _, err := st.CreateAlert(context.Background(), data.Alert{Message: "Cholera: boil water", CreatedAt: at}, msgs); err != nil {
		t.Fatal(err)
	}
	return phones
}

// Two dispatchers on one store (two servers on one database) deliver
// every message of an alert exactly once between them, sending at the
// same time.
func TestTwoDispatchersSendEachMessageOnce(t *testing.T) {
	st, _ := datatest.NewStore(t)
	api := smstest.NewFakeTwilio(t, outageSID, outageToken)
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	const n = 300
	phones := queueAlert(t, st, vault, sms.GatewayTwilio, n, time.Now().UTC())
	var ds []*sms.Dispatcher
	for _, name := range []string{"server-a", "server-b"} {
		sender, err := sms.NewTwilioSender(sms.TwilioSenderConfig{AccountSID: outageSID, AuthToken: outageToken, From: "+255800000000", APIBase: api.URL})
		if err != nil {
			t.Fatal(err)
		}
		d, err := sms.NewDispatcher(sms.DispatcherConfig{Phones: vault, Twilio: sender, Name: name}, st)
		if err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	counts := deliverConcurrently(t, ds)
	expectOnceEach(t, api, phones)
	if requests, _ := api.Requests(); requests != n || counts[0]+counts[1] != n {
		t.Errorf("%d requests to Twilio, dispatchers counted %v sent, want %d", requests, counts, n)
	}
	t.Logf("sent by server-a %d, server-b %d", counts[0], counts[1])
}

// A dispatcher that dies after claiming messages leaves them "sending":
// no one sends them before its lease ends, someone does after it, once,
// and a sent message is never sent again.
func TestClaimOfADeadDispatcherEndsWithItsLease(t *testing.T) {
	w := newOutageWorld(t, 20, sms.DispatcherConfig{SendLease: 2 * time.Minute, Name: "alive"})
	// Another server claims everything, then dies before sending.
	now := w.clock
	claimed, err := w.store.ClaimOutbound(context.Background(), sms.GatewayTwilio, []data.OutboundStatus{data.OutboundQueued}, now, 100, func(o *data.Outbound) {
		o.Status, o.ClaimedBy, o.NextAttemptAt = data.OutboundSending, "dead", now.Add(2*time.Minute)
	})
	if err != nil || len(claimed) != 20 {
		t.Fatalf("claim: %d, %v; want all 20", len(claimed), err)
	}
	if n := w.round(t, time.Minute); n != 0 {
		t.Fatalf("sent %d messages claimed by another dispatcher within its lease", n)
	}
	if again, err := w.store.ClaimOutbound(context.Background(), sms.GatewayTwilio, []data.OutboundStatus{data.OutboundQueued, data.OutboundSending}, w.clock, 100, func(*data.Outbound) {}); err != nil || len(again) != 0 {
		t.Fatalf("claimed %d messages under a live lease (%v), want none", len(again), err)
	}
	w.clock = w.clock.Add(time.Minute + time.Second) // the lease is over
	if n := w.round(t, time.Minute); n != 20 {
		t.Fatalf("sent %d after the dead dispatcher's lease, want 20", n)
	}
	for range 10 {
		w.round(t, 10*time.Minute)
	}
	sent := w.api.Sent()
	for _, p := range w.phones {
		if len(sent[p]) != 1 {
			t.Errorf("%s got %d messages, want exactly 1", p, len(sent[p]))
		}
	}
	for _, m := range w.status(t).Messages {
		if m.Status != data.OutboundSent || m.Attempts != 1 {
			t.Errorf("message %s: %s after %d attempts, want sent after 1", m.ID, m.Status, m.Attempts)
		}
	}
}

// While Twilio is down the messages of a claimed batch that were not tried
// go back to the queue as they were, due for any dispatcher.
func TestClaimedButUntriedGoBack(t *testing.T) {
	w := newOutageWorld(t, 5, sms.DispatcherConfig{Name: "a"})
	w.api.SetDown(true, false)
	w.round(t, 0)
	st := w.status(t)
	if st.Counts[data.OutboundQueued] != 5 {
		t.Fatalf("%v after a failed round, want all 5 queued", st.Counts)
	}
	untried := 0
	for _, m := range st.Messages {
		if m.Attempts == 0 {
			untried++
			if !m.UpdatedAt.Equal(w.clock) {
				t.Errorf("untried message %s changed at %v", m.ID, m.UpdatedAt)
			}
		}
	}
	if untried != 4 {
		t.Errorf("%d messages untried, want 4 (one probe opens the breaker)", untried)
	}
	due, err := w.store.Outbox(sms.GatewayTwilio, []data.OutboundStatus{data.OutboundQueued}, w.clock, 100)
	if err != nil || len(due) != 4 {
		t.Errorf("%d messages due at once (%v), want the 4 untried", len(due), err)
	}
}

// Two SMSSync phones polling two servers at once are never handed the
// same message.
func TestTwoServersNeverHandOutOneMessageTwice(t *testing.T) {
	st, _ := datatest.NewStore(t)
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	const n = 200
	queueAlert(t, st, vault, sms.GatewaySMSSync, n, time.Now().UTC().Add(-time.Second))
	var mu sync.Mutex
	seen := map[string]string{}
	var wg sync.WaitGroup
	for _, name := range []string{"a", "b"} {
		d, err := sms.NewDispatcher(sms.DispatcherConfig{Phones: vault, Name: name}, st)
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			for range 100 {
				tasks, err := d.TakeForPhone(context.Background(), 7)
				if err != nil {
					t.Error(err)
					return
				}
				if len(tasks) == 0 {
					return
				}
				mu.Lock()
				for _, task := range tasks {
					if other, ok := seen[task.UUID]; ok {
						t.Errorf("message %s handed out by %s and %s", task.UUID, other, name)
					}
					seen[task.UUID] = name
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != n {
		t.Errorf("%d messages handed out, want %d", len(seen), n)
	}
}

// cancelAfterSend is a sender whose send is followed at once by the
// server stopping (its context cancelled).
type cancelAfterSend struct {
	sms.Sender
	cancel context.CancelFunc
}

func (c cancelAfterSend) Send(ctx context.Context, to, body string) (string, error) {
	sid, err := c.Sender.Send(ctx, to, body)
	c.cancel()
	return sid, err
}

// A server stopping right after Twilio took a message still records it
// as sent: it is not left to its lease and sent again.
func TestStopAfterSendRecordsIt(t *testing.T) {
	st, _ := datatest.NewStore(t)
	api := smstest.NewFakeTwilio(t, outageSID, outageToken)
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	queueAlert(t, st, vault, sms.GatewayTwilio, 3, time.Now().UTC())
	sender, err := sms.NewTwilioSender(sms.TwilioSenderConfig{AccountSID: outageSID, AuthToken: outageToken, From: "+255800000000", APIBase: api.URL})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	d, err := sms.NewDispatcher(sms.DispatcherConfig{Phones: vault, Twilio: cancelAfterSend{sender, cancel}, Name: "a"}, st)
	if err != nil {
		t.Fatal(err)
	}
	d.DeliverDue(ctx)
	a, msgs, err := st.GetAlert(1)
	if err != nil || a.Recipients != 3 {
		t.Fatal(a, err)
	}
	counts := map[data.OutboundStatus]int{}
	for _, m := range msgs {
		counts[m.Status]++
	}
	if counts[data.OutboundSent] != 1 || counts[data.OutboundQueued] != 2 {
		t.Fatalf("after a stop right after the first send: %v, want 1 sent and 2 back in the queue", counts)
	}
}

// deliverConcurrently runs each dispatcher's DeliverDue in a goroutine of
// its own until nothing is due (at most 1,000 rounds) and returns how many
// each sent.
func deliverConcurrently(t *testing.T, ds []*sms.Dispatcher) []int {
	t.Helper()
	counts := make([]int, len(ds))
	var wg sync.WaitGroup
	for i, d := range ds {
		wg.Go(func() {
			for range 1000 { // bounded; stops when nothing is due
				got, err := d.DeliverDue(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				if got == 0 {
					return
				}
				counts[i] += got
			}
		})
	}
	wg.Wait()
	return counts
}

// expectOnceEach fails unless the fake Twilio took exactly one message
// for each of phones.
func expectOnceEach(t *testing.T, api *smstest.FakeTwilio, phones []string) {
	t.Helper()
	sent := api.Sent()
	for _, p := range phones {
		if len(sent[p]) != 1 {
			t.Errorf("%s got %d messages, want exactly 1", p, len(sent[p]))
		}
	}
}
