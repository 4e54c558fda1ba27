package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/ussd"
)

// BenchmarkChannelWebhooks measures the server time of each channel's
// webhook with the Delaware gazetteer loaded, against the Twilio SMS
// webhook timed in the same rounds, interleaved, as the baseline (so that
// the ratio survives a slower or busier machine). The channels:
//
//   - africastalking: POST /sms/africastalking (secret, engine, durable
//     commit of the report and of the queued reply);
//   - whatsapp: POST /sms/twilio from whatsapp: senders, every other one a
//     location message (Latitude, Longitude);
//   - ussd: each of the four requests of a USSD report (menu, category,
//     area with its draft, confirmation with its durable commit).
//
// Each iteration is one round of 100 requests of the channel and 100
// Twilio SMS; the metrics are the medians over the rounds of p50 and p99
// (ms), the baseline's, and p99 over the baseline's p99 (target p99 <=
// 15 ms for each channel). Run it with
//
//	go test ./cmd/mtaa -run '^$' -bench ChannelWebhooks -benchtime 5x
func BenchmarkChannelWebhooks(b *testing.B) {
	w := newBenchSMS(b)
	d, err := sms.NewDispatcher(sms.DispatcherConfig{Phones: w.vault}, w.store)
	if err != nil {
		b.Fatal(err)
	}
	var areas []ussd.Area
	for _, f := range w.d.ix.Regions() {
		if f.Kind != data.KindHazard && f.Name() != "" {
			areas = append(areas, ussd.Area{Name: f.Name(), Point: f.Point})
		}
	}
	menu, err := ussd.New(ussd.Config{Taxonomy: data.DefaultTaxonomy(), Phones: w.vault,
		Areas: func() []ussd.Area { return areas }}, w.store)
	if err != nil {
		b.Fatal(err)
	}
	const token, public = "bench-token", "https://mtaa.example.org"
	h := server.New(server.Config{PublicURL: public, TwilioAuthToken: token, AfricasTalkingSecret: "bench"},
		server.Deps{Store: w.store, SMS: w.engine, Replies: d, USSD: menu}).Handler()

	n := 0 // unique ids and senders across the sub-benchmarks
	form := func(target string, f url.Values, header ...string) *http.Request {
		req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(f.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		return req
	}
	twilio := func(from, body string, extra url.Values) *http.Request {
		n++
		f := url.Values{"MessageSid": {fmt.Sprintf("SM%032d", n)}, "AccountSid": {"AC1"}, "From": {from}, "To": {"+13025550000"}, "Body": {body}}
		for k, v := range extra {
			f[k] = v
		}
		return form("/sms/twilio", f, "X-Twilio-Signature", sms.TwilioSignature(token, public+"/sms/twilio", f))
	}
	baseline := func() *http.Request {
		m := w.corpus[n%len(w.corpus)]
		return twilio(fmt.Sprintf("+1302555%04d", n%10000), m.text, nil)
	}
	channels := []struct {
		name string
		reqs func() []*http.Request // one message, or one USSD session
	}{
		{"africastalking", func() []*http.Request {
			n++
			m := w.corpus[n%len(w.corpus)]
			return []*http.Request{form("/sms/africastalking?secret=bench", url.Values{"id": {fmt.Sprintf("ATSms_%d", n)},
				"from": {fmt.Sprintf("+1302556%04d", n%10000)}, "to": {"40404"}, "text": {m.text}, "linkId": {"l"}, "date": {"2026-12-06 10:00:00"}})}
		}},
		{"whatsapp", func() []*http.Request {
			m := w.corpus[n%len(w.corpus)]
			from := fmt.Sprintf("whatsapp:+1302557%04d", n%10000)
			if n%2 == 0 || m.place == nil {
				return []*http.Request{twilio(from, m.text, nil)}
			}
			return []*http.Request{twilio(from, m.category, url.Values{
				"Latitude": {strconv.FormatFloat(m.place[1], 'f', -1, 64)}, "Longitude": {strconv.FormatFloat(m.place[0], 'f', -1, 64)}})}
		}},
		{"ussd", func() []*http.Request {
			n++
			var out []*http.Request
			for _, text := range []string{"", "1", "1*1", "1*1*1"} {
				out = append(out, form("/ussd/africastalking?secret=bench", url.Values{"sessionId": {fmt.Sprintf("ATUid_%d", n)},
					"serviceCode": {"*384*123#"}, "phoneNumber": {fmt.Sprintf("+1302558%04d", n%10000)}, "text": {text}}))
			}
			return out
		}},
	}
	serve := func(req *http.Request) time.Duration {
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		d := time.Since(start)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", req.URL, rec.Code, rec.Body)
		}
		return d
	}
	for _, ch := range channels {
		b.Run(ch.name, func(b *testing.B) {
			var rounds []latencyRound
			for b.Loop() {
				var r latencyRound
				for len(r.subject) < 100 {
					for _, req := range ch.reqs() {
						r.subject = append(r.subject, serve(req))
						r.base = append(r.base, serve(baseline()))
					}
				}
				rounds = append(rounds, r)
			}
			reportRounds(b, rounds)
		})
	}
}
