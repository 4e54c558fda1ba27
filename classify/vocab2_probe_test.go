package classify_test

import (
	"testing"
)

// TestVocab2NotMisread: ordinary messages that hold another sense of a
// keyword of vocab2Probes' needs, or a word one typo from one, neither
// file nor list that need. English "shot" is a keyword only in phrases
// ("was shot", "shot dead": "a flu shot" is not), "delegation" is not a
// misspelt French "défécation" (now only in phrases); words left out for
// their neighbours stay out: French "voler" (voler au secours), Creole
// "tiye" (grangou ap tiye timoun yo) and "tire" when it draws water
// (the water supply phrase "tire dlo" holds it), Spanish "robando" (≈ "rogando"),
// Portuguese "baleado" (≈ "baseado") and "catanas" (≈ "cabanas"),
// Swahili "inawaka" (a lamp is lit) and "moto" after a connective
// ("maji ya moto": hot water), Creole "fimen" (to smoke), English
// "giving out", "blazing" (≈ "blaming"), "stinking" (≈ "sinking") and
// "postes" (read in English "post").
func TestVocab2NotMisread(t *testing.T) {
	checkNotMisread(t, []misreading{
		{"en", "I shot a video of the street", "security"},
		{"en", "the baby needs a flu shot", "security"},
		{"en", "a delegation came to see us", "sanitation"},
		{"en", "we are blaming the mayor for this", "fire"},
		{"en", "the house is sinking", "sanitation"},
		{"en", "my legs are giving out", "aid_distribution"},
		{"en", "I am posting this from the school", "electricity"},
		{"en", "they touched the wall", "fire"},
		{"fr", "prière de voler à notre secours", "security"},
		{"fr", "les oiseaux volent au dessus du camp", "security"},
		{"es", "estamos rogando por ayuda", "security"},
		{"es", "el arriendo está muy caro", "fire"},
		{"pt", "baseado no que vimos ontem", "security"},
		{"pt", "as cabanas estão cheias de gente", "security"},
		{"pt", "os meninos quebraram a janela", "fire"},
		{"sw", "taa inawaka usiku kucha", "fire"},
		{"sw", "tunahitaji maji ya moto kwa mtoto", "fire"},
		{"sw", "chakula cha moto kimeisha", "fire"},
		{"ht", "grangou ap tiye timoun yo", "security"},
		{"ht", "m ap tire dlo nan pi a", "security"},
		{"ht", "li fimen twòp sigarèt", "fire"},
	})
}
