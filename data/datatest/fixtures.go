package datatest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// OSMTestdata returns the path of file name in the testdata folder that
// ships with the github.com/paulmach/osm module (the Delaware extract among
// them), read where the module cache keeps it; an error when the module or
// the file cannot be found.
func OSMTestdata(name string) (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/paulmach/osm").Output()
	if err != nil {
		return "", fmt.Errorf("locate github.com/paulmach/osm: %w", err)
	}
	p := filepath.Join(strings.TrimSpace(string(out)), "testdata", name)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%s of github.com/paulmach/osm: %w", name, err)
	}
	return p, nil
}

// TandaleFeatures are a small hand-built world around Tandale, Dar es
// Salaam: the ward Tandale (39.20..39.30 E, 6.85..6.75 S), the informal
// settlement Mtogole inside it and the drain Mtaro wa Tandale across it.
func TandaleFeatures() []*data.OSMFeature {
	square := func(x0, y0, x1, y1 float64) orb.Ring {
		return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	}
	return []*data.OSMFeature{
		{Kind: data.KindAdmin, Class: "8", OSMType: data.OSMRelation, OSMID: 1, Names: data.Tags{{Key: "name", Value: "Tandale"}},
			Point: orb.Point{39.25, -6.80}, Geometry: orb.Polygon{square(39.20, -6.85, 39.30, -6.75)}, AreaM2: 1e8},
		{Kind: data.KindInformal, Class: "informal", OSMType: data.OSMWay, OSMID: 2, Names: data.Tags{{Key: "name", Value: "Mtogole"}},
			Point: orb.Point{39.245, -6.805}, Geometry: orb.Polygon{square(39.24, -6.81, 39.26, -6.79)}, AreaM2: 4e6},
		{Kind: data.KindWaterway, Class: "drain", OSMType: data.OSMWay, OSMID: 5, Names: data.Tags{{Key: "name", Value: "Mtaro wa Tandale"}},
			Point: orb.Point{39.24, -6.805}, Geometry: orb.LineString{{39.24, -6.805}, {39.26, -6.805}}},
	}
}

// WriteTandaleExtract writes TandaleFeatures as the extract file of dir.
func WriteTandaleExtract(t testing.TB, dir string) {
	t.Helper()
	w, err := data.CreateExtract(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range TandaleFeatures() {
		if err := w.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Commit(data.ExtractMeta{Source: "tandale.osm"}); err != nil {
		t.Fatal(err)
	}
}

// SharedData returns the path of file rel (e.g. "osm/monrovia-2015.osm.pbf")
// in the shared real-data folder: $MTAA_SHARED_DATA, else ../shared/data
// beside the project root (the folder holding go.mod). When the file is
// absent the test or benchmark is skipped, or fails when CI=true.
func SharedData(t testing.TB, rel string) string {
	t.Helper()
	dir := os.Getenv("MTAA_SHARED_DATA")
	if dir == "" {
		if out, err := exec.Command("go", "env", "GOMOD").Output(); err == nil && strings.TrimSpace(string(out)) != "" {
			dir = filepath.Join(filepath.Dir(strings.TrimSpace(string(out))), "..", "shared", "data")
		}
	}
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		SkipOrFailInCI(t, "shared data %s is absent (set MTAA_SHARED_DATA): %v", rel, err)
	}
	return p
}

// SkipOrFailInCI skips the test for a missing fixture or tool, or fails
// it when CI=true: in CI `make test` installs every tool and has every
// fixture, so one missing there is a broken step a skip would hide.
func SkipOrFailInCI(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI: "+format, args...)
	}
	t.Skipf(format, args...)
}
