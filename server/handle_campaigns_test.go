package server_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/osm"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/server"
)

// campaignDeps adds the campaign, facility and settlement stores.
func campaignDeps(st *data.Store) server.Deps {
	return server.Deps{Campaigns: st, Facilities: st, Settlements: st}
}

// addMapper creates one more mapper account and returns its API token.
func (w *accountWorld) addMapper(name string) (data.User, string) {
	w.t.Helper()
	ctx := context.Background()
	hash, err := data.HashPassword(passwordOf(data.RoleMapper))
	if err != nil {
		w.t.Fatal(err)
	}
	u, err := w.store.CreateUser(ctx, data.User{Name: name, Email: name + "@example.org", Role: data.RoleMapper, PasswordHash: hash, CreatedAt: now}, data.Actor{Name: "test"})
	if err != nil {
		w.t.Fatal(err)
	}
	tok, _, err := w.store.CreateToken(ctx, u.Email, "", "test", data.Actor{Name: "test"}, now)
	if err != nil {
		w.t.Fatal(err)
	}
	return u, tok
}

// with sends a request with an API token.
func (w *accountWorld) with(token, method, target, body string) response {
	w.t.Helper()
	ct := ""
	if body != "" {
		ct = "application/json"
	}
	return w.do(method, target, ct, strings.NewReader(body), "Authorization", "Bearer "+token)
}

// campaignArea is about 1 km × 600 m in Tandale (counter-clockwise).
const campaignArea = `{"type":"Polygon","coordinates":[[[39.25,-6.82],[39.259,-6.82],[39.259,-6.8146],[39.25,-6.8146],[39.25,-6.82]]]}`

func campaignBody(geometry, props string) string {
	return `{"type":"Feature","geometry":` + geometry + `,"properties":` + props + `}`
}

// propsFeature is a Feature of any geometry, read for its id and
// properties.
type propsFeature struct {
	ID         uint64
	Properties map[string]any
}

type taskPage struct {
	NumberMatched int
	Features      []struct {
		ID         uint64
		Geometry   struct{ Type string }
		Properties map[string]any
	}
}

func TestCampaignsAndTasks(t *testing.T) {
	w := newAccountWorld(t, server.Config{TaskLockTTL: time.Hour}, campaignDeps)
	_, zawadi := w.addMapper("zawadi")
	_, baraka := w.addMapper("baraka")

	// Only moderators create campaigns; bad input names its field.
	body := campaignBody(campaignArea, `{"name":"Tandale, March","grid_m":200}`)
	if r := w.with(zawadi, "POST", "/api/v1/campaigns", body); r.Status != http.StatusForbidden {
		t.Fatalf("a mapper created a campaign: %d %s", r.Status, r.Body)
	}
	for _, tc := range []struct{ body, field string }{
		{campaignBody(campaignArea, `{"name":"x","grid_m":5}`), "properties.grid_m"},
		{campaignBody(campaignArea, `{"name":"x"}`), "properties.grid_m"},
		{campaignBody(campaignArea, `{"grid_m":200}`), "properties.name"},
		{campaignBody(campaignArea, `{"name":"x","grid_m":200,"colour":"red"}`), "properties"},
		{campaignBody(`{"type":"Point","coordinates":[39.25,-6.82]}`, `{"name":"x","grid_m":200}`), "geometry.type"},
		{campaignBody(`null`, `{"name":"x","grid_m":200,"area":"relation-1"}`), "properties.area"},
	} {
		r := w.as(data.RoleModerator, "POST", "/api/v1/campaigns", tc.body)
		if e := decode[apiErr](t, r.Body); r.Status != http.StatusBadRequest || e.Error.Field != tc.field {
			t.Errorf("%s: %d %s, want 400 on %s", tc.body, r.Status, r.Body, tc.field)
		}
	}
	r := w.as(data.RoleModerator, "POST", "/api/v1/campaigns", body)
	if r.Status != http.StatusCreated {
		t.Fatalf("POST campaign: %d %s", r.Status, r.Body)
	}
	camp := decode[propsFeature](t, r.Body)
	if camp.Properties["tasks"] != 15.0 || camp.Properties["grid_m"] != 200.0 {
		t.Fatalf("campaign: %s", r.Body)
	}

	// The squares, public through the tasks collection.
	page := decode[taskPage](t, w.get("/ogc/collections/tasks/items?campaign=1&limit=100").Body)
	if page.NumberMatched != 15 || page.Features[0].Properties["state"] != "ready" || page.Features[0].Properties["campaign"] != 1.0 {
		t.Fatalf("tasks: %+v", page)
	}
	first := page.Features[0].ID
	lock := fmt.Sprintf("/api/v1/tasks/%d/lock", first)

	// Two mappers race for the first square: exactly one lock.
	var wg sync.WaitGroup
	results := make([]response, 2)
	for i, tok := range []string{zawadi, baraka} {
		wg.Add(1)
		go func() { defer wg.Done(); results[i] = w.with(tok, "POST", lock, "") }()
	}
	wg.Wait()
	winner, loser := zawadi, baraka
	if results[1].Status == http.StatusOK {
		winner, loser = baraka, zawadi
		results[0], results[1] = results[1], results[0]
	}
	if results[0].Status != http.StatusOK || results[1].Status != http.StatusConflict || decode[apiErr](t, results[1].Body).Error.Code != "locked" {
		t.Fatalf("race: %d %s / %d %s", results[0].Status, results[0].Body, results[1].Status, results[1].Body)
	}
	mine := w.with(winner, "GET", "/api/v1/tasks/mine", "")
	if f := decode[propsFeature](t, mine.Body); mine.Status != 200 || f.Properties["locked_by_me"] != true || f.Properties["campaign_name"] != "Tandale, March" {
		t.Fatalf("mine: %d %s", mine.Status, mine.Body)
	}
	if r := w.with(loser, "GET", "/api/v1/tasks/mine", ""); r.Status != http.StatusNotFound {
		t.Fatalf("the loser holds a square: %d %s", r.Status, r.Body)
	}
	// The public sees the square locked, not by whom.
	items := w.get(fmt.Sprintf("/ogc/collections/tasks/items/%d", first))
	if !strings.Contains(string(items.Body), `"state":"locked"`) || strings.Contains(string(items.Body), "zawadi") || strings.Contains(string(items.Body), "baraka") {
		t.Fatalf("public task: %s", items.Body)
	}
	if r := w.get(lock); r.Status != http.StatusMethodNotAllowed && r.Status != http.StatusNotFound {
		t.Fatalf("GET on an action: %d", r.Status)
	}
	if r := w.do("POST", lock, "", nil); r.Status != http.StatusUnauthorized {
		t.Fatalf("anonymous lock: %d %s", r.Status, r.Body)
	}

	// Mapped; the mapper cannot validate it; the other mapper invalidates
	// it (comment required), the winner maps it again, the other validates.
	act := func(tok, action, body string, want int) response {
		t.Helper()
		r := w.with(tok, "POST", fmt.Sprintf("/api/v1/tasks/%d/%s", first, action), body)
		if r.Status != want {
			t.Fatalf("%s: %d %s, want %d", action, r.Status, r.Body, want)
		}
		return r
	}
	act(winner, "mapped", "", 200)
	if r := act(winner, "validate", "", 409); decode[apiErr](t, r.Body).Error.Code != "own_task" {
		t.Fatalf("own validation: %s", r.Body)
	}
	act(loser, "invalidate", "", 400)
	act(loser, "invalidate", `{"comment":"the kiosk on the corner is missing"}`, 200)
	act(winner, "lock", "", 200)
	if r := w.with(winner, "GET", fmt.Sprintf("/api/v1/tasks/%d", first), ""); !strings.Contains(string(r.Body), "kiosk on the corner") {
		t.Fatalf("the mapper does not see the validator's comment: %s", r.Body)
	}
	act(winner, "mapped", "", 200)
	act(loser, "validate", "", 200)

	r = w.get("/api/v1/campaigns/1")
	camp = decode[propsFeature](t, r.Body)
	progress := camp.Properties["progress"].(map[string]any)
	states := progress["states"].(map[string]any)
	if progress["validated"] != 1.0/15 || progress["mapped"] != 1.0/15 || states["validated"] != 1.0 || states["ready"] != 14.0 {
		t.Fatalf("progress: %s", r.Body)
	}
	if page := decode[taskPage](t, w.get("/ogc/collections/tasks/items?campaign=1&state=validated").Body); page.NumberMatched != 1 {
		t.Fatalf("validated squares: %d", page.NumberMatched)
	}
	if list := w.get("/api/v1/campaigns"); !strings.Contains(string(list.Body), `"name":"Tandale, March"`) {
		t.Fatalf("list: %s", list.Body)
	}
	// Bad ids and bodies are refused with the field named; unknown ones are
	// 404; the bootstrap admin token belongs to no account, so it takes no
	// square.
	for _, tc := range []struct {
		token, method, path, body string
		status                    int
		code                      string
	}{
		{zawadi, "GET", "/api/v1/campaigns/99", "", 404, "not_found"},
		{zawadi, "GET", "/api/v1/campaigns/x", "", 400, "invalid_parameter"},
		{zawadi, "GET", "/api/v1/tasks/0", "", 400, "invalid_parameter"},
		{zawadi, "POST", "/api/v1/tasks/999/lock", "", 404, "not_found"},
		{zawadi, "POST", fmt.Sprintf("/api/v1/tasks/%d/invalidate", first), `{"comment":`, 400, "invalid_json"},
		{zawadi, "POST", fmt.Sprintf("/api/v1/tasks/%d/invalidate", first), `{"note":"x"}`, 400, "invalid_field"},
		{bootstrapToken, "POST", fmt.Sprintf("/api/v1/tasks/%d/lock", first+1), "", 409, "no_account"},
	} {
		r := w.with(tc.token, tc.method, tc.path, tc.body)
		if e := decode[apiErr](t, r.Body); r.Status != tc.status || e.Error.Code != tc.code {
			t.Errorf("%s %s %s: %d %s, want %d %s", tc.method, tc.path, tc.body, r.Status, r.Body, tc.status, tc.code)
		}
	}

	// Every task change is audited with its actor.
	var audited []string
	_ = w.store.EachAudit(0, func(e data.AuditEntry) bool {
		if e.CampaignID == 1 {
			audited = append(audited, e.Action+" by "+strings.SplitN(e.Actor.Name, " ", 2)[0])
		}
		return true
	})
	if got := strings.Join(audited, ", "); !strings.HasPrefix(got, "campaign.create by The, task.lock by ") || len(audited) != 7 {
		t.Fatalf("audit: %s", got)
	}
}

func TestOSMChangesExport(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, campaignDeps)
	// Water reports here lack a facility in OSM: a reconciler as the
	// extract's would flag them.
	w.store.SetReconciler(func(r *data.Report) {
		r.NotInOSM = r.Category == "water_supply" || r.Category == "blocked_drain"
	})
	_, zawadi := w.addMapper("zawadi")
	_, baraka := w.addMapper("baraka")
	post := func(tok string, lon, lat float64, category string) uint64 {
		t.Helper()
		r := w.with(tok, "POST", "/api/v1/reports", report(lon, lat, category))
		if r.Status != http.StatusCreated {
			t.Fatalf("report: %d %s", r.Status, r.Body)
		}
		return decode[feature](t, r.Body).ID
	}
	verify := func(id uint64) {
		t.Helper()
		if r := w.as(data.RoleModerator, "PATCH", fmt.Sprintf("/api/v1/reports/%d", id), `{"status":"verified"}`); r.Status != 200 {
			t.Fatalf("verify %d: %d %s", id, r.Status, r.Body)
		}
	}
	well := post(zawadi, 39.2512, -6.8191, "water_supply")
	tap := post(zawadi, 39.2515, -6.8192, "water_supply")
	unverified := post(zawadi, 39.2516, -6.8193, "water_supply")
	outside := post(baraka, 39.30, -6.70, "water_supply")
	drain := post(baraka, 39.2517, -6.8194, "blocked_drain")
	flood := post(baraka, 39.2518, -6.8195, "flood")
	for _, id := range []uint64{well, tap, outside, drain, flood} {
		verify(id)
	}
	_ = unverified

	// Facility details: the mapper who reported it (or a moderator), kinds
	// of the category only.
	facility := fmt.Sprintf("/api/v1/reports/%d/facility", well)
	if r := w.with(baraka, "PUT", facility, `{"name":"x"}`); r.Status != http.StatusNotFound {
		t.Fatalf("another mapper's report: %d %s", r.Status, r.Body)
	}
	if r := w.with(zawadi, "PUT", facility, `{"kind":"toilets"}`); r.Status != 400 || decode[apiErr](t, r.Body).Error.Field != "kind" {
		t.Fatalf("wrong kind: %d %s", r.Status, r.Body)
	}
	if r := w.with(zawadi, "PUT", facility, `{"operational_status":"so-so"}`); r.Status != 400 || decode[apiErr](t, r.Body).Error.Field != "operational_status" {
		t.Fatalf("wrong status: %d %s", r.Status, r.Body)
	}
	if r := w.with(baraka, "PUT", fmt.Sprintf("/api/v1/reports/%d/facility", flood), `{"name":"x"}`); r.Status != 400 {
		t.Fatalf("facility of a flood: %d %s", r.Status, r.Body)
	}
	r := w.with(zawadi, "PUT", facility, `{"name":"Kisima cha Mama Zawadi","kind":"water_well","operational_status":"needs_maintenance"}`)
	if r.Status != 200 || !strings.Contains(string(r.Body), `"kinds":["drinking_water",`) {
		t.Fatalf("PUT facility: %d %s", r.Status, r.Body)
	}
	if r := w.with(zawadi, "GET", facility, ""); !strings.Contains(string(r.Body), `"kind":"water_well"`) || !strings.Contains(string(r.Body), `"not_in_osm":true`) {
		t.Fatalf("GET facility: %s", r.Body)
	}

	// Settlements: one verified with a hole (a multipolygon in OSM), one
	// verified without, one new.
	holed := `{"type":"Polygon","coordinates":[[[39.250,-6.819],[39.253,-6.819],[39.253,-6.816],[39.250,-6.816],[39.250,-6.819]],
		[[39.251,-6.818],[39.251,-6.817],[39.252,-6.817],[39.252,-6.818],[39.251,-6.818]]]}`
	for i, g := range []string{holed, drawnSquare, drawnSquare} {
		r := w.as(data.RolePublic, "POST", "/api/v1/settlements", settlementBody(g, fmt.Sprintf(`{"name":"Mtaa %d","source":"mapper survey 2027"}`, i+1)))
		if r.Status != http.StatusCreated {
			t.Fatalf("settlement: %d %s", r.Status, r.Body)
		}
		if i < 2 {
			if r := w.as(data.RoleModerator, "PATCH", fmt.Sprintf("/api/v1/settlements/%d", i+1), `{"status":"verified"}`); r.Status != 200 {
				t.Fatalf("verify settlement: %d %s", r.Status, r.Body)
			}
		}
	}

	if r := w.with(zawadi, "GET", "/api/v1/export/osm-changes.osm", ""); r.Status != http.StatusForbidden {
		t.Fatalf("a mapper exported: %d", r.Status)
	}
	for _, bad := range []string{"?since=yesterday", "?campaign=0", "?campaign=7", "?colour=red", "?since=2027-01-02T00:00:00Z&until=2027-01-01T00:00:00Z"} {
		if r := w.as(data.RoleModerator, "GET", "/api/v1/export/osm-changes.osm"+bad, ""); r.Status != 400 {
			t.Errorf("%s: %d %s", bad, r.Status, r.Body)
		}
	}
	export := func(query string) *osm.OSM {
		t.Helper()
		r := w.as(data.RoleModerator, "GET", "/api/v1/export/osm-changes.osm"+query, "")
		if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/xml") {
			t.Fatalf("export%s: %d %s", query, r.Status, r.Body)
		}
		var doc osm.OSM
		if err := xml.Unmarshal(r.Body, &doc); err != nil {
			t.Fatalf("export%s does not read back: %v\n%s", query, err, r.Body)
		}
		return &doc
	}
	doc := export("")
	if doc.Version != "0.6" {
		t.Errorf("version %q", doc.Version)
	}
	tagged := map[string]*osm.Node{}
	for _, n := range doc.Nodes {
		if n.ID >= 0 || !n.Visible || n.Version != 0 {
			t.Errorf("node %d: new objects have negative ids, are visible, version 0", n.ID)
		}
		if len(n.Tags) > 0 {
			tagged[n.Tags.Find("note")] = n
		}
	}
	if len(tagged) != 3 { // well, tap, outside (the drain has no point tagging; flood and unverified are out)
		t.Fatalf("tagged nodes: %v", tagged)
	}
	wn := tagged[fmt.Sprintf("mtaa report %d", well)]
	if wn == nil || wn.Tags.Find("man_made") != "water_well" || wn.Tags.Find("name") != "Kisima cha Mama Zawadi" ||
		wn.Tags.Find("operational_status") != "needs_maintenance" || wn.Tags.Find("source") != "survey" || wn.Lon != 39.2512 || wn.Lat != -6.8191 {
		t.Fatalf("well node: %+v", wn)
	}
	if tn := tagged[fmt.Sprintf("mtaa report %d", tap)]; tn == nil || tn.Tags.Find("amenity") != "drinking_water" || tn.Tags.Find("name") != "" {
		t.Fatalf("tap node: %+v", tn)
	}
	// The holed settlement is a multipolygon of two closed ways; the other
	// a closed way with the tags.
	if len(doc.Relations) != 1 || len(doc.Ways) != 3 {
		t.Fatalf("%d relations and %d ways, want 1 and 3", len(doc.Relations), len(doc.Ways))
	}
	rel := doc.Relations[0]
	if rel.ID >= 0 || rel.Tags.Find("type") != "multipolygon" || rel.Tags.Find("residential") != "informal" || len(rel.Members) != 2 ||
		rel.Members[0].Role != "outer" || rel.Members[1].Role != "inner" {
		t.Fatalf("relation: %+v", rel)
	}
	nodes := map[osm.NodeID]bool{}
	for _, n := range doc.Nodes {
		nodes[n.ID] = true
	}
	for _, way := range doc.Ways {
		if way.ID >= 0 || len(way.Nodes) < 4 || way.Nodes[0].ID != way.Nodes[len(way.Nodes)-1].ID {
			t.Errorf("way %d is not a closed ring of new nodes: %v", way.ID, way.Nodes)
		}
		for _, wn := range way.Nodes {
			if !nodes[wn.ID] {
				t.Errorf("way %d refers to node %d, not in the file", way.ID, wn.ID)
			}
		}
		if len(way.Tags) > 0 && (way.Tags.Find("landuse") != "residential" || way.Tags.Find("name") != "Mtaa 2" || !strings.HasPrefix(way.Tags.Find("note"), "mtaa settlement 2")) {
			t.Errorf("settlement way tags: %v", way.Tags)
		}
	}

	// By campaign: only what lies in its area.
	if r := w.as(data.RoleModerator, "POST", "/api/v1/campaigns", campaignBody(campaignArea, `{"name":"Tandale","grid_m":500}`)); r.Status != 201 {
		t.Fatalf("campaign: %d %s", r.Status, r.Body)
	}
	doc = export("?campaign=1")
	for _, n := range doc.Nodes {
		if n.Tags.Find("note") == fmt.Sprintf("mtaa report %d", outside) {
			t.Error("the report outside the campaign was exported")
		}
	}
	// The holed settlement lies in the campaign's area, the other does not.
	if len(doc.Ways) != 2 || len(doc.Relations) != 1 {
		t.Errorf("%d ways and %d relations in the campaign's export, want 2 and 1", len(doc.Ways), len(doc.Relations))
	}
	// The campaign counts what OSM lacks in its area; once an extract
	// import finds the well (here: the reconciler stops flagging it), the
	// well, which its mapper described as missing, counts as in OSM now.
	facilities := func() map[string]any {
		t.Helper()
		return decode[propsFeature](t, w.get("/api/v1/campaigns/1").Body).Properties["facilities"].(map[string]any)
	}
	if f := facilities(); f["not_in_osm"] != 2.0 || f["in_osm_now"] != 0.0 {
		t.Errorf("facilities before the import: %v", f)
	}
	w.store.SetReconciler(func(r *data.Report) { r.NotInOSM = r.Category == "water_supply" && r.ID != well })
	if _, err := w.store.ReconcileAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if f := facilities(); f["not_in_osm"] != 1.0 || f["in_osm_now"] != 1.0 {
		t.Errorf("facilities after the import: %v", f)
	}
	for _, n := range export("").Nodes {
		if n.Tags.Find("note") == fmt.Sprintf("mtaa report %d", well) {
			t.Error("the well OSM has now is still exported")
		}
	}

	// By time: nothing before the reports.
	if doc := export("?until=2020-01-01T00:00:00Z"); len(doc.Nodes) != 0 {
		t.Errorf("%d nodes before 2020", len(doc.Nodes))
	}
}
