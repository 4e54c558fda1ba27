package mapping

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// addPlaces dedupes the features, merges road and waterway segments that
// share a name and touch, and indexes every name.
func (g *Gazetteer) addPlaces(feats []*data.OSMFeature) {
	byRef := make(map[osmRef]int32, len(feats)/2)
	type lineKey struct {
		cls typeClass
		key string
	}
	lines := map[lineKey][]*data.OSMFeature{}
	for _, f := range feats {
		if len(f.Names) == 0 || f.Kind == data.KindHazard || !f.Kind.Valid() {
			continue
		}
		cls := featureClass(f)
		if f.Kind == data.KindRoad || f.Kind == data.KindWaterway {
			if n := f.Name(); n != "" {
				k := lineKey{cls, Normalize(n)}
				lines[k] = append(lines[k], f)
				continue
			}
		}
		ref := osmRef{f.OSMType, f.OSMID}
		if i, ok := byRef[ref]; ok {
			p := &g.places[i]
			p.cls |= cls
			if p.f.Kind == data.KindBuilding && f.Kind != data.KindBuilding {
				p.f = f
				p.prior = kindPrior(f)
			}
			p.region = p.region || isRegion(f)
			if p.sub == subNone {
				p.sub = featureSubtype(f)
			}
			p.radius = max(p.radius, settlementRadius(f))
			continue
		}
		byRef[ref] = int32(len(g.places))
		g.places = append(g.places, gplace{f: f, point: f.Point, cls: cls, region: isRegion(f),
			radius: settlementRadius(f), prior: kindPrior(f), penalty: minorPenalty(f), sub: featureSubtype(f)})
		if f.Geometry != nil && f.Kind.IsRegion() {
			g.places[len(g.places)-1].prior -= 0.1 // a town's centre before its boundary
		}
	}
	keys := make([]lineKey, 0, len(lines))
	for k := range lines {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].key != keys[j].key {
			return keys[i].key < keys[j].key
		}
		return keys[i].cls < keys[j].cls
	})
	firstLine := len(g.places)
	groups := map[int][]*data.OSMFeature{} // place index -> members
	for _, k := range keys {
		for _, run := range mergeRuns(lines[k]) {
			groups[len(g.places)] = run
			f := run[0]
			g.places = append(g.places, gplace{f: f, point: runPoint(run), cls: k.cls, prior: kindPrior(f)})
		}
	}
	for i := range g.places {
		p := &g.places[i]
		members := []*data.OSMFeature{p.f}
		if i >= firstLine {
			members = groups[i]
		}
		p.key = Normalize(p.f.Name())
		seen := map[string]bool{}
		for _, m := range members {
			for _, t := range m.Names {
				if !nameKeyIndexed(t.Key) {
					continue
				}
				if strings.Contains(t.Value, "://") {
					continue
				}
				for _, v := range strings.Split(t.Value, ";") {
					g.addName(int32(i), strings.TrimSpace(v), seen)
					if before, _, ok := strings.Cut(v, ","); ok {
						g.addName(int32(i), strings.TrimSpace(before), seen)
					}
				}
			}
		}
	}
}

// nameKeyIndexed excludes the name-like keys that are not names.
func nameKeyIndexed(k string) bool {
	for _, suf := range []string{":source", ":etymology", ":wikidata", ":wikipedia", ":pronunciation", ":signed"} {
		if strings.HasSuffix(k, suf) {
			return false
		}
	}
	return true
}

// addName indexes one name of place pi.
func (g *Gazetteer) addName(pi int32, name string, seen map[string]bool) {
	ws := text.Words(name)
	if len(ws) == 0 {
		return
	}
	p := &g.places[pi]
	e := gentry{place: pi, name: name}
	letters := false
	for i, w := range ws {
		s := w.Text
		if d, ok := nameDirections[s]; ok && len(ws) > 1 && i < len(ws)-1 {
			s = d
		}
		c := canonical(s)
		sp := stSpelling(s)
		r := roleDistinct
		switch {
		case stopWord(s) || stopWord(c) || len(c) == 1 && len(ws) > 1 && hasLetter(c):
			r = roleStop // function words and initials
		case typeWords[c]&p.cls != 0 && sp != stSaint:
			r = roleType
			if p.sub == subNone {
				p.sub = subtypeWords[c]
			}
		}
		if r == roleDistinct && hasLetter(c) {
			letters = true
		}
		e.toks = append(e.toks, g.token(c))
		e.roles = append(e.roles, r)
		e.spell = append(e.spell, sp)
	}
	if !letters {
		// A name of function words and a type word ("Wills Way", "The
		// Mall") is named by its function words.
		for j, t := range e.toks {
			if e.roles[j] == roleStop && len(g.toks[t].s) >= 2 && hasLetter(g.toks[t].s) {
				e.roles[j], letters = roleDistinct, true
			}
		}
	}
	if !letters {
		// "4" or "Fire Station" alone name nothing; "École 14" and
		// "Rue 10" do, with their type word.
		if !slices.Contains(e.roles, roleType) || !slices.ContainsFunc(e.toks, func(t int32) bool { return !hasLetter(g.toks[t].s) }) {
			return
		}
		e.numbered = true
	}
	key := tokensKey(g, e.toks)
	if seen[key] {
		return
	}
	seen[key] = true
	e.single = len(e.toks) == 1
	g.entries = append(g.entries, e)
}

func tokensKey(g *Gazetteer, toks []int32) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(g.toks[t].s)
	}
	return b.String()
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return true
		}
	}
	return false
}

func (g *Gazetteer) token(s string) int32 {
	if id, ok := g.dict[s]; ok {
		return id
	}
	id := int32(len(g.toks))
	g.dict[s] = id
	g.toks = append(g.toks, gtoken{s: s, cls: typeWords[s]})
	return id
}

// finish computes token weights, postings and the fuzzy index.
func (g *Gazetteer) finish() {
	for ei := range g.entries {
		e := &g.entries[ei]
		for j, t := range e.toks {
			if e.roles[j] != roleDistinct {
				continue
			}
			tk := &g.toks[t]
			if n := len(tk.post); n == 0 || tk.post[n-1] != int32(ei) {
				tk.post = append(tk.post, int32(ei))
				tk.df++
			}
		}
	}
	n := float64(len(g.entries) + 1)
	g.commonDF = max(commonMinDF, len(g.entries)/commonShare)
	for i := range g.toks {
		tk := &g.toks[i]
		tk.weight = 1 + math.Log(n/float64(tk.df+1))
	}
	for ei := range g.entries {
		e := &g.entries[ei]
		for j, t := range e.toks {
			switch e.roles[j] {
			case roleType:
				g.toks[t].typed = true
			}
			switch e.roles[j] {
			case roleDistinct:
				e.ndist++
				e.wsum += g.toks[t].weight
				if g.soft[g.toks[t].s] {
					e.nsoft++
				}
			case roleType:
				e.ntype++
			}
		}
	}
	g.sorted = make([]int32, len(g.toks))
	for i := range g.sorted {
		g.sorted[i] = int32(i)
	}
	sort.Slice(g.sorted, func(i, j int) bool { return g.toks[g.sorted[i]].s < g.toks[g.sorted[j]].s })
	g.del = make(map[uint64][]int32, len(g.toks)*4)
	var buf []byte
	for i, tk := range g.toks {
		if len(tk.post) == 0 && !tk.typed || !fuzzyWord(tk.s) {
			continue
		}
		k := editsFor(tk.s)
		g.maxFuzzy = max(g.maxFuzzy, len(tk.s)+k)
		last := uint64(0)
		deletions(tk.s, k, &buf, func(d []byte) {
			h := hashBytes(d)
			if h == last {
				return
			}
			last = h
			ids := g.del[h]
			if len(ids) == 0 || ids[len(ids)-1] != int32(i) {
				g.del[h] = append(ids, int32(i))
			}
		})
	}
}

// fuzzyWord reports whether w may be matched with typos: ASCII letters,
// at least 5 of them.
func fuzzyWord(w string) bool {
	if len(w) < 5 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// editsFor is the number of typos tolerated in a word: 1 from 5 letters,
// 2 from 8.
func editsFor(w string) int {
	switch {
	case len(w) >= 8:
		return 2
	case len(w) >= 5:
		return 1
	}
	return 0
}

// deletions calls fn with w and every string made by deleting up to k
// bytes of it (the same string may come more than once).
func deletions(w string, k int, buf *[]byte, fn func([]byte)) {
	b := append((*buf)[:0], w...)
	fn(b)
	for i := 0; i < len(w); i++ {
		b = append(b[:0], w[:i]...)
		b = append(b, w[i+1:]...)
		fn(b)
		if k < 2 {
			continue
		}
		for j := i + 1; j < len(w); j++ {
			b = append(b[:0], w[:i]...)
			b = append(b, w[i+1:j]...)
			b = append(b, w[j+1:]...)
			fn(b)
		}
	}
	*buf = b
}

func hashBytes(s []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range s {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// mergeRuns splits same-named line segments into runs of segments that
// touch or nearly touch (within about 150 m), so that the 60 pieces of
// one Main Street are one place and the Main Streets of two towns are two.
func mergeRuns(segs []*data.OSMFeature) [][]*data.OSMFeature {
	if len(segs) == 1 {
		return [][]*data.OSMFeature{segs}
	}
	parent := make([]int, len(segs))
	bounds := make([]orb.Bound, len(segs))
	for i, s := range segs {
		parent[i] = i
		if s.Geometry != nil {
			bounds[i] = s.Geometry.Bound()
		} else {
			bounds[i] = s.Point.Bound()
		}
		bounds[i] = bounds[i].Pad(0.0015)
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range segs {
		for j := i + 1; j < len(segs); j++ {
			if bounds[i].Intersects(bounds[j]) {
				if a, b := find(i), find(j); a != b {
					parent[a] = b
				}
			}
		}
	}
	byRoot := map[int][]*data.OSMFeature{}
	var roots []int
	for i, s := range segs {
		r := find(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], s)
	}
	out := make([][]*data.OSMFeature, 0, len(roots))
	for _, r := range roots {
		out = append(out, byRoot[r])
	}
	return out
}

// runPoint is the point of a run of segments nearest the middle of their
// extent.
func runPoint(run []*data.OSMFeature) orb.Point {
	if len(run) == 1 {
		return run[0].Point
	}
	var b orb.Bound
	for i, s := range run {
		sb := s.Point.Bound()
		if s.Geometry != nil {
			sb = s.Geometry.Bound()
		}
		if i == 0 {
			b = sb
		} else {
			b = b.Union(sb)
		}
	}
	c := b.Center()
	best, bd := run[0].Point, math.Inf(1)
	for _, s := range run {
		pts := []orb.Point{s.Point}
		if ls, ok := s.Geometry.(orb.LineString); ok {
			pts = ls
		}
		for _, p := range pts {
			if d := planar.DistanceSquared(p, c); d < bd {
				best, bd = p, d
			}
		}
	}
	return best
}
