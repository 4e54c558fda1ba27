package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/web"
)

func init() {
	// Gin's debug mode prints every route at start-up and warns on each
	// request; mtaa logs through slog instead.
	gin.SetMode(gin.ReleaseMode)
}

// maxConcurrentLogins is how many password checks run at once.
const maxConcurrentLogins = 4

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
	// AfricasTalkingSecret protects Africa's Talking's callbacks (which
	// are not signed) as their ?secret= query parameter; empty leaves the
	// /sms/africastalking routes out.
	AfricasTalkingSecret string
	// AdminToken, when set, is a bootstrap admin credential: sent as
	// "Authorization: Bearer <AdminToken>" it acts as an admin account
	// (audit entries name it "admin token"). Accounts and their API
	// tokens (mtaa user add, mtaa token create) are the normal way in.
	AdminToken string
	// PublicUnverified also shows the public new reports, which are not
	// verified yet (status "new"); by default the public sees verified
	// reports and every later status only.
	PublicUnverified bool
	// RateLimits bounds writes per client IP and per account, and login
	// attempts; zero rates are off.
	RateLimits RateLimits
	// TrustedProxies are the addresses (IPs or CIDRs) of reverse proxies
	// whose X-Forwarded-For header names the client; empty trusts none.
	TrustedProxies []string
	// SessionTTL is how long a browser login lasts (default 12 h).
	SessionTTL time.Duration
	// Login is the lockout policy for wrong passwords.
	Login data.LoginPolicy
	// BackupFiles are the files besides the report database that a backup
	// holds (the extract, the server's keys).
	BackupFiles []string
	// SettlementLimits bounds the area of drawn settlements; zero means
	// mapping.DefaultPolygonLimits.
	SettlementLimits mapping.PolygonLimits
	// MaxEventStreams bounds the concurrent /api/v1/events streams; 0
	// means DefaultMaxEventStreams.
	MaxEventStreams int
	// MaxEventStreamsPerIP bounds the concurrent streams of one client
	// address; 0 means DefaultMaxEventStreamsPerIP.
	MaxEventStreamsPerIP int
	// EventHeartbeat is how often an idle event stream sends a comment;
	// 0 means DefaultEventHeartbeat.
	EventHeartbeat time.Duration
	// UploadKey (at least 16 bytes) signs the photo upload tokens handed
	// out with new reports; empty disables photo uploads.
	UploadKey []byte
	// TileCacheBytes bounds the memory of cached basemap tiles; 0 means
	// DefaultTileCacheBytes.
	TileCacheBytes int
	// TaskLockTTL is how long a mapper's lock on a campaign's task square
	// lasts; 0 means DefaultTaskLockTTL.
	TaskLockTTL time.Duration
	// TaskGrid bounds the squares of a new campaign; zero means
	// mapping.DefaultTaskGridLimits.
	TaskGrid mapping.TaskGridLimits
}

// reportStore is what the server needs from the report store.
type reportStore interface {
	Create(ctx context.Context, r data.Report) (data.CreateResult, error)
	Get(id uint64) (data.Report, error)
	FeatureFor(id uint64, a data.Audience) ([]byte, error)
	AppendListFeatures(dst []byte, ids []uint64, a data.Audience) ([]byte, int, error)
	EachPublicReport(ids []uint64, a data.Audience, fn func(r *data.PublicReport, feature []byte) error) error
	Find(q data.Query) data.Page
	Extent() data.Extent
	Ping(ctx context.Context) error
	Watch(fn func(data.Change)) (cancel func())
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
	// Replies queues the replies to Africa's Talking messages and applies
	// its delivery reports; *sms.Dispatcher is one.
	Replies replyQueue
	// USSD answers the USSD menu at /ussd/africastalking; nil answers 503
	// there.
	USSD ussdMenu
	// Extract returns the OSM extract in use (nil while there is none);
	// a nil func leaves the OSM collections out.
	Extract func() *mapping.Index
	// Gazetteer returns the place-name index of the extract in use (nil
	// while there is none).
	Gazetteer func() *mapping.Gazetteer
	// Accounts authenticates users and keeps the audit log; nil means the
	// Store when it implements it (a *data.Store does).
	Accounts accountStore
	// Reporters tells a report's SMS reporter about status changes and
	// reveals the number to moderators; *sms.Dispatcher is one. nil
	// disables both.
	Reporters reporterContact
	// Photos keeps report photos; nil (or no Config.UploadKey) disables
	// the photo routes.
	Photos photoStore
	// TwilioMedia fetches the photos of WhatsApp messages from Twilio
	// (*sms.TwilioMedia); nil leaves them unfetched.
	TwilioMedia mediaFetcher
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Open311Keys, when set, checks the api_key of Open311 POSTs instead
	// of the accounts (an API token of a mapper or higher, or the
	// bootstrap admin token).
	Open311Keys APIKeyChecker
	// Layers are the derived layers (informal settlements, risk, area
	// summaries), each served as an OGC collection and an export. The list
	// is fixed when the server is built; each layer keeps itself up to
	// date (new reports, a reloaded extract) behind its methods.
	Layers []Layer
	// Settlements stores the settlement boundaries drawn by mappers; nil
	// leaves /api/v1/settlements out.
	Settlements settlementStore
	// Campaigns stores mapping campaigns and their task squares; nil
	// leaves the campaign and task routes and the tasks layer out.
	Campaigns campaignStore
	// Facilities keeps the facility details mappers give with reports of
	// missing facilities; nil leaves /api/v1/reports/{id}/facility out.
	Facilities facilityStore
	// Rules are the reconciliation rules, whose OSM tags the OSM change
	// export writes; nil means the built-in rules.
	Rules *mapping.Rules
	// Contacts seals the contact details of Open311 requesters before
	// they are stored, as subscribers' numbers are (*sms.PhoneVault); nil
	// drops them (only the submitting account is kept).
	Contacts contactVault
	// SharedRates, when set, keeps the rate limits' buckets in the store
	// several servers share (their database), so that limits hold across
	// them; nil keeps them in this process.
	SharedRates RateStore
}

// contactVault encrypts personal contact details at rest.
type contactVault interface {
	SealContact(contact string) ([]byte, error)
	OpenContact(sealed []byte) (string, error)
}

// Server serves mtaa's HTTP API.
type Server struct {
	cfg      Config
	store    reportStore
	taxonomy *data.Taxonomy
	// privacy decides what the public reads of a report built from a
	// data.Report (Open311); Features come from the store, which applies
	// the same rules.
	privacy   data.Privacy
	sms       smsEngine
	alerts    alertDispatcher
	phone     phoneGateway
	replies   replyQueue
	ussd      ussdMenu
	extract   func() *mapping.Index
	gazetteer func() *mapping.Gazetteer
	now       func() time.Time
	log       *slog.Logger
	metrics   *metrics
	engine    *gin.Engine
	openapi   []byte

	apiKeys          APIKeyChecker
	open311Changeset string
	layers           []Layer
	settle           settlementStore
	contacts         contactVault
	campaigns        campaignStore
	facilities       facilityStore
	rules            *mapping.Rules
	web              *webUI
	accounts         accountStore
	reporters        reporterContact
	limits           limiters
	table            []route
	// loginSlots bounds concurrent password checks.
	loginSlots chan struct{}
	basemap    *basemap
	broker     *broker
	heartbeat  time.Duration
	photos     photoStore
	media      mediaFetcher
	// uploadMACs signs and checks photo upload tokens (handle_photo.go).
	uploadMACs *sync.Pool
}

// New builds a server and its routes.
func New(cfg Config, deps Deps) *Server {
	s := &Server{
		cfg:        cfg,
		store:      deps.Store,
		taxonomy:   deps.Taxonomy,
		sms:        deps.SMS,
		alerts:     deps.Alerts,
		phone:      deps.Phone,
		replies:    deps.Replies,
		ussd:       deps.USSD,
		extract:    deps.Extract,
		gazetteer:  deps.Gazetteer,
		now:        deps.Now,
		log:        cfg.Logger,
		accounts:   deps.Accounts,
		reporters:  deps.Reporters,
		loginSlots: make(chan struct{}, maxConcurrentLogins),
		apiKeys:    deps.Open311Keys,
		layers:     deps.Layers,
		settle:     deps.Settlements,
		contacts:   deps.Contacts,
		campaigns:  deps.Campaigns,
		facilities: deps.Facilities,
		rules:      deps.Rules,
	}
	if s.campaigns != nil {
		s.layers = append(slices.Clip(s.layers), &tasksLayer{store: s.campaigns, now: func() time.Time { return s.now() }})
	}
	if s.accounts == nil {
		s.accounts, _ = deps.Store.(accountStore)
	}
	if s.cfg.SessionTTL <= 0 {
		s.cfg.SessionTTL = 12 * time.Hour
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.open311Changeset = w3cTime(s.now())
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s.limits = newLimiters(cfg.RateLimits, deps.SharedRates, s.log)
	if s.rules == nil {
		// The built-in rules are embedded and tested: they always parse.
		s.rules, _ = mapping.LoadRules("")
	}
	if s.taxonomy == nil {
		s.taxonomy = data.DefaultTaxonomy()
	}
	s.privacy = data.NewPrivacy(s.taxonomy)
	s.web = newWebUI(web.FS(), s.taxonomy)
	s.cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	s.basemap = newBasemap(deps.Extract, cfg.TileCacheBytes)
	s.broker = newBroker(s.store, cfg.MaxEventStreams, cfg.MaxEventStreamsPerIP, s.log)
	if deps.Photos != nil && len(cfg.UploadKey) >= 16 {
		s.photos = deps.Photos
		s.uploadMACs = newUploadMACs(cfg.UploadKey)
	}
	s.media = deps.TwilioMedia
	s.heartbeat = cfg.EventHeartbeat
	if s.heartbeat <= 0 {
		s.heartbeat = DefaultEventHeartbeat
	}
	s.metrics = newMetrics(func() float64 { return float64(s.store.Extent().Count) })
	s.metrics.registerCommitStats(s.store)
	s.openapi = s.openAPIDocument()
	s.engine = s.routes()
	return s
}

// Close ends every event stream and stops watching the store. Call it
// when shutting down (http.Server.RegisterOnShutdown(srv.Close)): streams
// never end by themselves, and Shutdown waits for them.
func (s *Server) Close() { s.broker.close() }

// Handler returns the root HTTP handler.
func (s *Server) Handler() http.Handler { return s.engine }

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
