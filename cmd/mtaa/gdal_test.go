package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// gdalTool finds a GDAL command-line program. `make test` installs
// gdal-bin when it is missing, so its absence is a failure, not a skip.
func gdalTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found: run `make test-deps` (installs Debian's gdal-bin)", name)
	}
	return path
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(gdalTool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

var featureCountRE = regexp.MustCompile(`Feature Count: (\d+)`)

func featureCount(t *testing.T, ogrinfoOutput string) int {
	t.Helper()
	m := featureCountRE.FindStringSubmatch(ogrinfoOutput)
	if m == nil {
		t.Fatalf("no feature count in:\n%s", ogrinfoOutput)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestGDALReadsOGCAPI drives the real server with GDAL's OGC API Features
// driver, as QGIS does: ogrinfo lists the layer with the right count, and
// ogr2ogr copies every feature across several pages into a GeoPackage.
func TestGDALReadsOGCAPI(t *testing.T) {
	p := startServe(t, t.TempDir())
	const n = 237
	categories := []string{"flood", "water_supply", "blocked_drain"}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Point","coordinates":[%f,%f]},"properties":{"category":%q,"description":"report %d","accuracy_m":%d.5}}`,
				39.2+float64(i%20)*0.001, -6.8-float64(i/20)*0.001, categories[i%3], i, i%50)
			code, b, err := postReport(context.Background(), http.DefaultClient, p.base, body, "")
			if err != nil || code != 201 {
				errs <- fmt.Errorf("POST %d: %d %s %v", i, code, b, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	src := "OAPIF:" + p.base + "/ogc"
	info := runTool(t, "ogrinfo", "-ro", "-so", src, "reports")
	if got := featureCount(t, info); got != n {
		t.Fatalf("ogrinfo counts %d features, want %d\n%s", got, n, info)
	}
	if !strings.Contains(info, "Geometry: Point") || !strings.Contains(info, "category: String") {
		t.Errorf("ogrinfo layer description:\n%s", info)
	}

	gpkg := filepath.Join(t.TempDir(), "reports.gpkg")
	// A page size of 50 makes GDAL follow next links across 5 pages.
	before := itemsRequests(t, p.base)
	runTool(t, "ogr2ogr", "-f", "GPKG", gpkg, src, "reports", "-oo", "PAGE_SIZE=50")
	if pages := itemsRequests(t, p.base) - before; pages < 5 {
		t.Errorf("ogr2ogr fetched %d pages of items, want at least 5", pages)
	}
	if got := featureCount(t, runTool(t, "ogrinfo", "-ro", "-so", gpkg, "reports")); got != n {
		t.Fatalf("GeoPackage has %d features, want %d", got, n)
	}
	out := runTool(t, "ogrinfo", "-ro", gpkg, "-sql",
		"SELECT COUNT(DISTINCT id) AS ids, SUM(category = 'flood') AS floods, MIN(ST_X(geom)) AS minx FROM reports", "-dialect", "SQLite")
	for _, want := range []string{fmt.Sprintf("ids (Integer) = %d", n), "floods (Integer) = 79", "minx (Real) = 39.2"} {
		if !strings.Contains(out, want) {
			t.Errorf("GeoPackage query lacks %q:\n%s", want, out)
		}
	}

	// A bbox filter through GDAL's spatial filter reaches the server.
	filtered := runTool(t, "ogrinfo", "-ro", "-so", src, "reports", "-spat", "39.1995", "-6.8005", "39.2045", "-6.7995")
	if got := featureCount(t, filtered); got != 5 {
		t.Errorf("spatially filtered count %d, want 5\n%s", got, filtered)
	}
}

var itemsCounterRE = regexp.MustCompile(`mtaa_http_requests_total\{method="GET",route="/ogc/collections/:collection/items",status="200"\} (\d+)`)

// itemsRequests reads from /metrics how many item pages were served.
func itemsRequests(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	m := itemsCounterRE.FindSubmatch(b)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}
