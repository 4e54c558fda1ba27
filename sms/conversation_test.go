package sms_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// conversation returns alice's open conversation, or nil.
func (h *harness) conversation() *data.Conversation {
	h.t.Helper()
	c, err := h.store.Conversation(h.vault.Hash(alice), h.now.Add(-24*time.Hour))
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// TestSeveralNeedsInOneMessage: every need is kept, the main one first,
// and the place question says what was understood.
func TestSeveralNeedsInOneMessage(t *testing.T) {
	h := newHarness(t)
	ask := h.send(alice, "nou bezwen dlo, manje ak prela")
	if ask.ReportID != 0 || !strings.HasPrefix(ask.Text, "Aprovizyonman dlo, Bezwen manje ak Bezwen abri: ki kote") {
		t.Fatalf("ask-place reply %q", ask.Text)
	}
	c := h.conversation()
	if c == nil || c.State != data.AwaitPlace || !slices.Equal(c.Needs, []string{"water_supply", "food", "shelter"}) || c.Draft.Category != "water_supply" {
		t.Fatalf("draft %+v", c)
	}
	done := h.send(alice, "Tandale market")
	r := h.report(done.ReportID)
	if r.Category != "water_supply" || r.Location != tandaleMarket.Point || !slices.Equal(r.Needs, []string{"water_supply", "food", "shelter"}) {
		t.Fatalf("report %+v", r)
	}
	if !strings.Contains(done.Text, "Aprovizyonman dlo, Bezwen manje ak Bezwen abri") {
		t.Errorf("the receipt does not say every need: %q", done.Text)
	}
}

// TestSecondMessageAddsToTheDraft: a message before the place is answered
// adds its needs to the draft (never replaces them), and the report's raw
// text keeps every message.
func TestSecondMessageAddsToTheDraft(t *testing.T) {
	h := newHarness(t)
	h.send(alice, "maji hayatoki")
	second := h.send(alice, "pia chakula hakuna")
	if second.ReportID != 0 || !strings.HasPrefix(second.Text, "Huduma ya maji na Mahitaji ya chakula: ni wapi?") {
		t.Fatalf("second message: %+v", second)
	}
	c := h.conversation()
	if c == nil || !slices.Equal(c.Needs, []string{"water_supply", "food"}) {
		t.Fatalf("needs not merged: %+v", c)
	}
	firstID := c.ID
	h.now = h.now.Add(5 * time.Minute)
	h.send(alice, "na watoto wagonjwa") // no place yet: still the same draft
	if c := h.conversation(); c == nil || c.ID != firstID || !slices.Equal(c.Needs, []string{"water_supply", "food", "medical"}) {
		t.Fatalf("third message: %+v", c)
	}
	done := h.send(alice, "karibu na shule ya msingi")
	r := h.report(done.ReportID)
	if r.Category != "water_supply" || r.Location != tandaleSchool.Point || r.LocationSource != data.SourceAskBack ||
		!slices.Equal(r.Needs, []string{"water_supply", "food", "medical"}) {
		t.Fatalf("report %+v", r)
	}
	for _, msg := range []string{"maji hayatoki", "pia chakula hakuna", "na watoto wagonjwa", "karibu na shule ya msingi"} {
		if !strings.Contains(r.RawText, msg) {
			t.Errorf("raw text %q lacks %q", r.RawText, msg)
		}
	}
	if h.conversation() != nil {
		t.Error("the conversation is still open after filing")
	}
}

// TestAskCategoryWhenUnsure: a typo-tolerant reading is not filed as it
// is: the resident gets a numbered menu in their language, most likely
// first, in one SMS, and the number (or a word) answers it.
func TestAskCategoryWhenUnsure(t *testing.T) {
	h := newHarness(t)
	ask := h.send(alice, "mafuirko Tandale market") // "mafuriko" misspelt
	if ask.ReportID != 0 || !strings.HasPrefix(ask.Text, "Tatizo ni nini karibu na Tandale Market? Jibu kwa namba au maneno: 1 Mafuriko, 2 ") {
		t.Fatalf("menu %q", ask.Text)
	}
	if n := sms.GSM7Len(ask.Text); n < 0 || n > 160 {
		t.Errorf("menu is %d septets: %q", n, ask.Text)
	}
	c := h.conversation()
	if c == nil || c.State != data.AwaitCategory || len(c.Menu) < 3 || c.Menu[0] != "flood" || !c.Placed {
		t.Fatalf("draft %+v", c)
	}
	// A number off the menu asks again, saying why.
	if again := h.send(alice, "42"); again.ReportID != 0 || !menuAgain(ask.Text, again.Text, "sw") {
		t.Fatalf("off the menu: %+v", again)
	}
	pick := slices.Index(c.Menu, "fire") + 1
	done := h.send(alice, strings.Repeat(" ", 1)+string(rune('0'+pick)))
	r := h.report(done.ReportID)
	if r.Category != "fire" || r.Location != tandaleMarket.Point {
		t.Fatalf("report %+v (reply %q)", r, done.Text)
	}

	// An answer naming no need files "other", the unsure reading kept
	// after it for moderators.
	h.send("+255700000301", "mafuirko Tandale market")
	other := h.send("+255700000301", "sijui")
	if r := h.report(other.ReportID); other.ReportID == 0 || r.Category != "other" {
		t.Fatalf("no need named: %+v", other)
	}

	// A word answers too, and the place is asked after.
	h2 := newHarness(t)
	h2.send(alice, "tafadhali tusaidie") // a request for help naming no need
	if c := h2.conversation(); c == nil || c.State != data.AwaitCategory {
		t.Fatalf("help request: %+v", c)
	}
	where := h2.send(alice, "moto")
	if where.ReportID != 0 || !strings.HasPrefix(where.Text, "Moto: ni wapi?") {
		t.Fatalf("after the word: %q", where.Text)
	}
	done = h2.send(alice, "Tandale market")
	if r := h2.report(done.ReportID); r.Category != "fire" {
		t.Fatalf("report %+v", r)
	}
}

// TestRefuseOnlyWhatIsNoRequest: "not understood" is for messages naming
// neither a need nor a place.
func TestRefuseOnlyWhatIsNoRequest(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		text string
		want sms.Action
	}{
		{"habari yako", sms.ActionRefuse},
		{"asante sana", sms.ActionRefuse},
		{"Tandale market", sms.ActionAskCategory}, // a place: ask what
		{"tunaomba msaada", sms.ActionAskCategory},
		{"maji hayatoki", sms.ActionAskPlace},
		{"FLOOD near Tandale market", sms.ActionFile},
		{"fire at mwembe market", sms.ActionConfirmPlace}, // two markets
		{"STATUS 1", sms.ActionCommand},
	} {
		u, err := h.engine.Parse(tc.text, "")
		if err != nil {
			t.Fatal(err)
		}
		if u.Action != tc.want {
			t.Errorf("%q: %s, want %s (%+v)", tc.text, u.Action, tc.want, u)
		}
	}
}

// TestParseIsTheWebhooksDecision: Parse says what Handle does with a new
// number's first message, and stores nothing.
func TestParseIsTheWebhooksDecision(t *testing.T) {
	h := newHarness(t)
	for i, text := range []string{
		"FLOOD near Tandale market", "maji hayatoki", "mafuirko Tandale market", "hello there",
		"fire at mwembe market", "moto -6.8123, 39.2567", "moto 39.2567 -6.8123", "HELP", "nou bezwen dlo, manje",
	} {
		before := h.store.Extent().Count
		u, err := h.engine.Parse(text, "")
		if err != nil {
			t.Fatal(err)
		}
		if n := h.store.Extent().Count; n != before {
			t.Fatalf("parse stored a report")
		}
		from := "+2557000001" + string(rune('0'+i))
		r := h.send(from, text)
		if (r.ReportID != 0) != (u.Action == sms.ActionFile) || u.Action != sms.ActionFile && r.Text != u.Reply {
			t.Errorf("%q: parse %s %q, webhook %q (report %d)", text, u.Action, u.Reply, r.Text, r.ReportID)
		}
		if r.ReportID != 0 {
			rep := h.report(r.ReportID)
			if rep.Category != u.Category || u.Place == nil || rep.Location != u.Place.Point {
				t.Errorf("%q: parse says %s at %v, filed %s at %v", text, u.Category, u.Place, rep.Category, rep.Location)
			}
		}
	}
}

// TestConfirmPlace: a likely place is asked about; yes files it, no asks
// where, and a landmark answers instead.
func TestConfirmPlace(t *testing.T) {
	market := sms.Place{Name: "Marché Zinc, Pikine", Point: orb.Point{39.26, -6.79}, Confidence: 0.7}
	h := newHarnessWith(t, fakeGazetteer{{"zinc", market}, {"tandale market", tandaleMarket}})
	ask := h.send(alice, "moto zinc")
	if ask.ReportID != 0 || ask.Text != "Moto karibu na Marché Zinc, Pikine? Jibu 1 ndiyo, 2 hapana, au taja alama inayojulikana." {
		t.Fatalf("confirm %q", ask.Text)
	}
	yes := h.send(alice, "1")
	r := h.report(yes.ReportID)
	if r.Location != market.Point || r.LocationConfidence == nil || *r.LocationConfidence != 1 {
		t.Fatalf("confirmed report %+v", r)
	}

	h.send(alice, "moto zinc")
	no := h.send(alice, "hapana")
	if no.ReportID != 0 || !strings.HasPrefix(no.Text, "Moto: ni wapi?") {
		t.Fatalf("after no: %q", no.Text)
	}
	done := h.send(alice, "Tandale market")
	if r := h.report(done.ReportID); r.Location != tandaleMarket.Point {
		t.Fatalf("after the landmark: %+v", r)
	}

	h.send(alice, "moto zinc")
	other := h.send(alice, "hapana, Tandale market")
	if r := h.report(other.ReportID); other.ReportID == 0 || r.Location != tandaleMarket.Point {
		t.Fatalf("a landmark instead of yes or no: %+v", other)
	}
}

// TestCoordinatesOutsideTheArea are never filed: swapped or with a sign
// dropped they are asked about, else the place is asked.
func TestCoordinatesOutsideTheArea(t *testing.T) {
	h := newHarness(t) // area 39.1..39.4 E, 7.0..6.6 S
	for _, tc := range []struct {
		text string
		want orb.Point // zero: ask where
	}{
		{"moto 39.2567, -6.8123", orb.Point{39.2567, -6.8123}}, // longitude first
		{"moto 6.8123, 39.2567", orb.Point{39.2567, -6.8123}},  // south sign dropped
		{"moto -6.8123, -39.2567", orb.Point{39.2567, -6.8123}},
		{"moto 48.8566, 2.3522", orb.Point{}}, // Paris
	} {
		r := h.send(alice, tc.text)
		if r.ReportID != 0 {
			t.Errorf("%q filed report %d", tc.text, r.ReportID)
			continue
		}
		c := h.conversation()
		switch {
		case tc.want == orb.Point{}:
			if c == nil || c.State != data.AwaitPlace {
				t.Errorf("%q: %+v, want ask-place", tc.text, c)
			}
		case c == nil || c.State != data.AwaitConfirm || c.Choices[0].Point != tc.want:
			t.Errorf("%q: %+v, want to confirm %v", tc.text, c, tc.want)
		default:
			if y := h.send(alice, "ndiyo"); y.ReportID == 0 || h.report(y.ReportID).Location != tc.want {
				t.Errorf("%q then yes: %+v", tc.text, y)
			}
		}
		h.send(alice, "STOP") // ends the conversation
		h.send(alice, "START")
		h.now = h.now.Add(10 * time.Minute) // past the rate limit
	}
}

// TestReplyLanguage: a new number is answered in the language its message
// is written in, else in the deployment's default language.
func TestReplyLanguage(t *testing.T) {
	h := newHarnessWithConfig(t, func(c *sms.Config) { c.DefaultLang = "fr" })
	if r := h.send("+255700000101", "mafuriko karibu na Tandale market"); !strings.HasPrefix(r.Text, "Asante!") {
		t.Errorf("Swahili message: %q", r.Text)
	}
	if r := h.send("+255700000102", "Tandale market"); !strings.HasPrefix(r.Text, "Problème près de Tandale Market ?") {
		t.Errorf("no language evidence: %q, want French (the default)", r.Text)
	}
	// The examples are the deployment's.
	if r := h.send("+255700000103", "HELP"); !strings.Contains(r.Text, "Soko Kuu la Mfano") || !strings.Contains(r.Text, "JOIN Mtaa wa Mfano") {
		t.Errorf("help without the deployment's examples: %q", r.Text)
	}
	if _, err := sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: h.vault, DefaultLang: "de"}, h.store); err == nil {
		t.Error("a default language without replies was accepted")
	}
}

func TestParseUnknownLanguage(t *testing.T) {
	h := newHarness(t)
	_, err := h.engine.Parse("moto", "de")
	var ule *sms.UnknownLanguageError
	if !errors.As(err, &ule) || ule.Lang != "de" {
		t.Fatalf("err %v", err)
	}
	if _, err := h.engine.Handle(context.Background(), sms.Inbound{}); err == nil {
		t.Fatal("an empty message was handled")
	}
}

// TestAreaFollowsTheExtract: the deployment area is read at each message
// (a new extract imported while serving moves it).
func TestAreaFollowsTheExtract(t *testing.T) {
	var area orb.Bound // none yet: Config.Area
	h := newHarnessWithConfig(t, func(c *sms.Config) { c.CurrentArea = func() orb.Bound { return area } })
	if r := h.send(alice, "moto -6.8123, 39.2567"); r.ReportID == 0 {
		t.Fatalf("inside Config.Area: %+v", r)
	}
	area = orb.Bound{Min: orb.Point{-17.5, 14.6}, Max: orb.Point{-17.2, 14.9}} // Dakar now
	if r := h.send(alice, "moto -6.8123, 39.2567"); r.ReportID != 0 {
		t.Fatalf("filed outside the current area: %+v", r)
	}
	h.send(alice, "STOP") // ends the conversation that asked where
	h.send(alice, "START")
	if r := h.send(alice, "moto 14.7545, -17.3921"); r.ReportID == 0 {
		t.Fatalf("inside the current area: %+v", r)
	}
}

// TestModelDecides: with the built-in model (the default classifier), the
// engine files, asks or refuses as the classifier's decision says
// (classify.Result.Main and Refuse), for real-looking messages in the six
// languages.
func TestModelDecides(t *testing.T) {
	h := newHarnessWithConfig(t, func(c *sms.Config) { c.Classifier = nil })
	model := classify.New(data.DefaultTaxonomy())
	for _, text := range []string{
		"nou bezwen dlo, manje ak prela", "tanpri ede nou", "FIRE near Tandale market",
		"maji hayatoki Tandale market", "inondation près du marché", "necesitamos agua y comida",
		"precisamos de comida perto de Tandale market", "we have no food and no water, please help",
	} {
		u, err := h.engine.Parse(text, "")
		if err != nil {
			t.Fatal(err)
		}
		res := model.Classify(text)
		main, sure := res.Main()
		var want []sms.Action
		switch {
		case sure:
			want = []sms.Action{sms.ActionFile, sms.ActionAskPlace, sms.ActionConfirmPlace}
		case res.Refuse() && len(u.Places) == 0:
			want = []sms.Action{sms.ActionRefuse}
		default:
			want = []sms.Action{sms.ActionAskCategory}
		}
		if !slices.Contains(want, u.Action) {
			t.Errorf("%q: %s, want one of %v (classifier: %+v)", text, u.Action, want, res.Needs)
		}
		if sure && u.Category != main {
			t.Errorf("%q: category %q, the classifier's main need is %q", text, u.Category, main)
		}
		if len(u.Categories) != len(res.Needs) {
			t.Errorf("%q: needs %+v, the classifier's %+v", text, u.Categories, res.Needs)
		}
	}
}

// TestMenuOffersCandidatesAndCommonNeeds: with the built-in model, the
// category menu offers the categories the message may be about first,
// even below the confidence at which a need is listed (a missing child,
// which the old menu, in the taxonomy's order, never reached), then the
// needs residents most often have, in the resident's language, in one
// SMS.
func TestMenuOffersCandidatesAndCommonNeeds(t *testing.T) {
	h := newHarnessWithConfig(t, func(c *sms.Config) { c.Classifier = nil })
	tests := []struct {
		name, text, lang, first, prefix string
	}{
		{"news of a child, English", "I want to have news from a little girl 12 years old", "en", "missing_person", "What is the problem? A number or a few words: 1 Missing person, "},
		{"help, Creole", "tanpri ede nou", "ht", "", "Ki pwoblèm nan? Yon nimewo oswa kèk mo: 1 "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := h.engine.Parse(tt.text, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			if u.Action != sms.ActionAskCategory {
				t.Fatalf("%s, want the category asked (needs %+v)", u.Action, u.Categories)
			}
			if tt.first != "" && (len(u.Menu) == 0 || u.Menu[0] != tt.first) {
				t.Errorf("menu %v, want %s first", u.Menu, tt.first)
			}
			for _, common := range []string{"food", "shelter", "medical", "water_supply"} {
				if !slices.Contains(u.Menu, common) {
					t.Errorf("menu %v lacks the common need %s", u.Menu, common)
				}
			}
			if !strings.HasPrefix(u.Reply, tt.prefix) {
				t.Errorf("reply %q, want it to start %q", u.Reply, tt.prefix)
			}
			if n := sms.GSM7Len(u.Reply); n < 0 || n > 160 {
				t.Errorf("menu is %d septets: %q", n, u.Reply)
			}
		})
	}
}

// TestGreetingsAndThanks: a greeting or a thanks that names no need gets
// a short welcome saying how to report, in its language (with the
// deployment's landmark), never the category menu nor "not understood";
// sent while a question is open, the question is asked again and the
// draft keeps its needs.
func TestGreetingsAndThanks(t *testing.T) {
	h := newHarnessWithConfig(t, func(c *sms.Config) { c.Classifier = nil })
	for _, tt := range []struct{ text, lang, prefix string }{
		{"hi", "en", "Hello! To report a problem"},
		{"hello, good morning", "en", "Hello! To report a problem"},
		{"bonjour", "fr", "Bonjour ! Pour signaler"},
		{"merci beaucoup", "fr", "Merci pour votre message."},
		{"asante sana", "sw", "Asante kwa ujumbe wako."},
		{"habari", "sw", "Habari! Kuripoti"},
		{"mèsi anpil", "ht", "Mèsi pou mesaj ou."},
		{"bonjou, kijan ou ye", "ht", "Bonjou! Pou fè yon rapò"},
		{"obrigado", "pt", "Obrigado pela mensagem."},
		{"gracias", "es", "Gracias por su mensaje."},
		{"hola", "es", "¡Hola! Para reportar"},
		{"power is back thank you", "en", "Thank you for your message."},
	} {
		u, err := h.engine.Parse(tt.text, "")
		if err != nil {
			t.Fatal(err)
		}
		if u.Action != sms.ActionRefuse || u.Language != tt.lang || !strings.HasPrefix(u.Reply, tt.prefix) || !strings.Contains(u.Reply, "Soko Kuu la Mfano") {
			t.Errorf("%q: %s in %s: %q, want %q… in %s with the city's landmark", tt.text, u.Action, u.Language, u.Reply, tt.prefix, tt.lang)
		}
		if n := sms.GSM7Len(u.Reply); n < 0 || n > 160 {
			t.Errorf("%q: reply of %d septets: %q", tt.text, n, u.Reply)
		}
	}
	// A request that greets is a request.
	if u, _ := h.engine.Parse("hello we need water at Tandale market", ""); u.Action != sms.ActionFile {
		t.Errorf("a request opening with hello: %s %q", u.Action, u.Reply)
	}
	ask := h.send(alice, "nou bezwen dlo")
	again := h.send(alice, "mèsi")
	if again.Text != ask.Text || again.ReportID != 0 {
		t.Fatalf("thanks while asked where: %q, want the question again %q", again.Text, ask.Text)
	}
	c := h.conversation()
	if c == nil || c.State != data.AwaitPlace || !slices.Equal(c.Needs, []string{"water_supply"}) || !strings.Contains(c.Draft.RawText, "mèsi") {
		t.Fatalf("draft after a thanks: %+v", c)
	}
}

// TestNeedsMet: a message whose only needs are met ("we don't need
// tents", "the flood has gone down") gets a short "noted" reply naming
// them, in its language, never the category menu; no report or draft is
// kept, with a place named too. Sent while a question is open, the
// question is asked again and the draft keeps its needs.
func TestNeedsMet(t *testing.T) {
	h := newHarness(t)
	for _, tt := range []struct{ text, lang, prefix, met string }{
		{"we don't need tents", "en", "Noted: no report for Shelter needed.", "shelter"},
		{"Tandale market: the flood has gone down", "en", "Noted: no report for Flood.", "flood"},
		{"nou pa bezwen manje", "ht", "Nou note: pa gen rapò pou Bezwen manje.", "food"},
		{"hatuhitaji chakula", "sw", "Tumeelewa: hakuna ripoti ya Mahitaji ya chakula.", "food"},
		{"nous n'avons pas besoin de tentes", "fr", "Bien noté : pas de signalement pour Besoin d'abri.", "shelter"},
		{"não precisamos de comida", "pt", "Anotado: nenhum relato para Comida necessaria.", "food"},
		{"no necesitamos comida", "es", "Anotado: ningun reporte para Necesita comida.", "food"},
	} {
		u, err := h.engine.Parse(tt.text, "")
		if err != nil {
			t.Fatal(err)
		}
		if u.Action != sms.ActionRefuse || u.Language != tt.lang || !slices.Equal(u.Met, []string{tt.met}) ||
			!strings.HasPrefix(u.Reply, tt.prefix) || !strings.Contains(u.Reply, "Soko Kuu la Mfano") {
			t.Errorf("%q: %s in %s, met %v: %q, want %q… in %s with the city's landmark", tt.text, u.Action, u.Language, u.Met, u.Reply, tt.prefix, tt.lang)
		}
		if n := sms.GSM7Len(u.Reply); n < 0 || n > 160 {
			t.Errorf("%q: reply of %d septets: %q", tt.text, n, u.Reply)
		}
		if strings.Contains(tt.text, "Tandale") && len(u.Places) == 0 {
			t.Errorf("%q: no place found", tt.text)
		}
		got := h.send(alice, tt.text)
		if got.ReportID != 0 || got.Text != u.Reply {
			t.Errorf("%q sent: %+v, want %q and no report", tt.text, got, u.Reply)
		}
		if c := h.conversation(); c != nil {
			t.Errorf("%q opened a draft: %+v", tt.text, c)
		}
	}
	if _, err := h.store.Get(1); err == nil {
		t.Error("a report was stored")
	}
	if u, _ := h.engine.Parse("we need tents", ""); len(u.Met) != 0 || u.Action == sms.ActionRefuse {
		t.Errorf("a need read as met: %s %v %q", u.Action, u.Met, u.Reply)
	}
	ask := h.send(alice, "nou bezwen dlo")
	again := h.send(alice, "nou pa bezwen manje")
	if again.Text != ask.Text || again.ReportID != 0 {
		t.Fatalf("a need met while asked where: %q, want the question again %q", again.Text, ask.Text)
	}
	c := h.conversation()
	if c == nil || c.State != data.AwaitPlace || !slices.Equal(c.Needs, []string{"water_supply"}) || c.Draft.Category != "water_supply" {
		t.Fatalf("draft after a need met: %+v", c)
	}
	if done := h.send(alice, "Tandale market"); done.ReportID != 1 || h.report(1).Category != "water_supply" {
		t.Fatalf("the draft was not filed as before: %+v", done)
	}
}

// TestPlaceNameTellsNeitherLanguageNorNeed: the name of the place a
// resident gives is in the language of whoever named it and may hold a
// keyword: "near Hôpital Saint François" in an English conversation about
// water is answered in English and adds no medical need; a one-word
// answer keeps the conversation's language.
func TestPlaceNameTellsNeitherLanguageNorNeed(t *testing.T) {
	hsf := sms.Place{Name: "Hôpital Saint François", Point: orb.Point{39.25, -6.79}, Confidence: 0.95}
	h := newHarnessWith(t, fakeGazetteer{{"hôpital saint françois", hsf}})
	h.send(alice, "we need water")
	done := h.send(alice, "near Hôpital Saint François")
	if !strings.HasPrefix(done.Text, "Thank you! Report #") {
		t.Errorf("receipt after an English conversation: %q", done.Text)
	}
	if r := h.report(done.ReportID); r.Category != "water_supply" || slices.Contains(r.Needs, "medical") || r.Location != hsf.Point {
		t.Errorf("report %+v: the hospital's name added a need", r)
	}
	if u, _ := h.engine.Parse("fire at Hôpital Saint François", ""); u.Action != sms.ActionFile || u.Language != "en" {
		t.Errorf("an English message naming a French place: %s in %s", u.Action, u.Language)
	}
	const bob = "+255 712 000 111"
	h.send(bob, "we need water")
	if again := h.send(bob, "Hôpital"); !strings.Contains(again.Text, ": where?") {
		t.Errorf("one French word in an English conversation: %q", again.Text)
	}
	const carol = "+255 712 000 222"
	h.send(carol, "nous avons besoin d'eau")
	if sw := h.send(carol, "hapana, tunahitaji chakula pia"); !strings.HasPrefix(sw.Text, "Huduma ya maji na Mahitaji ya chakula: ni wapi?") {
		t.Errorf("a sentence in another language switches the conversation's: %q", sw.Text)
	}
}

// TestCommandWordTellsTheLanguage: a command word of one language only
// ("MSAADA", "ED", "HALI 12") is answered in that language, not in the
// default one; an English command word (HELP, STATUS) keeps the
// conversation's language.
func TestCommandWordTellsTheLanguage(t *testing.T) {
	h := newHarness(t)
	for _, tt := range []struct{ text, lang, prefix string }{
		{"MSAADA", "sw", "Kuripoti tuma"},
		{"ED", "ht", "Pou fè yon rapò"},
		{"AIDE", "fr", "Pour signaler"},
		{"AJUDA", "pt", "Para relatar"},
		{"AYUDA", "es", "Para reportar"},
		{"HALI 123", "sw", "Hakuna ripoti #123"},
		{"STATUT 123", "fr", "Aucun signalement #123"},
		{"ETA 123", "ht", "Pa gen rapò #123"},
		{"ESTADO 123", "es", "No encontramos el reporte #123"},
		{"STATUS 123", "en", "No report #123"},
	} {
		u, err := h.engine.Parse(tt.text, "")
		if err != nil {
			t.Fatal(err)
		}
		if u.Action != sms.ActionCommand || u.Language != tt.lang || !strings.HasPrefix(u.Reply, tt.prefix) {
			t.Errorf("%q: %s in %s: %q, want %q… in %s", tt.text, u.Action, u.Language, u.Reply, tt.prefix, tt.lang)
		}
	}
	h.send(alice, "nou bezwen dlo")
	if got := h.send(alice, "HELP").Text; !strings.HasPrefix(got, "Pou fè yon rapò") {
		t.Errorf("HELP in a Creole conversation: %q", got)
	}
}

// TestRepliesNamingNeedsFitOneSMS: a reply that says what was understood
// names as many needs as fit one SMS ("…, ..." when some are left out),
// the main one always; the report keeps them all. Three long French
// labels made a receipt of 176 characters, two SMS.
func TestRepliesNamingNeedsFitOneSMS(t *testing.T) {
	h := newHarness(t)
	ask := h.send(alice, "nous avons besoin d'eau, de nourriture et de médicaments")
	done := h.send(alice, "Mwembe market Manzese 1")
	if done.ReportID == 0 {
		done = h.send(alice, "1")
	}
	for _, reply := range []string{ask.Text, done.Text} {
		if n := utf8.RuneCountInString(reply); n > 160 || !strings.Contains(reply, "Approvisionnement en eau") {
			t.Errorf("%d characters: %q", n, reply)
		}
	}
	if !strings.Contains(done.Text, ", ...") {
		t.Errorf("the receipt does not say that needs are left out: %q", done.Text)
	}
	if r := h.report(done.ReportID); len(r.Needs) != 3 {
		t.Errorf("report needs %v, want the three", r.Needs)
	}
}
