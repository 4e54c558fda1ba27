package reportimport

import (
	"fmt"
	"regexp"
	"slices"
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
	// families are the known label families of Ushahidi deployments
	// whose category the taxonomy has.
	families []family
	// rank orders categories by severity, then by taxonomy order.
	rank map[string]int
}

func newCategoryResolver(tax *data.Taxonomy, m *Mapping) *categoryResolver {
	r := &categoryResolver{tax: tax, mapping: m, byName: map[string]string{}, matcher: classify.NewKeywordMatcher(tax), maxJoin: 1,
		families: knownFamilies(tax), rank: severityRank(tax)}
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

// How a label was resolved, as LabelCount.How says.
const (
	howMapping  = "mapping"
	howTaxonomy = "taxonomy"
	howFamily   = "family"
	howKeyword  = "keyword"
)

// label resolves one label: the mapping file first, then the taxonomy's
// ids and labels, then the known label families of Ushahidi deployments,
// then the taxonomy's keywords (exact or nearly so). It also says how.
func (r *categoryResolver) label(label string) (string, string, bool) {
	cands := candidates(label)
	for _, c := range cands {
		if id, ok := r.mapping.categories[text.Fold(c)]; ok {
			return id, howMapping, true
		}
	}
	for _, c := range cands {
		if id, ok := r.byName[text.Fold(c)]; ok {
			return id, howTaxonomy, true
		}
	}
	for _, c := range cands {
		if id, ok := r.family(c); ok {
			return id, howFamily, true
		}
	}
	for _, c := range cands {
		if len(c) > maxMatchedLabelBytes {
			continue
		}
		for _, m := range r.matcher.MatchAll(c) {
			if m.Confidence >= minKeywordConfidence {
				return m.Category, howKeyword, true
			}
		}
	}
	return "", "", false
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

// labelResult is one source label and what it resolved to ("" for
// nothing).
type labelResult struct {
	label, id, how string
}

// resolution is what a row's labels resolve to.
type resolution struct {
	// main is the report's category: the most severe need, or the most
	// severe offer when there is no need.
	main string
	// needs are every matched need, offers every matched offer (aid
	// distribution, services available), each most severe first, ties in
	// taxonomy order: never in the order the labels were listed.
	needs, offers []string
	labels        []labelResult
	rj            *Rejection
}

// sourceLabels are the row's labels as the source wrote them (split),
// within the report's limits: the first data.MaxSourceCategories, each cut
// to data.MaxSourceCategoryLen bytes. Source categories are public: a
// "label" that looks like contact details (a run of seven digits or more,
// an e-mail address), as a free-text column read as the category may
// hold, is left out.
func (r *resolution) sourceLabels() []string {
	var out []string
	for _, l := range r.labels {
		if len(out) == data.MaxSourceCategories {
			break
		}
		if contactLike.MatchString(l.label) {
			continue
		}
		out = append(out, text.TruncateBytes(l.label, data.MaxSourceCategoryLen))
	}
	return out
}

// contactLike matches a phone number (seven digits or more, perhaps
// spaced or dashed) or an e-mail address.
var contactLike = regexp.MustCompile(`\d(?:[ .-]?\d){6,}|\S@\S+\.\S`)

// reportNeeds are the needs a report carries: the data.MaxNeeds most
// severe; nil for a row with offers only (its category says it all).
func (r *resolution) reportNeeds() []string {
	if len(r.needs) == 0 {
		return nil
	}
	return slices.Clone(r.needs[:min(len(r.needs), data.MaxNeeds)])
}

// resolve resolves each of a row's labels. Labels that resolve to nothing
// are ignored when another resolves (an Ushahidi parent such as "1.
// Emergency"). With none, the row goes to "other" when the mapping says
// so, or is rejected.
func (r *categoryResolver) resolve(labels []string) *resolution {
	var all []string
	for _, l := range labels {
		if r.mapping.categories[text.Fold(l)] != "" {
			// A mapped label holding commas, as one label; Ushahidi ends
			// its lists with a comma.
			all = append(all, strings.TrimRight(strings.TrimSpace(l), ", "))
			continue
		}
		all = append(all, r.splitLabels(l)...)
	}
	res := &resolution{}
	var unknown []string
	for _, l := range all {
		id, how, ok := r.label(l)
		res.labels = append(res.labels, labelResult{label: l, id: id, how: how})
		switch {
		case !ok:
			unknown = append(unknown, l)
		case isOffer(id):
			res.offers = appendNew(res.offers, id)
		default:
			res.needs = appendNew(res.needs, id)
		}
	}
	bySeverity := func(a, b string) int { return r.rank[a] - r.rank[b] }
	slices.SortFunc(res.needs, bySeverity)
	slices.SortFunc(res.offers, bySeverity)
	switch {
	case len(res.needs) > 0:
		res.main = res.needs[0]
	case len(res.offers) > 0:
		res.main = res.offers[0]
	case r.mapping.unmapped == "other":
		res.main = "other"
	case len(all) == 0:
		res.rj = &Rejection{Code: CodeMissingField, Reason: "no category (set \"defaults\": {\"category\": …} in the mapping file for rows without one)"}
	default:
		res.rj = &Rejection{Code: CodeUnknownCategory,
			Reason: fmt.Sprintf("unknown category %s: map it in the mapping file's \"categories\" (or set \"unmapped\": \"other\")",
				quoteList(unknown))}
	}
	return res
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// severityRank ranks the taxonomy's categories: most severe first, ties
// in taxonomy order.
func severityRank(tax *data.Taxonomy) map[string]int {
	ids := make([]string, len(tax.Categories))
	for i, c := range tax.Categories {
		ids[i] = c.ID
	}
	slices.SortStableFunc(ids, func(a, b string) int { return tax.Category(b).Severity - tax.Category(a).Severity })
	rank := make(map[string]int, len(ids))
	for i, id := range ids {
		rank[id] = i
	}
	return rank
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
