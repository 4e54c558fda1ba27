package mapping_test

import (
	"context"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/planar"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// kibera is the centre of a zoom-16 tile in Nairobi's Kibera; the
// hand-built features lie around it, inside that tile.
var kibera = maptile.At(orb.Point{36.7880, -1.3130}, 16).Center()

func tileSquare(c orb.Point, half float64) orb.Ring {
	// Counter-clockwise, as RFC 7946 wants shells.
	return orb.Ring{{c[0] - half, c[1] - half}, {c[0] + half, c[1] - half}, {c[0] + half, c[1] + half},
		{c[0] - half, c[1] + half}, {c[0] - half, c[1] - half}}
}

func reversed(r orb.Ring) orb.Ring {
	out := append(orb.Ring(nil), r...)
	out.Reverse()
	return out
}

// handBuiltTiler indexes one feature of each basemap layer around kibera.
func handBuiltTiler() *mapping.Tiler {
	p := func(dx, dy float64) orb.Point { return orb.Point{kibera[0] + dx, kibera[1] + dy} }
	feats := []*data.OSMFeature{
		{Kind: data.KindRoad, Class: "residential", OSMType: data.OSMWay, OSMID: 11, Names: data.Tags{{Key: "name", Value: "Kibera Drive"}},
			Tags: data.Tags{{Key: "oneway", Value: "yes"}}, Point: kibera, Geometry: orb.LineString{p(-0.001, 0), p(0, 0.0002), p(0.001, 0)}},
		{Kind: data.KindRoad, Class: "footway", OSMType: data.OSMWay, OSMID: 12, Point: kibera,
			Geometry: orb.LineString{p(-0.0005, -0.0005), p(0.0005, -0.0005)}},
		{Kind: data.KindBuilding, Class: "school", OSMType: data.OSMWay, OSMID: 13, Names: data.Tags{{Key: "name", Value: "Olympic School"}},
			Tags: data.Tags{{Key: "building:levels", Value: "2"}}, Point: p(0.0003, 0.0003), Geometry: orb.Polygon{tileSquare(p(0.0003, 0.0003), 0.0001)}, AreaM2: 480},
		{Kind: data.KindWaterArea, Class: "water", OSMType: data.OSMRelation, OSMID: 14, Point: p(-0.0006, 0.0006),
			Geometry: orb.Polygon{tileSquare(p(-0.0006, 0.0006), 0.0003), reversed(tileSquare(p(-0.0006, 0.0006), 0.0001))}, AreaM2: 4000},
		{Kind: data.KindWaterway, Class: "stream", OSMType: data.OSMWay, OSMID: 15, Names: data.Tags{{Key: "name", Value: "Ngong River"}},
			Point: p(0, -0.001), Geometry: orb.LineString{p(-0.002, -0.001), p(0.002, -0.001)}},
		{Kind: data.KindPlace, Class: "village", OSMType: data.OSMNode, OSMID: 16, Names: data.Tags{{Key: "name", Value: "Kianda"}},
			Tags: data.Tags{{Key: "population", Value: "12000"}}, Point: p(0.0002, -0.0002)},
		{Kind: data.KindHealth, Class: "clinic", OSMType: data.OSMNode, OSMID: 17, Names: data.Tags{{Key: "name", Value: "Kibera Clinic"}}, Point: p(-0.0002, 0.0001)},
		{Kind: data.KindAdmin, Class: "4", OSMType: data.OSMRelation, OSMID: 18, Names: data.Tags{{Key: "name", Value: "Nairobi"}},
			Point: kibera, Geometry: orb.MultiPolygon{{tileSquare(kibera, 0.05)}, {tileSquare(p(0.2, 0.2), 0.01)}}},
		{Kind: data.KindInformal, Class: "slum", OSMType: data.OSMWay, OSMID: 19, Names: data.Tags{{Key: "name", Value: "Kianda"}},
			Point: kibera, Geometry: orb.Polygon{tileSquare(kibera, 0.0015)}},
		{Kind: data.KindLanduse, Class: "park", OSMType: data.OSMWay, OSMID: 21, Names: data.Tags{{Key: "name", Value: "Kamukunji Grounds"}},
			Point: p(0.0006, -0.0006), Geometry: orb.Polygon{tileSquare(p(0.0006, -0.0006), 0.0003)}, AreaM2: 4000},
		{Kind: data.KindNeighbourhood, Class: "neighbourhood", OSMType: data.OSMRelation, OSMID: 20, Names: data.Tags{{Key: "name", Value: "Makina"}},
			Point: p(0.0004, 0.0004), Geometry: orb.Polygon{tileSquare(p(0.0004, 0.0004), 0.001)}},
	}
	return mapping.NewTiler(mapping.NewIndex(feats))
}

// decodeTile renders z/x/y and decodes it into features by layer name.
func decodeTile(t *testing.T, tl *mapping.Tiler, tile maptile.Tile) map[string][]*geojson.Feature {
	t.Helper()
	b, err := tl.Tile(uint32(tile.Z), tile.X, tile.Y)
	if err != nil {
		t.Fatalf("tile %v: %v", tile, err)
	}
	out := make(map[string][]*geojson.Feature)
	if b == nil {
		return out
	}
	layers, err := mvt.Unmarshal(b)
	if err != nil {
		t.Fatalf("decode tile %v: %v", tile, err)
	}
	for _, l := range layers {
		if l.Extent != mapping.TileExtent {
			t.Errorf("layer %s extent %d", l.Name, l.Extent)
		}
		out[l.Name] = l.Features
	}
	return out
}

func byClass(fs []*geojson.Feature, class string) *geojson.Feature {
	for _, f := range fs {
		if f.Properties["class"] == class {
			return f
		}
	}
	return nil
}

func TestTileLayersAndFields(t *testing.T) {
	tl := handBuiltTiler()
	tile := maptile.At(kibera, 16)
	got := decodeTile(t, tl, tile)
	for _, l := range mapping.TileLayers {
		if len(got[l.ID]) == 0 {
			t.Errorf("layer %s: no features at z16", l.ID)
		}
	}

	road := byClass(got[mapping.LayerRoads], "residential")
	if road == nil {
		t.Fatalf("no residential road in %v", got[mapping.LayerRoads])
	}
	if _, ok := road.Geometry.(orb.LineString); !ok || road.Properties["name"] != "Kibera Drive" || road.Properties["oneway"] != "yes" || road.Properties["kind"] != "road" {
		t.Errorf("road = %T %v", road.Geometry, road.Properties)
	}
	if road.ID != float64(11*10+2) {
		t.Errorf("road id = %v, want osm id*10+2 = 112", road.ID)
	}

	b := byClass(got[mapping.LayerBuildings], "school")
	if b == nil {
		t.Fatal("no building")
	}
	poly, ok := b.Geometry.(orb.Polygon)
	if !ok || len(poly) != 1 || b.Properties["levels"] != 2.0 || b.Properties["name"] != "Olympic School" {
		t.Errorf("building = %T %v", b.Geometry, b.Properties)
	}

	// A shell with a hole decodes as one polygon of two rings only if the
	// rings are wound the way the spec wants (shell positive area).
	w := byClass(got[mapping.LayerWater], "water")
	if wp, ok := w.Geometry.(orb.Polygon); !ok || len(wp) != 2 || planar.Area(wp) <= 0 {
		t.Errorf("water area = %T %v, want a polygon with one hole", w.Geometry, w.Geometry)
	}
	if s := byClass(got[mapping.LayerWater], "stream"); s == nil || s.Properties["kind"] != "waterway" || s.Properties["name"] != "Ngong River" {
		t.Errorf("stream = %v", s)
	}

	pl := byClass(got[mapping.LayerPlaces], "village")
	if pl == nil || pl.Properties["population"] != 12000.0 || pl.Properties["rank"] != 3.0 || pl.Properties["name"] != "Kianda" {
		t.Errorf("place = %v", pl)
	}
	if _, ok := pl.Geometry.(orb.Point); !ok {
		t.Errorf("place geometry %T", pl.Geometry)
	}
	if n := byClass(got[mapping.LayerPlaces], "neighbourhood"); n == nil || n.Properties["kind"] != "neighbourhood" {
		t.Errorf("neighbourhood label = %v", n)
	}
	if f := byClass(got[mapping.LayerFacilities], "clinic"); f == nil || f.Properties["kind"] != "health" || f.Properties["name"] != "Kibera Clinic" {
		t.Errorf("facility = %v", f)
	}

	if lu := byClass(got[mapping.LayerLanduse], "park"); lu == nil || lu.Properties["kind"] != "landuse" || lu.Properties["name"] != "Kamukunji Grounds" {
		t.Errorf("landuse = %v", lu)
	} else if _, ok := lu.Geometry.(orb.Polygon); !ok {
		t.Errorf("landuse geometry %T", lu.Geometry)
	}

	admin := byClass(got[mapping.LayerAreas], "4")
	if admin == nil || admin.Properties["admin_level"] != 4.0 || admin.Properties["kind"] != "admin" {
		t.Fatalf("admin area = %v", admin)
	}
	// The admin area covers the tile: clipped to the tile plus its buffer.
	ab := admin.Geometry.Bound()
	if ab.Min[0] < -64 || ab.Min[1] < -64 || ab.Max[0] > 4096+64 || ab.Max[1] > 4096+64 || ab.Max[0]-ab.Min[0] < 4096 {
		t.Errorf("admin area bound %v, want the buffered tile", ab)
	}
	if _, ok := admin.Geometry.(orb.Polygon); !ok {
		t.Errorf("admin area %T: its far part should be clipped away", admin.Geometry)
	}
	for _, kind := range []string{"informal", "neighbourhood"} {
		found := false
		for _, f := range got[mapping.LayerAreas] {
			found = found || f.Properties["kind"] == kind
		}
		if !found {
			t.Errorf("areas: no %s outline", kind)
		}
	}
}

func TestTileZoomSelection(t *testing.T) {
	tl := handBuiltTiler()
	tests := []struct {
		name  string
		z     maptile.Zoom
		layer string
		class string
		want  bool
	}{
		{name: "footway at z14", z: 14, layer: mapping.LayerRoads, class: "footway", want: true},
		{name: "no footway at z13", z: 13, layer: mapping.LayerRoads, class: "footway", want: false},
		{name: "residential at z12", z: 12, layer: mapping.LayerRoads, class: "residential", want: true},
		{name: "no residential at z11", z: 11, layer: mapping.LayerRoads, class: "residential", want: false},
		{name: "buildings at z14", z: 14, layer: mapping.LayerBuildings, class: "school", want: true},
		{name: "no buildings at z13", z: 13, layer: mapping.LayerBuildings, class: "school", want: false},
		{name: "admin level 4 at z4", z: 4, layer: mapping.LayerAreas, class: "4", want: true},
		{name: "village at z10", z: 10, layer: mapping.LayerPlaces, class: "village", want: true},
		{name: "no village at z9", z: 9, layer: mapping.LayerPlaces, class: "village", want: false},
		{name: "small park at z13", z: 13, layer: mapping.LayerLanduse, class: "park", want: true},
		{name: "no small park at z12", z: 12, layer: mapping.LayerLanduse, class: "park", want: false},
		{name: "max zoom", z: mapping.MaxTileZoom, layer: mapping.LayerBuildings, class: "school", want: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := decodeTile(t, tl, maptile.At(orb.Point{kibera[0] + 0.0003, kibera[1] + 0.0003}, tc.z))
			if f := byClass(got[tc.layer], tc.class); (f != nil) != tc.want {
				t.Errorf("%s %s present = %v, want %v", tc.layer, tc.class, f != nil, tc.want)
			}
		})
	}
}

func TestTileOutsideAndInvalid(t *testing.T) {
	tl := handBuiltTiler()
	far := maptile.At(orb.Point{-75.1, 38.7}, 16)
	if b, err := tl.Tile(uint32(far.Z), far.X, far.Y); err != nil || b != nil {
		t.Errorf("tile far away = %d bytes, %v; want nil, nil", len(b), err)
	}
	for _, c := range [][3]uint32{{19, 0, 0}, {2, 4, 0}, {2, 0, 4}, {0, 1, 0}} {
		if _, err := tl.Tile(c[0], c[1], c[2]); err == nil {
			t.Errorf("Tile%v: no error", c)
		}
	}
}

// delawareTiler imports the Delaware extract and indexes it for tiles.
func delawareTiler(t testing.TB) (*mapping.Index, *mapping.Tiler) {
	t.Helper()
	res, err := mapping.Import(context.Background(), osmTestdata(t, "delaware-latest.osm.pbf"), t.TempDir(), mapping.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := mapping.Load(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	return ix, mapping.NewTiler(ix)
}

// DenseTile returns the zoom-16 tile holding the most buildings and
// roads of ix (by their points) and that count.
func denseTile(ix *mapping.Index) (maptile.Tile, int) {
	counts := make(map[maptile.Tile]int)
	for _, f := range ix.Select([]data.FeatureKind{data.KindBuilding, data.KindRoad}, nil, nil) {
		counts[maptile.At(f.Point, 16)]++
	}
	var best maptile.Tile
	n := -1
	for tile, c := range counts {
		if c > n || (c == n && tile.Quadkey() < best.Quadkey()) {
			best, n = tile, c
		}
	}
	return best, n
}

func TestTileDelawareDense(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the Delaware extract")
	}
	ix, tl := delawareTiler(t)
	tile, n := denseTile(ix)
	got := decodeTile(t, tl, tile)
	t.Logf("densest z16 tile %d/%d/%d: %d buildings and roads by point; drawn: %d buildings, %d roads",
		tile.Z, tile.X, tile.Y, n, len(got[mapping.LayerBuildings]), len(got[mapping.LayerRoads]))
	if len(got[mapping.LayerBuildings]) < 50 || len(got[mapping.LayerRoads]) < 10 {
		t.Errorf("dense tile: %d buildings, %d roads", len(got[mapping.LayerBuildings]), len(got[mapping.LayerRoads]))
	}
	for _, f := range got[mapping.LayerBuildings] {
		if _, ok := f.Geometry.(orb.Polygon); !ok {
			t.Fatalf("building %v is a %T, want a footprint polygon", f.ID, f.Geometry)
		}
	}
	// The whole state at z7 holds the main roads and no buildings.
	z7 := decodeTile(t, tl, maptile.At(orb.Point{-75.5, 39.1}, 7))
	if len(z7[mapping.LayerRoads]) == 0 || len(z7[mapping.LayerBuildings]) != 0 {
		t.Errorf("z7: %d roads, %d buildings", len(z7[mapping.LayerRoads]), len(z7[mapping.LayerBuildings]))
	}
}
