package fuzzy_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/data/fuzzy"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		name, a, b  string
		limit, want int
	}{
		{"equal", "mafuriko", "mafuriko", 2, 0},
		{"one substitution", "mafuriko", "mafuruko", 2, 1},
		{"transposition is one edit", "flood", "folod", 2, 1},
		{"insertion and deletion", "hospital", "hopsitall", 2, 2},
		{"over the limit", "school", "market", 2, 3},
		{"length gap over the limit", "moto", "motorbikes", 2, 3},
		{"empty", "", "ab", 2, 2},
		{"too long to be near", string(make([]byte, 64)), string(make([]byte, 64)), 2, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fuzzy.Distance(tt.a, tt.b, tt.limit); got != tt.want {
				t.Fatalf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
			}
			if got := fuzzy.Distance(tt.b, tt.a, tt.limit); got != tt.want {
				t.Fatalf("not symmetric: %d", got)
			}
		})
	}
}

func TestAppendLatin(t *testing.T) {
	for in, want := range map[string]string{
		"Inondación": "inondacion", "ÉCOLE": "ecole", "Straße": "strasse", "Łódź": "lodz",
		"Ærø": "aero", "Ǿǽ": "oae", "São João": "sao joao", "Kisima": "kisima", "মসজিদ": "মসজিদ", "Ελλάδα": "ελλάδα",
	} {
		var b []byte
		for _, r := range in {
			b = fuzzy.AppendLatin(b, r)
		}
		if string(b) != want {
			t.Errorf("fold %q = %q, want %q", in, b, want)
		}
	}
}
