package classify_test

// Checks shared by the classify tests.

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// checkAudit5 checks each case's want: a category filed as it; "asked
// a|b" asked (not filed, not refused) with one of a, b the first need,
// or the menu's first candidate when none is listed: these categories
// are asked with theirs offered first, not merely among the first
// three; "none" not filed.
func checkAudit5(t *testing.T, cases []auditCase) {
	t.Helper()
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range cases {
		r := c.Classify(tt.text)
		cat, filed := r.Main()
		list, asked := strings.CutPrefix(tt.want, "asked ")
		switch {
		case tt.want == "none":
			if filed {
				t.Errorf("[%s] %q (none of these) filed as %s (needs %v)", tt.lang, tt.text, cat, r.Needs)
			}
		case !asked:
			if !filed || cat != tt.want {
				t.Errorf("[%s] %q: Main() = %s, %v; want filed as %s (needs %v)", tt.lang, tt.text, cat, filed, tt.want, r.Needs)
			}
		case filed:
			t.Errorf("[%s] %q filed as %s; want asked with %s first (needs %v)", tt.lang, tt.text, cat, list, r.Needs)
		case r.Refuse():
			t.Errorf("[%s] %q refused (relevance %.2f); want asked", tt.lang, tt.text, r.Relevance)
		default:
			first := ""
			if cs := r.Candidates(1); len(cs) > 0 {
				first = cs[0].Category
			}
			if !slices.Contains(strings.Split(list, "|"), first) {
				t.Errorf("[%s] %q asked with %q first; want one of %s (needs %v)", tt.lang, tt.text, first, list, r.Needs)
			}
		}
	}
}

// auditCase is a message of the audit of issue 13 ("never a confident
// wrong answer; when unsure, ask") with what the classifier must do with
// it. want is one of:
//   - "water_supply" or "food|water_supply": filed without asking, as
//     (one of) the need(s) the message names;
//   - "asked fire" or "asked road_blocked|flood": asked, with one of
//     them among the needs or the menu's first three candidates, or filed
//     as one of them (never filed as another need, never refused);
//   - "asked": a request naming no need, asked (neither filed nor
//     refused);
//   - "none": a message with no need (greetings, thanks, chit-chat,
//     questions), never filed, whether refused or asked.
type auditCase struct {
	lang, text, want string
}

// checkAuditCases fails t for each of cases that the built-in classifier
// does not do as its want says (see auditCase).
func checkAuditCases(t *testing.T, cases []auditCase) {
	t.Helper()
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range cases {
		r := c.Classify(tt.text)
		cat, filed := r.Main()
		asked, list, _ := strings.Cut(tt.want, " ")
		var cats []string
		if list != "" {
			cats = strings.Split(list, "|")
		}
		switch {
		case tt.want == "none":
			if filed {
				t.Errorf("[%s] %q (no need) filed as %s (needs %v)", tt.lang, tt.text, cat, r.Needs)
			}
		case asked != "asked":
			if want := strings.Split(tt.want, "|"); !filed || !slices.Contains(want, cat) {
				t.Errorf("[%s] %q: Main() = %s, %v; want filed as %s (needs %v)", tt.lang, tt.text, cat, filed, tt.want, r.Needs)
			}
		case filed && !slices.Contains(cats, cat):
			t.Errorf("[%s] %q filed as %s; want asked (needs %v)", tt.lang, tt.text, cat, r.Needs)
		case r.Refuse():
			t.Errorf("[%s] %q refused (relevance %.2f); want asked", tt.lang, tt.text, r.Relevance)
		case !filed && len(cats) > 0 && !offered(r, cats):
			t.Errorf("[%s] %q asked without %v among needs %v or candidates %v", tt.lang, tt.text, cats, r.Needs, r.Candidates(3))
		}
	}
}

// offered reports whether one of cats is among r's needs or the menu's
// first three candidates.
func offered(r classify.Result, cats []string) bool {
	for _, n := range r.Candidates(3) {
		if slices.Contains(cats, n.Category) {
			return true
		}
	}
	for _, id := range needIDs(r) {
		if slices.Contains(cats, id) {
			return true
		}
	}
	return false
}

// needIDs lists the categories of r's needs, in order.
func needIDs(r classify.Result) []string {
	var ids []string
	for _, n := range r.Needs {
		ids = append(ids, n.Category)
	}
	return ids
}

// editedTaxonomy is the built-in taxonomy file changed by edit (its JSON
// object, as a city edits the file) and read back through ParseTaxonomy.
func editedTaxonomy(t *testing.T, edit func(file map[string]any)) *data.Taxonomy {
	t.Helper()
	var file map[string]any
	if err := json.Unmarshal(data.DefaultTaxonomyJSON(), &file); err != nil {
		t.Fatal(err)
	}
	edit(file)
	raw, err := json.Marshal(file)
	if err != nil {
		t.Fatal(err)
	}
	tax, err := data.ParseTaxonomy(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("parse the edited taxonomy: %v", err)
	}
	return tax
}

// defaultMatcher reads messages with the built-in taxonomy.
var defaultMatcher = classify.NewKeywordMatcher(data.DefaultTaxonomy())

// checkAsked fails for each text filed, or whose first candidate is not
// its category.
func checkAsked(t *testing.T, c *classify.Classifier, cases []struct{ text, cat string }) {
	t.Helper()
	for _, tt := range cases {
		r := c.Classify(tt.text)
		if cat, ok := r.Main(); ok {
			t.Errorf("%q: files %s (needs %v), want asked", tt.text, cat, r.Needs)
		}
		if cands := r.Candidates(3); len(cands) == 0 || cands[0].Category != tt.cat {
			t.Errorf("%q: candidates %v, want %s first", tt.text, cands, tt.cat)
		}
	}
}

// checkFiled fails for each text not filed as its category.
func checkFiled(t *testing.T, c *classify.Classifier, cases []struct{ text, cat string }) {
	t.Helper()
	for _, tt := range cases {
		r := c.Classify(tt.text)
		if cat, ok := r.Main(); !ok || cat != tt.cat {
			t.Errorf("%q: Main %q %v (needs %v), want %s filed", tt.text, cat, ok, r.Needs, tt.cat)
		}
	}
}

// polarityCase is a message with the category it names and whether the
// sender needs it (a need among Result.Needs, not in Result.Met) or
// says it is met (in Met, not among the needs: answered "noted").
type polarityCase struct {
	lang, text, cat string
	need            bool
}

// checkPolarity fails t for each of cases the built-in classifier does
// not read as its need says.
func checkPolarity(t *testing.T, cases []polarityCase) {
	t.Helper()
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range cases {
		r := c.Classify(tt.text)
		needs := needIDs(r)
		switch {
		case tt.need && (!slices.Contains(needs, tt.cat) || slices.Contains(r.Met, tt.cat)):
			t.Errorf("[%s] %q: needs %v, met %v; want %s needed", tt.lang, tt.text, r.Needs, r.Met, tt.cat)
		case !tt.need && (slices.Contains(needs, tt.cat) || !slices.Contains(r.Met, tt.cat)):
			t.Errorf("[%s] %q: needs %v, met %v; want %s met", tt.lang, tt.text, r.Needs, r.Met, tt.cat)
		}
	}
}

// misreading is a message that must not be read as need not.
type misreading struct{ lang, text, not string }

// checkNotMisread fails t for each message of cases that the built-in
// classifier files as its need not, or lists it among the needs.
func checkNotMisread(t *testing.T, cases []misreading) {
	t.Helper()
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range cases {
		r := c.Classify(tt.text)
		if cat, ok := r.Main(); ok && cat == tt.not {
			t.Errorf("[%s] %q filed as %s (needs %v)", tt.lang, tt.text, tt.not, r.Needs)
		}
		if slices.Contains(needIDs(r), tt.not) {
			t.Errorf("[%s] %q lists %s (needs %v, keywords %v)", tt.lang, tt.text, tt.not, r.Needs, r.Keywords)
		}
	}
}

// taxonomyKeywords is the built-in taxonomy with only the keywords (and
// the phrases of other senses) of the languages keep accepts.
func taxonomyKeywords(t *testing.T, keep func(lang string) bool) *data.Taxonomy {
	t.Helper()
	return editedTaxonomy(t, func(file map[string]any) {
		for _, c := range file["categories"].([]any) {
			for _, field := range []string{"keywords", "other_senses"} {
				byLang, _ := c.(map[string]any)[field].(map[string]any)
				for lang := range byLang {
					if !keep(lang) {
						delete(byLang, lang)
					}
				}
			}
		}
	})
}

// withoutOtherSenses returns the built-in taxonomy with no phrase of
// other senses, or with only the phrase keep of category cat and
// language lang when keep is not "".
func withoutOtherSenses(t *testing.T, cat, lang, keep string) *data.Taxonomy {
	t.Helper()
	return editedTaxonomy(t, func(file map[string]any) {
		for _, c := range file["categories"].([]any) {
			c := c.(map[string]any)
			delete(c, "other_senses")
			if keep != "" && c["id"] == cat {
				c["other_senses"] = map[string]any{lang: []any{keep}}
			}
		}
	})
}

// withoutSensesOf is the built-in taxonomy without the other senses of
// category cat (those of the other categories kept).
func withoutSensesOf(t *testing.T, cat string) *data.Taxonomy {
	t.Helper()
	return editedTaxonomy(t, func(file map[string]any) {
		for _, c := range file["categories"].([]any) {
			if c := c.(map[string]any); c["id"] == cat {
				delete(c, "other_senses")
			}
		}
	})
}

func matchedIDs(m *classify.KeywordMatcher, msg string) []string {
	var ids []string
	for _, k := range m.MatchAll(msg) {
		ids = append(ids, k.Category)
	}
	return ids
}

// otherSense is a message in which a keyword of category cat means
// something else (data.Category.OtherSenses).
type otherSense struct {
	lang, text, cat string
}

// trapCase is a message with its outcome (want, as checkAudit5 reads it,
// with "asked other" for an offer asked what the problem is, "other"
// its only need) and the needs it must list (Result.Needs).
type trapCase struct {
	lang, text, want string
	listed           []string
}

// checkTrap checks each case's want as checkAudit5 does ("asked other":
// asked with "other" the only need), and that its listed needs are
// among Result.Needs.
func checkTrap(t *testing.T, cases []trapCase) {
	t.Helper()
	c := classify.New(data.DefaultTaxonomy())
	var audit []auditCase
	for _, tt := range cases {
		r := c.Classify(tt.text)
		for _, l := range tt.listed {
			if !slices.ContainsFunc(r.Needs, func(n classify.Need) bool { return n.Category == l }) {
				t.Errorf("[%s] %q does not list %s (needs %v)", tt.lang, tt.text, l, r.Needs)
			}
		}
		if tt.want != "asked other" {
			audit = append(audit, auditCase{tt.lang, tt.text, tt.want})
			continue
		}
		if cat, filed := r.Main(); filed || r.Refuse() || cat != classify.OtherCategory || len(r.Needs) != 1 {
			t.Errorf("[%s] %q: Main() = %s, %v (refused %v, needs %v); want asked, other the only need", tt.lang, tt.text, cat, filed, r.Refuse(), r.Needs)
		}
	}
	checkAudit5(t, audit)
}

// whereCase is an auditCase (see checkAudit5 for want; "" checks only
// listed) whose needs must also list, or not list, a category: listed is
// "+cat" or "-cat", "" for neither.
type whereCase struct {
	auditCase
	listed string
}

// checkWhere runs checkAudit5 on cases, then checks their listed needs.
func checkWhere(t *testing.T, cases []whereCase) {
	t.Helper()
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range cases {
		if tt.want != "" {
			checkAudit5(t, []auditCase{tt.auditCase})
		}
		if tt.listed == "" {
			continue
		}
		ids := needIDs(c.Classify(tt.text))
		cat, want := strings.CutPrefix(tt.listed, "+")
		if !want {
			cat = strings.TrimPrefix(tt.listed, "-")
		}
		if slices.Contains(ids, cat) != want {
			t.Errorf("[%s] %q: needs %v; want %s listed: %v", tt.lang, tt.text, ids, cat, want)
		}
	}
}
