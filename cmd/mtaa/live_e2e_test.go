package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
)

// TestServeBasemapEventsPhotos runs mtaa serve on the Delaware extract:
// a dense basemap tile with building footprints, a report seen live on an
// event stream, its photo uploaded with the token from the POST and read
// back by the admin, and SIGTERM ending the open stream so that shutdown
// completes cleanly.
func TestServeBasemapEventsPhotos(t *testing.T) {
	p := startServe(t, t.TempDir(), "--osm", osmTestdata(t, "delaware-latest.osm.pbf"), "--admin-token", "e2e-admin")

	resp, err := http.Get(p.base + "/tiles/basemap.json")
	if err != nil {
		t.Fatal(err)
	}
	var tj struct {
		Tiles       []string
		Attribution string
	}
	err = json.NewDecoder(resp.Body).Decode(&tj)
	resp.Body.Close()
	if err != nil || len(tj.Tiles) != 1 || tj.Attribution != "© OpenStreetMap contributors, ODbL" {
		t.Fatalf("TileJSON %+v: %v", tj, err)
	}

	// The densest zoom-16 tile of Delaware (mapping.TestTileDelawareDense).
	req, _ := http.NewRequest(http.MethodGet, p.base+"/tiles/basemap/16/19015/24860.mvt", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err = http.DefaultTransport.RoundTrip(req) // no transparent gunzip
	if err != nil {
		t.Fatal(err)
	}
	tile, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Content-Type") != "application/vnd.mapbox-vector-tile" {
		t.Fatalf("tile: %d %v", resp.StatusCode, resp.Header)
	}
	layers, err := mvt.UnmarshalGzipped(tile)
	if err != nil {
		t.Fatal(err)
	}
	footprints := 0
	for _, l := range layers {
		for _, f := range l.Features {
			if _, ok := f.Geometry.(orb.Polygon); ok && l.Name == "buildings" {
				footprints++
			}
		}
	}
	if footprints < 50 {
		t.Errorf("dense tile has %d building footprints", footprints)
	}

	stream, err := http.Get(p.base + "/api/v1/events")
	if err != nil || stream.StatusCode != 200 {
		t.Fatalf("events: %v %v", err, stream)
	}
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stream.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()

	resp, err = http.Post(p.base+"/api/v1/reports", "application/geo+json", strings.NewReader(
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[-75.1433,38.7722]},"properties":{"category":"flood","description":"street under water"}}`))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("POST report: %v %v", err, resp)
	}
	resp.Body.Close()
	token := resp.Header.Get("X-Upload-Token")
	for line := range lines {
		if line == "id: 1" {
			break
		}
	}

	img := image.NewRGBA(image.Rect(0, 0, 8, 6))
	img.Set(2, 2, color.RGBA{200, 0, 0, 255})
	var photo bytes.Buffer
	if err := png.Encode(&photo, img); err != nil {
		t.Fatal(err)
	}
	req, _ = http.NewRequest(http.MethodPost, p.base+"/api/v1/reports/1/photo", bytes.NewReader(photo.Bytes()))
	req.Header.Set("Content-Type", "image/png")
	req.Header.Set("X-Upload-Token", token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 201 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("upload photo: %v %d %s", err, resp.StatusCode, b)
	}
	resp.Body.Close()
	req, _ = http.NewRequest(http.MethodGet, p.base+"/api/v1/reports/1/photo", nil)
	req.Header.Set("Authorization", "Bearer e2e-admin")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(got)); resp.StatusCode != 200 || err != nil || cfg.Width != 8 {
		t.Fatalf("GET photo: %d %v %+v", resp.StatusCode, err, cfg)
	}

	// SIGTERM with the stream open: it ends, and Shutdown completes
	// instead of timing out on it.
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	for range lines { // until the server closes the stream
	}
	if err := p.wait(t); err != nil {
		t.Fatalf("exit: %v\n%s", err, p.stderr)
	}
	logs := p.stderr.String()
	if strings.Contains(logs, `msg=shutdown`) || !strings.Contains(logs, "msg=stopped") {
		t.Errorf("shutdown was not clean:\n%s", logs)
	}
}
