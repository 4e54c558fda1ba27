package server_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

// newNeedsServer is the OSM test world (the area way-20, Mtogole, around
// 39.25, -6.80) with four reports:
//
//	1 flood, one need, in the area
//	2 food, needs food, water_supply, shelter, in the area
//	3 shelter, needs shelter, food, imported with its source labels, far away
//	4 water_supply, needs water_supply and security (sensitive), at securityTrue, in the area,
//	  with a reporter's number and the raw SMS (neither ever exported)
func newNeedsServer(t *testing.T) *testServer {
	t.Helper()
	ts := newOSMServer(t)
	multi := datatest.Report(orb.Point{39.2512, -6.8012}, "food", t0.Add(time.Hour))
	multi.Needs = []string{"food", "water_supply", "shelter"}
	imported := datatest.Report(orb.Point{39.30, -6.70}, "shelter", t0.Add(2*time.Hour))
	imported.Needs, imported.SourceCategories = []string{"shelter", "food"}, []string{"IDP concentration", "2a. Penurie d'aliments | Food Shortage"}
	imported.Channel, imported.LocationSource = data.ChannelImport, data.SourceImport
	secret := datatest.Report(securityTrue, "water_supply", t0.Add(3*time.Hour))
	secret.Needs = []string{"water_supply", "security"}
	secret.Reporter, secret.RawText = phone, "RAW-SMS maji na wezi usiku"
	acc := 4.0
	secret.AccuracyM = &acc
	for i, r := range []data.Report{datatest.Report(orb.Point{39.25, -6.80}, "flood", t0), multi, imported, secret} {
		if err := r.Validate(data.DefaultTaxonomy(), now); err != nil {
			t.Fatal(err)
		}
		res, err := ts.store.Create(context.Background(), r)
		if err != nil || res.Report.ID != uint64(i+1) {
			t.Fatalf("report %d: id %d, %v", i+1, res.Report.ID, err)
		}
	}
	return ts
}

// TestReportNeedsInJSON: the report's Feature carries every need, ranked,
// and the source labels of an imported report.
func TestReportNeedsInJSON(t *testing.T) {
	ts := newNeedsServer(t)
	for id, want := range map[int]struct {
		needs, sources string
	}{
		1: {"[flood]", ""},
		2: {"[food water_supply shelter]", ""},
		3: {"[shelter food]", "[IDP concentration 2a. Penurie d'aliments | Food Shortage]"},
	} {
		r := ts.get(fmt.Sprintf("/api/v1/reports/%d", id))
		if r.Status != http.StatusOK {
			t.Fatalf("report %d: %d %s", id, r.Status, r.Body)
		}
		p := decode[feature](t, r.Body).Properties
		if got := fmt.Sprint(p["needs"]); got != want.needs {
			t.Errorf("report %d: needs %s, want %s", id, got, want.needs)
		}
		sources, has := p["source_categories"]
		if want.sources == "" && has || want.sources != "" && fmt.Sprint(sources) != want.sources {
			t.Errorf("report %d: source_categories %v (present %v), want %q", id, sources, has, want.sources)
		}
	}
}

// TestFilterBySecondaryNeed: category= keeps the reports with that need,
// main or not, in OGC items (numberMatched included) and both export
// formats, alone and with bbox and area; Open311's service_code stays the
// main category.
func TestFilterBySecondaryNeed(t *testing.T) {
	ts := newNeedsServer(t)
	tests := []struct {
		name, query string
		ids         []string
	}{
		{"main category", "category=flood", []string{"1"}},
		{"secondary need", "category=water_supply", []string{"2", "4"}},
		{"need of two reports", "category=shelter", []string{"2", "3"}},
		{"sensitive secondary need", "category=security", []string{"4"}},
		{"two categories", "category=flood,food", []string{"1", "2", "3"}},
		{"need and bbox", "category=shelter&bbox=39.24,-6.81,39.26,-6.79", []string{"2"}},
		{"need and status", "category=food&status=verified", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/ogc", func(t *testing.T) {
			r := ts.get("/ogc/collections/reports/items?" + tt.query)
			if r.Status != http.StatusOK {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			it := decode[items](t, r.Body)
			var ids []string
			for _, f := range it.Features {
				ids = append(ids, fmt.Sprint(f.ID))
			}
			if !slices.Equal(ids, tt.ids) || it.NumberMatched != len(tt.ids) {
				t.Fatalf("ids %v matched %d, want %v", ids, it.NumberMatched, tt.ids)
			}
		})
		for _, format := range []string{"geojson", "csv"} {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				ex := readExport(t, ts, "/api/v1/export/reports."+format+"?"+tt.query)
				if ex.status != http.StatusOK || !slices.Equal(ex.ids, tt.ids) {
					t.Fatalf("%d ids %v, want %v\n%s", ex.status, ex.ids, tt.ids, ex.body)
				}
			})
		}
	}
	for _, format := range []string{"geojson", "csv"} {
		ex := readExport(t, ts, "/api/v1/export/reports."+format+"?area=way-20&category=shelter")
		if !slices.Equal(ex.ids, []string{"2"}) {
			t.Errorf("%s area and need: ids %v, want [2]", format, ex.ids)
		}
	}

	// Open311: one service per request, the main category.
	list := ts.get("/open311/v2/requests.json?service_code=water_supply")
	reqs := decode[[]map[string]any](t, list.Body)
	if list.Status != http.StatusOK || len(reqs) != 1 || fmt.Sprint(reqs[0]["service_request_id"]) != "4" {
		t.Fatalf("open311 service_code=water_supply: %d %s", list.Status, list.Body)
	}
	if r := ts.get("/open311/v2/requests.json?service_code=security"); r.Status != http.StatusOK || string(bytes.TrimSpace(r.Body)) != "[]" {
		t.Errorf("open311 service_code=security lists a report whose main category is water_supply: %s", r.Body)
	}
}

// TestSecondarySensitiveNeedGeneralised: a report is generalised in
// exports and Open311 when any of its needs is sensitive, not only its
// main category.
func TestSecondarySensitiveNeedGeneralised(t *testing.T) {
	ts := newNeedsServer(t)
	for _, format := range []string{"geojson", "csv"} {
		ex := readExport(t, ts, "/api/v1/export/reports."+format+"?category=water_supply")
		if len(ex.rows) != 2 {
			t.Fatalf("%s: %d rows", format, len(ex.rows))
		}
		row := ex.rows[1]
		if row["lon"] != "39.255" || row["lat"] != "-6.805" || row["location_generalised"] != "true" || row["accuracy_m"] != "" {
			t.Errorf("%s: report with a security need not generalised: %v", format, row)
		}
		if ex.rows[0]["location_generalised"] == "true" {
			t.Errorf("%s: report without a sensitive need generalised: %v", format, ex.rows[0])
		}
		if bytes.Contains(ex.body, []byte("39.2537")) || bytes.Contains(ex.body, []byte("6.8063")) {
			t.Errorf("%s: true point in the export", format)
		}
	}
	r := ts.get("/open311/v2/requests/4.json")
	reqs := decode[[]map[string]any](t, r.Body)
	if r.Status != http.StatusOK || len(reqs) != 1 {
		t.Fatalf("open311 request 4: %d %s", r.Status, r.Body)
	}
	if q := reqs[0]; q["service_code"] != "water_supply" || q["lat"] != -6.805 || q["long"] != 39.255 {
		t.Errorf("open311 request 4: service_code %v at %v, %v; want water_supply at the cell centre", q["service_code"], q["lat"], q["long"])
	}
}

// TestExportNeedsColumn: the CSV export's needs column joins every need
// with ";", and the HXL row tags it as a list of event type codes.
func TestExportNeedsColumn(t *testing.T) {
	ts := newNeedsServer(t)
	hxl := ts.get("/api/v1/export/reports.csv?hxl=true")
	recs, err := csv.NewReader(bytes.NewReader(hxl.Body)).ReadAll()
	if err != nil || len(recs) != 6 {
		t.Fatalf("%v, %d rows\n%s", err, len(recs), hxl.Body)
	}
	col := slices.Index(recs[0], "needs")
	if col < 0 || recs[1][col] != "#event+type+code+list" {
		t.Fatalf("needs column %d, tags %q", col, recs[1])
	}
	var got []string
	for _, rec := range recs[2:] {
		got = append(got, rec[col])
	}
	if want := []string{"flood", "food;water_supply;shelter", "shelter;food", "water_supply;security"}; !slices.Equal(got, want) {
		t.Errorf("needs %q, want %q", got, want)
	}
}

// TestExportLabelsLanguage: the CSV export's category_label and
// needs_labels are the taxonomy's labels in the language lang= names
// (English without it), in the order of needs, and the HXL row says the
// language; another language, or lang on an export without labels, is
// refused.
func TestExportLabelsLanguage(t *testing.T) {
	ts := newNeedsServer(t)
	tax := data.DefaultTaxonomy() // the taxonomy newOSMServer's server runs with
	labels := func(lang string, ids ...string) string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = tax.Category(id).Label(lang)
		}
		return strings.Join(out, ";")
	}
	if labels("fr", "food") == labels("en", "food") || labels("sw", "shelter") == labels("en", "shelter") ||
		labels("pt", "flood") == labels("en", "flood") || labels("es", "food") == labels("en", "food") || labels("ht", "water_supply") == labels("en", "water_supply") {
		t.Fatal("the taxonomy's French, Swahili, Portuguese, Spanish or Creole labels are the English ones: the test cannot tell them apart")
	}
	for _, tc := range []struct{ query, lang string }{{"", "en"}, {"&lang=en", "en"}, {"&lang=fr", "fr"}, {"&lang=sw", "sw"},
		{"&lang=pt", "pt"}, {"&lang=es", "es"}, {"&lang=ht", "ht"}} {
		r := ts.get("/api/v1/export/reports.csv?hxl=true" + tc.query)
		recs, err := csv.NewReader(bytes.NewReader(r.Body)).ReadAll()
		if r.Status != http.StatusOK || err != nil || len(recs) != 6 {
			t.Fatalf("%s: %d %v, %d rows\n%s", tc.query, r.Status, err, len(recs), r.Body)
		}
		cat, list := slices.Index(recs[0], "category_label"), slices.Index(recs[0], "needs_labels")
		if cat < 0 || list != len(recs[0])-1 {
			t.Fatalf("%s: category_label at %d, needs_labels at %d of %q (want last)", tc.query, cat, list, recs[0])
		}
		if want := "#event+type+name+i_" + tc.lang; recs[1][cat] != want {
			t.Errorf("%s: category_label tag %q, want %q", tc.query, recs[1][cat], want)
		}
		if want := "#event+type+name+list+i_" + tc.lang; recs[1][list] != want {
			t.Errorf("%s: needs_labels tag %q, want %q", tc.query, recs[1][list], want)
		}
		var gotCat, gotList []string
		for _, rec := range recs[2:] {
			gotCat, gotList = append(gotCat, rec[cat]), append(gotList, rec[list])
		}
		wantCat := []string{labels(tc.lang, "flood"), labels(tc.lang, "food"), labels(tc.lang, "shelter"), labels(tc.lang, "water_supply")}
		wantList := []string{labels(tc.lang, "flood"), labels(tc.lang, "food", "water_supply", "shelter"),
			labels(tc.lang, "shelter", "food"), labels(tc.lang, "water_supply", "security")}
		if !slices.Equal(gotCat, wantCat) || !slices.Equal(gotList, wantList) {
			t.Errorf("%s: category_label %q, needs_labels %q; want %q, %q", tc.query, gotCat, gotList, wantCat, wantList)
		}
	}
	for _, path := range []string{"/api/v1/export/reports.csv?lang=de", "/api/v1/export/reports.csv?lang=FR",
		"/api/v1/export/reports.geojson?lang=fr", "/api/v1/export/facilities.csv?lang=fr"} {
		r := ts.get(path)
		if e := decode[apiErr](t, r.Body); r.Status != http.StatusBadRequest || e.Error.Field != "lang" {
			t.Errorf("%s: %d %s, want 400 on lang", path, r.Status, r.Body)
		}
	}
}

// TestPostReportWithNeeds: a web report may name several needs; they are
// checked against the taxonomy, and the main category goes first when the
// list lacks it.
func TestPostReportWithNeeds(t *testing.T) {
	ts := newTestServer(t)
	body := `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]},` +
		`"properties":{"category":"food","needs":["water_supply","shelter"]}}`
	r := ts.post(body)
	if r.Status != http.StatusCreated {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	if got := fmt.Sprint(decode[feature](t, r.Body).Properties["needs"]); got != "[food water_supply shelter]" {
		t.Errorf("needs %s", got)
	}
	before := ts.fileHash()
	for _, needs := range []string{`["water_supply","unicorns"]`, `["food","food"]`, `"food"`, `[1]`} {
		bad := strings.Replace(body, `["water_supply","shelter"]`, needs, 1)
		r := ts.post(bad)
		e := decode[apiErr](t, r.Body)
		if r.Status != http.StatusBadRequest || e.Error.Field != "properties.needs" {
			t.Errorf("needs %s: %d %s, want 400 on properties.needs", needs, r.Status, r.Body)
		}
	}
	if ts.fileHash() != before {
		t.Error("refused reports changed the file")
	}
}

// TestModerateNeeds: a moderator changes needs and the main category
// with them, with a reason, one audit entry per request; bad needs are
// refused with 422 naming the field and change nothing.
func TestModerateNeeds(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, nil)
	r := datatest.Report(orb.Point{39.25, -6.80}, "food", now.Add(-time.Hour))
	r.Needs = []string{"food", "water_supply", "shelter"}
	res, err := w.store.Create(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	id := res.Report.ID
	steps := []struct {
		name, body   string
		wantCategory string
		wantNeeds    []string
	}{
		{"needs keep the main category", `{"needs":["shelter","food"],"reason":"no water problem"}`, "food", []string{"shelter", "food"}},
		{"needs without the main category", `{"needs":["medical","shelter"],"reason":"an injured child"}`, "medical", []string{"medical", "shelter"}},
		{"category and needs", `{"category":"shelter","needs":["medical","food"],"reason":"re-read"}`, "shelter", []string{"shelter", "medical", "food"}},
		{"category alone takes the main need's place", `{"category":"fire","reason":"it is a fire"}`, "fire", []string{"fire", "medical", "food"}},
		{"category alone already a need", `{"category":"food","reason":"food first"}`, "food", []string{"medical", "food"}},
		{"back to one need", `{"needs":["food"],"reason":"one need"}`, "food", nil},
	}
	for i, step := range steps {
		resp := w.patch(data.RoleModerator, id, step.body)
		if resp.Status != http.StatusOK {
			t.Fatalf("%s: %d %s", step.name, resp.Status, resp.Body)
		}
		got, _ := w.store.Get(id)
		if got.Category != step.wantCategory || !slices.Equal(got.Needs, step.wantNeeds) {
			t.Fatalf("%s: category %q needs %q, want %q %q", step.name, got.Category, got.Needs, step.wantCategory, step.wantNeeds)
		}
		if p := decode[feature](t, resp.Body).Properties; fmt.Sprint(p["needs"]) != fmt.Sprint(got.AllNeeds()) {
			t.Errorf("%s: answer needs %v, want %v", step.name, p["needs"], got.AllNeeds())
		}
		log := w.auditOf(id)
		if len(log) != i+1 {
			t.Fatalf("%s: %d audit entries, want %d", step.name, len(log), i+1)
		}
		a, _ := data.AuditState(log[i].After)
		if a.Category != step.wantCategory || !slices.Equal(a.Needs, got.AllNeeds()) {
			t.Errorf("%s: audited after %+v", step.name, a)
		}
	}

	before := w.fileHash()
	for _, bad := range []struct{ name, body, field string }{
		{"unknown need", `{"needs":["food","unicorns"],"reason":"x"}`, "needs"},
		{"repeated need", `{"needs":["food","food"],"reason":"x"}`, "needs"},
		{"empty needs", `{"needs":[],"reason":"x"}`, "needs"},
		{"too many", `{"needs":["flood","fire","landslide","building_collapse","people_trapped","medical","shelter","food","sanitation"],"reason":"x"}`, "needs"},
		{"too many with the category", `{"category":"other","needs":["flood","fire","landslide","building_collapse","people_trapped","medical","shelter","food"],"reason":"x"}`, "needs"},
		{"no reason", `{"needs":["food","shelter"]}`, "reason"},
	} {
		resp := w.patch(data.RoleModerator, id, bad.body)
		e := decode[apiErr](t, resp.Body)
		if resp.Status != http.StatusUnprocessableEntity || e.Error.Field != bad.field {
			t.Errorf("%s: %d %s, want 422 on %s", bad.name, resp.Status, resp.Body, bad.field)
		}
	}
	if w.fileHash() != before || len(w.auditOf(id)) != len(steps) {
		t.Error("refused changes wrote something")
	}
	if resp := w.patch(data.RoleMapper, id, `{"needs":["fire"],"reason":"x"}`); resp.Status != http.StatusForbidden {
		t.Errorf("a mapper changed needs: %d", resp.Status)
	}
}

// TestNeedsInEveryExport: every public form of a report that carries its
// category carries its needs too, the same ones (OGC items and item,
// GeoJSON, CSV and HXL), with the category among them; category= matches
// a secondary need in the HXL export as in the others; no export holds
// the reporter's number, the raw SMS or the true point of the report with
// a sensitive secondary need.
func TestNeedsInEveryExport(t *testing.T) {
	ts := newNeedsServer(t)
	want := map[string]string{"1": "[flood]", "2": "[food water_supply shelter]", "3": "[shelter food]", "4": "[water_supply security]"}
	targets := []string{"/ogc/collections/reports/items", "/api/v1/export/reports.geojson",
		"/api/v1/export/reports.csv", "/api/v1/export/reports.csv?hxl=true"}
	for id := range want {
		targets = append(targets, "/ogc/collections/reports/items/"+id)
	}
	for _, target := range targets {
		ex := readNeeds(t, ts, target)
		if len(ex.rows) == 0 {
			t.Fatalf("%s: %d, no rows\n%s", target, ex.status, ex.body)
		}
		for _, row := range ex.rows {
			id := row["id"]
			needs := row["needs"]
			if strings.Contains(target, ".csv") {
				needs = fmt.Sprint(strings.Split(needs, ";"))
			}
			if needs != want[id] {
				t.Errorf("%s: report %s needs %q, want %q", target, id, needs, want[id])
			}
			if !slices.Contains(strings.Fields(strings.Trim(needs, "[]")), row["category"]) {
				t.Errorf("%s: report %s category %q not among its needs %s", target, id, row["category"], needs)
			}
			if id == "4" && (row["lon"] != "39.255" || row["lat"] != "-6.805") {
				t.Errorf("%s: report 4 (security need) at %s, %s, want its cell's centre", target, row["lon"], row["lat"])
			}
		}
		for _, secret := range []string{phone, "255712345678", "RAW-SMS", "wezi", "39.2537", "6.8063"} {
			if bytes.Contains(ex.body, []byte(secret)) {
				t.Errorf("%s: contains %q", target, secret)
			}
		}
	}
	ex := readExport(t, ts, "/api/v1/export/reports.csv?hxl=true&category=water_supply")
	if !slices.Equal(ex.ids, []string{"2", "4"}) {
		t.Errorf("HXL category=water_supply: ids %v, want [2 4]", ex.ids)
	}
}

// readNeeds reads target with readExport; a single OGC item (a Feature,
// not a collection) is read as a collection of one.
func readNeeds(t *testing.T, ts *testServer, target string) exported {
	t.Helper()
	if !strings.Contains(target, "/items/") {
		return readExport(t, ts, target)
	}
	r := ts.get(target)
	f := decode[struct {
		ID         any
		Geometry   struct{ Coordinates []float64 }
		Properties map[string]any
	}](t, r.Body)
	row := map[string]string{"id": fmt.Sprint(f.ID)}
	if len(f.Geometry.Coordinates) == 2 {
		row["lon"], row["lat"] = fmt.Sprint(f.Geometry.Coordinates[0]), fmt.Sprint(f.Geometry.Coordinates[1])
	}
	for k, v := range f.Properties {
		if v != nil {
			row[k] = fmt.Sprint(v)
		}
	}
	return exported{status: r.Status, body: r.Body, rows: []map[string]string{row}, ids: []string{row["id"]}}
}
