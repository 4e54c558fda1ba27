package data_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data"
)

func TestDefaultTaxonomyHasStableIDs(t *testing.T) {
	tax := data.DefaultTaxonomy()
	want := []string{"flood", "fire", "landslide", "building_collapse", "people_trapped", "medical", "shelter",
		"food", "water_supply", "sanitation", "blocked_drain", "solid_waste", "electricity", "road_blocked", "security", "other"}
	for _, id := range want {
		c := tax.Category(id)
		if c == nil {
			t.Errorf("category %q missing", id)
			continue
		}
		for _, lang := range []string{"en", "fr", "sw"} {
			if c.Labels[lang] == "" {
				t.Errorf("category %q has no %s label", id, lang)
			}
		}
	}
	if tax.Category("nonsense") != nil {
		t.Error("unknown id found")
	}
}

func TestParseTaxonomyRejects(t *testing.T) {
	good := string(data.DefaultTaxonomyJSON())
	tests := []struct {
		name string
		in   string
	}{
		{"not JSON", "{"},
		{"unknown field", strings.Replace(good, `"version": 1`, `"version": 1, "colour": "red"`, 1)},
		{"version 2", strings.Replace(good, `"version": 1`, `"version": 2`, 1)},
		{"severity 9", strings.Replace(good, `"severity": 4`, `"severity": 9`, 1)},
		{"bad id", strings.Replace(good, `"id": "flood"`, `"id": "Flood Zone"`, 1)},
		{"duplicate id", strings.Replace(good, `"id": "fire"`, `"id": "flood"`, 1)},
		{"missing label", strings.Replace(good, `"sw": "Mafuriko"`, `"de": "Hochwasser"`, 1)},
		{"no categories", `{"version":1,"languages":["en"],"categories":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.in == good {
				t.Fatal("replacement did not apply: the test is not testing anything")
			}
			if _, err := data.ParseTaxonomy(strings.NewReader(tt.in)); err == nil {
				t.Fatal("accepted")
			}
		})
	}
	if _, err := data.ParseTaxonomy(bytes.NewReader(data.DefaultTaxonomyJSON())); err != nil {
		t.Fatalf("default rejected: %v", err)
	}
}
