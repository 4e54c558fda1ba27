package sms_test

import (
	"context"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

type atWorld struct {
	store *data.Store
	api   *smstest.FakeAfricasTalking
	d     *sms.Dispatcher
	clock time.Time
}

func newATWorld(t *testing.T, cfg sms.DispatcherConfig) *atWorld {
	t.Helper()
	st, _ := datatest.NewStore(t)
	api := smstest.NewFakeAfricasTalking(t, "mtaa", "atkey0123")
	sender, err := sms.NewAfricasTalkingSender(sms.AfricasTalkingConfig{Username: "mtaa", APIKey: "atkey0123", From: "40404", APIBase: api.URL})
	if err != nil {
		t.Fatal(err)
	}
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	w := &atWorld{store: st, api: api, clock: time.Date(2026, 4, 1, 6, 0, 0, 0, time.UTC)}
	cfg.Phones, cfg.AfricasTalking, cfg.Now = vault, sender, func() time.Time { return w.clock }
	if w.d, err = sms.NewDispatcher(cfg, st); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *atWorld) reply(t *testing.T, id string) data.Outbound {
	t.Helper()
	far := w.clock.Add(1000 * time.Hour)
	for _, st := range []data.OutboundStatus{data.OutboundQueued, data.OutboundSent, data.OutboundDelivered, data.OutboundFailed} {
		msgs, err := w.store.Outbox(sms.GatewayAfricasTalking, []data.OutboundStatus{st}, far, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.ID == sms.ReplyID(sms.GatewayAfricasTalking, id) {
				return m
			}
		}
	}
	t.Fatalf("no outbox message for reply to %s", id)
	return data.Outbound{}
}

// TestAfricasTalkingReplyOnceAndDelivered: a reply queued twice (the
// callback repeated) is sent once through the fake API, with the username,
// key, sender and the inbound message's linkId; the delivery report,
// found by the provider's message id, marks it delivered.
func TestAfricasTalkingReplyOnceAndDelivered(t *testing.T) {
	w := newATWorld(t, sms.DispatcherConfig{})
	ctx := context.Background()
	for range 2 {
		if err := w.d.QueueReply(ctx, sms.ReplyTo{Gateway: sms.GatewayAfricasTalking, MessageID: "ATSms_1", From: "+254711000001", LinkID: "link-1"}, "mtaa #7: received"); err != nil {
			t.Fatal(err)
		}
	}
	n, err := w.d.DeliverDue(ctx)
	if err != nil || n != 1 {
		t.Fatalf("DeliverDue = %d, %v; want 1 sent", n, err)
	}
	if n, _ := w.d.DeliverDue(ctx); n != 0 {
		t.Fatalf("second round sent %d, want 0", n)
	}
	// Queued again after it was sent: still nothing new.
	if err := w.d.QueueReply(ctx, sms.ReplyTo{Gateway: sms.GatewayAfricasTalking, MessageID: "ATSms_1", From: "+254711000001", LinkID: "link-1"}, "mtaa #7: received"); err != nil {
		t.Fatal(err)
	}
	if n, _ := w.d.DeliverDue(ctx); n != 0 {
		t.Fatalf("requeued reply sent again: %d", n)
	}
	sent := w.api.Sent()["+254711000001"]
	if len(sent) != 1 || sent[0] != "mtaa #7: received" {
		t.Fatalf("sent %q", sent)
	}
	if links := w.api.LinkIDs()["+254711000001"]; len(links) != 1 || links[0] != "link-1" {
		t.Fatalf("linkId sent %q, want the inbound message's link-1", links)
	}
	m := w.reply(t, "ATSms_1")
	if m.Status != data.OutboundSent || m.ProviderID != w.api.MessageIDs()["+254711000001"][0] {
		t.Fatalf("outbox %+v", m)
	}
	report := func(id string, st data.OutboundStatus) bool {
		t.Helper()
		ok, err := w.d.RecordReport(ctx, sms.DeliveryReport{Gateway: sms.GatewayAfricasTalking, ProviderID: id, Phone: "+254711000001", Status: st, Reason: "Failed"})
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if report(m.ProviderID, data.OutboundSent) {
		t.Fatal("an intermediate report changed the message")
	}
	if !report(m.ProviderID, data.OutboundDelivered) {
		t.Fatal("the delivery report changed nothing")
	}
	if m := w.reply(t, "ATSms_1"); m.Status != data.OutboundDelivered {
		t.Fatalf("after the report: %s", m.Status)
	}
	// A repeated or late report changes nothing.
	if report(m.ProviderID, data.OutboundFailed) {
		t.Fatal("a report on a delivered message changed it")
	}
	if report("ATXid_unknown", data.OutboundDelivered) {
		t.Fatal("a report on an unknown id changed a message")
	}
}

// TestAfricasTalkingRetryAndGiveUp: an outage (HTTP 500) or a balance
// problem (405) leaves the message queued and pauses the gateway; an
// invalid number (403) fails at once; after GiveUpAfter a message that
// still cannot be sent fails.
func TestAfricasTalkingRetryAndGiveUp(t *testing.T) {
	w := newATWorld(t, sms.DispatcherConfig{RetryBase: time.Minute, MaxRetryDelay: 10 * time.Minute, GiveUpAfter: 2 * time.Hour})
	ctx := context.Background()
	w.api.Refuse("+254711000009", 403)
	for id, to := range map[string]string{"a": "+254711000001", "bad": "+254711000009"} {
		if err := w.d.QueueReply(ctx, sms.ReplyTo{Gateway: sms.GatewayAfricasTalking, MessageID: id, From: to}, "hello "+id); err != nil {
			t.Fatal(err)
		}
	}
	w.api.SetDown(true)
	if n, err := w.d.DeliverDue(ctx); n != 0 || err != nil {
		t.Fatalf("down: %d, %v", n, err)
	}
	total, _ := w.api.Requests()
	if total != 1 {
		t.Fatalf("%d requests during the outage, want 1 (the breaker pauses the rest)", total)
	}
	// Within the pause: no request.
	if n, _ := w.d.DeliverDue(ctx); n != 0 {
		t.Fatal("sent during the pause")
	}
	if total2, _ := w.api.Requests(); total2 != total {
		t.Fatalf("%d requests during the pause", total2-total)
	}
	w.api.SetDown(false)
	w.clock = w.clock.Add(30 * time.Minute)
	if n, err := w.d.DeliverDue(ctx); n != 1 || err != nil {
		t.Fatalf("after the outage: %d sent, %v", n, err)
	}
	if m := w.reply(t, "bad"); m.Status != data.OutboundFailed || m.Attempts != 1 {
		t.Fatalf("invalid number: %+v, want failed after 1 try", m)
	}
	if m := w.reply(t, "a"); m.Status != data.OutboundSent {
		t.Fatalf("a: %s", m.Status)
	}

	// Insufficient balance is transient, until GiveUpAfter.
	w.api.Refuse("+254711000002", 405)
	if err := w.d.QueueReply(ctx, sms.ReplyTo{Gateway: sms.GatewayAfricasTalking, MessageID: "poor", From: "+254711000002"}, "x"); err != nil {
		t.Fatal(err)
	}
	w.d.DeliverDue(ctx)
	if m := w.reply(t, "poor"); m.Status != data.OutboundQueued || m.LastError == "" {
		t.Fatalf("after 405: %+v", m)
	}
	w.clock = w.clock.Add(3 * time.Hour)
	w.d.DeliverDue(ctx)
	if m := w.reply(t, "poor"); m.Status != data.OutboundFailed {
		t.Fatalf("after GiveUpAfter: %s", m.Status)
	}
}

// TestAfricasTalkingPermanent: which refusals are final.
func TestAfricasTalkingPermanent(t *testing.T) {
	for _, tt := range []struct {
		err  *sms.AfricasTalkingError
		want bool
	}{
		{&sms.AfricasTalkingError{Status: 201, Code: 403}, true},
		{&sms.AfricasTalkingError{Status: 201, Code: 406}, true},
		{&sms.AfricasTalkingError{Status: 201, Code: 405}, false},
		{&sms.AfricasTalkingError{Status: 201, Code: 500}, false},
		{&sms.AfricasTalkingError{Status: 400}, true},
		{&sms.AfricasTalkingError{Status: 401}, false},
		{&sms.AfricasTalkingError{Status: 503}, false},
	} {
		if got := sms.Permanent(tt.err); got != tt.want {
			t.Errorf("Permanent(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// TestAfricasTalkingWrongKey: the fake refuses a wrong API key (HTTP 401),
// which the operator can fix: transient.
func TestAfricasTalkingWrongKey(t *testing.T) {
	api := smstest.NewFakeAfricasTalking(t, "mtaa", "right")
	s, err := sms.NewAfricasTalkingSender(sms.AfricasTalkingConfig{Username: "mtaa", APIKey: "wrong", APIBase: api.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Send(context.Background(), "+254711000001", "x")
	if err == nil || sms.Permanent(err) {
		t.Fatalf("err = %v, want a transient error", err)
	}
	if _, err := sms.NewAfricasTalkingSender(sms.AfricasTalkingConfig{Username: "mtaa"}); err == nil {
		t.Fatal("no API key accepted")
	}
}
