package sms_test

import (
	"context"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
	"github.com/mtaa-project/mtaa/internal/pgcluster/pgtest"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

// Two servers on one PostgreSQL database (two stores, each with its own
// connection pool and dispatcher) send every message of an alert exactly
// once between them.
func TestTwoServersOnPostgresSendEachMessageOnce(t *testing.T) {
	url := pgtest.NewDatabase(t)
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	api := smstest.NewFakeTwilio(t, outageSID, outageToken)
	var stores []*data.Store
	for range 2 {
		db, err := pgkv.Open(context.Background(), url, pgkv.Options{})
		if err != nil {
			t.Fatal(err)
		}
		st, err := data.OpenEngine(db, t.TempDir(), data.Options{Shared: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		stores = append(stores, st)
	}
	const n = 200
	phones := queueAlert(t, stores[0], vault, sms.GatewayTwilio, n, time.Now().UTC())
	var ds []*sms.Dispatcher
	for i, st := range stores {
		sender, err := sms.NewTwilioSender(sms.TwilioSenderConfig{AccountSID: outageSID, AuthToken: outageToken, From: "+255800000000", APIBase: api.URL})
		if err != nil {
			t.Fatal(err)
		}
		d, err := sms.NewDispatcher(sms.DispatcherConfig{Phones: vault, Twilio: sender, Name: []string{"a", "b"}[i]}, st)
		if err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	counts := deliverConcurrently(t, ds)
	expectOnceEach(t, api, phones)
	if requests, _ := api.Requests(); requests != n {
		t.Errorf("%d requests to Twilio for %d messages", requests, n)
	}
	t.Logf("sent by a %d, by b %d", counts[0], counts[1])
}
