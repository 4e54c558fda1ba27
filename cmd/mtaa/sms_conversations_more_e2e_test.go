package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/sms"
)

// replyKind is the template a reply was written from: its key and
// language, and the template as a pattern of the whole reply.
type replyKind struct {
	key, lang string
	re        *regexp.Regexp
}

// replyVerb finds the arguments and example places of a template.
var replyVerb = regexp.MustCompile(`%(\[\d\])?[sd]|\{(landmark|area|plus_code)\}`)

// replyKinds are the built-in replies' templates, every key in every
// language, as patterns: a reply is read back as the key and language it
// was written in.
func replyKinds(t *testing.T) []replyKind {
	t.Helper()
	r := sms.DefaultReplies()
	var out []replyKind
	for _, lang := range r.Languages() {
		for _, key := range sms.ReplyKeys() {
			tmpl := r.Template(lang, key)
			if tmpl == "" {
				continue
			}
			var b strings.Builder
			b.WriteString("^")
			last := 0
			for _, m := range replyVerb.FindAllStringIndex(tmpl, -1) {
				b.WriteString(regexp.QuoteMeta(sms.ToGSM7(tmpl[last:m[0]])))
				if strings.HasSuffix(tmpl[m[0]:m[1]], "d") {
					b.WriteString(`(\d+)`)
				} else {
					b.WriteString(`(.+?)`)
				}
				last = m[1]
			}
			b.WriteString(regexp.QuoteMeta(sms.ToGSM7(tmpl[last:])) + "$")
			out = append(out, replyKind{key: key, lang: lang, re: regexp.MustCompile(b.String())})
		}
	}
	return out
}

// readReply returns the key and language of a reply ("" when no template
// writes it).
func readReply(kinds []replyKind, reply string) (key, lang string) {
	for _, k := range kinds {
		if k.re.MatchString(reply) {
			return k.key, k.lang
		}
	}
	return "", ""
}

// turn is one message of a resident and the key facts of its reply: the
// template (sms.Reply* key: what the engine did) and its language, what
// it must name (the needs understood, the place) and must not.
type turn struct {
	send      string
	key, lang string
	// review: a moderator verifies the report last filed before the
	// message is sent.
	review bool
	names  []string
	not    []string
}

// menuLabel finds {menu:Label} in a message to send: the number of Label
// on the menu just received.
var menuLabel = regexp.MustCompile(`\{menu:([^}]+)\}`)

// TestResidentConversationsMoreE2E plays, like TestResidentConversationsE2E,
// conversations of kinds the first round did not: the category menu
// answered by a word, by two numbers, by a number off it, by "none"; the
// place question answered by a landmark with another need, a plus code,
// coordinates, "I don't know"; the place first, then the need; STATUS,
// HELP and STOP in the middle; a second report after the first; a
// correction of the need ("not food, water", "hapana, maji") or of the
// place; a thanks after filing; a place name alone; a message of three SMS;
// capitals; emoji; numbers only. Every reply is read back as the template
// and language it was written from, and must name what was understood; a
// receipt carries a reference; the last report filed holds the needs.
func TestResidentConversationsMoreE2E(t *testing.T) {
	w := startResidentCity(t)
	kinds := replyKinds(t)
	long := "Hello, I am writing from our neighbourhood because since the storm last night the river came over the road and many houses are full of water. " +
		"We have children and old people with us and we cannot leave the house because the water is up to the knees in the street. " +
		"The electricity is cut and we have no clean water to drink since yesterday morning. Please send someone to help us, we are near Église Saint Gérard. God bless you."
	if n := sms.GSM7Len(sms.ToGSM7(long)); n <= 2*153 {
		t.Fatalf("the long message is %d septets, not three SMS", n)
	}
	const (
		received, askPlace, askCategory, askCategoryAt = sms.ReplyReportReceived, sms.ReplyAskPlace, sms.ReplyAskCategory, sms.ReplyAskCategoryAt
		placeUnknown, askWords, corrected              = sms.ReplyPlaceUnknown, sms.ReplyAskWords, sms.ReplyPlaceCorrected
		noted                                          = sms.ReplyPlaceNoted
		confirm, status, help, thanks                  = sms.ReplyConfirmPlace, sms.ReplyStatus, sms.ReplyHelp, sms.ReplyThanks
	)
	conversations := []struct {
		name  string
		turns []turn
		// needs are the needs of the last report filed, in order (nil:
		// none must be filed).
		needs []string
		// at is the end of the last report's description (its place), raw
		// a line of its raw text, note the note of a resident's entry in
		// its audit log; "" when not checked.
		at, raw, note string
	}{
		// English.
		{name: "en menu answered by a word", turns: []turn{
			{send: "help us please", key: askCategory, lang: "en"},
			{send: "food", key: askPlace, lang: "en", names: []string{"Food needed"}},
			{send: "Solino", key: received, lang: "en", names: []string{"(Food needed)", "Solino"}},
		}, needs: []string{"food"}},
		{name: "en menu answered by two numbers", turns: []turn{
			{send: "help us please", key: askCategory, lang: "en"},
			{send: "{menu:Food} and {menu:Water}", key: askPlace, lang: "en", names: []string{"Food needed and Water supply"}, not: []string{"Other"}},
			{send: "Bel Air", key: received, lang: "en", names: []string{"(Food needed and Water supply)", "Bel Air"}},
		}, needs: []string{"food", "water_supply"}},
		{name: "en menu answered off it, then right", turns: []turn{
			{send: "help us please", key: askCategory, lang: "en"},
			{send: "9", key: sms.ReplyAskCategoryAgain, lang: "en"},
			{send: "0", key: sms.ReplyAskCategoryAgain, lang: "en"},
			{send: "{menu:Shelter}", key: askPlace, lang: "en", names: []string{"Shelter needed"}},
		}},
		{name: "en menu answered none: a few words asked, then other", turns: []turn{
			{send: "help us please", key: askCategory, lang: "en"},
			{send: "none", key: askWords, lang: "en"},
			{send: "none", key: askPlace, lang: "en", names: []string{"Other"}},
			{send: "Solino", key: received, lang: "en", names: []string{"(Other)"}},
		}, needs: []string{"other"}, raw: "none"},
		{name: "en menu answered none, then the words", turns: []turn{
			{send: "help us please", key: askCategory, lang: "en"},
			{send: "none of these", key: askWords, lang: "en"},
			{send: "the water pipe burst", key: askPlace, lang: "en", names: []string{"Water supply"}, not: []string{"Other"}},
			{send: "Solino", key: received, lang: "en", names: []string{"(Water supply)"}},
		}, needs: []string{"water_supply"}},
		{name: "en place answered with an unknown landmark and a need", turns: []turn{
			{send: "we need food", key: askPlace, lang: "en", names: []string{"Food needed"}},
			{send: "near the market, we need water too", key: askPlace, lang: "en", names: []string{"Food needed and Water supply"}},
			{send: "Marché Salomon", key: received, lang: "en", names: []string{"(Food needed and Water supply)", "Marché Salomon"}},
		}, needs: []string{"food", "water_supply"}},
		{name: "en place answered I don't know", turns: []turn{
			{send: "we need medicine", key: askPlace, lang: "en", names: []string{"Injured / medical"}},
			{send: "I don't know", key: placeUnknown, lang: "en", names: []string{"Injured / medical"}},
			{send: "near Hôpital Saint François", key: received, lang: "en", names: []string{"(Injured / medical)", "Hopital Saint Francois"}},
		}, needs: []string{"medical"}},
		{name: "en place first, then the need", turns: []turn{
			{send: "Bel Air", key: askCategoryAt, lang: "en", names: []string{"near Bel Air?"}},
			{send: "we need water", key: received, lang: "en", names: []string{"(Water supply)", "Bel Air"}},
		}, needs: []string{"water_supply"}},
		{name: "en STATUS mid-conversation, a second report", turns: []turn{
			{send: "fire at Solino", key: received, lang: "en", names: []string{"(Fire)", "Solino"}},
			{send: "we need water", key: askPlace, lang: "en", names: []string{"Water supply"}},
			{send: "STATUS {ref}", key: status, lang: "en", names: []string{"(Fire)"}},
			{send: "Fort National", key: received, lang: "en", names: []string{"(Water supply)", "Fort National"}},
		}, needs: []string{"water_supply"}},
		{name: "en HELP mid-conversation", turns: []turn{
			{send: "we need water", key: askPlace, lang: "en"},
			{send: "HELP", key: help, lang: "en"},
			{send: "Solino", key: received, lang: "en", names: []string{"(Water supply)"}},
		}, needs: []string{"water_supply"}},
		{name: "en a second report, then thanks", turns: []turn{
			{send: "we need water at Solino", key: received, lang: "en", names: []string{"(Water supply)"}},
			{send: "also food at Solino", key: received, lang: "en", names: []string{"(Food needed)"}},
			{send: "thank you", key: thanks, lang: "en"},
		}, needs: []string{"food"}},
		{name: "en correction: not food, water", turns: []turn{
			{send: "we need food", key: askPlace, lang: "en", names: []string{"Food needed"}},
			{send: "not food, water", key: askPlace, lang: "en", names: []string{"Water supply"}, not: []string{"Food"}},
			{send: "Solino", key: received, lang: "en", names: []string{"(Water supply)"}},
		}, needs: []string{"water_supply"}},
		{name: "en correction: sorry, only food", turns: []turn{
			{send: "we need water and food", key: askPlace, lang: "en", names: []string{"Water supply"}},
			{send: "sorry, only food", key: askPlace, lang: "en", names: []string{"Food needed"}, not: []string{"Water"}},
			{send: "Solino", key: received, lang: "en", names: []string{"(Food needed)"}},
		}, needs: []string{"food"}},
		{name: "en no water is a need, not a correction", turns: []turn{
			{send: "we need food", key: askPlace, lang: "en"},
			{send: "no water", key: askPlace, lang: "en", names: []string{"Food needed and Water supply"}},
			{send: "Solino", key: received, lang: "en"},
		}, needs: []string{"food", "water_supply"}},
		{name: "en no before a place corrects nothing", turns: []turn{
			{send: "we need water", key: askPlace, lang: "en"},
			{send: "no, Solino", key: received, lang: "en", names: []string{"(Water supply)", "Solino"}},
		}, needs: []string{"water_supply"}},
		{name: "en no to Near X? answers it, the need is added", turns: []turn{
			{send: "we need water at Bel Air school", key: confirm, lang: "en", names: []string{"Water supply near Bel Air?"}},
			{send: "no, food", key: askPlace, lang: "en", names: []string{"Water supply and Food needed"}},
		}},
		{name: "en the place corrected after filing", turns: []turn{
			{send: "we need water", key: askPlace, lang: "en"},
			{send: "Bel Air", key: received, lang: "en", names: []string{"Bel Air"}},
			{send: "sorry I meant Solino", key: corrected, lang: "en", names: []string{"#{ref} (Water supply)", "near Solino."}},
		}, needs: []string{"water_supply"}, at: "— Solino", raw: "sorry I meant Solino"},
		{name: "en the place corrected after filing, confirmed", turns: []turn{
			{send: "fire at Solino", key: received, lang: "en", names: []string{"(Fire)", "Solino"}},
			{send: "no, Bel Air school", key: confirm, lang: "en", names: []string{"Fire near Bel Air"}},
			{send: "1", key: corrected, lang: "en", names: []string{"#{ref} (Fire)", "near Bel Air"}},
		}, needs: []string{"fire"}, at: "— Bel Air", raw: "no, Bel Air school"},
		{name: "en a place name alone", turns: []turn{
			{send: "Marché Salomon", key: askCategoryAt, lang: "en", names: []string{"near Marché Salomon?"}},
		}},
		{name: "en the place sent again to the menu", turns: []turn{
			{send: "Solino", key: askCategoryAt, lang: "en", names: []string{"near Solino?"}},
			{send: "Solino", key: askCategoryAt, lang: "en", names: []string{"near Solino?"}, not: []string{"Other"}},
			{send: "water", key: received, lang: "en", names: []string{"(Water supply)", "Solino"}},
		}, needs: []string{"water_supply"}},
		{name: "en three SMS, the place at the end", turns: []turn{
			{send: long, key: received, lang: "en", names: []string{"Water supply", "Église Saint Gérard"}},
		}},
		{name: "en all capitals", turns: []turn{
			{send: "WE NEED WATER AT SOLINO", key: received, lang: "en", names: []string{"(Water supply)", "Solino"}},
		}, needs: []string{"water_supply"}},
		{name: "en emoji", turns: []turn{
			{send: "💧💧 we need water 🙏", key: askPlace, lang: "en", names: []string{"Water supply"}},
			{send: "Solino 📍", key: received, lang: "en", names: []string{"(Water supply)", "Solino"}},
		}, needs: []string{"water_supply"}},
		{name: "en numbers only", turns: []turn{
			{send: "123", key: askCategory, lang: "en"},
		}},
		{name: "en a number to the place question", turns: []turn{
			{send: "we need food", key: askPlace, lang: "en"},
			{send: "2", key: askPlace, lang: "en", names: []string{"Food needed"}},
			{send: "Solino", key: received, lang: "en", names: []string{"(Food needed)"}},
		}, needs: []string{"food"}},

		// French.
		{name: "fr menu answered 1,3", turns: []turn{
			{send: "aidez nous svp", key: askCategory, lang: "fr"},
			{send: "{menu:Nourriture},{menu:Eau}", key: askPlace, lang: "fr",
				names: []string{"Besoin de nourriture et Approvisionnement en eau"}, not: []string{"Autre"}},
			{send: "Solino", key: received, lang: "fr", names: []string{"lieu : Solino"}},
		}, needs: []string{"food", "water_supply"}},
		{name: "fr place answered with a plus code", turns: []turn{
			{send: "nous avons besoin d'eau", key: askPlace, lang: "fr"},
			{send: w.market, key: received, lang: "fr", names: []string{"(Approvisionnement en eau)", w.market}},
		}, needs: []string{"water_supply"}},
		{name: "fr place first, then the need", turns: []turn{
			{send: "je suis à Fort National", key: askCategoryAt, lang: "fr", names: []string{"près de Fort National ?"}},
			{send: "pas d'eau depuis 3 jours", key: received, lang: "fr", names: []string{"(Approvisionnement en eau)", "Fort National"}},
		}, needs: []string{"water_supply"}},
		{name: "fr AIDE mid-conversation", turns: []turn{
			{send: "nous avons besoin de nourriture", key: askPlace, lang: "fr"},
			{send: "AIDE", key: help, lang: "fr"},
			{send: "Solino", key: received, lang: "fr", names: []string{"(Besoin de nourriture)"}},
		}, needs: []string{"food"}},
		{name: "fr correction: ce n'est pas l'eau", turns: []turn{
			{send: "nous avons besoin d'eau", key: askPlace, lang: "fr"},
			{send: "ce n'est pas l'eau, c'est la nourriture", key: askPlace, lang: "fr", names: []string{"Besoin de nourriture"}, not: []string{"eau"}},
			{send: "Solino", key: received, lang: "fr", names: []string{"(Besoin de nourriture)"}},
		}, needs: []string{"food"}},
		{name: "fr the place corrected after filing", turns: []turn{
			{send: "nous avons besoin d'eau", key: askPlace, lang: "fr"},
			{send: "Solino", key: received, lang: "fr"},
			{send: "pardon, c'est à Fort National", key: corrected, lang: "fr", names: []string{"#{ref} (Approvisionnement en eau)", "lieu : Fort National."}},
		}, needs: []string{"water_supply"}, at: "— Fort National", raw: "pardon, c'est à Fort National"},
		{name: "fr the place corrected after filing: non, c'est à", turns: []turn{
			{send: "nous avons besoin de nourriture à Solino", key: received, lang: "fr"},
			{send: "non, c'est à Fort National", key: corrected, lang: "fr", names: []string{"#{ref} (Besoin de nourriture)", "Fort National"}},
		}, needs: []string{"food"}, at: "— Fort National"},
		{name: "fr menu answered rien, then the words", turns: []turn{
			{send: "aidez nous svp", key: askCategory, lang: "fr"},
			{send: "rien", key: askWords, lang: "fr"},
			{send: "pas d'eau depuis 3 jours", key: askPlace, lang: "fr", names: []string{"Approvisionnement en eau"}},
		}},
		{name: "fr pas de nourriture is a need", turns: []turn{
			{send: "nous avons besoin d'eau", key: askPlace, lang: "fr"},
			{send: "pas de nourriture non plus", key: askPlace, lang: "fr", names: []string{"Approvisionnement en eau et Besoin de nourriture"}},
		}},

		// Swahili.
		{name: "sw menu answered 2 na 4", turns: []turn{
			{send: "tusaidie", key: askCategory, lang: "sw"},
			{send: "{menu:Chakula} na {menu:Maji}", key: askPlace, lang: "sw", names: []string{"Mahitaji ya chakula na Huduma ya maji"}},
			{send: "Solino", key: received, lang: "sw", names: []string{"karibu na Solino"}},
		}, needs: []string{"food", "water_supply"}},
		{name: "sw place answered with coordinates", turns: []turn{
			{send: "tunahitaji maji", key: askPlace, lang: "sw"},
			{send: "18.5400, -72.3400", key: received, lang: "sw", names: []string{"(Huduma ya maji)", "18.54000, -72.34000"}},
		}, needs: []string{"water_supply"}},
		{name: "sw place answered sijui", turns: []turn{
			{send: "tunahitaji chakula", key: askPlace, lang: "sw"},
			{send: "sijui", key: placeUnknown, lang: "sw", names: []string{"Mahitaji ya chakula"}},
			{send: "Solino", key: received, lang: "sw"},
		}, needs: []string{"food"}},
		{name: "sw correction: hapana, maji", turns: []turn{
			{send: "tunahitaji chakula", key: askPlace, lang: "sw"},
			{send: "hapana, maji", key: askPlace, lang: "sw", names: []string{"Huduma ya maji"}, not: []string{"chakula"}},
			{send: "Solino", key: received, lang: "sw", names: []string{"(Huduma ya maji)"}},
		}, needs: []string{"water_supply"}},
		{name: "sw the place corrected after filing: si …, ni …", turns: []turn{
			{send: "tunahitaji maji Solino", key: received, lang: "sw"},
			{send: "si Solino, ni Fort National", key: corrected, lang: "sw", names: []string{"#{ref} (Huduma ya maji)", "karibu na Fort National."}},
		}, needs: []string{"water_supply"}, at: "— Fort National", raw: "si Solino, ni Fort National"},
		{name: "sw menu answered hakuna twice: other", turns: []turn{
			{send: "tusaidie", key: askCategory, lang: "sw"},
			{send: "hakuna", key: askWords, lang: "sw"},
			{send: "hakuna", key: askPlace, lang: "sw", names: []string{"Nyingine"}},
			{send: "Solino", key: received, lang: "sw", names: []string{"(Nyingine)"}},
		}, needs: []string{"other"}},
		{name: "sw STOP mid-conversation", turns: []turn{
			{send: "tunahitaji maji", key: askPlace, lang: "sw"},
			{send: "STOP", key: sms.ReplyStopped, lang: "sw"},
			{send: "START", key: sms.ReplyStarted, lang: "sw"},
		}},
		{name: "sw thanks after filing", turns: []turn{
			{send: "tunahitaji maji Solino", key: received, lang: "sw"},
			{send: "asante sana", key: thanks, lang: "sw"},
		}, needs: []string{"water_supply"}},
		{name: "sw emoji only to the place question", turns: []turn{
			{send: "tunahitaji chakula 🙏🙏", key: askPlace, lang: "sw"},
			{send: "👍", key: askPlace, lang: "sw", names: []string{"Mahitaji ya chakula"}},
		}},

		// Haitian Creole.
		{name: "ht menu answered 1 3", turns: []turn{
			{send: "ede nou souple", key: askCategory, lang: "ht"},
			{send: "{menu:Manje} {menu:Dlo}", key: askPlace, lang: "ht", names: []string{"Bezwen manje ak Aprovizyonman dlo"}},
			{send: "Bel Air", key: received, lang: "ht"},
		}, needs: []string{"food", "water_supply"}},
		{name: "ht place answered m pa konnen", turns: []turn{
			{send: "nou bezwen dlo", key: askPlace, lang: "ht"},
			{send: "m pa konnen", key: placeUnknown, lang: "ht", names: []string{"Aprovizyonman dlo"}},
			{send: "toupre Eglise Saint Gerard", key: received, lang: "ht", names: []string{"toupre Église Saint Gérard"}},
		}, needs: []string{"water_supply"}},
		{name: "ht place first, then the need", turns: []turn{
			{send: "Solino", key: askCategoryAt, lang: "en", names: []string{"near Solino?"}},
			{send: "nou bezwen manje", key: received, lang: "ht", names: []string{"(Bezwen manje)", "toupre Solino"}},
		}, needs: []string{"food"}},
		{name: "ht correction: se pa dlo, se manje", turns: []turn{
			{send: "nou bezwen dlo", key: askPlace, lang: "ht"},
			{send: "se pa dlo, se manje", key: askPlace, lang: "ht", names: []string{"Bezwen manje"}, not: []string{"dlo"}},
			{send: "Solino", key: received, lang: "ht", names: []string{"(Bezwen manje)"}},
		}, needs: []string{"food"}},
		{name: "ht the place corrected after filing: pa …, se …", turns: []turn{
			{send: "nou bezwen manje Bel Air", key: received, lang: "ht"},
			{send: "pa Bel Air, se Solino", key: corrected, lang: "ht", names: []string{"#{ref} (Bezwen manje)", "toupre Solino."}},
		}, needs: []string{"food"}, at: "— Solino", raw: "pa Bel Air, se Solino"},
		{name: "ht menu answered okenn twice: other", turns: []turn{
			{send: "ede nou souple", key: askCategory, lang: "ht"},
			{send: "okenn", key: askWords, lang: "ht"},
			{send: "okenn", key: askPlace, lang: "ht", names: []string{"Lòt"}},
		}},
		{name: "ht all capitals", turns: []turn{
			{send: "NOU BEZWEN MANJE", key: askPlace, lang: "ht"},
			{send: "BEL AIR", key: received, lang: "ht", names: []string{"(Bezwen manje)", "Bel Air"}},
		}, needs: []string{"food"}},

		// Portuguese.
		{name: "pt menu answered 0, then two numbers", turns: []turn{
			{send: "ajudem", key: askCategory, lang: "pt"},
			{send: "0", key: sms.ReplyAskCategoryAgain, lang: "pt"},
			{send: "{menu:Comida} e {menu:Abrigo}", key: askPlace, lang: "pt", names: []string{"Comida necessaria e Abrigo necessario"}},
			{send: "Fort National", key: received, lang: "pt"},
		}, needs: []string{"food", "shelter"}},
		{name: "pt place answered não sei", turns: []turn{
			{send: "precisamos de comida", key: askPlace, lang: "pt"},
			{send: "não sei", key: placeUnknown, lang: "pt", names: []string{"Comida necessaria"}},
			{send: "Fort National", key: received, lang: "pt"},
		}, needs: []string{"food"}},
		{name: "pt correction: não é água, é comida", turns: []turn{
			{send: "precisamos de água", key: askPlace, lang: "pt"},
			{send: "não é água, é comida", key: askPlace, lang: "pt", names: []string{"Comida necessaria"}, not: []string{"agua"}},
			{send: "Solino", key: received, lang: "pt", names: []string{"(Comida necessaria)"}},
		}, needs: []string{"food"}},
		{name: "pt the place corrected after filing: não, é no …", turns: []turn{
			{send: "precisamos de comida em Solino", key: received, lang: "pt"},
			{send: "não, é no Fort National", key: corrected, lang: "pt", names: []string{"#{ref} (Comida necessaria)", "perto de Fort National."}},
		}, needs: []string{"food"}, at: "— Fort National", raw: "não, é no Fort National"},
		{name: "pt menu answered nenhum, then the words", turns: []turn{
			{send: "ajudem", key: askCategory, lang: "pt"},
			{send: "nenhum", key: askWords, lang: "pt"},
			{send: "precisamos de comida", key: askPlace, lang: "pt", names: []string{"Comida necessaria"}, not: []string{"Outro"}},
		}},
		{name: "pt place answered with coordinates", turns: []turn{
			{send: "preciso de água", key: askPlace, lang: "pt"},
			{send: "18.54,-72.34", key: received, lang: "pt", names: []string{"(Abastecimento de agua)"}},
		}, needs: []string{"water_supply"}},

		// Spanish.
		{name: "es menu answered 9, then a number", turns: []turn{
			{send: "ayúdennos por favor", key: askCategory, lang: "es"},
			{send: "9", key: sms.ReplyAskCategoryAgain, lang: "es"},
			{send: "{menu:Comida}", key: askPlace, lang: "es", names: []string{"Necesita comida"}},
			{send: "Solino", key: received, lang: "es", names: []string{"cerca de Solino"}},
		}, needs: []string{"food"}},
		{name: "es place answered no sé", turns: []turn{
			{send: "necesitamos agua", key: askPlace, lang: "es"},
			{send: "no sé", key: placeUnknown, lang: "es", names: []string{"Suministro de agua"}},
			{send: "Solino", key: received, lang: "es"},
		}, needs: []string{"water_supply"}},
		{name: "es correction: no, perdón, agua", turns: []turn{
			{send: "necesitamos comida", key: askPlace, lang: "es"},
			{send: "no, perdón, agua", key: askPlace, lang: "es", names: []string{"Suministro de agua"}, not: []string{"comida"}},
			{send: "Solino", key: received, lang: "es", names: []string{"(Suministro de agua)"}},
		}, needs: []string{"water_supply"}},
		{name: "es the place corrected after filing: no, en …", turns: []turn{
			{send: "necesitamos agua en Solino", key: received, lang: "es"},
			{send: "no, en Fort National", key: corrected, lang: "es", names: []string{"#{ref} (Suministro de agua)", "cerca de Fort National."}},
		}, needs: []string{"water_supply"}, at: "— Fort National", raw: "no, en Fort National"},
		{name: "es menu answered nada twice: other", turns: []turn{
			{send: "ayúdennos por favor", key: askCategory, lang: "es"},
			{send: "nada", key: askWords, lang: "es"},
			{send: "nada", key: askPlace, lang: "es", names: []string{"Otro"}},
		}},
		{name: "es thanks after filing", turns: []turn{
			{send: "incendio en Solino", key: received, lang: "es", names: []string{"(Incendio)"}},
			{send: "gracias", key: thanks, lang: "es"},
		}, needs: []string{"fire"}},
		{name: "es landmark unknown, another need also", turns: []turn{
			{send: "necesitamos agua", key: askPlace, lang: "es"},
			{send: "cerca del mercado, también comida", key: askPlace, lang: "es", names: []string{"Suministro de agua y Necesita comida"}},
		}},
		// A place corrected after a moderator reviewed the report: not
		// moved, no new report (it got the menu "What is the problem near
		// Fort National?"); the team has the message.
		{name: "en the place corrected after review", turns: []turn{
			{send: "we need water", key: askPlace, lang: "en"},
			{send: "Bel Air", key: received, lang: "en", names: []string{"Bel Air"}},
			{send: "sorry I meant Solino", review: true, key: noted, lang: "en", names: []string{"#{ref} (Water supply)"}},
		}, needs: []string{"water_supply"}, at: "— Bel Air", note: "sorry I meant Solino"},
		{name: "fr the place corrected after review", turns: []turn{
			{send: "nous avons besoin de nourriture à Solino", key: received, lang: "fr"},
			{send: "non, c'est à Fort National", review: true, key: noted, lang: "fr", names: []string{"#{ref} (Besoin de nourriture)"}},
		}, needs: []string{"food"}, at: "— Solino", note: "non, c'est à Fort National"},
		{name: "sw the place corrected after review", turns: []turn{
			{send: "tunahitaji maji Solino", key: received, lang: "sw"},
			{send: "si Solino, ni Fort National", review: true, key: noted, lang: "sw", names: []string{"#{ref} (Huduma ya maji)"}},
		}, needs: []string{"water_supply"}, at: "— Solino", note: "si Solino, ni Fort National"},
		{name: "ht the place corrected after review", turns: []turn{
			{send: "nou bezwen manje Bel Air", key: received, lang: "ht"},
			{send: "pa Bel Air, se Solino", review: true, key: noted, lang: "ht", names: []string{"#{ref} (Bezwen manje)"}},
		}, needs: []string{"food"}, at: "— Bel Air", note: "pa Bel Air, se Solino"},
		{name: "pt the place corrected after review", turns: []turn{
			{send: "precisamos de comida em Solino", key: received, lang: "pt"},
			{send: "não, é no Fort National", review: true, key: noted, lang: "pt", names: []string{"#{ref} (Comida necessaria)"}},
		}, needs: []string{"food"}, at: "— Solino", note: "não, é no Fort National"},
		{name: "es the place corrected after review", turns: []turn{
			{send: "necesitamos agua en Solino", key: received, lang: "es"},
			{send: "no, en Fort National", review: true, key: noted, lang: "es", names: []string{"#{ref} (Suministro de agua)"}},
		}, needs: []string{"water_supply"}, at: "— Solino", note: "no, en Fort National"},
		// "Near X? 1 yes, 2 no" to a place correction answered after a
		// moderator reviewed the report: not moved, the team has the
		// answer (it was read as a new message, as if mtaa forgot); "2"
		// ends the question with the report's status.
		{name: "en Near X? of a correction answered 1 after review", turns: []turn{
			{send: "fire at Solino", key: received, lang: "en", names: []string{"(Fire)", "Solino"}},
			{send: "no, Bel Air school", key: confirm, lang: "en", names: []string{"Fire near Bel Air"}},
			{send: "1", review: true, key: noted, lang: "en", names: []string{"#{ref} (Fire)"}},
		}, needs: []string{"fire"}, at: "— Solino", note: "no, Bel Air school\n1"},
		{name: "en Near X? of a correction answered 2 after review", turns: []turn{
			{send: "fire at Solino", key: received, lang: "en", names: []string{"(Fire)", "Solino"}},
			{send: "no, Bel Air school", key: confirm, lang: "en", names: []string{"Fire near Bel Air"}},
			{send: "2", review: true, key: status, lang: "en", names: []string{"#{ref} (Fire)"}},
		}, needs: []string{"fire"}, at: "— Solino"},
		{name: "sw Near X? of a correction answered ndiyo after review", turns: []turn{
			{send: "tunahitaji maji Solino", key: received, lang: "sw"},
			{send: "hapana, Bel Air school", key: confirm, lang: "sw"},
			{send: "ndiyo", review: true, key: noted, lang: "sw", names: []string{"#{ref} (Huduma ya maji)"}},
		}, needs: []string{"water_supply"}, at: "— Solino", note: "hapana, Bel Air school\nndiyo"},
		{name: "fr Near X? of a correction answered oui after review", turns: []turn{
			{send: "nous avons besoin de nourriture à Solino", key: received, lang: "fr"},
			{send: "non, c'est à Bel Air school", key: confirm, lang: "fr"},
			{send: "oui", review: true, key: noted, lang: "fr", names: []string{"#{ref} (Besoin de nourriture)"}},
		}, needs: []string{"food"}, at: "— Solino", note: "non, c'est à Bel Air school\noui"},
		{name: "es Near X? of a correction answered sí after review", turns: []turn{
			{send: "necesitamos agua en Solino", key: received, lang: "es"},
			{send: "no, en Bel Air school", key: confirm, lang: "es"},
			{send: "sí", review: true, key: noted, lang: "es", names: []string{"#{ref} (Suministro de agua)"}},
		}, needs: []string{"water_supply"}, at: "— Solino", note: "no, en Bel Air school\nsí"},
		{name: "ht Near X? of a correction answered wi after review", turns: []turn{
			{send: "nou bezwen manje Solino", key: received, lang: "ht"},
			{send: "pa Solino, se Bel Air school", key: confirm, lang: "ht"},
			{send: "wi", review: true, key: noted, lang: "ht", names: []string{"#{ref} (Bezwen manje)"}},
		}, needs: []string{"food"}, at: "— Solino", note: "pa Solino, se Bel Air school\nwi"},
	}
	for i, c := range conversations {
		from := fmt.Sprintf("+50938%06d", i)
		var reply, first, last string
		for _, x := range c.turns {
			send := strings.ReplaceAll(x.send, "{ref}", first)
			send = menuLabel.ReplaceAllStringFunc(send, func(m string) string {
				label := menuLabel.FindStringSubmatch(m)[1]
				for _, it := range menuItem.FindAllStringSubmatch(reply, -1) {
					if strings.TrimSpace(it[2]) == label {
						return it[1]
					}
				}
				t.Fatalf("%s: %q is not on the menu %q", c.name, label, reply)
				return ""
			})
			if x.review {
				w.verify(last)
			}
			reply = w.text(from, send)
			t.Logf("%s\n  > %.80q\n  < %q", c.name, send, reply)
			key, lang := readReply(kinds, reply)
			if key != x.key || lang != x.lang {
				t.Errorf("%s: %.80q: got %q, a %s reply in %q; want %s in %q", c.name, send, reply, key, lang, x.key, x.lang)
			}
			for _, s := range x.names {
				if s = strings.ReplaceAll(s, "{ref}", first); !strings.Contains(reply, s) {
					t.Errorf("%s: %.80q: got %q, not naming %q", c.name, send, reply, s)
				}
			}
			for _, s := range x.not {
				if strings.Contains(reply, s) {
					t.Errorf("%s: %.80q: got %q, naming %q", c.name, send, reply, s)
				}
			}
			if n := sms.GSM7Len(reply); n < 0 || n > 160 {
				t.Errorf("%s: %.80q: a reply of %d septets: %q", c.name, send, n, reply)
			}
			if key == received || key == corrected || key == noted {
				m := refInReply.FindStringSubmatch(reply)
				if m == nil {
					t.Fatalf("%s: a receipt without reference: %q", c.name, reply)
				}
				if first == "" {
					first = m[1]
				}
				last = m[1]
			}
		}
		switch {
		case c.needs == nil:
		case last == "":
			t.Errorf("%s: no report filed", c.name)
		default:
			rep := w.report(last)
			if !slices.Equal(rep.Properties.Needs, c.needs) || rep.Properties.Category != c.needs[0] {
				t.Errorf("%s: report #%s has category %q, needs %v; want %v", c.name, last, rep.Properties.Category, rep.Properties.Needs, c.needs)
			}
			if !strings.HasSuffix(rep.Properties.Description, c.at) {
				t.Errorf("%s: report #%s is described %q, not at %q", c.name, last, rep.Properties.Description, c.at)
			}
			if c.raw != "" && !slices.Contains(strings.Split(rep.Properties.RawText, "\n"), c.raw) {
				t.Errorf("%s: report #%s has raw text %q, without %q", c.name, last, rep.Properties.RawText, c.raw)
			}
			if c.note != "" && !slices.Contains(w.residentNotes(last), c.note) {
				t.Errorf("%s: report #%s has no note %q of its resident: %v", c.name, last, c.note, w.residentNotes(last))
			}
		}
	}
	if n := len(conversations); n < 40 {
		t.Errorf("%d conversations, want at least 40", n)
	}
}
