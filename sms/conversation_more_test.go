package sms_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// TestMenuAnsweredWithSeveralNumbers: "1 and 3", "1,3", "1 3" choose
// every need named, the first the main one; they were filed as "other".
// A number off the menu among them asks again.
func TestMenuAnsweredWithSeveralNumbers(t *testing.T) {
	for _, answer := range []string{"1 and 3", "1,3", "1 3", "1 na 3", "1 & 3", "1, 3.", "1 et 3", "1 ak 3", "1 y 3 y 1"} {
		t.Run(answer, func(t *testing.T) {
			h := newHarness(t)
			h.send(alice, "mafuirko Tandale market")
			menu := h.conversation().Menu
			done := h.send(alice, answer)
			if done.ReportID == 0 {
				t.Fatalf("not filed: %q", done.Text)
			}
			if r := h.report(done.ReportID); !slices.Equal(r.Needs[:2], []string{menu[0], menu[2]}) || r.Category != menu[0] {
				t.Errorf("report needs %v, want %v first (menu %v)", r.Needs, []string{menu[0], menu[2]}, menu)
			}
		})
	}
	for _, answer := range []string{"1 and 42", "0 3", "1 and", "1 and water 3"} {
		t.Run(answer, func(t *testing.T) {
			h := newHarness(t)
			ask := h.send(alice, "mafuirko Tandale market")
			again := h.send(alice, answer)
			if answer == "1 and" || answer == "1 and water 3" {
				// Not numbers only: read as words.
				return
			}
			if again.ReportID != 0 || !menuAgain(ask.Text, again.Text, "sw") {
				t.Errorf("%q: %+v, want the menu again, saying why", answer, again)
			}
		})
	}
}

// TestCorrectingTheNeeds: a message that says no ("hapana, maji"), says
// what it is not ("not food, water") or says only ("sorry, only food")
// replaces the needs understood; the near misses add to them as before:
// a need said with "no" ("no water", "pas de nourriture"), an "also",
// "no" before a place, and "no" to "Near X?" (it answers the question).
func TestCorrectingTheNeeds(t *testing.T) {
	cases := []struct {
		first, second string
		want          []string // the draft's needs after second
		filed         bool     // second files the report
	}{
		{"we need food", "not food, water", []string{"water_supply"}, false},
		// What the correction says "not" to is left out; one clause says
		// it too, to its "but" (they added food and water).
		{"we need food", "no, it is water not food", []string{"water_supply"}, false},
		{"we need food", "no, it's water, not food", []string{"water_supply"}, false},
		{"we need food", "not food but water", []string{"water_supply"}, false},
		{"tunahitaji chakula", "hapana, ni maji si chakula", []string{"water_supply"}, false},
		{"tunahitaji chakula", "sio chakula ni maji", []string{"water_supply"}, false},
		{"nou bezwen manje", "non, se dlo, pa manje", []string{"water_supply"}, false},
		{"nous avons besoin de nourriture", "non, c'est de l'eau, pas de nourriture", []string{"water_supply"}, false},
		{"precisamos de comida", "não é comida é água", []string{"water_supply"}, false},
		{"necesitamos comida", "no, es agua, no comida", []string{"water_supply"}, false},
		{"necesitamos comida", "no es comida es agua", []string{"water_supply"}, false},
		{"we need water and food", "sorry, only food", []string{"food"}, false},
		{"tunahitaji chakula", "hapana, maji", []string{"water_supply"}, false},
		{"tunahitaji chakula", "sio chakula, ni maji", []string{"water_supply"}, false},
		{"nou bezwen dlo", "se pa dlo, se manje", []string{"food"}, false},
		{"nou bezwen dlo", "non, manje", []string{"food"}, false},
		{"nous avons besoin d'eau", "ce n'est pas l'eau, c'est la nourriture", []string{"food"}, false},
		{"nous avons besoin d'eau", "seulement de la nourriture", []string{"food"}, false},
		{"precisamos de água", "não é água, é comida", []string{"food"}, false},
		{"necesitamos comida", "no, perdón, agua", []string{"water_supply"}, false},
		{"necesitamos comida", "solo agua", []string{"water_supply"}, false},
		// A mistake said ("wrong,", "I meant"): they added water.
		{"we need food", "wrong, water", []string{"water_supply"}, false},
		{"we need food", "sorry I meant water", []string{"water_supply"}, false},
		{"tunahitaji chakula", "makosa, ni maji", []string{"water_supply"}, false},
		{"tunahitaji chakula", "nilimaanisha maji", []string{"water_supply"}, false},
		// Near misses: added, as before.
		{"we need food", "no water", []string{"food", "water_supply"}, false},
		{"we need food", "no, we need water too", []string{"food", "water_supply"}, false},
		{"tunahitaji maji", "hapana, tunahitaji chakula pia", []string{"water_supply", "food"}, false},
		{"nous avons besoin d'eau", "pas de nourriture non plus", []string{"water_supply", "food"}, false},
		{"we need food", "no, sorry", []string{"food"}, false},
		{"we need food", "not food but also water", []string{"food", "water_supply"}, false},
		// A negation that is the need itself: the correction names it.
		{"we need food", "no, there is no water", []string{"water_supply"}, false},
		{"nous avons besoin de nourriture", "non, il n'y a pas d'eau", []string{"water_supply"}, false},
		{"we need water", "no, Tandale market", []string{"water_supply"}, true},
	}
	for _, c := range cases {
		t.Run(c.second, func(t *testing.T) {
			h := newHarness(t)
			h.send(alice, c.first)
			r := h.send(alice, c.second)
			if c.filed {
				if rep := h.report(r.ReportID); r.ReportID == 0 || rep.Category != c.want[0] || len(rep.Needs) > 1 {
					t.Fatalf("%q: %+v (needs %v), want filed with %v", c.second, r, rep.Needs, c.want)
				}
				return
			}
			conv := h.conversation()
			if r.ReportID != 0 || conv == nil || !slices.Equal(conv.Needs, c.want) || conv.Draft.Category != c.want[0] {
				t.Fatalf("%q: reply %q, draft %+v; want the needs %v", c.second, r.Text, conv, c.want)
			}
			// The reply says what is understood now.
			label := sms.ToGSM7(sms.CategoryLabel(defaultTaxonomy(), c.want[0], conv.Lang))
			if !strings.HasPrefix(r.Text, label) {
				t.Errorf("%q: reply %q does not start with %q", c.second, r.Text, label)
			}
		})
	}

	// "No" to "Near X?" answers the question: the need it names is added.
	h := newHarnessWith(t, fakeGazetteer{{"mwembe", sms.Place{Name: "Mwembe", Point: mwembeA.Point, Confidence: 0.6}}})
	if r := h.send(alice, "we need water at Mwembe"); !strings.HasPrefix(r.Text, "Water supply near Mwembe?") {
		t.Fatalf("confirm: %q", r.Text)
	}
	if r := h.send(alice, "no, food"); !strings.HasPrefix(r.Text, "Water supply and Food needed: where?") {
		t.Errorf("no to Near X?: %q", r.Text)
	}
}

// TestPlaceAgainToTheMenu: a place sent to the category menu is no
// answer, even when the draft is placed: the menu is asked again, naming
// the place now understood; it was filed as "other".
func TestPlaceAgainToTheMenu(t *testing.T) {
	h := newHarness(t)
	if r := h.send(alice, "Tandale"); !strings.HasPrefix(r.Text, "What is the problem near Tandale? A number or a few words: 1 ") {
		t.Fatalf("place first: %q", r.Text)
	}
	r := h.send(alice, "sorry, Tandale market")
	if r.ReportID != 0 || !strings.HasPrefix(r.Text, "What is the problem near Tandale Market? A number or a few words: 1 ") {
		t.Fatalf("another place: %+v", r)
	}
	done := h.send(alice, "water")
	if rep := h.report(done.ReportID); done.ReportID == 0 || rep.Category != "water_supply" || rep.Location != tandaleMarket.Point {
		t.Fatalf("filed %+v", done)
	}
	// A place name too long for three categories in one SMS is not named
	// (TestMenuNamesThePlace: one of 78 characters keeps three).
	long := sms.Place{Name: strings.Repeat("Soko Kuu la Mfano wa Jiji ", 4), Point: tandaleMarket.Point, Confidence: 0.95}
	h = newHarnessWith(t, fakeGazetteer{{"soko kuu", long}})
	if r := h.send(alice, "soko kuu"); !strings.HasPrefix(r.Text, "What is the problem? A number or a few words: 1 ") {
		t.Errorf("long place name: %q", r.Text)
	}
}

// TestReplyAfterALongPause: a message after the question expired starts
// afresh, in the language of the expired draft (it was answered in the
// default language); the old draft stays for moderators.
func TestReplyAfterALongPause(t *testing.T) {
	h := newHarness(t)
	h.send(alice, "tunahitaji maji")
	h.now = h.now.Add(25 * time.Hour)
	r := h.send(alice, "Tandale market")
	if r.ReportID != 0 || !strings.HasPrefix(r.Text, "Tatizo ni nini karibu na Tandale Market?") {
		t.Fatalf("after the pause: %q", r.Text)
	}
	ds, err := h.engine.Drafts()
	if err != nil || len(ds) != 2 || !ds[1].Expired || ds[1].Category != "water_supply" {
		t.Fatalf("drafts %+v (%v), want the new one and the expired water one", ds, err)
	}
	// A language the message tells wins.
	h.now = h.now.Add(25 * time.Hour)
	if r := h.send(alice, "we need food"); !strings.HasPrefix(r.Text, "Food needed: where?") {
		t.Errorf("an English message: %q", r.Text)
	}
}

// firstWords is a locator that reads the first n words of a text only,
// as the gazetteer does.
type firstWords struct {
	loc sms.Locator
	n   int
}

func (f firstWords) Locate(text string) []sms.Place {
	words := strings.Fields(text)
	if len(words) > f.n {
		text = text[:strings.Index(text, words[f.n])]
	}
	return f.loc.Locate(text)
}

// TestPlaceAtTheEndOfALongMessage: a message of three SMS naming its place
// after the gazetteer's first 64 words is placed (it was asked where), the
// place's words located in the whole text.
func TestPlaceAtTheEndOfALongMessage(t *testing.T) {
	h := newHarnessWith(t, firstWords{loc: fakeGazetteer{{"tandale market", tandaleMarket}, {"tandale", tandaleWard}}, n: 64})
	story := strings.Repeat("the water came into the houses last night and we could not sleep ", 7)
	r := h.send(alice, story+"please help us we are near Tandale market")
	if r.ReportID == 0 || !strings.Contains(r.Text, "near Tandale Market") {
		t.Fatalf("reply %+v", r)
	}
	if rep := h.report(r.ReportID); rep.Location != tandaleMarket.Point {
		t.Errorf("placed at %v", rep.Location)
	}
	// The same message without a place is asked where.
	if r := h.send("+255700000501", story); r.ReportID != 0 || !strings.Contains(r.Text, ": where?") {
		t.Errorf("no place: %+v", r)
	}
}

// TestPlaceAnsweredIDontKnow: "I don't know" to the place question, in the
// six languages, is answered with the place_unknown reply in the
// conversation's language (the team sees the draft; any landmark helps),
// not the same question again; the draft keeps its needs and still waits
// for the place, which files it.
func TestPlaceAnsweredIDontKnow(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, tt := range []struct{ lang, need, dontKnow, cat string }{
		{"en", "we need water", "I don't know", "water_supply"},
		{"en", "we need water", "not sure", "water_supply"},
		{"sw", "tunahitaji chakula", "sijui", "food"},
		{"fr", "nous avons besoin de nourriture", "je ne sais pas", "food"},
		{"pt", "precisamos de comida", "não sei", "food"},
		{"es", "necesitamos agua", "no sé", "water_supply"},
		{"ht", "nou bezwen dlo", "m pa konnen", "water_supply"},
	} {
		t.Run(tt.lang+"/"+tt.dontKnow, func(t *testing.T) {
			h := newHarness(t)
			ask := h.send(alice, tt.need)
			if c := h.conversation(); c == nil || c.State != data.AwaitPlace {
				t.Fatalf("%q: %q, not asked where", tt.need, ask.Text)
			}
			label := defaultTaxonomy().Category(tt.cat).Label(tt.lang)
			want := replies.Text(tt.lang, sms.ReplyPlaceUnknown, harnessExamples, label)
			got := h.send(alice, tt.dontKnow)
			if got.Text != want || got.ReportID != 0 {
				t.Errorf("%q: %+v, want %q", tt.dontKnow, got, want)
			}
			if c := h.conversation(); c == nil || c.State != data.AwaitPlace || c.Draft.Category != tt.cat {
				t.Fatalf("after %q the draft is %+v, want %s waiting for its place", tt.dontKnow, c, tt.cat)
			}
			done := h.send(alice, "Tandale market")
			if r := h.report(done.ReportID); done.ReportID == 0 || r.Category != tt.cat {
				t.Errorf("the place after it: %+v", done)
			}
		})
	}
}

// TestLinksTellNoLanguage: a link's words are in no resident's language:
// a map link alone was answered in Portuguese. The message's own words
// still tell it, and the link's coordinates are still read.
func TestLinksTellNoLanguage(t *testing.T) {
	h := newHarnessWithConfig(t, func(c *sms.Config) { c.Classifier = nil })
	for _, c := range []struct{ msg, lang string }{
		{"https://maps.google.com/?q=-6.80,39.24", "en"},
		{"http://maps.google.com/maps?q=-6.80,39.24&z=17", "en"},
		{"www.google.com/maps/place/-6.80,39.24", "en"},
		{"tunahitaji maji https://maps.google.com/?q=-6.80,39.24", "sw"},
		{"nou bezwen dlo https://maps.google.com/?q=-6.80,39.24", "ht"},
		{"precisamos de água https://maps.google.com/?q=-6.80,39.24", "pt"},
	} {
		u, err := h.engine.Parse(c.msg, "")
		if err != nil {
			t.Fatal(err)
		}
		if u.Language != c.lang {
			t.Errorf("%q: language %q, want %q (reply %q)", c.msg, u.Language, c.lang, u.Reply)
		}
		if u.Action != sms.ActionFile && !strings.Contains(u.Reply, "-6.80000, 39.24000") {
			t.Errorf("%q: reply %q does not name the link's place", c.msg, u.Reply)
		}
	}
}

// TestMenuAnsweredWithoutWords: an answer to the category menu with no
// word ("😀", "🙏🙏", "??") asks again, the draft as it was; it was
// filed as "other" ("Nyingine: ni wapi?"). Near misses: a word naming no
// need still files "other", a number still chooses.
func TestMenuAnsweredWithoutWords(t *testing.T) {
	for _, c := range []struct {
		answer string
		want   string // the draft's category after it; "" asked again
	}{
		{"😀", ""}, {"🙏🙏", ""}, {"??", ""}, {"...", ""}, {"😀 !", ""},
		{"banana", "other"}, {"2", "menu 2"}, {"😀 maji", "water_supply"},
	} {
		t.Run(c.answer, func(t *testing.T) {
			h := newHarness(t)
			ask := h.send(alice, "tunahitaji msaada Tandale market")
			conv := h.conversation()
			if conv == nil || conv.State != data.AwaitCategory {
				t.Fatalf("no menu: %q", ask.Text)
			}
			got := h.send(alice, c.answer)
			switch c.want {
			case "":
				if got.Text != ask.Text || got.ReportID != 0 {
					t.Errorf("%q: %+v, want the menu again %q", c.answer, got, ask.Text)
				}
				if after := h.conversation(); after == nil || after.State != data.AwaitCategory || after.Draft.Category != "" {
					t.Errorf("%q: draft %+v, want still the menu", c.answer, after)
				}
			case "menu 2":
				if rep := h.report(got.ReportID); got.ReportID == 0 || rep.Category != conv.Menu[1] {
					t.Errorf("%q: %+v", c.answer, got)
				}
			default:
				if rep := h.report(got.ReportID); got.ReportID == 0 || rep.Category != c.want {
					t.Errorf("%q: %+v (category %q), want %q", c.answer, got, rep.Category, c.want)
				}
			}
		})
	}
}

// TestChoosingAPlaceByName: the answer to "Which place? 1 Mwembe Market
// (Manzese), 2 Mwembe Market (Kariakoo)" may be the words of one choice
// only ("Kariakoo"): that choice is filed. It asked where again. Words
// of both ("Mwembe market"), or of neither, choose none.
func TestChoosingAPlaceByName(t *testing.T) {
	for _, c := range []struct {
		answer string
		want   string // the place filed; "" not filed
	}{
		{"Kariakoo", mwembeB.Name}, {"manzese", mwembeA.Name}, {"Mwembe Kariakoo.", mwembeB.Name},
		{"Mwembe market", ""}, {"market", ""}, {"Kariakoo Manzese", ""}, {"no", ""}, {"near Kariakoo", ""},
	} {
		t.Run(c.answer, func(t *testing.T) {
			h := newHarness(t)
			if r := h.send(alice, "we need water at Mwembe market"); !strings.Contains(r.Text, "1 Mwembe Market (Manzese), 2 Mwembe Market (Kariakoo)") {
				t.Fatalf("choices: %q", r.Text)
			}
			got := h.send(alice, c.answer)
			if c.want == "" {
				if got.ReportID != 0 {
					t.Errorf("%q: filed %+v", c.answer, got)
				}
				return
			}
			if rep := h.report(got.ReportID); got.ReportID == 0 || rep.Location != placeNamed(c.want) || rep.Category != "water_supply" {
				t.Errorf("%q: %+v, want filed at %q", c.answer, got, c.want)
			}
		})
	}
}

// placeNamed is the point of the harness's Mwembe market of that name.
func placeNamed(name string) orb.Point {
	if name == mwembeB.Name {
		return mwembeB.Point
	}
	return mwembeA.Point
}

// TestOnlySayingWhatItIsNot: a new message that only says what something
// is not ("not food", often said of a receipt just read) gets the menu;
// the classifier reads the need named, and it was asked "Food needed:
// where?" or filed with its place. Near misses: an amount ("not enough
// food"), a need said with "no", "but" and "also" are read as before.
func TestOnlySayingWhatItIsNot(t *testing.T) {
	for _, c := range []struct {
		msg  string
		want sms.Action
	}{
		{"not food", sms.ActionAskCategory}, {"it's not food", sms.ActionAskCategory}, {"sorry, not food", sms.ActionAskCategory},
		{"sio chakula", sms.ActionAskCategory}, {"se pa manje", sms.ActionAskCategory},
		{"ce n'est pas la nourriture", sms.ActionAskCategory}, {"não é comida", sms.ActionAskCategory},
		{"no es comida", sms.ActionAskCategory}, {"not food at Tandale market", sms.ActionAskCategory},
		{"not enough food", sms.ActionAskPlace}, {"not enough water at Tandale market", sms.ActionFile},
		{"no food", sms.ActionAskPlace}, {"no water at Tandale market", sms.ActionFile},
		{"not food but water", sms.ActionAskPlace}, {"not food also water", sms.ActionAskPlace},
		{"pas de nourriture", sms.ActionAskPlace}, {"pa gen manje", sms.ActionAskPlace},
	} {
		h := newHarness(t)
		u, err := h.engine.Parse(c.msg, "")
		if err != nil {
			t.Fatal(err)
		}
		if u.Action != c.want {
			t.Errorf("%q: %s (%q), want %s", c.msg, u.Action, u.Reply, c.want)
		}
	}
	// After a receipt.
	h := newHarness(t)
	if r := h.send(alice, "water and food at Tandale market"); r.ReportID == 0 {
		t.Fatalf("not filed: %q", r.Text)
	}
	if r := h.send(alice, "not food"); strings.HasPrefix(r.Text, "Food needed: where?") || r.ReportID != 0 {
		t.Errorf("not food after a receipt: %q", r.Text)
	}
}

// TestPlaceAnswerNotUnderstood: words that answer the place question with
// no place we know ("near the big tree") get the answer to "I don't know"
// (the team has the message; any landmark helps) in the conversation's
// language; the same question again read as if the message was lost.
// Near misses: a need named, an emoji, a place, and an answer to "Near
// X?" are read as before.
func TestPlaceAnswerNotUnderstood(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, c := range []struct{ first, answer, lang, what string }{
		{"we need water", "near the big tree", "en", "Water supply"},
		{"tunahitaji maji", "karibu na mti mkubwa", "sw", "Huduma ya maji"},
		{"nou bezwen manje", "bò gwo pye mango a", "ht", "Bezwen manje"},
		{"nous avons besoin d'eau", "derrière la grande maison bleue", "fr", "Approvisionnement en eau"},
	} {
		h := newHarness(t)
		h.send(alice, c.first)
		got := h.send(alice, c.answer)
		if want := replies.Text(c.lang, sms.ReplyPlaceUnknown, harnessExamples, c.what); got.Text != sms.ToGSM7(want) || got.ReportID != 0 {
			t.Errorf("%q: %q, want %q", c.answer, got.Text, want)
		}
		if conv := h.conversation(); conv == nil || conv.State != data.AwaitPlace {
			t.Errorf("%q: draft %+v, want still waiting for its place", c.answer, conv)
		}
		if done := h.send(alice, "Tandale market"); done.ReportID == 0 {
			t.Errorf("%q: not filed after it: %q", c.answer, done.Text)
		}
	}
	// Near misses.
	h := newHarness(t)
	ask := h.send(alice, "we need water")
	if got := h.send(alice, "😀"); got.Text != ask.Text {
		t.Errorf("emoji: %q, want the question again", got.Text)
	}
	if got := h.send(alice, "we need food too"); !strings.HasPrefix(got.Text, "Water supply and Food needed: where?") {
		t.Errorf("a need: %q", got.Text)
	}
	h = newHarnessWith(t, fakeGazetteer{{"mwembe", sms.Place{Name: "Mwembe", Point: mwembeA.Point, Confidence: 0.6}}})
	h.send(alice, "we need water at Mwembe")
	if got := h.send(alice, "near the big tree"); !strings.HasPrefix(got.Text, "Water supply: where?") {
		t.Errorf("to Near X?: %q", got.Text)
	}
}

// TestPlaceAnswerNotUnderstoodNearMisses: one word or numbers to the
// place question are asked again (a misspelt name, an old menu's number).
func TestPlaceAnswerNotUnderstoodNearMisses(t *testing.T) {
	for _, answer := range []string{"kwetu", "2", "12 14", "Tandal"} {
		h := newHarness(t)
		ask := h.send(alice, "we need water")
		if got := h.send(alice, answer); got.Text != ask.Text {
			t.Errorf("%q: %q, want the question again", answer, got.Text)
		}
	}
}

// TestBareNoFromANewNumber: a bare "no" as the first message of a new
// number tells only that it is in one of a few languages: it is answered
// "not understood" in the deployment's language when it is one of them,
// else in the most widely read one ("non": French before Creole). "non"
// was answered in Creole, whatever the deployment's language. Near
// misses: "non" where Creole is the default stays Creole; a sentence is
// read as before.
func TestBareNoFromANewNumber(t *testing.T) {
	replies := sms.DefaultReplies()
	for _, c := range []struct{ def, body, lang string }{
		{"en", "non", "fr"}, {"en", "Non.", "fr"}, {"sw", "non", "fr"}, {"fr", "non", "fr"},
		{"es", "no", "es"}, {"sw", "no", "en"}, {"en", "no", "en"},
		{"en", "hapana", "sw"}, {"en", "não", "pt"}, {"fr", "nao", "pt"},
		// Near misses.
		{"ht", "non", "ht"}, {"en", "non mwen pa konprann", "ht"},
	} {
		t.Run(c.def+"/"+c.body, func(t *testing.T) {
			h := newHarnessWithConfig(t, func(cfg *sms.Config) { cfg.DefaultLang = c.def })
			r := h.send(alice, c.body)
			if want := replies.Text(c.lang, sms.ReplyNotUnderstood, harnessExamples); r.Text != want {
				t.Errorf("%q (default %s): %q, want %q", c.body, c.def, r.Text, want)
			}
		})
	}
}

// TestPlaceAfterStop: STOP in the middle of a conversation ends it (its
// draft is gone, as the docs say); a place sent after it is answered
// nothing (the resident opted out) and kept as a draft of its own, never
// filed with the need STOP ended. After START the next message is read
// afresh, the menu naming the place in the resident's language, and its
// report's status notifications go out again.
func TestPlaceAfterStop(t *testing.T) {
	h := newHarness(t)
	h.send(alice, "tunahitaji maji")
	h.send(alice, "STOP")
	if c := h.conversation(); c != nil {
		t.Fatalf("STOP left the conversation %+v", c)
	}
	if r := h.send(alice, "Tandale market"); r.ReportID != 0 || r.Text != "" {
		t.Fatalf("place after STOP: %+v", r)
	}
	if c := h.conversation(); c == nil || !c.Unasked || c.Draft.RawText != "Tandale market" || len(c.Needs) != 0 {
		t.Fatalf("the place after STOP is not a draft of its own: %+v", c)
	}
	h.send(alice, "ANZA")
	r := h.send(alice, "Tandale market")
	if r.ReportID != 0 || !strings.HasPrefix(r.Text, "Tatizo ni nini karibu na Tandale Market? ") {
		t.Fatalf("place after START: %+v", r)
	}
	done := h.send(alice, "maji")
	if done.ReportID == 0 || h.report(done.ReportID).Category != "water_supply" {
		t.Fatalf("need after the menu: %+v", done)
	}
	sub, err := h.store.Subscriber(h.vault.Hash(alice))
	if err != nil || sub == nil || sub.Stopped {
		t.Fatalf("subscription %+v (%v), want resumed", sub, err)
	}
}

// TestBareNoInTheReceiptsLanguage: a bare "non" right after a receipt is answered
// in the receipt's language, the resident's, also when the phone joined
// alerts in another language before (its subscription said English, and
// "non" was answered in French, the first of its languages); "non" after
// a Swahili receipt, not a Swahili word, stays French.
func TestBareNoInTheReceiptsLanguage(t *testing.T) {
	for _, c := range []struct {
		before []string
		want   string
	}{
		{[]string{"nou bezwen manje nan Tandale market"}, "Rapò #1"},
		{[]string{"JOIN Tandale", "nou bezwen manje nan Tandale market"}, "Rapò #1"},
		{[]string{"JOIN Tandale", "nou bezwen manje", "Tandale market"}, "Rapò #1"},
		{[]string{"JOIN Tandale", "nous avons besoin de nourriture au Tandale market"}, "Signalement #1"},
		{[]string{"hakuna chakula Tandale market"}, "Signalement #1"},
	} {
		h := newHarness(t)
		for _, m := range c.before {
			h.send(alice, m)
		}
		if r := h.send(alice, "non"); !strings.HasPrefix(r.Text, c.want) {
			t.Errorf("%q then non: %q, want %q…", c.before, r.Text, c.want)
		}
	}
}
