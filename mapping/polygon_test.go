package mapping_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// ringJSON is a closed counter-clockwise ring of side d degrees at (x, y).
func ringJSON(x, y, d float64) string {
	return fmt.Sprintf("[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]", x, y, x+d, y, x+d, y+d, x, y+d, x, y)
}

// ringJSONCW is ringJSON wound clockwise (a hole).
func ringJSONCW(x, y, d float64) string {
	return fmt.Sprintf("[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]", x, y, x, y+d, x+d, y+d, x+d, y, x, y)
}

func TestParsePolygon(t *testing.T) {
	const x, y = 39.25, -6.81 // Tandale, Dar es Salaam
	tests := []struct {
		name  string
		geom  string
		field string // "" for valid
		msg   string // part of the message
	}{
		{"square 111 m", `{"type":"Polygon","coordinates":[` + ringJSON(x, y, 0.001) + `]}`, "", ""},
		{"with a hole", `{"type":"Polygon","coordinates":[` + ringJSON(x, y, 0.01) + `,` + ringJSONCW(x+0.002, y+0.002, 0.001) + `]}`, "", ""},
		{"with two holes", `{"type":"Polygon","coordinates":[` + ringJSON(x, y, 0.01) + `,` + ringJSONCW(x+0.002, y+0.002, 0.001) + `,` + ringJSONCW(x+0.005, y+0.005, 0.001) + `]}`, "", ""},
		{"multipolygon", `{"type":"MultiPolygon","coordinates":[[` + ringJSON(x, y, 0.001) + `],[` + ringJSON(x+0.01, y, 0.001) + `]]}`, "", ""},
		{"island in a hole", `{"type":"MultiPolygon","coordinates":[[` + ringJSON(x, y, 0.01) + `,` + ringJSONCW(x+0.002, y+0.002, 0.005) + `],[` + ringJSON(x+0.003, y+0.003, 0.002) + `]]}`, "", ""},
		{"altitude dropped", `{"type":"Polygon","coordinates":[[[39.25,-6.81,5],[39.251,-6.81,5],[39.251,-6.809,5],[39.25,-6.81,5]]]}`, "", ""},
		{"repeated position", `{"type":"Polygon","coordinates":[[[39.25,-6.81],[39.251,-6.81],[39.251,-6.81],[39.251,-6.809],[39.25,-6.81]]]}`, "", ""},

		{"no geometry", `null`, "geometry", "required"},
		{"not an object", `[1,2]`, "geometry", "GeoJSON object"},
		{"no type", `{"coordinates":[]}`, "geometry.type", "required"},
		{"point", `{"type":"Point","coordinates":[39.25,-6.81]}`, "geometry.type", `not "Point"`},
		{"line", `{"type":"LineString","coordinates":[[39.25,-6.81],[39.26,-6.81]]}`, "geometry.type", "LineString"},
		{"coordinates not rings", `{"type":"Polygon","coordinates":[39.25,-6.81]}`, "geometry.coordinates", "array of rings"},
		{"no rings", `{"type":"Polygon","coordinates":[]}`, "geometry.coordinates", "exterior ring"},
		{"no polygons", `{"type":"MultiPolygon","coordinates":[]}`, "geometry.coordinates", "at least one polygon"},
		{"one-number position", `{"type":"Polygon","coordinates":[[[39.25,-6.81],[39.26],[39.26,-6.80],[39.25,-6.81]]]}`, "geometry.coordinates[0][1]", "[lon, lat]"},
		{"string position", `{"type":"Polygon","coordinates":[[["a","b"],[39.26,-6.81],[39.26,-6.80],[39.25,-6.81]]]}`, "geometry.coordinates", "array of rings"},
		{"open ring", `{"type":"Polygon","coordinates":[[[39.25,-6.81],[39.251,-6.81],[39.251,-6.809],[39.25,-6.809]]]}`, "geometry.coordinates[0]", "not closed"},
		{"three positions", `{"type":"Polygon","coordinates":[[[39.25,-6.81],[39.251,-6.81],[39.25,-6.81]]]}`, "geometry.coordinates[0]", "at least 4 positions"},
		{"two corners", `{"type":"Polygon","coordinates":[[[39.25,-6.81],[39.251,-6.81],[39.251,-6.81],[39.25,-6.81]]]}`, "geometry.coordinates[0]", "3 distinct corners"},
		{"flat", `{"type":"Polygon","coordinates":[[[39.25,-6.81],[39.251,-6.81],[39.252,-6.81],[39.25,-6.81]]]}`, "geometry.coordinates[0]", "crosses or touches itself"},
		{"bow tie", `{"type":"Polygon","coordinates":[[[39.25,-6.81],[39.252,-6.808],[39.252,-6.81],[39.25,-6.808],[39.25,-6.81]]]}`, "geometry.coordinates[0]", "crosses or touches itself"},
		{"figure eight through a corner", `{"type":"Polygon","coordinates":[[[39.25,-6.81],[39.251,-6.81],[39.251,-6.809],[39.252,-6.809],[39.252,-6.808],[39.251,-6.808],[39.251,-6.809],[39.25,-6.809],[39.25,-6.81]]]}`, "geometry.coordinates[0]", "crosses or touches itself"},
		{"spike", `{"type":"Polygon","coordinates":[[[39.25,-6.81],[39.252,-6.81],[39.251,-6.81],[39.251,-6.808],[39.25,-6.81]]]}`, "geometry.coordinates[0]", "crosses or touches itself"},
		{"clockwise exterior", `{"type":"Polygon","coordinates":[` + ringJSONCW(x, y, 0.001) + `]}`, "geometry.coordinates[0]", "clockwise"},
		{"counter-clockwise hole", `{"type":"Polygon","coordinates":[` + ringJSON(x, y, 0.01) + `,` + ringJSON(x+0.002, y+0.002, 0.001) + `]}`, "geometry.coordinates[1]", "counter-clockwise"},
		{"hole outside its shell", `{"type":"Polygon","coordinates":[` + ringJSON(x, y, 0.01) + `,` + ringJSONCW(x+0.02, y, 0.001) + `]}`, "geometry.coordinates[1]", "outside its exterior ring"},
		{"hole crossing its shell", `{"type":"Polygon","coordinates":[` + ringJSON(x, y, 0.01) + `,` + ringJSONCW(x+0.009, y+0.002, 0.002) + `]}`, "geometry.coordinates[0]", "rings 0 and 1 cross"},
		{"hole inside a hole", `{"type":"Polygon","coordinates":[` + ringJSON(x, y, 0.01) + `,` + ringJSONCW(x+0.002, y+0.002, 0.004) + `,` + ringJSONCW(x+0.003, y+0.003, 0.001) + `]}`, "geometry.coordinates[2]", "inside hole 1"},
		{"overlapping polygons", `{"type":"MultiPolygon","coordinates":[[` + ringJSON(x, y, 0.002) + `],[` + ringJSON(x+0.001, y+0.001, 0.002) + `]]}`, "geometry.coordinates[0][0]", "polygons 0 and 1"},
		{"polygon inside another", `{"type":"MultiPolygon","coordinates":[[` + ringJSON(x, y, 0.01) + `],[` + ringJSON(x+0.002, y+0.002, 0.001) + `]]}`, "geometry.coordinates[1]", "inside polygon 0"},
		{"bad ring in 2nd polygon", `{"type":"MultiPolygon","coordinates":[[` + ringJSON(x, y, 0.001) + `],[[[39.3,-6.8],[39.31,-6.8],[39.3,-6.8]]]]}`, "geometry.coordinates[1][0]", "at least 4 positions"},
		{"longitude out of range", `{"type":"Polygon","coordinates":[[[179.999,-6.81],[180.001,-6.81],[180.001,-6.809],[179.999,-6.81]]]}`, "geometry.coordinates[0][1]", "longitude"},
		{"latitude out of range", `{"type":"Polygon","coordinates":[[[39.25,89.9995],[39.26,89.9995],[39.26,90.0005],[39.25,89.9995]]]}`, "geometry.coordinates[0][2]", "latitude"},
		{"lat lon swapped", `{"type":"Polygon","coordinates":[[[-6.81,139.25],[-6.809,139.25],[-6.809,139.251],[-6.81,139.25]]]}`, "geometry.coordinates[0][0]", "latitude"},
		{"too small", `{"type":"Polygon","coordinates":[` + ringJSON(x, y, 0.00005) + `]}`, "geometry", "at least 100 m²"},
		{"too large", `{"type":"Polygon","coordinates":[` + ringJSON(x, y, 0.1) + `]}`, "geometry", "at most 50.0 km²"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := mapping.ParsePolygon([]byte(tt.geom), mapping.DefaultPolygonLimits)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("valid polygon refused: %v", err)
				}
				if err := mapping.ValidatePolygon(g, mapping.DefaultPolygonLimits); err != nil {
					t.Fatalf("parsed polygon does not validate again: %v", err)
				}
				return
			}
			var ve *data.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want a ValidationError, got %v (%T)", err, g)
			}
			if ve.Field != tt.field || !strings.Contains(ve.Message, tt.msg) {
				t.Fatalf("got %s: %q; want %s: …%s…", ve.Field, ve.Message, tt.field, tt.msg)
			}
		})
	}
}

// circle is a counter-clockwise ring of n corners and radius r degrees.
func circle(c orb.Point, r float64, n int) orb.Ring {
	ring := make(orb.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		ring = append(ring, orb.Point{c[0] + r*math.Cos(a), c[1] + r*math.Sin(a)})
	}
	return append(ring, ring[0])
}

func TestValidatePolygonBigRings(t *testing.T) {
	c := orb.Point{39.25, -6.81}
	ring := circle(c, 0.01, 20000)
	if err := mapping.ValidatePolygon(orb.Polygon{ring}, mapping.DefaultPolygonLimits); err != nil {
		t.Fatalf("20,000-corner circle: %v", err)
	}
	// Swap two far-apart corners: the ring now crosses itself.
	bad := ring.Clone()
	bad[100], bad[10100] = bad[10100], bad[100]
	var ve *data.ValidationError
	err := mapping.ValidatePolygon(orb.Polygon{bad}, mapping.DefaultPolygonLimits)
	if !errors.As(err, &ve) || !strings.Contains(ve.Message, "crosses or touches itself") {
		t.Fatalf("crossing in a big ring: %v", err)
	}
	// A hole of 5,000 corners near its shell's edge, without touching it.
	hole := circle(c, 0.0099, 5000)
	hole.Reverse()
	if err := mapping.ValidatePolygon(orb.Polygon{ring, hole}, mapping.DefaultPolygonLimits); err != nil {
		t.Fatalf("big ring with a big hole: %v", err)
	}
}

func TestRepresentativePoint(t *testing.T) {
	// An L shape: its centroid lies outside, the point must be inside.
	l := orb.Polygon{{{0, 0}, {3, 0}, {3, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}}
	p := mapping.RepresentativePoint(l)
	if !data.AreaContains(l, p) {
		t.Errorf("point %v outside the L", p)
	}
	for _, tt := range []struct {
		g    orb.Geometry
		want orb.Point
	}{
		{orb.Point{1, 2}, orb.Point{1, 2}},
		{orb.LineString{{0, 0}, {1, 1}, {2, 2}}, orb.Point{1, 1}},
		{orb.Polygon{}, orb.Point{}},
		{orb.MultiPolygon{}, orb.Point{}},
		{orb.Collection{orb.Point{0, 0}, orb.Point{2, 4}}, orb.Point{1, 2}},
	} {
		if got := mapping.RepresentativePoint(tt.g); got != tt.want {
			t.Errorf("%T: %v, want %v", tt.g, got, tt.want)
		}
	}
}

// FuzzValidatePolygon feeds arbitrary geometry JSON to ParsePolygon: it
// must never panic, and whatever it accepts must validate again.
func FuzzValidatePolygon(f *testing.F) {
	for _, seed := range []string{
		`{"type":"Polygon","coordinates":[` + ringJSON(39.25, -6.81, 0.001) + `]}`,
		`{"type":"Polygon","coordinates":[` + ringJSON(39.25, -6.81, 0.01) + `,` + ringJSONCW(39.252, -6.808, 0.001) + `]}`,
		`{"type":"MultiPolygon","coordinates":[[` + ringJSON(39.25, -6.81, 0.001) + `],[` + ringJSON(39.26, -6.81, 0.001) + `]]}`,
		`{"type":"Polygon","coordinates":[[[39.25,-6.81],[39.252,-6.808],[39.252,-6.81],[39.25,-6.808],[39.25,-6.81]]]}`,
		`{"type":"Polygon","coordinates":[[[1e308,1e308],[0,0],[0,0],[1e308,1e308]]]}`,
		`{"type":"Polygon","coordinates":[[[]]]}`,
		`{"type":"MultiPolygon","coordinates":[[]]}`,
		`{"type":"Polygon","coordinates":null}`,
		`{"type":"GeometryCollection","geometries":[]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		g, err := mapping.ParsePolygon(raw, mapping.DefaultPolygonLimits)
		if err != nil {
			var ve *data.ValidationError
			if !errors.As(err, &ve) || ve.Field == "" || ve.Message == "" {
				t.Fatalf("error is not a ValidationError naming a field: %v", err)
			}
			return
		}
		if err := mapping.ValidatePolygon(g, mapping.DefaultPolygonLimits); err != nil {
			t.Fatalf("accepted %s, then refused it: %v", raw, err)
		}
	})
}
