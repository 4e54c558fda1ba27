package mapping

import "testing"

func TestRiskClassBreaks(t *testing.T) {
	tests := []struct {
		score float64
		class string
	}{
		{0, "low"}, {0.2499, "low"}, {0.25, "medium"}, {0.4999, "medium"}, {0.5, "high"},
		{0.7499, "high"}, {0.75, "very_high"}, {1, "very_high"},
	}
	for _, tc := range tests {
		if got := riskClass(tc.score); got != tc.class {
			t.Errorf("riskClass(%v) = %s, want %s", tc.score, got, tc.class)
		}
	}
}

func TestRiskCombineBounds(t *testing.T) {
	tests := []struct {
		name                    string
		w, p, exposure, vulnera float64
		hazard, score           float64
	}{
		{name: "nothing", hazard: 0, score: 0},
		{name: "water only, nobody exposed", p: 1, vulnera: 1, hazard: 0.5, score: 0},
		{name: "everything at its maximum", w: 1e9, p: 1, exposure: 1, vulnera: 1, hazard: 1, score: 1},
		// r = 5/10 = 0.5, hazard = 0.5; score = ∛(0.5 × 1 × 0.25) = 0.5.
		{name: "one fresh severity-5 report, full exposure, next to help", w: 5, exposure: 1, hazard: 0.5, score: 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := combine(tc.w, tc.p, tc.exposure, tc.vulnera)
			if c.hazard != tc.hazard || c.score != tc.score {
				t.Errorf("hazard %v, score %v; want %v, %v", c.hazard, c.score, tc.hazard, tc.score)
			}
		})
	}
}
