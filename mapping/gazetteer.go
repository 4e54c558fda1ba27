package mapping

import (
	"strings"
	"sync"

	"github.com/paulmach/orb"

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
	// Landmark returns a named feature near a point among those keep
	// accepts (Index.Landmark). It tells apart the labels of matches of
	// one name that no containing area separates ("École Sainte Anne,
	// Fort National" and "École Sainte Anne, Solino"). Nil leaves such
	// labels alike.
	Landmark func(p orb.Point, keep func(*data.OSMFeature) bool) (*data.OSMFeature, bool)
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
	// commonDF is the number of names a word must be in to be common in
	// this extract ("Dakar", "Keur"): such a word never finds a place
	// alone.
	commonDF int
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
	key     string  // normalized primary name
	sub     subtype // the finer kind, when known: a school or a university
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
	spell  []byte  // stSpelling of each word as the name writes it
	wsum   float64 // weight of the distinct tokens
	ntype  int
	ndist  int
	nsoft  int // distinct tokens that are soft words
	single bool
	// numbered is set for a name whose distinct words are numbers, such
	// as "École 14": it is found only with its type word.
	numbered bool
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
	// Confidence runs from 0 to 1: the share of placements that were
	// right (within 250 m) at this confidence in the evaluation
	// (docs/places.md). When the second match is within 0.15 of the
	// first, the words are ambiguous.
	Confidence float64
	// Score is the raw ranking score the confidence is calibrated from.
	Score float64
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
// index for containing areas and landmarks unless opts.Containing or
// opts.Landmark is set.
func GazetteerFor(ix *Index, opts GazetteerOptions) *Gazetteer {
	if opts.Containing == nil {
		opts.Containing = ix.Containing
	}
	if opts.Landmark == nil {
		opts.Landmark = ix.Landmark
	}
	return NewGazetteer(ix.all, opts)
}

// Len returns the number of indexed names.
func (g *Gazetteer) Len() int { return len(g.entries) }

type osmRef struct {
	t  data.OSMType
	id int64
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

// TaxonomyOptions are the gazetteer settings for reading SMS: the
// taxonomy's keywords, in every language, are soft words, so that "water",
// "fire" or "rising" never find a place on their own. A nil taxonomy gives
// the zero options.
func TaxonomyOptions(tax *data.Taxonomy) GazetteerOptions {
	var opts GazetteerOptions
	if tax == nil {
		return opts
	}
	for _, c := range tax.Categories {
		for _, kws := range c.Keywords {
			opts.SoftWords = append(opts.SoftWords, kws...)
		}
	}
	return opts
}
