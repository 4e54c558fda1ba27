package data_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// openDraft stores an unfinished conversation for phone, as the SMS engine
// does, and returns it as stored.
func openDraft(t *testing.T, st *data.Store, key, phone, text string, at time.Time) data.Conversation {
	t.Helper()
	c := &data.Conversation{PhoneHash: phone, State: data.AwaitPlace, Lang: "sw", Needs: []string{"water_supply", "food"},
		UpdatedAt: at, Draft: data.Report{Category: "water_supply", RawText: text, ObservedAt: at, Channel: data.ChannelSMS,
			Status: data.StatusNew, Reporter: "sms:" + phone}}
	if cur, err := st.Conversation(phone, time.Time{}); err != nil {
		t.Fatal(err)
	} else if cur != nil {
		c.ID, c.StartedAt = cur.ID, cur.StartedAt
	}
	if _, err := st.CommitSMS(context.Background(), data.SMSOutcome{MessageKey: key, PhoneHash: phone,
		Reply: func(uint64) string { return "ni wapi?" }, Conversation: c}); err != nil {
		t.Fatal(err)
	}
	got, err := st.Conversation(phone, time.Time{})
	if err != nil || got == nil {
		t.Fatalf("conversation: %v", err)
	}
	return *got
}

func TestDraftsListAndFile(t *testing.T) {
	st, _ := datatest.NewStore(t)
	t0 := time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)
	a := openDraft(t, st, "t:1", "hash-a", "maji hayatoki", t0)
	b := openDraft(t, st, "t:2", "hash-b", "chakula hakuna", t0.Add(time.Minute))
	old := openDraft(t, st, "t:3", "hash-c", "moto", t0.Add(-48*time.Hour))
	if a.ID == 0 || b.ID == 0 || a.ID == b.ID || old.ID == 0 || !a.StartedAt.Equal(t0) {
		t.Fatalf("draft ids %d %d %d, started %v", a.ID, b.ID, old.ID, a.StartedAt)
	}
	// A later message keeps the draft's number and start.
	a2 := openDraft(t, st, "t:4", "hash-a", "maji hayatoki\nchakula pia", t0.Add(2*time.Minute))
	if a2.ID != a.ID || !a2.StartedAt.Equal(t0) {
		t.Fatalf("updated draft %d from %v, want %d from %v", a2.ID, a2.StartedAt, a.ID, t0)
	}

	notBefore := t0.Add(-24 * time.Hour)
	drafts, err := st.Drafts(notBefore)
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) != 2 || drafts[0].ID != a.ID || drafts[1].ID != b.ID {
		t.Fatalf("drafts %+v, want a (newest) then b, without the expired one", drafts)
	}
	if drafts[0].Draft.RawText != "maji hayatoki\nchakula pia" || drafts[0].Needs[1] != "food" {
		t.Errorf("draft content %+v", drafts[0])
	}

	ctx := context.Background()
	moderator := data.Actor{UserID: 7, Name: "Mod"}
	calls := 0
	r, conv, err := st.FileDraft(ctx, data.DraftFiling{DraftID: a.ID, NotBefore: notBefore, Actor: moderator, At: t0.Add(time.Hour), Reason: "called back",
		Complete: func(c data.Conversation) (data.Report, error) {
			calls++
			if calls == 1 {
				// The resident writes while the moderator files: the
				// filing is redone on the new draft.
				openDraft(t, st, "t:5", "hash-a", c.Draft.RawText+"\nTandale", t0.Add(3*time.Minute))
			}
			r := c.Draft
			r.Location, r.LocationSource, r.ReceivedAt = orb.Point{39.25, -6.80}, data.SourceManual, t0.Add(time.Hour)
			r.Description = "Water supply — placed by a moderator"
			return r, r.Validate(data.DefaultTaxonomy(), t0.Add(time.Hour))
		}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 2 || !strings.HasSuffix(conv.Draft.RawText, "\nTandale") || !strings.HasSuffix(r.RawText, "\nTandale") {
		t.Errorf("filed %d times from %q", calls, conv.Draft.RawText)
	}
	got, err := st.Get(r.ID)
	if err != nil || got.Category != "water_supply" || got.Location != (orb.Point{39.25, -6.80}) || got.Reporter != "sms:hash-a" {
		t.Fatalf("filed report %+v %v", got, err)
	}
	if c, _ := st.Conversation("hash-a", notBefore); c != nil {
		t.Errorf("the conversation is still open: %+v", c)
	}
	audit, err := st.ReportAudit(r.ID)
	if err != nil || len(audit) != 1 || audit[0].Action != data.ActionDraftFile || audit[0].Actor != moderator || audit[0].Reason != "called back" {
		t.Fatalf("audit %+v %v", audit, err)
	}

	// Filed, expired, unknown: not found; a refused completion stores nothing.
	for _, id := range []uint64{a.ID, old.ID, 999} {
		_, _, err := st.FileDraft(ctx, data.DraftFiling{DraftID: id, NotBefore: notBefore, Complete: func(c data.Conversation) (data.Report, error) {
			return c.Draft, nil
		}})
		if !errors.Is(err, data.ErrNotFound) {
			t.Errorf("draft %d: %v, want not found", id, err)
		}
	}
	bad := errors.New("no place")
	if _, _, err := st.FileDraft(ctx, data.DraftFiling{DraftID: b.ID, NotBefore: notBefore, Complete: func(data.Conversation) (data.Report, error) {
		return data.Report{}, bad
	}}); !errors.Is(err, bad) {
		t.Errorf("refused completion: %v", err)
	}
	if n := st.Extent().Count; n != 1 {
		t.Errorf("%d reports, want 1", n)
	}
	if drafts, _ := st.Drafts(notBefore); len(drafts) != 1 || drafts[0].ID != b.ID {
		t.Errorf("drafts left %+v", drafts)
	}
}

// TestPurgeDraftsFollowsDraftsRule: PurgeDrafts(t) deletes exactly the
// drafts Drafts(t) no longer lists and FileDraft no longer files (last
// updated before t), set-aside drafts included, and nothing else.
func TestPurgeDraftsFollowsDraftsRule(t *testing.T) {
	st, _ := datatest.NewStore(t)
	ctx := context.Background()
	t0 := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	openDraft(t, st, "m1", "old", "maji hayatoki", t0.Add(-time.Second))
	edge := openDraft(t, st, "m2", "edge", "chakula hakuna", t0)
	openDraft(t, st, "m3", "young", "mafuriko", t0.Add(time.Hour))
	// The phone "young" starts a new conversation while its draft's question
	// has expired: the old draft is set aside, not replaced.
	next := &data.Conversation{PhoneHash: "young", State: data.AwaitPlace, Lang: "sw", UpdatedAt: t0.Add(-time.Hour),
		Draft: data.Report{Category: "fire", RawText: "moto", Channel: data.ChannelSMS, Status: data.StatusNew}}
	if _, err := st.CommitSMS(ctx, data.SMSOutcome{MessageKey: "m4", PhoneHash: "young", Conversation: next, KeepOtherDraft: true,
		Reply: func(uint64) string { return "" }}); err != nil {
		t.Fatal(err)
	}
	all, err := st.Drafts(time.Time{})
	if err != nil || len(all) != 4 {
		t.Fatalf("%d drafts (%v), want 4 (the set-aside one kept)", len(all), err)
	}

	listed, err := st.Drafts(t0)
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.PurgeDrafts(ctx, t0)
	if err != nil || n != len(all)-len(listed) || n != 2 {
		t.Fatalf("purged %d (%v), want the 2 drafts Drafts(t0) leaves out", n, err)
	}
	left, err := st.Drafts(time.Time{})
	if err != nil || len(left) != len(listed) {
		t.Fatalf("left %d (%v), want the %d listed", len(left), err, len(listed))
	}
	for i := range left {
		if left[i].ID != listed[i].ID || left[i].UpdatedAt.Before(t0) {
			t.Errorf("left %+v, listed %+v", left[i], listed[i])
		}
	}
	// The draft updated exactly at t0 is kept and can still be filed.
	_, _, err = st.FileDraft(ctx, data.DraftFiling{DraftID: edge.ID, NotBefore: t0, At: t0, Complete: func(c data.Conversation) (data.Report, error) {
		r := c.Draft
		r.Location, r.LocationSource, r.ReceivedAt = orb.Point{39.2, -6.8}, data.SourceManual, t0
		return r, nil
	}})
	if err != nil {
		t.Fatalf("filing the draft at the edge: %v", err)
	}
	if n, err := st.PurgeDrafts(ctx, t0); err != nil || n != 0 {
		t.Fatalf("second purge %d, %v", n, err)
	}
}
