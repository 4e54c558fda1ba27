package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

func init() {
	// Gin's debug mode prints every route at start-up and warns on each
	// request; mtaa logs through slog instead.
	gin.SetMode(gin.ReleaseMode)
}

// MaxBodyBytes is the largest request body accepted by the JSON APIs.
const MaxBodyBytes = 64 << 10

// Config holds the server's settings.
type Config struct {
	// PublicURL is the base URL clients reach the server at, e.g.
	// https://mtaa.example.org; links in OGC API documents are built from
	// it. Empty means derive it from each request's Host header.
	PublicURL string
	// Version is reported on the landing page.
	Version string
	// Logger receives structured logs; nil discards them.
	Logger *slog.Logger
	// TwilioAuthToken validates Twilio webhook signatures; empty disables
	// POST /sms/twilio.
	TwilioAuthToken string
	// SMSSyncSecret is the shared secret of SMSSync phones; empty disables
	// /sms/smssync.
	SMSSyncSecret string
	// AdminToken guards the city's own routes (alerts, backup) until
	// accounts exist; empty disables them.
	AdminToken string
	// BackupFiles are the files besides the report database that a backup
	// holds (the extract, the server's keys).
	BackupFiles []string
}

// reportStore is what the server needs from the report store.
type reportStore interface {
	Create(ctx context.Context, r data.Report) (data.CreateResult, error)
	Feature(id uint64) ([]byte, error)
	AppendFeatures(dst []byte, ids []uint64) ([]byte, int, error)
	AppendListFeatures(dst []byte, ids []uint64) ([]byte, int, error)
	Find(q data.Query) data.Page
	Extent() data.Extent
	Ping(ctx context.Context) error
}

var _ reportStore = (*data.Store)(nil)

// Deps are the services the server calls.
type Deps struct {
	Store    reportStore
	Taxonomy *data.Taxonomy
	// SMS handles inbound text messages; nil disables the SMS routes.
	SMS smsEngine
	// Alerts composes area alerts and Phone serves SMSSync's outbound
	// tasks; *sms.Dispatcher is both. nil disables them.
	Alerts alertDispatcher
	Phone  phoneGateway
	// Extract returns the OSM extract in use (nil while there is none);
	// a nil func leaves the OSM collections out.
	Extract func() *mapping.Index
	// Gazetteer returns the place-name index of the extract in use (nil
	// while there is none).
	Gazetteer func() *mapping.Gazetteer
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Server serves mtaa's HTTP API.
type Server struct {
	cfg       Config
	store     reportStore
	taxonomy  *data.Taxonomy
	sms       smsEngine
	alerts    alertDispatcher
	phone     phoneGateway
	extract   func() *mapping.Index
	gazetteer func() *mapping.Gazetteer
	now       func() time.Time
	log       *slog.Logger
	metrics   *metrics
	engine    *gin.Engine
	openapi   []byte
}

// New builds a server and its routes.
func New(cfg Config, deps Deps) *Server {
	s := &Server{
		cfg:       cfg,
		store:     deps.Store,
		taxonomy:  deps.Taxonomy,
		sms:       deps.SMS,
		alerts:    deps.Alerts,
		phone:     deps.Phone,
		extract:   deps.Extract,
		gazetteer: deps.Gazetteer,
		now:       deps.Now,
		log:       cfg.Logger,
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.taxonomy == nil {
		s.taxonomy = data.DefaultTaxonomy()
	}
	s.cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	s.metrics = newMetrics(func() float64 { return float64(s.store.Extent().Count) })
	s.metrics.registerCommitStats(s.store)
	s.openapi = s.openAPIDocument()
	s.engine = s.routes()
	return s
}

// Handler returns the root HTTP handler.
func (s *Server) Handler() http.Handler { return s.engine }

func (s *Server) routes() *gin.Engine {
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(s.metrics.middleware, s.recovery, s.accessLog)
	r.NoRoute(func(c *gin.Context) {
		c.AbortWithStatusJSON(http.StatusNotFound, errorBody{Error: &apiError{Code: "not_found", Message: "no such route"}})
	})
	r.NoMethod(func(c *gin.Context) {
		c.AbortWithStatusJSON(http.StatusMethodNotAllowed, errorBody{Error: &apiError{Code: "method_not_allowed", Message: "method not allowed on this route"}})
	})

	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.handle(s.readyz))
	r.GET("/metrics", gin.WrapH(promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{})))

	api := r.Group("/api/v1")
	api.GET("/categories", s.listCategories)
	api.POST("/reports", s.handle(s.createReport))
	api.GET("/reports/:id", s.handle(s.getReport))
	api.GET("/not-in-osm", s.handle(s.notInOSM))
	api.GET("/geocode", s.handle(s.geocode))
	api.GET("/export/:file", s.handle(s.export))

	r.POST("/sms/twilio", s.handle(s.twilioInbound))
	r.POST("/sms/smssync", s.handle(s.smssync))
	r.GET("/sms/smssync", s.handle(s.smssync))

	admin := api.Group("", s.requireAdmin)
	admin.POST("/alerts", s.handle(s.createAlert))
	admin.GET("/alerts/:id", s.handle(s.getAlert))
	admin.GET("/admin/backup", s.handle(s.backup))

	ogc := r.Group("/ogc")
	ogc.GET("", s.handle(s.ogcLanding))
	ogc.GET("/api", s.ogcAPI)
	ogc.GET("/conformance", s.handle(s.ogcConformance))
	ogc.GET("/collections", s.handle(s.ogcCollections))
	ogc.GET("/collections/:collection", s.handle(s.ogcCollection))
	ogc.GET("/collections/:collection/items", s.handle(s.ogcItems))
	ogc.GET("/collections/:collection/items/:id", s.handle(s.ogcItem))
	return r
}

// accessLog logs failed requests at Info and the rest at Debug, so that a
// busy server does not spend its time logging.
func (s *Server) accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	status := c.Writer.Status()
	level := slog.LevelDebug
	if status >= 400 {
		level = slog.LevelInfo
	}
	if !s.log.Enabled(c.Request.Context(), level) {
		return
	}
	// The query string is left out: it never carries secrets here, but the
	// path and status are what an operator needs.
	s.log.Log(c.Request.Context(), level, "http request",
		"method", c.Request.Method, "path", c.Request.URL.Path, "status", status,
		"duration", time.Since(start), "bytes", c.Writer.Size())
}

// baseURL is the absolute URL prefix for links in responses.
func (s *Server) baseURL(c *gin.Context) string {
	if s.cfg.PublicURL != "" {
		return s.cfg.PublicURL
	}
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}
