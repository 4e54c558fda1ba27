package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/server"
)

// tileCentre is the centre of the zoom-16 tile the tile tests draw.
var tileCentre = maptile.At(orb.Point{36.7880, -1.3130}, 16).Center()

func box(c orb.Point, half float64) orb.Ring {
	return orb.Ring{{c[0] - half, c[1] - half}, {c[0] + half, c[1] - half}, {c[0] + half, c[1] + half},
		{c[0] - half, c[1] + half}, {c[0] - half, c[1] - half}}
}

// tileIndex is a small extract: a named road and a building in the tile
// at tileCentre, and roadName's road.
func tileIndex(roadName string) *mapping.Index {
	c := tileCentre
	return mapping.NewIndex([]*data.OSMFeature{
		{Kind: data.KindRoad, Class: "residential", OSMType: data.OSMWay, OSMID: 1, Names: data.Tags{{Key: "name", Value: roadName}},
			Point: c, Geometry: orb.LineString{{c[0] - 0.001, c[1]}, {c[0] + 0.001, c[1]}}},
		{Kind: data.KindBuilding, Class: "yes", OSMType: data.OSMWay, OSMID: 2, Point: c,
			Geometry: orb.Polygon{box(orb.Point{c[0], c[1] + 0.0003}, 0.0001)}},
	})
}

// newTileServer serves the index that extract points to.
func newTileServer(t *testing.T, extract *atomic.Pointer[mapping.Index], cacheBytes int) *testServer {
	t.Helper()
	st, dir := datatest.NewStore(t)
	srv := server.New(server.Config{PublicURL: "http://mtaa.test", TileCacheBytes: cacheBytes},
		server.Deps{Store: st, Extract: extract.Load})
	return &testServer{t: t, store: st, dir: dir, h: srv.Handler()}
}

func tilePath(p orb.Point, z maptile.Zoom) string {
	tl := maptile.At(p, z)
	return fmt.Sprintf("/tiles/basemap/%d/%d/%d.mvt", tl.Z, tl.X, tl.Y)
}

// decodeMVT decodes a tile response body into its layers by name.
func decodeMVT(t *testing.T, body []byte, gzipped bool) map[string]*mvt.Layer {
	t.Helper()
	var layers mvt.Layers
	var err error
	if gzipped {
		layers, err = mvt.UnmarshalGzipped(body)
	} else {
		layers, err = mvt.Unmarshal(body)
	}
	if err != nil {
		t.Fatalf("decode tile: %v", err)
	}
	out := make(map[string]*mvt.Layer)
	for _, l := range layers {
		out[l.Name] = l
	}
	return out
}

func TestBasemapTileServedCachedAndRevalidated(t *testing.T) {
	var ix atomic.Pointer[mapping.Index]
	ix.Store(tileIndex("Kibera Drive"))
	ts := newTileServer(t, &ix, 0)
	path := tilePath(tileCentre, 16)

	first := ts.do(http.MethodGet, path, "", nil, "Accept-Encoding", "gzip, deflate")
	if first.Status != http.StatusOK || first.Header.Get("Content-Type") != "application/vnd.mapbox-vector-tile" ||
		first.Header.Get("Content-Encoding") != "gzip" || first.Header.Get("X-Tile-Cache") != "miss" {
		t.Fatalf("first GET: %d %v", first.Status, first.Header)
	}
	layers := decodeMVT(t, first.Body, true)
	roads, buildings := layers[mapping.LayerRoads], layers[mapping.LayerBuildings]
	if roads == nil || len(roads.Features) != 1 || roads.Features[0].Properties["name"] != "Kibera Drive" || roads.Features[0].Properties["class"] != "residential" {
		t.Fatalf("roads layer: %+v", roads)
	}
	if buildings == nil || len(buildings.Features) != 1 {
		t.Fatalf("buildings layer: %+v", buildings)
	}
	if _, ok := buildings.Features[0].Geometry.(orb.Polygon); !ok {
		t.Errorf("building geometry %T", buildings.Features[0].Geometry)
	}

	second := ts.do(http.MethodGet, path, "", nil, "Accept-Encoding", "gzip")
	if second.Header.Get("X-Tile-Cache") != "hit" || !bytes.Equal(second.Body, first.Body) {
		t.Errorf("second GET: cache %q, same bytes %v", second.Header.Get("X-Tile-Cache"), bytes.Equal(second.Body, first.Body))
	}
	etag := first.Header.Get("ETag")
	if etag == "" || second.Header.Get("ETag") != etag {
		t.Fatalf("ETags %q, %q", etag, second.Header.Get("ETag"))
	}
	notModified := ts.do(http.MethodGet, path, "", nil, "If-None-Match", etag, "Accept-Encoding", "gzip")
	if notModified.Status != http.StatusNotModified || len(notModified.Body) != 0 {
		t.Errorf("If-None-Match: %d, %d bytes", notModified.Status, len(notModified.Body))
	}

	// A client without gzip gets the same tile uncompressed.
	plain := ts.do(http.MethodGet, path, "", nil, "Accept-Encoding", "gzip;q=0, identity")
	if plain.Status != http.StatusOK || plain.Header.Get("Content-Encoding") != "" {
		t.Fatalf("plain GET: %d %v", plain.Status, plain.Header)
	}
	zr, err := gzip.NewReader(bytes.NewReader(first.Body))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, _ := io.ReadAll(zr)
	if !bytes.Equal(plain.Body, unzipped) {
		t.Error("plain tile differs from the gunzipped one")
	}

	// A new extract: new tiles, and the old ETag no longer matches.
	ix.Store(tileIndex("Olympic Road"))
	after := ts.do(http.MethodGet, path, "", nil, "If-None-Match", etag, "Accept-Encoding", "gzip")
	if after.Status != http.StatusOK || after.Header.Get("X-Tile-Cache") != "miss" {
		t.Fatalf("after reload: %d %v", after.Status, after.Header)
	}
	if got := decodeMVT(t, after.Body, true)[mapping.LayerRoads].Features[0].Properties["name"]; got != "Olympic Road" {
		t.Errorf("after reload the road is %v", got)
	}
}

func TestBasemapTileEmptyAndMissingExtract(t *testing.T) {
	var ix atomic.Pointer[mapping.Index]
	ix.Store(tileIndex("Kibera Drive"))
	ts := newTileServer(t, &ix, 0)
	empty := ts.do(http.MethodGet, tilePath(orb.Point{-75.1, 38.7}, 16), "", nil, "Accept-Encoding", "gzip")
	if empty.Status != http.StatusNoContent || len(empty.Body) != 0 || empty.Header.Get("ETag") == "" {
		t.Errorf("tile without features: %d, %d bytes, %v", empty.Status, len(empty.Body), empty.Header)
	}
	ix.Store(nil)
	for _, path := range []string{tilePath(tileCentre, 16), "/tiles/basemap.json"} {
		r := ts.do(http.MethodGet, path, "", nil)
		if r.Status != http.StatusNotFound || errorCode(t, r.Body) != "no_extract/" {
			t.Errorf("%s without extract: %d %s", path, r.Status, r.Body)
		}
	}
}

func errorCode(t *testing.T, body []byte) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Field string }
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body %q: %v", body, err)
	}
	return e.Error.Code + "/" + e.Error.Field
}

func TestBasemapTileBadPaths(t *testing.T) {
	var ix atomic.Pointer[mapping.Index]
	ix.Store(tileIndex("Kibera Drive"))
	ts := newTileServer(t, &ix, 0)
	tests := []struct {
		name, path string
		status     int
		code       string
	}{
		{name: "zoom too deep", path: "/tiles/basemap/19/0/0.mvt", status: 400, code: "invalid_parameter/z"},
		{name: "negative zoom", path: "/tiles/basemap/-1/0/0.mvt", status: 400, code: "invalid_parameter/z"},
		{name: "x beyond the zoom", path: "/tiles/basemap/1/2/0.mvt", status: 400, code: "invalid_parameter/x"},
		{name: "y beyond the zoom", path: "/tiles/basemap/1/0/2.mvt", status: 400, code: "invalid_parameter/y"},
		{name: "negative x", path: "/tiles/basemap/3/-1/0.mvt", status: 400, code: "invalid_parameter/x"},
		{name: "huge number", path: "/tiles/basemap/16/99999999999999999999/1.mvt", status: 400, code: "invalid_parameter/x"},
		{name: "not a number", path: "/tiles/basemap/a/0/0.mvt", status: 400, code: "invalid_parameter/z"},
		{name: "plus sign", path: "/tiles/basemap/+1/0/0.mvt", status: 400, code: "invalid_parameter/z"},
		{name: "pbf suffix", path: "/tiles/basemap/0/0/0.pbf", status: 400, code: "invalid_parameter/y"},
		{name: "no suffix", path: "/tiles/basemap/0/0/0", status: 400, code: "invalid_parameter/y"},
		{name: "dot dot", path: "/tiles/basemap/16/../1/2.mvt", status: 404, code: "not_found/"},
		{name: "encoded dot dot", path: "/tiles/basemap/16/%2e%2e/2.mvt", status: 400, code: "invalid_parameter/x"},
		{name: "encoded slash", path: "/tiles/basemap/16/1%2f2/3.mvt", status: 404, code: "not_found/"},
		{name: "too few parts", path: "/tiles/basemap/16/1.mvt", status: 404, code: "not_found/"},
		{name: "too many parts", path: "/tiles/basemap/16/1/2/3.mvt", status: 404, code: "not_found/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.do(http.MethodGet, tc.path, "", nil)
			if r.Status != tc.status || errorCode(t, r.Body) != tc.code {
				t.Errorf("GET %s = %d %s, want %d %s", tc.path, r.Status, r.Body, tc.status, tc.code)
			}
		})
	}
}

func TestBasemapTileJSON(t *testing.T) {
	var ix atomic.Pointer[mapping.Index]
	ix.Store(tileIndex("Kibera Drive"))
	ts := newTileServer(t, &ix, 0)
	r := ts.do(http.MethodGet, "/tiles/basemap.json", "", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	var doc struct {
		TileJSON     string    `json:"tilejson"`
		Tiles        []string  `json:"tiles"`
		MinZoom      *int      `json:"minzoom"`
		MaxZoom      int       `json:"maxzoom"`
		Bounds       []float64 `json:"bounds"`
		Center       []float64 `json:"center"`
		Attribution  string    `json:"attribution"`
		VectorLayers []struct {
			ID     string            `json:"id"`
			Fields map[string]string `json:"fields"`
		} `json:"vector_layers"`
	}
	if err := json.Unmarshal(r.Body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.TileJSON != "3.0.0" || len(doc.Tiles) != 1 || doc.Tiles[0] != "http://mtaa.test/tiles/basemap/{z}/{x}/{y}.mvt" ||
		doc.MinZoom == nil || *doc.MinZoom != 0 || doc.MaxZoom != 18 || doc.Attribution != "© OpenStreetMap contributors, ODbL" {
		t.Errorf("TileJSON = %s", r.Body)
	}
	if len(doc.Bounds) != 4 || doc.Bounds[0] > tileCentre[0] || doc.Bounds[2] < tileCentre[0] || len(doc.Center) != 3 {
		t.Errorf("bounds %v center %v", doc.Bounds, doc.Center)
	}
	ids := map[string]bool{}
	for _, l := range doc.VectorLayers {
		ids[l.ID] = l.Fields["class"] != "" && l.Fields["name"] != ""
	}
	for _, want := range []string{"landuse", "roads", "buildings", "water", "places", "facilities", "areas"} {
		if !ids[want] {
			t.Errorf("vector_layers: %s missing or without class/name fields: %s", want, r.Body)
		}
	}
}

func TestBasemapTileCacheBound(t *testing.T) {
	var ix atomic.Pointer[mapping.Index]
	ix.Store(tileIndex("Kibera Drive"))
	ts := newTileServer(t, &ix, 1) // too small for any tile: nothing is kept
	path := tilePath(tileCentre, 16)
	for i := 0; i < 2; i++ {
		if r := ts.do(http.MethodGet, path, "", nil, "Accept-Encoding", "gzip"); r.Header.Get("X-Tile-Cache") != "miss" {
			t.Fatalf("GET %d: %v", i, r.Header)
		}
	}
}
