package sms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// Sender delivers one SMS and returns the provider's message id.
type Sender interface {
	Send(ctx context.Context, to, body string) (string, error)
}

// LinkedSender is a Sender that can send a reply linked to the inbound
// message it answers (data.Outbound.LinkID); Africa's Talking's sender is
// one.
type LinkedSender interface {
	SendLinked(ctx context.Context, to, body, linkID string) (string, error)
}

// SentLookup is a Sender that can tell whether it already took a message:
// LookupSent returns the gateway's id of a message with exactly this body
// to the number to, taken at since or later. found false with a nil error
// means the gateway has none; an error means the answer is unknown.
// Twilio's sender is one (its Messages list); Africa's Talking has no
// such lookup.
type SentLookup interface {
	LookupSent(ctx context.Context, to, body string, since time.Time) (id string, found bool, err error)
}

// LookupClockSkew is how much earlier than the recorded claim time a
// message found by SentLookup may have been created at the gateway
// (whose clock is not ours) and still count as this message's.
const LookupClockSkew = time.Minute

// OutboxStore is what the dispatcher needs from storage; *data.Store
// implements it.
type OutboxStore interface {
	EachSubscriber(fn func(data.Subscriber) bool) error
	CreateAlert(ctx context.Context, a data.Alert, msgs []data.Outbound) (data.Alert, error)
	GetAlert(id uint64) (data.Alert, []data.Outbound, error)
	Outbox(gateway string, statuses []data.OutboundStatus, now time.Time, limit int) ([]data.Outbound, error)
	ClaimOutbound(ctx context.Context, gateway string, statuses []data.OutboundStatus, now time.Time, limit int, claim func(*data.Outbound)) ([]data.Outbound, error)
	UpdateOutbound(ctx context.Context, ids []string, change func(*data.Outbound)) ([]data.Outbound, error)
	// ClaimOutboundPerNumber is ClaimOutbound keeping at most one message
	// per number "sending", for gateways without SentLookup.
	ClaimOutboundPerNumber(ctx context.Context, gateway string, statuses []data.OutboundStatus, now time.Time, limit int, claim func(*data.Outbound)) ([]data.Outbound, error)
	// RecordOutboundReport, AdoptOutboundReport and PruneOutboundReports
	// apply delivery reports, match them to messages of unknown send
	// outcome and keep those that match none for a while.
	RecordOutboundReport(ctx context.Context, r data.OutboundReport, adoptable func(*data.Outbound) bool) (*data.Outbound, bool, error)
	AdoptOutboundReport(ctx context.Context, id string, since, now time.Time, adoptable func(*data.Outbound) bool) (*data.Outbound, error)
	PruneOutboundReports(ctx context.Context, before time.Time) (int, error)
}

var _ OutboxStore = (*data.Store)(nil)

// Gateway names for outbound messages.
const (
	GatewayTwilio  = "twilio"
	GatewaySMSSync = "smssync"
)

// DispatcherConfig configures outbound messages.
type DispatcherConfig struct {
	Phones *PhoneVault
	// Twilio sends through Twilio's REST API and AfricasTalking through
	// Africa's Talking's messaging API. Alerts and status messages go
	// through Africa's Talking when it is set, else Twilio; with neither
	// they are queued for an SMSSync phone. Replies to Africa's Talking
	// messages always go back through it (QueueReply).
	Twilio         Sender
	AfricasTalking Sender
	// MaxAttempts is how often a message is offered to an SMSSync phone
	// before it is failed (default 5). For Twilio it caps the tries of one
	// message only when set: by default a message that fails for a
	// transient reason (Twilio or the network down, rate limits, bad
	// credentials the operator can fix) is retried until GiveUpAfter, and
	// one that Twilio rejects for good (an invalid number) fails at once.
	MaxAttempts int
	// RetryBase is the first retry delay; retries back off exponentially
	// (default 30 s) up to MaxRetryDelay (default 15 min), with jitter.
	RetryBase     time.Duration
	MaxRetryDelay time.Duration
	// GiveUpAfter is how long after an alert is queued its undelivered
	// Twilio messages are failed (default 24 h).
	GiveUpAfter time.Duration
	// PhoneLease is how long a message handed to an SMSSync phone waits
	// for its confirmation before it is offered again (default 10 min).
	PhoneLease time.Duration
	// SendLease is how long a message taken for sending through Twilio or
	// Africa's Talking stays this dispatcher's (default 5 min, well above
	// the time a batch of ClaimBatch sends can take): a dispatcher that
	// dies while sending leaves it "sending", and after the lease any
	// dispatcher takes it again (an Exclusive one at its start).
	SendLease time.Duration
	// ReportWindow is how long a message sent through a gateway without
	// SentLookup (Africa's Talking) whose send outcome is unknown (its
	// sender died between the gateway taking it and the record, or the
	// send timed out) waits for a delivery report that shows the gateway
	// took it, counted from the claim of that send (default
	// DefaultReportWindow); only then is it sent again.
	ReportWindow time.Duration
	// Name identifies this dispatcher among those sharing one database
	// (one per server; default "dispatcher"); it is recorded in the
	// messages it claims.
	Name string
	// Exclusive says that this dispatcher is the only one on its store (a
	// bbolt file: its lock proves that no other process sends). Run then
	// first makes the claims left by any dispatcher (a previous process
	// killed while sending) due at once instead of waiting for their
	// lease (ReleaseStaleClaims). On a shared store (several servers on
	// PostgreSQL) claims are left to their lease.
	Exclusive bool
	Logger    *slog.Logger
	Now       func() time.Time
	// Replies are the texts of messages to reporters (default built in).
	Replies *Replies
}

// Dispatcher composes area alerts and delivers outbound messages, with
// retries, through Twilio, Africa's Talking or an SMSSync phone.
type Dispatcher struct {
	cfg   DispatcherConfig
	store OutboxStore

	// mu guards the circuit breakers, one per gateway: while a gateway
	// fails, one message is tried per pause instead of every due message
	// timing out in turn.
	mu       sync.Mutex
	breakers map[string]*breaker
}

// breaker is the circuit breaker of one gateway.
type breaker struct {
	failures    int       // consecutive transient failures
	pausedUntil time.Time // no request before this
}

// NewDispatcher builds a dispatcher over store.
func NewDispatcher(cfg DispatcherConfig, store OutboxStore) (*Dispatcher, error) {
	if cfg.Phones == nil {
		return nil, errors.New("dispatcher: phone vault is required")
	}
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = 30 * time.Second
	}
	if cfg.MaxRetryDelay <= 0 {
		cfg.MaxRetryDelay = 15 * time.Minute
	}
	if cfg.MaxRetryDelay < cfg.RetryBase {
		cfg.MaxRetryDelay = cfg.RetryBase
	}
	if cfg.GiveUpAfter <= 0 {
		cfg.GiveUpAfter = 24 * time.Hour
	}
	if cfg.PhoneLease <= 0 {
		cfg.PhoneLease = 10 * time.Minute
	}
	if cfg.SendLease <= 0 {
		cfg.SendLease = 5 * time.Minute
	}
	if cfg.ReportWindow <= 0 {
		cfg.ReportWindow = DefaultReportWindow
	}
	if cfg.Name == "" {
		cfg.Name = "dispatcher"
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Replies == nil {
		cfg.Replies = DefaultReplies()
	}
	return &Dispatcher{cfg: cfg, store: store, breakers: map[string]*breaker{}}, nil
}

// gateway is where alerts and status messages go.
func (d *Dispatcher) gateway() string {
	switch {
	case d.cfg.AfricasTalking != nil:
		return GatewayAfricasTalking
	case d.cfg.Twilio != nil:
		return GatewayTwilio
	}
	return GatewaySMSSync
}

// senders are the gateways the dispatcher sends through itself, by name.
func (d *Dispatcher) senders() []namedSender {
	var out []namedSender
	if d.cfg.Twilio != nil {
		out = append(out, namedSender{GatewayTwilio, d.cfg.Twilio})
	}
	if d.cfg.AfricasTalking != nil {
		out = append(out, namedSender{GatewayAfricasTalking, d.cfg.AfricasTalking})
	}
	return out
}

type namedSender struct {
	name string
	Sender
}

// MaxAlertRunes is the longest alert: three concatenated SMS segments.
const MaxAlertRunes = 459

// Recipients returns the subscribers whose place lies inside area (a
// Polygon or MultiPolygon) and who have joined and not sent STOP.
func (d *Dispatcher) Recipients(area orb.Geometry) ([]data.Subscriber, error) {
	var out []data.Subscriber
	err := d.store.EachSubscriber(func(s data.Subscriber) bool {
		if s.Joined && !s.Stopped && s.SealedPhone != nil && data.AreaContains(area, s.Location) {
			out = append(out, s)
		}
		return true
	})
	return out, err
}

// CreateAlert queues message for every subscriber inside area and returns
// the stored alert. areaJSON is the area as given, kept for the record.
func (d *Dispatcher) CreateAlert(ctx context.Context, message string, area orb.Geometry, areaJSON json.RawMessage, areaName string) (data.Alert, error) {
	subs, err := d.Recipients(area)
	if err != nil {
		return data.Alert{}, err
	}
	now := d.cfg.Now().UTC()
	msgs := make([]data.Outbound, 0, len(subs))
	for _, s := range subs {
		msgs = append(msgs, data.Outbound{
			ID: data.NewOutboundID(), Gateway: d.gateway(), PhoneHash: s.PhoneHash, SealedPhone: s.SealedPhone,
			Text: message, Status: data.OutboundQueued, NextAttemptAt: now, CreatedAt: now, UpdatedAt: now,
		})
	}
	a, err := d.store.CreateAlert(ctx, data.Alert{Message: message, Area: areaJSON, AreaName: areaName, CreatedAt: now}, msgs)
	if err != nil {
		return data.Alert{}, err
	}
	d.cfg.Logger.Info("alert queued", "alert", a.ID, "recipients", a.Recipients, "gateway", d.gateway())
	return a, nil
}

// AlertStatus is an alert with its per-number delivery log. Numbers are
// not shown: each message is identified by its id.
type AlertStatus struct {
	data.Alert
	Counts   map[data.OutboundStatus]int `json:"counts"`
	Messages []MessageStatus             `json:"messages"`
}

// MessageStatus is the delivery state of one message of an alert.
type MessageStatus struct {
	ID        string              `json:"id"`
	Status    data.OutboundStatus `json:"status"`
	Attempts  int                 `json:"attempts"`
	LastError string              `json:"last_error,omitempty"`
	UpdatedAt time.Time           `json:"updated_at"`
}

// Alert returns an alert and how its messages stand.
func (d *Dispatcher) Alert(id uint64) (AlertStatus, error) {
	a, msgs, err := d.store.GetAlert(id)
	if err != nil {
		return AlertStatus{}, err
	}
	st := AlertStatus{Alert: a, Counts: map[data.OutboundStatus]int{}, Messages: []MessageStatus{}}
	for _, m := range msgs {
		st.Counts[m.Status]++
		st.Messages = append(st.Messages, MessageStatus{ID: m.ID, Status: m.Status, Attempts: m.Attempts, LastError: m.LastError, UpdatedAt: m.UpdatedAt})
	}
	return st, nil
}

// Run delivers due Twilio and Africa's Talking messages every interval
// until ctx ends.
func (d *Dispatcher) Run(ctx context.Context, interval time.Duration) {
	if len(d.senders()) == 0 {
		return
	}
	if d.cfg.Exclusive {
		if n, err := d.ReleaseStaleClaims(ctx); err != nil {
			d.cfg.Logger.Error("releasing outbound SMS claimed before the start", "err", err)
		} else if n > 0 {
			d.cfg.Logger.Info("outbound SMS claimed before the start are due again, outcome unknown", "messages", n)
		}
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	var pruned time.Time
	for {
		if now := d.cfg.Now(); now.Sub(pruned) >= time.Hour {
			d.pruneReports(ctx)
			pruned = now
		}
		if _, err := d.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			d.cfg.Logger.Error("delivering outbound SMS", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// DeliverDue sends every due queued Twilio and Africa's Talking message
// once, recording sent messages and scheduling retries of failures with
// capped exponential backoff. It returns how many were sent.
//
// A transient failure (see Permanent) also opens the gateway's circuit
// breaker: the rest of its round is left queued, untouched, and no request
// is made to it until a pause that grows with each consecutive failure, so
// that an outage costs one probe per pause rather than a timeout per
// message.
func (d *Dispatcher) DeliverDue(ctx context.Context) (int, error) {
	total := 0
	for _, s := range d.senders() {
		n, err := d.deliverDue(ctx, s)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// ClaimBatch is how many messages a dispatcher takes at once for sending
// through Twilio (through Africa's Talking it takes one: see deliverDue);
// it takes batches until none is due or MaxRound messages were tried in
// the round.
const (
	ClaimBatch = 10
	MaxRound   = 100
)

// deliverDue sends gw's due messages. Each message is first claimed
// (queued → sending by this dispatcher until SendLease ends) in one write
// transaction, so that of several servers on one database exactly one
// sends it; the result is recorded after sending. A sent message is never
// claimed again.
//
// A crash between the claim and the recorded result leaves the message
// "sending" with the time of that claim (Outbound.ClaimedAt): its outcome
// is unknown. When the lease ends any dispatcher claims it again; through
// a gateway that is a SentLookup (Twilio) it first asks the gateway what
// it took since that claim, records a message found as sent with the
// gateway's id and sends only one not found, so delivery is exactly once
// across crashes too. A lookup that fails leaves the message "sending"
// for a later try: it is never sent blind.
//
// A gateway without a lookup (Africa's Talking) tells only through its
// delivery reports, which name the message by an id mtaa never recorded,
// and its number. So through it messages are claimed one at a time (a
// crash leaves at most one of unknown outcome per dispatcher), at most
// one message per number is "sending" at a time
// (Store.ClaimOutboundPerNumber), and a message of
// unknown outcome waits up to ReportWindow from its claim for a report
// on its number (see reconcile and RecordReport): one that comes records
// it as sent; it is sent again only when none came. Delivery is then
// exactly once when the gateway's reports reach mtaa within the window,
// at least once otherwise. A send that may have reached the gateway but
// got no answer (ErrOutcomeUnknown) waits the same way.
func (d *Dispatcher) deliverDue(ctx context.Context, gw namedSender) (int, error) {
	sent := 0
	for tried := 0; tried < MaxRound; {
		if now := d.cfg.Now(); now.Before(d.paused(gw.name)) {
			return sent, nil
		}
		now := d.cfg.Now().UTC()
		before := map[string]data.Outbound{} // as they were, to put back what is not tried
		claim, batch := d.store.ClaimOutbound, ClaimBatch
		if _, ok := gw.Sender.(SentLookup); !ok {
			// One at a time: a crash leaves one message of unknown
			// outcome, not the untried rest of a batch too (each would
			// wait for a report that cannot come).
			claim, batch = d.store.ClaimOutboundPerNumber, 1
		}
		claimed, err := claim(ctx, gw.name, []data.OutboundStatus{data.OutboundQueued, data.OutboundSending}, now, batch,
			func(o *data.Outbound) {
				before[o.ID] = *o
				if o.Status != data.OutboundSending {
					o.ClaimedAt = now // a new attempt; else the unknown one's time stays
				}
				o.Status, o.ClaimedBy, o.NextAttemptAt, o.UpdatedAt = data.OutboundSending, d.cfg.Name, now.Add(d.cfg.SendLease), now
			})
		if err != nil || len(claimed) == 0 {
			return sent, err
		}
		tried += len(claimed)
		for i, m := range claimed {
			ok, stop, err := d.sendOne(ctx, gw, m, before)
			if ok {
				sent++
			}
			if err != nil || stop {
				d.release(gw.name, claimed[i+1:], before)
				return sent, err
			}
		}
	}
	return sent, nil
}

// sendOne sends one claimed message and records the result. stop is true
// when the gateway's breaker opened or ctx ended: the rest of the batch
// must not be tried.
func (d *Dispatcher) sendOne(ctx context.Context, gw namedSender, m data.Outbound, before map[string]data.Outbound) (ok, stop bool, err error) {
	if ctx.Err() != nil {
		d.release(gw.name, []data.Outbound{m}, before) // not tried
		return false, true, ctx.Err()
	}
	to, err := d.cfg.Phones.Open(m.SealedPhone)
	var sid string
	lk, hasLookup := gw.Sender.(SentLookup)
	if err == nil && before[m.ID].Status == data.OutboundSending {
		if hasLookup {
			found, stop, lerr := d.lookUp(ctx, gw, lk, m, before, to)
			if found || stop || lerr != nil {
				return found, stop, lerr
			}
		} else {
			adopted, send, stop, rerr := d.reconcile(ctx, gw, m, before)
			if !send {
				if adopted {
					d.recordSuccess(gw.name)
				}
				return adopted, stop, rerr
			}
		}
	}
	if err == nil {
		// Checked when sending, not only when queueing: the phone may
		// have sent STOP since (a gateway that honours opt-out itself
		// would refuse it; one that does not would deliver it).
		out, oerr := d.optedOut(m)
		if oerr != nil {
			d.release(gw.name, []data.Outbound{m}, before)
			return false, true, oerr
		}
		if out {
			return false, false, d.failOptedOut(ctx, m)
		}
	}
	if err == nil {
		if ls, ok := gw.Sender.(LinkedSender); ok && m.LinkID != "" {
			sid, err = ls.SendLinked(ctx, to, m.Text, m.LinkID)
		} else {
			sid, err = gw.Send(ctx, to, m.Text)
		}
	}
	if err != nil && !hasLookup && errors.Is(err, ErrOutcomeUnknown) {
		// The gateway may have taken it: not sent again before its
		// report window ends (shutting down too).
		if uerr := d.recordUnknown(ctx, gw, m, err); uerr != nil {
			return false, true, uerr
		}
		if ctx.Err() != nil {
			return false, true, ctx.Err()
		}
		pause := d.recordFailure(gw.name, d.cfg.Now().UTC())
		d.cfg.Logger.Warn("gateway unavailable: pausing outbound SMS", "gateway", gw.name, "pause", pause)
		return false, true, nil
	}
	if err != nil && ctx.Err() != nil {
		// Shutting down: not the message's fault; it goes back to the queue.
		d.release(gw.name, []data.Outbound{m}, before)
		return false, true, ctx.Err()
	}
	transient := err != nil && !Permanent(err) && !errors.Is(err, ErrSealBroken)
	now := d.cfg.Now().UTC()
	// Recorded even when ctx ends meanwhile: a message Twilio took must not
	// be left to its lease (and sent again).
	_, uerr := d.store.UpdateOutbound(context.WithoutCancel(ctx), []string{m.ID}, func(o *data.Outbound) {
		if o.Status != data.OutboundSending || o.ClaimedBy != d.cfg.Name {
			// Another dispatcher took it after our lease ended (or it
			// was recorded already): a success still counts, a failure
			// is theirs to handle.
			if err != nil || o.Status == data.OutboundSent || o.Status == data.OutboundDelivered {
				return
			}
		}
		o.Attempts++
		o.UpdatedAt = now
		o.ClaimedBy = ""
		switch {
		case err == nil:
			o.Status, o.ProviderID, o.LastError = data.OutboundSent, sid, ""
		case !transient,
			d.cfg.MaxAttempts > 0 && o.Attempts >= d.cfg.MaxAttempts,
			now.Sub(o.CreatedAt) >= d.cfg.GiveUpAfter:
			o.Status, o.LastError = data.OutboundFailed, err.Error()
		default:
			o.Status, o.LastError = data.OutboundQueued, err.Error()
			o.NextAttemptAt = now.Add(d.backoff(o.Attempts))
		}
	})
	if uerr != nil {
		return false, true, fmt.Errorf("record delivery of %s: %w", m.ID, uerr)
	}
	if err == nil {
		d.recordSuccess(gw.name)
		return true, false, nil
	}
	d.cfg.Logger.Warn("outbound SMS failed", "gateway", gw.name, "message", m.ID, "attempt", m.Attempts+1, "transient", transient, "err", err)
	if transient {
		pause := d.recordFailure(gw.name, now)
		d.cfg.Logger.Warn("gateway unavailable: pausing outbound SMS", "gateway", gw.name, "pause", pause)
		return false, true, nil
	}
	return false, false, nil
}

// lookUp asks the gateway whether it already took m, whose previous claim
// ended without a recorded result (before holds it as it was). Found, the
// message is recorded as sent with the gateway's id (found true). Not
// found, all results are false and the caller sends it. When the gateway
// cannot answer, the message stays "sending", unclaimed, with its claim
// time, due again after a backoff, and the gateway's breaker opens (stop
// true); when ctx ends it is released (stop true, ctx's error).
func (d *Dispatcher) lookUp(ctx context.Context, gw namedSender, lk SentLookup, m data.Outbound, before map[string]data.Outbound, to string) (found, stop bool, err error) {
	since := before[m.ID].ClaimedAt
	if since.IsZero() {
		since = m.CreatedAt // claimed before claim times were kept
	}
	sid, found, lerr := lk.LookupSent(ctx, to, m.Text, since.Add(-LookupClockSkew))
	if lerr != nil && ctx.Err() != nil {
		d.release(gw.name, []data.Outbound{m}, before)
		return false, true, ctx.Err()
	}
	if lerr == nil && !found {
		return false, false, nil
	}
	now := d.cfg.Now().UTC()
	_, uerr := d.store.UpdateOutbound(context.WithoutCancel(ctx), []string{m.ID}, func(o *data.Outbound) {
		if o.Status != data.OutboundSending || o.ClaimedBy != d.cfg.Name {
			return // recorded meanwhile, or another dispatcher's now
		}
		o.UpdatedAt, o.ClaimedBy = now, ""
		if lerr == nil {
			// The earlier attempt, counted now.
			o.Attempts++
			o.Status, o.ProviderID, o.LastError = data.OutboundSent, sid, ""
			return
		}
		o.LastError = "outcome of the last send unknown, gateway lookup failed: " + lerr.Error()
		if now.Sub(o.CreatedAt) >= d.cfg.GiveUpAfter {
			o.Status = data.OutboundFailed
			return
		}
		o.NextAttemptAt = now.Add(d.backoff(o.Attempts + 1))
	})
	if uerr != nil {
		return false, true, fmt.Errorf("record lookup of %s: %w", m.ID, uerr)
	}
	if lerr == nil {
		d.cfg.Logger.Info("outbound SMS found at the gateway after an unrecorded send: not sent again", "gateway", gw.name, "message", m.ID)
		d.recordSuccess(gw.name)
		return true, false, nil
	}
	pause := d.recordFailure(gw.name, now)
	d.cfg.Logger.Warn("gateway lookup failed: outbound SMS of unknown outcome kept for later", "gateway", gw.name, "message", m.ID, "pause", pause, "err", lerr)
	return false, true, nil
}

// ReleaseStaleClaims makes every message claimed for sending through
// Twilio or Africa's Talking, by any dispatcher, due now, and returns how
// many. It is for the start of the only dispatcher on a store
// (DispatcherConfig.Exclusive): such claims are a dead process's, and the
// outcome of their sends is unknown. They stay "sending" with their claim
// time, so that sending them again looks them up first where the gateway
// can (SentLookup). Messages deferred after a failed lookup (claimed by
// none) keep their time.
func (d *Dispatcher) ReleaseStaleClaims(ctx context.Context) (int, error) {
	now := d.cfg.Now().UTC()
	far := now.Add(100 * 365 * 24 * time.Hour)
	released := 0
	for _, gw := range d.senders() {
		sending, err := d.store.Outbox(gw.name, []data.OutboundStatus{data.OutboundSending}, far, math.MaxInt32)
		if err != nil {
			return released, fmt.Errorf("release stale claims of %s: %w", gw.name, err)
		}
		var ids []string
		for _, m := range sending {
			if m.ClaimedBy != "" && m.NextAttemptAt.After(now) {
				ids = append(ids, m.ID)
			}
		}
		if len(ids) == 0 {
			continue
		}
		changed, err := d.store.UpdateOutbound(ctx, ids, func(o *data.Outbound) {
			if o.Status == data.OutboundSending && o.ClaimedBy != "" && o.NextAttemptAt.After(now) {
				o.ClaimedBy, o.NextAttemptAt, o.UpdatedAt = "", now, now
			}
		})
		if err != nil {
			return released, fmt.Errorf("release stale claims of %s: %w", gw.name, err)
		}
		for _, m := range changed {
			if m.Status == data.OutboundSending && m.ClaimedBy == "" && m.NextAttemptAt.Equal(now) {
				released++
			}
		}
	}
	return released, nil
}

// release puts claimed messages that were not tried back as they were
// before the claim (before, by id), so that another dispatcher need not
// wait for the lease. It is best effort (the lease ends anyway) and runs
// even when shutting down.
func (d *Dispatcher) release(gateway string, msgs []data.Outbound, before map[string]data.Outbound) {
	if len(msgs) == 0 {
		return
	}
	ids := make([]string, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := d.store.UpdateOutbound(ctx, ids, func(o *data.Outbound) {
		if b, ok := before[o.ID]; ok && o.Status == data.OutboundSending && o.ClaimedBy == d.cfg.Name {
			o.Status, o.ClaimedBy, o.NextAttemptAt, o.UpdatedAt, o.ClaimedAt = b.Status, b.ClaimedBy, b.NextAttemptAt, b.UpdatedAt, b.ClaimedAt
		}
	})
	if err != nil {
		d.cfg.Logger.Warn("releasing outbound SMS", "gateway", gateway, "messages", len(ids), "err", err)
	}
}

// backoff is the delay before the next try of a message tried n times:
// RetryBase doubled per try, capped at MaxRetryDelay, less up to 20% of
// jitter so that retries of one alert spread out.
func (d *Dispatcher) backoff(n int) time.Duration {
	delay := d.cfg.MaxRetryDelay
	if n < 1 {
		n = 1
	}
	if n <= 30 {
		if b := d.cfg.RetryBase << (n - 1); b > 0 && b < delay {
			delay = b
		}
	}
	return delay - time.Duration(rand.Int64N(int64(delay)/5+1))
}

func (d *Dispatcher) paused(gateway string) time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	if b := d.breakers[gateway]; b != nil {
		return b.pausedUntil
	}
	return time.Time{}
}

// recordFailure opens the gateway's breaker for a pause that grows with
// each consecutive transient failure, and returns the pause.
func (d *Dispatcher) recordFailure(gateway string, now time.Time) time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	b := d.breakers[gateway]
	if b == nil {
		b = &breaker{}
		d.breakers[gateway] = b
	}
	b.failures++
	pause := d.backoff(b.failures)
	b.pausedUntil = now.Add(pause)
	return pause
}

func (d *Dispatcher) recordSuccess(gateway string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.breakers, gateway)
}

// PhoneTask is one message for an SMSSync phone to send.
type PhoneTask struct {
	To      string `json:"to"`
	Message string `json:"message"`
	UUID    string `json:"uuid"`
}

// TakeForPhone hands up to limit due messages to the SMSSync phone. They
// stay "sending" until the phone confirms them; unconfirmed ones are
// offered again after the lease.
func (d *Dispatcher) TakeForPhone(ctx context.Context, limit int) ([]PhoneTask, error) {
	now := d.cfg.Now().UTC()
	// Claimed in one transaction: two servers polled at once by phones
	// never hand out the same message.
	taken, err := d.store.ClaimOutbound(ctx, GatewaySMSSync, []data.OutboundStatus{data.OutboundQueued, data.OutboundSending}, now, limit,
		func(o *data.Outbound) {
			o.Status, o.Attempts, o.UpdatedAt, o.ClaimedBy = data.OutboundSending, o.Attempts+1, now, d.cfg.Name
			o.NextAttemptAt = now.Add(d.cfg.PhoneLease)
			if o.Attempts > d.phoneMaxOffers() {
				o.Status, o.LastError = data.OutboundFailed, "the phone never confirmed sending"
			}
		})
	if err != nil || len(taken) == 0 {
		return []PhoneTask{}, err
	}
	tasks := []PhoneTask{}
	for _, m := range taken {
		if m.Status != data.OutboundSending {
			continue
		}
		if out, err := d.optedOut(m); err != nil {
			return nil, err
		} else if out {
			if err := d.failOptedOut(ctx, m); err != nil {
				return nil, err
			}
			continue
		}
		to, err := d.cfg.Phones.Open(m.SealedPhone)
		if err != nil {
			return nil, fmt.Errorf("open number of %s: %w", m.ID, err)
		}
		tasks = append(tasks, PhoneTask{To: to, Message: m.Text, UUID: m.ID})
	}
	return tasks, nil
}

// ConfirmQueued records that the phone queued these messages for sending
// and returns the uuids it knows.
func (d *Dispatcher) ConfirmQueued(ctx context.Context, uuids []string) ([]string, error) {
	now := d.cfg.Now().UTC()
	changed, err := d.store.UpdateOutbound(ctx, uuids, func(o *data.Outbound) {
		if o.Status == data.OutboundSending || o.Status == data.OutboundQueued {
			o.Status, o.UpdatedAt, o.LastError = data.OutboundSent, now, ""
		}
	})
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(changed))
	for _, m := range changed {
		out = append(out, m.ID)
	}
	return out, nil
}

// AwaitingResult returns the uuids of messages sent by the phone whose
// delivery is not known yet.
func (d *Dispatcher) AwaitingResult() ([]string, error) {
	far := d.cfg.Now().Add(100 * 365 * 24 * time.Hour)
	sent, err := d.store.Outbox(GatewaySMSSync, []data.OutboundStatus{data.OutboundSent}, far, 1000)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(sent))
	for _, m := range sent {
		out = append(out, m.ID)
	}
	return out, nil
}

// PhoneResult is the SMSSync phone's report on one message.
type PhoneResult struct {
	UUID                   string `json:"uuid"`
	SentResultCode         int    `json:"sent_result_code"`
	SentResultMessage      string `json:"sent_result_message"`
	DeliveredResultCode    int    `json:"delivered_result_code"`
	DeliveredResultMessage string `json:"delivered_result_message"`
}

// RecordResults applies the phone's delivery results: a non-zero sent code
// is a failure, otherwise a zero delivered code marks it delivered.
func (d *Dispatcher) RecordResults(ctx context.Context, results []PhoneResult) error {
	now := d.cfg.Now().UTC()
	for _, r := range results {
		_, err := d.store.UpdateOutbound(ctx, []string{r.UUID}, func(o *data.Outbound) {
			o.UpdatedAt = now
			switch {
			case r.SentResultCode != 0:
				o.Status, o.LastError = data.OutboundFailed, r.SentResultMessage
			case r.DeliveredResultCode == 0:
				o.Status = data.OutboundDelivered
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// phoneMaxOffers is how often a message is offered to an SMSSync phone.
func (d *Dispatcher) phoneMaxOffers() int {
	if d.cfg.MaxAttempts > 0 {
		return d.cfg.MaxAttempts
	}
	return 5
}
