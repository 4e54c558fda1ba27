package mapping

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/simplify"
)

// tileProjection maps lon/lat to the tile coordinates of one tile (web
// Mercator, origin at the tile's top-left corner, TileExtent units wide).
// From zoom 12 on, Mercator's y is a cubic Taylor expansion around the
// tile's centre latitude: across a tile and its buffer it differs from the
// exact value by far less than a tile unit, at a fraction of the cost.
type tileProjection struct {
	scale, x0, y0  float64
	approx         bool
	lat0           float64     // radians
	m0, c1, c2, c3 float64     // Mercator y at lat0 and its Taylor coefficients
	pts            []orb.Point // arena for projected points, shared by a tile
}

// approxFromZoom is the first zoom projected with the Taylor expansion.
const approxFromZoom = 12

func newTileProjection(z, x, y uint32, centreLat float64) *tileProjection {
	scale := float64(uint64(1)<<z) * TileExtent
	p := &tileProjection{scale: scale, x0: float64(x) * TileExtent, y0: float64(y) * TileExtent}
	if z >= approxFromZoom && math.Abs(centreLat) < 80 {
		phi := centreLat * math.Pi / 180
		sec, tan := 1/math.Cos(phi), math.Tan(phi)
		p.approx, p.lat0 = true, phi
		p.m0 = math.Asinh(tan)
		p.c1 = sec                           // first derivative of asinh(tan φ)
		p.c2 = sec * tan / 2                 // second, over 2!
		p.c3 = sec * (sec*sec + tan*tan) / 6 // third, over 3!
	}
	return p
}

// maxMercatorLat is the latitude where web Mercator's square world ends.
const maxMercatorLat = 85.05112878

// mercatorY is the exact web Mercator y (radians) of lat (degrees).
func mercatorY(lat float64) float64 {
	lat = math.Max(-maxMercatorLat, math.Min(maxMercatorLat, lat)) * math.Pi / 180
	return math.Asinh(math.Tan(lat))
}

// mercY is the web Mercator y (radians) of lat (degrees) for this tile.
func (p *tileProjection) mercY(lat float64) float64 {
	if !p.approx {
		return mercatorY(lat)
	}
	d := lat*math.Pi/180 - p.lat0
	return p.m0 + d*(p.c1+d*(p.c2+d*p.c3))
}

func (p *tileProjection) point(ll orb.Point) orb.Point {
	my := p.mercY(ll[1])
	fx := (ll[0] + 180) / 360
	fy := (1 - my/math.Pi) / 2
	return orb.Point{math.Round(fx*p.scale - p.x0), math.Round(fy*p.scale - p.y0)}
}

// line projects ps into the arena, dropping points that round onto the
// previous one; the result has no spare capacity, so appending to it
// copies.
func (p *tileProjection) line(ps []orb.Point) []orb.Point {
	start := len(p.pts)
	for _, ll := range ps {
		q := p.point(ll)
		if n := len(p.pts); n > start && p.pts[n-1] == q {
			continue
		}
		p.pts = append(p.pts, q)
	}
	return p.pts[start:len(p.pts):len(p.pts)]
}

// tileSimplifier removes points closer than a tile unit to the line
// through their neighbours: invisible at any zoom the tile is drawn at.
var tileSimplifier = simplify.DouglasPeucker(1)

// tileGeometry returns the part of tf's geometry inside the buffered tile
// bound bb, in tile coordinates, simplified, with polygon rings wound as
// the vector tile spec wants; nil when nothing visible is left. fb is the
// geometry's bound. The feature's own geometry is never modified.
func tileGeometry(tf tileFeat, fb, bb orb.Bound, proj *tileProjection) orb.Geometry {
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

func tileLines(mls orb.MultiLineString, proj *tileProjection) orb.Geometry {
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

func tilePolygons(mp orb.MultiPolygon, proj *tileProjection) orb.Geometry {
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
func tileRing(r orb.Ring, proj *tileProjection, shell bool) orb.Ring {
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
