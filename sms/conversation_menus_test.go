package sms_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// TestWholeConversationsAroundMenusAndCorrections plays 44 whole
// conversations in the six languages around the category menu (number
// words, ordinals, "number 4", lists in words, numbers we cannot read)
// and corrections after filing (the need, the place, both), and checks
// what the last message leaves: the report filed or corrected (its
// need, its place, whether it is the first report, corrected), or the
// question asked again (again: the start of the reply). Before number
// words were read, numbers we cannot read asked again saying why, and
// both corrections taken in one message, 37 of them ended otherwise:
// "other" filed, the menu again without a word why, or a second report.
func TestWholeConversationsAroundMenusAndCorrections(t *testing.T) {
	tandale, kariakoo := tandaleMarket.Point, kariakooMarket.Point
	for _, c := range []struct {
		name  string
		msgs  []string
		need  string    // the need of the report the last message leaves; "" none
		at    orb.Point // its place
		first bool      // it is report #1 (corrected, not a second report)
		again string    // else the start of the reply asking again
	}{
		// English.
		{"en fourth one", []string{"help us at Kariakoo market", "the fourth one"}, "building_collapse", kariakoo, true, ""},
		{"en option 2", []string{"help us at Kariakoo market", "option 2"}, "fire", kariakoo, true, ""},
		{"en Three", []string{"help us at Kariakoo market", "Three"}, "landslide", kariakoo, true, ""},
		{"en 2 please", []string{"help us at Kariakoo market", "2 please"}, "fire", kariakoo, true, ""},
		{"en 1.5", []string{"help us at Kariakoo market", "1.5"}, "", orb.Point{}, false, "Sorry, which number? "},
		{"en no 4 then 4", []string{"help us at Kariakoo market", "no 4", "4"}, "building_collapse", kariakoo, true, ""},
		{"en 15 then two", []string{"help us at Kariakoo market", "15", "two"}, "fire", kariakoo, true, ""},
		{"en meant water", []string{"we need food at Tandale market", "sorry I meant water"}, "water_supply", tandale, true, ""},
		{"en wrong place", []string{"we need food at Tandale market", "wrong place, it's Kariakoo market"}, "food", kariakoo, true, ""},
		{"en no it is water, then where", []string{"we need food", "no it is water", "Kariakoo market"}, "water_supply", kariakoo, true, ""},
		{"en both", []string{"we need food at Tandale market", "no it is water and it's at Kariakoo market"}, "water_supply", kariakoo, true, ""},
		{"en both, commas", []string{"we need food at Tandale market", "no, water, at Kariakoo market"}, "water_supply", kariakoo, true, ""},
		// Swahili.
		{"sw tatu", []string{"tusaidie tafadhali", "tatu", "Tandale market"}, "landslide", tandale, true, ""},
		{"sw namba mbili", []string{"tusaidie Kariakoo market", "namba mbili"}, "fire", kariakoo, true, ""},
		{"sw ya nne", []string{"tusaidie Kariakoo market", "ya nne"}, "building_collapse", kariakoo, true, ""},
		{"sw moja na mbili", []string{"tusaidie tafadhali", "moja na mbili", "Tandale market"}, "flood", tandale, true, ""},
		{"sw 0", []string{"tusaidie Kariakoo market", "0"}, "", orb.Point{}, false, "Samahani, namba gani? "},
		{"sw hapana ni maji", []string{"tunahitaji chakula Tandale market", "hapana ni maji"}, "water_supply", tandale, true, ""},
		{"sw si Tandale ni Kariakoo", []string{"tunahitaji chakula Tandale market", "si Tandale ni Kariakoo market"}, "food", kariakoo, true, ""},
		{"sw both", []string{"tunahitaji chakula Tandale market", "hapana ni maji na ni Kariakoo market"}, "water_supply", kariakoo, true, ""},
		// French.
		{"fr trois", []string{"aidez nous svp", "trois", "Tandale market"}, "landslide", tandale, true, ""},
		{"fr le deuxième", []string{"aidez nous au Kariakoo market", "le deuxième"}, "fire", kariakoo, true, ""},
		{"fr n° 4", []string{"aidez nous au Kariakoo market", "n° 4"}, "building_collapse", kariakoo, true, ""},
		{"fr un et deux", []string{"aidez nous svp", "un et deux", "Tandale market"}, "flood", tandale, true, ""},
		{"fr c'est de l'eau", []string{"nous avons besoin de nourriture au Tandale market", "non, c'est de l'eau"}, "water_supply", tandale, true, ""},
		{"fr c'est au", []string{"nous avons besoin de nourriture au Tandale market", "non c'est au Kariakoo market"}, "food", kariakoo, true, ""},
		{"fr both", []string{"nous avons besoin de nourriture au Tandale market", "non c'est de l'eau, à Kariakoo market"}, "water_supply", kariakoo, true, ""},
		// Portuguese.
		{"pt três", []string{"precisamos de ajuda por favor", "três", "Tandale market"}, "landslide", tandale, true, ""},
		{"pt o segundo", []string{"estou em Kariakoo market ajuda", "o segundo"}, "fire", kariakoo, true, ""},
		{"pt opção 4", []string{"estou em Kariakoo market ajuda", "opção 4"}, "building_collapse", kariakoo, true, ""},
		{"pt não, é água", []string{"precisamos de comida no Tandale market", "não, é água"}, "water_supply", tandale, true, ""},
		{"pt não, é no", []string{"precisamos de comida no Tandale market", "não, é no Kariakoo market"}, "food", kariakoo, true, ""},
		// Spanish.
		{"es tres", []string{"necesitamos ayuda por favor", "tres", "Tandale market"}, "landslide", tandale, true, ""},
		{"es la segunda", []string{"estoy en Kariakoo market ayuda", "la segunda"}, "fire", kariakoo, true, ""},
		{"es número 4", []string{"estoy en Kariakoo market ayuda", "número 4"}, "building_collapse", kariakoo, true, ""},
		{"es uno y dos", []string{"necesitamos ayuda por favor", "uno y dos", "Tandale market"}, "flood", tandale, true, ""},
		{"es no es comida, es agua", []string{"necesitamos comida en Tandale market", "no es comida, es agua"}, "water_supply", tandale, true, ""},
		{"es both", []string{"necesitamos comida en Tandale market", "no, es agua, en Kariakoo market"}, "water_supply", kariakoo, true, ""},
		// Haitian Creole.
		{"ht twa", []string{"tanpri ede nou", "twa", "Tandale market"}, "landslide", tandale, true, ""},
		{"ht nimewo de", []string{"mwen nan Kariakoo market ede nou", "nimewo de"}, "fire", kariakoo, true, ""},
		{"ht kat", []string{"mwen nan Kariakoo market ede nou", "kat"}, "building_collapse", kariakoo, true, ""},
		{"ht en ak de", []string{"tanpri ede nou", "en ak de", "Tandale market"}, "flood", tandale, true, ""},
		{"ht 4 mesi", []string{"tanpri ede nou", "4 mesi", "Tandale market"}, "building_collapse", tandale, true, ""},
		{"ht both", []string{"nou bezwen manje Tandale market", "non se dlo epi se nan Kariakoo market"}, "water_supply", kariakoo, true, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarnessWith(t, correctionGazetteer)
			var r sms.Reply
			for _, m := range c.msgs {
				r = h.send(alice, m)
			}
			h.checkEnd(c.msgs, r, data.ChannelSMS, conversationEnd{need: c.need, at: c.at, first: c.first, again: c.again})
		})
	}
}

// TestWholeConversationsWithPhoneDigitsAndNotClauses plays whole
// conversations around numbers written as a smartphone or WhatsApp
// writes them (keycap emoji "4️⃣", "🔟", circled "④", fullwidth "４",
// Bengali "৪", Arabic-Indic "٤", lists of them) in answer to the menu, a
// choice of places and "Near X?", and around need corrections whose
// "not" part is its own clause ("sorry, it's not food it's water, at
// Kariakoo market", "non ce n'est pas la nourriture c'est l'eau",
// "hapana si chakula ni maji"), with the near misses that must stay as
// they were. Every message goes by SMS and by WhatsApp. Before, the
// digits were asked again ("Sorry, which number?") and the corrections
// a second report or a draft with both needs (see the commit).
func TestWholeConversationsWithPhoneDigitsAndNotClauses(t *testing.T) {
	tandale, kariakoo, ward := tandaleMarket.Point, kariakooMarket.Point, kariakooWard.Point
	for _, c := range []struct {
		name  string
		msgs  []string
		need  string    // the need of the report the last message leaves; "" none
		also  string    // another need it has; "" none
		at    orb.Point // its place
		first bool      // it is report #1 (corrected, not a second report)
		again string    // else the start of the reply asking again
	}{
		// Menu answers.
		{"keycap 4", []string{"help us at Kariakoo market", "4️⃣"}, "building_collapse", "", kariakoo, true, ""},
		{"keycap without selector", []string{"help us at Kariakoo market", "4⃣"}, "building_collapse", "", kariakoo, true, ""},
		{"keycap pls", []string{"help us at Kariakoo market", "2️⃣ pls"}, "fire", "", kariakoo, true, ""},
		{"keycap list", []string{"help us at Kariakoo market", "1️⃣ 2️⃣"}, "flood", "fire", kariakoo, true, ""},
		{"keycaps side by side", []string{"help us at Kariakoo market", "1️⃣3️⃣"}, "flood", "landslide", kariakoo, true, ""},
		{"keycap 10 off the menu", []string{"help us at Kariakoo market", "🔟"}, "", "", orb.Point{}, false, "Sorry, which number? "},
		{"keycaps 1 0", []string{"help us at Kariakoo market", "1️⃣0️⃣"}, "", "", orb.Point{}, false, "Sorry, which number? "},
		{"circled 4", []string{"help us at Kariakoo market", "④"}, "building_collapse", "", kariakoo, true, ""},
		{"fullwidth 4", []string{"help us at Kariakoo market", "４"}, "building_collapse", "", kariakoo, true, ""},
		{"fullwidth list", []string{"help us at Kariakoo market", "１，３"}, "flood", "landslide", kariakoo, true, ""},
		{"bengali 4", []string{"help us at Kariakoo market", "৪"}, "building_collapse", "", kariakoo, true, ""},
		{"bengali list", []string{"help us at Kariakoo market", "১, ২"}, "flood", "fire", kariakoo, true, ""},
		{"arabic-indic 4", []string{"help us at Kariakoo market", "٤"}, "building_collapse", "", kariakoo, true, ""},
		{"persian 4", []string{"help us at Kariakoo market", "۴"}, "building_collapse", "", kariakoo, true, ""},
		{"arabic-indic 9 off", []string{"help us at Kariakoo market", "٩"}, "", "", orb.Point{}, false, "Sorry, which number? "},
		{"sw namba ৩", []string{"tusaidie tafadhali", "namba ৩", "Tandale market"}, "landslide", "", tandale, true, ""},
		{"fr keycap then place", []string{"aidez nous svp", "3️⃣", "Tandale market"}, "landslide", "", tandale, true, ""},
		{"a sentence with a keycap", []string{"help us at Kariakoo market", "we are 5️⃣ families and the house fell"}, "building_collapse", "", kariakoo, true, ""},
		// A choice of places, "Near X?".
		{"choice keycap", []string{"we need water at Mwembe market", "2️⃣"}, "water_supply", "", mwembeB.Point, true, ""},
		{"choice bengali", []string{"we need water at Mwembe market", "১"}, "water_supply", "", mwembeA.Point, true, ""},
		{"near yes keycap", []string{"we need water at Kariakoo", "1️⃣"}, "water_supply", "", ward, true, ""},
		// Corrections whose "not" is its own clause, after filing.
		{"en not clause, place", []string{"we need food at Tandale market", "sorry, it's not food it's water, at Kariakoo market"}, "water_supply", "", kariakoo, true, ""},
		{"en not clause", []string{"we need food at Tandale market", "sorry, it's not food it's water"}, "water_supply", "", tandale, true, ""},
		{"en no it's not", []string{"we need food at Tandale market", "no it's not food it's water"}, "water_supply", "", tandale, true, ""},
		{"en not but, place", []string{"we need food at Tandale market", "it is not food but water, at Kariakoo market"}, "water_supply", "", kariakoo, true, ""},
		{"fr non ce n'est pas", []string{"nous avons besoin de nourriture au Tandale market", "non ce n'est pas la nourriture c'est l'eau"}, "water_supply", "", tandale, true, ""},
		{"fr non ce n'est pas, place", []string{"nous avons besoin de nourriture au Tandale market", "non ce n'est pas la nourriture c'est l'eau, au Kariakoo market"}, "water_supply", "", kariakoo, true, ""},
		{"sw hapana si", []string{"tunahitaji chakula Tandale market", "hapana si chakula ni maji"}, "water_supply", "", tandale, true, ""},
		{"sw hapana si, place", []string{"tunahitaji chakula Tandale market", "hapana si chakula ni maji, Kariakoo market"}, "water_supply", "", kariakoo, true, ""},
		{"sw hapana sio", []string{"tunahitaji chakula Tandale market", "hapana sio chakula ni maji"}, "water_supply", "", tandale, true, ""},
		{"es no no es", []string{"necesitamos comida en Tandale market", "no no es comida es agua"}, "water_supply", "", tandale, true, ""},
		{"pt não não é", []string{"precisamos de comida no Tandale market", "não não é comida é água"}, "water_supply", "", tandale, true, ""},
		{"ht non se pa, place", []string{"nou bezwen manje Tandale market", "non se pa manje se dlo, nan Kariakoo market"}, "water_supply", "", kariakoo, true, ""},
		// The same in a draft, asked where.
		{"draft en not clause, place", []string{"we need food", "it's not food it's water, at Kariakoo market"}, "water_supply", "", kariakoo, true, ""},
		{"draft sw hapana si", []string{"tunahitaji chakula", "hapana si chakula ni maji", "Kariakoo market"}, "water_supply", "", kariakoo, true, ""},
		{"draft fr non ce n'est pas", []string{"nous avons besoin de nourriture", "non ce n'est pas la nourriture c'est l'eau", "Kariakoo market"}, "water_supply", "", kariakoo, true, ""},
		// Near misses: no correction of the needs.
		{"sw hapana si Tandale: the place", []string{"tunahitaji chakula Tandale market", "hapana si Tandale ni Kariakoo market"}, "food", "", kariakoo, true, ""},
		{"en not at Tandale: the place", []string{"we need food at Tandale market", "sorry, it's not at Tandale it's at Kariakoo market"}, "food", "", kariakoo, true, ""},
		{"fr si: no Swahili not", []string{"nous avons besoin de nourriture au Tandale market", "si possible de l'eau aussi au Kariakoo market"}, "water_supply", "", kariakoo, false, ""},
		{"fr pas encore", []string{"nous avons besoin de nourriture au Tandale market", "non ce n'est pas encore arrivé, il n'y a pas d'eau au Kariakoo market"}, "water_supply", "", kariakoo, false, ""},
		{"draft not safe: no need said not", []string{"we need food", "it's not safe here it's flooding, at Kariakoo market"}, "food", "flood", kariakoo, true, ""},
		{"not safe: no need said not", []string{"we need food at Tandale market", "it's not safe here it's flooding, at Kariakoo market"}, "flood", "", kariakoo, false, ""},
		{"en also", []string{"we need food at Tandale market", "it's not food only it's water too, at Kariakoo market"}, "food", "water_supply", kariakoo, false, ""},
		// One clause: what follows "not … it's" corrects only when what it
		// is not names a need.
		{"draft not safe, one clause", []string{"we need food", "it's not safe here it's flooding", "Kariakoo market"}, "food", "flood", kariakoo, true, ""},
		{"not safe, one clause", []string{"we need food at Tandale market", "it's not safe here it's flooding", "Kariakoo market"}, "flood", "", kariakoo, false, ""},
		{"not safe but, one clause", []string{"we need food at Tandale market", "it is not safe but flooding", "Kariakoo market"}, "flood", "", kariakoo, false, ""},
		{"en not but, one clause", []string{"we need food at Tandale market", "not food but water"}, "water_supply", "", tandale, true, ""},
		{"en not it's, one clause", []string{"we need food at Tandale market", "it's not food it's water"}, "water_supply", "", tandale, true, ""},
		{"fr ce n'est pas, one clause", []string{"nous avons besoin de nourriture au Tandale market", "ce n'est pas la nourriture c'est l'eau"}, "water_supply", "", tandale, true, ""},
		{"draft not but, one clause", []string{"we need food", "not food but water", "Kariakoo market"}, "water_supply", "", kariakoo, true, ""},
		{"sw sio, one clause", []string{"tunahitaji chakula Tandale market", "sio chakula ni maji"}, "water_supply", "", tandale, true, ""},
		{"ht se pa, one clause", []string{"nou bezwen manje Tandale market", "se pa manje se dlo"}, "water_supply", "", tandale, true, ""},
	} {
		for _, channel := range []data.Channel{data.ChannelSMS, data.ChannelWhatsApp} {
			t.Run(string(channel)+"/"+c.name, func(t *testing.T) {
				h := newHarnessWith(t, correctionGazetteer)
				var r sms.Reply
				for _, m := range c.msgs {
					r = h.sendOn(channel, alice, m)
				}
				h.checkEnd(c.msgs, r, channel, conversationEnd{need: c.need, also: c.also, at: c.at, first: c.first, again: c.again})
			})
		}
	}
}

// conversationEnd is what the last message of a whole conversation
// leaves: the report filed or corrected, or the question asked again.
type conversationEnd struct {
	need  string    // the need of the report the last message leaves; "" none
	also  string    // another need it has; "" none
	at    orb.Point // its place
	first bool      // it is report #1 (corrected, not a second report)
	again string    // else the start of the reply asking again
}

// checkEnd checks that r, the reply to the last of msgs sent by
// channel, leaves want: the report (its need, other need, place, number
// and channel), or the question asked again.
func (h *harness) checkEnd(msgs []string, r sms.Reply, channel data.Channel, want conversationEnd) {
	h.t.Helper()
	if want.need == "" {
		if r.ReportID != 0 || !strings.HasPrefix(r.Text, want.again) {
			h.t.Fatalf("%q: %+v, want %q…", msgs, r, want.again)
		}
		return
	}
	if r.ReportID == 0 {
		h.t.Fatalf("%q: nothing filed: %q", msgs, r.Text)
	}
	got := h.report(r.ReportID)
	if got.Category != want.need || got.Location != want.at || want.first != (r.ReportID == 1) || got.Channel != channel ||
		want.also != "" && !slices.Contains(got.AllNeeds(), want.also) {
		h.t.Errorf("%q: report #%d %s %v at %v by %s, want first %v %s (+%q) at %v (%q)",
			msgs, r.ReportID, got.Category, got.AllNeeds(), got.Location, got.Channel, want.first, want.need, want.also, want.at, r.Text)
	}
}
