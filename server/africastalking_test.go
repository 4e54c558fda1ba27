package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
)

// newATServer serves with Africa's Talking's secret set to secret (empty:
// not configured) and a dispatcher without senders: replies stay queued in
// the outbox, where the test reads them.
func newATServer(t *testing.T, secret string) (*testServer, *sms.Dispatcher) {
	t.Helper()
	st, dir := datatest.NewStore(t)
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	engine, err := sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, Now: func() time.Time { return now }}, st)
	if err != nil {
		t.Fatal(err)
	}
	d, err := sms.NewDispatcher(sms.DispatcherConfig{Phones: vault, Now: func() time.Time { return now }}, st)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Config{AfricasTalkingSecret: secret},
		server.Deps{Store: st, SMS: engine, Replies: d, Now: func() time.Time { return now }})
	return &testServer{t: t, store: st, dir: dir, h: srv.Handler()}, d
}

func atForm(id, from, text string) string {
	return url.Values{"from": {from}, "to": {"40404"}, "text": {text}, "id": {id}, "linkId": {"l"}, "date": {"2026-12-06 10:00:00"}}.Encode()
}

// TestAfricasTalkingRouteAbsentWithoutSecret: with no secret configured
// the callbacks do not exist.
func TestAfricasTalkingRouteAbsentWithoutSecret(t *testing.T) {
	ts, _ := newATServer(t, "")
	for _, path := range []string{"/sms/africastalking", "/sms/africastalking/delivery"} {
		r := ts.do(http.MethodPost, path+"?secret=", "application/x-www-form-urlencoded", strings.NewReader(atForm("a", "+254711000001", "x")))
		if r.Status != http.StatusNotFound {
			t.Errorf("%s without a configured secret: %d %s, want 404", path, r.Status, r.Body)
		}
	}
}

// TestAfricasTalkingInboundQueuesReplyOnce: a message files a report, its
// reply (with #id) is queued for Africa's Talking under the message's id,
// once, and a repeated callback changes nothing; bad fields get a 400
// naming them.
func TestAfricasTalkingInboundQueuesReplyOnce(t *testing.T) {
	ts, _ := newATServer(t, "s3cret")
	body := atForm("ATSms_9", "+254711000001", "flooding at -1.2555, 36.8555")
	for range 3 {
		r := ts.do(http.MethodPost, "/sms/africastalking?secret=s3cret", "application/x-www-form-urlencoded", strings.NewReader(body))
		if r.Status != http.StatusOK {
			t.Fatalf("%d %s", r.Status, r.Body)
		}
	}
	far := now.Add(time.Hour)
	queued, err := ts.store.Outbox(sms.GatewayAfricasTalking, []data.OutboundStatus{data.OutboundQueued}, far, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(queued) != 1 || queued[0].ID != sms.ReplyID(sms.GatewayAfricasTalking, "ATSms_9") || !strings.Contains(queued[0].Text, "#1") {
		t.Fatalf("outbox %+v, want one reply naming #1", queued)
	}
	if strings.Contains(queued[0].Text, "+254711000001") || strings.Contains(string(queued[0].SealedPhone), "254711000001") {
		t.Fatal("the number is stored in clear")
	}
	if _, err := ts.store.Get(1); err != nil {
		t.Fatalf("report 1: %v", err)
	}
	if _, err := ts.store.Get(2); err == nil {
		t.Fatal("a repeated callback filed a second report")
	}
	for _, tt := range []struct{ form, field string }{
		{url.Values{"from": {"+254711000001"}, "text": {"x"}}.Encode(), `"id"`},
		{url.Values{"id": {"x"}, "text": {"x"}}.Encode(), `"from"`},
		{url.Values{"id": {"x"}, "from": {"nobody"}, "text": {"x"}}.Encode(), `"from"`},
	} {
		r := ts.do(http.MethodPost, "/sms/africastalking?secret=s3cret", "application/x-www-form-urlencoded", strings.NewReader(tt.form))
		if r.Status != http.StatusBadRequest || !strings.Contains(string(r.Body), tt.field) {
			t.Errorf("%s: %d %s, want 400 naming %s", tt.form, r.Status, r.Body, tt.field)
		}
	}
	r := ts.do(http.MethodPost, "/sms/africastalking/delivery?secret=s3cret", "application/x-www-form-urlencoded", strings.NewReader("id=ATXid_1"))
	if r.Status != http.StatusBadRequest || !strings.Contains(string(r.Body), `"status"`) {
		t.Errorf("delivery report without status: %d %s", r.Status, r.Body)
	}
}
