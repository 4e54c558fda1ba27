package reportimport

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// minKeywordConfidence is the lowest keyword-match confidence accepted for
// a category label. Below it the SMS matcher's fuzzy guesses go wrong on
// short labels ("Bloquage de route" is not "braquage", security).
const minKeywordConfidence = 0.8

// maxMatchedLabelBytes bounds the labels given to the keyword matcher:
// category labels are short, and the matcher's fuzzy search grows fast
// with the length of a word.
const maxMatchedLabelBytes = 100

// categoryResolver turns source category labels into an mtaa category id.
type categoryResolver struct {
	tax     *data.Taxonomy
	mapping *Mapping
	// byName maps folded category ids and labels (every language) to ids.
	byName  map[string]string
	matcher *classify.KeywordMatcher
	// maxJoin is the most comma-separated pieces a mapped label spans.
	maxJoin int
}

func newCategoryResolver(tax *data.Taxonomy, m *Mapping) *categoryResolver {
	r := &categoryResolver{tax: tax, mapping: m, byName: map[string]string{}, matcher: classify.NewKeywordMatcher(tax), maxJoin: 1}
	for _, n := range m.commas {
		r.maxJoin = max(r.maxJoin, n+1)
	}
	for _, c := range tax.Categories {
		r.byName[text.Fold(c.ID)] = c.ID
		for _, l := range c.Labels {
			if k := text.Fold(l); k != "" {
				if _, taken := r.byName[k]; !taken {
					r.byName[k] = c.ID
				}
			}
		}
	}
	return r
}

// numbering is the "2a. " or "10) " an Ushahidi category title starts with.
var numbering = regexp.MustCompile(`^\s*\d+[a-zA-Z]?[.)]\s*`)

// candidates are the strings a label is looked up as: the label itself,
// without its numbering, and each side of a bilingual "fr | en" label.
func candidates(label string) []string {
	out := []string{label}
	add := func(s string) {
		s = strings.TrimSpace(numbering.ReplaceAllString(s, ""))
		if s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	add(label)
	if n := strings.Count(label, "|"); n > 0 && n < 4 { // "fr | en", perhaps a third language
		for _, side := range strings.Split(label, "|") {
			add(side)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// label resolves one label: the mapping file first, then the taxonomy's
// ids and labels, then its keywords (exact or nearly so).
func (r *categoryResolver) label(label string) (string, bool) {
	cands := candidates(label)
	for _, c := range cands {
		if id, ok := r.mapping.categories[text.Fold(c)]; ok {
			return id, true
		}
	}
	for _, c := range cands {
		if id, ok := r.byName[text.Fold(c)]; ok {
			return id, true
		}
	}
	for _, c := range cands {
		if len(c) > maxMatchedLabelBytes {
			continue
		}
		for _, m := range r.matcher.MatchAll(c) {
			if m.Confidence >= minKeywordConfidence {
				return m.Category, true
			}
		}
	}
	return "", false
}

// splitLabels splits a comma-separated list of labels, keeping together
// pieces whose join is a label of the mapping file ("Water, sanitation").
func (r *categoryResolver) splitLabels(cell string) []string {
	var pieces []string
	for _, p := range strings.Split(cell, ",") {
		if p = strings.TrimSpace(p); p != "" {
			pieces = append(pieces, p)
		}
	}
	var labels []string
	for i := 0; i < len(pieces); {
		j := min(len(pieces), i+r.maxJoin) - 1
		for ; j > i; j-- {
			if _, ok := r.mapping.categories[text.Fold(strings.Join(pieces[i:j+1], ", "))]; ok {
				break
			}
		}
		labels = append(labels, strings.Join(pieces[i:j+1], ", "))
		i = j + 1
	}
	return labels
}

// resolve picks the category of a row from its labels: the most severe of
// those that resolve (the first on a tie). Labels that resolve to nothing
// are ignored when another resolves (an Ushahidi parent such as
// "1. Emergency"). With none, the row goes to "other" when the mapping says
// so, or is rejected.
func (r *categoryResolver) resolve(labels []string) (string, *Rejection) {
	var all []string
	for _, l := range labels {
		if r.mapping.categories[text.Fold(l)] != "" {
			all = append(all, strings.TrimSpace(l))
			continue
		}
		all = append(all, r.splitLabels(l)...)
	}
	best, bestSeverity := "", 0
	for _, l := range all {
		id, ok := r.label(l)
		if !ok {
			continue
		}
		if sev := r.tax.Category(id).Severity; best == "" || sev > bestSeverity {
			best, bestSeverity = id, sev
		}
	}
	switch {
	case best != "":
		return best, nil
	case r.mapping.unmapped == "other":
		return "other", nil
	case len(all) == 0:
		return "", &Rejection{Code: CodeMissingField, Reason: "no category"}
	}
	return "", &Rejection{Code: CodeUnknownCategory,
		Reason: fmt.Sprintf("unknown category %s: map it in the mapping file's \"categories\" (or set \"unmapped\": \"other\")",
			quoteList(all))}
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
