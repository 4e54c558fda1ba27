package main

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeOpen311 is a GeoReport v2 client against the real binary:
// discovery, the service list, form POSTs (coordinates, and an address
// looked up in the imported extract's gazetteer) with the admin token as
// api_key, and the requests read back in both formats without the
// reporter's contact details.
func TestServeOpen311(t *testing.T) {
	const token = "e2e-open311-token"
	dir := t.TempDir()
	p := startServe(t, dir, "--admin-token", token, "--osm", filepath.Join("..", "..", "mapping", "testdata", "facilities.osm"))
	api := p.base + "/open311/v2"

	get := func(target string) (int, []byte) {
		t.Helper()
		resp, err := http.Get(target)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, b
	}
	post := func(target string, form url.Values) (int, []byte) {
		t.Helper()
		resp, err := http.PostForm(target, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, b
	}

	var disc struct {
		Endpoints []struct{ URL string }
	}
	if code, b := get(api + "/discovery.json"); code != 200 || json.Unmarshal(b, &disc) != nil ||
		len(disc.Endpoints) != 1 || disc.Endpoints[0].URL != api {
		t.Fatalf("discovery %d %s", code, b)
	}
	var services []struct {
		ServiceCode string `json:"service_code"`
	}
	if code, b := get(api + "/services.json"); code != 200 || json.Unmarshal(b, &services) != nil || len(services) < 10 {
		t.Fatalf("services %d %s", code, b)
	}

	personal := url.Values{"email": {"wanjiru@example.org"}, "phone": {"+254 700 111222"}, "first_name": {"Wanjiru"}, "last_name": {"Kamau"}}
	form := url.Values{"api_key": {token}, "service_code": {"medical"}, "address_string": {"Mbagathi Hospital"},
		"description": {"Two people hurt at the gate"}}
	for k, v := range personal {
		form[k] = v
	}
	code, b := post(api+"/requests.json", form)
	var created []struct {
		ServiceRequestID uint64 `json:"service_request_id"`
	}
	if code != 200 || json.Unmarshal(b, &created) != nil || len(created) != 1 || created[0].ServiceRequestID != 1 {
		t.Fatalf("POST json %d %s", code, b)
	}
	code, b = post(api+"/requests.xml", url.Values{"api_key": {token}, "service_code": {"flood"}, "lat": {"-1.3"}, "long": {"36.81"}})
	var createdXML struct {
		Requests []struct {
			ID uint64 `xml:"service_request_id"`
		} `xml:"request"`
	}
	if code != 200 || xml.Unmarshal(b, &createdXML) != nil || len(createdXML.Requests) != 1 || createdXML.Requests[0].ID != 2 {
		t.Fatalf("POST xml %d %s", code, b)
	}
	code, b = post(api+"/requests.json", url.Values{"api_key": {"wrong"}, "service_code": {"flood"}, "lat": {"-1.3"}, "long": {"36.81"}})
	if code != 403 || !strings.Contains(string(b), `"code":403`) {
		t.Fatalf("wrong api_key: %d %s", code, b)
	}

	var one []struct {
		Status      string  `json:"status"`
		ServiceCode string  `json:"service_code"`
		Address     string  `json:"address"`
		Lat         float64 `json:"lat"`
		Long        float64 `json:"long"`
	}
	code, b = get(api + "/requests/1.json")
	if code != 200 || json.Unmarshal(b, &one) != nil || len(one) != 1 || one[0].Status != "open" || one[0].ServiceCode != "medical" ||
		!strings.Contains(one[0].Address, "Mbagathi Hospital") || one[0].Lat > -1.30 || one[0].Lat < -1.36 {
		t.Fatalf("request 1: %d %s", code, b)
	}
	code, b = get(api + "/requests.xml?status=open")
	var list struct {
		Requests []struct {
			ID uint64 `xml:"service_request_id"`
		} `xml:"request"`
	}
	if code != 200 || xml.Unmarshal(b, &list) != nil || len(list.Requests) != 2 || list.Requests[0].ID != 2 {
		t.Fatalf("list %d %s", code, b)
	}
	for _, target := range []string{api + "/requests.xml", api + "/requests.json", api + "/requests/1.xml"} {
		_, body := get(target)
		for _, vs := range personal {
			if strings.Contains(string(body), vs[0]) {
				t.Fatalf("%s shows %q", target, vs[0])
			}
		}
	}
}
