package server_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/server"
)

// FuzzCreateCampaign posts arbitrary campaign bodies as a moderator: the
// server never fails with a 5xx, a refused body stores no campaign, and an
// accepted one stores exactly one with at least one square inside the
// limits.
func FuzzCreateCampaign(f *testing.F) {
	for _, seed := range []string{
		campaignBody(campaignArea, `{"name":"Tandale","grid_m":200}`),
		campaignBody(campaignArea, `{"name":"Tandale","grid_m":1e308}`),
		campaignBody(campaignArea, `{"name":"Tandale","grid_m":-0}`),
		campaignBody(`{"type":"MultiPolygon","coordinates":[]}`, `{"name":"x","grid_m":50}`),
		campaignBody(`{"type":"Polygon","coordinates":[[[0,0],[1e-9,0],[0,1e-9],[0,0]]]}`, `{"name":"x","grid_m":50}`),
		campaignBody(`null`, `{"name":"x","grid_m":50,"area":"way-1"}`),
		`{"type":"Feature"}`, `{}`, `[]`, `null`, ``,
	} {
		f.Add(seed)
	}
	st, _ := datatest.NewStore(f)
	h := server.New(server.Config{AdminToken: bootstrapToken},
		server.Deps{Store: st, Campaigns: st, Now: func() time.Time { return now }}).Handler()
	count := func() int {
		n := 0
		_ = st.EachCampaign(func(data.Campaign) bool { n++; return true })
		return n
	}
	f.Fuzz(func(t *testing.T, body string) {
		before := count()
		req := httptest.NewRequest(http.MethodPost, "/api/v1/campaigns", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/geo+json")
		req.Header.Set("Authorization", "Bearer "+bootstrapToken)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		after := count()
		switch {
		case rec.Code >= 500:
			t.Fatalf("%d %s", rec.Code, rec.Body)
		case rec.Code == http.StatusCreated && after != before+1:
			t.Fatalf("accepted, %d campaigns stored", after-before)
		case rec.Code != http.StatusCreated && after != before:
			t.Fatalf("refused with %d, yet a campaign was stored", rec.Code)
		}
		if rec.Code == http.StatusCreated {
			var c data.Campaign
			_ = st.EachCampaign(func(x data.Campaign) bool { c = x; return true })
			if c.Tasks < 1 || c.Tasks > mapping.DefaultTaskGridLimits.MaxSquares {
				t.Fatalf("campaign with %d squares", c.Tasks)
			}
		}
	})
}
