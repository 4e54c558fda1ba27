package server_test

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/twilio/twilio-go/client"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
)

const twilioToken = "12345678901234567890123456789012"

// twilioSign computes X-Twilio-Signature the way Twilio does for a form
// POST: HMAC-SHA1 with the auth token over the full URL followed by every
// POST parameter name and value, sorted by name, base64-encoded.
func twilioSign(t *testing.T, token, fullURL string, form url.Values) string {
	t.Helper()
	sig := sms.TwilioSignature(token, fullURL, form)
	// Cross-check with twilio-go's own validator.
	params := map[string]string{}
	for k := range form {
		params[k] = form.Get(k)
	}
	v := client.NewRequestValidator(token)
	if !v.Validate(fullURL, params, sig) {
		t.Fatal("TwilioSignature disagrees with twilio-go's validator")
	}
	return sig
}

type smsServer struct {
	*testServer
}

func newSMSServer(t *testing.T) *smsServer {
	t.Helper()
	st, dir := datatest.NewStore(t)
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	engine, err := sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault,
		Now: func() time.Time { return now }}, st)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Config{PublicURL: "https://mtaa.example.org", TwilioAuthToken: twilioToken},
		server.Deps{Store: st, SMS: engine, Now: func() time.Time { return now }})
	return &smsServer{&testServer{t: t, store: st, dir: dir, h: srv.Handler()}}
}

func twilioForm(sid, from, body string) url.Values {
	return url.Values{
		"MessageSid": {sid}, "SmsSid": {sid}, "AccountSid": {"AC0123"}, "From": {from}, "To": {"+255800000000"},
		"Body": {body}, "NumMedia": {"0"}, "FromCity": {"DAR ES SALAAM"}, "FromCountry": {"TZ"},
		"ApiVersion": {"2010-04-01"}, "SomeNewTwilioParam": {"future"},
	}
}

// twilioEngineWorld is an account world whose SMS engine (the default
// taxonomy, phones sealed by vault, the clock at now, locator when not
// nil) answers the signed Twilio webhook; it returns the world, its
// webhook poster, the vault and the world's bbolt store.
func twilioEngineWorld(t *testing.T, locator sms.Locator) (*accountWorld, *smsServer, *sms.PhoneVault, *data.Store) {
	t.Helper()
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), bytes.Repeat([]byte{7}, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	var store *data.Store
	w := newAccountWorld(t, server.Config{PublicURL: "https://mtaa.example.org", TwilioAuthToken: twilioToken}, func(st *data.Store) server.Deps {
		store = st
		engine, err := sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, Locator: locator,
			Now: func() time.Time { return now }}, st)
		if err != nil {
			t.Fatal(err)
		}
		return server.Deps{SMS: engine}
	})
	return w, &smsServer{w.testServer}, vault, store
}

// signedTwiML posts body from a phone to the Twilio webhook through post
// (smsServer.twilio or a world's), signed as Twilio signs it, and returns
// the messages of the TwiML answer; anything but 200 and TwiML fails t.
func signedTwiML(t *testing.T, post func(url.Values, string) response, sid, from, body string) []string {
	t.Helper()
	form := twilioForm(sid, from, body)
	r := post(form, twilioSign(t, twilioToken, "https://mtaa.example.org/sms/twilio", form))
	var tw twimlResponse
	if err := xml.Unmarshal(r.Body, &tw); r.Status != http.StatusOK || err != nil {
		t.Fatalf("%q: %d %s (%v)", body, r.Status, r.Body, err)
	}
	return tw.Messages
}

func (ss *smsServer) twilio(form url.Values, signature string) response {
	ss.t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/sms/twilio", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if signature != "" {
		req.Header.Set("X-Twilio-Signature", signature)
	}
	rec := httptest.NewRecorder()
	ss.h.ServeHTTP(rec, req)
	return response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
}

type twimlResponse struct {
	XMLName  xml.Name `xml:"Response"`
	Messages []string `xml:"Message"`
}

func TestTwilioWebhook(t *testing.T) {
	ss := newSMSServer(t)
	form := twilioForm("SM0001", "+255712345678", "mafuriko -6.8123, 39.2567")
	sig := twilioSign(t, twilioToken, "https://mtaa.example.org/sms/twilio", form)
	r := ss.twilio(form, sig)
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/xml") {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	var tw twimlResponse
	if err := xml.Unmarshal(r.Body, &tw); err != nil || len(tw.Messages) != 1 || !strings.Contains(tw.Messages[0], "#1") {
		t.Fatalf("TwiML %s (%v)", r.Body, err)
	}
	rep, err := ss.store.Get(1)
	if err != nil || rep.Channel != data.ChannelSMS || rep.LocationSource != data.SourceCoordinates || rep.Category != "flood" {
		t.Fatalf("report %+v %v", rep, err)
	}
	// Redelivery of the same MessageSid: same reply, nothing new stored.
	before := ss.fileHash()
	again := ss.twilio(form, sig)
	if again.Status != 200 || string(again.Body) != string(r.Body) || ss.fileHash() != before {
		t.Fatalf("redelivery: %d %s", again.Status, again.Body)
	}
}

func TestTwilioWebhookNeverUsesFromCity(t *testing.T) {
	ss := newSMSServer(t)
	form := twilioForm("SM0002", "+255712345678", "FLOOD") // no place in the text
	r := ss.twilio(form, twilioSign(t, twilioToken, "https://mtaa.example.org/sms/twilio", form))
	if r.Status != 200 || ss.store.Extent().Count != 0 {
		t.Fatalf("a report was placed from the phone's registration city: %d %s", r.Status, r.Body)
	}
}

func TestTwilioWebhookRejects(t *testing.T) {
	ss := newSMSServer(t)
	good := twilioForm("SM0003", "+255712345678", "mafuriko -6.8123, 39.2567")
	sig := twilioSign(t, twilioToken, "https://mtaa.example.org/sms/twilio", good)
	tampered := twilioForm("SM0003", "+255712345678", "mafuriko -6.9, 39.2")
	noFrom := twilioForm("SM0004", "", "flood")
	noFrom.Del("From")
	tests := []struct {
		name   string
		form   url.Values
		sig    string
		status int
		field  string
	}{
		{"missing signature", good, "", 403, "X-Twilio-Signature"},
		{"wrong token", good, twilioSign(t, "another-token-another-token-000", "https://mtaa.example.org/sms/twilio", good), 403, "X-Twilio-Signature"},
		{"wrong URL signed", good, twilioSign(t, twilioToken, "https://evil.example.org/sms/twilio", good), 403, "X-Twilio-Signature"},
		{"tampered body", tampered, sig, 403, "X-Twilio-Signature"},
		{"missing From", noFrom, twilioSign(t, twilioToken, "https://mtaa.example.org/sms/twilio", noFrom), 400, "From"},
	}
	before := ss.fileHash()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ss.twilio(tt.form, tt.sig)
			if r.Status != tt.status || decode[apiErr](t, r.Body).Error.Field != tt.field {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			if ss.fileHash() != before {
				t.Fatal("a rejected webhook changed the store")
			}
		})
	}
}

func TestTwilioNotConfigured(t *testing.T) {
	ts := newTestServer(t)
	req := httptest.NewRequest(http.MethodPost, "/sms/twilio", strings.NewReader("From=%2B1&Body=x&MessageSid=SM1"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	ts.h.ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}
