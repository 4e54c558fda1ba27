package mapping_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/paulmach/orb/geojson"
)

var update = flag.Bool("update", false, "rewrite the golden testdata/<case>_out.geojson files")

// importFixture imports testdata/name into a temp dir and returns the
// result and the stored features as a sorted GeoJSON collection.
func importFixture(t *testing.T, file string) (mapping.Result, []byte) {
	t.Helper()
	dir := t.TempDir()
	res, err := mapping.Import(context.Background(), filepath.Join("testdata", file), dir, mapping.Options{})
	if err != nil {
		t.Fatalf("import %s: %v", file, err)
	}
	return res, collection(t, res)
}

// collection reads the extract back and renders it sorted by kind, OSM
// type and id, with the import warnings as a foreign member.
func collection(t *testing.T, res mapping.Result) []byte {
	t.Helper()
	e, err := data.OpenExtract(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var feats []*data.OSMFeature
	if err := e.ForEach(func(f *data.OSMFeature) error { feats = append(feats, f); return nil }); err != nil {
		t.Fatal(err)
	}
	sort.SliceStable(feats, func(i, j int) bool {
		a, b := feats[i], feats[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.OSMType != b.OSMType {
			return a.OSMType < b.OSMType
		}
		return a.OSMID < b.OSMID
	})
	fc := geojson.NewFeatureCollection()
	for _, f := range feats {
		fc.Append(mapping.GeoJSON(f))
	}
	warnings := res.Stats.Warnings
	if warnings == nil {
		warnings = map[string]int{}
	}
	fc.ExtraMembers = geojson.Properties{"warnings": warnings, "attribution": mapping.Attribution}
	raw, err := json.Marshal(fc)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		t.Fatal(err)
	}
	out.WriteByte('\n')
	return out.Bytes()
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		file string
	}{
		{name: "multipolygon with a hole", file: "hole.osm"},
		{name: "outer ring of three ways", file: "outer3.osm"},
		{name: "members after the relation", file: "late_members.osm"},
		{name: "names in several scripts", file: "names.osm"},
		{name: "informal settlements", file: "informal.osm"},
		{name: "every facility kind", file: "facilities.osm"},
		{name: "way with a missing node", file: "missing_node.osm"},
		{name: "unclosable relation", file: "unclosable.osm"},
		{name: "closed ways that are lines", file: "roundabout.osm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := importFixture(t, tt.file)
			base := tt.file[:len(tt.file)-len(filepath.Ext(tt.file))]
			golden := filepath.Join("testdata", base+"_out.geojson")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./mapping -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				failure := filepath.Join("testdata", "failure_"+base+".geojson")
				os.WriteFile(failure, got, 0o644)
				t.Errorf("%s differs from %s; got written to %s", tt.file, golden, failure)
			}
		})
	}
}

// TestFormatsAgree checks that the PBF, bzip2 and gzip encodings of a
// fixture give the same features as its XML.
func TestFormatsAgree(t *testing.T) {
	_, want := importFixture(t, "facilities.osm")
	gz := filepath.Join(t.TempDir(), "facilities.osm.gz")
	writeGzip(t, gz, filepath.Join("testdata", "facilities.osm"))
	tests := []struct {
		name string
		path string
	}{
		{name: "pbf", path: filepath.Join("testdata", "facilities.osm.pbf")},
		{name: "bzip2", path: filepath.Join("testdata", "facilities.osm.bz2")},
		{name: "gzip", path: gz},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := mapping.Import(context.Background(), tt.path, t.TempDir(), mapping.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := collection(t, res); !bytes.Equal(got, want) {
				t.Errorf("%s gives different features than facilities.osm", tt.path)
			}
		})
	}
}
