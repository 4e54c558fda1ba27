package mapping

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/paulmach/osm/osmxml"
)

// FuzzExtractXML feeds arbitrary OSM XML through the extractor: broken
// geometry, missing nodes and odd relations must never panic.
func FuzzExtractXML(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.osm"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sc := osmxml.New(context.Background(), bytes.NewReader(b))
		defer sc.Close()
		x := newExtractor(func(f *data.OSMFeature) error {
			if !f.Kind.Valid() {
				t.Errorf("feature of invalid kind %d", f.Kind)
			}
			return nil
		}, 0)
		for sc.Scan() {
			if err := x.add(sc.Object()); err != nil {
				t.Fatal(err)
			}
		}
		if err := x.finish(); err != nil {
			t.Fatal(err)
		}
	})
}
