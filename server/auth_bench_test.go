package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

// BenchmarkAuthenticatedGet measures what authentication costs a read:
// one report by id anonymously (the baseline), with an API token (one
// bbolt read of the token and the account), and with a session cookie.
func BenchmarkAuthenticatedGet(b *testing.B) {
	st, _ := datatest.NewStore(b)
	ctx := context.Background()
	r := datatest.Report(orb.Point{39.25, -6.80}, "flood", now)
	r.Status = data.StatusVerified
	res, _ := st.Create(ctx, r)
	hash, _ := data.HashPassword("correct horse battery")
	u, err := st.CreateUser(ctx, data.User{Name: "V", Email: "v@example.org", Role: data.RoleViewer, PasswordHash: hash}, data.Actor{})
	if err != nil {
		b.Fatal(err)
	}
	token, _, _ := st.CreateToken(ctx, u.Email, "", "", data.Actor{}, now)
	session, _, _ := st.CreateSession(ctx, u.ID, now, 1<<40)
	h := server.New(server.Config{}, server.Deps{Store: st}).Handler()
	target := "/api/v1/reports/" + uintStr(res.Report.ID)
	for _, tc := range []struct{ name, header, value string }{
		{"anonymous", "", ""},
		{"token", "Authorization", "Bearer " + token},
		{"session", "Cookie", server.SessionCookie + "=" + session},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, target, nil)
				if tc.header != "" {
					req.Header.Set(tc.header, tc.value)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%d %s", rec.Code, strings.TrimSpace(rec.Body.String()))
				}
			}
		})
	}
}
