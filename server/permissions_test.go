package server_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/server"
)

// sensitiveRoutes pins the least role of the routes whose exposure would
// hurt: lowering one must be a deliberate change of this table too.
var sensitiveRoutes = map[string]data.Role{
	"PATCH /api/v1/reports/:id":              data.RoleModerator,
	"GET /api/v1/reports/:id/audit":          data.RoleModerator,
	"GET /api/v1/admin/audit":                data.RoleAdmin,
	"GET /api/v1/admin/backup":               data.RoleAdmin,
	"POST /api/v1/alerts":                    data.RoleModerator,
	"POST /api/v1/sms/parse":                 data.RoleModerator,
	"GET /api/v1/sms/drafts":                 data.RoleModerator,
	"POST /api/v1/sms/drafts/:id/file":       data.RoleModerator,
	"GET /api/v1/alerts/:id":                 data.RoleModerator,
	"GET /api/v1/session":                    data.RolePublic,
	"POST /api/v1/reports":                   data.RolePublic,
	"GET /ogc/collections/:collection/items": data.RolePublic,
	"GET /api/v1/export/osm-changes.osm":     data.RoleModerator,
	"POST /api/v1/campaigns":                 data.RoleModerator,
	"PUT /api/v1/reports/:id/facility":       data.RoleMapper,
	"POST /api/v1/tasks/:id/validate":        data.RoleMapper,
}

// streams are the routes that answer a stream that never ends by itself.
var streams = map[string]bool{"GET /api/v1/events": true}

var pathParam = regexp.MustCompile(`[:*][A-Za-z_]+`)

// TestPermissionMatrix calls every route of the route table as every role
// and checks that the route table's verdict is exactly what the caller
// gets: the public is refused with 401 login_required, a lower role with
// 403 insufficient_role, and an allowed caller reaches the handler
// (whatever it then answers, never one of those two refusals). Routes
// authenticate themselves (webhooks) are reached by everyone. The route
// table is also checked against the router, so that no route escapes it.
func TestPermissionMatrix(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, campaignDeps)
	table := w.srv.Routes()
	inTable := map[string]server.RouteInfo{}
	for _, rt := range table {
		key := rt.Method + " " + rt.Path
		if _, dup := inTable[key]; dup {
			t.Errorf("%s is twice in the route table", key)
		}
		if rt.MinRole.Rank() < 0 {
			t.Errorf("%s: unknown least role %q", key, rt.MinRole)
		}
		inTable[key] = rt
	}
	for _, r := range w.srv.Handler().(*gin.Engine).Routes() {
		if _, ok := inTable[r.Method+" "+r.Path]; !ok {
			t.Errorf("%s %s is served but not in the route table", r.Method, r.Path)
		}
	}
	for key, want := range sensitiveRoutes {
		if got, ok := inTable[key]; !ok || got.MinRole != want {
			t.Errorf("%s: least role %q, want %q", key, got.MinRole, want)
		}
	}

	roles := append([]data.Role{data.RolePublic}, data.AccountRoles...)
	for _, rt := range table {
		target := pathParam.ReplaceAllString(rt.Path, "1")
		body := ""
		if rt.Method != http.MethodGet {
			body = "{}"
		}
		// A stream would never end: its handler gets a cancelled context,
		// so it returns as soon as it has started answering.
		w.ctx = nil
		if streams[rt.Method+" "+rt.Path] {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			w.ctx = ctx
		}
		for _, role := range roles {
			t.Run(rt.Method+" "+rt.Path+" as "+string(role), func(t *testing.T) {
				r := w.as(role, rt.Method, target, body)
				var code string
				// Open311 routes answer errors in the Open311 format (an
				// array), which never carries the two refusal codes.
				if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") && r.Status >= 400 && strings.HasPrefix(string(r.Body), "{") {
					code = decode[apiErr](t, r.Body).Error.Code
				}
				allowed := rt.SelfAuth || role.AtLeast(rt.MinRole)
				switch {
				case allowed && (code == "login_required" || code == "insufficient_role"):
					t.Fatalf("allowed by the table, refused: %d %s", r.Status, r.Body)
				case !allowed && role == data.RolePublic && (r.Status != http.StatusUnauthorized || code != "login_required"):
					t.Fatalf("want 401 login_required, got %d %s", r.Status, r.Body)
				case !allowed && role != data.RolePublic && (r.Status != http.StatusForbidden || code != "insufficient_role"):
					t.Fatalf("want 403 insufficient_role, got %d %s", r.Status, r.Body)
				}
			})
		}
	}
	w.ctx = nil
	// The bootstrap admin token acts as an admin.
	for _, rt := range table {
		if rt.MinRole != data.RoleAdmin {
			continue
		}
		r := w.do(rt.Method, pathParam.ReplaceAllString(rt.Path, "1"), "", nil, "Authorization", "Bearer "+bootstrapToken)
		if r.Status == http.StatusUnauthorized || r.Status == http.StatusForbidden {
			t.Errorf("%s %s with the admin token: %d %s", rt.Method, rt.Path, r.Status, r.Body)
		}
	}
}

// TestCSRFMatrix sends every unsafe route of the route table an admin's
// session cookie without the CSRF token: each is refused with 403
// csrf_failed before its handler runs, except the webhooks (no cookies)
// and login.
func TestCSRFMatrix(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, nil)
	cookie, _ := w.login(data.RoleAdmin)
	for _, rt := range w.srv.Routes() {
		if rt.Method == http.MethodGet || rt.Method == http.MethodHead || rt.SelfAuth {
			continue
		}
		if rt.CSRFExempt && rt.Path != "/api/v1/login" {
			t.Errorf("%s %s is exempt from CSRF checks", rt.Method, rt.Path)
		}
		if rt.CSRFExempt {
			continue
		}
		before := w.fileHash()
		r := w.do(rt.Method, pathParam.ReplaceAllString(rt.Path, "1"), "application/json", strings.NewReader("{}"), withCookie(cookie)...)
		if r.Status != http.StatusForbidden || decode[apiErr](t, r.Body).Error.Code != "csrf_failed" {
			t.Errorf("%s %s without CSRF token: %d %s", rt.Method, rt.Path, r.Status, r.Body)
		}
		if w.fileHash() != before {
			t.Errorf("%s %s without CSRF token changed the store", rt.Method, rt.Path)
		}
	}
}
