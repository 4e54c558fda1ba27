package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/sms"
)

// exampleReplyArgs are the arguments of each built-in reply holding
// {landmark} or {area}, with need the longest need label of the
// language: the longest such reply a resident can get.
var exampleReplyArgs = map[string]func(need string) []any{
	"ask_place":       func(need string) []any { return []any{need} },
	"noted":           func(need string) []any { return []any{need} },
	"place_unknown":   func(need string) []any { return []any{need} },
	"correction_what": func(need string) []any { return []any{uint64(999999), need} },
	"help":            func(string) []any { return nil },
	"not_understood":  func(string) []any { return nil },
	"welcome":         func(string) []any { return nil },
	"thanks":          func(string) []any { return nil },
}

// checkExampleRepliesFit fails t for every built-in reply holding
// {landmark} or {area} that is not one GSM-7 SMS (160 septets) with ex,
// in any language, naming the language's longest need label.
// join_unknown is left out: it repeats the resident's own text.
func checkExampleRepliesFit(t *testing.T, ex sms.Examples) {
	t.Helper()
	var file struct {
		Replies map[string]map[string]string `json:"replies"`
	}
	if err := json.Unmarshal(sms.DefaultRepliesJSON(), &file); err != nil {
		t.Fatal(err)
	}
	tax, r := data.DefaultTaxonomy(), sms.DefaultReplies()
	for _, lang := range r.Languages() {
		need := ""
		for _, c := range tax.Categories {
			if l := sms.ToGSM7(sms.CategoryLabel(tax, c.ID, lang)); sms.GSM7Len(l) > sms.GSM7Len(need) {
				need = l
			}
		}
		keys := make([]string, 0, len(file.Replies[lang]))
		for key := range file.Replies[lang] {
			keys = append(keys, key)
		}
		slices.Sort(keys)
		for _, key := range keys {
			tmpl := r.Template(lang, key)
			if key == "join_unknown" || !strings.Contains(tmpl, "{landmark}") && !strings.Contains(tmpl, "{area}") {
				continue
			}
			args, ok := exampleReplyArgs[key]
			if !ok {
				t.Errorf("%s %s holds an example: add its arguments to exampleReplyArgs", lang, key)
				continue
			}
			got := r.Text(lang, key, ex, args(need)...)
			if n := sms.GSM7Len(got); n < 0 || n > 160 {
				t.Errorf("%s %s with %+v: %d GSM-7 characters (-1: not GSM-7), want one SMS: %q", lang, key, ex, n, got)
			}
		}
	}
}

// TestExampleRepliesFitOneSMS: examples as long as cityExamples takes
// (maxLandmarkRunes, maxAreaRunes) and the languages' generic words keep
// every reply naming them within one SMS, with the longest need label.
func TestExampleRepliesFitOneSMS(t *testing.T) {
	checkExampleRepliesFit(t, sms.Examples{
		Landmark: strings.Repeat("M", maxLandmarkRunes), Area: strings.Repeat("A", maxAreaRunes), PlusCode: "6GCRMQQR+W9",
	})
	checkExampleRepliesFit(t, sms.Examples{})
}

// exampleCity writes an OSM extract of the nodes (each "lat lon
// key=value;key=value"), framed by a street from -1.32,36.78 to
// -1.30,36.80 so that the middle of the area is -1.31,36.79, imports it
// and loads its index.
func exampleCity(t *testing.T, nodes ...string) *mapping.Index {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<osm version="0.6" generator="test">` + "\n")
	b.WriteString(`<node id="1" lat="-1.3200" lon="36.7800" version="1"/><node id="2" lat="-1.3000" lon="36.8000" version="1"/>` + "\n")
	b.WriteString(`<way id="3" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/><tag k="name" v="Kibera Drive"/></way>` + "\n")
	for i, n := range nodes {
		lat, rest, _ := strings.Cut(n, " ")
		lon, tags, _ := strings.Cut(rest, " ")
		fmt.Fprintf(&b, `<node id="%d" lat="%s" lon="%s" version="1">`, 10+i, lat, lon)
		for _, kv := range strings.Split(tags, ";") {
			k, v, _ := strings.Cut(kv, "=")
			fmt.Fprintf(&b, `<tag k="%s" v="%s"/>`, k, v)
		}
		b.WriteString("</node>\n")
	}
	b.WriteString("</osm>\n")
	dir := t.TempDir()
	path := filepath.Join(dir, "city.osm")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := mapping.Import(context.Background(), path, filepath.Join(dir, "data"), mapping.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := mapping.Load(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestCityExamplesShortNames: the replies' example landmark and area are
// short real names of the extract, so that the replies naming them stay
// one SMS; the longest names nearest the middle are passed over, and an
// extract with only long names, or none, gives the generic words.
func TestCityExamplesShortNames(t *testing.T) {
	for _, tt := range []struct {
		name           string
		nodes          []string
		landmark, area string
		at             string // the landmark's "lat lon", "" for the middle of the area
	}{
		{
			name: "long names nearest the middle are passed over",
			nodes: []string{
				// 26 characters: 167 in French before, two SMS.
				"-1.3100 36.7900 amenity=marketplace;name=Mashimoni Squatters Market",
				"-1.3110 36.7910 amenity=marketplace;name=Olympic Market, Kibera Olympic Estate",
				"-1.3150 36.7950 amenity=marketplace;name=Toi Market",
				"-1.3101 36.7901 place=neighbourhood;name=Soweto West Village",
				"-1.3120 36.7920 place=suburb;name=Lindi",
			},
			landmark: "Olympic Market", area: "Lindi", at: "-1.3110 36.7910",
		},
		{
			name: "a name of 24 characters is kept; a market further away beats a nearer school",
			nodes: []string{
				"-1.3100 36.7900 amenity=school;name=Slum Outreach",
				"-1.3180 36.7980 amenity=marketplace;name=Mashimoni Primary Market",
				"-1.3101 36.7901 place=village;name=Mashimoni",
			},
			landmark: "Mashimoni Primary Market", area: "Mashimoni", at: "-1.3180 36.7980",
		},
		{
			name: "a name in another script gives way to its English name",
			nodes: []string{
				"-1.3100 36.7900 amenity=marketplace;name=কাঁচা বাজার",
				"-1.3110 36.7910 amenity=marketplace;name=পলাশী বাজার;name:en=Polashi Bazar",
				"-1.3101 36.7901 place=neighbourhood;name=পলাশী;name:en=Polashi",
			},
			landmark: "Polashi Bazar", area: "Polashi", at: "-1.3110 36.7910",
		},
		{
			name: "no market, hospital or school: any named health facility",
			nodes: []string{
				"-1.3100 36.7900 amenity=marketplace;name=Kibera Olympic Estate Open Air Market",
				"-1.3110 36.7910 amenity=pharmacy;name=Tayma Dispensary",
			},
			landmark: "Tayma Dispensary", at: "-1.3110 36.7910",
		},
		{
			name: "only long names: the generic words",
			nodes: []string{
				"-1.3100 36.7900 amenity=marketplace;name=Kibera Olympic Estate Open Air Market",
				"-1.3110 36.7910 amenity=school;name=St Catherine Children and Educational Centre",
				"-1.3120 36.7920 amenity=place_of_worship;name=Africa Inland Church Kibera Soweto",
				"-1.3130 36.7930 place=suburb;name=Lower Johnsonville (Hines Village)",
			},
		},
		{
			name:  "no landmark nor area at all: the generic words",
			nodes: []string{"-1.3100 36.7900 building=yes"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ix := exampleCity(t, tt.nodes...)
			ex := cityExamples(ix)
			if ex.Landmark != tt.landmark || ex.Area != tt.area {
				t.Errorf("examples %+v, want landmark %q, area %q", ex, tt.landmark, tt.area)
			}
			want, err := sms.EncodePlusCode(extractArea(ix).Center(), 10)
			if tt.at != "" {
				var lat, lon float64
				if _, err := fmt.Sscan(tt.at, &lat, &lon); err != nil {
					t.Fatal(err)
				}
				want, err = sms.EncodePlusCode(orb.Point{lon, lat}, 10)
			}
			if err != nil || ex.PlusCode != want {
				t.Errorf("plus code %q, want %q (%v)", ex.PlusCode, want, err)
			}
			if again := cityExamples(ix); again != ex {
				t.Errorf("examples %+v then %+v", ex, again)
			}
			checkExampleRepliesFit(t, ex)
		})
	}
}
