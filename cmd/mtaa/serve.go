package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/ussd"
)

// serveConfig is everything `mtaa serve` is configured with.
type serveConfig struct {
	dataDir, listen, publicURL, taxonomy, logLevel, logFormat string
	// store is the --store URL of a PostgreSQL database several servers
	// may share; empty keeps the bbolt file in dataDir.
	store string

	twilioAuthToken, twilioAccountSID, twilioAPIBase, twilioFrom string
	smssyncSecret, adminToken                                    string
	atSecret, atUsername, atAPIKey, atAPIBase, atFrom            string
	phoneHashKey, phoneEncryptionKey                             string
	osm, reconcileRules                                          string
	// smsReplies and smsDefaultLang set the SMS replies file and the
	// language of replies to a new number whose message does not tell.
	smsReplies, smsDefaultLang string

	// readHeaderTimeout bounds how long a client may take to send its
	// request headers, which cuts off slowloris clients (default 10 s).
	readHeaderTimeout time.Duration
	// gcPercent is the Go garbage collector's target (as GOGC); 0 leaves
	// the runtime's setting (GOGC, or 100) alone.
	gcPercent int
	// smsRetryBase, smsMaxRetryDelay and smsGiveUpAfter pace the retries
	// of outbound SMS (sms.DispatcherConfig).
	smsRetryBase, smsMaxRetryDelay, smsGiveUpAfter time.Duration
	// smsSendLease is how long a server holds an outbound SMS it took for
	// sending (sms.DispatcherConfig.SendLease).
	smsSendLease time.Duration
	// smsDraftRetention is how long a draft (SMS, WhatsApp, USSD) stays for
	// moderators after its last message before it is purged
	// (sms.Config.DraftRetention).
	smsDraftRetention time.Duration
	// atReportWindow is how long an Africa's Talking message of unknown
	// send outcome waits for a delivery report before it is sent again
	// (sms.DispatcherConfig.ReportWindow).
	atReportWindow time.Duration
	// serviceThresholds are the informal-settlements layer's service
	// distances in metres.
	serviceThresholds map[string]float64
	// riskCellM and riskHalfLife configure the risk layer (docs/risk.md).
	riskCellM    float64
	riskHalfLife time.Duration
	// taskLock is how long a mapper's lock on a campaign square lasts.
	taskLock time.Duration

	publicUnverified               bool
	rateIP, rateAccount, rateLogin int
	rateBadToken, photoMiBPerIP    int
	trustedProxies                 []string
}

func parseServeFlags(args []string, stderr io.Writer) (serveConfig, error) {
	var c serveConfig
	fs := newEnvFlags("serve", stderr)
	dataDir := fs.String("data", "./mtaa-data", "data directory holding the database")
	storeURL := fs.String("store", "", "postgres://… URL of a PostgreSQL database to keep everything in, which several servers may share (default: the bbolt file in --data; docs/postgres.md)")
	listen := fs.String("listen", "127.0.0.1:8080", "address to listen on")
	publicURL := fs.String("public-url", "", "base URL clients use to reach mtaa, for links (default: from each request's Host)")
	taxonomy := fs.String("taxonomy", "", "category taxonomy file (default: built in; see mtaa taxonomy)")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn or error")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	osmFile := fs.String("osm", "", "OSM extract (.osm.pbf, .osm, .osm.bz2, .osm.gz) imported on first start when DATA has none")
	rulesFile := fs.String("reconcile-rules", "", "category-to-OSM-features table (JSON; default built in, see mapping/reconcile.json)")
	twilioToken := fs.String("twilio-auth-token", "", "Twilio auth token: enables POST /sms/twilio and checks its signatures")
	twilioSID := fs.String("twilio-account-sid", "", "Twilio account SID, for outbound alerts")
	twilioBase := fs.String("twilio-api-base", sms.DefaultTwilioAPIBase, "Twilio REST API base URL")
	twilioFrom := fs.String("twilio-from", "", "number (E.164) or Messaging Service SID (MG…) alerts are sent from")
	smssyncSecret := fs.String("smssync-secret", "", "shared secret of SMSSync gateway phones: enables /sms/smssync")
	atSecret := fs.String("africastalking-secret", "", "secret of Africa's Talking callbacks (their ?secret=): enables POST /sms/africastalking and its delivery reports")
	atUsername := fs.String("africastalking-username", "", "Africa's Talking application username, for replies and alerts (sandbox: sandbox)")
	atAPIKey := fs.String("africastalking-api-key", "", "Africa's Talking API key, for replies and alerts")
	atAPIBase := fs.String("africastalking-api-base", sms.DefaultAfricasTalkingAPIBase, "Africa's Talking API base URL (sandbox: https://api.sandbox.africastalking.com)")
	atReportWindow := fs.Duration("africastalking-report-window", sms.DefaultReportWindow, "how long an Africa's Talking message whose send outcome a crash or timeout left unknown waits for a delivery report that shows it was taken, before it is sent again")
	atFrom := fs.String("africastalking-from", "", "Africa's Talking short code or sender id replies and alerts are sent from (default: the account's)")
	adminToken := fs.String("admin-token", "", "bootstrap admin credential: a bearer token acting as an admin account (create accounts with mtaa user add)")
	publicUnverified := fs.Bool("public-unverified", false, "show the public new (unverified) reports too, not only verified and later ones")
	rateIP := fs.Int("rate-limit-ip", 1200, "writes (POST, PATCH) per minute per client IP, bursts of half that; 0 turns the limit off")
	rateAccount := fs.Int("rate-limit-account", 1200, "writes per minute per account or API token owner, bursts of half that; 0 turns it off")
	rateLogin := fs.Int("rate-limit-login", 10, "login attempts per minute per client IP; 0 turns it off")
	rateBadToken := fs.Int("rate-limit-bad-token", 30, "failed bearer-token authentications per minute per client IP, on every route; 0 turns it off")
	photoMiB := fs.Int("photo-mib-per-ip", 16, "MiB of photo uploads per minute per client IP (bursts of as much); 0 turns the limit off")
	trustedProxy := fs.String("trusted-proxy", "", "comma-separated IPs or CIDRs of reverse proxies whose X-Forwarded-For names the client (rate limits)")
	hashKey := fs.String("phone-hash-key", "", "64 hex characters keying phone-number hashes (default: generated in DATA/secrets.json)")
	encKey := fs.String("phone-encryption-key", "", "64 hex characters for AES-GCM of subscribers' numbers (default: generated in DATA/secrets.json)")
	readHeaderTimeout := fs.String("read-header-timeout", "10s", "how long a client may take to send its request headers (cuts off slowloris clients)")
	retryBase := fs.Duration("sms-retry-base", 30*time.Second, "first retry delay of an outbound SMS Twilio failed to take; doubles per try")
	maxRetry := fs.Duration("sms-max-retry-delay", 15*time.Minute, "longest delay between tries of an outbound SMS")
	giveUp := fs.Duration("sms-give-up-after", 24*time.Hour, "how long an alert's undelivered SMS are retried before they are failed")
	sendLease := fs.Duration("sms-send-lease", 5*time.Minute, "how long a server holds an outbound SMS it is sending; after it, unconfirmed, another server may send it")
	draftRetention := fs.Duration("sms-draft-retention", sms.DraftsKeptFor, "how long an unfinished report (SMS, WhatsApp or USSD draft) stays for moderators after its last message; then it is deleted (at least 24h)")
	gcPercent := fs.Int("gc-percent", defaultGCPercent, "garbage collector target percentage, as GOGC; 0 keeps GOGC")
	thresholds := fs.String("service-thresholds", "", "service gaps of informal settlements: metres beyond which a building lacks a service, e.g. water=250,toilet=100,school=1000,health=1000,shelter=500 (those are the defaults)")
	riskCell := fs.String("risk-cell-m", "250", "side of a risk-grid cell in metres (docs/risk.md)")
	riskHalfLife := fs.String("risk-half-life", "168h", "half-life of a hazard report's weight in the risk layer")
	taskLock := fs.Duration("task-lock", server.DefaultTaskLockTTL, "how long a mapper's lock on a campaign's task square lasts (docs/campaigns.md)")
	smsf := addSMSFlags(fs)
	if err := fs.parse(args); err != nil {
		return c, err
	}
	for name, d := range map[string]time.Duration{"sms-retry-base": *retryBase, "sms-max-retry-delay": *maxRetry, "sms-give-up-after": *giveUp, "sms-send-lease": *sendLease, "task-lock": *taskLock,
		"sms-draft-retention": *draftRetention, "africastalking-report-window": *atReportWindow} {
		if d <= 0 {
			fmt.Fprintf(stderr, "serve: --%s %s: want a positive duration\n", name, d)
			return c, errUsage
		}
	}
	rht, err := time.ParseDuration(*readHeaderTimeout)
	if err != nil || rht <= 0 {
		fmt.Fprintf(stderr, "serve: --read-header-timeout %q: want a positive duration such as 10s\n", *readHeaderTimeout)
		return c, errUsage
	}
	th, err := mapping.ParseServiceThresholds(*thresholds)
	if err != nil {
		fmt.Fprintf(stderr, "serve: --service-thresholds: %v\n", err)
		return c, errUsage
	}
	cellM, halfLife, err := parseRiskFlags(*riskCell, *riskHalfLife, stderr)
	if err != nil {
		return c, err
	}
	c = serveConfig{riskCellM: cellM, riskHalfLife: halfLife, taskLock: *taskLock, gcPercent: *gcPercent, serviceThresholds: th, dataDir: *dataDir, store: *storeURL, listen: *listen, publicURL: *publicURL,
		taxonomy: *taxonomy, logLevel: *logLevel, logFormat: *logFormat,
		twilioAuthToken: *twilioToken, twilioAccountSID: *twilioSID, twilioAPIBase: *twilioBase, twilioFrom: *twilioFrom,
		smssyncSecret: *smssyncSecret, adminToken: *adminToken,
		atSecret: *atSecret, atUsername: *atUsername, atAPIKey: *atAPIKey, atAPIBase: *atAPIBase, atFrom: *atFrom, osm: *osmFile, reconcileRules: *rulesFile, phoneHashKey: *hashKey, phoneEncryptionKey: *encKey,
		readHeaderTimeout: rht, smsRetryBase: *retryBase, smsMaxRetryDelay: *maxRetry, smsGiveUpAfter: *giveUp, smsSendLease: *sendLease, smsDraftRetention: *draftRetention,
		atReportWindow:   *atReportWindow,
		publicUnverified: *publicUnverified, rateIP: *rateIP, rateAccount: *rateAccount, rateLogin: *rateLogin,
		smsReplies: *smsf.replies, smsDefaultLang: *smsf.defaultLang,
		rateBadToken: *rateBadToken, photoMiBPerIP: *photoMiB}
	for _, p := range strings.Split(*trustedProxy, ",") {
		if p = strings.TrimSpace(p); p != "" {
			c.trustedProxies = append(c.trustedProxies, p)
		}
	}
	return c, nil
}

// defaultGCPercent lets the heap grow to three times the live data (the
// in-memory index, ~100 MB for a million reports) before a collection:
// half the collections of the runtime's default under ingestion load,
// within the memory target (bench/README.md).
const defaultGCPercent = 200

func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}

// minAdminTokenLen is the shortest bootstrap admin token served without a
// warning: 32 characters, e.g. 16 random bytes in hex (openssl rand -hex 16).
const minAdminTokenLen = 32

// adminTokenWarning is the start-up warning for a bootstrap admin token
// short enough to guess, or "" for none (or a long one).
func adminTokenWarning(token string) string {
	if token == "" || len(token) >= minAdminTokenLen {
		return ""
	}
	return fmt.Sprintf("the bootstrap admin token (--admin-token) is only %d characters: anyone who guesses it is an admin; "+
		"use at least %d random characters (openssl rand -hex 32), or create admin accounts with mtaa user add and drop the token",
		len(token), minAdminTokenLen)
}

func serveCommand(args []string, stderr io.Writer) error {
	cfg, err := parseServeFlags(args, stderr)
	if err != nil {
		return err
	}
	log, err := newLogger(stderr, cfg.logLevel, cfg.logFormat)
	if err != nil {
		return err
	}
	tax, err := data.LoadTaxonomy(cfg.taxonomy)
	if err != nil {
		return err
	}
	replies, err := loadReplies(cfg.smsReplies, cfg.smsDefaultLang)
	if err != nil {
		return err
	}
	if msg := adminTokenWarning(cfg.adminToken); msg != "" {
		log.Warn(msg)
	}
	// A taken address fails now, not once the store is open and the
	// extract imported, which take minutes for a large city.
	if err := addressFree(cfg.listen); err != nil {
		return err
	}
	if _, set := os.LookupEnv("GOGC"); cfg.gcPercent > 0 && !set {
		debug.SetGCPercent(cfg.gcPercent)
	}
	// Imports killed before they finished leave their temporary extract
	// behind: it is never read and only takes space.
	if removed, err := data.RemoveStaleExtracts(cfg.dataDir); err != nil {
		log.Warn("removing the temporary files of killed imports", "err", err)
	} else if len(removed) > 0 {
		log.Info("removed the temporary files of killed imports", "files", removed)
	}
	start := time.Now()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	store, shared, err := openStore(ctx, cfg, tax, log)
	if err != nil {
		return err
	}
	defer func() {
		if err := store.Close(); err != nil {
			log.Error("closing store", "err", err)
		}
		shared.close()
	}()
	log.Info("store open", "path", store.Path(), "reports", store.Extent().Count, "took", time.Since(start).Round(time.Millisecond))
	var sharedX *sharedExtract
	if shared != nil {
		if sharedX, err = syncSharedExtract(ctx, cfg, store, log); err != nil {
			return err
		}
	}
	keeper, err := openExtract(ctx, cfg, store, tax, log)
	if err != nil {
		return err
	}
	keeper.shared = sharedX

	engine, dispatcher, vault, menu, err := newSMS(cfg, tax, replies, store, keeper, log)
	if err != nil {
		return err
	}
	var background sync.WaitGroup
	// Derived layers follow the extract in use and the reports themselves.
	settlements := mapping.NewSettlementLayer(keeper.index, store, mapping.SettlementOptions{Thresholds: cfg.serviceThresholds, VerifiedOnly: !cfg.publicUnverified})
	defer store.Watch(func(c data.Change) { settlements.ReportChanged(c.Report.Location) })()
	layers := []server.Layer{settlements}
	risk, err := newRiskLayers(ctx, cfg, keeper, store, tax, verifiedSettlements(store, log), log, background.Go)
	if err != nil {
		return err
	}
	layers = append(layers, risk.risk, risk.summaries)
	photos, uploadKey, err := openPhotos(cfg, store, shared != nil)
	if err != nil {
		return err
	}
	media, err := twilioMedia(cfg)
	if err != nil {
		return err
	}
	deps := server.Deps{Store: store, Taxonomy: tax, SMS: engine, Alerts: dispatcher, Phone: dispatcher, Replies: dispatcher, USSD: menu, Reporters: dispatcher,
		Extract: keeper.index, Gazetteer: keeper.gazetteer, Layers: layers, Settlements: store, Photos: photos,
		Campaigns: store, Facilities: store, Rules: keeper.rules, Contacts: vault}
	if media != nil { // else a nil *sms.TwilioMedia would be a non-nil fetcher
		deps.TwilioMedia = media
	}
	if shared != nil {
		deps.SharedRates = store // limits hold across the servers
	}
	srv := server.New(server.Config{PublicURL: cfg.publicURL, Version: version, Logger: log,
		TwilioAuthToken: cfg.twilioAuthToken, SMSSyncSecret: cfg.smssyncSecret, AfricasTalkingSecret: cfg.atSecret, AdminToken: cfg.adminToken,
		BackupFiles: backupFiles(cfg.dataDir), TaskLockTTL: cfg.taskLock, PublicUnverified: cfg.publicUnverified, TrustedProxies: cfg.trustedProxies, UploadKey: uploadKey,
		RateLimits: server.RateLimits{
			WritesPerIP:      server.Rate{PerMinute: float64(cfg.rateIP)},
			WritesPerAccount: server.Rate{PerMinute: float64(cfg.rateAccount)},
			LoginsPerIP:      server.Rate{PerMinute: float64(cfg.rateLogin), Burst: cfg.rateLogin},
			BadTokensPerIP:   server.Rate{PerMinute: float64(cfg.rateBadToken), Burst: cfg.rateBadToken},
			PhotoBytesPerIP:  server.Rate{PerMinute: float64(cfg.photoMiBPerIP << 20), Burst: cfg.photoMiBPerIP << 20},
		}}, deps)
	ln, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		stop()
		background.Wait()
		return fmt.Errorf("listen on %s: %w", cfg.listen, err)
	}
	httpServer := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: cfg.readHeaderTimeout,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	// Event streams (/api/v1/events) lift the read and write timeouts for
	// themselves and end when Shutdown starts.
	httpServer.RegisterOnShutdown(srv.Close)
	defer srv.Close()
	// Recorded before the first request is answered: whoever sees the
	// server up finds its address for the other commands' hints.
	if err := writeServerURL(cfg.dataDir, listenURL(cfg.publicURL, ln.Addr())); err != nil {
		log.Warn("other commands' hints will name the default address", "err", err)
	}
	defer removeServerURL(cfg.dataDir)
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(ln) }()
	background.Go(func() { dispatcher.Run(ctx, 2*time.Second) })
	background.Go(func() { purgeDrafts(ctx, engine, time.Hour, log) })
	feedErr := make(chan error, 1)
	if shared != nil {
		background.Go(func() {
			if err := shared.follow(ctx, store, log); err != nil {
				feedErr <- err
				stop()
			}
		})
		background.Go(func() { shared.prune(ctx, log) })
	}
	background.Go(func() {
		if err := sealClearContacts(ctx, srv, store, log); err != nil && ctx.Err() == nil {
			log.Error("sealing contact details stored in clear", "err", err)
		}
	})
	background.Go(func() {
		if err := keeper.reconcileIfNeeded(ctx); err != nil && ctx.Err() == nil {
			log.Error("reconciling reports", "err", err)
		}
		keeper.watch(ctx, extractCheck)
	})
	log.Info("mtaa listening", "version", version, "addr", ln.Addr().String(), "data", cfg.dataDir)

	select {
	case err := <-errc:
		stop()
		background.Wait()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: draining requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("shutdown", "err", err)
	}
	background.Wait()
	select {
	case err := <-feedErr:
		return fmt.Errorf("following the other servers' writes: %w; start the server again to load everything", err)
	default:
	}
	log.Info("stopped")
	return nil
}

// photoKeeper is where uploaded photos are kept: files in DATA/photos, or
// the shared database.
type photoKeeper interface {
	Put(id uint64, mediaType string, photo []byte) error
	Open(id uint64) (*data.Photo, error)
	Has(id uint64) (bool, error)
}

// openPhotos opens DATA/photos (the database's photos when shared) and derives the key that signs photo
// upload tokens from the server's phone hash key (HMAC with a label of its
// own), so that no new secret needs keeping.
func openPhotos(cfg serveConfig, store *data.Store, shared bool) (photoKeeper, []byte, error) {
	var photos photoKeeper = store.Photos()
	if !shared {
		p, err := data.OpenPhotos(cfg.dataDir)
		if err != nil {
			return nil, nil, err
		}
		photos = p
	}
	hashKey, _, err := phoneKeys(cfg.dataDir, cfg.phoneHashKey, cfg.phoneEncryptionKey)
	if err != nil {
		return nil, nil, err
	}
	m := hmac.New(sha256.New, hashKey)
	m.Write([]byte("mtaa photo upload token key v1"))
	return photos, m.Sum(nil), nil
}

// explainOpenError adds what an operator should do to an error from
// data.Open. mtaa refuses to start on a damaged database and on a data
// directory it cannot write: serving reads while refusing every report
// would look healthy to a resident whose report is lost, so it fails loudly
// where the operator (and the service manager) sees it.
func explainOpenError(dir string, err error) error {
	path := filepath.Join(dir, data.FileName)
	switch {
	case errors.Is(err, data.ErrCorrupt):
		return fmt.Errorf("%w\nthe database file %s is damaged; mtaa will not serve from it. Keep a copy of it, then restore the last backup (server stopped) with\n  mtaa restore --data %s --from BACKUP\nand verify it with\n  mtaa check --data %s", err, path, dir, dir)
	case errors.Is(err, data.ErrReadOnly):
		return fmt.Errorf("%w\nthe data directory %s cannot be written (read-only file system or permissions); mtaa needs to write reports to %s: remount it read-write or give the mtaa user write access, then start again", err, dir, path)
	}
	return err
}

// twilioMedia is the fetcher of WhatsApp photos from Twilio, with the
// account's credentials (those that send alerts); nil, photos not
// fetched, without an account SID.
func twilioMedia(cfg serveConfig) (*sms.TwilioMedia, error) {
	if cfg.twilioAccountSID == "" || cfg.twilioAuthToken == "" {
		return nil, nil
	}
	m, err := sms.NewTwilioMedia(sms.TwilioMediaConfig{AccountSID: cfg.twilioAccountSID, AuthToken: cfg.twilioAuthToken,
		APIBase: cfg.twilioAPIBase, MaxBytes: server.MaxWhatsAppPhotoBytes})
	if err != nil {
		return nil, fmt.Errorf("--twilio-api-base: %w", err)
	}
	return m, nil
}

// dispatcherName names this server's dispatcher among the servers sharing
// a database: host, listen address and process id.
func dispatcherName(listen string) string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s/%s/%d", host, listen, os.Getpid())
}

// newSMS wires the SMS conversation engine, the outbound dispatcher
// (Africa's Talking or Twilio when configured, else an SMSSync phone's
// queue) and the USSD menu to the store; the phone vault is returned for
// the server's sealed contacts.
func newSMS(cfg serveConfig, tax *data.Taxonomy, replies *sms.Replies, store *data.Store, keeper *extractKeeper, log *slog.Logger) (*sms.Engine, *sms.Dispatcher, *sms.PhoneVault, *ussd.Menu, error) {
	hashKey, encKey, err := phoneKeys(cfg.dataDir, cfg.phoneHashKey, cfg.phoneEncryptionKey)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	vault, err := sms.NewPhoneVault(hashKey, encKey)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	scfg := sms.Config{Taxonomy: tax, Phones: vault, Locator: extractLocator{keeper},
		Replies: replies, DefaultLang: cfg.smsDefaultLang, Examples: keeper.examples, CurrentArea: keeper.area, DraftRetention: cfg.smsDraftRetention}
	engine, err := sms.NewEngine(scfg, store)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	dcfg := sms.DispatcherConfig{Phones: vault, Logger: log, Replies: replies,
		RetryBase: cfg.smsRetryBase, MaxRetryDelay: cfg.smsMaxRetryDelay, GiveUpAfter: cfg.smsGiveUpAfter,
		SendLease: cfg.smsSendLease, ReportWindow: cfg.atReportWindow, Name: dispatcherName(cfg.listen),
		// A bbolt file is locked by this process: no other dispatcher sends.
		Exclusive: cfg.store == ""}
	if cfg.twilioAccountSID != "" || cfg.twilioFrom != "" {
		sender, err := sms.NewTwilioSender(sms.TwilioSenderConfig{AccountSID: cfg.twilioAccountSID,
			AuthToken: cfg.twilioAuthToken, From: cfg.twilioFrom, APIBase: cfg.twilioAPIBase})
		if err != nil {
			return nil, nil, nil, nil, fmt.Errorf("--twilio-account-sid, --twilio-auth-token and --twilio-from go together: %w", err)
		}
		dcfg.Twilio = sender
	}
	if cfg.atSecret != "" || cfg.atUsername != "" || cfg.atAPIKey != "" {
		sender, err := sms.NewAfricasTalkingSender(sms.AfricasTalkingConfig{Username: cfg.atUsername, APIKey: cfg.atAPIKey,
			From: cfg.atFrom, APIBase: cfg.atAPIBase})
		if err != nil {
			return nil, nil, nil, nil, fmt.Errorf("--africastalking-secret, --africastalking-username and --africastalking-api-key go together (replies go through the API): %w", err)
		}
		dcfg.AfricasTalking = sender
	}
	dispatcher, err := sms.NewDispatcher(dcfg, store)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	menu, err := ussd.New(ussd.Config{Taxonomy: tax, Phones: vault, Locator: extractLocator{keeper}, Replies: replies, DefaultLang: cfg.smsDefaultLang, Areas: (&menuAreas{k: keeper}).list,
		CategoryOrder: (&commonCategories{store: store, tax: tax}).list}, store)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	return engine, dispatcher, vault, menu, nil
}

// addressFree reports an error when mtaa could not listen on addr now
// (another program listens there, or the address is not this machine's).
func addressFree(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln.Close()
}

// openExtract imports cfg.osm on first start (no extract in the data
// directory yet), then loads the extract, if any, so that reports are
// reconciled on write.
func openExtract(ctx context.Context, cfg serveConfig, store *data.Store, tax *data.Taxonomy, log *slog.Logger) (*extractKeeper, error) {
	rules, err := mapping.LoadRules(cfg.reconcileRules)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(cfg.dataDir, data.ExtractFileName)
	if _, err := os.Stat(path); cfg.osm != "" && errors.Is(err, fs.ErrNotExist) {
		log.Info("first start: importing the OSM extract", "file", cfg.osm)
		res, err := mapping.Import(ctx, cfg.osm, cfg.dataDir, mapping.Options{})
		if err != nil {
			return nil, fmt.Errorf("import --osm %s: %w", cfg.osm, err)
		}
		log.Info("extract imported", "features", res.Meta.Total(), "took", res.Took.Round(time.Millisecond))
	}
	k := newExtractKeeper(cfg.dataDir, store, rules, tax, log)
	if _, err := k.refresh(); err != nil {
		return nil, err
	}
	return k, nil
}
