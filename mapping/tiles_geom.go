package mapping

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/simplify"
)

// tileProjection maps lon/lat to the tile coordinates of one tile (web
// Mercator, origin at the tile's top-left corner, TileExtent units wide).
type tileProjection struct {
	scale, x0, y0 float64
}

func newTileProjection(z, x, y uint32) tileProjection {
	scale := float64(uint64(1)<<z) * TileExtent
	return tileProjection{scale: scale, x0: float64(x) * TileExtent, y0: float64(y) * TileExtent}
}

// maxMercatorLat is the latitude where web Mercator's square world ends.
const maxMercatorLat = 85.05112878

func (p tileProjection) point(ll orb.Point) orb.Point {
	lat := math.Max(-maxMercatorLat, math.Min(maxMercatorLat, ll[1])) * math.Pi / 180
	fx := (ll[0] + 180) / 360
	fy := (1 - math.Asinh(math.Tan(lat))/math.Pi) / 2
	return orb.Point{math.Round(fx*p.scale - p.x0), math.Round(fy*p.scale - p.y0)}
}

// line projects ps, dropping points that round onto the previous one.
func (p tileProjection) line(ps []orb.Point) []orb.Point {
	out := make([]orb.Point, 0, len(ps))
	for _, ll := range ps {
		q := p.point(ll)
		if n := len(out); n > 0 && out[n-1] == q {
			continue
		}
		out = append(out, q)
	}
	return out
}

// tileSimplifier removes points closer than a tile unit to the line
// through their neighbours: invisible at any zoom the tile is drawn at.
var tileSimplifier = simplify.DouglasPeucker(1)

// tileGeometry returns the part of tf's geometry inside the buffered tile
// bound bb, in tile coordinates, simplified, with polygon rings wound as
// the vector tile spec wants; nil when nothing visible is left. fb is the
// geometry's bound. The feature's own geometry is never modified.
func tileGeometry(tf tileFeat, fb, bb orb.Bound, proj tileProjection) orb.Geometry {
	if tf.asPoint || tf.f.Geometry == nil {
		if !bb.Contains(tf.f.Point) {
			return nil
		}
		return proj.point(tf.f.Point)
	}
	g := tf.f.Geometry
	inside := bb.Contains(fb.Min) && bb.Contains(fb.Max)
	if !inside {
		// clip uses its input as scratch space: clip a copy.
		g = clip.Geometry(bb, orb.Clone(g))
		if g == nil {
			return nil
		}
	}
	switch g := g.(type) {
	case orb.LineString:
		return tileLines(orb.MultiLineString{g}, proj)
	case orb.MultiLineString:
		return tileLines(g, proj)
	case orb.Polygon:
		return tilePolygons(orb.MultiPolygon{g}, proj)
	case orb.MultiPolygon:
		return tilePolygons(g, proj)
	}
	return nil
}

func tileLines(mls orb.MultiLineString, proj tileProjection) orb.Geometry {
	out := make(orb.MultiLineString, 0, len(mls))
	for _, ls := range mls {
		l := tileSimplifier.LineString(orb.LineString(proj.line(ls)))
		if len(l) >= 2 {
			out = append(out, l)
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return out
}

func tilePolygons(mp orb.MultiPolygon, proj tileProjection) orb.Geometry {
	out := make(orb.MultiPolygon, 0, len(mp))
	for _, poly := range mp {
		var p orb.Polygon
		for i, r := range poly {
			ring := tileRing(r, proj, i == 0)
			if ring == nil {
				if i == 0 {
					break // no shell left: drop the polygon and its holes
				}
				continue
			}
			p = append(p, ring)
		}
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return out
}

// tileRing projects and simplifies r and winds it for the vector tile
// spec: in tile coordinates (y down) a shell has a positive surveyor's
// area and a hole a negative one. Rings that collapse are dropped (nil).
func tileRing(r orb.Ring, proj tileProjection, shell bool) orb.Ring {
	pr := orb.Ring(proj.line(r))
	if len(pr) > 0 && pr[0] != pr[len(pr)-1] {
		pr = append(pr, pr[0])
	}
	if len(pr) < 4 {
		return nil
	}
	pr = tileSimplifier.Ring(pr)
	if len(pr) < 4 {
		return nil
	}
	a := ringArea2(pr)
	if a == 0 {
		return nil
	}
	if (a > 0) != shell {
		pr.Reverse()
	}
	return pr
}

// ringArea2 is twice the surveyor's (shoelace) area of r, signed.
func ringArea2(r orb.Ring) float64 {
	var s float64
	for i := 0; i+1 < len(r); i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return s
}
