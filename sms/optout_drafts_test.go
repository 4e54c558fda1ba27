package sms_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// TestMessagesAfterStopJoinOneDraft: the messages a stopped phone sends
// join one draft, as a conversation's messages do: the raw text keeps
// every message (a courtesy's too), the needs are merged, the earlier
// first, the first place found is kept; the draft waits for "nothing",
// is marked opted_out and files as a whole. Another phone's messages are
// a draft of their own; a message after the conversation's time to live
// (24 hours) starts a new draft beside the old one; a redelivered message
// is not added twice.
func TestMessagesAfterStopJoinOneDraft(t *testing.T) {
	const bob = "+255 712 000 999"
	type want struct {
		raw      string
		category string   // "" while the draft has no sure need
		needs    []string // in order
		place    string   // the place or first choice, "" for none
	}
	cases := []struct {
		name string
		msgs []string
		want want
	}{
		{"need, place, more needs, thanks", []string{"tunahitaji maji", "Tandale market", "na chakula pia", "asante"},
			want{"tunahitaji maji\nTandale market\nna chakula pia\nasante", "water_supply", []string{"water_supply", "food"}, "Tandale Market"}},
		{"place first", []string{"Tandale market", "fire"}, want{"Tandale market\nfire", "fire", []string{"fire"}, "Tandale Market"}},
		{"the first place is kept", []string{"fire at Tandale market", "shule ya msingi"},
			want{"fire at Tandale market\nshule ya msingi", "fire", []string{"fire"}, "Tandale Market"}},
		{"the first sure need leads", []string{"fire at Tandale market", "tunahitaji maji"},
			want{"fire at Tandale market\ntunahitaji maji", "fire", []string{"fire", "water_supply"}, "Tandale Market"}},
		{"not understood, then a need", []string{"help us please", "tunahitaji maji"},
			want{"help us please\ntunahitaji maji", "water_supply", []string{"water_supply"}, ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			h.send(alice, "STOP")
			for _, msg := range c.msgs {
				h.now = h.now.Add(time.Minute)
				if r := h.send(alice, msg); r.Text != "" || r.ReportID != 0 {
					t.Fatalf("%q after STOP: %+v", msg, r)
				}
			}
			drafts, err := h.engine.Drafts()
			if err != nil || len(drafts) != 1 {
				t.Fatalf("drafts %+v %v, want one", drafts, err)
			}
			d := drafts[0]
			place := ""
			switch {
			case d.Place != nil:
				place = d.Place.Name
			case len(d.Choices) > 0:
				place = d.Choices[0].Name
			}
			if d.RawText != c.want.raw || d.Category != c.want.category || !slices.Equal(d.Needs, c.want.needs) || place != c.want.place {
				t.Fatalf("draft %+v (place %q), want %+v", d, place, c.want)
			}
			if d.Waiting != "nothing" || !d.OptedOut || d.Expired {
				t.Fatalf("draft %+v: want waiting nothing, opted out, not expired", d)
			}
		})
	}

	t.Run("filed as a whole", func(t *testing.T) {
		h := newHarness(t)
		h.send(alice, "STOP")
		for _, msg := range []string{"tunahitaji maji", "fire at Tandale market"} {
			h.now = h.now.Add(time.Minute)
			h.send(alice, msg)
		}
		drafts, _ := h.engine.Drafts()
		if len(drafts) != 1 {
			t.Fatalf("drafts %+v", drafts)
		}
		filed, err := h.engine.FileDraft(context.Background(), drafts[0].ID, sms.DraftDecision{Actor: data.Actor{Name: "mod"}})
		if err != nil {
			t.Fatal(err)
		}
		r := filed.Report
		if r.Category != "water_supply" || !slices.Equal(r.Needs, []string{"water_supply", "fire"}) || r.RawText != "tunahitaji maji\nfire at Tandale market" || r.Location != tandaleMarket.Point {
			t.Fatalf("filed %+v", r)
		}
		if drafts, _ := h.engine.Drafts(); len(drafts) != 0 {
			t.Fatalf("left %+v", drafts)
		}
	})

	t.Run("one draft per sender", func(t *testing.T) {
		h := newHarness(t)
		h.send(alice, "STOP")
		h.send(bob, "STOP")
		for _, m := range []struct{ from, body string }{{alice, "tunahitaji maji"}, {bob, "fire"}, {alice, "Tandale market"}, {bob, "shule ya msingi"}} {
			h.now = h.now.Add(time.Minute)
			h.send(m.from, m.body)
		}
		drafts, _ := h.engine.Drafts()
		var raws []string
		for _, d := range drafts {
			raws = append(raws, d.RawText)
		}
		slices.Sort(raws)
		if want := []string{"fire\nshule ya msingi", "tunahitaji maji\nTandale market"}; !slices.Equal(raws, want) {
			t.Fatalf("drafts %q, want %q", raws, want)
		}
	})

	t.Run("a day later a new draft", func(t *testing.T) {
		h := newHarness(t)
		h.send(alice, "STOP")
		h.send(alice, "tunahitaji maji")
		h.now = h.now.Add(25 * time.Hour)
		h.send(alice, "fire at Tandale market")
		h.now = h.now.Add(time.Minute)
		h.send(alice, "na chakula")
		drafts, _ := h.engine.Drafts()
		if len(drafts) != 2 || drafts[0].RawText != "fire at Tandale market\nna chakula" || drafts[1].RawText != "tunahitaji maji" || !drafts[1].Expired {
			t.Fatalf("drafts %+v", drafts)
		}
	})

	t.Run("a redelivery is not added twice", func(t *testing.T) {
		h := newHarness(t)
		h.send(alice, "STOP")
		in := sms.Inbound{Gateway: "test", MessageID: "again", From: alice, Body: "Tandale market"}
		h.send(alice, "tunahitaji maji")
		for range 2 {
			if _, err := h.engine.Handle(context.Background(), in); err != nil {
				t.Fatal(err)
			}
		}
		if drafts, _ := h.engine.Drafts(); len(drafts) != 1 || strings.Count(drafts[0].RawText, "Tandale market") != 1 {
			t.Fatalf("drafts %+v", drafts)
		}
	})
}

// TestMessagesAfterStopAtAnotherPlace: a stopped phone's message that is
// a report of its own at another place than its placed draft ("we need
// food at Kariakoo market" after "we need water at Tandale market") is a
// draft of its own, as a conversation would have filed two reports; the
// next messages join it. Joined, the food was put at Tandale Market. Near
// misses still join one draft: the same place; a place alone; a need
// alone; a place given to a draft without one (as an answer to where).
func TestMessagesAfterStopAtAnotherPlace(t *testing.T) {
	type draft struct{ raw, place string }
	for _, c := range []struct {
		msgs []string
		want []draft // by raw text
	}{
		{[]string{"we need water at Tandale market", "we need food at Kariakoo market", "asante"},
			[]draft{{"we need food at Kariakoo market\nasante", "Kariakoo Market"}, {"we need water at Tandale market", "Tandale Market"}}},
		{[]string{"we need water at Tandale market", "we need food at Tandale market"},
			[]draft{{"we need water at Tandale market\nwe need food at Tandale market", "Tandale Market"}}},
		{[]string{"we need water at Tandale market", "Kariakoo market"},
			[]draft{{"we need water at Tandale market\nKariakoo market", "Tandale Market"}}},
		{[]string{"we need water at Tandale market", "tunahitaji chakula"},
			[]draft{{"we need water at Tandale market\ntunahitaji chakula", "Tandale Market"}}},
		{[]string{"tunahitaji maji", "fire at Kariakoo market"},
			[]draft{{"tunahitaji maji\nfire at Kariakoo market", "Kariakoo Market"}}},
	} {
		t.Run(strings.Join(c.msgs, "/"), func(t *testing.T) {
			h := correctionHarness(t)
			h.send(alice, "STOP")
			for _, msg := range c.msgs {
				h.now = h.now.Add(time.Minute)
				if r := h.send(alice, msg); r.Text != "" || r.ReportID != 0 {
					t.Fatalf("%q after STOP: %+v", msg, r)
				}
			}
			drafts, err := h.engine.Drafts()
			if err != nil {
				t.Fatal(err)
			}
			var got []draft
			for _, d := range drafts {
				p := ""
				if d.Place != nil {
					p = d.Place.Name
				}
				got = append(got, draft{d.RawText, p})
			}
			slices.SortFunc(got, func(a, b draft) int { return strings.Compare(a.raw, b.raw) })
			if !slices.Equal(got, c.want) {
				t.Fatalf("drafts %q, want %q", got, c.want)
			}
		})
	}
}
