package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

type testServer struct {
	t     *testing.T
	store *data.Store
	dir   string
	h     http.Handler
	// readAs, when set, is a header pair sent with every GET that carries
	// no Authorization of its own (to read as a role that sees every
	// status).
	readAs []string
	// ctx, when set, is the context of every request (a cancelled one
	// ends an event stream as soon as its handler starts).
	ctx context.Context
}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	st, dir := datatest.NewStore(t)
	srv := server.New(server.Config{PublicURL: "http://mtaa.test", Version: "test", PublicUnverified: true},
		server.Deps{Store: st, Now: func() time.Time { return now }})
	return &testServer{t: t, store: st, dir: dir, h: srv.Handler()}
}

type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (ts *testServer) do(method, target, contentType string, body io.Reader, header ...string) response {
	ts.t.Helper()
	req := httptest.NewRequest(method, target, body)
	if ts.ctx != nil {
		req = req.WithContext(ts.ctx)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if method == http.MethodGet && len(ts.readAs) == 2 && req.Header.Get("Authorization") == "" {
		req.Header.Set(ts.readAs[0], ts.readAs[1])
	}
	rec := httptest.NewRecorder()
	ts.h.ServeHTTP(rec, req)
	return response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
}

func (ts *testServer) post(body string, header ...string) response {
	ts.t.Helper()
	return ts.do(http.MethodPost, "/api/v1/reports", "application/geo+json", strings.NewReader(body), header...)
}

func (ts *testServer) get(target string) response {
	ts.t.Helper()
	return ts.do(http.MethodGet, target, "", nil)
}

// fileHash is a digest of what the store holds (datatest.Digest: the
// bbolt file, or every key of the PostgreSQL database), to prove that a
// rejected request wrote nothing.
func (ts *testServer) fileHash() [32]byte {
	ts.t.Helper()
	return datatest.Digest(ts.t, ts.dir)
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}

type apiErr struct {
	Error struct {
		Code, Field, Message string
	}
}

type feature struct {
	Type     string
	ID       uint64
	Geometry struct {
		Type        string
		Coordinates []float64
	}
	Properties map[string]any
}

func report(lon, lat float64, category string) string {
	b, _ := json.Marshal(map[string]any{
		"type":       "Feature",
		"geometry":   map[string]any{"type": "Point", "coordinates": []float64{lon, lat}},
		"properties": map[string]any{"category": category, "description": "report in " + category},
	})
	return string(b)
}

func TestHealth(t *testing.T) {
	ts := newTestServer(t)
	if r := ts.get("/healthz"); r.Status != 200 {
		t.Fatalf("healthz %d", r.Status)
	}
	r := ts.get("/readyz")
	if r.Status != 200 || decode[map[string]any](t, r.Body)["status"] != "ready" {
		t.Fatalf("readyz %d %s", r.Status, r.Body)
	}
}

func TestCreateAndGetReport(t *testing.T) {
	ts := newTestServer(t)
	r := ts.post(`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2567,-6.8123]},
		"properties":{"category":"water_supply","description":"maji hayatoki kisima cha shule","accuracy_m":12,
		"observed_at":"2026-03-01T08:00:00Z","reporter":"+255700000001"}}`)
	if r.Status != http.StatusCreated {
		t.Fatalf("POST: %d %s", r.Status, r.Body)
	}
	if loc := r.Header.Get("Location"); loc != "http://mtaa.test/api/v1/reports/1" {
		t.Errorf("Location %q", loc)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/geo+json" {
		t.Errorf("Content-Type %q", ct)
	}
	if bytes.Contains(r.Body, []byte("+255700000001")) {
		t.Fatalf("reporter leaked: %s", r.Body)
	}
	f := decode[feature](t, r.Body)
	p := f.Properties
	if f.ID != 1 || p["category"] != "water_supply" || p["status"] != "new" || p["channel"] != "web" ||
		p["location_source"] != "gps" || p["accuracy_m"] != 12.0 || p["observed_at"] != "2026-03-01T08:00:00Z" ||
		p["received_at"] != "2026-03-01T12:00:00Z" || f.Geometry.Coordinates[0] != 39.2567 {
		t.Fatalf("stored feature: %s", r.Body)
	}
	g := ts.get("/api/v1/reports/1")
	if g.Status != 200 || !bytes.Equal(g.Body, r.Body) {
		t.Fatalf("GET: %d %s", g.Status, g.Body)
	}
	if bytes.Contains(g.Body, []byte("+255700000001")) {
		t.Fatal("reporter leaked on GET")
	}
	stored, err := ts.store.Get(1)
	if err != nil || stored.Reporter != "+255700000001" {
		t.Fatalf("private reporter not kept: %+v %v", stored, err)
	}
	if r := ts.get("/api/v1/reports/2"); r.Status != 404 || decode[apiErr](t, r.Body).Error.Code != "not_found" {
		t.Fatalf("missing report: %d %s", r.Status, r.Body)
	}
}

func TestIdempotencyKey(t *testing.T) {
	ts := newTestServer(t)
	first := ts.post(report(39.2, -6.8, "flood"), "Idempotency-Key", "phone-7-report-1")
	if first.Status != 201 {
		t.Fatalf("first: %d %s", first.Status, first.Body)
	}
	again := ts.post(report(39.2, -6.8, "flood"), "Idempotency-Key", "phone-7-report-1")
	if again.Status != 200 || !bytes.Equal(again.Body, first.Body) {
		t.Fatalf("repeat: %d %s", again.Status, again.Body)
	}
	// Another report under the same key is not a retry (issue 15): it is
	// refused, and neither the original nor an upload token comes back.
	other := ts.post(report(39.3, -6.9, "fire"), "Idempotency-Key", "phone-7-report-1")
	if other.Status != http.StatusConflict || decode[apiErr](t, other.Body).Error.Code != "idempotency_key_reused" ||
		other.Header.Get("X-Upload-Token") != "" || other.Header.Get("Location") != "" {
		t.Fatalf("same key, another body: %d %v %s", other.Status, other.Header, other.Body)
	}
	viaProperty := ts.post(`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]},"properties":{"description":"report in flood","category":"flood","idempotency_key":"phone-7-report-1"}}`)
	if viaProperty.Status != 200 || !bytes.Equal(viaProperty.Body, first.Body) {
		t.Fatalf("key as property: %d %s", viaProperty.Status, viaProperty.Body)
	}
	if n := ts.store.Extent().Count; n != 1 {
		t.Fatalf("stored %d reports, want 1", n)
	}
}

func TestBadRequestsChangeNothing(t *testing.T) {
	ts := newTestServer(t)
	if r := ts.post(report(39.2, -6.8, "flood")); r.Status != 201 {
		t.Fatalf("seed report: %d %s", r.Status, r.Body)
	}
	const geo = "application/geo+json"
	point := func(coords string) string {
		return `{"type":"Feature","geometry":{"type":"Point","coordinates":` + coords + `},"properties":{"category":"flood"}}`
	}
	props := func(p string) string {
		return `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]},"properties":` + p + `}`
	}
	tests := []struct {
		name        string
		method      string
		target      string
		contentType string
		body        string
		header      []string
		status      int
		code        string
		field       string
	}{
		{"longitude out of range", "POST", "/api/v1/reports", geo, point("[181,-6.8]"), nil, 400, "invalid_field", "geometry.coordinates"},
		{"latitude out of range", "POST", "/api/v1/reports", geo, point("[39.2,-90.5]"), nil, 400, "invalid_field", "geometry.coordinates"},
		{"NaN coordinate", "POST", "/api/v1/reports", geo, point("[NaN,-6.8]"), nil, 400, "invalid_json", "body"},
		{"NaN as string", "POST", "/api/v1/reports", geo, point(`["NaN",-6.8]`), nil, 400, "invalid_field", "geometry.coordinates"},
		{"string for number", "POST", "/api/v1/reports", geo, point(`["39.2","-6.8"]`), nil, 400, "invalid_field", "geometry.coordinates"},
		{"one coordinate", "POST", "/api/v1/reports", geo, point("[39.2]"), nil, 400, "invalid_field", "geometry.coordinates"},
		{"four coordinates", "POST", "/api/v1/reports", geo, point("[39.2,-6.8,1,2]"), nil, 400, "invalid_field", "geometry.coordinates"},
		{"null island", "POST", "/api/v1/reports", geo, point("[0,0]"), nil, 400, "invalid_field", "geometry.coordinates"},
		{"missing geometry", "POST", "/api/v1/reports", geo, `{"type":"Feature","properties":{"category":"flood"}}`, nil, 400, "missing_field", "geometry"},
		{"null coordinates", "POST", "/api/v1/reports", geo, point("null"), nil, 400, "missing_field", "geometry.coordinates"},
		{"polygon not point", "POST", "/api/v1/reports", geo, `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[39,-6],[39.1,-6],[39.1,-6.1],[39,-6]]]},"properties":{"category":"flood"}}`, nil, 400, "invalid_field", "geometry.type"},
		{"not a feature", "POST", "/api/v1/reports", geo, `{"type":"FeatureCollection","features":[]}`, nil, 400, "invalid_field", "type"},
		{"missing properties", "POST", "/api/v1/reports", geo, `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]}}`, nil, 400, "missing_field", "properties"},
		{"missing category", "POST", "/api/v1/reports", geo, props(`{"description":"no category"}`), nil, 400, "missing_field", "properties.category"},
		{"unknown category", "POST", "/api/v1/reports", geo, props(`{"category":"volcano"}`), nil, 400, "invalid_field", "properties.category"},
		{"category not a string", "POST", "/api/v1/reports", geo, props(`{"category":7}`), nil, 400, "invalid_field", "properties.category"},
		{"description too long", "POST", "/api/v1/reports", geo, props(`{"category":"flood","description":"` + strings.Repeat("a", 2001) + `"}`), nil, 400, "too_large", "properties.description"},
		{"accuracy as string", "POST", "/api/v1/reports", geo, props(`{"category":"flood","accuracy_m":"10"}`), nil, 400, "invalid_field", "properties.accuracy_m"},
		{"negative accuracy", "POST", "/api/v1/reports", geo, props(`{"category":"flood","accuracy_m":-3}`), nil, 400, "invalid_field", "properties.accuracy_m"},
		{"bad observed_at", "POST", "/api/v1/reports", geo, props(`{"category":"flood","observed_at":"yesterday"}`), nil, 400, "invalid_field", "properties.observed_at"},
		{"observed_at in the future", "POST", "/api/v1/reports", geo, props(`{"category":"flood","observed_at":"2026-03-05T00:00:00Z"}`), nil, 400, "invalid_field", "properties.observed_at"},
		{"unknown property", "POST", "/api/v1/reports", geo, props(`{"category":"flood","severity":5}`), nil, 400, "unknown_field", "properties.severity"},
		{"status other than new", "POST", "/api/v1/reports", geo, props(`{"category":"flood","status":"verified"}`), nil, 400, "invalid_field", "properties.status"},
		{"sms channel on the web API", "POST", "/api/v1/reports", geo, props(`{"category":"flood","channel":"sms"}`), nil, 400, "invalid_field", "properties.channel"},
		{"unknown location source", "POST", "/api/v1/reports", geo, props(`{"category":"flood","location_source":"guess"}`), nil, 400, "invalid_field", "properties.location_source"},
		{"idempotency key with spaces", "POST", "/api/v1/reports", geo, report(39.2, -6.8, "flood"), []string{"Idempotency-Key", "a b"}, 400, "invalid_field", "idempotency_key"},
		{"conflicting idempotency keys", "POST", "/api/v1/reports", geo, props(`{"category":"flood","idempotency_key":"x"}`), []string{"Idempotency-Key", "y"}, 400, "invalid_field", "Idempotency-Key"},
		{"malformed JSON", "POST", "/api/v1/reports", geo, `{"type":"Feature",`, nil, 400, "invalid_json", "body"},
		{"empty body", "POST", "/api/v1/reports", geo, ``, nil, 400, "invalid_json", "body"},
		{"JSON nesting bomb", "POST", "/api/v1/reports", geo, `{"type":"Feature","geometry":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`, nil, 400, "invalid_json", "body"},
		{"wrong content type", "POST", "/api/v1/reports", "text/plain", report(39.2, -6.8, "flood"), nil, 415, "unsupported_media_type", "Content-Type"},
		{"form content type", "POST", "/api/v1/reports", "application/x-www-form-urlencoded", "category=flood", nil, 415, "unsupported_media_type", "Content-Type"},
		{"body over 64 KiB", "POST", "/api/v1/reports", geo, props(`{"category":"flood","description":"` + strings.Repeat("x", 70<<10) + `"}`), nil, 413, "too_large", "body"},
		{"non-numeric id", "GET", "/api/v1/reports/abc", "", "", nil, 400, "invalid_parameter", "id"},
		{"zero id", "GET", "/api/v1/reports/0", "", "", nil, 400, "invalid_parameter", "id"},
		{"non-numeric item id", "GET", "/ogc/collections/reports/items/1x", "", "", nil, 400, "invalid_parameter", "id"},
		{"bbox with 3 numbers", "GET", "/ogc/collections/reports/items?bbox=1,2,3", "", "", nil, 400, "invalid_parameter", "bbox"},
		{"bbox min > max", "GET", "/ogc/collections/reports/items?bbox=40,-6,39,-5", "", "", nil, 400, "invalid_parameter", "bbox"},
		{"bbox not numbers", "GET", "/ogc/collections/reports/items?bbox=a,b,c,d", "", "", nil, 400, "invalid_parameter", "bbox"},
		{"bbox out of the world", "GET", "/ogc/collections/reports/items?bbox=-200,-6,39,-5", "", "", nil, 400, "invalid_parameter", "bbox"},
		{"bad datetime", "GET", "/ogc/collections/reports/items?datetime=last-week", "", "", nil, 400, "invalid_parameter", "datetime"},
		{"datetime interval reversed", "GET", "/ogc/collections/reports/items?datetime=2026-02-01T00:00:00Z/2026-01-01T00:00:00Z", "", "", nil, 400, "invalid_parameter", "datetime"},
		{"datetime three parts", "GET", "/ogc/collections/reports/items?datetime=2026-01-01/2026-01-02/2026-01-03", "", "", nil, 400, "invalid_parameter", "datetime"},
		{"limit 0", "GET", "/ogc/collections/reports/items?limit=0", "", "", nil, 400, "invalid_parameter", "limit"},
		{"limit negative", "GET", "/ogc/collections/reports/items?limit=-5", "", "", nil, 400, "invalid_parameter", "limit"},
		{"limit above maximum", "GET", "/ogc/collections/reports/items?limit=10001", "", "", nil, 400, "invalid_parameter", "limit"},
		{"limit not a number", "GET", "/ogc/collections/reports/items?limit=ten", "", "", nil, 400, "invalid_parameter", "limit"},
		{"negative offset", "GET", "/ogc/collections/reports/items?offset=-1", "", "", nil, 400, "invalid_parameter", "offset"},
		{"unknown query parameter", "GET", "/ogc/collections/reports/items?colour=red", "", "", nil, 400, "unknown_parameter", "colour"},
		{"repeated parameter", "GET", "/ogc/collections/reports/items?limit=5&limit=6", "", "", nil, 400, "invalid_parameter", "limit"},
		{"unknown category filter", "GET", "/ogc/collections/reports/items?category=volcano", "", "", nil, 400, "invalid_parameter", "category"},
		{"unknown status filter", "GET", "/ogc/collections/reports/items?status=lost", "", "", nil, 400, "invalid_parameter", "status"},
		{"unsupported bbox-crs", "GET", "/ogc/collections/reports/items?bbox-crs=EPSG:3857", "", "", nil, 400, "invalid_parameter", "bbox-crs"},
		{"unknown parameter on landing", "GET", "/ogc?debug=1", "", "", nil, 400, "unknown_parameter", "debug"},
		{"unknown collection", "GET", "/ogc/collections/unicorns/items", "", "", nil, 404, "not_found", "collectionId"},
	}
	before := ts.fileHash()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(tt.method, tt.target, tt.contentType, strings.NewReader(tt.body), tt.header...)
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tt.status, r.Body)
			}
			e := decode[apiErr](t, r.Body)
			if e.Error.Code != tt.code || e.Error.Field != tt.field || e.Error.Message == "" {
				t.Fatalf("error %+v, want code %q field %q", e.Error, tt.code, tt.field)
			}
			if ts.fileHash() != before || ts.store.Extent().Count != 1 {
				t.Fatal("a rejected request changed the store")
			}
		})
	}
	if len(tests) < 30 {
		t.Fatalf("only %d bad requests", len(tests))
	}
}

func TestUnknownRouteAndMethod(t *testing.T) {
	ts := newTestServer(t)
	if r := ts.get("/nope"); r.Status != 404 || decode[apiErr](t, r.Body).Error.Code != "not_found" {
		t.Fatalf("unknown route: %d %s", r.Status, r.Body)
	}
	if r := ts.do("DELETE", "/api/v1/reports/1", "", nil); r.Status != 405 {
		t.Fatalf("DELETE: %d %s", r.Status, r.Body)
	}
}

func TestMetrics(t *testing.T) {
	ts := newTestServer(t)
	ts.post(report(39.2, -6.8, "flood"))
	ts.get("/api/v1/reports/abc")
	r := ts.get("/metrics")
	for _, want := range []string{
		`mtaa_http_requests_total{method="POST",route="/api/v1/reports",status="201"} 1`,
		`mtaa_http_requests_total{method="GET",route="/api/v1/reports/:id",status="400"} 1`,
		`mtaa_http_request_duration_seconds_bucket{method="POST",route="/api/v1/reports",le="+Inf"} 1`,
		"mtaa_reports_stored 1",
	} {
		if !bytes.Contains(r.Body, []byte(want)) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
