package classify_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// Readings are messages written as residents write them, each with what
// the classifier must make of it, kept in classify/testdata/readings/
// (one file per behaviour; README.md there describes the format). A line
// reads
//
//	lang expectation[; expectation...] | text
//
// lang is the language the text is written in; each expectation is one of
// the kinds of readingKinds, most with categories as arguments (a comma
// between categories means any of them). TestReadings checks every line;
// a failure names the file and line.

// reading is one line of a readings file.
type reading struct {
	file string
	line int
	lang string
	text string
	// expect are the line's expectations, each a kind and its arguments.
	expect [][]string
}

// where is the reading's file and line, as failures name it.
func (rd reading) where() string { return fmt.Sprintf("%s:%d", rd.file, rd.line) }

// readingKind checks one kind of expectation; args are the categories
// (or, for lang, the words) after the kind's name.
type readingKind struct {
	// args is what follows the kind's name: noArgs, oneCategory,
	// categories (one or more, a comma between them), or langArgs.
	args  argShape
	check func(w *readingWorld, t *testing.T, rd reading, args []string) error
}

// argShape is what a kind of expectation takes after its name.
type argShape int

const (
	noArgs      argShape = iota
	oneCategory          // one category
	categories           // one or more, "a,b"
	langArgs             // nothing, or "default xx"
)

// readingKinds are the expectations a readings line may hold.
var readingKinds = map[string]readingKind{
	// file A,B: filed (Result.Main confident) as one of the categories.
	"file": {categories, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		r := w.classify(rd.text)
		if cat, ok := r.Main(); !ok || !slices.Contains(cats, cat) {
			return fmt.Errorf("Main() = %s, %v; want filed as %s (needs %v)", cat, ok, strings.Join(cats, " or "), r.Needs)
		}
		return nil
	}},
	// ask: not filed and not refused: the category menu or the place
	// question asks.
	"ask": {noArgs, func(w *readingWorld, t *testing.T, rd reading, _ []string) error {
		return asked(w.classify(rd.text))
	}},
	// ask-first A,B: asked (as ask) with one of the categories first among
	// the candidates offered.
	"ask-first": {categories, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		r := w.classify(rd.text)
		if err := asked(r); err != nil {
			return err
		}
		if cs := r.Candidates(1); len(cs) == 0 || !slices.Contains(cats, cs[0].Category) {
			return fmt.Errorf("asked with candidates %v; want %s first (needs %v)", r.Candidates(3), strings.Join(cats, " or "), r.Needs)
		}
		return nil
	}},
	// offer A,B: filed as one of the categories, or asked with one of them
	// among the needs or the menu's first three candidates; never filed as
	// anything else.
	"offer": {categories, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		return offers(w.classify(rd.text), cats)
	}},
	// plain A: a plain message about A in ordinary words of its language:
	// offered as offer A, its own language's keywords read A, and no
	// other language's keyword reads a need they do not.
	"plain": {oneCategory, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		if err := offers(w.classify(rd.text), cats); err != nil {
			return err
		}
		ownIDs := matchedIDs(w.ownLanguage(t, rd.lang), rd.text)
		if !slices.Contains(ownIDs, cats[0]) {
			return fmt.Errorf("no %s keyword of %s found (all keywords: %v)", rd.lang, cats[0], w.matcher.MatchAll(rd.text))
		}
		mine := append(ownIDs, classify.OtherCategory)
		for _, m := range w.matcher.MatchAll(rd.text) {
			if !slices.Contains(mine, m.Category) {
				return fmt.Errorf("the %s keyword %q (%s) reads %q, a false friend", m.Lang, m.Keyword, m.Category, rd.text[m.Start:m.End])
			}
		}
		return nil
	}},
	// none: not filed (asked, or refused).
	"none": {noArgs, func(w *readingWorld, t *testing.T, rd reading, _ []string) error {
		r := w.classify(rd.text)
		if cat, ok := r.Main(); ok {
			return fmt.Errorf("filed as %s (needs %v); want not filed", cat, r.Needs)
		}
		return nil
	}},
	// refuse: answered "not understood" (Result.Refuse).
	"refuse": {noArgs, func(w *readingWorld, t *testing.T, rd reading, _ []string) error {
		if r := w.classify(rd.text); !r.Refuse() {
			cat, ok := r.Main()
			return fmt.Errorf("not refused (relevance %.2f, Main() = %s, %v, needs %v)", r.Relevance, cat, ok, r.Needs)
		}
		return nil
	}},
	// not A: A neither filed nor among the needs.
	"not": {categories, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		r := w.classify(rd.text)
		for _, cat := range cats {
			if filed, ok := r.Main(); ok && filed == cat {
				return fmt.Errorf("filed as %s (needs %v)", cat, r.Needs)
			}
			if slices.Contains(needIDs(r), cat) {
				return fmt.Errorf("lists %s (needs %v, keywords %v)", cat, r.Needs, r.Keywords)
			}
		}
		return nil
	}},
	// lists A: A among the needs (whatever is filed).
	"lists": {categories, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		r := w.classify(rd.text)
		for _, cat := range cats {
			if !slices.Contains(needIDs(r), cat) {
				return fmt.Errorf("needs %v; want %s among them", r.Needs, cat)
			}
		}
		return nil
	}},
	// only A: A is the only need.
	"only": {oneCategory, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		if r := w.classify(rd.text); !slices.Equal(needIDs(r), cats) {
			return fmt.Errorf("needs %v; want %s alone", r.Needs, cats[0])
		}
		return nil
	}},
	// first A,B: one of the categories is the first need.
	"first": {categories, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		if r := w.classify(rd.text); len(r.Needs) == 0 || !slices.Contains(cats, r.Needs[0].Category) {
			return fmt.Errorf("needs %v; want %s first", r.Needs, strings.Join(cats, " or "))
		}
		return nil
	}},
	// top A: A is what the message is read as first: filed as A, else
	// A the first need, else (no need sure enough) the menu's first
	// candidate.
	"top": {oneCategory, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		r := w.classify(rd.text)
		cat, filed := r.Main()
		switch {
		case filed && cat != cats[0]:
			return fmt.Errorf("filed as %s (needs %v); want %s", cat, r.Needs, cats[0])
		case filed:
		case len(r.Needs) > 0:
			if r.Needs[0].Category != cats[0] {
				return fmt.Errorf("needs %v; want %s first", r.Needs, cats[0])
			}
		default:
			if cs := r.Candidates(1); len(cs) == 0 || cs[0].Category != cats[0] {
				return fmt.Errorf("no need, candidates %v; want %s first", cs, cats[0])
			}
		}
		return nil
	}},
	// second A: A is the second need, and the menu's second candidate.
	"second": {oneCategory, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		r := w.classify(rd.text)
		if len(r.Needs) < 2 || r.Needs[1].Category != cats[0] {
			return fmt.Errorf("needs %v; want %s second", r.Needs, cats[0])
		}
		if cs := r.Candidates(3); len(cs) < 2 || cs[1].Category != cats[0] {
			return fmt.Errorf("candidates %v; want %s second", cs, cats[0])
		}
		return nil
	}},
	// no-need: nothing filed and no need listed but "other" (a request
	// naming none).
	"no-need": {noArgs, func(w *readingWorld, t *testing.T, rd reading, _ []string) error {
		r := w.classify(rd.text)
		if cat, ok := r.Main(); ok {
			return fmt.Errorf("filed as %s (needs %v); want no need", cat, r.Needs)
		}
		for _, n := range r.Needs {
			if n.Category != classify.OtherCategory {
				return fmt.Errorf("needs %v; want no need", r.Needs)
			}
		}
		return nil
	}},
	// met A: A told as had, received, not needed, over or back
	// (Result.Met), and not among the needs.
	"met": {categories, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		r := w.classify(rd.text)
		for _, cat := range cats {
			if slices.Contains(needIDs(r), cat) || !slices.Contains(r.Met, cat) {
				return fmt.Errorf("needs %v, met %v; want %s met", r.Needs, r.Met, cat)
			}
		}
		return nil
	}},
	// need A: A among the needs and not met.
	"need": {categories, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		r := w.classify(rd.text)
		for _, cat := range cats {
			if !slices.Contains(needIDs(r), cat) || slices.Contains(r.Met, cat) {
				return fmt.Errorf("needs %v, met %v; want %s needed", r.Needs, r.Met, cat)
			}
		}
		return nil
	}},
	// reads A: the keyword matcher reads A in the text.
	"reads": {categories, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		for _, cat := range cats {
			if !slices.Contains(matchedIDs(w.matcher, rd.text), cat) {
				return fmt.Errorf("keywords read %v; want %s among them", w.matcher.MatchAll(rd.text), cat)
			}
		}
		return nil
	}},
	// other-sense A: a keyword of A means something else here (a phrase
	// of the taxonomy's other senses): neither the keywords nor the
	// classifier read A, the message is not refused, and without the
	// other senses A would be read (else the line shows nothing).
	// TestReadingsOtherSensesEachTested wants a line for every phrase.
	"other-sense": {oneCategory, func(w *readingWorld, t *testing.T, rd reading, cats []string) error {
		cat := cats[0]
		if !slices.Contains(matchedIDs(w.bare(t), rd.text), cat) && !slices.Contains(matchedIDs(w.ownless(t, cat), rd.text), cat) {
			return fmt.Errorf("%s is not read without the other senses either: the line shows nothing", cat)
		}
		if slices.Contains(matchedIDs(w.matcher, rd.text), cat) {
			return fmt.Errorf("keywords read %s (%v)", cat, w.matcher.MatchAll(rd.text))
		}
		r := w.classify(rd.text)
		if slices.Contains(needIDs(r), cat) {
			return fmt.Errorf("needs %v list %s", r.Needs, cat)
		}
		if r.Refuse() {
			return fmt.Errorf("refused; a keyword in another sense still says something")
		}
		return nil
	}},
	// lang [default D]: DetectLanguage tells the line's language, with D
	// (else "xx", no language) as the deployment's default.
	"lang": {langArgs, func(w *readingWorld, t *testing.T, rd reading, args []string) error {
		def := "xx"
		if len(args) == 2 {
			def = args[1]
		}
		if got := w.matcher.DetectLanguage(rd.text, def); got != rd.lang {
			return fmt.Errorf("DetectLanguage(%q) = %s; want %s", def, got, rd.lang)
		}
		return nil
	}},
}

// asked fails unless r is neither filed nor refused.
func asked(r classify.Result) error {
	if cat, ok := r.Main(); ok {
		return fmt.Errorf("filed as %s (needs %v); want asked", cat, r.Needs)
	}
	if r.Refuse() {
		return fmt.Errorf("refused (relevance %.2f); want asked", r.Relevance)
	}
	return nil
}

// offers fails unless r files one of cats, or asks with one of them among
// its needs or its first three candidates.
func offers(r classify.Result, cats []string) error {
	if cat, ok := r.Main(); ok {
		if !slices.Contains(cats, cat) {
			return fmt.Errorf("filed as %s (needs %v); want %s", cat, r.Needs, strings.Join(cats, " or "))
		}
		return nil
	}
	if r.Refuse() {
		return fmt.Errorf("refused (relevance %.2f); want %s offered", r.Relevance, strings.Join(cats, " or "))
	}
	for _, n := range slices.Concat(r.Needs, r.Candidates(3)) {
		if slices.Contains(cats, n.Category) {
			return nil
		}
	}
	return fmt.Errorf("asked without %s among needs %v or candidates %v", strings.Join(cats, " or "), r.Needs, r.Candidates(3))
}

// readingWorld is what the checks read with: the built-in taxonomy's
// classifier and matchers, built once and shared by every line.
type readingWorld struct {
	classifier *classify.Classifier
	matcher    *classify.KeywordMatcher

	mu      sync.Mutex
	results map[string]classify.Result
	byLang  map[string]*classify.KeywordMatcher
	noSense *classify.KeywordMatcher
	byCat   map[string]*classify.KeywordMatcher
}

// newReadingWorld builds the built-in taxonomy's classifier; the other
// matchers are built when a line first needs them.
func newReadingWorld() *readingWorld {
	c := classify.New(data.DefaultTaxonomy())
	return &readingWorld{
		classifier: c, matcher: c.Keywords(),
		results: map[string]classify.Result{},
		byLang:  map[string]*classify.KeywordMatcher{},
		byCat:   map[string]*classify.KeywordMatcher{},
	}
}

// classify classifies text once, however many expectations read it.
func (w *readingWorld) classify(text string) classify.Result {
	w.mu.Lock()
	defer w.mu.Unlock()
	r, ok := w.results[text]
	if !ok {
		r = w.classifier.Classify(text)
		w.results[text] = r
	}
	return r
}

// ownLanguage is a matcher with only lang's keywords and other senses.
func (w *readingWorld) ownLanguage(t *testing.T, lang string) *classify.KeywordMatcher {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.byLang[lang] == nil {
		w.byLang[lang] = classify.NewKeywordMatcher(taxonomyKeywords(t, func(l string) bool { return l == lang }))
	}
	return w.byLang[lang]
}

// bare is a matcher without any category's other senses.
func (w *readingWorld) bare(t *testing.T) *classify.KeywordMatcher {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.noSense == nil {
		w.noSense = classify.NewKeywordMatcher(withoutOtherSenses(t, "", "", ""))
	}
	return w.noSense
}

// ownless is a matcher without the other senses of cat alone: a phrase
// may unread a keyword that another category's keyword hides when no
// phrase is read ("dead man walking": medical "dead" under human remains
// "dead man").
func (w *readingWorld) ownless(t *testing.T, cat string) *classify.KeywordMatcher {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.byCat[cat] == nil {
		w.byCat[cat] = classify.NewKeywordMatcher(withoutSensesOf(t, cat))
	}
	return w.byCat[cat]
}

// readingsDir holds the readings files.
const readingsDir = "testdata/readings"

// loadReadings reads every readings file, failing the test on a line it
// cannot read: an unknown kind, category or language, a wrong number of
// arguments, a text missing.
func loadReadings(t *testing.T) []reading {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(readingsDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no readings files in %s (%v)", readingsDir, err)
	}
	tax := data.DefaultTaxonomy()
	cats := append(tax.IDs(), classify.OtherCategory)
	var all []reading
	for _, path := range files {
		rds, err := parseReadings(path, cats, tax.LabelLanguages())
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, rds...)
	}
	return all
}

// parseReadings reads one readings file; cats and langs are the names a
// line may use.
func parseReadings(path string, cats, langs []string) ([]reading, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("readings: %w", err)
	}
	defer f.Close()
	var rds []reading
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rd, err := parseReading(line, cats, langs)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", filepath.Base(path), n, err)
		}
		rd.file, rd.line = filepath.Base(path), n
		rds = append(rds, rd)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("readings %s: %w", path, err)
	}
	return rds, nil
}

// parseReading reads "lang expectation; expectation | text".
func parseReading(line string, cats, langs []string) (reading, error) {
	head, text, ok := strings.Cut(line, " | ")
	text = strings.TrimSpace(text)
	if !ok || text == "" {
		return reading{}, fmt.Errorf("no \" | text\" after the expectations")
	}
	lang, expects, _ := strings.Cut(strings.TrimSpace(head), " ")
	if !slices.Contains(langs, lang) {
		return reading{}, fmt.Errorf("language %q is not one of the taxonomy's %v", lang, langs)
	}
	rd := reading{lang: lang, text: text}
	for _, e := range strings.Split(expects, ";") {
		fields := strings.Fields(e)
		if len(fields) == 0 {
			return reading{}, fmt.Errorf("an empty expectation")
		}
		kind, ok := readingKinds[fields[0]]
		if !ok {
			return reading{}, fmt.Errorf("unknown expectation %q", fields[0])
		}
		args := fields[1:]
		switch kind.args {
		case langArgs:
			if len(args) != 0 && (len(args) != 2 || args[0] != "default") {
				return reading{}, fmt.Errorf("lang takes nothing or \"default xx\", not %q", strings.Join(args, " "))
			}
		case noArgs:
			if len(args) != 0 {
				return reading{}, fmt.Errorf("%s takes no argument, not %q", fields[0], strings.Join(args, " "))
			}
		default:
			if len(args) != 1 {
				return reading{}, fmt.Errorf("%s takes one argument, not %q", fields[0], strings.Join(args, " "))
			}
			args = strings.Split(args[0], ",")
			if kind.args == oneCategory && len(args) != 1 {
				return reading{}, fmt.Errorf("%s takes one category, not %q", fields[0], fields[1])
			}
			for _, c := range args {
				if !slices.Contains(cats, c) {
					return reading{}, fmt.Errorf("%s: unknown category %q", fields[0], c)
				}
			}
		}
		rd.expect = append(rd.expect, append([]string{fields[0]}, args...))
	}
	return rd, nil
}

// TestReadings checks every line of the readings files, a subtest per
// file (go test -run TestReadings/denied).
func TestReadings(t *testing.T) {
	w := newReadingWorld()
	byFile := map[string][]reading{}
	var files []string
	for _, rd := range loadReadings(t) {
		if byFile[rd.file] == nil {
			files = append(files, rd.file)
		}
		byFile[rd.file] = append(byFile[rd.file], rd)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(file, ".txt"), func(t *testing.T) {
			for _, rd := range byFile[file] {
				for _, e := range rd.expect {
					if err := readingKinds[e[0]].check(w, t, rd, e[1:]); err != nil {
						t.Errorf("%s: [%s] %q: %s: %v", rd.where(), rd.lang, rd.text, strings.Join(e, " "), err)
					}
				}
			}
		})
	}
}

// TestReadingsNoRepeats: a line is written once in all the readings files
// (readings branches merge as unions, which would keep both copies).
func TestReadingsNoRepeats(t *testing.T) {
	first := map[string]reading{}
	for _, rd := range loadReadings(t) {
		key := fmt.Sprint(rd.lang, rd.expect, rd.text)
		if prev, ok := first[key]; ok {
			t.Errorf("%s repeats %s: %q", rd.where(), prev.where(), rd.text)
			continue
		}
		first[key] = rd
	}
}

// TestReadingsOtherSensesEachTested: every phrase of other senses of the
// built-in taxonomy, alone, changes what the matcher reads in one of the
// other-sense lines of its category: each phrase has its case.
func TestReadingsOtherSensesEachTested(t *testing.T) {
	var senses []reading
	for _, rd := range loadReadings(t) {
		if slices.ContainsFunc(rd.expect, func(e []string) bool { return e[0] == "other-sense" }) {
			senses = append(senses, rd)
		}
	}
	bare := classify.NewKeywordMatcher(withoutOtherSenses(t, "", "", ""))
	for _, cat := range data.DefaultTaxonomy().Categories {
		for lang, phrases := range cat.OtherSenses {
			for _, phrase := range phrases {
				m := classify.NewKeywordMatcher(withoutOtherSenses(t, cat.ID, lang, phrase))
				tested := slices.ContainsFunc(senses, func(rd reading) bool {
					return slices.ContainsFunc(rd.expect, func(e []string) bool { return e[0] == "other-sense" && e[1] == cat.ID }) &&
						!slices.Equal(m.Evidence(rd.text), bare.Evidence(rd.text))
				})
				if !tested {
					t.Errorf("%s, %s: no other-sense line is read differently with %q", cat.ID, lang, phrase)
				}
			}
		}
	}
}

// TestReadingsEveryNeedPlain: every need of the taxonomy has a plain
// message in each of the six first languages.
func TestReadingsEveryNeedPlain(t *testing.T) {
	plain := map[string]bool{}
	for _, rd := range loadReadings(t) {
		for _, e := range rd.expect {
			if e[0] == "plain" {
				plain[rd.lang+"/"+e[1]] = true
			}
		}
	}
	for _, lang := range []string{"en", "fr", "sw", "pt", "es", "ht"} {
		for _, id := range data.DefaultTaxonomy().IDs() {
			if !plain[lang+"/"+id] {
				t.Errorf("no plain %s message of %s", lang, id)
			}
		}
	}
}

// TestParseReadingErrors: a line the format does not allow is refused
// with a message naming what is wrong, so a typo in a category cannot make
// a line check nothing.
func TestParseReadingErrors(t *testing.T) {
	cats, langs := []string{"food", "water_supply"}, []string{"en", "fr"}
	for _, tt := range []struct{ line, want string }{
		{"en file food", "no \" | text\""},
		{"en file food | ", "no \" | text\""},
		{"de file food | Essen", "language \"de\""},
		{"en fill food | we need food", "unknown expectation \"fill\""},
		{"en file fod | we need food", "unknown category \"fod\""},
		{"en file | we need food", "file takes one argument"},
		{"en ask food | we need food", "ask takes no argument"},
		{"en only food,water_supply | we need food", "only takes one category"},
		{"en file food;; | we need food", "an empty expectation"},
		{"en lang fr | bonjour", "lang takes nothing or \"default xx\""},
	} {
		_, err := parseReading(tt.line, cats, langs)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parseReading(%q) = %v; want an error with %q", tt.line, err, tt.want)
		}
	}
	rd, err := parseReading("fr file food,water_supply; not food | on a faim | vraiment", cats, langs)
	if err != nil || rd.lang != "fr" || rd.text != "on a faim | vraiment" || len(rd.expect) != 2 || !slices.Equal(rd.expect[0], []string{"file", "food", "water_supply"}) {
		t.Errorf("parseReading: %+v, %v", rd, err)
	}
}
