package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/mtaa-project/mtaa/data"
)

// route is one entry of the route table: every route the server answers
// is declared here, once, with the least role that may call it.
type route struct {
	method, path string
	// min is the least role allowed (data.RolePublic: anyone).
	min data.Role
	// selfAuth marks routes that authenticate their callers themselves
	// (webhook signatures, shared secrets): no account credentials are
	// read and no per-IP write limit applies (a gateway sends for many
	// residents from one address).
	selfAuth bool
	// csrfExempt skips the CSRF check of cookie-authenticated writes: only
	// for login, which ignores the session it may come with and takes a
	// JSON body only (which a cross-site form cannot send).
	csrfExempt bool
	handler    gin.HandlerFunc
}

// RouteInfo describes one route of the table: for documentation and the
// permission matrix test.
type RouteInfo struct {
	Method, Path string
	// MinRole is the least role that may call the route.
	MinRole data.Role
	// SelfAuth is true for routes that authenticate callers themselves.
	SelfAuth bool
	// CSRFExempt is true for the login route only.
	CSRFExempt bool
}

// Routes lists the route table.
func (s *Server) Routes() []RouteInfo {
	out := make([]RouteInfo, 0, len(s.table))
	for _, r := range s.table {
		out = append(out, RouteInfo{Method: r.method, Path: r.path, MinRole: r.min, SelfAuth: r.selfAuth, CSRFExempt: r.csrfExempt})
	}
	return out
}

// Role shorthands for the table.
const (
	public    = data.RolePublic
	viewer    = data.RoleViewer
	mapper    = data.RoleMapper
	moderator = data.RoleModerator
	admin     = data.RoleAdmin
)

// routeTable is every route with its least role. Adding a route is one
// line here.
func (s *Server) routeTable() []route {
	get, post, patch, put, del := http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete
	table := []route{
		{method: get, path: "/healthz", min: public, handler: s.healthz},
		{method: get, path: "/readyz", min: public, handler: s.handle(s.readyz)},
		{method: get, path: "/metrics", min: public, handler: gin.WrapH(promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}))},

		{method: post, path: "/api/v1/login", min: public, csrfExempt: true, handler: s.handle(s.login)},
		{method: post, path: "/api/v1/logout", min: public, handler: s.handle(s.logout)},
		{method: get, path: "/api/v1/session", min: public, handler: s.handle(s.session)},
		{method: post, path: "/api/v1/session/password", min: viewer, handler: s.handle(s.changePassword)},

		{method: get, path: "/api/v1/categories", min: public, handler: s.listCategories},
		{method: post, path: "/api/v1/reports", min: public, handler: s.handle(s.createReport)},
		{method: get, path: "/api/v1/reports/:id", min: public, handler: s.handle(s.getReport)},
		{method: patch, path: "/api/v1/reports/:id", min: moderator, handler: s.handle(s.moderateReport)},
		{method: get, path: "/api/v1/reports/:id/audit", min: moderator, handler: s.handle(s.reportAudit)},
		{method: get, path: "/api/v1/not-in-osm", min: public, handler: s.handle(s.notInOSM)},
		{method: get, path: "/api/v1/geocode", min: public, handler: s.handle(s.geocode)},
		{method: get, path: "/api/v1/export/:file", min: public, handler: s.handle(s.export)},

		{method: post, path: "/sms/twilio", min: public, selfAuth: true, handler: s.handle(s.twilioInbound)},
		{method: post, path: "/sms/smssync", min: public, selfAuth: true, handler: s.handle(s.smssync)},
		{method: get, path: "/sms/smssync", min: public, selfAuth: true, handler: s.handle(s.smssync)},

		{method: post, path: "/api/v1/sms/parse", min: moderator, handler: s.handle(s.parseSMS)},
		{method: get, path: "/api/v1/sms/drafts", min: moderator, handler: s.handle(s.listDrafts)},
		{method: post, path: "/api/v1/sms/drafts/:id/file", min: moderator, handler: s.handle(s.fileDraft)},

		{method: post, path: "/api/v1/alerts", min: moderator, handler: s.handle(s.createAlert)},
		{method: get, path: "/api/v1/alerts/:id", min: moderator, handler: s.handle(s.getAlert)},
		{method: get, path: "/api/v1/admin/backup", min: admin, handler: s.handle(s.backup)},
		{method: get, path: "/api/v1/admin/audit", min: admin, handler: s.handle(s.auditExport)},
		{method: get, path: "/api/v1/admin/users", min: admin, handler: s.handle(s.listUsers)},
		{method: post, path: "/api/v1/admin/users", min: admin, handler: s.handle(s.createUser)},
		{method: patch, path: "/api/v1/admin/users/:id", min: admin, handler: s.handle(s.updateUser)},
		{method: get, path: "/api/v1/admin/tokens", min: admin, handler: s.handle(s.listTokens)},
		{method: post, path: "/api/v1/admin/tokens", min: admin, handler: s.handle(s.createToken)},
		{method: del, path: "/api/v1/admin/tokens/:id", min: admin, handler: s.handle(s.revokeToken)},

		{method: get, path: "/ogc", min: public, handler: s.handle(s.ogcLanding)},
		{method: get, path: "/ogc/api", min: public, handler: s.ogcAPI},
		{method: get, path: "/ogc/conformance", min: public, handler: s.handle(s.ogcConformance)},
		{method: get, path: "/ogc/collections", min: public, handler: s.handle(s.ogcCollections)},
		{method: get, path: "/ogc/collections/:collection", min: public, handler: s.handle(s.ogcCollection)},
		{method: get, path: "/ogc/collections/:collection/items", min: public, handler: s.handle(s.ogcItems)},
		{method: get, path: "/ogc/collections/:collection/items/:id", min: public, handler: s.handle(s.ogcItem)},
	}
	if s.settle != nil {
		// Anyone may draw a settlement, as anyone may report: it stays
		// "new" until a moderator verifies it.
		table = append(table,
			route{method: post, path: "/api/v1/settlements", min: public, handler: s.handle(s.createSettlement)},
			route{method: get, path: "/api/v1/settlements/:id", min: public, handler: s.handle(s.getSettlement)},
			route{method: patch, path: "/api/v1/settlements/:id", min: moderator, handler: s.handle(s.patchSettlement)})
	}
	if s.campaigns != nil {
		// Mapping campaigns: moderators create them, mappers take, map and
		// validate squares; progress is public, like the tasks layer.
		table = append(table,
			route{method: post, path: "/api/v1/campaigns", min: moderator, handler: s.handle(s.createCampaign)},
			route{method: get, path: "/api/v1/campaigns", min: public, handler: s.handle(s.listCampaigns)},
			route{method: get, path: "/api/v1/campaigns/:id", min: public, handler: s.handle(s.getCampaign)},
			route{method: get, path: "/api/v1/tasks/mine", min: mapper, handler: s.handle(s.myTask)},
			route{method: get, path: "/api/v1/tasks/:id", min: mapper, handler: s.handle(s.getTask)})
		for _, a := range data.TaskActions {
			table = append(table, route{method: post, path: "/api/v1/tasks/:id/" + string(a), min: mapper, handler: s.handle(s.taskAction(a))})
		}
	}
	if s.facilities != nil {
		table = append(table,
			route{method: get, path: "/api/v1/reports/:id/facility", min: mapper, handler: s.handle(s.getFacility)},
			route{method: put, path: "/api/v1/reports/:id/facility", min: mapper, handler: s.handle(s.putFacility)})
	}
	if s.cfg.AfricasTalkingSecret != "" {
		table = append(table,
			route{method: post, path: "/sms/africastalking", min: public, selfAuth: true, handler: s.handle(s.africasTalkingInbound)},
			route{method: post, path: "/sms/africastalking/delivery", min: public, selfAuth: true, handler: s.handle(s.africasTalkingDelivery)},
			route{method: post, path: "/ussd/africastalking", min: public, selfAuth: true, handler: s.handle(s.africasTalkingUSSD)})
	}
	// What mtaa found missing from OSM, for a person to review in JOSM.
	table = append(table, route{method: get, path: "/api/v1/export/osm-changes.osm", min: moderator, handler: s.handle(s.osmChanges)})
	table = append(table, route{method: post, path: "/api/v1/admin/import-reports", min: admin, handler: s.handle(s.importReports)})

	// Live updates, basemap tiles and report photos (uploads carry the
	// report's upload token; reading a photo is for moderators).
	table = append(table,
		route{method: get, path: "/api/v1/events", min: public, handler: s.handle(s.events)},
		route{method: get, path: "/tiles/basemap.json", min: public, handler: s.handle(s.basemapTileJSON)},
		route{method: get, path: "/tiles/basemap/:z/:x/:file", min: public, handler: s.handle(s.basemapTile)})
	if s.photos != nil {
		table = append(table,
			route{method: post, path: "/api/v1/reports/:id/photo", min: public, handler: s.handle(s.uploadPhoto)},
			route{method: get, path: "/api/v1/reports/:id/photo", min: moderator, handler: s.handle(s.getPhoto)})
	}

	// Open311 GeoReport v2: the POST checks its api_key (a mapper token)
	// itself, as the spec asks.
	for _, ext := range []string{".json", ".xml"} {
		table = append(table,
			route{method: get, path: "/open311/v2/discovery" + ext, min: public, handler: s.open311(s.open311DiscoveryDoc)},
			route{method: get, path: "/open311/v2/services" + ext, min: public, handler: s.open311(s.open311ServiceList)},
			route{method: get, path: "/open311/v2/requests" + ext, min: public, handler: s.open311(s.open311ListRequests)},
			route{method: post, path: "/open311/v2/requests" + ext, min: public, handler: s.open311(s.open311CreateRequest)})
	}
	table = append(table,
		route{method: get, path: "/open311/v2/services/:file", min: public, handler: s.open311(s.open311ServiceDefinitionDoc)},
		route{method: get, path: "/open311/v2/requests/:file", min: public, handler: s.open311(s.open311GetRequest)})

	// The browser UI (handle_web.go): pages, the service worker at the
	// root scope and versioned static files.
	for _, page := range []string{"/", "/report", "/ops", "/campaign", "/sw.js", "/manifest.webmanifest", "/static/*filepath"} {
		h := s.handle(s.webPage)
		if page == "/static/*filepath" {
			h = s.handle(s.webStatic)
		}
		table = append(table, route{method: get, path: page, min: public, handler: h},
			route{method: http.MethodHead, path: page, min: public, handler: h})
	}
	return table
}

// routes builds the engine from the route table. Each route's chain is:
// the per-IP write limit, open CORS for public GETs, authentication and
// authorisation (with the CSRF check and per-account limit on writes),
// then the handler.
func (s *Server) routes() *gin.Engine {
	r := gin.New()
	r.HandleMethodNotAllowed = true
	// Gin's trailing-slash redirect skips the middleware (no security
	// headers): NoRoute redirects instead (routes_slash.go).
	r.RedirectTrailingSlash = false
	// Client IPs (rate limits) come from X-Forwarded-For only when the
	// direct peer is a configured proxy.
	if err := r.SetTrustedProxies(s.cfg.TrustedProxies); err != nil {
		s.log.Error("trusted proxies", "err", err)
		_ = r.SetTrustedProxies(nil)
	}
	r.Use(s.metrics.middleware, s.recovery, s.accessLog, s.securityHeaders)
	r.NoRoute(func(c *gin.Context) {
		if s.redirectTrailingSlash(c) {
			return
		}
		if strings.HasPrefix(c.Request.URL.Path, "/open311/") {
			s.open311Abort(c, open311FormatOf(c.Request.URL.Path), open311NotFound("path", "no such Open311 resource; see /open311/v2/discovery.json"))
			return
		}
		c.AbortWithStatusJSON(http.StatusNotFound, errorBody{Error: &apiError{Code: "not_found", Message: "no such route"}})
	})
	r.NoMethod(func(c *gin.Context) {
		c.AbortWithStatusJSON(http.StatusMethodNotAllowed, errorBody{Error: &apiError{Code: "method_not_allowed", Message: "method not allowed on this route"}})
	})
	s.table = s.routeTable()
	for _, rt := range s.table {
		var chain []gin.HandlerFunc
		if !rt.selfAuth {
			chain = append(chain, s.limitWritesPerIP)
		}
		if rt.min == public && (rt.method == http.MethodGet || rt.method == http.MethodHead) {
			chain = append(chain, openCORS)
		}
		if !rt.selfAuth {
			chain = append(chain, s.authorize(rt))
		}
		chain = append(chain, rt.handler)
		r.Handle(rt.method, rt.path, chain...)
	}
	return r
}

// secure reports whether the client reaches the server over HTTPS: the
// public URL says so, or the request came over TLS.
func (s *Server) secure(c *gin.Context) bool {
	return strings.HasPrefix(s.cfg.PublicURL, "https://") || c.Request.TLS != nil
}
