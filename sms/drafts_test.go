package sms_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// TestDraftsForModerators: open conversations are listed at once, stay
// listed after the resident's question expires, and a moderator files
// them with what they lack.
func TestDraftsForModerators(t *testing.T) {
	h := newHarness(t)
	h.send(alice, "maji hayatoki")
	h.now = h.now.Add(time.Minute)
	h.send("+255700000201", "mafuirko Tandale market") // unsure category, sure place
	drafts, err := h.engine.Drafts()
	if err != nil || len(drafts) != 2 {
		t.Fatalf("drafts %+v %v", drafts, err)
	}
	menu, water := drafts[0], drafts[1]
	if menu.Waiting != "category" || menu.Category != "" || menu.Place == nil || menu.Place.Name != tandaleMarket.Name {
		t.Errorf("menu draft %+v", menu)
	}
	if water.Waiting != "place" || water.Category != "water_supply" || water.RawText != "maji hayatoki" || water.Expired {
		t.Errorf("water draft %+v", water)
	}

	// The placed draft lacks only its category.
	ctx := context.Background()
	if _, err := h.engine.FileDraft(ctx, menu.ID, sms.DraftDecision{}); !isField(err, "category") {
		t.Errorf("no category: %v", err)
	}
	filed, err := h.engine.FileDraft(ctx, menu.ID, sms.DraftDecision{Category: "flood", Actor: data.Actor{Name: "mod"}})
	if err != nil {
		t.Fatal(err)
	}
	if r := h.report(filed.Report.ID); r.Category != "flood" || r.Location != tandaleMarket.Point {
		t.Errorf("filed %+v", r)
	}
	if filed.Notice == "" || filed.Notice[:7] != "Asante!" {
		t.Errorf("notice %q", filed.Notice)
	}

	// A day later the question has expired, the draft is still there.
	h.now = h.now.Add(25 * time.Hour)
	drafts, _ = h.engine.Drafts()
	if len(drafts) != 1 || !drafts[0].Expired {
		t.Fatalf("after a day: %+v", drafts)
	}
	if _, err := h.engine.FileDraft(ctx, water.ID, sms.DraftDecision{}); !isField(err, "location") {
		t.Errorf("no place: %v", err)
	}
	p := orb.Point{39.25, -6.80}
	if _, err := h.engine.FileDraft(ctx, water.ID, sms.DraftDecision{Category: "volcano", Location: &p}); !isField(err, "category") {
		t.Errorf("unknown category: %v", err)
	}
	if _, err := h.engine.FileDraft(ctx, water.ID, sms.DraftDecision{Location: &p}); err != nil {
		t.Fatal(err)
	}
	if drafts, _ := h.engine.Drafts(); len(drafts) != 0 {
		t.Errorf("filed drafts listed: %+v", drafts)
	}

	// Past DraftsKeptFor a draft is gone.
	h.send(alice, "maji hayatoki")
	h.now = h.now.Add(sms.DraftsKeptFor + time.Hour)
	if drafts, _ := h.engine.Drafts(); len(drafts) != 0 {
		t.Errorf("an old draft is listed: %+v", drafts)
	}
}

func isField(err error, field string) bool {
	var ve *data.ValidationError
	return errors.As(err, &ve) && ve.Field == field
}

// TestExpiredDraftNeverReplaced: within the conversation's 24 hours every
// message adds to the draft; once its question has expired the phone's
// next message starts afresh — a new draft, or a report filed at once —
// but the old draft is neither replaced nor deleted: it stays listed
// (expired) and a moderator files it, until the retention purges it. The
// same holds for a WhatsApp conversation.
func TestExpiredDraftNeverReplaced(t *testing.T) {
	for _, channel := range []data.Channel{data.ChannelSMS, data.ChannelWhatsApp} {
		t.Run(string(channel), func(t *testing.T) {
			h := newHarness(t)
			ctx := context.Background()
			send := func(body string) sms.Reply {
				t.Helper()
				h.seq++
				r, err := h.engine.Handle(ctx, sms.Inbound{Gateway: "test", MessageID: fmt.Sprintf("m%d", h.seq), From: alice, Body: body, Channel: channel})
				if err != nil {
					t.Fatal(err)
				}
				return r
			}
			send("maji hayatoki")
			h.now = h.now.Add(time.Hour)
			send("na chakula hakuna") // adds to the draft, never replaces it
			ds, _ := h.engine.Drafts()
			if len(ds) != 1 || !slices.Equal(ds[0].Needs, []string{"water_supply", "food"}) || ds[0].RawText != "maji hayatoki\nna chakula hakuna" || ds[0].Channel != channel {
				t.Fatalf("drafts within the day %+v", ds)
			}
			water := ds[0].ID

			h.now = h.now.Add(25 * time.Hour) // the question expired
			if r := send("mafuriko"); r.ReportID != 0 {
				t.Fatalf("a new draft was filed: %+v", r)
			}
			ds, _ = h.engine.Drafts()
			if len(ds) != 2 || ds[0].Category != "flood" || ds[0].Expired || ds[1].ID != water || !ds[1].Expired || ds[1].RawText != "maji hayatoki\nna chakula hakuna" {
				t.Fatalf("drafts after a new one %+v, want the flood draft and the expired water one", ds)
			}
			if r := send("-6.80, 39.25"); r.ReportID == 0 { // answers the flood draft
				t.Fatalf("the place filed nothing: %q", r.Text)
			}
			h.now = h.now.Add(25 * time.Hour)
			if r := send("moto -6.81, 39.26"); r.ReportID == 0 { // a report at once, no conversation open
				t.Fatalf("a full report was not filed: %q", r.Text)
			}
			ds, _ = h.engine.Drafts()
			if len(ds) != 1 || ds[0].ID != water {
				t.Fatalf("drafts %+v, want the water draft still", ds)
			}
			p := orb.Point{39.25, -6.80}
			filed, err := h.engine.FileDraft(ctx, water, sms.DraftDecision{Location: &p})
			if err != nil || filed.Report.Category != "water_supply" || filed.Report.Channel != channel {
				t.Fatalf("filing the old draft: %+v %v", filed.Report, err)
			}

			// An expired draft nobody files is purged after the retention,
			// not before.
			send("maji hayatoki")
			h.now = h.now.Add(25 * time.Hour)
			send("mafuriko")
			if n, err := h.engine.PurgeDrafts(ctx); err != nil || n != 0 {
				t.Fatalf("purged %d before the retention (%v)", n, err)
			}
			h.now = h.now.Add(sms.DraftsKeptFor - 24*time.Hour)
			if n, err := h.engine.PurgeDrafts(ctx); err != nil || n != 1 {
				t.Fatalf("purged %d, want the expired water draft (%v)", n, err)
			}
			if ds, _ := h.engine.Drafts(); len(ds) != 1 || ds[0].Category != "flood" {
				t.Fatalf("drafts after the purge %+v", ds)
			}
		})
	}
}
