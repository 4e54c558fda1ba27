package data_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	bolt "go.etcd.io/bbolt"

	"github.com/mtaa-project/mtaa/data"
)

// setExtractVersion rewrites the format version in an extract's meta.
func setExtractVersion(t *testing.T, path string, v int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("meta"))
		var m map[string]any
		if err := json.Unmarshal(b.Get([]byte("extract")), &m); err != nil {
			return err
		}
		m["format_version"] = v
		raw, _ := json.Marshal(m)
		return b.Put([]byte("extract"), raw)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestExtractVersions: version 2 added landuse and building footprints;
// version 1 files still open, files from a newer mtaa do not.
func TestExtractVersions(t *testing.T) {
	dir := t.TempDir()
	w, err := data.CreateExtract(dir)
	if err != nil {
		t.Fatal(err)
	}
	park := &data.OSMFeature{Kind: data.KindLanduse, Class: "park", OSMType: data.OSMWay, OSMID: 7, Point: orb.Point{36.785, -1.305},
		Geometry: orb.Polygon{{{36.78, -1.31}, {36.79, -1.31}, {36.79, -1.30}, {36.78, -1.30}, {36.78, -1.31}}}, AreaM2: 1.2e6}
	if err := w.Add(park); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Commit(data.ExtractMeta{Source: "park.osm"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, data.ExtractFileName)
	for _, tc := range []struct {
		version int
		opens   bool
	}{{data.ExtractFormatVersion, true}, {1, true}, {data.ExtractFormatVersion + 1, false}, {0, false}} {
		setExtractVersion(t, path, tc.version)
		e, err := data.OpenExtract(path)
		if (err == nil) != tc.opens {
			t.Errorf("version %d: open error %v, want opens=%v", tc.version, err, tc.opens)
		}
		if err != nil {
			continue
		}
		var got []*data.OSMFeature
		if err := e.ForEach(func(f *data.OSMFeature) error { got = append(got, f); return nil }); err != nil {
			t.Fatal(err)
		}
		e.Close()
		if len(got) != 1 || got[0].Kind != data.KindLanduse || got[0].Kind.String() != "landuse" || got[0].Class != "park" {
			t.Errorf("version %d: read %+v", tc.version, got)
		}
	}
}
