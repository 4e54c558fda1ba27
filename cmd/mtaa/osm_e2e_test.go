package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data/datatest"
)

// osmTestdata is a file of the testdata folder that ships with the
// github.com/paulmach/osm module, read from the module cache.
func osmTestdata(t *testing.T, name string) string {
	t.Helper()
	p, err := datatest.OSMTestdata(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type reconciled struct {
	Properties struct {
		Areas []struct {
			OSMType    string `json:"osm_type"`
			OSMID      int64  `json:"osm_id"`
			Name       string
			AdminLevel *int `json:"admin_level"`
		}
		Nearest *struct {
			OSMType   string  `json:"osm_type"`
			OSMID     int64   `json:"osm_id"`
			Name      string  `json:"name"`
			DistanceM float64 `json:"distance_m"`
		}
		NotInOSM bool `json:"not_in_osm"`
	}
}

func getReconciled(t *testing.T, base string, id int) reconciled {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/reports/" + itoa(id))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r reconciled
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

func itoa(n int) string { return strconv.Itoa(n) }

func getJSON[T any](t *testing.T, url string) T {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v T
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return v
}

// TestServeWithDelaware is the newcomer's path: `mtaa serve --osm` on the
// Delaware extract imports it on first start, reports are reconciled
// against real OSM features, and a new `mtaa import` while the server runs
// is picked up and every report reconciled again.
func TestServeWithDelaware(t *testing.T) {
	dir := t.TempDir()
	p := startServe(t, dir, "--osm", osmTestdata(t, "delaware-latest.osm.pbf"))
	ctx := context.Background()
	// 63 m from Beebe Medical Center (node 1224462183, Lewes).
	code, body, err := postReport(ctx, http.DefaultClient, p.base,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[-75.1433,38.7722]},"properties":{"category":"medical"}}`, "")
	if err != nil || code != 201 {
		t.Fatalf("POST: %d %s %v", code, body, err)
	}
	r := getReconciled(t, p.base, 1)
	n := r.Properties.Nearest
	if n == nil || n.OSMType != "node" || n.OSMID != 1224462183 || n.Name != "Beebe Medical Center" || n.DistanceM < 55 || n.DistanceM > 70 {
		t.Fatalf("nearest %+v", n)
	}
	var lewes bool
	for _, a := range r.Properties.Areas {
		lewes = lewes || (a.Name == "Lewes" && a.AdminLevel != nil && *a.AdminLevel == 8)
	}
	if !lewes || r.Properties.Areas[0].Name != "Delaware" {
		t.Fatalf("areas %+v", r.Properties.Areas)
	}
	// A water report far from any mapped water point: on the to-map list.
	code, body, _ = postReport(ctx, http.DefaultClient, p.base,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[-75.4676957,39.7310]},"properties":{"category":"water_supply"}}`, "")
	if code != 201 || !getReconciled(t, p.base, 2).Properties.NotInOSM {
		t.Fatalf("water report: %d %s", code, body)
	}

	// The to-map list has the water report.
	nio := getJSON[struct {
		NumberMatched int
		Features      []struct{ ID int }
	}](t, p.base+"/api/v1/not-in-osm")
	if nio.NumberMatched != 1 || nio.Features[0].ID != 2 {
		t.Fatalf("not-in-osm %+v", nio)
	}
	// GDAL reads the OSM collections: every facility, across pages.
	want := getJSON[struct{ NumberMatched int }](t, p.base+"/ogc/collections/facilities/items?limit=1").NumberMatched
	if want < 300 {
		t.Fatalf("only %d facilities in Delaware", want)
	}
	src := "OAPIF:" + p.base + "/ogc"
	if got := featureCount(t, runTool(t, "ogrinfo", "-ro", "-so", src, "facilities")); got != want {
		t.Fatalf("ogrinfo counts %d facilities, want %d", got, want)
	}
	gpkg := filepath.Join(t.TempDir(), "facilities.gpkg")
	runTool(t, "ogr2ogr", "-f", "GPKG", gpkg, src, "facilities", "-oo", "PAGE_SIZE=100")
	if got := featureCount(t, runTool(t, "ogrinfo", "-ro", "-so", gpkg, "facilities")); got != want {
		t.Fatalf("GeoPackage has %d facilities, want %d", got, want)
	}
	hospitals := runTool(t, "ogrinfo", "-ro", gpkg, "-sql", "SELECT name FROM facilities WHERE osm_id = 1224462183")
	if !strings.Contains(hospitals, "Beebe Medical Center") {
		t.Fatalf("GeoPackage lacks Beebe Medical Center:\n%s", hospitals)
	}

	// Replace the extract while serving: a small Nairobi fixture has no
	// Delaware hospital, so report 1 loses its match once reconciled again.
	out, err := exec.Command(mtaaBinary(t), "import", "--quiet", "--data", dir, filepath.Join("..", "..", "mapping", "testdata", "facilities.osm")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "running server") {
		t.Fatalf("import while serving: %v\n%s", err, out)
	}
	deadline := time.Now().Add(30 * time.Second)
	for getReconciled(t, p.base, 1).Properties.Nearest != nil {
		if time.Now().After(deadline) {
			t.Fatalf("server did not reconcile with the new extract\n%s", p.stderr)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if a := getReconciled(t, p.base, 1).Properties.Areas; len(a) != 0 {
		t.Fatalf("areas after re-import %+v", a)
	}
}
