package server_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// TestExportMatchesFeatureDecoding checks the export against the way it
// was first written: every report's public Feature (Store.Feature, which
// generalises sensitive ones) decoded with encoding/json. Reports are random, with
// text that JSON escapes (quotes, <>&, control characters, U+2028,
// non-ASCII), optional accuracy, areas and nearest features; both formats
// must come out byte for byte as that decoding (and encoding/csv) makes
// them.
func TestExportMatchesFeatureDecoding(t *testing.T) {
	ts := newTestServer(t)
	rnd := rand.New(rand.NewSource(7))
	texts := []string{"", "plain", `"quoted" \ back`, "<b>&amp;</b>", "line\nbreak\ttab\x01", "sep\u2028par\u2029",
		"maji machafu – Tandale", "=1+2", "-minus", "{braces} [brackets], commas", "cr\r\nlf", " leading space"}
	pick := func() string { return texts[rnd.Intn(len(texts))] + texts[rnd.Intn(len(texts))] }
	cats := []string{"flood", "security", "water_supply", "drainage"}
	needCats := []string{"food", "security", "shelter", "water_supply"}
	var batch []data.Report
	for i := range 400 {
		r := datatest.Report(orb.Point{39.1 + rnd.Float64()*0.3, -6.95 + rnd.Float64()*0.3}, cats[rnd.Intn(len(cats))],
			t0.Add(time.Duration(i)*time.Minute+time.Duration(rnd.Intn(1e9))))
		r.Description = pick()
		r.Reporter, r.RawText = phone, "raw "+pick()
		if rnd.Intn(2) == 0 {
			a := math.Round(rnd.Float64()*1e4) / 100
			r.AccuracyM = &a
		}
		if rnd.Intn(2) == 0 {
			c := rnd.Float64()
			r.LocationConfidence = &c
		}
		for range rnd.Intn(3) {
			lvl := 4 + rnd.Intn(6)
			r.Areas = append(r.Areas, data.AreaRef{OSMType: "relation", OSMID: rnd.Int63n(1e6), Name: pick(), Kind: "admin", AdminLevel: &lvl})
		}
		if rnd.Intn(2) == 0 {
			r.Nearest = &data.FeatureRef{OSMType: "way", OSMID: rnd.Int63n(1e9), Name: pick(), Kind: "water", DistanceM: rnd.Float64() * 300}
		}
		r.NotInOSM = rnd.Intn(5) == 0
		if rnd.Intn(3) == 0 { // several needs; a secondary security need generalises too
			for range 1 + rnd.Intn(2) {
				if c := needCats[rnd.Intn(len(needCats))]; !r.HasNeed(c) {
					r.Needs = append(r.Needs, c)
				}
			}
		}
		batch = append(batch, r)
	}
	if _, err := ts.store.CreateMany(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	ids := ts.store.Find(data.Query{Limit: math.MaxInt}).IDs
	tax := data.DefaultTaxonomy() // the server's (nil Deps.Taxonomy), parsed once
	sensitive := map[string]bool{}
	for _, c := range tax.Categories {
		sensitive[c.ID] = c.Sensitive
	}

	var wantFeatures [][]byte
	var wantRows [][]string
	for _, id := range ids {
		feature, err := ts.store.Feature(id)
		if err != nil {
			t.Fatal(err)
		}
		f, row := decodeLikeFirstExport(t, feature, tax, sensitive)
		wantFeatures = append(wantFeatures, f)
		wantRows = append(wantRows, row)
	}

	t.Run("geojson", func(t *testing.T) {
		ex := readExport(t, ts, "/api/v1/export/reports.geojson")
		if ex.status != 200 {
			t.Fatalf("status %d", ex.status)
		}
		start := bytes.Index(ex.body, []byte(`"features":[`)) + len(`"features":[`)
		got := bytes.Split(bytes.TrimSuffix(ex.body[start:], []byte("]}\n")), []byte(",\n"))
		if len(got) != len(wantFeatures) {
			t.Fatalf("%d features, want %d", len(got), len(wantFeatures))
		}
		generalised := 0
		for i := range got {
			if !bytes.Equal(got[i], wantFeatures[i]) {
				t.Fatalf("feature %d:\n got %s\nwant %s", i, got[i], wantFeatures[i])
			}
			if bytes.Contains(got[i], []byte(`"location_generalised":true`)) {
				generalised++
			}
		}
		if generalised == 0 || generalised == len(got) {
			t.Errorf("%d of %d features generalised; the test needs both kinds", generalised, len(got))
		}
	})
	t.Run("csv", func(t *testing.T) {
		ex := readExport(t, ts, "/api/v1/export/reports.csv")
		if ex.status != 200 {
			t.Fatalf("status %d", ex.status)
		}
		head, _, _ := bytes.Cut(ex.body, []byte("\n"))
		var want bytes.Buffer
		want.Write(head)
		want.WriteByte('\n')
		w := csv.NewWriter(&want)
		if err := w.WriteAll(wantRows); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(ex.body, want.Bytes()) {
			got, wantLines := strings.Split(string(ex.body), "\n"), strings.Split(want.String(), "\n")
			for i := range min(len(got), len(wantLines)) {
				if got[i] != wantLines[i] {
					t.Fatalf("CSV line %d:\n got %q\nwant %q", i, got[i], wantLines[i])
				}
			}
			t.Fatalf("CSV: %d lines, want %d", len(got), len(wantLines))
		}
	})
}

// decodeLikeFirstExport returns the export's Feature and CSV row for a
// stored public Feature, computed as the first export did: through
// encoding/json, with the labels of tax.
func decodeLikeFirstExport(t *testing.T, feature []byte, tax *data.Taxonomy, sensitive map[string]bool) ([]byte, []string) {
	t.Helper()
	var r struct {
		ID       uint64 `json:"id"`
		Geometry struct {
			Coordinates orb.Point `json:"coordinates"`
		} `json:"geometry"`
		Properties struct {
			Category       string   `json:"category"`
			Needs          []string `json:"needs"`
			Description    string   `json:"description"`
			Status         string   `json:"status"`
			Channel        string   `json:"channel"`
			LocationSource string   `json:"location_source"`
			AccuracyM      *float64 `json:"accuracy_m"`
			ObservedAt     string   `json:"observed_at"`
			ReceivedAt     string   `json:"received_at"`
			Areas          []struct {
				Name string `json:"name"`
			} `json:"areas"`
			Nearest *struct {
				Name      string  `json:"name"`
				DistanceM float64 `json:"distance_m"`
			} `json:"nearest"`
			NotInOSM bool `json:"not_in_osm"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(feature, &r); err != nil {
		t.Fatal(err)
	}
	p := &r.Properties
	generalised := sensitive[p.Category]
	for _, n := range p.Needs {
		generalised = generalised || sensitive[n]
	}
	out := feature // a sensitive report's public Feature is generalised already (data/privacy.go)
	if generalised && (p.AccuracyM != nil || p.Nearest != nil || !bytes.Contains(feature, []byte(`"location_generalised":true`))) {
		t.Fatalf("public feature of a sensitive report is not generalised: %s", feature)
	}
	label := ""
	if c := tax.Category(p.Category); c != nil {
		label = c.Label("en")
	}
	needsLabels := make([]string, len(p.Needs))
	for i, n := range p.Needs {
		needsLabels[i] = n
		if c := tax.Category(n); c != nil {
			needsLabels[i] = c.Label("en")
		}
	}
	accuracy, nearestName, nearestDist, area := "", "", "", ""
	if p.AccuracyM != nil {
		accuracy = strconv.FormatFloat(*p.AccuracyM, 'f', -1, 64)
	}
	if p.Nearest != nil {
		nearestName, nearestDist = p.Nearest.Name, strconv.FormatFloat(p.Nearest.DistanceM, 'f', -1, 64)
	}
	if n := len(p.Areas); n > 0 {
		area = p.Areas[n-1].Name
	}
	defuse := func(s string) string {
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			return "'" + s
		}
		return s
	}
	row := []string{strconv.FormatUint(r.ID, 10), p.Category, label, strings.Join(p.Needs, ";"), p.Status, p.Channel, p.LocationSource,
		strconv.FormatFloat(r.Geometry.Coordinates[0], 'f', -1, 64), strconv.FormatFloat(r.Geometry.Coordinates[1], 'f', -1, 64),
		accuracy, p.ObservedAt, p.ReceivedAt, defuse(p.Description), strconv.FormatBool(p.NotInOSM),
		defuse(nearestName), nearestDist, defuse(area), strconv.FormatBool(generalised),
		strings.Join(needsLabels, ";")}
	return out, row
}
