package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
)

// benchSMS is the Delaware world the gateway benchmarks share: a store
// reconciling against the extract and an engine placing by its gazetteer.
type benchSMS struct {
	d      *delawareData
	corpus []corpusMessage
	store  *data.Store
	vault  *sms.PhoneVault
	engine *sms.Engine
}

func newBenchSMS(b *testing.B) *benchSMS {
	b.Helper()
	d := loadDelaware(b)
	corpus := readCorpus(b)
	st, _ := datatest.NewStore(b)
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		b.Fatal(err)
	}
	rules, err := mapping.LoadRules("")
	if err != nil {
		b.Fatal(err)
	}
	st.SetReconciler(mapping.NewReconciler(d.ix, rules, st).Reconcile)
	mb := d.ix.Meta().Bound
	hint := orb.Bound{Min: orb.Point{mb[0], mb[1]}, Max: orb.Point{mb[2], mb[3]}}
	engine, err := sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, Area: hint,
		Locator: gazetteerLocator{g: d.g, hint: &hint}}, st)
	if err != nil {
		b.Fatal(err)
	}
	return &benchSMS{d: d, corpus: corpus, store: st, vault: vault, engine: engine}
}

// reportPercentiles reports the p50 and p99 of durations in ms.
func reportPercentiles(b *testing.B, durations []time.Duration) {
	slices.Sort(durations)
	pct := func(p float64) float64 {
		return float64(durations[int(p*float64(len(durations)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

// BenchmarkTwilioWebhook measures the server time of POST /sms/twilio with
// the Delaware gazetteer loaded: signature check, grammar, gazetteer,
// reconciliation, durable commit of the report and TwiML reply, for the
// messages of the acceptance corpus in turn. It reports p50 and p99 in ms
// (the target is p99 <= 15 ms).
func BenchmarkTwilioWebhook(b *testing.B) {
	w := newBenchSMS(b)
	st, engine, corpus := w.store, w.engine, w.corpus
	const token = "bench-token"
	h := server.New(server.Config{PublicURL: "https://mtaa.example.org", TwilioAuthToken: token},
		server.Deps{Store: st, SMS: engine}).Handler()
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m := corpus[i%len(corpus)]
		form := url.Values{"MessageSid": {fmt.Sprintf("SM%032d", i)}, "AccountSid": {"AC1"},
			"From": {fmt.Sprintf("+1302555%04d", i%10000)}, "To": {"+13025550000"}, "Body": {m.text}}
		req := httptest.NewRequest(http.MethodPost, "/sms/twilio", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Twilio-Signature", sms.TwilioSignature(token, "https://mtaa.example.org/sms/twilio", form))
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
