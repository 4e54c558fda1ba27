package classify_test

import "testing"

// lang12Messages are code-mixed messages of Roman Urdu, English and place
// names, told Urdu by the postposition "par" ("on", "at") beside other
// Urdu words, and the French and Spanish messages that write "par" too,
// which keep their language. Written from knowledge of the languages, not
// from the corpus.
var lang12Messages = []struct{ lang, text string }{
	// Roman Urdu with English words and place names: the reply goes out
	// in Urdu ("main Tandale market par hoon" tied French and Urdu and
	// got the phone's language, French for a French phone).
	{"ur", "main Tandale market par hoon"},
	{"ur", "main school par hoon"},
	{"ur", "hum Korangi par hain"},
	{"ur", "ghar par koi nahi"},
	{"ur", "pani Lyari par nahi"},
	{"ur", "hamara ghar Korangi mein hai pani nahi"},
	{"ur", "bijli nahi hai Gulshan block 13"},
	{"ur", "Gulshan block 13 mein light nahi hai since morning"},
	{"ur", "road pe pani khara hai"},
	{"ur", "hum bridge pe hain"},
	// French with "par": unchanged.
	{"fr", "je suis par terre"},
	{"fr", "par ici"},
	{"fr", "bloqué par la police"},
	{"fr", "la maison détruite par le feu"},
	{"fr", "un arbre tombé par terre rue Pavée"},
	{"fr", "nous sommes passés par Carrefour"},
	// Spanish "par" (a pair), Creole "pè", Portuguese "pé": unchanged.
	{"es", "un par de casas sin agua"},
	{"ht", "mwen pè anpil"},
	{"pt", "machucou o pé na rua"},
	// English with a place name: unchanged.
	{"en", "water at Tandale market"},
	{"en", "the main road is blocked"},
	{"en", "no electricity in Gulshan block 13"},
}

// TestLang12Language: DetectLanguage tells each of lang12Messages its
// language whatever the phone's language was.
func TestLang12Language(t *testing.T) {
	for _, tt := range lang12Messages {
		for _, def := range []string{"en", "fr", "xx"} {
			if got := defaultMatcher.DetectLanguage(tt.text, def); got != tt.lang {
				t.Errorf("DetectLanguage(%q, %q) = %s, want %s", tt.text, def, got, tt.lang)
			}
		}
	}
}
