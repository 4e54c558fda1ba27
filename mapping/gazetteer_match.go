package mapping

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaa-project/mtaa/text"
)

// textWord is one word of a query, with what it can match.
type textWord struct {
	text.Word
	c     string // canonical
	tok   int32  // exact token, or -1
	fuzzy []tokConf
	cls   typeClass // type-word classes
	stop  bool
	soft  bool
	spell byte // stSpelling
	// title is set for a word written with a capital and then small
	// letters that does not start a sentence: part of a proper name.
	title bool
	// spaced is set when only spaces separate the word from the one
	// before: a comma or a bracket ends a name.
	spaced bool
}

type tokConf struct {
	tok  int32
	conf float64
}

// Confidence of the ways a name token can match a message word.
const (
	confFuzzy1    = 0.8
	confFuzzy2    = 0.65
	confPrefix    = 0.85
	confTypeClass = 0.9
)

// readText folds text into words and looks each one up.
func (g *Gazetteer) readText(s string, prefix bool) []textWord {
	ws := text.Words(s)
	out := make([]textWord, len(ws))
	var buf []byte
	for i, w := range ws {
		tw := textWord{Word: w, c: canonical(w.Text), tok: -1}
		tw.stop = stopWord(w.Text) || stopWord(tw.c)
		tw.soft = g.soft[tw.c] || g.soft[w.Text]
		tw.cls = typeWords[tw.c]
		tw.title = titleWord(s, w)
		tw.spaced = i > 0 && strings.TrimSpace(s[ws[i-1].End:w.Start]) == ""
		if tw.spell = stSpelling(w.Text); tw.spell == stSaint {
			tw.cls &^= clsRoad // "Saint" is no street
		}
		if id, ok := g.dict[tw.c]; ok {
			tw.tok = id
		}
		if !tw.stop && tw.cls == 0 && !tw.soft && fuzzyWord(tw.c) && (tw.tok < 0 || len(g.toks[tw.tok].post) == 0 && !g.toks[tw.tok].typed) {
			tw.fuzzy = g.fuzzyLookup(tw.c, &buf)
		}
		if prefix && i == len(ws)-1 && len(tw.c) >= 2 && !tw.stop {
			tw.fuzzy = append(tw.fuzzy, g.prefixLookup(tw.c)...)
		}
		out[i] = tw
	}
	return out
}

// fuzzyLookup returns the tokens within the tolerated typos of w.
func (g *Gazetteer) fuzzyLookup(w string, buf *[]byte) []tokConf {
	if len(w) > g.maxFuzzy {
		return nil
	}
	var out []tokConf
	k := 1
	if len(w) >= 7 {
		k = 2
	}
	deletions(w, k, buf, func(d []byte) {
		for _, id := range g.del[hashBytes(d)] {
			if slices.ContainsFunc(out, func(tc tokConf) bool { return tc.tok == id }) {
				continue
			}
			t := g.toks[id].s
			limit := editsFor(t)
			if limit == 0 || !text.SameStart(w, t) {
				continue
			}
			switch text.Distance(w, t, limit) {
			case 1:
				out = append(out, tokConf{id, confFuzzy1})
			case 2:
				if limit >= 2 {
					out = append(out, tokConf{id, confFuzzy2})
				}
			}
		}
	})
	return out
}

// prefixLookup returns up to 64 indexed tokens that start with p.
func (g *Gazetteer) prefixLookup(p string) []tokConf {
	i := sort.Search(len(g.sorted), func(i int) bool { return g.toks[g.sorted[i]].s >= p })
	var out []tokConf
	for ; i < len(g.sorted) && len(out) < 64; i++ {
		t := g.sorted[i]
		s := g.toks[t].s
		if !strings.HasPrefix(s, p) {
			break
		}
		if s != p && len(g.toks[t].post) > 0 {
			out = append(out, tokConf{t, confPrefix})
		}
	}
	return out
}

// cand is one place matched to some words of the text.
type cand struct {
	entry      int32
	place      int32
	lo, hi     int    // word span
	used       uint64 // words matched by the name, as a bit set
	ext        uint64 // type words next to the name that agree with it
	cover      float64
	name, conf float64
	adj        float64 // taken off the calibrated confidence by the context
}

// maxWords is the number of words of a text that are matched (the rest
// are ignored): a bit set of uint64 tracks them.
const maxWords = 64

// candidates evaluates every entry found through a word of the text.
func (g *Gazetteer) candidates(tw []textWord) []cand {
	seen := map[int32]bool{}
	best := map[int32]int{} // place -> index in out
	var out []cand
	try := func(ei int32, anchor int) {
		if seen[ei] {
			return
		}
		seen[ei] = true
		c, ok := g.align(ei, tw, anchor)
		if !ok {
			return
		}
		if j, dup := best[c.place]; dup {
			if better(c, out[j]) {
				out[j] = c
			}
			return
		}
		best[c.place] = len(out)
		out = append(out, c)
	}
	for i := range tw {
		w := &tw[i]
		if w.stop && (w.tok < 0 || len(g.toks[w.tok].post) == 0) || w.cls != 0 && w.tok < 0 {
			continue
		}
		if w.tok >= 0 {
			for _, ei := range g.toks[w.tok].post {
				try(ei, i)
			}
		}
		for _, tc := range w.fuzzy {
			for _, ei := range g.toks[tc.tok].post {
				try(ei, i)
			}
		}
	}
	return out
}

func better(a, b cand) bool {
	if a.cover != b.cover {
		return a.cover > b.cover
	}
	return a.name > b.name
}

// wordConf says how well text word w matches token t with role r of an
// entry of class cls, spelt spell in the name. A type word in another
// language than the name ("shule" for "School") matches a type token of
// the same class; a type word that OSM names use themselves ("highway")
// matches only itself.
func (g *Gazetteer) wordConf(w *textWord, t int32, r role, cls typeClass, spell byte) float64 {
	if w.tok == t {
		if w.spell != stAny && spell != stAny && w.spell != spell {
			return 0 // "Saint" for the "Street" of a name, or the reverse
		}
		return 1
	}
	for _, tc := range w.fuzzy {
		if tc.tok == t {
			return tc.conf
		}
	}
	if r == roleType && w.cls&cls != 0 && (w.tok < 0 || !g.toks[w.tok].typed) {
		return confTypeClass
	}
	return 0
}

// align matches entry ei to the words around tw[anchor]. It refuses a
// match that rests on too little: a short or common word alone ("fe" for
// Santa Fe Drive, "Dakar" for Golf Club de Dakar, "jobs" for Jobs Lane), a
// minor part of a longer name, or a number without its type word.
func (g *Gazetteer) align(ei int32, tw []textWord, anchor int) (cand, bool) {
	e := &g.entries[ei]
	p := &g.places[e.place]
	n := len(e.toks)
	lo, hi := max(0, anchor-n-1), min(len(tw), maxWords, anchor+n+2)
	var used, ext uint64
	var rd float64
	typeExact, typeClass, strong, fullDistinct, allWords := false, false, false, true, true
	lexical, distinctive := false, false // some matched name word is unusual in the language; and in the extract
	subConflict := false
	var missing []string // words of the name not in the text at all
	exactWords := 0      // name words written as the name writes them
	shortTypo := false   // a name word of five letters matched with a typo
	first, last := len(tw), -1
	for pass := 0; pass < 2; pass++ { // distinct tokens first, then type words next to them
		for j, t := range e.toks {
			r := e.roles[j]
			if r == roleStop || (pass == 0) != (r == roleDistinct) {
				continue
			}
			bestK, bestC := -1, 0.0
			for k := lo; k < hi; k++ {
				if used&(1<<k) != 0 || tw[k].stop && (r != roleDistinct || tw[k].tok != t) {
					continue
				}
				if pass == 1 && (k < first && !onlyStopsBetween(tw, k, first) || k > last && !onlyStopsBetween(tw, last, k)) {
					continue
				}
				c := g.wordConf(&tw[k], t, r, p.cls, e.spell[j])
				if c > bestC || c == bestC && c > 0 && abs(k-anchor) < abs(bestK-anchor) {
					bestK, bestC = k, c
				}
			}
			if bestK < 0 || bestC < confTypeClass {
				if r == roleDistinct {
					fullDistinct = false
					if bestK < 0 {
						missing = append(missing, g.toks[t].s)
					}
					// A missing word common in the extract ("de Dakar")
					// still leaves the name whole.
					allWords = allWords && (bestC >= confFuzzy2 || g.toks[t].df > g.commonDF)
				}
				if bestK < 0 {
					continue
				}
			}
			used |= 1 << bestK
			first, last = min(first, bestK), max(last, bestK)
			if r == roleDistinct {
				rd += g.toks[t].weight * bestC
				if bestC == 1 {
					exactWords++
				} else if len(g.toks[t].s) < 6 {
					shortTypo = true
				}
				if !tw[bestK].soft && tw[bestK].cls == 0 && bestC >= confFuzzy2 {
					strong = true
					if g.unusual(t) {
						lexical = true
						distinctive = distinctive || g.toks[t].df <= g.commonDF
					}
				}
				continue
			}
			if bestC == 1 {
				typeExact = true
			} else {
				typeClass = true
				if st := subtypeWords[tw[bestK].c]; st != subNone && p.sub != subNone && st != p.sub {
					subConflict = true // "université X" for the school X
				}
			}
		}
		if pass == 0 && last < 0 {
			return cand{}, false
		}
	}
	if rd == 0 || !strong && !(fullDistinct && (e.ndist >= 2 || typeExact || typeClass)) {
		return cand{}, false // "water", "fire", "the school" and other words alone
	}
	rd /= e.wsum
	exact := g.exactRun(e, tw, lo, hi)
	typed := typeExact || typeClass
	name := 1 - 0.35*(1-rd) - p.penalty
	switch {
	case e.numbered:
		// "École 14", "rue 10": the number and its type word.
		if !typed || !fullDistinct {
			return cand{}, false
		}
	case exact:
		// The whole name as written. A one-word name that is an ordinary
		// word ("Information", "Will") names a settlement at most, and
		// then only with a question.
		if n == 1 && !g.unusual(e.toks[0]) {
			if !p.region {
				return cand{}, false
			}
			name -= 0.25
		}
	case allWords && (typed || e.ntype == 0):
		// Every name word, perhaps misspelt, with its type word or one of
		// its class, or with none in the name.
		if !lexical && !typed && e.ndist < 2 {
			return cand{}, false
		}
	case allWords:
		// The name words without the type word the name has: "Jobs" for
		// Jobs Lane is an ordinary word, "Mwembeni" for Mwembeni Road a
		// name.
		if !distinctive {
			return cand{}, false
		}
	default:
		// Part of the name: it must be the rare part, or an unusual
		// word with the type word ("duPont Hospital" for Alfred I.
		// duPont Hospital for Children).
		if !(distinctive && rd >= minPartialShare) && !(typeExact && distinctive && rd >= minTypedShare) {
			return cand{}, false
		}
	}
	if (len(missing) > 0 || e.ndist == 1) && otherTitleWords(tw, first, last, used, missing) >= 2 {
		// Part of the name, or a one-word name, among the words of
		// another name the message writes: "Education" in Foundation of
		// Research on Education Planning and Development is not the
		// Ministry of Education, "Guest" in Point Pub And Guest House
		// not the house named Guest.
		return cand{}, false
	}
	if !exact && !(allWords && (typed || e.ntype == 0)) {
		name -= exactBonus
	}
	// Type words of the place's class next to the name ("Walgreens
	// pharmacy", "shule ya Mwembeni") are explained by it too; a type word
	// of another kind of place ("mosquée de Pikine" for the suburb Pikine,
	// "université X" for the school X) speaks against it.
	for k := max(0, first-3); k < min(len(tw), maxWords, last+4); k++ {
		if used&(1<<k) != 0 || tw[k].stop || tw[k].cls == 0 ||
			!(k < first && onlyStopsBetween(tw, k, first) || k > last && onlyStopsBetween(tw, last, k)) {
			continue
		}
		st := subtypeWords[tw[k].c]
		switch {
		case st != subNone && (tw[k].cls&p.cls == 0 || p.sub != subNone && st != p.sub),
			tw[k].cls&(tw[k].cls-1) == 0 && tw[k].cls&conflictClasses != 0 && tw[k].cls&p.cls == 0 &&
				(!tw[k].soft || k == first-1 || k == last+1) && !directionWord[tw[k].c]:
			// A type word of one other kind: "Rue St. Martin" is no school.
			// An ordinary word ("rue", "road", "school") says so only
			// right next to the name: "road to St Martins" may be.
			subConflict = true
		case tw[k].cls&p.cls != 0 && (e.ntype == 0 || tw[k].tok < 0 || !g.toks[tw[k].tok].typed):
			ext |= 1 << k
			first, last = min(first, k), max(last, k)
		}
	}
	switch {
	case typeExact:
	case typeClass || ext != 0:
		name -= 0.05
	case e.ntype > 0 || p.cls&(clsRoad|clsWaterway) != 0 || p.cls == clsBuilding:
		// "Dover Road", or a lane just named "Georgetown", for "Dover".
		name -= 0.2
	}
	if subConflict {
		name -= subtypePenalty
	}
	if shortTypo && exactWords == 0 {
		// One letter off a five-letter name is as likely another name
		// (Sinda Town is not Sinza): confirm, don't file.
		name -= shortTypoPenalty
	}
	// Words inside the span that the name does not explain.
	for k := first; k <= last; k++ {
		if (used|ext)&(1<<k) == 0 && !tw[k].stop {
			name -= 0.2
		}
	}
	c := cand{entry: ei, place: e.place, lo: first, hi: last + 1, used: used, ext: ext, name: name}
	c.cover = coverWeight(tw, used, ext)
	return c, true
}

// directionWord holds the directions, which are road type words too
// ("north of Tandale").
var directionWord = map[string]bool{"north": true, "south": true, "east": true, "west": true}

// conflictClasses are the classes whose type words, next to a name, speak
// against a place of another class; "fire" or "water" next to a name
// say what happened there.
const conflictClasses = clsRoad | clsEducation | clsHealth | clsWorship | clsMarket

// Scoring constants of align.
const (
	// exactBonus is taken off a match that leaves out words of the name
	// (rare ones, or its type word), so that the name written in full
	// ranks above it.
	exactBonus = 0.1
	// minPartialShare is the share of a name's weight that the matched
	// words of a partial match must carry.
	minPartialShare = 0.5
	// minTypedShare is the share a partial match with the name's own
	// type word must carry.
	minTypedShare = 0.25
	// subtypePenalty is taken off a place whose kind the message's type
	// word contradicts.
	subtypePenalty = 0.3
	// shortTypoPenalty is taken off a match whose only name words are
	// misspelt and one of them has five letters: one edit there is a
	// fifth of the word.
	shortTypoPenalty = 0.15
	// commonMinDF and commonShare: a word in more than max(commonMinDF,
	// names/commonShare) names is common in the extract.
	commonMinDF = 3
	commonShare = 100
)

// unusual reports whether name token t is unusual in the language: a
// word of at least four letters (three in scripts without Latin
// letters), not an ordinary word of the six languages. Such a word, when
// it is also rare among the extract's names (df <= commonDF), can
// identify a place on its own.
func (g *Gazetteer) unusual(t int32) bool {
	tk := &g.toks[t]
	if !hasLetter(tk.s) || ordinaryWord(tk.s) || stopWord(tk.s) {
		return false
	}
	if text.IsASCII(tk.s) {
		return len(tk.s) >= 4
	}
	return utf8.RuneCountInString(tk.s) >= 3
}

// exactRun reports whether every word of e, function words included,
// appears as written (after folding) and in order in tw[lo:hi].
func (g *Gazetteer) exactRun(e *gentry, tw []textWord, lo, hi int) bool {
	n := len(e.toks)
	for s := lo; s+n <= hi; s++ {
		ok := true
		for j, t := range e.toks {
			if tw[s+j].tok != t {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// titleWord reports whether word w of s is written as a name is: a
// capital, then at least one small letter, and not the first word of a
// sentence (which takes a capital anyway).
func titleWord(s string, w text.Word) bool {
	orig := s[w.Start:w.End]
	r, n := utf8.DecodeRuneInString(orig)
	if !unicode.IsUpper(r) || !strings.ContainsFunc(orig[n:], unicode.IsLower) {
		return false
	}
	before := strings.TrimRightFunc(s[:w.Start], func(r rune) bool { return unicode.IsSpace(r) || r == '"' || r == '\'' || r == '(' })
	return before != "" && !strings.ContainsRune(".!?:;", rune(before[len(before)-1]))
}

// otherTitleWords counts the title words around the words used by a
// match (tw[first..last]) that it does not explain: the run of title
// words, joined by spaces and short function words ("of", "de", "and"),
// that holds the match. A title word within two letters of a word the
// match misses is that word misspelt ("Pint" for Point), not another
// name's; a type word says what kind of place it is ("Tandale Market").
func otherTitleWords(tw []textWord, first, last int, used uint64, missing []string) int {
	n := 0
	other := func(k int) bool {
		if used&(1<<k) != 0 || tw[k].stop || !tw[k].title || tw[k].cls != 0 {
			return false
		}
		for _, m := range missing {
			if text.Distance(tw[k].c, m, 2) <= 2 {
				return false
			}
		}
		return true
	}
	inRun := func(k int) bool {
		if other(k) {
			n++
		}
		return tw[k].title || tw[k].stop && len(tw[k].Text) <= 3
	}
	for k := first - 1; k >= 0 && tw[k+1].spaced && inRun(k); k-- {
	}
	for k := first; k <= last && k < maxWords; k++ {
		if other(k) {
			n++
		}
	}
	for k := last + 1; k < len(tw) && k < maxWords && tw[k].spaced && inRun(k); k++ {
	}
	return n
}

func onlyStopsBetween(tw []textWord, a, b int) bool {
	for k := a + 1; k < b; k++ {
		if !tw[k].stop {
			return false
		}
	}
	return true
}

// coverWeight is how many words a candidate explains: a name word counts
// 1, a type word 0.75, a type word next to the name that agrees with the
// place's class 0.4.
func coverWeight(tw []textWord, used, ext uint64) float64 {
	w := 0.0
	for k := range min(len(tw), maxWords) {
		switch {
		case ext&(1<<k) != 0:
			w += 0.4
		case used&(1<<k) == 0:
		case tw[k].cls != 0:
			w += 0.75
		default:
			w++
		}
	}
	return w
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
