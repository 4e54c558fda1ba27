package sms_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// TestRomanUrduAnswers: a conversation takes Roman Urdu answers: "haan",
// "ji", "ji haan" say yes and "nahi", "nahin" no to "Near X? 1 haan, 2
// nahi"; the menu numbers in words ("ek" … "nau", "number do") choose;
// "koi nahi" answers the menu "none", "pata nahi" the place question "I
// don't know"; a bare "nahi" is answered in Urdu; UNSUB (Pakistan's
// short codes' opt-out) stops. They were read as words: "haan" asked
// where again, "do" filed "other", "koi nahi" filed "other". Near misses: "do" is English and Portuguese
// too, so beside other words it is no number ("do you know" to the menu
// is words, filed as "other" as before, not asked again; "do log zakhmi
// hain", two people injured, files the injured), and outside a menu
// reply it is what "2" is (a first message, or one after a receipt: not
// understood); "do you have water" is a report of water.
func TestRomanUrduAnswers(t *testing.T) {
	replies := sms.DefaultReplies()
	confirm := "aag 6.8123, 39.2567" // swapped, south sign dropped: "Near …? 1 haan, 2 nahi"
	fixed := orb.Point{39.2567, -6.8123}
	for _, c := range []struct {
		answer string
		yes    bool
	}{{"haan", true}, {"Haan.", true}, {"ji", true}, {"ji haan", true}, {"Jee haan", true}, {"haan ji", true},
		{"nahi", false}, {"Nahin", false}, {"nhi", false}} {
		t.Run("confirm/"+c.answer, func(t *testing.T) {
			h := newHarness(t)
			if r := h.send(alice, confirm); !strings.Contains(r.Text, "1 haan, 2 nahi") {
				t.Fatalf("%q: %q, want the Urdu question", confirm, r.Text)
			}
			r := h.send(alice, c.answer)
			conv := h.conversation()
			switch {
			case c.yes && (r.ReportID == 0 || h.report(r.ReportID).Location != fixed):
				t.Fatalf("%q: %+v, want filed at %v", c.answer, r, fixed)
			case !c.yes && (r.ReportID != 0 || conv == nil || conv.State != data.AwaitPlace):
				t.Fatalf("%q: %+v (%+v), want asked where", c.answer, r, conv)
			}
		})
	}

	for _, c := range []struct {
		answer string
		pick   int    // the menu number filed; 0 none
		need   string // else the need filed
	}{
		{"ek", 1, ""}, {"do", 2, ""}, {"Teen", 3, ""}, {"char", 4, ""}, {"chaar", 4, ""}, {"panch", 5, ""},
		{"paanch", 5, ""}, {"chhe", 6, ""}, {"saat", 7, ""}, {"number do", 2, ""}, {"do please", 2, ""},
		// Near misses: words.
		{"do you know", 0, "other"},
		{"do log zakhmi hain", 0, "medical"},
	} {
		t.Run("menu/"+c.answer, func(t *testing.T) {
			h := newHarness(t)
			h.send(alice, fmt.Sprintf(placeOnly["en"], "Tandale market"))
			conv := h.conversation()
			if conv == nil || len(conv.Menu) < 7 {
				t.Fatalf("no menu: %+v", conv)
			}
			want := c.need
			if c.pick > 0 {
				want = conv.Menu[c.pick-1]
			}
			if r := h.send(alice, c.answer); r.ReportID == 0 || h.report(r.ReportID).Category != want {
				t.Fatalf("%q: %+v, want %s filed", c.answer, r, want)
			}
		})
	}

	t.Run("none and don't know", func(t *testing.T) {
		h := newHarness(t)
		h.send(alice, fmt.Sprintf(placeOnly["en"], "Tandale market"))
		if r := h.send(alice, "koi nahi"); r.ReportID != 0 || h.conversation() == nil || !h.conversation().AskedWords {
			t.Fatalf("koi nahi: %+v, want asked for words", r)
		}
		h = newHarness(t)
		h.send(alice, "hamein pani chahiye")
		label := defaultTaxonomy().Category("water_supply").Label("ur")
		if r, want := h.send(alice, "pata nahi"), replies.Text("ur", sms.ReplyPlaceUnknown, harnessExamples, label); r.Text != want {
			t.Fatalf("pata nahi: %q, want %q", r.Text, want)
		}
	})

	t.Run("outside a menu", func(t *testing.T) {
		for _, no := range []string{"nahi", "nhi"} {
			h := newHarness(t)
			if r, want := h.send(alice, no), replies.Text("ur", sms.ReplyNotUnderstood, harnessExamples); r.Text != want {
				t.Fatalf("bare %s: %q, want %q", no, r.Text, want)
			}
		}
		h := newHarness(t)
		h = newHarness(t)
		two := h.send(alice, "2")
		if r := h.send("+255 700 000 001", "do"); r.Text != two.Text || r.ReportID != 0 {
			t.Fatalf("first message do: %+v, want what 2 gets (%q)", r, two.Text)
		}
		if r := h.send("+255 700 000 002", "do you have water"); r.ReportID != 0 || !strings.HasPrefix(r.Text, "Water supply: where?") {
			t.Fatalf("do you have water: %+v", r)
		}
		h.send("+255 700 000 005", "fire at Tandale market")
		twoAfter := h.send("+255 700 000 005", "2")
		filed := h.send("+255 700 000 003", "fire at Tandale market")
		r := h.send("+255 700 000 003", "do")
		if filed.ReportID == 0 || r.ReportID != twoAfter.ReportID || r.Text != twoAfter.Text {
			t.Fatalf("do after a receipt: %+v, want what 2 gets (%+v)", r, twoAfter)
		}
		if r := h.send("+255 700 000 004", "UNSUB"); !h.stopped("+255 700 000 004") || r.Text != replies.Text("en", sms.ReplyStopped, harnessExamples) {
			t.Fatalf("UNSUB: %+v, stopped %v", r, h.stopped("+255 700 000 004"))
		}
	})
}
