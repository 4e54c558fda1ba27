package server_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/server"
)

// gridLayer is a small real Layer: n×n square cells of 0.01° from
// (39.2, -6.9), each with a class and a score, held in memory.
type gridLayer struct{ feats []*geojson.Feature }

func newGridLayer(n int) *gridLayer {
	l := &gridLayer{}
	classes := []string{"low", "medium", "high", "very high"}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			x0, y0 := 39.2+float64(x)*0.01, -6.9+float64(y)*0.01
			// Clockwise on purpose: the server winds rings as RFC 7946 asks.
			ring := orb.Ring{{x0, y0}, {x0, y0 + 0.01}, {x0 + 0.01, y0 + 0.01}, {x0 + 0.01, y0}, {x0, y0}}
			f := geojson.NewFeature(orb.Polygon{ring})
			i := y*n + x
			f.ID = fmt.Sprintf("cell-%d", i)
			f.Properties["class"] = classes[i%4]
			f.Properties["score"] = float64(i%4) / 4
			f.Properties["name"] = "=cell " + fmt.Sprint(i) // a formula, defused in CSV
			f.Properties["components"] = map[string]any{"hazard": 0.5}
			l.feats = append(l.feats, f)
		}
	}
	return l
}

func (l *gridLayer) Name() string        { return "test-grid" }
func (l *gridLayer) Title() string       { return "Test grid" }
func (l *gridLayer) Description() string { return "Squares. " + mapping.Attribution }
func (l *gridLayer) Bound() orb.Bound {
	b := l.feats[0].Geometry.Bound()
	for _, f := range l.feats {
		b = b.Union(f.Geometry.Bound())
	}
	return b
}
func (l *gridLayer) Features(b orb.Bound, fn func(*geojson.Feature) bool) {
	for _, f := range l.feats {
		if b != (orb.Bound{}) && !f.Geometry.Bound().Intersects(b) {
			continue
		}
		if !fn(f) {
			return
		}
	}
}
func (l *gridLayer) Feature(id string) (*geojson.Feature, bool) {
	for _, f := range l.feats {
		if f.ID == id {
			return f, true
		}
	}
	return nil, false
}
func (l *gridLayer) Columns() []string    { return []string{"name", "class", "score", "components"} }
func (l *gridLayer) Queryables() []string { return []string{"class"} }

func newLayerServer(t *testing.T, layers ...server.Layer) *testServer {
	t.Helper()
	st, dir := datatest.NewStore(t)
	srv := server.New(server.Config{PublicURL: "http://mtaa.test"},
		server.Deps{Store: st, Now: func() time.Time { return now }, Layers: layers})
	return &testServer{t: t, store: st, dir: dir, h: srv.Handler()}
}

func TestLayerCollection(t *testing.T) {
	ts := newLayerServer(t, newGridLayer(4))
	cols := decode[struct {
		Collections []struct {
			ID, Description string
			Extent          struct{ Spatial struct{ BBox [][]float64 } }
		}
	}](t, ts.get("/ogc/collections").Body)
	i := slices.IndexFunc(cols.Collections, func(c struct {
		ID, Description string
		Extent          struct{ Spatial struct{ BBox [][]float64 } }
	}) bool {
		return c.ID == "test-grid"
	})
	if i < 0 {
		t.Fatalf("test-grid not listed: %+v", cols)
	}
	bbox := cols.Collections[i].Extent.Spatial.BBox[0]
	want := []float64{39.2, -6.9, 39.24, -6.86}
	for k := range want {
		if d := bbox[k] - want[k]; d > 1e-9 || d < -1e-9 {
			t.Fatalf("extent %v, want %v", bbox, want)
		}
	}
	if r := ts.get("/ogc/collections/test-grid"); r.Status != 200 {
		t.Fatalf("collection: %d %s", r.Status, r.Body)
	}
	api := decode[struct{ Paths map[string]any }](t, ts.get("/ogc/api").Body)
	if api.Paths["/collections/test-grid/items"] == nil || api.Paths["/collections/test-grid/items/{featureId}"] == nil {
		t.Errorf("OpenAPI lacks the layer's paths")
	}
}

func TestLayerItems(t *testing.T) {
	ts := newLayerServer(t, newGridLayer(4))
	type page struct {
		NumberMatched, NumberReturned int
		Attribution                   string
		Links                         []link
		Features                      []struct {
			ID       string
			Geometry struct {
				Type        string
				Coordinates [][][]float64
			}
			Properties map[string]any
		}
	}
	tests := []struct {
		query            string
		matched          int
		ids              []string
		next             bool
		firstClassIsHigh bool
	}{
		{"", 16, nil, false, false},
		{"?limit=5", 16, []string{"cell-0", "cell-1", "cell-2", "cell-3", "cell-4"}, true, false},
		{"?limit=5&offset=14", 16, []string{"cell-14", "cell-15"}, false, false},
		{"?class=high", 4, []string{"cell-2", "cell-6", "cell-10", "cell-14"}, false, true},
		{"?class=high,low&limit=3", 8, []string{"cell-0", "cell-2", "cell-4"}, true, false},
		// A bbox inside cell 5 (x=1, y=1) meets only that cell.
		{"?bbox=39.212,-6.888,39.218,-6.882", 1, []string{"cell-5"}, false, false},
		{"?class=very%20high&bbox=39.2,-6.9,39.205,-6.895", 0, []string{}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := ts.get("/ogc/collections/test-grid/items" + tt.query)
			if r.Status != 200 || r.Header.Get("Content-Type") != "application/geo+json" {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			p := decode[page](t, r.Body)
			var ids []string
			for _, f := range p.Features {
				ids = append(ids, f.ID)
			}
			if p.NumberMatched != tt.matched || p.NumberReturned != len(p.Features) || (tt.ids != nil && !slices.Equal(ids, tt.ids) && len(ids)+len(tt.ids) > 0) {
				t.Fatalf("matched %d returned %d ids %v, want %d %v", p.NumberMatched, p.NumberReturned, ids, tt.matched, tt.ids)
			}
			if _, ok := findLink(p.Links, "next"); ok != tt.next {
				t.Errorf("next link %v, want %v: %+v", ok, tt.next, p.Links)
			}
			if p.Attribution != "© OpenStreetMap contributors, ODbL 1.0" {
				t.Errorf("attribution %q", p.Attribution)
			}
			for _, f := range p.Features {
				// Counter-clockwise exterior: second corner east of the first.
				ring := f.Geometry.Coordinates[0]
				if f.Geometry.Type != "Polygon" || ring[1][0] <= ring[0][0] {
					t.Errorf("%s not wound counter-clockwise: %v", f.ID, ring)
				}
			}
		})
	}
	// Following next links visits every feature once.
	seen := map[string]bool{}
	target := "/ogc/collections/test-grid/items?limit=3"
	for target != "" {
		p := decode[page](t, ts.get(target).Body)
		for _, f := range p.Features {
			if seen[f.ID] {
				t.Fatalf("%s twice", f.ID)
			}
			seen[f.ID] = true
		}
		target = ""
		if l, ok := findLink(p.Links, "next"); ok {
			target = strings.TrimPrefix(l.Href, "http://mtaa.test")
		}
	}
	if len(seen) != 16 {
		t.Errorf("paging saw %d features", len(seen))
	}

	r := ts.get("/ogc/collections/test-grid/items/cell-7")
	one := decode[struct {
		ID          string
		Attribution string
		Links       []link
		Properties  map[string]any
	}](t, r.Body)
	if r.Status != 200 || one.ID != "cell-7" || one.Properties["class"] != "very high" || one.Attribution == "" {
		t.Errorf("item: %d %s", r.Status, r.Body)
	}
	if l, _ := findLink(one.Links, "self"); l.Href != "http://mtaa.test/ogc/collections/test-grid/items/cell-7" {
		t.Errorf("self link %+v", one.Links)
	}
}

func TestLayerBadRequests(t *testing.T) {
	ts := newLayerServer(t, newGridLayer(2))
	tests := []struct {
		target string
		status int
		field  string
	}{
		{"/ogc/collections/test-grid/items?score=0.5", 400, "score"}, // not a queryable
		{"/ogc/collections/test-grid/items?clas=high", 400, "clas"},
		{"/ogc/collections/test-grid/items?class=", 400, "class"},
		{"/ogc/collections/test-grid/items?bbox=1,2", 400, "bbox"},
		{"/ogc/collections/test-grid/items?limit=0", 400, "limit"},
		{"/ogc/collections/test-grid/items/cell-99", 404, "featureId"},
		{"/ogc/collections/test-grid/items/cell-1?x=1", 400, "x"},
		{"/ogc/collections/test-grid?x=1", 400, "x"},
		{"/api/v1/export/test-grid.xlsx", 400, "format"},
		{"/api/v1/export/test-grid.csv?class=", 400, "class"},
		{"/api/v1/export/test-grid.geojson?hxl=true", 400, "hxl"},
		{"/api/v1/export/test-grid.csv?category=flood", 400, "category"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			r := ts.get(tt.target)
			e := decode[apiErr](t, r.Body)
			if r.Status != tt.status || e.Error.Field != tt.field || e.Error.Message == "" {
				t.Fatalf("%d %s, want %d naming %s", r.Status, r.Body, tt.status, tt.field)
			}
		})
	}
}

func TestLayerExport(t *testing.T) {
	ts := newLayerServer(t, newGridLayer(3))
	geo := readExport(t, ts, "/api/v1/export/test-grid.geojson?class=high,low")
	if geo.status != 200 || !slices.Equal(geo.ids, []string{"cell-0", "cell-2", "cell-4", "cell-6", "cell-8"}) {
		t.Fatalf("GeoJSON export: %d %v\n%s", geo.status, geo.ids, geo.body)
	}
	if fc := decode[struct{ Attribution string }](t, geo.body); fc.Attribution != "© OpenStreetMap contributors, ODbL 1.0" {
		t.Errorf("attribution %q", fc.Attribution)
	}
	ex := readExport(t, ts, "/api/v1/export/test-grid.csv?hxl=true&limit=2&offset=1")
	if ex.status != 200 || !slices.Equal(ex.ids, []string{"cell-1", "cell-2"}) {
		t.Fatalf("CSV export: %d %v\n%s", ex.status, ex.ids, ex.body)
	}
	head := strings.SplitN(string(ex.body), "\n", 3)
	if head[0] != "id,lon,lat,name,class,score,components,attribution" ||
		head[1] != "#meta+id,#geo+lon,#geo+lat,#loc+name,#indicator+class,#indicator+score,#indicator+components,#meta+source" {
		t.Errorf("CSV header:\n%s\n%s", head[0], head[1])
	}
	row := ex.rows[0]
	// The representative point of cell 1 (x=1, y=0) is its centre.
	if row["lon"] != "39.215" || row["lat"] != "-6.895" || row["name"] != "'=cell 1" || row["class"] != "medium" ||
		row["score"] != "0.25" || row["components"] != `{"hazard":0.5}` || row["attribution"] != "© OpenStreetMap contributors, ODbL 1.0" {
		t.Errorf("row %v", row)
	}
	// A bbox export keeps the features whose representative point is inside.
	bb := readExport(t, ts, "/api/v1/export/test-grid.csv?bbox=39.2,-6.9,39.211,-6.889")
	if !slices.Equal(bb.ids, []string{"cell-0"}) {
		t.Errorf("bbox export %v", bb.ids)
	}
	if r := ts.get("/api/v1/export/test-grid.csv"); r.Status != http.StatusOK || r.Header.Get("Content-Disposition") == "" {
		t.Errorf("export headers %d %v", r.Status, r.Header)
	}
}
