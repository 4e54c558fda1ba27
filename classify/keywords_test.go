package classify_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// categoryMessage is a message as a resident might text it, with the
// category it should be filed under ("" when it names none).
type categoryMessage struct {
	lang, text, want string
}

// categoryMessages are real-looking reports in the six languages, with
// misspellings, missing accents, plurals, capitals, punctuation and emoji,
// and messages that name no category at all.
var categoryMessages = []categoryMessage{
	// English
	{"en", "FLOOD near Tandale market", "flood"},
	{"en", "Flooding at Jangwani, water in houses up to the knee", "flood"},
	{"en", "fire!! houses burning near the mosque at Kariakoo", "fire"},
	{"en", "Theres a huge fire at Gikomba market pls send help", "fire"},
	{"en", "landslide on the hill behind Mathare school, 3 houses covered", "landslide"},
	{"en", "Mudslide has cut the footpath to Kibera", "landslide"},
	{"en", "Building collapsed at Kawangware stage, people under rubble", "building_collapse"},
	{"en", "People trapped under the rubble on 3rd street", "people_trapped"},
	{"en", "2 children injured, need ambulance at Mukuru", "medical"},
	{"en", "cholera cases in our area, many sick", "medical"},
	{"en", "We have no shelter after the rains, 20 families sleeping outside", "shelter"},
	{"en", "Families hungry, no food since Monday", "food"},
	{"en", "No water for 4 days at Kiwalani", "water_supply"},
	{"en", "burst pipe flooding the road at Mabibo", "water_supply"},
	{"en", "Toilets full and overflowing near the school", "sanitation"},
	{"en", "blocked drain at Kigogo, water not moving", "blocked_drain"},
	{"en", "Garbage pile not collected for weeks near Manzese bus stop", "solid_waste"},
	{"en", "Power lines down on Morogoro road, sparks!", "electricity"},
	{"en", "Tree fell and road blocked at Msasani", "road_blocked"},
	{"en", "Gang robbed shops last night at Mlango Kubwa", "security"},
	{"en", "Floods", "flood"},
	{"en", "Landslid at Mathare valley", "landslide"},
	{"en", "ELECTRICTY wires hanging low in Kibera", "electricity"},
	{"en", "rubbish everywhere 😡 at Buguruni", "solid_waste"},
	{"en", "garbadge dumped in the drain", "solid_waste"},
	{"en", "Hello, how are you?", ""},
	{"en", "Thanks a lot, see you tomorrow", ""},
	{"en", "ok", ""},

	// French
	{"fr", "INONDATION près du marché d'Adjamé", "flood"},
	{"fr", "inondation a Abobo, l'eau monte dans les maisons", "flood"},
	{"fr", "Incendie au marché de Treichville!!!", "fire"},
	{"fr", "le feu a pris dans une maison a Yopougon", "fire"},
	{"fr", "Eboulement sur la colline a Attécoubé, des maisons enterrées", "landslide"},
	{"fr", "Glissement de terrain à Mossikro", "landslide"},
	{"fr", "Une maison s'est effondrée à Koumassi, il y a des blessés", "building_collapse"},
	{"fr", "Des personnes piégées sous les décombres", "people_trapped"},
	{"fr", "Blessés graves après l'accident, envoyez une ambulance", "medical"},
	{"fr", "Plusieurs malades du choléra au quartier", "medical"},
	{"fr", "Sinistrés sans abri depuis hier", "shelter"},
	{"fr", "Nous avons faim, pas de nourriture depuis 3 jours", "food"},
	{"fr", "Pas d'eau au robinet depuis une semaine", "water_supply"},
	{"fr", "Les toilettes publiques débordent, mauvaise odeur", "sanitation"},
	{"fr", "caniveau bouché devant l'école", "blocked_drain"},
	{"fr", "Caniveaux bouchés par les ordures à Marcory", "blocked_drain"},
	{"fr", "Tas d'ordures pres de la pharmacie", "solid_waste"},
	{"fr", "Coupure de courant depuis ce matin, délestage", "electricity"},
	{"fr", "Route bloquée par un arbre tombé", "road_blocked"},
	{"fr", "Vol et agression hier soir vers la gare", "security"},
	{"fr", "inondaton a Gonzagueville", "flood"},
	{"fr", "INCENDI au marche", "fire"},
	{"fr", "ÉBOULEMENT rue 12", "landslide"},
	{"fr", "Bonjour, comment allez-vous ?", ""},
	{"fr", "merci beaucoup", ""},

	// Swahili
	{"sw", "MAFURIKO karibu na Soko la Tandale", "flood"},
	{"sw", "Maji yameingia ndani ya nyumba Jangwani", "flood"},
	{"sw", "Moto mkubwa Kariakoo sokoni!", "fire"},
	{"sw", "Kuna moto nyumba zinaungua Manzese", "fire"},
	{"sw", "Maporomoko ya ardhi Mabwepande, nyumba tatu", "landslide"},
	{"sw", "Nyumba imeanguka Kigogo, watu wamenaswa", "building_collapse"},
	{"sw", "Watu wamenaswa chini ya kifusi", "people_trapped"},
	{"sw", "Majeruhi wawili wanahitaji msaada wa haraka", "medical"},
	{"sw", "Kipindupindu kimeingia mtaa wetu, wagonjwa wengi", "medical"},
	{"sw", "Hatuna makazi baada ya mafuriko", "shelter"},
	{"sw", "Tuna njaa, hakuna chakula siku tatu", "food"},
	{"sw", "Hakuna maji wiki nzima Buguruni", "water_supply"},
	{"sw", "Bomba limepasuka barabara ya Uhuru", "water_supply"},
	{"sw", "Choo kimejaa shuleni Mbagala", "sanitation"},
	{"sw", "Mtaro umeziba Tandale, maji yanarudi", "blocked_drain"},
	{"sw", "Takataka nyingi sokoni hazijazolewa", "solid_waste"},
	{"sw", "Hakuna umeme tangu jana", "electricity"},
	{"sw", "Nguzo ya umeme imeanguka Sinza", "electricity"},
	{"sw", "Barabara imefungwa na mti umeanguka", "road_blocked"},
	{"sw", "Vibaka wamevamia Manzese usiku", "security"},
	{"sw", "mafurikoo Jangwani", "flood"},
	{"sw", "Uchafu mwingi mtaroni", "solid_waste"},
	{"sw", "MOTO! 🔥🔥 Mwananyamala", "fire"},
	{"sw", "Habari za asubuhi", ""},
	{"sw", "Asante sana kwa msaada wenu", ""},

	// Portuguese
	{"pt", "CHEIA perto do mercado Xipamanine", "flood"},
	{"pt", "Enchente no bairro Maxaquene, água dentro de casa", "flood"},
	{"pt", "Incêndio na barraca perto da escola", "fire"},
	{"pt", "Pegou fogo numa casa em Chamanculo", "fire"},
	{"pt", "Deslizamento de terra na encosta de Mafalala", "landslide"},
	{"pt", "Casa desabou no bairro Polana Caniço", "building_collapse"},
	{"pt", "Pessoas presas debaixo dos escombros", "people_trapped"},
	{"pt", "Feridos graves, precisamos de ambulância", "medical"},
	{"pt", "Muitos doentes com cólera no bairro", "medical"},
	{"pt", "Desabrigados após as cheias, sem teto", "shelter"},
	{"pt", "Estamos com fome, sem comida há dois dias", "food"},
	{"pt", "Sem água na torneira desde segunda", "water_supply"},
	{"pt", "Fontanário avariado no bairro 25 de Junho", "water_supply"},
	{"pt", "Latrinas cheias, mau cheiro", "sanitation"},
	{"pt", "Vala entupida com lixo na rua", "blocked_drain"},
	{"pt", "Lixo acumulado na esquina há semanas", "solid_waste"},
	{"pt", "Sem luz desde ontem no Aeroporto B", "electricity"},
	{"pt", "Fio elétrico caído na rua, perigo", "electricity"},
	{"pt", "Estrada bloqueada por árvore caída", "road_blocked"},
	{"pt", "Assalto ontem à noite, ladrões armados", "security"},
	{"pt", "inundaçoes na baixa", "flood"},
	{"pt", "ENCHENTES em Magoanine", "flood"},
	{"pt", "deslizamneto em Mafalala", "landslide"},
	{"pt", "Olá, bom dia", ""},
	{"pt", "Obrigado pela ajuda", ""},

	// Spanish
	{"es", "INUNDACIÓN en el barrio Kennedy cerca del colegio", "flood"},
	{"es", "Se inundó la casa, el agua llega a las rodillas", "flood"},
	{"es", "Incendio en una casa en Ciudad Bolívar", "fire"},
	{"es", "Hay humo y llamas cerca del parque", "fire"},
	{"es", "Derrumbe en la vía a Usme", "landslide"},
	{"es", "Deslizamiento de tierra en Altos de Cazucá", "landslide"},
	{"es", "Se derrumbó la casa de la vecina", "building_collapse"},
	{"es", "Personas atrapadas bajo los escombros", "people_trapped"},
	{"es", "Hay heridos, necesitamos una ambulancia", "medical"},
	{"es", "Niños enfermos con fiebre y diarrea", "medical"},
	{"es", "Familias damnificadas sin techo en la vereda", "shelter"},
	{"es", "No hay comida, tenemos hambre", "food"},
	{"es", "Sin agua desde hace tres días en Bosa", "water_supply"},
	{"es", "Tubo roto, se está perdiendo el agua", "water_supply"},
	{"es", "Las letrinas están llenas, mal olor", "sanitation"},
	{"es", "Alcantarilla tapada en la esquina de la 68", "blocked_drain"},
	{"es", "Basura acumulada en el caño", "solid_waste"},
	{"es", "Se fue la luz en todo el sector", "electricity"},
	{"es", "Cable caído en la calle, peligro", "electricity"},
	{"es", "Vía bloqueada por un árbol caído", "road_blocked"},
	{"es", "Atraco a mano armada en la esquina", "security"},
	{"es", "inundasion en soacha", "flood"},
	{"es", "BASURAS!!! 🤢 en el parque", "solid_waste"},
	{"es", "Hola, buenas tardes", ""},
	{"es", "Muchas gracias", ""},

	// Haitian Creole
	{"ht", "INONDASYON toupre mache Kwa Bosal", "flood"},
	{"ht", "Dlo monte nan kay yo Site Solèy", "flood"},
	{"ht", "Dife nan mache a Petyonvil!", "fire"},
	{"ht", "Gen dife, kay ap boule", "fire"},
	{"ht", "Glisman tè nan mòn Kanapevè", "landslide"},
	{"ht", "Kay kraze nan Delmas 32, gen moun anba dekonb", "building_collapse"},
	{"ht", "Moun bloke anba dekonb", "people_trapped"},
	{"ht", "Gen moun blese, nou bezwen anbilans", "medical"},
	{"ht", "Kolera nan katye a, anpil moun malad", "medical"},
	{"ht", "Nou pa gen kote pou dòmi, nou bezwen abri", "shelter"},
	{"ht", "Timoun yo grangou, pa gen manje", "food"},
	{"ht", "Pa gen dlo nan katye a depi 3 jou", "water_supply"},
	{"ht", "Tiyo a kase, dlo ap koule nan lari", "water_supply"},
	{"ht", "Twalèt yo plen, move odè", "sanitation"},
	{"ht", "Kanal la bouche ak fatra", "blocked_drain"},
	{"ht", "Fatra anpil nan lari a", "solid_waste"},
	{"ht", "Pa gen kouran depi yè", "electricity"},
	{"ht", "Fil kouran tonbe atè nan Kafou", "electricity"},
	{"ht", "Wout la bloke nan Kafou Ayewopò", "road_blocked"},
	{"ht", "Bandi ap tire nan zòn nan", "security"},
	{"ht", "inondasion Site Solèy", "flood"},
	{"ht", "KOURAN pa genyen 😢", "electricity"},
	{"ht", "Mèsi anpil", ""},
	{"ht", "Bonjou, koman ou ye?", ""},

	// Written after the vocabulary, without looking at it.
	{"en", "The river has burst its banks in Mathare", "flood"},
	{"en", "Kids playing near exposed electric cables at Kibera", "electricity"},
	{"en", "sewage flowing in the street near the clinic", "sanitation"},
	{"en", "man stabbed at the bus stage", "security"},
	{"en", "Pregnant woman needs transport to hospital urgently", "medical"},
	{"en", "our area has had no electricty for a week", "electricity"},
	{"fr", "La rivière a débordé cette nuit à Abobo", "flood"},
	{"fr", "Un poteau électrique est tombé sur une maison", "electricity"},
	{"fr", "Des enfants malades de la diarrhée", "medical"},
	{"fr", "Il n'y a plus d'eau au quartier depuis 3 jours", "water_supply"},
	{"fr", "Les voleurs ont attaqué une boutique", "security"},
	{"sw", "Mvua imenyesha usiku kucha nyumba zimejaa maji", "flood"},
	{"sw", "Mtoto ameumia vibaya anahitaji hospitali", "medical"},
	{"sw", "Giza totoro hakuna umeme", "electricity"},
	{"sw", "Wezi wameingia nyumba tatu usiku", "security"},
	{"sw", "Daraja la Jangwani limesombwa na maji", "road_blocked"},
	{"pt", "A estrada está alagada e não se pode passar", "flood"},
	{"pt", "Cabo de energia caído na rua", "electricity"},
	{"pt", "Criança ferida precisa de ajuda", "medical"},
	{"pt", "casas destruidas pelo vento", "shelter"},
	{"es", "El río se desbordó en el barrio", "flood"},
	{"es", "Hubo una balacera anoche", "security"},
	{"es", "Hay un poste a punto de caerse", "electricity"},
	{"ht", "Lapli a fè dlo antre nan tout kay yo", "flood"},
	{"ht", "Gen yon moun ki mouri nan aksidan an", "medical"},
	{"ht", "Kouran an koupe depi maten", "electricity"},

	// No language at all.
	{"", "12345", ""},
	{"", "😀😀😀", ""},
	{"", "", ""},
	{"", "...", ""},
}

func TestCategoryMatcherAccuracy(t *testing.T) {
	m := classify.NewKeywordMatcher(data.DefaultTaxonomy())
	perLang := map[string]int{}
	correct := 0
	var failures []string
	for _, tt := range categoryMessages {
		perLang[tt.lang]++
		got, ok := m.Match(tt.text)
		if !ok {
			got.Category = ""
		}
		if got.Category == tt.want {
			correct++
			continue
		}
		failures = append(failures, fmt.Sprintf("[%s] %q: got %q (keyword %q, %s, confidence %.2f), want %q",
			tt.lang, tt.text, got.Category, got.Keyword, got.Lang, got.Confidence, tt.want))
	}
	for _, lang := range []string{"en", "fr", "sw", "pt", "es", "ht"} {
		if perLang[lang] < 20 {
			t.Errorf("only %d %s messages in the table, want 20 or more", perLang[lang], lang)
		}
	}
	acc := float64(correct) / float64(len(categoryMessages))
	t.Logf("category accuracy: %d/%d = %.1f%%", correct, len(categoryMessages), 100*acc)
	for _, f := range failures {
		t.Log("miss: " + f)
	}
	if len(categoryMessages) < 120 {
		t.Errorf("only %d messages in the table, want 120 or more", len(categoryMessages))
	}
	if acc < 0.95 {
		t.Errorf("accuracy %.1f%% is below 95%%", 100*acc)
	}
}

func TestCategoryMatchSpans(t *testing.T) {
	m := classify.NewKeywordMatcher(data.DefaultTaxonomy())
	tests := []struct {
		name, text, category, span, lang string
		exact                            bool
	}{
		{"keyword at the start", "MAFURIKO karibu na Soko la Tandale", "flood", "MAFURIKO", "sw", true},
		{"keyword inside punctuation", "Hapa kuna MOTO!! sokoni", "fire", "MOTO", "sw", true},
		{"multi-word with extra spaces", "Caniveaux   bouchés à Abobo", "blocked_drain", "Caniveaux   bouchés", "fr", true},
		{"after an emoji", "🔥🔥 Incêndio perto da escola", "fire", "Incêndio", "pt", true},
		{"decomposed accent", "Glisman te\u0300 nan mòn", "landslide", "Glisman te\u0300", "ht", true},
		{"apostrophe inside a phrase", "Pas d’eau depuis hier", "water_supply", "Pas d’eau", "fr", true},
		{"ligature and capitals", "INONDATIONS à Cocody", "flood", "INONDATIONS", "fr", true},
		{"typo", "garbadge dumped in the drain", "solid_waste", "garbadge", "en", false},
		{"plural", "Fallen trees everywhere, bridges down", "road_blocked", "Fallen trees", "en", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := m.Match(tt.text)
			if !ok {
				t.Fatalf("no category in %q", tt.text)
			}
			if got.Category != tt.category {
				t.Errorf("category %q, want %q", got.Category, tt.category)
			}
			if span := tt.text[got.Start:got.End]; span != tt.span {
				t.Errorf("span %q [%d:%d], want %q", span, got.Start, got.End, tt.span)
			}
			if got.Lang != tt.lang {
				t.Errorf("lang %q, want %q", got.Lang, tt.lang)
			}
			if tt.exact && got.Confidence < 0.9 {
				t.Errorf("confidence %.2f for an exact or plural keyword", got.Confidence)
			}
			if !tt.exact && got.Confidence >= 0.9 {
				t.Errorf("confidence %.2f for a typo", got.Confidence)
			}
			if got.Keyword == "" {
				t.Error("no keyword")
			}
		})
	}
}

func TestCategoryMatchPreferences(t *testing.T) {
	m := classify.NewKeywordMatcher(data.DefaultTaxonomy())
	tests := []struct {
		name, text, want string
	}{
		{"start beats severity", "Flood and fire in Tandale", "flood"},
		{"start after a greeting", "Habari, mafuriko na moto Jangwani", "flood"},
		{"severity when neither starts", "Near the market there is flooding and a fire", "fire"},
		{"phrase beats word", "Near the school: water in houses", "flood"},
		{"phrase beats word at the same start", "No water since Monday", "water_supply"},
		{"other only as a last resort", "Problem: rubbish not collected", "solid_waste"},
		{"other alone", "We have a problem here", "other"},
		{"no typo tolerance for short words", "Fier near the church", ""},
		{"common words are not typos", "I was doing my work at night, all right", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := m.Match(tt.text)
			if got.Category != tt.want {
				t.Errorf("Match(%q) = %q (keyword %q), want %q", tt.text, got.Category, got.Keyword, tt.want)
			}
		})
	}
}

func TestCategoryMatchAll(t *testing.T) {
	m := classify.NewKeywordMatcher(data.DefaultTaxonomy())
	all := m.MatchAll("Moto na mafuriko, watu wamenaswa. Tatizo kubwa")
	var got []string
	for _, c := range all {
		got = append(got, c.Category)
	}
	// fire starts the message, then the phrase, then by severity, other last.
	if want := "fire people_trapped flood other"; strings.Join(got, " ") != want {
		t.Errorf("MatchAll = %v, want %s", got, want)
	}
	if first, _ := m.Match("Moto na mafuriko, watu wamenaswa. Tatizo kubwa"); len(all) == 0 || all[0] != first {
		t.Errorf("MatchAll()[0] = %+v, Match = %+v", all, first)
	}
	if m.MatchAll("habari yako") != nil {
		t.Error("MatchAll found a category in a greeting")
	}
}

func TestCategoryMatcherEmpty(t *testing.T) {
	if _, ok := classify.NewKeywordMatcher(nil).Match("flood"); ok {
		t.Error("nil taxonomy matched")
	}
	tax, err := data.ParseTaxonomy(strings.NewReader(`{"version":1,"languages":["en"],"categories":[{"id":"flood","severity":4,"hazard":true,"labels":{"en":"Flood"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := classify.NewKeywordMatcher(tax).Match("flood"); ok {
		t.Error("taxonomy without keywords matched")
	}
}

func FuzzCategoryMatch(f *testing.F) {
	for _, tt := range categoryMessages {
		f.Add(tt.text)
	}
	f.Add("e\u0301\u0301 \u0301x")
	f.Add("Hi! WENEEDWATER pls, mwenbezwendlo, MWENPAGEN KAY")
	m := classify.NewKeywordMatcher(data.DefaultTaxonomy())
	f.Fuzz(func(t *testing.T, msg string) {
		got, ok := m.Match(msg)
		if !ok {
			return
		}
		if got.Start < 0 || got.End > len(msg) || got.Start >= got.End {
			t.Fatalf("span [%d:%d] outside %q", got.Start, got.End, msg)
		}
		if utf8.ValidString(msg) && (!utf8.RuneStart(msg[got.Start]) || got.End < len(msg) && !utf8.RuneStart(msg[got.End])) {
			t.Errorf("span [%d:%d] splits a rune of %q", got.Start, got.End, msg)
		}
		if text.Fold(msg[got.Start:got.End]) == "" {
			t.Errorf("span %q holds no word", msg[got.Start:got.End])
		}
	})
}

// benchmarkSMS is a 160-character report with a typo, phrases and an emoji.
const benchmarkSMS = "Habari, tafadhali saidieni: mafurikoo makubwa Jangwani karibu na shule ya msingi, " +
	"maji yameingia ndani ya nyumba 20, watoto wamekwama juu ya paa! Haraka sana! 🙏"

func BenchmarkCategoryMatch(b *testing.B) {
	if n := utf8.RuneCountInString(benchmarkSMS); n != 160 {
		b.Fatalf("benchmark message has %d characters, want 160", n)
	}
	m := classify.NewKeywordMatcher(data.DefaultTaxonomy())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m.Match(benchmarkSMS)
	}
}

// BenchmarkCategoryMatchLongWords: a 2,000-character description made of
// one endless word and of 40-letter words (pasted junk, a stuck key), to
// compare with BenchmarkCategoryMatch. Before long words skipped the
// fuzzy path the first took 10 s.
func BenchmarkCategoryMatchLongWords(b *testing.B) {
	m := classify.NewKeywordMatcher(data.DefaultTaxonomy())
	one := "ch" + strings.Repeat("0", 1990) + "olera"
	many := strings.TrimSpace(strings.Repeat("floodfloodfloodfloodfloodfloodfloodflood ", 48))
	for name, text := range map[string]string{"one-word": one, "40-letter-words": many} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				m.Match(text)
			}
		})
	}
}

// BenchmarkCategoryMatchNaive is the baseline: fold the message and look
// for every keyword with strings.Contains (no spans, no typos).
func BenchmarkCategoryMatchNaive(b *testing.B) {
	var kws []string
	for _, c := range data.DefaultTaxonomy().Categories {
		for _, list := range c.Keywords {
			for _, kw := range list {
				kws = append(kws, " "+text.Fold(kw)+" ")
			}
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		folded := " " + text.Fold(benchmarkSMS) + " "
		n := 0
		for _, kw := range kws {
			if strings.Contains(folded, kw) {
				n++
			}
		}
		_ = n
	}
}

func BenchmarkNewCategoryMatcher(b *testing.B) {
	tax := data.DefaultTaxonomy()
	b.ReportAllocs()
	for b.Loop() {
		classify.NewKeywordMatcher(tax)
	}
}

// TestEvidenceTakesTheSurerReading: when two keywords of a category are
// read in the same word ("robber" exactly, and as the plural "robbers"),
// the category's evidence is the exact reading's, whichever keyword the
// taxonomy lists first.
func TestEvidenceTakesTheSurerReading(t *testing.T) {
	for _, kws := range []string{`["robbers","robber"]`, `["robber","robbers"]`} {
		tax, err := data.ParseTaxonomy(strings.NewReader(`{"version":1,"languages":["en"],"categories":[` +
			`{"id":"security","severity":3,"labels":{"en":"Security"},"keywords":{"en":` + kws + `}}]}`))
		if err != nil {
			t.Fatal(err)
		}
		m := classify.NewKeywordMatcher(tax)
		if ev := m.Evidence("a robber took my phone"); len(ev) != 1 || ev[0] != 1 {
			t.Errorf("keywords %s: evidence %v, want [1] (the exact keyword)", kws, ev)
		}
		if ev := m.Evidence("two robbers took my phone"); len(ev) != 1 || ev[0] != 1 {
			t.Errorf("keywords %s: evidence %v for the plural, want [1]", kws, ev)
		}
	}
}

// TestDeniedEventNotRead: a hazard that happens (fire, flood, collapse,
// people trapped) named after a word that denies it exists is not a need
// of the message, in any of the six languages, while the need beside it
// is; a lack ("no water", "pa gen kouran") is still the need, and an
// event named apart from a denial is still read.
func TestDeniedEventNotRead(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ text, not, want string }{
		{"there is no fire but we need food", "fire", "food"},
		{"il n'y a pas d'incendie, nous avons faim", "fire", "food"},
		{"pa gen dife, nou grangou", "fire", "food"},
		{"hakuna moto, tuna njaa", "fire", "food"},
		{"no hay inundación pero necesitamos comida", "flood", "food"},
		{"não há incêndio mas precisamos de comida", "fire", "food"},
		{"there is no flood here but we need water", "flood", "water_supply"},
	} {
		r := c.Classify(tt.text)
		ids := needIDs(r)
		if slices.Contains(ids, tt.not) || !slices.Contains(ids, tt.want) {
			t.Errorf("%q: needs %v, want %s and not %s (keywords %v)", tt.text, ids, tt.want, tt.not, r.Keywords)
		}
	}
	m := c.Keywords()
	for _, tt := range []struct{ text, want string }{
		{"we have no water since monday", "water_supply"},
		{"pa gen kouran nan katye a", "electricity"},
		{"hakuna chakula kabisa", "food"},
		{"fire in the market, no firemen came", "fire"},
		{"sin agua desde el lunes", "water_supply"},
	} {
		found := false
		for _, cm := range m.MatchAll(tt.text) {
			found = found || cm.Category == tt.want
		}
		if !found {
			t.Errorf("%q: keywords %v, want %s", tt.text, m.MatchAll(tt.text), tt.want)
		}
	}
}
