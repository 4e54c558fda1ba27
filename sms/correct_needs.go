package sms

import (
	"slices"
	"strings"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// A resident whose report was filed with the wrong need says so as they
// do of a wrong place, in answer to the receipt: "no, it is water not
// food", "not food, water", "hapana, ni maji", "non, c'est de l'eau",
// "não, é água", "no, es agua", "non, se dlo". Within
// Config.CorrectionWindow of the filing, while no moderator has changed
// the report, such a message replaces the report's needs (same
// reference); once a moderator has, the message is kept in its audit log
// for the team and the resident told so. It is read as a draft's needs
// are corrected (correctedNeeds); a message naming a place is left to the
// place correction (correctPlace) or read as a new report.

// ActionCorrectNeeds: the needs of the report the phone filed just before
// are replaced by the ones the resident corrected them to (never from
// Parse: it reads the phone's reports).
const ActionCorrectNeeds Action = "correct_needs"

// ActionNoteNeeds: the resident corrected the needs of the report the
// phone filed just before, which a moderator has reviewed already: it is
// not changed, the message is kept for the team (never from Parse).
const ActionNoteNeeds Action = "note_needs"

// correctNeeds handles a message that corrects the needs of the report
// the phone filed just before: a correction (correctedNeeds, a "no," of
// its own saying no to the receipt) naming no place and needs other than
// the report's; one naming exactly the report's needs is answered that
// it has them already (sameNeeds). ok is false when the message is no such correction, or
// the report may no longer be corrected (it is then read as usual).
func (e *Engine) correctNeeds(m *message) (decision, bool, error) {
	if e.store == nil || m.noNote || m.phone == "" { // Parse: a new number's message
		return decision{}, false, nil
	}
	fixed, denied, ok := e.correctedNeeds(m.text, true)
	if !ok || e.locate(m.text).any() {
		return decision{}, false, nil // a place: a place correction, or a new report
	}
	ids := needIDs(fixed)
	if i := slices.Index(ids, otherCategory); i >= 0 && len(ids) > 1 {
		ids = slices.Delete(ids, i, i+1) // "other" gives way to any specific need
	}
	if ids[0] == otherCategory {
		return decision{}, false, nil // no need named: read as before
	}
	r, reviewed, ok, err := e.store.CorrectionTarget(m.phone, m.now)
	if err != nil || !ok {
		return decision{}, false, err
	}
	have := r.AllNeeds()
	if !deniesOwn(denied, fixed, have) {
		return decision{}, false, nil // "we need food, not fire" after a water receipt: a new need
	}
	u := Understanding{Category: r.Category, Categories: fixed}
	if sameNeedSet(ids, have) {
		return e.sameNeeds(m, r, u), true, nil // the needs it has: nothing to correct, no new report
	}
	if reviewed || m.noCorrect {
		if m.noNote || !reviewed {
			return decision{}, false, nil
		}
		return e.noteNeeds(m, r, ids, u), true, nil
	}
	return e.replaceNeeds(m, r, ids, u), true, nil
}

// replaceNeeds replaces the needs of report r, which the phone filed just
// before, with ids (the first its category); its raw text adds the
// message, its generated description names the new category. The
// resident gets the corrected receipt (ReplyCategoryCorrected).
func (e *Engine) replaceNeeds(m *message, r data.Report, ids []string, u Understanding) decision {
	desc := ""
	if old := e.categoryLabel(r.Category, "en") + " — "; strings.HasPrefix(r.Description, old) {
		desc = e.categoryLabel(ids[0], "en") + " — " + strings.TrimPrefix(r.Description, old)
	}
	lang, ex, id := m.lang, e.examples(), r.ID
	out := data.SMSOutcome{
		MessageKey: m.key, PhoneHash: m.phone, EndConversation: true,
		Correct: &data.SMSCorrection{ReportID: r.ID, Needs: slices.Clone(ids), Description: desc,
			Message: text.TruncateBytes(m.raw, data.MaxRawTextBytes)},
		Reply: func(uint64) string {
			return e.sayNeeds(ids, lang, func(what string) string {
				return e.cfg.Replies.Text(lang, ReplyCategoryCorrected, ex, id, what)
			})
		},
	}
	u.Action, u.Category = ActionCorrectNeeds, ids[0]
	return decision{out: out, u: u} // withMedia attaches the photos
}

// noteNeeds keeps a correction of the needs of report r, which a
// moderator has reviewed, in its audit log (the needs meant, ids, in the
// entry's reason); the resident is told, with the reference and the
// report's needs as they stay (ReplyCategoryNoted).
func (e *Engine) noteNeeds(m *message, r data.Report, ids []string, u Understanding) decision {
	have, lang, ex := r.AllNeeds(), m.lang, e.examples()
	out := data.SMSOutcome{
		MessageKey: m.key, PhoneHash: m.phone, EndConversation: true,
		Note: &data.SMSNote{ReportID: r.ID, Message: text.TruncateBytes(m.raw, data.MaxRawTextBytes), Needs: slices.Clone(ids)},
		Reply: func(id uint64) string {
			return e.sayNeeds(have, lang, func(what string) string { return e.cfg.Replies.Text(lang, ReplyCategoryNoted, ex, id, what) })
		},
	}
	u.Action = ActionNoteNeeds
	return decision{out: out, u: u}
}

// ActionSameNeeds: a correction named the very needs of the report the
// phone filed just before ("no, it is water not fire" after a water
// receipt): the resident is told the report has them already; nothing
// is changed and no new report begun (never from Parse: it reads the
// phone's reports).
const ActionSameNeeds Action = "same_needs"

// sameNeeds answers a correction naming the needs report r has already
// (ReplyCategorySame, the reference and its needs): the resident insists
// on what was understood, and a second report of it minutes after the
// receipt would be a duplicate. Nothing is kept, reviewed or not.
func (e *Engine) sameNeeds(m *message, r data.Report, u Understanding) decision {
	lang := m.lang
	reply := e.sayNeeds(r.AllNeeds(), lang, func(what string) string { return e.say(lang, ReplyCategorySame, r.ID, what) })
	u.Action, u.Reply = ActionSameNeeds, reply
	return decision{out: e.outcome(m, reply), u: u}
}

// ActionAskWhatIsWrong: a bare "no" or "wrong" just after a receipt is
// answered by asking whether the place or the problem is wrong, and how
// to say which (never from Parse: it reads the phone's reports).
const ActionAskWhatIsWrong Action = "ask_what_is_wrong"

// saysWrong reports whether msg only says that something is wrong: "no",
// "hapana", "non", "não", "wrong", "sorry, wrong", "makosa", "erreur".
func saysWrong(msg string) bool {
	words := strings.Fields(text.Fold(msg))
	for len(words) > 0 && apologyWords[words[0]] {
		words = words[1:]
	}
	return len(words) == 1 && (noWords[words[0]] && words[0] != "n" || correctionWords[words[0]])
}

// askWhatIsWrong answers a bare "no" or "wrong" (saysWrong) sent while
// the report the phone filed just before may still be corrected (its
// data.Store.CorrectionTarget): the resident is asked whether the place
// or the problem is wrong and shown how to say it ("no, Kariakoo market",
// "no, water"). Nothing is kept: the answer is read as any correction
// is. ok is false for any other message, or when there is no such report
// (the message is then read as before: "not understood").
func (e *Engine) askWhatIsWrong(m *message) (decision, bool, error) {
	if e.store == nil || m.phone == "" || !saysWrong(m.text) {
		return decision{}, false, nil
	}
	r, _, ok, err := e.store.CorrectionTarget(m.phone, m.now)
	if err != nil || !ok {
		return decision{}, false, err
	}
	lang := m.lang
	reply := e.sayNeeds(r.AllNeeds(), lang, func(what string) string { return e.say(lang, ReplyCorrectionWhat, r.ID, what) })
	out := e.outcome(m, reply)
	return decision{out: out, u: Understanding{Action: ActionAskWhatIsWrong, Category: r.Category, Reply: reply}}, true, nil
}

// correctNeedsAndPlace handles a message that corrects both the needs
// and the place of the report the phone filed just before ("no it is
// water and it's at Kariakoo market", "hapana, ni maji, Kariakoo
// market"): a correction of the needs (correctedNeeds) that is also one
// of the place (placeCorrection) naming a place. With a sure place the
// report gets both at once (the receipt names the needs and the place
// now, ReplyPlaceCorrected); with a likely one (or close ones, or none
// the gazetteer knows) its needs are corrected and the resident asked
// to confirm the place (or to choose, or where), as after a place
// correction. Once a moderator has reviewed the report, the message is
// noted (noteNeeds). ok is false for any other message, which is read as
// before (it was a new report at the new place, the wrong one kept).
func (e *Engine) correctNeedsAndPlace(m *message) (decision, bool, error) {
	if e.store == nil || m.noNote || m.phone == "" {
		return decision{}, false, nil
	}
	fixed, denied, ok := e.correctedNeeds(m.text, true)
	if !ok {
		return decision{}, false, nil
	}
	masked, ok := placeCorrection(m.text)
	if !ok || addsPlace(masked) || e.reportAfterNo(m.text) {
		return decision{}, false, nil
	}
	found := e.locate(masked)
	if !found.any() {
		return decision{}, false, nil
	}
	ids := needIDs(fixed)
	if i := slices.Index(ids, otherCategory); i >= 0 && len(ids) > 1 {
		ids = slices.Delete(ids, i, i+1)
	}
	if ids[0] == otherCategory {
		return decision{}, false, nil
	}
	r, reviewed, ok, err := e.store.CorrectionTarget(m.phone, m.now)
	if err != nil || !ok {
		return decision{}, false, err
	}
	have := r.AllNeeds()
	if len(have) == len(ids) && !slices.ContainsFunc(ids, func(id string) bool { return !slices.Contains(have, id) }) {
		return decision{}, false, nil // the needs it has: a place correction (correctPlace)
	}
	if !deniesOwn(denied, fixed, have) {
		return decision{}, false, nil // a new need at a place: a new report
	}
	e.langBesidePlace(m, found)
	u := Understanding{Category: r.Category, Categories: fixed, Places: found.places}
	if reviewed || m.noCorrect {
		if m.noNote || !reviewed {
			return decision{}, false, nil
		}
		return e.noteNeeds(m, r, ids, u), true, nil
	}
	desc := ""
	if old := e.categoryLabel(r.Category, "en") + " — "; strings.HasPrefix(r.Description, old) {
		desc = e.categoryLabel(ids[0], "en") + " — " + strings.TrimPrefix(r.Description, old)
	}
	fix := &data.SMSCorrection{ReportID: r.ID, Needs: slices.Clone(ids), Description: desc,
		Message: text.TruncateBytes(m.raw, data.MaxRawTextBytes)}
	if p, where, source, accuracy, conf, sure := e.surePlace(found); sure {
		conf = round3(min(max(conf, 0), 1))
		fix.Location, fix.LocationSource, fix.AccuracyM, fix.LocationConfidence = p.Point, source, accuracy, &conf
		fix.Description = e.categoryLabel(ids[0], "en") + " — " + where
		lang, ex, id := m.lang, e.examples(), r.ID
		out := data.SMSOutcome{MessageKey: m.key, PhoneHash: m.phone, EndConversation: true, Correct: fix,
			Reply: func(uint64) string {
				return e.sayNeeds(ids, lang, func(what string) string {
					return e.cfg.Replies.Text(lang, ReplyPlaceCorrected, ex, id, what, where)
				})
			}}
		u.Action, u.Category, u.Place = ActionCorrectPlace, ids[0], &Place{Name: where, Point: p.Point, Confidence: conf}
		return decision{out: out, u: u}, true, nil
	}
	// The needs now, the place asked: confirmed, chosen or named as
	// after a place correction (continueCorrection).
	conv := &data.Conversation{PhoneHash: m.phone, Lang: m.lang, Needs: ids, StartedAt: m.now, Corrects: r.ID,
		Draft: data.Report{Category: ids[0], Channel: r.Channel, Status: r.Status, Reporter: r.Reporter, RawText: text.TruncateBytes(m.raw, data.MaxRawTextBytes)}}
	u.Category = ids[0]
	d, ok, err := e.correctTo(m, r, conv, found, u)
	if err != nil {
		return decision{}, false, err
	}
	if !ok {
		d = e.askPlace(m, conv, u)
	}
	d.out.Correct = fix
	return d, true, nil
}

// reportAfterNo reports whether msg is a "no," of its own (or "wrong,")
// followed by a clause naming a place that does not open with "it is"
// (itIsWords): "no, we need food at Kariakoo market", "no, water at
// Kariakoo market" say a need at a place, a new report, not which need
// and which place were misread ("no, water, at Kariakoo market", "no,
// it's water at Kariakoo market").
func (e *Engine) reportAfterNo(msg string) bool {
	clauses := strings.FieldsFunc(msg, func(r rune) bool { return strings.ContainsRune(",.;:!?", r) })
	for i, c := range clauses {
		words := strings.Fields(text.Fold(c))
		for len(words) > 0 && apologyWords[words[0]] {
			words = words[1:]
		}
		switch {
		case len(words) == 0:
			continue // "sorry,"
		case len(words) != 1 || !(noWords[words[0]] && words[0] != "n" || correctionWords[words[0]]) || i+1 == len(clauses):
			return false
		}
		next := strings.Fields(text.Fold(clauses[i+1]))
		return len(next) > 0 && !itIsWords[next[0]] && e.locate(clauses[i+1]).any()
	}
	return false
}
