package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/ussd"
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
	menu, err := ussd.New(ussd.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, Now: func() time.Time { return now },
		Areas: func() []ussd.Area { return []ussd.Area{{Name: "Mathare 4A", Point: orb.Point{36.855, -1.255}}} }}, st)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Config{AfricasTalkingSecret: secret},
		server.Deps{Store: st, SMS: engine, Replies: d, USSD: menu, Now: func() time.Time { return now }})
	return &testServer{t: t, store: st, dir: dir, h: srv.Handler()}, d
}

func atForm(id, from, text string) string {
	return url.Values{"from": {from}, "to": {"40404"}, "text": {text}, "id": {id}, "linkId": {"l"}, "date": {"2026-12-06 10:00:00"}}.Encode()
}

// TestAfricasTalkingRouteAbsentWithoutSecret: with no secret configured
// the callbacks do not exist.
func TestAfricasTalkingRouteAbsentWithoutSecret(t *testing.T) {
	ts, _ := newATServer(t, "")
	for _, path := range []string{"/sms/africastalking", "/sms/africastalking/delivery", "/ussd/africastalking", "/ussd/africastalking/events"} {
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

// TestAfricasTalkingUSSD: the USSD callback answers the menu as text,
// refuses a wrong secret and names a missing field.
func TestAfricasTalkingUSSD(t *testing.T) {
	ts, _ := newATServer(t, "s3cret")
	post := func(q string, form url.Values) response {
		return ts.do(http.MethodPost, "/ussd/africastalking"+q, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	}
	form := url.Values{"sessionId": {"ATUid_1"}, "serviceCode": {"*384*123#"}, "phoneNumber": {"+254711000001"}, "text": {""}}
	if r := post("?secret=wrong", form); r.Status != http.StatusForbidden {
		t.Fatalf("wrong secret: %d %s", r.Status, r.Body)
	}
	r := post("?secret=s3cret", form)
	if r.Status != http.StatusOK || !strings.HasPrefix(string(r.Body), "CON ") || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("first screen: %d %q %s", r.Status, r.Header.Get("Content-Type"), r.Body)
	}
	form.Set("text", "1*1*1")
	if r := post("?secret=s3cret", form); r.Status != http.StatusOK || !strings.HasPrefix(string(r.Body), "END ") || !strings.Contains(string(r.Body), "#1") {
		t.Fatalf("report: %d %s", r.Status, r.Body)
	}
	for field, bad := range map[string]url.Values{
		"sessionId":   {"phoneNumber": {"+254711000001"}},
		"phoneNumber": {"sessionId": {"x"}, "phoneNumber": {"abc"}},
	} {
		if r := post("?secret=s3cret", bad); r.Status != http.StatusBadRequest || !strings.Contains(string(r.Body), `"`+field+`"`) {
			t.Errorf("without %s: %d %s", field, r.Status, r.Body)
		}
	}
}

// TestUSSDEventsCallback: the end-of-session notification needs the
// secret and a sessionId (400 naming it), answers 200 for a session that
// left nothing, and shows the draft of a session cut after its category
// at once.
func TestUSSDEventsCallback(t *testing.T) {
	ts, _ := newATServer(t, "s3cret")
	post := func(path string, form url.Values) response {
		return ts.do(http.MethodPost, path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	}
	ended := url.Values{"sessionId": {"ATUid_9"}, "phoneNumber": {"+254711000009"}, "status": {"Incomplete"}, "input": {"1*1"}}
	if r := post("/ussd/africastalking/events?secret=nope", ended); r.Status != http.StatusForbidden || !strings.Contains(string(r.Body), `"secret"`) {
		t.Fatalf("wrong secret: %d %s", r.Status, r.Body)
	}
	if r := post("/ussd/africastalking/events?secret=s3cret", url.Values{"status": {"Incomplete"}}); r.Status != http.StatusBadRequest || !strings.Contains(string(r.Body), `"sessionId"`) {
		t.Fatalf("no sessionId: %d %s", r.Status, r.Body)
	}
	if r := post("/ussd/africastalking/events?secret=s3cret", ended); r.Status != http.StatusOK {
		t.Fatalf("a session that left nothing: %d %s", r.Status, r.Body)
	}
	for _, text := range []string{"", "1", "1*1"} {
		r := post("/ussd/africastalking?secret=s3cret", url.Values{"sessionId": {"ATUid_9"}, "serviceCode": {"*384*123#"}, "phoneNumber": {"+254711000009"}, "text": {text}})
		if r.Status != http.StatusOK || !strings.HasPrefix(string(r.Body), "CON ") {
			t.Fatalf("%q: %d %s", text, r.Status, r.Body)
		}
	}
	if ds, _ := ts.store.Drafts(time.Time{}); len(ds) != 1 || !ds[0].OpenUntil.After(now) {
		t.Fatalf("stored drafts %+v, want the session's, still open", ds)
	}
	if r := post("/ussd/africastalking/events?secret=s3cret", ended); r.Status != http.StatusOK {
		t.Fatalf("notification: %d %s", r.Status, r.Body)
	}
	if ds, _ := ts.store.Drafts(time.Time{}); len(ds) != 1 || ds[0].OpenUntil.After(now) || ds[0].Draft.Channel != data.ChannelUSSD {
		t.Fatalf("stored drafts %+v, want the session's, shown", ds)
	}
}
