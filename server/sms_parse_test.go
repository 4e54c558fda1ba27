package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
)

// smsWorld is an account world with a real SMS engine over its store.
func smsWorld(t *testing.T) *accountWorld {
	t.Helper()
	return newAccountWorld(t, server.Config{}, func(st *data.Store) server.Deps {
		vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
		if err != nil {
			t.Fatal(err)
		}
		engine, err := sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault,
			Area: orb.Bound{Min: orb.Point{39.1, -7.0}, Max: orb.Point{39.4, -6.6}},
			Now:  func() time.Time { return now }}, st)
		if err != nil {
			t.Fatal(err)
		}
		return server.Deps{SMS: engine}
	})
}

// TestSMSParseRoute: moderators see what the SMS channel understands of
// messages, and nothing is stored.
func TestSMSParseRoute(t *testing.T) {
	w := smsWorld(t)
	if r := w.as(data.RoleMapper, http.MethodPost, "/api/v1/sms/parse", `{"text": "moto"}`); r.Status != http.StatusForbidden {
		t.Fatalf("a mapper parsed: %d %s", r.Status, r.Body)
	}

	r := w.as(data.RoleModerator, http.MethodPost, "/api/v1/sms/parse", `{"text": "mafuriko -6.8123, 39.2567"}`)
	if r.Status != http.StatusOK {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	one := decode[sms.ParsedMessage](t, r.Body)
	if one.Action != sms.ActionFile || one.Category == nil || *one.Category != "flood" || one.Place == nil ||
		one.Place.Lat != -6.8123 || one.Place.Lon != 39.2567 || one.Language != "sw" {
		t.Errorf("one message: %s", r.Body)
	}

	r = w.as(data.RoleModerator, http.MethodPost, "/api/v1/sms/parse",
		`{"lang": "sw", "messages": ["maji hayatoki, chakula hakuna", {"id": "x9", "text": "HELP"}, {"text": "39.2567 -6.8123 mafuriko"}]}`)
	if r.Status != http.StatusOK {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	many := decode[struct{ Results []sms.ParsedMessage }](t, r.Body)
	if len(many.Results) != 3 {
		t.Fatalf("results: %s", r.Body)
	}
	water := many.Results[0]
	if string(water.ID) != "1" || water.Action != sms.ActionAskPlace || water.Category == nil || *water.Category != "water_supply" ||
		len(water.Categories) != 2 || water.Categories[1].Category != "food" || !strings.Contains(water.Reply, "Huduma ya maji na Mahitaji ya chakula") {
		t.Errorf("two needs: %+v", water)
	}
	if help := many.Results[1]; string(help.ID) != `"x9"` || help.Action != sms.ActionCommand {
		t.Errorf("help: %+v", help)
	}
	// Longitude first: read swapped to fall inside the area, and asked.
	if sw := many.Results[2]; string(sw.ID) != "3" || sw.Action != sms.ActionConfirmPlace || sw.Place == nil || sw.Place.Lat != -6.8123 {
		t.Errorf("swapped: %+v", sw)
	}
	if n := w.store.Extent().Count; n != 0 {
		t.Errorf("parse stored %d reports", n)
	}

	for _, tc := range []struct{ body, field string }{
		{`{}`, "text"},
		{`{"messages": []}`, "text"},
		{`{"txt": "moto"}`, "body"},
		{`[1]`, "body"},
		{`{"text": "a", "messages": ["b"]}`, "messages"},
		{`{"messages": ["a", 5]}`, "messages[1]"},
		{`{"messages": [{"id": 1}]}`, "messages[0].text"},
		{`{"messages": [{"id": 1, "text": 2}]}`, "messages[0]"},
		{`{"text": "moto", "lang": "de"}`, "lang"},
	} {
		r := w.as(data.RoleModerator, http.MethodPost, "/api/v1/sms/parse", tc.body)
		if e := decode[apiErr](t, r.Body); r.Status != http.StatusBadRequest || e.Error.Field != tc.field {
			t.Errorf("%s: %d %s, want 400 naming %q", tc.body, r.Status, r.Body, tc.field)
		}
	}
}
