package mapping_test

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

func square(x, y, r float64) orb.Polygon {
	return orb.Polygon{{{x - r, y - r}, {x + r, y - r}, {x + r, y + r}, {x - r, y + r}, {x - r, y - r}}}
}

func feat(kind data.FeatureKind, class string, id int64, p orb.Point, names ...string) *data.OSMFeature {
	f := &data.OSMFeature{Kind: kind, Class: class, OSMType: data.OSMNode, OSMID: id, Point: p}
	for i := 0; i+1 < len(names); i += 2 {
		f.Names = append(f.Names, data.Tag{Key: names[i], Value: names[i+1]})
	}
	return f
}

var (
	kinondoni = orb.Point{39.24, -6.78}
	ilala     = orb.Point{39.28, -6.85}
)

func testFeatures() []*data.OSMFeature {
	area := func(id int64, c orb.Point, name string) *data.OSMFeature {
		f := feat(data.KindAdmin, "8", id, c, "name", name)
		f.OSMType, f.Geometry = data.OSMRelation, square(c[0], c[1], 0.02)
		return f
	}
	return []*data.OSMFeature{
		area(1, kinondoni, "Kinondoni"),
		area(2, ilala, "Ilala"),
		feat(data.KindCommunity, "marketplace", 10, orb.Point{39.241, -6.781}, "name", "Tandale Market"),
		feat(data.KindCommunity, "marketplace", 11, orb.Point{39.281, -6.851}, "name", "Tandale Market"),
		feat(data.KindEducation, "school", 12, orb.Point{39.25, -6.79}, "name", "St. Mary School"),
		feat(data.KindEducation, "school", 13, orb.Point{39.20, -6.70}, "name", "Mwembeni Primary School", "name:sw", "Shule ya Msingi Mwembeni"),
		feat(data.KindHealth, "hospital", 14, orb.Point{39.22, -6.76}, "name", "Mwananyamala Hospital"),
		feat(data.KindCommunity, "place_of_worship", 15, orb.Point{39.29, -6.82}, "name", "Saint Joseph Cathedral"),
		feat(data.KindWater, "water_well", 16, orb.Point{39.23, -6.75}, "name", "Kigogo Well"),
		feat(data.KindSafety, "police", 17, orb.Point{39.26, -6.80}, "name", "Magomeni Police Station"),
		feat(data.KindEducation, "school", 18, orb.Point{39.30, -6.80}, "name", "مَدْرَسَة النُّور"),
		feat(data.KindPlace, "town", 19, orb.Point{90.40, 23.81}, "name", "ঢাকা"),
		feat(data.KindPlace, "town", 20, orb.Point{39.10, -6.60}, "name", "Bagamoyo"),
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"case and accents", "École SAINTE-Marie", "ecole st marie"},
		{"abbreviations", "St. Mary's Rd", "st mary road"},
		{"plural s dropped", "Markets Centre", "market center"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mapping.Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFindInText(t *testing.T) {
	g := mapping.NewGazetteer(testFeatures(), mapping.GazetteerOptions{SoftWords: []string{"flood", "water", "fire"}})
	tests := []struct {
		name string
		text string
		want int64 // OSM id of the best match, 0 for none
	}{
		{"exact", "FLOOD near Mwananyamala Hospital", 14},
		{"typo one edit", "flood at Mwananyamla hospital", 14},
		{"typo two edits", "flood at Mwanayamla hospital", 14},
		{"word order", "flood hospital Mwananyamala", 14},
		{"missing word", "fire at Magomeni police", 17},
		{"en type word", "flood near the Kigogo well", 16},
		{"sw type word before", "maji hayatoki kisima cha Kigogo", 16},
		{"sw name", "mafuriko karibu na shule ya msingi Mwembeni", 13},
		{"fr type word and saint", "inondation à côté de l'école St. Mary", 12},
		{"saint spelt out", "flood Saint Mary school", 12},
		{"pt type word", "enchente perto da escola Saint Mary", 12},
		{"es type word", "incendio cerca de la iglesia San Joseph Cathedral", 15},
		{"ht type word", "dife toupre legliz Saint Joseph", 15},
		{"fr cathedral accents", "incendie près de la cathédrale saint-joseph", 15},
		{"arabic without vowels", "حريق قرب مدرسة النور", 18},
		{"bengali", "বন্যা ঢাকা", 19},
		{"area after comma", "flood at Tandale Market, Ilala", 11},
		{"area in sentence", "moto soko la Tandale huko Kinondoni", 10},
		{"bare type word", "flood near the school", 0},
		{"soft word alone", "water everywhere", 0},
		{"no place", "we need help now", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := g.FindInText(tt.text, nil, 5)
			if tt.want == 0 {
				if len(ms) != 0 {
					t.Fatalf("FindInText(%q) = %s, want nothing", tt.text, ms[0].Label)
				}
				return
			}
			if len(ms) == 0 {
				t.Fatalf("FindInText(%q) found nothing", tt.text)
			}
			if ms[0].Feature.OSMID != tt.want {
				t.Fatalf("FindInText(%q) = %s (%d), want %d", tt.text, ms[0].Label, ms[0].Feature.OSMID, tt.want)
			}
			if len(ms) > 1 && ms[1].Confidence >= ms[0].Confidence-0.15 {
				t.Errorf("FindInText(%q): second %s %.2f too close to first %.2f", tt.text, ms[1].Label, ms[1].Confidence, ms[0].Confidence)
			}
			if span := tt.text[ms[0].Start:ms[0].End]; span == "" {
				t.Errorf("empty span")
			}
		})
	}
}

func TestAmbiguityAndHint(t *testing.T) {
	g := mapping.NewGazetteer(testFeatures(), mapping.GazetteerOptions{})
	ms := g.FindInText("flood near Tandale Market", nil, 5)
	if len(ms) < 2 || ms[1].Confidence < ms[0].Confidence-0.15 {
		t.Fatalf("two Tandale Markets should be ambiguous: %+v", ms)
	}
	hint := orb.Bound{Min: orb.Point{39.27, -6.86}, Max: orb.Point{39.29, -6.84}}
	ms = g.FindInText("flood near Tandale Market", &hint, 5)
	if len(ms) == 0 || ms[0].Feature.OSMID != 11 || len(ms) > 1 && ms[1].Confidence >= ms[0].Confidence-0.15 {
		t.Fatalf("hint should pick the Ilala market: %+v", ms)
	}
	ms = g.FindInText("flood near Bagamoyo", nil, 5)
	if len(ms) != 1 || ms[0].Confidence < 0.95 {
		t.Fatalf("unique name: %+v", ms)
	}
}

func TestSearch(t *testing.T) {
	g := mapping.NewGazetteer(testFeatures(), mapping.GazetteerOptions{})
	tests := []struct {
		name, query string
		want        int64
	}{
		{"prefix", "Mwanan", 14},
		{"name and area", "Tandale Market, Kinondoni", 10},
		{"other script", "ঢাকা", 19},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := g.Search(tt.query, nil, 5)
			if len(ms) == 0 || ms[0].Feature.OSMID != tt.want {
				t.Fatalf("Search(%q) = %+v, want id %d", tt.query, ms, tt.want)
			}
		})
	}
}

// syntheticFeatures makes n named features with made-up names.
func syntheticFeatures(n int) []*data.OSMFeature {
	r := rand.New(rand.NewSource(42))
	syl := strings.Fields("ka ma ni to la se ru bo di mu ya we zi go pe ha ku li no ta")
	word := func() string {
		var b strings.Builder
		for range 2 + r.Intn(3) {
			b.WriteString(syl[r.Intn(len(syl))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	kinds := []struct {
		k         data.FeatureKind
		class, tw string
	}{
		{data.KindEducation, "school", "School"}, {data.KindHealth, "clinic", "Clinic"},
		{data.KindRoad, "residential", "Street"}, {data.KindPlace, "hamlet", ""},
		{data.KindCommunity, "place_of_worship", "Church"},
	}
	out := make([]*data.OSMFeature, n)
	for i := range out {
		k := kinds[i%len(kinds)]
		name := word()
		if r.Intn(2) == 0 {
			name += " " + word()
		}
		if k.tw != "" {
			name += " " + k.tw
		}
		out[i] = feat(k.k, k.class, int64(i+1), orb.Point{r.Float64(), r.Float64()}, "name", name)
	}
	return out
}

const benchSMS = "MAFURIKO makubwa karibu na shule ya msingi Kamanito, maji yameingia ndani ya nyumba nyingi, " +
	"watoto hawawezi kwenda shule, tafadhali tusaidieni haraka sana leo asubuhi"

// BenchmarkGazetteerLongWords: a 2,000-letter word and 2,000 characters of
// 40-letter words, against FindInText10000 of BenchmarkGazetteer (a
// 160-character SMS). Before long words skipped the typo search the first
// took seconds.
func BenchmarkGazetteerLongWords(b *testing.B) {
	g := mapping.NewGazetteer(syntheticFeatures(10000), mapping.GazetteerOptions{})
	one := strings.Repeat("a", 2000)
	many := strings.TrimSpace(strings.Repeat("marketmarketmarketmarketmarketmarketmark ", 48))
	for name, text := range map[string]string{"one-word": one, "40-letter-words": many} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				g.FindInText(text, nil, 5)
			}
		})
	}
}

func BenchmarkGazetteer(b *testing.B) {
	for _, n := range []int{1000, 10000, 50000} {
		feats := syntheticFeatures(n)
		b.Run(fmt.Sprintf("Build%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				mapping.NewGazetteer(feats, mapping.GazetteerOptions{})
			}
		})
		g := mapping.NewGazetteer(feats, mapping.GazetteerOptions{})
		b.Run(fmt.Sprintf("FindInText%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				g.FindInText(benchSMS, nil, 5)
			}
		})
		b.Run(fmt.Sprintf("FindInText%dNaive", n), func(b *testing.B) {
			// The baseline: every name checked against the message's
			// words, exact words only.
			names := make([][]string, len(feats))
			for i, f := range feats {
				names[i] = strings.Fields(mapping.Normalize(f.Name()))
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				words := map[string]bool{}
				for _, w := range strings.Fields(mapping.Normalize(benchSMS)) {
					words[w] = true
				}
				found := 0
				for _, ns := range names {
					all := true
					for _, w := range ns {
						if !words[w] {
							all = false
							break
						}
					}
					if all {
						found++
					}
				}
				_ = found
			}
		})
	}
}
