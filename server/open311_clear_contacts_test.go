package server_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/server"
)

// TestSealClearContacts: Open311 requests stored by a version that kept
// the contact details in clear get them sealed, still readable by
// moderators; other reports and already sealed ones are left as they are,
// and a second run rewrites nothing.
func TestSealClearContacts(t *testing.T) {
	ts := newOpen311Server(t)
	ctx := context.Background()
	legacy := "open311:" + url.Values{"by": {"admin"}, "email": {"amina@example.org"}, "phone": {"+255 712 345 678"},
		"first_name": {"Amina"}, "device_id": {"dev-42"}}.Encode()
	reports := []data.Report{
		{Category: "flood", Location: [2]float64{39.2502, -6.8001}, Channel: data.ChannelOpen311, Reporter: legacy, Status: data.StatusNew},
		{Category: "flood", Location: [2]float64{39.2503, -6.8002}, Channel: data.ChannelOpen311, Reporter: "open311:by=admin", Status: data.StatusNew},
		{Category: "fire", Location: [2]float64{39.2504, -6.8003}, Channel: data.ChannelSMS, Reporter: "sms:abc123", Status: data.StatusNew},
	}
	for i, r := range reports {
		r.ObservedAt, r.ReceivedAt = now, now
		if _, err := ts.store.Create(ctx, r); err != nil {
			t.Fatalf("report %d: %v", i, err)
		}
	}
	// A request made by this version, sealed already.
	if r := ts.postForm("/open311/v2/requests.json", validForm()); r.Status != 200 {
		t.Fatalf("open311 POST %d: %s", r.Status, r.Body)
	}
	sealedBefore, err := ts.store.Get(4)
	if err != nil {
		t.Fatal(err)
	}

	srv := server.New(server.Config{}, server.Deps{Store: ts.store, Contacts: testVault(t)})
	n, err := srv.SealClearContacts(ctx, ts.store)
	if err != nil || n != 1 {
		t.Fatalf("sealed %d, %v; want 1", n, err)
	}
	got, err := ts.store.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.Reporter, "open311:") || !strings.Contains(got.Reporter, "by=admin") || !strings.Contains(got.Reporter, "sealed=") {
		t.Errorf("reporter after sealing %q", got.Reporter)
	}
	mod := string(ts.get("/api/v1/reports/1").Body)
	for _, v := range []string{"amina@example.org", "+255 712 345 678", "Amina", "dev-42"} {
		if strings.Contains(got.Reporter, v) {
			t.Errorf("%q still in clear: %q", v, got.Reporter)
		}
		if !strings.Contains(mod, v) {
			t.Errorf("the moderator's view lacks %q: %s", v, mod)
		}
	}
	if got.Category != "flood" || got.Status != data.StatusNew || got.Location != reports[0].Location {
		t.Errorf("other fields changed: %+v", got)
	}
	for id, want := range map[uint64]string{2: "open311:by=admin", 3: "sms:abc123", 4: sealedBefore.Reporter} {
		r, err := ts.store.Get(id)
		if err != nil || r.Reporter != want {
			t.Errorf("report %d reporter %q (%v), want %q unchanged", id, r.Reporter, err, want)
		}
	}
	if n, err := srv.SealClearContacts(ctx, ts.store); err != nil || n != 0 {
		t.Errorf("second run sealed %d, %v; want 0", n, err)
	}
	// Without a vault nothing can be sealed, and nothing is touched.
	if n, err := server.New(server.Config{}, server.Deps{Store: ts.store}).SealClearContacts(ctx, ts.store); err != nil || n != 0 {
		t.Errorf("without a vault: %d, %v", n, err)
	}
}
