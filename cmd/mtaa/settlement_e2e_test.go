package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// send makes one request to the running server, a body as GeoJSON, and
// returns the status and body.
func send(t *testing.T, method, url, body string, header ...string) (int, []byte) {
	t.Helper()
	if body != "" {
		header = append([]string{"Content-Type", "application/geo+json"}, header...)
	}
	r := call(t, method, url, body, header...)
	return r.status, []byte(r.body)
}

// TestSettlementsE2E runs `mtaa serve` on the hand-built world of the
// mapping tests (one OSM informal settlement with buildings and
// facilities), draws a settlement through the API, reports inside both,
// and reads the informal-settlements layer as a client, GDAL and an NGO
// would: OGC items, ogrinfo through the OGC API driver, the GeoJSON
// export through @mapbox/geojsonhint and the CSV export through ogr2ogr.
func TestSettlementsE2E(t *testing.T) {
	world, err := filepath.Abs("../../mapping/testdata/settlement_world.osm")
	if err != nil {
		t.Fatal(err)
	}
	const token = "e2e-admin-token"
	p := startServe(t, t.TempDir(), "--osm", world, "--admin-token", token, "--service-thresholds", "water=300")

	drawn := `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[39.26,-6.81],[39.262,-6.81],[39.26,-6.808],[39.26,-6.81]]]},
		"properties":{"name":"Mtogole Juu","source":"mapper survey 2026","submitter":"mapper-9"}}`
	code, body := send(t, "POST", p.base+"/api/v1/settlements", drawn, "Idempotency-Key", "e2e-draw-1")
	if code != 201 || !strings.Contains(string(body), `"id":1`) {
		t.Fatalf("POST settlement: %d %s", code, body)
	}
	// An invalid drawing is refused and stores nothing.
	bowTie := `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[39.25,-6.81],[39.252,-6.808],[39.252,-6.81],[39.25,-6.808],[39.25,-6.81]]]},"properties":{"name":"x","source":"y"}}`
	if code, body := send(t, "POST", p.base+"/api/v1/settlements", bowTie); code != 400 || !strings.Contains(string(body), "crosses") {
		t.Fatalf("bow tie: %d %s", code, body)
	}
	for _, r := range []string{
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2505,-6.8095]},"properties":{"category":"flood"}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2603,-6.8097]},"properties":{"category":"water_supply"}}`,
	} {
		if code, body := send(t, "POST", p.base+"/api/v1/reports", r); code != 201 {
			t.Fatalf("POST report: %d %s", code, body)
		}
	}

	code, body = send(t, "GET", p.base+"/ogc/collections/informal-settlements/items", "")
	var page struct {
		NumberMatched int
		Features      []struct {
			ID         string
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(body, &page); code != 200 || err != nil || page.NumberMatched != 2 || len(page.Features) != 2 {
		t.Fatalf("items: %d %v %s", code, err, body)
	}
	osm, mapper := page.Features[0].Properties, page.Features[1].Properties
	water := osm["service_gaps"].(map[string]any)["water"].(map[string]any)
	if page.Features[0].ID != "way-100" || osm["buildings"] != 3.0 || osm["reports_total"] != 1.0 ||
		water["threshold_m"] != 300.0 || water["share_beyond"] != 0.0 {
		t.Errorf("OSM settlement: %v", osm)
	}
	if page.Features[1].ID != "mapper-1" || mapper["name"] != "Mtogole Juu" || mapper["reports_total"] != 1.0 {
		t.Errorf("drawn settlement: %v", mapper)
	}
	if strings.Contains(string(body), "mapper-9") || strings.Contains(string(body), "e2e-draw-1") {
		t.Errorf("private fields in public output: %s", body)
	}

	t.Run("items page with geojsonhint", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "items.geojson")
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
		geojsonHint(t, path)
	})
	t.Run("ogrinfo through OGC API", func(t *testing.T) {
		info := runTool(t, "ogrinfo", "-ro", "-so", "OAPIF:"+p.base+"/ogc", "informal-settlements")
		if got := featureCount(t, info); got != 2 {
			t.Fatalf("ogrinfo counts %d features, want 2\n%s", got, info)
		}
		if !strings.Contains(info, "Polygon") || !strings.Contains(info, "name: String") {
			t.Errorf("ogrinfo layer description:\n%s", info)
		}
	})

	dir := t.TempDir()
	save := func(name string) string {
		t.Helper()
		code, body := send(t, "GET", p.base+"/api/v1/export/"+name, "")
		if code != 200 {
			t.Fatalf("export %s: %d %s", name, code, body)
		}
		path := filepath.Join(dir, strings.ReplaceAll(name, "?", "-"))
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	t.Run("GeoJSON export", func(t *testing.T) {
		path := save("informal-settlements.geojson")
		geojsonHint(t, path)
		if got := featureCount(t, runTool(t, "ogrinfo", "-ro", "-so", "-al", path)); got != 2 {
			t.Fatalf("ogrinfo counts %d features in the export", got)
		}
	})
	t.Run("CSV export through ogr2ogr", func(t *testing.T) {
		path := save("informal-settlements.csv")
		out := filepath.Join(dir, "from-csv.geojson")
		runTool(t, "ogr2ogr", "-f", "GeoJSON", out, path,
			"-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "HEADERS=YES")
		if got := featureCount(t, runTool(t, "ogrinfo", "-ro", "-so", "-al", out)); got != 2 {
			t.Fatalf("ogr2ogr wrote %d features from the CSV, want 2", got)
		}
		geojsonHint(t, out)
	})

	// Moderation: a rejected drawing leaves the layer.
	if code, body := send(t, "PATCH", p.base+"/api/v1/settlements/1", `{"status":"rejected"}`, "Authorization", "Bearer "+token); code != 200 {
		t.Fatalf("PATCH: %d %s", code, body)
	}
	if _, body := send(t, "GET", p.base+"/ogc/collections/informal-settlements/items?origin=mapper", ""); !strings.Contains(string(body), `"numberMatched":0`) {
		t.Errorf("rejected settlement still served: %s", body)
	}
}

func TestServiceThresholdsFlag(t *testing.T) {
	cfg, err := parseServeFlags([]string{"--service-thresholds", "water=500,shelter=200"}, io.Discard)
	if err != nil || cfg.serviceThresholds["water"] != 500 || cfg.serviceThresholds["shelter"] != 200 || cfg.serviceThresholds["toilet"] != 100 {
		t.Fatalf("%v %v", cfg.serviceThresholds, err)
	}
	for _, bad := range []string{"water", "lava=10", "water=-5"} {
		var stderr strings.Builder
		if _, err := parseServeFlags([]string{"--service-thresholds", bad}, &stderr); err != errUsage || !strings.Contains(stderr.String(), "--service-thresholds") {
			t.Errorf("%q: %v %q", bad, err, stderr.String())
		}
	}
}
