package text

import "strings"

// Languages are the languages whose function words this package knows, in
// order of preference on a tie: English, French, Swahili, Portuguese,
// Spanish and Haitian Creole.
var Languages = []string{"en", "fr", "sw", "pt", "es", "ht"}

// stopWordLists holds, per language, frequent words that say little about
// what a message reports or where: articles, pronouns, prepositions,
// greetings, numbers, time words and the words of asking for help. They
// are the evidence of language detection, never name a place on their own
// and are never read as a misspelt keyword.
var stopWordLists = map[string]string{
	"en": `the a an near nearby at is are was were be been in on of to and or not no there here by with
		from our we my me it its this that these those has have had please pls plz since behind next
		opposite beside between close around along across into over under after before very many much
		big all some us them they their your you i he she his her him hi hello thanks thank can cannot
		dont what where when which who why how now today tonight yesterday morning evening night day
		days week weeks hours hour still again also just only more most too so but if then than as for
		about up down out off got get need needs needed come came go going went see saw theres help
		urgent family families children child kids people person men women man woman one two three four
		five six seven eight nine ten lot lots quick quickly send grave graves ambulance do does did
		will would should could may might am`,
	"fr": `le la les un une des du de d l au aux pres a cote est sont il elle ils y ya dans sur sous et ou
		pas ne plus nous notre nos on je j c ce cet cette qui que qu avec pour par chez vers tres
		beaucoup depuis merci bonjour bonsoir svp aidez maison maisons devant derriere encore deja
		aussi tout tous toute personne personnes gens ici enfants famille vite rapide semaine semaines
		jour jours trois deux heures matin soir envoyez venez ambulance secours aide mais donc car ni
		vous leur leurs mon ma mes ton ta tes sa ses s n m t`,
	"sw": `na ya wa kwa karibu hakuna kuna katika la za cha vya zetu yetu wetu letu eneo nyumba nyumbani
		watu sana leo jana tafadhali hapa pale huko ni si sisi tuna hatuna mkubwa kubwa nyingi mengi
		mingi habari asante mbele nyuma kando upande baada kabla kati pia bado tena sasa wengi mtu
		mtoto watoto kila kitu kwenye kwamba lakini jirani siku tatu wiki asubuhi jioni njooni haraka
		saidia yangu wangu langu changu zangu yako wako lako chetu zenu yenu mambo vipi poa niaje shikamoo
		marahaba`,
	"pt": `perto nao esta estao de do da dos das no na nos nas em o os as um uma muito muita muitos casa
		casas junto ao aos pela pelo com sem ha temos nossa nosso agora aqui ali ja mais voces obrigado
		obrigada ola bom dia tem estamos por favor ele ela eles sao foi tambem ainda pessoas gente onde
		a e para que lado frente atras mandem venham ajuda semana oi quem voce tudo bem precisamos preciso
		precisam porque chega chegam chegou`,
	"es": `cerca esta estan hay no el los las la del al en un una y muy con sin casa casas aqui alla
		estamos tenemos nuestra nuestro por favor hace desde gracias hola buenos buenas dias ya mucho
		mucha muchos pero que se lo le donde hasta tambien todavia personas gente son fue senor senora
		de a para su junto detras enfrente semanas semana manden vengan rapido ayuda recoger manana
		tarde noche necesitamos necesito necesitan porque llega llegan llego`,
	"ht": `nan pa gen li yo mwen nou sou ak kote la a sa te ap se pou tanpri anpil ki kay toupre bo genyen
		jodi ye isit kounye moun zon mesi bonjou bonswa ou m n lan an non tou deja toujou anko rive vin
		kounya tout avek devan deye bezwen kouman kijan poukisa semen jou twa vini vit voye sekou maten
		depi lakay nap map yap tap kap w l y e o men paske si lè le konn kounyea yon sak`,
}

// stopWordLangs maps each folded stop word to the languages it belongs to;
// a word may belong to several ("la" is French, Spanish, Swahili and
// Haitian Creole).
var stopWordLangs = func() map[string][]string {
	m := map[string][]string{}
	for _, lang := range Languages {
		for _, w := range strings.Fields(stopWordLists[lang]) {
			w = Fold(w)
			if w == "" {
				continue
			}
			if !contains(m[w], lang) {
				m[w] = append(m[w], lang)
			}
		}
	}
	return m
}()

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// IsStopWord reports whether the folded word w is a stop word of one of
// the six languages.
func IsStopWord(w string) bool { return len(stopWordLangs[w]) > 0 }

// StopWordLanguages returns the languages of which the folded word w is a
// stop word, nil for none. The slice must not be modified.
func StopWordLanguages(w string) []string { return stopWordLangs[w] }
