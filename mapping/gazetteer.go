package mapping

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// GazetteerOptions tunes a Gazetteer.
type GazetteerOptions struct {
	// Containing returns the region areas that contain a point, largest
	// first (Index.Containing). It gives matches their area label and lets
	// "Main Street, Newark" pick the Main Street inside Newark. Nil means
	// labels are plain names and only point places (towns, villages) can
	// disambiguate, by distance.
	Containing func(orb.Point) []*data.OSMFeature
	// SoftWords are words that may be part of a name but never find one on
	// their own, such as the category keywords of the SMS channel ("fire",
	// "water", "rising"): "Rising Sun" is still found, "water rising" does
	// not find a place. They are folded like names.
	SoftWords []string
}

// Gazetteer turns words into places: it indexes every name tag of places,
// areas, facilities, roads, waterways and named buildings, folded by case,
// diacritics, punctuation, script and common abbreviations, and matches
// them with typos, in any word order, with missing words, and with the
// type word ("school", "shule", "école"...) in any of the six SMS
// languages. It is read-only once built and safe for concurrent use.
type Gazetteer struct {
	opts    GazetteerOptions
	places  []gplace
	entries []gentry
	dict    map[string]int32
	toks    []gtoken
	sorted  []int32            // token ids sorted by text, for prefixes
	del     map[uint64][]int32 // deletion-variant hash -> token ids (fuzzy)
	// maxFuzzy is the longest message word that may be a misspelt token
	// (the longest indexed token plus two edits); longer words skip the
	// deletion variants, which grow with the square of a word's length.
	maxFuzzy int
	soft     map[string]bool
	labels   sync.Map // place index -> label
}

// gplace is one place a name can lead to: a feature, or a run of
// same-named road or waterway segments merged into one.
type gplace struct {
	f      *data.OSMFeature
	point  orb.Point
	cls    typeClass
	region bool    // an area or a settlement point: may qualify other names
	radius float64 // metres around a settlement point that count as "in" it
	prior  float64 // tie-breaker between equal matches
	// penalty lowers the confidence of places that are rarely meant when
	// a bigger one has the same name: hamlets and localities.
	penalty float64
	key     string // normalized primary name
}

// role is what a name token says about the place.
type role uint8

const (
	roleDistinct role = iota // the name proper: "Tandale", "Walgreens"
	roleType                 // the kind of place, agreeing with its class: "school", "street"
	roleStop                 // a function word: "of", "the", "de"
)

type gentry struct {
	place  int32
	name   string
	toks   []int32
	roles  []role
	wsum   float64 // weight of the distinct tokens
	ntype  int
	ndist  int
	nsoft  int // distinct tokens that are soft words
	single bool
}

type gtoken struct {
	s      string
	cls    typeClass // classes for which it is a type word
	df     int
	weight float64
	post   []int32 // entries where it is a distinct token
	typed  bool    // some name uses it as a type word
}

// Match is a place found for some words.
type Match struct {
	Feature *data.OSMFeature
	// Point is where the place is: the feature's point, or for a road or
	// waterway a point of the named run of segments near its middle.
	Point orb.Point
	// Name is the name that matched, as written in OSM.
	Name string
	// Label is the name and the smallest area containing the place, e.g.
	// "Newark High School, Newark".
	Label string
	// Confidence runs from 0 to 1. When the second match is within 0.15 of
	// the first, the words are ambiguous.
	Confidence float64
	// Start and End are the byte span of the matched words in the input.
	Start, End int
}

// NewGazetteer indexes the names of feats. Hazard zones and features
// without a name are left out; a feature listed under several kinds (a
// hospital that is also a building) is indexed once.
func NewGazetteer(feats []*data.OSMFeature, opts GazetteerOptions) *Gazetteer {
	g := &Gazetteer{opts: opts, dict: map[string]int32{}, soft: map[string]bool{}}
	for _, w := range opts.SoftWords {
		for _, fw := range text.Words(w) {
			g.soft[canonical(fw.Text)] = true
		}
	}
	g.addPlaces(feats)
	g.finish()
	return g
}

// GazetteerFor builds the gazetteer of the index's features, using the
// index for containing areas unless opts.Containing is set.
func GazetteerFor(ix *Index, opts GazetteerOptions) *Gazetteer {
	if opts.Containing == nil {
		opts.Containing = ix.Containing
	}
	return NewGazetteer(ix.all, opts)
}

// Len returns the number of indexed names.
func (g *Gazetteer) Len() int { return len(g.entries) }

type osmRef struct {
	t  data.OSMType
	id int64
}

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
		if len(f.Names) == 0 || f.Kind == data.KindHazard || f.Kind == data.KindLanduse || !f.Kind.Valid() {
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
			p.radius = max(p.radius, settlementRadius(f))
			continue
		}
		byRef[ref] = int32(len(g.places))
		g.places = append(g.places, gplace{f: f, point: f.Point, cls: cls, region: isRegion(f),
			radius: settlementRadius(f), prior: kindPrior(f), penalty: minorPenalty(f)})
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
		r := roleDistinct
		switch {
		case stopWord(s) || stopWord(c) || len(c) == 1 && len(ws) > 1:
			r = roleStop // function words and initials
		case typeWords[c]&p.cls != 0:
			r = roleType
		}
		if r == roleDistinct && hasLetter(c) {
			letters = true
		}
		e.toks = append(e.toks, g.token(c))
		e.roles = append(e.roles, r)
	}
	if !letters {
		return // "4", "Fire Station": nothing names this place
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

// typeClass is a set of kinds of place, as named by type words.
type typeClass uint16

const (
	clsEducation typeClass = 1 << iota
	clsHealth
	clsWorship
	clsMarket
	clsWater
	clsPolice
	clsFire
	clsShelter
	clsCommunity
	clsRoad
	clsWaterway
	clsArea
	clsBuilding
)

// featureClass is the class of place a feature is.
func featureClass(f *data.OSMFeature) typeClass {
	switch f.Kind {
	case data.KindEducation:
		return clsEducation
	case data.KindHealth:
		return clsHealth
	case data.KindCommunity:
		switch f.Class {
		case "place_of_worship":
			return clsWorship
		case "marketplace":
			return clsMarket
		}
		return clsCommunity
	case data.KindWater:
		return clsWater
	case data.KindSafety:
		switch f.Class {
		case "police":
			return clsPolice
		case "fire_station":
			return clsFire
		}
		return clsShelter
	case data.KindRoad:
		return clsRoad
	case data.KindWaterway, data.KindWaterArea:
		return clsWaterway
	case data.KindPlace, data.KindAdmin, data.KindNeighbourhood, data.KindInformal:
		return clsArea
	case data.KindBuilding:
		switch f.Class {
		case "school", "university", "college", "kindergarten":
			return clsBuilding | clsEducation
		case "church", "chapel", "cathedral", "mosque", "temple", "synagogue":
			return clsBuilding | clsWorship
		case "hospital":
			return clsBuilding | clsHealth
		case "fire_station":
			return clsBuilding | clsFire
		}
		return clsBuilding
	}
	return 0
}

func isRegion(f *data.OSMFeature) bool {
	switch f.Kind {
	case data.KindPlace, data.KindAdmin, data.KindNeighbourhood, data.KindInformal:
		return true
	}
	return false
}

// settlementRadius is how far from a settlement's point a place still
// counts as in it, for settlements mapped as points.
func settlementRadius(f *data.OSMFeature) float64 {
	if f.Kind != data.KindPlace {
		return 0
	}
	switch f.Class {
	case "city":
		return 5000
	case "town", "borough":
		return 4000
	case "village", "suburb", "census-designated":
		return 3000
	}
	return 1500
}

// minorPenalty is 0.2 for hamlets, localities and other minor places, 0
// otherwise: "Laurel" is the town, not the hamlet of the same name.
func minorPenalty(f *data.OSMFeature) float64 {
	if f.Kind != data.KindPlace {
		return 0
	}
	switch f.Class {
	case "hamlet", "locality", "isolated_dwelling", "farm", "allotments", "plot", "square":
		return 0.2
	}
	return 0
}

// kindPrior orders otherwise equal matches: settlements and facilities
// before roads, before buildings.
func kindPrior(f *data.OSMFeature) float64 {
	switch f.Kind {
	case data.KindPlace:
		switch f.Class {
		case "city":
			return 1
		case "town":
			return 0.95
		case "village", "suburb":
			return 0.9
		}
		return 0.8
	case data.KindAdmin:
		return 0.85
	case data.KindNeighbourhood, data.KindInformal:
		return 0.85
	case data.KindRoad:
		return 0.6
	case data.KindBuilding:
		return 0.4
	}
	if f.Kind.IsFacility() {
		return 0.75
	}
	return 0.5
}

// textWord is one word of a query, with what it can match.
type textWord struct {
	text.Word
	c     string // canonical
	tok   int32  // exact token, or -1
	fuzzy []tokConf
	cls   typeClass // type-word classes
	stop  bool
	soft  bool
}

type tokConf struct {
	tok  int32
	conf float64
}

// Confidence of the ways a name token can match a message word.
const (
	confFuzzy1    = 0.8
	confFuzzy2    = 0.65
	confPrefix    = 0.85
	confTypeClass = 0.9
)

// readText folds text into words and looks each one up.
func (g *Gazetteer) readText(s string, prefix bool) []textWord {
	ws := text.Words(s)
	out := make([]textWord, len(ws))
	var buf []byte
	for i, w := range ws {
		tw := textWord{Word: w, c: canonical(w.Text), tok: -1}
		tw.stop = stopWord(w.Text) || stopWord(tw.c)
		tw.soft = g.soft[tw.c] || g.soft[w.Text]
		tw.cls = typeWords[tw.c]
		if id, ok := g.dict[tw.c]; ok {
			tw.tok = id
		}
		if !tw.stop && tw.cls == 0 && !tw.soft && fuzzyWord(tw.c) && (tw.tok < 0 || len(g.toks[tw.tok].post) == 0 && !g.toks[tw.tok].typed) {
			tw.fuzzy = g.fuzzyLookup(tw.c, &buf)
		}
		if prefix && i == len(ws)-1 && len(tw.c) >= 2 && !tw.stop {
			tw.fuzzy = append(tw.fuzzy, g.prefixLookup(tw.c)...)
		}
		out[i] = tw
	}
	return out
}

// fuzzyLookup returns the tokens within the tolerated typos of w.
func (g *Gazetteer) fuzzyLookup(w string, buf *[]byte) []tokConf {
	if len(w) > g.maxFuzzy {
		return nil
	}
	var out []tokConf
	k := 1
	if len(w) >= 7 {
		k = 2
	}
	deletions(w, k, buf, func(d []byte) {
		for _, id := range g.del[hashBytes(d)] {
			if slices.ContainsFunc(out, func(tc tokConf) bool { return tc.tok == id }) {
				continue
			}
			t := g.toks[id].s
			limit := editsFor(t)
			if limit == 0 || !text.SameStart(w, t) {
				continue
			}
			switch text.Distance(w, t, limit) {
			case 1:
				out = append(out, tokConf{id, confFuzzy1})
			case 2:
				if limit >= 2 {
					out = append(out, tokConf{id, confFuzzy2})
				}
			}
		}
	})
	return out
}

// prefixLookup returns up to 64 indexed tokens that start with p.
func (g *Gazetteer) prefixLookup(p string) []tokConf {
	i := sort.Search(len(g.sorted), func(i int) bool { return g.toks[g.sorted[i]].s >= p })
	var out []tokConf
	for ; i < len(g.sorted) && len(out) < 64; i++ {
		t := g.sorted[i]
		s := g.toks[t].s
		if !strings.HasPrefix(s, p) {
			break
		}
		if s != p && len(g.toks[t].post) > 0 {
			out = append(out, tokConf{t, confPrefix})
		}
	}
	return out
}

// cand is one place matched to some words of the text.
type cand struct {
	entry      int32
	place      int32
	lo, hi     int    // word span
	used       uint64 // words matched by the name, as a bit set
	ext        uint64 // type words next to the name that agree with it
	cover      float64
	name, conf float64
}

// maxWords is the number of words of a text that are matched (the rest
// are ignored): a bit set of uint64 tracks them.
const maxWords = 64

// candidates evaluates every entry found through a word of the text.
func (g *Gazetteer) candidates(tw []textWord) []cand {
	seen := map[int32]bool{}
	best := map[int32]int{} // place -> index in out
	var out []cand
	try := func(ei int32, anchor int) {
		if seen[ei] {
			return
		}
		seen[ei] = true
		c, ok := g.align(ei, tw, anchor)
		if !ok {
			return
		}
		if j, dup := best[c.place]; dup {
			if better(c, out[j]) {
				out[j] = c
			}
			return
		}
		best[c.place] = len(out)
		out = append(out, c)
	}
	for i := range tw {
		w := &tw[i]
		if w.stop || w.cls != 0 && w.tok < 0 {
			continue
		}
		if w.tok >= 0 {
			for _, ei := range g.toks[w.tok].post {
				try(ei, i)
			}
		}
		for _, tc := range w.fuzzy {
			for _, ei := range g.toks[tc.tok].post {
				try(ei, i)
			}
		}
	}
	return out
}

func better(a, b cand) bool {
	if a.cover != b.cover {
		return a.cover > b.cover
	}
	return a.name > b.name
}

// wordConf says how well text word w matches token t with role r of an
// entry of class cls. A type word in another language than the name
// ("shule" for "School") matches a type token of the same class; a type
// word that OSM names use themselves ("highway") matches only itself.
func (g *Gazetteer) wordConf(w *textWord, t int32, r role, cls typeClass) float64 {
	if w.tok == t {
		return 1
	}
	for _, tc := range w.fuzzy {
		if tc.tok == t {
			return tc.conf
		}
	}
	if r == roleType && w.cls&cls != 0 && (w.tok < 0 || !g.toks[w.tok].typed) {
		return confTypeClass
	}
	return 0
}

// align matches entry ei to the words around tw[anchor].
func (g *Gazetteer) align(ei int32, tw []textWord, anchor int) (cand, bool) {
	e := &g.entries[ei]
	p := &g.places[e.place]
	n := len(e.toks)
	lo, hi := max(0, anchor-n-1), min(len(tw), maxWords, anchor+n+2)
	var used, ext uint64
	var rd float64
	typeExact, typeClass, strong, fullDistinct := false, false, false, true
	first, last := len(tw), -1
	for pass := 0; pass < 2; pass++ { // distinct tokens first, then type words next to them
		for j, t := range e.toks {
			r := e.roles[j]
			if r == roleStop || (pass == 0) != (r == roleDistinct) {
				continue
			}
			bestK, bestC := -1, 0.0
			for k := lo; k < hi; k++ {
				if used&(1<<k) != 0 || tw[k].stop {
					continue
				}
				if pass == 1 && (k < first && !onlyStopsBetween(tw, k, first) || k > last && !onlyStopsBetween(tw, last, k)) {
					continue
				}
				c := g.wordConf(&tw[k], t, r, p.cls)
				if c > bestC || c == bestC && c > 0 && abs(k-anchor) < abs(bestK-anchor) {
					bestK, bestC = k, c
				}
			}
			if bestK < 0 || bestC < confTypeClass {
				if r == roleDistinct {
					fullDistinct = false
				}
				if bestK < 0 {
					continue
				}
			}
			used |= 1 << bestK
			if r == roleDistinct {
				first, last = min(first, bestK), max(last, bestK)
				rd += g.toks[t].weight * bestC
				if !tw[bestK].soft && tw[bestK].cls == 0 && bestC >= confFuzzy2 {
					strong = true
				}
			} else {
				first, last = min(first, bestK), max(last, bestK)
				if bestC == 1 {
					typeExact = true
				} else {
					typeClass = true
				}
			}
		}
		if pass == 0 && last < 0 {
			return cand{}, false
		}
	}
	if rd == 0 || !strong && !(fullDistinct && (e.ndist >= 2 || typeExact || typeClass)) {
		return cand{}, false // "water", "fire", "the school" and other words alone
	}
	rd /= e.wsum
	// Type words of the place's class next to the name ("Walgreens
	// pharmacy", "shule ya Mwembeni") are explained by it too.
	for k := max(0, first-3); k < min(len(tw), maxWords, last+4); k++ {
		if used&(1<<k) == 0 && tw[k].cls&p.cls != 0 && !tw[k].stop && (e.ntype == 0 || tw[k].tok < 0 || !g.toks[tw[k].tok].typed) &&
			(k < first && onlyStopsBetween(tw, k, first) || k > last && onlyStopsBetween(tw, last, k)) {
			ext |= 1 << k
			first, last = min(first, k), max(last, k)
		}
	}
	name := 1 - 0.35*(1-rd) - p.penalty
	switch {
	case typeExact:
	case typeClass || ext != 0:
		name -= 0.05
	case e.ntype > 0 || p.cls&(clsRoad|clsWaterway) != 0 || p.cls == clsBuilding:
		// "Dover Road", or a lane just named "Georgetown", for "Dover".
		name -= 0.2
	}
	// Words inside the span that the name does not explain.
	for k := first; k <= last; k++ {
		if (used|ext)&(1<<k) == 0 && !tw[k].stop {
			name -= 0.2
		}
	}
	c := cand{entry: ei, place: e.place, lo: first, hi: last + 1, used: used, ext: ext, name: name}
	c.cover = coverWeight(tw, used, ext)
	return c, true
}

func onlyStopsBetween(tw []textWord, a, b int) bool {
	for k := a + 1; k < b; k++ {
		if !tw[k].stop {
			return false
		}
	}
	return true
}

// coverWeight is how many words a candidate explains: a name word counts
// 1, a type word 0.75, a type word next to the name that agrees with the
// place's class 0.4.
func coverWeight(tw []textWord, used, ext uint64) float64 {
	w := 0.0
	for k := range min(len(tw), maxWords) {
		switch {
		case ext&(1<<k) != 0:
			w += 0.4
		case used&(1<<k) == 0:
		case tw[k].cls != 0:
			w += 0.75
		default:
			w++
		}
	}
	return w
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

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
				primary.alts[k].conf -= 0.25
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
					primary.alts[k].conf -= 0.2
				}
			}
		}
	}
	var out []Match
	add := func(alts []cand, scale float64) {
		alts = slices.Clone(alts)
		sort.SliceStable(alts, func(i, j int) bool {
			if alts[i].conf != alts[j].conf {
				return alts[i].conf > alts[j].conf
			}
			return g.places[alts[i].place].prior > g.places[alts[j].place].prior
		})
		for _, a := range alts {
			if g.duplicate(out, a) {
				continue
			}
			p := &g.places[a.place]
			m := Match{Feature: p.f, Point: p.point, Name: g.entries[a.entry].name,
				Confidence: math.Max(0, math.Min(1, a.conf*scale))}
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
	return out
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

// FindInText finds the places mentioned in a free-text message, best first:
// the alternatives for the strongest mention (the one that explains most
// words: the longest name, with its type word), then the other mentions
// with their confidence scaled by 0.6. An area named elsewhere in the text
// ("... Main Street, Newark") that contains some alternatives lowers the
// others by 0.25 and is not listed itself; so does, by 0.2, the hint bound
// when some alternatives lie in it. A type word alone ("the school") finds
// nothing. limit <= 0 means no limit. It returns nil when no place is
// named.
func (g *Gazetteer) FindInText(text string, hint *orb.Bound, limit int) []Match {
	tw := g.readText(text, false)
	if len(tw) > maxWords {
		tw = tw[:maxWords]
	}
	cs := g.candidates(tw)
	if len(cs) == 0 {
		return nil
	}
	return g.rank(tw, g.mentions(tw, cs, false), hint, limit, false)
}

// Search ranks places for a search-box query, best first: the query is a
// name, possibly followed by ", Area", and its last word may be
// unfinished. Unlike FindInText, shorter names inside the query ("Newark"
// for "Newark High") are listed too, after the better matches. limit <= 0
// means no limit; it returns nil when nothing matches.
func (g *Gazetteer) Search(query string, hint *orb.Bound, limit int) []Match {
	prefix := strings.TrimRightFunc(query, func(r rune) bool { return r == ' ' }) == query
	tw := g.readText(query, prefix)
	if len(tw) > maxWords {
		tw = tw[:maxWords]
	}
	cs := g.candidates(tw)
	if len(cs) == 0 {
		return nil
	}
	return g.rank(tw, g.mentions(tw, cs, true), hint, limit, true)
}
