package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// startUSSDServe starts mtaa serve on the informal-settlement extract with
// Africa's Talking configured (its API unreachable: no SMS is sent).
func startUSSDServe(t *testing.T, secret, admin string) *process {
	t.Helper()
	dir := importedInformal(t)
	return startServe(t, dir, "--admin-token", admin, "--africastalking-secret", secret,
		"--africastalking-username", "sandbox", "--africastalking-api-key", "k", "--africastalking-api-base", "http://127.0.0.1:1")
}

// TestUSSDProcess dials the USSD menu of mtaa serve as Africa's Talking
// does: the areas offered are the extract's, a report takes four screens
// and is stored with channel ussd at the area's representative point, and
// a wrong secret is refused.
func TestUSSDProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level test")
	}
	const secret, admin = "ussd-secret-0123", "ussd-admin"
	p := startUSSDServe(t, secret, admin)
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

// TestUSSDInterruptedSessionProcess: a session the network cuts after the
// category leaves no report but a draft; Africa's Talking's end-of-session
// notification (with the secret) shows it to moderators at once, with the
// category chosen and channel ussd; filing it makes a report with channel
// ussd.
func TestUSSDInterruptedSessionProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level test")
	}
	const secret, admin = "ussd-secret-0456", "ussd-admin-2"
	p := startUSSDServe(t, secret, admin)
	post := func(path string, form url.Values) (int, string) {
		t.Helper()
		resp, err := http.Post(p.base+path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	api := func(method, path, body string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, p.base+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+admin)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	var categories string
	for _, input := range []string{"", "1", "1*2"} {
		code, body := post("/ussd/africastalking?secret="+secret, url.Values{"sessionId": {"ATUid_cut"}, "serviceCode": {"*384*123#"},
			"phoneNumber": {"+254722000010"}, "networkCode": {"63902"}, "text": {input}})
		if code != 200 || !strings.HasPrefix(body, "CON ") {
			t.Fatalf("%q: %d %s", input, code, body)
		}
		if input == "1" {
			categories = body
		}
	}
	// The network cuts the session here. Africa's Talking's notification:
	ended := url.Values{"sessionId": {"ATUid_cut"}, "serviceCode": {"*384*123#"}, "networkCode": {"63902"},
		"phoneNumber": {"+254722000010"}, "status": {"Incomplete"}, "input": {"1*2"}, "lastAppResponse": {"CON Where?"},
		"durationInMillis": {"21000"}, "hopsCount": {"3"}, "cost": {"0"}, "date": {"2026-12-06 10:00:00"}}
	if code, body := post("/ussd/africastalking/events?secret=wrong", ended); code != http.StatusForbidden {
		t.Fatalf("notification with a wrong secret: %d %s", code, body)
	}
	if code, body := post("/ussd/africastalking/events?secret="+secret, ended); code != 200 {
		t.Fatalf("notification: %d %s", code, body)
	}
	code, b := api(http.MethodGet, "/api/v1/sms/drafts", "")
	var list struct {
		Drafts []struct {
			ID       uint64   `json:"id"`
			Channel  string   `json:"channel"`
			Category string   `json:"category"`
			Waiting  string   `json:"waiting"`
			Needs    []string `json:"needs"`
		} `json:"drafts"`
	}
	if err := json.Unmarshal(b, &list); code != 200 || err != nil || len(list.Drafts) != 1 {
		t.Fatalf("drafts: %d %s", code, b)
	}
	d := list.Drafts[0]
	second := strings.Split(categories, "\n")[2] // "2 <label>"
	if d.Channel != "ussd" || d.Waiting != "place" || len(d.Needs) != 1 || second != "2 "+sms.CategoryLabel(data.DefaultTaxonomy(), d.Category, "en") {
		t.Fatalf("draft %+v, want channel ussd, waiting for its place, with the second category of %q", d, categories)
	}
	if n := countReports(t, p.base); n != 0 {
		t.Fatalf("%d reports from the cut session, want none", n)
	}
	code, b = api(http.MethodPost, fmt.Sprintf("/api/v1/sms/drafts/%d/file", d.ID), `{"location":[36.855,-1.255],"place_name":"Mathare 4A"}`)
	var filed struct {
		ID uint64 `json:"id"`
	}
	if err := json.Unmarshal(b, &filed); code != http.StatusCreated || err != nil || filed.ID == 0 {
		t.Fatalf("file draft: %d %s", code, b)
	}
	code, b = api(http.MethodGet, fmt.Sprintf("/api/v1/reports/%d", filed.ID), "")
	var f struct {
		Properties struct {
			Category string `json:"category"`
			Channel  string `json:"channel"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(b, &f); code != 200 || err != nil || f.Properties.Channel != "ussd" || f.Properties.Category != d.Category {
		t.Fatalf("filed report: %d %s, want channel ussd and category %s", code, b, d.Category)
	}
}

// countReports is the number of stored reports /readyz gives.
func countReports(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Reports *int `json:"reports"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || r.Reports == nil {
		t.Fatalf("readyz: %d %v, no report count", resp.StatusCode, err)
	}
	return *r.Reports
}

// TestUSSDDraftPurgeProcess: a draft left by a USSD session cut short is
// listed for moderators until --sms-draft-retention after its last answer,
// and mtaa serve deletes it after that (at start, then hourly); a younger
// draft stays, and the reports of a finished session and of a draft a
// moderator filed are kept.
func TestUSSDDraftPurgeProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level test")
	}
	const secret, admin = "ussd-secret-purge", "ussd-admin-purge"
	dir := importedInformal(t)
	args := []string{"--admin-token", admin, "--africastalking-secret", secret, "--africastalking-username", "sandbox",
		"--africastalking-api-key", "k", "--africastalking-api-base", "http://127.0.0.1:1", "--sms-draft-retention", "72h"}
	p := startServe(t, dir, args...)
	post := func(path string, form url.Values) string {
		t.Helper()
		resp, err := http.Post(p.base+path+"?secret="+secret, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, b)
		}
		return string(b)
	}
	dial := func(session string, inputs ...string) {
		t.Helper()
		for _, in := range inputs {
			post("/ussd/africastalking", url.Values{"sessionId": {session}, "serviceCode": {"*384*123#"}, "phoneNumber": {"+254722000077"}, "text": {in}})
		}
		post("/ussd/africastalking/events", url.Values{"sessionId": {session}, "phoneNumber": {"+254722000077"}, "status": {"Incomplete"}})
	}
	type listed struct {
		ID      uint64 `json:"id"`
		RawText string `json:"raw_text"`
	}
	api := func(method, path, body string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, p.base+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+admin)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	drafts := func() []listed {
		t.Helper()
		code, b := api(http.MethodGet, "/api/v1/sms/drafts", "")
		var list struct{ Drafts []listed }
		if err := json.Unmarshal(b, &list); code != 200 || err != nil {
			t.Fatalf("drafts: %d %s", code, b)
		}
		return list.Drafts
	}

	dial("ATUid_filed", "", "1", "1*1")
	ds := drafts()
	if len(ds) != 1 {
		t.Fatalf("drafts %+v, want the session cut short", ds)
	}
	if code, b := api(http.MethodPost, fmt.Sprintf("/api/v1/sms/drafts/%d/file", ds[0].ID), `{"location":[36.855,-1.255]}`); code != http.StatusCreated {
		t.Fatalf("file draft: %d %s", code, b)
	}
	dial("ATUid_done", "", "1", "1*1", "1*1*2")
	dial("ATUid_old", "", "1", "1*2")
	if ds := drafts(); len(ds) != 1 || ds[0].ID == 0 {
		t.Fatalf("drafts %+v, want the old session's", ds)
	}
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := p.wait(t); err != nil {
		t.Fatalf("serve: %v\n%s", err, p.stderr)
	}

	// Four days pass for the old draft: its last answer is moved back.
	store, err := data.Open(dir, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	convs, err := store.Drafts(time.Time{})
	if err != nil || len(convs) != 1 {
		t.Fatalf("stored drafts %d, %v", len(convs), err)
	}
	old := convs[0]
	old.UpdatedAt, old.OpenUntil = time.Now().Add(-96*time.Hour), time.Time{}
	if _, err := store.CommitSMS(context.Background(), data.SMSOutcome{MessageKey: "test:age", PhoneHash: old.PhoneHash, Conversation: &old,
		Reply: func(uint64) string { return "" }}); err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	p = startServe(t, dir, args...)
	dial("ATUid_young", "", "1", "1*3")
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(p.stderr.String(), "purged old drafts") {
		if time.Now().After(deadline) {
			t.Fatalf("no purge logged\n%s", p.stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	ds = drafts()
	if len(ds) != 1 || ds[0].ID == old.ID {
		t.Fatalf("drafts after the purge %+v, want only the young one (not %d)", ds, old.ID)
	}
	if n := countReports(t, p.base); n != 2 {
		t.Fatalf("%d reports after the purge, want the finished session's and the filed draft's", n)
	}
}
