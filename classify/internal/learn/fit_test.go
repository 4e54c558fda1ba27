package learn_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/classify/internal/corpus"
	"github.com/mtaa-project/mtaa/classify/internal/learn"
	"github.com/mtaa-project/mtaa/data"
)

// synthetic is a small labelled set written for the test: food requests
// in an invented word ("kakula") no taxonomy keyword knows, water requests
// by keyword, and chatter. Every message is its own (a number in it), as
// cross-validation keeps rows with the same message in one fold.
func synthetic() []corpus.Row {
	var rows []corpus.Row
	for i := range 60 {
		switch i % 3 {
		case 0:
			rows = append(rows, corpus.Row{ID: i, Original: fmt.Sprintf("nou pa gen kakula depi %d jou", i), Message: fmt.Sprintf("we have no kakula on day %d", i), Needs: []string{"food"}, Request: true})
		case 1:
			rows = append(rows, corpus.Row{ID: i, Original: fmt.Sprintf("nou bezwen dlo tanpri nan blok %d", i), Message: fmt.Sprintf("we need water in block %d", i), Needs: []string{"water_supply"}, Request: true})
		default:
			rows = append(rows, corpus.Row{ID: i, Original: fmt.Sprintf("bonjou zanmi mwen %d", i), Message: fmt.Sprintf("good morning my friend number %d", i)})
		}
	}
	return rows
}

func TestBuildDeterministic(t *testing.T) {
	tax := data.DefaultTaxonomy()
	opt := learn.DefaultOptions
	opt.Epochs = 5
	a, _, err := learn.Build(tax, learn.Examples(synthetic()), opt)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := learn.Build(tax, learn.Examples(synthetic()), opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the same examples gave two different model files")
	}
}

func TestBuildLearns(t *testing.T) {
	tax := data.DefaultTaxonomy()
	_, m, err := learn.Build(tax, learn.Examples(synthetic()), learn.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	c := classify.NewWithModel(tax, m, classify.ModelRule)
	if cat, ok := c.Classify("kakula pa genyen").Main(); cat != "food" || !ok {
		t.Errorf("a word learnt from the examples: Main() = %q, %v; want food", cat, ok)
	}
	if r := c.Classify("good morning my friend"); len(r.Needs) != 0 || r.Relevance > 0.5 {
		t.Errorf("chatter: needs %v, relevance %.2f", r.Needs, r.Relevance)
	}
	if _, err := learn.Fit(tax, nil, learn.DefaultOptions); err == nil {
		t.Error("Fit without examples: no error")
	}
}

func TestMeasure(t *testing.T) {
	tax := data.DefaultTaxonomy()
	rows := synthetic()
	preds, err := learn.CrossValidate(tax, rows, 4, learn.DefaultOptions, classify.ModelRule, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(preds) != 2*len(rows) {
		t.Fatalf("%d predictions for %d rows of two texts", len(preds), len(rows))
	}
	f := learn.Measure(preds)
	if f.SingleNeedN[learn.KindOriginal] != 40 || f.SingleNeedN[learn.KindEnglish] != 40 {
		t.Errorf("single-need counts %v", f.SingleNeedN)
	}
	if f.SingleNeed[learn.KindEnglish] < 0.9 || f.NoNeedFiled > 0 || f.RefusedRequests > 0 {
		t.Errorf("figures on an easy set: %+v", f)
	}
	base, err := learn.CrossValidate(tax, rows, 4, learn.DefaultOptions, classify.KeywordRule, true)
	if err != nil {
		t.Fatal(err)
	}
	// Keywords alone do not know "kakula": those requests are refused.
	if b := learn.Measure(base); b.RefusedRequests < 0.4 {
		t.Errorf("keyword baseline refused %.2f of the requests, want the kakula ones", b.RefusedRequests)
	}
}

// A category learnt from texts without any of its keywords (the corpus'
// missing_person texts say "lost", "no news", never "disparu") still
// lists a message with one of them, read as a keyword usually reads: no
// example told the model its keywords mean little. (Shrunk by labelled
// texts instead of keyword matches, the category's base rate won and
// nothing was listed.)
func TestKeywordsNeverSeenStillCount(t *testing.T) {
	tax := data.DefaultTaxonomy()
	rows := synthetic()
	// 40 rows of 300 (the category's base rate is low), none with one of
	// its keywords: the model learns nothing about them.
	for i := range 40 {
		rows = append(rows, corpus.Row{ID: 100 + i, Original: fmt.Sprintf("pitit mwen ale depi %d jou nou pa konn kote", i),
			Message: fmt.Sprintf("my child left %d days ago we do not know where", i), Needs: []string{"missing_person"}, Request: true})
	}
	for i := range 200 {
		rows = append(rows, corpus.Row{ID: 200 + i, Original: fmt.Sprintf("mesi anpil pou tout bagay %d", i), Message: fmt.Sprintf("thanks a lot for everything %d", i)})
	}
	// A keyword is right about half the time (water named, no need).
	for i := range 20 {
		rows = append(rows, corpus.Row{ID: 400 + i, Original: fmt.Sprintf("nou naje nan dlo lanme a %d", i), Message: fmt.Sprintf("we swam in the sea water %d", i)})
	}
	_, m, err := learn.Build(tax, learn.Examples(rows), learn.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	c := classify.NewWithModel(tax, m, classify.ModelRule)
	for _, msg := range []string{"mon fils a disparu", "mtoto amepotea"} {
		r := c.Classify(msg)
		if len(r.Needs) == 0 || r.Needs[0].Category != "missing_person" {
			t.Errorf("%q: needs %v, want missing_person listed first", msg, r.Needs)
		}
	}
}

func TestMeasureFiledAndUnlabelled(t *testing.T) {
	tax := data.DefaultTaxonomy()
	c := classify.NewWithModel(tax, nil, classify.KeywordRule)
	rows := []corpus.Row{
		{ID: 1, Message: "fire at the market", Needs: []string{"fire"}},
		{ID: 2, Message: "we need water", Needs: []string{"food"}},
		{ID: 3, Message: "we need water and food", Needs: []string{"food", "water_supply"}},
		{ID: 4, Message: "the floods are back", Unlabelled: true},
		{ID: 5, Message: "good morning", Unlabelled: true},
		{ID: 6, Message: "the cholera clinic", Needs: nil},
	}
	var preds []learn.Prediction
	for i := range rows {
		preds = append(preds, learn.Prediction{Row: &rows[i], Kind: learn.KindEnglish, Result: c.Classify(rows[i].Message)})
	}
	f := learn.Measure(preds)
	// Filed: fire (right), water for food (wrong), water or food for both
	// (right: any labelled need), flood with no need (wrong), medical with
	// no need (wrong).
	if f.Filed != 5 || f.FiledRight != 2 {
		t.Errorf("filed %d, right %d; want 5 and 2", f.Filed, f.FiledRight)
	}
	if f.NoNeedFiledUnlabelled != 0.5 || f.NoNeedFiledLabelled != 1 || f.NoNeedFiled != 2.0/3 {
		t.Errorf("no-need filed %.2f: unlabelled %.2f, labelled %.2f; want 0.67, 0.5, 1", f.NoNeedFiled, f.NoNeedFiledUnlabelled, f.NoNeedFiledLabelled)
	}
	var out bytes.Buffer
	learn.Diagnose(&out, preds)
	for _, want := range []string{"fire               fire 1\n", "food               water_supply 1\n", "[0.90,1.00)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("Diagnose output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	f.Print(&out, "test")
	if !strings.Contains(out.String(), "5 filed") && !strings.Contains(out.String(), "(5), 2 right, 3 wrong") {
		t.Errorf("Print does not give the filed counts:\n%s", out.String())
	}
}

// TestBestRule: the rule picked files the most single-need texts right
// within the limits; a rule that files the no-need texts too is out of
// them, and no rule within them is reported as such.
func TestBestRule(t *testing.T) {
	var preds []learn.Prediction
	for i := range 10 {
		food := &corpus.Row{ID: i, Needs: []string{"food"}, Request: true}
		chat := &corpus.Row{ID: 100 + i}
		preds = append(preds,
			learn.Prediction{Row: food, Kind: learn.KindOriginal, Result: classify.Result{Needs: []classify.Need{{Category: "food", Confidence: 0.6}}, Relevance: 1}},
			learn.Prediction{Row: chat, Kind: learn.KindOriginal, Result: classify.Result{Needs: []classify.Need{{Category: "food", Confidence: 0.5}}}})
	}
	rule := func(file float64) classify.Rule { return classify.Rule{File: file, Need: 0.1, Refuse: 0.15} }
	lim := learn.Limits{NoNeedFiled: 0.1, RefusedRequests: 0.05}
	got, ok := learn.BestRule(preds, []classify.Rule{rule(0.45), rule(0.55), rule(0.65)}, lim)
	if !ok || got.File != 0.55 {
		t.Errorf("BestRule = %+v, %v; want File 0.55 (0.45 files every chat text, 0.65 nothing)", got, ok)
	}
	if _, ok := learn.BestRule(preds, []classify.Rule{rule(0.45)}, lim); ok {
		t.Error("a rule filing every no-need text is within a 10% limit")
	}
}

// TestNestedCrossValidate: the rule of each fold is picked on the other
// folds only, and every text of the corpus is decided once. (Four folds:
// with three, synthetic's rows, dealt in turn, would put each kind of
// message in a fold of its own.)
func TestNestedCrossValidate(t *testing.T) {
	tax := data.DefaultTaxonomy()
	rows := synthetic()
	base := classify.ModelRule
	base.Need = 0.1
	grid := learn.RuleGrid(classify.ModelRule)
	preds, picked, err := learn.NestedCrossValidate(tax, rows, 4, 4, learn.DefaultOptions, base, grid, learn.Limits{NoNeedFiled: 0.1, RefusedRequests: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	if len(picked) != 4 || len(preds) != 2*len(rows) {
		t.Fatalf("%d rules picked, %d texts decided; want 4 and %d", len(picked), len(preds), 2*len(rows))
	}
	f := learn.Measure(preds)
	if f.SingleNeed[learn.KindEnglish] < 0.9 || f.NoNeedFiled > 0.1 {
		t.Errorf("nested figures on the synthetic set: single-need english %.2f, no-need filed %.2f", f.SingleNeed[learn.KindEnglish], f.NoNeedFiled)
	}
}

// TestNestedCrossValidateRefusingTooMany: when the base rule refuses more
// requests than the limit (a Refuse of 0.99: every request naming no need
// is "not understood"), the nested choice still finds a rule, with a
// lower Refuse, instead of failing the evaluation.
func TestNestedCrossValidateRefusingTooMany(t *testing.T) {
	tax := data.DefaultTaxonomy()
	rows := synthetic()
	for i := range 12 { // requests naming no need: refused from a high Refuse
		rows = append(rows, corpus.Row{ID: 100 + i, Original: fmt.Sprintf("bonswa zanmi %d", i), Message: fmt.Sprintf("good evening friend %d", i), Request: true})
	}
	base := classify.ModelRule
	base.Need, base.Refuse = 0.1, 0.99
	lim := learn.Limits{NoNeedFiled: 0.1, RefusedRequests: 0.05}
	_, picked, err := learn.NestedCrossValidate(tax, rows, 4, 4, learn.DefaultOptions, base, learn.RuleGrid(base), lim)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range picked {
		if r.Refuse >= base.Refuse {
			t.Errorf("fold %d: picked Refuse %.2f, want one under %.2f", i, r.Refuse, base.Refuse)
		}
	}
}
