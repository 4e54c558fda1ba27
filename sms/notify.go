package sms

import (
	"context"
	"fmt"
	"strings"

	"github.com/mtaa-project/mtaa/data"
)

// ReporterStore is what status messages to reporters need beyond
// OutboxStore; *data.Store implements it. A dispatcher over a store
// without it sends none.
type ReporterStore interface {
	Subscriber(phoneHash string) (*data.Subscriber, error)
	QueueOutbound(ctx context.Context, msgs ...data.Outbound) error
}

var _ ReporterStore = (*data.Store)(nil)

// sealedPhone returns the sealed number kept for a reporter ("sms:<phone
// hash>"). mtaa keeps a number only for phones subscribed to alerts
// (JOIN): other reporters are known by their hash alone, which cannot be
// turned back into a number, so they cannot be written to.
func (d *Dispatcher) sealedPhone(reporter string) (*data.Subscriber, bool) {
	hash, ok := strings.CutPrefix(reporter, "sms:")
	rs, isRS := d.store.(ReporterStore)
	if !ok || !isRS {
		return nil, false
	}
	sub, err := rs.Subscriber(hash)
	if err != nil || sub == nil || sub.SealedPhone == nil {
		return nil, false
	}
	return sub, true
}

// NotifyReporter queues StatusText to the reporter of report id, in the
// language of the phone's last message, and
// reports whether it could: not for a reporter whose number is not kept,
// nor for a phone that sent STOP.
func (d *Dispatcher) NotifyReporter(ctx context.Context, reporter string, id uint64, status data.Status) (bool, error) {
	return d.tellReporter(ctx, reporter, func(lang string) string { return d.cfg.Replies.StatusText(lang, id, status) })
}

// TellReporter queues text to a report's SMS reporter (a moderator filed
// its draft) and reports whether it could, as NotifyReporter.
func (d *Dispatcher) TellReporter(ctx context.Context, reporter, text string) (bool, error) {
	return d.tellReporter(ctx, reporter, func(string) string { return text })
}

func (d *Dispatcher) tellReporter(ctx context.Context, reporter string, text func(lang string) string) (bool, error) {
	sub, ok := d.sealedPhone(reporter)
	if !ok || sub.Stopped {
		return false, nil
	}
	now := d.cfg.Now().UTC()
	m := data.Outbound{ID: data.NewOutboundID(), Gateway: d.gateway(), PhoneHash: sub.PhoneHash, SealedPhone: sub.SealedPhone,
		Text: text(sub.Lang), Status: data.OutboundQueued, NextAttemptAt: now, CreatedAt: now, UpdatedAt: now}
	if err := d.store.(ReporterStore).QueueOutbound(ctx, m); err != nil {
		return false, fmt.Errorf("write to reporter %s: %w", reporter, err)
	}
	return true, nil
}

// ReporterPhone returns a reporter's number, for moderators, when it is
// kept (see sealedPhone).
func (d *Dispatcher) ReporterPhone(reporter string) (string, bool) {
	sub, ok := d.sealedPhone(reporter)
	if !ok {
		return "", false
	}
	phone, err := d.cfg.Phones.Open(sub.SealedPhone)
	if err != nil {
		return "", false
	}
	return phone, true
}

// ReporterOptedOut reports whether an SMS reporter ("sms:<phone hash>")
// has opted out (sent STOP, not START since): nothing is sent to them;
// moderators are shown it.
func (d *Dispatcher) ReporterOptedOut(reporter string) bool {
	hash, ok := strings.CutPrefix(reporter, "sms:")
	rs, isRS := d.store.(ReporterStore)
	if !ok || !isRS {
		return false
	}
	sub, err := rs.Subscriber(hash)
	return err == nil && sub != nil && sub.Stopped
}

// keepNumber seals the number of a phone whose message creates a report
// or opens a draft, so that the reporter can be told when its status
// changes (Dispatcher.NotifyReporter), or when a moderator files the
// draft. The number is kept as alert subscribers' are (AES-GCM, never in
// clear) in the phone's subscriber record, which does not join it to any
// alerts. It returns the outcome to commit.
//
// A report or draft in another language than the phone's subscription's
// (JOIN in English, then a report in Creole) makes it the phone's
// language: the language of its next message when that one does not
// tell (a bare "non" after the receipt: bareNoLang), and of its status
// messages.
func (e *Engine) keepNumber(m *message, sub *data.Subscriber, d decision) (data.SMSOutcome, error) {
	out := d.out
	if out.Report == nil && out.Conversation == nil || out.Subscriber != nil {
		return out, nil
	}
	if sub != nil && sub.SealedPhone != nil {
		if sub.Lang != m.lang && e.cfg.Replies.Has(m.lang) {
			s := *sub
			s.Lang, s.UpdatedAt = m.lang, m.now
			out.Subscriber = &s
		}
		return out, nil
	}
	sealed, err := e.cfg.Phones.Seal(m.from)
	if err != nil {
		return data.SMSOutcome{}, err
	}
	s := e.subscriberFor(m, sub)
	s.SealedPhone = sealed
	out.Subscriber = s
	return out, nil
}

// OptedOutError is the LastError of an outbound message not sent because
// its phone opted out (STOP) after it was queued: it is failed, never
// sent, whatever the gateway.
const OptedOutError = "not sent: the resident sent STOP"

// optedOut reports whether m must not be sent: its phone has opted out
// (Subscriber.Stopped) since before m was queued, or without a time (the
// USSD menu's stop). The reply to the STOP itself, queued after it, is
// sent. A store that keeps no subscribers opts out no one.
func (d *Dispatcher) optedOut(m data.Outbound) (bool, error) {
	rs, ok := d.store.(ReporterStore)
	if !ok || m.PhoneHash == "" {
		return false, nil
	}
	sub, err := rs.Subscriber(m.PhoneHash)
	if err != nil {
		return false, fmt.Errorf("opt-out of %s: %w", m.ID, err)
	}
	if sub == nil || !sub.Stopped {
		return false, nil
	}
	return sub.StoppedAt.IsZero() || m.CreatedAt.Before(sub.StoppedAt), nil
}

// failOptedOut records m, claimed by this dispatcher, as failed with
// OptedOutError.
func (d *Dispatcher) failOptedOut(ctx context.Context, m data.Outbound) error {
	now := d.cfg.Now().UTC()
	_, err := d.store.UpdateOutbound(context.WithoutCancel(ctx), []string{m.ID}, func(o *data.Outbound) {
		if o.Status != data.OutboundSending || o.ClaimedBy != d.cfg.Name {
			return
		}
		o.Status, o.LastError, o.ClaimedBy, o.UpdatedAt = data.OutboundFailed, OptedOutError, "", now
	})
	if err != nil {
		return fmt.Errorf("record opt-out of %s: %w", m.ID, err)
	}
	d.cfg.Logger.Info("outbound SMS not sent: its phone sent STOP", "message", m.ID)
	return nil
}
