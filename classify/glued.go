package classify

import (
	"slices"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// Glued words. Residents often leave out the spaces of a message
// ("WENEEDWATER PLS", "mwenbezwendlo", "Mwen bezwen yonprela svp"). The
// matcher reads such a token as its words when it can only be them
// (splitGlued): the token is no word it knows (no keyword word, no
// function word of any language, no near miss, no place word, none of
// notGlued), is 5 to 40 ASCII letters, and is, in one language the
// message's other words may be in (their function words, or none at
// all) and in exactly one way:
//
//   - one or more of the words that open a request (gluedOpeners:
//     pronouns, "need", "no", "please", Creole "yon") followed by a
//     one-word keyword of three letters or more: "we|need|water",
//     "mwen|bezwen|dlo", "yon|prela", "no|food", "necesitamos|agua";
//   - or two openers or more, none of one letter and none twice in a
//     row: "we|need", "mwen|pa|gen" (so "MWENPAGEN KAY" reads the
//     keyword "pa gen kay"), "pa|gen".
//
// A one-letter opener (Creole "m", French "d", "l") comes after or
// before a longer one: "m|bezwen|dlo", "besoin|d|eau".
//
// Nothing else is read apart: two keywords ("foodwater": English writes
// "campfire", "drinkwater", "powerpoint"), a keyword and a word after
// it, or function words other than openers ("often", "maybe", "cela",
// "parce", Spanish "contienda" and Portuguese "comparada" begin with
// "con" and "com"). Swahili writes its pronouns and tenses as prefixes
// of the verb, so its openers are whole words ("hakuna", "tunahitaji",
// "naomba"), never a prefix: "ninataka" (I want) is not "ni na taka"
// (rubbish), "wanadamu" (people) not "wa na damu" (blood). Read through
// these rules, word lists of English, French, Spanish, Portuguese and
// Swahili (about a million words) split 11 words, now notGlued.
//
// The parts are read exactly (never as a typo or a plural) and like
// words written apart, by the keywords and the model alike, except that
// a keyword read in a glued token never opens the message in the
// keyword-first form (Rule.FileKeywordFirst): "PLSFIRE" is not "FIRE
// near the market", so a severe hazard read glued is filed only from
// Rule.FileSevere.

// Limits of the glued words read (splitGlued).
const (
	gluedMinLen     = 5  // shorter tokens are not split
	gluedMaxLen     = 40 // longer tokens are not split: the work per token is bounded
	gluedMinKeyword = 3  // the keyword that ends a glued token has at least this many letters
	gluedMaxPart    = 16 // longest part word tried
	// gluedMaxLangs is the most languages glued words are read in (the
	// six of package text and two a city adds).
	gluedMaxLangs = 8
)

// gluedOpeners are, per language, the words that may come glued before
// a keyword: pronouns, the words of need and lack, articles and
// "please". Every other word stops a token from being read as glued:
// the prefixes of Romance words ("con", "com", "des", "de": "contienda",
// "comparada", "desarme") and English ones ("camp", "after", "back":
// "campfire", "afterbirth") are not openers.
var gluedOpeners = map[string][]string{
	"en": {"we", "i", "need", "needs", "no", "our", "my", "pls", "plz", "please", "some", "more", "us", "have"},
	"fr": {"nous", "on", "je", "j", "pas", "besoin", "d", "l", "sans", "svp", "manque", "plus"},
	"ht": {"mwen", "m", "nou", "n", "bezwen", "pa", "gen", "genyen", "yon", "tanpri", "svp"},
	"pt": {"precisamos", "preciso", "precisam", "sem", "nao", "temos", "tem"},
	"es": {"necesitamos", "necesito", "necesitan", "sin", "no", "hay", "tenemos", "falta"},
	"sw": {"hakuna", "hatuna", "tunahitaji", "nahitaji", "tunaomba", "naomba", "tafadhali"},
}

// gluedWord says in which languages (bits in KeywordMatcher.gluedLangs)
// a word may be a part of a glued token: as an opener, or as a one-word
// keyword that is no opener of that language.
type gluedWord struct {
	opener, keyword uint8
}

// notGlued are real words of the six languages made of openers and a
// keyword of one language, which the rules above would split. Found by
// reading word lists of English, French, Spanish, Portuguese and Swahili
// through splitGlued; TestGluedNearMisses holds them.
var notGlued = wordSetOf(
	"moreno", "nobodies", "notent", "padiri", "panou", "papen", "patant", "manqueje", "sanson", "somebodies", "weill",
)

// indexGlued fills m.glued with the openers of text.Languages and the
// one-word keywords of tax (not the phrases of other senses).
func (m *KeywordMatcher) indexGlued(tax *data.Taxonomy, langs []string) {
	m.gluedLangs = slices.Clone(text.Languages)
	for _, l := range langs {
		if !slices.Contains(m.gluedLangs, l) && len(m.gluedLangs) < gluedMaxLangs {
			m.gluedLangs = append(m.gluedLangs, l)
		}
	}
	m.glued = map[string]gluedWord{}
	for i, l := range m.gluedLangs {
		for _, w := range gluedOpeners[l] {
			m.gluedMaxOpener = max(m.gluedMaxOpener, len(w))
			if len(w) == 1 {
				for c := range 26 {
					m.gluedStarts[int(w[0]-'a')*26+c] |= 1 << i
				}
			} else {
				m.gluedStarts[int(w[0]-'a')*26+int(w[1]-'a')] |= 1 << i
			}
			g := m.glued[w]
			g.opener |= 1 << i
			m.glued[w] = g
		}
	}
	if tax == nil {
		return
	}
	for _, c := range tax.Categories {
		for i, l := range m.gluedLangs {
			for _, kw := range c.Keywords[l] {
				words, _, problem := data.KeywordWords(kw)
				if problem != "" || len(words) != 1 {
					continue
				}
				w := words[0]
				if len(w) < gluedMinKeyword || len(w) > gluedMaxPart || !isLetters(w) {
					continue
				}
				if slices.Contains(text.StopWordLanguages(w), l) {
					continue // "mais" (fr, maize) is "but"
				}
				if g := m.glued[w]; g.opener&(1<<i) == 0 {
					g.keyword |= 1 << i
					m.glued[w] = g
				}
			}
		}
	}
}

// gluedScratch is splitGlued's working state, kept in a scan: per
// language and number of letters read, the fewest openers that read
// them (0: none), in how many ways (at most 2), where the last starts,
// and whether one has two letters or more.
type gluedScratch struct {
	parts [gluedMaxLangs][gluedMaxLen + 1]int8
	ways  [gluedMaxLangs][gluedMaxLen + 1]int8
	prev  [gluedMaxLangs][gluedMaxLen + 1]int8
	long  [gluedMaxLangs][gluedMaxLen + 1]bool
	ends  []int
	other []int
}

// splitGlued returns where the parts of the glued token w end (the last
// is len(w)), or nil when w is not read as glued words of one of langs
// (bits of m.gluedLangs): see the comment at the top of this file. orig
// is the token as the message writes it.
// The work is bounded: at most gluedMaxLen × gluedMaxPart lookups.
func (m *KeywordMatcher) splitGlued(w, orig string, langs uint8, g *gluedScratch) []int {
	n := len(w)
	// orig of ASCII letters only folds to w of the letters a to z.
	if n < gluedMinLen || n > gluedMaxLen || len(orig) != n || !isLetters(orig) {
		return nil
	}
	if langs &= m.gluedStarts[int(w[0]-'a')*26+int(w[1]-'a')]; langs == 0 {
		return nil // no opener starts w in its languages: most words
	}
	if m.noFuzzy[w] || text.IsStopWord(w) || notGlued[w] || m.glued[w] != (gluedWord{}) {
		return nil
	}
	nl := len(m.gluedLangs)
	// Openers from the start, in each language: reach[j] holds the
	// languages in which w[:j] is openers.
	var reach [gluedMaxLen + 1]uint8
	reach[0] = langs & (1<<nl - 1)
	for l := 0; l < nl; l++ {
		g.parts[l][0], g.ways[l][0], g.long[l][0] = 0, 1, false
	}
	for j := 0; j < n; j++ {
		if reach[j] == 0 {
			continue
		}
		for i := j + 1; i <= n && i-j <= m.gluedMaxOpener; i++ {
			op := m.glued[w[j:i]].opener & reach[j]
			for l := 0; l < nl; l++ {
				if op&(1<<l) == 0 {
					continue
				}
				if i-j == 1 && j > 0 && !g.long[l][j] {
					continue // two one-letter openers in a row
				}
				p := g.parts[l][j] + 1
				long := g.long[l][j] || i-j > 1
				switch {
				case reach[i]&(1<<l) == 0 || p < g.parts[l][i]:
					g.parts[l][i], g.ways[l][i], g.prev[l][i], g.long[l][i] = p, g.ways[l][j], int8(j), long
				case p == g.parts[l][i]:
					g.ways[l][i] = min(2, g.ways[l][i]+g.ways[l][j])
					g.long[l][i] = g.long[l][i] || long
				}
				reach[i] |= 1 << l
			}
		}
	}
	// The keyword that ends the token, after openers; or, without one,
	// two openers or more. Every reading found must be the same.
	g.ends = g.ends[:0]
	found := false
	try := func(l, j int) bool {
		if g.ways[l][j] > 1 {
			return false
		}
		g.other = g.path(l, j, n, g.other[:0])
		if found && !slices.Equal(g.other, g.ends) {
			return false
		}
		if !found {
			g.ends = append(g.ends[:0], g.other...)
			found = true
		}
		return true
	}
	for j := max(1, n-gluedMaxPart); j <= n-gluedMinKeyword; j++ {
		if reach[j] == 0 {
			continue
		}
		last := m.glued[w[j:]].keyword & reach[j]
		for l := 0; l < nl; l++ {
			if last&(1<<l) != 0 && g.long[l][j] && !try(l, j) {
				return nil
			}
		}
	}
	for l := 0; l < nl; l++ {
		if reach[n]&(1<<l) != 0 && g.parts[l][n] >= 2 && g.long[l][n] && g.openersOnly(w, l, n) {
			// path reads the last opener as the part after j.
			if !try(l, int(g.prev[l][n])) {
				return nil
			}
		}
	}
	if !found {
		return nil
	}
	return g.ends
}

// openersOnly reports whether the openers of language l that read w[:n]
// may be read without a keyword: none of one letter ("london" is not "l
// on d on") and none twice in a row ("nounou", "papa", "semsem").
func (g *gluedScratch) openersOnly(w string, l, n int) bool {
	last := ""
	for j := n; j > 0; {
		i := int(g.prev[l][j])
		if j-i < 2 || w[i:j] == last {
			return false
		}
		last, j = w[i:j], i
	}
	return true
}

// path appends to dst the ends of the openers of language l that read
// w[:j], then n.
func (g *gluedScratch) path(l, j, n int, dst []int) []int {
	start := len(dst)
	dst = append(dst, n)
	for j > 0 {
		dst = append(dst, j)
		j = int(g.prev[l][j])
	}
	slices.Reverse(dst[start:])
	return dst
}

// isLetters reports whether s is made of ASCII letters only.
func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
