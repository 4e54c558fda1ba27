package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/server"
)

func osmWorld() *mapping.Index {
	name := func(n string) data.Tags { return data.Tags{{Key: "name", Value: n}} }
	ring := orb.Ring{{39.24, -6.81}, {39.26, -6.81}, {39.26, -6.79}, {39.24, -6.79}, {39.24, -6.81}}
	return mapping.NewIndex([]*data.OSMFeature{
		{Kind: data.KindHealth, Class: "clinic", OSMType: data.OSMNode, OSMID: 10, Names: name("Zahanati ya Tandale"), Point: orb.Point{39.25, -6.80}},
		{Kind: data.KindHealth, Class: "hospital", OSMType: data.OSMNode, OSMID: 11, Names: name("Mwananyamala Hospital"), Point: orb.Point{39.24, -6.78}},
		{Kind: data.KindWater, Class: "water_point", OSMType: data.OSMNode, OSMID: 12, Point: orb.Point{39.251, -6.801}},
		{Kind: data.KindEducation, Class: "school", OSMType: data.OSMNode, OSMID: 13, Names: name("Shule ya Msingi Tandale"), Point: orb.Point{39.30, -6.70}},
		{Kind: data.KindInformal, Class: "informal", OSMType: data.OSMWay, OSMID: 20, Names: name("Mtogole"), Point: orb.Point{39.25, -6.80},
			Geometry: orb.Polygon{ring}, AreaM2: 4e6},
		{Kind: data.KindWaterway, Class: "drain", OSMType: data.OSMWay, OSMID: 30, Point: orb.Point{39.24, -6.80},
			Geometry: orb.LineString{{39.24, -6.80}, {39.26, -6.80}}},
		{Kind: data.KindRoad, Class: "residential", OSMType: data.OSMWay, OSMID: 40, Point: orb.Point{39.24, -6.805},
			Geometry: orb.LineString{{39.24, -6.805}, {39.26, -6.805}}},
	})
}

func newOSMServer(t *testing.T) *testServer {
	t.Helper()
	st, dir := datatest.NewStore(t)
	ix := osmWorld()
	rules, _ := mapping.LoadRules("")
	st.SetReconciler(mapping.NewReconciler(ix, rules, st).Reconcile)
	srv := server.New(server.Config{PublicURL: "http://mtaa.test", PublicUnverified: true},
		server.Deps{Store: st, Now: func() time.Time { return now }, Extract: func() *mapping.Index { return ix }})
	return &testServer{t: t, store: st, dir: dir, h: srv.Handler()}
}

func TestOSMCollections(t *testing.T) {
	ts := newOSMServer(t)
	cols := decode[struct{ Collections []struct{ ID string } }](t, ts.get("/ogc/collections").Body)
	var ids []string
	for _, c := range cols.Collections {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, ",") != "reports,facilities,areas,waterways" {
		t.Fatalf("collections %v", ids)
	}
	tests := []struct {
		query   string
		matched int
		first   string
	}{
		{"/ogc/collections/facilities/items", 4, "node-10"},
		{"/ogc/collections/facilities/items?kind=health", 2, "node-10"},
		{"/ogc/collections/facilities/items?kind=health&class=hospital", 1, "node-11"},
		{"/ogc/collections/facilities/items?bbox=39.245,-6.805,39.255,-6.795", 2, "node-10"},
		{"/ogc/collections/facilities/items?limit=1&offset=3", 4, "node-12"}, // kinds in collection order: health, education, water
		{"/ogc/collections/areas/items", 1, "way-20"},
		{"/ogc/collections/waterways/items", 1, "way-30"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := ts.get(tt.query)
			it := decode[struct {
				items
				Attribution string
				Features    []struct{ ID string }
			}](t, r.Body)
			if r.Status != 200 || it.NumberMatched != tt.matched || len(it.Features) == 0 || it.Features[0].ID != tt.first ||
				!strings.Contains(it.Attribution, "OpenStreetMap contributors") {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
		})
	}
	api := decode[struct{ Paths map[string]any }](t, ts.get("/ogc/api").Body)
	for _, path := range []string{"/collections/facilities/items", "/collections/areas/items/{featureId}", "/collections/waterways/items"} {
		if _, ok := api.Paths[path]; !ok {
			t.Errorf("OpenAPI document lacks %s", path)
		}
	}
	item := ts.get("/ogc/collections/areas/items/way-20")
	if item.Status != 200 || !strings.Contains(string(item.Body), `"name":"Mtogole"`) || !strings.Contains(string(item.Body), `"rel":"self"`) {
		t.Fatalf("item %d %s", item.Status, item.Body)
	}
	for target, status := range map[string]int{
		"/ogc/collections/facilities/items?kind=road": 400, // roads are not facilities
		"/ogc/collections/facilities/items?kind=lava": 400,
		"/ogc/collections/facilities/items/way-20":    404, // an area, not a facility
		"/ogc/collections/facilities/items/node-999":  404,
		"/ogc/collections/facilities/items/ship-1":    400,
		"/ogc/collections/areas/items?category=flood": 400,
		"/ogc/collections/waterways/items?class=":     400,
	} {
		if r := ts.get(target); r.Status != status {
			t.Errorf("%s: %d, want %d: %s", target, r.Status, status, r.Body)
		}
	}
}

func TestNotInOSM(t *testing.T) {
	ts := newOSMServer(t)
	ctx := context.Background()
	near := datatest.Report(orb.Point{39.2512, -6.8012}, "water_supply", now) // 30 m from the water point
	far := datatest.Report(orb.Point{39.2800, -6.7500}, "water_supply", now)  // none within 250 m
	flood := datatest.Report(orb.Point{39.2800, -6.7500}, "flood", now)       // not a facility category
	for _, r := range []data.Report{near, far, flood} {
		if _, err := ts.store.Create(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	r := ts.get("/api/v1/not-in-osm")
	it := decode[items](t, r.Body)
	if r.Status != http.StatusOK || it.NumberMatched != 1 || it.Features[0].ID != 2 || it.Features[0].Properties["not_in_osm"] != true {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	if r := ts.get("/api/v1/not-in-osm?category=flood"); decode[items](t, r.Body).NumberMatched != 0 {
		t.Fatalf("category filter: %s", r.Body)
	}
	if r := ts.get("/api/v1/not-in-osm?bogus=1"); r.Status != 400 {
		t.Fatalf("unknown parameter: %d", r.Status)
	}
}

func TestGeocode(t *testing.T) {
	st, dir := datatest.NewStore(t)
	ix := osmWorld()
	gaz := mapping.GazetteerFor(ix, mapping.GazetteerOptions{})
	srv := server.New(server.Config{PublicUnverified: true}, server.Deps{Store: st, Extract: func() *mapping.Index { return ix },
		Gazetteer: func() *mapping.Gazetteer { return gaz }})
	ts := &testServer{t: t, store: st, dir: dir, h: srv.Handler()}
	r := ts.get("/api/v1/geocode?q=zahanati%20tandale")
	fc := decode[struct {
		Type        string
		Attribution string
		Features    []struct {
			ID         string
			Geometry   struct{ Coordinates []float64 }
			Properties struct {
				Name       string
				Confidence float64
				Kind       string
			}
		}
	}](t, r.Body)
	if r.Status != 200 || fc.Type != "FeatureCollection" || len(fc.Features) == 0 || fc.Features[0].ID != "node-10" ||
		fc.Features[0].Properties.Kind != "health" || fc.Features[0].Properties.Confidence <= 0 || !strings.Contains(fc.Attribution, "OpenStreetMap") {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	for i := 1; i < len(fc.Features); i++ {
		if fc.Features[i].Properties.Confidence > fc.Features[i-1].Properties.Confidence {
			t.Fatalf("not ranked best first: %s", r.Body)
		}
	}
	if r := ts.get("/api/v1/geocode?q=atlantis"); r.Status != 200 || len(decode[struct{ Features []any }](t, r.Body).Features) != 0 {
		t.Fatalf("no match: %d %s", r.Status, r.Body)
	}
	for target, field := range map[string]string{
		"/api/v1/geocode":                               "q",
		"/api/v1/geocode?q=x&limit=0":                   "limit",
		"/api/v1/geocode?q=x&bbox=1,2":                  "bbox",
		"/api/v1/geocode?q=x&lang=sw":                   "lang",
		"/api/v1/geocode?q=" + strings.Repeat("a", 201): "q",
	} {
		if r := ts.get(target); r.Status != 400 || decode[apiErr](t, r.Body).Error.Field != field {
			t.Errorf("%s: %d %s", target, r.Status, r.Body)
		}
	}
}
