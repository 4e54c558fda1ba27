package server_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

type link struct{ Href, Rel, Type string }

func findLink(links []link, rel string) (link, bool) {
	for _, l := range links {
		if l.Rel == rel {
			return l, true
		}
	}
	return link{}, false
}

func TestOGCLandingConformanceAPI(t *testing.T) {
	ts := newTestServer(t)
	landing := decode[struct{ Links []link }](t, ts.get("/ogc").Body)
	for rel, typ := range map[string]string{
		"self": "application/json", "service-desc": "application/vnd.oai.openapi+json;version=3.0",
		"conformance": "application/json", "data": "application/json",
	} {
		l, ok := findLink(landing.Links, rel)
		if !ok || l.Type != typ || !strings.HasPrefix(l.Href, "http://mtaa.test/ogc") {
			t.Errorf("landing link %s: %+v", rel, l)
		}
	}
	conf := decode[struct{ ConformsTo []string }](t, ts.get("/ogc/conformance").Body)
	for _, c := range []string{"core", "geojson", "oas30"} {
		if !slices.Contains(conf.ConformsTo, "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"+c) {
			t.Errorf("conformance lacks %s: %v", c, conf.ConformsTo)
		}
	}
	api := ts.get("/ogc/api")
	if api.Header.Get("Content-Type") != "application/vnd.oai.openapi+json;version=3.0" {
		t.Errorf("OpenAPI content type %q", api.Header.Get("Content-Type"))
	}
	doc := decode[struct {
		OpenAPI    string
		Components struct {
			Parameters map[string]struct {
				Schema struct{ Maximum, Default, Minimum float64 }
			}
		}
		Paths map[string]any
	}](t, api.Body)
	limit := doc.Components.Parameters["limit"].Schema
	if !strings.HasPrefix(doc.OpenAPI, "3.0") || limit.Maximum != 10000 || limit.Default != 100 || limit.Minimum != 1 {
		t.Errorf("OpenAPI %s limit schema %+v", doc.OpenAPI, limit)
	}
	if _, ok := doc.Paths["/collections/reports/items"]; !ok {
		t.Error("OpenAPI lacks the items path")
	}
}

func TestOGCCollectionExtent(t *testing.T) {
	ts := newTestServer(t)
	empty := decode[struct {
		Extent struct {
			Spatial  struct{ Bbox [][]float64 }
			Temporal struct{ Interval [][]*string }
		}
	}](t, ts.get("/ogc/collections/reports").Body)
	if !slices.Equal(empty.Extent.Spatial.Bbox[0], []float64{-180, -90, 180, 90}) || empty.Extent.Temporal.Interval[0][0] != nil {
		t.Errorf("empty extent %+v", empty.Extent)
	}
	seed(t, ts.store, []orb.Point{{39.1, -6.9}, {39.3, -6.7}}, "flood", t0, time.Hour)
	col := decode[struct {
		ID     string
		Extent struct {
			Spatial  struct{ Bbox [][]float64 }
			Temporal struct{ Interval [][]string }
		}
		Links []link
	}](t, ts.get("/ogc/collections/reports").Body)
	if col.ID != "reports" || !slices.Equal(col.Extent.Spatial.Bbox[0], []float64{39.1, -6.9, 39.3, -6.7}) {
		t.Errorf("spatial extent %+v", col.Extent.Spatial)
	}
	if iv := col.Extent.Temporal.Interval[0]; iv[0] != "2026-02-01T00:00:00Z" || iv[1] != "2026-02-01T01:00:00Z" {
		t.Errorf("temporal extent %v", iv)
	}
	if l, ok := findLink(col.Links, "items"); !ok || l.Type != "application/geo+json" {
		t.Errorf("items link %+v", l)
	}
	cols := decode[struct{ Collections []struct{ ID string } }](t, ts.get("/ogc/collections").Body)
	if len(cols.Collections) == 0 || cols.Collections[0].ID != "reports" {
		t.Errorf("collections %+v", cols)
	}
}

var t0 = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)

// seed stores one report per point, observed step apart from start.
func seed(t *testing.T, s *data.Store, pts []orb.Point, category string, start time.Time, step time.Duration) []uint64 {
	t.Helper()
	var rs []data.Report
	for i, p := range pts {
		rs = append(rs, datatest.Report(p, category, start.Add(time.Duration(i)*step)))
	}
	res, err := s.CreateMany(context.Background(), rs)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]uint64, len(res))
	for i, r := range res {
		ids[i] = r.Report.ID
	}
	return ids
}

type items struct {
	Type           string
	NumberMatched  int
	NumberReturned int
	TimeStamp      string
	Links          []link
	Features       []feature
}

func TestOGCItemsFilters(t *testing.T) {
	ts := newTestServer(t)
	// A 10 x 10 grid of floods, one hour apart, and 5 fires far away.
	var grid []orb.Point
	for i := 0; i < 10; i++ {
		for j := 0; j < 10; j++ {
			grid = append(grid, orb.Point{39.0 + float64(i)*0.01, -6.9 + float64(j)*0.01})
		}
	}
	seed(t, ts.store, grid, "flood", t0, time.Hour)
	seed(t, ts.store, []orb.Point{{36.8, -1.3}, {36.81, -1.3}, {36.82, -1.3}, {36.83, -1.3}, {36.84, -1.3}}, "fire", t0, 24*time.Hour)

	tests := []struct {
		query   string
		matched int
	}{
		{"", 105},
		{"bbox=38.995,-6.905,39.025,-6.875", 9},       // 3 x 3 corner of the grid
		{"bbox=38.995,-6.905,0,39.025,-6.875,100", 9}, // with heights, ignored
		{"category=fire", 5},
		{"category=fire,flood", 105},
		{"status=verified", 0},
		{"status=new,verified", 105},
		{"datetime=2026-02-01T03:00:00Z", 1},                       // the 4th flood
		{"datetime=2026-02-01T00:00:00Z/2026-02-01T09:00:00Z", 11}, // 10 floods, 1 fire
		{"datetime=../2026-02-01T09:00:00Z", 11},
		{"datetime=2026-02-04T12:00:00Z/..", 17}, // floods 84..99 h and the last fire
		{"datetime=2026-02-02", 24 + 1},
		{"bbox=36,-2,37,-1&category=flood", 0},
		{"f=json&bbox=36,-2,37,-1", 5},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := ts.get("/ogc/collections/reports/items?" + tt.query)
			if r.Status != 200 || r.Header.Get("Content-Type") != "application/geo+json" {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			it := decode[items](t, r.Body)
			if it.Type != "FeatureCollection" || it.NumberMatched != tt.matched || it.NumberReturned != min(tt.matched, 100) ||
				len(it.Features) != it.NumberReturned {
				t.Fatalf("matched %d returned %d features %d; want matched %d", it.NumberMatched, it.NumberReturned, len(it.Features), tt.matched)
			}
		})
	}
}

func TestOGCItemsDatetimeMatchesScan(t *testing.T) {
	// Cross-check the intervals of the table above against a plain scan so
	// the expected numbers are not just trusted.
	var floods, fires []time.Time
	for i := 0; i < 100; i++ {
		floods = append(floods, t0.Add(time.Duration(i)*time.Hour))
	}
	for i := 0; i < 5; i++ {
		fires = append(fires, t0.Add(time.Duration(i)*24*time.Hour))
	}
	count := func(from, to time.Time) int {
		n := 0
		for _, ts := range append(slices.Clone(floods), fires...) {
			if (from.IsZero() || !ts.Before(from)) && (to.IsZero() || !ts.After(to)) {
				n++
			}
		}
		return n
	}
	day := time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC)
	checks := []struct {
		name      string
		got, want int
	}{
		{"instant", 1, count(t0.Add(3*time.Hour), t0.Add(3*time.Hour))},
		{"closed", 11, count(t0, t0.Add(9*time.Hour))},
		{"open start", 11, count(time.Time{}, t0.Add(9*time.Hour))},
		{"open end", 17, count(time.Date(2026, 2, 4, 12, 0, 0, 0, time.UTC), time.Time{})},
		{"date", 25, count(day, day.Add(24*time.Hour-time.Second))},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: table says %d, scan says %d", c.name, c.got, c.want)
		}
	}
}

func TestOGCItemsPagingFollowsNextLinks(t *testing.T) {
	ts := newTestServer(t)
	var pts []orb.Point
	for i := 0; i < 250; i++ {
		pts = append(pts, orb.Point{39 + float64(i)*0.0001, -6.8})
	}
	want := seed(t, ts.store, pts, "blocked_drain", t0, time.Minute)
	var got []uint64
	target := "/ogc/collections/reports/items?limit=40&category=blocked_drain"
	pages := 0
	for target != "" {
		pages++
		it := decode[items](t, ts.get(target).Body)
		if it.NumberMatched != 250 {
			t.Fatalf("page %d matched %d", pages, it.NumberMatched)
		}
		for _, f := range it.Features {
			got = append(got, f.ID)
		}
		target = ""
		if next, ok := findLink(it.Links, "next"); ok {
			if next.Type != "application/geo+json" {
				t.Fatalf("next link type %q", next.Type)
			}
			u, err := url.Parse(next.Href)
			if err != nil || u.Host != "mtaa.test" || u.Query().Get("category") != "blocked_drain" {
				t.Fatalf("next link %q", next.Href)
			}
			target = u.RequestURI()
		}
	}
	if pages != 7 || !slices.Equal(got, want) {
		t.Fatalf("%d pages, %d features; want 7 pages and all 250 in order", pages, len(got))
	}
}

func TestOGCItem(t *testing.T) {
	ts := newTestServer(t)
	ids := seed(t, ts.store, []orb.Point{{39.2, -6.8}}, "fire", t0, 0)
	r := ts.get(fmt.Sprintf("/ogc/collections/reports/items/%d", ids[0]))
	f := decode[struct {
		feature
		Links []link
	}](t, r.Body)
	if r.Status != 200 || f.ID != ids[0] || f.Properties["category"] != "fire" {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	if l, ok := findLink(f.Links, "self"); !ok || l.Href != fmt.Sprintf("http://mtaa.test/ogc/collections/reports/items/%d", ids[0]) {
		t.Errorf("self link %+v", l)
	}
	if r := ts.get("/ogc/collections/reports/items/999"); r.Status != 404 {
		t.Errorf("missing item: %d", r.Status)
	}
}
