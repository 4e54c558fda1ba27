package classify_test

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestHazardStateDenied: a negation just before a hazard's verb or
// adjective says it did not happen ("the house is not flooded" was asked
// where, flood at 0.77, and filed once placed); a lack after a negation
// stays a need, and a hazard told beside a denial of something else
// stays a hazard.
func TestHazardStateDenied(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	tests := []struct {
		msg    string
		absent string // not among the needs
		want   string // filed, when set
	}{
		{"the house is not flooded", "flood", ""},
		{"our street isn't flooded, thank God", "flood", ""},
		{"our street isnt flooded", "flood", ""},
		{"my house wasnt burned", "fire", ""},
		{"la maison n'est pas inondée", "flood", ""},
		{"kay la pa inonde", "flood", ""},
		{"our street is not flooded, but we have no food", "flood", "food"},
		{"the house is flooded", "", "flood"},
		{"fire not put out yet", "", "fire"},
		{"we have not eaten for two days", "", "food"},
	}
	for _, tt := range tests {
		r := c.Classify(tt.msg)
		ids := needIDs(r)
		if tt.absent != "" && slices.Contains(ids, tt.absent) {
			t.Errorf("Classify(%q) needs %v, want no %s", tt.msg, r.Needs, tt.absent)
		}
		if cat, ok := r.Main(); tt.want != "" && (cat != tt.want || !ok) {
			t.Errorf("Classify(%q).Main() = %q, %v; want %s filed (needs %v)", tt.msg, cat, ok, tt.want, r.Needs)
		}
	}
}
