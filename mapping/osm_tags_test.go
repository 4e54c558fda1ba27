package mapping_test

import (
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/mapping"
)

func TestRulesOSMTags(t *testing.T) {
	rules, err := mapping.LoadRules("")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		category, kind, want string
		ok                   bool
	}{
		{"water_supply", "", "amenity=drinking_water", true},
		{"water_supply", "water_well", "man_made=water_well", true},
		{"water_supply", "toilets", "", false},
		{"sanitation", "", "amenity=toilets", true},
		{"blocked_drain", "", "", false}, // a facility, but a line: not exported
		{"flood", "", "", false},
		{"no_such_category", "", "", false},
	} {
		tags, ok := rules.OSMTags(tc.category, tc.kind)
		got := ""
		for _, tg := range tags {
			got += tg.Key + "=" + tg.Value
		}
		if ok != tc.ok || got != tc.want {
			t.Errorf("OSMTags(%q, %q) = %q %v, want %q %v", tc.category, tc.kind, got, ok, tc.want, tc.ok)
		}
	}
	if kinds := rules.OSMKinds("water_supply"); len(kinds) != 5 || kinds[0] != "drinking_water" {
		t.Errorf("OSMKinds(water_supply) = %v", kinds)
	}
	if kinds := rules.OSMKinds("flood"); kinds != nil {
		t.Errorf("OSMKinds(flood) = %v", kinds)
	}
}

func TestParseRulesRefusesBadOSMTags(t *testing.T) {
	for name, cat := range map[string]string{
		"default not a kind":  `{"kinds":["water"],"radius_m":1,"facility":true,"osm_default":"x","osm":{"toilets":{"amenity":"toilets"}}}`,
		"kind not a class":    `{"kinds":["water"],"classes":["toilets"],"radius_m":1,"facility":true,"osm_default":"well","osm":{"well":{"man_made":"water_well"}}}`,
		"kind without tags":   `{"kinds":["water"],"radius_m":1,"facility":true,"osm_default":"t","osm":{"t":{}}}`,
		"not a facility":      `{"kinds":["water"],"radius_m":1,"osm_default":"t","osm":{"t":{"amenity":"toilets"}}}`,
		"default without osm": `{"kinds":["water"],"radius_m":1,"facility":true,"osm_default":"t"}`,
	} {
		doc := `{"version":1,"duplicate_radius_m":1,"duplicate_window_hours":1,"categories":{"c":` + cat + `}}`
		if _, err := mapping.ParseRules(strings.NewReader(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
