package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/mapping"
)

// mvtContentType is the media type of Mapbox Vector Tiles.
const mvtContentType = "application/vnd.mapbox-vector-tile"

// tileCacheControl lets clients and proxies keep a tile ten minutes, then
// revalidate it with its ETag (a new import changes the tiles).
const tileCacheControl = "public, max-age=600"

// basemapTile serves GET /tiles/basemap/{z}/{x}/{y}.mvt: 200 with the
// gzipped tile when the client accepts gzip (plain otherwise), 204 for a
// tile with nothing in it, 304 when If-None-Match holds its ETag, 404 when
// no extract is loaded.
func (s *Server) basemapTile(c *gin.Context) error {
	// >> Args
	k, err := parseTilePath(c.Param("z"), c.Param("x"), c.Param("file"))
	if err != nil {
		return err
	}
	// >> Operation
	e, hit, ok, err := s.basemap.tile(k)
	if err != nil {
		return err
	}
	if !ok {
		return &apiError{Status: http.StatusNotFound, Code: "no_extract",
			Message: "no OSM extract is loaded, so there is no basemap: run mtaa import"}
	}
	// >> Response
	h := c.Writer.Header()
	h.Set("ETag", e.etag)
	h.Set("Cache-Control", tileCacheControl)
	h.Set("Vary", "Accept-Encoding")
	h.Set("X-Tile-Cache", map[bool]string{true: "hit", false: "miss"}[hit])
	if etagMatches(c.GetHeader("If-None-Match"), e.etag) {
		c.Status(http.StatusNotModified)
		return nil
	}
	if e.gz == nil {
		c.Status(http.StatusNoContent)
		return nil
	}
	body := e.gz
	if acceptsGzip(c.GetHeader("Accept-Encoding")) {
		h.Set("Content-Encoding", "gzip")
	} else if body, err = gunzip(e.gz); err != nil {
		return err
	}
	c.Data(http.StatusOK, mvtContentType, body)
	return nil
}

// parseTilePath checks z, x and "{y}.mvt": decimal digits only, z within
// 0..MaxTileZoom, x and y below 2^z.
func parseTilePath(zs, xs, file string) (tileKey, error) {
	ys, ok := strings.CutSuffix(file, ".mvt")
	if !ok {
		return tileKey{}, badParam("y", "the tile path ends in {y}.mvt")
	}
	z, err := tileNumber(zs, mapping.MaxTileZoom)
	if err != nil {
		return tileKey{}, badParam("z", "zoom must be an integer from 0 to "+strconv.Itoa(mapping.MaxTileZoom))
	}
	limit := uint64(1)<<z - 1
	x, err := tileNumber(xs, limit)
	if err != nil {
		return tileKey{}, badParam("x", "x must be an integer from 0 to "+strconv.FormatUint(limit, 10)+" at zoom "+zs)
	}
	y, err := tileNumber(ys, limit)
	if err != nil {
		return tileKey{}, badParam("y", "y must be an integer from 0 to "+strconv.FormatUint(limit, 10)+" at zoom "+zs)
	}
	return tileKey{z: uint32(z), x: uint32(x), y: uint32(y)}, nil
}

// tileNumber parses a tile coordinate: 1 to 6 decimal digits, at most max.
func tileNumber(s string, max uint64) (uint64, error) {
	if len(s) == 0 || len(s) > 6 {
		return 0, strconv.ErrRange
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, strconv.ErrSyntax
		}
	}
	v, err := strconv.ParseUint(s, 10, 32)
	if err != nil || v > max {
		return 0, strconv.ErrRange
	}
	return v, nil
}

// etagMatches reports whether an If-None-Match header names etag (or *).
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip (and
// does not refuse it with q=0).
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.TrimSpace(coding)
		if !strings.EqualFold(coding, "gzip") && coding != "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(p), "q="); ok {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					q = f
				}
			}
		}
		return q > 0
	}
	return false
}

func gunzip(gz []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// tileJSON is a TileJSON 3.0.0 document.
type tileJSON struct {
	TileJSON     string              `json:"tilejson"`
	Name         string              `json:"name"`
	Description  string              `json:"description"`
	Version      string              `json:"version"`
	Scheme       string              `json:"scheme"`
	Tiles        []string            `json:"tiles"`
	MinZoom      int                 `json:"minzoom"`
	MaxZoom      int                 `json:"maxzoom"`
	Bounds       []float64           `json:"bounds"`
	Center       []float64           `json:"center"`
	Attribution  string              `json:"attribution"`
	VectorLayers []mapping.TileLayer `json:"vector_layers"`
}

// basemapAttribution is the TileJSON attribution of the basemap.
const basemapAttribution = mapping.Attribution + ", ODbL"

// basemapTileJSON serves GET /tiles/basemap.json, the TileJSON that map
// clients (MapLibre: a "vector" source with "url") read the tile URL,
// zooms, bounds and layers from.
func (s *Server) basemapTileJSON(c *gin.Context) error {
	tiler, _ := s.basemap.current()
	if tiler == nil {
		return &apiError{Status: http.StatusNotFound, Code: "no_extract",
			Message: "no OSM extract is loaded, so there is no basemap: run mtaa import"}
	}
	b := tiler.Bound()
	center := b.Center()
	doc := tileJSON{
		TileJSON:     "3.0.0",
		Name:         "mtaa basemap",
		Description:  "OpenStreetMap extract served by mtaa",
		Version:      "1.0.0",
		Scheme:       "xyz",
		Tiles:        []string{s.baseURL(c) + "/tiles/basemap/{z}/{x}/{y}.mvt"},
		MinZoom:      0,
		MaxZoom:      mapping.MaxTileZoom,
		Bounds:       []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]},
		Center:       []float64{center[0], center[1], 12},
		Attribution:  basemapAttribution,
		VectorLayers: mapping.TileLayers,
	}
	c.Header("Cache-Control", "no-cache")
	c.JSON(http.StatusOK, doc)
	return nil
}
