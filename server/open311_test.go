package server_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
)

const testAdminToken = "s3cret-admin-token"

// newOpen311Server serves a real store reconciled against the osmWorld
// extract, with its real gazetteer, and the admin token as api_key.
func newOpen311Server(t *testing.T) *testServer {
	t.Helper()
	return newOpen311ServerConfig(t, server.Config{PublicURL: "http://mtaa.test", AdminToken: testAdminToken, PublicUnverified: true})
}

func newOpen311ServerConfig(t *testing.T, cfg server.Config) *testServer {
	t.Helper()
	st, dir := datatest.NewStore(t)
	ix := osmWorld()
	gaz := mapping.GazetteerFor(ix, mapping.GazetteerOptions{})
	rules, _ := mapping.LoadRules("")
	st.SetReconciler(mapping.NewReconciler(ix, rules, st).Reconcile)
	srv := server.New(cfg,
		server.Deps{Store: st, Now: func() time.Time { return now },
			Extract:   func() *mapping.Index { return ix },
			Gazetteer: func() *mapping.Gazetteer { return gaz },
			Contacts:  testVault(t)})
	// Reads go as the admin (every status); TestOpen311PublicVisibility
	// reads as the public.
	return &testServer{t: t, store: st, dir: dir, h: srv.Handler(), readAs: []string{"Authorization", "Bearer " + testAdminToken}}
}

func (ts *testServer) postForm(path string, form url.Values, header ...string) response {
	ts.t.Helper()
	return ts.do(http.MethodPost, path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), header...)
}

// validForm is a complete service request with every personal field.
func validForm() url.Values {
	return url.Values{
		"api_key":      {testAdminToken},
		"service_code": {"flood"},
		"lat":          {"-6.8001"},
		"long":         {"39.2502"},
		"description":  {"Water up to the knees on the main path"},
		"email":        {"amina@example.org"},
		"phone":        {"+255 712 345 678"},
		"first_name":   {"Amina"},
		"last_name":    {"Juma"},
		"device_id":    {"dev-42"},
		"account_id":   {"acct-7"},
		"media_url":    {"https://photos.example.org/flood.jpg"},
	}
}

// personalValues are the form values that must never come back from a GET.
var personalValues = []string{"amina@example.org", "+255 712 345 678", "255 712", "Amina", "Juma", "dev-42", "acct-7",
	testAdminToken, "photos.example.org"}

// keysAndKinds describes a decoded JSON object as "name:kind" pairs, sorted.
func keysAndKinds(t *testing.T, obj map[string]any) []string {
	t.Helper()
	var out []string
	for k, v := range obj {
		kind := "null"
		switch v.(type) {
		case string:
			kind = "string"
		case float64:
			kind = "number"
		case bool:
			kind = "bool"
		case []any:
			kind = "array"
		case map[string]any:
			kind = "object"
		}
		out = append(out, k+":"+kind)
	}
	sort.Strings(out)
	return out
}

func sorted(s ...string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}

// checkOpen311Error asserts the specification's error format in JSON or
// XML: a list of {code, description} with code equal to the HTTP status,
// the description naming field.
func checkOpen311Error(t *testing.T, r response, status int, xmlFormat bool, field string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	type entry struct {
		Code        int    `json:"code" xml:"code"`
		Description string `json:"description" xml:"description"`
	}
	var list []entry
	if xmlFormat {
		if ct := r.Header.Get("Content-Type"); ct != "text/xml; charset=utf-8" {
			t.Fatalf("content type %q", ct)
		}
		if !bytes.HasPrefix(r.Body, []byte(`<?xml version="1.0" encoding="utf-8"?>`)) {
			t.Fatalf("no XML declaration: %s", r.Body)
		}
		var doc struct {
			XMLName xml.Name `xml:"errors"`
			Errors  []entry  `xml:"error"`
		}
		if err := xml.Unmarshal(r.Body, &doc); err != nil {
			t.Fatalf("XML errors %s: %v", r.Body, err)
		}
		list = doc.Errors
	} else {
		if ct := r.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Fatalf("content type %q", ct)
		}
		var raw []map[string]any
		if err := json.Unmarshal(r.Body, &raw); err != nil || len(raw) != 1 {
			t.Fatalf("JSON errors %s: %v", r.Body, err)
		}
		if got := keysAndKinds(t, raw[0]); !reflect.DeepEqual(got, []string{"code:number", "description:string"}) {
			t.Fatalf("error fields %v", got)
		}
		list = decode[[]entry](t, r.Body)
	}
	if len(list) != 1 || list[0].Code != status || !strings.HasPrefix(list[0].Description, field+": ") {
		t.Fatalf("errors %+v, want code %d about %s", list, status, field)
	}
}

func TestOpen311Discovery(t *testing.T) {
	ts := newOpen311Server(t)
	r := ts.get("/open311/v2/discovery.json")
	if r.Status != 200 || r.Header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("%d %v %s", r.Status, r.Header, r.Body)
	}
	doc := decode[map[string]any](t, r.Body)
	if got := keysAndKinds(t, doc); !reflect.DeepEqual(got, sorted("changeset:string", "contact:string", "key_service:string", "endpoints:array")) {
		t.Fatalf("discovery fields %v", got)
	}
	eps := doc["endpoints"].([]any)
	if len(eps) != 1 {
		t.Fatalf("endpoints %v", eps)
	}
	ep := eps[0].(map[string]any)
	if got := keysAndKinds(t, ep); !reflect.DeepEqual(got, sorted("specification:string", "url:string", "changeset:string", "type:string", "formats:array")) {
		t.Fatalf("endpoint fields %v", got)
	}
	if ep["specification"] != "http://wiki.open311.org/GeoReport_v2" || ep["url"] != "http://mtaa.test/open311/v2" ||
		ep["type"] != "production" || !reflect.DeepEqual(ep["formats"], []any{"text/xml", "application/json"}) ||
		ep["changeset"] != "2026-03-01T12:00:00Z" || doc["changeset"] != "2026-03-01T12:00:00Z" ||
		!strings.Contains(doc["contact"].(string), "OpenStreetMap contributors") {
		t.Fatalf("discovery %s", r.Body)
	}

	type endpoint struct {
		Specification string   `xml:"specification"`
		URL           string   `xml:"url"`
		Changeset     string   `xml:"changeset"`
		Type          string   `xml:"type"`
		Formats       []string `xml:"formats>format"`
	}
	var x struct {
		XMLName    xml.Name   `xml:"discovery"`
		Changeset  string     `xml:"changeset"`
		Contact    string     `xml:"contact"`
		KeyService string     `xml:"key_service"`
		Endpoints  []endpoint `xml:"endpoints>endpoint"`
	}
	rx := ts.get("/open311/v2/discovery.xml")
	if rx.Status != 200 || rx.Header.Get("Content-Type") != "text/xml; charset=utf-8" ||
		!bytes.HasPrefix(rx.Body, []byte(`<?xml version="1.0" encoding="utf-8"?>`)) {
		t.Fatalf("%d %v %s", rx.Status, rx.Header, rx.Body)
	}
	if err := xml.Unmarshal(rx.Body, &x); err != nil {
		t.Fatal(err)
	}
	want := endpoint{"http://wiki.open311.org/GeoReport_v2", "http://mtaa.test/open311/v2", "2026-03-01T12:00:00Z", "production",
		[]string{"text/xml", "application/json"}}
	if len(x.Endpoints) != 1 || !reflect.DeepEqual(x.Endpoints[0], want) || x.Changeset != doc["changeset"] ||
		x.Contact != doc["contact"] || x.KeyService != doc["key_service"] {
		t.Fatalf("XML discovery %+v", x)
	}
}

// service is a service list entry, decoded from either format.
type service struct {
	ServiceCode string `json:"service_code" xml:"service_code"`
	ServiceName string `json:"service_name" xml:"service_name"`
	Description string `json:"description" xml:"description"`
	Metadata    bool   `json:"metadata" xml:"metadata"`
	Type        string `json:"type" xml:"type"`
	Keywords    string `json:"keywords" xml:"keywords"`
	Group       string `json:"group" xml:"group"`
}

func TestOpen311Services(t *testing.T) {
	ts := newOpen311Server(t)
	tax := data.DefaultTaxonomy()
	r := ts.get("/open311/v2/services.json")
	raw := decode[[]map[string]any](t, r.Body)
	if r.Status != 200 || len(raw) != len(tax.Categories) {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	wantFields := sorted("service_code:string", "service_name:string", "description:string", "metadata:bool",
		"type:string", "keywords:string", "group:string")
	for _, s := range raw {
		if got := keysAndKinds(t, s); !reflect.DeepEqual(got, wantFields) {
			t.Fatalf("service fields %v", got)
		}
	}
	list := decode[[]service](t, r.Body)
	for i, s := range list {
		cat := tax.Categories[i]
		group := "city services"
		if cat.Hazard {
			group = "disaster"
		}
		if s.ServiceCode != cat.ID || s.ServiceName != cat.Labels["en"] || s.Metadata || s.Type != "realtime" ||
			s.Group != group || s.Description == "" || !strings.Contains(s.Keywords, cat.Keywords["en"][0]) {
			t.Errorf("service %d: %+v", i, s)
		}
	}

	// The XML list is the same list.
	rx := ts.get("/open311/v2/services.xml")
	var x struct {
		XMLName  xml.Name  `xml:"services"`
		Services []service `xml:"service"`
	}
	if err := xml.Unmarshal(rx.Body, &x); err != nil || rx.Status != 200 {
		t.Fatalf("%d %s: %v", rx.Status, rx.Body, err)
	}
	if !reflect.DeepEqual(x.Services, list) {
		t.Fatalf("XML services differ:\n%+v\n%+v", x.Services, list)
	}

	// Names follow locale, then Accept-Language, then English.
	nameOf := func(target string, header ...string) string {
		r := ts.do(http.MethodGet, target, "", nil, header...)
		l := decode[[]service](t, r.Body)
		if r.Status != 200 || len(l) == 0 || l[0].ServiceCode != "flood" {
			t.Fatalf("%s: %d %s", target, r.Status, r.Body)
		}
		return l[0].ServiceName + " / " + l[0].Keywords
	}
	for _, tt := range []struct {
		target, acceptLanguage, want string
	}{
		{"/open311/v2/services.json?locale=fr", "", "Inondation / inondation"},
		{"/open311/v2/services.json?locale=sw_TZ", "", "Mafuriko / mafuriko"},
		{"/open311/v2/services.json", "de-DE, sw;q=0.8, fr;q=0.9", "Inondation / inondation"},
		{"/open311/v2/services.json", "sw-TZ", "Mafuriko / mafuriko"},
		{"/open311/v2/services.json?locale=pt_MZ", "", "Cheia / "},
		{"/open311/v2/services.json", "es-419, en;q=0.5", "Inundación / "},
		{"/open311/v2/services.json?locale=ht", "", "Inondasyon / "},
		{"/open311/v2/services.json?locale=de", "", "Flood / flood"},
		{"/open311/v2/services.json?locale=fr", "sw", "Inondation / inondation"},
		{"/open311/v2/services.json", "", "Flood / flood"},
	} {
		got := nameOf(tt.target, "Accept-Language", tt.acceptLanguage)
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s (Accept-Language %q): %q, want %q…", tt.target, tt.acceptLanguage, got, tt.want)
		}
	}
	checkOpen311Error(t, ts.get("/open311/v2/services.json?format=csv"), 400, false, "format")
}

func TestOpen311ServiceDefinition(t *testing.T) {
	ts := newOpen311Server(t)
	r := ts.get("/open311/v2/services/flood.json")
	doc := decode[map[string]any](t, r.Body)
	if r.Status != 200 || !reflect.DeepEqual(keysAndKinds(t, doc), []string{"attributes:array", "service_code:string"}) ||
		doc["service_code"] != "flood" || len(doc["attributes"].([]any)) != 0 {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	var x struct {
		XMLName     xml.Name `xml:"service_definition"`
		ServiceCode string   `xml:"service_code"`
		Attributes  []struct {
			Code string `xml:"code"`
		} `xml:"attributes>attribute"`
	}
	rx := ts.get("/open311/v2/services/flood.xml")
	if !bytes.Contains(rx.Body, []byte("<attributes></attributes>")) {
		t.Fatalf("no empty attributes element: %s", rx.Body)
	}
	if err := xml.Unmarshal(rx.Body, &x); err != nil || x.ServiceCode != "flood" || len(x.Attributes) != 0 {
		t.Fatalf("%s: %v", rx.Body, err)
	}
	checkOpen311Error(t, ts.get("/open311/v2/services/lava.json"), 404, false, "service_code")
	checkOpen311Error(t, ts.get("/open311/v2/services/lava.xml"), 404, true, "service_code")
	checkOpen311Error(t, ts.get("/open311/v2/services/flood"), 404, false, "path")
	checkOpen311Error(t, ts.get("/open311/v2/nothing.xml"), 404, true, "path")
}

func TestOpen311PostRequest(t *testing.T) {
	for _, format := range []string{"json", "xml"} {
		t.Run(format, func(t *testing.T) {
			ts := newOpen311Server(t)
			r := ts.postForm("/open311/v2/requests."+format, validForm())
			if r.Status != 200 || r.Header.Get("Location") != "http://mtaa.test/open311/v2/requests/1."+format {
				t.Fatalf("%d %v %s", r.Status, r.Header, r.Body)
			}
			type created struct {
				ServiceRequestID uint64  `json:"service_request_id" xml:"service_request_id"`
				ServiceNotice    string  `json:"service_notice" xml:"service_notice"`
				AccountID        *string `json:"account_id" xml:"account_id"`
			}
			var got created
			if format == "json" {
				raw := decode[[]map[string]any](t, r.Body)
				if len(raw) != 1 || !reflect.DeepEqual(keysAndKinds(t, raw[0]),
					[]string{"account_id:string", "service_notice:string", "service_request_id:number"}) {
					t.Fatalf("POST response fields: %s", r.Body)
				}
				got = decode[[]created](t, r.Body)[0]
			} else {
				var x struct {
					XMLName  xml.Name  `xml:"service_requests"`
					Requests []created `xml:"request"`
				}
				if err := xml.Unmarshal(r.Body, &x); err != nil || len(x.Requests) != 1 {
					t.Fatalf("%s: %v", r.Body, err)
				}
				got = x.Requests[0]
			}
			if got.ServiceRequestID != 1 || !strings.Contains(got.ServiceNotice, "Report 1 received") ||
				got.AccountID == nil || *got.AccountID != "acct-7" {
				t.Fatalf("created %+v", got)
			}
			// Stored through the report path, personal data kept privately.
			rep, err := ts.store.Get(1)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Channel != data.ChannelOpen311 || rep.Status != data.StatusNew || rep.Category != "flood" ||
				rep.Location[0] != 39.2502 || rep.Location[1] != -6.8001 || rep.LocationSource != data.SourceManual ||
				rep.Description != "Water up to the knees on the main path" || !rep.ReceivedAt.Equal(now) {
				t.Fatalf("stored %+v", rep)
			}
			// The contact details are sealed at rest (issue 15): only the
			// submitting account is in clear; moderators read them opened.
			if !strings.Contains(rep.Reporter, "by=admin") || !strings.Contains(rep.Reporter, "sealed=") {
				t.Errorf("reporter %q", rep.Reporter)
			}
			raw := datatest.Contents(t, ts.dir)
			mod := string(ts.get("/api/v1/reports/1").Body)
			for _, v := range []string{"amina@example.org", "Amina", "Juma", "dev-42", "acct-7", "+255 712 345 678"} {
				if strings.Contains(rep.Reporter, v) || bytes.Contains(raw, []byte(v)) {
					t.Errorf("%q stored in clear (reporter %q)", v, rep.Reporter)
				}
				if !strings.Contains(mod, v) {
					t.Errorf("the moderator's view lacks %q: %s", v, mod)
				}
			}
			if !strings.Contains(rep.RawText, "photos.example.org") {
				t.Errorf("raw text %q lacks the media URL", rep.RawText)
			}
			// …and never shown: not by Open311, not by the report API
			// to the public (moderators do see the reporter).
			readAs := ts.readAs
			ts.readAs = nil
			defer func() { ts.readAs = readAs }()
			for _, target := range []string{"/open311/v2/requests/1.json", "/open311/v2/requests/1.xml",
				"/open311/v2/requests.json", "/open311/v2/requests.xml", "/api/v1/reports/1"} {
				body := ts.get(target).Body
				for _, v := range personalValues {
					if bytes.Contains(body, []byte(v)) {
						t.Errorf("%s shows %q: %s", target, v, body)
					}
				}
			}
		})
	}
}

func TestOpen311PostAcceptsBearerAndQueryKey(t *testing.T) {
	ts := newOpen311Server(t)
	form := validForm()
	form.Del("api_key")
	if r := ts.postForm("/open311/v2/requests.json", form, "Authorization", "Bearer "+testAdminToken); r.Status != 200 {
		t.Fatalf("bearer: %d %s", r.Status, r.Body)
	}
	if r := ts.postForm("/open311/v2/requests.json?api_key="+testAdminToken+"&jurisdiction_id=mtaa.test", form); r.Status != 200 {
		t.Fatalf("query api_key: %d %s", r.Status, r.Body)
	}
	if n := ts.store.Extent().Count; n != 2 {
		t.Fatalf("%d reports", n)
	}
}

func TestOpen311PostErrors(t *testing.T) {
	ts := newOpen311Server(t)
	with := func(edit func(url.Values)) url.Values {
		f := validForm()
		edit(f)
		return f
	}
	tests := []struct {
		name   string
		form   url.Values
		status int
		field  string
	}{
		{"missing service_code", with(func(f url.Values) { f.Del("service_code") }), 400, "service_code"},
		{"empty service_code", with(func(f url.Values) { f.Set("service_code", " ") }), 400, "service_code"},
		{"unknown service_code", with(func(f url.Values) { f.Set("service_code", "lava") }), 404, "service_code"},
		{"lat not a number", with(func(f url.Values) { f.Set("lat", "six south") }), 400, "lat"},
		{"lat out of range", with(func(f url.Values) { f.Set("lat", "91") }), 400, "lat"},
		{"long out of range", with(func(f url.Values) { f.Set("long", "-180.5") }), 400, "long"},
		{"long NaN", with(func(f url.Values) { f.Set("long", "NaN") }), 400, "long"},
		{"lat infinite", with(func(f url.Values) { f.Set("lat", "1e400") }), 400, "lat"},
		{"lat in hex", with(func(f url.Values) { f.Set("lat", "-0x1.b333p+2") }), 400, "lat"},
		{"lat without long", with(func(f url.Values) { f.Del("long") }), 400, "long"},
		{"long without lat", with(func(f url.Values) { f.Del("lat") }), 400, "lat"},
		{"null island", with(func(f url.Values) { f.Set("lat", "0"); f.Set("long", "0") }), 400, "lat"},
		{"no location", with(func(f url.Values) { f.Del("lat"); f.Del("long") }), 400, "lat"},
		{"address_id only", with(func(f url.Values) { f.Del("lat"); f.Del("long"); f.Set("address_id", "545483") }), 400, "address_id"},
		{"unknown address", with(func(f url.Values) { f.Del("lat"); f.Del("long"); f.Set("address_string", "Atlantis Boulevard") }), 400, "address_string"},
		{"missing api_key", with(func(f url.Values) { f.Del("api_key") }), 403, "api_key"},
		{"wrong api_key", with(func(f url.Values) { f.Set("api_key", "guess") }), 403, "api_key"},
		{"bad email", with(func(f url.Values) { f.Set("email", "amina at example") }), 400, "email"},
		{"bad phone", with(func(f url.Values) { f.Set("phone", "call me") }), 400, "phone"},
		{"control character in name", with(func(f url.Values) { f.Set("first_name", "A\x07mina") }), 400, "first_name"},
		{"long description", with(func(f url.Values) { f.Set("description", strings.Repeat("a", 2001)) }), 400, "description"},
		{"bad media_url", with(func(f url.Values) { f.Set("media_url", "ftp://example.org/x.jpg") }), 400, "media_url"},
		{"attribute", with(func(f url.Values) { f.Set("attribute[WHISPAWN]", "1") }), 400, "attribute[WHISPAWN]"},
		{"unknown field", with(func(f url.Values) { f.Set("colour", "red") }), 400, "colour"},
		{"field twice", with(func(f url.Values) { f.Add("service_code", "fire") }), 400, "service_code"},
		{"invalid UTF-8", with(func(f url.Values) { f.Set("description", "\xff\xfe") }), 400, "description"},
	}
	before := ts.fileHash()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkOpen311Error(t, ts.postForm("/open311/v2/requests.json", tt.form), tt.status, false, tt.field)
			checkOpen311Error(t, ts.postForm("/open311/v2/requests.xml", tt.form), tt.status, true, tt.field)
		})
	}
	checkOpen311Error(t, ts.do(http.MethodPost, "/open311/v2/requests.json", "application/json",
		strings.NewReader(`{"service_code":"flood"}`)), 400, false, "Content-Type")
	checkOpen311Error(t, ts.postForm("/open311/v2/requests.json?service_code=flood", validForm()), 400, false, "service_code")
	checkOpen311Error(t, ts.do(http.MethodPost, "/open311/v2/requests.json", "application/x-www-form-urlencoded",
		strings.NewReader("api_key=%zz")), 400, false, "body")
	checkOpen311Error(t, ts.do(http.MethodPost, "/open311/v2/requests.json", "application/x-www-form-urlencoded",
		strings.NewReader("description="+strings.Repeat("a", server.MaxBodyBytes))), 413, false, "body")
	if ts.fileHash() != before || ts.store.Extent().Count != 0 {
		t.Fatal("a rejected request changed the store")
	}
}

func TestOpen311PostAddressString(t *testing.T) {
	ts := newOpen311Server(t)
	form := validForm()
	form.Del("lat")
	form.Del("long")
	form.Set("service_code", "medical")
	form.Set("address_string", "Zahanati ya Tandale, Mtogole")
	r := ts.postForm("/open311/v2/requests.json", form)
	if r.Status != 200 {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	rep, err := ts.store.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	// The clinic (node 10) is at 39.25, -6.80.
	if rep.Location[0] != 39.25 || rep.Location[1] != -6.80 || rep.LocationSource != data.SourcePlaceName ||
		rep.LocationConfidence == nil || *rep.LocationConfidence <= 0 || !strings.Contains(rep.RawText, "Zahanati") {
		t.Fatalf("stored %+v", rep)
	}
	got := decode[[]map[string]any](t, ts.get("/open311/v2/requests/1.json").Body)[0]
	if got["address"] != "near Zahanati ya Tandale, Mtogole" || got["lat"] != -6.8 || got["long"] != 39.25 {
		t.Fatalf("request %v", got)
	}
	// The address a client typed is private (it may be a home); only the
	// OSM-derived address is public, under the ODbL.
	if r := ts.get("/open311/v2/requests/1.json"); !strings.Contains(r.Header.Get("Link"), "openstreetmap.org/copyright") {
		t.Fatalf("no licence link: %v", r.Header)
	}
}

func TestOpen311PostAddressNeedsExtract(t *testing.T) {
	ts := newTestServer(t) // no extract, no admin token
	form := validForm()
	checkOpen311Error(t, ts.postForm("/open311/v2/requests.json", form), 403, false, "api_key")

	st, dir := datatest.NewStore(t)
	srv := server.New(server.Config{AdminToken: testAdminToken}, server.Deps{Store: st})
	ts = &testServer{t: t, store: st, dir: dir, h: srv.Handler()}
	form.Del("lat")
	form.Del("long")
	form.Set("address_string", "Zahanati ya Tandale")
	checkOpen311Error(t, ts.postForm("/open311/v2/requests.json", form), 400, false, "address_string")
}

func TestOpen311PostIdempotency(t *testing.T) {
	ts := newOpen311Server(t)
	type created struct {
		ServiceRequestID uint64 `json:"service_request_id"`
	}
	first := ts.postForm("/open311/v2/requests.json", validForm(), "Idempotency-Key", "retry-1")
	again := ts.postForm("/open311/v2/requests.json", validForm(), "Idempotency-Key", "retry-1")
	other := ts.postForm("/open311/v2/requests.json", validForm(), "Idempotency-Key", "retry-2")
	ids := []uint64{decode[[]created](t, first.Body)[0].ServiceRequestID, decode[[]created](t, again.Body)[0].ServiceRequestID,
		decode[[]created](t, other.Body)[0].ServiceRequestID}
	if first.Status != 200 || again.Status != 200 || !reflect.DeepEqual(ids, []uint64{1, 1, 2}) || ts.store.Extent().Count != 2 {
		t.Fatalf("ids %v, %d reports", ids, ts.store.Extent().Count)
	}
	checkOpen311Error(t, ts.postForm("/open311/v2/requests.json", validForm(), "Idempotency-Key", "bad key"), 400, false, "Idempotency-Key")
}

// testVault is a real phone vault with fixed test keys.
func testVault(t *testing.T) *sms.PhoneVault {
	t.Helper()
	v, err := sms.NewPhoneVault(make([]byte, sms.KeySize), append(make([]byte, sms.KeySize-1), 7))
	if err != nil {
		t.Fatal(err)
	}
	return v
}
