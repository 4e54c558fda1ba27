package classify

import (
	"slices"
	"strings"

	"github.com/mtaa-project/mtaa/classify/internal/feature"
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
// is back, thank you", "thanks for the food" ask for nothing) as one
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
		if c.satisfied == unsatisfied {
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
}

// unreadOf returns the words of the keywords sc did not read.
func (m *KeywordMatcher) unreadOf(sc *scan) []unreadWords {
	var out []unreadWords
	for _, c := range sc.unread {
		for _, p := range m.parts(c) {
			cat := m.entries[c.entry].cat
			out = append(out, unreadWords{cat: int(cat), from: p[0], to: p[1], satisfied: c.satisfied != unsatisfied,
				receded: c.satisfied == over && !m.cats[cat].event})
		}
	}
	return out
}

// headSum returns the model's weighted sum for head h of taxonomy
// category cat over the message's words: sums[h], or, when keywords of
// cat were not read (inside a phrase of another sense, or satisfied),
// the sum over the message without those words. The head reads "flood" in "a flood of
// people at the market" as surely as the keyword (it filed a flood at
// 0.70 on the word alone); other heads still read every word.
func (c *Classifier) headSum(h, cat int, sums []float64, words []text.Word, unread []unreadWords) float64 {
	if !slices.ContainsFunc(unread, func(u unreadWords) bool { return u.cat == cat }) {
		return sums[h]
	}
	kept := make([]text.Word, 0, len(words))
	for wi, w := range words {
		if !slices.ContainsFunc(unread, func(u unreadWords) bool { return u.cat == cat && u.from <= wi && wi < u.to }) {
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
func (m *KeywordMatcher) dropNews(sc *scan) {
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
