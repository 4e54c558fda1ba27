package classify

import (
	"slices"
	"strings"

	"github.com/mtaa-project/mtaa/text"
)

// placeWords are words that tell a message's language although they are
// not stop words (they are part of place names): "street", "rue", "mtaa".
// With the stop words of package text they are the function-word evidence
// of DetectLanguage.
var placeWords = map[string][]string{
	"en": {"house", "houses", "street", "road"},
	"fr": {"quartier", "rue"},
	"sw": {"kituo", "mtaa", "njia", "shule", "soko", "sokoni"},
	"pt": {"bairro", "escola", "mercado", "rua"},
	"es": {"barrio", "calle", "sector", "vereda"},
	"ht": {"katye", "lari"},
	"ur": {"mohalla", "mohallay", "basti", "gali", "gaon", "gaaon", "ilaqa", "ilaqe", "elaqa", "ilaka", "ilake", "shehar", "shahar", "sarak", "sadak"},
}

// placeWordLangs maps each place word to its languages.
var placeWordLangs = func() map[string][]string {
	m := map[string][]string{}
	for lang, ws := range placeWords {
		for _, w := range ws {
			m[w] = append(m[w], lang)
		}
	}
	return m
}()

// langWords are more words that tell a message's language, for
// DetectLanguage only (unlike a stop word or a place word, such a word may
// still be read as a misspelt keyword or in a place's name): words of
// short messages that the stop words lack, each of one language here:
// forms of "to be" and "to have" ("estou"/"estoy", "es", "niko", "suis"),
// yes and no ("sim", "si", "ndiyo", "hapana", "oui", "wi"), "I", "my",
// "where", "help", "today", "yesterday", "closed". Portuguese and Spanish
// differ most by these: "estou no Tandale market" and "no es comida" had
// only words the two (and English) share. And the words of an operator's
// offer, whose brand names no language holds ("Movistar: recarga S/10 y
// obtén el doble de megas", "recarregue e ganhe o dobro", "rechaje epi
// jwenn doub"): the reply goes out in the offer's language. And
// Urdu's postposition "par" ("on", "at"), a French stop word too: it
// counts for both, so "main Tandale market par hoon" is Urdu (it tied
// French and Urdu and got the phone's language) while "je suis par
// terre" and "par ici" stay French.
var langWords = map[string]string{
	"en": `im yes closed`,
	"fr": `suis sommes avons oui`,
	"sw": `niko nipo tuko tupo yuko yupo iko ipo liko lipo ziko
		zipo wapi msaada naomba tunaomba ndiyo ndio hapana sawa nini gani mimi wewe yeye wao`,
	"pt": `estou estava estavam estavamos estive sou sim eu meu minha meus
		minhas tenho tinha tinhamos recebemos recebi hoje ontem isso isto nem fechado fechada
		fechados fechadas cade ninguem alguem entao pra vc vcs hj tb tbm mt mto nd td aki boa
		quero cheia cheio vazia vazio sempre dinheiro veio vem dobro ganhe recarregue`,
	"es": `estoy estaba estaban estabamos estuve soy es eres si tengo tenia
		teniamos recibimos recibi hoy ayer eso esto cerrado cerrada cerrados cerradas nadie
		alguien entonces nosotros ellos usted ustedes xq tmb ntp navidad cuanto cuesta nos
		perdimos obten doble`,
	"ht": `wi epi jwenn rechaje`,
	"ur": `hai hain hy hein tha thi hua huwa howa hue gaya gya gayi gai gaye raha rahe rahi hum hamara hamari
		hamare hamen hamein humein hame hmara hmari hmare meri mein kya kyun kahan yahan wahan
		koi kuch bahut bohat bohot bht abhi aaj aur bhi sab liye logon ko bilkul nahi nahin nhi nahe
		chahiye chahye chahiyae chahie chaiye chahiay zaroorat zarurat zarorat madad karo kijiye meherbani
		meharbani mehrbani shukriya shukria janab sahab sahib mujhe aap apna apni apne kaise kaisa
		haal theek mubarak bhai kab kyon hun hoon par ہے ہیں تھا تھی ہوا ہو گیا گئی گئے رہا رہے ہم
		ہمارا ہماری ہمارے ہمیں میرا میری میرے میں کیا کہاں یہاں کوئی کچھ بہت اور بھی کا کی کے کو سے
		نہیں چاہیے ضرورت مدد`,
}

// langWordLangs maps each folded word of langWords to its languages.
var langWordLangs = func() map[string][]string {
	m := map[string][]string{}
	for lang, ws := range langWords {
		for _, w := range strings.Fields(ws) {
			m[w] = append(m[w], lang)
		}
	}
	return m
}()

// grammarWords are words of grammar of a closed class, each of one
// language, that tell the language of a message as surely as a keyword
// does (DetectLanguage gives them weightKeyword on top of their weight as
// a stop word or one of langWords): negations and words of lack
// ("hakuna", "hatuna", "pa", "nao"), pronouns and the forms of being
// that hold one ("nou", "mwen", "nipo", "tuko", "nous"), and question
// words ("wapi", "kisa", "onde"). A resident who writes a need's word in
// English amid them writes their own language: "hakuna water", "nipo
// clinic", "wapi clinic", "hatuna food", "pa gen water" are Swahili or
// Creole. Never a word that place names hold ("en", "la", "de", "nan",
// "rue", "san"), which the gazetteer may not know: "fire Marché en Fer",
// "Fire Rue Pavée" stay English. Not English, the language the others'
// English keywords are read in.
var grammarWords = map[string]string{
	"sw": `hakuna hatuna sina hana hawana hapana nipo tupo niko tuko yuko yupo hatupo sipo
		wapi nini gani sisi mimi wao tunahitaji nahitaji`,
	"ht": `pa gen genyen nou mwen poko kisa kiyes kibo bezwen`,
	"fr": `pas rien aucun aucune sommes avons`,
	"pt": `nao temos estou estamos cade onde precisamos preciso`,
	"es": `hay tenemos nosotros necesitamos necesito estoy`,
	"ur": `nahi nahin nhi chahiye chahye chahiyae chahie chaiye chahiay hamein humein hamen hamara hamari
		hamare hmara hmari hmare kahan kya madad zaroorat zarurat نہیں چاہیے ہمیں ہمارے ہمارا ضرورت`,
}

// grammarWordLangs maps each folded word of grammarWords to its language.
var grammarWordLangs = func() map[string]string {
	m := map[string]string{}
	for lang, ws := range grammarWords {
		for _, w := range strings.Fields(ws) {
			m[w] = lang
		}
	}
	return m
}()

// langHints are letters that only some of the languages write.
var langHints = map[rune][]string{
	'ã': {"pt"}, 'õ': {"pt"}, 'ñ': {"es"}, '¿': {"es"}, '¡': {"es"},
	'ò': {"ht"}, 'ê': {"fr", "pt"}, 'ç': {"fr", "pt"}, 'è': {"fr", "ht"}, 'à': {"fr", "pt"},
}

// langEndings are word endings (of folded words) that only one of the
// languages writes: the Spanish gerund "-iendo" ("lloviendo", "subiendo";
// Portuguese writes "-endo", "-indo") and nouns in "-cion" (Portuguese
// "-cao", Creole "-syon").
var langEndings = []struct {
	ending string
	lang   string
}{
	{"iendo", "es"}, {"cion", "es"}, {"ciones", "es"},
	{"cao", "pt"}, {"coes", "pt"},
	{"syon", "ht"},
}

// Weights of the evidence for a language.
const (
	weightFunctionWord = 1.0
	weightKeyword      = 2.0
	weightHint         = 1.5
)

// DetectLanguage guesses which of en, fr, sw, pt, es, ht, or of the
// languages a city adds keywords in, a message is in, from its letters,
// its words' endings, the stop words of package text, langWords,
// grammarWords and m's keywords (a city's own included); it returns def when unsure:
// no evidence at all, or a tie between the best languages (but Spanish
// for a tie of Portuguese and Spanish alone when def is neither).
func (m *KeywordMatcher) DetectLanguage(msg string, def string) string {
	// The six languages, then those of the city's keywords as met.
	langs := slices.Clone(text.Languages)
	score := make([]float64, len(langs))
	add := func(lang string, w float64) {
		i := slices.Index(langs, lang)
		if i < 0 {
			langs, score = append(langs, lang), append(score, 0)
			i = len(langs) - 1
		}
		score[i] += w
	}
	for _, r := range strings.ToLower(msg) {
		for _, l := range langHints[r] {
			add(l, weightHint)
		}
	}
	sc := m.getScan()
	defer m.scans.Put(sc)
	m.find(msg, sc)
	for _, tk := range sc.tokens {
		for _, l := range text.StopWordLanguages(tk.word) {
			add(l, weightFunctionWord)
		}
		for _, l := range placeWordLangs[tk.word] {
			add(l, weightFunctionWord)
		}
		for _, l := range langWordLangs[tk.word] {
			add(l, weightFunctionWord)
		}
		if l, ok := grammarWordLangs[tk.word]; ok {
			add(l, weightKeyword)
		}
		for _, e := range langEndings {
			if len(tk.word) > len(e.ending)+1 && strings.HasSuffix(tk.word, e.ending) {
				add(e.lang, weightFunctionWord)
			}
		}
	}
	// A keyword counts once per language however many entries share it
	// ("hospital" is en, pt and es), scaled by how sure the match is. A
	// keyword not read inside a phrase of another sense ("dlo nan je m")
	// still tells the language.
	read := sc.found
	if len(sc.unread) > 0 {
		read = slices.Concat(sc.found, sc.unread)
	}
	for i, c := range read {
		e := &m.entries[c.entry]
		dup := false
		for _, o := range read[:i] {
			if o.word == c.word && m.entries[o.entry].lang == e.lang {
				dup = true
				break
			}
		}
		if !dup {
			add(e.lang, weightKeyword*float64(len(e.words))*c.confidence)
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
	if best < 0 {
		return def
	}
	if tie {
		return iberianTie(langs, score, score[best], def)
	}
	return langs[best]
}

// iberianTie is the language of a message whose best languages tie: def,
// unless exactly Portuguese and Spanish tie ("socorro", "comida") and def
// is neither, then Spanish, as for the command words the two share
// (ESTADO, PARAR): the resident writes one of them, not def.
func iberianTie(langs []string, score []float64, best float64, def string) string {
	var tied []string
	for i, s := range score {
		if s == best {
			tied = append(tied, langs[i])
		}
	}
	if slices.Equal(tied, []string{"pt", "es"}) && def != "pt" {
		return "es"
	}
	return def
}
