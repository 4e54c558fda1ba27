package sms

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mtaa-project/mtaa/data"
)

// ErrOutcomeUnknown marks a send error after which the gateway may have
// taken the message: the request was written but no answer read (a
// timeout, a connection cut). Through a gateway without SentLookup the
// message is then treated as one whose sender died (see deliverDue): it
// waits for a delivery report before it is sent again.
var ErrOutcomeUnknown = errors.New("sms: the gateway may have taken the message")

// DefaultReportWindow is how long a message of unknown send outcome waits
// for a delivery report by default (DispatcherConfig.ReportWindow).
const DefaultReportWindow = 5 * time.Minute

// ReportClockSkew is how much earlier than a message's claim time a
// delivery report kept unmatched may have been received (by another
// server, whose clock is not this one's) and still be taken for it.
const ReportClockSkew = 5 * time.Second

// DeliveryReport is a gateway's delivery report on an outbound message:
// ProviderID is the id the gateway gave the message, Phone the number it
// was sent to, and Status data.OutboundSent for an intermediate status
// (the gateway took the message), data.OutboundDelivered or
// data.OutboundFailed (with Reason) for a final one.
type DeliveryReport struct {
	Gateway    string
	ProviderID string
	Phone      string
	Status     data.OutboundStatus
	Reason     string
}

// RecordReport applies a gateway's delivery report and reports whether it
// changed a message. The message the gateway sent as ProviderID takes
// a final status (sent → delivered or failed). A report on an id mtaa does
// not know, to a number that has a message of unknown send outcome (its
// sender died between the gateway taking it and the record, or the send
// timed out) waiting for its report, is taken as that message's: it is
// recorded as sent with this id, and not sent again. A report matching
// neither is kept for a while: the message it is about may be recorded
// later (its sender is still waiting for the gateway's answer), or become
// of unknown outcome later (its sender died; see deliverDue).
//
// A message being sent by a live dispatcher never takes a report here: at
// most one message per number is "sending" (Store.ClaimOutboundPerNumber),
// but a report on another message to the number whose id mtaa never
// learnt (one sent from the gateway's dashboard) could otherwise mark a
// message sent before it is.
func (d *Dispatcher) RecordReport(ctx context.Context, r DeliveryReport) (bool, error) {
	if r.ProviderID == "" {
		return false, nil
	}
	now := d.cfg.Now().UTC()
	rep := data.OutboundReport{Gateway: r.Gateway, ProviderID: r.ProviderID, Status: r.Status, Reason: r.Reason, ReceivedAt: now}
	if NormalizePhone(r.Phone) != "" {
		rep.PhoneHash = d.cfg.Phones.Hash(r.Phone)
	}
	m, adopted, err := d.store.RecordOutboundReport(ctx, rep, func(o *data.Outbound) bool {
		return o.ClaimedBy == "" || !o.NextAttemptAt.After(now) // of unknown outcome, not a live claim
	})
	if adopted {
		d.cfg.Logger.Info(logMatched, "gateway", r.Gateway, "message", m.ID)
	}
	return m != nil, err
}

// Log messages of the report matching, which bench/crash counts.
const (
	logMatched = "outbound SMS of unknown outcome matched to a delivery report: not sent again"
	logResent  = "no delivery report for an outbound SMS of unknown outcome: sending it again"
)

// reconcile decides about m, claimed for sending through gw, a gateway
// without SentLookup, when its previous claim ended without a recorded
// result (before holds it as it was): its outcome is unknown. A delivery
// report kept for its number since that claim makes it sent (adopted
// true). Else, within ReportWindow of that claim it is put back, still
// "sending" and unclaimed, due at the window's end, for a report to
// adopt it meanwhile (RecordReport); all results are false. After the
// window it becomes a new attempt (its claim time is now) and the caller
// sends it again (all results false, send true).
func (d *Dispatcher) reconcile(ctx context.Context, gw namedSender, m data.Outbound, before map[string]data.Outbound) (adopted, send, stop bool, err error) {
	since := before[m.ID].ClaimedAt
	if since.IsZero() {
		since = m.CreatedAt // claimed before claim times were kept
	}
	now := d.cfg.Now().UTC()
	mine := func(o *data.Outbound) bool { return o.Status == data.OutboundSending && o.ClaimedBy == d.cfg.Name }
	got, err := d.store.AdoptOutboundReport(context.WithoutCancel(ctx), m.ID, since.Add(-ReportClockSkew), now, mine)
	if err != nil {
		return false, false, true, fmt.Errorf("look for a delivery report on %s: %w", m.ID, err)
	}
	if got != nil {
		d.cfg.Logger.Info(logMatched, "gateway", gw.name, "message", m.ID)
		return true, false, false, nil
	}
	end := since.Add(d.cfg.ReportWindow)
	changed, err := d.store.UpdateOutbound(context.WithoutCancel(ctx), []string{m.ID}, func(o *data.Outbound) {
		if !mine(o) {
			return
		}
		o.UpdatedAt = now
		if now.Before(end) {
			o.ClaimedBy, o.NextAttemptAt = "", end
			o.LastError = "outcome of the last send unknown: waiting for a delivery report"
			return
		}
		o.ClaimedAt = now // a new attempt, whose outcome may become unknown in turn
	})
	if err != nil {
		return false, false, true, fmt.Errorf("record wait for a delivery report on %s: %w", m.ID, err)
	}
	if len(changed) != 1 || !now.Before(end) && !mine(&changed[0]) {
		return false, false, false, nil // recorded meanwhile, or another dispatcher's now
	}
	if now.Before(end) {
		d.cfg.Logger.Info("outbound SMS of unknown outcome waits for a delivery report", "gateway", gw.name, "message", m.ID, "until", end)
		return false, false, false, nil
	}
	d.cfg.Logger.Warn(logResent, "gateway", gw.name, "message", m.ID, "claimed", since)
	return false, true, false, nil
}

// recordUnknown records that the send of m through gw, a gateway without
// SentLookup, may have been taken (err wraps ErrOutcomeUnknown): m stays
// "sending", unclaimed, with its claim time, due again at the end of the
// report window; a delivery report adopts it meanwhile (RecordReport).
func (d *Dispatcher) recordUnknown(ctx context.Context, gw namedSender, m data.Outbound, sendErr error) error {
	now := d.cfg.Now().UTC()
	_, err := d.store.UpdateOutbound(context.WithoutCancel(ctx), []string{m.ID}, func(o *data.Outbound) {
		if o.Status != data.OutboundSending || o.ClaimedBy != d.cfg.Name {
			return
		}
		o.ClaimedBy, o.UpdatedAt, o.LastError = "", now, sendErr.Error()
		o.NextAttemptAt = o.ClaimedAt.Add(d.cfg.ReportWindow)
		if o.NextAttemptAt.Before(now) {
			o.NextAttemptAt = now
		}
	})
	if err != nil {
		return fmt.Errorf("record unknown outcome of %s: %w", m.ID, err)
	}
	d.cfg.Logger.Warn("outbound SMS of unknown outcome: waiting for a delivery report", "gateway", gw.name, "message", m.ID, "err", sendErr)
	return nil
}

// pruneReports removes delivery reports kept unmatched for longer than
// any message could still adopt them: GiveUpAfter and the report window.
func (d *Dispatcher) pruneReports(ctx context.Context) {
	before := d.cfg.Now().UTC().Add(-d.cfg.GiveUpAfter - d.cfg.ReportWindow)
	if n, err := d.store.PruneOutboundReports(ctx, before); err != nil {
		d.cfg.Logger.Warn("pruning unmatched delivery reports", "err", err)
	} else if n > 0 {
		d.cfg.Logger.Info("unmatched delivery reports pruned", "reports", n)
	}
}
