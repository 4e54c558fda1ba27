package sms

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// decision is what the engine decided for one message: the outcome to
// commit, and what it understood.
type decision struct {
	out data.SMSOutcome
	u   Understanding
	// draftMedia are the photos the conversation held before the message;
	// photosGone is true when the message's photos went elsewhere (to a
	// report filed before); prefix leads the reply (see withMedia).
	draftMedia []data.MediaRef
	photosGone bool
	prefix     string
}

// Thresholds of the decisions.
const (
	// placeFileAt is the place confidence (P(within 250 m of the right
	// place), as the gazetteer calibrates it) at or above which a report
	// is filed without asking, when no other place comes within
	// clearWinner of it.
	placeFileAt = 0.9
	// placeConfirmAt is the confidence at or above which the resident is
	// asked to confirm the place ("Near X? 1 yes, 2 no"); below it the
	// engine asks where.
	placeConfirmAt = 0.5
	// clearWinner is how much more confident the best place must be than
	// the second before it is taken or confirmed alone; else the resident
	// chooses between them.
	clearWinner = 0.15
	// oneSMSRunes is how long a reply may be to go as one GSM-7 SMS:
	// the category menu, and the replies that name the needs understood,
	// keep within it.
	oneSMSRunes = 160
	// menuMin and menuMax bound the number of categories offered.
	menuMin, menuMax = 3, 9
	// menuAtMin is how many categories the menu naming the place of the
	// draft must keep (the needs residents most often have, or the
	// candidates): saying the place understood comes before a fourth
	// category (a word answer names any need); a place name so long that
	// fewer fit leaves the place unnamed.
	menuAtMin = menuMin
	// menuCandidates is how many of the categories the message may be
	// about, sure or not, the menu offers before the most common needs.
	menuCandidates = 3
	// summaryMax is how many needs the replies name ("Water and food").
	summaryMax = 3
)

// verdict is how sure the engine is of what a message needs.
type verdict int

const (
	notARequest verdict = iota // no need named at all
	unsure                     // ask for the category
	sure                       // file it
)

// judge is the classifier's decision on res (classify.Result.Main and
// Refuse, with the classifier's rule): file the main need, ask for the
// category, or answer "not understood".
func judge(res classify.Result) verdict {
	if _, ok := res.Main(); ok {
		return sure
	}
	if res.Refuse() {
		return notARequest
	}
	return unsure // a request, but no need sure enough ("other" never is)
}

// otherCategory is the taxonomy's catch-all category.
const otherCategory = classify.OtherCategory

func (e *Engine) outcome(m *message, reply string) data.SMSOutcome {
	return data.SMSOutcome{MessageKey: m.key, PhoneHash: m.phone, Reply: func(uint64) string { return reply }}
}

// refuse answers "not understood" and changes nothing.
func (e *Engine) refuse(m *message) decision {
	reply := e.say(m.lang, ReplyNotUnderstood)
	return decision{out: e.outcome(m, reply), u: Understanding{Action: ActionRefuse, Categories: []classify.Need{}, Reply: reply}}
}

// newReport reads a message as a new report.
func (e *Engine) newReport(m *message) decision {
	// The whole text goes to the locator: a category keyword may also be
	// the type word of a place ("lopital St. Francis"); the gazetteer never
	// takes a keyword alone for a place.
	found := e.locate(m.text)
	e.langBesidePlace(m, found)
	res := e.readNeeds(m, found)
	needs := res.Needs
	v := judge(res)
	if !found.any() && len(m.photos) == 0 {
		if c, ok := courtesy(m.text, v == notARequest); ok && v != sure {
			return e.courteous(m, c)
		}
	}
	if len(m.photos) == 0 && metOnly(res) {
		// A place changes nothing: "the flood has gone down at the
		// market" reports no problem there either.
		d := e.noted(m, res.Met)
		d.u.Places = found.places
		return d
	}
	if !found.any() && len(m.photos) == 0 && v == notARequest {
		d := e.refuse(m)
		d.u.Places = found.places
		return d
	}
	// A photo with no words, or with words that name no need, is a
	// report: the draft keeps it and the resident is asked what it shows.
	conv := &data.Conversation{
		PhoneHash: m.phone,
		Lang:      m.lang,
		Needs:     needIDs(needs),
		StartedAt: m.now,
		Draft: data.Report{
			RawText:    text.TruncateBytes(m.raw, data.MaxRawTextBytes),
			ObservedAt: m.observed,
			Channel:    m.channel,
			Status:     data.StatusNew,
			Reporter:   "sms:" + m.phone,
		},
	}
	u := Understanding{Categories: needs, Places: found.places}
	if v == sure && onlyNot(m.text) {
		// "not food", "sio chakula", "se pa manje": said of what? (often
		// of a receipt just read). The classifier reads the need named;
		// ask rather than "Food needed: where?".
		v = unsure
	}
	if v != sure {
		conv.Menu = candidateIDs(res)
		return e.askCategory(m, conv, found, u)
	}
	conv.Draft.Category = conv.Needs[0]
	return e.place(m, conv, found, u)
}

// readNeeds classifies m's text (readText): every need, best first. A
// keyword inside the name of the place found ("hospital" in "hospital
// Kent General: calle bloqueada") describes the place, not the problem:
// the text is classified again without the name, and that reading wins
// when it finds a need.
func (e *Engine) readNeeds(m *message, found located) classify.Result {
	res, without, inName := e.besidePlace(m.text, e.readText(m), found)
	if inName && len(without.Needs) > 0 && without.Needs[0].Category != otherCategory {
		return without
	}
	return res
}

// readBesidePlace classifies msg, and when a keyword lies inside the name
// of the place found, msg without that name too (inName true).
func (e *Engine) readBesidePlace(msg string, found located) (res, without classify.Result, inName bool) {
	return e.besidePlace(msg, e.classes.Classify(msg), found)
}

// besidePlace is readBesidePlace for msg read as res already: res, res
// or msg without the place's name read, and whether it was.
func (e *Engine) besidePlace(msg string, res classify.Result, found located) (classify.Result, classify.Result, bool) {
	masked, ok := withoutPlace(msg, found)
	if !ok || !slices.ContainsFunc(res.Keywords, func(k classify.CategoryMatch) bool {
		p := found.places[0]
		return k.Start >= p.Start && k.End <= p.End
	}) {
		return res, res, false
	}
	return res, e.classes.Classify(masked), true
}

// answerNeeds are the needs of an answer to a question (where, or what):
// a keyword inside the name of the place it gives never adds a need
// ("near Hôpital Saint François" adds no medical need to a water draft).
func (e *Engine) answerNeeds(msg string, found located) []classify.Need {
	_, without, _ := e.readBesidePlace(msg, found)
	return without.Needs
}

// withoutPlace is msg with the words naming the best place found blanked
// out; ok is false when the locator did not say which words they are.
func withoutPlace(msg string, found located) (string, bool) {
	if len(found.places) == 0 {
		return msg, false
	}
	p := found.places[0]
	if p.Start < 0 || p.End <= p.Start || p.End > len(msg) {
		return msg, false
	}
	return msg[:p.Start] + strings.Repeat(" ", p.End-p.Start) + msg[p.End:], true
}

// langBesidePlace detects the language of m again without the name of the
// place found: a place name is in the language of whoever named the place
// ("Hôpital Saint François" in an English message, "Marché Salomon" in a
// Creole one), not of the resident.
func (e *Engine) langBesidePlace(m *message, found located) {
	if masked, ok := withoutPlace(m.text, found); ok {
		m.lang = e.detectLanguage(masked, m.prev)
	}
}

// candidateIDs are the categories the menu offers first for a message
// read as res: its needs, then the categories it may be about although no
// need is listed (classify.Result.Candidates), at most menuCandidates.
func candidateIDs(res classify.Result) []string {
	var ids []string
	for _, n := range append(slices.Clone(res.Needs), res.Candidates(menuCandidates)...) {
		if len(ids) == menuCandidates {
			break
		}
		if n.Category != otherCategory && !slices.Contains(ids, n.Category) {
			ids = append(ids, n.Category)
		}
	}
	return ids
}

func needIDs(needs []classify.Need) []string {
	out := make([]string, 0, len(needs))
	for _, n := range needs {
		out = append(out, n.Category)
	}
	return out
}

// mergeNeeds adds the needs of a later message to a draft's: the ones
// already understood keep their rank, new ones follow, and "other" is
// dropped as soon as a specific need is known.
func mergeNeeds(have, more []string) []string {
	out := slices.Clone(have)
	for _, n := range more {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	if len(out) > 1 {
		out = slices.DeleteFunc(out, func(n string) bool { return n == otherCategory })
	}
	return out[:min(len(out), data.MaxNeeds)]
}

// choose makes cat the draft's main category, keeping the other needs
// after it. "other" is kept first when chosen (the resident named no
// need: the unsure readings stay listed after it, for moderators).
func choose(conv *data.Conversation, cat string) {
	if cat == otherCategory {
		rest := slices.DeleteFunc(slices.Clone(conv.Needs), func(n string) bool { return n == otherCategory })
		conv.Needs = append([]string{otherCategory}, rest[:min(len(rest), data.MaxNeeds-1)]...)
	} else {
		conv.Needs = mergeNeeds([]string{cat}, conv.Needs)
	}
	conv.Draft.Category = conv.Needs[0]
}

// continueConversation handles a message in an open conversation: every
// message of it adds to the draft (its needs are merged, its text kept),
// and answers the question asked. ok is false when the conversation is
// not one the engine knows.
func (e *Engine) continueConversation(m *message, prev *data.Conversation) (decision, bool) {
	conv := *prev
	if _, numbers := e.choiceNumbers(m.text); numbers || len(strings.Fields(text.Fold(m.text))) <= 1 || isChoiceNumber(m.text) {
		// One word ("2", "dlo", "Hôpital", "merci"), a number ("4 pls")
		// or numbers ("1 and 3") tell too little to change the
		// conversation's language; a sentence does.
		m.lang = m.prev
	}
	conv.Lang = m.lang
	conv.Needs = slices.Clone(prev.Needs)
	conv.Draft.RawText = text.TruncateBytes(joinLines(conv.Draft.RawText, m.raw), data.MaxRawTextBytes)
	u := Understanding{Category: conv.Draft.Category}
	if _, ok := courtesy(m.text, false); ok {
		return e.askAgain(m, &conv), true // a greeting or thanks answers nothing
	}
	if metOnly(e.readText(m)) && !e.locate(m.text).any() {
		return e.askAgain(m, &conv), true // nor does a need met ("we have water now")
	}
	if conv.State == data.AwaitPlace && dontKnowWords[text.Fold(m.text)] {
		return e.placeUnknown(m, &conv, u), true
	}
	n, isNumber := choiceNumber(m.text)
	switch conv.State {
	case data.AwaitCategory:
		return e.answerCategory(m, &conv, n, isNumber), true
	case data.AwaitChoice:
		if isNumber {
			if n < 1 || n > len(conv.Choices) {
				return e.askChoice(m, &conv, conv.Choices, u), true
			}
			c := conv.Choices[n-1]
			return e.complete(m, &conv, u, c.Point, conv.Draft.LocationSource, nil, 1, c.Name), true // confirmed by the resident
		}
		if i, ok := choiceNamed(m.text, conv.Choices); ok {
			// The words of one choice's name only ("Manzese" to "1
			// Mwembe Market (Manzese), 2 Mwembe Market (Kariakoo)").
			c := conv.Choices[i]
			return e.complete(m, &conv, u, c.Point, conv.Draft.LocationSource, nil, 1, c.Name), true
		}
	case data.AwaitConfirm:
		switch {
		case len(conv.Choices) == 0:
		case isNumber && n == 1 || yesWords[text.Fold(m.text)]:
			c := conv.Choices[0]
			return e.complete(m, &conv, u, c.Point, conv.Draft.LocationSource, conv.Draft.AccuracyM, 1, c.Name), true
		case isNumber && n == 2 || noWords[text.Fold(m.text)]:
			conv.Draft.LocationSource = ""
			return e.askPlace(m, &conv, u), true
		}
	case data.AwaitPlace:
	default:
		return decision{}, false
	}
	// The answer to where: it may name more needs too.
	found := e.locate(m.text)
	e.langBesidePlace(m, found)
	conv.Lang = m.lang
	needs := e.answerNeeds(m.text, found)
	u.Categories, u.Places = needs, found.places
	if fixed, denied, ok := e.correctedNeeds(m.text, conv.State == data.AwaitPlace); ok && deniesOwn(denied, fixed, prev.Needs) {
		// "not food, water", "hapana, maji", "sorry, only food": the
		// needs named replace the draft's.
		u.Categories = fixed
		conv.Needs = nil
		conv.Draft.Category = ""
		needs = fixed
	}
	conv.Needs = mergeNeeds(conv.Needs, needIDs(needs))
	if conv.Draft.Category == "" && len(conv.Needs) > 0 {
		conv.Draft.Category = conv.Needs[0]
	}
	u.Category = conv.Draft.Category
	if !found.any() && prev.State == data.AwaitPlace && len(needs) == 0 && saysSomething(m.text) {
		// Words that name no place we know ("near the big tree"): the
		// same question again read as if the message was lost; say that
		// the team has it and what helps, as to "I don't know". One
		// word ("Hôpital", a misspelt name) or a number is asked again.
		return e.placeUnknown(m, &conv, u), true
	}
	if !found.any() {
		return e.askPlace(m, &conv, u), true
	}
	conv.Draft.LocationSource = data.SourceAskBack
	return e.place(m, &conv, found, u), true
}

// answerCategory takes the answer to the category menu: its number, or a
// message naming the need. An answer that names none is filed as "other"
// with its words kept for moderators; a number off the menu asks again;
// a first "none" asks for the problem in a few words (askWords).
func (e *Engine) answerCategory(m *message, conv *data.Conversation, n int, isNumber bool) decision {
	found := e.locate(m.text)
	e.langBesidePlace(m, found)
	conv.Lang = m.lang
	u := Understanding{Places: found.places}
	picks, isList := e.choiceNumbers(m.text)
	switch {
	case isNumber && n >= 1 && n <= len(conv.Menu):
		choose(conv, conv.Menu[n-1])
	case isNumber:
		return e.askCategoryAgain(m, conv, u) // "0", "12": not on the menu
	case isList:
		// Several numbers ("1 and 3", "1,3", "1 3"): every need chosen,
		// the first the main one; one off the menu asks again.
		var ids []string
		for _, p := range picks {
			if p < 1 || p > len(conv.Menu) {
				return e.askCategoryAgain(m, conv, u)
			}
			ids = append(ids, conv.Menu[p-1])
		}
		conv.Needs = mergeNeeds(ids, conv.Needs)
		conv.Draft.Category = conv.Needs[0]
	default:
		needs := e.answerNeeds(m.text, found)
		u.Categories = needs
		switch {
		case len(needs) > 0:
			choose(conv, needs[0].Category)
			conv.Needs = mergeNeeds(conv.Needs, needIDs(needs))
		case found.any():
			// A place, not a need: keep asking what, the place is in the
			// draft's text (a place sent again, or another one, is no
			// answer either: it was filed as "other").
			return e.askCategory(m, conv, found, u)
		case text.Fold(m.text) == "":
			// No word at all ("😀", "??"): no answer, the menu again (it
			// was filed as "other").
			return e.askCategory(m, conv, located{}, u)
		case meantAsNumber(m.text):
			// A number that is none of the menu's ("1.5", "no 4", "4
			// 5 6 7"): a choice we cannot read. Asked again, saying so;
			// it was filed as "other".
			return e.askCategoryAgain(m, conv, u)
		case noneWords[text.Fold(m.text)] && !conv.AskedWords:
			// "none", "hakuna", "okenn": none of the needs offered. The
			// words of the problem tell the team more than "other".
			return e.askWords(m, conv, u)
		default:
			choose(conv, otherCategory)
		}
	}
	u.Category = conv.Draft.Category
	if conv.Placed && len(conv.Choices) > 0 {
		r := &conv.Draft
		conf := 1.0
		if r.LocationConfidence != nil {
			conf = *r.LocationConfidence
		}
		return e.complete(m, conv, u, r.Location, r.LocationSource, r.AccuracyM, conf, conv.Choices[0].Name)
	}
	// Where: this answer, else every message so far.
	if !found.any() {
		found = e.locate(conv.Draft.RawText)
	}
	u.Places = found.places
	if !found.any() {
		return e.askPlace(m, conv, u)
	}
	return e.place(m, conv, found, u)
}

// saysSomething reports whether msg has two words or more, one with a
// letter.
func saysSomething(msg string) bool {
	words := strings.Fields(text.Fold(msg))
	return len(words) >= 2 && slices.ContainsFunc(words, func(w string) bool {
		return strings.IndexFunc(w, unicode.IsLetter) >= 0
	})
}

// choiceNamed reads a message whose every word is in the name of one of
// choices and of no other ("Kariakoo" to "1 Mwembe Market (Manzese), 2
// Mwembe Market (Kariakoo)"): i is that choice. A word of no choice (a
// need, another place) or of every choice ("Mwembe") chooses none.
func choiceNamed(msg string, choices []data.PlaceChoice) (i int, ok bool) {
	words := strings.Fields(text.Fold(msg))
	if len(words) == 0 {
		return 0, false
	}
	i = -1
	for j, c := range choices {
		name := strings.Fields(text.Fold(c.Name))
		if !slices.ContainsFunc(words, func(w string) bool { return !slices.Contains(name, w) }) {
			if i >= 0 {
				return 0, false
			}
			i = j
		}
	}
	return i, i >= 0
}

// choiceNumber reads a message that is only a number: digits ("2", "2.",
// "#2", "4)", "2nd"), or a number word of the six languages ("two",
// "mbili", "deux", "dois", "dos", "de": numberWords), said with "number"
// before it ("number 4", "namba 4", "no. 4", "nº 4") or "please" after it
// ("4 pls", "nne tafadhali") or not. "1.5", "no 4" (no, or number?) or
// "4 5" are no one number.
func choiceNumber(s string) (int, bool) {
	words := strings.Fields(strings.ToLower(menuDigits(s)))
	if len(words) > 1 && articleWords[text.Fold(words[0])] {
		words = words[1:] // "the fourth", "le deuxième", "ya nne", "o segundo"
	}
	if len(words) > 1 && numberPrefixes[strings.TrimRight(words[0], ".:")] && (words[0] != "no" || strings.HasSuffix(words[0], ".")) {
		words = words[1:] // "number 4", "namba 4", "no. 4"
	}
	for len(words) > 1 && (pleaseWords[text.Fold(words[len(words)-1])] || words[len(words)-1] == "one") {
		words = words[:len(words)-1] // "4 pls", "nne tafadhali", "the fourth one"
	}
	if len(words) != 1 {
		return 0, false
	}
	return oneNumber(words[0])
}

// isChoiceNumber reports whether msg is one number (choiceNumber).
func isChoiceNumber(msg string) bool {
	_, ok := choiceNumber(msg)
	return ok
}

// oneNumber reads one word as a number: digits, with "#", "no." or "nº"
// before them and ".", ")" or an ordinal's ending ("2nd", "2e") after,
// or a number word (numberWords).
func oneNumber(w string) (int, bool) {
	for _, p := range []string{"#", "no.", "nº", "n°", "n."} {
		w = strings.TrimPrefix(w, p)
	}
	w = strings.TrimRight(w, ".):!")
	if n, err := strconv.Atoi(w); err == nil {
		return n, true
	}
	for _, suffix := range []string{"st", "nd", "rd", "th", "e", "eme", "er", "o", "a", "º", "ª"} {
		if d, ok := strings.CutSuffix(w, suffix); ok && d != "" {
			if n, err := strconv.Atoi(d); err == nil {
				return n, true
			}
		}
	}
	n, ok := numberWords[text.Fold(w)]
	return n, ok
}

// numberWords are the numbers of the menu (1 to 10) in words in the
// reply languages (folded; Roman Urdu 1 to 9), and the ordinals of the
// first three: a message that is one of them answers a numbered question
// ("nne" to the menu chooses 4). Some are words of another language too
// (sharedNumberWords): alone, in answer to a numbered question, they are
// the number.
var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
	"moja": 1, "mbili": 2, "tatu": 3, "nne": 4, "tano": 5, "sita": 6, "saba": 7, "nane": 8, "tisa": 9, "kumi": 10,
	"kwanza": 1, "pili": 2,
	"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
	"premier": 1, "premiere": 1, "deuxieme": 2, "seconde": 2, "troisieme": 3, "quatrieme": 4, "cinquieme": 5,
	"sixieme": 6, "septieme": 7, "huitieme": 8, "neuvieme": 9,
	"um": 1, "uma": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
	"primeiro": 1, "primeira": 1, "segundo": 2, "segunda": 2, "terceiro": 3, "terceira": 3, "quarto": 4, "quarta": 4,
	"quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6, "setimo": 7, "setima": 7, "oitavo": 8, "oitava": 8, "nono": 9, "nona": 9,
	"uno": 1, "dos": 2, "cuatro": 4, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
	"primero": 1, "primera": 1, "tercero": 3, "tercera": 3, "cuarto": 4, "cuarta": 4, "septimo": 7, "septima": 7,
	"octavo": 8, "octava": 8, "noveno": 9, "novena": 9,
	"en": 1, "youn": 1, "de": 2, "twa": 3, "kat": 4, "senk": 5, "sis": 6, "set": 7, "uit": 8, "wit": 8, "nef": 9, "dis": 10,
	"premye": 1, "dezyem": 2, "twazyem": 3, "katriyem": 4, "senkyem": 5, "sizyem": 6, "setyem": 7, "uityem": 8, "nevyem": 9,
	"ek": 1, "do": 2, "teen": 3, "char": 4, "chaar": 4, "panch": 5, "paanch": 5, "chhe": 6, "chay": 6, "chhay": 6,
	"saat": 7, "aath": 8, "nau": 9,
}

// sharedNumberWords are number words that are also common words of
// another reply language (folded): "do" (Urdu two; English "do",
// Portuguese "of the"), "de" (Creole two; French, Spanish, Portuguese
// "of"), "en" (Creole one; French, Spanish "in"), "un", "une", "um",
// "uma" ("a"), "set", "teen", "char". Alone they answer a numbered
// question; beside other words they are words: "do you have water?" to
// the menu is no number meant (meantAsNumber), nor is "de l'eau".
var sharedNumberWords = wordSet("do", "de", "en", "un", "une", "um", "uma", "set", "teen", "char")

// articleWords before a number ("the fourth", "le deuxième", "ya nne":
// of four, "o segundo", "la segunda") leave it one number (folded).
var articleWords = wordSet("the", "le", "la", "l", "o", "a", "el", "ya")

// numberPrefixes say "number" before a number ("number 4", "namba 4",
// "numéro 4", "nimewo 4", "no. 4"; folded but for the dot of "no.").
var numberPrefixes = wordSet("number", "num", "no", "nº", "n°", "namba", "nambari", "numero", "numéro", "número", "nimewo",
	"option", "opcion", "opción", "opcao", "opção", "chaguo", "choice", "choix")

// pleaseWords said after a number ("4 pls", "nne tafadhali") leave it one
// number (folded).
var pleaseWords = wordSet("please", "pls", "plz", "pliz", "plse", "tafadhali", "svp", "stp", "por", "favor", "porfavor", "porfa", "souple", "silvouple",
	"thanks", "thx", "merci", "asante", "mesi", "obrigado", "obrigada", "gracias")

// meantAsNumber reports whether msg, which reads as no number of the
// menu, was meant as one: a number (digits, or a word of numberWords) in
// a message of at most maxNumberWords words ("1.5", "no 4", "4 ok"), or
// in a message of numbers only ("4 5 6 7"). It is asked again rather
// than filed as "other"; a sentence with a number ("we are 5 families
// here") is words.
func meantAsNumber(msg string) bool {
	words := strings.Fields(menuDigits(msg))
	isNumber := func(w string) bool {
		_, ok := numberWords[text.Fold(w)]
		return ok && !sharedNumberWords[text.Fold(w)] || strings.IndexFunc(w, unicode.IsDigit) >= 0
	}
	return slices.ContainsFunc(words, isNumber) && (len(words) <= maxNumberWords || !slices.ContainsFunc(words, func(w string) bool { return !isNumber(w) }))
}

// maxNumberWords is how many words a menu answer with a number may have
// to be read as a choice (meantAsNumber).
const maxNumberWords = 3

// choiceNumbers reads a message that is only numbers joined by commas,
// spaces, "&", "+", "/" or the word "and" of a reply language ("1 and 3",
// "1,3", "1 3", "1 na 3"): at least two numbers, in order, repeats left
// out.
func (e *Engine) choiceNumbers(s string) ([]int, bool) {
	var out []int
	for _, w := range strings.FieldsFunc(strings.ToLower(menuDigits(s)), func(r rune) bool { return strings.ContainsRune(" \t,;&+/", r) }) {
		if e.andWords[text.Fold(w)] {
			continue
		}
		n, ok := oneNumber(w)
		if !ok {
			return nil, false
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, len(out) >= 2
}

// yesWords and noWords answer "Near X?" in the reply languages (folded;
// Roman Urdu "haan", "ji", "ji haan", "nahi", "nahin", as its question
// says "1 haan, 2 nahi").
var (
	yesWords = wordSet("yes", "y", "ok", "ndiyo", "ndio", "oui", "sim", "si", "wi", "1 yes", "ee",
		"haan", "han", "ji", "jee", "ji haan", "jee haan", "haan ji", "han ji", "1 haan")
	noWords = wordSet("no", "n", "hapana", "non", "nao", "2 no", "nahi", "nahin", "nhi", "2 nahi")
)

// dontKnowWords answer the place question with "I don't know" in the reply
// languages (folded, the whole message).
var dontKnowWords = wordSet(
	"i don t know", "don t know", "dont know", "i dont know", "i do not know", "not sure", "no idea", "idk",
	"sijui", "sijui wapi", "sijui mahali", "sijui mahali gani", "sifahamu",
	"je ne sais pas", "je sais pas", "sais pas", "aucune idee",
	"nao sei", "eu nao sei", "nao sei onde",
	"no se", "no lo se", "yo no se", "no se donde", "ni idea",
	"m pa konnen", "mwen pa konnen", "pa konnen", "m pa konn", "mwen pa konn", "m pa konnen ki kote",
	"pata nahi", "nahi pata", "mujhe nahi pata", "mujhe pata nahi", "maloom nahi", "nahi maloom", "mujhe maloom nahi",
)

// noneWords answer the category menu with "none of these" in the reply
// languages (folded, the whole message).
var noneWords = wordSet(
	"none", "none of these", "none of them", "none of the above", "nothing", "neither", "no one", "not these",
	"hakuna", "hakuna kati ya hizo", "hakuna hata moja", "hamna", "hakuna moja",
	"aucun", "aucune", "aucun des deux", "aucun de ceux ci", "rien", "rien de tout ca", "aucun de ces choix",
	"nenhum", "nenhuma", "nenhum deles", "nenhum destes", "nada", "nada disso",
	"ninguno", "ninguna", "ninguno de estos", "ninguna de estas",
	"okenn", "okenn nan yo", "anyen", "pa gen okenn",
	"koi nahi", "koi bhi nahi", "in mein se koi nahi", "kuch nahi",
)

// Corrections of the needs understood, in the six languages (folded):
// a message that says no ("no, water", "hapana, maji", "non, de l'eau"),
// says what it is not ("not food, water", "se pa dlo, se manje", "sio
// chakula, ni maji", "ce n'est pas l'eau, c'est la nourriture", "não é
// água, é comida", "no es agua, es comida") or says only ("sorry, only
// food", "seulement de l'eau", "sèlman manje", "solo comida") names the
// needs that replace the draft's; one that says also ("hapana, tunahitaji
// chakula pia") adds to them.
var (
	apologyWords = wordSet("sorry", "pardon", "desole", "samahani", "perdon", "disculpa", "disculpe", "desculpa", "desculpe", "eskize", "oops")
	notPhrases   = [][]string{{"not"}, {"its", "not"}, {"it", "is", "not"}, {"se", "pa"}, {"sio"}, {"ce", "n", "est", "pas"}, {"c", "est", "pas"},
		{"non", "pas"}, {"nao", "e"}, {"nao", "sao"}, {"no", "es"}, {"no", "son"}}
	// notYetWords after "not" say what has not come ("not yet, still no
	// water", "pas encore"), not what was misread: no correction.
	notYetWords = wordSet("yet", "encore", "ankò", "anko", "bado", "ainda", "todavia", "aun")
	onlyWords   = wordSet("only", "seulement", "uniquement", "selman", "solamente", "solo", "apenas", "somente")
	alsoWords   = wordSet("also", "too", "pia", "aussi", "tou", "tambem", "tambien", "anko")
)

// contrastNots and contrastButs make the contrast "not X but Y" of the
// other languages (folded): "pas faim mais soif", "pa grangou men swaf",
// "si njaa ila kiu" ("bali"), "não fome mas sede", "no hambre sino sed"
// (not "pero", which adds: "no hay comida pero…"). English "not X but Y"
// is a notPhrases correction.
var (
	contrastNots = wordSet("pas", "pa", "si", "sio", "nao", "no")
	contrastButs = wordSet("mais", "men", "ila", "bali", "mas", "sino")
)

// contrastLen is the length of the words "not X but" that open words
// and say more, when X is one word naming a need (namesNeed), else 0: the
// resident means Y instead of X ("pas faim mais soif": water, not food).
// X of more words is left alone: "pas de nourriture mais…", "pa gen manje
// men…", "no hay comida sino…" say what is lacking.
func contrastLen(words []string, namesNeed func(string) bool) int {
	if len(words) < 4 || !contrastNots[words[0]] || !contrastButs[words[2]] || !namesNeed(words[1]) {
		return 0
	}
	return 3
}

// correction reads msg as a correction of the needs understood: rest is
// the part of msg naming the needs meant (after "no," or "wrong,", after
// "I meant", or the clause of what it is not; all of it after "only"),
// ok false when msg is no correction or adds ("also"). A "no," (or
// "wrong,") corrects only when saysNo (the question asked was where: to
// "Near X?" it answers the question). needsOf tells the needs words name.
// denied are the needs of Y in a bare "X not Y" (insteadOf), nil for any
// other correction.
func correction(msg string, saysNo bool, needsOf func(string) []string) (rest string, denied []string, ok bool) {
	namesNeed := func(s string) bool { return len(needsOf(s)) > 0 }
	clauses := strings.FieldsFunc(msg, func(r rune) bool { return strings.ContainsRune(",.;:!?", r) })
	for i, c := range clauses {
		words := strings.Fields(text.Fold(c))
		for len(words) > 0 && apologyWords[words[0]] {
			words = words[1:]
		}
		if len(words) == 0 {
			continue // "sorry,"
		}
		after := strings.Join(clauses[i+1:], ", ")
		switch {
		case saysNo && len(words) == 1 && (noWords[words[0]] && words[0] != "n" || correctionWords[words[0]]):
			rest = after // "no, water", "wrong, water", "makosa, ni maji"
		case saysNo && noThenItIs(words):
			// "no it is water", "hapana ni maji", "non c'est de l'eau",
			// "non se dlo": "no," without its comma.
			rest = strings.Join(append([]string{strings.Join(words[1:], " ")}, clauses[i+1:]...), ", ")
		case meantLen(words) > 0:
			// "sorry I meant water", "nilimaanisha maji"
			rest = strings.Join(append([]string{strings.Join(words[meantLen(words):], " ")}, clauses[i+1:]...), ", ")
		case notOpens(words) > 0 && !notYetWords[words[notOpens(words)]]:
			rest = after
			n := notOpens(words)
			k := slices.IndexFunc(words[n+1:], func(w string) bool { return placeNotEnds[w] })
			if k >= 0 && namesNeed(strings.Join(words[n:n+1+k], " ")) {
				// What follows its "but" and the clauses after it, when
				// what it is not is a need ("not food but water", "sio
				// chakula ni maji", "it's not food it's water, at
				// Kariakoo market"; not "it's not safe here it's
				// flooding", with or without ", at Kariakoo market").
				rest = strings.Join(append([]string{strings.Join(words[n+1+k+1:], " ")}, clauses[i+1:]...), ", ")
			}
		case contrastLen(words, namesNeed) > 0:
			// "pas faim mais soif", "si njaa ila kiu": what follows.
			rest = strings.Join(append([]string{strings.Join(words[contrastLen(words, namesNeed):], " ")}, clauses[i+1:]...), ", ")
		case slices.ContainsFunc(words, func(w string) bool { return onlyWords[w] }):
			rest = strings.Join(clauses[i:], ", ")
		default:
			// "water not fire", "it is water, not fire", "maji si moto":
			// what is said "not" to is left out by the caller.
			if denied = insteadOf(words, clauses[i+1:], needsOf); denied == nil {
				return "", nil, false
			}
			rest = strings.Join(clauses[i:], ", ")
		}
		rest, ok = meant(rest)
		return rest, denied, ok
	}
	return "", nil, false
}

// insteadOf reads words (a clause, folded) as "X not Y" ("water not
// fire", "maji si moto", "dlo pa dife"), or as X when the next of the
// clauses after it opens "not Y" ("it is water, not fire"): X names needs
// (needsOf, "other" aside), Y names others only (denied, its needs), and
// the two read together name none of Y's, so the "not" denies Y rather
// than saying it lacks ("water, not enough food", "dlo, pa gen manje",
// "de l'eau, pas de nourriture" name food too). The words of the "not"
// are those of a place correction (placeNotWords; "no" opening the
// clause after X). Whether it corrects what was understood is the
// caller's to tell (deniesOwn): it says no "no".
func insteadOf(words, after []string, needsOf func(string) []string) (denied []string) {
	specific := func(s string) []string {
		return slices.DeleteFunc(needsOf(s), func(id string) bool { return id == otherCategory })
	}
	denies := func(x, y, both string) []string {
		xs, ys := specific(x), specific(y)
		if len(xs) == 0 || len(ys) == 0 || slices.ContainsFunc(ys, func(id string) bool { return slices.Contains(xs, id) }) ||
			slices.ContainsFunc(specific(both), func(id string) bool { return slices.Contains(ys, id) }) {
			return nil
		}
		return ys
	}
	// y is the words after the "not" at words[k], to a placeNotEnds word.
	y := func(words []string, k int) string {
		end := k + 1
		for end < len(words) && !placeNotEnds[words[end]] {
			end++
		}
		if end == k+1 || notAmounts[words[k+1]] || notYetWords[words[k+1]] ||
			slices.ContainsFunc(words[k+1:end], func(w string) bool { return onlyWords[w] || notOnlyWords[w] }) {
			return "" // "not enough food", "not yet", "not just food", "not food only": food too
		}
		return strings.Join(words[k+1:end], " ")
	}
	clause := strings.Join(words, " ")
	for k := 1; k < len(words)-1; k++ {
		if placeNotWords[words[k]] {
			return denies(strings.Join(words[:k], " "), y(words, k), clause)
		}
	}
	if len(after) == 0 {
		return nil
	}
	next := strings.Fields(text.Fold(after[0]))
	if len(next) < 2 || !placeNotWords[next[0]] && next[0] != "no" {
		return nil
	}
	return denies(clause, y(next, 0), clause+", "+strings.Join(next, " "))
}

// deniesOwn reports whether a correction that denied needs (its bare
// "X not Y": insteadOf; nil for any other correction) and names fixed
// corrects what was understood, have (the report's needs, or the
// draft's): Y is one of them ("water not fire" after a fire receipt), or
// X names exactly them ("water not fire" after a water receipt: it has
// water already). Else it says a need besides them ("we need food, not
// fire" after a water receipt; "water not fire" after "Water supply and
// Food needed" drops no food), read as a message of its own.
func deniesOwn(denied []string, fixed []classify.Need, have []string) bool {
	if denied == nil || slices.ContainsFunc(denied, func(id string) bool { return slices.Contains(have, id) }) {
		return true
	}
	ids := slices.DeleteFunc(needIDs(fixed), func(id string) bool { return id == otherCategory })
	return len(ids) > 0 && sameNeedSet(ids, have)
}

// sameNeedSet reports whether a and b name the same needs, in any order
// (neither lists a need twice).
func sameNeedSet(a, b []string) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(id string) bool { return !slices.Contains(b, id) })
}

// notOnlyWords after "not" say "not only" besides onlyWords ("not just
// food", "si chakula tu", "pas juste la nourriture", "não só comida"):
// the need is had too, not denied.
var notOnlyWords = wordSet("just", "juste", "tu", "so")

// itIsWords say "it is" after a "no" that says no to what was understood
// ("no it is water", "hapana ni maji", "non c'est de l'eau", "non se
// dlo"), folded. Not "no es", "não é": Spanish and Portuguese say "it is
// not" with them.
var itIsWords = wordSet("it", "its", "ni", "c", "se")

// noThenItIs reports whether words (folded) open with "no" and "it is"
// (itIsWords) and say more.
func noThenItIs(words []string) bool {
	return len(words) > 2 && noWords[words[0]] && words[0] != "n" && itIsWords[words[1]]
}

// correctedNeeds reads msg as a correction of the needs understood (see
// correction): the needs it means, what it says "not" to left out ("no,
// it is water not food" means water) unless nothing else names a need
// ("non, il n'y a pas d'eau": water). ok is false when msg is no
// correction or names no need. A draft's needs (continueConversation)
// and those of the report just filed (correctNeeds) are corrected by
// this one reading. denied are the needs a bare "X not Y" says "not" to
// (see correction): the caller tells whether it corrects (deniesOwn).
func (e *Engine) correctedNeeds(msg string, saysNo bool) (fixed []classify.Need, denied []string, ok bool) {
	rest, denied, ok := correction(msg, saysNo, func(s string) []string { return needIDs(e.answerNeeds(s, located{})) })
	if !ok {
		return nil, nil, false
	}
	fixed = e.answerNeeds(withoutNegated(rest), e.locate(rest))
	if len(fixed) == 0 {
		fixed = e.answerNeeds(rest, e.locate(rest))
	}
	return fixed, denied, len(fixed) > 0
}

// meantLen is the length of the words saying "I meant" that open words
// and say more ("I meant water", "nilimaanisha maji"), else 0.
func meantLen(words []string) int {
	for _, p := range [][]string{{"i", "meant"}, {"meant"}, {"nilimaanisha"}} {
		if n := notLen(words, p); n > 0 {
			return n
		}
	}
	return 0
}

// notAmounts after "not" make it a need ("not enough food").
var notAmounts = wordSet("enough", "any", "much", "sufficient", "assez", "suffisamment", "kutosha", "ase", "suficiente", "bastante")

// onlyNot reports whether msg only says what something is not ("not
// food", "it's not food", "sio chakula", "se pa manje", "ce n'est pas la
// nourriture", "no es comida", "não é comida"): nothing instead, nor
// "also", nor an amount ("not enough food" is a need), nor "yet" ("not
// yet, still no water" says what has not come).
func onlyNot(msg string) bool {
	words := strings.Fields(text.Fold(msg))
	for len(words) > 0 && apologyWords[words[0]] {
		words = words[1:]
	}
	n := notOpens(words)
	return n > 0 && !notAmounts[words[n]] && !notYetWords[words[n]] &&
		!slices.ContainsFunc(words[n:], func(w string) bool { return placeNotEnds[w] || alsoWords[w] })
}

// notOpens is the length of the words saying "not" that open words
// (notPhrases) and say more, else 0; after a "no" of the same clause too
// ("non ce n'est pas la nourriture c'est l'eau", "no it's not food",
// "hapana si chakula ni maji": Swahili "si" after "hapana" only, alone it
// is the Spanish and French "if").
func notOpens(words []string) int {
	n := 0
	for _, p := range notPhrases {
		n = max(n, notLen(words, p))
	}
	if n > 0 || len(words) < 3 || !noWords[words[0]] || words[0] == "n" {
		return n
	}
	for _, p := range notPhrases {
		n = max(n, notLen(words[1:], p))
	}
	if words[0] == "hapana" {
		n = max(n, notLen(words[1:], []string{"si"}))
	}
	if n == 0 {
		return 0
	}
	return 1 + n
}

// notLen is the length of the phrase p saying "not" when words open with
// it and say more, else 0.
func notLen(words, p []string) int {
	if len(words) > len(p) && slices.Equal(words[:len(p)], p) {
		return len(p)
	}
	return 0
}

// meant is the rest of a correction, ok false when it names nothing or
// adds ("also").
func meant(rest string) (string, bool) {
	words := strings.Fields(text.Fold(rest))
	if len(words) == 0 || slices.ContainsFunc(words, func(w string) bool { return alsoWords[w] }) {
		return "", false
	}
	return rest, true
}

func joinLines(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || a == b:
		return a
	}
	return a + "\n" + b
}

// located is what locate found, in order of trust.
type located struct {
	coords   *Coordinates
	plus     *orb.Point
	plusSize float64
	plusCode string
	places   []Place
}

func (l located) any() bool { return l.coords != nil || l.plus != nil || len(l.places) > 0 }

// locate looks for coordinates, then a plus code, then place names.
func (e *Engine) locate(text string) located {
	var l located
	if c, ok := FindCoordinates(text); ok {
		l.coords = &c
		return l
	}
	if pc, ok := FindPlusCode(text); ok {
		ref := e.area().Center()
		if pc.Short && pc.Locality != "" {
			if ps := e.locateName(pc.Locality); len(ps) > 0 {
				ref = ps[0].Point
			}
		}
		if p, size, err := pc.Recover(ref); err == nil {
			l.plus, l.plusSize, l.plusCode = &p, size, pc.Code
			return l
		}
	}
	l.places = e.locateName(text)
	return l
}

// locateName finds the places named in text. The gazetteer reads the
// first 64 words of a text only; a long message (two or three SMS) often
// names its place at the end ("… please help us, we are near Église
// Saint Gérard"): when its start names none, it is read again in windows
// of windowWords words, windowStep apart, the spans moved back into text.
func (e *Engine) locateName(text string) []Place {
	if e.cfg.Locator == nil || strings.TrimSpace(text) == "" {
		return nil
	}
	ps := e.cfg.Locator.Locate(text)
	if len(ps) > 0 {
		return ps
	}
	starts := wordStarts(text)
	for w := windowStep; len(ps) == 0 && w+windowWords-windowStep < len(starts); w += windowStep {
		off := starts[w]
		end := len(text)
		if w+windowWords < len(starts) {
			end = starts[w+windowWords]
		}
		ps = e.cfg.Locator.Locate(text[off:end])
		for i := range ps {
			if ps[i].End > ps[i].Start {
				ps[i].Start += off
				ps[i].End += off
			}
		}
	}
	return ps
}

// windowWords and windowStep are the windows of words a long message is
// read in when its start names no place (locateName): within the
// gazetteer's 64 words, overlapping so that a name across two windows is
// whole in one.
const windowWords, windowStep = 48, 32

// wordStarts are the byte offsets of the words of s (separated by white
// space: a draft's raw text joins its messages with newlines).
func wordStarts(s string) []int {
	var out []int
	space := true
	for i, r := range s {
		if !unicode.IsSpace(r) && space {
			out = append(out, i)
		}
		space = unicode.IsSpace(r)
	}
	return out
}

// inArea reports whether p lies in the deployment area.
func (e *Engine) inArea(p orb.Point) bool { return e.area().Contains(p) }

// area is the deployment area now.
func (e *Engine) area() orb.Bound {
	if e.cfg.CurrentArea != nil {
		if b := e.cfg.CurrentArea(); !b.IsZero() {
			return b
		}
	}
	return e.cfg.Area
}

// fixCoordinates tries the common slips of a position outside the area:
// longitude and latitude swapped, a sign dropped. It returns the first
// reading inside the area.
func (e *Engine) fixCoordinates(p orb.Point) (orb.Point, bool) {
	return FixCoordinates(p, e.inArea)
}

// FixCoordinates tries the usual mistakes in coordinates that fall outside
// the deployment area — latitude and longitude swapped, a minus sign
// dropped or added — and returns the first reading that inside accepts.
// The engine asks the resident to confirm such a reading, never files it.
func FixCoordinates(p orb.Point, inside func(orb.Point) bool) (orb.Point, bool) {
	lon, lat := p[0], p[1]
	for _, q := range []orb.Point{{lat, lon}, {-lon, lat}, {lon, -lat}, {-lon, -lat}, {-lat, lon}, {lat, -lon}, {-lat, -lon}} {
		if q[1] >= -90 && q[1] <= 90 && q != p && inside(q) {
			return q, true
		}
	}
	return orb.Point{}, false
}

func coordsName(p orb.Point) string { return fmt.Sprintf("%.5f, %.5f", p[1], p[0]) }

// place finishes a draft with what locate found, or asks the resident to
// confirm, to choose, or where. Nothing outside the deployment area is
// filed.
func (e *Engine) place(m *message, conv *data.Conversation, l located, u Understanding) decision {
	source := conv.Draft.LocationSource
	switch {
	case l.coords != nil:
		if source == "" {
			source = data.SourceCoordinates
		}
		p := l.coords.Point
		u.Places = []Place{{Name: coordsName(p), Point: p, Confidence: 1}}
		if e.inArea(p) {
			return e.complete(m, conv, u, p, source, nil, 1, coordsName(p))
		}
		conv.Draft.LocationSource = source
		if q, ok := e.fixCoordinates(p); ok {
			return e.confirmPlace(m, conv, Place{Name: coordsName(q), Point: q, Confidence: placeConfirmAt}, u)
		}
		return e.askPlace(m, conv, u)
	case l.plus != nil:
		if source == "" {
			source = data.SourcePlusCode
		}
		u.Places = []Place{{Name: l.plusCode, Point: *l.plus, Confidence: 1}}
		if !e.inArea(*l.plus) {
			return e.askPlace(m, conv, u)
		}
		acc := l.plusSize / 2
		return e.complete(m, conv, u, *l.plus, source, &acc, 1, l.plusCode)
	}
	if source == "" {
		source = data.SourcePlaceName
	}
	conv.Draft.LocationSource = source
	var places []Place
	for _, p := range l.places {
		if e.inArea(p.Point) {
			places = append(places, p)
		}
	}
	if len(places) == 0 {
		return e.askPlace(m, conv, u)
	}
	best := places[0]
	switch JudgePlaces(places) {
	case PlaceChoose:
		choices := make([]data.PlaceChoice, 0, 3)
		for _, p := range places {
			if len(choices) == 3 {
				break
			}
			choices = append(choices, data.PlaceChoice{Name: p.Name, Point: p.Point})
		}
		return e.askChoice(m, conv, choices, u)
	case PlaceFile:
		return e.complete(m, conv, u, best.Point, source, nil, best.Confidence, best.Name)
	case PlaceConfirm:
		return e.confirmPlace(m, conv, best, u)
	}
	return e.askPlace(m, conv, u)
}

// PlaceVerdict is what the engine does with the places a message names.
type PlaceVerdict int

// The verdicts, from least to most sure.
const (
	// PlaceAsk: no place is likely enough; the resident is asked where.
	PlaceAsk PlaceVerdict = iota
	// PlaceChoose: two or more places are close; the resident chooses.
	PlaceChoose
	// PlaceConfirm: the best place is likely but not sure ("Near X? 1
	// yes, 2 no").
	PlaceConfirm
	// PlaceFile: the best place is sure; the report is filed there.
	PlaceFile
)

// JudgePlaces is the engine's rule for places found by name (best first,
// inside the deployment area; Confidence calibrated as the share placed
// within 250 m): file from placeFileAt when no other place comes within
// clearWinner, let the resident choose when one does, confirm from
// placeConfirmAt, else ask. The evaluations decide with it too.
func JudgePlaces(places []Place) PlaceVerdict {
	if len(places) == 0 {
		return PlaceAsk
	}
	best := places[0]
	switch {
	case len(places) > 1 && places[1].Confidence >= best.Confidence-clearWinner && places[1].Confidence >= placeConfirmAt:
		return PlaceChoose
	case best.Confidence >= placeFileAt:
		return PlaceFile
	case best.Confidence >= placeConfirmAt:
		return PlaceConfirm
	}
	return PlaceAsk
}

// ask returns a decision that keeps conv open with reply.
func (e *Engine) ask(m *message, conv *data.Conversation, action Action, reply string, u Understanding) decision {
	conv.UpdatedAt = m.now
	out := e.outcome(m, reply)
	c := *conv
	out.Conversation = &c
	u.Action, u.Reply = action, reply
	if action == ActionAskCategory {
		u.Category = ""
	} else {
		u.Category = conv.Draft.Category
	}
	if u.Categories == nil {
		u.Categories = []classify.Need{}
	}
	return decision{out: out, u: u}
}

func (e *Engine) askPlace(m *message, conv *data.Conversation, u Understanding) decision {
	conv.State, conv.Choices, conv.Menu = data.AwaitPlace, nil, nil
	reply := e.sayNeeds(conv.Needs, m.lang, func(what string) string { return e.say(m.lang, ReplyAskPlace, what) })
	return e.ask(m, conv, ActionAskPlace, reply, u)
}

// askWords answers "none" to the category menu: the resident is asked to
// say the problem in a few words, the menu stays open (its numbers still
// choose), and the next answer naming no need is filed as "other".
func (e *Engine) askWords(m *message, conv *data.Conversation, u Understanding) decision {
	conv.State, conv.AskedWords = data.AwaitCategory, true
	u.Menu = conv.Menu
	return e.ask(m, conv, ActionAskCategory, e.say(m.lang, ReplyAskWords), u)
}

// placeUnknown answers "I don't know" to the place question: the draft,
// which moderators see at once, is kept as it is, and the reply asks for
// any landmark near the resident rather than the same question again.
func (e *Engine) placeUnknown(m *message, conv *data.Conversation, u Understanding) decision {
	conv.State, conv.Choices, conv.Menu = data.AwaitPlace, nil, nil
	reply := e.sayNeeds(conv.Needs, m.lang, func(what string) string { return e.say(m.lang, ReplyPlaceUnknown, what) })
	return e.ask(m, conv, ActionAskPlace, reply, u)
}

func (e *Engine) askChoice(m *message, conv *data.Conversation, choices []data.PlaceChoice, u Understanding) decision {
	var list []string
	for i, c := range choices {
		list = append(list, fmt.Sprintf("%d %s", i+1, c.Name))
	}
	conv.State, conv.Choices, conv.Menu = data.AwaitChoice, choices, nil
	// The candidates are the places offered, in their numbers' order.
	u.Places = u.Places[:0:0]
	for _, c := range choices {
		u.Places = append(u.Places, Place{Name: c.Name, Point: c.Point})
	}
	return e.ask(m, conv, ActionConfirmPlace, e.say(m.lang, ReplyChoosePlace, strings.Join(list, ", ")), u)
}

func (e *Engine) confirmPlace(m *message, conv *data.Conversation, p Place, u Understanding) decision {
	conv.State, conv.Choices, conv.Menu = data.AwaitConfirm, []data.PlaceChoice{{Name: p.Name, Point: p.Point}}, nil
	u.Place = &p
	reply := e.sayNeeds(conv.Needs, m.lang, func(what string) string { return e.say(m.lang, ReplyConfirmPlace, what, p.Name) })
	return e.ask(m, conv, ActionConfirmPlace, reply, u)
}

// askCategory offers the category menu: the categories already in
// conv.Menu first (the candidates of the message, or the menu offered
// before, so that a number off the menu gets the same menu again), then
// the draft's needs, then the most common needs. A place found that is
// sure enough to file is kept in the draft; a doubtful one is looked for
// again in the draft's text once the category is known.
func (e *Engine) askCategory(m *message, conv *data.Conversation, l located, u Understanding) decision {
	return e.offerMenu(m, conv, l, u, ReplyAskCategory)
}

// askCategoryAgain offers the menu of conv again to an answer that reads
// as no number of it ("12", "0", "1.5", "no 4"), saying so
// (ReplyAskCategoryAgain): the same numbers, the place understood left
// unsaid.
func (e *Engine) askCategoryAgain(m *message, conv *data.Conversation, u Understanding) decision {
	return e.offerMenu(m, conv, located{}, u, ReplyAskCategoryAgain)
}

// offerMenu is askCategory with the reply key of the plain menu (key,
// ReplyAskCategory or ReplyAskCategoryAgain); the menu naming the place
// replaces only ReplyAskCategory.
func (e *Engine) offerMenu(m *message, conv *data.Conversation, l located, u Understanding, key string) decision {
	if l.any() {
		// A place sure enough to file is kept; a doubtful one leaves the
		// place the draft has, if any.
		probe := *conv
		probe.Draft.Category = otherCategory
		if d := e.place(m, &probe, l, u); d.out.Report != nil {
			r := d.out.Report
			conv.Placed = true
			conv.Draft.Location, conv.Draft.LocationSource = r.Location, r.LocationSource
			conv.Draft.AccuracyM, conv.Draft.LocationConfidence = r.AccuracyM, r.LocationConfidence
			if d.u.Place != nil {
				conv.Choices = []data.PlaceChoice{{Name: d.u.Place.Name, Point: r.Location}}
				u.Place, u.Places = d.u.Place, d.u.Places
			}
		}
	}
	if !conv.Placed {
		conv.Choices = nil
	}
	first := append(slices.Clone(conv.Menu), conv.Needs...)
	render := func(list string) string { return e.say(m.lang, key, list) }
	menu, list := e.menu(first, m.lang, render)
	reply := render(list)
	if conv.Placed && len(conv.Choices) > 0 && key == ReplyAskCategory {
		// Say where the draft is placed: the resident knows the place
		// was understood and that the need is what is missing.
		at := func(list string) string { return e.say(m.lang, ReplyAskCategoryAt, conv.Choices[0].Name, list) }
		if atMenu, atList := e.menu(first, m.lang, at); utf8.RuneCountInString(at(atList)) <= oneSMSRunes && len(atMenu) >= min(menuAtMin, len(menu)) {
			menu, reply = atMenu, at(atList)
		}
	}
	conv.State, conv.Menu = data.AwaitCategory, menu
	u.Menu = menu
	return e.ask(m, conv, ActionAskCategory, reply, u)
}

// menu is the numbered list of categories offered when the engine is
// unsure: first the ones given (the message's candidates, most likely
// first), then the most common needs (classify.Classifier.Common: the
// needs residents most often have, so that a resident whose need was not
// read still finds it), "other" never (a word answer is "other"), as many
// as fit in one SMS in the resident's language once render (the reply
// holding the list) is done. Each is named by its short menu label
// (MenuLabel).
func (e *Engine) menu(first []string, lang string, render func(list string) string) ([]string, string) {
	var order []string
	for _, n := range append(first, e.classes.Common()...) {
		if n != otherCategory && !slices.Contains(order, n) && e.cfg.Taxonomy.Category(n) != nil {
			order = append(order, n)
		}
	}
	var ids, items []string
	list := ""
	for _, id := range order {
		if len(ids) == menuMax {
			break
		}
		item := fmt.Sprintf("%d %s", len(ids)+1, MenuLabel(e.cfg.Taxonomy, id, lang))
		next := strings.Join(append(items, item), ", ")
		if len(ids) >= menuMin && utf8.RuneCountInString(render(next)) > oneSMSRunes {
			break
		}
		ids, items, list = append(ids, id), append(items, item), next
	}
	return ids, list
}

// summary says what was understood: the labels (label: CategoryLabel or
// MenuLabel) of the first n needs in lang, "Water supply and Food
// needed", or "Water supply, Food needed, ..." when more needs are left
// out.
func (e *Engine) summary(needs []string, n int, lang string, label func(tax *data.Taxonomy, id, lang string) string) string {
	var labels []string
	for _, id := range needs[:min(n, len(needs))] {
		labels = append(labels, label(e.cfg.Taxonomy, id, lang))
	}
	switch {
	case len(labels) == 0:
		return label(e.cfg.Taxonomy, otherCategory, lang)
	case len(labels) < len(needs):
		return strings.Join(labels, ", ") + ", ..."
	case len(labels) == 1:
		return labels[0]
	}
	return strings.Join(labels[:len(labels)-1], ", ") + " " + e.say(lang, ReplyAnd) + " " + labels[len(labels)-1]
}

// sayNeeds renders a reply that says what was understood (render's
// summary): naming the first summaryMax needs, or fewer when that keeps
// the reply within one SMS (the report keeps every need); always one.
// When one need by its label is too long for one SMS (a long place name
// beside "Punto de distribucion de ayuda"), the needs are named by their
// short menu labels ("Reparto de ayuda"), the place never left out; a
// reply that fits no SMS even so names one need by its short label.
func (e *Engine) sayNeeds(needs []string, lang string, render func(summary string) string) string {
	var out string
	for _, label := range []func(*data.Taxonomy, string, string) string{CategoryLabel, MenuLabel} {
		for n := min(len(needs), summaryMax); ; n-- {
			out = render(e.summary(needs, n, lang, label))
			if n <= 1 || utf8.RuneCountInString(out) <= oneSMSRunes {
				break
			}
		}
		if utf8.RuneCountInString(out) <= oneSMSRunes {
			return out
		}
	}
	return out // the shortest: one need, its short label
}

func (e *Engine) categoryLabel(id, lang string) string {
	return CategoryLabel(e.cfg.Taxonomy, id, lang)
}

// complete turns the draft into a report at p and closes the conversation.
// confidence (0 to 1) says how sure the placing is.
func (e *Engine) complete(m *message, conv *data.Conversation, u Understanding, p orb.Point, source data.LocationSource, accuracy *float64, confidence float64, where string) decision {
	r := conv.Draft
	if r.Category == "" {
		r.Category = otherCategory
	}
	r.Needs = slices.Clone(conv.Needs) // Validate puts Category first
	confidence = math.Round(min(max(confidence, 0), 1)*1000) / 1000
	r.Location, r.LocationSource, r.AccuracyM, r.LocationConfidence = p, source, accuracy, &confidence
	r.ReceivedAt = m.now
	// The public description is generated: the SMS itself may name people
	// or numbers, and raw text is for moderators only.
	r.Description = e.categoryLabel(r.Category, "en") + " — " + where
	if err := r.Validate(e.cfg.Taxonomy, m.now); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) && ve.Field == "geometry.coordinates" {
			return e.askPlace(m, conv, u)
		}
		return e.refuse(m)
	}
	needs, lang := slices.Clone(conv.Needs), m.lang
	ex := e.examples()
	out := data.SMSOutcome{
		MessageKey:      m.key,
		PhoneHash:       m.phone,
		Report:          &r,
		EndConversation: true,
		CorrectUntil:    m.now.Add(e.cfg.CorrectionWindow),
		Reply: func(id uint64) string {
			return e.receipt(lang, ex, id, needs, where)
		},
	}
	u.Action, u.Category, u.Place, u.Reply = ActionFile, r.Category, &Place{Name: where, Point: p, Confidence: confidence}, ""
	return decision{out: out, u: u}
}

// receipt is the reply telling a resident the reference of report id,
// what was understood (needs) and where.
func (e *Engine) receipt(lang string, ex Examples, id uint64, needs []string, where string) string {
	return e.sayNeeds(needs, lang, func(what string) string {
		return e.cfg.Replies.Text(lang, ReplyReportReceived, ex, id, what, where)
	})
}
