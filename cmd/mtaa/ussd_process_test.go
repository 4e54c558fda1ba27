package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestUSSDProcess dials the USSD menu of mtaa serve as Africa's Talking
// does: the areas offered are the extract's, a report takes four screens
// and is stored with channel ussd at the area's representative point, and
// a wrong secret is refused.
func TestUSSDProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level test")
	}
	const secret, admin = "ussd-secret-0123", "ussd-admin"
	dir := t.TempDir()
	if out, err := exec.Command(mtaaBinary(t), "import", "--quiet", "--data", dir,
		filepath.Join("..", "..", "mapping", "testdata", "informal.osm")).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	p := startServe(t, dir, "--admin-token", admin, "--africastalking-secret", secret,
		"--africastalking-username", "sandbox", "--africastalking-api-key", "k", "--africastalking-api-base", "http://127.0.0.1:1")
	dial := func(q, input string) (int, string, string) {
		t.Helper()
		form := url.Values{"sessionId": {"ATUid_1"}, "serviceCode": {"*384*123#"}, "phoneNumber": {"+254722000009"},
			"networkCode": {"63902"}, "text": {input}}
		resp, err := http.Post(p.base+"/ussd/africastalking"+q, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	if code, _, body := dial("?secret=nope", ""); code != http.StatusForbidden {
		t.Fatalf("wrong secret: %d %s", code, body)
	}
	// Two sanitation reports from the web: the most common category comes
	// first in the menu (the report below is then sanitation).
	for range 2 {
		code, body, err := postReport(context.Background(), http.DefaultClient, p.base,
			`{"type":"Feature","geometry":{"type":"Point","coordinates":[36.855,-1.255]},"properties":{"category":"sanitation"}}`, "")
		if err != nil || code != http.StatusCreated {
			t.Fatalf("web report: %d %s %v", code, body, err)
		}
	}
	var last string
	for i, input := range []string{"", "1", "1*1", "1*1*2"} {
		code, ctype, body := dial("?secret="+secret, input)
		if code != 200 || !strings.HasPrefix(ctype, "text/plain") {
			t.Fatalf("%q: %d %s %s", input, code, ctype, body)
		}
		if i == 1 && !strings.Contains(body, "\n1 Sanitation\n") {
			t.Fatalf("categories screen %q: want the most common first", body)
		}
		if i == 2 && !strings.Contains(body, "2 Mathare 4A") {
			t.Fatalf("areas screen %q: want the extract's areas by name", body)
		}
		last = body
	}
	m := regexp.MustCompile(`^END .*#(\d+)`).FindStringSubmatch(last)
	if m == nil {
		t.Fatalf("last screen %q", last)
	}
	req, _ := http.NewRequest(http.MethodGet, p.base+"/api/v1/reports/"+m[1], nil)
	req.Header.Set("Authorization", "Bearer "+admin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var f struct {
		Geometry struct {
			Coordinates []float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties struct {
			Category       string `json:"category"`
			Channel        string `json:"channel"`
			LocationSource string `json:"location_source"`
		} `json:"properties"`
	}
	json.NewDecoder(resp.Body).Decode(&f)
	c := f.Geometry.Coordinates
	inside := len(c) == 2 && c[0] > 36.85 && c[0] < 36.86 && c[1] > -1.26 && c[1] < -1.25
	if resp.StatusCode != 200 || f.Properties.Channel != "ussd" || f.Properties.Category != "sanitation" || f.Properties.LocationSource != "area" || !inside {
		t.Fatalf("report %s: %d %+v at %v, want channel ussd, source area, inside Mathare 4A", m[1], resp.StatusCode, f.Properties, c)
	}
}
