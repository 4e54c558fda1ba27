package server_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/server"
)

// Fixture of the export tests, in and around the Mtogole area of osmWorld
// (39.24–39.26 E, 6.79–6.81 S).
const (
	phone   = "+255712345678"
	idemKey = "idem-key-5b1f0c"
)

// securityTrue is the security report's true point; its cell (0.01°) has
// its centre at 39.255, -6.805.
var securityTrue = orb.Point{39.2537, -6.8063}

func newExportServer(t *testing.T) *testServer {
	t.Helper()
	ts := newOSMServer(t)
	ctx := context.Background()
	verified := datatest.Report(orb.Point{39.30, -6.70}, "flood", t0.Add(2*time.Hour))
	verified.Status = data.StatusVerified
	security := datatest.Report(securityTrue, "security", t0.Add(3*time.Hour))
	security.Reporter, security.IdempotencyKey, security.Description = phone, idemKey, "=HYPERLINK(\"x\") thieves at night"
	acc := 4.0
	security.AccuracyM = &acc
	for _, r := range []data.Report{
		datatest.Report(orb.Point{39.25, -6.80}, "flood", t0),
		datatest.Report(orb.Point{39.2512, -6.8012}, "water_supply", t0.Add(time.Hour)),
		verified,
		security,
	} {
		if _, err := ts.store.Create(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	return ts
}

// exported is an export read back: its rows as maps from column (or
// property) to text, with the raw body.
type exported struct {
	status int
	header http.Header
	body   []byte
	rows   []map[string]string
	ids    []string
}

func readExport(t *testing.T, ts *testServer, target string) exported {
	t.Helper()
	r := ts.get(target)
	ex := exported{status: r.Status, header: r.Header, body: r.Body}
	if r.Status != http.StatusOK {
		return ex
	}
	if strings.Contains(target, ".csv") {
		cr := csv.NewReader(bytes.NewReader(r.Body))
		recs, err := cr.ReadAll()
		if err != nil {
			t.Fatalf("%s: CSV: %v\n%s", target, err, r.Body)
		}
		head := recs[0]
		for _, rec := range recs[1:] {
			if strings.HasPrefix(rec[0], "#") {
				continue // the HXL row
			}
			row := map[string]string{}
			for i, h := range head {
				row[h] = rec[i]
			}
			ex.rows = append(ex.rows, row)
			ex.ids = append(ex.ids, row["id"])
		}
		return ex
	}
	fc := decode[struct {
		Type     string
		Features []struct {
			Type       string
			ID         any
			Geometry   struct{ Coordinates any }
			Properties map[string]any
		}
	}](t, r.Body)
	if fc.Type != "FeatureCollection" {
		t.Fatalf("%s: type %q", target, fc.Type)
	}
	for _, f := range fc.Features {
		row := map[string]string{}
		if pt, ok := f.Geometry.Coordinates.([]any); ok && len(pt) == 2 {
			row["lon"], row["lat"] = fmt.Sprint(pt[0]), fmt.Sprint(pt[1])
		}
		for k, v := range f.Properties {
			if v != nil {
				row[k] = fmt.Sprint(v)
			}
		}
		ex.rows = append(ex.rows, row)
		ex.ids = append(ex.ids, fmt.Sprint(f.ID))
	}
	return ex
}

func TestExportFilters(t *testing.T) {
	ts := newExportServer(t)
	tests := []struct {
		name, query string
		ids         []string
	}{
		{"all", "", []string{"1", "2", "3", "4"}},
		{"category", "category=flood", []string{"1", "3"}},
		{"categories", "category=flood,security", []string{"1", "3", "4"}},
		{"status", "status=verified", []string{"3"}},
		{"bbox", "bbox=39.24,-6.81,39.26,-6.79", []string{"1", "2", "4"}},
		{"datetime", "datetime=" + t0.Add(90*time.Minute).Format(time.RFC3339) + "/..", []string{"3", "4"}},
		{"date", "datetime=2026-02-01", []string{"1", "2", "3", "4"}},
		{"area", "area=way-20", []string{"1", "2", "4"}},
		{"area and category", "area=way-20&category=flood", []string{"1"}},
		{"area and bbox apart", "area=way-20&bbox=39.29,-6.71,39.31,-6.69", nil},
		{"limit", "limit=2", []string{"1", "2"}},
		{"offset", "offset=3", []string{"4"}},
		{"offset after area", "area=way-20&offset=1&limit=1", []string{"2"}},
		// The security report's true point is in this bbox but its
		// generalised point is not: a bbox must not locate it.
		{"bbox around a sensitive report", "bbox=39.2536,-6.8064,39.2538,-6.8062", nil},
		{"bbox around its cell centre", "bbox=39.2549,-6.8051,39.2551,-6.8049", []string{"4"}},
	}
	for _, tt := range tests {
		for _, format := range []string{"geojson", "csv"} {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				target := "/api/v1/export/reports." + format
				if tt.query != "" {
					target += "?" + tt.query
				}
				ex := readExport(t, ts, target)
				if ex.status != 200 || !slices.Equal(ex.ids, tt.ids) {
					t.Fatalf("%d ids %v, want %v\n%s", ex.status, ex.ids, tt.ids, ex.body)
				}
			})
		}
	}
}

func TestExportFormats(t *testing.T) {
	ts := newExportServer(t)
	csvEx := readExport(t, ts, "/api/v1/export/reports.csv")
	if ct := csvEx.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("CSV content type %q", ct)
	}
	if cd := csvEx.header.Get("Content-Disposition"); cd != `attachment; filename="mtaa-reports-20260301.csv"` {
		t.Errorf("CSV disposition %q", cd)
	}
	head, _, _ := bytes.Cut(csvEx.body, []byte("\n"))
	wantHead := "id,category,category_label,needs,status,channel,location_source,lon,lat,accuracy_m,observed_at,received_at," +
		"description,not_in_osm,nearest_name,nearest_distance_m,area,location_generalised,needs_labels"
	if string(head) != wantHead {
		t.Errorf("CSV header\n%s\nwant\n%s", head, wantHead)
	}
	first := csvEx.rows[0]
	for col, want := range map[string]string{
		"id": "1", "category": "flood", "category_label": "Flood", "needs": "flood", "status": "new", "channel": "web", "location_source": "gps",
		"lon": "39.25", "lat": "-6.8", "observed_at": "2026-02-01T00:00:00Z", "description": "test report", "area": "Mtogole",
		"not_in_osm": "false", "location_generalised": "false", "needs_labels": "Flood",
	} {
		if first[col] != want {
			t.Errorf("CSV %s = %q, want %q", col, first[col], want)
		}
	}
	if water := csvEx.rows[1]; water["nearest_name"] != "" || water["nearest_distance_m"] == "" {
		// The water point has no name; its distance is about 30 m.
		t.Errorf("CSV nearest: %q %q", water["nearest_name"], water["nearest_distance_m"])
	}

	geo := readExport(t, ts, "/api/v1/export/reports.geojson")
	if ct := geo.header.Get("Content-Type"); ct != "application/geo+json" {
		t.Errorf("GeoJSON content type %q", ct)
	}
	if cd := geo.header.Get("Content-Disposition"); cd != `attachment; filename="mtaa-reports-20260301.geojson"` {
		t.Errorf("GeoJSON disposition %q", cd)
	}
	if len(geo.rows) != 4 || geo.rows[0]["category"] != "flood" || geo.rows[0]["lon"] != "39.25" {
		t.Errorf("GeoJSON rows %v", geo.rows)
	}

	// The HXL row follows the header, one hashtag per column.
	hxl := ts.get("/api/v1/export/reports.csv?hxl=true")
	recs, err := csv.NewReader(bytes.NewReader(hxl.Body)).ReadAll()
	if err != nil || len(recs) != 6 {
		t.Fatalf("HXL CSV: %v %d rows\n%s", err, len(recs), hxl.Body)
	}
	tags := map[string]string{}
	for i, h := range recs[0] {
		tags[h] = recs[1][i]
		if !strings.HasPrefix(recs[1][i], "#") {
			t.Errorf("column %s has no hashtag: %q", h, recs[1][i])
		}
	}
	for col, tag := range map[string]string{
		"lon": "#geo+lon", "lat": "#geo+lat", "observed_at": "#date+occurred", "received_at": "#date+reported",
		"description": "#description", "category": "#event+type+code", "status": "#status",
	} {
		if tags[col] != tag {
			t.Errorf("HXL %s = %q, want %q", col, tags[col], tag)
		}
	}
	if plain := ts.get("/api/v1/export/reports.csv?hxl=false"); bytes.Contains(plain.Body, []byte("#geo+lat")) {
		t.Error("hxl=false has the HXL row")
	}

	// An empty selection is still a valid document.
	empty := ts.get("/api/v1/export/reports.geojson?status=rejected")
	if fc := decode[struct{ Features []any }](t, empty.Body); empty.Status != 200 || fc.Features == nil || len(fc.Features) != 0 {
		t.Errorf("empty export %d %s", empty.Status, empty.Body)
	}
	if e := ts.get("/api/v1/export/reports.csv?status=rejected"); e.Status != 200 || string(e.Body) != wantHead+"\n" {
		t.Errorf("empty CSV %d %q", e.Status, e.Body)
	}
}

func TestExportGeneralisesSensitiveCategories(t *testing.T) {
	ts := newExportServer(t)
	for _, format := range []string{"geojson", "csv"} {
		t.Run(format, func(t *testing.T) {
			ex := readExport(t, ts, "/api/v1/export/reports."+format+"?category=security")
			if len(ex.rows) != 1 {
				t.Fatalf("%d rows\n%s", len(ex.rows), ex.body)
			}
			row := ex.rows[0]
			if row["lon"] != "39.255" || row["lat"] != "-6.805" || row["location_generalised"] != "true" {
				t.Errorf("not generalised: %v", row)
			}
			// Accuracy and the nearest feature would give the point away.
			if row["accuracy_m"] != "" || row["nearest_name"] != "" || row["nearest_distance_m"] != "" || row["nearest"] != "" {
				t.Errorf("fine-grained fields kept: %v", row)
			}
			if bytes.Contains(ex.body, []byte("39.2537")) || bytes.Contains(ex.body, []byte("6.8063")) {
				t.Errorf("true point in the export:\n%s", ex.body)
			}
		})
	}
	// The other reports keep their points.
	ex := readExport(t, ts, "/api/v1/export/reports.geojson?category=flood")
	if ex.rows[0]["lon"] != "39.25" || ex.rows[0]["location_generalised"] != "" {
		t.Errorf("flood report changed: %v", ex.rows[0])
	}
}

func TestExportHasNoPersonalData(t *testing.T) {
	ts := newExportServer(t)
	for _, target := range []string{
		"/api/v1/export/reports.geojson", "/api/v1/export/reports.csv", "/api/v1/export/reports.csv?hxl=true",
	} {
		r := ts.get(target)
		for _, secret := range []string{phone, "255712345678", idemKey, "reporter", "idempotency", "raw_text"} {
			if r.Status != 200 || bytes.Contains(r.Body, []byte(secret)) {
				t.Errorf("%s: %d, contains %q", target, r.Status, secret)
			}
		}
	}
	// A formula in a description is defused for spreadsheets.
	ex := readExport(t, ts, "/api/v1/export/reports.csv?category=security")
	if d := ex.rows[0]["description"]; !strings.HasPrefix(d, "'=HYPERLINK") {
		t.Errorf("description %q", d)
	}
}

func TestExportOSM(t *testing.T) {
	ts := newExportServer(t)
	tests := []struct {
		target string
		ids    []string
	}{
		{"/api/v1/export/facilities.geojson", []string{"node-10", "node-11", "node-13", "node-12"}},
		{"/api/v1/export/facilities.csv?kind=health&class=hospital", []string{"node-11"}},
		{"/api/v1/export/facilities.csv?area=way-20", []string{"node-10", "node-12"}},
		{"/api/v1/export/areas.csv", []string{"way-20"}},
		{"/api/v1/export/waterways.geojson", []string{"way-30"}},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			ex := readExport(t, ts, tt.target)
			if ex.status != 200 || !slices.Equal(ex.ids, tt.ids) {
				t.Fatalf("%d %v, want %v\n%s", ex.status, ex.ids, tt.ids, ex.body)
			}
			if strings.Contains(tt.target, ".csv") {
				for _, row := range ex.rows {
					if row["attribution"] != "© OpenStreetMap contributors, ODbL 1.0" || row["wkt"] == "" {
						t.Errorf("row %v", row)
					}
				}
			} else if fc := decode[struct{ Attribution string }](t, ex.body); fc.Attribution != "© OpenStreetMap contributors, ODbL 1.0" {
				t.Errorf("attribution %q", fc.Attribution)
			}
		})
	}
	ex := readExport(t, ts, "/api/v1/export/areas.csv?hxl=true")
	if row := ex.rows[0]; row["name"] != "Mtogole" || row["lon"] != "39.25" || row["lat"] != "-6.8" ||
		!strings.HasPrefix(row["wkt"], "POLYGON((") || row["kind"] != "informal" {
		t.Errorf("area row %v", row)
	}
	if !bytes.Contains(ex.body, []byte("#geo+wkt")) {
		t.Errorf("no HXL row:\n%s", ex.body)
	}
	// RFC 7946 winding: osmWorld's ring is counterclockwise already, so
	// the geometry is exported as is.
	geo := ts.get("/api/v1/export/areas.geojson")
	if !bytes.Contains(geo.Body, []byte(`[[[39.24,-6.81],[39.26,-6.81],[39.26,-6.79],[39.24,-6.79],[39.24,-6.81]]]`)) {
		t.Errorf("area geometry:\n%s", geo.Body)
	}
}

func TestExportErrors(t *testing.T) {
	ts := newExportServer(t)
	bare := newTestServer(t) // no extract
	tests := []struct {
		name   string
		ts     *testServer
		target string
		status int
		field  string
	}{
		{"unknown collection", ts, "/api/v1/export/ships.csv", 404, "collection"},
		{"OSM collection without extract", bare, "/api/v1/export/facilities.csv", 404, "collection"},
		{"unknown format", ts, "/api/v1/export/reports.xlsx", 400, "format"},
		{"no format", ts, "/api/v1/export/reports", 400, "format"},
		{"double extension", ts, "/api/v1/export/reports.csv.gz", 400, "format"},
		{"bad bbox", ts, "/api/v1/export/reports.csv?bbox=1,2,3", 400, "bbox"},
		{"bad datetime", ts, "/api/v1/export/reports.geojson?datetime=yesterday", 400, "datetime"},
		{"unknown category", ts, "/api/v1/export/reports.csv?category=lava", 400, "category"},
		{"unknown status", ts, "/api/v1/export/reports.csv?status=lost", 400, "status"},
		{"category on an OSM collection", ts, "/api/v1/export/areas.csv?category=flood", 400, "category"},
		{"unknown parameter", ts, "/api/v1/export/reports.csv?catgory=flood", 400, "catgory"},
		{"bad area id", ts, "/api/v1/export/reports.csv?area=117161", 400, "area"},
		{"unknown area", ts, "/api/v1/export/reports.csv?area=relation-117161", 400, "area"},
		{"area that is a point", ts, "/api/v1/export/reports.csv?area=node-10", 400, "area"},
		{"area without extract", bare, "/api/v1/export/reports.csv?area=way-20", 400, "area"},
		{"bad hxl", ts, "/api/v1/export/reports.csv?hxl=maybe", 400, "hxl"},
		{"hxl on GeoJSON", ts, "/api/v1/export/reports.geojson?hxl=true", 400, "hxl"},
		{"bad limit", ts, "/api/v1/export/reports.csv?limit=0", 400, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.ts.get(tt.target)
			e := decode[apiErr](t, r.Body)
			if r.Status != tt.status || e.Error.Field != tt.field || e.Error.Message == "" ||
				!strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
				t.Fatalf("%d %s, want %d naming %s", r.Status, r.Body, tt.status, tt.field)
			}
		})
	}
}

// seedMany stores n reports around Dar es Salaam, in batches, a tenth of
// them security reports.
func seedMany(tb testing.TB, st *data.Store, n int) {
	tb.Helper()
	rnd := rand.New(rand.NewSource(1))
	const chunk = 5000
	for done := 0; done < n; done += chunk {
		batch := make([]data.Report, 0, chunk)
		for i := done; i < min(done+chunk, n); i++ {
			cat := "flood"
			if i%10 == 0 {
				cat = "security"
			}
			r := datatest.Report(orb.Point{39.1 + rnd.Float64()*0.3, -6.95 + rnd.Float64()*0.3}, cat, t0.Add(time.Duration(i)*time.Second))
			r.Description = "report " + strconv.Itoa(i) + `, with "quotes", commas and {braces}`
			batch = append(batch, r)
		}
		if _, err := st.CreateMany(context.Background(), batch); err != nil {
			tb.Fatal(err)
		}
	}
}

func TestExportStreamsLargeExports(t *testing.T) {
	const n = 20_000
	ts := newTestServer(t)
	seedMany(t, ts.store, n)
	for _, format := range []string{"geojson", "csv"} {
		t.Run(format, func(t *testing.T) {
			ex := readExport(t, ts, "/api/v1/export/reports."+format)
			if ex.status != 200 || len(ex.rows) != n {
				t.Fatalf("%d: %d rows, want %d", ex.status, len(ex.rows), n)
			}
			generalised := 0
			for i, row := range ex.rows {
				if row["id"] != strconv.Itoa(i+1) {
					t.Fatalf("row %d has id %s", i, row["id"])
				}
				if row["location_generalised"] == "true" {
					generalised++
				}
			}
			if generalised != n/10 {
				t.Errorf("%d generalised rows, want %d", generalised, n/10)
			}
		})
	}
}

// heapWatcher is a ResponseWriter that discards the body and samples the
// live heap at every flush (one per batch of the export).
type heapWatcher struct {
	header  http.Header
	status  int
	bytes   int64
	flushes int
	peak    uint64
	every   int
}

func (h *heapWatcher) Header() http.Header  { return h.header }
func (h *heapWatcher) WriteHeader(code int) { h.status = code }
func (h *heapWatcher) Write(p []byte) (int, error) {
	h.bytes += int64(len(p))
	return len(p), nil
}

func (h *heapWatcher) Flush() {
	h.flushes++
	if h.flushes%h.every != 0 {
		return
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h.peak = max(h.peak, ms.HeapAlloc)
}

// TestExportMemory exports 200,000 reports to a discarding writer and
// checks that the live heap during the export stays within a few MB of the
// heap before it: the ids (8 bytes a report) and one batch of features, not
// the export. Under -race or -short (where 200,000 take a minute) it
// exports 20,000.
func TestExportMemory(t *testing.T) {
	n := 200_000
	if testing.Short() || raceEnabled {
		n = 20_000
	}
	st, _ := datatest.NewStore(t)
	seedMany(t, st, n)
	h := server.New(server.Config{PublicUnverified: true}, server.Deps{Store: st, Now: func() time.Time { return now }}).Handler()
	for _, format := range []string{"geojson", "csv"} {
		t.Run(format, func(t *testing.T) {
			runtime.GC()
			runtime.GC() // the second empties sync.Pools, as the samples' GCs will
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			w := &heapWatcher{header: http.Header{}, every: 10}
			start := time.Now()
			h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/export/reports."+format, nil))
			took := time.Since(start)
			growth := int64(w.peak) - int64(before.HeapAlloc)
			t.Logf("%s: %d reports, %.1f MB written in %v (%.0f features/s; includes GC sampling), live heap %.1f MB before, peak growth %.2f MB",
				format, n, float64(w.bytes)/1e6, took.Round(time.Millisecond), float64(n)/took.Seconds(),
				float64(before.HeapAlloc)/1e6, float64(growth)/1e6)
			if w.status != 200 || w.flushes < n/1000 {
				t.Fatalf("status %d, %d flushes", w.status, w.flushes)
			}
			// 200,000 ids are 1.6 MB; the output is ~100 MB.
			if limit := int64(6 << 20); growth > limit {
				t.Errorf("heap grew by %.1f MB during the export, more than %d MB", float64(growth)/1e6, limit>>20)
			}
		})
	}
}

// BenchmarkExport measures export throughput of 100,000 reports.
func BenchmarkExport(b *testing.B) {
	const n = 100_000
	st, _ := datatest.NewStore(b)
	seedMany(b, st, n)
	h := server.New(server.Config{PublicUnverified: true}, server.Deps{Store: st, Now: func() time.Time { return now }}).Handler()
	for _, format := range []string{"geojson", "csv"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			var written int64
			for range b.N {
				w := &heapWatcher{header: http.Header{}, every: 1 << 30}
				h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/export/reports."+format, nil))
				written = w.bytes
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "features/s")
			b.SetBytes(written)
		})
	}
}

func TestExportAreaWinding(t *testing.T) {
	st, dir := datatest.NewStore(t)
	cw := orb.Ring{{39.24, -6.81}, {39.24, -6.79}, {39.26, -6.79}, {39.26, -6.81}, {39.24, -6.81}}             // clockwise
	hole := orb.Ring{{39.245, -6.805}, {39.255, -6.805}, {39.255, -6.795}, {39.245, -6.795}, {39.245, -6.805}} // counterclockwise
	area := &data.OSMFeature{Kind: data.KindAdmin, Class: "10", OSMType: data.OSMRelation, OSMID: 117161,
		Names: data.Tags{{Key: "name", Value: "Tandale"}}, Point: orb.Point{39.25, -6.80}, Geometry: orb.Polygon{cw, hole}}
	ix := mapping.NewIndex([]*data.OSMFeature{area})
	srv := server.New(server.Config{PublicUnverified: true}, server.Deps{Store: st, Extract: func() *mapping.Index { return ix }})
	ts := &testServer{t: t, store: st, dir: dir, h: srv.Handler()}
	fc := decode[struct {
		Features []struct {
			Geometry struct{ Coordinates [][][2]float64 }
		}
	}](t, ts.get("/api/v1/export/areas.geojson").Body)
	rings := fc.Features[0].Geometry.Coordinates
	if orb.Ring(toPoints(rings[0])).Orientation() != orb.CCW || orb.Ring(toPoints(rings[1])).Orientation() != orb.CW {
		t.Errorf("rings not RFC 7946: %v", rings)
	}
	if cw.Orientation() != orb.CW {
		t.Error("the extract's own feature was changed")
	}
	// The area filter honours the hole: a report in it is not in the area.
	ctx := context.Background()
	for _, p := range []orb.Point{{39.25, -6.80}, {39.242, -6.808}} {
		if _, err := st.Create(ctx, datatest.Report(p, "flood", t0)); err != nil {
			t.Fatal(err)
		}
	}
	if ex := readExport(t, ts, "/api/v1/export/reports.csv?area=relation-117161"); !slices.Equal(ex.ids, []string{"2"}) {
		t.Errorf("area with a hole: %v", ex.ids)
	}
}

func toPoints(ps [][2]float64) []orb.Point {
	out := make([]orb.Point, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}

// TestExportOutlivesWriteTimeout: an export that streams for longer than
// the server's write timeout (a slow link, millions of rows) arrives whole;
// only a client that stops reading would be cut off.
func TestExportOutlivesWriteTimeout(t *testing.T) {
	const n = 40_000
	st, _ := datatest.NewStore(t)
	seedMany(t, st, n)
	srv := server.New(server.Config{PublicUnverified: true}, server.Deps{Store: st, Now: func() time.Time { return now }})
	hs := httptest.NewUnstartedServer(srv.Handler())
	hs.Config.WriteTimeout = 300 * time.Millisecond
	hs.Start()
	defer hs.Close()
	resp, err := http.Get(hs.URL + "/api/v1/export/reports.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	// Read 64 KiB every 10 ms: well past the write timeout once the
	// socket buffers are full.
	var rows int
	chunk := make([]byte, 64<<10)
	var body []byte
	for {
		k, err := io.ReadFull(resp.Body, chunk)
		body = append(body, chunk[:k]...)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			t.Fatalf("export cut after %d bytes: %v", len(body), err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	rows = bytes.Count(body, []byte("\n")) - 1 // the header row
	if rows != n {
		t.Fatalf("export holds %d rows, want %d", rows, n)
	}
}
