package classify

import (
	"math"
	"slices"
	"strings"

	"github.com/mtaa-project/mtaa/classify/internal/feature"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// OtherCategory is the taxonomy's catch-all category: it is named only
// when no other category is, and never filed without asking.
const OtherCategory = "other"

// Need is a category a message names, with how sure the classifier is
// that the message is about it (0 to 1).
type Need struct {
	Category   string  `json:"category"`
	Confidence float64 `json:"confidence"`

	severe bool // of the taxonomy's highest severity
	// keywordOnly is set for a category the model has no head of its
	// own for: only its keywords read it.
	keywordOnly bool
	// overtook is set for a need moved before a more confident hazard
	// named as its time (timeBehind): Result.Main asks.
	overtook bool
}

// Result is what a message was understood to need.
type Result struct {
	// Needs are the categories named, most confident first (severity
	// never outranks confidence; needs as confident to the thousandth in
	// the order the message names them); nil when none is. The taxonomy's
	// "other" category only appears when nothing else does.
	Needs []Need
	// Keywords are the taxonomy keywords found, best first, with their
	// byte spans in the message: a keyword inside a place's name
	// describes the place, not the problem. A keyword of what the
	// message says is had, received, not needed or over is left out
	// (see KeywordMatcher.MatchAll).
	Keywords []CategoryMatch
	// Relevance is how sure the classifier is that the message asks for
	// help or reports a problem at all, named or not (0 to 1).
	Relevance float64
	// Met are the categories the message names only as met, in message
	// order: had, received, not needed, over or back ("we don't need
	// tents", "nou pa bezwen manje", "the flood has gone down"; see
	// Classify). They are never among Needs; nil when there are none.
	// A category also named as a need ("we have water but the water is
	// dirty") is not met.
	Met []string

	rule Rule
	// exact are the categories named by an exact keyword in the
	// message's own language.
	exact []exactKeyword
	// asked are the hazards the message names only in a question or an
	// information request ("any news about the flood?"), never filed
	// without asking, or as the time of what it reports ("rubbish
	// everywhere after the flood"), not filed when another need is
	// listed.
	asked []askedHazard
	// hedged are the categories the message names only by keywords that
	// tell a situation which may or may not be their need ("we are
	// sleeping outside", "i lost my family"; hedgedKeywords): listed and
	// offered, never filed without asking.
	hedged []string
	// other is the confidence of the "other" keyword, listed only when
	// no other need is.
	other float64
	// ranked are every category read, listed or not, most confident
	// first ("other" left out): the candidates of the category menu.
	ranked []Need
	// announced is set for a notice or an advert (announces): "road
	// closed for repairs next week", "Garbage collection day is every
	// Monday", "Blocked drain specialists, call 0722…". A category only
	// the keywords read is not filed on it, nor any on the keyword-first
	// form, but help on offer (announcers).
	announced bool
	// planned is set for a notice of a planned cut (plannedCut): "water
	// will be cut tomorrow", "coupure d'électricité prévue samedi". Water
	// or power (utilities) is not filed on it.
	planned bool
}

// candidateFloor is the least confidence of a category offered as a
// candidate (Result.Candidates).
const candidateFloor = 0.05

// Candidates returns at most n categories the message may be about, most
// confident first, down to confidences below Rule.Need (never under
// 0.05, and never "other"): the categories the category menu offers
// first when no need is sure.
func (r Result) Candidates(n int) []Need {
	var out []Need
	for _, c := range r.ranked {
		if len(out) == n {
			break
		}
		if c.Confidence >= candidateFloor {
			out = append(out, c)
		}
	}
	return out
}

// Under returns r decided by rule instead: its needs below rule.Need
// are dropped (a lower rule.Need than the classifier's lists nothing
// more). It lets an evaluation try thresholds without classifying
// again.
func (r Result) Under(rule Rule) Result {
	out := r
	out.rule = rule
	out.Needs = nil
	for _, n := range r.Needs {
		if n.Category != OtherCategory && n.Confidence >= rule.Need {
			out.Needs = append(out.Needs, n)
		}
	}
	if len(out.Needs) == 0 && r.other > 0 {
		out.Needs = []Need{{Category: OtherCategory, Confidence: r.other}}
	}
	return out
}

// Rule holds the thresholds of the decisions a Result makes.
type Rule struct {
	// File is the confidence from which the top need is filed without
	// asking the resident (Result.Main).
	File float64
	// FileKeyword, when not 0, replaces File and FileSevere for a top
	// need that a keyword of its category agrees with, written exactly
	// (not a misspelling) in the message's own language: two readers that
	// agree (the city's keyword list and the model) need less of the
	// model's confidence than the model alone. Not for a category the
	// model has no head of its own for (landslide, sanitation, a city's
	// own category): only its keywords read it, there is no second reader
	// to agree, so File applies (or FileKeywordFirst, FileKeywordPhrase).
	FileKeyword float64
	// FileKeywordFirst, when not 0, replaces FileKeyword when that keyword
	// is also the message's first word after greetings, the documented
	// "FIRE near the market" form: filed unless the model reads the
	// message as something else (another need more confident) or gives
	// the category almost nothing. Not in a notice or an advert
	// (Result.announced: "road closed for repairs next week", "Blocked
	// drain specialists, call 0722…"), nor for a traffic jam
	// (congestion: "Trancón terrible en la 80"): neither is the report
	// form.
	FileKeywordFirst float64
	// FileSevere replaces File for the categories of the highest
	// severity (fire, landslide, building collapse, people trapped): a
	// wrong one sends a rescue team to the wrong emergency, so they need
	// more confidence, never less.
	FileSevere float64
	// Need is the confidence from which a category is listed in
	// Result.Needs.
	Need float64
	// Refuse is the relevance below which a message naming no need is
	// answered "not understood" (Result.Refuse).
	Refuse float64
	// KeywordOnlyMargin, when not 0, asks instead of filing when a need
	// only the keywords read (a category without a model head of its
	// own: road blocked, drains, landslide, a city's own) is listed
	// within this much of the top need's confidence: the model cannot
	// weigh it against the top need ("the road is cut by water" reads
	// water supply and road blocked alike), so the resident chooses.
	KeywordOnlyMargin float64
	// FileKeywordPhrase, when not 0, replaces File for a top need only
	// the keywords read (a category without a model head of its own, not
	// of the highest severity: road blocked, drains, rubbish, latrines, a
	// city's own; not aid distribution, a service available or human
	// remains: phraseAsked) when a keyword of it is a phrase stated
	// as a report, written exactly in the message's own language ("the
	// garbage has not been collected", "mtaro umeziba", "la route est
	// bloquée": see phraseStated), and no other need is listed. A bare
	// word ("garbage", "latrine") still needs File or the keyword-first
	// form.
	FileKeywordPhrase float64
}

// ModelRule is the decision rule used with the built-in model. File and
// FileKeyword are the pair of a grid (learn.RuleGrid) that files the most
// single-need messages of the development corpus right while keeping
// messages without a need filed with a category under 10% and requests
// refused under 5%, on 5-fold cross-validated confidences; the same choice
// made on each fold's own inner cross-validation and applied to the fold
// (`go run ./classify/evalsms -nested`, docs/sms.md) is the honest measure
// of it. Filing on a keyword the model agrees with from 0.35 and on the
// model alone from 0.7 files more single-need messages right than one
// threshold at the same share of no-need messages filed (0.65 until the
// seventh session's vocabulary, which filed 10.2% of the no-need texts
// with it: a bare keyword of a category only the keywords read, such as
// "bathroom", scores about 0.65, and the corpus labels no such category). FileSevere is
// above the confidences at which building collapse was filed right only
// half the time (the severe categories are rare in the corpus),
// FileKeywordFirst files the documented "FIRE near the market" form in
// any language unless the model gives the category almost nothing (it
// changes one text of the corpus: residents seldom write it), Need lists
// a second or third need when it is nearly as likely as not, and Refuse
// keeps requests for help answered "not understood" near 1% (a fifth of
// the 5% limit: a message just under it gets the category menu, which
// costs one SMS, where a refused request loses a resident). FileKeywordPhrase is under the 0.65 a single exact keyword of
// a category only the keywords read scores: the phrase's conditions
// (phraseStated, Result.Main), not the confidence, decide. The corpus
// labels none of those categories; it changes none of its texts.
var ModelRule = Rule{File: 0.7, FileKeyword: 0.35, FileKeywordFirst: 0.2, FileSevere: 0.8, Need: 0.3, Refuse: 0.1, KeywordOnlyMargin: 0.1, FileKeywordPhrase: 0.6}

// KeywordRule is the decision rule of a classifier without a model:
// every keyword found is a need and is filed; a message without a
// keyword is not understood (the behaviour before the model).
var KeywordRule = Rule{File: 0, FileSevere: 0, Need: 0, Refuse: 0.5}

// Main returns the category to file: the most confident need, and
// whether it is confident enough to file without asking the resident to
// choose. It returns "", false when no need was found; "other" is never
// confident (a resident who only asks for help is asked what kind), and
// neither is a hazard the message names only in a question or an
// information request ("any news about the flood?"), nor a need named
// only by hedged keywords ("we are sleeping outside").
func (r Result) Main() (category string, confident bool) {
	if len(r.Needs) == 0 {
		return "", false
	}
	n := r.Needs[0]
	// A hazard named as the time of the need first (timeBehind) was more
	// confident: the resident chooses.
	if n.overtook {
		return n.Category, false
	}
	// A notice of a planned cut of water or power is no outage: the
	// resident says whether the service is out.
	if r.planned && r.rule.File != 0 && slices.Contains(utilities, n.Category) {
		return n.Category, false
	}
	least := r.rule.File
	if n.severe {
		least = max(least, r.rule.FileSevere)
	}
	for _, k := range r.exact {
		if k.category != n.Category {
			continue
		}
		if r.rule.FileKeyword != 0 && !n.severe && !n.keywordOnly {
			least = r.rule.FileKeyword
		}
		if k.first && r.rule.FileKeywordFirst != 0 && (!r.announced || slices.Contains(announcers, n.Category)) {
			least = r.rule.FileKeywordFirst
		}
		if k.stated && r.rule.FileKeywordPhrase != 0 && n.keywordOnly && !n.severe && r.alone(n) &&
			!slices.Contains(phraseAsked, n.Category) {
			least = min(least, r.rule.FileKeywordPhrase)
		}
	}
	// A hazard asked about is no report of it: "any news about the flood
	// in Jacmel?", "will there be a fire?" are asked, the hazard offered
	// first, not filed; nor is one named as the time of another need
	// ("rubbish everywhere after the flood"), which the resident chooses.
	for _, a := range r.asked {
		if a.category == n.Category && (!a.time || len(r.Needs) > 1) {
			return n.Category, false
		}
	}
	// A situation that may be the need ("we are sleeping outside") is
	// offered first, not filed: the resident says whether it is.
	if slices.Contains(r.hedged, n.Category) {
		return n.Category, false
	}
	if r.rule.KeywordOnlyMargin != 0 && !n.keywordOnly {
		for _, o := range r.Needs[1:] {
			if o.keywordOnly && o.Confidence >= n.Confidence-r.rule.KeywordOnlyMargin {
				return n.Category, false
			}
		}
	}
	if n.keywordOnly && r.rule.File != 0 {
		// A notice or an advert names a road, a drain, rubbish or
		// latrines without reporting them ("calle cerrada por obras",
		// "vidange de fosse septique, prix imbattable"); help on offer
		// is the report of its own categories (announcers).
		if r.announced && !slices.Contains(announcers, n.Category) {
			return n.Category, false
		}
		// A need the model reads listed behind a blocked road is often
		// what the message is about ("barabara imefungwa, hakuna
		// chakula kinachofika": the road is the cause, food the need):
		// the model cannot weigh the two, the resident chooses.
		if slices.Contains(blockers, n.Category) && slices.ContainsFunc(r.Needs[1:], func(o Need) bool {
			return !o.keywordOnly && o.Category != OtherCategory
		}) {
			return n.Category, false
		}
	}
	return n.Category, n.Category != OtherCategory && n.Confidence >= least
}

// alone reports whether n is the only need of r listed ("other" aside):
// nothing else the message names competes with it.
func (r Result) alone(n Need) bool {
	for _, o := range r.Needs {
		if o.Category != n.Category && o.Category != OtherCategory {
			return false
		}
	}
	return true
}

// phraseAsked are the built-in categories only the keywords read that
// are never filed on a phrase (Rule.FileKeywordPhrase): aid distribution
// and a service available tell of help available rather than of a
// problem ("food distribution at the church", "the clinic opened
// again"), news or a question more often than a report; human remains
// ("hay un cuerpo en la quebrada") may be a person still alive, whom a
// wrong filing would send no ambulance: the resident says which.
var phraseAsked = []string{DistributionCategory, "service_available", "human_remains"}

// phraseStated reports whether keyword e, found as c, is a phrase (two
// words or more, or a keyword with a gap: "garbage not collected", "mtaro
// umeziba", "route … bloquée") stated as a report: read whole, not in a
// glued token nor asked about (askedAbout, of any category: "information
// about the blocked road"), not an everyday nuisance (everyday) nor a
// thing's name (naming: "pit latrine", "septic tank"),
// with no negation unless it also holds a one-word keyword of its
// category ("garbage not collected", "no toilets" are stated; "pa ka
// pase", "ne passent plus", "cannot pass" say what cannot be done, an
// exam or a message as often as a road), in a message that says
// nothing was cleared ("we cleared the blocked drain"), is no question (a
// question mark, or a question word of the keyword's language opening
// it) and tells no hearsay ("they say the road is blocked"). The words
// are each language's polarityWords (negations: nots and keywordNots;
// everyday, naming, cleared, openers, hearsay), read through polarityIdx: a map lookup a
// word. i is the keyword's place in sc.found, first the message's first
// word after greetings. Rule.FileKeywordPhrase files on it.
func (m *KeywordMatcher) phraseStated(sc *scan, e *keywordEntry, i, first int) bool {
	c := sc.found[i]
	if key := strings.Join(e.words, " "); len(e.words) < 2 || c.glued || c.asked || c.n < len(e.words) ||
		polarityIdx.everyday[key] || polarityIdx.naming[key] {
		return false
	}
	negated, named := false, false
	for _, w := range e.words {
		negated = negated || polarityIdx.negations[w]
		named = named || slices.ContainsFunc(m.byStem[stem(w)], func(j int32) bool {
			o := &m.entries[j]
			return o.cat == e.cat && len(o.words) == 1 && o.words[0] == w && !o.sense
		})
	}
	if negated && !named {
		return false
	}
	if asked, _ := sc.askedAbout(i, e.lang); asked {
		return false
	}
	if strings.ContainsAny(sc.msg, "?¿") {
		return false
	}
	if first >= 0 && first < len(sc.tokens) {
		for _, ph := range polarityIdx.openers[sc.tokens[first].word] {
			if ph.lang == e.lang && sc.phraseAt(first, ph.words) {
				return false
			}
		}
	}
	for at, tk := range sc.tokens {
		if polarityIdx.cleared[tk.word] {
			return false
		}
		for _, ph := range polarityIdx.hearsay[tk.word] {
			if sc.hearsayAt(at, ph.words) {
				return false
			}
		}
	}
	return true
}

// announcers are the categories a notice or an advert reports: help on
// offer ("food distribution tomorrow at the church", "the clinic is open
// every Monday"), filed on one as on any message (Result.Main).
var announcers = []string{DistributionCategory, "service_available"}

// utilities are the categories of a service a notice of a planned cut
// tells of ("water will be cut tomorrow from 8 to 5", "maji yatakatika
// kesho", "coupure d'électricité prévue samedi"): never filed on one
// (Result.Main), whatever the model reads; "no water since yesterday"
// is the outage, filed.
var utilities = []string{"water_supply", "electricity"}

// blockers are the categories only the keywords read that tell what
// keeps help from coming rather than a need of their own: a blocked road
// named with food, water or a sick person is asked (Result.Main), the
// need offered with it. Not drains, rubbish, latrines or a landslide:
// "choo imejaa watoto wanaharisha" (the latrine is full, the children
// have diarrhoea) reports the latrine, the sickness is what it causes.
var blockers = []string{"road_blocked"}

// noticeReach is how many words after a word of polarityWords.noticeFor
// its event may come ("for the city marathon").
const noticeReach = 3

// phoneDigits is the least number of digits, in consecutive number
// words, of a phone number ("0722 111 222", "77 123 45 67").
const phoneDigits = 8

// announces reports whether words (folded, Classifier.Classify) are a
// notice (noticeTimes, or a closure for an event: noticeFor) or an
// advert (adverts, or serviceWords with a phone number), with the words
// of every language's polarityWords, each phrase found from its first
// word (polarityIdx).
func announces(words []text.Word) bool {
	at := func(i int, ph []string) bool { return wordsAt(words, i, ph) }
	phone, service, digits := false, false, 0
	for i, w := range words {
		for _, ph := range polarityIdx.notices[w.Text] {
			if at(i, ph.words) {
				return true
			}
		}
		for _, ph := range polarityIdx.noticeFor[w.Text] {
			if !at(i, ph.words) {
				continue
			}
			for j := i + len(ph.words); j < min(len(words), i+len(ph.words)+noticeReach); j++ {
				if polarityIdx.noticeEvents[words[j].Text] {
					return true
				}
			}
		}
		service = service || polarityIdx.services[w.Text]
		if strings.Trim(w.Text, "0123456789") == "" {
			digits += len(w.Text)
			phone = phone || digits >= phoneDigits
		} else {
			digits = 0
		}
	}
	return phone && service
}

// plannedCut reports whether words (folded, Classifier.Classify) tell a
// cut of a service to come or scheduled: a phrase of polarityWords'
// plannedCuts ("will be cut", "scheduled", "prévue", "yatakatika", "y ap
// koupe", "vai faltar", "habrá"), found from its first word, or a range
// of clock times (clockRange: "from 8 to 5", "de 8h à 17h"), in a
// message that tells no schedule unkept (polarityWords' unkept: "the
// scheduled water truck never came, no water since monday" is a report).
func plannedCut(words []text.Word) bool {
	for i, w := range words {
		for _, ph := range polarityIdx.unkept[w.Text] {
			if wordsAt(words, i, ph.words) {
				return false
			}
		}
	}
	for i, w := range words {
		for _, ph := range polarityIdx.plannedCuts[w.Text] {
			if wordsAt(words, i, ph.words) {
				return true
			}
		}
		if clockRange(words, i) {
			return true
		}
	}
	return false
}

// wordsAt reports whether the words of ph are the folded words from
// position i on.
func wordsAt(words []text.Word, i int, ph []string) bool {
	if i+len(ph) > len(words) {
		return false
	}
	for k, w := range ph {
		if words[i+k].Text != w {
			return false
		}
	}
	return true
}

// clockRange reports whether a range of clock times starts at word i: a
// clock time, a word of rangeTo, a clock time ("8am to 5pm", "de 8h à
// 17h", "saa mbili hadi saa kumi"), after a word of rangeFrom when
// neither time is marked as one ("from 8 to 5", "das 8 às 17"; "8 to 5"
// alone may be anything).
func clockRange(words []text.Word, i int) bool {
	n1, marked1 := clockAt(words, i)
	if n1 == 0 || i+n1 >= len(words) || !polarityIdx.rangeTo[words[i+n1].Text] {
		return false
	}
	n2, marked2 := clockAt(words, i+n1+1)
	return n2 > 0 && (marked1 || marked2 || i > 0 && polarityIdx.rangeFrom[words[i-1].Text])
}

// clockAt returns how many words a clock time at word i takes (0 for
// none) and whether it is marked as one: an hour of the day in digits
// ("8", "17"), marked with a suffix ("8h", "17h30", "8am", "5pm"), or an
// hour word before a number ("saa mbili", "saa 8").
func clockAt(words []text.Word, i int) (n int, marked bool) {
	if i >= len(words) {
		return 0, false
	}
	w := words[i].Text
	if polarityIdx.hours[w] && i+1 < len(words) {
		next := words[i+1].Text
		if polarityIdx.hourNames[next] || hourDigits(next) {
			return 2, true
		}
		return 0, false
	}
	d := strings.TrimLeft(w, "0123456789")
	if len(d) == len(w) || len(w)-len(d) > 2 {
		return 0, false
	}
	switch {
	case d == "":
		return 1, false
	case d == "am" || d == "pm" || d == "hrs" || d == "hr" || d == "h" ||
		d[0] == 'h' && strings.Trim(d[1:], "0123456789") == "":
		return 1, true
	}
	return 0, false
}

// hourDigits reports whether w is an hour in digits ("8", "17").
func hourDigits(w string) bool {
	return w != "" && len(w) <= 2 && strings.Trim(w, "0123456789") == ""
}

// Refuse reports whether the message should be answered "not
// understood": it names no need and does not look like a request for
// help. A message that is not refused but has no confident need gets the
// category menu.
func (r Result) Refuse() bool {
	return len(r.Needs) == 0 && r.Relevance < r.rule.Refuse
}

// Classifier reads messages against one taxonomy, with the taxonomy's
// keywords and a trained model. It is safe for concurrent use.
type Classifier struct {
	tax      *data.Taxonomy
	keywords *KeywordMatcher
	model    *Model
	rule     Rule
	// heads[i] is the model head for taxonomy category i: its own, or
	// AnyCategoryHead (keywords only) for a category the model does not
	// know; -1 for "other" or without a model.
	heads     []int
	ownHead   []bool
	severe    []bool
	relevance int
	index     map[string]int // category id -> position in the taxonomy
}

// New builds a classifier for tax (nil gives one that finds nothing)
// with the built-in model and ModelRule. Should the built-in model not
// load (a build defect its tests catch), it classifies with keywords
// only.
func New(tax *data.Taxonomy) *Classifier {
	m, err := BuiltinModel()
	if err != nil {
		m = nil
	}
	return NewWithModel(tax, m, ModelRule)
}

// NewWithModel builds a classifier for tax with model m and decision
// rule rule; a nil m classifies with the taxonomy's keywords only (use
// KeywordRule with it).
func NewWithModel(tax *data.Taxonomy, m *Model, rule Rule) *Classifier {
	c := &Classifier{tax: tax, keywords: NewKeywordMatcher(tax), model: m, rule: rule, relevance: -1, index: map[string]int{}}
	if tax != nil {
		for i, cat := range tax.Categories {
			c.index[cat.ID] = i
			c.severe = append(c.severe, cat.Severity == data.MaxSeverity)
		}
	}
	if m == nil || tax == nil {
		c.model = nil
		return c
	}
	anyHead := m.head(AnyCategoryHead)
	c.relevance = m.head(RelevanceHead)
	for _, cat := range tax.Categories {
		h, own := m.head(cat.ID), true
		if h < 0 {
			h, own = anyHead, false
		}
		if cat.ID == OtherCategory {
			h, own = -1, false
		}
		c.heads = append(c.heads, h)
		c.ownHead = append(c.ownHead, own)
	}
	return c
}

// Keywords returns the classifier's keyword matcher.
func (c *Classifier) Keywords() *KeywordMatcher { return c.keywords }

// Classify returns the needs msg names and how likely it is to be a
// request for help.
//
// A category the message names only as something the sender has, has
// received or does not need, or as a hazard that is over ("we have
// water but no food", "the flood has gone down, we need food"), gets no
// keyword evidence and is neither listed among the needs, whatever the
// model reads, nor offered first on the category menu (Candidates).
// The message's other needs are read as usual.
func (c *Classifier) Classify(msg string) Result {
	var kw []float64 // keyword evidence per taxonomy category
	var unread []unreadWords
	var words []text.Word // as the keywords read them: glued words apart
	r := Result{rule: c.rule}
	var offers bool
	r.Keywords, kw, r.exact, unread, words, r.asked, r.hedged, offers = c.keywords.matchAll(msg, c.model != nil)
	r.Met = c.met(kw, r.Keywords, unread)
	r.announced = announces(words)
	r.planned = plannedCut(words)
	if c.model == nil {
		for _, k := range r.Keywords {
			if k.Category == OtherCategory {
				r.other = max(r.other, k.Confidence)
				continue
			}
			r.Needs = append(r.Needs, Need{Category: k.Category, Confidence: k.Confidence, severe: c.severe[c.index[k.Category]]})
		}
		r.ranked = r.Needs
		if len(r.Keywords) > 0 {
			r.Relevance = 1
		}
		if len(r.Needs) == 0 && r.other > 0 {
			r.Needs = []Need{{Category: OtherCategory, Confidence: r.other}}
		}
		return r
	}
	// The best keyword evidence of any category, "other" included, is
	// the relevance head's keyword feature.
	best, other := 0.0, 0.0
	for i, e := range kw {
		best = max(best, e)
		if c.tax.Categories[i].ID == OtherCategory {
			other = min(1, e)
		}
	}
	feats := feature.Append(nil, words)
	sums := make([]float64, len(c.model.Heads))
	c.model.score(feats, sums)
	for i, h := range c.heads {
		if h < 0 || satisfiedOnly(i, kw, unread) || (!c.ownHead[i] && kw[i] == 0) {
			continue
		}
		// An offer (a volunteer's, an advert) names no need of the
		// sender: a need only the model reads in it is neither listed
		// nor offered ("I am happy to help pick up & deliver
		// medications, or anything you need"). A hazard still is.
		if offers && kw[i] == 0 && !c.keywords.cats[i].event {
			continue
		}
		hd := &c.model.Heads[h]
		x := hd.Bias + hd.Keyword*kw[i]
		if c.ownHead[i] {
			x += c.headSum(h, i, sums, words, unread)
		}
		n := Need{Category: c.tax.Categories[i].ID, Confidence: sigmoid(x), severe: c.severe[i], keywordOnly: !c.ownHead[i]}
		r.ranked = append(r.ranked, n)
		if n.Confidence >= c.rule.Need {
			r.Needs = append(r.Needs, n)
		}
	}
	// Needs as confident to the thousandth are in the order the message
	// names them ("necesitamos agua y comida": water, then food), not in
	// the order of a difference of weights nobody could see.
	named := func(cat string) int {
		at := len(msg)
		for _, k := range r.Keywords {
			if k.Category == cat {
				at = min(at, k.Start)
			}
		}
		return at
	}
	byConfidence := func(a, b Need) int {
		ca, cb := math.Round(1000*a.Confidence), math.Round(1000*b.Confidence)
		switch {
		case ca > cb:
			return -1
		case ca < cb:
			return 1
		}
		return named(a.Category) - named(b.Category)
	}
	slices.SortStableFunc(r.Needs, byConfidence)
	slices.SortStableFunc(r.ranked, byConfidence)
	r.Needs = timeBehind(r.Needs, r.asked)
	r.ranked = timeBehind(r.ranked, r.asked)
	r.other = other
	if len(r.Needs) == 0 && other > 0 {
		r.Needs = []Need{{Category: OtherCategory, Confidence: other}}
	}
	if h := c.relevance; h >= 0 && len(feats) > 0 {
		hd := &c.model.Heads[h]
		r.Relevance = sigmoid(hd.Bias + hd.Keyword*best + sums[h])
	}
	return r
}

// timeBehind moves each hazard of asked named as the time of what the
// message reports ("no ha vuelto desde el derrumbe") right behind the
// first of needs that is neither "other" nor such a hazard, when it came
// before it: the need the message reports is offered first, then the
// hazard ("missing person, landslide"). Result.Main still asks: the
// hazard was the more confident (Need.overtook).
func timeBehind(needs []Need, asked []askedHazard) []Need {
	timed := func(cat string) bool {
		return slices.ContainsFunc(asked, func(a askedHazard) bool { return a.time && a.category == cat })
	}
	first := slices.IndexFunc(needs, func(n Need) bool { return n.Category != OtherCategory && !timed(n.Category) })
	if first <= 0 {
		return needs
	}
	out := make([]Need, 0, len(needs))
	n := needs[first]
	n.overtook = true
	out = append(out, n)
	out = append(out, needs[:first]...)
	return append(out, needs[first+1:]...)
}

// met returns the ids of the categories named only by keywords read as
// satisfied (satisfiedOnly; without a model, whose keyword evidence kw
// is nil, those without a keyword in kws), in message order. Water said
// to have gone down is a flood that is over ("the water has gone down":
// flood, not water supply; KeywordMatcher.recededAs), unless the message
// also names the flood as a need.
func (c *Classifier) met(kw []float64, kws []CategoryMatch, unread []unreadWords) []string {
	unread = slices.Clone(unread)
	slices.SortStableFunc(unread, func(a, b unreadWords) int { return a.from - b.from })
	var out []string
	for _, u := range unread {
		cat := u.cat
		if u.receded {
			if cat = c.keywords.recededAs; cat < 0 {
				continue
			}
		}
		id := c.tax.Categories[cat].ID
		read := slices.ContainsFunc(kws, func(k CategoryMatch) bool { return k.Category == id })
		if kw != nil {
			read = kw[cat] > 0 || !u.receded && !satisfiedOnly(cat, kw, unread)
		}
		if u.satisfied && !read && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// Common returns the taxonomy's categories (not "other") most common
// first: those the model was trained on by the number of training
// messages labelled with them, then the others in the taxonomy's order.
// The category menu offers them after the message's own candidates.
func (c *Classifier) Common() []string {
	if c.tax == nil {
		return nil
	}
	var ids []string
	for _, cat := range c.tax.Categories {
		if cat.ID != OtherCategory {
			ids = append(ids, cat.ID)
		}
	}
	if c.model != nil {
		slices.SortStableFunc(ids, func(a, b string) int { return c.model.Labelled[b] - c.model.Labelled[a] })
	}
	return ids
}

// DetectLanguage guesses the language msg is written in, with the
// classifier's own keywords as evidence; it returns def when unsure.
func (c *Classifier) DetectLanguage(msg, def string) string {
	return c.keywords.DetectLanguage(msg, def)
}
