package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/sms"
)

// replyKind is the template a reply was written from: its key and
// language, and the template as a pattern of the whole reply.
type replyKind struct {
	key, lang string
	re        *regexp.Regexp
}

// replyVerb finds the arguments and example places of a template.
var replyVerb = regexp.MustCompile(`%(\[\d\])?[sd]|\{(landmark|area|plus_code)\}`)

// replyKinds are the built-in replies' templates, every key in every
// language, as patterns: a reply is read back as the key and language it
// was written in.
func replyKinds(t *testing.T) []replyKind {
	t.Helper()
	r := sms.DefaultReplies()
	var out []replyKind
	for _, lang := range r.Languages() {
		for _, key := range sms.ReplyKeys() {
			tmpl := r.Template(lang, key)
			if tmpl == "" {
				continue
			}
			var b strings.Builder
			b.WriteString("^")
			last := 0
			for _, m := range replyVerb.FindAllStringIndex(tmpl, -1) {
				b.WriteString(regexp.QuoteMeta(sms.ToGSM7(tmpl[last:m[0]])))
				if strings.HasSuffix(tmpl[m[0]:m[1]], "d") {
					b.WriteString(`(\d+)`)
				} else {
					b.WriteString(`(.+?)`)
				}
				last = m[1]
			}
			b.WriteString(regexp.QuoteMeta(sms.ToGSM7(tmpl[last:])) + "$")
			out = append(out, replyKind{key: key, lang: lang, re: regexp.MustCompile(b.String())})
		}
	}
	return out
}

// readReply returns the key and language of a reply ("" when no template
// writes it).
func readReply(kinds []replyKind, reply string) (key, lang string) {
	for _, k := range kinds {
		if k.re.MatchString(reply) {
			return k.key, k.lang
		}
	}
	return "", ""
}

// turn is one message of a resident and the key facts of its reply: the
// template (sms.Reply* key: what the engine did) and its language, what
// it must name (the needs understood, the place) and must not.
type turn struct {
	send      string
	key, lang string
	// review: a moderator verifies the report last filed before the
	// message is sent.
	review bool
	names  []string
	not    []string
}

// menuLabel finds {menu:Label} in a message to send: the number of Label
// on the menu just received.
var menuLabel = regexp.MustCompile(`\{menu:([^}]+)\}`)

// turnConversation is a conversation of turns and what the last report it
// filed must hold.
type turnConversation struct {
	name  string
	turns []turn
	// needs are the needs of the last report filed, in order (nil: not
	// checked).
	needs []string
	// at is the end of the last report's description (its place), raw
	// a line of its raw text, note the note of a resident's entry in
	// its audit log; "" when not checked.
	at, raw, note string
}

// playTurns plays each conversation from its own phone (phones followed
// by its index) through w's Twilio webhook: every reply is read back as
// the template and language it was written from and must name what was
// understood, fit one SMS, and a receipt carry a reference; then the last
// report filed is read as a moderator reads it.
func (w *residentCity) playTurns(t *testing.T, phones string, conversations []turnConversation) {
	t.Helper()
	kinds := replyKinds(t)
	for i, c := range conversations {
		from := fmt.Sprintf("%s%06d", phones, i)
		var reply, first, last string
		for _, x := range c.turns {
			send := strings.ReplaceAll(x.send, "{ref}", first)
			send = menuLabel.ReplaceAllStringFunc(send, func(m string) string {
				label := menuLabel.FindStringSubmatch(m)[1]
				for _, it := range menuItem.FindAllStringSubmatch(reply, -1) {
					if strings.TrimSpace(it[2]) == label {
						return it[1]
					}
				}
				t.Fatalf("%s: %q is not on the menu %q", c.name, label, reply)
				return ""
			})
			if x.review {
				w.verify(last)
			}
			reply = w.text(from, send)
			t.Logf("%s\n  > %.80q\n  < %q", c.name, send, reply)
			key, lang := readReply(kinds, reply)
			if key != x.key || lang != x.lang {
				t.Errorf("%s: %.80q: got %q, a %s reply in %q; want %s in %q", c.name, send, reply, key, lang, x.key, x.lang)
			}
			for _, s := range x.names {
				if s = strings.ReplaceAll(s, "{ref}", first); !strings.Contains(reply, s) {
					t.Errorf("%s: %.80q: got %q, not naming %q", c.name, send, reply, s)
				}
			}
			for _, s := range x.not {
				if strings.Contains(reply, s) {
					t.Errorf("%s: %.80q: got %q, naming %q", c.name, send, reply, s)
				}
			}
			if n := sms.GSM7Len(reply); n < 0 || n > 160 {
				t.Errorf("%s: %.80q: a reply of %d septets: %q", c.name, send, n, reply)
			}
			if key == sms.ReplyReportReceived || key == sms.ReplyPlaceCorrected || key == sms.ReplyPlaceNoted {
				m := refInReply.FindStringSubmatch(reply)
				if m == nil {
					t.Fatalf("%s: a receipt without reference: %q", c.name, reply)
				}
				if first == "" {
					first = m[1]
				}
				last = m[1]
			}
		}
		switch {
		case c.needs == nil:
		case last == "":
			t.Errorf("%s: no report filed", c.name)
		default:
			rep := w.report(last)
			if !slices.Equal(rep.Properties.Needs, c.needs) || rep.Properties.Category != c.needs[0] {
				t.Errorf("%s: report #%s has category %q, needs %v; want %v", c.name, last, rep.Properties.Category, rep.Properties.Needs, c.needs)
			}
			if !strings.HasSuffix(rep.Properties.Description, c.at) {
				t.Errorf("%s: report #%s is described %q, not at %q", c.name, last, rep.Properties.Description, c.at)
			}
			if c.raw != "" && !slices.Contains(strings.Split(rep.Properties.RawText, "\n"), c.raw) {
				t.Errorf("%s: report #%s has raw text %q, without %q", c.name, last, rep.Properties.RawText, c.raw)
			}
			if c.note != "" && !slices.Contains(w.residentNotes(last), c.note) {
				t.Errorf("%s: report #%s has no note %q of its resident: %v", c.name, last, c.note, w.residentNotes(last))
			}
		}
	}
}
