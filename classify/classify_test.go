package classify_test

import (
	"bytes"
	"compress/gzip"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestMisreadings are the misreadings of real messages by the typo-tolerant
// keyword matcher that the issue listed: each message, written for the test
// in the way residents wrote them, must not be read as the category a typo
// or another language's word suggested, neither by the keywords nor by the
// classifier.
func TestMisreadings(t *testing.T) {
	tax := data.DefaultTaxonomy()
	km := classify.NewKeywordMatcher(tax)
	c := classify.New(tax)
	tests := []struct {
		name, msg, not string
	}{
		{"fr aider is not pt arder", "Je voudrais aider les victimes de mon quartier", "fire"},
		{"Champs de Mars is not pt chamas", "Nous sommes au Champs de Mars depuis le séisme", "fire"},
		{"foods is not floods", "we got some foods yesterday but nothing today", "flood"},
		{"lakou is not labou", "Nou tout ap dòmi nan lakou a", "landslide"},
		{"Creole tap is not a water tap", "Li tap dòmi lè tranbleman an te rive", "water_supply"},
		{"mande is not manje", "Mwen mande nou pou nou ede m souple", "food"},
		{"areas is not pt armas", "many areas of the city have no electricity", "security"},
		{"starting is not starving", "the rain is starting again in our area", "food"},
		{"fr facture is not fracture", "la facture d'eau est trop chère ce mois-ci", "medical"},
		{"es factura is not fractura", "la factura del agua subió", "medical"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, m := range km.MatchAll(tt.msg) {
				if m.Category == tt.not {
					t.Errorf("keywords read %q as %s (keyword %q, %s, confidence %.2f)", tt.msg, tt.not, m.Keyword, m.Lang, m.Confidence)
				}
			}
			r := c.Classify(tt.msg)
			if slices.Contains(needIDs(r), tt.not) {
				t.Errorf("Classify(%q) needs %v, include %s", tt.msg, r.Needs, tt.not)
			}
			if cat, _ := r.Main(); cat == tt.not {
				t.Errorf("Classify(%q).Main() = %s", tt.msg, cat)
			}
		})
	}
}

// TestTypoStillRead: a long keyword with a typo is still read, in the
// message's own language.
func TestTypoStillRead(t *testing.T) {
	km := classify.NewKeywordMatcher(data.DefaultTaxonomy())
	for _, tt := range []struct{ msg, want string }{
		{"there is inundaton in the houses", "flood"},
		{"il y a une inondaton dans le quartier", "flood"},
		{"garbadge dumped in the drain", "solid_waste"},
	} {
		if got, _ := km.Match(tt.msg); got.Category != tt.want {
			t.Errorf("Match(%q) = %q, want %s", tt.msg, got.Category, tt.want)
		}
	}
	// The same typo in a message in another language is not read as the
	// keyword of that other language.
	if got, ok := km.Match("Penuri d'aliment yo nan zòn nan"); ok && got.Category == "food" && got.Lang != "fr" && got.Lang != "ht" {
		t.Errorf("Match read %q as a %s keyword", got.Keyword, got.Lang)
	}
}

// TestSeveralNeeds: a message naming three needs keeps them all.
func TestSeveralNeeds(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, msg := range []string{"nou bezwen dlo, manje, tant", "we need water, food and tents"} {
		r := c.Classify(msg)
		ids := needIDs(r)
		for _, want := range []string{"water_supply", "food", "shelter"} {
			if !slices.Contains(ids, want) {
				t.Errorf("Classify(%q) needs %v, want %s among them", msg, r.Needs, want)
			}
		}
		if cat, ok := r.Main(); !ok || !slices.Contains([]string{"water_supply", "food", "shelter"}, cat) {
			t.Errorf("Classify(%q).Main() = %s, %v; want one of the three, confident", msg, cat, ok)
		}
	}
}

// TestNeedsRankedByConfidence: needs come most confident first, whatever
// their severity.
func TestNeedsRankedByConfidence(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, msg := range []string{
		"we need food and there was a small fire yesterday",
		"Moto na mafuriko, watu wamenaswa. Tatizo kubwa",
		"nou bezwen manje ak dlo, kay la kraze",
		"people trapped under the rubble, they need water and a doctor",
	} {
		r := c.Classify(msg)
		if len(r.Needs) == 0 {
			t.Errorf("Classify(%q) found no need", msg)
		}
		for i := 1; i < len(r.Needs); i++ {
			if r.Needs[i].Confidence > r.Needs[i-1].Confidence {
				t.Errorf("Classify(%q) needs %v not by confidence", msg, r.Needs)
			}
		}
		for _, n := range r.Needs {
			if n.Confidence < classify.ModelRule.Need || n.Confidence > 1 {
				t.Errorf("Classify(%q): need %v outside [%.2f, 1]", msg, n, classify.ModelRule.Need)
			}
		}
	}
}

// TestDecisions: a clear report is filed, a request with no need named is
// asked for the category, and chatter is not understood.
func TestDecisions(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	tests := []struct {
		name, msg, file string // file: "" asks (or refuses)
		refuse          bool
	}{
		{"creole food", "Nou grangou, nou pa gen manje depi 3 jou", "food", false},
		{"english water", "we need water, no drinking water here, we are thirsty", "water_supply", false},
		{"french water", "Nous avons soif, pas d'eau potable depuis trois jours", "water_supply", false},
		{"help, no need named", "tanpri ede nou, nou bezwen èd", "", false},
		{"english help, no need named", "please help us we need help", "", false},
		{"empty", "", "", true},
		{"only punctuation", "?!...", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Classify(tt.msg)
			cat, ok := r.Main()
			if tt.file != "" && (cat != tt.file || !ok) {
				t.Errorf("Main() = %q, %v; want %s filed (needs %v)", cat, ok, tt.file, r.Needs)
			}
			if tt.file == "" && ok {
				t.Errorf("Main() = %q, confident; want the category asked (needs %v)", cat, r.Needs)
			}
			if r.Refuse() != tt.refuse {
				t.Errorf("Refuse() = %v, want %v (relevance %.2f, needs %v)", r.Refuse(), tt.refuse, r.Relevance, r.Needs)
			}
		})
	}
}

// TestRareCategoriesRead: missing persons and human remains, in the
// residents' words of four languages, are read as such (listed first;
// filed when an exact keyword of the message's language agrees), although
// the development corpus has few of them and none with these words.
func TestRareCategoriesRead(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	tests := []struct {
		msg, want string
		filed     bool
	}{
		{"mon fils a disparu depuis hier", "missing_person", true},
		{"pitit mwen disparèt depi yè", "missing_person", true},
		{"mtoto wangu amepotea tangu jana", "missing_person", true},
		{"my brother went missing after the storm", "missing_person", true},
		{"there are bodies in the river", "human_remains", false},
		{"gen kadav nan lari a", "human_remains", false},
	}
	for _, tt := range tests {
		r := c.Classify(tt.msg)
		if ids := needIDs(r); len(ids) == 0 || ids[0] != tt.want {
			t.Errorf("Classify(%q) needs %v, want %s first", tt.msg, r.Needs, tt.want)
			continue
		}
		if _, ok := r.Main(); ok != tt.filed {
			t.Errorf("Classify(%q).Main() confident %v, want %v (needs %v)", tt.msg, ok, tt.filed, r.Needs)
		}
	}
}

// TestSevereNeedsMore: a category of the highest severity is filed only
// from Rule.FileSevere, unless its keyword opens the message
// (TestKeywordFirstFiled); below it the resident is asked, with the
// category first in the needs.
func TestSevereNeedsMore(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, msg := range []string{
		"Au marché le feu a pris dans trois maisons, incendie",
		"there is a fire at the market, houses burning",
		"gen dife nan mache a, kay yo ap boule",
	} {
		r := c.Classify(msg)
		cat, ok := r.Main()
		if cat != "fire" {
			t.Errorf("Classify(%q).Main() = %q, want fire (needs %v)", msg, cat, r.Needs)
			continue
		}
		if want := r.Needs[0].Confidence >= classify.ModelRule.FileSevere; ok != want {
			t.Errorf("Classify(%q): fire at %.2f filed %v, want %v", msg, r.Needs[0].Confidence, ok, want)
		}
		if r.Needs[0].Confidence >= classify.ModelRule.File && r.Needs[0].Confidence < classify.ModelRule.FileSevere && ok {
			t.Errorf("Classify(%q): fire at %.2f filed with the threshold of lesser categories", msg, r.Needs[0].Confidence)
		}
	}
}

// TestKeywordAgreement: Rule.FileKeyword files a top need that an exact
// keyword of its category agrees with from a lower confidence than File;
// a need read from a misspelt keyword keeps File, and a severe category
// keeps FileSevere unless the keyword opens the message
// (Rule.FileKeywordFirst).
func TestKeywordAgreement(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct {
		msg, cat string
		exact    bool
	}{
		{"we need water here", "water_supply", true},
		{"nou bezwen dlo", "water_supply", true},
		{"my neighbour needs an ambulanse", "medical", false},
	} {
		r := c.Classify(tt.msg)
		if len(r.Needs) == 0 || r.Needs[0].Category != tt.cat {
			t.Errorf("Classify(%q) = %v, want %s first", tt.msg, r.Needs, tt.cat)
			continue
		}
		p := r.Needs[0].Confidence
		above := classify.Rule{File: p + 0.01, FileSevere: p + 0.01, Need: 0.01}
		if _, ok := r.Under(above).Main(); ok {
			t.Errorf("%q: filed at %.2f under File %.2f", tt.msg, p, above.File)
		}
		agreed := above
		agreed.FileKeyword = p - 0.01
		if _, ok := r.Under(agreed).Main(); ok != tt.exact {
			t.Errorf("%q: with FileKeyword %.2f, filed %v; want %v (keywords %v)", tt.msg, agreed.FileKeyword, ok, tt.exact, r.Keywords)
		}
	}
	r := c.Classify("fire at the market, houses burning")
	if len(r.Needs) == 0 || r.Needs[0].Category != "fire" {
		t.Fatalf("fire message: needs %v", r.Needs)
	}
	p := r.Needs[0].Confidence
	rule := classify.Rule{File: 0.99, FileKeyword: 0.01, FileSevere: p + 0.01, Need: 0.01}
	if _, ok := r.Under(rule).Main(); ok {
		t.Errorf("fire at %.2f filed under FileSevere %.2f because a keyword agreed", p, rule.FileSevere)
	}
	rule.FileKeywordFirst = p - 0.01
	if _, ok := r.Under(rule).Main(); !ok {
		t.Errorf("fire at %.2f, its keyword first: not filed under FileKeywordFirst %.2f", p, rule.FileKeywordFirst)
	}
}

// TestKeywordFirstFiled: the documented form, a category's keyword first
// and then the place, is filed in every language, severe or not, with the
// shipped model and rule (Rule.FileKeywordFirst), and the needs name it.
func TestKeywordFirstFiled(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ msg, cat string }{
		{"FIRE near the market", "fire"},
		{"moto karibu na soko", "fire"},
		{"feu près du marché", "fire"},
		{"dife nan mache a", "fire"},
		{"FLOOD near Tandale", "flood"},
		{"moto -6.81, 39.25", "fire"},
		{"Hello, FLOOD near the bridge", "flood"},
		{"mafuriko karibu na shule", "flood"},
		{"dlo pa genyen nan katye a", "water_supply"},
	} {
		r := c.Classify(tt.msg)
		if cat, ok := r.Main(); cat != tt.cat || !ok {
			t.Errorf("Classify(%q).Main() = %q, %v; want %s filed (needs %v)", tt.msg, cat, ok, tt.cat, r.Needs)
		}
	}
	// The same keyword later in the message, or misspelt, does not get
	// the first word's credit: a severe category then needs FileSevere.
	for _, msg := range []string{"there is a fire at the market", "fyre near the market"} {
		r := c.Classify(msg)
		if cat, ok := r.Main(); ok && (len(r.Needs) == 0 || r.Needs[0].Confidence < classify.ModelRule.FileSevere) {
			t.Errorf("Classify(%q).Main() = %q filed at %v, below FileSevere", msg, cat, r.Needs)
		}
	}
}

// TestOtherNeverFiled: "other" from a generic keyword ("need help") is
// offered to the engine but never filed without asking.
func TestOtherNeverFiled(t *testing.T) {
	for _, c := range []*classify.Classifier{
		classify.New(data.DefaultTaxonomy()),
		classify.NewWithModel(data.DefaultTaxonomy(), nil, classify.KeywordRule),
	} {
		r := c.Classify("we have a problem here")
		if cat, ok := r.Main(); cat != classify.OtherCategory || ok {
			t.Errorf("Main() = %q, %v; want other, not confident (needs %v)", cat, ok, r.Needs)
		}
		if r.Refuse() {
			t.Error("a message naming a problem was refused")
		}
	}
}

// cityTaxonomy is the built-in taxonomy file as a city edits it: a new
// keyword language (Zulu "amanzi" for water), a Sheng word for food,
// and a category of its own with keywords. It goes through ParseTaxonomy,
// as a city's file does.
func cityTaxonomy(t *testing.T) *data.Taxonomy {
	t.Helper()
	return editedTaxonomy(t, func(file map[string]any) {
		addCityEntries(file)
	})
}

// addCityEntries adds cityTaxonomy's language, word and category to file.
func addCityEntries(file map[string]any) {
	file["keyword_languages"] = append(file["keyword_languages"].([]any), "zu")
	cats := file["categories"].([]any)
	for _, c := range cats {
		c := c.(map[string]any)
		kw := c["keywords"].(map[string]any)
		switch c["id"] {
		case "water_supply":
			kw["zu"] = []any{"amanzi"}
		case "food":
			kw["sw"] = append(kw["sw"].([]any), "dishi") // Sheng, Nairobi
		}
	}
	file["categories"] = append(cats, map[string]any{
		"id": "snake", "severity": 3, "hazard": true,
		"labels":   map[string]any{"en": "Snake", "fr": "Serpent", "sw": "Nyoka"},
		"keywords": map[string]any{"en": []any{"snake", "snakes"}, "sw": []any{"nyoka"}},
	})
}

// TestCityKeywordsTakeEffect: a keyword or a language a city adds to its
// taxonomy is read by the classifier (the model weighs keyword matches of
// any language), and so is a category of its own, which the model has
// never seen: listed first, and filed when its keyword opens the message
// ("snake in the school"); elsewhere in the message it is asked, offered
// first (only the keywords read it: the model cannot agree).
func TestCityKeywordsTakeEffect(t *testing.T) {
	tax := cityTaxonomy(t)
	c := classify.New(tax)
	before := classify.New(data.DefaultTaxonomy())
	tests := []struct {
		msg, want string
		filed     bool
	}{
		{"asikho amanzi eTandale", "water_supply", true},
		{"hatuna dishi tangu jana Tandale", "food", true},
		{"nyoka mkubwa ameingia nyumbani Tandale", "snake", true},
		{"snake in the school at Tandale", "snake", true},
		{"a big snake in the school at Tandale", "snake", false},
	}
	for _, tt := range tests {
		r := c.Classify(tt.msg)
		if ids := needIDs(r); len(ids) == 0 || ids[0] != tt.want {
			t.Errorf("city: Classify(%q) needs %v, want %s first", tt.msg, r.Needs, tt.want)
		}
		if cat, ok := r.Main(); cat != tt.want || ok != tt.filed {
			t.Errorf("city: Classify(%q).Main() = %q, %v; want %s, filed %v (needs %v)", tt.msg, cat, ok, tt.want, tt.filed, r.Needs)
		}
		if ids := needIDs(before.Classify(tt.msg)); len(ids) > 0 && ids[0] == tt.want {
			t.Errorf("built-in taxonomy already reads %q as %s: the test shows nothing", tt.msg, tt.want)
		}
	}
}

// TestModelFile: the built-in model loads, knows the categories the
// corpus labels, and survives a write and read unchanged.
func TestModelFile(t *testing.T) {
	m, err := classify.BuiltinModel()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, h := range m.Heads {
		names[h.Name] = true
	}
	for _, want := range []string{"food", "water_supply", "shelter", "medical", classify.RelevanceHead, classify.AnyCategoryHead} {
		if !names[want] {
			t.Errorf("built-in model has no head %q", want)
		}
	}
	if !strings.Contains(m.Source, "Munro") || !strings.Contains(m.Source, "CC BY 4.0") {
		t.Errorf("model source %q lacks the attribution", m.Source)
	}
	var a, b bytes.Buffer
	if err := m.Write(&a); err != nil {
		t.Fatal(err)
	}
	back, err := classify.ReadModel(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := back.Write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("model changed through a write and a read")
	}
}

// TestReadModelErrors: a damaged model file is an error, never a panic.
func TestReadModelErrors(t *testing.T) {
	gz := func(s string) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(s))
		zw.Close()
		return buf.Bytes()
	}
	tests := []struct {
		name string
		file []byte
	}{
		{"not gzip", []byte("{}")},
		{"not json", gz("nope")},
		{"wrong version", gz(`{"version":99,"heads":[]}`)},
		{"unknown field", gz(`{"version":2,"heads":[],"extra":1}`)},
		{"weights and features differ", gz(`{"version":2,"heads":[{"name":"food","scale":1,"features":[1,2],"weights":[3]}]}`)},
		{"feature out of range", gz(`{"version":2,"heads":[{"name":"food","scale":1,"features":[4294967295],"weights":[3]}]}`)},
		{"features out of order", gz(`{"version":2,"heads":[{"name":"food","scale":1,"features":[5,0],"weights":[3,4]}]}`)},
		{"repeated head", gz(`{"version":2,"heads":[{"name":"food","scale":1},{"name":"food","scale":1}]}`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := classify.ReadModel(bytes.NewReader(tt.file)); err == nil {
				t.Error("no error")
			}
		})
	}
}

// TestKeywordRule: without a model, the classifier behaves as before it:
// every keyword found is filed, a message without one is refused.
func TestKeywordRule(t *testing.T) {
	c := classify.NewWithModel(data.DefaultTaxonomy(), nil, classify.KeywordRule)
	r := c.Classify("Flood and fire in Tandale")
	if cat, ok := r.Main(); cat != "flood" || !ok {
		t.Errorf("Main() = %q, %v; want flood, confident", cat, ok)
	}
	if r := c.Classify("hello, how are you?"); !r.Refuse() {
		t.Errorf("chatter not refused: %+v", r)
	}
}

func FuzzClassify(f *testing.F) {
	for _, s := range []string{"nou bezwen dlo, manje, tant", "FLOOD near Tandale market", "", "e\u0301\u0301 \u0301x", strings.Repeat("dlo ", 200)} {
		f.Add(s)
	}
	c := classify.New(data.DefaultTaxonomy())
	f.Fuzz(func(t *testing.T, msg string) {
		r := c.Classify(msg)
		seen := map[string]bool{}
		for i, n := range r.Needs {
			if n.Confidence < 0 || n.Confidence > 1 || n.Confidence != n.Confidence {
				t.Fatalf("confidence %v outside [0, 1]", n.Confidence)
			}
			if seen[n.Category] {
				t.Fatalf("need %s twice", n.Category)
			}
			seen[n.Category] = true
			if i > 0 && thousandths(n.Confidence) > thousandths(r.Needs[i-1].Confidence) {
				t.Fatalf("needs %v not ranked by confidence", r.Needs)
			}
		}
		if r.Relevance < 0 || r.Relevance > 1 {
			t.Fatalf("relevance %v", r.Relevance)
		}
		cat, ok := r.Main()
		if ok && (cat == "" || cat == classify.OtherCategory) {
			t.Fatalf("Main() = %q, confident", cat)
		}
		if r.Refuse() && len(r.Needs) > 0 {
			t.Fatal("refused a message with needs")
		}
		cands := r.Candidates(3)
		for i, n := range cands {
			if n.Category == classify.OtherCategory || n.Confidence < 0.05 || n.Confidence > 1 || (i > 0 && thousandths(n.Confidence) > thousandths(cands[i-1].Confidence)) {
				t.Fatalf("candidates %v: other, out of range or not ranked", cands)
			}
		}
		if len(cands) > 3 {
			t.Fatalf("%d candidates, asked for 3", len(cands))
		}
	})
}

// benchmarkMessages are a short and a long message in two languages.
var benchmarkMessages = []string{
	"nou bezwen dlo, manje, tant",
	"Bonjou, nou se 40 fanmi ki nan lakou lekol la depi tranbleman an, nou pa gen dlo pwop, timoun yo malad, nou bezwen manje ak prela tanpri",
	"Please help us, our house collapsed and my brother is trapped under the rubble near the church on 3rd street, we need a doctor",
}

func BenchmarkClassify(b *testing.B) {
	c := classify.New(data.DefaultTaxonomy())
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		c.Classify(benchmarkMessages[i%len(benchmarkMessages)])
		i++
	}
}

// BenchmarkClassifyKeywordsOnly is the baseline: the keyword matcher alone.
func BenchmarkClassifyKeywordsOnly(b *testing.B) {
	c := classify.NewWithModel(data.DefaultTaxonomy(), nil, classify.KeywordRule)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		c.Classify(benchmarkMessages[i%len(benchmarkMessages)])
		i++
	}
}

// TestCandidatesAndCommon: the candidates of a message reach below the
// listed needs (a missing child is read, not sure enough to list), never
// include "other", and the common needs put the needs the corpus labels
// most often first.
func TestCandidatesAndCommon(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	r := c.Classify("I want to have news from a little girl 12 years old")
	cands := r.Candidates(3)
	if len(cands) == 0 || cands[0].Category != "missing_person" {
		t.Errorf("candidates %+v, want missing_person first", cands)
	}
	if len(cands) > 3 {
		t.Errorf("%d candidates, asked for 3", len(cands))
	}
	for i, n := range cands {
		if n.Category == classify.OtherCategory || n.Confidence < 0.05 || (i > 0 && thousandths(n.Confidence) > thousandths(cands[i-1].Confidence)) {
			t.Errorf("candidates %+v: other, too unsure or out of order", cands)
		}
	}
	common := c.Common()
	if len(common) != len(data.DefaultTaxonomy().Categories)-1 || slices.Contains(common, classify.OtherCategory) {
		t.Errorf("common %v: not every category but other", common)
	}
	if common[0] != "food" || !slices.Contains(common[:4], "water_supply") || !slices.Contains(common[:4], "medical") {
		t.Errorf("common %v, want food first and water and medical among the first four", common)
	}
	// Without a model: the taxonomy's order.
	kw := classify.NewWithModel(data.DefaultTaxonomy(), nil, classify.KeywordRule)
	if got := kw.Common(); got[0] != data.DefaultTaxonomy().Categories[0].ID {
		t.Errorf("keywords only: common %v, want the taxonomy's order", got)
	}
}

// TestKeywordOnlyNeedBesideAsked: a road or a drain cut by water names
// water, which the model reads as water supply, and a category only the
// keywords read (road blocked, blocked drain): the model cannot weigh
// the two, so the resident is asked, with both offered, instead of a
// water-supply report filed for a flooded road.
func TestKeywordOnlyNeedBesideAsked(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tc := range []struct{ msg, other string }{
		{"la route est coupée par l'eau", "road_blocked"},
		{"wout la koupe ak dlo", "road_blocked"},
		{"the road is blocked by water", "road_blocked"},
		{"barabara imefungwa na maji", "road_blocked"},
		{"drainage blocked, water not flowing", "blocked_drain"},
	} {
		r := c.Classify(tc.msg)
		if cat, ok := r.Main(); ok {
			t.Errorf("Classify(%q).Main() = %q filed, want asked (needs %v)", tc.msg, cat, r.Needs)
		}
		var offered []string
		for _, n := range r.Candidates(4) {
			offered = append(offered, n.Category)
		}
		if !slices.Contains(offered, tc.other) {
			t.Errorf("Classify(%q): candidates %v, want %s offered", tc.msg, offered, tc.other)
		}
	}
	// The margin is what asks: without it, water supply is filed.
	off := classify.ModelRule
	off.KeywordOnlyMargin = 0
	if cat, ok := c.Classify("the road is blocked by water").Under(off).Main(); !ok || cat != "water_supply" {
		t.Errorf("without KeywordOnlyMargin: %q filed %v, want water_supply filed (the case the margin exists for)", cat, ok)
	}
	// Two needs with heads of their own are still filed, the second listed.
	r := c.Classify("we need water and food")
	if _, ok := r.Main(); !ok || len(r.Needs) < 2 {
		t.Errorf("Classify(%q): %v, want filed with two needs", "we need water and food", r.Needs)
	}
}

// TestMet: Result.Met lists the categories a message names only as met
// (not needed, had, received, over, back), in message order and in the
// six keyword languages, with the model and without one; they are never
// needs, and an ordinary need, or a category also named as a need, is
// not met.
func TestMet(t *testing.T) {
	tax := data.DefaultTaxonomy()
	for _, c := range []*classify.Classifier{classify.New(tax), classify.NewWithModel(tax, nil, classify.KeywordRule)} {
		for _, tt := range []struct {
			msg string
			met []string
		}{
			{"we don't need tents", []string{"shelter"}},
			{"we have water now", []string{"water_supply"}},
			{"the flood has gone down", []string{"flood"}},
			// Water gone down ends a flood, not the water supply.
			{"the water has gone down", []string{"flood"}},
			{"maji yamepungua", []string{"flood"}},
			{"dlo a bese", []string{"flood"}},
			{"a água baixou", []string{"flood"}},
			{"el agua bajó", []string{"flood"}},
			{"the water went down but our house is still flooded", nil},
			{"we have water and food", []string{"water_supply", "food"}},
			{"we have water but no food", []string{"water_supply"}},
			{"nou pa bezwen manje", []string{"food"}},
			{"hatuhitaji chakula", []string{"food"}},
			{"nous n'avons pas besoin de tentes", []string{"shelter"}},
			{"não precisamos de comida", []string{"food"}},
			{"no necesitamos comida", []string{"food"}},
			{"umeme umerudi", []string{"electricity"}},
			{"we don't need tents but we need water", []string{"shelter"}},
			{"we have water but the water is dirty", nil},
			{"we need water", nil},
			{"nou bezwen manje", nil},
			{"FLOOD near the market", nil},
			{"we have no water", nil},
			{"hello", nil},
		} {
			r := c.Classify(tt.msg)
			if !slices.Equal(r.Met, tt.met) {
				t.Errorf("%q: met %v, want %v (needs %v)", tt.msg, r.Met, tt.met, needIDs(r))
			}
			for _, id := range r.Met {
				if slices.Contains(needIDs(r), id) {
					t.Errorf("%q: %s is both met and needed", tt.msg, id)
				}
			}
		}
	}
}

// TestNeedsAsConfidentInMessageOrder: needs whose confidences round to the
// same thousandth are listed in the order the message names them, so the
// reply names them as the resident did; otherwise the more confident
// comes first. The table must hold at least one such tie, or it tests
// nothing.
func TestNeedsAsConfidentInMessageOrder(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	ties := 0
	for _, tt := range []struct{ msg, named string }{
		{"necesitamos agua y comida", "water_supply"},
		{"necesitamos comida y agua", "food"},
		{"we need water and food", "water_supply"},
		{"we need food and water", "food"},
		{"tunahitaji maji na chakula", "water_supply"},
		{"tunahitaji chakula na maji", "food"},
		{"nou bezwen dlo ak manje", "water_supply"},
		{"nou bezwen manje ak dlo", "food"},
		{"precisamos de água e comida", "water_supply"},
		{"precisamos de comida e água", "food"},
		// Two categories only the keywords read score alike.
		{"toilets and rubbish", "sanitation"},
		{"rubbish and toilets", "solid_waste"},
		{"latrines na taka", "sanitation"},
		{"taka na latrines", "solid_waste"},
	} {
		r := c.Classify(tt.msg)
		if len(r.Needs) < 2 {
			t.Fatalf("Classify(%q).Needs = %v, want two", tt.msg, r.Needs)
		}
		a, b := r.Needs[0], r.Needs[1]
		if thousandths(a.Confidence) != thousandths(b.Confidence) {
			if a.Confidence < b.Confidence {
				t.Errorf("Classify(%q): %v before the more confident %v", tt.msg, a, b)
			}
			continue
		}
		ties++
		if a.Category != tt.named {
			t.Errorf("Classify(%q).Needs = %v: as confident, want %s first as the message names it", tt.msg, r.Needs, tt.named)
		}
	}
	if ties == 0 {
		t.Fatal("no message of the table has two needs as confident: the table tests nothing, find one that does")
	}
}

// thousandths is a confidence to the thousandth, as mtaa sms parse
// prints it: needs as confident to the thousandth are ranked in the
// message's order.
func thousandths(c float64) float64 { return math.Round(1000 * c) }
