package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/osm"
)

// osmiumTool finds osmium (Debian's osmium-tool). `make test-deps`
// installs it when it is missing, so its absence is a failure.
func osmiumTool(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("osmium")
	if err != nil {
		t.Fatal("osmium not found: run `make test-deps` (installs Debian's osmium-tool)")
	}
	return path
}

// TestCampaignE2E runs `mtaa serve` on the hand-built world of the mapping
// tests with a moderator and two mappers: the moderator opens a campaign,
// GDAL reads its squares through the OGC API, a mapper takes, maps and
// hands in a square, the other validates it, and what they found (a water
// well OSM lacks, a settlement boundary) comes out of the OSM change
// export as a file osmium checks and paulmach/osm reads back.
func TestCampaignE2E(t *testing.T) {
	world, err := filepath.Abs("../../mapping/testdata/settlement_world.osm")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tokens := map[string]string{}
	for _, u := range []struct{ name, role string }{{"amina", "moderator"}, {"juma", "mapper"}, {"neema", "mapper"}} {
		mustRun(t, "user", "add", "--data", dir, "--role", u.role, "--name", u.name, "--email", u.name+"@example.org")
		tokens[u.name] = "Bearer " + strings.TrimSpace(mustRun(t, "token", "create", "--data", dir, "--user", u.name+"@example.org"))
	}
	p := startServe(t, dir, "--osm", world)
	as := func(who, method, path, body string) (int, []byte) {
		t.Helper()
		return send(t, method, p.base+path, body, "Authorization", tokens[who])
	}

	// A campaign east of the OSM settlement, in 250 m squares.
	area := `{"type":"Polygon","coordinates":[[[39.255,-6.812],[39.265,-6.812],[39.265,-6.806],[39.255,-6.806],[39.255,-6.812]]]}`
	code, body := as("amina", "POST", "/api/v1/campaigns", `{"type":"Feature","geometry":`+area+`,"properties":{"name":"Mtogole east","grid_m":250}}`)
	var camp struct {
		ID         uint64
		Properties struct{ Tasks int }
	}
	if err := json.Unmarshal(body, &camp); code != 201 || err != nil || camp.Properties.Tasks < 4 {
		t.Fatalf("POST campaign: %d %s", code, body)
	}

	// A second campaign over an area of the extract: the OSM informal
	// settlement way-100 (about 220 m square) in 50 m squares.
	code, body = as("amina", "POST", "/api/v1/campaigns", `{"type":"Feature","geometry":null,"properties":{"name":"Mtogole","grid_m":50,"area":"way-100"}}`)
	var fromArea struct {
		Properties struct {
			Tasks int
			Area  string
		}
	}
	if err := json.Unmarshal(body, &fromArea); code != 201 || err != nil || fromArea.Properties.Area != "way-100" || fromArea.Properties.Tasks < 16 || fromArea.Properties.Tasks > 36 {
		t.Fatalf("POST campaign over way-100: %d %s", code, body)
	}

	t.Run("ogrinfo reads the tasks collection", func(t *testing.T) {
		info := runTool(t, "ogrinfo", "-ro", "-so", "OAPIF:"+p.base+"/ogc", "tasks")
		if got, want := featureCount(t, info), camp.Properties.Tasks+fromArea.Properties.Tasks; got != want {
			t.Fatalf("ogrinfo counts %d squares, want %d\n%s", got, want, info)
		}
		if !strings.Contains(info, "Polygon") || !strings.Contains(info, "state: String") {
			t.Errorf("ogrinfo layer description:\n%s", info)
		}
	})

	// Juma takes the first square, reports a water well OSM lacks in it,
	// names it, draws a settlement and hands the square in; Neema
	// validates it; Amina verifies the report and the boundary.
	if code, body := as("juma", "POST", "/api/v1/tasks/1/lock", ""); code != 200 {
		t.Fatalf("lock: %d %s", code, body)
	}
	if code, body := as("neema", "POST", "/api/v1/tasks/1/lock", ""); code != 409 {
		t.Fatalf("second lock: %d %s", code, body)
	}
	code, body = as("juma", "POST", "/api/v1/reports", `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2562,-6.8112]},"properties":{"category":"water_supply","description":"kisima kipya"}}`)
	if code != 201 || !strings.Contains(string(body), `"not_in_osm":true`) {
		t.Fatalf("report: %d %s", code, body)
	}
	var rep struct{ ID uint64 }
	_ = json.Unmarshal(body, &rep)
	if code, body := as("juma", "PUT", fmt.Sprintf("/api/v1/reports/%d/facility", rep.ID), `{"name":"Kisima cha Juma","kind":"water_well","operational_status":"operational"}`); code != 200 {
		t.Fatalf("facility: %d %s", code, body)
	}
	drawn := `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[39.2555,-6.8115],[39.257,-6.8115],[39.257,-6.8105],[39.2555,-6.8105],[39.2555,-6.8115]]]},"properties":{"name":"Mtogole Mashariki","source":"mapper survey 2027"}}`
	if code, body := as("juma", "POST", "/api/v1/settlements", drawn); code != 201 {
		t.Fatalf("settlement: %d %s", code, body)
	}
	if code, body := as("juma", "POST", "/api/v1/tasks/1/mapped", ""); code != 200 {
		t.Fatalf("mapped: %d %s", code, body)
	}
	if code, body := as("juma", "POST", "/api/v1/tasks/1/validate", ""); code != 409 {
		t.Fatalf("own validation: %d %s", code, body)
	}
	if code, body := as("neema", "POST", "/api/v1/tasks/1/validate", ""); code != 200 {
		t.Fatalf("validate: %d %s", code, body)
	}
	for _, path := range []string{fmt.Sprintf("/api/v1/reports/%d", rep.ID), "/api/v1/settlements/1"} {
		if code, body := as("amina", "PATCH", path, `{"status":"verified"}`); code != 200 {
			t.Fatalf("verify %s: %d %s", path, code, body)
		}
	}
	code, body = send(t, "GET", p.base+"/api/v1/campaigns/1", "")
	if code != 200 || !strings.Contains(string(body), `"validated":1}`) {
		t.Fatalf("campaign progress: %d %s", code, body)
	}

	// The OSM change export of the campaign.
	if code, _ := as("juma", "GET", "/api/v1/export/osm-changes.osm", ""); code != 403 {
		t.Fatalf("a mapper exported: %d", code)
	}
	code, body = as("amina", "GET", "/api/v1/export/osm-changes.osm?campaign=1", "")
	if code != 200 {
		t.Fatalf("export: %d %s", code, body)
	}
	path := filepath.Join(t.TempDir(), "changes.osm")
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(osmiumTool(t), "fileinfo", "-e", path).CombinedOutput()
	if err != nil {
		t.Fatalf("osmium fileinfo -e: %v\n%s", err, out)
	}
	count := func(what string) string {
		m := regexp.MustCompile(`Number of ` + what + `: (\d+)`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("no count of %s in:\n%s", what, out)
		}
		return string(m[1])
	}
	// One facility node and the boundary's four corners; one way.
	if count("nodes") != "5" || count("ways") != "1" || count("relations") != "0" {
		t.Fatalf("osmium fileinfo -e:\n%s", out)
	}
	var doc osm.OSM
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	var well *osm.Node
	for _, n := range doc.Nodes {
		if n.ID >= 0 {
			t.Errorf("node %d: new objects have negative ids", n.ID)
		}
		if n.Tags.Find("man_made") == "water_well" {
			well = n
		}
	}
	if well == nil || well.Tags.Find("name") != "Kisima cha Juma" || well.Tags.Find("source") != "survey" ||
		well.Tags.Find("note") != fmt.Sprintf("mtaa report %d", rep.ID) || well.Tags.Find("operational_status") != "operational" {
		t.Fatalf("the well: %+v", well)
	}
	if w := doc.Ways[0]; w.ID >= 0 || w.Tags.Find("landuse") != "residential" || w.Tags.Find("residential") != "informal" || w.Tags.Find("name") != "Mtogole Mashariki" {
		t.Fatalf("the settlement: %+v", w)
	}
}
