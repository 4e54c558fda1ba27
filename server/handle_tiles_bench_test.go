package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/paulmach/orb/maptile"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/server"
)

// delawareDenseTile imports the Delaware extract from the module cache and
// returns its index and the path of its densest zoom-16 tile (most
// buildings and roads by their points).
func delawareDenseTile(b *testing.B) (*mapping.Index, string) {
	b.Helper()
	pbf, err := datatest.OSMTestdata("delaware-latest.osm.pbf")
	if err != nil {
		b.Skip(err)
	}
	res, err := mapping.Import(context.Background(), pbf, b.TempDir(), mapping.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ix, err := mapping.Load(res.Path)
	if err != nil {
		b.Fatal(err)
	}
	counts := make(map[maptile.Tile]int)
	for _, f := range ix.Select([]data.FeatureKind{data.KindBuilding, data.KindRoad}, nil, nil) {
		counts[maptile.At(f.Point, 16)]++
	}
	var best maptile.Tile
	n := -1
	for tl, c := range counts {
		if c > n || (c == n && tl.Quadkey() < best.Quadkey()) {
			best, n = tl, c
		}
	}
	return ix, tilePath(best.Center(), 16)
}

// BenchmarkBasemapTile serves the densest Delaware zoom-16 tile through
// the handler, gzipped: Miss renders it every time (a cache too small to
// keep it), Hit serves it from the cache.
func BenchmarkBasemapTile(b *testing.B) {
	ix, path := delawareDenseTile(b)
	for _, bc := range []struct {
		name  string
		cache int
	}{{"Miss", 1}, {"Hit", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			var ext atomic.Pointer[mapping.Index]
			ext.Store(ix)
			st, _ := datatest.NewStore(b)
			h := server.New(server.Config{TileCacheBytes: bc.cache}, server.Deps{Store: st, Extract: ext.Load}).Handler()
			get := func() *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
				}
				return rec
			}
			get() // builds the tiler (and fills the cache for Hit)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				get()
			}
		})
	}
}
