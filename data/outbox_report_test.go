package data_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

const atGW = "africastalking"

var reportT0 = time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)

// queueTo queues one message per (id, phone hash) pair, due at reportT0.
func queueTo(t *testing.T, st *data.Store, pairs ...string) {
	t.Helper()
	var msgs []data.Outbound
	for i := 0; i+1 < len(pairs); i += 2 {
		msgs = append(msgs, data.Outbound{ID: pairs[i], Gateway: atGW, PhoneHash: pairs[i+1], Text: "text " + pairs[i],
			Status: data.OutboundQueued, NextAttemptAt: reportT0, CreatedAt: reportT0, UpdatedAt: reportT0})
	}
	if err := st.QueueOutbound(context.Background(), msgs...); err != nil {
		t.Fatal(err)
	}
}

// claimAs claims every due message of the gateway as dispatcher name at
// now, one per number, and returns their ids.
func claimAs(t *testing.T, st *data.Store, name string, now time.Time) []string {
	t.Helper()
	got, err := st.ClaimOutboundPerNumber(context.Background(), atGW, []data.OutboundStatus{data.OutboundQueued, data.OutboundSending}, now, 100,
		func(o *data.Outbound) {
			o.Status, o.ClaimedBy, o.ClaimedAt, o.NextAttemptAt = data.OutboundSending, name, now, now.Add(5*time.Minute)
		})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range got {
		ids = append(ids, m.ID)
	}
	return ids
}

func message(t *testing.T, st *data.Store, id string) data.Outbound {
	t.Helper()
	far := reportT0.Add(1000 * time.Hour)
	for _, s := range []data.OutboundStatus{data.OutboundQueued, data.OutboundSending, data.OutboundSent, data.OutboundDelivered, data.OutboundFailed} {
		msgs, err := st.Outbox(atGW, []data.OutboundStatus{s}, far, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.ID == id {
				return m
			}
		}
	}
	t.Fatalf("no message %s", id)
	return data.Outbound{}
}

// recordReport is RecordOutboundReport without the adopted flag, which
// the tests read from the message.
func recordReport(ctx context.Context, st *data.Store, r data.OutboundReport, adoptable func(*data.Outbound) bool) (*data.Outbound, error) {
	m, _, err := st.RecordOutboundReport(ctx, r, adoptable)
	return m, err
}

// unclaimed is the rule for messages of unknown outcome: no live claim.
func unclaimed(o *data.Outbound) bool { return o.ClaimedBy == "" }

// TestClaimOutboundPerNumber: one batch takes one message per number, and
// no message to a number with another message "sending" (claimed, or of
// unknown outcome) is claimed until that one is recorded.
func TestClaimOutboundPerNumber(t *testing.T) {
	st, _ := datatest.NewStore(t)
	queueTo(t, st, "a1", "A", "a2", "A", "b1", "B")
	first := claimAs(t, st, "d1", reportT0)
	if len(first) != 2 || !slices.Contains(first, "b1") || slices.Contains(first, "a1") == slices.Contains(first, "a2") {
		t.Fatalf("first batch %v, want one message to A and b1", first)
	}
	// Another dispatcher finds nothing: A and B are "sending".
	if got := claimAs(t, st, "d2", reportT0.Add(time.Second)); len(got) != 0 {
		t.Fatalf("claimed %v while A and B had messages sending", got)
	}
	var sentA string
	for _, id := range first {
		if id != "b1" {
			sentA = id
		}
	}
	if _, err := st.UpdateOutbound(context.Background(), []string{sentA, "b1"}, func(o *data.Outbound) {
		o.Status, o.ClaimedBy, o.ProviderID = data.OutboundSent, "", "AT-"+o.ID
	}); err != nil {
		t.Fatal(err)
	}
	second := claimAs(t, st, "d2", reportT0.Add(2*time.Second))
	if len(second) != 1 || second[0] == sentA {
		t.Fatalf("after the record: claimed %v, want the other message to A", second)
	}
	// Plain ClaimOutbound keeps no such rule (Twilio, SMSSync).
	queueTo(t, st, "c1", "C", "c2", "C")
	got, err := st.ClaimOutbound(context.Background(), atGW, []data.OutboundStatus{data.OutboundQueued}, reportT0.Add(3*time.Second), 100, func(o *data.Outbound) {
		o.Status = data.OutboundSending
	})
	if err != nil || len(got) != 2 {
		t.Fatalf("ClaimOutbound: %d, %v; want both messages to C", len(got), err)
	}
}

// TestRecordOutboundReport: a report on a known id applies its final
// status; one on an unknown id is adopted by the message of unknown
// outcome to its number (not by a live claim, not by another number's),
// else kept; a kept report applies when its message is recorded with its
// id later, and AdoptOutboundReport takes kept reports received since a
// time only.
func TestRecordOutboundReport(t *testing.T) {
	ctx := context.Background()
	st, _ := datatest.NewStore(t)
	queueTo(t, st, "known", "K", "lost", "L", "live", "V")
	claimAs(t, st, "d1", reportT0)
	at := reportT0.Add(time.Second)
	if _, err := st.UpdateOutbound(ctx, []string{"known"}, func(o *data.Outbound) {
		o.Status, o.ClaimedBy, o.ProviderID, o.Attempts = data.OutboundSent, "", "AT-1", 1
	}); err != nil {
		t.Fatal(err)
	}
	// "lost": its dispatcher died; the claim was released (unknown outcome).
	if _, err := st.UpdateOutbound(ctx, []string{"lost"}, func(o *data.Outbound) { o.ClaimedBy = "" }); err != nil {
		t.Fatal(err)
	}

	// Known id: intermediate changes nothing, final applies.
	if m, err := recordReport(ctx, st, data.OutboundReport{Gateway: atGW, ProviderID: "AT-1", PhoneHash: "K", Status: data.OutboundSent, ReceivedAt: at}, unclaimed); err != nil || m != nil {
		t.Fatalf("intermediate report on a known id: %v, %v", m, err)
	}
	if m, err := recordReport(ctx, st, data.OutboundReport{Gateway: atGW, ProviderID: "AT-1", PhoneHash: "K", Status: data.OutboundFailed, Reason: "Rejected", ReceivedAt: at}, unclaimed); err != nil || m == nil || m.Status != data.OutboundFailed || m.LastError != "Rejected" {
		t.Fatalf("final report on a known id: %+v, %v", m, err)
	}

	// Unknown id, number L: adopted by "lost".
	m, adopted, err := st.RecordOutboundReport(ctx, data.OutboundReport{Gateway: atGW, ProviderID: "AT-2", PhoneHash: "L", Status: data.OutboundSent, ReceivedAt: at}, unclaimed)
	if err != nil || m == nil || m.ID != "lost" || !adopted {
		t.Fatalf("report on L: %+v (adopted %v), %v; want adopted by lost", m, adopted, err)
	}
	if got := message(t, st, "lost"); got.Status != data.OutboundSent || got.ProviderID != "AT-2" || got.Attempts != 1 || got.ClaimedBy != "" {
		t.Fatalf("lost after adoption: %+v", got)
	}
	// Its later final report goes by the id now.
	if m, err := recordReport(ctx, st, data.OutboundReport{Gateway: atGW, ProviderID: "AT-2", PhoneHash: "L", Status: data.OutboundDelivered, ReceivedAt: at}, unclaimed); err != nil || m == nil || m.Status != data.OutboundDelivered {
		t.Fatalf("final report on the adopted id: %+v, %v", m, err)
	}
	if ob, err := st.OutboundByProvider(atGW, "AT-2"); err != nil || ob == nil || ob.ID != "lost" {
		t.Fatalf("OutboundByProvider(AT-2) = %+v, %v", ob, err)
	}

	// Unknown id, number V: "live" is claimed by a live dispatcher, so the
	// report is kept, and applies when "live" is recorded with that id.
	if m, err := recordReport(ctx, st, data.OutboundReport{Gateway: atGW, ProviderID: "AT-3", PhoneHash: "V", Status: data.OutboundDelivered, ReceivedAt: at}, unclaimed); err != nil || m != nil {
		t.Fatalf("report on V with a live claim: %+v, %v; want kept", m, err)
	}
	if got := message(t, st, "live"); got.Status != data.OutboundSending {
		t.Fatalf("live after the kept report: %s", got.Status)
	}
	changed, err := st.UpdateOutbound(ctx, []string{"live"}, func(o *data.Outbound) {
		o.Status, o.ClaimedBy, o.ProviderID = data.OutboundSent, "", "AT-3"
	})
	if err != nil || len(changed) != 1 || changed[0].Status != data.OutboundDelivered {
		t.Fatalf("record of live with the kept report's id: %+v, %v; want delivered", changed, err)
	}
	if got := message(t, st, "live"); got.Status != data.OutboundDelivered {
		t.Fatalf("live stored as %s", got.Status)
	}

	// A report without a number is applied by id only, never kept.
	if m, err := recordReport(ctx, st, data.OutboundReport{Gateway: atGW, ProviderID: "AT-9", Status: data.OutboundDelivered, ReceivedAt: at}, unclaimed); err != nil || m != nil {
		t.Fatalf("report without number: %+v, %v", m, err)
	}
}

// TestAdoptOutboundReport: a message of unknown outcome adopts the
// earliest report kept for its number since the given time; reports from
// before it, or to another number, are not taken; the adopted one is
// removed, and PruneOutboundReports removes old ones.
func TestAdoptOutboundReport(t *testing.T) {
	ctx := context.Background()
	st, _ := datatest.NewStore(t)
	queueTo(t, st, "m", "P")
	claimAs(t, st, "dead", reportT0)
	keep := func(id, phone string, at time.Time) {
		t.Helper()
		// The message is claimed by "dead" (a live claim to the rule): kept.
		if m, err := recordReport(ctx, st, data.OutboundReport{Gateway: atGW, ProviderID: id, PhoneHash: phone, Status: data.OutboundSent, ReceivedAt: at}, unclaimed); err != nil || m != nil {
			t.Fatalf("report %s: %+v, %v; want kept", id, m, err)
		}
	}
	keep("before", "P", reportT0.Add(-time.Minute)) // a message sent from the dashboard earlier
	keep("other", "Q", reportT0.Add(2*time.Second))
	keep("first", "P", reportT0.Add(3*time.Second))
	keep("second", "P", reportT0.Add(4*time.Second))

	later := reportT0.Add(10 * time.Minute)
	notDead := func(o *data.Outbound) bool { return o.ClaimedBy == "alive" }
	if m, err := st.AdoptOutboundReport(ctx, "m", reportT0, later, notDead); err != nil || m != nil {
		t.Fatalf("adopt refused by the rule: %+v, %v", m, err)
	}
	claimAs(t, st, "alive", later) // the lease ended: "alive" takes it over
	m, err := st.AdoptOutboundReport(ctx, "m", reportT0, later, notDead)
	if err != nil || m == nil || m.ProviderID != "first" || m.Status != data.OutboundSent || !m.UpdatedAt.Equal(later) {
		t.Fatalf("adopt: %+v, %v; want sent as first", m, err)
	}
	// Kept: before (older than since), other (number Q), second. Pruning
	// at a time after all of them but "second" leaves only that one.
	n, err := st.PruneOutboundReports(ctx, reportT0.Add(3500*time.Millisecond))
	if err != nil || n != 2 {
		t.Fatalf("prune: %d, %v; want before and other (first was adopted)", n, err)
	}
	if n, err := st.PruneOutboundReports(ctx, later); err != nil || n != 1 {
		t.Fatalf("prune the rest: %d, %v; want second", n, err)
	}
}
