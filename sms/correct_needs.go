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
// the report's. ok is false when the message is no such correction, or
// the report may no longer be corrected (it is then read as usual).
func (e *Engine) correctNeeds(m *message) (decision, bool, error) {
	if e.store == nil || m.noNote || m.phone == "" { // Parse: a new number's message
		return decision{}, false, nil
	}
	fixed, ok := e.correctedNeeds(m.text, true)
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
	if len(have) == len(ids) && !slices.ContainsFunc(ids, func(id string) bool { return !slices.Contains(have, id) }) {
		return decision{}, false, nil // the needs it has: nothing to correct
	}
	u := Understanding{Category: r.Category, Categories: fixed}
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
