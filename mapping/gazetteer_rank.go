package mapping

import (
	"slices"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/mtaa-project/mtaa/data"
)

// mention is a group of candidates for the same words.
type mention struct {
	alts      []cand
	lo, hi    int
	qualifier bool // an area named to disambiguate another mention
}

// mentions groups candidates into mentions, strongest first: the best
// candidate takes its words, and every candidate on those words that
// explains nearly as many becomes an alternative. With all set, every
// overlapping candidate is an alternative (search box).
func (g *Gazetteer) mentions(tw []textWord, cs []cand, all bool) []mention {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if sa, sb := a.cover*a.name, b.cover*b.name; sa != sb {
			return sa > sb
		}
		if a.name != b.name {
			return a.name > b.name
		}
		return g.places[a.place].prior > g.places[b.place].prior
	})
	taken := make([]bool, len(cs))
	var out []mention
	for i, c := range cs {
		if taken[i] {
			continue
		}
		m := mention{lo: c.lo, hi: c.hi}
		for j := i; j < len(cs); j++ {
			o := cs[j]
			if taken[j] || o.used&(c.used|c.ext) == 0 {
				continue
			}
			if !all && j != i && o.cover < c.cover-0.75 {
				taken[j] = true // subsumed by a longer name: "Newark" in "Newark High School"
				continue
			}
			taken[j] = true
			m.alts = append(m.alts, o)
		}
		for k := range m.alts {
			a := &m.alts[k]
			a.conf = a.name * (0.1 + 0.9*min(1, coverWeight(tw, a.used&(c.used|c.ext), a.ext&(c.used|c.ext))/c.cover))
		}
		out = append(out, m)
	}
	return out
}

// rank scores the alternatives of the strongest mention with the other
// mentions (containing areas) and the hint, and returns matches best first.
func (g *Gazetteer) rank(tw []textWord, ms []mention, hint *orb.Bound, limit int, all bool) []Match {
	if len(ms) == 0 {
		return nil
	}
	// A place named with its area ("Walgreens, Smyrna") is the place, and
	// the area only tells which one: it goes first even when the area
	// alone matches as well.
	top := ms[0].alts[0].cover * ms[0].alts[0].name
	for mi := range ms {
		m := &ms[mi]
		if g.places[m.alts[0].place].region {
			continue
		}
		if m.alts[0].cover*m.alts[0].name < 0.6*top {
			break
		}
		found := false
		for qi := range ms {
			if qi != mi && g.places[ms[qi].alts[0].place].region && g.qualifies(m, &ms[qi]) != nil {
				found = true
				break
			}
		}
		if found {
			ms[0], ms[mi] = ms[mi], ms[0]
			break
		}
	}
	primary := &ms[0]
	// A settlement named by the same words outranks the car park, shop or land
	// use that shares its name: "Harrington" is the town.
	for k, a := range primary.alts {
		if minorKind(g.places[a.place].f.Kind) && slices.ContainsFunc(primary.alts, func(r cand) bool {
			return g.places[r.place].region && r.cover >= a.cover
		}) {
			primary.alts[k].adj += minorKindPenalty
		}
	}
	// Another mention that names an area containing some of the primary's
	// alternatives disambiguates them: "Main Street, Newark".
	for mi := 1; mi < len(ms); mi++ {
		q := &ms[mi]
		if !g.places[q.alts[0].place].region {
			continue
		}
		in := g.qualifies(primary, q)
		if in == nil {
			continue
		}
		q.qualifier = true
		for k := range primary.alts {
			if !in[k] {
				primary.alts[k].adj += 0.25
			}
		}
	}
	if hint != nil && !hint.IsEmpty() {
		any := false
		for _, a := range primary.alts {
			if hint.Contains(g.places[a.place].point) {
				any = true
			}
		}
		if any {
			for k, a := range primary.alts {
				if !hint.Contains(g.places[a.place].point) {
					primary.alts[k].adj += 0.2
				}
			}
		}
	}
	var out []Match
	add := func(alts []cand, scale float64) {
		alts = slices.Clone(alts)
		sort.SliceStable(alts, func(i, j int) bool {
			if ci, cj := g.final(alts[i], scale), g.final(alts[j], scale); ci != cj {
				return ci > cj
			}
			return g.places[alts[i].place].prior > g.places[alts[j].place].prior
		})
		for _, a := range alts {
			if g.duplicate(out, a) {
				continue
			}
			p := &g.places[a.place]
			m := Match{Feature: p.f, Point: p.point, Name: g.entries[a.entry].name,
				Score: a.conf * scale, Confidence: g.final(a, scale)}
			m.Start, m.End = tw[a.lo].Start, tw[a.hi-1].End
			out = append(out, m)
		}
	}
	add(primary.alts, 1)
	for mi := 1; mi < len(ms); mi++ {
		if !ms[mi].qualifier {
			add(ms[mi].alts, 0.6)
		}
	}
	if !all {
		// Secondary mentions never beat the primary one.
		sort.SliceStable(out, func(i, j int) bool { return out[i].Confidence > out[j].Confidence })
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	for i := range out {
		out[i].Label = g.label(out[i].Feature, out[i].Point)
	}
	g.distinguish(out)
	return out
}

// distinguish adds to the labels that several matches share the named
// place, landmark or street near each (opts.Landmark), so that a resident
// choosing among them can tell them apart: the first match of a label
// takes its nearest one, the others the nearest one not taken yet. A
// label stays as it is when nothing near tells it apart.
func (g *Gazetteer) distinguish(out []Match) {
	if g.opts.Landmark == nil {
		return
	}
	done := make([]bool, len(out))
	for i := range out {
		if done[i] {
			continue
		}
		label := out[i].Label
		var same []int
		for j := i + 1; j < len(out); j++ {
			if !done[j] && out[j].Label == label && out[j].Point != out[i].Point {
				same = append(same, j)
				done[j] = true
			}
		}
		if len(same) == 0 {
			continue
		}
		// Names already in the label (the match's own, its area's) and
		// those taken by an earlier match of the label tell nothing.
		taken := map[string]bool{}
		for _, part := range strings.Split(label, ",") {
			taken[areaKey(part)] = true
		}
		for _, k := range append([]int{i}, same...) {
			f, ok := g.opts.Landmark(out[k].Point, func(f *data.OSMFeature) bool {
				return f != out[k].Feature && !taken[areaKey(f.Name())]
			})
			if !ok {
				continue
			}
			taken[areaKey(f.Name())] = true
			out[k].Label = label + ", " + strings.TrimSpace(f.Name())
		}
	}
}

// final is the confidence of alternative a of a mention scaled by scale:
// its name score calibrated, less what the context says against it (an
// area named elsewhere, the hint, a settlement of the same name).
func (g *Gazetteer) final(a cand, scale float64) float64 {
	return max(0, calibrate(a.conf*scale)-a.adj)
}

// qualifies returns, for each alternative of m, whether it lies in an
// area named by q (inside its boundary, or near it when it is a
// settlement mapped as a point), or nil when none does.
func (g *Gazetteer) qualifies(m, q *mention) []bool {
	var in []bool
	for k, a := range m.alts {
		for _, qa := range q.alts {
			if qa.conf >= 0.6 && g.places[qa.place].region && g.placeIn(a.place, qa.place) {
				if in == nil {
					in = make([]bool, len(m.alts))
				}
				in[k] = true
				break
			}
		}
	}
	return in
}

// Ranking constants.
const (
	// sameNameNearM is how near a settlement a same-named thing is the
	// same place for a report.
	sameNameNearM = 3000
	// minorKindPenalty is taken off landmarks, land use and buildings that
	// share their words with a settlement.
	minorKindPenalty = 0.2
)

// minorKind reports whether features of kind k are rarely what a
// settlement's name means.
func minorKind(k data.FeatureKind) bool {
	return k == data.KindLandmark || k == data.KindLanduse || k == data.KindBuilding
}

// duplicate reports whether a says nothing new after out: a place within
// 200 m of one already listed, or an area that contains a listed place of
// the same name (the city's boundary after its centre).
func (g *Gazetteer) duplicate(out []Match, a cand) bool {
	p := &g.places[a.place]
	for _, m := range out {
		if geo.Distance(m.Point, p.point) < 200 {
			return true
		}
		if p.region && Normalize(m.Feature.Name()) == p.key && data.AreaContains(p.f.Geometry, m.Point) {
			return true
		}
		// A settlement and a thing of the same name near it (its beach,
		// its post office "Newark, DE") are one place for a report.
		if (p.region || isRegion(m.Feature)) && areaKey(m.Feature.Name()) == areaKey(p.f.Name()) &&
			geo.Distance(m.Point, p.point) < sameNameNearM {
			return true
		}
	}
	return false
}

// placeIn reports whether place a lies in region place r: inside its
// area, or near it when it is a settlement point.
func (g *Gazetteer) placeIn(a, r int32) bool {
	if a == r {
		return false
	}
	pa, pr := &g.places[a], &g.places[r]
	if pr.radius > 0 && geo.Distance(pa.point, pr.point) <= pr.radius {
		return true
	}
	return pr.f.Geometry != nil && pr.f.Geometry.Bound().Contains(pa.point) && data.AreaContains(pr.f.Geometry, pa.point)
}

// areaKey is the normalized name of an area without what follows a comma
// ("Bear, Delaware" → "bear").
func areaKey(name string) string {
	before, _, _ := strings.Cut(name, ",")
	return Normalize(before)
}

// label is the feature's name and the smallest named area containing the
// place, when it has another name.
func (g *Gazetteer) label(f *data.OSMFeature, p orb.Point) string {
	name := f.Name()
	if name == "" {
		for _, t := range f.Names {
			name = t.Value
			break
		}
	}
	if g.opts.Containing == nil {
		return name
	}
	areas := g.opts.Containing(p)
	own := areaKey(name)
	for i := len(areas) - 1; i >= 0; i-- {
		a := areas[i]
		if a == f || a.Kind == data.KindHazard || a.Name() == "" {
			continue
		}
		an, _, _ := strings.Cut(a.Name(), ",")
		if areaKey(an) == own {
			continue
		}
		return name + ", " + strings.TrimSpace(an)
	}
	return name
}
