package learn

import (
	"fmt"
	"os"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/classify/internal/corpus"
	"github.com/mtaa-project/mtaa/data"
)

func TestZZMisses(t *testing.T) {
	tax := data.DefaultTaxonomy()
	rows, err := corpus.ReadDir("../../../../shared/data", tax)
	if err != nil {
		t.Skip(err)
	}
	low := classify.ModelRule
	low.Need = 0.1
	preds, err := CrossValidate(tax, rows, 5, DefaultOptions, low, false)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create("/tmp/smsx-misses.txt")
	defer f.Close()
	for _, p := range preds {
		r := p.Result.Under(classify.ModelRule)
		main, ok := r.Main()
		txt := p.Row.Message
		if p.Kind == KindOriginal {
			txt = p.Row.Original
		}
		var needs []string
		for _, n := range p.Result.Needs {
			needs = append(needs, fmt.Sprintf("%s:%.2f", n.Category, n.Confidence))
		}
		tag := ""
		switch {
		case len(p.Row.Needs) == 1 && !(ok && main == p.Row.Needs[0]):
			tag = "MISS1"
		case len(p.Row.Needs) == 0 && ok && main != "other":
			tag = "NONEFILED"
			if p.Row.Unlabelled {
				tag += "-U"
			}
		default:
			continue
		}
		fmt.Fprintf(f, "%s %s gold=%v filed=%v/%v %v | %.160s\n", tag, p.Kind, p.Row.Needs, main, ok, needs, txt)
	}
}
