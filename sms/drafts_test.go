package sms_test

import (
	"context"
	"errors"
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
