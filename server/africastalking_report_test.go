package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

// TestAfricasTalkingDeliveryReportMatchesUnknownOutcome: through the real
// delivery-report route over HTTP, served by httptest, with the fake
// Africa's Talking API posting its reports there: a reply whose answer the
// API lost (the connection cut after it took the message) waits, the
// fake's report (its own id, the number) marks it sent then delivered,
// and it is never sent again; a failed report on a known id records the
// reason; a wrong secret is refused and changes nothing.
func TestAfricasTalkingDeliveryReportMatchesUnknownOutcome(t *testing.T) {
	st, _ := datatest.NewStore(t)
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	api := smstest.NewFakeAfricasTalking(t, "mtaa", "k")
	sender, err := sms.NewAfricasTalkingSender(sms.AfricasTalkingConfig{Username: "mtaa", APIKey: "k", APIBase: api.URL})
	if err != nil {
		t.Fatal(err)
	}
	clock := now
	d, err := sms.NewDispatcher(sms.DispatcherConfig{Phones: vault, AfricasTalking: sender, Now: func() time.Time { return clock }}, st)
	if err != nil {
		t.Fatal(err)
	}
	engine, err := sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, Now: func() time.Time { return now }}, st)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(server.Config{AfricasTalkingSecret: "s3cret"}, server.Deps{Store: st, SMS: engine, Replies: d, Now: func() time.Time { return now }}).Handler())
	t.Cleanup(srv.Close)
	// Replies queued as the inbound route queues them.
	ctx := context.Background()
	for _, r := range []sms.ReplyTo{{Gateway: sms.GatewayAfricasTalking, MessageID: "in-1", From: "+254711000001"}, {Gateway: sms.GatewayAfricasTalking, MessageID: "in-2", From: "+254711000002"}} {
		if err := d.QueueReply(ctx, r, "mtaa: received "+r.MessageID); err != nil {
			t.Fatal(err)
		}
	}
	reply := func(id string) data.Outbound {
		t.Helper()
		for _, s := range []data.OutboundStatus{data.OutboundQueued, data.OutboundSending, data.OutboundSent, data.OutboundDelivered, data.OutboundFailed} {
			msgs, err := st.Outbox(sms.GatewayAfricasTalking, []data.OutboundStatus{s}, clock.Add(time.Hour), 10)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range msgs {
				if m.ID == sms.ReplyID(sms.GatewayAfricasTalking, id) {
					return m
				}
			}
		}
		t.Fatalf("no reply to %s", id)
		return data.Outbound{}
	}
	// A wrong secret: refused, nothing kept.
	bad := url.Values{"id": {"ATXid_x"}, "status": {"Success"}, "phoneNumber": {"+254711000001"}}
	resp, err := http.PostForm(srv.URL+"/sms/africastalking/delivery?secret=wrong", bad)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("wrong secret: %d", resp.StatusCode)
	}

	api.DropAnswers(1) // the first reply's answer is lost
	for range 3 {
		if _, err := d.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(time.Minute) // past the breaker's pause
	}
	log := api.Log()
	if len(log) != 2 {
		t.Fatalf("the API took %d messages, want 2 (the unanswered one not sent again)", len(log))
	}
	lost, ok := reply("in-1"), reply("in-2")
	if lost.Status != data.OutboundSending || ok.Status != data.OutboundSent {
		t.Fatalf("before the reports: lost %s, other %s", lost.Status, ok.Status)
	}

	// Now the reports come, over HTTP: Success for both.
	api.ReportTo(srv.URL+"/sms/africastalking/delivery?secret=s3cret", 0, 0)
	for _, a := range log { // the fake reports what it takes from now on: post these as it would
		form := url.Values{"id": {a.ID}, "status": {"Success"}, "phoneNumber": {a.To}, "networkCode": {"63902"}, "retryCount": {"0"}}
		resp, err := http.PostForm(srv.URL+"/sms/africastalking/delivery?secret=s3cret", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("report on %s: %d", a.ID, resp.StatusCode)
		}
	}
	if m := reply("in-1"); m.Status != data.OutboundDelivered || m.ProviderID != log[0].ID {
		t.Fatalf("the unanswered reply after its report: %+v", m)
	}
	if m := reply("in-2"); m.Status != data.OutboundDelivered {
		t.Fatalf("the other reply after its report: %s", m.Status)
	}
	clock = clock.Add(time.Hour)
	if n, err := d.DeliverDue(ctx); err != nil || n != 0 {
		t.Fatalf("later: %d sent, %v", n, err)
	}

	// A third reply goes out; the fake posts its report itself, Success:
	// delivered through the route.
	if err := d.QueueReply(ctx, sms.ReplyTo{Gateway: sms.GatewayAfricasTalking, MessageID: "in-3", From: "+254711000003"}, "mtaa: received in-3"); err != nil {
		t.Fatal(err)
	}
	if n, err := d.DeliverDue(ctx); err != nil || n != 1 {
		t.Fatalf("third reply: %d, %v", n, err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for reply("in-3").Status != data.OutboundDelivered {
		if time.Now().After(deadline) {
			t.Fatalf("the fake's report did not mark the third reply delivered: %+v", reply("in-3"))
		}
		time.Sleep(20 * time.Millisecond)
	}
	for p, bodies := range api.Sent() {
		if len(bodies) != 1 {
			t.Errorf("%s got %d messages, want 1", p, len(bodies))
		}
	}
	// The fake counts its report once it has read mtaa's answer, which
	// may be after mtaa applied it.
	for posted, _, _ := api.Reports(); posted == 0 && time.Now().Before(deadline); posted, _, _ = api.Reports() {
		time.Sleep(10 * time.Millisecond)
	}
	if posted, _, dropped := api.Reports(); posted != 1 || dropped != 0 {
		t.Errorf("fake reports: %d posted, %d dropped; want 1, 0", posted, dropped)
	}

	// A failed report on a known id: failed, with the reason.
	if err := d.QueueReply(ctx, sms.ReplyTo{Gateway: sms.GatewayAfricasTalking, MessageID: "in-4", From: "+254711000004"}, "mtaa: received in-4"); err != nil {
		t.Fatal(err)
	}
	api.ReportTo("", 0, 0)
	if n, err := d.DeliverDue(ctx); err != nil || n != 1 {
		t.Fatalf("fourth reply: %d, %v", n, err)
	}
	id := reply("in-4").ProviderID
	form := url.Values{"id": {id}, "status": {"Failed"}, "phoneNumber": {"+254711000004"}, "failureReason": {"UserInBlacklist"}}
	resp, err = http.PostForm(srv.URL+"/sms/africastalking/delivery?secret=s3cret", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if m := reply("in-4"); resp.StatusCode != http.StatusOK || m.Status != data.OutboundFailed || !strings.Contains(m.LastError, "UserInBlacklist") {
		t.Fatalf("failed report: %d, %+v", resp.StatusCode, m)
	}
}
