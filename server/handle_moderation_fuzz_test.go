package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

// FuzzModerate sends arbitrary PATCH bodies: the server never fails with
// a 5xx, a change it accepts leaves a valid report and exactly one audit
// entry, and a refused one leaves no entry.
func FuzzModerate(f *testing.F) {
	for _, seed := range []string{
		`{"status":"verified","note":"ok"}`,
		`{"status":"duplicate","duplicate_of":1}`,
		`{"location":[39.3,-6.7],"reason":"pin"}`,
		`{"location":{"type":"Point","coordinates":[1e308,-1e308]},"reason":"x"}`,
		`{"category":"water_supply","description":"\u0000","reason":"r"}`,
		`{"needs":["food","shelter"],"reason":"r"}`, `{"category":"fire","needs":["food"],"reason":"r"}`,
		`{"needs":[],"reason":"r"}`, `{"needs":null}`, `{"needs":["food","food"],"reason":"r"}`,
		`{"status":"reopened"}`, `{}`, `[]`, `null`, `{"duplicate_of":-1}`,
	} {
		f.Add(seed)
	}
	st, _ := datatest.NewStore(f)
	ctx := context.Background()
	r := datatest.Report(orb.Point{39.25, -6.80}, "flood", now.Add(-time.Hour))
	if _, err := st.Create(ctx, r); err != nil {
		f.Fatal(err)
	}
	target, err := st.Create(ctx, r)
	if err != nil {
		f.Fatal(err)
	}
	id := target.Report.ID
	h := server.New(server.Config{AdminToken: bootstrapToken}, server.Deps{Store: st, Now: func() time.Time { return now }}).Handler()
	tax := data.DefaultTaxonomy()
	f.Fuzz(func(t *testing.T, body string) {
		before, _ := st.ReportAudit(id)
		req := httptest.NewRequest(http.MethodPatch, "/api/v1/reports/"+uintStr(id), strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+bootstrapToken)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		after, _ := st.ReportAudit(id)
		got, err := st.Get(id)
		switch {
		case rec.Code >= 500:
			t.Fatalf("%d %s", rec.Code, rec.Body)
		case err != nil:
			t.Fatalf("report gone: %v", err)
		case rec.Code == http.StatusOK && len(after) != len(before)+1:
			t.Fatalf("accepted with %d new audit entries", len(after)-len(before))
		case rec.Code != http.StatusOK && len(after) != len(before):
			t.Fatalf("refused (%d) with an audit entry", rec.Code)
		}
		if err := got.Validate(tax, now); err != nil {
			t.Fatalf("accepted an invalid report: %v", err)
		}
	})
}
