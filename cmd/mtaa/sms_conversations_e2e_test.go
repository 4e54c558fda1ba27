package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtaa-project/mtaa/sms"
)

// exchange is one message of a resident and what the reply must hold:
// every string of want ("^" first: the reply starts with it) and none of
// not. In send, {menu:Label} is the number of Label on the menu just
// received and {ref} the reference of the report the conversation filed
// (STATUS of a report not yet public answers only the phone that sent it).
type exchange struct {
	send      string
	want, not []string
}

// TestResidentConversationsE2E plays whole conversations as residents
// would, in the six languages, through the Twilio webhook of `mtaa serve`
// over a small city written by the test, and reads every reply as the
// resident: the language, what was understood, the example taken from the
// city's own extract, one SMS each. Then it reads the reports as a
// moderator: every need and every message of the conversation kept.
func TestResidentConversationsE2E(t *testing.T) {
	w := startResidentCity(t)
	market, text, moderatorView := w.market, w.text, w.report
	long := strings.Repeat("nou nan yon sitiyasyon difisil anpil, ", 50) // 1,900 characters

	conversations := []struct {
		name string
		says []exchange
		// needs and raw are what the report filed must hold (nil: not
		// checked): its needs, in order, and every message in its raw text.
		needs []string
		raw   []string
	}{
		// English.
		{name: "en need and place", says: []exchange{
			{send: "we need water at Marché Salomon", want: []string{"^Thank you! Report #", "(Water supply)", "near Marché Salomon"}},
			{send: "STATUS {ref}", want: []string{"^Report #", "(Water supply): received, not yet checked."}},
		}},
		{name: "en need without place, a French place name", says: []exchange{
			{send: "we need water and food", want: []string{"Water supply", "Food needed", ": where?", "(e.g. Marché Salomon)", "(" + market + ")"}},
			{send: "near Hôpital Saint François", want: []string{"^Thank you! Report #", "near Hopital Saint Francois"}, not: []string{"medical", "Merci"}},
		}, raw: []string{"we need water and food", "near Hôpital Saint François"}},
		{name: "en second message adds to the draft", says: []exchange{
			{send: "we need water", want: []string{"^Water supply: where?"}},
			{send: "also food and medicine", want: []string{"^Water supply, Food needed and Injured / medical: where?"}},
			{send: "thank you", want: []string{"^Water supply, Food needed and Injured / medical: where?"}},
			{send: "Église Saint Gérard", want: []string{"^Thank you! Report #", "(Water supply, Food needed and Injured / medical)", "near Église Saint Gérard"}},
		}, needs: []string{"water_supply", "food", "medical"}, raw: []string{"we need water", "also food and medicine", "thank you", "Église Saint Gérard"}},
		{name: "en unsure: the menu answered by number", says: []exchange{
			{send: "help us please", want: []string{"^What is the problem? A number or a few words: 1 ", " Food, ", " Water, "}},
			{send: "{menu:Food}", want: []string{"^Food needed: where?"}},
			{send: "Bel Air", want: []string{"^Thank you! Report #", "(Food needed)", "near Bel Air"}},
		}, needs: []string{"food"}},
		{name: "en confirm_place answered no, then a landmark", says: []exchange{
			{send: "we need food", want: []string{"^Food needed: where?"}},
			{send: "Bel Air school", want: []string{"^Food needed near ", "? Reply 1 yes, 2 no, or send a landmark."}},
			{send: "2", want: []string{"^Food needed: where?"}},
			{send: "Marché Salomon", want: []string{"^Thank you! Report #", "near Marché Salomon"}},
		}, needs: []string{"food"}},
		{name: "fr confirm_place answered oui", says: []exchange{
			{send: "nous avons besoin de nourriture", want: []string{"^Besoin de nourriture : où est-ce ?"}},
			{send: "école de Bel Air", want: []string{"^Besoin de nourriture près de ", "? Répondez 1 oui, 2 non, ou donnez un repère."}},
			{send: "oui", want: []string{"^Merci ! Signalement #"}},
		}},
		{name: "ht confirm_place answered with a landmark", says: []exchange{
			{send: "nou bezwen manje", want: []string{"^Bezwen manje: ki kote li ye?"}},
			{send: "lekòl Bel Air", want: []string{"^Bezwen manje toupre ", "? Reponn 1 wi, 2 non, oswa bay yon repè."}},
			{send: "toupre lopital Saint François", want: []string{"^Mèsi! Rapò #", "toupre Hopital Saint Francois"}},
		}, needs: []string{"food"}},
		{name: "sw confirm_place answered 1", says: []exchange{
			{send: "tunahitaji chakula", want: []string{"^Mahitaji ya chakula: ni wapi?"}},
			{send: "shule ya Bel Air", want: []string{"^Mahitaji ya chakula karibu na ", "? Jibu 1 ndiyo, 2 hapana"}},
			{send: "1", want: []string{"^Asante! Ripoti #"}},
		}},
		{name: "en one word keeps the language", says: []exchange{
			{send: "we need water", want: []string{"^Water supply: where?"}},
			{send: "Hôpital", want: []string{"^Water supply", ": where?"}},
		}},
		{name: "en greeting", says: []exchange{{send: "hi", want: []string{"^Hello! To report a problem send what and where, e.g. FLOOD near Marché Salomon."}}}},
		{name: "en all needs met, thanks", says: []exchange{{send: "power is back thank you", want: []string{"^Thank you for your message."}}}},
		{name: "en HELP", says: []exchange{
			{send: "HELP", want: []string{"^To report send what and where, e.g. FLOOD near Marché Salomon.", "JOIN Fort National"}},
		}},
		{name: "en a French place in an English message", says: []exchange{
			{send: "fire at Hôpital Saint François", want: []string{"^Thank you! Report #", "(Fire)"}},
		}},
		{name: "empty message", says: []exchange{{send: "", want: []string{"^Sorry, we did not understand."}}}},

		// French.
		{name: "fr two needs, two schools of one name", says: []exchange{
			{send: "nous avons besoin d'eau et de nourriture", want: []string{"Approvisionnement en eau", "Besoin de nourriture", " : où est-ce ?", "(ex. Marché Salomon)"}},
			{send: "École Sainte Anne", want: []string{"^Quel endroit ? Répondez avec son numéro : 1 École Sainte Anne", "École Sainte Anne, Bel Air"}},
			{send: "7", want: []string{"^Quel endroit ?"}},
			{send: "1", want: []string{"^Merci ! Signalement #", "lieu : École Sainte Anne"}},
		}, needs: []string{"water_supply", "food"}},
		{name: "fr menu answered by a word, after a thanks and a number off the menu", says: []exchange{
			{send: "aidez nous svp", want: []string{"^Quel est le problème ? Un numéro ou quelques mots : 1 ", " Eau, "}},
			{send: "merci", want: []string{"^Quel est le problème ? Un numéro ou quelques mots : 1 "}},
			{send: "9", want: []string{"^Désolé, quel numéro ? Un numéro de la liste ou des mots : 1 "}},
			{send: "eau", want: []string{"^Approvisionnement en eau : où est-ce ?"}},
			{send: "Marche Salomon", want: []string{"^Merci ! Signalement #", "lieu : Marché Salomon"}},
			{send: "STATUT {ref}", want: []string{"^Signalement #", "(Approvisionnement en eau) : enregistré, pas encore vérifié."}},
		}, needs: []string{"water_supply"}, raw: []string{"aidez nous svp", "merci", "9", "eau", "Marche Salomon"}},
		{name: "fr thanks, AIDE", says: []exchange{
			{send: "merci", want: []string{"^Merci pour votre message. Pour signaler un problème", "FEU près de Marché Salomon"}},
			{send: "AIDE", want: []string{"^Pour signaler envoyez quoi et où"}},
		}},
		{name: "fr then sw: a language switch mid-conversation", says: []exchange{
			{send: "nous avons besoin d'eau", want: []string{"^Approvisionnement en eau : où est-ce ?"}},
			{send: "hapana, tunahitaji chakula pia", want: []string{"^Huduma ya maji na Mahitaji ya chakula: ni wapi?"}},
			{send: "Solino", want: []string{"^Asante! Ripoti #", "karibu na Solino"}},
		}, needs: []string{"water_supply", "food"}},

		// Swahili.
		{name: "sw two needs", says: []exchange{
			{send: "tunahitaji maji na chakula", want: []string{"^Huduma ya maji na Mahitaji ya chakula: ni wapi?", "(mfano Marché Salomon)"}},
			{send: "Solino", want: []string{"^Asante! Ripoti #", "(Huduma ya maji na Mahitaji ya chakula)", "karibu na Solino"}},
		}, needs: []string{"water_supply", "food"}},
		{name: "sw menu answered by a word", says: []exchange{
			{send: "tusaidie", want: []string{"^Tatizo ni nini? Jibu kwa namba au maneno: 1 ", " Chakula, "}},
			{send: "chakula", want: []string{"^Mahitaji ya chakula: ni wapi?"}},
			{send: "Fort National", want: []string{"^Asante! Ripoti #"}},
			{send: "HALI {ref}", want: []string{"^Ripoti #", "(Mahitaji ya chakula): imepokelewa, bado kuhakikiwa."}},
		}},
		{name: "sw thanks, MSAADA", says: []exchange{
			{send: "asante", want: []string{"^Asante kwa ujumbe wako. Kuripoti", "MAFURIKO karibu na Marché Salomon"}},
			{send: "MSAADA", want: []string{"^Kuripoti tuma tatizo na mahali"}},
		}},

		// Portuguese.
		{name: "pt two needs", says: []exchange{
			{send: "precisamos de água e comida", want: []string{"Abastecimento de agua", "Comida necessaria", ": onde?", "(ex. Marché Salomon)"}},
			{send: "Fort National", want: []string{"^Obrigado! Relato #", "perto de Fort National"}},
		}, needs: []string{"water_supply", "food"}},
		{name: "pt menu answered by number", says: []exchange{
			{send: "ajudem", want: []string{"^Qual e o problema? Um numero ou poucas palavras: 1 ", " Abrigo, "}},
			{send: "{menu:Abrigo}", want: []string{"^Abrigo necessario: onde?"}},
			{send: "Fort National", want: []string{"^Obrigado! Relato #", "(Abrigo necessario)"}},
		}, needs: []string{"shelter"}},
		{name: "pt thanks, AJUDA", says: []exchange{
			{send: "obrigado", want: []string{"^Obrigado pela mensagem. Para relatar", "CHEIA perto de Marché Salomon"}},
			{send: "AJUDA", want: []string{"^Para relatar envie o que e onde"}},
		}},

		// Spanish.
		{name: "es two needs", says: []exchange{
			{send: "necesitamos agua y comida", want: []string{"Suministro de agua", "Necesita comida", ": ¿donde?", "(ej. Marché Salomon)"}},
			{send: "Bas Peu de Choses", want: []string{"^¡Gracias! Reporte #", "cerca de Bas Peu de Choses"}},
			{send: "ESTADO {ref}", want: []string{"^Reporte #", "(Suministro de agua): recibido, por verificar."}},
		}, needs: []string{"water_supply", "food"}},
		{name: "es greeting, thanks, AYUDA", says: []exchange{
			{send: "hola", want: []string{"^¡Hola! Para reportar un problema", "INCENDIO cerca de Marché Salomon"}},
			{send: "gracias", want: []string{"^Gracias por su mensaje."}},
			{send: "AYUDA", want: []string{"^Para reportar envie que pasa y donde"}},
		}},

		// Haitian Creole.
		{name: "ht two needs", says: []exchange{
			{send: "nou bezwen dlo ak manje", want: []string{"Aprovizyonman dlo", "Bezwen manje", ": ki kote li ye?", "(egz. Marché Salomon)"}},
			{send: "mèsi", want: []string{": ki kote li ye?"}},
			{send: "toupre Eglise Saint Gerard", want: []string{"^Mèsi! Rapò #", "toupre Église Saint Gérard"}},
			{send: "ETA {ref}", want: []string{"^Rapò #", ": resevwa, poko verifye."}},
		}, needs: []string{"food", "water_supply"}, raw: []string{"nou bezwen dlo ak manje", "mèsi", "toupre Eglise Saint Gerard"}},
		{name: "ht menu answered with something else", says: []exchange{
			{send: "ede nou souple", want: []string{"^Ki pwoblèm nan? Yon nimewo oswa kèk mo: 1 ", " Dlo, "}},
			{send: "xyz", want: []string{"^Lòt: ki kote li ye?"}},
		}},
		{name: "ht greeting, thanks, ED", says: []exchange{
			{send: "bonjou", want: []string{"^Bonjou! Pou fè yon rapò", "INONDASYON toupre Marché Salomon"}},
			{send: "mèsi anpil", want: []string{"^Mèsi pou mesaj ou."}},
			{send: "ED", want: []string{"^Pou fè yon rapò voye ki sa ak ki kote"}},
		}},
		{name: "ht a very long message", says: []exchange{
			{send: long, want: []string{"^Ki pwoblèm nan? Yon nimewo oswa kèk mo: 1 "}},
		}},
	}
	for i, c := range conversations {
		from := fmt.Sprintf("+50937%06d", i)
		var reply, ref string
		for _, x := range c.says {
			send := strings.ReplaceAll(x.send, "{ref}", ref)
			if label, ok := strings.CutPrefix(send, "{menu:"); ok {
				label = strings.TrimSuffix(label, "}")
				send = ""
				for _, m := range menuItem.FindAllStringSubmatch(reply, -1) {
					if strings.TrimSpace(m[2]) == label {
						send = m[1]
					}
				}
				if send == "" {
					t.Fatalf("%s: %q is not on the menu %q", c.name, label, reply)
				}
			}
			reply = text(from, send)
			t.Logf("%s\n  > %.80q\n  < %q", c.name, send, reply)
			for _, w := range x.want {
				if p, ok := strings.CutPrefix(w, "^"); ok && !strings.HasPrefix(reply, p) || !ok && !strings.Contains(reply, w) {
					t.Errorf("%s: %.80q: got %q, want %q", c.name, send, reply, w)
				}
			}
			for _, w := range x.not {
				if strings.Contains(reply, w) {
					t.Errorf("%s: %.80q: got %q, holding %q", c.name, send, reply, w)
				}
			}
			if n := sms.GSM7Len(reply); n < 0 || n > 160 {
				t.Errorf("%s: %.80q: a reply of %d septets (more than one GSM-7 SMS): %q", c.name, send, n, reply)
			}
			if strings.Contains(reply, "Report #") || strings.Contains(reply, "Signalement #") || strings.Contains(reply, "Ripoti #") ||
				strings.Contains(reply, "Relato #") || strings.Contains(reply, "Reporte #") || strings.Contains(reply, "Rapò #") {
				if m := refInReply.FindStringSubmatch(reply); m != nil {
					ref = m[1]
				}
			}
		}
		if c.needs == nil && c.raw == nil {
			continue
		}
		if ref == "" {
			t.Errorf("%s: no report filed", c.name)
			continue
		}
		rep := moderatorView(ref)
		// The needs are compared as a set: their order is the model's
		// confidence, which a retrained model may swap when two needs are
		// as likely ("precisamos de água e comida": 0.67 each); the main
		// category is the first of them.
		if c.needs != nil && (!sameSet(rep.Properties.Needs, c.needs) || len(rep.Properties.Needs) == 0 || rep.Properties.Category != rep.Properties.Needs[0]) {
			t.Errorf("%s: report #%s has category %q, needs %v; want %v", c.name, ref, rep.Properties.Category, rep.Properties.Needs, c.needs)
		}
		for _, msg := range c.raw {
			if !strings.Contains(rep.Properties.RawText, msg) {
				t.Errorf("%s: report #%s: raw text %q lacks %q", c.name, ref, rep.Properties.RawText, msg)
			}
		}
	}
	if utf8.RuneCountInString(long) < sms.MaxBodyRunes {
		t.Fatalf("the long message has %d characters, want more than %d", utf8.RuneCountInString(long), sms.MaxBodyRunes)
	}
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
