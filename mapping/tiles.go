package mapping

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"

	"github.com/mtaa-project/mtaa/data"
)

// Basemap tile parameters.
const (
	// MaxTileZoom is the deepest zoom the basemap is generated for; map
	// clients overzoom beyond it.
	MaxTileZoom = 18
	// TileExtent is the size of a tile in tile coordinates.
	TileExtent = mvt.DefaultExtent
	// tileBuffer is how far, in tile coordinates, geometry is kept beyond
	// the tile's edges, so that lines and outlines join without seams.
	tileBuffer = 64
)

// Tiler renders basemap vector tiles (Mapbox Vector Tile 2.1) from an
// extract's features: see the layer schema at LayerRoads. It is built
// once per loaded extract and is safe for concurrent use.
type Tiler struct {
	bound  orb.Bound
	layers [][]*tileBand // per TileLayers slot, bands by ascending min zoom
}

// tileBand holds the features of one layer that appear from one zoom on,
// with a grid over their bounds.
type tileBand struct {
	minZoom int
	feats   []tileFeat
	bounds  []orb.Bound
	all     orb.Bound
	grid    *grid
}

type tileFeat struct {
	f       *data.OSMFeature
	asPoint bool
}

// NewTiler indexes the features of ix for the basemap.
func NewTiler(ix *Index) *Tiler {
	t := &Tiler{layers: make([][]*tileBand, len(TileLayers))}
	b := ix.meta.BoundOrb()
	t.bound = b
	bands := make([]map[int]*tileBand, len(TileLayers))
	add := func(f *data.OSMFeature, r tileRule) {
		if bands[r.layer] == nil {
			bands[r.layer] = make(map[int]*tileBand)
		}
		band := bands[r.layer][r.minZoom]
		if band == nil {
			band = &tileBand{minZoom: r.minZoom}
			bands[r.layer][r.minZoom] = band
		}
		fb := f.Point.Bound()
		if !r.asPoint && f.Geometry != nil {
			fb = f.Geometry.Bound()
		}
		band.feats = append(band.feats, tileFeat{f: f, asPoint: r.asPoint})
		band.bounds = append(band.bounds, fb)
	}
	first := true
	for _, f := range ix.all {
		if r, ok := basemapRule(f); ok {
			add(f, r)
		}
		if f.Kind == data.KindNeighbourhood {
			if r, ok := basemapAreaRule(f); ok {
				add(f, r)
			}
		}
		if ix.meta.Bound == [4]float64{} { // NewIndex without meta: use the features' extent
			fb := f.Point.Bound()
			if f.Geometry != nil {
				fb = f.Geometry.Bound()
			}
			if first {
				t.bound, first = fb, false
			} else {
				t.bound = t.bound.Union(fb)
			}
		}
	}
	for layer, m := range bands {
		for _, band := range m {
			band.all = unionBounds(band.bounds)
			band.grid = newGrid(band.bounds)
			t.layers[layer] = append(t.layers[layer], band)
		}
		sort.Slice(t.layers[layer], func(i, j int) bool { return t.layers[layer][i].minZoom < t.layers[layer][j].minZoom })
	}
	return t
}

// Bound returns the extent of the tiled features.
func (t *Tiler) Bound() orb.Bound { return t.bound }

// Tile returns the encoded (uncompressed) vector tile z/x/y, or nil when
// no feature of the basemap falls in it. z must be 0..MaxTileZoom and x, y
// below 2^z.
func (t *Tiler) Tile(z, x, y uint32) ([]byte, error) {
	if z > MaxTileZoom {
		return nil, fmt.Errorf("tile %d/%d/%d: zoom above %d", z, x, y, MaxTileZoom)
	}
	if n := uint32(1) << z; x >= n || y >= n {
		return nil, fmt.Errorf("tile %d/%d/%d: x and y must be below %d", z, x, y, n)
	}
	tile := maptile.New(x, y, maptile.Zoom(z))
	// The buffered bound: the tile plus tileBuffer units on every side.
	bb := tile.Bound(tileBuffer / float64(TileExtent))
	if !bb.Intersects(t.bound) {
		return nil, nil
	}
	proj := newTileProjection(z, x, y, tile.Center()[1])
	proj.pts = make([]orb.Point, 0, 4096)
	// A feature smaller than about a pixel (1/256 of the tile) is not
	// drawn, except points.
	minSize := (bb.Max[0] - bb.Min[0]) / 256
	var layers mvt.Layers
	var seen []uint64
	for li, bands := range t.layers {
		var feats []*geojson.Feature
		for _, band := range bands {
			if band.minZoom > int(z) {
				break
			}
			if !band.all.Intersects(bb) {
				continue
			}
			seen = band.candidates(bb, seen, func(i int) {
				fb := band.bounds[i]
				tf := band.feats[i]
				if !tf.asPoint && z < MaxTileZoom && math.Max(fb.Max[0]-fb.Min[0], fb.Max[1]-fb.Min[1]) < minSize {
					return
				}
				g := tileGeometry(tf, fb, bb, proj)
				if g == nil {
					return
				}
				gf := &geojson.Feature{Type: "Feature", Geometry: g, Properties: basemapProperties(tf.f, li)}
				if id := tileFeatureID(tf.f); id != 0 {
					gf.ID = id
				}
				feats = append(feats, gf)
			})
		}
		if len(feats) > 0 {
			layers = append(layers, &mvt.Layer{Name: TileLayers[li].ID, Version: 2, Extent: TileExtent, Features: feats})
		}
	}
	if len(layers) == 0 {
		return nil, nil
	}
	b, err := mvt.Marshal(layers)
	if err != nil {
		return nil, fmt.Errorf("encode tile %d/%d/%d: %w", z, x, y, err)
	}
	return b, nil
}

// candidates calls fn once with the position of every feature of the band
// whose bound meets bb. seen is scratch space, returned for reuse.
func (b *tileBand) candidates(bb orb.Bound, seen []uint64, fn func(i int)) []uint64 {
	if bb.Contains(b.all.Min) && bb.Contains(b.all.Max) {
		for i := range b.feats {
			fn(i)
		}
		return seen
	}
	words := (len(b.feats) + 63) / 64
	if cap(seen) < words {
		seen = make([]uint64, words)
	} else {
		seen = seen[:words]
		clear(seen)
	}
	visit := func(i int32) {
		if seen[i/64]&(1<<(i%64)) != 0 {
			return
		}
		seen[i/64] |= 1 << (i % 64)
		if b.bounds[i].Intersects(bb) {
			fn(int(i))
		}
	}
	g := b.grid
	for _, i := range g.big {
		visit(i)
	}
	x0, y0 := g.cellOf(bb.Min)
	x1, y1 := g.cellOf(bb.Max)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			for _, i := range g.cellItems(x, y) {
				visit(i)
			}
		}
	}
	return seen
}
