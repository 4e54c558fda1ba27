package mapping_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/mapping"
)

// TestRiskDocConstants checks that the constants table of docs/risk.md
// quotes the code's values.
func TestRiskDocConstants(t *testing.T) {
	doc, err := os.ReadFile("../docs/risk.md")
	if err != nil {
		t.Fatal(err)
	}
	g := func(x float64) string { return fmt.Sprint(x) }
	want := map[string]string{
		"DefaultRiskCellM":       g(mapping.DefaultRiskCellM),
		"DefaultRiskHalfLife":    strings.TrimSuffix(mapping.DefaultRiskHalfLife.String(), "0m0s"),
		"RiskReportHalfSat":      g(mapping.RiskReportHalfSat),
		"RiskWaterRangeM":        g(mapping.RiskWaterRangeM),
		"RiskWaterWeight":        g(mapping.RiskWaterWeight),
		"RiskDensityHalfSat":     g(mapping.RiskDensityHalfSat),
		"RiskInformalWeight":     g(mapping.RiskInformalWeight),
		"RiskHealthRangeM":       g(mapping.RiskHealthRangeM),
		"RiskShelterRangeM":      g(mapping.RiskShelterRangeM),
		"RiskVulnerabilityFloor": g(mapping.RiskVulnerabilityFloor),
		"RiskBreakMedium":        g(mapping.RiskBreakMedium),
		"RiskBreakHigh":          g(mapping.RiskBreakHigh),
		"RiskBreakVeryHigh":      g(mapping.RiskBreakVeryHigh),
	}
	row := regexp.MustCompile("(?m)^\\| `(\\w+)` +\\| ([^|]+?) +\\|")
	seen := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(string(doc), -1) {
		w, ok := want[m[1]]
		if !ok {
			continue
		}
		seen[m[1]] = true
		if m[2] != w {
			t.Errorf("docs/risk.md: %s = %q, code has %q", m[1], m[2], w)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("docs/risk.md does not quote %s", name)
		}
	}
	if mapping.DefaultRiskHalfLife != 168*time.Hour {
		t.Errorf("the doc's prose says 7 days; DefaultRiskHalfLife is %s", mapping.DefaultRiskHalfLife)
	}
	// The prose formulas quote the same numbers.
	for _, s := range []string{"W / (W + 5)", "1 − d / 500", "1 − (1 − r) × (1 − 0.5 × p)", "ρ / (ρ + 10)",
		"e × (1 − 0.5 + 0.5 × s)", "health_m / 2000", "shelter_m / 1000", "(0.25 + 0.75 × vulnerability)"} {
		if !strings.Contains(string(doc), s) {
			t.Errorf("docs/risk.md lacks the formula part %q", s)
		}
	}
}
