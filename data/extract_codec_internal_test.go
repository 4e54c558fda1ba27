package data

import (
	"errors"
	"testing"

	"github.com/paulmach/orb"
)

// TestDecodeFeatureTruncated decodes every prefix of a valid encoding:
// each must fail with ErrCorrupt, never panic.
func TestDecodeFeatureTruncated(t *testing.T) {
	f := &OSMFeature{Kind: KindWaterArea, Class: "water", OSMType: OSMWay, OSMID: 9,
		Names: Tags{{Key: "name", Value: "Ziwa"}}, Point: orb.Point{1, 2},
		Geometry: orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}, AreaM2: 5}
	b, err := appendFeature(nil, f)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := decodeFeature(b); err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(b); n++ {
		if _, err := decodeFeature(b[:n]); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("decode of %d/%d bytes = %v, want ErrCorrupt", n, len(b), err)
		}
	}
}

func FuzzDecodeFeature(f *testing.F) {
	b, _ := appendFeature(nil, &OSMFeature{Kind: KindRoad, OSMType: OSMWay, OSMID: 1,
		Geometry: orb.LineString{{0, 0}, {1, 1}}})
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeFeature(b) // must not panic
	})
}
