package sms

import (
	"slices"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// A resident whose report was filed at the wrong place often says so at
// once, in answer to the receipt: "no, Kariakoo", "sorry, it's at Kariakoo
// market not Tandale", "si Tandale, ni Kariakoo", "pa Tandale, se
// Kariakoo", "non, c'est à Kariakoo", "não, é no Kariakoo", "no, en
// Kariakoo". Within Config.CorrectionWindow of the filing, while no
// moderator has changed the report, such a message moves the report
// (same reference) when its new place is sure; a likely place is asked
// to be confirmed first. Once a moderator has reviewed or changed it, the
// report is not moved: the message is kept in its audit log for the team
// and the resident told so (noteCorrection). It must say it corrects
// (placeCorrection): a place name alone after a receipt may begin the next report (the place
// first, then the need), and a message naming a need the report does not
// have is a new report ("also no food at Kariakoo").

// ActionCorrectPlace: the report the phone filed just before is moved to
// the place the resident corrected it to (never from Parse: it reads the
// phone's reports).
const ActionCorrectPlace Action = "correct_place"

// ActionNotePlace: the resident corrected the place of the report the
// phone filed just before, which a moderator has reviewed already: it is
// not moved, the message is kept for the team (never from Parse).
const ActionNotePlace Action = "note_place"

// Words of a place correction, folded, in the six languages.
var (
	// placeNotWords say that what follows, to the end of its clause, is
	// not the place ("not Tandale", "si Tandale", "pa Tandale", "ce n'est
	// pas Tandale", "não é Tandale", "no es Tandale").
	placeNotWords = wordSet("not", "si", "sio", "siyo", "pa", "pas", "nao")
	// placeNotEnds end the words a placeNotWords negates before the
	// clause does ("not Tandale but Kariakoo", "si Tandale ni Kariakoo").
	placeNotEnds = wordSet("but", "its", "it", "ni", "ila", "lakini", "se", "c", "mais", "e", "es", "pero", "mas", "men", "instead")
	// correctionWords say a mistake anywhere in the message ("wrong
	// place", "I meant Solino", "je me suis trompé").
	correctionWords = wordSet("wrong", "meant", "mistake", "correction", "makosa", "nilikosea", "nimekosea", "nilimaanisha",
		"erreur", "trompe", "errado", "errada", "errei", "enganei", "engano", "correcao", "equivocado", "equivocada", "equivoque",
		"error", "correccion", "ere", "koreksyon", "twonpe")
	// moreWords say that another place has the problem too ("sorry, same
	// at Kariakoo", "another one at Kariakoo"): a new report, as
	// alsoWords do.
	moreWords = wordSet("same", "another", "other", "more", "hiyo", "nyingine", "mwingine", "kingine", "meme", "autre", "mesmo", "mesma",
		"outro", "outra", "mismo", "misma", "otro", "otra", "menm", "lot")
)

// placeCorrection reads msg as a correction of a place: masked is msg
// with the words of the wrong place blanked out (the clause after "not",
// "si", "pa"… and a "no," of its own), spans kept; ok is false when msg
// says nothing of a correction. It reads no place: the caller looks for
// the new one in masked.
func placeCorrection(msg string) (masked string, ok bool) {
	words := text.Words(msg)
	b := []byte(msg)
	blank := func(from, to int) {
		for i := words[from].Start; i < words[to].End; i++ {
			b[i] = ' '
		}
	}
	// clauseEnd is the index of the last word of the clause of word i.
	clauseEnd := func(i int) int {
		for i+1 < len(words) && !strings.ContainsAny(msg[words[i].End:words[i+1].Start], ",.;:!?\n") {
			i++
		}
		return i
	}
	i := 0
	for i < len(words) && apologyWords[words[i].Text] {
		i, ok = i+1, true // "sorry, …", "samahani …", "pardon, …"
	}
	if i < len(words) && noWords[words[i].Text] && words[i].Text != "n" && clauseEnd(i) == i {
		blank(i, i) // "no, Kariakoo", "non, c'est à Kariakoo", "não, é no Kariakoo"
		i, ok = i+1, true
	} else if i+1 < len(words) && noWords[words[i].Text] && words[i].Text != "n" && itIsWords[words[i+1].Text] && clauseEnd(i) > i+1 {
		blank(i, i) // "no it's at Kariakoo", "hapana ni Kariakoo", "non se nan Kariakoo"
		i, ok = i+1, true
	}
	for ; i < len(words); i++ {
		w := words[i].Text
		if correctionWords[w] {
			ok = true
			continue
		}
		if j, neg := negated(msg, words, i); neg {
			blank(i, j-1)
			ok = true
			i = j - 1
		}
	}
	return string(b), ok
}

// negated reports whether word i of msg (its words) says "not" to the
// words after it: "not" (or "si", "sio", "pa", "pas", "não") and the
// words it negates, to the end of its clause or to a placeNotEnds word
// ("not Tandale but Kariakoo", "si chakula ni maji"); "no" only when it
// opens the clause ("no Tandale, Kariakoo"; "é no Kariakoo" is "at
// Kariakoo"). j is the index of the first word after them.
func negated(msg string, words []text.Word, i int) (j int, ok bool) {
	w := words[i].Text
	opens := i == 0 || strings.ContainsAny(msg[words[i-1].End:words[i].Start], ",.;:!?\n")
	if !placeNotWords[w] && !(w == "no" && opens) {
		return 0, false
	}
	end := i
	for end+1 < len(words) && !strings.ContainsAny(msg[words[end].End:words[end+1].Start], ",.;:!?\n") {
		end++
	}
	if end == i {
		return 0, false // a lone "si" is the Spanish yes
	}
	j = i + 1
	for j <= end && !placeNotEnds[words[j].Text] {
		j++
	}
	return j, j > i+1
}

// withoutNegated is msg with the words it says "not" to blanked out (see
// negated): "it is water not food" is "it is water".
func withoutNegated(msg string) string {
	words := text.Words(msg)
	b := []byte(msg)
	for i := 0; i < len(words); i++ {
		if j, ok := negated(msg, words, i); ok {
			for k := words[i].Start; k < words[j-1].End; k++ {
				b[k] = ' '
			}
			i = j - 1
		}
	}
	return string(b)
}

// addsPlace reports whether msg says that the problem is at another place
// too ("also", "same", "another"): no correction.
func addsPlace(msg string) bool {
	return slices.ContainsFunc(strings.Fields(text.Fold(msg)), func(w string) bool { return alsoWords[w] || moreWords[w] })
}

// correctPlace handles a message that corrects the place of the report
// the phone filed just before (see placeCorrection): the report is moved
// when the new place is sure, the resident asked to confirm a likely one.
// ok is false when the message is no such correction, or the report may
// no longer be corrected (the message is then read as usual).
func (e *Engine) correctPlace(m *message) (decision, bool, error) {
	if e.store == nil || m.noNote || m.phone == "" { // Parse: a new number's message
		return decision{}, false, nil
	}
	masked, ok := placeCorrection(m.text)
	if !ok {
		return decision{}, false, nil
	}
	found := e.locate(masked)
	if !found.any() {
		return decision{}, false, nil
	}
	if addsPlace(masked) {
		return decision{}, false, nil // "also …" adds: a new report
	}
	r, reviewed, ok, err := e.store.CorrectionTarget(m.phone, m.now)
	if err != nil || !ok {
		return decision{}, false, err
	}
	// A need the report does not have makes it a new report.
	needs := e.answerNeeds(masked, found)
	if e.newNeed(needs, r) {
		return decision{}, false, nil
	}
	if p, where, _, _, _, sure := e.surePlace(found); sure && samePoint(p.Point, r.Location) {
		// The place the report has already, reviewed or not: nothing to
		// move, nor to tell the team.
		e.langBesidePlace(m, found)
		return e.placeSame(m, r, where, Understanding{Category: r.Category, Categories: needs, Places: found.places}), true, nil
	}
	if reviewed || m.noCorrect {
		return e.noteCorrection(m, r, reviewed, masked, found)
	}
	e.langBesidePlace(m, found)
	u := Understanding{Category: r.Category, Categories: needs, Places: found.places}
	conv := &data.Conversation{PhoneHash: m.phone, Lang: m.lang, Needs: r.AllNeeds(), StartedAt: m.now, Corrects: r.ID,
		Draft: data.Report{Category: r.Category, Channel: r.Channel, Status: r.Status, Reporter: r.Reporter, RawText: text.TruncateBytes(m.raw, data.MaxRawTextBytes)}}
	return e.correctTo(m, r, conv, found, u)
}

// newNeed reports whether needs name one report r does not have: the
// message is then a new report.
func (e *Engine) newNeed(needs []classify.Need, r data.Report) bool {
	have := r.AllNeeds()
	return slices.ContainsFunc(needs, func(n classify.Need) bool { return n.Category != otherCategory && !slices.Contains(have, n.Category) })
}

// noteCorrection handles a place correction (masked, with the places
// found in it) of report r, which the phone filed just before, within its
// correction window (data.Store.CorrectionTarget), when a moderator has
// reviewed or changed it already: the report is not moved, nor a new one
// started; the message is kept in the report's audit log, where
// moderators see it, and the resident told so, in their language, with
// the reference. ok is false when r is not reviewed (a correction that
// may not move it is read as usual), the message names a need the report
// does not have, or no place in the area.
func (e *Engine) noteCorrection(m *message, r data.Report, reviewed bool, masked string, found located) (decision, bool, error) {
	if m.noNote || !reviewed || !e.correctionPlace(found) {
		return decision{}, false, nil
	}
	needs := e.answerNeeds(masked, found)
	if e.newNeed(needs, r) {
		return decision{}, false, nil
	}
	e.langBesidePlace(m, found)
	if needs == nil {
		needs = []classify.Need{}
	}
	return e.noteReport(m, r, m.raw, "", Understanding{Category: r.Category, Categories: needs, Places: found.places}), true, nil
}

// noteReport keeps msgs (the messages of a place correction, one a line)
// in the audit log of report r, which a moderator has reviewed: where is
// the place the resident confirmed or chose when msgs answer a question
// by number ("" when they name it). The resident is told, in their
// language, with the reference (ReplyPlaceNoted).
func (e *Engine) noteReport(m *message, r data.Report, msgs, where string, u Understanding) decision {
	have, lang, ex := r.AllNeeds(), m.lang, e.examples()
	out := data.SMSOutcome{
		MessageKey: m.key, PhoneHash: m.phone, EndConversation: true,
		Note: &data.SMSNote{ReportID: r.ID, Message: text.TruncateBytes(msgs, data.MaxRawTextBytes), Place: where},
		Reply: func(id uint64) string {
			return e.sayNeeds(have, lang, func(what string) string { return e.cfg.Replies.Text(lang, ReplyPlaceNoted, ex, id, what) })
		},
	}
	u.Action = ActionNotePlace
	return decision{out: out, u: u}
}

// correctionPlace reports whether found names a place a correction could
// move a report to: sure (surePlace), or likely in the area.
func (e *Engine) correctionPlace(found located) bool {
	if _, _, _, _, _, ok := e.surePlace(found); ok {
		return true
	}
	if found.coords != nil || found.plus != nil {
		return false // outside the area
	}
	var places []Place
	for _, p := range found.places {
		if e.inArea(p.Point) {
			places = append(places, p)
		}
	}
	return JudgePlaces(places) != PlaceAsk
}

// correctTo moves report r to the place found when it is sure, or asks
// the resident to confirm a likely place, or to choose between close ones
// (conv, which corrects r, keeps the question); ok is false when no place
// found is likely.
func (e *Engine) correctTo(m *message, r data.Report, conv *data.Conversation, found located, u Understanding) (decision, bool, error) {
	if u.Categories == nil {
		u.Categories = []classify.Need{}
	}
	if p, name, source, accuracy, conf, ok := e.surePlace(found); ok {
		return e.moveReport(m, r, conv.Draft.RawText, u, p, name, source, accuracy, conf), true, nil
	}
	if found.coords != nil || found.plus != nil {
		return decision{}, false, nil // outside the area
	}
	var places []Place
	for _, p := range found.places {
		if e.inArea(p.Point) {
			places = append(places, p)
		}
	}
	conv.Lang = m.lang
	switch JudgePlaces(places) {
	case PlaceChoose:
		choices := make([]data.PlaceChoice, 0, 3)
		for _, p := range places[:min(3, len(places))] {
			choices = append(choices, data.PlaceChoice{Name: p.Name, Point: p.Point})
		}
		return e.askChoice(m, conv, choices, u), true, nil
	case PlaceConfirm:
		return e.confirmPlace(m, conv, places[0], u), true, nil
	}
	return decision{}, false, nil
}

// continueCorrection takes the answer to the question of a place
// correction (conv.Corrects): "Near X? 1 yes, 2 no", the places to
// choose from, or where; once a moderator has reviewed the report,
// continueNote takes it. ok is false when the message answers none of it
// (it is then read afresh) or the report is no longer the phone's to
// correct (deleted, its window past, another filed since).
func (e *Engine) continueCorrection(m *message, conv *data.Conversation) (decision, bool, error) {
	r, reviewed, ok, err := e.store.CorrectionTarget(m.phone, m.now)
	if err != nil || !ok || r.ID != conv.Corrects {
		return decision{}, false, err
	}
	if reviewed || m.noCorrect {
		return e.continueNote(m, conv, r, reviewed)
	}
	next := *conv
	next.Needs = r.AllNeeds()
	next.Draft.RawText = text.TruncateBytes(joinLines(conv.Draft.RawText, m.raw), data.MaxRawTextBytes)
	n, isNumber, yes, no := e.readAnswer(m)
	u := Understanding{Category: r.Category, Categories: []classify.Need{}}
	switch {
	case next.State == data.AwaitConfirm && len(next.Choices) > 0 && yes:
		c := next.Choices[0]
		return e.moveReport(m, r, next.Draft.RawText, u, Place{Name: c.Name, Point: c.Point}, c.Name, data.SourceAskBack, nil, 1), true, nil
	case next.State == data.AwaitConfirm && no:
		return e.askPlace(m, &next, u), true, nil
	case next.State == data.AwaitChoice && isNumber:
		if n < 1 || n > len(next.Choices) {
			return e.askChoice(m, &next, next.Choices, u), true, nil
		}
		c := next.Choices[n-1]
		return e.moveReport(m, r, next.Draft.RawText, u, Place{Name: c.Name, Point: c.Point}, c.Name, data.SourceAskBack, nil, 1), true, nil
	}
	// Another place, with or without "no,".
	masked, _ := placeCorrection(m.text)
	found := e.locate(masked)
	if !found.any() || addsPlace(masked) {
		return decision{}, false, nil
	}
	needs := e.answerNeeds(masked, found)
	if slices.ContainsFunc(needs, func(n classify.Need) bool {
		return n.Category != otherCategory && !slices.Contains(next.Needs, n.Category)
	}) {
		return decision{}, false, nil // a new report
	}
	e.langBesidePlace(m, found)
	u.Categories, u.Places = needs, found.places
	return e.correctTo(m, r, &next, found, u)
}

// continueNote takes the answer to the question of a place correction
// of report r (conv.Corrects, the phone's data.Store.CorrectionTarget)
// when a moderator has reviewed or changed it since it was asked: it is
// not moved. "1" (or "yes"), the number of a place offered, or another
// place is noted for the team, as a correction after review is
// (noteCorrection); "2" (or "no") ends the question with the report's
// status. ok is false when the message answers none of it (it is then
// read afresh), or r is not reviewed.
func (e *Engine) continueNote(m *message, conv *data.Conversation, r data.Report, reviewed bool) (decision, bool, error) {
	if m.noNote || !reviewed {
		return decision{}, false, nil
	}
	msgs := joinLines(conv.Draft.RawText, m.raw)
	n, isNumber, yes, no := e.readAnswer(m)
	u := Understanding{Category: r.Category, Categories: []classify.Need{}}
	switch {
	case conv.State == data.AwaitConfirm && len(conv.Choices) > 0 && yes:
		c := conv.Choices[0]
		u.Place = &Place{Name: c.Name, Point: c.Point}
		return e.noteReport(m, r, msgs, c.Name, u), true, nil
	case conv.State == data.AwaitConfirm && no:
		reply := e.say(m.lang, ReplyStatus, r.ID, e.cfg.Replies.StatusLabel(m.lang, string(r.Status)), e.categoryLabel(r.Category, m.lang))
		out := e.outcome(m, reply)
		out.EndConversation = true
		u.Action, u.Reply = ActionCommand, reply // answered as STATUS would be
		return decision{out: out, u: u}, true, nil
	case conv.State == data.AwaitChoice && isNumber:
		if n < 1 || n > len(conv.Choices) {
			next := *conv
			next.Draft.RawText = text.TruncateBytes(msgs, data.MaxRawTextBytes)
			return e.askChoice(m, &next, conv.Choices, u), true, nil
		}
		c := conv.Choices[n-1]
		u.Place = &Place{Name: c.Name, Point: c.Point}
		return e.noteReport(m, r, msgs, c.Name, u), true, nil
	}
	// Another place, with or without "no,".
	masked, _ := placeCorrection(m.text)
	found := e.locate(masked)
	if !found.any() || addsPlace(masked) || !e.correctionPlace(found) {
		return decision{}, false, nil
	}
	needs := e.answerNeeds(masked, found)
	if e.newNeed(needs, r) {
		return decision{}, false, nil // a new report
	}
	e.langBesidePlace(m, found)
	if needs == nil {
		needs = []classify.Need{}
	}
	u.Categories, u.Places = needs, found.places
	return e.noteReport(m, r, msgs, "", u), true, nil
}

// moveReport moves report r, which the phone filed just before, to p;
// its raw text adds the messages of the correction (msgs, one a line).
// When p is where r is already, nothing changes: the resident is told so
// (placeSame).
func (e *Engine) moveReport(m *message, r data.Report, msgs string, u Understanding, p Place, where string, source data.LocationSource, accuracy *float64, conf float64) decision {
	if samePoint(p.Point, r.Location) {
		return e.placeSame(m, r, where, u)
	}
	conf = round3(min(max(conf, 0), 1))
	needs, lang, ex, id := r.AllNeeds(), m.lang, e.examples(), r.ID
	out := data.SMSOutcome{
		MessageKey:      m.key,
		PhoneHash:       m.phone,
		EndConversation: true, // a question of the correction, if any, is answered
		Correct: &data.SMSCorrection{ReportID: r.ID, Location: p.Point, LocationSource: source, AccuracyM: accuracy,
			LocationConfidence: &conf, Description: e.categoryLabel(r.Category, "en") + " — " + where, Message: msgs},
		Reply: func(uint64) string {
			return e.sayNeeds(needs, lang, func(what string) string {
				return e.cfg.Replies.Text(lang, ReplyPlaceCorrected, ex, id, what, where)
			})
		},
	}
	u.Action, u.Place = ActionCorrectPlace, &Place{Name: where, Point: p.Point, Confidence: conf}
	return decision{out: out, u: u} // withMedia attaches the photos
}

// ActionSamePlace: a place correction named the very place of the
// report the phone filed just before ("no, Tandale market" after a
// receipt near Tandale Market): the resident is told the report is there
// already; nothing is changed (never from Parse: it reads the phone's
// reports).
const ActionSamePlace Action = "same_place"

// samePlaceM is how close (metres) a place named in a correction must be
// to the report's to be its place already: the same gazetteer entry, not
// a neighbour.
const samePlaceM = 1.0

// samePoint reports whether a and b are one place (within samePlaceM).
func samePoint(a, b orb.Point) bool {
	return geo.Distance(a, b) <= samePlaceM
}

// placeSame answers a place correction naming where report r is already
// (ReplyPlaceSame: the reference, its needs and the place): it replied
// "corrected" though nothing moved. Nothing is kept, reviewed or not;
// the correction's question, if one was asked, ends.
func (e *Engine) placeSame(m *message, r data.Report, where string, u Understanding) decision {
	lang, ex := m.lang, e.examples()
	reply := e.sayNeeds(r.AllNeeds(), lang, func(what string) string {
		return e.cfg.Replies.Text(lang, ReplyPlaceSame, ex, r.ID, what, where)
	})
	out := e.outcome(m, reply)
	out.EndConversation = true
	if u.Categories == nil {
		u.Categories = []classify.Need{}
	}
	u.Action, u.Reply, u.Place = ActionSamePlace, reply, &Place{Name: where, Point: r.Location, Confidence: 1}
	return decision{out: out, u: u}
}

// surePlace is the place of found when it is sure enough to file a report
// at (place's rule, without asking): coordinates or a plus code inside
// the area, or a name the gazetteer is sure of.
func (e *Engine) surePlace(found located) (p Place, where string, source data.LocationSource, accuracy *float64, conf float64, ok bool) {
	switch {
	case found.coords != nil:
		pt := found.coords.Point
		return Place{Name: coordsName(pt), Point: pt, Confidence: 1}, coordsName(pt), data.SourceCoordinates, nil, 1, e.inArea(pt)
	case found.plus != nil:
		acc := found.plusSize / 2
		return Place{Name: found.plusCode, Point: *found.plus, Confidence: 1}, found.plusCode, data.SourcePlusCode, &acc, 1, e.inArea(*found.plus)
	}
	var places []Place
	for _, p := range found.places {
		if e.inArea(p.Point) {
			places = append(places, p)
		}
	}
	if JudgePlaces(places) != PlaceFile {
		return Place{}, "", "", nil, 0, false
	}
	return places[0], places[0].Name, data.SourcePlaceName, nil, places[0].Confidence, true
}

// readAnswer reads m as the answer to a correction's question: the
// number it is, if it is one, and whether it says yes ("1", "ndiyo",
// "wi") or no ("2", "hapana"). A number or one word keeps the
// conversation's language.
func (e *Engine) readAnswer(m *message) (n int, isNumber, yes, no bool) {
	if _, numbers := e.choiceNumbers(m.text); numbers || len(strings.Fields(text.Fold(m.text))) <= 1 || isChoiceNumber(m.text) {
		m.lang = m.prev
	}
	n, isNumber = choiceNumber(m.text)
	folded := text.Fold(m.text)
	return n, isNumber, isNumber && n == 1 || yesWords[folded], isNumber && n == 2 || noWords[folded]
}
