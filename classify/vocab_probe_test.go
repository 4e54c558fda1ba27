package classify_test

import "testing"

// TestVocabNotMisread: words of another language that look like this
// file's keywords, or another sense of them, name no need: Spanish
// "presa" is a dam and Portuguese "preso" is arrested, not trapped (the
// bare Portuguese "preso", "presos", "presas" were keywords of
// people_trapped); English "give blood" offers help.
func TestVocabNotMisread(t *testing.T) {
	checkNotMisread(t, []misreading{
		{"es", "la presa se desbordó anoche", "people_trapped"},
		{"pt", "o ladrão foi preso ontem", "people_trapped"},
		{"pt", "os presos fugiram da cadeia", "people_trapped"},
		{"en", "I want to go and give blood", "medical"},
		{"fr", "j'ai compris, merci", "medical"},
		{"pt", "a sede da associação fica no centro", "water_supply"},
		{"ht", "konbyen galon gazolin ou bezwen", "water_supply"},
	})
}
