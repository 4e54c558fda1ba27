package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/internal/pgcluster/pgtest"
)

// writeOSM writes a one-hospital OSM extract named name into dir.
func writeOSM(t *testing.T, dir, name, hospital string, lat, lon string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	osm := `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="` + lat + `" lon="` + lon + `">
    <tag k="amenity" v="hospital"/>
    <tag k="name" v="` + hospital + `"/>
  </node>
  <node id="2" lat="-1.3100" lon="36.8000"><tag k="place" v="suburb"/><tag k="name" v="Kibera"/></node>
</osm>
`
	if err := os.WriteFile(path, []byte(osm), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestExtractReplacedOnSharedDatabase: two servers on one PostgreSQL
// database, the first imports --osm for both. `mtaa import --store`
// replaces the extract while they run: each loads the new one within
// seconds, one of them (exactly one) reconciles the stored reports with
// it, and both then serve every report matched against the new extract,
// including a report taken after the replacement.
func TestExtractReplacedOnSharedDatabase(t *testing.T) {
	url := pgtest.NewDatabase(t)
	files := t.TempDir()
	alpha := writeOSM(t, files, "alpha.osm", "Alpha Hospital", "-1.2900", "36.8200")
	beta := writeOSM(t, files, "beta.osm", "Beta Clinic", "-1.2905", "36.8210")
	a := startServe(t, t.TempDir(), "--store", url, "--osm", alpha)
	b := startServe(t, t.TempDir(), "--store", url)

	ctx := context.Background()
	postID := func(p *process) int {
		t.Helper()
		code, body, err := postReport(ctx, http.DefaultClient, p.base,
			`{"type":"Feature","geometry":{"type":"Point","coordinates":[36.8201,-1.2901]},"properties":{"category":"medical"}}`, "")
		if err != nil || code != 201 {
			t.Fatalf("POST to %s: %d %s %v", p.base, code, body, err)
		}
		var f struct{ ID int }
		if err := json.Unmarshal(body, &f); err != nil || f.ID == 0 {
			t.Fatalf("POST answer %s: %v", body, err)
		}
		return f.ID
	}
	// nearest is the name of report id's nearest facility on server p, ""
	// for none or while p has not seen the report yet.
	nearest := func(p *process, id int) string {
		resp, err := http.Get(p.base + "/api/v1/reports/" + itoa(id))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r reconciled
		if resp.StatusCode != 200 || json.NewDecoder(resp.Body).Decode(&r) != nil || r.Properties.Nearest == nil {
			return ""
		}
		return r.Properties.Nearest.Name
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("%s: not within 60 s\nserver a:\n%s\nserver b:\n%s", what, a.stderr, b.stderr)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	ids := []int{postID(a), postID(b)}
	for _, p := range []*process{a, b} {
		for _, id := range ids {
			waitFor("report "+itoa(id)+" matched with the first extract on "+p.base, func() bool { return nearest(p, id) == "Alpha Hospital" })
		}
	}

	out, err := exec.Command(mtaaBinary(t), "import", "--quiet", "--store", url, "--data", t.TempDir(), beta).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "every server on the database loads it") || !strings.Contains(string(out), "into postgres://") {
		t.Fatalf("import --store while serving: %v\n%s", err, out)
	}
	for _, p := range []*process{a, b} {
		for _, id := range ids {
			waitFor("report "+itoa(id)+" reconciled with the new extract on "+p.base, func() bool { return nearest(p, id) == "Beta Clinic" })
		}
	}
	for name, p := range map[string]*process{"a": a, "b": b} {
		if !strings.Contains(p.stderr.String(), "a new extract in the database: loading it") {
			t.Errorf("server %s did not load the new extract:\n%s", name, p.stderr)
		}
	}
	// One server reconciled the two reports, for both.
	if n := strings.Count(a.stderr.String()+b.stderr.String(), `"reports reconciled with the extract" reports=2`); n != 1 {
		t.Errorf("%d servers reconciled the reports, want 1\nserver a:\n%s\nserver b:\n%s", n, a.stderr, b.stderr)
	}
	// A report taken after the replacement is matched with the new extract.
	id := postID(b)
	waitFor("a new report matched on a", func() bool { return nearest(a, id) == "Beta Clinic" })
	if got := nearest(b, id); got != "Beta Clinic" {
		t.Errorf("a report taken after the replacement: nearest %q", got)
	}
}
