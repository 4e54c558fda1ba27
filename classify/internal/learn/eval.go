package learn

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/classify/internal/corpus"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// Build trains a model and returns it as the bytes of its file and as
// read back from them, so that what is measured is what is shipped
// (pruned and quantised).
func Build(tax *data.Taxonomy, examples []Example, opt Options) ([]byte, *classify.Model, error) {
	m, err := Fit(tax, examples, opt)
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return nil, nil, err
	}
	back, err := classify.ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), back, nil
}

// Kinds of text of a row.
const (
	KindOriginal = "original" // as sent: Haitian Creole, sometimes French
	KindEnglish  = "english"
)

// Prediction is what a classifier made of one text of a corpus row.
type Prediction struct {
	Row    *corpus.Row
	Kind   string
	Result classify.Result
}

// CrossValidate classifies every text of rows with a model trained
// without the rows of its fold (k folds, corpus.Folds), under rule. With
// keywordsOnly, it uses the taxonomy's keywords alone (no training; the
// behaviour before the model) instead.
func CrossValidate(tax *data.Taxonomy, rows []corpus.Row, k int, opt Options, rule classify.Rule, keywordsOnly bool) ([]Prediction, error) {
	var preds []Prediction
	folds := corpus.Folds(rows, k)
	for fold := range k {
		var train []corpus.Row
		var test []*corpus.Row
		for i := range rows {
			if folds[i] == fold {
				test = append(test, &rows[i])
			} else {
				train = append(train, rows[i])
			}
		}
		var c *classify.Classifier
		if keywordsOnly {
			c = classify.NewWithModel(tax, nil, rule)
		} else {
			_, m, err := Build(tax, Examples(train), opt)
			if err != nil {
				return nil, fmt.Errorf("fold %d: %w", fold, err)
			}
			c = classify.NewWithModel(tax, m, rule)
		}
		for _, r := range test {
			for _, kt := range [...]struct{ kind, text string }{{KindOriginal, r.Original}, {KindEnglish, r.Message}} {
				if len(text.Words(kt.text)) == 0 {
					continue
				}
				preds = append(preds, Prediction{Row: r, Kind: kt.kind, Result: c.Classify(kt.text)})
			}
		}
	}
	return preds, nil
}

// Figures are the measures of a set of predictions.
type Figures struct {
	// SingleNeed is, per kind of text, the share of the messages with
	// exactly one need filed (Result.Main confident) with that need, and
	// SingleNeedN their number.
	SingleNeed  map[string]float64
	SingleNeedN map[string]int
	// Categories are per category: precision and recall of the filed
	// category (Main, when confident) and of the listed needs.
	Categories map[string]*CategoryFigures
	// Refused is the share of all texts answered "not understood", and
	// RefusedRequests that of the requests (the corpus' request label).
	Refused, RefusedRequests float64
	// NoNeedFiled is the share of texts with no need filed with a
	// specific category (not "other"). NoNeedFiledUnlabelled and
	// NoNeedFiledLabelled split it: the share among the texts of rows left
	// without any label (corpus.Row.Unlabelled, whose needs are unknown)
	// and among the others (labelled, with no need).
	NoNeedFiled, NoNeedFiledUnlabelled, NoNeedFiledLabelled float64
	// NoNeedFiledN and NoNeedN are the counts behind NoNeedFiled: the
	// no-need texts filed, and all the no-need texts.
	NoNeedFiledN, NoNeedN int
	// Asked is the share of texts neither refused nor filed: the
	// resident is asked for the category.
	Asked float64
	// Filed is the number of texts filed with a specific category (not
	// "other") without asking, and FiledRight those whose category is
	// one of the row's labelled needs (any of them, for a row labelled
	// with several: each is a right report). A text with no labelled
	// need that is filed counts as filed wrong.
	Filed, FiledRight int
	// Texts is the number of texts measured.
	Texts int
}

// FiledPrecision is the share of the texts filed with a specific
// category whose category is one they are labelled with: 1 minus the
// share of confident wrong answers.
func (f Figures) FiledPrecision() float64 { return ratio(f.FiledRight, f.Filed) }

// CategoryFigures counts one category's outcomes.
type CategoryFigures struct {
	Filed, FiledRight   int // texts filed with it, and rightly
	Listed, ListedRight int // texts listing it among the needs, and rightly
	Labelled            int // texts labelled with it
	LabelledFiled       int // texts labelled with it and filed with it
	LabelledListed      int // texts labelled with it that list it
}

// FiledPrecision is the share of the texts filed with the category that
// are labelled with it; NaN-free: 0 when none was filed.
func (c *CategoryFigures) FiledPrecision() float64 { return ratio(c.FiledRight, c.Filed) }

// ListedRecall is the share of the texts labelled with the category that
// list it among their needs.
func (c *CategoryFigures) ListedRecall() float64 { return ratio(c.LabelledListed, c.Labelled) }

// ListedPrecision is the share of the texts listing the category that
// are labelled with it.
func (c *CategoryFigures) ListedPrecision() float64 { return ratio(c.ListedRight, c.Listed) }

// FiledRecall is the share of the texts labelled with the category filed
// with it.
func (c *CategoryFigures) FiledRecall() float64 { return ratio(c.LabelledFiled, c.Labelled) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Measure computes the figures of preds with the decision rule of their
// results (Result.Main and Result.Refuse, as the SMS engine decides).
func Measure(preds []Prediction) Figures {
	f := Figures{SingleNeed: map[string]float64{}, SingleNeedN: map[string]int{}, Categories: map[string]*CategoryFigures{}}
	cat := func(id string) *CategoryFigures {
		c := f.Categories[id]
		if c == nil {
			c = &CategoryFigures{}
			f.Categories[id] = c
		}
		return c
	}
	single := map[string]int{}
	var refused, requests, refusedReq, noNeed, noNeedFiled, asked int
	var unlabelled, unlabelledFiled int
	for _, p := range preds {
		f.Texts++
		main, confident := p.Result.Main()
		filed := confident && main != classify.OtherCategory
		needs := p.Row.Needs
		if filed {
			f.Filed++
			if slices.Contains(needs, main) {
				f.FiledRight++
			}
			c := cat(main)
			c.Filed++
			if slices.Contains(needs, main) {
				c.FiledRight++
			}
		}
		for _, n := range p.Result.Needs {
			if n.Category == classify.OtherCategory {
				continue
			}
			c := cat(n.Category)
			c.Listed++
			if slices.Contains(needs, n.Category) {
				c.ListedRight++
			}
		}
		for _, n := range needs {
			c := cat(n)
			c.Labelled++
			if filed && main == n {
				c.LabelledFiled++
			}
			if slices.ContainsFunc(p.Result.Needs, func(x classify.Need) bool { return x.Category == n }) {
				c.LabelledListed++
			}
		}
		if len(needs) == 1 {
			f.SingleNeedN[p.Kind]++
			if filed && main == needs[0] {
				single[p.Kind]++
			}
		}
		ref := p.Result.Refuse()
		if ref {
			refused++
		}
		if p.Row.Request {
			requests++
			if ref {
				refusedReq++
			}
		}
		if len(needs) == 0 {
			noNeed++
			if filed {
				noNeedFiled++
			}
			if p.Row.Unlabelled {
				unlabelled++
				if filed {
					unlabelledFiled++
				}
			}
		}
		if !ref && !(confident && main != classify.OtherCategory) {
			asked++
		}
	}
	for k, n := range f.SingleNeedN {
		f.SingleNeed[k] = ratio(single[k], n)
	}
	f.Refused = ratio(refused, f.Texts)
	f.RefusedRequests = ratio(refusedReq, requests)
	f.NoNeedFiled = ratio(noNeedFiled, noNeed)
	f.NoNeedFiledN, f.NoNeedN = noNeedFiled, noNeed
	f.NoNeedFiledUnlabelled = ratio(unlabelledFiled, unlabelled)
	f.NoNeedFiledLabelled = ratio(noNeedFiled-unlabelledFiled, noNeed-unlabelled)
	f.Asked = ratio(asked, f.Texts)
	return f
}

// Print writes the figures as a plain-text report.
func (f Figures) Print(w io.Writer, title string) {
	fmt.Fprintf(w, "%s (%d texts)\n", title, f.Texts)
	for _, k := range []string{KindOriginal, KindEnglish} {
		fmt.Fprintf(w, "  single-need filed right, %-8s %5.1f%% of %d\n", k+":", 100*f.SingleNeed[k], f.SingleNeedN[k])
	}
	fmt.Fprintf(w, "  refused (\"not understood\"):      %5.1f%% of all, %5.1f%% of requests\n", 100*f.Refused, 100*f.RefusedRequests)
	fmt.Fprintf(w, "  no-need texts filed a category:  %5.1f%% (%d of %d: %.2f%%; rows left without any label %.1f%%, the others %.1f%%)\n",
		100*f.NoNeedFiled, f.NoNeedFiledN, f.NoNeedN, 100*f.NoNeedFiled, 100*f.NoNeedFiledUnlabelled, 100*f.NoNeedFiledLabelled)
	fmt.Fprintf(w, "  asked for the category:          %5.1f%%\n", 100*f.Asked)
	fmt.Fprintf(w, "  filed a category:                %5.1f%% of all (%d), %d right, %d wrong: precision %.3f\n",
		100*ratio(f.Filed, f.Texts), f.Filed, f.FiledRight, f.Filed-f.FiledRight, f.FiledPrecision())
	fmt.Fprintf(w, "  %-18s %8s %8s %8s   %8s %8s\n", "category", "filed", "prec", "recall", "listprec", "listrec")
	for _, id := range slices.Sorted(maps.Keys(f.Categories)) {
		c := f.Categories[id]
		fmt.Fprintf(w, "  %-18s %8d %8.2f %8.2f   %8.2f %8.2f   (labelled %d)\n", id, c.Filed, c.FiledPrecision(), c.FiledRecall(), c.ListedPrecision(), c.ListedRecall(), c.Labelled)
	}
	fmt.Fprintln(w, strings.Repeat("-", 72))
}

// Under returns preds decided by rule instead (classify.Result.Under).
func Under(preds []Prediction, rule classify.Rule) []Prediction {
	out := make([]Prediction, len(preds))
	for i, p := range preds {
		out[i] = p
		out[i].Result = p.Result.Under(rule)
	}
	return out
}

// RuleGrid is the rules a threshold choice picks from: base with File,
// FileKeyword over a grid, first with base's Refuse, then with lower
// ones down to 0 (no message refused) for predictions on which base's
// refuses too many requests (the other thresholds as base). Refuse does
// not change what is filed, so a lower one is picked only when base's is
// outside the limits.
func RuleGrid(base classify.Rule) []classify.Rule {
	refuses := []float64{base.Refuse}
	for _, r := range []float64{0.1, 0.05, 0} {
		if r < base.Refuse {
			refuses = append(refuses, r)
		}
	}
	var rules []classify.Rule
	for _, refuse := range refuses {
		for _, file := range []float64{0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8} {
			for _, fileKw := range []float64{0.3, 0.35, 0.4, 0.45, 0.5, 0.55} {
				r := base
				r.File, r.FileKeyword, r.Refuse = file, min(fileKw, file), refuse
				rules = append(rules, r)
			}
		}
	}
	return rules
}

// Limits are the limits a decision rule is chosen under: no more
// than NoNeedFiled of the no-need texts filed with a category and
// RefusedRequests of the requests answered "not understood".
type Limits struct{ NoNeedFiled, RefusedRequests float64 }

// BestRule returns the rule of rules that files the most single-need
// texts of preds right (Creole and English shares added) within lim, and
// false when none is within it.
func BestRule(preds []Prediction, rules []classify.Rule, lim Limits) (classify.Rule, bool) {
	best, score, found := classify.Rule{}, -1.0, false
	for _, rule := range rules {
		f := Measure(Under(preds, rule))
		if f.NoNeedFiled > lim.NoNeedFiled || f.RefusedRequests > lim.RefusedRequests {
			continue
		}
		if sc := f.SingleNeed[KindOriginal] + f.SingleNeed[KindEnglish]; sc > score {
			best, score, found = rule, sc, true
		}
	}
	return best, found
}

// NestedCrossValidate measures the choice of a rule as well as the model:
// each fold's texts are classified by a model trained on the other folds
// (as CrossValidate) and decided by the rule of rules that BestRule picks
// on a cross-validation (inner folds) of those other folds only, never on
// the texts it is applied to. It returns the predictions, decided, and
// the rule picked for each fold. Rules' Need must not be below base.Need
// (the predictions list needs from base.Need).
func NestedCrossValidate(tax *data.Taxonomy, rows []corpus.Row, k, inner int, opt Options, base classify.Rule, rules []classify.Rule, lim Limits) ([]Prediction, []classify.Rule, error) {
	folds := corpus.Folds(rows, k)
	var out []Prediction
	var picked []classify.Rule
	for fold := range k {
		var train, test []corpus.Row
		for i := range rows {
			if folds[i] == fold {
				test = append(test, rows[i])
			} else {
				train = append(train, rows[i])
			}
		}
		innerPreds, err := CrossValidate(tax, train, inner, opt, base, false)
		if err != nil {
			return nil, nil, fmt.Errorf("fold %d: %w", fold, err)
		}
		rule, ok := BestRule(innerPreds, rules, lim)
		if !ok {
			return nil, nil, fmt.Errorf("fold %d: no rule within the limits", fold)
		}
		picked = append(picked, rule)
		_, m, err := Build(tax, Examples(train), opt)
		if err != nil {
			return nil, nil, fmt.Errorf("fold %d: %w", fold, err)
		}
		c := classify.NewWithModel(tax, m, base)
		for i := range test {
			r := &test[i]
			for _, kt := range [...]struct{ kind, text string }{{KindOriginal, r.Original}, {KindEnglish, r.Message}} {
				if len(text.Words(kt.text)) == 0 {
					continue
				}
				out = append(out, Prediction{Row: r, Kind: kt.kind, Result: c.Classify(kt.text).Under(rule)})
			}
		}
	}
	return out, picked, nil
}
