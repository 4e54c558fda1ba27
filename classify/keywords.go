package classify

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"unicode/utf8"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// Confidence of the ways a keyword word can match a message word.
const (
	confExact  = 1.0
	confSuffix = 0.95 // plural or suffix variant: "floods", "caniveaux"
	confFuzzy1 = 0.8  // one typo
	confFuzzy2 = 0.65 // two typos
)

// Fuzzy matching limits (Damerau–Levenshtein, optimal string alignment).
//
// Words shorter than fuzzyMinLen are common words of one language or
// another far too often to be read as typos: on real messages one edit
// turned "aider" (fr) into "arder" (pt, fire), "foods" into "floods",
// "lakou" (ht, yard) into "labou" (mud), "mande" (ask) into "manje"
// (food), "areas" into "armas" (weapons) and "Champs" into "chamas"
// (flames).
const (
	fuzzyMinLen  = 7 // keywords and words shorter than this only match exactly
	fuzzyTwoLen  = 9 // keywords this long tolerate two edits
	suffixMinLen = 4 // words shorter than this get no suffix tolerance
)

// suffixLangs are the keyword languages whose plurals are formed with
// suffixes (-s, -es, -x). Swahili and Haitian Creole mark the plural
// elsewhere (prefixes, "yo"), so their keywords match only as written.
var suffixLangs = map[string]bool{"en": true, "fr": true, "pt": true, "es": true}

// KeywordMatcher finds report categories in message text. It is built
// once from a taxonomy and is safe for concurrent use.
type KeywordMatcher struct {
	cats    []matcherCategory
	entries []keywordEntry
	// byStem indexes entries by the stem of their first word, which finds
	// both exact and suffix matches; verify tells them apart.
	byStem map[string][]int32
	// byDeletion indexes entries by every string one or two deletions away
	// from their first word (fuzzy candidates, symmetric delete), and
	// deletionFilter is a Bloom filter of its keys that saves most lookups.
	byDeletion     map[string][]int32
	deletionFilter []uint64
	// noFuzzy holds the words never read as a misspelt keyword: every word
	// of every keyword (a correctly spelt keyword word is not a typo of
	// another), the function words of the languages and nearMisses.
	noFuzzy map[string]bool
	// maxFuzzyLen is the longest message word that can be a misspelt
	// keyword: the longest keyword word plus two edits. Longer words skip
	// the deletion variants, which grow with the square of a word's length
	// (a 2,000-letter "word" took 10 s).
	maxFuzzyLen int
	// maxSpan is the most message words a keyword can span: its words,
	// the fillers read between them and the words of its gap.
	maxSpan int
	// recededAs is the category a message means when it says the waters
	// went down ("the water has gone down", "dlo a bese"; polarity's
	// recede): the first hazard of the taxonomy with a keyword holding a
	// word for water ("water rising", "dlo monte": flood); -1 when none
	// has one.
	recededAs int
	// offeredAs is the category a message means when it says someone
	// else gives goods out ("the church gives food"; polarity's
	// offered): the taxonomy's DistributionCategory, -1 when it has none.
	offeredAs int
	// glued holds the words a glued token may be read as (glued.go),
	// with their languages, bits in gluedLangs.
	glued          map[string]gluedWord
	gluedLangs     []string
	gluedMaxOpener int // letters of the longest opener
	// gluedStarts are the languages with an opener that starts with
	// each pair of letters (a one-letter opener with any letter after
	// it), by 26 × first + second.
	gluedStarts [26 * 26]uint8
	scans       sync.Pool // of *scan
}

type matcherCategory struct {
	id       string
	severity int
	other    bool // "other" is only reported when nothing else matches
	// event is set for a hazard that happens (severity 4 or 5: flood,
	// fire, landslide, collapse, people trapped), which a negation says
	// did not: "there is no fire" names none, while "no water" and "pa
	// gen kouran" (no power) name the lack a resident reports.
	event bool
}

type keywordEntry struct {
	cat     int32
	suffix  bool
	lang    string
	langIdx int // in scanLangs, or -1
	keyword string
	words   []string
	// accented is set for a one-word keyword that folds onto a function
	// word of its own language by losing its accents (fr "maïs", maize,
	// and "mais", but): it only matches a message word written with
	// accents.
	accented bool
	// filler is set for a phrase with a filler word of its language
	// after its first word ("kay la kraze"): see matchAll.
	filler bool
	// gap is, for a keyword with a gap ("mur … tombé"), the index of the
	// first word after it: up to maxGapWords words of one clause may come
	// before that word (acrossGap). 0 for a keyword without a gap.
	gap int
	// clauseGap is set for a keyword whose first part ends with a word of
	// gapClauses ("know if … alive"): its gap is a clause.
	clauseGap bool
	// sense is set for a phrase in which the category's keywords mean
	// something else (data.Category.OtherSenses): read like a keyword,
	// it is never a keyword found, but unreads those of its category
	// inside it (dropOtherSenses).
	sense bool
}

// NewKeywordMatcher builds a matcher from the taxonomy's keywords.
// Categories without keywords are never matched; a nil taxonomy gives a
// matcher that finds nothing.
func NewKeywordMatcher(tax *data.Taxonomy) *KeywordMatcher {
	m := &KeywordMatcher{
		recededAs:      -1,
		offeredAs:      -1,
		byStem:         map[string][]int32{},
		byDeletion:     map[string][]int32{},
		deletionFilter: make([]uint64, deletionFilterBits/64),
		noFuzzy:        map[string]bool{},
	}
	for w := range nearMisses {
		m.noFuzzy[w] = true
	}
	for w := range placeWordLangs {
		m.noFuzzy[w] = true
	}
	if tax == nil {
		m.indexGlued(nil, nil)
		return m
	}
	langs := keywordLanguages(tax)
	m.indexGlued(tax, langs)
	for ci, c := range tax.Categories {
		m.cats = append(m.cats, matcherCategory{id: c.ID, severity: c.Severity, other: c.ID == "other", event: c.Hazard && c.Severity >= 4})
		for _, lang := range langs {
			seen := map[string]bool{}
			for _, kw := range c.Keywords[lang] {
				m.addEntry(int32(ci), lang, kw, false, seen)
			}
			for _, phrase := range c.OtherSenses[lang] {
				m.addEntry(int32(ci), lang, phrase, true, seen)
			}
		}
	}
	m.recededAs = m.watersHazard()
	for ci, c := range m.cats {
		if c.id == DistributionCategory {
			m.offeredAs = ci
		}
	}
	return m
}

// watersHazard returns the first hazard category (matcherCategory.event)
// with a keyword holding one of polarity's words for water, -1 when none
// has one (see KeywordMatcher.recededAs).
func (m *KeywordMatcher) watersHazard() int {
	for ci, c := range m.cats {
		if !c.event {
			continue
		}
		for _, e := range m.entries {
			if e.cat != int32(ci) || e.sense {
				continue
			}
			for _, lang := range polarityLangs {
				if slices.ContainsFunc(e.words, func(w string) bool { return polarity[lang].waters[w] }) {
					return ci
				}
			}
		}
	}
	return -1
}

// addEntry adds keyword kw of category ci and language lang, or with
// sense set the phrase kw of another sense of the category's keywords
// (data.Category.OtherSenses), unless seen already holds it. A keyword
// ParseTaxonomy would refuse (a taxonomy built by hand may hold one) is
// skipped. The words of a phrase of another sense are no keyword words:
// they neither stop a message word from being read as a misspelt
// keyword nor widen the spans of keywords.
func (m *KeywordMatcher) addEntry(ci int32, lang, kw string, sense bool, seen map[string]bool) {
	words, gap, problem := data.KeywordWords(kw)
	key := data.KeywordKey(words, gap)
	if problem != "" || seen[key] {
		return
	}
	seen[key] = true
	e := keywordEntry{cat: ci, suffix: suffixLangs[lang], lang: lang, langIdx: slices.Index(scanLangs, lang), keyword: kw, words: words, gap: gap, sense: sense}
	e.clauseGap = gap > 0 && gapClauses[lang][words[gap-1]]
	if len(words) == 1 && !text.IsASCII(kw) && slices.Contains(text.StopWordLanguages(words[0]), lang) {
		e.accented = true
	}
	for _, w := range words[1:] {
		e.filler = e.filler || fillers[lang][w]
	}
	id := int32(len(m.entries))
	m.entries = append(m.entries, e)
	if !sense {
		span := len(words) + maxFillers
		if gap > 0 {
			span += maxGapSpan
		}
		m.maxSpan = max(m.maxSpan, span)
		for _, w := range words {
			m.noFuzzy[w] = true
			m.maxFuzzyLen = max(m.maxFuzzyLen, len(w)+2)
		}
	}
	first := words[0]
	m.byStem[stem(first)] = append(m.byStem[stem(first)], id)
	if k := maxEdits(lang, first); k > 0 {
		forDeletions(first, k, func(d string) {
			m.byDeletion[d] = appendOnce(m.byDeletion[d], id)
			h := fnv64(d)
			m.deletionFilter[h%deletionFilterBits/64] |= 1 << (h % 64)
			h >>= 32
			m.deletionFilter[h%deletionFilterBits/64] |= 1 << (h % 64)
		})
	}
}

// keywordLanguages lists the taxonomy's keyword languages in file order,
// then any other language found in keywords or phrases of other senses,
// sorted.
func keywordLanguages(tax *data.Taxonomy) []string {
	langs := append([]string(nil), tax.KeywordLanguages...)
	if len(langs) == 0 {
		langs = append(langs, tax.Languages...)
	}
	have := map[string]bool{}
	for _, l := range langs {
		have[l] = true
	}
	var extra []string
	for _, c := range tax.Categories {
		for _, byLang := range []map[string][]string{c.Keywords, c.OtherSenses} {
			for l := range byLang {
				if !have[l] {
					have[l] = true
					extra = append(extra, l)
				}
			}
		}
	}
	slices.Sort(extra)
	return append(langs, extra...)
}

func appendOnce(ids []int32, id int32) []int32 {
	if len(ids) > 0 && ids[len(ids)-1] == id {
		return ids
	}
	return append(ids, id)
}

// CategoryMatch is a category found in a message.
type CategoryMatch struct {
	Category   string  // category id
	Lang       string  // language of the keyword that matched
	Keyword    string  // the keyword as written in the taxonomy
	Start, End int     // byte span in the ORIGINAL text (not the normalised one)
	Confidence float64 // 1 for an exact keyword, lower for a fuzzy match
}

// candidate is a keyword found at a word position.
type candidate struct {
	entry      int32
	word, n    int // first word index and number of words
	confidence float64
	// gapFrom, gapTo are the words [gapFrom, gapTo) read across the gap
	// of a keyword with one; equal when none.
	gapFrom, gapTo int
	// glued is set for a keyword read in the parts of a glued token
	// (glued.go): it never opens a message in the keyword-first form.
	glued bool
	// satisfied says why the keyword names no need of the sender ("we
	// have water", "the fire is out"), set by satisfy, which moves it to
	// scan.unread.
	satisfied satisfaction
	// asked is set, by satisfy, for a hazard's keyword that a question
	// or an information request asks about ("any news about the flood?",
	// "will there be a fire?"; see askedAbout): it is read, but its
	// category is not filed without asking.
	asked bool
	// askedTime is set with asked when the keyword is named as the time
	// of what the message reports ("rubbish everywhere after the flood").
	askedTime bool
	// compound is set, while satisfy reads it, for a keyword read as the
	// compound of goods that holds it (inCompound: "toilet" in "toilet
	// paper").
	compound bool
	// hedged is set, by hedge, for a keyword that tells a situation
	// that may or may not be its category's need (hedgedKeywords:
	// "sleeping outside", "lost my family"): read, never filed on its
	// own.
	hedged bool
	// where is set, by dropWhere, for a keyword of a place that says
	// where the sender is ("in the camp"), moved to scan.unread: it is
	// no evidence that something is wrong (unreadEvidence).
	where bool
}

// askedHazard is a hazard a message names only in a question, an
// information request, or as the time of what it reports (time).
type askedHazard struct {
	category string
	time     bool
}

// token is one word of the normalised text: its text, byte range, and
// whether it may be read as a misspelt keyword, or is a part of a glued
// token (glued.go).
type token struct {
	word       string
	start, end int
	fuzzy      bool
	glued      bool
}

// scan holds the per-message working state; scans are pooled.
type scan struct {
	msg   string
	words []text.Word
	// langs counts the message's function words of each language of
	// scanLangs, by its index there (a word may count for several).
	langs  []int
	tokens []token
	found  []candidate
	// unread are the keywords found that are not read: inside a phrase
	// of another sense of their category (dropOtherSenses), or said to be
	// had, received, not needed or over (satisfy).
	unread []candidate
	drop   []bool // scratch of dropContained
	del    []byte
	split  gluedScratch
	// seen[entry] == gen when the entry was already tried at the current
	// word.
	seen []uint32
	gen  uint32
}

func (m *KeywordMatcher) getScan() *scan {
	if sc, ok := m.scans.Get().(*scan); ok {
		return sc
	}
	return &scan{seen: make([]uint32, len(m.entries)), langs: make([]int, len(scanLangs))}
}

// find runs the matcher over text and collects every keyword occurrence.
func (m *KeywordMatcher) find(msg string, sc *scan) {
	m.tokenize(msg, sc)
	sc.found = sc.found[:0]
	sc.unread = sc.unread[:0]
	for wi := range sc.tokens {
		sc.gen++
		if sc.gen == 0 { // wrapped: forget every stamp
			clear(sc.seen)
			sc.gen = 1
		}
		w := sc.tokens[wi].word
		for _, id := range m.byStem[stem(w)] {
			m.verify(sc, id, wi)
		}
		if sc.tokens[wi].fuzzy {
			forDeletionsBuf(w, 2, &sc.del, func(d []byte) {
				if !m.mayHaveDeletion(d) {
					return
				}
				for _, id := range m.byDeletion[string(d)] {
					m.verify(sc, id, wi)
				}
			})
		}
	}
	m.dropOtherSenses(sc)
	m.dropContained(sc)
	m.dropFalseFriends(sc)
	m.dropNews(sc)
	m.dropHeat(sc)
	m.dropOffers(sc)
	m.hedge(sc)
}

// tokenize reads msg's words into sc.tokens, a glued token as its
// parts (glued.go), and counts their function words in sc.langs. A
// token is read as glued words of a language the message's other words
// may be in (function words of it, or none of any language).
func (m *KeywordMatcher) tokenize(msg string, sc *scan) {
	sc.msg = msg
	sc.words = text.AppendWords(sc.words[:0], msg)
	sc.tokens = sc.tokens[:0]
	clear(sc.langs)
	sc.countLangs(len(sc.words), func(i int) string { return sc.words[i].Text })
	allowed := ^uint8(0)
	if slices.ContainsFunc(sc.langs, func(n int) bool { return n > 0 }) {
		allowed = 0
		for i, l := range m.gluedLangs {
			if j := slices.Index(text.Languages, l); j < 0 || sc.langs[j] > 0 {
				allowed |= 1 << i
			}
		}
	}
	split := false
	for _, w := range sc.words {
		if ends := m.splitGlued(w.Text, msg[w.Start:w.End], allowed, &sc.split); ends != nil {
			from := 0
			for _, to := range ends {
				sc.tokens = append(sc.tokens, token{word: w.Text[from:to], start: w.Start + from, end: w.Start + to, glued: true})
				from = to
			}
			split = true
		} else {
			sc.tokens = append(sc.tokens, token{word: w.Text, start: w.Start, end: w.End, fuzzy: m.fuzzyAllowed(w.Text)})
		}
	}
	if split {
		clear(sc.langs)
		sc.countLangs(len(sc.tokens), func(i int) string { return sc.tokens[i].word })
	}
}

// countLangs adds the function words of the n words word returns to
// sc.langs: package text's stop words, and for a language of scanLangs
// package text does not know, its langWords.
func (sc *scan) countLangs(n int, word func(int) string) {
	for i := 0; i < n; i++ {
		w := word(i)
		for _, l := range text.StopWordLanguages(w) {
			if j := slices.Index(text.Languages, l); j >= 0 {
				sc.langs[j]++
			}
		}
		for _, l := range langWordLangs[w] {
			if j := slices.Index(scanLangs, l); j >= len(text.Languages) {
				sc.langs[j]++
			}
		}
	}
}

// scanLangs are the languages whose function words a scan counts
// (scan.langs, mayBeIn): package text's, then those of langWords it does
// not know (Roman Urdu), whose function words are their langWords. So
// "bijli nahi hai 3 din se" is Urdu ("nahi", "hai") as much as it is
// Spanish or Creole ("se"), and its keyword is exact.
var scanLangs = func() []string {
	out := slices.Clone(text.Languages)
	var extra []string
	for l := range langWords {
		if !slices.Contains(out, l) {
			extra = append(extra, l)
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}()

// Words returns the words m reads in msg: those of text.Words, with a
// glued token read as its words ("weneedwater" as "we", "need",
// "water", each with its span of msg; see glued.go). The classifier's
// model reads the same words.
func (m *KeywordMatcher) Words(msg string) []text.Word {
	sc := m.getScan()
	defer m.scans.Put(sc)
	m.tokenize(msg, sc)
	return sc.appendWords(nil)
}

// appendWords appends sc's tokens to dst as words.
func (sc *scan) appendWords(dst []text.Word) []text.Word {
	for _, tk := range sc.tokens {
		dst = append(dst, text.Word{Text: tk.word, Start: tk.start, End: tk.end})
	}
	return dst
}

// dropContained removes the keywords found inside a longer keyword of
// another category: that phrase says what its words mean there. "water"
// in "flood water" is no water-supply problem, "eaux" in "eaux usées"
// neither, "kraze" in "pon kraze" (the bridge broke) no building
// collapse, "food" in "food distribution" no request for food. Each part
// of a keyword with a gap is weighed alone: "kay … tonbe" (the house
// fell) is not read in "kay mwen an, pitit la tonbe malad" (the child
// fell ill, "tonbe malad").
func (m *KeywordMatcher) dropContained(sc *scan) {
	if len(sc.found) < 2 {
		return
	}
	inside := func(i int, c candidate) bool {
		e := &m.entries[c.entry]
		if e.gap > 0 {
			return slices.ContainsFunc(sc.found, func(o candidate) bool {
				return m.holds(o, c.word, c.gapFrom, e.gap, e) || m.holds(o, c.gapTo, c.word+c.n, len(e.words)-e.gap, e)
			})
		}
		// Found in word order: a keyword holding c starts at most
		// m.maxSpan words before it, and not after.
		for j := i; j >= 0 && sc.found[j].word+m.maxSpan > c.word; j-- {
			if m.holds(sc.found[j], c.word, c.word+c.n, len(e.words), e) {
				return true
			}
		}
		for j := i + 1; j < len(sc.found) && sc.found[j].word == c.word; j++ {
			if m.holds(sc.found[j], c.word, c.word+c.n, len(e.words), e) {
				return true
			}
		}
		return false
	}
	sc.dropFound(inside)
}

// holds reports whether keyword o, of another category than e and of
// more than n words, spans the message words [from, to) that n words of
// e were read in. The words of o's gap are not o's: a keyword among them
// keeps its own meaning.
func (m *KeywordMatcher) holds(o candidate, from, to, n int, e *keywordEntry) bool {
	eo := &m.entries[o.entry]
	inGap := o.gapFrom <= from && to <= o.gapTo
	return eo.cat != e.cat && len(eo.words) > n && o.word <= from && to <= o.word+o.n && !inGap
}

// dropFound removes the keywords found for which drop is true, every one
// judged against all those found before any is removed.
func (sc *scan) dropFound(drop func(i int, c candidate) bool) {
	sc.drop = sc.drop[:0]
	for i, c := range sc.found {
		sc.drop = append(sc.drop, drop(i, c))
	}
	kept := sc.found[:0]
	for i, c := range sc.found {
		if !sc.drop[i] {
			kept = append(kept, c)
		}
	}
	sc.found = kept
}

// verify checks entry id against the words from position wi and records
// it. Each entry is tried once per position.
func (m *KeywordMatcher) verify(sc *scan, id int32, wi int) {
	if sc.seen[id] == sc.gen {
		return
	}
	sc.seen[id] = sc.gen
	e := &m.entries[id]
	if wi+len(e.words) > len(sc.tokens) {
		return
	}
	fill := fillers[e.lang]
	// A one-word keyword read in a function word of another language
	// ("tap", "taps" in English; "tap", was, in Creole) only counts when
	// the message is not mostly in that language.
	if len(e.words) == 1 && sc.mostlyOther(e, text.StopWordLanguages(sc.tokens[wi].word)) {
		return
	}
	if e.accented && text.IsASCII(sc.msg[sc.tokens[wi].start:sc.tokens[wi].end]) {
		return
	}
	if len(e.words) == 1 && sc.adjective(wi) {
		return
	}
	// The first part of a keyword with a gap names what the rest is
	// about, so it must not be the complement of another word: "the
	// price of the house fell", "nan kay la pitit la tonbe" (in the
	// house the child fell) say nothing of a house falling.
	if e.gap > 0 && !e.clauseGap && sc.complement(e.lang, wi) {
		return
	}
	if m.cats[e.cat].event && (sc.denied(wi) || sc.stateDenied(wi)) {
		return
	}
	conf := 1.0
	j, skipped := wi, 0
	gapFrom, gapTo := 0, 0
	for k, kw := range e.words {
		if j >= len(sc.tokens) {
			return
		}
		if k > 0 && k == e.gap {
			gapFrom = j
			j = sc.acrossGap(e, j, kw)
			if j < 0 {
				return
			}
			gapTo = j
		}
		c := wordConfidence(&sc.tokens[j], kw, e)
		// Between the words of a phrase, a few articles, possessives and
		// auxiliaries of its language may come: "kay nou an kraze" is
		// "kay kraze", "la route est bloquée" is "route bloquée".
		for c == 0 && k > 0 && skipped < maxFillers && fill[sc.tokens[j].word] && j+1 < len(sc.tokens) {
			j++
			skipped++
			c = wordConfidence(&sc.tokens[j], kw, e)
		}
		if c == 0 {
			return
		}
		j++
		// A typo is only read in a keyword of the message's language (or
		// of any language when the message has no function words): "aider"
		// in a French message is not a misspelt Portuguese "arder".
		if c < confSuffix && !sc.mayBeIn(e) {
			return
		}
		conf = min(conf, c)
	}
	// A keyword read in the parts of a glued token is only read in the
	// message's own language (glued.go).
	glued := sc.gluedIn(wi, j)
	if glued && !sc.mayBeIn(e) {
		return
	}
	sc.found = append(sc.found, candidate{entry: id, word: wi, n: j - wi, confidence: conf, gapFrom: gapFrom, gapTo: gapTo, glued: glued})
}

// gluedIn reports whether one of the words [from, to) is a part of a
// glued token.
func (sc *scan) gluedIn(from, to int) bool {
	for p := from; p < to; p++ {
		if sc.tokens[p].glued {
			return true
		}
	}
	return false
}

// adjective reports whether the word at wi is used as the adjective of
// adjectives rather than as the noun that is a keyword: after one of the
// words that make it an adjective, or followed by one of the words after
// the adjective and not after one of the articles before the noun.
func (sc *scan) adjective(wi int) bool {
	a, ok := adjectives[sc.tokens[wi].word]
	if !ok {
		return false
	}
	if wi > 0 && a.after[sc.tokens[wi-1].word] && !sc.clauseBreak(wi) {
		return true
	}
	if wi+1 >= len(sc.tokens) || !a.next[sc.tokens[wi+1].word] || sc.clauseBreak(wi+1) {
		return false
	}
	return wi == 0 || !a.article[sc.tokens[wi-1].word]
}

// adjectives are one-word keywords that are also an adjective of their
// language, with the words that follow the adjective (not the noun), the
// articles that come before the noun (not the adjective) and the words
// after which it can only be the adjective. Portuguese "cheia" is a flood
// as a noun ("a cheia levou casas", "cheia no bairro", "as cheias de
// janeiro") and "full" as an adjective: "a rua está cheia de lama" (full
// of mud) names no flood. The phrases "cheia de água" are flood keywords
// of their own. Swahili "moto" is a fire ("kuna moto sokoni") and, after
// the connective of a noun ("maji ya moto", "chakula cha moto"), hot.
var adjectives = map[string]struct{ next, article, after map[string]bool }{
	"cheia":  {next: ptOf, article: ptArticles},
	"cheias": {next: ptOf, article: ptArticles},
	"moto":   {after: swConnectives},
}

var (
	ptOf       = wordSetOf("de", "do", "da", "dos", "das")
	ptArticles = wordSetOf("a", "as", "uma", "umas", "da", "das", "na", "nas", "pela", "pelas")
	// swConnectives are Swahili's "of" in each noun class: "maji ya
	// moto" (hot water), "chai ya moto", "chakula cha moto".
	swConnectives = wordSetOf("wa", "ya", "la", "cha", "vya", "za")
)

// Limits of a keyword's gap (see acrossGap).
const (
	maxGapWords = 3 // words of the gap that are not fillers
	maxGapSpan  = 6 // all the words of the gap
)

// acrossGap returns the position of the first word from j that keyword
// word kw of e may be read in, across the gap of e: up to maxGapWords
// words that are not fillers of e's language (maxGapSpan in all), none of
// them a negation or a conjunction (gapBreaks), no punctuation between
// them, and in a language of gapOpeners opened by one of its words. -1
// when there is none: "le mur de l'école est tombé" reads "mur … tombé";
// "the wall has not fallen", "the house, the child fell" and "house
// prices fell" do not.
func (sc *scan) acrossGap(e *keywordEntry, j int, kw string) int {
	fill, breaks, openers := fillers[e.lang], gapBreaks[e.lang], gapOpeners[e.lang]
	words := 0
	for p := j; p < len(sc.tokens) && p-j <= maxGapSpan; p++ {
		if sc.clauseBreak(p) {
			return -1
		}
		if wordConfidence(&sc.tokens[p], kw, e) > 0 {
			return p
		}
		w := sc.tokens[p].word
		if breaks[w] || p == j && len(openers) > 0 && !e.clauseGap && !openers[w] && !fill[w] && !prepositions[e.lang][w] {
			return -1
		}
		if !fill[w] {
			words++
			if words > maxGapWords {
				return -1
			}
		}
	}
	return -1
}

// clauseBreak reports whether punctuation that ends a clause (. , ; : ! ?
// or a line break) comes between word p and the word before it.
func (sc *scan) clauseBreak(p int) bool {
	return p > 0 && strings.ContainsAny(sc.msg[sc.tokens[p-1].end:sc.tokens[p].start], ".,;:!?\n")
}

// complement reports whether word wi follows, across fillers of lang
// (articles, possessives), one of lang's prepositions: it is then the
// complement of another word ("the price of the house", "nan kay la").
// Not after a word of partitives ("part of the house", "yon pati nan kay
// la"): what a part of the house did, the house did.
func (sc *scan) complement(lang string, wi int) bool {
	for p := wi - 1; p >= 0 && !sc.clauseBreak(p+1); p-- {
		w := sc.tokens[p].word
		if prepositions[lang][w] {
			return p == 0 || !partitives[lang][sc.tokens[p-1].word] || sc.clauseBreak(p)
		}
		if !fillers[lang][w] {
			return false
		}
	}
	return false
}

// denied reports whether the words before wi deny that what follows
// exists: "there is no fire", "il n'y a pas d'incendie", "pa gen dife",
// "hakuna moto", "no hay inundación", "não há incêndio", "sans", "sin",
// "sem", "bila" (without): polarityWords.denials. The words of every
// language count, as a keyword may be read in a message of another
// ("incêndio" is Spanish "incendio" once folded).
func (sc *scan) denied(wi int) bool {
	if wi == 0 || sc.clauseBreak(wi) {
		return false
	}
	prev := sc.tokens[wi-1].word
	if polarityIdx.denials[prev] {
		return true
	}
	return wi >= 2 && !sc.clauseBreak(wi-1) && polarityIdx.denials[sc.tokens[wi-2].word+" "+prev]
}

// stateDenied reports whether a negation of a verb or an adjective
// stands just before wi, a hazard's keyword: "the house is not flooded",
// "our street isn't flooded", "la maison n'est pas inondée", "kay la pa
// inonde", "a casa nunca alagou". Needs are not asked this (keywords.go
// reads them only for events): "we have not eaten" is a lack. The words
// are the negations of polarity's languages (polarityIndex.stateNots;
// "t" only after one of contractedT, "isn t"), of every language as for
// denied.
func (sc *scan) stateDenied(wi int) bool {
	if wi == 0 || sc.clauseBreak(wi) {
		return false
	}
	prev := sc.tokens[wi-1].word
	if prev == "t" {
		return wi >= 2 && !sc.clauseBreak(wi-1) && polarityIdx.contractedT[sc.tokens[wi-2].word]
	}
	return polarityIdx.stateNots[prev]
}

// gapBreaks are, per keyword language, the words a keyword's gap is never
// read across: the language's negations (polarityWords.negation, and
// contractedT: "le mur n'est pas tombé", "the wall didn t fall"), words
// of nothing, conjunctions and the words that open another clause ("the
// house where my son fell"); gapWords holds the words beside the
// negations.
var gapBreaks = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for lang, words := range gapWords {
		set := map[string]bool{}
		p := polarityOf(lang)
		for _, s := range append(p.negationSets(), p.contractedT, words) {
			for w := range s {
				set[w] = true
			}
		}
		out[lang] = set
	}
	return out
}()

// gapWords are the words of gapBreaks beside the language's negations.
var gapWords = map[string]map[string]bool{
	"en": wordSetOf("nothing", "and", "but", "or", "because", "when", "where", "while", "if",
		"then", "so", "after", "before", "until"),
	"fr": wordSetOf("rien", "aucun", "aucune", "et", "mais", "ou", "car", "parce", "quand",
		"lorsque", "puis", "donc", "si", "apres", "avant", "pendant"),
	"sw": wordSetOf("hapana", "siyo", "sio", "wala", "na", "lakini", "au", "ambapo", "wakati", "kisha", "halafu",
		"baada", "kabla", "kama"),
	"pt": wordSetOf("jamais", "nem", "nada", "e", "mas", "ou", "porque", "quando", "onde", "entao",
		"depois", "antes", "enquanto"),
	"es": wordSetOf("nunca", "ni", "jamas", "nada", "tampoco", "y", "e", "pero", "o", "u", "porque", "cuando",
		"donde", "entonces", "si", "despues", "antes", "mientras"),
	"ht": wordSetOf("poko", "janm", "okenn", "epi", "men", "oswa", "paske", "le", "si", "apre", "avan",
		"kote", "kot", "ak"),
	// Urdu puts its negation after the noun ("ghar nahi gira", the house
	// did not fall; see postDenials), and its postpositions after it too:
	// "ghar mein bacha gir gaya" (in the house the child fell) says
	// nothing of the house. "mat" is the negation of a command.
	"ur": wordSetOf("mat", "aur", "lekin", "magar", "mgr", "ya", "jab", "agar",
		"kyunke", "kyunki", "phir", "mein", "me", "main", "par", "pe", "se", "ko"),
}

// partitives are, per keyword language, the words of a part or a
// quantity of what follows them ("part of", "half of", "une partie de",
// "parte da", "sehemu ya", "yon pati nan"): their complement is what the
// rest of the sentence is about.
var partitives = map[string]map[string]bool{
	"en": wordSetOf("part", "parts", "half", "piece", "pieces", "side", "corner", "rest", "some", "most", "all",
		"one", "many", "front", "back", "top", "section", "bit", "portion"),
	"fr": wordSetOf("partie", "parties", "moitie", "morceau", "morceaux", "bout", "cote", "coin", "reste", "plupart",
		"un", "une", "beaucoup", "certains", "certaines"),
	"sw": wordSetOf("sehemu", "nusu", "kipande", "upande", "baadhi", "pembe"),
	"pt": wordSetOf("parte", "metade", "pedaco", "lado", "canto", "resto", "um", "uma", "muitas", "muitos",
		"algumas", "alguns"),
	"es": wordSetOf("parte", "mitad", "pedazo", "lado", "esquina", "resto", "uno", "una", "muchas", "muchos",
		"algunas", "algunos"),
	"ht": wordSetOf("pati", "mwatye", "bout", "kwen", "bo", "res", "kek", "anpil"),
}

// gapOpeners are, for the languages whose adjectives come before the
// noun, the words other than fillers and prepositions that may open a
// keyword's gap: after the first part, any other word makes it the
// modifier of a noun ("house prices fell", "Wall Street stocks fell"),
// not what the rest is about. Languages not listed (adjectives after the
// noun, "le mur principal", or nouns side by side, "mi lekòl la") take
// any word, and so does one listed with no word.
var gapOpeners = map[string]map[string]bool{
	"en": wordSetOf("that", "which", "who", "next", "nearby", "opposite", "there", "here", "itself", "also",
		"completely", "totally", "partly", "partially", "almost", "finally", "suddenly"),
}

// gapClauses are, per keyword language, the conjunctions that, last in
// the first part of a keyword with a gap, make the gap a clause of its
// own: "know if … alive". Such a first part is a verb and its
// conjunction, not a thing the rest is about, so neither complement nor
// gapOpeners reads it: "we want to know if my brother is alive" ("to" is
// the infinitive's, no preposition), "know if he is alive" (a pronoun
// opens the clause). A verb with its object in the gap ("take …
// medicine daily") is read as a thing is: "take pressure medicine daily"
// is not read, nor "we need money to take our medicine daily", a need the
// other sense would unread.
var gapClauses = map[string]map[string]bool{
	"en": wordSetOf("if", "whether"),
}

// prepositions are, per keyword language, the words that make the noun
// after them the complement of another word (complement).
var prepositions = map[string]map[string]bool{
	"en": wordSetOf("of", "in", "at", "on", "from", "to", "into", "inside", "near", "by", "for", "with", "behind",
		"beside", "under", "about", "like", "outside"),
	"fr": wordSetOf("de", "du", "d", "dans", "a", "au", "aux", "chez", "sur", "sous", "pour", "avec", "pres", "par",
		"vers", "contre", "en", "derriere", "devant"),
	"sw": wordSetOf("wa", "ya", "la", "za", "cha", "vya", "kwa", "katika", "kwenye", "ndani", "juu", "chini",
		"karibu", "nyuma", "mbele", "kando"),
	"pt": wordSetOf("de", "do", "da", "dos", "das", "no", "na", "nos", "nas", "em", "ao", "aos", "com", "para", "pra",
		"por", "pelo", "pela", "sob", "sobre", "perto", "dentro", "atras"),
	"es": wordSetOf("de", "del", "en", "al", "a", "con", "para", "por", "sobre", "bajo", "cerca", "dentro", "detras",
		"junto"),
	"ht": wordSetOf("nan", "lan", "pou", "ak", "sou", "anba", "kot", "kote", "bo", "devan", "deye", "anndan", "pre",
		"toupre"),
}

// maxFillers is the most filler words (see fillers) a phrase keyword
// may be read across.
const maxFillers = 2

// fillers are, per keyword language, the articles, possessives and
// auxiliaries that may come between the words of a phrase keyword
// without changing what it says: "our house has collapsed" is "house
// collapsed", "nyumba yetu imeanguka" is "nyumba imeanguka". Never a
// negation, and never before a phrase's first word.
var fillers = map[string]map[string]bool{
	"en": wordSetOf("the", "a", "an", "our", "my", "his", "her", "their", "your", "this", "that", "these", "those",
		"is", "are", "was", "were", "has", "have", "had", "been", "just"),
	"fr": wordSetOf("le", "la", "les", "l", "un", "une", "des", "notre", "nos", "mon", "ma", "mes", "son", "sa", "ses",
		"leur", "leurs", "votre", "vos", "ce", "cet", "cette", "ces", "est", "sont", "a", "ont", "ete", "s"),
	"sw": wordSetOf("yetu", "yangu", "yako", "yake", "yao", "zetu", "zangu", "zako", "zake", "zao", "wetu", "wangu",
		"wake", "wao", "letu", "langu", "lake", "lao", "kwetu", "kwangu", "hii", "hizi", "hiyo", "hizo", "huu", "hili", "ile"),
	"pt": wordSetOf("o", "a", "os", "as", "um", "uma", "nosso", "nossa", "nossos", "nossas", "meu", "minha", "meus",
		"minhas", "seu", "sua", "seus", "suas", "esta", "estao", "foi", "ficou", "ja"),
	"es": wordSetOf("el", "la", "los", "las", "un", "una", "nuestro", "nuestra", "nuestros", "nuestras", "mi", "mis",
		"su", "sus", "esta", "estan", "fue", "quedo", "ya"),
	"ht": wordSetOf("la", "a", "an", "yo", "nou", "mwen", "m", "li", "te", "ap", "deja"),
}

// mostlyOther reports whether the message has more function words of
// one of langs, other than e's language, than of e's language.
func (sc *scan) mostlyOther(e *keywordEntry, langs []string) bool {
	for _, l := range langs {
		if i := slices.Index(text.Languages, l); l != e.lang && i >= 0 && sc.langs[i] > sc.langOf(e) {
			return true
		}
	}
	return false
}

// dropFalseFriends removes the one-word keywords of falseFriends found in
// a message that says more in one of the languages where the word means
// something else than in the keyword's own: its function words and its
// other keywords are the evidence.
func (m *KeywordMatcher) dropFalseFriends(sc *scan) {
	evidence := func(lang string, skip int) int {
		n := 0
		if i := slices.Index(text.Languages, lang); i >= 0 {
			n = sc.langs[i]
		}
		for j, c := range sc.found {
			if j != skip && m.entries[c.entry].lang == lang {
				n++
			}
		}
		return n
	}
	sc.dropFound(func(i int, c candidate) bool {
		e := &m.entries[c.entry]
		if len(e.words) != 1 {
			return false
		}
		for _, l := range falseFriends[sc.tokens[c.word].word] {
			if l != e.lang && evidence(l, i) > evidence(e.lang, i) {
				return true
			}
		}
		return false
	})
}

// falseFriends are one-word keywords of one language that are ordinary
// words of others, with those languages: such a keyword counts only in a
// message that is not mostly in one of them (dropFalseFriends). Swahili
// "moto" (fire) is a motorbike in French, Portuguese, Spanish and Haitian
// Creole ("on a volé ma moto"); Swahili "kaka" is a brother, not Creole
// "kaka" (excrement); Creole "tant" and "tante" (tent) are French "so
// much" and "aunt"; Creole "tire" (to shoot) is French "pulled" and an
// English tyre; Creole "sache" (plastic bag) and "boule" (burns) are
// French "know" and "ball"; French "pain", "pains" and Creole "pen"
// (bread) are English "pain", "pains" and "pen"; Creole "mange" (food, a spelling of "manje")
// is the French verb ("on a mangé ensemble hier soir").
var falseFriends = map[string][]string{
	"moto":  {"fr", "pt", "es", "ht"},
	"kaka":  {"sw"},
	"tant":  {"fr"},
	"tante": {"fr"},
	"tire":  {"fr", "en"},
	"sache": {"fr"},
	"boule": {"fr"},
	"pain":  {"en"},
	"pains": {"en"},
	"pen":   {"en"},
	"mange": {"fr"},
}

// langOf is the number of the message's function words in e's
// language.
func (sc *scan) langOf(e *keywordEntry) int {
	if e.langIdx < 0 {
		return 0
	}
	return sc.langs[e.langIdx]
}

// mayBeIn reports whether the message may be written in e's language:
// it has function words of that language, or none at all.
func (sc *scan) mayBeIn(e *keywordEntry) bool {
	if sc.langOf(e) > 0 {
		return true
	}
	for _, n := range sc.langs {
		if n > 0 {
			return false
		}
	}
	return true
}

// wordConfidence says how well message word t matches keyword word kw: 1
// when equal, confSuffix for a suffix variant, confFuzzy* for typos, 0 for
// no match.
func wordConfidence(t *token, kw string, e *keywordEntry) float64 {
	w := t.word
	if w == kw {
		return confExact
	}
	if e.suffix && (pluralOf(w, kw) || pluralOf(kw, w)) {
		return confSuffix
	}
	if !t.fuzzy {
		return 0
	}
	limit := maxEdits(e.lang, kw)
	if limit == 0 {
		return 0
	}
	if d := text.Distance(w, kw, limit); d <= limit && text.SameStart(w, kw) {
		if d == 1 {
			return confFuzzy1
		}
		return confFuzzy2
	}
	return 0
}

// Match returns the best category found in text, preferring (1) a keyword at
// the start of the message (the documented "FLOOD near ..." form), (2) multi-word
// keywords over single words, (3) the more confident match (an exact keyword
// over a typo), (4) higher severity when two categories are named alike:
// severity never outranks confidence.
//
// Greetings before the keyword ("Habari, MAFURIKO ...") do not stop it from
// counting as the start. The "other" category is only returned when no other
// category is named; after the four rules, the earlier keyword, then the
// earlier category in the taxonomy win. ok is false when text names no
// category.
func (m *KeywordMatcher) Match(text string) (CategoryMatch, bool) {
	sc := m.getScan()
	defer m.scans.Put(sc)
	m.find(text, sc)
	m.satisfy(sc)
	m.dropWhere(sc)
	if len(sc.found) == 0 {
		return CategoryMatch{}, false
	}
	first := m.firstWord(sc)
	best := 0
	for i := 1; i < len(sc.found); i++ {
		if m.better(sc.found[i], sc.found[best], first) {
			best = i
		}
	}
	return m.result(sc, sc.found[best]), true
}

// MatchAll returns every category named in text, best first by the rules of
// Match, each with its best keyword. It returns nil when none is named.
//
// A keyword names no category where the message says the sender does
// not need it: what the sender has or received ("we have water", "nou
// resevwa manje"), does not need ("we don't need tents"), or a hazard
// that is over ("the flood has gone down"); see classify/polarity.go.
// Match and Evidence (so the model's training too) read them alike.
func (m *KeywordMatcher) MatchAll(text string) []CategoryMatch {
	out, _, _, _, _, _, _, _ := m.matchAll(text, false)
	return out
}

// MaxEvidence is the most keyword evidence a message holds for one
// category (see Evidence).
const MaxEvidence = 2.0

// Evidence returns how much keyword evidence text holds for each
// category of the taxonomy (in taxonomy order): the sum of the
// confidences of the category's keywords found at different places, at
// most MaxEvidence; 0 for a category not named. A category named twice
// ("incendie … le feu a pris") is more certain than one named once.
func (m *KeywordMatcher) Evidence(text string) []float64 {
	_, ev, _, _, _, _, _, _ := m.matchAll(text, true)
	return ev
}

// exactKeyword is a category named by a keyword written exactly (not a
// misspelling or a plural variant) in the message's own language (a
// message without function words may be in any), and whether that keyword
// is the first word of the message after greetings: the documented
// "FIRE near the market" form.
type exactKeyword struct {
	category string
	first    bool
	// stated is set when that keyword is also a phrase stated as a report
	// (phraseStated): what Rule.FileKeywordPhrase files a category only
	// the keywords read on.
	stated bool
}

// matchAll is MatchAll, with evidence Evidence and the message's words
// as Words reads them, the categories named by an exact keyword in the
// message's own language (not a hedged one), and the words of the
// keywords not read (indexes in those words): inside a phrase of another
// sense, or said to be had, received, not needed or over (satisfy), the
// categories named only by keywords asked about (candidate.asked), and
// those named only by hedged keywords (candidate.hedged), and whether the
// message is an offer (scan.offered; dropOffers).
func (m *KeywordMatcher) matchAll(msg string, evidence bool) (out []CategoryMatch, ev []float64, exact []exactKeyword, unread []unreadWords, words []text.Word, asked []askedHazard, hedged []string, offers bool) {
	sc := m.getScan()
	defer m.scans.Put(sc)
	m.find(msg, sc)
	offers = sc.offered()
	m.satisfy(sc)
	m.dropWhere(sc)
	unread = m.unreadOf(sc)
	if evidence {
		ev = m.evidence(sc)
		words = sc.appendWords(nil)
	}
	first := m.firstWord(sc)
	offer := m.offeredOf(sc)
	if ev != nil && offer.entry >= 0 {
		ev[m.offeredAs] = max(ev[m.offeredAs], offer.confidence)
	}
	for ci, c := range sc.found {
		e := &m.entries[c.entry]
		if c.confidence < confExact || c.hedged || !sc.mayBeIn(e) {
			continue
		}
		id := m.cats[e.cat].id
		i := slices.IndexFunc(exact, func(x exactKeyword) bool { return x.category == id })
		if i < 0 {
			exact = append(exact, exactKeyword{category: id})
			i = len(exact) - 1
		}
		// Only the bare, telegraphic form opens a message ("KAY KRAZE
		// Delmas", "house collapsed at…"): a phrase with an article or a
		// possessive in it or read across one ("kay la kraze", "kay mwen
		// kraze", "nyumba yetu imeanguka") is a sentence like "our house
		// collapsed", whose keyword does not come first.
		// Nor is a traffic jam a blocked road (congestion).
		exact[i].first = exact[i].first || c.word == first && c.n == len(e.words) && !e.filler && !c.glued &&
			!polarityIdx.congestion[strings.Join(e.words, " ")]
		exact[i].stated = exact[i].stated || m.phraseStated(sc, e, ci, first)
	}
	// Keep the best candidate per category, then order the categories.
	bestOf := map[int32]int{}
	for i, c := range sc.found {
		cat := m.entries[c.entry].cat
		if j, ok := bestOf[cat]; !ok || m.better(c, sc.found[j], first) {
			bestOf[cat] = i
		}
	}
	picked := make([]candidate, 0, len(bestOf))
	for _, i := range bestOf {
		picked = append(picked, sc.found[i])
	}
	for i := 1; i < len(picked); i++ {
		for j := i; j > 0 && m.better(picked[j], picked[j-1], first); j-- {
			picked[j], picked[j-1] = picked[j-1], picked[j]
		}
	}
	for _, c := range picked {
		out = append(out, m.result(sc, c))
	}
	if offer.entry >= 0 && !slices.ContainsFunc(out, func(k CategoryMatch) bool { return k.Category == m.cats[m.offeredAs].id }) {
		k := m.result(sc, offer)
		k.Category = m.cats[m.offeredAs].id
		out = append(out, k)
	}
	for _, c := range sc.found {
		cat := m.entries[c.entry].cat
		id := m.cats[cat].id
		same := func(o candidate) bool { return m.entries[o.entry].cat == cat }
		if c.asked && !slices.ContainsFunc(asked, func(a askedHazard) bool { return a.category == id }) &&
			!slices.ContainsFunc(sc.found, func(o candidate) bool { return same(o) && !o.asked }) {
			// Named as a time only when no keyword of it is a question.
			time := !slices.ContainsFunc(sc.found, func(o candidate) bool { return same(o) && !o.askedTime })
			asked = append(asked, askedHazard{category: id, time: time})
		}
	}
	for _, c := range sc.found {
		cat := m.entries[c.entry].cat
		id := m.cats[cat].id
		if c.hedged && !slices.Contains(hedged, id) &&
			!slices.ContainsFunc(sc.found, func(o candidate) bool { return m.entries[o.entry].cat == cat && !o.hedged }) {
			hedged = append(hedged, id)
		}
	}
	return out, ev, exact, unread, words, asked, hedged, offers
}

// DistributionCategory is the id of the taxonomy category of aid
// distribution points, which reads goods someone else gives out ("the
// church gives food", "kanisa linatoa chakula": KeywordMatcher.offeredAs).
const DistributionCategory = "aid_distribution"

// offeredOf returns the first keyword sc did not read as goods someone
// else gives out (polarity's offered), when the taxonomy has a
// DistributionCategory; its entry is -1 otherwise.
func (m *KeywordMatcher) offeredOf(sc *scan) candidate {
	if m.offeredAs >= 0 {
		for _, c := range sc.unread {
			if c.satisfied == offered {
				return c
			}
		}
	}
	return candidate{entry: -1}
}

// evidence sums, per category, the confidences of keywords found that do
// not overlap (the longer of two keywords starting at one word), and
// counts the keywords not read inside a phrase of another sense for
// "other" (unreadEvidence).
func (m *KeywordMatcher) evidence(sc *scan) []float64 {
	ev := make([]float64, len(m.cats))
	found := slices.Clone(sc.found)
	slices.SortFunc(found, func(a, b candidate) int {
		if a.word != b.word {
			return a.word - b.word
		}
		if a.n != b.n {
			return b.n - a.n
		}
		// Two keywords read in the same words ("robber" exactly and as
		// the plural "robbers"): the surer reading counts.
		return cmp.Compare(b.confidence, a.confidence)
	})
	end := make([]int, len(m.cats)) // first word after the last counted keyword
	for _, c := range found {
		cat := m.entries[c.entry].cat
		if c.word < end[cat] {
			continue
		}
		end[cat] = c.word + c.n
		ev[cat] = min(MaxEvidence, ev[cat]+c.confidence)
	}
	m.unreadEvidence(sc, ev)
	return ev
}

func (m *KeywordMatcher) result(sc *scan, c candidate) CategoryMatch {
	e := &m.entries[c.entry]
	start, end := sc.tokens[c.word].start, sc.tokens[c.word+c.n-1].end
	return CategoryMatch{
		Category:   m.cats[e.cat].id,
		Lang:       e.lang,
		Keyword:    e.keyword,
		Start:      start,
		End:        end,
		Confidence: c.confidence,
	}
}

// firstWord is the index of the first word that is not a greeting.
func (m *KeywordMatcher) firstWord(sc *scan) int {
	for i, tk := range sc.tokens {
		if !greetings[tk.word] {
			return i
		}
	}
	return len(sc.tokens)
}

// better reports whether a should be preferred to b.
func (m *KeywordMatcher) better(a, b candidate, first int) bool {
	ea, eb := &m.entries[a.entry], &m.entries[b.entry]
	ca, cb := &m.cats[ea.cat], &m.cats[eb.cat]
	switch {
	case ca.other != cb.other:
		return !ca.other
	case (a.word == first) != (b.word == first):
		return a.word == first
	case a.n != b.n:
		return a.n > b.n
	case a.confidence != b.confidence:
		return a.confidence > b.confidence
	case ca.severity != cb.severity:
		return ca.severity > cb.severity
	case a.word != b.word:
		return a.word < b.word
	}
	return a.entry < b.entry
}

// greetings may come before the category keyword without it losing its
// place at the start of the message.
var greetings = wordSetOf(
	"hi", "hello", "hey", "dear", "urgent", "please", "pls", "plz",
	"habari", "jambo", "mambo", "salama", "shikamoo", "hujambo", "tafadhali", "haraka", "dharura",
	"bonjour", "bonsoir", "salut", "allo", "alo", "svp", "urgence",
	"ola", "oi", "bom", "boa", "dia", "tarde", "noite", "urgente",
	"hola", "buenas", "buenos", "dias", "buenas tardes",
	"bonjou", "bonswa", "souple", "tanpri", "ijan",
)

func wordSetOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// stem is the index key for suffix tolerance: a word and its plural (see
// pluralOf) have the same stem. Different words may share a stem too
// ("tap", "tape"); pluralOf decides.
func stem(w string) string {
	switch {
	case len(w) < suffixMinLen:
		return w
	case strings.HasSuffix(w, "ies"):
		w = w[:len(w)-3] + "i"
	case strings.HasSuffix(w, "oes"):
		w = w[:len(w)-3] + "ao"
	case w[len(w)-1] == 's' || w[len(w)-1] == 'x':
		w = w[:len(w)-1]
	}
	for len(w) >= suffixMinLen && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	if len(w) >= suffixMinLen-1 && w[len(w)-1] == 'y' {
		w = w[:len(w)-1] + "i"
	}
	return w
}

// pluralOf reports whether long is an inflected form of short that the
// suffix languages write: a plural in -s, -x (caniveau, caniveaux), -es
// after a consonant (inundacion, inundaciones), -ies (body, bodies), -oes
// (inundacao, inundacoes), or a French feminine -e, -es (inonde, inondee).
func pluralOf(long, short string) bool {
	if len(short) < suffixMinLen-1 || len(long) <= len(short) || long[:len(short)] == short && len(long) > len(short)+2 {
		return false
	}
	if strings.HasPrefix(long, short) {
		switch suf, last := long[len(short):], short[len(short)-1]; suf {
		case "s", "x":
			return true
		case "es":
			return !isVowel(last) || last == 'e' || last == 'i' || last == 'u'
		case "e":
			return last == 'e' || last == 'i' || last == 'u'
		}
		return false
	}
	switch {
	case strings.HasSuffix(short, "y"):
		return long == short[:len(short)-1]+"ies"
	case strings.HasSuffix(short, "ao"):
		return long == short[:len(short)-2]+"oes"
	}
	return false
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// fuzzyEligible reports whether a keyword word is long enough and plain
// ASCII (after folding), the only words matched with typos.
func fuzzyEligible(w string) bool {
	if len(w) < fuzzyMinLen {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf || w[i] == ' ' {
			return false
		}
	}
	return true
}

// fuzzyAllowed reports whether a message word may be read as a misspelt
// keyword: long enough, not itself a keyword word, not a function word of
// one of the languages and not a common word that happens to be one typo
// away from a keyword ("doing" and "dying", "drawn" and "drain").
func (m *KeywordMatcher) fuzzyAllowed(w string) bool {
	return len(w) <= m.maxFuzzyLen && fuzzyEligible(w) && !m.noFuzzy[w] && !text.IsStopWord(w)
}

// deletionFilterBits is the size of the Bloom filter of deletion keys
// (32 KiB; about 2% false positives with the default taxonomy).
const deletionFilterBits = 1 << 18

// mayHaveDeletion reports whether d may be a key of byDeletion.
func (m *KeywordMatcher) mayHaveDeletion(d []byte) bool {
	h := fnv64(d)
	if m.deletionFilter[h%deletionFilterBits/64]&(1<<(h%64)) == 0 {
		return false
	}
	h >>= 32
	return m.deletionFilter[h%deletionFilterBits/64]&(1<<(h%64)) != 0
}

// fnv64 is the FNV-1a hash of s.
func fnv64[T string | []byte](s T) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// maxEdits is the number of typos tolerated in keyword word w of language
// lang: none below fuzzyMinLen letters, one from fuzzyMinLen, two from
// fuzzyTwoLen.
//
// Swahili and Haitian Creole words are short and regular, so a word two
// edits from a keyword is usually another word (tunataka "we want",
// takataka "rubbish"): they tolerate one typo at most. Swahili verb forms
// tolerate none, since the verb root is all that tells them apart
// (wamekuja "they came", wamekufa "they died").
func maxEdits(lang, w string) int {
	if !fuzzyEligible(w) {
		return 0
	}
	k := 1
	if len(w) >= fuzzyTwoLen {
		k = 2
	}
	switch lang {
	case "sw":
		if swahiliVerbForm(w) {
			return 0
		}
		return 1
	case "ht":
		return 1
	}
	return k
}

// swahiliVerbPrefixes are subject and tense prefixes of Swahili verb forms
// (wa-me-, a-na-, i-me-, ku-, …). Nouns that start the same way, such as
// umeme, are listed in swahiliNotVerbs.
var swahiliVerbPrefixes = []string{
	"wame", "wana", "wali", "wata", "ame", "ana", "ali", "ata", "ime", "ina", "ili", "ita",
	"zime", "zina", "yame", "yana", "lime", "lina", "kime", "kina", "vime", "vina", "kume", "kuna",
	"tume", "tuna", "nime", "nina", "ume", "una", "hatu", "hawa", "haku", "ku",
}

var swahiliNotVerbs = wordSetOf("umeme", "kuhara", "kujifungua")

func swahiliVerbForm(w string) bool {
	if swahiliNotVerbs[w] {
		return false
	}
	for _, p := range swahiliVerbPrefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// forDeletions calls fn with w and every distinct string made by deleting
// up to k bytes of it.
func forDeletions(w string, k int, fn func(string)) {
	var buf []byte
	seen := map[string]bool{}
	forDeletionsBuf(w, k, &buf, func(d []byte) {
		if s := string(d); !seen[s] {
			seen[s] = true
			fn(s)
		}
	})
}

// forDeletionsBuf calls fn with w and the strings made by deleting one, and
// when k is 2 and w is at least fuzzyTwoLen long, two bytes of w. Delete-only variants on both sides find every
// keyword within k insertions, deletions, substitutions and adjacent
// transpositions; candidates are then checked with osaDistance. The same
// string may be passed more than once. buf is reused scratch space.
func forDeletionsBuf(w string, k int, buf *[]byte, fn func([]byte)) {
	b := append((*buf)[:0], w...)
	fn(b)
	n := len(w)
	for i := 0; i < n; i++ {
		b = append(b[:0], w[:i]...)
		b = append(b, w[i+1:]...)
		fn(b)
		// Keys of keywords that tolerate two edits are at least
		// fuzzyTwoLen-2 long, so shorter variants can only find false
		// candidates.
		if k < 2 || n-2 < fuzzyTwoLen-2 {
			continue
		}
		for j := i + 1; j < n; j++ {
			b = append(b[:0], w[:i]...)
			b = append(b, w[i+1:j]...)
			b = append(b, w[j+1:]...)
			fn(b)
		}
	}
	*buf = b
}

// nearMisses are common words one or two typos away from a keyword word
// that must not be read as that keyword.
var nearMisses = wordSetOf(
	// English
	"angry", "better", "bitter", "bubble", "bumping", "butter", "camping", "cling", "diner", "dinner",
	"ditto", "doing", "drama", "drawn", "draws", "dream", "dumpster", "fewer", "fired", "fishing", "floating",
	"flock", "floor", "flooring", "floors", "flower", "flowing", "flown", "flows", "fries", "guess", "hunter",
	"jumping", "later", "letter", "looking", "lighting", "lotion", "lower", "match", "means", "medal", "metal", "motion",
	"nation", "newer", "notion", "parent", "patient", "piece", "pieces", "piper", "plant",
	"plants", "poker", "potion", "powder", "powers", "pumping", "rages", "ramping", "range", "ranger",
	"rights", "robber", "rubber", "sewed", "sheet", "shelf", "shell", "shoot", "shops", "shout",
	"sighting", "small", "smile", "smoky", "spell", "spelt", "spoke", "started", "starting", "station", "steal", "steel", "sticks",
	"still", "stock", "stoke", "study", "stuff", "tapping", "taste", "tense", "tenth", "title", "toast",
	"token", "total", "tower", "trace", "track", "trouble", "violin", "wafer", "waiter", "wasted",
	"waters", "wider", "winter", "wired", "wives", "writer",
	// French
	"autres", "avant", "bonne", "coupe", "courir", "couvert", "depuis", "ecole", "eglise", "encore", "entre", "facture", "factures",
	"faire", "forte", "parti", "partie", "mange", "mangue", "marche", "mardi", "merci", "mosquee", "notre", "ordre", "ordres",
	"pente", "pharmacie", "porte", "quartier", "rouge", "toute", "toutes", "vente", "votre",
	// Swahili
	"kanisa", "karibu", "kisiwa", "kumeme", "mabati", "majani", "majina", "maziwa", "mbele", "mototo", "vibaya",
	"msikiti", "mtaani", "mtoto", "mwembe", "mwenge", "nyuma", "shule", "shuleni", "sokoni", "watoto",
	// Portuguese
	"agora", "bairro", "cheio", "cheira", "escola", "feira", "fomos", "igreja", "lixeiro", "luzes", "mercado", "perto",
	"precisa", "presente", "presidente",
	// Spanish
	"ahora", "barrio", "basta", "carrera", "cerca", "colegio", "cuadra", "factura", "facturas", "fuera", "fuerte", "hierba", "humor",
	"iglesia", "llamar", "llamo", "parque", "pobres", "rubio", "tienda",
	// Haitian Creole
	"difisil", "fatige", "kounye", "kouri", "kouzen", "legliz", "lekol", "mache", "machin", "manman", "resevwa", "toupre",
	"zanmi",
)
