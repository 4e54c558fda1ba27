package mapping_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// rectM is a counter-clockwise rectangle of w by h metres with its
// south-west corner at sw.
func rectM(sw orb.Point, w, h float64) orb.Polygon {
	e := geo.PointAtBearingAndDistance(sw, 90, w)
	n := geo.PointAtBearingAndDistance(sw, 0, h)
	ne := orb.Point{e[0], n[1]}
	return orb.Polygon{{sw, {e[0], sw[1]}, ne, {sw[0], n[1]}, sw}}
}

func TestTaskSquares(t *testing.T) {
	sw := orb.Point{39.25, -6.82} // Tandale, Dar es Salaam
	lShape := orb.Polygon{{sw, {39.259, -6.82}, {39.259, -6.815}, {39.254, -6.815}, {39.254, -6.811}, {39.25, -6.811}, sw}}
	tests := []struct {
		name       string
		area       orb.Geometry
		gridM      float64
		wantSquare int // exact count, or -1 to check the area only
	}{
		{"1 km square in 100 m squares", rectM(sw, 1000, 1000), 100, 100},
		{"1 km by 450 m: the last row is cut", rectM(sw, 1000, 450), 100, 50},
		{"L shape", lShape, 200, -1},
		{"multipolygon", orb.MultiPolygon{rectM(sw, 300, 300), rectM(orb.Point{39.27, -6.82}, 300, 300)}, 100, 21}, // the second is off the grid: 4 by 3,
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			squares, err := mapping.TaskSquares(tc.area, tc.gridM, mapping.DefaultTaskGridLimits)
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantSquare >= 0 && len(squares) != tc.wantSquare {
				t.Fatalf("%d squares, want %d", len(squares), tc.wantSquare)
			}
			total := 0.0
			for i, sq := range squares {
				a := geo.Area(sq)
				if a > tc.gridM*tc.gridM*1.01 || a <= 0 {
					t.Errorf("square %d has %.0f m², a square of %.0f m is %.0f m²", i, a, tc.gridM, tc.gridM*tc.gridM)
				}
				// Every square lies inside the area: its centre of mass
				// does (the area is a union of convex parts here).
				if c, _ := planar.CentroidArea(sq); !data.AreaContains(tc.area, c) {
					t.Errorf("square %d (centre %v) is outside the area", i, c)
				}
				total += a
			}
			if want := geo.Area(tc.area); math.Abs(total-want) > 0.01*want {
				t.Errorf("squares cover %.0f m², the area is %.0f m²", total, want)
			}
		})
	}
}

func TestTaskSquaresRefuses(t *testing.T) {
	sw := orb.Point{39.25, -6.82}
	limits := mapping.TaskGridLimits{MinGridM: 50, MaxGridM: 5000, MaxSquares: 30}
	for _, tc := range []struct {
		name  string
		area  orb.Geometry
		gridM float64
	}{
		{"grid below the minimum", rectM(sw, 1000, 1000), 10},
		{"grid above the maximum", rectM(sw, 1000, 1000), 6000},
		{"grid not a number", rectM(sw, 1000, 1000), math.NaN()},
		{"too many squares", rectM(sw, 1000, 1000), 100},
		{"too many squares after clipping", rectM(sw, 1000, 310), 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := mapping.TaskSquares(tc.area, tc.gridM, limits)
			var ve *data.ValidationError
			if !errors.As(err, &ve) || ve.Field != "properties.grid_m" {
				t.Fatalf("err = %v, want a validation error on properties.grid_m", err)
			}
		})
	}
}

// BenchmarkTaskSquares splits areas of growing size into 100 m squares
// (the clipping dominates: one clip of the area per cell of its bound).
func BenchmarkTaskSquares(b *testing.B) {
	for _, sideM := range []float64{500, 2000, 4900} {
		area := rectM(orb.Point{39.25, -6.82}, sideM, sideM)
		b.Run(fmt.Sprintf("%.0fm", sideM), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := mapping.TaskSquares(area, 100, mapping.DefaultTaskGridLimits); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
