package sms

import (
	"context"
	"slices"
	"strings"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// optInLangs are the words that resume replies after STOP besides START
// and its equivalents (startLangs, UNSTOP among them): Twilio's opt-in
// YES and "yes" in the other languages, folded, with their languages.
// They resume only a phone that sent STOP: otherwise "yes" answers a
// question. "si" is left out: Swahili "is not" and French "if".
var optInLangs = map[string][]string{"yes": {"en"}, "ndiyo": {"sw"}, "ndio": {"sw"}, "oui": {"fr"},
	"wi": {"ht"}, "sim": {"pt"}}

// optsIn reports whether a message of the folded words resumes replies
// to a phone that sent STOP.
func optsIn(words []string) bool {
	return len(words) == 1 && (startWords[words[0]] || optInLangs[words[0]] != nil)
}

// handleOptedOut handles a message from a phone that sent STOP (sub is
// Stopped): opt-out holds on every gateway, not only those that drop
// replies themselves (Twilio's Advanced Opt-Out), so nothing is sent
// back except to START, UNSTOP, YES or their equivalents, which resume
// replies with ReplyStarted. Every other message is recorded, unanswered:
// a command changes nothing (LEAVE still leaves alerts; STOP again is
// not confirmed again), and any other text or photo is kept as a draft
// for moderators (optedOutDraft), never lost; the phone's open
// conversation or earlier draft, if any, stays a draft of its own.
func (e *Engine) handleOptedOut(ctx context.Context, m *message, sub *data.Subscriber, prev string) (Reply, error) {
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
	silent := e.outcome(m, "")
	silent.At = m.now
	switch {
	case len(words) > 0 && isCommand(words[0], words[1:]):
		if leaveWords[words[0]] && sub.Joined {
			s := *sub
			s.Joined, s.UpdatedAt = false, m.now
			silent.Subscriber = &s
		}
		return e.commit(ctx, silent)
	case !e.limiter.allow(m.phone, m.now), m.text == "" && len(m.photos) == 0:
		return e.commit(ctx, silent)
	}
	d, ok := e.optedOutDraft(m)
	if !ok {
		return e.commit(ctx, silent) // a courtesy ("asante"): nothing to report
	}
	// The photos stay with the draft, said nothing of (withMedia would
	// say); an open conversation, or an earlier draft, stays a draft of
	// its own.
	d.out.Conversation.Media = addPhotos(nil, m.photos)
	d.out.At, d.out.KeepOtherDraft = m.now, true
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
