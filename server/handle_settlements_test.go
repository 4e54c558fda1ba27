package server_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/server"
)

func newSettlementServer(t *testing.T) *testServer {
	t.Helper()
	st, dir := datatest.NewStore(t)
	srv := server.New(server.Config{PublicURL: "http://mtaa.test", AdminToken: settleAdminToken},
		server.Deps{Store: st, Settlements: st, Now: func() time.Time { return now }})
	return &testServer{t: t, store: st, dir: dir, h: srv.Handler()}
}

const settleAdminToken = "settlement-admin-token"

// drawnSquare is a counter-clockwise square of about 111 m × 110 m in
// Tandale, Dar es Salaam.
const drawnSquare = `{"type":"Polygon","coordinates":[[[39.25,-6.81],[39.251,-6.81],[39.251,-6.809],[39.25,-6.809],[39.25,-6.81]]]}`

func settlementBody(geometry, props string) string {
	return `{"type":"Feature","geometry":` + geometry + `,"properties":` + props + `}`
}

func (ts *testServer) postSettlement(body string, header ...string) response {
	ts.t.Helper()
	return ts.do(http.MethodPost, "/api/v1/settlements", "application/geo+json", strings.NewReader(body), header...)
}

type settlementFeature struct {
	Type     string
	ID       uint64
	Geometry struct {
		Type        string
		Coordinates [][][]float64
	}
	Properties map[string]any
}

func TestCreateAndGetSettlement(t *testing.T) {
	ts := newSettlementServer(t)
	body := settlementBody(drawnSquare, `{"name":"Tandale Kwa Mtogole","source":"mapper survey 2026","submitter":"mapper-17@example.org"}`)
	r := ts.postSettlement(body, "Idempotency-Key", "draw-0001")
	if r.Status != http.StatusCreated {
		t.Fatalf("POST: %d %s", r.Status, r.Body)
	}
	if loc := r.Header.Get("Location"); loc != "http://mtaa.test/api/v1/settlements/1" {
		t.Errorf("Location %q", loc)
	}
	f := decode[settlementFeature](t, r.Body)
	p := f.Properties
	if f.Type != "Feature" || f.ID != 1 || f.Geometry.Type != "Polygon" || len(f.Geometry.Coordinates[0]) != 5 ||
		p["name"] != "Tandale Kwa Mtogole" || p["source"] != "mapper survey 2026" || p["status"] != "new" ||
		p["origin"] != "mapper" || p["created_at"] != "2026-03-01T12:00:00Z" {
		t.Fatalf("stored feature: %s", r.Body)
	}
	for _, secret := range []string{"mapper-17", "draw-0001"} {
		if bytes.Contains(r.Body, []byte(secret)) {
			t.Errorf("public output holds %q: %s", secret, r.Body)
		}
	}
	// Unverified: not public (issue 15), read by staff; public once verified.
	if got := ts.get("/api/v1/settlements/1"); got.Status != http.StatusNotFound {
		t.Errorf("public GET of an unverified settlement: %d %s", got.Status, got.Body)
	}
	got := ts.do(http.MethodGet, "/api/v1/settlements/1", "", nil, "Authorization", "Bearer "+settleAdminToken)
	if got.Status != 200 || !bytes.Equal(got.Body, r.Body) || got.Header.Get("Content-Type") != "application/geo+json" {
		t.Errorf("staff GET: %d %s", got.Status, got.Body)
	}
	stored, err := ts.store.Settlement(1)
	if err != nil || stored.Submitter != "mapper-17@example.org" || stored.IdempotencyKey == "" || stored.IdempotencyKey == "draw-0001" {
		t.Errorf("private fields not stored (the key scoped to the caller): %+v %v", stored, err)
	}

	// The same request again: the original, nothing new written.
	before := ts.fileHash()
	again := ts.postSettlement(body, "Idempotency-Key", "draw-0001")
	if again.Status != http.StatusOK || !bytes.Equal(again.Body, r.Body) || ts.fileHash() != before {
		t.Fatalf("repeat: %d %s", again.Status, again.Body)
	}
	// Another drawing under the same key is not that request: it never
	// answers with the first one.
	other := ts.postSettlement(settlementBody(drawnSquare, `{"name":"Another name","source":"retry"}`), "Idempotency-Key", "draw-0001")
	if other.Status != http.StatusCreated || bytes.Contains(other.Body, []byte("Tandale Kwa Mtogole")) {
		t.Fatalf("same key, another drawing: %d %s", other.Status, other.Body)
	}
	if r := ts.postSettlement(body); r.Status != http.StatusCreated || decode[settlementFeature](t, r.Body).ID != 3 {
		t.Fatalf("third settlement: %d %s", r.Status, r.Body)
	}
	for _, st := range []string{"verified", "rejected"} {
		id := map[string]string{"verified": "1", "rejected": "2"}[st]
		if r := ts.do(http.MethodPatch, "/api/v1/settlements/"+id, "application/json", strings.NewReader(`{"status":"`+st+`"}`),
			"Authorization", "Bearer "+settleAdminToken); r.Status != 200 {
			t.Fatalf("PATCH %s: %d %s", st, r.Status, r.Body)
		}
	}
	if r := ts.get("/api/v1/settlements/1"); r.Status != 200 {
		t.Errorf("public GET of a verified settlement: %d %s", r.Status, r.Body)
	}
	if r := ts.get("/api/v1/settlements/2"); r.Status != 404 {
		t.Errorf("public GET of a rejected settlement: %d %s", r.Status, r.Body)
	}
	if r := ts.get("/api/v1/settlements/4"); r.Status != 404 {
		t.Errorf("missing settlement: %d", r.Status)
	}
}

func TestSettlementBadInputChangesNothing(t *testing.T) {
	ts := newSettlementServer(t)
	if r := ts.postSettlement(settlementBody(drawnSquare, `{"name":"Seed","source":"test"}`)); r.Status != 201 {
		t.Fatalf("seed: %d %s", r.Status, r.Body)
	}
	const geo = "application/geo+json"
	ok := `{"name":"Tandale","source":"mapper survey 2026"}`
	poly := func(coords string) string {
		return settlementBody(`{"type":"Polygon","coordinates":`+coords+`}`, ok)
	}
	tests := []struct {
		name, body, contentType string
		status                  int
		code, field, msg        string
	}{
		{"open ring", poly(`[[[39.25,-6.81],[39.251,-6.81],[39.251,-6.809],[39.25,-6.809]]]`), geo, 400, "invalid_field", "geometry.coordinates[0]", "not closed"},
		{"fewer than 4 positions", poly(`[[[39.25,-6.81],[39.251,-6.81],[39.25,-6.81]]]`), geo, 400, "invalid_field", "geometry.coordinates[0]", "at least 4 positions"},
		{"self-intersection", poly(`[[[39.25,-6.81],[39.252,-6.808],[39.252,-6.81],[39.25,-6.808],[39.25,-6.81]]]`), geo, 400, "invalid_field", "geometry.coordinates[0]", "crosses"},
		{"clockwise exterior", poly(`[[[39.25,-6.81],[39.25,-6.809],[39.251,-6.809],[39.251,-6.81],[39.25,-6.81]]]`), geo, 400, "invalid_field", "geometry.coordinates[0]", "clockwise"},
		{"counter-clockwise hole", poly(`[[[39.25,-6.81],[39.26,-6.81],[39.26,-6.80],[39.25,-6.80],[39.25,-6.81]],[[39.252,-6.808],[39.253,-6.808],[39.253,-6.807],[39.252,-6.807],[39.252,-6.808]]]`), geo, 400, "invalid_field", "geometry.coordinates[1]", "counter-clockwise"},
		{"hole outside the shell", poly(`[[[39.25,-6.81],[39.26,-6.81],[39.26,-6.80],[39.25,-6.80],[39.25,-6.81]],[[39.27,-6.81],[39.27,-6.809],[39.271,-6.809],[39.271,-6.81],[39.27,-6.81]]]`), geo, 400, "invalid_field", "geometry.coordinates[1]", "outside"},
		{"longitude out of range", poly(`[[[180.5,-6.81],[180.6,-6.81],[180.6,-6.80],[180.5,-6.81]]]`), geo, 400, "invalid_field", "geometry.coordinates[0][0]", "longitude"},
		{"latitude out of range", poly(`[[[39.25,-96.81],[39.26,-96.81],[39.26,-96.80],[39.25,-96.81]]]`), geo, 400, "invalid_field", "geometry.coordinates[0][0]", "latitude"},
		{"area too small", poly(`[[[39.25,-6.81],[39.25005,-6.81],[39.25005,-6.80995],[39.25,-6.80995],[39.25,-6.81]]]`), geo, 400, "invalid_field", "geometry", "at least 100 m²"},
		{"area too large", poly(`[[[39.0,-7.0],[39.5,-7.0],[39.5,-6.5],[39.0,-6.5],[39.0,-7.0]]]`), geo, 400, "invalid_field", "geometry", "at most 50.0 km²"},
		{"point geometry", settlementBody(`{"type":"Point","coordinates":[39.25,-6.81]}`, ok), geo, 400, "invalid_field", "geometry.type", "Polygon"},
		{"line geometry", settlementBody(`{"type":"LineString","coordinates":[[39.25,-6.81],[39.26,-6.81]]}`, ok), geo, 400, "invalid_field", "geometry.type", "Polygon"},
		{"no geometry", `{"type":"Feature","properties":` + ok + `}`, geo, 400, "missing_field", "geometry", "required"},
		{"missing name", settlementBody(drawnSquare, `{"source":"mapper survey 2026"}`), geo, 400, "missing_field", "properties.name", "name"},
		{"blank name", settlementBody(drawnSquare, `{"name":"  ","source":"mapper survey 2026"}`), geo, 400, "missing_field", "properties.name", "name"},
		{"name not a string", settlementBody(drawnSquare, `{"name":7,"source":"mapper survey 2026"}`), geo, 400, "invalid_field", "properties.name", "string"},
		{"name too long", settlementBody(drawnSquare, `{"name":"`+strings.Repeat("n", 201)+`","source":"x"}`), geo, 400, "too_large", "properties.name", "200"},
		{"missing source", settlementBody(drawnSquare, `{"name":"Tandale"}`), geo, 400, "missing_field", "properties.source", "source"},
		{"unknown property", settlementBody(drawnSquare, `{"name":"Tandale","source":"x","status":"verified"}`), geo, 400, "unknown_field", "properties.status", "unknown"},
		{"no properties", `{"type":"Feature","geometry":` + drawnSquare + `}`, geo, 400, "missing_field", "properties", "name and source"},
		{"not a feature", `{"type":"FeatureCollection","features":[]}`, geo, 400, "invalid_field", "body", "Feature"},
		{"client id", `{"type":"Feature","id":9,"geometry":` + drawnSquare + `,"properties":` + ok + `}`, geo, 400, "invalid_field", "id", "assigns"},
		{"malformed JSON", `{"type":"Feature",`, geo, 400, "invalid_json", "body", "JSON"},
		{"two JSON values", settlementBody(drawnSquare, ok) + `{}`, geo, 400, "invalid_json", "body", "more than one"},
		{"wrong content type", settlementBody(drawnSquare, ok), "text/plain", 415, "unsupported_media_type", "Content-Type", "geo+json"},
		{"body over 64 KiB", settlementBody(drawnSquare, `{"name":"Tandale","source":"`+strings.Repeat("s", 70<<10)+`"}`), geo, 413, "too_large", "body", "bytes"},
	}
	before := ts.fileHash()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(http.MethodPost, "/api/v1/settlements", tt.contentType, strings.NewReader(tt.body), "Idempotency-Key", "key-"+tt.name)
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tt.status, r.Body)
			}
			e := decode[apiErr](t, r.Body)
			if e.Error.Code != tt.code || e.Error.Field != tt.field || !strings.Contains(e.Error.Message, tt.msg) {
				t.Fatalf("error %+v, want code %q field %q message …%s…", e.Error, tt.code, tt.field, tt.msg)
			}
			if ts.fileHash() != before {
				t.Fatal("a rejected settlement changed the database file")
			}
		})
	}
}

func TestModerateSettlement(t *testing.T) {
	ts := newSettlementServer(t)
	if r := ts.postSettlement(settlementBody(drawnSquare, `{"name":"Tandale","source":"survey"}`)); r.Status != 201 {
		t.Fatalf("seed: %d %s", r.Status, r.Body)
	}
	patch := func(target, body string, header ...string) response {
		return ts.do(http.MethodPatch, target, "application/json", strings.NewReader(body), header...)
	}
	auth := []string{"Authorization", "Bearer " + settleAdminToken}
	before := ts.fileHash()
	for _, tt := range []struct {
		name, target, body string
		header             []string
		status             int
		field              string
	}{
		{"no token", "/api/v1/settlements/1", `{"status":"verified"}`, nil, 401, "Authorization"},
		{"wrong token", "/api/v1/settlements/1", `{"status":"verified"}`, []string{"Authorization", "Bearer nope"}, 401, "Authorization"},
		{"unknown status", "/api/v1/settlements/1", `{"status":"approved"}`, auth, 400, "status"},
		{"no status", "/api/v1/settlements/1", `{}`, auth, 400, "status"},
		{"other field", "/api/v1/settlements/1", `{"status":"verified","name":"x"}`, auth, 400, "body"},
		{"bad id", "/api/v1/settlements/x", `{"status":"verified"}`, auth, 400, "id"},
		{"unknown id", "/api/v1/settlements/9", `{"status":"verified"}`, auth, 404, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := patch(tt.target, tt.body, tt.header...)
			if e := decode[apiErr](t, r.Body); r.Status != tt.status || e.Error.Field != tt.field {
				t.Fatalf("%d %s, want %d naming %q", r.Status, r.Body, tt.status, tt.field)
			}
			if ts.fileHash() != before {
				t.Fatal("a refused PATCH changed the database file")
			}
		})
	}
	r := patch("/api/v1/settlements/1", `{"status":"verified"}`, auth...)
	if f := decode[settlementFeature](t, r.Body); r.Status != 200 || f.Properties["status"] != "verified" {
		t.Fatalf("PATCH: %d %s", r.Status, r.Body)
	}
	if f := decode[settlementFeature](t, ts.get("/api/v1/settlements/1").Body); f.Properties["status"] != "verified" {
		t.Errorf("GET after PATCH: %v", f.Properties)
	}
}

func TestSettlementRoutesNeedAStore(t *testing.T) {
	ts := newTestServer(t) // no Settlements dependency
	if r := ts.postSettlement(settlementBody(drawnSquare, `{"name":"x","source":"y"}`)); r.Status != http.StatusNotFound {
		t.Fatalf("POST without a settlement store: %d %s", r.Status, r.Body)
	}
}

// TestSettlementLayerThroughServer wires the real informal-settlements
// layer as cmd/mtaa does: a drawn settlement shows in the collection and
// its export next to the OSM one, with the reports inside it.
func TestSettlementLayerThroughServer(t *testing.T) {
	st, dir := datatest.NewStore(t)
	ix := osmWorld()
	layer := mapping.NewSettlementLayer(func() *mapping.Index { return ix }, st, mapping.SettlementOptions{Now: func() time.Time { return now }})
	defer st.Watch(func(c data.Change) { layer.ReportChanged(c.Report.Location) })()
	srv := server.New(server.Config{PublicURL: "http://mtaa.test"},
		server.Deps{Store: st, Settlements: st, Now: func() time.Time { return now }, Extract: func() *mapping.Index { return ix },
			Layers: []server.Layer{layer}})
	ts := &testServer{t: t, store: st, dir: dir, h: srv.Handler()}

	// osmWorld's Mtogole (way-20) covers 39.24–39.26, -6.81–-6.79; the
	// drawing lies east of it.
	drawn := `{"type":"Polygon","coordinates":[[[39.27,-6.81],[39.272,-6.81],[39.272,-6.808],[39.27,-6.808],[39.27,-6.81]]]}`
	if r := ts.postSettlement(settlementBody(drawn, `{"name":"Mashariki","source":"survey"}`)); r.Status != 201 {
		t.Fatalf("POST: %d %s", r.Status, r.Body)
	}
	for _, p := range [][2]float64{{39.271, -6.809}, {39.25, -6.80}, {39.251, -6.801}} {
		if r := ts.post(report(p[0], p[1], "flood")); r.Status != 201 {
			t.Fatalf("report: %d %s", r.Status, r.Body)
		}
	}
	page := decode[struct {
		NumberMatched int
		Features      []struct {
			ID         string
			Properties map[string]any
		}
	}](t, ts.get("/ogc/collections/informal-settlements/items").Body)
	if page.NumberMatched != 2 || page.Features[0].ID != "way-20" || page.Features[1].ID != "mapper-1" ||
		page.Features[0].Properties["reports_total"] != 2.0 || page.Features[1].Properties["reports_total"] != 1.0 ||
		page.Features[1].Properties["name"] != "Mashariki" {
		t.Fatalf("items: %+v", page)
	}
	if gaps, ok := page.Features[0].Properties["service_gaps"].(map[string]any); !ok || len(gaps) != 5 {
		t.Errorf("service_gaps %v", page.Features[0].Properties["service_gaps"])
	}
	ex := readExport(t, ts, "/api/v1/export/informal-settlements.csv?origin=mapper&hxl=true")
	if ex.status != 200 || len(ex.rows) != 1 || ex.rows[0]["id"] != "mapper-1" || ex.rows[0]["lon"] != "39.271" || ex.rows[0]["lat"] != "-6.809" {
		t.Fatalf("CSV export: %d %v\n%s", ex.status, ex.rows, ex.body)
	}
}
