package classify_test

import "testing"

// newsFixed are messages that tell family news as chit-chat, which the
// classifier filed as a need (or listed one) before (lead 56a1113): a
// birth or a pregnancy announced as good news, a death announced with
// its funeral, a patient the doctor says is well, a meal praised, a fire
// lit to cook. The audit4 "found, not fixed" list named most of them
// (audit4_probe_test.go). What fixed them: other senses of the
// taxonomy ("gave birth … baby", "accouché d'une fille", "akouche yon ti
// gason", Portuguese "deu à luz" and Spanish "dio a luz", which are no
// light, "doctor said she … fine", "médecin dit … va mieux", "daktari
// amesema … salama", "nice meal", "comida estuvo rica", "chakula …
// kitamu", "fire to cook", "limen dife pou kwit", "moto kupika"), and the
// words of news (a funeral, a burial, congratulations, joy) that unread a
// death, a pregnancy or a birth anywhere in the message (dropNews in
// sense.go: "papa est décédé, les funérailles auront lieu samedi"). They
// are asked about or left unanswered, never filed. 31 of them were filed
// before; the others (a funeral alone, a birth asked about with medical
// listed) are here as the plain forms of the same news.
var newsFixed = []auditCase{
	// A birth or a pregnancy as good news.
	{"en", "my sister gave birth to a baby boy last night, we are happy", "none"},
	{"en", "my sister gave birth to a baby girl", "none"},
	{"en", "she is pregnant, we are so happy", "none"},
	{"fr", "ma soeur a accouché d'une fille, Dieu merci", "none"},
	{"fr", "ma femme est enceinte, nous sommes contents", "none"},
	{"ht", "sè m nan akouche yon ti gason", "none"},
	{"ht", "mwen akouche yon bèl ti fi", "none"},
	{"ht", "madanm mwen ansent, nou kontan anpil", "none"},
	{"sw", "dada yangu amejifungua salama", "none"},
	{"sw", "mke wangu ni mjamzito, tunafurahi", "none"},
	{"pt", "minha irmã deu à luz ontem, tudo bem", "none"},
	{"pt", "minha esposa está grávida, estamos felizes", "none"},
	{"es", "mi hermana dio a luz, todo bien", "none"},
	{"es", "mi esposa está embarazada, estamos felices", "none"},

	// A death announced with its funeral, burial or wake.
	{"en", "the funeral of my uncle is on Saturday at Sinkor", "none"},
	{"en", "my uncle died, the funeral is on Saturday at Sinkor", "none"},
	{"en", "RIP my grandfather died, burial on Sunday", "none"},
	{"fr", "les funérailles de papa auront lieu samedi", "none"},
	{"fr", "papa est décédé, les funérailles auront lieu samedi", "none"},
	{"ht", "antèman tonton m nan se samdi", "none"},
	{"ht", "tonton m mouri, antèman an se samdi", "none"},
	{"sw", "mazishi ya babu ni kesho", "none"},
	{"sw", "babu amefariki, mazishi ni kesho", "none"},
	{"sw", "babu amefariki dunia, mazishi yatafanyika kesho", "none"},
	{"pt", "o enterro é amanhã", "none"},
	{"pt", "meu tio morreu, o enterro é amanhã", "none"},
	{"es", "el velorio es esta noche", "none"},
	{"es", "mi tío murió, el velorio es esta noche", "none"},
	{"es", "mi tío murió ayer, el entierro es mañana", "none"},

	// Recovered: the doctor says so.
	{"en", "the doctor said she is fine now", "none"},
	{"fr", "le médecin dit qu'il va mieux", "none"},
	{"sw", "daktari amesema yuko salama sasa", "none"},
	{"ht", "doktè a di li pi byen kounye a", "none"},
	{"pt", "o médico disse que ela está bem agora", "none"},
	{"es", "el médico dijo que ya está bien", "none"},

	// A meal praised.
	{"en", "we had a nice meal together", "none"},
	{"es", "la comida estuvo rica", "none"},
	{"sw", "chakula kilikuwa kitamu", "none"},
	{"pt", "a comida estava gostosa", "none"},
	{"fr", "le repas était délicieux", "none"},
	{"ht", "manje a te bon gou anpil", "none"},

	// A fire lit to cook.
	{"ht", "m ap limen dife pou m kwit manje", "none"},
	{"en", "I'm making a fire to cook", "none"},
	{"sw", "tunawasha moto kupika", "none"},
}

// newsCases are near misses of newsFixed that must keep their need: a
// birth or a pregnancy in danger, a death with a need beside it or of
// many, bodies not buried, a doctor who asks for care, a meal lacking, a
// fire that spreads. Some were filed with less confidence since (a
// keyword of a birth or a death in them is not read), none of them
// differently.
var newsCases = []auditCase{
	{"en", "my wife is in labour and bleeding, no ambulance", "medical"},
	{"en", "my wife is pregnant and bleeding, please help", "medical"},
	{"en", "she gave birth to a baby on the road and is bleeding a lot", "medical"},
	{"en", "she gave birth to a baby boy, she has high fever, no doctor", "medical"},
	{"en", "my sister is giving birth, no ambulance", "medical"},
	{"en", "pregnant woman in labour at Mathare need ambulance", "medical"},
	{"ht", "mwen gen yon fanm ansent k ap akouche la a, nou bezwen èd", "medical"},
	{"ht", "fanm ansent lan ap senyen, nou bezwen anbilans", "medical"},
	{"sw", "mjamzito anahitaji kupelekwa hospitali", "medical"},
	{"sw", "mama mjamzito anavuja damu, hakuna gari", "medical"},
	{"fr", "ma femme est enceinte et elle saigne, pas d'ambulance", "medical"},
	{"fr", "elle accouche, il n'y a pas de sage-femme", "medical"},
	{"pt", "mulher grávida em trabalho de parto, precisamos de ambulância", "medical"},
	{"es", "mujer embarazada sangrando, necesitamos ambulancia", "medical"},
	// Without a word of news, a pregnancy or a death is still offered.
	{"en", "she is pregnant", "asked medical"},
	{"fr", "ma femme est enceinte", "asked medical"},
	{"ht", "tonton m mouri", "asked medical"},
	{"sw", "babu amefariki", "asked medical"},
	{"es", "mi tío murió ayer", "asked medical"},

	{"en", "my father died, no doctor came, the funeral is tomorrow", "medical"},
	{"en", "my father died in the flood, the funeral is tomorrow", "flood"},
	{"en", "many people died in the fire, funeral tomorrow", "asked fire"},
	{"en", "bodies in the street, no burial, please come", "human_remains"},
	{"fr", "il y a un mort dans la rue, enterrement?", "asked human_remains"},
	{"en", "we are not happy, the doctor did not come and my son is sick", "medical"},

	{"en", "the doctor said she needs an operation", "medical"},
	{"en", "the doctor said she is fine but the baby has fever", "medical"},
	{"fr", "le médecin dit qu'il faut l'opérer", "medical"},
	{"sw", "daktari amesema anahitaji dawa", "medical"},
	{"pt", "o médico disse que precisa de remédio", "medical"},
	{"es", "el médico dijo que necesita medicinas", "medical"},
	{"ht", "doktè a di li bezwen operasyon", "medical"},

	{"en", "the food was bad and the children got sick", "food|medical"},
	{"en", "no fire to cook, we have no charcoal, need food", "food"},
	{"en", "we need a good meal for the children", "food"},
	{"en", "no meal since yesterday", "food"},
	{"sw", "hatuna chakula, watoto wana njaa", "food"},
	{"es", "la comida no alcanza, tenemos hambre", "food"},
	{"en", "fire in the kitchen spread to the house", "fire"},
	{"en", "the cooking fire spread to the houses", "asked fire"},
	{"ht", "yo mete dife nan kay la", "asked fire"},
	{"sw", "moto umewaka sokoni", "fire"},
	{"pt", "minha irmã está sem luz desde ontem", "electricity"},
	{"es", "se fue la luz en todo el barrio", "electricity"},
}

// TestNewsFixed: family news told as chit-chat is not filed as a need.
func TestNewsFixed(t *testing.T) {
	checkAuditCases(t, newsFixed)
}

// TestNews: the near misses of the news fixes keep their need.
func TestNews(t *testing.T) {
	checkAuditCases(t, newsCases)
}

// TestNewsNotMisread: the news of newsFixed lists none of the needs its
// words once read (medical for a birth, a death or a doctor, electricity
// for the "luz" of a birth, food for a meal, fire for a cooking fire),
// nor human remains for a death with its funeral.
func TestNewsNotMisread(t *testing.T) {
	checkNotMisread(t, []misreading{
		{"en", "my sister gave birth to a baby boy last night, we are happy", "medical"},
		{"fr", "ma soeur a accouché d'une fille, Dieu merci", "medical"},
		{"ht", "mwen akouche yon bèl ti fi", "medical"},
		{"pt", "minha irmã deu à luz ontem, tudo bem", "electricity"},
		{"es", "mi hermana dio a luz, todo bien", "electricity"},
		{"en", "my uncle died, the funeral is on Saturday at Sinkor", "medical"},
		{"en", "my uncle died, the funeral is on Saturday at Sinkor", "human_remains"},
		{"fr", "papa est décédé, les funérailles auront lieu samedi", "medical"},
		{"ht", "tonton m mouri, antèman an se samdi", "medical"},
		{"sw", "babu amefariki, mazishi ni kesho", "medical"},
		{"pt", "meu tio morreu, o enterro é amanhã", "medical"},
		{"es", "mi tío murió, el velorio es esta noche", "medical"},
		{"es", "mi tío murió, el velorio es esta noche", "human_remains"},
		{"en", "the doctor said she is fine now", "medical"},
		{"sw", "daktari amesema yuko salama sasa", "medical"},
		{"en", "we had a nice meal together", "food"},
		{"es", "la comida estuvo rica", "food"},
		{"sw", "chakula kilikuwa kitamu", "food"},
		{"ht", "m ap limen dife pou m kwit manje", "food"},
		{"ht", "m ap limen dife pou m kwit manje", "fire"},
		{"en", "I'm making a fire to cook", "fire"},
		{"sw", "tunawasha moto kupika", "fire"},
	})
}
