package ussd_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/ussd"
)

// draftWorld is a menu and the SMS engine that lists and files drafts,
// over one store, on one clock.
type draftWorld struct {
	menu   *ussd.Menu
	engine *sms.Engine
	store  *data.Store
	clock  time.Time
}

func newDraftWorld(t *testing.T) *draftWorld {
	t.Helper()
	st, _ := datatest.NewStore(t)
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	w := &draftWorld{store: st, clock: now}
	clock := func() time.Time { return w.clock }
	if w.menu, err = ussd.New(ussd.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault,
		Areas: func() []ussd.Area { return someAreas(5) }, Locator: nameLocator{"kosovo market": {36.87, -1.255}}, Now: clock}, st); err != nil {
		t.Fatal(err)
	}
	if w.engine, err = sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, Now: clock}, st); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *draftWorld) drafts(t *testing.T) []sms.Draft {
	t.Helper()
	ds, err := w.engine.Drafts()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func (w *draftWorld) dial(t *testing.T, session string, inputs ...string) string {
	t.Helper()
	var out string
	for _, in := range inputs {
		out = ask(t, w.menu, session, "+254722000001", in)
	}
	return out
}

// TestInterruptedSessionLeavesDraft: a session cut after the category
// leaves a draft with that category, hidden while the session could still
// go on and shown once it has been quiet for ussd.SessionTimeout; a
// moderator files it as a report with channel ussd. Nothing else of the
// session is a report.
func TestInterruptedSessionLeavesDraft(t *testing.T) {
	w := newDraftWorld(t)
	ctx := context.Background()
	screen := w.dial(t, "s1", "", "1", "1*2")
	if !strings.HasPrefix(screen, "CON ") || !strings.Contains(screen, "Mathare 0A") {
		t.Fatalf("area screen %q", screen)
	}
	w.dial(t, "s1", "1*2") // the gateway repeats a request: still one draft

	w.clock = now.Add(time.Minute)
	if ds := w.drafts(t); len(ds) != 0 {
		t.Fatalf("drafts while the session may go on: %+v", ds)
	}
	w.clock = now.Add(ussd.SessionTimeout + time.Second)
	ds := w.drafts(t)
	if len(ds) != 1 {
		t.Fatalf("%d drafts after the session timed out, want 1", len(ds))
	}
	d := ds[0]
	second := secondCategory(t, w)
	if d.Channel != data.ChannelUSSD || d.Category != second || d.Waiting != "place" || len(d.Needs) != 1 || d.Needs[0] != second ||
		!strings.Contains(d.RawText, "USSD *384*123#") || d.Place != nil {
		t.Fatalf("draft %+v, want ussd, category %s, waiting for its place", d, second)
	}
	if n := w.store.Find(data.Query{}).Matched; n != 0 {
		t.Fatalf("%d reports from an unfinished session", n)
	}

	p := orb.Point{36.86, -1.256}
	filed, err := w.engine.FileDraft(ctx, d.ID, sms.DraftDecision{Location: &p, PlaceName: "Mathare 3", Actor: data.Actor{Name: "mod"}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := w.store.Get(filed.Report.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Channel != data.ChannelUSSD || r.Category != second || r.Location != p || !strings.HasPrefix(r.Reporter, "sms:") {
		t.Fatalf("filed report %+v", r)
	}
	if !strings.Contains(filed.Notice, "#") {
		t.Fatalf("notice to the resident %q has no reference", filed.Notice)
	}
	if ds := w.drafts(t); len(ds) != 0 {
		t.Fatalf("drafts after filing: %+v", ds)
	}
}

// secondCategory is the category the menu lists second.
func secondCategory(t *testing.T, w *draftWorld) string {
	t.Helper()
	screen := w.dial(t, "probe", "", "1")
	line := strings.Split(screen, "\n")[2] // "2 <label>"
	for _, id := range data.DefaultTaxonomy().IDs() {
		if strings.HasSuffix(line, " "+sms.CategoryLabel(data.DefaultTaxonomy(), id, "en")) {
			return id
		}
	}
	t.Fatalf("no category for %q", line)
	return ""
}

// TestSessionEndedShowsDraftAtOnce: the gateway's end-of-session
// notification shows the draft without waiting for the timeout; a
// notification for a session without draft changes nothing.
func TestSessionEndedShowsDraftAtOnce(t *testing.T) {
	w := newDraftWorld(t)
	ctx := context.Background()
	w.dial(t, "s2", "", "1", "1*1")
	for range 2 { // repeated notifications
		if err := w.menu.SessionEnded(ctx, "s2"); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.menu.SessionEnded(ctx, "never-dialled"); err != nil {
		t.Fatal(err)
	}
	if ds := w.drafts(t); len(ds) != 1 || ds[0].Channel != data.ChannelUSSD {
		t.Fatalf("drafts after the session ended: %+v", ds)
	}
	if err := w.menu.SessionEnded(ctx, ""); !errors.Is(err, ussd.ErrBadSession) {
		t.Fatalf("no session id: %v", err)
	}
}

// TestFinishedOrAbandonedSessionLeavesNoDraft: a session that files its
// report, or that backs out of the report to the main menu, leaves no
// draft; one whose typed landmark was not found keeps the text for
// moderators. A draft still open cannot be filed.
func TestFinishedOrAbandonedSessionLeavesNoDraft(t *testing.T) {
	w := newDraftWorld(t)
	ctx := context.Background()
	end := w.dial(t, "done", "", "1", "1*1", "1*1*2")
	if !strings.HasPrefix(end, "END ") || !refRE.MatchString(end) {
		t.Fatalf("last screen %q", end)
	}
	w.dial(t, "back", "", "1", "1*1", "1*1*0", "1*1*0*0")
	w.dial(t, "lost", "", "1", "1*3", "1*3*9", "1*3*9*behind the old water tank")

	if err := w.menu.SessionEnded(ctx, "done"); err != nil {
		t.Fatal(err)
	}
	w.clock = now.Add(ussd.SessionTimeout + time.Second)
	ds := w.drafts(t)
	if len(ds) != 1 || !strings.Contains(ds[0].RawText, "behind the old water tank") {
		t.Fatalf("drafts %+v, want only the session whose landmark was not found, with its text", ds)
	}
	if n := w.store.Find(data.Query{}).Matched; n != 1 {
		t.Fatalf("%d reports, want the one filed by its session", n)
	}

	// A draft of a session still going on is not there to file.
	w.dial(t, "live", "", "1", "1*1")
	convs, err := w.store.Drafts(time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var live uint64
	for _, c := range convs {
		if c.OpenUntil.After(w.clock) {
			live = c.ID
		}
	}
	p := orb.Point{36.86, -1.256}
	if _, err := w.engine.FileDraft(ctx, live, sms.DraftDecision{Location: &p}); live == 0 || !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("filing the live draft %d: %v, want not found", live, err)
	}
}

// TestUSSDDraftsPurgedAfterRetention: a draft left by an interrupted
// session stays for moderators until sms.Config.DraftRetention after its
// last answer, then PurgeDrafts deletes it; younger drafts stay, and the
// reports of a session that finished and of a draft a moderator filed are
// never touched (they are no drafts any more). Listing, filing and
// purging follow the one retention rule.
func TestUSSDDraftsPurgedAfterRetention(t *testing.T) {
	w := newDraftWorld(t)
	ctx := context.Background()
	const retention = 72 * time.Hour
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	if w.engine, err = sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, DraftRetention: retention,
		Now: func() time.Time { return w.clock }}, w.store); err != nil {
		t.Fatal(err)
	}

	w.dial(t, "old", "", "1", "1*2")                                    // cut short: a draft
	w.dial(t, "filed", "", "1", "1*1")                                  // cut short, then filed by a moderator
	w.dial(t, "done", "", "1", "1*1", "1*1*2")                          // finished: a report
	w.dial(t, "lost", "", "1", "1*3", "1*3*9", "1*3*9*behind the tank") // its landmark not found: a draft
	w.clock = now.Add(ussd.SessionTimeout + time.Second)
	ds := w.drafts(t)
	if len(ds) != 3 {
		t.Fatalf("%d drafts, want 3: %+v", len(ds), ds)
	}
	var filedID uint64
	second := secondCategory(t, w)
	for _, d := range ds {
		if !strings.Contains(d.RawText, "behind the tank") && d.Category != second {
			filedID = d.ID
		}
	}
	p := orb.Point{36.86, -1.256}
	filed, err := w.engine.FileDraft(ctx, filedID, sms.DraftDecision{Location: &p, Actor: data.Actor{Name: "mod"}})
	if err != nil {
		t.Fatal(err)
	}

	// A younger draft, from a session two days later.
	w.clock = now.Add(48 * time.Hour)
	w.dial(t, "young", "", "1", "1*4")

	// Just before the retention ends the old drafts are still there.
	w.clock = now.Add(retention - time.Minute)
	if n, err := w.engine.PurgeDrafts(ctx); err != nil || n != 0 {
		t.Fatalf("purge before the retention: %d, %v", n, err)
	}
	if ds := w.drafts(t); len(ds) != 3 {
		t.Fatalf("%d drafts before the retention ends, want 3", len(ds))
	}

	w.clock = now.Add(retention + ussd.SessionTimeout + time.Minute)
	n, err := w.engine.PurgeDrafts(ctx)
	if err != nil || n != 2 {
		t.Fatalf("purged %d (%v), want the 2 old drafts", n, err)
	}
	ds = w.drafts(t)
	if len(ds) != 1 || ds[0].Channel != data.ChannelUSSD || !ds[0].StartedAt.Equal(now.Add(48*time.Hour)) {
		t.Fatalf("drafts after the purge %+v, want the young one", ds)
	}
	convs, err := w.store.Drafts(time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range convs {
		if c.UpdatedAt.Before(now.Add(time.Hour)) {
			t.Errorf("an old draft is still stored: %+v", c)
		}
	}
	if n := w.store.Find(data.Query{}).Matched; n != 2 {
		t.Fatalf("%d reports after the purge, want the finished session's and the filed draft's", n)
	}
	if _, err := w.store.Get(filed.Report.ID); err != nil {
		t.Fatalf("the filed draft's report: %v", err)
	}
	if n, err := w.engine.PurgeDrafts(ctx); err != nil || n != 0 {
		t.Fatalf("a second purge: %d, %v", n, err)
	}
}

// TestUSSDDraftAddsNeverReplaces: a second landmark typed in a session
// (the first was not found) adds to the session's draft, and a second
// session cut short from the same phone leaves a second draft: the first
// draft's words are never replaced.
func TestUSSDDraftAddsNeverReplaces(t *testing.T) {
	w := newDraftWorld(t)
	w.dial(t, "one", "", "1", "1*3", "1*3*9", "1*3*9*behind the tank", "1*3*9*behind the tank*opposite the mosque")
	w.clock = now.Add(10 * time.Minute)
	w.dial(t, "two", "", "1", "1*1", "1*1*9", "1*1*9*near the school")
	w.clock = now.Add(10*time.Minute + ussd.SessionTimeout + time.Second)
	ds := w.drafts(t)
	if len(ds) != 2 {
		t.Fatalf("%d drafts, want one per session: %+v", len(ds), ds)
	}
	second, first := ds[0], ds[1] // newest first
	if !strings.Contains(first.RawText, "behind the tank") || !strings.Contains(first.RawText, "opposite the mosque") {
		t.Errorf("first session's draft %q: want both landmarks typed", first.RawText)
	}
	if !strings.Contains(second.RawText, "near the school") || strings.Contains(second.RawText, "mosque") || first.ID == second.ID {
		t.Errorf("second session's draft %+v", second)
	}
}
