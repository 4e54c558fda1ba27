package main

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/classify/internal/learn"
)

// TestFoldRuleFields: the per-fold line of -nested names every field the
// grid varies (Refuse too, which the line left out: the nested refusal
// figure could not be told from it), and no field the grid keeps.
func TestFoldRuleFields(t *testing.T) {
	grid := learn.RuleGrid(classify.ModelRule)
	fields := varyingFields(grid)
	if want := []string{"File", "FileKeyword", "Refuse"}; !slices.Equal(fields, want) {
		t.Fatalf("varying fields %v, want %v", fields, want)
	}
	r := classify.ModelRule
	r.File, r.FileKeyword, r.Refuse = 0.65, 0.4, 0.1
	if got, want := ruleFields(r, fields), "File 0.65 FileKeyword 0.40 Refuse 0.10"; got != want {
		t.Fatalf("ruleFields = %q, want %q", got, want)
	}
	need := []classify.Rule{classify.ModelRule, classify.ModelRule}
	need[1].Need = 0.2
	if got := varyingFields(need); !slices.Equal(got, []string{"Need"}) {
		t.Fatalf("a grid varying Need: %v", got)
	}
	if got := varyingFields(grid[:1]); len(got) != 0 {
		t.Fatalf("one rule varies %v", got)
	}
}
