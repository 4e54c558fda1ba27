package data_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/paulmach/orb"
)

// sampleFeatures has one feature of each geometry type, ordered by kind
// (the order ForEach reads them back in).
func sampleFeatures() []*data.OSMFeature {
	ring := orb.Ring{{36.78, -1.31}, {36.79, -1.31}, {36.79, -1.30}, {36.78, -1.30}, {36.78, -1.31}}
	hole := orb.Ring{{36.783, -1.307}, {36.783, -1.303}, {36.787, -1.303}, {36.787, -1.307}, {36.783, -1.307}}
	return []*data.OSMFeature{
		{Kind: data.KindAdmin, Class: "8", OSMType: data.OSMRelation, OSMID: 200, Point: orb.Point{-10.8, 6.3},
			Geometry: orb.MultiPolygon{{ring}, {hole}}, AreaM2: 12.5},
		{Kind: data.KindInformal, Class: "informal", OSMType: data.OSMRelation, OSMID: 100,
			Point: orb.Point{36.7815, -1.305}, Geometry: orb.Polygon{ring, hole}, AreaM2: 1040660.4},
		{Kind: data.KindHealth, Class: "clinic", OSMType: data.OSMNode, OSMID: 1,
			Names: data.Tags{{Key: "name", Value: "Kliniki"}, {Key: "name:ar", Value: "عيادة"}},
			Tags:  data.Tags{{Key: "amenity", Value: "clinic"}}, Point: orb.Point{36.8001234, -1.3005678}},
		{Kind: data.KindRoad, Class: "primary", OSMType: data.OSMWay, OSMID: 1 << 40,
			Point:    orb.Point{36.79, -1.3},
			Geometry: orb.LineString{{36.78, -1.3}, {36.79, -1.3}, {36.8, -1.2999999}}},
		{Kind: data.KindBuilding, Class: "house", OSMType: data.OSMWay, OSMID: 3, Point: orb.Point{-179.9999999, 89.9999999}, AreaM2: 123.9},
	}
}

func TestExtractRoundTrip(t *testing.T) {
	dir := t.TempDir()
	w, err := data.CreateExtract(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := sampleFeatures()
	for _, f := range want {
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	meta, err := w.Commit(data.ExtractMeta{Source: "sample.osm", Size: 42, SHA256: "ab"})
	if err != nil {
		t.Fatal(err)
	}
	if meta.Total() != len(want) || meta.FormatVersion != data.ExtractFormatVersion {
		t.Errorf("meta = %+v", meta)
	}
	e, err := data.OpenExtract(filepath.Join(dir, data.ExtractFileName))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if got := e.Meta(); got.Source != "sample.osm" || got.Counts["road"] != 1 || got.Bound != meta.Bound {
		t.Errorf("stored meta = %+v", got)
	}
	var got []*data.OSMFeature
	if err := e.ForEach(func(f *data.OSMFeature) error { got = append(got, f); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d features, want %d", len(got), len(want))
	}
	for i := range want { // ForEach goes kind by kind, as sampleFeatures is ordered
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("feature %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	var roads int
	err = e.ForEach(func(f *data.OSMFeature) error { roads++; return nil }, data.KindRoad)
	if err != nil || roads != 1 {
		t.Errorf("ForEach(KindRoad) = %d features, %v", roads, err)
	}
}

func TestExtractManyBatches(t *testing.T) {
	dir := t.TempDir()
	w, err := data.CreateExtract(dir)
	if err != nil {
		t.Fatal(err)
	}
	const n = 25_000 // more than two write batches
	for i := 0; i < n; i++ {
		f := &data.OSMFeature{Kind: data.KindBuilding, Class: "yes", OSMType: data.OSMWay, OSMID: int64(i),
			Point: orb.Point{float64(i%360) - 180, float64(i%180) - 90}, AreaM2: float64(i)}
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Commit(data.ExtractMeta{Source: "many"}); err != nil {
		t.Fatal(err)
	}
	e, err := data.OpenExtract(filepath.Join(dir, data.ExtractFileName))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	next := int64(0)
	err = e.ForEach(func(f *data.OSMFeature) error {
		if f.OSMID != next {
			return errors.New("out of order")
		}
		next++
		return nil
	})
	if err != nil || next != n {
		t.Errorf("read %d features in order, want %d (%v)", next, n, err)
	}
}

func TestExtractAbortKeepsPrevious(t *testing.T) {
	dir := t.TempDir()
	w, err := data.CreateExtract(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Add(sampleFeatures()[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Commit(data.ExtractMeta{Source: "first"}); err != nil {
		t.Fatal(err)
	}
	w, err = data.CreateExtract(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sampleFeatures() {
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	w.Abort()
	w.Abort() // idempotent
	if _, err := w.Commit(data.ExtractMeta{}); !errors.Is(err, data.ErrClosed) {
		t.Errorf("Commit after Abort = %v, want ErrClosed", err)
	}
	e, err := data.OpenExtract(filepath.Join(dir, data.ExtractFileName))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if m := e.Meta(); m.Source != "first" || m.Total() != 1 {
		t.Errorf("extract after an aborted import = %+v", m)
	}
	entries, _ := os.ReadDir(dir)
	for _, en := range entries {
		if strings.HasSuffix(en.Name(), ".tmp") {
			t.Errorf("temp file %s left behind", en.Name())
		}
	}
}

func TestOpenExtractErrors(t *testing.T) {
	dir := t.TempDir()
	reports, err := data.Open(filepath.Join(dir, "reports"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reports.Close()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("not bolt ", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		want error // nil: any error will do
	}{
		{name: "missing", path: filepath.Join(dir, "nope.db"), want: data.ErrNoExtract},
		{name: "report database", path: filepath.Join(dir, "reports", data.FileName), want: data.ErrCorrupt},
		{name: "not bolt", path: garbage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := data.OpenExtract(tt.path)
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Errorf("OpenExtract(%s) = %v, want %v", tt.path, err, tt.want)
			}
		})
	}
}

func TestAddRejectsInvalidKind(t *testing.T) {
	w, err := data.CreateExtract(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.Add(&data.OSMFeature{Kind: 0, OSMType: data.OSMNode, OSMID: 1}); err == nil {
		t.Error("Add accepted kind 0")
	}
	if err := w.Add(&data.OSMFeature{Kind: data.KindRoad, Geometry: orb.MultiPoint{{1, 2}}}); err == nil {
		t.Error("Add accepted a MultiPoint geometry")
	}
}

// TestRemoveStaleExtracts: the temporary file a killed import left is
// removed; the one an import is writing (locked) and the extract itself
// stay.
func TestRemoveStaleExtracts(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".osm-1234.db.tmp")
	if err := os.WriteFile(stale, make([]byte, 4096), 0o600); err != nil {
		t.Fatal(err)
	}
	running, err := data.CreateExtract(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer running.Abort()
	if err := os.WriteFile(filepath.Join(dir, data.ExtractFileName), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	removed, err := data.RemoveStaleExtracts(dir)
	if err != nil || len(removed) != 1 || removed[0] != stale {
		t.Fatalf("removed %v, %v; want only %s", removed, err, stale)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".osm-*.db.tmp"))
	if len(left) != 1 {
		t.Errorf("the running import's file is gone: %v", left)
	}
	if _, err := os.Stat(filepath.Join(dir, data.ExtractFileName)); err != nil {
		t.Errorf("the extract: %v", err)
	}
}
