package classify_test

// vocabProbes are more plain messages about the needs residents text most
// (medical, food, shelter, water, missing and trapped people), in the
// ordinary words of each language: symptoms and illnesses, hunger, sleeping
// outside, thirst, no news of a relative, people under the rubble. Like
// probes they are written from knowledge of the six languages, not from
// the development corpus, and TestProbes, TestProbesNoFalseFriends hold
// them to the same checks: each names its need with its own language's
// keywords, is filed as it or asked with it offered, and the other
// languages' keywords read nothing else in it.
var vocabProbes = []probe{
	// medical: symptoms, injuries, childbirth, nets
	{"en", "my son has a bad cough and he is vomiting", "medical"},
	{"en", "I have a sore throat and a headache", "medical"},
	{"en", "my father is short of breath, he cant breathe well", "medical"},
	{"en", "my wife is giving birth, we need help", "medical"},
	{"en", "he broke his leg when the wall fell", "medical"},
	{"en", "we dont have mosquito nets for the kids", "medical"},
	{"fr", "mon fils tousse beaucoup et il vomit", "medical"},
	{"fr", "j'ai mal à la gorge depuis trois jours", "medical"},
	{"fr", "ma femme va accoucher, aidez nous", "medical"},
	{"fr", "il a la jambe cassée, il ne peut pas marcher", "medical"},
	{"fr", "nous n'avons pas de moustiquaires pour les enfants", "medical"},
	{"sw", "mtoto wangu ana kikohozi na anatapika", "medical"},
	{"sw", "mama yangu anaumwa sana, tumbo linauma", "medical"},
	{"sw", "hatuna vyandarua kwa watoto", "medical"},
	{"sw", "ameumia mguu, anahitaji msaada", "medical"},
	{"pt", "o meu filho tem tosse e esta vomitando", "medical"},
	{"pt", "tenho dor de garganta e dor de cabeça", "medical"},
	{"pt", "ele partiu a perna, tem a perna partida", "medical"},
	{"pt", "nao temos mosquiteiros para as criancas", "medical"},
	{"pt", "a minha mulher esta com falta de ar", "medical"},
	{"es", "mi hijo tiene tos y esta vomitando", "medical"},
	{"es", "tengo dolor de garganta y dolor de cabeza", "medical"},
	{"es", "se le quebro la pierna, tiene la pierna rota", "medical"},
	{"es", "no tenemos mosquiteros para los niños", "medical"},
	{"ht", "pitit mwen ap touse e l ap vomi", "medical"},
	{"ht", "mwen gen yon gòj ki fè m mal", "medical"},
	{"ht", "gòj mwen fè mal, m pa ka vale", "medical"},
	{"ht", "madanm mwen pral akouche, nou bezwen èd", "medical"},
	{"ht", "nou pa gen moustikè pou timoun yo", "medical"},
	{"ht", "nou pa gen moustik pou timoun yo", "medical"},
	{"ht", "papa m gen souf kout", "medical"},
	{"ht", "nou bezwen yon dokt pou timoun yo", "medical"},
}

func init() { probes = append(probes, vocabProbes...) }
