package data_test

import (
	"context"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// TestPurgeHandled: the records of messages handled before the cut are
// deleted (a redelivery of one is then new to the store), younger ones
// are kept and still answer their redelivery, and reports stay.
func TestPurgeHandled(t *testing.T) {
	st, _ := datatest.NewStore(t)
	ctx := context.Background()
	t0 := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	handle := func(key string, at time.Time, withReport bool) {
		t.Helper()
		o := data.SMSOutcome{MessageKey: key, PhoneHash: "p-" + key, At: at, Reply: func(id uint64) string { return "reply to " + key }}
		if withReport {
			o.Report = &data.Report{Category: "flood", Location: [2]float64{39.25, -6.8}, Channel: data.ChannelSMS,
				Status: data.StatusNew, ObservedAt: at, ReceivedAt: at}
		}
		if _, err := st.CommitSMS(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	handle("old-1", t0.Add(-48*time.Hour), true)
	handle("old-2", t0.Add(-time.Second), false)
	handle("edge", t0, false)
	handle("young", t0.Add(time.Hour), true)

	n, err := st.PurgeHandled(ctx, t0)
	if err != nil || n != 2 {
		t.Fatalf("purged %d (%v), want the 2 handled before t0", n, err)
	}
	for key, kept := range map[string]bool{"old-1": false, "old-2": false, "edge": true, "young": true} {
		res, found, err := st.SMSReply(key)
		if err != nil || found != kept {
			t.Errorf("%s: found %v (%v), want %v", key, found, err, kept)
		}
		if kept && res.Reply != "reply to "+key {
			t.Errorf("%s: reply %q", key, res.Reply)
		}
	}
	if ids := st.Find(data.Query{Limit: 10}).IDs; len(ids) != 2 {
		t.Errorf("reports %v, want both kept", ids)
	}
	if n, err := st.PurgeHandled(ctx, t0); err != nil || n != 0 {
		t.Errorf("second purge: %d, %v", n, err)
	}
}
