package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/ussd"
)

// BenchmarkAfricasTalkingWebhook measures the server time of POST
// /sms/africastalking with the Delaware gazetteer loaded: secret check,
// the engine, durable commit of the report and of the queued reply, for
// the messages of the acceptance corpus in turn (target p99 <= 15 ms).
func BenchmarkAfricasTalkingWebhook(b *testing.B) {
	w := newBenchSMS(b)
	d, err := sms.NewDispatcher(sms.DispatcherConfig{Phones: w.vault}, w.store)
	if err != nil {
		b.Fatal(err)
	}
	h := server.New(server.Config{AfricasTalkingSecret: "bench"},
		server.Deps{Store: w.store, SMS: w.engine, Replies: d}).Handler()
	durations := make([]time.Duration, 0, b.N)
	for i := 0; b.Loop(); i++ {
		m := w.corpus[i%len(w.corpus)]
		form := url.Values{"id": {fmt.Sprintf("ATSms_%d", i)}, "from": {fmt.Sprintf("+1302555%04d", i%10000)},
			"to": {"40404"}, "text": {m.text}, "linkId": {"l"}, "date": {"2026-12-06 10:00:00"}}
		req := httptest.NewRequest(http.MethodPost, "/sms/africastalking?secret=bench", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		durations = append(durations, time.Since(start))
		if rec.Code != http.StatusOK {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
	}
	b.StopTimer()
	reportPercentiles(b, durations)
}

// BenchmarkUSSDReport measures the server time of the four requests of a
// USSD report (menu, category, area, confirmation with its durable
// commit) with the Delaware extract's areas listed (target p99 <= 15 ms
// per request).
func BenchmarkUSSDReport(b *testing.B) {
	w := newBenchSMS(b)
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
	h := server.New(server.Config{AfricasTalkingSecret: "bench"}, server.Deps{Store: w.store, USSD: menu}).Handler()
	durations := make([]time.Duration, 0, 4*b.N)
	for i := 0; b.Loop(); i++ {
		for _, input := range []string{"", "1", "1*1", "1*1*1"} {
			form := url.Values{"sessionId": {fmt.Sprintf("ATUid_%d", i)}, "serviceCode": {"*384*123#"},
				"phoneNumber": {fmt.Sprintf("+1302555%04d", i%10000)}, "text": {input}}
			req := httptest.NewRequest(http.MethodPost, "/ussd/africastalking?secret=bench", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			rec := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(rec, req)
			durations = append(durations, time.Since(start))
			if rec.Code != http.StatusOK {
				b.Fatalf("%q: %d %s", input, rec.Code, rec.Body)
			}
		}
	}
	b.StopTimer()
	reportPercentiles(b, durations)
}
