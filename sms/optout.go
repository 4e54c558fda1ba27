package sms

import (
	"context"
	"slices"
	"strings"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// optInLangs are the words that resume replies after STOP besides START
// and its equivalents (startLangs, UNSTOP among them) and JOIN and its
// equivalents (joinLangs): Twilio's opt-in YES and "yes" in the other
// languages, folded, with their languages. They resume only a phone that
// sent STOP: otherwise "yes" answers a question. "si" is left out:
// Swahili "is not" and French "if".
var optInLangs = map[string][]string{"yes": {"en"}, "ndiyo": {"sw"}, "ndio": {"sw"}, "oui": {"fr"},
	"wi": {"ht"}, "sim": {"pt"}}

// optsIn reports whether a message of the folded words resumes replies
// to a phone that sent STOP: one opt-in word, or a JOIN word alone (a
// resident who asks for alerts asks for messages; JOIN with an area is
// handleOptedOut's).
func optsIn(words []string) bool {
	return len(words) == 1 && (startWords[words[0]] || joinWords[words[0]] || optInLangs[words[0]] != nil)
}

// handleOptedOut handles a message from a phone that sent STOP (sub is
// Stopped): opt-out holds on every gateway, not only those that drop
// replies themselves (Twilio's Advanced Opt-Out), so nothing is sent
// back except to START, UNSTOP, YES, JOIN or their equivalents, which
// resume replies with ReplyStarted, and to JOIN and a known area, which
// resumes replies and joins its alerts with ReplyRejoined. Every other
// message is recorded, unanswered: a command changes nothing (LEAVE
// still leaves alerts; STOP again is not confirmed again; JOIN and words
// that name no area resumes nothing), and any other text or photo is kept as a draft
// for moderators (optedOutDraft), never lost. stored is the phone's
// stored draft, if any: one kept from an earlier message sent after STOP
// whose last message is younger than Config.ConversationTTL is joined
// (joinOptedOut), as every message of a conversation adds to its draft,
// a courtesy too, unless the message is a report of its own at another
// place (elsewhere); any other (an open conversation, an expired draft)
// stays a draft of its own.
func (e *Engine) handleOptedOut(ctx context.Context, m *message, sub *data.Subscriber, prev string, stored *data.Conversation) (Reply, error) {
	m.prev = prev
	m.lang = e.detectLanguage(m.text, prev)
	words := strings.Fields(text.Fold(m.text))
	if optsIn(words) {
		e.optInLang(m, words[0])
		s := e.subscriberFor(m, sub)
		s.Stopped = false
		out := e.outcome(m, e.say(m.lang, ReplyStarted))
		out.Subscriber = s
		out.At = m.now
		return e.commit(ctx, out)
	}
	command := e.isCommand(m, words)
	if len(words) > 1 && joinWords[words[0]] && command {
		// JOIN and an area the gazetteer knows resumes replies and
		// joins, as USSD's Join does. With words that name no area it is
		// no opt-in: it stays a command of a stopped phone, unanswered
		// ("JOIN Atlantis"). "antre"/"entrar" (enter) begin reports too:
		// "antre dlo nan kay la", "antre dlo nan kay mwen Tandale" are no
		// command (isCommand) and are kept as drafts, as any report.
		e.commandLang(m, words[0])
		out, _, known, err := e.joinArea(m, sub, ReplyRejoined)
		if err != nil {
			return Reply{}, err
		}
		if known {
			out.At = m.now
			return e.commit(ctx, out)
		}
	}
	silent := e.outcome(m, "")
	silent.At = m.now
	switch {
	case command:
		if leaveWords[words[0]] && sub.Joined {
			s := *sub
			s.Joined, s.UpdatedAt = false, m.now
			silent.Subscriber = &s
		}
		return e.commit(ctx, silent)
	case !e.limiter.allow(m.phone, m.now), m.text == "" && len(m.photos) == 0:
		return e.commit(ctx, silent)
	}
	joins := stored != nil && stored.Unasked && stored.Corrects == 0 && !stored.UpdatedAt.Before(m.now.Add(-e.cfg.ConversationTTL))
	d, ok := e.optedOutDraft(m)
	if joins && ok && elsewhere(stored, d.out.Conversation) {
		joins = false // a report of its own at another place
	}
	switch {
	case joins:
		d = e.joinOptedOut(m, stored, d, ok)
	case !ok:
		return e.commit(ctx, silent) // a courtesy ("asante"): nothing to report
	default:
		// The photos stay with the draft, said nothing of (withMedia
		// would say); an open conversation, or an earlier draft, stays a
		// draft of its own.
		d.out.Conversation.Media = addPhotos(nil, m.photos)
	}
	d.out.At, d.out.KeepOtherDraft = m.now, !joins
	out, err := e.keepNumber(m, sub, d)
	if err != nil {
		return Reply{}, err
	}
	return e.commit(ctx, out)
}

// isCourtesy reports whether msg only greets or thanks ("asante",
// "merci").
func isCourtesy(msg string) bool {
	_, ok := courtesy(msg, true)
	return ok
}

// optInLang sets m's language from its opt-in word, as commandLang does
// for a command word.
func (e *Engine) optInLang(m *message, word string) {
	langs, ok := optInLangs[word]
	if !ok {
		e.commandLang(m, word)
		return
	}
	if slices.Contains(langs, m.prev) || !e.cfg.Replies.Has(langs[0]) {
		m.lang = m.prev
		return
	}
	m.lang = langs[0]
}

// optedOutDraft reads a message of a phone that sent STOP as a new
// report would be read, and keeps what was understood as a draft for
// moderators, marked Unasked: the engine may neither ask the resident
// (where? which need?) nor tell what it understood, so even a message it
// would have filed waits for a moderator. ok is false for a courtesy
// ("thanks", "asante"), which reports nothing.
func (e *Engine) optedOutDraft(m *message) (decision, bool) {
	d := e.newReport(m)
	u := d.u
	u.Reply = ""
	conv := d.out.Conversation
	switch {
	case conv != nil:
		c := *conv
		conv = &c
	case d.out.Report != nil:
		// Understood and placed: the moderator files it as it is.
		r := *d.out.Report
		conv = &data.Conversation{PhoneHash: m.phone, Lang: m.lang, Needs: needIDs(u.Categories), StartedAt: m.now,
			State: data.AwaitCategory, Placed: true, Draft: r}
		if u.Place != nil {
			conv.Choices = []data.PlaceChoice{{Name: u.Place.Name, Point: u.Place.Point}}
		}
	case u.Action == ActionRefuse && isCourtesy(m.text):
		return decision{}, false
	case u.Action == ActionRefuse:
		// Not understood, or a need met: a resident who cannot be asked
		// again is not dropped; a moderator reads it.
		conv = &data.Conversation{PhoneHash: m.phone, Lang: m.lang, StartedAt: m.now, State: data.AwaitCategory,
			Draft: data.Report{RawText: text.TruncateBytes(m.raw, data.MaxRawTextBytes), ObservedAt: m.observed,
				Channel: m.channel, Status: data.StatusNew, Reporter: "sms:" + m.phone}}
	default:
		return decision{}, false
	}
	conv.Unasked, conv.UpdatedAt = true, m.now
	if conv.StartedAt.IsZero() {
		conv.StartedAt = m.now
	}
	out := e.outcome(m, "")
	out.Conversation = conv
	return decision{out: out, u: u}, true
}

// elsewhere reports whether next, a message sent after STOP read as a
// draft (optedOutDraft), is a report of its own beside prev, the draft
// kept from the phone's earlier messages: both are placed, at different
// places, and next names a sure need ("we need food at Kariakoo market"
// after "we need water at Tandale market"). Joined, the food was put at
// Tandale Market, where a conversation would have filed two reports. A
// place alone ("Kariakoo market"), a need alone, or a place given to a
// draft without one ("Tandale market", "fire at Tandale market" after
// "tunahitaji maji", as an answer to where would be) still joins.
func elsewhere(prev, next *data.Conversation) bool {
	return prev.Placed && next.Placed && next.Draft.Category != "" && !samePoint(prev.Draft.Location, next.Draft.Location)
}

// joinOptedOut adds message m, sent after STOP, to prev, the draft kept
// from the phone's earlier messages after STOP (Unasked, within
// Config.ConversationTTL), as a conversation's draft takes each of its
// messages: the raw text keeps every message, one per line; the needs are
// merged (mergeNeeds: the earlier keep their rank), the main need is the
// first sure one; the photos are added; the first place found is kept
// (a placed draft stays where it was placed; one without a place takes
// the place or the choices m found). d is m read as a draft of its own
// (optedOutDraft); ok false (a courtesy) adds only its words. The draft
// keeps its id, so moderators see one draft per phone.
func (e *Engine) joinOptedOut(m *message, prev *data.Conversation, d decision, ok bool) decision {
	conv := *prev
	conv.Draft.RawText = text.TruncateBytes(joinLines(prev.Draft.RawText, m.raw), data.MaxRawTextBytes)
	conv.Media = addPhotos(slices.Clone(prev.Media), m.photos)
	conv.UpdatedAt = m.now
	if len(strings.Fields(text.Fold(m.text))) > 1 {
		conv.Lang = m.lang // a sentence tells the language; a word or a photo does not
	} else {
		m.lang = conv.Lang
	}
	if ok {
		next := d.out.Conversation
		cat := prev.Draft.Category
		switch {
		case prev.Placed:
		case next.Placed:
			r := next.Draft
			r.RawText, r.ObservedAt, r.Channel = conv.Draft.RawText, prev.Draft.ObservedAt, prev.Draft.Channel
			conv.Draft, conv.Placed, conv.State, conv.Choices = r, true, next.State, next.Choices
		case len(prev.Choices) == 0 && len(next.Choices) > 0:
			conv.State, conv.Choices, conv.Draft.LocationSource = next.State, next.Choices, next.Draft.LocationSource
		}
		conv.Needs = mergeNeeds(prev.Needs, next.Needs)
		if cat == "" {
			cat = next.Draft.Category
		}
		if cat != "" {
			conv.Needs = mergeNeeds([]string{cat}, conv.Needs)
		}
		conv.Draft.Category = cat
	}
	out := e.outcome(m, "")
	out.Conversation = &conv
	return decision{out: out, u: d.u}
}
