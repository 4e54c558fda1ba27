// Command evalsms measures how the SMS channel understands real messages
// (`make eval-sms`): on the development corpus in the shared data folder,
// by k-fold cross-validation (each fold classified by a model trained on
// the other folds), with the decision rule the SMS engine uses
// (classify.Result.Main and Refuse). It prints the figures of the
// keyword-only baseline (the behaviour before the model) and of the
// model, and with -sweep the figures for other thresholds.
package main

import (
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/classify/internal/corpus"
	"github.com/mtaa-project/mtaa/classify/internal/learn"
	"github.com/mtaa-project/mtaa/data"
)

func main() {
	dir := flag.String("data", "../shared/data", "the shared data folder (holds "+corpus.Path+")")
	k := flag.Int("k", 5, "number of cross-validation folds")
	sweep := flag.Bool("sweep", false, "also print the figures for a range of thresholds")
	diagnose := flag.Bool("diagnose", false, "also print the model's errors by confidence band and its confusion table")
	misses := flag.Bool("misses", false, "also print the single-need texts not filed with their need under the shipped rule")
	opt := learn.DefaultOptions
	nested := flag.Bool("nested", false, "also choose File and FileKeyword by nested cross-validation (the rule picked on the other folds' own cross-validation) and print the figures")
	flag.Parse()
	if err := run(*dir, *k, opt, *sweep, *diagnose, *nested, *misses); err != nil {
		fmt.Fprintln(os.Stderr, "evalsms:", err)
		os.Exit(1)
	}
}

func run(dir string, k int, opt learn.Options, sweep, diagnose, nested, misses bool) error {
	tax := data.DefaultTaxonomy()
	rows, err := corpus.ReadDir(dir, tax)
	if err != nil {
		return err
	}
	fmt.Printf("development corpus: %d direct messages, %d-fold cross-validation\n\n", len(rows), k)
	base, err := learn.CrossValidate(tax, rows, k, learn.DefaultOptions, classify.KeywordRule, true)
	if err != nil {
		return err
	}
	learn.Measure(base).Print(os.Stdout, "keywords only (before the model)")
	low := classify.ModelRule
	low.Need = min(low.Need, 0.1) // list more needs, for the sweep
	preds, err := learn.CrossValidate(tax, rows, k, opt, low, false)
	if err != nil {
		return err
	}
	shipped := make([]learn.Prediction, len(preds))
	for i, p := range preds {
		shipped[i] = p
		shipped[i].Result = p.Result.Under(classify.ModelRule)
	}
	learn.Measure(shipped).Print(os.Stdout, fmt.Sprintf("model + keywords, rule %+v", classify.ModelRule))
	if diagnose {
		learn.Diagnose(os.Stdout, preds) // needs listed from 0.1, filed as shipped
	}
	if misses {
		learn.Misses(os.Stdout, shipped)
	}
	if sweep {
		printSweep(preds)
	}
	printBest(preds)
	if nested {
		grid := learn.RuleGrid(classify.ModelRule)
		np, picked, err := learn.NestedCrossValidate(tax, rows, k, k-1, opt, low, grid, limits)
		if err != nil {
			return err
		}
		fields := varyingFields(grid)
		for i, r := range picked {
			fmt.Printf("fold %d: rule picked on the other folds: %s\n", i, ruleFields(r, fields))
		}
		learn.Measure(np).Print(os.Stdout, "model + keywords, rule chosen by nested cross-validation")
	}
	return nil
}

// printSweep prints the main figures for a range of thresholds, from the
// same cross-validated predictions.
func printSweep(preds []learn.Prediction) {
	fmt.Println("severe threshold sweep (File, Refuse as shipped): file-severe | single orig en | no-need filed | precision fire landslide people_trapped building_collapse")
	for _, severe := range []float64{0.5, 0.6, 0.7, 0.8, 0.9} {
		rule := classify.ModelRule
		rule.FileSevere = severe
		re := make([]learn.Prediction, len(preds))
		for i, p := range preds {
			re[i] = p
			re[i].Result = p.Result.Under(rule)
		}
		f := learn.Measure(re)
		fmt.Printf("%.2f | %5.1f %5.1f | %5.1f | %s %s %s %s\n", severe,
			100*f.SingleNeed[learn.KindOriginal], 100*f.SingleNeed[learn.KindEnglish], 100*f.NoNeedFiled,
			precision(f, "fire"), precision(f, "landslide"), precision(f, "people_trapped"), precision(f, "building_collapse"))
	}
	fmt.Println("threshold sweep: file file-keyword refuse | single orig en | refused all req | no-need filed | asked | precision fire landslide people_trapped building_collapse")
	for _, file := range []float64{0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7} {
		for _, fileKw := range []float64{0, 0.3, 0.35, 0.4, 0.45, 0.5} {
			if fileKw >= file {
				continue
			}
			for _, refuse := range []float64{0.1, 0.15, 0.2} {
				rule := classify.Rule{File: file, FileKeyword: fileKw, FileKeywordFirst: classify.ModelRule.FileKeywordFirst, FileSevere: max(file, classify.ModelRule.FileSevere),
					Need: min(file, classify.ModelRule.Need), Refuse: refuse}
				re := make([]learn.Prediction, len(preds))
				for i, p := range preds {
					re[i] = p
					re[i].Result = p.Result.Under(rule)
				}
				f := learn.Measure(re)
				fmt.Printf("%.2f %.2f %.2f | %5.1f %5.1f | %5.1f %5.1f | %5.1f | %5.1f | %s %s %s %s\n", file, fileKw, refuse,
					100*f.SingleNeed[learn.KindOriginal], 100*f.SingleNeed[learn.KindEnglish],
					100*f.Refused, 100*f.RefusedRequests, 100*f.NoNeedFiled, 100*f.Asked,
					precision(f, "fire"), precision(f, "landslide"), precision(f, "people_trapped"), precision(f, "building_collapse"))
			}
		}
	}
}

// precision is a category's filed precision and count, "-" when it was
// never filed.
func precision(f learn.Figures, id string) string {
	c := f.Categories[id]
	if c == nil || c.Filed == 0 {
		return "  -  "
	}
	return fmt.Sprintf("%.2f/%d", c.FiledPrecision(), c.Filed)
}

// limits are the limits on messages with no need filed and on
// requests refused.
var limits = learn.Limits{NoNeedFiled: 0.10, RefusedRequests: 0.05}

// printBest prints the rule of a grid that files the most single-need
// texts right (both kinds) with no-need texts filed under 10% and
// requests refused under 5%, chosen on the very predictions it is
// measured on (optimistic).
func printBest(preds []learn.Prediction) {
	best, _ := learn.BestRule(preds, learn.RuleGrid(classify.ModelRule), limits)
	bestF := learn.Measure(learn.Under(preds, best))
	fmt.Printf("best rule of the grid on these predictions (optimistic): %+v\n", best)
	fmt.Printf("  single %5.1f %5.1f | no-need filed %5.1f | refused req %5.1f | filed %d right %d\n",
		100*bestF.SingleNeed[learn.KindOriginal], 100*bestF.SingleNeed[learn.KindEnglish], 100*bestF.NoNeedFiled, 100*bestF.RefusedRequests, bestF.Filed, bestF.FiledRight)
}

// varyingFields are the names of the fields of classify.Rule whose value
// differs between rules of the grid, in the struct's order: the fields a
// nested cross-validation chooses (File, FileKeyword, Refuse for
// learn.RuleGrid), every one of which a fold's rule is printed with.
func varyingFields(grid []classify.Rule) []string {
	var names []string
	if len(grid) == 0 {
		return names
	}
	first := reflect.ValueOf(grid[0])
	for i := range first.NumField() {
		for _, r := range grid[1:] {
			if !reflect.ValueOf(r).Field(i).Equal(first.Field(i)) {
				names = append(names, first.Type().Field(i).Name)
				break
			}
		}
	}
	return names
}

// ruleFields prints the named fields of r: "File 0.65 FileKeyword 0.40
// Refuse 0.10".
func ruleFields(r classify.Rule, names []string) string {
	v := reflect.ValueOf(r)
	parts := make([]string, len(names))
	for i, n := range names {
		f := v.FieldByName(n)
		if f.Kind() == reflect.Float64 {
			parts[i] = fmt.Sprintf("%s %.2f", n, f.Float())
		} else {
			parts[i] = fmt.Sprintf("%s %v", n, f.Interface())
		}
	}
	return strings.Join(parts, " ")
}
