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

// keepNumber seals the number of a phone whose message creates a report
// or opens a draft, so that the reporter can be told when its status
// changes (Dispatcher.NotifyReporter), or when a moderator files the
// draft. The number is kept as alert subscribers' are (AES-GCM, never in
// clear) in the phone's subscriber record, which does not join it to any
// alerts. It returns the outcome to commit.
func (e *Engine) keepNumber(m *message, sub *data.Subscriber, d decision) (data.SMSOutcome, error) {
	out := d.out
	if out.Report == nil && out.Conversation == nil || out.Subscriber != nil || sub != nil && sub.SealedPhone != nil {
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
