package classify_test

import "testing"

// moreLanguageMessages are more short messages of the six languages:
// code-mixed ones (a need's word in English amid another language),
// ones holding place names of Dar es Salaam, Monrovia, Port-au-Prince,
// Maputo and Lima and brand names (operators, banks), and injuries told
// by a Swahili verb alone. Written from knowledge of the languages, not
// from the corpus.
var moreLanguageMessages = []struct{ lang, text string }{
	// English.
	{"en", "Vodacom network down in Mbezi"},
	{"en", "no light at Congo Town since yesterday"},
	{"en", "send help to Cite Soleil"},
	{"en", "my leg is broken"},
	{"en", "the bridge at Jangwani is gone"},
	{"en", "M-Pesa agent closed, no cash"},
	{"en", "kids sick with diarrhea"},
	{"en", "water came into the house"},
	{"en", "thanks we are ok now"},
	{"en", "Orange network down"},
	{"en", "pls help old lady alone"},
	{"en", "people sleeping at the church"},
	{"en", "Lonestar: buy 1GB for $2"},
	// French.
	{"fr", "pas d'eau à Pétion-Ville"},
	{"fr", "on a faim"},
	{"fr", "ma maison est tombée"},
	{"fr", "il y a des blessés à Delmas"},
	{"fr", "merci beaucoup"},
	{"fr", "besoin d'aide svp"},
	{"fr", "Digicel: rechargez et gagnez le double"},
	{"fr", "mon fils est malade"},
	{"fr", "la route est bloquée"},
	{"fr", "nous avons besoin de tentes"},
	{"fr", "il pleut encore"},
	{"fr", "je suis à Carrefour"},
	{"fr", "les enfants ont froid"},
	// Swahili.
	{"sw", "nimeumia mguu siwezi kutembea"},
	{"sw", "ameanguka na kuvunjika mkono"},
	{"sw", "mtoto anaumwa sana"},
	{"sw", "tumekosa chakula"},
	{"sw", "maji yamejaa ndani"},
	{"sw", "hatuna maji Tandale"},
	{"sw", "nyumba imeanguka Mbagala"},
	{"sw", "asante sana"},
	{"sw", "tunaomba msaada wa chakula"},
	{"sw", "nimepoteza mtoto wangu"},
	{"sw", "Vodacom: nunua kifurushi cha GB 1"},
	{"sw", "barabara imefungwa Jangwani"},
	{"sw", "umeme umekatika"},
	{"sw", "mvua inanyesha bado"},
	// Portuguese.
	{"pt", "estamos sem água no bairro"},
	{"pt", "a casa caiu"},
	{"pt", "obrigado pela ajuda"},
	{"pt", "Vodacom: recarregue e ganhe o dobro"},
	{"pt", "meu filho está doente"},
	{"pt", "a estrada está cortada"},
	{"pt", "perdemos tudo"},
	{"pt", "precisamos de comida em Maputo"},
	{"pt", "não há luz"},
	{"pt", "temos fome"},
	{"pt", "a água entrou em casa"},
	{"pt", "ajuda por favor"},
	{"pt", "falta água na Matola"},
	// Spanish.
	{"es", "Movistar: recarga S/10 y obtén el doble de megas"},
	{"es", "Claro: recarga hoy y obtén 2GB"},
	{"es", "se cayó mi casa"},
	{"es", "no hay agua en San Juan de Lurigancho"},
	{"es", "mi hijo está enfermo"},
	{"es", "la carretera está bloqueada"},
	{"es", "gracias por la ayuda"},
	{"es", "necesitamos carpas"},
	{"es", "sigue lloviendo"},
	{"es", "perdimos todo"},
	{"es", "ayuda por favor"},
	{"es", "no tenemos luz"},
	{"es", "hay heridos en Chosica"},
	// Creole.
	{"ht", "nou grangou"},
	{"ht", "kay la tonbe"},
	{"ht", "pitit mwen malad"},
	{"ht", "mèsi anpil"},
	{"ht", "nou bezwen dlo Kafou"},
	{"ht", "Digicel: rechaje epi jwenn doub"},
	{"ht", "wout la bloke"},
	{"ht", "lapli ap tonbe toujou"},
	{"ht", "nou pèdi tout bagay"},
	{"ht", "gen moun blese Delmas"},
	{"ht", "ede nou souple"},
	{"ht", "nou pa gen kouran"},
	{"ht", "m ap chèche pitit mwen"},
}

// TestDetectLanguageMoreMessages: each of moreLanguageMessages is read in
// its language, with a default that is none of them.
func TestDetectLanguageMoreMessages(t *testing.T) {
	for _, tt := range moreLanguageMessages {
		if got := defaultMatcher.DetectLanguage(tt.text, "xx"); got != tt.lang {
			t.Errorf("DetectLanguage(%q) = %s, want %s", tt.text, got, tt.lang)
		}
	}
}
