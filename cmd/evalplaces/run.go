package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// Groups of messages.
const (
	gName     = "name as written"
	gTypo     = "name with a typo"
	gType     = "type word + name"
	gNumbered = "numbered name"
	gAbsent   = "place not in extract"
	gNoPlace  = "no place (SMS corpus)"
	gCoords   = "coordinates"
	gMinus    = "coords, minus dropped"
	gSwapped  = "coords, lon lat order"
)

var groupOrder = []string{gName, gTypo, gType, gNumbered, gAbsent, gNoPlace, gCoords, gMinus, gSwapped}

// positive groups name a place of the extract.
func positive(g string) bool {
	return g == gName || g == gTypo || g == gType || g == gNumbered || g == gCoords
}

type tally struct {
	n, filedOK, filedWrong, confirm, ask int
	// geocoder
	gn, gOK int
}

type key struct {
	half, group string
}

// sample is one scored placement by name, for the calibration.
type sample struct {
	score   float64
	correct bool
}

type evaluation struct {
	tallies map[key]*tally
	samples []sample // tuning half only
	out     io.Writer
	verbose bool // list the messages filed wrongly
}

func (e *evaluation) add(half, group string, d decision, t *target, msg string) {
	k := key{half, group}
	tl := e.tallies[k]
	if tl == nil {
		tl = &tally{}
		e.tallies[k] = tl
	}
	tl.n++
	correct := t != nil && d.act != actAsk && t.near(d.point)
	switch d.act {
	case actFile:
		if correct {
			tl.filedOK++
		} else {
			tl.filedWrong++
			if e.verbose {
				fmt.Fprintf(e.out, "  filed wrongly [%s, %s]: %q at %q %v (confidence %.2f, score %.2f)\n", half, group, msg, d.label, d.point, d.conf, d.score)
			}
		}
	case actConfirm:
		tl.confirm++
	default:
		tl.ask++
	}
	if half == "tune" && d.named && d.score > 0 {
		e.samples = append(e.samples, sample{d.score, correct})
	}
}

func (e *evaluation) geocode(half, group string, g *mapping.Gazetteer, q string, t target) {
	k := key{half, group}
	tl := e.tallies[k]
	if tl == nil {
		tl = &tally{}
		e.tallies[k] = tl
	}
	tl.gn++
	if ms := g.Search(q, nil, 1); len(ms) > 0 && t.near(ms[0].Point) {
		tl.gOK++
	}
}

func halfOf(h uint32) string {
	if holdout(h) {
		return "holdout"
	}
	return "tune"
}

// runCity builds the messages of one city and decides each.
func (e *evaluation) runCity(name string, ix *mapping.Index, others []target, noPlace []string) {
	g := mapping.GazetteerFor(ix, mapping.TaxonomyOptions(data.DefaultTaxonomy()))
	b := ix.Meta().Bound
	area := orb.Bound{Min: orb.Point{b[0], b[1]}, Max: orb.Point{b[2], b[3]}}.Pad(0.02)
	ts := targets(name, ix)
	fmt.Fprintf(e.out, "%s: %d features, %d names indexed, %d distinct place names\n", name, len(ix.Select(data.FeatureKinds, nil, nil)), g.Len(), len(ts))
	counts := map[string]int{}
	room := func(group string) bool {
		if counts[group] >= perGroup {
			return false
		}
		counts[group]++
		return true
	}
	own := map[string]bool{}
	for _, t := range ts {
		own[mapping.Normalize(t.name)] = true
	}
	for _, t := range ts {
		half := halfOf(t.hash)
		numbered := strings.ContainsAny(t.name, "0123456789")
		if numbered && room(gNumbered) {
			_, msg := message(t.hash, t.name)
			e.add(half, gNumbered, decide(g, area, msg), &t, msg)
		} else if !numbered && room(gName) {
			_, msg := message(t.hash, t.name)
			e.add(half, gName, decide(g, area, msg), &t, msg)
			e.geocode(half, gName, g, t.name, t)
		}
		if ty := typo(t.hash, t.name); ty != "" && room(gTypo) {
			_, msg := message(t.hash>>1, ty)
			e.add(half, gTypo, decide(g, area, msg), &t, msg)
			e.geocode(half, gTypo, g, ty, t)
		}
		f := t.feats[0]
		if words, ok := typeWordsByClass[f.Class]; ok && room(gType) {
			tw := words[t.hash%6]
			if f.Class == "place_of_worship" && f.Tags.Get("religion") == "muslim" {
				tw = [6]string{"mosque", "mosquée", "msikiti", "mesquita", "mezquita", "moske"}[t.hash%6]
			}
			_, msg := message(t.hash, tw+" "+t.name)
			e.add(half, gType, decide(g, area, msg), &t, msg)
		}
		if room(gCoords) {
			p := f.Point
			e.add(half, gCoords, decide(g, area, fmt.Sprintf("flood at %.5f %.5f", p[1], p[0])), &t, fmt.Sprintf("flood at %.5f %.5f", p[1], p[0]))
			if (p[0] < 0 || p[1] < 0) && room(gMinus) {
				lat, lon := fmt.Sprintf("%.5f", p[1]), fmt.Sprintf("%.5f", p[0])
				if t.hash%2 == 0 && p[0] < 0 || p[1] >= 0 {
					lon = strings.TrimPrefix(lon, "-")
				} else {
					lat = strings.TrimPrefix(lat, "-")
				}
				e.add(half, gMinus, decide(g, area, "flood at "+lat+" "+lon), nil, "flood at "+lat+" "+lon)
			}
			if room(gSwapped) {
				e.add(half, gSwapped, decide(g, area, fmt.Sprintf("flood at %.5f %.5f", p[0], p[1])), nil, fmt.Sprintf("flood at %.5f %.5f", p[0], p[1]))
			}
		}
	}
	for _, t := range others {
		if own[mapping.Normalize(t.name)] || !room(gAbsent) {
			continue
		}
		_, msg := message(t.hash, t.name)
		e.add(halfOf(t.hash), gAbsent, decide(g, area, msg), nil, msg)
	}
	for _, m := range noPlace {
		h := hashOf(name, m)
		if h%4 != 0 || !room(gNoPlace) {
			continue
		}
		e.add(halfOf(h), gNoPlace, decide(g, area, m), nil, m)
	}
}

func pct(a, n int) string {
	if n == 0 {
		return "    -"
	}
	return fmt.Sprintf("%5.1f", 100*float64(a)/float64(n))
}

// print writes the figures per half and group.
func (e *evaluation) print() {
	for _, half := range []string{"tune", "holdout"} {
		fmt.Fprintf(e.out, "\n%s half (%% of messages)\n", half)
		fmt.Fprintf(e.out, "%-24s %5s %7s %7s %9s %7s %7s %9s\n", "group", "n", "placed", "asked", "misplaced", "(conf)", "geo n", "geo rank1")
		for _, grp := range groupOrder {
			tl := e.tallies[key{half, grp}]
			if tl == nil {
				continue
			}
			asked := tl.confirm + tl.ask
			if positive(grp) {
				fmt.Fprintf(e.out, "%-24s %5d %7s %7s %9s %7s %7d %9s\n", grp, tl.n, pct(tl.filedOK, tl.n), pct(asked, tl.n), pct(tl.filedWrong, tl.n), pct(tl.confirm, tl.n), tl.gn, pct(tl.gOK, tl.gn))
			} else {
				fmt.Fprintf(e.out, "%-24s %5d %7s %7s %9s %7s\n", grp, tl.n, "", pct(asked, tl.n), pct(tl.filedOK+tl.filedWrong, tl.n), pct(tl.confirm, tl.n))
			}
		}
	}
	fmt.Fprintln(e.out, "\nplaced: filed within 250 m without a question; asked: confirm or ask back; misplaced: filed more than 250 m away (for groups naming no place of the extract: filed at all).")
}

// calibration fits an isotonic (pool adjacent violators) curve of the
// share of correct placements on the raw score, on the tuning half,
// with at least minBlock samples a block.
func calibration(samples []sample, minBlock int) [][2]float64 {
	sort.Slice(samples, func(i, j int) bool { return samples[i].score < samples[j].score })
	type block struct{ sum, n, ok float64 }
	var bs []block
	for _, s := range samples {
		b := block{s.score, 1, 0}
		if s.correct {
			b.ok = 1
		}
		bs = append(bs, b)
		for len(bs) > 1 {
			a, c := bs[len(bs)-2], bs[len(bs)-1]
			if a.ok/a.n < c.ok/c.n && a.n >= float64(minBlock) {
				break
			}
			bs = append(bs[:len(bs)-2], block{a.sum + c.sum, a.n + c.n, a.ok + c.ok})
		}
	}
	var out [][2]float64
	for _, b := range bs {
		out = append(out, [2]float64{b.sum / b.n, b.ok / b.n})
	}
	return out
}
