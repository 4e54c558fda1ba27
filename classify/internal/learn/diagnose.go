package learn

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/mtaa-project/mtaa/classify"
)

// confidenceBands are the lower bounds of the bands Diagnose counts the
// top need's confidence in.
var confidenceBands = []float64{0, 0.2, 0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9}

// Diagnose writes where the classifier's errors are: for the texts
// labelled with no need, one need and several, how many have their most
// confident specific need right (one of the labelled needs), wrong, or
// none at all, by band of that need's confidence, and how many of each
// were filed without asking; then, for the single-need texts, which need
// came first for each labelled one (the confusion table). preds should
// list needs down to a low confidence (a low Rule.Need) for the bands to
// mean anything.
func Diagnose(w io.Writer, preds []Prediction) {
	type cell struct{ right, wrong, rightFiled, wrongFiled int }
	groups := []string{"no need", "one need", "several"}
	counts := map[string][]cell{}
	none := map[string]int{}
	confusion := map[string]map[string]int{}
	for _, p := range preds {
		g := groups[min(len(p.Row.Needs), 2)]
		if counts[g] == nil {
			counts[g] = make([]cell, len(confidenceBands))
		}
		top, conf := "", 0.0
		for _, n := range p.Result.Needs {
			if n.Category != classify.OtherCategory {
				top, conf = n.Category, n.Confidence
				break
			}
		}
		if len(p.Row.Needs) == 1 {
			gold := p.Row.Needs[0]
			if confusion[gold] == nil {
				confusion[gold] = map[string]int{}
			}
			key := top
			if key == "" {
				key = "(none)"
			}
			confusion[gold][key]++
		}
		if top == "" {
			none[g]++
			continue
		}
		b := 0
		for b+1 < len(confidenceBands) && conf >= confidenceBands[b+1] {
			b++
		}
		main, sure := p.Result.Main()
		filed := sure && main == top
		c := &counts[g][b]
		if slices.Contains(p.Row.Needs, top) {
			c.right++
			if filed {
				c.rightFiled++
			}
		} else {
			c.wrong++
			if filed {
				c.wrongFiled++
			}
		}
	}
	fmt.Fprintln(w, "top need by confidence band: right (filed) / wrong (filed), per kind of label")
	fmt.Fprintf(w, "  %-11s", "band")
	for _, g := range groups {
		fmt.Fprintf(w, " | %-21s", g)
	}
	fmt.Fprintln(w)
	for b, lo := range confidenceBands {
		hi := 1.0
		if b+1 < len(confidenceBands) {
			hi = confidenceBands[b+1]
		}
		fmt.Fprintf(w, "  [%.2f,%.2f)", lo, hi)
		for _, g := range groups {
			var c cell
			if counts[g] != nil {
				c = counts[g][b]
			}
			fmt.Fprintf(w, " | %4d (%4d) %4d (%4d)", c.right, c.rightFiled, c.wrong, c.wrongFiled)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "  %-11s", "no need")
	for _, g := range groups {
		fmt.Fprintf(w, " | %-21d", none[g])
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "single-need texts: labelled need -> most confident need (count)")
	for _, gold := range slices.Sorted(maps.Keys(confusion)) {
		m := confusion[gold]
		fmt.Fprintf(w, "  %-18s", gold)
		for _, top := range slices.SortedFunc(maps.Keys(m), func(a, b string) int {
			if m[a] != m[b] {
				return m[b] - m[a]
			}
			if a < b {
				return -1
			}
			return 1
		}) {
			fmt.Fprintf(w, " %s %d", top, m[top])
		}
		fmt.Fprintln(w)
	}
}

// Misses writes the single-need texts of preds that were not filed with
// their labelled need, one a line: the labelled need, the kind of text,
// what was done instead (filed with another category, asked with the
// most confident need, or refused) and the text. preds should be decided
// by the shipped rule.
func Misses(w io.Writer, preds []Prediction) {
	n := 0
	for _, p := range preds {
		if len(p.Row.Needs) != 1 {
			continue
		}
		gold := p.Row.Needs[0]
		main, sure := p.Result.Main()
		if sure && main == gold {
			continue
		}
		var did string
		switch {
		case sure:
			did = "filed " + main
		case p.Result.Refuse():
			did = "refused"
		case main == "":
			did = "asked"
		default:
			did = fmt.Sprintf("asked %s %.2f", main, p.Result.Needs[0].Confidence)
		}
		n++
		fmt.Fprintf(w, "miss %-17s %-8s %-30s %s\n", gold, p.Kind, did, strings.Join(strings.Fields(textOf(p)), " "))
	}
	fmt.Fprintf(w, "%d single-need texts not filed right\n", n)
}

// textOf is the text of p's row that p classified.
func textOf(p Prediction) string {
	if p.Kind == KindOriginal {
		return p.Row.Original
	}
	return p.Row.Message
}
