package data

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/mtaa-project/mtaa/text"
)

//go:embed taxonomy.json
var defaultTaxonomyJSON []byte

// DefaultTaxonomyJSON returns the built-in taxonomy file, a starting point
// for a city's own edited copy.
func DefaultTaxonomyJSON() []byte { return append([]byte(nil), defaultTaxonomyJSON...) }

// Severity levels run from 1 (nuisance) to 5 (life-threatening).
const (
	MinSeverity = 1
	MaxSeverity = 5
)

// Category is one kind of report, e.g. "flood" or "water_supply".
type Category struct {
	ID       string `json:"id"`
	Severity int    `json:"severity"`
	// Hazard marks categories that describe a physical danger; they feed the
	// risk layer.
	Hazard bool `json:"hazard"`
	// Sensitive categories (e.g. security) are generalised in public exports.
	Sensitive bool `json:"sensitive,omitempty"`
	// Labels maps a language code (en, fr, sw, …) to a display label.
	Labels map[string]string `json:"labels"`
	// Menu maps a language code to a short label for the SMS category
	// menu ("Water" for "Water supply", "Agua" for "Suministro de
	// agua"), so that the menu keeps the place understood and several
	// categories within one SMS; a language without one shows its label.
	// Optional, like the labels editable in a city's copy.
	Menu map[string]string `json:"menu,omitempty"`
	// Keywords maps a language code (en, fr, sw, pt, es, ht, …) to the words
	// and phrases residents text for this category: synonyms, plurals,
	// misspellings and SMS spellings, e.g. "mafuriko" or "caniveau bouché".
	// Matching folds case, accents and punctuation (see text.Fold),
	// and no folded keyword may belong to two categories. A keyword may
	// hold one gap, "…" or "...", between two parts that may be a few
	// words apart in one clause ("mur … tombé" reads "le mur de l'école
	// est tombé"; see KeywordWords). A nil map means the category is
	// never recognised in message text.
	Keywords map[string][]string `json:"keywords,omitempty"`
	// OtherSenses maps a keyword language to phrases in which the
	// category's keywords mean something else: "flood of people", "power
	// of prayer", Creole "dlo nan je" (tears, water in the eyes). A
	// keyword of this category read inside the words of such a phrase
	// is not read; other categories' keywords in it still are. A phrase
	// is written like a keyword (see KeywordWords: folded, one gap at
	// most), holds one of the category's keywords of its language as
	// written (or with a plural ending), and is not that keyword alone.
	OtherSenses map[string][]string `json:"other_senses,omitempty"`
}

// Label returns the category's label in lang, falling back to English and
// then to the first label in language order; it is "" only for a category
// without labels.
func (c *Category) Label(lang string) string {
	if l := c.Labels[lang]; l != "" {
		return l
	}
	if l := c.Labels["en"]; l != "" {
		return l
	}
	langs := make([]string, 0, len(c.Labels))
	for l := range c.Labels {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		if c.Labels[l] != "" {
			return c.Labels[l]
		}
	}
	return ""
}

// LabelLanguages are the languages the taxonomy names its categories in:
// Languages (every category has a label in each), then, sorted, every
// other language at least one category has a label in (a category
// without one is named by Label's fallback).
func (t *Taxonomy) LabelLanguages() []string {
	out := slices.Clone(t.Languages)
	var extra []string
	for _, c := range t.Categories {
		for l, v := range c.Labels {
			if v != "" && !slices.Contains(out, l) && !slices.Contains(extra, l) {
				extra = append(extra, l)
			}
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}

// Taxonomy is the editable list of report categories.
type Taxonomy struct {
	Version int `json:"version"`
	// Languages are the label languages: every category needs a label in
	// each of them.
	Languages []string `json:"languages"`
	// KeywordLanguages are the languages keywords may be given in; empty
	// means Languages.
	KeywordLanguages []string   `json:"keyword_languages,omitempty"`
	Categories       []Category `json:"categories"`

	byID map[string]*Category
}

var (
	categoryIDPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)
	langCodePattern   = regexp.MustCompile(`^[a-z]{2,3}$`)
)

// ParseTaxonomy reads and validates a taxonomy file. Every category needs an
// id of lowercase letters, digits and underscores, a severity from 1 to 5,
// and a label in each of the file's languages. Keywords must be in one of
// the keyword languages and not be blank, a keyword's gap (KeywordGap)
// needs a word on each side and is its only one, and no keyword may
// belong to two categories once folded by text.Fold; keyword problems
// are reported as a wrapped *ValidationError naming the category and
// language. Phrases of other senses (Category.OtherSenses) are checked
// alike, and each must hold a keyword of its category and language and
// be more than that keyword.
func ParseTaxonomy(r io.Reader) (*Taxonomy, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var t Taxonomy
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("parse taxonomy: %w", err)
	}
	if t.Version != 1 {
		return nil, fmt.Errorf("parse taxonomy: unsupported version %d (want 1)", t.Version)
	}
	if len(t.Categories) == 0 {
		return nil, fmt.Errorf("parse taxonomy: no categories")
	}
	if len(t.Languages) == 0 {
		return nil, fmt.Errorf("parse taxonomy: no languages")
	}
	t.byID = make(map[string]*Category, len(t.Categories))
	for i := range t.Categories {
		c := &t.Categories[i]
		if !categoryIDPattern.MatchString(c.ID) {
			return nil, fmt.Errorf("parse taxonomy: category %d: id %q must match %s", i+1, c.ID, categoryIDPattern)
		}
		if _, dup := t.byID[c.ID]; dup {
			return nil, fmt.Errorf("parse taxonomy: category %q defined twice", c.ID)
		}
		if c.Severity < MinSeverity || c.Severity > MaxSeverity {
			return nil, fmt.Errorf("parse taxonomy: category %q: severity %d not in %d..%d", c.ID, c.Severity, MinSeverity, MaxSeverity)
		}
		for _, lang := range t.Languages {
			if c.Labels[lang] == "" {
				return nil, fmt.Errorf("parse taxonomy: category %q: no %q label", c.ID, lang)
			}
		}
		for lang, l := range c.Menu {
			if !langCodePattern.MatchString(lang) || strings.TrimSpace(l) == "" {
				return nil, fmt.Errorf("parse taxonomy: category %q: menu label %q: %q must be a language code and the label not blank", c.ID, l, lang)
			}
		}
		t.byID[c.ID] = c
	}
	if err := t.validateKeywords(); err != nil {
		return nil, fmt.Errorf("parse taxonomy: %w", err)
	}
	if err := t.validateOtherSenses(); err != nil {
		return nil, fmt.Errorf("parse taxonomy: %w", err)
	}
	return &t, nil
}

// keywordOwner is the first category that claimed a folded keyword.
type keywordOwner struct {
	category, lang, keyword string
}

// keywordLanguages returns the languages keywords may be given in
// (KeywordLanguages, else Languages), checked.
func (t *Taxonomy) keywordLanguages() ([]string, error) {
	known := t.KeywordLanguages
	if len(known) == 0 {
		known = t.Languages
	}
	isKnown := make(map[string]bool, len(known))
	for _, l := range known {
		if !langCodePattern.MatchString(l) {
			return nil, invalid("keyword_languages", "language code %q must be 2 or 3 lowercase letters", l)
		}
		if isKnown[l] {
			return nil, invalid("keyword_languages", "language %q listed twice", l)
		}
		isKnown[l] = true
	}
	return known, nil
}

// sortedLangs returns the languages of a keywords or other senses map,
// sorted so that the reported problem is stable.
func sortedLangs(byLang map[string][]string) []string {
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	return langs
}

// validateKeywords checks keyword languages, blank keywords and keywords
// claimed by two categories. Categories are visited in file order and
// languages in sorted order so that the reported collision is stable.
func (t *Taxonomy) validateKeywords() error {
	owners := make(map[string]keywordOwner)
	return t.eachLanguageList("keywords", func(c Category) map[string][]string { return c.Keywords },
		func(c Category, l, field string, keywords []string) error {
			for _, kw := range keywords {
				words, gap, problem := KeywordWords(kw)
				if problem != "" {
					return invalid(field, "keyword %q %s", kw, problem)
				}
				folded := KeywordKey(words, gap)
				prev, taken := owners[folded]
				if taken && prev.category != c.ID {
					return invalid(field, "keyword %q collides with %q (%s) of category %q: both fold to %q",
						kw, prev.keyword, prev.lang, prev.category, folded)
				}
				if !taken {
					owners[folded] = keywordOwner{category: c.ID, lang: l, keyword: kw}
				}
			}
			return nil
		})
}

// eachLanguageList calls check with every list of words per language of
// every category that lists picks (its keywords, its other senses),
// categories in file order and languages in sorted order, after checking
// that the language is a keyword language. field names the list in an
// error ("categories.flood.keywords.fr").
func (t *Taxonomy) eachLanguageList(name string, lists func(Category) map[string][]string,
	check func(c Category, lang, field string, list []string) error) error {
	known, err := t.keywordLanguages()
	if err != nil {
		return err
	}
	for _, c := range t.Categories {
		byLang := lists(c)
		for _, l := range sortedLangs(byLang) {
			field := "categories." + c.ID + "." + name + "." + l
			if !slices.Contains(known, l) {
				return invalid(field, "language %q is not one of the keyword languages %v", l, known)
			}
			if err := check(c, l, field, byLang[l]); err != nil {
				return err
			}
		}
	}
	return nil
}

// validateOtherSenses checks the phrases of other senses of every
// category (Category.OtherSenses): in a keyword language, written like a
// keyword, and holding one of the category's keywords of that language
// (as written, or with a plural ending) with more words than it: a
// phrase that is the keyword alone would unread it everywhere (remove
// the keyword instead).
func (t *Taxonomy) validateOtherSenses() error {
	return t.eachLanguageList("other_senses", func(c Category) map[string][]string { return c.OtherSenses },
		func(c Category, l, field string, phrases []string) error {
			for _, phrase := range phrases {
				if err := c.checkOtherSense(l, field, phrase); err != nil {
					return err
				}
			}
			return nil
		})
}

// checkOtherSense checks one phrase of c's other senses in language l:
// written like a keyword, and holding one of c's keywords of l with more
// words than it.
func (c Category) checkOtherSense(l, field, phrase string) error {
	words, gap, problem := KeywordWords(phrase)
	if problem != "" {
		return invalid(field, "phrase %q %s", phrase, problem)
	}
	held, alone := false, ""
	for _, kw := range c.Keywords[l] {
		kwWords, kwGap, problem := KeywordWords(kw)
		if problem != "" || !holdsKeyword(words, gap, kwWords, kwGap) {
			continue
		}
		if len(kwWords) == len(words) {
			alone = kw
			continue
		}
		held = true
		break
	}
	switch {
	case !held && alone != "":
		return invalid(field, "phrase %q is no more than the %s keyword %q of category %q: it would unread it everywhere (remove the keyword instead)",
			phrase, l, alone, c.ID)
	case !held:
		return invalid(field, "phrase %q holds none of the %s keywords of category %q (as written, or in its plural or singular): it would unread nothing",
			phrase, l, c.ID)
	}
	return nil
}

// holdsKeyword reports whether a phrase of words with gap (KeywordWords)
// holds the keyword of kwWords with kwGap: its words side by side in one
// part of the phrase, or for a keyword with a gap its two parts in their
// order. A phrase's word may be the keyword's with a plural ending (-s,
// -x, -es), or its singular: "armes à feu", "morts de faim" hold "feu"
// and "mort", "every body" holds "bodies".
func holdsKeyword(words []string, gap int, kwWords []string, kwGap int) bool {
	parts := [][]string{words}
	if gap > 0 {
		parts = [][]string{words[:gap], words[gap:]}
	}
	if kwGap == 0 {
		return slices.ContainsFunc(parts, func(p []string) bool { return indexWords(p, kwWords) >= 0 })
	}
	first := indexWords(words, kwWords[:kwGap])
	return first >= 0 && indexWords(words[first+kwGap:], kwWords[kwGap:]) >= 0
}

// indexWords returns the index of the first run of sub in words (each
// word as written, with a plural ending, or the singular of a plural
// keyword word: the matcher reads "body" as "bodies"), or -1.
func indexWords(words, sub []string) int {
	plural := func(long, short string) bool {
		rest, ok := strings.CutPrefix(long, short)
		return ok && (rest == "" || rest == "s" || rest == "x" || rest == "es") ||
			strings.HasSuffix(short, "y") && long == short[:len(short)-1]+"ies"
	}
	for i := 0; i+len(sub) <= len(words); i++ {
		if slices.EqualFunc(words[i:i+len(sub)], sub, func(w, kw string) bool {
			return plural(w, kw) || plural(kw, w)
		}) {
			return i
		}
	}
	return -1
}

// KeywordGap is the mark between the two parts of a keyword whose parts
// may be a few words apart ("mur … tombé"); three dots ("mur ... tombé")
// are read the same.
const KeywordGap = "…"

// KeywordWords returns the words of keyword kw folded by text.Fold and,
// for a keyword with a gap ("mur … tombé"), the index of its first word
// after the gap (0 without one). problem is "" for a keyword, else why kw
// is none: blank once folded, a gap without a word on each side, or more
// than one gap (ParseTaxonomy rejects those).
func KeywordWords(kw string) (words []string, gap int, problem string) {
	parts := strings.Split(strings.ReplaceAll(kw, "...", KeywordGap), KeywordGap)
	if len(parts) > 2 {
		return nil, 0, "has more than one gap (…)"
	}
	for i, p := range parts {
		folded := strings.Fields(text.Fold(p))
		if len(folded) == 0 {
			if len(parts) == 1 {
				return nil, 0, "is blank once punctuation is removed"
			}
			return nil, 0, "needs a word on each side of its gap (…)"
		}
		if i == 1 {
			gap = len(words)
		}
		words = append(words, folded...)
	}
	return words, gap, ""
}

// KeywordKey is the form of a keyword of words and gap (KeywordWords) that
// two keywords must not share across categories: its folded words, its
// gap kept as " … " ("mur … tombé" and "mur tombé" differ).
func KeywordKey(words []string, gap int) string {
	if gap == 0 {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:gap], " ") + " " + KeywordGap + " " + strings.Join(words[gap:], " ")
}

// LoadTaxonomy reads a taxonomy file from disk; an empty path means the
// built-in default.
func LoadTaxonomy(path string) (*Taxonomy, error) {
	if path == "" {
		return DefaultTaxonomy(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load taxonomy: %w", err)
	}
	defer f.Close()
	t, err := ParseTaxonomy(f)
	if err != nil {
		return nil, fmt.Errorf("load taxonomy %s: %w", path, err)
	}
	return t, nil
}

// DefaultTaxonomy returns the built-in taxonomy: daily city life and
// disasters, labelled in English, French and Swahili.
func DefaultTaxonomy() *Taxonomy {
	t, err := ParseTaxonomy(bytes.NewReader(defaultTaxonomyJSON))
	if err != nil {
		// The embedded file is tested; reaching this is a build defect.
		panic("data: built-in taxonomy is invalid: " + err.Error())
	}
	return t
}

// Category returns the category with the given id, or nil if there is none.
func (t *Taxonomy) Category(id string) *Category { return t.byID[id] }

// IDs returns every category id in file order.
func (t *Taxonomy) IDs() []string {
	ids := make([]string, len(t.Categories))
	for i, c := range t.Categories {
		ids[i] = c.ID
	}
	return ids
}
