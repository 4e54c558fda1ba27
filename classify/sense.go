package classify

import (
	"slices"
	"strings"

	"github.com/mtaa-project/mtaa/classify/internal/feature"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// dropOtherSenses removes the phrases of other senses found
// (data.Category.OtherSenses), which are never keywords found, and the
// keywords of their category read inside one of them, which it keeps in
// sc.unread: "flood" in "a flood of people", "dlo" in "dlo nan je m"
// (tears: water in my eyes), "power" in "the power of prayer". A keyword
// of another category inside such a phrase is still read, and so is a
// keyword of the category that reaches beyond the phrase's words or into
// its gap.
func (m *KeywordMatcher) dropOtherSenses(sc *scan) {
	if !slices.ContainsFunc(sc.found, func(c candidate) bool { return m.entries[c.entry].sense }) {
		return
	}
	sc.dropFound(func(_ int, c candidate) bool {
		e := &m.entries[c.entry]
		if e.sense {
			return true
		}
		for _, o := range sc.found {
			if m.entries[o.entry].sense && m.entries[o.entry].cat == e.cat && m.within(c, o) {
				sc.unread = append(sc.unread, c)
				return true
			}
		}
		return false
	})
}

// within reports whether every word keyword c was read in is a word of
// phrase o, not one of o's gap: the words of c's own gap may be any.
func (m *KeywordMatcher) within(c, o candidate) bool {
	for _, p := range m.parts(c) {
		outside := p[0] < o.word || p[1] > o.word+o.n
		inGap := p[0] < o.gapTo && o.gapFrom < p[1]
		if outside || inGap {
			return false
		}
	}
	return true
}

// parts returns the message words [from, to) that keyword c was read in:
// one run, or two around the gap of a keyword with one.
func (m *KeywordMatcher) parts(c candidate) [][2]int {
	if m.entries[c.entry].gap == 0 {
		return [][2]int{{c.word, c.word + c.n}}
	}
	return [][2]int{{c.word, c.gapFrom}, {c.gapTo, c.word + c.n}}
}

// unreadEvidence counts the keywords sc did not read inside a phrase of
// another sense (not those read as satisfied, see polarity.go: "power
// is back, thank you", "thanks for the food" ask for nothing, nor a
// place that says where the sender is, see dropWhere) as one
// keyword of the taxonomy's "other" category (the
// most sure of them, when there are several), if it has one: the
// message says something, only not what the keyword's category is. So
// "the police opened fire on the crowd" or "my mother collapsed at the
// market" is asked what the problem is ("other" is never filed), as
// a message with a keyword is, rather than answered "not understood"
// with the fire or collapse they named no longer read; and the model's
// relevance head, trained on the same evidence, weighs it alike.
func (m *KeywordMatcher) unreadEvidence(sc *scan, ev []float64) {
	other := slices.IndexFunc(m.cats, func(c matcherCategory) bool { return c.other })
	if other < 0 {
		return
	}
	for _, c := range sc.unread {
		if c.satisfied == unsatisfied && !c.where {
			ev[other] = max(ev[other], c.confidence)
		}
	}
}

// unreadWords are message words [from, to) (indexes in
// KeywordMatcher.Words) of a
// keyword of taxonomy category cat not read: inside a phrase of another
// sense of that category, or, with satisfied set, said to be had,
// received, not needed or over (polarity.go).
type unreadWords struct {
	cat, from, to int
	satisfied     bool
	// receded is set for the words of a keyword of a category that is no
	// hazard read as over: water that went down ("the water has gone
	// down"), which ends a flood (KeywordMatcher.recededAs), not the
	// water supply.
	receded bool
	// where is set for the words of a place that says where the sender
	// is (dropWhere), which no head reads (headSum).
	where bool
}

// unreadOf returns the words of the keywords sc did not read.
func (m *KeywordMatcher) unreadOf(sc *scan) []unreadWords {
	var out []unreadWords
	for _, c := range sc.unread {
		for _, p := range m.parts(c) {
			cat := m.entries[c.entry].cat
			out = append(out, unreadWords{cat: int(cat), from: p[0], to: p[1], satisfied: c.satisfied != unsatisfied,
				receded: c.satisfied == over && !m.cats[cat].event, where: c.where})
		}
	}
	return out
}

// headSum returns the model's weighted sum for head h of taxonomy
// category cat over the message's words: sums[h], or, when keywords of
// cat were not read (inside a phrase of another sense, or satisfied),
// the sum over the message without those words. The head reads "flood" in "a flood of
// people at the market" as surely as the keyword (it filed a flood at
// 0.70 on the word alone); other heads still read every word, but those
// of a place that says where the sender is (dropWhere), which no head
// reads: the security head read "camp" in "there are bandits in the camp
// at night" as a sign of shelter, against security.
func (c *Classifier) headSum(h, cat int, sums []float64, words []text.Word, unread []unreadWords) float64 {
	skip := func(u unreadWords) bool { return u.cat == cat || u.where }
	if !slices.ContainsFunc(unread, skip) {
		return sums[h]
	}
	kept := make([]text.Word, 0, len(words))
	for wi, w := range words {
		if !slices.ContainsFunc(unread, func(u unreadWords) bool { return skip(u) && u.from <= wi && wi < u.to }) {
			kept = append(kept, w)
		}
	}
	return c.model.scoreHead(feature.Append(nil, kept), h)
}

// dropNews unreads, in a message that tells family news (a word of
// newsWords: a funeral, a burial, a wake, congratulations, joy), the
// keywords that name the life event it tells (lifeEvents: a death, a
// pregnancy, a birth), as dropOtherSenses does those inside a phrase of
// another sense: "papa est décédé, les funérailles auront lieu samedi",
// "babu amefariki, mazishi ni kesho", "ma femme est enceinte, nous sommes
// contents" name no need. The death and the funeral are most often told
// in two clauses, which no phrase of other senses spans. Every other
// keyword is still read: "my father died, no doctor came, the funeral is
// tomorrow" is medical, "bodies in the street, no burial" human remains,
// and a plural death ("wamefariki", "moun mouri") stays a report.
//
// It first unreads the keywords of a past event told as such (dropPast).
func (m *KeywordMatcher) dropNews(sc *scan) {
	m.dropPast(sc)
	if !slices.ContainsFunc(sc.tokens, func(t token) bool { return newsWords[t.word] }) {
		return
	}
	sc.dropFound(func(_ int, c candidate) bool {
		e := &m.entries[c.entry]
		if e.gap != 0 || !lifeEvents[strings.Join(e.words, " ")] {
			return false
		}
		sc.unread = append(sc.unread, c)
		return true
	})
}

// dropPast unreads, as dropNews does those of family news, the
// keywords of a clause that tells an event of years past: a year named
// as when it happened, after a phrase of polarityWords.yearWords ("the old bridge
// collapsed in 1998", "le pont est tombé en 2010", "daraja limeanguka
// mwaka 2015", "a ponte caiu em 2008"), or years ago (agoPhrases: "ten
// years ago", "last year", "il y a dix ans", "miaka kumi iliyopita", "há
// cinco anos", "hace diez años", "sa gen dis an"). They are asked what
// the problem is (unreadEvidence), never filed. The clause is the
// time's, between punctuation; a time that is its clause alone ("In
// 2010, the earthquake destroyed our house") tells the next one (or,
// last, the one before). A clause that also says now, still or again
// (polarityWords.presentWords: "the bridge collapsed in 2010 and is still blocked",
// "le pont est tombé il y a dix ans, il est toujours fermé" keeps its
// second clause), or that holds a word of lack of any language
// (polarityWords.lacks: "no water in our school, built in 1998"), is
// read as before, and so is a time since which something lasts ("no
// water since 2019", "tangu mwaka jana", "hace diez años que no tenemos
// agua", "há anos que": sinceWords, durationWords). A date ("12 janvier
// 2010") names no time past: residents date the event they report, and
// the classifier has no clock to tell a past year from the current one.
func (m *KeywordMatcher) dropPast(sc *scan) {
	if len(sc.found) == 0 {
		return
	}
	var clauses [][2]int
	for q := 0; q < len(sc.tokens); {
		from, to, ok := sc.pastAt(q)
		if !ok {
			q++
			continue
		}
		cf, ct := sc.clauseOf(from)
		if sc.clauseIs(cf, ct, from, to) {
			switch {
			case ct < len(sc.tokens):
				cf, ct = sc.clauseOf(ct)
			case cf > 0:
				cf, ct = sc.clauseOf(cf - 1)
			}
		}
		if !sc.present(cf, ct) {
			clauses = append(clauses, [2]int{cf, ct})
		}
		q = to
	}
	if len(clauses) == 0 {
		return
	}
	sc.dropFound(func(_ int, c candidate) bool {
		if !slices.ContainsFunc(clauses, func(cl [2]int) bool { return cl[0] <= c.word && c.word+c.n <= cl[1] }) {
			return false
		}
		sc.unread = append(sc.unread, c)
		return true
	})
}

// pastAt reports whether a time of years past (see dropPast) begins at
// word q, and the words [from, to) it holds: a year after a phrase of
// yearWords (from is then that phrase's) or before one of yearAfter
// ("2010 mein"), or a phrase of agoPhrases. Not
// after a word of sinceWords, nor before one of durationWords (their
// words of every language: polarityWords).
func (sc *scan) pastAt(q int) (from, to int, ok bool) {
	to = 0
	for _, ph := range polarityIdx.yearWords {
		if y := q + len(ph); y < len(sc.tokens) && sc.phraseAt(q, ph) && !sc.clauseBreak(y) && isYear(sc.tokens[y].word) {
			to = y + 1
			break
		}
	}
	for _, ph := range polarityIdx.yearAfter {
		if to == 0 && isYear(sc.tokens[q].word) && q+1 < len(sc.tokens) && !sc.clauseBreak(q+1) && sc.phraseAt(q+1, ph) {
			to = q + 1 + len(ph)
		}
	}
	for _, ph := range polarityIdx.agoPhrases {
		if to == 0 {
			to = sc.wildPhraseAt(q, ph)
		}
	}
	if to == 0 {
		return 0, 0, false
	}
	if q > 0 && !sc.clauseBreak(q) && polarityIdx.sinceWords[sc.tokens[q-1].word] {
		return 0, 0, false
	}
	if to < len(sc.tokens) && !sc.clauseBreak(to) && sc.durationAt(to) {
		return 0, 0, false
	}
	return q, to, true
}

// durationAt reports whether word j is one of durationWords of a
// language the message is written in (scan.mostlyOf), or of any when
// the message has no function words: Urdu "se" ("2010 se", since 2010)
// is the Spanish reflexive in "en 1998 se cayó el puente".
func (sc *scan) durationAt(j int) bool {
	w := sc.tokens[j].word
	if !polarityIdx.durationWords[w] {
		return false
	}
	if slices.Max(sc.langs) == 0 {
		return true
	}
	for _, lang := range slices.Concat(polarityLangs, clauseLangs) {
		if polarity[lang].durationWords[w] && sc.mostlyOf(lang) {
			return true
		}
	}
	return false
}

// wildPhraseAt returns the end of phrase ph read in one clause from word
// q, 0 when it is not there; a word "*" of ph stands for up to two words
// of any kind ("il y a * ans": "il y a dix ans", "il y a plus de dix ans"
// reads three, too many).
func (sc *scan) wildPhraseAt(q int, ph []string) int {
	if len(ph) == 0 {
		return q
	}
	if q >= len(sc.tokens) {
		return 0
	}
	if ph[0] == "*" {
		for n := 0; n <= 2 && q+n < len(sc.tokens); n++ {
			if n > 0 && sc.clauseBreak(q+n) {
				break
			}
			if end := sc.wildPhraseAt(q+n, ph[1:]); end > 0 {
				return end
			}
		}
		return 0
	}
	if sc.tokens[q].word != ph[0] || len(ph) > 1 && (q+1 >= len(sc.tokens) || sc.clauseBreak(q+1)) {
		return 0
	}
	return sc.wildPhraseAt(q+1, ph[1:])
}

// isYear reports whether w is a year of the past century or this one
// written in full: 1900 to 2099.
func isYear(w string) bool {
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && isDigit(w[2]) && isDigit(w[3])
}

// clauseOf returns the words [from, to) of the clause, between
// punctuation (scan.clauseBreak), that holds word q.
func (sc *scan) clauseOf(q int) (from, to int) {
	from, to = q, q+1
	for from > 0 && !sc.clauseBreak(from) {
		from--
	}
	for to < len(sc.tokens) && !sc.clauseBreak(to) {
		to++
	}
	return from, to
}

// clauseIs reports whether the clause [cf, ct) holds no word but the time
// [from, to), with at most one word before it ("back in 1998", "ya
// hace diez años").
func (sc *scan) clauseIs(cf, ct, from, to int) bool {
	return ct == to && from-cf <= 1
}

// present reports whether the words [from, to) say now, still or again
// (presentWords) or hold a word of lack of any language
// (polarityWords.lacks; not a preposition of the message's language,
// notLackHere): the clause reports the present.
func (sc *scan) present(from, to int) bool {
	for _, t := range sc.tokens[from:to] {
		if polarityIdx.presentWords[t.word] || polarityIdx.lacks[t.word] && !sc.notLackHere(t.word) {
			return true
		}
	}
	return false
}

// notLackIn are, by language, words that are a lack in another language
// (a negation: Spanish "no") and a preposition in this one: Portuguese
// "no", "na", "nos", "nas" (em and an article: "no Chokwe", in Chokwe).
var notLackIn = map[string]map[string]bool{"pt": wordSetOf("no", "na", "nos", "nas")}

// notLackHere reports whether w, a word of lacks, is a preposition of
// the language the message is written in (notLackIn, scan.mostlyOf).
func (sc *scan) notLackHere(w string) bool {
	for lang, set := range notLackIn {
		if set[w] && sc.mostlyOf(lang) {
			return true
		}
	}
	return false
}

// lifeEvents are the keywords, folded, of the built-in taxonomy that name
// one person's death, a pregnancy or a birth, which a message of news
// (newsWords) tells rather than reports (dropNews). A death of many
// ("wamefariki", "moun mouri", "dead bodies") and a birth under way ("in
// labour", "giving birth", "trabajo de parto") are not listed.
var lifeEvents = wordSetOf(
	"died", "dead", "death", "pregnant", "gave birth",
	"decede", "deces", "mort", "enceinte", "accouche",
	"mouri", "ansent", "akouche",
	"amefariki", "amekufa", "mjamzito", "mimba",
	"morreu", "morto", "gravida", "parto",
	"murio", "muerto", "embarazada",
)

// newsWords are words, folded, that tell family news: a funeral, a
// burial, a wake, condolences, congratulations, happiness (dropNews).
// Words that also name a need or a disaster are not listed ("buried",
// under the rubble; Swahili "msiba", a bereavement and a calamity).
var newsWords = wordSetOf(
	"funeral", "funerals", "burial", "condolences", "congratulations", "congrats", "happy",
	"funerailles", "obseques", "enterrement", "inhumation", "veillee", "condoleances", "felicitations",
	"content", "contents", "contente", "heureux", "heureuse",
	"anteman", "lanteman", "fineray", "felisitasyon", "kontan",
	"mazishi", "maziko", "hongera", "pongezi", "tunafurahi", "furaha",
	"enterro", "velorio", "sepultamento", "parabens", "felizes", "contentes",
	"entierro", "sepelio", "velatorio", "felicidades", "felicitaciones", "felices", "contentos",
)

// hedge marks the keywords of hedgedKeywords found in sc hedged: read,
// listed and offered first, never filed on their own (Result.Main), and
// never the keyword credit of an exact keyword. A keyword with a gap is
// listed with its mark ("fe nwa … jou").
func (m *KeywordMatcher) hedge(sc *scan) {
	for i, c := range sc.found {
		e := &m.entries[c.entry]
		if hedgedKeywords[data.KeywordKey(e.words, e.gap)] {
			sc.found[i].hedged = true
		}
	}
}

// hedgedKeywords are the keywords, folded, of the built-in taxonomy that
// tell a situation which is most often, not always, their category's
// need (hedge): sleeping outside is a shelter need or a night out of a
// cracked house ("We are sleeping outside." is labelled without shelter
// in the development corpus), losing one's family may be a death or a
// missing person, not being able to eat may be hunger or an illness ("our
// daughter cannot eat and she is bruised"), days of darkness may be a
// power cut or a rumour of one ("yo di pral gen fè nwa pandan 3 jou":
// they say it will be dark for three days; "fè nwa" alone is the night,
// no keyword). Another keyword of the category files it as before ("we
// are sleeping outside, no tent").
var hedgedKeywords = wordSetOf(
	"sleeping outside", "sleep outside", "slept outside", "sleeping in the open", "sleep in the open",
	"sleeping in the street", "sleep in the street", "sleeping in the streets", "sleep in the streets",
	"lost my family", "lost my whole family", "lost all my family", "pedi fanmi mwen", "pedi fanmi m",
	"can t eat", "cant eat", "cannot eat", "can not eat",
	"house crashed", "houses crashed", "anba dra",
	"pa gen kote pou n ale", "pa gen kote pou nou ale", "pa gen kote pou m ale",
	"fe nwa … jou", "fenwa … jou", "nan fe nwa … jou", "nan fenwa … jou",
)

// dropOffers unreads, in a message that offers rather than reports (an
// advert, or a volunteer offering help: offered), the keywords of every
// category that is no hazard happening (matcherCategory.event), as
// dropNews unreads those of the life event a piece of news tells:
// "promo: water tanks for sale", "tunauza maji safi, piga simu", "nap
// vann dlo pwop", "call us for cheap rice delivery", "I can deliver
// water to anyone who needs it", "quiero donar ropa y comida" name no
// need of the sender. They are asked what the problem is (unreadEvidence),
// never filed. A hazard is still read ("our shop burned, call us"), and
// a message with a word of lack of any language (polarityWords.lacks)
// outside the offer's phrases and those of who it is for (offerFor) is
// a report: "we sell charcoal but we have no food", "call us, we need
// water", "please call us for food" keep their need. "the shop sold out
// of water", "no food in the market", "can someone deliver water to us",
// "we would like food please" offer nothing.
func (m *KeywordMatcher) dropOffers(sc *scan) {
	if len(sc.found) == 0 || !sc.offered() {
		return
	}
	sc.dropFound(func(_ int, c candidate) bool {
		cat := &m.cats[m.entries[c.entry].cat]
		if cat.event || cat.other {
			return false
		}
		sc.unread = append(sc.unread, c)
		return true
	})
}

// dropHeat unreads Swahili "moto" (fire, and heat) told of a thing as
// how hot it is: "ni moto" (it is hot) with a noun of hotThings before
// it in its clause, at most heatBefore words away: "friji yenye insulini
// ni moto", "chai ni moto sana", "maji ni moto". "nyumba ni moto", "kuna
// moto sokoni" stay fire, and so does a message with another keyword of
// fire ("moto mkubwa sokoni, chakula ni moto").
func (m *KeywordMatcher) dropHeat(sc *scan) {
	heat := func(c candidate) bool {
		e := &m.entries[c.entry]
		return e.lang == "sw" && e.gap == 0 && strings.Join(e.words, " ") == "moto" && sc.heatAt(c.word)
	}
	i := slices.IndexFunc(sc.found, heat)
	if i < 0 {
		return
	}
	cat := m.entries[sc.found[i].entry].cat
	if slices.ContainsFunc(sc.found, func(c candidate) bool { return m.entries[c.entry].cat == cat && !heat(c) }) {
		return
	}
	sc.dropFound(func(_ int, c candidate) bool {
		if !heat(c) {
			return false
		}
		sc.unread = append(sc.unread, c)
		return true
	})
}

// heatAt reports whether word q ("moto") follows "ni" and, in its clause,
// a noun of hotThings at most heatBefore words before "ni" (dropHeat).
func (sc *scan) heatAt(q int) bool {
	if q < 2 || sc.tokens[q-1].word != "ni" || sc.clauseBreak(q) || sc.clauseBreak(q-1) {
		return false
	}
	for p := q - 2; p >= 0 && p >= q-1-heatBefore; p-- {
		if hotThings[sc.tokens[p].word] {
			return true
		}
		if sc.clauseBreak(p) {
			break
		}
	}
	return false
}

// heatBefore is how many words may tell of the thing before "ni moto"
// ("friji yenye insulini ni moto": three).
const heatBefore = 3

// hotThings are Swahili nouns, folded, of things that are hot, not on
// fire, when they are "moto": a fridge, tea, water, food, porridge,
// soup, a room, the weather (dropHeat).
var hotThings = wordSetOf("friji", "frij", "jokofu", "chai", "maji", "chakula", "uji", "supu", "chumba", "hewa", "jua")

// offered reports whether sc's message is an offer (see dropOffers): it
// holds a phrase of offers (an advert's or a volunteer's) or two of
// offerHints, none of the words of lack of any language outside those
// phrases and those of offerFor.
func (sc *scan) offered() bool {
	covered := make([]bool, len(sc.tokens))
	strong, hints := false, 0
	mark := func(set map[string][][]string, q int) bool {
		for _, ph := range set[sc.tokens[q].word] {
			if sc.phraseAt(q, ph) {
				for k := range ph {
					covered[q+k] = true
				}
				return true
			}
		}
		return false
	}
	for q := range sc.tokens {
		if n := sc.offerClause(q); n > 0 {
			for k := range n {
				covered[q+k] = true
			}
			strong = true
		}
		strong = mark(offerIdx.offers, q) || strong
		if !sc.offerAsked(q) {
			strong = mark(offerIdx.unlessAsked, q) || strong
		}
		mark(offerIdx.forWhom, q)
		switch {
		case mark(offerIdx.hints, q):
			hints++
		case callVerbs[sc.tokens[q].word] && q+1 < len(sc.tokens) && !sc.clauseBreak(q+1) && isDigit(sc.tokens[q+1].word[0]):
			// "call 0777 123 456": a number to call.
			covered[q] = true
			hints++
		}
	}
	if !strong && hints < 2 {
		return false
	}
	for q, t := range sc.tokens {
		if !covered[q] && polarityIdx.lacks[t.word] && !courtesies[t.word] {
			return false
		}
	}
	return true
}

// offerClause returns how many words, from word q, say that the sender
// is able or willing to give (0 when they do not): a giver of
// offerGivers, a word of ability or will of offerModals, at most one
// word of offerAdverbs, then a verb of giving of offerVerbs, in one
// clause and in one language: "I could provide food", "we will donate
// water", "I can also bring tents", "je pourrais apporter du riz",
// "podemos oferecer comida", "podríamos dar ropa". A negated ability is
// no offer ("I can't provide food for my children", "we cannot give
// them water" name no word of offerModals), and neither is a question
// ("could you provide food", "can we get water": no giver first).
func (sc *scan) offerClause(q int) int {
	next := func(p int, set map[string]bool) bool {
		return p < len(sc.tokens) && (p == q || !sc.clauseBreak(p)) && set[sc.tokens[p].word]
	}
	for _, o := range offerWords {
		p := q
		if len(o.givers) > 0 {
			if !next(p, o.givers) {
				continue
			}
			p++
		}
		if !next(p, o.modals) {
			continue
		}
		p++
		if next(p, o.adverbs) {
			p++
		}
		if next(p, o.verbs) && !next(p+1, notOffered) {
			return p + 1 - q
		}
	}
	return 0
}

// offerWords are, per language, the word classes of offerClause: who
// gives (the sender), the words of ability or will, the adverbs that
// may come between, and the verbs of giving, folded. Only the sender's
// "I" and "we": "they can give food" is news, "you can bring water" a
// request. A language whose verb of ability carries the giver has no
// givers (none, nil or empty alike: offerClause reads the modal first).
var offerWords = []struct{ givers, modals, adverbs, verbs map[string]bool }{
	{ // English
		wordSetOf("i", "we"),
		wordSetOf("can", "could", "will", "would", "ll", "d", "shall"),
		wordSetOf("also", "still", "gladly", "happily", "freely"),
		wordSetOf("provide", "offer", "donate", "give", "bring", "deliver", "supply", "share", "lend", "contribute",
			"volunteer", "cook", "distribute"),
	},
	{ // French ("je peux", "nous pourrions")
		wordSetOf("je", "j", "nous", "on"),
		wordSetOf("peux", "pourrais", "pouvons", "pourrions", "pourra", "pourrons", "peut", "pourrait", "vais", "allons",
			"va", "voudrais", "voudrions"),
		wordSetOf("aussi", "egalement", "volontiers"),
		wordSetOf("fournir", "offrir", "donner", "apporter", "livrer", "preter", "partager", "distribuer", "aider"),
	},
	{ // Portuguese and Spanish: the verb of ability carries the giver ("posso", "podemos")
		nil,
		wordSetOf("posso", "podemos", "poderia", "poderiamos", "puedo", "podria", "podriamos"),
		wordSetOf("tambem", "tambien"),
		wordSetOf("doar", "dar", "oferecer", "fornecer", "levar", "entregar", "emprestar", "partilhar", "compartilhar",
			"distribuir", "donar", "ofrecer", "proporcionar", "llevar", "prestar", "compartir"),
	},
}

// notOffered are the words after a verb of offerVerbs that make it no
// gift: "I will give birth", "we could give up".
var notOffered = wordSetOf("birth", "up", "naissance", "luz")

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// offerAsked reports whether a phrase of offersUnlessAsked at word q is
// a question or a request rather than an offer: a Creole question word
// (polarityWords.askers: "èske", "kote", "ki") before it in its clause, a
// question mark after it, or the one it is for after its verb, "nou"
// then being "you": "èske nou ka bay nou dlo?", "nou ka bay nou manje",
// "kote nou vann dlo?".
func (sc *scan) offerAsked(q int) bool {
	ph := offerIdx.unlessAsked[sc.tokens[q].word]
	if len(ph) == 0 {
		return false
	}
	for p := q; p > 0 && !sc.clauseBreak(p); p-- {
		if polarity["ht"].askers[sc.tokens[p-1].word] {
			return true
		}
	}
	if strings.Contains(sc.msg[sc.tokens[q].start:], "?") {
		return true
	}
	for _, x := range ph {
		if sc.phraseAt(q, x) && q+len(x) < len(sc.tokens) && !sc.clauseBreak(q+len(x)) && offerReceivers[sc.tokens[q+len(x)].word] {
			return true
		}
	}
	return false
}

// offerIdx holds offers, offerHints and offerFor by their first word.
var offerIdx = struct{ offers, unlessAsked, hints, forWhom map[string][][]string }{
	offers: byFirstWord(offers), unlessAsked: byFirstWord(offersUnlessAsked), hints: byFirstWord(offerHints),
	forWhom: byFirstWord(offerFor),
}

// byFirstWord indexes phrases by their first word.
func byFirstWord(phs [][]string) map[string][][]string {
	out := map[string][][]string{}
	for _, ph := range phs {
		out[ph[0]] = append(out[ph[0]], ph)
	}
	return out
}

// offers are the phrases, folded, of the six languages that make a
// message an offer on their own (dropOffers): a sale, a promotion, a
// price offered ("for sale", "we sell", "à vendre", "tunauza", "nap
// vann", "vendemos", "se vende", "vende-se"), and a volunteer offering
// to bring, give or help ("I can deliver", "I would like to donate",
// "happy to help", "je peux livrer", "naweza kusaidia", "posso doar",
// "quiero donar", "m ka pote"), and an advert's "don't miss", whose
// negation is no lack. Not a sale that is over or told ("the
// shop sold out", "we sold our goats"), nor a bare "vendo" (Portuguese
// "seeing") or Creole "nou vann", "nou ka bay" ("nou" is also "you":
// "èske nou ka bay nou dlo" asks for water).
var offers = phrases(
	// English
	"for sale", "on sale", "we sell", "i sell", "we are selling", "we re selling", "i am selling", "im selling",
	"now selling", "promo", "promotion", "discount", "discounts", "best price", "best prices", "lowest price",
	"lowest prices", "order now", "free delivery", "home delivery", "don t miss", "dont miss",
	"i can deliver", "we can deliver", "i can donate", "we can donate", "i would like to donate",
	"we would like to donate", "i d like to donate", "i want to donate", "we want to donate", "happy to help",
	"glad to help", "willing to help", "i can help", "we can help", "i would like to help", "we would like to help",
	"i want to help", "i can bring", "we can bring", "i can give", "we can give", "i can offer", "we can offer",
	"i can provide", "we can provide", "i volunteer", "we volunteer", "i can volunteer",
	// French
	"a vendre", "on vend", "nous vendons", "je vends", "en vente", "promotions", "remise",
	"meilleur prix", "meilleurs prix", "prix imbattable", "prix imbattables", "livraison gratuite",
	"je peux livrer", "nous pouvons livrer", "je peux donner", "nous pouvons donner", "je voudrais donner",
	"je veux donner", "je souhaite donner", "je voudrais faire un don", "je veux faire un don", "je peux aider",
	"nous pouvons aider", "je voudrais aider", "je veux aider", "je peux apporter", "nous pouvons apporter",
	"je peux offrir", "nous pouvons offrir", "je suis benevole", "je suis volontaire", "ne ratez pas",
	"ne manquez pas",
	// Swahili
	"tunauza", "nauza", "ninauza", "inauzwa", "zinauzwa", "yanauzwa", "unauzwa", "bei nafuu", "punguzo", "ofa",
	"naweza kusaidia", "tunaweza kusaidia", "naweza kuleta", "tunaweza kuleta", "naweza kusambaza",
	"tunaweza kusambaza", "naweza kutoa", "tunaweza kutoa", "ningependa kuchangia", "tungependa kuchangia",
	"ningependa kutoa", "tungependa kutoa", "nataka kuchangia", "ningependa kusaidia", "niko tayari kusaidia",
	"tuko tayari kusaidia",
	// Portuguese
	"vende se", "vendemos", "a venda", "promocao", "desconto", "descontos", "melhor preco", "melhores precos",
	"entrega gratis", "entrega gratuita", "posso entregar", "podemos entregar", "posso doar", "podemos doar",
	"quero doar", "gostaria de doar", "gostariamos de doar", "posso ajudar", "podemos ajudar", "quero ajudar",
	"gostaria de ajudar", "posso levar", "podemos levar", "sou voluntario", "sou voluntaria", "nao perca",
	"nao percam",
	// Spanish
	"se vende", "se venden", "en venta", "a la venta", "promocion", "oferta", "ofertas", "descuento", "descuentos",
	"mejor precio", "mejores precios", "envio gratis", "entrega gratis", "puedo entregar", "podemos entregar",
	"puedo donar", "podemos donar", "quiero donar", "quisiera donar", "me gustaria donar", "nos gustaria donar",
	"puedo ayudar", "quiero ayudar", "me gustaria ayudar", "puedo llevar", "podemos llevar",
	"soy voluntario", "soy voluntaria", "no te lo pierdas", "no se lo pierda",
	// Haitian Creole
	"nap vann", "n ap vann", "m ap vann", "mwen ap vann", "map vann", "pou vann", "pwomosyon", "rabe", "pi bon pri",
	"m ka ede", "mwen ka ede", "m ka pote", "mwen ka pote", "m ka bay", "mwen ka bay", "m vle bay", "mwen vle bay",
	"m ta renmen bay", "mwen ta renmen bay", "m ta renmen ede", "mwen ta renmen ede", "m vle ede", "mwen vle ede",
)

// offersUnlessAsked are the Creole phrases, folded, of a sale or a gift
// whose "nou" is "we" or "you" (dropOffers): "nou vann dlo", "nou ka
// bay manje" offer, as "we sell water" does, unless asked (offerAsked:
// "èske nou ka bay nou dlo?" asks for water). A word of lack keeps the
// report as with every offer ("nou vann chabon men nou pa gen manje").
var offersUnlessAsked = phrases(
	"nou vann", "n vann", "nou ka bay", "n ka bay", "nou ka pote", "n ka pote", "nou ka ede", "n ka ede",
	"nou vle bay", "nou ta renmen bay", "nou ta renmen ede", "nou ka vann", "n ka vann",
)

// offerReceivers are the Creole words for the one a gift is for that,
// right after a phrase of offersUnlessAsked, make it a request ("nou ka
// bay nou manje", "nou ka pote m dlo"): "nou" is then "you".
var offerReceivers = wordSetOf("nou", "n", "m", "mwen", "ban", "ba")

// offerHints are the words, folded, of an advert that make a message an
// offer two by two (dropOffers), with a number to call after a word of
// calling (callVerbs): "call us" and "cheap", "free" and "call 0777…",
// "24h/24" and "appelez". One alone is often a resident's ("please call
// us", "free food at the church", "our shop was looted"); a bare "24h"
// is a time ("no power for 24h, call us").
var offerHints = phrases(
	"call us", "call now", "contact us", "whatsapp", "our shop", "our store", "our company", "free", "cheap",
	"cheapest", "affordable", "delivery", "24 7", "24 24", "24h 24",
	"appelez", "appelez nous", "contactez nous", "notre boutique", "notre magasin", "gratuit", "gratuite",
	"gratuits", "gratuites", "pas cher", "livraison", "delivrance",
	"piga simu", "tupigie", "wasiliana nasi", "duka letu", "bure", "nafuu",
	"ligue", "ligue ja", "contacte nos", "nossa loja", "gratis", "gratuito", "barato", "barata", "entrega",
	"llame", "llamenos", "llamanos", "contactenos", "nuestra tienda", "economico", "domicilio",
	"rele nou", "kontakte nou", "bon mache", "livrezon",
)

// offerFor are the phrases, folded, that say who an offer is for, whose
// words of lack are not the sender's: "to anyone who needs it", "people
// in need", "or anything you need", "ceux qui en ont besoin",
// "wanaohitaji", "quem precisa", "los que lo necesiten", "moun ki
// bezwen".
var offerFor = phrases(
	"who needs", "who need", "in need", "who needs it", "anything you need", "whatever you need", "what you need",
	"all you need", "ki bezwen",
	"qui en a besoin", "qui en ont besoin", "qui ont besoin", "dans le besoin",
	"wanaohitaji", "wenye uhitaji", "wenye mahitaji",
	"quem precisa", "que precisam", "que precisa", "necessitados",
	"que lo necesite", "que lo necesiten", "que necesitan", "necesitados",
)

// callVerbs are the words of calling that, before a number, make a
// hint of offerHints: "call 0777…", "appelez le…" is not.
var callVerbs = wordSetOf("call", "appelez", "appeler", "appelle", "ligue", "liga", "llame", "llamar", "piga", "rele")

// courtesies are the words of lack (polarityWords.lacks) that only ask
// politely, which an offer may hold ("pls call us"): they do not make
// it a report.
var courtesies = wordSetOf("please", "pls", "plz", "svp", "tafadhali", "tanpri", "souple", "favor")

// dropWhere unreads, in a message that names another need, the keywords
// that name the place the sender is at (placeKeywords) read after a word
// of where of the message's language (wherePhrases, across articles):
// "bandits in the camp at night" is security, "we need nurses in the
// camp" medical, "dans le camp il n'y a pas d'eau", "à l'hôpital il n'y a
// pas de nourriture", "nan lopital la pa gen manje", "tuko kwenye
// hospitali, hakuna chakula", "no abrigo não temos comida", "en el
// hospital no hay comida" name no shelter and no medical need: they say
// where the need is. It runs on the keywords left read by satisfy: the
// other need is one still read, of another category, not "other", and
// itself no place after a word of where ("at the clinic in the camp"
// names none). A place said without a word of where ("the camp has no
// tents", "the clinic is closed and we have sick children", "we need a
// hospital"), or after one with no other need ("we are in the camp,
// please help", "there is cholera at the clinic"), is still read, and so
// are the other keywords of its category, with the place itself ("in
// the camp the children are sick and we need tents").
func (m *KeywordMatcher) dropWhere(sc *scan) {
	if len(sc.found) < 2 {
		return
	}
	placed := make([]bool, len(sc.found))
	some := false
	for i, c := range sc.found {
		e := &m.entries[c.entry]
		if e.gap == 0 && placeKeywords[strings.Join(e.words, " ")] && sc.afterWhere(c.word) {
			placed[i], some = true, true
		}
	}
	if !some {
		return
	}
	sc.dropFound(func(i int, c candidate) bool {
		drop := placed[i] && m.placeDropped(sc, placed, i)
		// A keyword of the place's category inside its words ("tent" in
		// "tent city") goes with it.
		for j, p := range sc.found {
			if !placed[i] && placed[j] && m.entries[p.entry].cat == m.entries[c.entry].cat && m.within(c, p) {
				drop = drop || m.placeDropped(sc, placed, j)
			}
		}
		if drop {
			c.where = true
			sc.unread = append(sc.unread, c)
		}
		return drop
	})
}

// placeDropped reports whether the place keyword found i (placed) is
// unread by dropWhere: a keyword of another category, not "other" and no
// place itself, is read in the message, and none of the place's own
// category but in a place ("my son is sick, we are at the clinic, no
// food" keeps "clinic" beside "sick": the model reads both).
func (m *KeywordMatcher) placeDropped(sc *scan, placed []bool, i int) bool {
	cat := m.entries[sc.found[i].entry].cat
	other := false
	for j, o := range sc.found {
		oc := m.entries[o.entry].cat
		if placed[j] || m.cats[oc].other || m.withinPlace(sc, placed, j) {
			continue
		}
		if oc == cat {
			return false
		}
		other = true
	}
	return other
}

// withinPlace reports whether keyword found j is read inside the words
// of a place keyword found (placed) of its own category: "tent" in "tent
// city".
func (m *KeywordMatcher) withinPlace(sc *scan, placed []bool, j int) bool {
	for i, p := range sc.found {
		if placed[i] && m.entries[p.entry].cat == m.entries[sc.found[j].entry].cat && m.within(sc.found[j], p) {
			return true
		}
	}
	return false
}

// afterWhere reports whether the word at wi follows, in its clause and
// across at most two articles or modifiers (placeArticles), a phrase of
// wherePhrases of a language the message is mostly written in: one with
// more function words than each language in which the phrase's first
// word says no place ("no hospital, no food" is English; "no hospital
// não há comida" Portuguese).
func (sc *scan) afterWhere(wi int) bool {
	for li, lang := range text.Languages {
		q := wi
		for k := 0; k < 2 && q > 0 && !sc.clauseBreak(q) && placeArticles[lang][sc.tokens[q-1].word]; k++ {
			q--
		}
		if q == 0 || sc.clauseBreak(q) {
			continue
		}
		for _, ph := range wherePhrases[lang] {
			if !sc.phraseAt(q-len(ph), ph) || !sc.mostlyIn(li, ph[0]) {
				continue
			}
			return true
		}
	}
	return false
}

// mostlyIn reports whether the message has more function words of
// text.Languages[li] than of each other language of scanLangs (Roman
// Urdu's counted as the keyword scan counts them, countLangs) in which
// where, a word of wherePhrases of that language, is no word of where:
// "in camp walon ko khana nahi mila" (these camp people got no food) is
// Urdu, its "in" no English "in".
func (sc *scan) mostlyIn(li int, where string) bool {
	for oi, o := range scanLangs {
		if oi == li {
			continue
		}
		if sc.langs[oi] >= sc.langs[li] && !slices.ContainsFunc(wherePhrases[o], func(ph []string) bool { return ph[0] == where }) {
			return false
		}
	}
	return true
}

// placeKeywords are the keywords, folded, of the built-in taxonomy that
// name a place a sender may be at or speak from: a camp, a shelter, a
// hospital, a clinic, a health centre (dropWhere). Goods that shelter
// ("tent", "tente", "hema") are not listed: "we sleep in tents" tells
// how the sender lives.
var placeKeywords = wordSetOf(
	// shelter
	"camp", "shelter", "tent city", "evacuation centre", "evacuation center",
	"abri", "site de relogement", "kan refijye", "kambi",
	"abrigo", "centro de acolhimento", "centro de reassentamento", "albergue", "refugio",
	// medical
	"hospital", "clinic", "health centre", "health center",
	"hopital", "clinique", "dispensaire", "centre de sante",
	"lopital", "opital", "klinik", "dispanse", "dispans", "sant sante",
	"hospitali", "zahanati", "kliniki", "kituo cha afya",
	"clinica", "posto de saude", "centro de saude", "maternidade",
	"centro de salud", "puesto de salud",
)

// wherePhrases are, per language, the words, folded, that put what
// follows as where the sender or the need is (dropWhere): "in", "at",
// "near", "au", "dans", "à" (before an article: "à l'hôpital"), "nan",
// "kwenye", "katika", "no", "na", "em", "en". Not "to" ("take him to
// the hospital"), nor Creole "kote" (also "where?").
var wherePhrases = map[string][][]string{
	"en": phrases("in", "at", "inside", "near", "behind", "beside", "next to", "close to", "opposite"),
	"fr": phrases("au", "aux", "dans", "a l", "a la", "pres de", "pres du", "pres de l", "pres de la", "derriere",
		"devant", "a cote de", "a cote du", "a cote de l", "a cote de la"),
	"sw": phrases("kwenye", "katika", "ndani ya", "karibu na", "karibu ya", "nyuma ya", "mbele ya", "kando ya"),
	"pt": phrases("no", "na", "nos", "nas", "em", "dentro do", "dentro da", "perto do", "perto da", "ao lado do",
		"ao lado da", "atras do", "atras da", "junto ao", "junto a"),
	"es": phrases("en", "dentro del", "dentro de la", "cerca del", "cerca de la", "al lado del", "al lado de la",
		"detras del", "detras de la", "frente al", "frente a la", "junto al", "junto a la"),
	"ht": phrases("nan", "lan", "anndan", "toupre", "pre", "bo", "devan", "deye", "akote"),
}

// placeArticles are, per language, the articles, possessives and
// modifiers that may come between a word of where (wherePhrases) and the
// place ("in the IDP camp", "dans notre camp", "en el albergue"). The
// French and Spanish articles of "à l'", "à la", "de la" are in the
// phrases of where.
var placeArticles = map[string]map[string]bool{
	"en": wordSetOf("the", "a", "an", "our", "my", "their", "his", "her", "your", "this", "that", "idp", "refugee",
		"displacement", "evacuation", "relief", "district", "general", "government", "public", "local", "main",
		"nearby", "big", "new", "old"),
	"fr": wordSetOf("le", "les", "notre", "nos", "ce", "cet", "cette", "mon", "leur"),
	"sw": wordSetOf(),
	"pt": wordSetOf("o", "a", "os", "as", "nosso", "nossa", "este", "esta", "esse", "essa"),
	"es": wordSetOf("el", "la", "los", "las", "nuestro", "nuestra", "este", "esta", "ese", "esa", "mi"),
	"ht": wordSetOf(),
}
