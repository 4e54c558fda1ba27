package sms

import (
	"strings"
	"sync"

	"github.com/mtaa-project/mtaa/data"
)

// languages are the message languages the SMS channel understands and
// answers in, in order of preference on a tie.
var languages = [...]string{"en", "fr", "sw", "pt", "es", "ht"}

// Languages returns the message languages the SMS channel understands and
// answers in: en, fr, sw, pt, es and ht.
func Languages() []string { return append([]string(nil), languages[:]...) }

// functionWords are frequent short words of each language, folded by
// Normalize. A word may belong to several languages ("la" is French,
// Spanish, Swahili and Haitian Creole); it then counts for each of them.
var functionWords = map[string][]string{
	"en": strings.Fields(`the a an near at is are was in on of to and not no there here by with from our we my it
		its this that these has have had been be please pls plz since behind next opposite beside between
		house houses people street road help very many big all some us them they your
		hi hello thanks thank you can cannot dont what where when`),
	"fr": strings.Fields(`le la les un une des du de d l au aux pres a cote est sont il elle ils y ya dans sur sous
		et ou pas ne plus nous notre nos on je j c ce cet cette qui que qu avec pour par chez rue vers
		tres beaucoup depuis merci bonjour bonsoir svp aidez maison maisons quartier devant derriere
		encore deja aussi tout tous toute personne personnes gens ici`),
	"sw": strings.Fields(`na ya wa kwa karibu hakuna kuna katika la za cha vya zetu yetu wetu letu mtaa eneo
		nyumba nyumbani watu sana leo jana tafadhali hapa pale huko ni si sisi tuna hatuna mkubwa kubwa
		nyingi mengi mingi soko sokoni habari asante mbele nyuma kando upande baada kabla kati pia
		bado tena sasa wengi mtu mtoto watoto shule kituo njia kila kitu kwenye kwamba lakini`),
	"pt": strings.Fields(`perto nao esta estao de do da dos das no na nos nas em o os as um uma muito muita
		muitos casa casas bairro rua junto ao aos pela pelo com sem ha temos nossa nosso agora aqui ali
		ja mais voces obrigado obrigada ola bom dia tem estamos por favor ele ela eles sao foi esta
		tambem ainda pessoas gente onde mercado escola a e por para que`),
	"es": strings.Fields(`cerca esta estan hay no el los las la del al en un una y muy con sin casa casas barrio
		calle aqui alla estamos tenemos nuestra nuestro por favor hace desde gracias hola buenos buenas
		dias ya mucho mucha muchos pero que se lo le sector vereda donde hasta tambien todavia personas
		gente son fue senor senora de a por para su`),
	"ht": strings.Fields(`nan pa gen li yo mwen nou sou ak kote la a sa te ap se pou tanpri anpil ki kay lari
		toupre bo genyen jodi ye isit kounye moun zon katye mesi bonjou bonswa ou m n lan an non tou
		deja toujou ankò rive vin kounya tout avèk devan dèyè bezwen kouman kijan poukisa`),
}

// langHints are letters that only some of the languages write.
var langHints = map[rune][]string{
	'ã': {"pt"}, 'õ': {"pt"}, 'ñ': {"es"}, '¿': {"es"}, '¡': {"es"},
	'ò': {"ht"}, 'ê': {"fr", "pt"}, 'ç': {"fr", "pt"}, 'è': {"fr", "ht"}, 'à': {"fr", "pt"},
}

// Weights of the evidence for a language.
const (
	weightFunctionWord = 1.0
	weightKeyword      = 2.0
	weightHint         = 1.5
)

// functionWordLangs maps each function word to its languages.
var functionWordLangs = func() map[string][]string {
	m := map[string][]string{}
	for _, lang := range languages {
		for _, w := range functionWords[lang] {
			w = Normalize(w)
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

// defaultMatcher is built once from the built-in taxonomy; it is never
// modified after that.
var defaultMatcher = sync.OnceValue(func() *CategoryMatcher {
	return NewCategoryMatcher(data.DefaultTaxonomy())
})

// DetectLanguage guesses which of en, fr, sw, pt, es, ht a message is in, from
// its keywords and common function words; it returns def when unsure.
//
// The keywords are those of the built-in taxonomy; use
// CategoryMatcher.DetectLanguage for a city's own. "Unsure" means no
// evidence at all, or a tie between the best languages.
func DetectLanguage(text string, def string) string {
	return defaultMatcher().DetectLanguage(text, def)
}

// DetectLanguage is like the package's DetectLanguage, with m's keywords as
// evidence.
func (m *CategoryMatcher) DetectLanguage(text string, def string) string {
	var score [len(languages)]float64
	add := func(lang string, w float64) {
		for i, l := range languages {
			if l == lang {
				score[i] += w
			}
		}
	}
	for _, r := range strings.ToLower(text) {
		for _, l := range langHints[r] {
			add(l, weightHint)
		}
	}
	sc := m.getScan()
	defer m.scans.Put(sc)
	m.find(text, sc)
	for _, tk := range sc.tokens {
		for _, l := range functionWordLangs[tk.word] {
			add(l, weightFunctionWord)
		}
	}
	// A keyword counts once per language however many entries share it
	// ("hospital" is en, pt and es), scaled by how sure the match is.
	for i, c := range sc.found {
		e := &m.entries[c.entry]
		dup := false
		for _, o := range sc.found[:i] {
			if o.word == c.word && m.entries[o.entry].lang == e.lang {
				dup = true
				break
			}
		}
		if !dup {
			add(e.lang, weightKeyword*float64(c.n)*c.confidence)
		}
	}
	best, tie := -1, false
	for i := range score {
		switch {
		case score[i] == 0:
		case best < 0 || score[i] > score[best]:
			best, tie = i, false
		case score[i] == score[best]:
			tie = true
		}
	}
	if best < 0 || tie {
		return def
	}
	return languages[best]
}
