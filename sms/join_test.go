package sms_test

import (
	"strings"
	"testing"
)

// TestJoinWordOrReport: a message that begins with "antre" or "entrar"
// (enter, also JOIN words) and reports a need is a report from a normal
// phone and a draft from a stopped one, never the unknown area's answer,
// a JOIN of the area it names, nor a silent command; without a need it is
// a JOIN command when short. JOIN itself is always one: known areas join,
// unknown ones, however long, are told so.
func TestJoinWordOrReport(t *testing.T) {
	for _, c := range []struct {
		msg    string
		report bool   // a report conversation or report #1 (normal phone), a draft (stopped phone)
		reply  string // the normal phone's reply begins so, when no report
	}{
		{"antre dlo nan kay la", true, ""},
		{"entrar agua en la casa", true, ""},
		{"antre lari a bloke", true, ""},
		{"JOIN Atlantis", false, `We do not know the area "Atlantis"`},
		{"antre Atlantis", false, `Nou pa konnen zòn "Atlantis"`},
		{"jiunge Atlantis", false, `Hatulijui eneo "Atlantis"`},
		{"JOIN Dar es Salaam", false, `We do not know the area "Dar es Salaam"`},
		{"JOIN Kigamboni ward number 5", false, `We do not know the area "Kigamboni ward number 5"`},
		{"antre dlo nan kay mwen Tandale", true, ""},
		{"JOIN Tandale", false, "You will now get alerts for Tandale."},
		{"jiunge Tandale", false, "Sasa utapata taarifa za Tandale."},
	} {
		t.Run(c.msg, func(t *testing.T) {
			h := newHarness(t)
			r := h.send(alice, c.msg)
			conv := h.conversation()
			if c.report != (conv != nil || strings.Contains(r.Text, "#1 ")) || !c.report && !strings.HasPrefix(r.Text, c.reply) {
				t.Fatalf("%q: %q, conversation %+v", c.msg, r.Text, conv)
			}
			h = newHarness(t)
			h.send(alice, "STOP")
			if r := h.send(alice, c.msg); r.Text != "" && !strings.Contains(c.msg, "Tandale") {
				t.Fatalf("%q after STOP answered %q", c.msg, r.Text)
			}
			drafts, err := h.engine.Drafts()
			if err != nil {
				t.Fatal(err)
			}
			if c.report != (len(drafts) == 1 && drafts[0].OptedOut && drafts[0].RawText == c.msg) || !c.report && len(drafts) != 0 {
				t.Fatalf("%q after STOP: drafts %+v", c.msg, drafts)
			}
		})
	}
}
