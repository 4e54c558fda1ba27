package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

// writePlacesOnlyExtract writes a city mapped as Monrovia is: place points
// (a suburb and a neighbourhood 885 m apart) and buildings, no boundary
// polygon at all.
func writePlacesOnlyExtract(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<osm version=\"0.6\">\n")
	b.WriteString(`<node id="1" version="1" lat="6.3000000" lon="10.0000000"><tag k="place" v="suburb"/><tag k="name" v="Kaptown"/></node>` + "\n")
	b.WriteString(`<node id="2" version="1" lat="6.3000000" lon="10.0080000"><tag k="place" v="neighbourhood"/><tag k="name" v="Bondiville"/></node>` + "\n")
	var ways strings.Builder
	id := 100
	for i := range 12 {
		lon, lat := 9.997+float64(i%4)*0.004, 6.298+float64(i/4)*0.002
		first := id
		for _, c := range [][2]float64{{0, 0}, {0.0002, 0}, {0.0002, 0.0002}, {0, 0.0002}} {
			fmt.Fprintf(&b, `<node id="%d" version="1" lat="%.7f" lon="%.7f"/>`+"\n", id, lat+c[1], lon+c[0])
			id++
		}
		fmt.Fprintf(&ways, `<way id="%d" version="1"><nd ref="%d"/><nd ref="%d"/><nd ref="%d"/><nd ref="%d"/><nd ref="%d"/><tag k="building" v="yes"/></way>`+"\n",
			1000+i, first, first+1, first+2, first+3, first)
	}
	b.WriteString(ways.String() + "</osm>\n")
	path := filepath.Join(t.TempDir(), "places-only.osm")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAreasWithoutBoundariesE2E runs `mtaa serve` on an extract with place
// points and no boundary polygon: a report gets the nearest place as its
// area (basis nearest_place), the area-summaries layer summarises that
// place, the areas collection lists its area as a polygon, the export's
// area= filter keeps the reports of that place only,
// and an area alert by area_id reaches the subscribers who joined there
// and no one else.
func TestAreasWithoutBoundariesE2E(t *testing.T) {
	const (
		sid, token, admin = "AC00000000000000000000000000000042", "placestoken0123456789", "places-admin-token"
		public            = "https://mtaa.example.org"
	)
	dir := t.TempDir()
	api := smstest.NewFakeTwilio(t, sid, token)
	p := startServe(t, dir, "--osm", writePlacesOnlyExtract(t), "--public-url", public, "--admin-token", admin,
		"--twilio-account-sid", sid, "--twilio-auth-token", token, "--twilio-from", "+231800000000", "--twilio-api-base", api.URL)

	text := func(n int, from, body string) {
		t.Helper()
		form := url.Values{"MessageSid": {fmt.Sprintf("SMplaces%024d", n)}, "AccountSid": {sid},
			"From": {from}, "To": {"+231800000000"}, "Body": {body}}
		r := call(t, http.MethodPost, p.base+"/sms/twilio", form.Encode(), "Content-Type", "application/x-www-form-urlencoded",
			"X-Twilio-Signature", sms.TwilioSignature(token, public+"/sms/twilio", form))
		if r.status != 200 {
			t.Fatalf("SMS %q: %d %s", body, r.status, r.body)
		}
	}
	text(1, "+231770000001", "JOIN Kaptown")
	text(2, "+231770000002", "JOIN Bondiville")

	type areaRef struct {
		OSMType string `json:"osm_type"`
		OSMID   int64  `json:"osm_id"`
		Name    string `json:"name"`
		Kind    string `json:"kind"`
		Basis   string `json:"basis"`
	}
	post := func(lon, lat float64) (int, []areaRef) {
		t.Helper()
		code, body := send(t, "POST", p.base+"/api/v1/reports", fmt.Sprintf(
			`{"type":"Feature","geometry":{"type":"Point","coordinates":[%.6f,%.6f]},"properties":{"category":"flood","description":"water in the houses"}}`, lon, lat))
		if code != 201 {
			t.Fatalf("POST report: %d %s", code, body)
		}
		var f struct {
			ID         int
			Properties struct{ Areas []areaRef }
		}
		if err := json.Unmarshal(body, &f); err != nil {
			t.Fatal(err)
		}
		got := getJSON[struct {
			Properties struct{ Areas []areaRef }
		}](t, p.base+"/api/v1/reports/"+itoa(f.ID))
		return f.ID, got.Properties.Areas
	}
	near, areas := post(10.0018, 6.3001) // 200 m from Kaptown
	if len(areas) != 1 || areas[0] != (areaRef{OSMType: "node", OSMID: 1, Name: "Kaptown", Kind: "place", Basis: "nearest_place"}) {
		t.Fatalf("areas of a report 200 m from Kaptown: %+v", areas)
	}
	other, areas := post(10.0070, 6.2995) // 110 m from Bondiville
	if len(areas) != 1 || areas[0].Name != "Bondiville" || areas[0].Basis != "nearest_place" {
		t.Fatalf("areas of a report near Bondiville: %+v", areas)
	}
	if _, areas := post(10.05, 6.35); len(areas) != 0 {
		t.Fatalf("a report 6 km from every place has areas %+v", areas)
	}

	// The area summaries (computed with the risk grid, in the background).
	type summary struct {
		ID         string
		Properties map[string]any
	}
	var kaptown *summary
	deadline := time.Now().Add(30 * time.Second)
	for kaptown == nil || kaptown.Properties["open_hazard_reports"].(float64) != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("no summary of Kaptown with its open report within 30 s: %+v", kaptown)
		}
		time.Sleep(100 * time.Millisecond)
		page := getJSON[struct{ Features []summary }](t, p.base+"/ogc/collections/area-summaries/items?limit=100")
		for i, f := range page.Features {
			if f.Properties["name"] == "Kaptown" {
				kaptown = &page.Features[i]
			}
		}
	}
	if kaptown.ID != "place-node-1" || kaptown.Properties["basis"] != "nearest_place" || kaptown.Properties["buildings"].(float64) == 0 {
		t.Fatalf("Kaptown's summary: %s %v", kaptown.ID, kaptown.Properties)
	}

	// The areas collection, where the ops page finds the areas to filter
	// and alert by, lists the places' areas as polygons.
	areasPage := getJSON[struct {
		Features []struct {
			ID         string
			Geometry   struct{ Type string }
			Properties struct {
				Kind string
				Name string
			}
		}
	}](t, p.base+"/ogc/collections/areas/items?limit=100")
	var listed []string
	for _, f := range areasPage.Features {
		listed = append(listed, f.ID+"/"+f.Properties.Kind+"/"+f.Properties.Name+"/"+f.Geometry.Type)
	}
	if strings.Join(listed, ",") != "node-1/place/Kaptown/Polygon,node-2/place/Bondiville/Polygon" {
		t.Fatalf("areas collection: %v", listed)
	}

	// The export of Kaptown's reports.
	code, body := send(t, "GET", p.base+"/api/v1/export/reports.geojson?area=node-1", "")
	if code != 200 {
		t.Fatalf("export area=node-1: %d %s", code, body)
	}
	var fc struct{ Features []struct{ ID int } }
	if err := json.Unmarshal(body, &fc); err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != 1 || fc.Features[0].ID != near {
		t.Fatalf("export area=node-1 has %+v, want report %d only (not %d)", fc.Features, near, other)
	}
	if code, body := send(t, "GET", p.base+"/api/v1/export/reports.geojson?area=node-99", ""); code != 400 || !strings.Contains(string(body), `"area"`) {
		t.Fatalf("export area=node-99: %d %s", code, body)
	}

	// An alert to Kaptown reaches the subscriber who joined there.
	r := call(t, http.MethodPost, p.base+"/api/v1/alerts", `{"message":"Flood warning for Kaptown","area_id":"node-1"}`,
		"Content-Type", "application/json", "Authorization", "Bearer "+admin)
	var alert struct {
		Recipients int    `json:"recipients"`
		AreaName   string `json:"area_name"`
	}
	if err := json.Unmarshal([]byte(r.body), &alert); err != nil || r.status != 201 || alert.Recipients != 1 {
		t.Fatalf("alert to node-1: %d %s", r.status, r.body)
	}
	deadline = time.Now().Add(30 * time.Second)
	for len(api.Sent()["+231770000001"]) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the Kaptown subscriber got no alert within 30 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	sent := api.Sent()
	if !strings.Contains(sent["+231770000001"][0], "Flood warning for Kaptown") || len(sent["+231770000002"]) != 0 {
		t.Fatalf("sent %v: want the alert to the Kaptown subscriber only", sent)
	}
}
