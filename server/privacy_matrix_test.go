package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

// Values that must never reach a public reader: the exact position of a
// sensitive report (in any precision a client might print), the name and
// distance of the feature nearest to it, its accuracy, and contact details
// written into a description.
var (
	sensitiveAt  = orb.Point{39.2512345, -6.8187654}
	privateBytes = []string{
		"39.2512345", "39.251234", "39.25123", "-6.8187654", "-6.818765", "-6.81876", "6.81877",
		"Police Department", "484.2519", "13.7531",
		"39.2834567", "-6.7765432", // a report whose second need is sensitive
		"0712 345 678", "0712345678", "+255 754 321 987", "255754321987", "juma.h@example.com", "juma.h%40example.com",
	}
)

// publicTargets turns a route of the table into the requests that read
// reports through it: every report id, the report collection, each export
// format, a bbox drawn tightly around the sensitive report's exact point
// (a public box must not find it there), Open311 in both formats. Other
// routes are called with their parameters set to 1.
func publicTargets(path string, sensitive, contact uint64) []string {
	ids := []uint64{sensitive, contact}
	box := fmt.Sprintf("bbox=%.7f,%.7f,%.7f,%.7f", sensitiveAt[0]-0.0002, sensitiveAt[1]-0.0002, sensitiveAt[0]+0.0002, sensitiveAt[1]+0.0002)
	var out []string
	switch path {
	case "/api/v1/reports/:id":
		for _, id := range ids {
			out = append(out, fmt.Sprintf("/api/v1/reports/%d", id))
		}
	case "/ogc/collections/:collection":
		out = append(out, "/ogc/collections/reports")
	case "/ogc/collections/:collection/items":
		out = append(out, "/ogc/collections/reports/items", "/ogc/collections/reports/items?"+box)
	case "/ogc/collections/:collection/items/:id":
		for _, id := range ids {
			out = append(out, fmt.Sprintf("/ogc/collections/reports/items/%d", id))
		}
	case "/api/v1/export/:file":
		out = append(out, "/api/v1/export/reports.geojson", "/api/v1/export/reports.csv", "/api/v1/export/reports.csv?hxl=true",
			"/api/v1/export/reports.geojson?"+box)
	case "/api/v1/events":
		out = append(out, "/api/v1/events?last_event_id=0")
	case "/open311/v2/requests/:file":
		for _, id := range ids {
			out = append(out, fmt.Sprintf("/open311/v2/requests/%d.json", id), fmt.Sprintf("/open311/v2/requests/%d.xml", id))
		}
	case "/open311/v2/services/:file":
		out = append(out, "/open311/v2/services/security.json")
	case "/api/v1/not-in-osm":
		out = append(out, "/api/v1/not-in-osm", "/api/v1/not-in-osm?"+box)
	default:
		out = append(out, pathParam.ReplaceAllString(path, "1"))
	}
	return out
}

// TestPrivacyMatrix walks every GET route of the route table that a
// non-staff caller may call, as the public, a viewer and a mapper, with a
// sensitive report (security, with accuracy and a named nearest feature)
// and a report whose description holds phone numbers and an e-mail
// address, and checks that no answer holds the exact position, the
// nearest feature, the accuracy or the contact details. A moderator reads
// them (so the test can tell a leak from their absence), and the public
// reads the redacted text and the generalised point.
func TestPrivacyMatrix(t *testing.T) {
	w := newSecurityWorld(t)
	ctx := context.Background()
	// Accuracy and distance have digits no other number of an answer has by
	// chance: /metrics once held a "3.75" of its own.
	acc := 13.7531
	sens := datatest.Report(sensitiveAt, "security", now)
	sens.Status = data.StatusVerified
	sens.AccuracyM = &acc
	sens.Nearest = &data.FeatureRef{OSMType: "node", OSMID: 77, Name: "Police Department", Kind: "police", DistanceM: 484.2519}
	sens.NotInOSM = true
	contact := datatest.Report(orb.Point{39.27, -6.80}, "water_supply", now)
	contact.Status = data.StatusVerified
	contact.Description = "No water since 2026-02-28. Call Juma 0712 345 678 or +255 754 321 987, juma.h@example.com"
	contact.NotInOSM = true
	// Sensitive by a need other than its main category.
	second := datatest.Report(orb.Point{39.2834567, -6.7765432}, "water_supply", now)
	second.Status = data.StatusVerified
	second.Needs = []string{"water_supply", "security"}
	var ids []uint64
	for _, r := range []data.Report{sens, contact, second} {
		res, err := w.store.Create(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.Report.ID)
	}

	// The moderator's view holds what the public must not see: the
	// strings are right, and the staff path is exact.
	for _, id := range ids {
		r := w.as(data.RoleModerator, http.MethodGet, fmt.Sprintf("/api/v1/reports/%d", id), "")
		if id == ids[0] && !(strings.Contains(string(r.Body), "39.2512345") && strings.Contains(string(r.Body), "13.7531") && strings.Contains(string(r.Body), "484.2519")) ||
			id == ids[1] && !strings.Contains(string(r.Body), "0712 345 678") {
			t.Fatalf("moderator's view of %d lacks the exact data: %s", id, r.Body)
		}
	}
	if r := w.as(data.RoleModerator, http.MethodGet, "/api/v1/export/reports.csv", ""); !strings.Contains(string(r.Body), "39.2512345") {
		t.Errorf("moderator's export is not exact:\n%s", r.Body)
	}

	w.ctx = nil
	walked := 0
	for _, rt := range w.srv.Routes() {
		if rt.Method != http.MethodGet || rt.MinRole.AtLeast(data.RoleModerator) {
			continue
		}
		for _, target := range publicTargets(rt.Path, ids[0], ids[1]) {
			for _, role := range []data.Role{data.RolePublic, data.RoleViewer, data.RoleMapper} {
				if !role.AtLeast(rt.MinRole) {
					continue
				}
				w.ctx = nil
				if streams[rt.Method+" "+rt.Path] {
					cctx, cancel := context.WithCancel(ctx)
					cancel() // the replay is written, then the stream ends
					w.ctx = cctx
				}
				r := w.as(role, http.MethodGet, target, "")
				walked++
				for _, secret := range privateBytes {
					if strings.Contains(string(r.Body), secret) || strings.Contains(fmt.Sprint(r.Header), secret) {
						t.Errorf("GET %s as %s leaks %q: %d %.600s", target, role, secret, r.Status, r.Body)
						break
					}
				}
			}
		}
	}
	w.ctx = nil
	if walked < 60 {
		t.Errorf("walked %d requests: the route table looks short", walked)
	}

	// What the public does read.
	pub := string(w.get(fmt.Sprintf("/api/v1/reports/%d", ids[1])).Body)
	if !strings.Contains(pub, "No water since 2026-02-28. Call Juma [phone] or [phone], [e-mail]") {
		t.Errorf("public description not redacted as documented: %s", pub)
	}
	pub = string(w.get(fmt.Sprintf("/api/v1/reports/%d", ids[0])).Body)
	if !strings.Contains(pub, `"coordinates":[39.255,-6.815]`) || !strings.Contains(pub, `"location_generalised":true`) {
		t.Errorf("public sensitive report not generalised: %s", pub)
	}
	pub = string(w.get(fmt.Sprintf("/api/v1/reports/%d", ids[2])).Body)
	if !strings.Contains(pub, `"coordinates":[39.285,-6.775]`) || !strings.Contains(pub, `"location_generalised":true`) {
		t.Errorf("report with a sensitive second need not generalised: %s", pub)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	w.ctx = cctx
	if r := w.get("/api/v1/events?last_event_id=0"); !strings.Contains(string(r.Body), "[e-mail]") || !strings.Contains(string(r.Body), "39.255") {
		t.Errorf("the event stream's replay was not walked: %s", r.Body)
	}
	if r := w.as(data.RoleModerator, http.MethodGet, "/api/v1/events?last_event_id=0", ""); !strings.Contains(string(r.Body), "39.2512345") {
		t.Errorf("a moderator's event stream is not exact: %s", r.Body)
	}
	w.ctx = nil
	centre := "/ogc/collections/reports/items?bbox=39.2549,-6.8151,39.2551,-6.8149"
	if r := w.get(centre); !strings.Contains(string(r.Body), `"numberMatched":1`) {
		t.Errorf("a box around the generalised point does not find the report: %s", r.Body)
	}
}

// TestModeratorEditsPublicText: a moderator replaces the public text of
// a report (to remove a name the redaction cannot catch); the public reads
// it everywhere, the moderator still reads the description as sent and
// both texts, the audit log records the change, and null brings back the
// redacted description.
func TestModeratorEditsPublicText(t *testing.T) {
	w := newAccountWorld(t, server.Config{PublicUnverified: true}, nil)
	r := datatest.Report(orb.Point{39.27, -6.80}, "flood", now)
	r.Description = "Mzee Juma Hamisi (0712345678) lost his house"
	res, err := w.store.Create(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	id := res.Report.ID
	path := fmt.Sprintf("/api/v1/reports/%d", id)
	if body := string(w.get(path).Body); !strings.Contains(body, "Mzee Juma Hamisi ([phone]) lost his house") {
		t.Fatalf("before the edit: %s", body)
	}
	if p := w.patch(data.RoleModerator, id, `{"public_text":"An elderly resident lost his house"}`); p.Status != http.StatusOK {
		t.Fatalf("PATCH: %d %s", p.Status, p.Body)
	}
	for _, target := range []string{path, "/ogc/collections/reports/items", "/api/v1/export/reports.csv", fmt.Sprintf("/open311/v2/requests/%d.json", id)} {
		body := string(w.get(target).Body)
		if !strings.Contains(body, "An elderly resident lost his house") || strings.Contains(body, "Hamisi") {
			t.Errorf("GET %s after the edit: %s", target, body)
		}
	}
	mod := decode[struct {
		Properties struct {
			Description       string  `json:"description"`
			PublicText        *string `json:"public_text"`
			PublicDescription string  `json:"public_description"`
		}
	}](t, w.as(data.RoleModerator, http.MethodGet, path, "").Body).Properties
	if mod.Description != r.Description || mod.PublicText == nil || mod.PublicDescription != "An elderly resident lost his house" {
		t.Errorf("moderator's view: %+v", mod)
	}
	log := w.auditOf(id)
	if len(log) != 1 || !strings.Contains(string(log[0].After), "An elderly resident") {
		t.Errorf("audit: %+v", log)
	}
	for _, bad := range []string{`{"public_text":12}`, `{"public_text":"` + strings.Repeat("a", data.MaxDescriptionRunes+1) + `"}`} {
		if p := w.patch(data.RoleModerator, id, bad); p.Status != http.StatusUnprocessableEntity || decode[apiErr](t, p.Body).Error.Field != "public_text" {
			t.Errorf("PATCH %.40s: %d %s", bad, p.Status, p.Body)
		}
	}
	if p := w.patch(data.RoleModerator, id, `{"public_text":null}`); p.Status != http.StatusOK {
		t.Fatalf("PATCH null: %d %s", p.Status, p.Body)
	}
	if body := string(w.get(path).Body); !strings.Contains(body, "Mzee Juma Hamisi ([phone])") {
		t.Errorf("after removing the public text: %s", body)
	}
}

// TestIdempotencyKeysScopedToCaller: a key is the caller's own. Another
// account reusing it gets a report of its own; an anonymous client reusing
// an anonymous key with another report gets 409 and nothing of the first
// client's (no report, no upload token); only the very same request gets
// the original back.
func TestIdempotencyKeysScopedToCaller(t *testing.T) {
	w := newSecurityWorld(t)
	const key = "readme-example-key"
	post := func(role data.Role, body string) response {
		t.Helper()
		header := []string{"Idempotency-Key", key}
		if tok := w.tokens[role]; tok != "" {
			header = append(header, "Authorization", "Bearer "+tok)
		}
		return w.do(http.MethodPost, "/api/v1/reports", "application/geo+json", strings.NewReader(body), header...)
	}
	first := post(data.RoleMapper, report(39.2, -6.8, "flood"))
	if first.Status != http.StatusCreated || first.Header.Get("X-Upload-Token") == "" {
		t.Fatalf("first: %d %s", first.Status, first.Body)
	}
	// Another account, same key and body: its own new report.
	other := post(data.RoleModerator, report(39.2, -6.8, "flood"))
	if other.Status != http.StatusCreated || other.Header.Get("Location") == first.Header.Get("Location") {
		t.Fatalf("another account's key: %d %v", other.Status, other.Header)
	}
	// The same account retrying: the original, 200.
	if again := post(data.RoleMapper, report(39.2, -6.8, "flood")); again.Status != http.StatusOK || again.Header.Get("Location") != first.Header.Get("Location") {
		t.Fatalf("retry: %d %v", again.Status, again.Header)
	}

	anon := post(data.RolePublic, report(39.21, -6.81, "water_supply"))
	if anon.Status != http.StatusCreated {
		t.Fatalf("anonymous: %d %s", anon.Status, anon.Body)
	}
	thief := post(data.RolePublic, report(39.5, -6.5, "flood"))
	if thief.Status != http.StatusConflict || decode[apiErr](t, thief.Body).Error.Code != "idempotency_key_reused" ||
		thief.Header.Get("X-Upload-Token") != "" || strings.Contains(string(thief.Body), "water_supply") {
		t.Fatalf("anonymous key reused with another body: %d %v %s", thief.Status, thief.Header, thief.Body)
	}
	if retry := post(data.RolePublic, report(39.21, -6.81, "water_supply")); retry.Status != http.StatusOK || retry.Header.Get("Location") != anon.Header.Get("Location") {
		t.Fatalf("anonymous retry: %d %v", retry.Status, retry.Header)
	}
	if n := w.store.Extent().Count; n != 3 {
		t.Errorf("%d reports stored, want 3", n)
	}
}
