package server_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
)

type draft struct {
	ID       uint64
	Waiting  string
	Lang     string
	Category string
	Needs    []string
	RawText  string `json:"raw_text"`
}

// TestSMSDraftsRoute: an unplaced SMS draft is visible to moderators at
// once (without the number), and a moderator files it with a place: the
// report is stored and audited, the conversation closed, and the resident
// told the reference by SMS.
func TestSMSDraftsRoute(t *testing.T) {
	const phone = "+255712000222"
	vault, _ := sms.NewPhoneVault(make([]byte, sms.KeySize), bytes.Repeat([]byte{7}, sms.KeySize))
	var engine *sms.Engine
	var d *sms.Dispatcher
	w := newAccountWorld(t, server.Config{}, func(st *data.Store) server.Deps {
		var err error
		engine, err = sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, Now: func() time.Time { return now }}, st)
		if err != nil {
			t.Fatal(err)
		}
		d, _ = sms.NewDispatcher(sms.DispatcherConfig{Phones: vault, Now: func() time.Time { return now }}, st)
		return server.Deps{SMS: engine, Reporters: d}
	})
	ctx := context.Background()
	for i, body := range []string{"maji hayatoki", "na chakula hakuna"} {
		if _, err := engine.Handle(ctx, sms.Inbound{Gateway: "twilio", MessageID: "SM" + uintStr(uint64(i)), From: phone, Body: body}); err != nil {
			t.Fatal(err)
		}
	}

	if r := w.as(data.RoleMapper, http.MethodGet, "/api/v1/sms/drafts", ""); r.Status != http.StatusForbidden {
		t.Fatalf("a mapper listed drafts: %d", r.Status)
	}
	r := w.as(data.RoleModerator, http.MethodGet, "/api/v1/sms/drafts", "")
	if r.Status != http.StatusOK {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	for _, secret := range []string{"712000222", vault.Hash(phone)} {
		if strings.Contains(string(r.Body), secret) {
			t.Fatalf("the draft list shows %q: %s", secret, r.Body)
		}
	}
	list := decode[struct{ Drafts []draft }](t, r.Body).Drafts
	if len(list) != 1 || list[0].Waiting != "place" || list[0].Category != "water_supply" || len(list[0].Needs) != 2 ||
		list[0].RawText != "maji hayatoki\nna chakula hakuna" || list[0].Lang != "sw" {
		t.Fatalf("drafts %s", r.Body)
	}
	id := uintStr(list[0].ID)

	for _, tc := range []struct{ body, field string }{
		{`{}`, "location"},
		{`{"category": "volcano", "location": [39.25, -6.80]}`, "category"},
		{`{"location": [39.25]}`, "location"},
		{`{"location": [39.25, -6.80], "colour": "red"}`, "body"},
	} {
		r := w.as(data.RoleModerator, http.MethodPost, "/api/v1/sms/drafts/"+id+"/file", tc.body)
		if e := decode[apiErr](t, r.Body); r.Status/100 != 4 || e.Error.Field != tc.field {
			t.Errorf("%s: %d %s, want a 4xx naming %q", tc.body, r.Status, r.Body, tc.field)
		}
	}
	if n := w.store.Extent().Count; n != 0 {
		t.Fatalf("refused filings stored %d reports", n)
	}

	r = w.as(data.RoleModerator, http.MethodPost, "/api/v1/sms/drafts/"+id+"/file",
		`{"location": [39.25, -6.80], "place_name": "Soko la Tandale", "reason": "called back"}`)
	if r.Status != http.StatusCreated {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	res := decode[struct {
		ID           uint64
		Category     string
		ResidentTold bool `json:"resident_told"`
	}](t, r.Body)
	rep, err := w.store.Get(res.ID)
	if err != nil || rep.Category != "water_supply" || len(rep.Needs) != 2 || rep.Needs[1] != "food" || rep.Location != (orb.Point{39.25, -6.80}) || rep.LocationSource != data.SourceManual ||
		rep.RawText != "maji hayatoki\nna chakula hakuna" || rep.Reporter != "sms:"+vault.Hash(phone) || !res.ResidentTold {
		t.Fatalf("filed %+v %v (%s)", rep, err, r.Body)
	}
	if audit := w.auditOf(res.ID); len(audit) != 1 || audit[0].Action != data.ActionDraftFile || audit[0].Actor.UserID != w.users[data.RoleModerator].ID || audit[0].Reason != "called back" {
		t.Errorf("audit %+v", audit)
	}
	tasks, err := d.TakeForPhone(ctx, 10)
	if err != nil || len(tasks) != 1 || tasks[0].To != sms.NormalizePhone(phone) || !strings.HasPrefix(tasks[0].Message, "Asante! Ripoti #"+uintStr(res.ID)) ||
		!strings.Contains(tasks[0].Message, "Soko la Tandale") {
		t.Fatalf("outbox %+v %v", tasks, err)
	}
	if r := w.as(data.RoleModerator, http.MethodGet, "/api/v1/sms/drafts", ""); len(decode[struct{ Drafts []draft }](t, r.Body).Drafts) != 0 {
		t.Errorf("the filed draft is still listed: %s", r.Body)
	}
	if r := w.as(data.RoleModerator, http.MethodPost, "/api/v1/sms/drafts/"+id+"/file", `{"location": [39.25, -6.80]}`); r.Status != http.StatusNotFound {
		t.Errorf("filed twice: %d %s", r.Status, r.Body)
	}
	// The resident's next message starts afresh.
	reply, err := engine.Handle(ctx, sms.Inbound{Gateway: "twilio", MessageID: "SM9", From: phone, Body: "Tandale"})
	if err != nil || reply.ReportID != 0 {
		t.Fatalf("after filing: %+v %v", reply, err)
	}
}
