package server_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

// visibilityWorld stores one report per status (with a reporter and raw
// text) and one new report submitted by the mapper.
func visibilityWorld(t *testing.T, cfg server.Config) (*accountWorld, map[data.Status]uint64, uint64) {
	t.Helper()
	w := newAccountWorld(t, cfg, nil)
	ids := map[data.Status]uint64{}
	for i, st := range data.Statuses {
		r := datatest.Report(orb.Point{39.25 + float64(i)/1000, -6.80}, "flood", now.Add(-time.Hour))
		r.Status, r.Reporter, r.RawText = st, "sms:secret-hash", "raw text with +255700000000"
		if st == data.StatusDuplicate {
			r.DuplicateOf = 1
		}
		res, err := w.store.Create(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		ids[st] = res.Report.ID
	}
	body := `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.26,-6.8]},"properties":{"category":"flood"}}`
	r := w.as(data.RoleMapper, http.MethodPost, "/api/v1/reports", body)
	if r.Status != http.StatusCreated {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	return w, ids, decode[feature](t, r.Body).ID
}

func listedIDs(t *testing.T, r response) []uint64 {
	t.Helper()
	if r.Status != http.StatusOK {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	var ids []uint64
	for _, f := range decode[struct{ Features []feature }](t, r.Body).Features {
		ids = append(ids, f.ID)
	}
	slices.Sort(ids)
	return ids
}

func idsOf(ids map[data.Status]uint64, sts ...data.Status) []uint64 {
	var out []uint64
	for _, st := range sts {
		out = append(out, ids[st])
	}
	slices.Sort(out)
	return out
}

// TestVisibilityByRole: the public lists and reads verified and later
// reports only (new ones too with PublicUnverified); viewers read every
// report; mappers list and read the public ones and their own; nobody below
// moderator sees personal data in any listing, item or export.
func TestVisibilityByRole(t *testing.T) {
	later := []data.Status{data.StatusVerified, data.StatusInProgress, data.StatusResolved, data.StatusReopened}
	for _, unverified := range []bool{false, true} {
		name := "default"
		if unverified {
			name = "public-unverified"
		}
		t.Run(name, func(t *testing.T) {
			w, ids, own := visibilityWorld(t, server.Config{PublicUnverified: unverified})
			public := idsOf(ids, later...)
			if unverified {
				public = idsOf(ids, append(later, data.StatusNew)...)
				public = append(public, own)
			}
			all := idsOf(ids, data.Statuses...)
			all = append(all, own)
			mapper := public
			if !unverified {
				mapper = append(slices.Clone(public), own)
			}
			want := map[data.Role][]uint64{
				data.RolePublic: public, data.RoleMapper: mapper,
				data.RoleViewer: all, data.RoleModerator: all, data.RoleAdmin: all,
			}
			for role, wantIDs := range want {
				for _, target := range []string{"/ogc/collections/reports/items?limit=100", "/api/v1/export/reports.geojson"} {
					got := listedIDs(t, w.as(role, http.MethodGet, target, ""))
					if !slices.Equal(got, wantIDs) {
						t.Errorf("%s %s: %v, want %v", role, target, got, wantIDs)
					}
				}
				// A status filter cannot widen what the public sees.
				got := listedIDs(t, w.as(role, http.MethodGet, "/ogc/collections/reports/items?status=rejected,duplicate", ""))
				wantN := 0
				if slices.Contains(wantIDs, ids[data.StatusRejected]) {
					wantN = 2
				}
				if len(got) != wantN {
					t.Errorf("%s status=rejected,duplicate: %v", role, got)
				}
				for st, id := range ids {
					for _, path := range []string{"/api/v1/reports/", "/ogc/collections/reports/items/"} {
						r := w.as(role, http.MethodGet, path+uintStr(id), "")
						visible := slices.Contains(wantIDs, id)
						if visible && r.Status != http.StatusOK || !visible && r.Status != http.StatusNotFound {
							t.Errorf("%s %s%d (%s): %d", role, path, id, st, r.Status)
						}
						if role.AtLeast(data.RoleModerator) && path == "/api/v1/reports/" {
							continue
						}
						if strings.Contains(string(r.Body), "secret-hash") || strings.Contains(string(r.Body), "+255700000000") {
							t.Errorf("%s %s%d shows personal data: %s", role, path, id, r.Body)
						}
					}
				}
			}
			// Paging through the mapper's listing (public and own reports
			// merged) gives each report once.
			var paged []uint64
			for offset := 0; offset <= len(mapper); offset += 2 {
				r := w.as(data.RoleMapper, http.MethodGet, "/ogc/collections/reports/items?limit=2&offset="+strconv.Itoa(offset), "")
				if n := decode[struct{ NumberMatched int }](t, r.Body).NumberMatched; n != len(mapper) {
					t.Fatalf("numberMatched %d, want %d", n, len(mapper))
				}
				paged = append(paged, listedIDs(t, r)...)
			}
			if !slices.Equal(paged, mapper) {
				t.Errorf("mapper pages %v, want %v", paged, mapper)
			}
			// The mapper reads its own new report; another new one stays
			// hidden unless the public sees new reports.
			if r := w.as(data.RoleMapper, http.MethodGet, "/api/v1/reports/"+uintStr(own), ""); r.Status != http.StatusOK {
				t.Errorf("mapper's own report: %d", r.Status)
			}
			if r := w.as(data.RoleMapper, http.MethodGet, "/api/v1/reports/"+uintStr(ids[data.StatusNew]), ""); (r.Status == http.StatusOK) != unverified {
				t.Errorf("mapper, another's new report: %d", r.Status)
			}
			for _, role := range []data.Role{data.RolePublic, data.RoleViewer} {
				body := w.as(role, http.MethodGet, "/api/v1/export/reports.csv", "").Body
				if strings.Contains(string(body), "secret-hash") || strings.Contains(string(body), "+255700000000") {
					t.Errorf("%s CSV export shows personal data", role)
				}
			}
		})
	}
}

// TestOpen311OwnRequestVisible: an Open311 client follows its own new
// request (hidden from the public until verified) by the api_key it
// posted with or by its bearer token; others' new requests stay hidden.
func TestOpen311OwnRequestVisible(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, nil)
	key := w.tokens[data.RoleMapper]
	form := url.Values{"api_key": {key}, "service_code": {"flood"}, "lat": {"-6.8001"}, "long": {"39.2502"},
		"description": {"Water up to the knees on the main path"}}
	r := w.do(http.MethodPost, "/open311/v2/requests.json", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	created := decode[[]struct {
		ID uint64 `json:"service_request_id"`
	}](t, r.Body)
	if r.Status != http.StatusOK || len(created) != 1 {
		t.Fatalf("POST: %d %s", r.Status, r.Body)
	}
	item := "/open311/v2/requests/" + uintStr(created[0].ID) + ".json"
	other, err := w.store.Create(context.Background(), datatest.Report(orb.Point{39.25, -6.80}, "fire", now))
	if err != nil {
		t.Fatal(err)
	}
	otherItem := "/open311/v2/requests/" + uintStr(other.Report.ID) + ".json"
	for _, tc := range []struct {
		name, target string
		header       []string
		want         int
	}{
		{"anonymous", item, nil, http.StatusNotFound},
		{"its api_key", item + "?api_key=" + key, nil, http.StatusOK},
		{"its bearer token", item, []string{"Authorization", "Bearer " + key}, http.StatusOK},
		{"a wrong api_key", item + "?api_key=mtaa_not-a-token", nil, http.StatusNotFound},
		{"another's new request by api_key", otherItem + "?api_key=" + key, nil, http.StatusNotFound},
		{"another's new request by bearer", otherItem, []string{"Authorization", "Bearer " + key}, http.StatusNotFound},
	} {
		r := w.do(http.MethodGet, tc.target, "", nil, tc.header...)
		if r.Status != tc.want {
			t.Errorf("%s: %d %s", tc.name, r.Status, r.Body)
			continue
		}
		if tc.want == http.StatusOK && !strings.Contains(string(r.Body), `"status":"open"`) {
			t.Errorf("%s: %s", tc.name, r.Body)
		}
	}
}

// An answer read with an account's eyes is marked private and not to be
// stored, so that no cache (the web app's service worker included) keeps
// exact positions after the session ends; the public's answers stay
// cacheable for offline use.
func TestAnswersReadWithAnAccountAreNotCached(t *testing.T) {
	w, _, _ := visibilityWorld(t, server.Config{})
	for _, target := range []string{"/ogc/collections/reports/items?limit=5", "/api/v1/categories"} {
		for _, role := range []data.Role{data.RolePublic, data.RoleMapper, data.RoleModerator} {
			r := w.as(role, http.MethodGet, target, "")
			cc := r.Header.Get("Cache-Control")
			if r.Status != http.StatusOK {
				t.Fatalf("%s %s: %d", role, target, r.Status)
			}
			private := strings.Contains(cc, "no-store") && strings.Contains(cc, "private")
			if private != (role != data.RolePublic) {
				t.Errorf("%s %s: Cache-Control %q", role, target, cc)
			}
		}
	}
}
