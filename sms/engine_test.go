package sms_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/sms"
)

// fakeGazetteer is a Locator over a fixed list of names: it returns every
// place whose key occurs in the text, best first, except keys inside a
// longer key that also occurs ("tandale" in "tandale market"), as a real
// gazetteer prefers the longest match. Two places may share a key.
type fakeGazetteer []struct {
	key   string
	place sms.Place
}

func (g fakeGazetteer) Locate(text string) []sms.Place {
	var out []sms.Place
	low := strings.ToLower(text)
	for _, e := range g {
		if !strings.Contains(low, e.key) {
			continue
		}
		subsumed := false
		for _, o := range g {
			if len(o.key) > len(e.key) && strings.Contains(o.key, e.key) && strings.Contains(low, o.key) {
				subsumed = true
			}
		}
		if !subsumed {
			p := e.place
			p.Start = strings.Index(low, e.key) // ASCII keys: the same bytes as in text
			p.End = p.Start + len(e.key)
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b sms.Place) int { return cmp.Compare(b.Confidence, a.Confidence) })
	return out
}

var (
	tandaleMarket = sms.Place{Name: "Tandale Market", Point: orb.Point{39.2475, -6.8010}, Confidence: 0.95}
	tandaleSchool = sms.Place{Name: "Tandale Primary School", Point: orb.Point{39.2490, -6.7990}, Confidence: 0.9}
	mwembeA       = sms.Place{Name: "Mwembe Market (Manzese)", Point: orb.Point{39.23, -6.80}, Confidence: 0.8}
	mwembeB       = sms.Place{Name: "Mwembe Market (Kariakoo)", Point: orb.Point{39.28, -6.82}, Confidence: 0.78}
	tandaleWard   = sms.Place{Name: "Tandale", Point: orb.Point{39.248, -6.80}, Confidence: 0.9}
	hospital      = sms.Place{Name: "Mwananyamala Hospital", Point: orb.Point{39.2505, -6.7862}, Confidence: 0.95}
)

type harness struct {
	t      testing.TB
	store  *data.Store
	engine *sms.Engine
	vault  *sms.PhoneVault
	now    time.Time
	seq    int
}

// harnessExamples are the example places the harness's engine puts in
// its replies.
var harnessExamples = sms.Examples{Landmark: "Soko Kuu la Mfano", Area: "Mtaa wa Mfano", PlusCode: "6GCRQ7QP+4M"}

func newHarness(t testing.TB) *harness {
	t.Helper()
	return newHarnessWithConfig(t, nil)
}

// newHarnessWith is newHarness with another locator.
func newHarnessWith(t *testing.T, loc sms.Locator) *harness {
	t.Helper()
	return newHarnessWithConfig(t, func(c *sms.Config) { c.Locator = loc })
}

// newHarnessWithConfig is newHarness with its engine's config changed by
// edit (nil: none).
func newHarnessWithConfig(t testing.TB, edit func(*sms.Config)) *harness {
	t.Helper()
	return newHarnessOn(t, edit, nil)
}

// newHarnessOn is newHarnessWithConfig with its engine on the store wrap
// makes of the harness's (nil: that store itself).
func newHarnessOn(t testing.TB, edit func(*sms.Config), wrap func(*data.Store) sms.Store) *harness {
	t.Helper()
	st, _ := datatest.NewStore(t)
	key := make([]byte, sms.KeySize)
	vault, err := sms.NewPhoneVault(key, append(make([]byte, sms.KeySize-1), 1))
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, store: st, vault: vault, now: time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)}
	cfg := sms.Config{
		Taxonomy:   defaultTaxonomy(),
		Classifier: keywordClassifier(),
		Locator: fakeGazetteer{{"tandale market", tandaleMarket}, {"shule ya msingi", tandaleSchool},
			{"mwembe market", mwembeA}, {"mwembe market", mwembeB}, {"tandale", tandaleWard},
			{"mwananyamala hospital", hospital}, {"hospital mwananyamala", hospital}},
		Phones:   vault,
		Area:     orb.Bound{Min: orb.Point{39.1, -7.0}, Max: orb.Point{39.4, -6.6}},
		Examples: func() sms.Examples { return harnessExamples },
		Now:      func() time.Time { return h.now },
	}
	if edit != nil {
		edit(&cfg)
	}
	var engineStore sms.Store = st
	if wrap != nil {
		engineStore = wrap(st)
	}
	h.engine, err = sms.NewEngine(cfg, engineStore)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// keywordRule decides on the taxonomy's keywords alone, so that the
// engine's tests follow the conversation, not the model's calibration: an
// exact keyword or its plural (confidence 1, 0.95) is filed, a typo-
// tolerant reading (0.8, 0.65) asked about, a message without a keyword
// refused. TestModelDecides runs the engine with the built-in model.
var keywordRule = classify.Rule{File: 0.9, FileSevere: 0.9, Refuse: 0.5}

func keywordClassifier() *classify.Classifier { return sharedKeywordClassifier() }

// defaultTaxonomy is the built-in taxonomy, parsed and checked once for
// the package's tests (data.DefaultTaxonomy parses it again each call, a
// third of a second of CPU): the tests and the engine only read it. A
// test that changes a taxonomy parses its own.
var defaultTaxonomy = sync.OnceValue(data.DefaultTaxonomy)

// sharedKeywordClassifier is the keywordRule classifier of
// defaultTaxonomy, built once: a Classifier is immutable and safe for
// concurrent use, and building its keyword index costs as much as the
// parse.
var sharedKeywordClassifier = sync.OnceValue(func() *classify.Classifier {
	return classify.NewWithModel(defaultTaxonomy(), nil, keywordRule)
})

// builtinClassifier is the classifier sms.NewEngine makes for a nil
// Config.Classifier (classify.New: the built-in model), built once for
// the tables that run the model in every row.
var builtinClassifier = sync.OnceValue(func() *classify.Classifier { return classify.New(defaultTaxonomy()) })

const alice = "+255 712 345 678"

func (h *harness) send(from, body string) sms.Reply {
	h.t.Helper()
	h.seq++
	r, err := h.engine.Handle(context.Background(), sms.Inbound{Gateway: "test", MessageID: fmt.Sprintf("m%d", h.seq), From: from, Body: body})
	if err != nil {
		h.t.Fatalf("handle %q: %v", body, err)
	}
	return r
}

// sendOn is send by channel (data.ChannelWhatsApp: as the Twilio
// webhook hands a WhatsApp message on).
func (h *harness) sendOn(channel data.Channel, from, body string) sms.Reply {
	h.t.Helper()
	h.seq++
	r, err := h.engine.Handle(context.Background(), sms.Inbound{Gateway: "test", MessageID: fmt.Sprintf("m%d", h.seq), From: from, Body: body, Channel: channel})
	if err != nil {
		h.t.Fatalf("handle %q: %v", body, err)
	}
	return r
}

func (h *harness) report(id uint64) data.Report {
	h.t.Helper()
	r, err := h.store.Get(id)
	if err != nil {
		h.t.Fatalf("report %d: %v", id, err)
	}
	return r
}

func TestReportByPlaceName(t *testing.T) {
	h := newHarness(t)
	reply := h.send(alice, "FLOOD near Tandale market")
	if reply.ReportID != 1 || !strings.Contains(reply.Text, "#1") {
		t.Fatalf("reply %+v", reply)
	}
	r := h.report(1)
	if r.Category != "flood" || r.Channel != data.ChannelSMS || r.LocationSource != data.SourcePlaceName ||
		r.Location != tandaleMarket.Point || r.Status != data.StatusNew {
		t.Fatalf("report %+v", r)
	}
	if r.LocationConfidence == nil || *r.LocationConfidence != tandaleMarket.Confidence {
		t.Errorf("location confidence %v, want the gazetteer's %v", r.LocationConfidence, tandaleMarket.Confidence)
	}
	if r.RawText != "FLOOD near Tandale market" {
		t.Errorf("raw text %q", r.RawText)
	}
	if r.Reporter != "sms:"+h.vault.Hash(alice) || strings.Contains(r.Reporter, "712") {
		t.Errorf("reporter %q", r.Reporter)
	}
	f, _ := h.store.Feature(1)
	for _, secret := range []string{"712", "345", "near Tandale market", h.vault.Hash(alice)} {
		if strings.Contains(string(f), secret) {
			t.Errorf("public feature leaks %q: %s", secret, f)
		}
	}
}

// TestKeywordInAPlaceName: a category keyword that is part of the place's
// name ("hospital") describes the place; another keyword outside the name
// is the report's category, wherever it stands in the message.
func TestKeywordInAPlaceName(t *testing.T) {
	h := newHarness(t)
	for i, tc := range []struct{ text, want string }{
		// A keyword first in the message wins over later ones, unless it
		// is the place's own word.
		{"Hospital Mwananyamala: road blocked since morning", "road_blocked"},
		{"hospital mwananyamala choo kimejaa", "sanitation"},
		{"FIRE at Mwananyamala hospital", "fire"},
		{"Mwananyamala hospital", "medical"}, // the name's word is the only hint
	} {
		reply := h.send(alice, tc.text)
		if reply.ReportID != uint64(i+1) {
			t.Fatalf("%q: reply %+v", tc.text, reply)
		}
		if r := h.report(reply.ReportID); r.Category != tc.want || r.Location != hospital.Point {
			t.Errorf("%q: category %q at %v, want %q at the hospital", tc.text, r.Category, r.Location, tc.want)
		}
	}
}

func TestReportByCoordinatesAndPlusCode(t *testing.T) {
	h := newHarness(t)
	r1 := h.send(alice, "moto -6.8123, 39.2567")
	if got := h.report(r1.ReportID); got.Category != "fire" || got.LocationSource != data.SourceCoordinates ||
		got.Location != (orb.Point{39.2567, -6.8123}) || got.LocationConfidence == nil || *got.LocationConfidence != 1 {
		t.Fatalf("coordinates report %+v (reply %q)", got, r1.Text)
	}
	code, err := sms.EncodePlusCode(orb.Point{39.2567, -6.8123}, 10)
	if err != nil {
		t.Fatal(err)
	}
	r2 := h.send(alice, "takataka nyingi "+code)
	got := h.report(r2.ReportID)
	if got.Category != "solid_waste" || got.LocationSource != data.SourcePlusCode || got.AccuracyM == nil {
		t.Fatalf("plus code report %+v (reply %q)", got, r2.Text)
	}
	if d := geo.Distance(got.Location, orb.Point{39.2567, -6.8123}); d > 15 {
		t.Errorf("plus code placed %0.f m away", d)
	}
	short := code[4:] // drop the first 4 digits: recovered from the deployment area
	r3 := h.send(alice, "flood "+short)
	if got := h.report(r3.ReportID); got.LocationSource != data.SourcePlusCode || geo.Distance(got.Location, orb.Point{39.2567, -6.8123}) > 15 {
		t.Fatalf("short plus code report %+v (reply %q)", got, r3.Text)
	}
}

func TestAskBackThenLandmarkCompletesReport(t *testing.T) {
	h := newHarness(t)
	ask := h.send(alice, "maji hayatoki")
	if ask.ReportID != 0 || h.store.Extent().Count != 0 {
		t.Fatalf("a report was stored without a place: %+v", ask)
	}
	h.now = h.now.Add(20 * time.Minute)
	done := h.send(alice, "karibu na shule ya msingi")
	if done.ReportID == 0 || !strings.Contains(done.Text, fmt.Sprintf("#%d", done.ReportID)) {
		t.Fatalf("landmark did not complete the report: %+v", done)
	}
	r := h.report(done.ReportID)
	if r.Category != "water_supply" || r.LocationSource != data.SourceAskBack || r.Location != tandaleSchool.Point {
		t.Fatalf("completed report %+v", r)
	}
	if !strings.Contains(r.RawText, "maji hayatoki") || !strings.Contains(r.RawText, "shule ya msingi") {
		t.Errorf("raw text keeps both messages: %q", r.RawText)
	}
	// The conversation is over: the same landmark again is a new message.
	again := h.send(alice, "karibu na shule ya msingi")
	if again.ReportID != 0 && again.ReportID == done.ReportID {
		t.Fatalf("conversation not closed: %+v", again)
	}
}

func TestAskBackExpiresAfterADay(t *testing.T) {
	h := newHarness(t)
	h.send(alice, "maji hayatoki")
	h.now = h.now.Add(25 * time.Hour)
	r := h.send(alice, "karibu na shule ya msingi")
	if r.ReportID != 0 && h.report(r.ReportID).Category == "water_supply" {
		t.Fatalf("an expired question was answered: %+v", h.report(r.ReportID))
	}
}

func TestAmbiguousPlaceOffersChoices(t *testing.T) {
	h := newHarness(t)
	ask := h.send(alice, "fire at mwembe market")
	if ask.ReportID != 0 || !strings.Contains(ask.Text, "1 ") || !strings.Contains(ask.Text, "2 ") {
		t.Fatalf("expected numbered choices: %+v", ask)
	}
	wrong := h.send(alice, "7")
	if wrong.ReportID != 0 {
		t.Fatalf("out-of-range choice made a report: %+v", wrong)
	}
	pick := h.send(alice, "2")
	r := h.report(pick.ReportID)
	if r.Category != "fire" || r.Location != mwembeA.Point && r.Location != mwembeB.Point {
		t.Fatalf("choice report %+v", r)
	}
	choices := strings.Split(ask.Text, ",")
	if len(choices) < 2 || !strings.Contains(choices[1], "Kariakoo") && !strings.Contains(choices[1], "Manzese") {
		t.Fatalf("choices text %q", ask.Text)
	}
	wantSecond := mwembeB.Point // confidences: A 0.8 first, B 0.78 second
	if r.Location != wantSecond {
		t.Errorf("picked %v, want the second choice %v", r.Location, wantSecond)
	}
}

func TestStatusAndHelp(t *testing.T) {
	h := newHarness(t)
	rep := h.send(alice, "FLOOD near Tandale market")
	st := h.send("+255700000002", fmt.Sprintf("STATUS %d", rep.ReportID))
	if !strings.Contains(st.Text, fmt.Sprintf("#%d", rep.ReportID)) || st.ReportID != 0 {
		t.Fatalf("status reply %+v", st)
	}
	if nf := h.send(alice, "status 999"); !strings.Contains(nf.Text, "999") {
		t.Fatalf("unknown ref reply %q", nf.Text)
	}
	if help := h.send(alice, "HELP"); help.Text == "" || help.ReportID != 0 {
		t.Fatalf("help %+v", help)
	}
	if n := h.store.Extent().Count; n != 1 {
		t.Fatalf("commands stored reports: %d", n)
	}
}

func TestSubscriptionCommands(t *testing.T) {
	h := newHarness(t)
	join := h.send(alice, "JOIN Tandale")
	if !strings.Contains(join.Text, "Tandale") {
		t.Fatalf("join reply %q", join.Text)
	}
	sub, err := h.store.Subscriber(h.vault.Hash(alice))
	if err != nil || sub == nil || !sub.Joined || sub.Stopped || sub.Location != tandaleWard.Point {
		t.Fatalf("subscriber %+v %v", sub, err)
	}
	phone, err := h.vault.Open(sub.SealedPhone)
	if err != nil || phone != sms.NormalizePhone(alice) {
		t.Fatalf("sealed phone opens to %q, %v", phone, err)
	}
	if strings.Contains(string(sub.SealedPhone), "712345678") {
		t.Fatal("phone number stored in clear")
	}
	h.send(alice, "STOP")
	if sub, _ := h.store.Subscriber(h.vault.Hash(alice)); !sub.Stopped || !sub.Joined {
		t.Fatalf("after STOP %+v", sub)
	}
	h.send(alice, "START")
	if sub, _ := h.store.Subscriber(h.vault.Hash(alice)); sub.Stopped {
		t.Fatalf("after START %+v", sub)
	}
	h.send(alice, "LEAVE")
	if sub, _ := h.store.Subscriber(h.vault.Hash(alice)); sub.Joined {
		t.Fatalf("after LEAVE %+v", sub)
	}
	if r := h.send(alice, "JOIN Atlantis"); !strings.Contains(r.Text, "Atlantis") {
		t.Fatalf("unknown area reply %q", r.Text)
	}
}

func TestRedeliveryIsIdempotent(t *testing.T) {
	h := newHarness(t)
	in := sms.Inbound{Gateway: "twilio", MessageID: "SM123", From: alice, Body: "FLOOD near Tandale market"}
	first, err := h.engine.Handle(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	h.now = h.now.Add(time.Minute)
	again, err := h.engine.Handle(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Replayed || again.Text != first.Text || again.ReportID != first.ReportID || h.store.Extent().Count != 1 {
		t.Fatalf("redelivery: %+v vs %+v, %d reports", again, first, h.store.Extent().Count)
	}
}

func TestRateLimit(t *testing.T) {
	h := newHarness(t)
	var last sms.Reply
	for i := 0; i < 11; i++ {
		last = h.send(alice, "FLOOD near Tandale market")
	}
	if last.ReportID != 0 || h.store.Extent().Count != 10 {
		t.Fatalf("11th message: %+v, %d reports", last, h.store.Extent().Count)
	}
	if r := h.send("+255700000009", "FLOOD near Tandale market"); r.ReportID == 0 {
		t.Fatal("another phone was limited too")
	}
	h.now = h.now.Add(11 * time.Minute)
	if r := h.send(alice, "FLOOD near Tandale market"); r.ReportID == 0 {
		t.Fatal("limit did not reset after the window")
	}
}

func TestHostileMessages(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		name, body string
		report     bool
	}{
		{"empty", "", false},
		{"only spaces", "   \n\t ", false},
		{"no keyword no place", "hello there", false},
		{"1600+ characters", "FLOOD near Tandale market " + strings.Repeat("maji ", 400), true},
		{"emoji and UCS-2", "🔥🔥 moto karibu na Tandale market 🚒", true},
		{"script", "<script>alert(1)</script> fire at tandale market", true},
		{"sql", "'; DROP TABLE reports; -- flood tandale market", true},
		{"coordinates out of range", "flood -96.8123, 39.2567", false},
		{"invalid UTF-8", "flood \xff\xfe tandale market", true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := fmt.Sprintf("+25570000%04d", i)
			r := h.send(from, tt.body)
			if (r.ReportID != 0) != tt.report || r.Text == "" {
				t.Fatalf("reply %+v, want report=%v", r, tt.report)
			}
			if r.ReportID != 0 {
				f, _ := h.store.Feature(r.ReportID)
				if strings.Contains(string(f), "<script>") || strings.Contains(string(f), "DROP TABLE") {
					t.Fatalf("raw text in public output: %s", f)
				}
			}
		})
	}
}

func TestBadInbound(t *testing.T) {
	h := newHarness(t)
	for _, in := range []sms.Inbound{{Gateway: "t", MessageID: "x", Body: "flood"}, {Gateway: "t", From: alice, Body: "flood"}, {Gateway: "t", MessageID: "y", From: "abc", Body: "flood"}} {
		if _, err := h.engine.Handle(context.Background(), in); err == nil {
			t.Errorf("accepted %+v", in)
		}
	}
}

// TestStatusOnlyForPublicOrOwnReports: STATUS N tells the category and
// status of a report to the phone that sent it, and to any phone once the
// report is public; another phone asking about an unverified or rejected
// report gets the answer for a number that does not exist.
func TestStatusOnlyForPublicOrOwnReports(t *testing.T) {
	h := newHarness(t)
	rep := h.send(alice, "FLOOD near Tandale market")
	ask := fmt.Sprintf("STATUS %d", rep.ReportID)
	hidden := strings.ReplaceAll(h.send("+255700000002", "STATUS 999").Text, "999", fmt.Sprint(rep.ReportID))
	if got := h.send("+255700000002", ask).Text; got != hidden {
		t.Errorf("another phone, unverified report: %q, want the not-found answer %q", got, hidden)
	}
	if got := h.send(alice, ask).Text; got == hidden || !strings.Contains(got, fmt.Sprintf("#%d", rep.ReportID)) {
		t.Errorf("the reporter's own report: %q", got)
	}
	for _, st := range []data.Status{data.StatusRejected, data.StatusVerified} {
		if _, _, err := h.store.UpdateReport(context.Background(), rep.ReportID, data.ReportUpdate{Actor: data.Actor{Name: "mod"}, At: h.now,
			Change: func(r *data.Report) error { r.Status = st; return nil }}); err != nil {
			t.Fatal(err)
		}
		got := h.send("+255700000002", ask).Text
		if public := st == data.StatusVerified; (got != hidden) != public {
			t.Errorf("another phone, %s report: %q", st, got)
		}
	}
}

// TestStatusInTheReportersLanguage: filing a report keeps the phone's
// language (its subscription record), so a STATUS a month later from the
// reporter is answered in the report's language, also for a word of two
// languages ("ESTADO": Spanish and Portuguese) or of every language
// ("STATUS"); a word of one language keeps its own ("HALI"), and another
// phone, of no known language, gets "not found" (the report is not public)
// in the word's first language, Spanish.
func TestStatusInTheReportersLanguage(t *testing.T) {
	h := newHarness(t)
	rep := h.send(alice, "precisamos de água perto de Tandale market")
	if rep.ReportID == 0 {
		t.Fatalf("no report filed: %q", rep.Text)
	}
	ref := rep.ReportID
	h.now = h.now.Add(30 * 24 * time.Hour)
	for _, tt := range []struct{ from, send, want string }{
		{alice, fmt.Sprintf("ESTADO %d", ref), fmt.Sprintf("Relato #%d", ref)},
		{alice, fmt.Sprintf("STATUS %d", ref), fmt.Sprintf("Relato #%d", ref)},
		{alice, fmt.Sprintf("HALI %d", ref), fmt.Sprintf("Ripoti #%d", ref)},
		{"+255700000002", fmt.Sprintf("ESTADO %d", ref), "No encontramos"},
	} {
		if got := h.send(tt.from, tt.send).Text; !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s from %s: %q, want it to begin %q", tt.send, tt.from, got, tt.want)
		}
	}
}

// TestStatusWithoutItsNumber: STATUS (or "hali", "statut", "estado",
// "eta") alone says how to follow a report, in its language, and leaves
// an open draft as it is; it got the category menu. Near misses: STATUS
// and a number, and "hali" starting a report, are read as before.
func TestStatusWithoutItsNumber(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, c := range []struct{ msg, lang string }{
		{"STATUS", "en"}, {"status", "en"}, {" Status. ", "en"}, {"hali", "sw"}, {"HALI", "sw"},
		{"statut", "fr"}, {"estatus", "es"}, {"eta", "ht"},
	} {
		t.Run(c.msg, func(t *testing.T) {
			h := newHarness(t)
			got := h.send(alice, c.msg)
			if want := replies.Text(c.lang, sms.ReplyStatusHow, harnessExamples); got.Text != want || got.ReportID != 0 {
				t.Errorf("%q: %q, want %q", c.msg, got.Text, want)
			}
			if n := sms.GSM7Len(got.Text); n < 0 || n > 160 {
				t.Errorf("%q: %d GSM-7 characters", c.msg, n)
			}
		})
	}
	// A draft waiting for its place keeps waiting.
	h := newHarness(t)
	ask := h.send(alice, "tunahitaji maji")
	if got := h.send(alice, "STATUS"); got.Text != replies.Text("sw", sms.ReplyStatusHow, harnessExamples) {
		t.Errorf("STATUS during a draft: %q", got.Text)
	}
	if c := h.conversation(); c == nil || c.State != data.AwaitPlace || !slices.Equal(c.Needs, []string{"water_supply"}) {
		t.Fatalf("draft after STATUS: %+v (asked %q)", c, ask.Text)
	}
	if done := h.send(alice, "Tandale market"); done.ReportID == 0 {
		t.Fatalf("not filed after STATUS: %q", done.Text)
	}
	// Near misses.
	if got := h.send(alice, "STATUS 1"); !strings.Contains(got.Text, "#1 ") {
		t.Errorf("STATUS 1: %q", got.Text)
	}
	if got := h.send(alice, "hali ya maji Tandale market ni mbaya"); got.ReportID == 0 {
		t.Errorf("a report starting with hali: %q", got.Text)
	}
}

// TestStatusNumberAsPhonesWriteIt: STATUS reads the report's number in
// the digits a phone's keyboard writes (Bengali, Arabic-Indic, fullwidth,
// "#"), as the category menu does; a number with letters is still a
// report, not a command.
func TestStatusNumberAsPhonesWriteIt(t *testing.T) {
	h := newHarness(t)
	rep := h.send(alice, "FLOOD near Tandale market")
	if rep.ReportID != 1 {
		t.Fatalf("first report is #%d, want #1", rep.ReportID)
	}
	want := h.send(alice, "STATUS 1").Text
	if !strings.Contains(want, "#1") {
		t.Fatalf("STATUS 1: %q", want)
	}
	for _, ask := range []string{"STATUS ১", "STATUS ١", "STATUS １", "STATUS #1", "status ০১", "STATUS 1️⃣", "STATUS 0️⃣1⃣"} {
		if got := h.send(alice, ask).Text; got != want {
			t.Errorf("%q: %q, want the answer to STATUS 1 %q", ask, got, want)
		}
	}
	// Two keycaps are one number: report 12, not 1 and 2 (not found
	// here: there is no report 12); apart they are no number.
	h.now = h.now.Add(time.Hour)
	for i := 2; i <= 12; i++ {
		h.now = h.now.Add(2 * time.Minute) // under the rate limit
		if r := h.send(alice, "FLOOD near Tandale market"); r.ReportID != uint64(i) {
			t.Fatalf("report %d: %+v", i, r)
		}
	}
	h.now = h.now.Add(time.Hour)
	want12 := h.send(alice, "STATUS 12").Text
	if !strings.Contains(want12, "#12") {
		t.Fatalf("STATUS 12: %q", want12)
	}
	for _, ask := range []string{"STATUS 1️⃣2️⃣", "STATUS 1⃣2⃣", "hali 1️⃣2⃣"} {
		if got := h.send(alice, ask).Text; got != want12 && !strings.Contains(got, "#12") {
			t.Errorf("%q: %q, want the answer about #12 %q", ask, got, want12)
		}
	}
	for ask, cmd := range map[string]bool{"STATUS ১": true, "STATUS 1a": false, "STATUS ১a": false, "STATUS 1️⃣2️⃣": true, "STATUS 1️⃣ 2️⃣": false} {
		u, err := h.engine.Parse(ask, "")
		if err != nil {
			t.Fatal(err)
		}
		if (u.Action == sms.ActionCommand) != cmd {
			t.Errorf("%q: %s, command %v", ask, u.Action, cmd)
		}
	}
}
