package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"github.com/mtaa-project/mtaa/mapping"
)

// city is one extract of the shared data folder.
type city struct {
	name  string
	files []string // OSM files, or GeoJSON files converted to one OSM file
}

var cities = []city{
	{"monrovia", []string{"osm/monrovia-2015.osm.pbf"}},
	{"dhaka", []string{"osm/dhaka-palashi-2024.osm"}},
	{"kibera", []string{"osm/kibera-schools-2017.osm"}},
	{"dar", []string{"geojson/dar-es-salaam-places-2015.geojson", "geojson/tandale-roads-2015.geojson", "geojson/tandale-buildings-2015.geojson"}},
}

// load imports the city's extract through mapping.Import, as mtaa does,
// into tmp and loads its index.
func (c city) load(dataDir, tmp string) (*mapping.Index, error) {
	src := filepath.Join(dataDir, c.files[0])
	if strings.HasSuffix(src, ".geojson") {
		var err error
		if src, err = geojsonToOSM(dataDir, c.files, filepath.Join(tmp, c.name+".osm")); err != nil {
			return nil, err
		}
	}
	res, err := mapping.Import(context.Background(), src, filepath.Join(tmp, c.name), mapping.Options{})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", c.name, err)
	}
	return mapping.Load(res.Path)
}

// geojsonToOSM writes the features of the GeoJSON files as OSM XML: the
// Ramani Huria shapefile columns (NAME, OSM_TYPE, BUILDING, AMENITY...)
// become the OSM tags they came from.
func geojsonToOSM(dataDir string, files []string, out string) (string, error) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<osm version=\"0.6\">\n")
	var ways strings.Builder
	id := int64(0)
	node := func(lon, lat float64, tags map[string]string) int64 {
		id++
		fmt.Fprintf(&b, `<node id="%d" version="1" lat="%.7f" lon="%.7f">%s</node>`+"\n", id, lat, lon, osmTags(tags))
		return id
	}
	for _, name := range files {
		raw, err := os.ReadFile(filepath.Join(dataDir, name))
		if err != nil {
			return "", fmt.Errorf("read %s: %w", name, err)
		}
		var fc struct {
			Features []struct {
				Geometry struct {
					Type        string          `json:"type"`
					Coordinates json.RawMessage `json:"coordinates"`
				} `json:"geometry"`
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal(raw, &fc); err != nil {
			return "", fmt.Errorf("read %s: %w", name, err)
		}
		for _, f := range fc.Features {
			tags := map[string]string{}
			for k, v := range f.Properties {
				s, ok := v.(string)
				if !ok || s == "" {
					continue
				}
				switch strings.ToLower(k) {
				case "name":
					tags["name"] = s
				case "place":
					tags["place"] = s
				case "osm_type":
					tags["highway"] = s
				case "building":
					tags["building"] = s
				case "amenity":
					tags["amenity"] = s
				case "religion":
					tags["religion"] = s
				case "leisure":
					tags["leisure"] = s
				case "office":
					tags["office"] = s
				}
			}
			var pts [][]float64
			switch f.Geometry.Type {
			case "Point":
				var p []float64
				if json.Unmarshal(f.Geometry.Coordinates, &p) == nil && len(p) >= 2 {
					node(p[0], p[1], tags)
				}
				continue
			case "LineString":
				_ = json.Unmarshal(f.Geometry.Coordinates, &pts)
			case "Polygon":
				var rings [][][]float64
				if json.Unmarshal(f.Geometry.Coordinates, &rings) == nil && len(rings) > 0 {
					pts = rings[0]
				}
			case "MultiLineString":
				var lines [][][]float64
				if json.Unmarshal(f.Geometry.Coordinates, &lines) == nil && len(lines) > 0 {
					pts = lines[0]
				}
			}
			if len(pts) < 2 {
				continue
			}
			var refs []int64
			for _, p := range pts {
				refs = append(refs, node(p[0], p[1], nil))
			}
			if f.Geometry.Type == "Polygon" && len(refs) > 3 {
				refs[len(refs)-1] = refs[0]
			}
			id++
			fmt.Fprintf(&ways, `<way id="%d" version="1">`, id)
			for _, r := range refs {
				fmt.Fprintf(&ways, `<nd ref="%d"/>`, r)
			}
			fmt.Fprintf(&ways, "%s</way>\n", osmTags(tags))
		}
	}
	b.WriteString(ways.String())
	b.WriteString("</osm>\n")
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		return "", err
	}
	return out, nil
}

func osmTags(tags map[string]string) string {
	var b strings.Builder
	for k, v := range tags {
		fmt.Fprintf(&b, `<tag k="%s" v="%s"/>`, html.EscapeString(k), html.EscapeString(v))
	}
	return b.String()
}
