package server_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

// request is a GET requests entry, decoded from either format; the
// pointers are the fields the specification shows as null.
type request struct {
	ServiceRequestID  uint64  `json:"service_request_id" xml:"service_request_id"`
	Status            string  `json:"status" xml:"status"`
	StatusNotes       string  `json:"status_notes" xml:"status_notes"`
	ServiceName       string  `json:"service_name" xml:"service_name"`
	ServiceCode       string  `json:"service_code" xml:"service_code"`
	Description       string  `json:"description" xml:"description"`
	AgencyResponsible *string `json:"agency_responsible" xml:"agency_responsible"`
	ServiceNotice     *string `json:"service_notice" xml:"service_notice"`
	RequestedDatetime string  `json:"requested_datetime" xml:"requested_datetime"`
	UpdatedDatetime   string  `json:"updated_datetime" xml:"updated_datetime"`
	ExpectedDatetime  *string `json:"expected_datetime" xml:"expected_datetime"`
	Address           string  `json:"address" xml:"address"`
	AddressID         *string `json:"address_id" xml:"address_id"`
	Zipcode           *string `json:"zipcode" xml:"zipcode"`
	Lat               float64 `json:"lat" xml:"lat"`
	Long              float64 `json:"long" xml:"long"`
	MediaURL          *string `json:"media_url" xml:"media_url"`
}

// listRequests GETs target in both formats, checks that they agree, and
// returns the ids in order.
func (ts *testServer) listRequests(target string) ([]uint64, response) {
	ts.t.Helper()
	t := ts.t
	r := ts.get(target)
	if r.Status != 200 {
		t.Fatalf("%s: %d %s", target, r.Status, r.Body)
	}
	list := decode[[]request](t, r.Body)
	xmlTarget := strings.Replace(target, "requests.json", "requests.xml", 1)
	rx := ts.get(xmlTarget)
	var x struct {
		XMLName  xml.Name  `xml:"service_requests"`
		Requests []request `xml:"request"`
	}
	if err := xml.Unmarshal(rx.Body, &x); err != nil || rx.Status != 200 {
		t.Fatalf("%s: %d %s: %v", xmlTarget, rx.Status, rx.Body, err)
	}
	// XML has no null: the empty elements decode as "" where JSON has nil.
	for i := range list {
		for _, p := range []**string{&list[i].AgencyResponsible, &list[i].ServiceNotice, &list[i].ExpectedDatetime,
			&list[i].AddressID, &list[i].Zipcode, &list[i].MediaURL} {
			if *p == nil {
				empty := ""
				*p = &empty
			}
		}
	}
	if len(list) != len(x.Requests) || len(list) > 0 && !reflect.DeepEqual(list, x.Requests) {
		t.Fatalf("%s: JSON and XML differ:\n%+v\n%+v", target, list, x.Requests)
	}
	ids := make([]uint64, len(list))
	for i, rq := range list {
		ids[i] = rq.ServiceRequestID
	}
	return ids, r
}

// seedRequests stores five reports, oldest first (so ids grow with time):
// 1 flood verified 200 days ago, 2 water in progress 100 days ago, 3 flood
// rejected 10 days ago, 4 fire resolved 2 days ago, 5 flood new 1 day ago.
func seedRequests(t *testing.T, ts *testServer) {
	t.Helper()
	day := 24 * time.Hour
	seed := []struct {
		cat    string
		status data.Status
		age    time.Duration
	}{
		{"flood", data.StatusVerified, 200 * day},
		{"water_supply", data.StatusInProgress, 100 * day},
		{"flood", data.StatusRejected, 10 * day},
		{"fire", data.StatusResolved, 2 * day},
		{"flood", data.StatusNew, 1 * day},
	}
	for _, s := range seed {
		r := datatest.Report(orb.Point{39.25, -6.80}, s.cat, now.Add(-s.age))
		r.Status = s.status
		r.Reporter = "sms:secret-hash"
		r.RawText = "raw message text"
		if _, err := ts.store.Create(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpen311RequestFields(t *testing.T) {
	ts := newOpen311Server(t)
	seedRequests(t, ts)
	r := ts.get("/open311/v2/requests/4.json")
	raw := decode[[]map[string]any](t, r.Body)
	if r.Status != 200 || len(raw) != 1 {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	want := sorted("service_request_id:number", "status:string", "status_notes:string", "service_name:string",
		"service_code:string", "description:string", "agency_responsible:null", "service_notice:null",
		"requested_datetime:string", "updated_datetime:string", "expected_datetime:null", "address:string",
		"address_id:null", "zipcode:null", "lat:number", "long:number", "media_url:null")
	if got := keysAndKinds(t, raw[0]); !reflect.DeepEqual(got, want) {
		t.Fatalf("request fields\n got %v\nwant %v", got, want)
	}
	got := decode[[]request](t, r.Body)[0]
	if got.ServiceRequestID != 4 || got.Status != "closed" || got.StatusNotes != "resolved" || got.ServiceName != "Fire" ||
		got.ServiceCode != "fire" || got.Description != "test report" || got.Lat != -6.8 || got.Long != 39.25 ||
		got.RequestedDatetime != "2026-02-27T12:00:00Z" || got.UpdatedDatetime != "2026-02-27T12:00:00Z" || got.Address != "Mtogole" {
		t.Fatalf("request %+v", got)
	}
	for _, ts := range []string{got.RequestedDatetime, got.UpdatedDatetime} {
		if _, err := time.Parse(time.RFC3339, ts); err != nil || !strings.HasSuffix(ts, "Z") {
			t.Fatalf("date-time %q is not w3 with a time zone", ts)
		}
	}
	if fr := decode[[]request](t, ts.get("/open311/v2/requests/4.json?locale=fr").Body)[0]; fr.ServiceName != "Incendie" {
		t.Fatalf("French name %q", fr.ServiceName)
	}
	for _, target := range []string{"/open311/v2/requests/4.json", "/open311/v2/requests.xml?service_request_id=1,2,3,4,5"} {
		body := string(ts.get(target).Body)
		if strings.Contains(body, "secret-hash") || strings.Contains(body, "raw message") {
			t.Fatalf("%s shows private fields: %s", target, body)
		}
	}

	checkOpen311Error(t, ts.get("/open311/v2/requests/99.json"), 404, false, "service_request_id")
	checkOpen311Error(t, ts.get("/open311/v2/requests/99.xml"), 404, true, "service_request_id")
	checkOpen311Error(t, ts.get("/open311/v2/requests/abc.json"), 400, false, "service_request_id")
	checkOpen311Error(t, ts.get("/open311/v2/requests/0.xml"), 400, true, "service_request_id")
	checkOpen311Error(t, ts.get("/open311/v2/requests/4"), 404, false, "path")
	checkOpen311Error(t, ts.get("/open311/v2/requests/4.json?status=open"), 400, false, "status")
}

func TestOpen311StatusMapping(t *testing.T) {
	ts := newOpen311Server(t)
	want := map[data.Status]string{data.StatusNew: "open", data.StatusVerified: "open", data.StatusInProgress: "open", data.StatusReopened: "open",
		data.StatusResolved: "closed", data.StatusRejected: "closed", data.StatusDuplicate: "closed"}
	for i, st := range data.Statuses {
		r := datatest.Report(orb.Point{39.25, -6.80}, "flood", now)
		r.Status = st
		if _, err := ts.store.Create(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		got := decode[[]request](t, ts.get(fmt.Sprintf("/open311/v2/requests/%d.json", i+1)).Body)[0]
		if w, ok := want[st]; !ok || got.Status != w || got.StatusNotes == "" {
			t.Errorf("%s: %q (%q), want %q", st, got.Status, got.StatusNotes, w)
		}
	}
}

func TestOpen311ListFilters(t *testing.T) {
	ts := newOpen311Server(t)
	seedRequests(t, ts)
	day := 24 * time.Hour
	w3 := func(d time.Duration) string { return url.QueryEscape(now.Add(d).Format(time.RFC3339)) }
	tests := []struct {
		query string
		want  []uint64
	}{
		{"", []uint64{5, 4, 3}}, // the last 90 days, newest first
		{"?status=open", []uint64{5}},
		{"?status=closed", []uint64{4, 3}},
		{"?status=open,closed", []uint64{5, 4, 3}},
		{"?status=open&status=closed", []uint64{5, 4, 3}},
		{"?status=", []uint64{5, 4, 3}}, // empty is absent
		{"?service_code=flood", []uint64{5, 3}},
		{"?service_code=flood,fire", []uint64{5, 4, 3}},
		{"?service_code=water_supply", nil},
		{"?service_code=flood&status=closed", []uint64{3}},
		{"?start_date=" + w3(-120*day) + "&end_date=" + w3(-95*day), []uint64{2}},
		{"?start_date=" + w3(-105*day), []uint64{2}}, // to 15 days ago
		{"?end_date=" + w3(-95*day), []uint64{2}},    // from 185 days ago
		{"?start_date=" + w3(-3*day) + "&end_date=" + w3(0), []uint64{5, 4}},
		{"?start_date=2026-02-27T15:00:00%2B03:00&end_date=2026-02-27T15:00:00%2B03:00", []uint64{4}}, // 12:00Z, inclusive
		{"?service_request_id=1,3,99", []uint64{1, 3}},                                                // overrides the window; unknown ids left out
		{"?service_request_id=3&service_request_id=1,3", []uint64{3, 1}},                              // in the order asked, once
		{"?service_request_id=2&status=closed&service_code=fire", []uint64{2}},
		{"?page_size=2", []uint64{5, 4}},
		{"?page_size=2&page=2", []uint64{3}},
		{"?page_size=2&page=3", nil},
		{"?jurisdiction_id=mtaa.test&locale=sw", []uint64{5, 4, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, _ := ts.listRequests("/open311/v2/requests.json" + tt.query)
			if !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Fatalf("ids %v, want %v", got, tt.want)
			}
		})
	}
	_, r := ts.listRequests("/open311/v2/requests.json?page_size=2")
	if link := r.Header.Get("Link"); !strings.Contains(link, `<http://mtaa.test/open311/v2/requests.json?page=2&page_size=2>; rel="next"`) {
		t.Fatalf("Link %q", link)
	}
	if _, r := ts.listRequests("/open311/v2/requests.json?page_size=2&page=2"); strings.Contains(r.Header.Get("Link"), "next") {
		t.Fatalf("last page links on: %q", r.Header.Get("Link"))
	}

	bad := []struct{ query, field string }{
		{"?status=pending", "status"},
		{"?service_code=lava", "service_code"},
		{"?service_request_id=1,x", "service_request_id"},
		{"?service_request_id=0", "service_request_id"},
		{"?start_date=yesterday", "start_date"},
		{"?start_date=2026-01-01", "start_date"},
		{"?end_date=2026-01-01T00:00:00", "end_date"}, // no time zone
		{"?start_date=" + w3(-10*day) + "&end_date=" + w3(-11*day), "end_date"},
		{"?start_date=" + w3(-100*day) + "&end_date=" + w3(0), "end_date"}, // more than 90 days
		{"?start_date=" + w3(-2*day) + "&start_date=" + w3(-1*day), "start_date"},
		{"?page=0", "page"},
		{"?page=x", "page"},
		{"?page_size=1001", "page_size"},
		{"?page_size=0", "page_size"},
		{"?bbox=1,2,3,4", "bbox"},
		{"?service_request_id=" + strings.Repeat("1,", 1001), "service_request_id"},
	}
	for _, tt := range bad {
		t.Run("bad"+tt.query, func(t *testing.T) {
			checkOpen311Error(t, ts.get("/open311/v2/requests.json"+tt.query), 400, false, tt.field)
			checkOpen311Error(t, ts.get("/open311/v2/requests.xml"+tt.query), 400, true, tt.field)
		})
	}
}

// TestOpen311ListCap checks the specification's volume limit: at most 1000
// requests per response, the rest on the next page.
func TestOpen311ListCap(t *testing.T) {
	ts := newOpen311Server(t)
	reports := make([]data.Report, 1005)
	for i := range reports {
		reports[i] = datatest.Report(orb.Point{39.25 + float64(i)*1e-5, -6.80}, "solid_waste", now.Add(-time.Duration(i)*time.Minute))
	}
	if _, err := ts.store.CreateMany(context.Background(), reports); err != nil {
		t.Fatal(err)
	}
	ids, r := ts.listRequests("/open311/v2/requests.json")
	if len(ids) != 1000 || ids[0] != 1005 || ids[999] != 6 || !strings.Contains(r.Header.Get("Link"), `rel="next"`) {
		t.Fatalf("%d ids from %v, Link %q", len(ids), ids[:1], r.Header.Get("Link"))
	}
	ids, _ = ts.listRequests("/open311/v2/requests.json?page=2")
	if !reflect.DeepEqual(ids, []uint64{5, 4, 3, 2, 1}) {
		t.Fatalf("page 2: %v", ids)
	}
}

// TestOpen311CoordinatesNearTheEquator checks that coordinates are plain
// decimals in both formats (encoding/xml alone would write 1.23e-05).
func TestOpen311CoordinatesNearTheEquator(t *testing.T) {
	ts := newOpen311Server(t)
	form := validForm()
	form.Set("lat", "0.0000123")
	form.Set("long", "-0.0000456")
	if r := ts.postForm("/open311/v2/requests.json", form); r.Status != 200 {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	jx := ts.get("/open311/v2/requests/1.json").Body
	xb := ts.get("/open311/v2/requests/1.xml").Body
	if !strings.Contains(string(jx), `"lat":0.0000123,"long":-0.0000456`) ||
		!strings.Contains(string(xb), "<lat>0.0000123</lat>") || !strings.Contains(string(xb), "<long>-0.0000456</long>") {
		t.Fatalf("JSON %s\nXML %s", jx, xb)
	}
	if ids, _ := ts.listRequests("/open311/v2/requests.json"); len(ids) != 1 {
		t.Fatalf("ids %v", ids)
	}
}

// TestOpen311PublicVisibility: an anonymous Open311 reader sees verified
// reports and later statuses only, as on every other read route.
func TestOpen311PublicVisibility(t *testing.T) {
	ts := newOpen311ServerConfig(t, server.Config{PublicURL: "http://mtaa.test", AdminToken: testAdminToken})
	for _, st := range data.Statuses {
		r := datatest.Report(orb.Point{39.25, -6.80}, "flood", now)
		r.Status = st
		if _, err := ts.store.Create(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	ts.readAs = nil
	type request struct {
		ID     uint64 `json:"service_request_id"`
		Status string `json:"status"`
	}
	got := decode[[]request](t, ts.get("/open311/v2/requests.json").Body)
	public := map[uint64]bool{}
	for i, st := range data.Statuses {
		if slices.Contains(data.PublicStatuses, st) {
			public[uint64(i+1)] = true
		}
	}
	if len(got) != len(public) {
		t.Fatalf("public list %+v, want the %d reports of public statuses", got, len(public))
	}
	for _, r := range got {
		if !public[r.ID] {
			t.Errorf("public sees report %d", r.ID)
		}
	}
	for i, st := range data.Statuses {
		r := ts.get(fmt.Sprintf("/open311/v2/requests/%d.json", i+1))
		if want := public[uint64(i+1)]; want != (r.Status == 200) {
			t.Errorf("%s report: GET %d, public=%v", st, r.Status, want)
		}
	}
}
