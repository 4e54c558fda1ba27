package main

import (
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/sms"
)

// Messages are decided by the SMS engine's own rules (sms.JudgePlaces,
// sms.FixCoordinates); a placement within correctM of the named place is
// correct.
const (
	correctM = 250.0
	perGroup = 200 // messages per city and group, at most
)

type action int

const (
	actAsk action = iota
	actConfirm
	actFile
)

// decision is what the engine would do with a message.
type decision struct {
	act   action
	point orb.Point
	score float64 // raw score of the best place (names only)
	named bool    // decided on a place name
	label string  // the best place's label, for -v
	conf  float64 // its confidence, for -v
}

// decide applies the engine's decision to text, with the gazetteer and
// the extract's area.
func decide(g *mapping.Gazetteer, area orb.Bound, text string) decision {
	if c, ok := sms.FindCoordinates(text); ok {
		p := c.Point
		if area.Contains(p) {
			return decision{act: actFile, point: p}
		}
		if q, ok := sms.FixCoordinates(p, area.Contains); ok {
			return decision{act: actConfirm, point: q}
		}
		return decision{act: actAsk}
	}
	ms := g.FindInText(text, nil, 5)
	if len(ms) == 0 {
		return decision{act: actAsk, named: true}
	}
	d := decision{point: ms[0].Point, score: ms[0].Score, named: true, label: ms[0].Label, conf: ms[0].Confidence}
	var places []sms.Place
	for _, m := range ms {
		if area.Contains(m.Point) {
			places = append(places, sms.Place{Name: m.Label, Point: m.Point, Confidence: m.Confidence})
		}
	}
	if len(places) > 0 {
		d.point = places[0].Point
	}
	switch sms.JudgePlaces(places) {
	case sms.PlaceFile:
		d.act = actFile
	case sms.PlaceConfirm, sms.PlaceChoose:
		d.act = actConfirm
	default:
		d.act = actAsk
	}
	return d
}

// target is a named place of an extract: every feature of that name.
type target struct {
	name  string
	feats []*data.OSMFeature
	hash  uint32
}

func hashOf(parts ...string) uint32 {
	h := fnv.New32a()
	for _, p := range parts {
		io.WriteString(h, p)
		h.Write([]byte{0})
	}
	return h.Sum32()
}

// holdout reports whether a case is kept aside from tuning (a third).
func holdout(h uint32) bool { return h%3 == 0 }

// targets returns the extract's names that lead to one place: features
// sharing the name all lie within 500 m of each other.
func targets(cityName string, ix *mapping.Index) []target {
	byKey := map[string]*target{}
	var keys []string
	for _, f := range ix.Select(data.FeatureKinds, nil, nil) {
		n := f.Name()
		if n == "" || f.Kind == data.KindHazard {
			continue
		}
		k := mapping.Normalize(n)
		if k == "" {
			continue
		}
		t := byKey[k]
		if t == nil {
			t = &target{name: n, hash: hashOf(cityName, k)}
			byKey[k] = t
			keys = append(keys, k)
		}
		t.feats = append(t.feats, f)
	}
	var out []target
	for _, k := range keys {
		t := byKey[k]
		ok := true
		for _, f := range t.feats[1:] {
			if distanceTo(t.feats[0].Point, f) > 500 {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, *t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].hash < out[j].hash })
	return out
}

// distanceTo is the distance in metres from p to feature f's geometry (or
// its point).
func distanceTo(p orb.Point, f *data.OSMFeature) float64 {
	best := metres(p, f.Point)
	var lines [][]orb.Point
	switch g := f.Geometry.(type) {
	case orb.LineString:
		lines = append(lines, g)
	case orb.Polygon:
		if data.AreaContains(g, p) {
			return 0
		}
		for _, r := range g {
			lines = append(lines, r)
		}
	case orb.MultiPolygon:
		if data.AreaContains(g, p) {
			return 0
		}
		for _, pg := range g {
			for _, r := range pg {
				lines = append(lines, r)
			}
		}
	}
	for _, l := range lines {
		for i := 0; i+1 < len(l); i++ {
			best = math.Min(best, segment(p, l[i], l[i+1]))
		}
	}
	return best
}

func metres(a, b orb.Point) float64 {
	c := math.Cos(a[1] * math.Pi / 180)
	return math.Hypot((a[0]-b[0])*c, a[1]-b[1]) * 111320
}

func segment(p, a, b orb.Point) float64 {
	c := math.Cos(p[1] * math.Pi / 180)
	ax, ay, bx, by := (a[0]-p[0])*c, a[1]-p[1], (b[0]-p[0])*c, b[1]-p[1]
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l))
	}
	return math.Hypot(ax+t*dx, ay+t*dy) * 111320
}

func (t target) near(p orb.Point) bool {
	for _, f := range t.feats {
		if distanceTo(p, f) <= correctM {
			return true
		}
	}
	return false
}

var langs = []string{"en", "fr", "sw", "pt", "es", "ht"}

var nameTemplates = map[string]string{
	"en": "flooding near %s, please help",
	"fr": "inondation près de %s, aidez-nous",
	"sw": "mafuriko karibu na %s tafadhali",
	"pt": "enchente perto de %s por favor",
	"es": "inundación cerca de %s por favor",
	"ht": "inondasyon toupre %s tanpri",
}

var typeWordsByClass = map[string][6]string{
	"school":           {"school", "école", "shule", "escola", "escuela", "lekòl"},
	"hospital":         {"hospital", "hôpital", "hospitali", "hospital", "hospital", "lopital"},
	"clinic":           {"clinic", "clinique", "zahanati", "clínica", "clínica", "klinik"},
	"marketplace":      {"market", "marché", "soko", "mercado", "mercado", "mache"},
	"place_of_worship": {"church", "église", "kanisa", "igreja", "iglesia", "legliz"},
}

func message(h uint32, name string) (string, string) {
	lang := langs[h%6]
	return lang, fmt.Sprintf(nameTemplates[lang], name)
}

// typo makes one edit in the longest word of at least five ASCII
// letters, never its first letter: "" when the name has no such word.
func typo(h uint32, name string) string {
	words := strings.Fields(name)
	best := -1
	for i, w := range words {
		if len(w) >= 5 && isASCIILetters(w) && (best < 0 || len(w) > len(words[best])) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	w := []byte(words[best])
	i := 1 + int(h>>3)%(len(w)-2)
	switch h % 3 {
	case 0: // swap
		w[i], w[i+1] = w[i+1], w[i]
		if w[i] == w[i+1] {
			return ""
		}
	case 1: // delete
		w = append(w[:i], w[i+1:]...)
	default: // replace
		r := byte('a' + (int(w[i]-'a')+1+int(h>>7)%24)%26)
		if w[i] < 'a' || w[i] > 'z' {
			r = 'x'
		}
		w[i] = r
	}
	words[best] = string(w)
	return strings.Join(words, " ")
}

func isASCIILetters(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// noPlaceMessages reads real messages of the SMS corpus: ordinary
// sentences naming no place of the extracts (they are about Haiti,
// Pakistan and New York).
func noPlaceMessages(dataDir string) ([]string, error) {
	f, err := os.Open(filepath.Join(dataDir, wordsCorpus))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	var out []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if rec[col["genre"]] != "direct" {
			continue
		}
		for _, c := range []string{"message", "original"} {
			if s := strings.TrimSpace(rec[col[c]]); s != "" && len(s) < 400 {
				out = append(out, s)
			}
		}
	}
	return out, nil
}
