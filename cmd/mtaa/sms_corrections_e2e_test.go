package main

import (
	"testing"

	"github.com/mtaa-project/mtaa/sms"
)

// TestResidentCorrectionsE2E plays conversations through the Twilio
// webhook of `mtaa serve` in which residents correct what mtaa understood:
// the need ("not food, water", "hapana, maji", "se pa dlo, se manje") and
// the place, before filing, after filing (the report moves) and after a
// moderator reviewed it (the report stays, the team has the message as a
// note), the "Near X?" question of a correction answered after review;
// and the near misses that correct nothing ("no water" and "pas de
// nourriture non plus" are needs, "no, Solino" answers the place
// question, "no, food" to "Near X?" adds the need).
func TestResidentCorrectionsE2E(t *testing.T) {
	w := startResidentCity(t)

	conversations := []turnConversation{
		{name: "en correction: not food, water", turns: []turn{
			{send: "we need food", key: sms.ReplyAskPlace, lang: "en", names: []string{"Food needed"}},
			{send: "not food, water", key: sms.ReplyAskPlace, lang: "en", names: []string{"Water supply"}, not: []string{"Food"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Water supply)"}},
		}, needs: []string{"water_supply"}},
		{name: "en correction: sorry, only food", turns: []turn{
			{send: "we need water and food", key: sms.ReplyAskPlace, lang: "en", names: []string{"Water supply"}},
			{send: "sorry, only food", key: sms.ReplyAskPlace, lang: "en", names: []string{"Food needed"}, not: []string{"Water"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Food needed)"}},
		}, needs: []string{"food"}},
		{name: "en no water is a need, not a correction", turns: []turn{
			{send: "we need food", key: sms.ReplyAskPlace, lang: "en"},
			{send: "no water", key: sms.ReplyAskPlace, lang: "en", names: []string{"Food needed and Water supply"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "en"},
		}, needs: []string{"food", "water_supply"}},
		{name: "en no before a place corrects nothing", turns: []turn{
			{send: "we need water", key: sms.ReplyAskPlace, lang: "en"},
			{send: "no, Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Water supply)", "Solino"}},
		}, needs: []string{"water_supply"}},
		{name: "en no to Near X? answers it, the need is added", turns: []turn{
			{send: "we need water at Bel Air school", key: sms.ReplyConfirmPlace, lang: "en", names: []string{"Water supply near Bel Air?"}},
			{send: "no, food", key: sms.ReplyAskPlace, lang: "en", names: []string{"Water supply and Food needed"}},
		}},
		{name: "en the place corrected after filing", turns: []turn{
			{send: "we need water", key: sms.ReplyAskPlace, lang: "en"},
			{send: "Bel Air", key: sms.ReplyReportReceived, lang: "en", names: []string{"Bel Air"}},
			{send: "sorry I meant Solino", key: sms.ReplyPlaceCorrected, lang: "en", names: []string{"#{ref} (Water supply)", "near Solino."}},
		}, needs: []string{"water_supply"}, at: "— Solino", raw: "sorry I meant Solino"},
		{name: "en the place corrected after filing, confirmed", turns: []turn{
			{send: "fire at Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Fire)", "Solino"}},
			{send: "no, Bel Air school", key: sms.ReplyConfirmPlace, lang: "en", names: []string{"Fire near Bel Air"}},
			{send: "1", key: sms.ReplyPlaceCorrected, lang: "en", names: []string{"#{ref} (Fire)", "near Bel Air"}},
		}, needs: []string{"fire"}, at: "— Bel Air", raw: "no, Bel Air school"},
		{name: "fr correction: ce n'est pas l'eau", turns: []turn{
			{send: "nous avons besoin d'eau", key: sms.ReplyAskPlace, lang: "fr"},
			{send: "ce n'est pas l'eau, c'est la nourriture", key: sms.ReplyAskPlace, lang: "fr", names: []string{"Besoin de nourriture"}, not: []string{"eau"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "fr", names: []string{"(Besoin de nourriture)"}},
		}, needs: []string{"food"}},
		{name: "fr the place corrected after filing", turns: []turn{
			{send: "nous avons besoin d'eau", key: sms.ReplyAskPlace, lang: "fr"},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "fr"},
			{send: "pardon, c'est à Fort National", key: sms.ReplyPlaceCorrected, lang: "fr", names: []string{"#{ref} (Approvisionnement en eau)", "lieu : Fort National."}},
		}, needs: []string{"water_supply"}, at: "— Fort National", raw: "pardon, c'est à Fort National"},
		{name: "fr the place corrected after filing: non, c'est à", turns: []turn{
			{send: "nous avons besoin de nourriture à Solino", key: sms.ReplyReportReceived, lang: "fr"},
			{send: "non, c'est à Fort National", key: sms.ReplyPlaceCorrected, lang: "fr", names: []string{"#{ref} (Besoin de nourriture)", "Fort National"}},
		}, needs: []string{"food"}, at: "— Fort National"},
		{name: "fr pas de nourriture is a need", turns: []turn{
			{send: "nous avons besoin d'eau", key: sms.ReplyAskPlace, lang: "fr"},
			{send: "pas de nourriture non plus", key: sms.ReplyAskPlace, lang: "fr", names: []string{"Approvisionnement en eau et Besoin de nourriture"}},
		}},
		{name: "sw correction: hapana, maji", turns: []turn{
			{send: "tunahitaji chakula", key: sms.ReplyAskPlace, lang: "sw"},
			{send: "hapana, maji", key: sms.ReplyAskPlace, lang: "sw", names: []string{"Huduma ya maji"}, not: []string{"chakula"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "sw", names: []string{"(Huduma ya maji)"}},
		}, needs: []string{"water_supply"}},
		{name: "sw the place corrected after filing: si …, ni …", turns: []turn{
			{send: "tunahitaji maji Solino", key: sms.ReplyReportReceived, lang: "sw"},
			{send: "si Solino, ni Fort National", key: sms.ReplyPlaceCorrected, lang: "sw", names: []string{"#{ref} (Huduma ya maji)", "karibu na Fort National."}},
		}, needs: []string{"water_supply"}, at: "— Fort National", raw: "si Solino, ni Fort National"},
		{name: "ht correction: se pa dlo, se manje", turns: []turn{
			{send: "nou bezwen dlo", key: sms.ReplyAskPlace, lang: "ht"},
			{send: "se pa dlo, se manje", key: sms.ReplyAskPlace, lang: "ht", names: []string{"Bezwen manje"}, not: []string{"dlo"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "ht", names: []string{"(Bezwen manje)"}},
		}, needs: []string{"food"}},
		{name: "ht the place corrected after filing: pa …, se …", turns: []turn{
			{send: "nou bezwen manje Bel Air", key: sms.ReplyReportReceived, lang: "ht"},
			{send: "pa Bel Air, se Solino", key: sms.ReplyPlaceCorrected, lang: "ht", names: []string{"#{ref} (Bezwen manje)", "toupre Solino."}},
		}, needs: []string{"food"}, at: "— Solino", raw: "pa Bel Air, se Solino"},
		{name: "pt correction: não é água, é comida", turns: []turn{
			{send: "precisamos de água", key: sms.ReplyAskPlace, lang: "pt"},
			{send: "não é água, é comida", key: sms.ReplyAskPlace, lang: "pt", names: []string{"Comida necessaria"}, not: []string{"agua"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "pt", names: []string{"(Comida necessaria)"}},
		}, needs: []string{"food"}},
		{name: "pt the place corrected after filing: não, é no …", turns: []turn{
			{send: "precisamos de comida em Solino", key: sms.ReplyReportReceived, lang: "pt"},
			{send: "não, é no Fort National", key: sms.ReplyPlaceCorrected, lang: "pt", names: []string{"#{ref} (Comida necessaria)", "perto de Fort National."}},
		}, needs: []string{"food"}, at: "— Fort National", raw: "não, é no Fort National"},
		{name: "es correction: no, perdón, agua", turns: []turn{
			{send: "necesitamos comida", key: sms.ReplyAskPlace, lang: "es"},
			{send: "no, perdón, agua", key: sms.ReplyAskPlace, lang: "es", names: []string{"Suministro de agua"}, not: []string{"comida"}},
			{send: "Solino", key: sms.ReplyReportReceived, lang: "es", names: []string{"(Suministro de agua)"}},
		}, needs: []string{"water_supply"}},
		{name: "es the place corrected after filing: no, en …", turns: []turn{
			{send: "necesitamos agua en Solino", key: sms.ReplyReportReceived, lang: "es"},
			{send: "no, en Fort National", key: sms.ReplyPlaceCorrected, lang: "es", names: []string{"#{ref} (Suministro de agua)", "cerca de Fort National."}},
		}, needs: []string{"water_supply"}, at: "— Fort National", raw: "no, en Fort National"},
		// A place corrected after a moderator reviewed the report: not
		// moved, no new report (it got the menu "What is the problem near
		// Fort National?"); the team has the message.
		{name: "en the place corrected after review", turns: []turn{
			{send: "we need water", key: sms.ReplyAskPlace, lang: "en"},
			{send: "Bel Air", key: sms.ReplyReportReceived, lang: "en", names: []string{"Bel Air"}},
			{send: "sorry I meant Solino", review: true, key: sms.ReplyPlaceNoted, lang: "en", names: []string{"#{ref} (Water supply)"}},
		}, needs: []string{"water_supply"}, at: "— Bel Air", note: "sorry I meant Solino"},
		{name: "fr the place corrected after review", turns: []turn{
			{send: "nous avons besoin de nourriture à Solino", key: sms.ReplyReportReceived, lang: "fr"},
			{send: "non, c'est à Fort National", review: true, key: sms.ReplyPlaceNoted, lang: "fr", names: []string{"#{ref} (Besoin de nourriture)"}},
		}, needs: []string{"food"}, at: "— Solino", note: "non, c'est à Fort National"},
		{name: "sw the place corrected after review", turns: []turn{
			{send: "tunahitaji maji Solino", key: sms.ReplyReportReceived, lang: "sw"},
			{send: "si Solino, ni Fort National", review: true, key: sms.ReplyPlaceNoted, lang: "sw", names: []string{"#{ref} (Huduma ya maji)"}},
		}, needs: []string{"water_supply"}, at: "— Solino", note: "si Solino, ni Fort National"},
		{name: "ht the place corrected after review", turns: []turn{
			{send: "nou bezwen manje Bel Air", key: sms.ReplyReportReceived, lang: "ht"},
			{send: "pa Bel Air, se Solino", review: true, key: sms.ReplyPlaceNoted, lang: "ht", names: []string{"#{ref} (Bezwen manje)"}},
		}, needs: []string{"food"}, at: "— Bel Air", note: "pa Bel Air, se Solino"},
		{name: "pt the place corrected after review", turns: []turn{
			{send: "precisamos de comida em Solino", key: sms.ReplyReportReceived, lang: "pt"},
			{send: "não, é no Fort National", review: true, key: sms.ReplyPlaceNoted, lang: "pt", names: []string{"#{ref} (Comida necessaria)"}},
		}, needs: []string{"food"}, at: "— Solino", note: "não, é no Fort National"},
		{name: "es the place corrected after review", turns: []turn{
			{send: "necesitamos agua en Solino", key: sms.ReplyReportReceived, lang: "es"},
			{send: "no, en Fort National", review: true, key: sms.ReplyPlaceNoted, lang: "es", names: []string{"#{ref} (Suministro de agua)"}},
		}, needs: []string{"water_supply"}, at: "— Solino", note: "no, en Fort National"},
		// "Near X? 1 yes, 2 no" to a place correction answered after a
		// moderator reviewed the report: not moved, the team has the
		// answer (it was read as a new message, as if mtaa forgot); "2"
		// ends the question with the report's status.
		{name: "en Near X? of a correction answered 1 after review", turns: []turn{
			{send: "fire at Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Fire)", "Solino"}},
			{send: "no, Bel Air school", key: sms.ReplyConfirmPlace, lang: "en", names: []string{"Fire near Bel Air"}},
			{send: "1", review: true, key: sms.ReplyPlaceNoted, lang: "en", names: []string{"#{ref} (Fire)"}},
		}, needs: []string{"fire"}, at: "— Solino", note: "no, Bel Air school\n1"},
		{name: "en Near X? of a correction answered 2 after review", turns: []turn{
			{send: "fire at Solino", key: sms.ReplyReportReceived, lang: "en", names: []string{"(Fire)", "Solino"}},
			{send: "no, Bel Air school", key: sms.ReplyConfirmPlace, lang: "en", names: []string{"Fire near Bel Air"}},
			{send: "2", review: true, key: sms.ReplyStatus, lang: "en", names: []string{"#{ref} (Fire)"}},
		}, needs: []string{"fire"}, at: "— Solino"},
		{name: "sw Near X? of a correction answered ndiyo after review", turns: []turn{
			{send: "tunahitaji maji Solino", key: sms.ReplyReportReceived, lang: "sw"},
			{send: "hapana, Bel Air school", key: sms.ReplyConfirmPlace, lang: "sw"},
			{send: "ndiyo", review: true, key: sms.ReplyPlaceNoted, lang: "sw", names: []string{"#{ref} (Huduma ya maji)"}},
		}, needs: []string{"water_supply"}, at: "— Solino", note: "hapana, Bel Air school\nndiyo"},
		{name: "fr Near X? of a correction answered oui after review", turns: []turn{
			{send: "nous avons besoin de nourriture à Solino", key: sms.ReplyReportReceived, lang: "fr"},
			{send: "non, c'est à Bel Air school", key: sms.ReplyConfirmPlace, lang: "fr"},
			{send: "oui", review: true, key: sms.ReplyPlaceNoted, lang: "fr", names: []string{"#{ref} (Besoin de nourriture)"}},
		}, needs: []string{"food"}, at: "— Solino", note: "non, c'est à Bel Air school\noui"},
		{name: "es Near X? of a correction answered sí after review", turns: []turn{
			{send: "necesitamos agua en Solino", key: sms.ReplyReportReceived, lang: "es"},
			{send: "no, en Bel Air school", key: sms.ReplyConfirmPlace, lang: "es"},
			{send: "sí", review: true, key: sms.ReplyPlaceNoted, lang: "es", names: []string{"#{ref} (Suministro de agua)"}},
		}, needs: []string{"water_supply"}, at: "— Solino", note: "no, en Bel Air school\nsí"},
		{name: "ht Near X? of a correction answered wi after review", turns: []turn{
			{send: "nou bezwen manje Solino", key: sms.ReplyReportReceived, lang: "ht"},
			{send: "pa Solino, se Bel Air school", key: sms.ReplyConfirmPlace, lang: "ht"},
			{send: "wi", review: true, key: sms.ReplyPlaceNoted, lang: "ht", names: []string{"#{ref} (Bezwen manje)"}},
		}, needs: []string{"food"}, at: "— Solino", note: "pa Solino, se Bel Air school\nwi"},
	}
	w.playTurns(t, "+50939", conversations)
	if n := len(conversations); n < 30 {
		t.Errorf("%d conversations, want at least 30", n)
	}
}
