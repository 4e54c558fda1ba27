package sms_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

// TestWhatsAppAlertsOnlyToThoseWhoJoined: of two WhatsApp residents, the
// one who sent JOIN gets the area's alert, the one who only reported does
// not; the alert goes out as an SMS to the bare number (mtaa never writes
// free text on WhatsApp outside the reply to a message, which WhatsApp's
// 24-hour rule would refuse without an approved template).
func TestWhatsAppAlertsOnlyToThoseWhoJoined(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	const joiner, reporter = "+255712000001", "+255712000002"
	for i, m := range []struct{ from, body string }{{joiner, "JOIN Tandale"}, {reporter, "FLOOD near Tandale market"}} {
		if _, err := h.engine.Handle(ctx, sms.Inbound{Gateway: "twilio", MessageID: "SMwa" + string(rune('0'+i)), From: m.from, Body: m.body,
			Channel: data.ChannelWhatsApp}); err != nil {
			t.Fatal(err)
		}
	}
	api := smstest.NewFakeAfricasTalking(t, "mtaa", "key")
	sender, err := sms.NewAfricasTalkingSender(sms.AfricasTalkingConfig{Username: "mtaa", APIKey: "key", APIBase: api.URL})
	if err != nil {
		t.Fatal(err)
	}
	d, err := sms.NewDispatcher(sms.DispatcherConfig{Phones: h.vault, AfricasTalking: sender}, h.store)
	if err != nil {
		t.Fatal(err)
	}
	p := tandaleWard.Point
	area := orb.Polygon{{{p[0] - 0.01, p[1] - 0.01}, {p[0] + 0.01, p[1] - 0.01}, {p[0] + 0.01, p[1] + 0.01}, {p[0] - 0.01, p[1] + 0.01}, {p[0] - 0.01, p[1] - 0.01}}}
	raw, _ := json.Marshal(map[string]any{"type": "Polygon", "coordinates": area})
	a, err := d.CreateAlert(ctx, "Flood warning", area, raw, "")
	if err != nil || a.Recipients != 1 {
		t.Fatalf("alert: %+v %v, want 1 recipient (the one who joined)", a, err)
	}
	if _, err := d.DeliverDue(ctx); err != nil {
		t.Fatal(err)
	}
	sent := api.Sent()
	if got := sent[joiner]; len(got) != 1 || got[0] != "Flood warning" {
		t.Fatalf("joiner got %q, want the alert once, by SMS to the bare number", got)
	}
	if got := sent[reporter]; len(got) != 0 {
		t.Fatalf("the resident who did not join got %q", got)
	}
	for to := range sent {
		if to != joiner {
			t.Fatalf("a message to %q", to)
		}
	}
}
