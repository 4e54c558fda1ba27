package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// download GETs url into dir/name and returns the path and the body.
func download(t *testing.T, url, dir, name string) (string, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v\n%s", url, resp.StatusCode, err, body)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="mtaa-reports-`) {
		t.Errorf("GET %s: Content-Disposition %q", url, cd)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, body
}

// geojsonHint runs scripts/geojsonhint.sh (@mapbox/geojsonhint, installed
// with npm on first use) on path.
func geojsonHint(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("npm"); err != nil {
		t.Fatalf("npm not found: the export test checks files with @mapbox/geojsonhint (Debian: apt-get install npm)")
	}
	script, err := filepath.Abs("../../scripts/geojsonhint.sh")
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(script, path).CombinedOutput(); err != nil {
		t.Fatalf("geojsonhint %s: %v\n%s", path, err, out)
	}
}

// TestExportE2E exports reports from the real server as GeoJSON and CSV
// and loads them with GDAL (and @mapbox/geojsonhint), as an NGO's GIS
// officer would: same feature count everywhere, and no personal data.
func TestExportE2E(t *testing.T) {
	p := startServe(t, t.TempDir())
	const n = 150
	const phone, key = "+255700111222", "export-e2e-key-0001"
	categories := []string{"flood", "water_supply", "security"}
	for i := 0; i < n; i++ {
		props := map[string]any{"category": categories[i%3], "description": fmt.Sprintf(`report %d, "quoted", {braced}`, i)}
		k := ""
		if i == 2 {
			props["reporter"] = phone
			k = key
		}
		body, _ := json.Marshal(map[string]any{
			"type":       "Feature",
			"geometry":   map[string]any{"type": "Point", "coordinates": []float64{39.2 + float64(i%15)*0.003, -6.8 - float64(i/15)*0.003}},
			"properties": props,
		})
		if code, b, err := postReport(context.Background(), http.DefaultClient, p.base, string(body), k); err != nil || code != 201 {
			t.Fatalf("POST %d: %d %s %v", i, code, b, err)
		}
	}
	dir := t.TempDir()
	geo, geoBody := download(t, p.base+"/api/v1/export/reports.geojson", dir, "reports.geojson")
	plain, plainBody := download(t, p.base+"/api/v1/export/reports.csv", dir, "reports.csv")
	hxl, hxlBody := download(t, p.base+"/api/v1/export/reports.csv?hxl=true", dir, "reports-hxl.csv")
	for name, body := range map[string][]byte{geo: geoBody, plain: plainBody, hxl: hxlBody} {
		for _, secret := range []string{phone, strings.TrimPrefix(phone, "+"), key} {
			if bytes.Contains(body, []byte(secret)) {
				t.Errorf("%s contains %q", filepath.Base(name), secret)
			}
		}
	}

	t.Run("GeoJSON with ogrinfo", func(t *testing.T) {
		info := runTool(t, "ogrinfo", "-ro", "-so", "-al", geo)
		if got := featureCount(t, info); got != n {
			t.Fatalf("ogrinfo counts %d features, want %d\n%s", got, n, info)
		}
		if !strings.Contains(info, "Geometry: Point") {
			t.Errorf("geometry type:\n%s", info)
		}
	})
	t.Run("GeoJSON with geojsonhint", func(t *testing.T) { geojsonHint(t, geo) })

	t.Run("CSV through ogr2ogr", func(t *testing.T) {
		out := filepath.Join(dir, "from-csv.geojson")
		runTool(t, "ogr2ogr", "-f", "GeoJSON", out, plain,
			"-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "HEADERS=YES", "-oo", "AUTODETECT_TYPE=YES")
		info := runTool(t, "ogrinfo", "-ro", "-so", "-al", out)
		if got := featureCount(t, info); got != n {
			t.Fatalf("ogr2ogr wrote %d features, want %d\n%s", got, n, info)
		}
		// Every row has a point, and the generalised ones are flagged.
		fc := readGeoJSON(t, out)
		generalised := 0
		for _, f := range fc.Features {
			if f.Geometry == nil || len(f.Geometry.Coordinates) != 2 {
				t.Fatalf("feature %v has no point", f.Properties["id"])
			}
			if f.Properties["location_generalised"] == true || f.Properties["location_generalised"] == "true" {
				generalised++
			}
		}
		if generalised != n/3 {
			t.Errorf("%d generalised rows, want %d", generalised, n/3)
		}
		geojsonHint(t, out)
	})

	// GDAL has no option to skip the HXL row (it reads it as a first data
	// row without a point), so the HXL file goes through GDAL with a
	// filter, and through encoding/csv as is.
	t.Run("HXL CSV", func(t *testing.T) {
		recs, err := csv.NewReader(bytes.NewReader(hxlBody)).ReadAll()
		if err != nil || len(recs) != n+2 || !strings.HasPrefix(recs[1][0], "#") {
			t.Fatalf("HXL CSV: %v, %d records", err, len(recs))
		}
		if recs[0][7] != "lon" || recs[1][7] != "#geo+lon" || recs[0][8] != "lat" || recs[1][8] != "#geo+lat" {
			t.Errorf("HXL row %v", recs[1])
		}
		out := filepath.Join(dir, "from-hxl.geojson")
		runTool(t, "ogr2ogr", "-f", "GeoJSON", out, hxl,
			"-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "HEADERS=YES",
			"-where", "id NOT LIKE '#%'")
		if got := featureCount(t, runTool(t, "ogrinfo", "-ro", "-so", "-al", out)); got != n {
			t.Fatalf("ogr2ogr wrote %d features from the HXL CSV, want %d", got, n)
		}
	})
}

type looseFC struct {
	Features []struct {
		Geometry *struct {
			Coordinates []float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties map[string]any `json:"properties"`
	} `json:"features"`
}

func readGeoJSON(t *testing.T, path string) looseFC {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc looseFC
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return fc
}
