package main

import (
	"testing"

	"github.com/mtaa-project/mtaa/sms"
)

// TestResidentAnswersE2E plays conversations through the Twilio webhook
// of `mtaa serve` (see TestResidentConversationsE2E) in which residents
// answer mtaa's questions in every way they do: the category menu
// answered by a word, by two numbers, by a number off it, by "none"; the
// place question answered by a landmark with another need, a plus code,
// coordinates, "I don't know"; the place first, then the need; STATUS,
// HELP and STOP in the middle; a second report after the first; a thanks
// after filing; a place name alone; a message of three SMS; capitals;
// emoji; numbers only. Every reply is read back as the template and
// language it was written from and must name what was understood; a
// receipt carries a reference; the last report filed holds the needs.
func TestResidentAnswersE2E(t *testing.T) {
	w := startResidentCity(t)
	long := "Hello, I am writing from our neighbourhood because since the storm last night the river came over the road and many houses are full of water. " +
		"We have children and old people with us and we cannot leave the house because the water is up to the knees in the street. " +
		"The electricity is cut and we have no clean water to drink since yesterday morning. Please send someone to help us, we are near Église Saint Gérard. God bless you."
	if n := sms.GSM7Len(sms.ToGSM7(long)); n <= 2*153 {
		t.Fatalf("the long message is %d septets, not three SMS", n)
	}
	conversations := []turnConversation{
		{name: "en menu answered by a word", turns: []turn{
			{send: "help us please", key: sms.ReplyAskCategory, lang: "en"},
			{send: "food", key: sms.ReplyAskPlace, lang: "en", names: []string{"Food needed"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Food needed)", "Solino"}},
		}, needs: []string{"food"}},
		{name: "en menu answered by two numbers", turns: []turn{
			{send: "help us please", key: sms.ReplyAskCategory, lang: "en"},
			{send: "{menu:Food} and {menu:Water}", key: sms.ReplyAskPlace, lang: "en", names: []string{"Food needed and Water supply"}, not: []string{"Other"}},
			{send: "Bel Air", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Food needed and Water supply)", "Bel Air"}},
		}, needs: []string{"food", "water_supply"}},
		{name: "en menu answered off it, then right", turns: []turn{
			{send: "help us please", key: sms.ReplyAskCategory, lang: "en"},
			{send: "9", key: sms.ReplyAskCategoryAgain, lang: "en"},
			{send: "0", key: sms.ReplyAskCategoryAgain, lang: "en"},
			{send: "{menu:Shelter}", key: sms.ReplyAskPlace, lang: "en", names: []string{"Shelter needed"}},
		}},
		{name: "en menu answered none: a few words asked, then other", turns: []turn{
			{send: "help us please", key: sms.ReplyAskCategory, lang: "en"},
			{send: "none", key: sms.ReplyAskWords, lang: "en"},
			{send: "none", key: sms.ReplyAskPlace, lang: "en", names: []string{"Other"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Other)"}},
		}, needs: []string{"other"}, raw: "none"},
		{name: "en menu answered none, then the words", turns: []turn{
			{send: "help us please", key: sms.ReplyAskCategory, lang: "en"},
			{send: "none of these", key: sms.ReplyAskWords, lang: "en"},
			{send: "the water pipe burst", key: sms.ReplyAskPlace, lang: "en", names: []string{"Water supply"}, not: []string{"Other"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Water supply)"}},
		}, needs: []string{"water_supply"}},
		{name: "en place answered with an unknown landmark and a need", turns: []turn{
			{send: "we need food", key: sms.ReplyAskPlace, lang: "en", names: []string{"Food needed"}},
			{send: "near the market, we need water too", key: sms.ReplyAskPlace, lang: "en", names: []string{"Food needed and Water supply"}},
			{send: "Marché Salomon", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Food needed and Water supply)", "Marché Salomon"}},
		}, needs: []string{"food", "water_supply"}},
		{name: "en place answered I don't know", turns: []turn{
			{send: "we need medicine", key: sms.ReplyAskPlace, lang: "en", names: []string{"Injured / medical"}},
			{send: "I don't know", key: sms.ReplyPlaceUnknown, lang: "en", names: []string{"Injured / medical"}},
			{send: "near Hôpital Saint François", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Injured / medical)", "Hopital Saint Francois"}},
		}, needs: []string{"medical"}},
		{name: "en place first, then the need", turns: []turn{
			{send: "Bel Air", key: sms.ReplyAskCategoryAt, lang: "en", names: []string{"near Bel Air?"}},
			{send: "we need water", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Water supply)", "Bel Air"}},
		}, needs: []string{"water_supply"}},
		{name: "en STATUS mid-conversation, a second report", turns: []turn{
			{send: "fire at Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Fire)", "Solino"}},
			{send: "we need water", key: sms.ReplyAskPlace, lang: "en", names: []string{"Water supply"}},
			{send: "STATUS {ref}", key: sms.ReplyStatus, lang: "en", names: []string{"(Fire)"}},
			{send: "Fort National", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Water supply)", "Fort National"}},
		}, needs: []string{"water_supply"}},
		{name: "en HELP mid-conversation", turns: []turn{
			{send: "we need water", key: sms.ReplyAskPlace, lang: "en"},
			{send: "HELP", key: sms.ReplyHelp, lang: "en"},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Water supply)"}},
		}, needs: []string{"water_supply"}},
		{name: "en a second report, then thanks", turns: []turn{
			{send: "we need water at Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Water supply)"}},
			{send: "also food at Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Food needed)"}},
			{send: "thank you", key: sms.ReplyThanks, lang: "en"},
		}, needs: []string{"food"}},
		{name: "en a place name alone", turns: []turn{
			{send: "Marché Salomon", key: sms.ReplyAskCategoryAt, lang: "en", names: []string{"near Marché Salomon?"}},
		}},
		{name: "en the place sent again to the menu", turns: []turn{
			{send: "Solino", key: sms.ReplyAskCategoryAt, lang: "en", names: []string{"near Solino?"}},
			{send: "Solino", key: sms.ReplyAskCategoryAt, lang: "en", names: []string{"near Solino?"}, not: []string{"Other"}},
			{send: "water", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Water supply)", "Solino"}},
		}, needs: []string{"water_supply"}},
		{name: "en three SMS, the place at the end", turns: []turn{
			{send: long, key: sms.ReplyReportReceived, lang: "en", names: []string{"Water supply", "Église Saint Gérard"}},
		}},
		{name: "en all capitals", turns: []turn{
			{send: "WE NEED WATER AT SOLINO", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Water supply)", "Solino"}},
		}, needs: []string{"water_supply"}},
		{name: "en emoji", turns: []turn{
			{send: "💧💧 we need water 🙏", key: sms.ReplyAskPlace, lang: "en", names: []string{"Water supply"}},
			{send: "Solino 📍", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Water supply)", "Solino"}},
		}, needs: []string{"water_supply"}},
		{name: "en numbers only", turns: []turn{
			{send: "123", key: sms.ReplyAskCategory, lang: "en"},
		}},
		{name: "en a number to the place question", turns: []turn{
			{send: "we need food", key: sms.ReplyAskPlace, lang: "en"},
			{send: "2", key: sms.ReplyAskPlace, lang: "en", names: []string{"Food needed"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Food needed)"}},
		}, needs: []string{"food"}},
		{name: "fr menu answered 1,3", turns: []turn{
			{send: "aidez nous svp", key: sms.ReplyAskCategory, lang: "fr"},
			{send: "{menu:Nourriture},{menu:Eau}", key: sms.ReplyAskPlace, lang: "fr",
				names: []string{"Besoin de nourriture et Approvisionnement en eau"}, not: []string{"Autre"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "fr", names: []string{"lieu : Solino"}},
		}, needs: []string{"food", "water_supply"}},
		{name: "fr place answered with a plus code", turns: []turn{
			{send: "nous avons besoin d'eau", key: sms.ReplyAskPlace, lang: "fr"},
			{send: w.market, key: sms.ReplyReportReceived, lang: "fr", names: []string{"(Approvisionnement en eau)", w.market}},
		}, needs: []string{"water_supply"}},
		{name: "fr place first, then the need", turns: []turn{
			{send: "je suis à Fort National", key: sms.ReplyAskCategoryAt, lang: "fr", names: []string{"près de Fort National ?"}},
			{send: "pas d'eau depuis 3 jours", key: sms.ReplyReportReceived, lang: "fr", names: []string{"(Approvisionnement en eau)", "Fort National"}},
		}, needs: []string{"water_supply"}},
		{name: "fr AIDE mid-conversation", turns: []turn{
			{send: "nous avons besoin de nourriture", key: sms.ReplyAskPlace, lang: "fr"},
			{send: "AIDE", key: sms.ReplyHelp, lang: "fr"},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "fr", names: []string{"(Besoin de nourriture)"}},
		}, needs: []string{"food"}},
		{name: "fr menu answered rien, then the words", turns: []turn{
			{send: "aidez nous svp", key: sms.ReplyAskCategory, lang: "fr"},
			{send: "rien", key: sms.ReplyAskWords, lang: "fr"},
			{send: "pas d'eau depuis 3 jours", key: sms.ReplyAskPlace, lang: "fr", names: []string{"Approvisionnement en eau"}},
		}},
		{name: "sw menu answered 2 na 4", turns: []turn{
			{send: "tusaidie", key: sms.ReplyAskCategory, lang: "sw"},
			{send: "{menu:Chakula} na {menu:Maji}", key: sms.ReplyAskPlace, lang: "sw", names: []string{"Mahitaji ya chakula na Huduma ya maji"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "sw", names: []string{"karibu na Solino"}},
		}, needs: []string{"food", "water_supply"}},
		{name: "sw place answered with coordinates", turns: []turn{
			{send: "tunahitaji maji", key: sms.ReplyAskPlace, lang: "sw"},
			{send: "18.5400, -72.3400", key: sms.ReplyReportReceived, lang: "sw", names: []string{"(Huduma ya maji)", "18.54000, -72.34000"}},
		}, needs: []string{"water_supply"}},
		{name: "sw place answered sijui", turns: []turn{
			{send: "tunahitaji chakula", key: sms.ReplyAskPlace, lang: "sw"},
			{send: "sijui", key: sms.ReplyPlaceUnknown, lang: "sw", names: []string{"Mahitaji ya chakula"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "sw"},
		}, needs: []string{"food"}},
		{name: "sw menu answered hakuna twice: other", turns: []turn{
			{send: "tusaidie", key: sms.ReplyAskCategory, lang: "sw"},
			{send: "hakuna", key: sms.ReplyAskWords, lang: "sw"},
			{send: "hakuna", key: sms.ReplyAskPlace, lang: "sw", names: []string{"Nyingine"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "sw", names: []string{"(Nyingine)"}},
		}, needs: []string{"other"}},
		{name: "sw STOP mid-conversation", turns: []turn{
			{send: "tunahitaji maji", key: sms.ReplyAskPlace, lang: "sw"},
			{send: "STOP", key: sms.ReplyStopped, lang: "sw"},
			{send: "START", key: sms.ReplyStarted, lang: "sw"},
		}},
		{name: "sw thanks after filing", turns: []turn{
			{send: "tunahitaji maji Solino", key: sms.ReplyReportReceived, lang: "sw"},
			{send: "asante sana", key: sms.ReplyThanks, lang: "sw"},
		}, needs: []string{"water_supply"}},
		{name: "sw emoji only to the place question", turns: []turn{
			{send: "tunahitaji chakula 🙏🙏", key: sms.ReplyAskPlace, lang: "sw"},
			{send: "👍", key: sms.ReplyAskPlace, lang: "sw", names: []string{"Mahitaji ya chakula"}},
		}},
		{name: "ht menu answered 1 3", turns: []turn{
			{send: "ede nou souple", key: sms.ReplyAskCategory, lang: "ht"},
			{send: "{menu:Manje} {menu:Dlo}", key: sms.ReplyAskPlace, lang: "ht", names: []string{"Bezwen manje ak Aprovizyonman dlo"}},
			{send: "Bel Air", key: sms.ReplyReportReceived, lang: "ht"},
		}, needs: []string{"food", "water_supply"}},
		{name: "ht place answered m pa konnen", turns: []turn{
			{send: "nou bezwen dlo", key: sms.ReplyAskPlace, lang: "ht"},
			{send: "m pa konnen", key: sms.ReplyPlaceUnknown, lang: "ht", names: []string{"Aprovizyonman dlo"}},
			{send: "toupre Eglise Saint Gerard", key: sms.ReplyReportReceived, lang: "ht", names: []string{"toupre Église Saint Gérard"}},
		}, needs: []string{"water_supply"}},
		{name: "ht place first, then the need", turns: []turn{
			{send: "Solino", key: sms.ReplyAskCategoryAt, lang: "en", names: []string{"near Solino?"}},
			{send: "nou bezwen manje", key: sms.ReplyReportReceived, lang: "ht", names: []string{"(Bezwen manje)", "toupre Solino"}},
		}, needs: []string{"food"}},
		{name: "ht menu answered okenn twice: other", turns: []turn{
			{send: "ede nou souple", key: sms.ReplyAskCategory, lang: "ht"},
			{send: "okenn", key: sms.ReplyAskWords, lang: "ht"},
			{send: "okenn", key: sms.ReplyAskPlace, lang: "ht", names: []string{"Lòt"}},
		}},
		{name: "ht all capitals", turns: []turn{
			{send: "NOU BEZWEN MANJE", key: sms.ReplyAskPlace, lang: "ht"},
			{send: "BEL AIR", key: sms.ReplyReportReceived, lang: "ht", names: []string{"(Bezwen manje)", "Bel Air"}},
		}, needs: []string{"food"}},
		{name: "pt menu answered 0, then two numbers", turns: []turn{
			{send: "ajudem", key: sms.ReplyAskCategory, lang: "pt"},
			{send: "0", key: sms.ReplyAskCategoryAgain, lang: "pt"},
			{send: "{menu:Comida} e {menu:Abrigo}", key: sms.ReplyAskPlace, lang: "pt", names: []string{"Comida necessaria e Abrigo necessario"}},
			{send: "Fort National", key: sms.ReplyReportReceived, lang: "pt"},
		}, needs: []string{"food", "shelter"}},
		{name: "pt place answered não sei", turns: []turn{
			{send: "precisamos de comida", key: sms.ReplyAskPlace, lang: "pt"},
			{send: "não sei", key: sms.ReplyPlaceUnknown, lang: "pt", names: []string{"Comida necessaria"}},
			{send: "Fort National", key: sms.ReplyReportReceived, lang: "pt"},
		}, needs: []string{"food"}},
		{name: "pt menu answered nenhum, then the words", turns: []turn{
			{send: "ajudem", key: sms.ReplyAskCategory, lang: "pt"},
			{send: "nenhum", key: sms.ReplyAskWords, lang: "pt"},
			{send: "precisamos de comida", key: sms.ReplyAskPlace, lang: "pt", names: []string{"Comida necessaria"}, not: []string{"Outro"}},
		}},
		{name: "pt place answered with coordinates", turns: []turn{
			{send: "preciso de água", key: sms.ReplyAskPlace, lang: "pt"},
			{send: "18.54,-72.34", key: sms.ReplyReportReceived, lang: "pt", names: []string{"(Abastecimento de agua)"}},
		}, needs: []string{"water_supply"}},
		{name: "es menu answered 9, then a number", turns: []turn{
			{send: "ayúdennos por favor", key: sms.ReplyAskCategory, lang: "es"},
			{send: "9", key: sms.ReplyAskCategoryAgain, lang: "es"},
			{send: "{menu:Comida}", key: sms.ReplyAskPlace, lang: "es", names: []string{"Necesita comida"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "es", names: []string{"cerca de Solino"}},
		}, needs: []string{"food"}},
		{name: "es place answered no sé", turns: []turn{
			{send: "necesitamos agua", key: sms.ReplyAskPlace, lang: "es"},
			{send: "no sé", key: sms.ReplyPlaceUnknown, lang: "es", names: []string{"Suministro de agua"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "es"},
		}, needs: []string{"water_supply"}},
		{name: "es menu answered nada twice: other", turns: []turn{
			{send: "ayúdennos por favor", key: sms.ReplyAskCategory, lang: "es"},
			{send: "nada", key: sms.ReplyAskWords, lang: "es"},
			{send: "nada", key: sms.ReplyAskPlace, lang: "es", names: []string{"Otro"}},
		}},
		{name: "es thanks after filing", turns: []turn{
			{send: "incendio en Solino", key: sms.ReplyReportReceived, lang: "es", names: []string{"(Incendio)"}},
			{send: "gracias", key: sms.ReplyThanks, lang: "es"},
		}, needs: []string{"fire"}},
		{name: "es landmark unknown, another need also", turns: []turn{
			{send: "necesitamos agua", key: sms.ReplyAskPlace, lang: "es"},
			{send: "cerca del mercado, también comida", key: sms.ReplyAskPlace, lang: "es", names: []string{"Suministro de agua y Necesita comida"}},
		}},
	}
	w.playTurns(t, "+50938", conversations)
	if n := len(conversations); n < 40 {
		t.Errorf("%d conversations, want at least 40", n)
	}
}
