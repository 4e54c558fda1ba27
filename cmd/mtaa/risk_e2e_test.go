package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRiskLayersE2E runs `mtaa serve` on the risk layers' small world
// (mapping/testdata/risk_world.osm: an informal settlement, a drain, a
// clinic, an assembly point, buildings, admin areas), waits for the grid
// computed in the background, sends a flood report and reads the `risk`
// and `area-summaries` collections as a GIS would: the report raises the
// hazard of its cell without a restart, GDAL reads both collections
// through the OGC API driver, the GeoJSON exports pass geojsonhint and the
// CSV export of the grid round-trips through ogr2ogr with the same count.
func TestRiskLayersE2E(t *testing.T) {
	world, err := filepath.Abs("../../mapping/testdata/risk_world.osm")
	if err != nil {
		t.Fatal(err)
	}
	p := startServe(t, t.TempDir(), "--osm", world)

	type cell struct {
		ID         string
		Properties map[string]any
	}
	items := func(collection, query string) (int, []cell) {
		t.Helper()
		code, body := send(t, "GET", p.base+"/ogc/collections/"+collection+"/items?limit=1000"+query, "")
		if code != 200 {
			t.Fatalf("%s items: %d %s", collection, code, body)
		}
		var page struct {
			NumberMatched int
			Features      []cell
		}
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatal(err)
		}
		return page.NumberMatched, page.Features
	}
	deadline := time.Now().Add(30 * time.Second)
	var cells []cell
	for n := 0; n == 0; n, cells = items("risk", "") {
		if time.Now().After(deadline) {
			t.Fatal("the risk grid was not computed within 30 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	for _, c := range cells {
		for _, k := range []string{"score", "class", "hazard", "exposure", "vulnerability"} {
			if _, ok := c.Properties[k]; !ok {
				t.Fatalf("cell %s lacks %q: %v", c.ID, k, c.Properties)
			}
		}
		if s := c.Properties["score"].(float64); s < 0 || s > 1 {
			t.Fatalf("cell %s score %v outside [0,1]", c.ID, s)
		}
	}

	// A flood report inside the settlement (next to the drain) raises the
	// hazard of its cell.
	const at = "bbox=39.2033,-6.8066,39.2034,-6.8065"
	_, before := items("risk", "&"+at)
	if len(before) != 1 {
		t.Fatalf("%d cells at the report's place, want 1", len(before))
	}
	report := `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.20335,-6.80655]},"properties":{"category":"flood","description":"water in the houses"}}`
	if code, body := send(t, "POST", p.base+"/api/v1/reports", report); code != 201 {
		t.Fatalf("POST report: %d %s", code, body)
	}
	deadline = time.Now().Add(10 * time.Second)
	for {
		_, after := items("risk", "&"+at)
		if len(after) == 1 && after[0].Properties["hazard"].(float64) > before[0].Properties["hazard"].(float64) &&
			after[0].Properties["reports"].(float64) == before[0].Properties["reports"].(float64)+1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the report did not raise its cell's hazard: before %v, after %v", before[0].Properties, after)
		}
		time.Sleep(100 * time.Millisecond)
	}

	nAreas, _ := items("area-summaries", "")
	if nAreas == 0 {
		t.Fatal("no area summaries")
	}
	nCells, _ := items("risk", "")
	for collection, want := range map[string]int{"risk": nCells, "area-summaries": nAreas} {
		t.Run("ogrinfo "+collection, func(t *testing.T) {
			info := runTool(t, "ogrinfo", "-ro", "-so", "OAPIF:"+p.base+"/ogc", collection)
			if got := featureCount(t, info); got != want {
				t.Fatalf("ogrinfo counts %d features, want %d\n%s", got, want, info)
			}
		})
	}
	dir := t.TempDir()
	save := func(name string) string {
		t.Helper()
		code, body := send(t, "GET", p.base+"/api/v1/export/"+name, "")
		if code != 200 {
			t.Fatalf("export %s: %d %s", name, code, body)
		}
		path := filepath.Join(dir, strings.NewReplacer("?", "-", "=", "-").Replace(name))
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, name := range []string{"risk.geojson", "area-summaries.geojson"} {
		t.Run("export "+name, func(t *testing.T) { geojsonHint(t, save(name)) })
	}
	t.Run("risk CSV through ogr2ogr", func(t *testing.T) {
		path := save("risk.csv?hxl=true")
		body, _ := os.ReadFile(path)
		if !strings.Contains(string(body), "#geo+lat") {
			t.Errorf("no HXL row in the CSV export:\n%.300s", body)
		}
		// ogr2ogr reads the CSV without the HXL row.
		plain := save("risk.csv")
		out := filepath.Join(dir, "risk-from-csv.geojson")
		runTool(t, "ogr2ogr", "-f", "GeoJSON", out, plain,
			"-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "HEADERS=YES")
		if got := featureCount(t, runTool(t, "ogrinfo", "-ro", "-so", "-al", out)); got != nCells {
			t.Fatalf("ogr2ogr wrote %d features from the CSV, want %d", got, nCells)
		}
	})
}

// TestRiskLayersFollowAnExtractImportedWhileServing: a server started on
// an empty data directory lists the risk and area-summaries collections,
// empty, and computes them once `mtaa import` adds an extract while it
// runs (it used to offer them only when an extract existed at start).
func TestRiskLayersFollowAnExtractImportedWhileServing(t *testing.T) {
	world, err := filepath.Abs("../../mapping/testdata/risk_world.osm")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := startServe(t, dir)
	count := func(collection string) int {
		t.Helper()
		code, body := send(t, "GET", p.base+"/ogc/collections/"+collection+"/items?limit=1", "")
		if code != 200 {
			t.Fatalf("%s items: %d %s", collection, code, body)
		}
		var page struct{ NumberMatched int }
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatal(err)
		}
		return page.NumberMatched
	}
	if n, m := count("risk"), count("area-summaries"); n != 0 || m != 0 {
		t.Fatalf("without an extract: %d risk cells, %d area summaries", n, m)
	}
	if out, err := exec.Command(mtaaBinary(t), "import", "--data", dir, world).CombinedOutput(); err != nil {
		t.Fatalf("import while serving: %v\n%s", err, out)
	}
	deadline := time.Now().Add(60 * time.Second)
	for count("risk") == 0 || count("area-summaries") == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the risk layers were not computed within 60 s of the import")
		}
		time.Sleep(200 * time.Millisecond)
	}
}
