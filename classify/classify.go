package classify

import (
	"github.com/mtaa-project/mtaa/data"
)

// Need is a category a message names, with how sure the classifier is
// that the message is about it (0 to 1).
type Need struct {
	Category   string  `json:"category"`
	Confidence float64 `json:"confidence"`
}

// Result is what a message was understood to need.
type Result struct {
	// Needs are the categories named, best first; nil when none is. The
	// taxonomy's "other" category only appears when nothing else does.
	Needs []Need
	// Keywords are the taxonomy keywords found, best first, with their
	// byte spans in the message: a keyword inside a place's name
	// describes the place, not the problem.
	Keywords []CategoryMatch
}

// Classifier reads messages against one taxonomy. It is safe for
// concurrent use.
type Classifier struct {
	tax      *data.Taxonomy
	keywords *KeywordMatcher
}

// New builds a classifier for tax (nil gives one that finds nothing).
func New(tax *data.Taxonomy) *Classifier {
	return &Classifier{tax: tax, keywords: NewKeywordMatcher(tax)}
}

// Keywords returns the classifier's keyword matcher.
func (c *Classifier) Keywords() *KeywordMatcher { return c.keywords }

// Classify returns the needs msg names.
func (c *Classifier) Classify(msg string) Result {
	var r Result
	r.Keywords = c.keywords.MatchAll(msg)
	for _, k := range r.Keywords {
		r.Needs = append(r.Needs, Need{Category: k.Category, Confidence: k.Confidence})
	}
	return r
}

// DetectLanguage guesses the language msg is written in, with the
// classifier's own keywords as evidence; it returns def when unsure.
func (c *Classifier) DetectLanguage(msg, def string) string {
	return c.keywords.DetectLanguage(msg, def)
}
