package sms

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// Action is what the engine does with a message.
type Action string

// The actions.
const (
	// ActionFile: the message is filed as a report.
	ActionFile Action = "file"
	// ActionAskPlace: the needs are understood; the resident is asked
	// where.
	ActionAskPlace Action = "ask_place"
	// ActionAskCategory: the engine is unsure what is needed; the resident
	// is offered a numbered menu of categories.
	ActionAskCategory Action = "ask_category"
	// ActionConfirmPlace: the place is likely but not sure ("Near X? 1
	// yes, 2 no"), or one of several places must be chosen.
	ActionConfirmPlace Action = "confirm_place"
	// ActionRefuse: the message is not a request ("not understood").
	ActionRefuse Action = "refuse"
	// ActionCommand: STATUS, HELP, JOIN, LEAVE, STOP or START.
	ActionCommand Action = "command"
)

// Understanding is what the engine made of a message and what it does
// with it.
type Understanding struct {
	Action Action
	// Category is what would be filed (the main need); "" when no
	// category is settled (ask_category, refuse, command).
	Category string
	// Categories are every need the message names, best first, each with
	// the classifier's confidence.
	Categories []classify.Need
	// Language is the language the resident is answered in.
	Language string
	// Place is where the report would be filed, or the place asked about
	// (confirm_place); nil when none.
	Place *Place
	// Places are the candidate places found in the message, best first;
	// when the resident is asked to choose (confirm_place without Place),
	// the places offered, in their numbers' order.
	Places []Place
	// Menu lists the categories offered by number (ask_category).
	Menu []string
	// Met are the categories the message names only as met (had,
	// received, not needed, over: classify.Result.Met), when it names
	// no need and is answered "noted".
	Met []string
	// Reply is the SMS the resident receives; "" for a filed report (its
	// reply carries the reference, known once stored).
	Reply string
}

// Parse runs the decision code of a first message from a new number on
// text, without storing anything: what Handle would do with it, with the
// same taxonomy, classifier, locator and replies. lang is the language
// assumed when the message does not tell (empty: Config.DefaultLang).
// Commands that read the store (STATUS) read it; none writes.
func (e *Engine) Parse(text, lang string) (Understanding, error) {
	switch {
	case lang == "":
		lang = e.cfg.DefaultLang
	case !e.cfg.Replies.Has(lang):
		return Understanding{}, &UnknownLanguageError{Lang: lang, Known: e.cfg.Replies.Languages()}
	}
	raw := strings.ToValidUTF8(text, "\uFFFD")
	m := &message{raw: raw, text: cleanBody(raw), now: e.cfg.Now().UTC(), channel: data.ChannelSMS}
	m.observed = m.now
	d, err := e.decide(m, nil, nil, lang)
	if err != nil {
		return Understanding{}, err
	}
	u := d.u
	u.Language = m.lang
	if u.Action != ActionFile && d.out.Reply != nil {
		u.Reply = d.out.Reply(0)
	}
	return u, nil
}

// UnknownLanguageError is returned by Parse for a language the replies do
// not have.
type UnknownLanguageError struct {
	Lang  string
	Known []string
}

func (e *UnknownLanguageError) Error() string {
	return fmt.Sprintf("language %q: replies are in %s", e.Lang, strings.Join(e.Known, ", "))
}

// ParsedMessage is the JSON form of an Understanding, as `mtaa sms parse`
// and POST /api/v1/sms/parse write it.
type ParsedMessage struct {
	// ID is the caller's id of the message, as it was given.
	ID         json.RawMessage `json:"id,omitempty"`
	Action     Action          `json:"action"`
	Category   *string         `json:"category"`
	Categories []classify.Need `json:"categories"`
	Language   string          `json:"language"`
	Place      *ParsedPlace    `json:"place"`
	Places     []ParsedPlace   `json:"places"`
	Menu       []string        `json:"menu,omitempty"`
	Met        []string        `json:"met,omitempty"`
	Reply      string          `json:"reply,omitempty"`
}

// ParsedPlace is a place of a ParsedMessage.
type ParsedPlace struct {
	Name       string  `json:"name"`
	Lon        float64 `json:"lon"`
	Lat        float64 `json:"lat"`
	Confidence float64 `json:"confidence"`
}

// Message returns the JSON form of u with the caller's id.
func (u Understanding) Message(id json.RawMessage) ParsedMessage {
	pm := ParsedMessage{ID: id, Action: u.Action, Language: u.Language, Reply: u.Reply, Menu: u.Menu, Met: u.Met,
		Categories: make([]classify.Need, 0, len(u.Categories)), Places: make([]ParsedPlace, 0, len(u.Places))}
	if u.Category != "" {
		c := u.Category
		pm.Category = &c
	}
	for _, n := range u.Categories {
		pm.Categories = append(pm.Categories, classify.Need{Category: n.Category, Confidence: round3(n.Confidence)})
	}
	if u.Place != nil {
		p := parsedPlace(*u.Place)
		pm.Place = &p
	}
	for _, p := range u.Places {
		pm.Places = append(pm.Places, parsedPlace(p))
	}
	return pm
}

func parsedPlace(p Place) ParsedPlace {
	return ParsedPlace{Name: p.Name, Lon: p.Point[0], Lat: p.Point[1], Confidence: round3(p.Confidence)}
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }
