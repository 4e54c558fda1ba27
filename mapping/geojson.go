package mapping

import (
	"math"

	"github.com/mtaa-project/mtaa/data"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Attribution is the ODbL attribution every OSM-derived output carries.
const Attribution = "© OpenStreetMap contributors"

// GeoJSON returns f as a GeoJSON feature with id "<type>/<id>" and the
// properties kind, class, osm_type, osm_id, name, names (every name tag),
// tags, area_m2 (areas and buildings, to 0.1 m²) and, for features with a
// line or area geometry, point (the representative point).
func GeoJSON(f *data.OSMFeature) *geojson.Feature {
	var g orb.Geometry = f.Point
	if f.Geometry != nil {
		g = f.Geometry
	}
	gf := geojson.NewFeature(g)
	gf.ID = f.Ref()
	gf.Properties["kind"] = f.Kind.String()
	gf.Properties["class"] = f.Class
	gf.Properties["osm_type"] = f.OSMType.String()
	gf.Properties["osm_id"] = f.OSMID
	if n := f.Name(); n != "" {
		gf.Properties["name"] = n
	}
	if len(f.Names) > 0 {
		gf.Properties["names"] = tagMap(f.Names)
	}
	if len(f.Tags) > 0 {
		gf.Properties["tags"] = tagMap(f.Tags)
	}
	if f.AreaM2 > 0 {
		gf.Properties["area_m2"] = math.Round(f.AreaM2*10) / 10
	}
	if f.Geometry != nil {
		gf.Properties["point"] = []float64{f.Point[0], f.Point[1]}
	}
	return gf
}

func tagMap(ts data.Tags) map[string]string {
	m := make(map[string]string, len(ts))
	for _, t := range ts {
		m[t.Key] = t.Value
	}
	return m
}
