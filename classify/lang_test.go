package classify_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

var languageMessages = []struct{ lang, text string }{
	{"en", "Flood near the market, water is in the houses"},
	{"en", "There is a fire at the school behind the church"},
	{"en", "No water since Monday at our street"},
	{"en", "The drain is blocked and the road is flooded"},
	{"en", "Please help, people trapped under a collapsed house"},
	{"en", "Rubbish has not been collected for two weeks"},
	{"en", "power lines down near the bus stop"},
	{"en", "My neighbour is injured, we need an ambulance"},
	{"en", "thieves attacked a woman on the path by the river"},
	{"en", "Landslide on the hill, three houses are gone"},
	{"en", "toilets are full and there is a bad smell"},

	{"fr", "Inondation près du marché, l'eau est dans les maisons"},
	{"fr", "Il y a un incendie à côté de l'école"},
	{"fr", "Pas d'eau depuis lundi dans notre quartier"},
	{"fr", "Le caniveau est bouché devant la pharmacie"},
	{"fr", "Des personnes sont coincées sous les décombres"},
	{"fr", "Les ordures ne sont pas ramassées depuis deux semaines"},
	{"fr", "coupure de courant dans tout le quartier"},
	{"fr", "Mon voisin est blessé, il faut une ambulance"},
	{"fr", "eboulement sur la route de la colline"},
	{"fr", "Vol avec violence hier soir près de la gare"},
	{"fr", "nous avons faim, pas de nourriture"},

	{"sw", "Mafuriko karibu na soko, maji yameingia nyumbani"},
	{"sw", "Kuna moto kwenye shule ya msingi"},
	{"sw", "Hakuna maji tangu jumatatu katika mtaa wetu"},
	{"sw", "Mtaro umeziba mbele ya duka la dawa"},
	{"sw", "Watu wamenaswa chini ya kifusi cha nyumba"},
	{"sw", "Takataka hazijazolewa wiki mbili sasa"},
	{"sw", "Umeme umekatika mtaa mzima"},
	{"sw", "Jirani yangu amejeruhiwa, tunahitaji gari la wagonjwa"},
	{"sw", "Maporomoko ya ardhi kwenye kilima"},
	{"sw", "Vibaka wameiba simu za watu usiku wa jana"},
	{"sw", "tuna njaa hakuna chakula"},

	{"pt", "Cheia perto do mercado, a água está dentro das casas"},
	{"pt", "Há um incêndio ao lado da escola"},
	{"pt", "Não há água desde segunda no nosso bairro"},
	{"pt", "A vala está entupida em frente da farmácia"},
	{"pt", "Pessoas presas debaixo dos escombros da casa"},
	{"pt", "O lixo não é recolhido há duas semanas"},
	{"pt", "Sem energia no bairro todo"},
	{"pt", "O meu vizinho está ferido, precisamos de uma ambulância"},
	{"pt", "deslizamento de terra na encosta"},
	{"pt", "Assalto ontem à noite perto da paragem"},
	{"pt", "estamos com fome, não temos comida"},

	{"es", "Inundación cerca del colegio, el agua está en las casas"},
	{"es", "Hay un incendio al lado de la iglesia"},
	{"es", "No hay agua desde el lunes en nuestro barrio"},
	{"es", "La alcantarilla está tapada frente a la droguería"},
	{"es", "Hay personas atrapadas bajo los escombros"},
	{"es", "La basura no la recogen hace dos semanas"},
	{"es", "Se fue la luz en todo el barrio"},
	{"es", "Mi vecino está herido, necesitamos una ambulancia"},
	{"es", "derrumbe en la vía hacia la vereda"},
	{"es", "Atraco anoche cerca del paradero"},
	{"es", "tenemos hambre, no hay comida"},

	{"ht", "Inondasyon toupre mache a, dlo antre nan kay yo"},
	{"ht", "Gen dife bò lekòl la"},
	{"ht", "Pa gen dlo depi lendi nan katye nou"},
	{"ht", "Kanal la bouche devan famasi a"},
	{"ht", "Gen moun ki bloke anba dekonb kay la"},
	{"ht", "Yo pa ranmase fatra a depi de semèn"},
	{"ht", "Pa gen kouran nan tout katye a"},
	{"ht", "Vwazen mwen blese, nou bezwen yon anbilans"},
	{"ht", "glisman tè sou mòn nan"},
	{"ht", "Bandi yo te vole moun yè swa toupre estasyon an"},
	{"ht", "nou grangou, pa gen manje"},
}

func TestDetectLanguage(t *testing.T) {
	per := map[string]int{}
	for _, tt := range languageMessages {
		per[tt.lang]++
		// The default is a language the message is not in, so that a
		// fallback is not mistaken for a detection.
		def := "en"
		if tt.lang == "en" {
			def = "sw"
		}
		if got := defaultMatcher.DetectLanguage(tt.text, def); got != tt.lang {
			t.Errorf("DetectLanguage(%q) = %s, want %s", tt.text, got, tt.lang)
		}
	}
	for _, lang := range text.Languages {
		if per[lang] < 10 {
			t.Errorf("only %d %s messages, want 10 or more", per[lang], lang)
		}
	}
}

func TestDetectLanguageKeywordTable(t *testing.T) {
	// The category table's messages are shorter; most of them should still
	// be recognised.
	right, total := 0, 0
	var misses []string
	for _, tt := range categoryMessages {
		if tt.lang == "" || tt.want == "" {
			continue
		}
		total++
		if got := defaultMatcher.DetectLanguage(tt.text, "xx"); got == tt.lang {
			right++
		} else {
			misses = append(misses, fmt.Sprintf("%q: %s, want %s", tt.text, got, tt.lang))
		}
	}
	t.Logf("language of the category messages: %d/%d", right, total)
	for _, m := range misses {
		t.Log("miss: " + m)
	}
	if float64(right) < 0.85*float64(total) {
		t.Errorf("only %d of %d right", right, total)
	}
}

func TestDetectLanguageUnsure(t *testing.T) {
	tests := []struct{ name, text, def, want string }{
		{"empty", "", "sw", "sw"},
		{"digits", "12345", "fr", "fr"},
		{"emoji", "🔥🔥", "ht", "ht"},
		{"place name only", "Tandale", "sw", "sw"},
		{"shared keyword", "hospital", "sw", "sw"}, // en, pt and es alike
		{"a keyword is enough", "Moto!", "en", "sw"},
		{"accent hint", "Não", "en", "pt"},
		// Short messages residents send: greetings and words that only
		// one of the languages writes.
		{"swahili greeting", "mambo vipi", "en", "sw"},
		{"portuguese greeting", "oi tudo bem", "en", "pt"},
		{"portuguese question", "quem é?", "en", "pt"},
		{"creole greeting", "sak pase", "en", "ht"},
		{"spanish gerund", "está lloviendo duro", "en", "es"},
		{"spanish noun", "la situación es grave", "en", "es"},
		{"portuguese noun", "a situação é grave", "en", "pt"},
		{"spanish keyword over a portuguese typo", "ayuda por favor el agua está subiendo", "en", "es"},
		{"spanish need", "necesitamos comida", "en", "es"},
		{"portuguese need", "precisamos de comida", "en", "pt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := defaultMatcher.DetectLanguage(tt.text, tt.def); got != tt.want {
				t.Errorf("DetectLanguage(%q, %q) = %q, want %q", tt.text, tt.def, got, tt.want)
			}
		})
	}
}

func TestMatcherDetectLanguageUsesItsTaxonomy(t *testing.T) {
	tax, err := data.ParseTaxonomy(strings.NewReader(`{"version":1,"languages":["en"],"keyword_languages":["en","sw"],
		"categories":[{"id":"flood","severity":4,"hazard":true,"labels":{"en":"Flood"},"keywords":{"sw":["gharika"]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	m := classify.NewKeywordMatcher(tax)
	if got := m.DetectLanguage("Gharika!", "en"); got != "sw" {
		t.Errorf("got %q, want sw from the taxonomy's keyword", got)
	}
}
