package sms_test

import (
	"context"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/sms"
)

// TestReporterGetsStatusSMS: a resident who reported by SMS (and never
// joined alerts) gets the status change by SMS in the language of the
// report; the number is kept sealed, never joined to alerts.
func TestReporterGetsStatusSMS(t *testing.T) {
	st, _ := datatest.NewStore(t)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	vault, _ := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	engine, err := sms.NewEngine(sms.Config{Taxonomy: defaultTaxonomy(), Classifier: keywordClassifier(), Phones: vault, Now: clock}, st)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := sms.NewDispatcher(sms.DispatcherConfig{Phones: vault, Now: clock}, st)
	ctx := context.Background()
	const phone = "+255712345678"
	if _, err := engine.Handle(ctx, sms.Inbound{Gateway: "twilio", MessageID: "SM1", From: phone, Body: "moto -6.8123, 39.2567"}); err != nil {
		t.Fatal(err)
	}
	r, err := st.Get(1)
	if err != nil || r.Channel != data.ChannelSMS {
		t.Fatalf("%+v %v", r, err)
	}
	sub, _ := st.Subscriber(vault.Hash(phone))
	if sub == nil || sub.SealedPhone == nil || sub.Joined {
		t.Fatalf("subscriber %+v", sub)
	}
	if got, _ := d.Recipients(orb.Bound{Min: orb.Point{39, -7}, Max: orb.Point{40, -6}}.ToPolygon()); len(got) != 0 {
		t.Fatalf("a reporter became an alert recipient: %v", got)
	}
	if p, ok := d.ReporterPhone(r.Reporter); !ok || p != phone {
		t.Fatalf("ReporterPhone %q %v", p, ok)
	}
	ok, err := d.NotifyReporter(ctx, r.Reporter, r.ID, data.StatusVerified)
	if err != nil || !ok {
		t.Fatalf("%v %v", ok, err)
	}
	tasks, _ := d.TakeForPhone(ctx, 10)
	if len(tasks) != 1 || tasks[0].To != phone || tasks[0].Message != "mtaa #1: imethibitishwa. STATUS 1" {
		t.Fatalf("%+v", tasks)
	}
	if ok, _ := d.NotifyReporter(ctx, "sms:unknown", 1, data.StatusVerified); ok {
		t.Fatal("notified a reporter without a number")
	}
}
