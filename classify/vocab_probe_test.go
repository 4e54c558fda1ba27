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
	{"en", "the baby has diarrhoea and keeps throwing up", "medical"},
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

	// food: hunger, starving, staples, milk for the baby
	{"en", "we are starving, we have not eaten since monday", "food"},
	{"en", "we need milk for the baby and some bread", "food"},
	{"en", "pls send cooking oil and sugar, the children are malnourished", "food"},
	{"fr", "les enfants sont affamés, on a pas mangé depuis deux jours", "food"},
	{"fr", "il nous faut du lait et de l'huile", "food"},
	{"sw", "hatujala tangu jana, tunaomba msaada", "food"},
	{"sw", "tunahitaji maziwa na sukari kwa watoto", "food"},
	{"pt", "as crianças estão famintas, não comemos nada", "food"},
	{"pt", "precisamos de leite e pão para as crianças", "food"},
	{"es", "estamos hambrientos, no hemos comido nada", "food"},
	{"es", "necesitamos leche y azucar para los niños", "food"},
	{"ht", "nou gran gou, timoun yo poko manje", "food"},
	{"ht", "nou bezwen lèt pou bebe yo ak lwil", "food"},

	// water: thirst, something to drink, jerrycans, water trucks
	{"en", "we have nothing to drink, pls send a water truck", "water_supply"},
	{"en", "we need jerrycans to carry water", "water_supply"},
	{"fr", "nous n'avons rien à boire", "water_supply"},
	{"fr", "on a soif, envoyez un camion citerne", "water_supply"},
	{"sw", "tuna kiu sana, hatuna cha kunywa", "water_supply"},
	{"sw", "tunahitaji madumu ya maji", "water_supply"},
	{"pt", "temos sede, não há nada para beber", "water_supply"},
	{"pt", "mandem um carro pipa por favor", "water_supply"},
	{"es", "tenemos sed, no hay nada para beber", "water_supply"},
	{"es", "necesitamos un carro tanque de agua", "water_supply"},
	{"ht", "nou swaf, nou pa gen anyen pou nou bwè", "water_supply"},
	{"ht", "timoun yo pa gen dlo pou yo bwè", "water_supply"},
}

func init() { probes = append(probes, vocabProbes...) }
