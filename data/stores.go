package data

import (
	"context"
	"time"

	"github.com/paulmach/orb"
)

// The interfaces below split the store by kind of record, as the domain
// sees it. *Store implements every one on each engine (a bbolt file or
// PostgreSQL, package kv), with the same rules. They are the complete
// sets, for implementations and their contract tests; packages that use
// the store keep declaring the small subsets they need (server's
// reportStore, sms.Store, ussd.Store, reportimport.Store). What is about
// the store as a whole (Open, Close, Ping, Check, Backup, Meta,
// CommitStats) stays on *Store.

// Reports keeps the reports: creating them (idempotently), reading them
// and their GeoJSON Features as an audience may see them (privacy.go),
// finding them through the in-memory index, moderating them (status,
// needs, public text, location corrections), their facility details,
// reconciliation with the OSM extract, the append-only audit log (a
// report's entries; EachAudit walks the whole log, account and campaign
// changes too) and the feed of committed changes.
type Reports interface {
	Create(ctx context.Context, r Report) (CreateResult, error)
	CreateMany(ctx context.Context, reports []Report) ([]CreateResult, error)
	IdempotencyKeyIDs(keys []string) ([]uint64, error)
	Get(id uint64) (Report, error)
	Feature(id uint64) ([]byte, error)
	FeatureFor(id uint64, a Audience) ([]byte, error)
	AppendFeatures(dst []byte, ids []uint64, a Audience) ([]byte, int, error)
	AppendListFeatures(dst []byte, ids []uint64, a Audience) ([]byte, int, error)
	EachPublicReport(ids []uint64, a Audience, fn func(r *PublicReport, feature []byte) error) error
	Find(q Query) Page
	Extent() Extent
	UpdateReport(ctx context.Context, id uint64, u ReportUpdate) (before, after Report, err error)
	SetFacility(ctx context.Context, reportID uint64, f Facility, actor Actor, at time.Time) (Facility, error)
	Facility(reportID uint64) (f Facility, found bool, err error)
	SetReconciler(fn Reconciler)
	ReconcileAll(ctx context.Context) (int, error)
	ReportAudit(reportID uint64) ([]AuditEntry, error)
	EachAudit(after uint64, fn func(AuditEntry) bool) error
	Watch(fn func(Change)) (cancel func())
	ApplyChanges(changes []ChangedKey) (int, error)
	Photos() *StoredPhotos
}

// Accounts keeps the people who sign in and what proves who they are:
// users and their roles, passwords and the login lockout, browser
// sessions and API tokens (both stored as hashes only), the reports
// each account submitted, and the rate limits' buckets when several
// servers share the database.
type Accounts interface {
	CreateUser(ctx context.Context, u User, actor Actor) (User, error)
	User(id uint64) (User, error)
	UserByEmail(email string) (User, error)
	Users() ([]User, error)
	UpdateUser(ctx context.Context, email string, actor Actor, action string, at time.Time, change func(*User) error) (User, error)
	SetPassword(ctx context.Context, email, hash string, reset bool, keep string, actor Actor, at time.Time) (User, error)
	Authenticate(ctx context.Context, email, password, from string, now time.Time, policy LoginPolicy) (User, error)
	CreateSession(ctx context.Context, userID uint64, now time.Time, ttl time.Duration) (string, Session, error)
	SessionUser(secret string, now time.Time) (User, Session, error)
	DeleteSession(ctx context.Context, secret string) error
	CreateToken(ctx context.Context, email string, scope Role, label string, actor Actor, now time.Time) (string, APIToken, error)
	TokenUser(secret string) (User, APIToken, error)
	Tokens() ([]APIToken, error)
	RevokeToken(ctx context.Context, id string, actor Actor, now time.Time) (APIToken, error)
	SubmittedBy(userID uint64) ([]uint64, error)
	TakeTokens(ctx context.Context, scope, key string, perMinute, burst, n float64, now time.Time) (bool, error)
	TokenLevel(scope, key string, perMinute, burst float64, now time.Time) (float64, error)
}

// Messages keeps the SMS side: inbound messages and their replies (each
// applied once), the conversations that ask back, the drafts among them
// waiting for a moderator to file them as reports, the subscribers to
// area alerts, and the outbox of messages to send (alerts and single
// replies) with their delivery state.
type Messages interface {
	CommitSMS(ctx context.Context, o SMSOutcome) (SMSResult, error)
	SMSReply(messageKey string) (SMSResult, bool, error)
	Conversation(phoneHash string, notBefore time.Time) (*Conversation, error)
	Drafts(notBefore time.Time) ([]Conversation, error)
	FileDraft(ctx context.Context, f DraftFiling) (Report, Conversation, error)
	PurgeDrafts(ctx context.Context, notBefore time.Time) (int, error)
	PurgeHandled(ctx context.Context, before time.Time) (int, error)
	RecentReport(phoneHash string, now time.Time) (id uint64, hasPhoto bool, err error)
	Subscriber(phoneHash string) (*Subscriber, error)
	EachSubscriber(fn func(Subscriber) bool) error
	CreateAlert(ctx context.Context, a Alert, msgs []Outbound) (Alert, error)
	GetAlert(id uint64) (Alert, []Outbound, error)
	QueueOutbound(ctx context.Context, msgs ...Outbound) error
	Outbox(gateway string, statuses []OutboundStatus, now time.Time, limit int) ([]Outbound, error)
	UpdateOutbound(ctx context.Context, ids []string, change func(*Outbound)) ([]Outbound, error)
	OutboundByProvider(gateway, providerID string) (*Outbound, error)
	ClaimOutbound(ctx context.Context, gateway string, statuses []OutboundStatus, now time.Time, limit int, claim func(*Outbound)) ([]Outbound, error)
	ClaimOutboundPerNumber(ctx context.Context, gateway string, statuses []OutboundStatus, now time.Time, limit int, claim func(*Outbound)) ([]Outbound, error)
	RecordOutboundReport(ctx context.Context, r OutboundReport, adoptable func(*Outbound) bool) (*Outbound, bool, error)
	AdoptOutboundReport(ctx context.Context, id string, since, now time.Time, adoptable func(*Outbound) bool) (*Outbound, error)
	PruneOutboundReports(ctx context.Context, before time.Time) (int, error)
}

// Settlements keeps the settlement boundaries mappers draw and where
// each stands in moderation (a moderator verifies or rejects it);
// SettlementsVersion changes whenever one does.
type Settlements interface {
	CreateSettlement(ctx context.Context, st Settlement) (CreateSettlementResult, error)
	Settlement(id uint64) (Settlement, error)
	EachSettlement(fn func(Settlement) bool) error
	SetSettlementStatus(ctx context.Context, id uint64, status SettlementStatus, now time.Time) (Settlement, error)
	SettlementsVersion() uint64
}

// Campaigns keeps mapping campaigns and the task squares they are split
// into, which mappers lock and map and other mappers validate or
// invalidate.
type Campaigns interface {
	CreateCampaign(ctx context.Context, c Campaign, squares []orb.Geometry, actor Actor) (Campaign, error)
	Campaign(id uint64) (Campaign, error)
	EachCampaign(fn func(Campaign) bool) error
	CampaignProgress(c Campaign, now time.Time) (Progress, error)
	Task(id uint64) (Task, error)
	EachTask(c Campaign, fn func(Task) bool) error
	LockedTask(user uint64, now time.Time) (t Task, found bool, err error)
	ChangeTask(ctx context.Context, id uint64, ch TaskChange) (Task, error)
}

var (
	_ Reports     = (*Store)(nil)
	_ Accounts    = (*Store)(nil)
	_ Messages    = (*Store)(nil)
	_ Settlements = (*Store)(nil)
	_ Campaigns   = (*Store)(nil)
)
