package mapping

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// cellGrid is a grid of square cells over a bound, in a local
// equirectangular projection centred on the bound's middle latitude: a
// cell is cellM metres north to south everywhere and cellM metres east to
// west at the middle latitude (slightly less towards the poles). Cells are
// numbered row by row from the south-west corner: index = row*cols + col.
type cellGrid struct {
	origin     orb.Point // south-west corner
	dLon, dLat float64   // cell size in degrees
	rows, cols int
	cellM      float64
}

func newCellGrid(b orb.Bound, cellM float64) (cellGrid, error) {
	if b.IsZero() || !(b.Max[0] >= b.Min[0] && b.Max[1] >= b.Min[1]) {
		return cellGrid{}, fmt.Errorf("risk: no deployment area (empty extract)")
	}
	mid := (b.Min[1] + b.Max[1]) / 2
	g := cellGrid{origin: b.Min, cellM: cellM, dLat: cellM / metresPerDegree,
		dLon: cellM / (metresPerDegree * math.Cos(mid*math.Pi/180))}
	g.cols = max(1, int(math.Ceil((b.Max[0]-b.Min[0])/g.dLon)))
	g.rows = max(1, int(math.Ceil((b.Max[1]-b.Min[1])/g.dLat)))
	if g.rows*g.cols > MaxRiskCells {
		return cellGrid{}, fmt.Errorf("risk: %d × %d cells of %g m exceed %d; use larger cells", g.rows, g.cols, cellM, MaxRiskCells)
	}
	return g, nil
}

// len returns the number of cells.
func (g *cellGrid) len() int { return g.rows * g.cols }

// cellOf returns the index of the cell holding p, or -1 outside the grid.
func (g *cellGrid) cellOf(p orb.Point) int {
	c := int(math.Floor((p[0] - g.origin[0]) / g.dLon))
	r := int(math.Floor((p[1] - g.origin[1]) / g.dLat))
	if c < 0 || r < 0 || c >= g.cols || r >= g.rows {
		// Points exactly on the north or east edge of the area belong to the last cell.
		if c == g.cols && p[0] <= g.origin[0]+float64(g.cols)*g.dLon+1e-12 {
			c--
		}
		if r == g.rows && p[1] <= g.origin[1]+float64(g.rows)*g.dLat+1e-12 {
			r--
		}
		if c < 0 || r < 0 || c >= g.cols || r >= g.rows {
			return -1
		}
	}
	return r*g.cols + c
}

// bound returns the bound of cell i.
func (g *cellGrid) bound(i int) orb.Bound {
	r, c := i/g.cols, i%g.cols
	min := orb.Point{g.origin[0] + float64(c)*g.dLon, g.origin[1] + float64(r)*g.dLat}
	return orb.Bound{Min: min, Max: orb.Point{min[0] + g.dLon, min[1] + g.dLat}}
}

// centre returns the centre of cell i.
func (g *cellGrid) centre(i int) orb.Point { return g.bound(i).Center() }

// polygon returns cell i as a counter-clockwise GeoJSON polygon.
func (g *cellGrid) polygon(i int) orb.Polygon {
	b := g.bound(i)
	return orb.Polygon{orb.Ring{b.Min, {b.Max[0], b.Min[1]}, b.Max, {b.Min[0], b.Max[1]}, b.Min}}
}

// areaHa returns the area of cell i in hectares (on orb's sphere, in the
// local projection of the cell's own latitude).
func (g *cellGrid) areaHa(i int) float64 {
	lat := g.centre(i)[1]
	return g.dLon * metresPerDegree * math.Cos(lat*math.Pi/180) * g.dLat * metresPerDegree / 10_000
}

// id returns the stable id of cell i, "r{row}c{col}".
func (g *cellGrid) id(i int) string {
	return "r" + strconv.Itoa(i/g.cols) + "c" + strconv.Itoa(i%g.cols)
}

// parseID returns the index of the cell with the given id.
func (g *cellGrid) parseID(id string) (int, bool) {
	rest, ok := strings.CutPrefix(id, "r")
	if !ok {
		return 0, false
	}
	rs, cs, ok := strings.Cut(rest, "c")
	if !ok {
		return 0, false
	}
	r, err1 := strconv.Atoi(rs)
	c, err2 := strconv.Atoi(cs)
	if err1 != nil || err2 != nil || r < 0 || c < 0 || r >= g.rows || c >= g.cols || strconv.Itoa(r) != rs || strconv.Itoa(c) != cs {
		return 0, false
	}
	return r*g.cols + c, true
}

// span returns the rows and columns of the cells meeting b, clamped to the
// grid; ok is false when b misses the grid.
func (g *cellGrid) span(b orb.Bound) (r0, r1, c0, c1 int, ok bool) {
	c0 = int(math.Floor((b.Min[0] - g.origin[0]) / g.dLon))
	c1 = int(math.Floor((b.Max[0] - g.origin[0]) / g.dLon))
	r0 = int(math.Floor((b.Min[1] - g.origin[1]) / g.dLat))
	r1 = int(math.Floor((b.Max[1] - g.origin[1]) / g.dLat))
	if c1 < 0 || r1 < 0 || c0 >= g.cols || r0 >= g.rows {
		return 0, 0, 0, 0, false
	}
	return max(r0, 0), min(r1, g.rows-1), max(c0, 0), min(c1, g.cols-1), true
}
