package sms

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mtaa-project/mtaa/data"
)

// ErrNoOutbox is returned when the dispatcher's store cannot queue single
// messages (it is not a ReporterStore).
var ErrNoOutbox = errors.New("sms: the store keeps no outbox for replies")

// ReplyID is the outbox id of the reply to inbound message messageID of
// gateway: derived from the message, so that a redelivery queues no second
// reply.
func ReplyID(gateway, messageID string) string {
	return "reply-" + gateway + "-" + messageID
}

// QueueReply queues text to the sender from of inbound message messageID,
// for a gateway whose webhook cannot answer in its response (Africa's
// Talking). It is idempotent: the reply to one message is queued once,
// however often the message is delivered, and then sent with the same
// retries as an alert. An empty text queues nothing.
func (d *Dispatcher) QueueReply(ctx context.Context, gateway, messageID, from, text string) error {
	if text == "" {
		return nil
	}
	rs, ok := d.store.(ReporterStore)
	if !ok {
		return ErrNoOutbox
	}
	sealed, err := d.cfg.Phones.Seal(from)
	if err != nil {
		return fmt.Errorf("queue reply to %s message %s: %w", gateway, messageID, err)
	}
	now := d.cfg.Now().UTC()
	m := data.Outbound{ID: ReplyID(gateway, messageID), Gateway: gateway, PhoneHash: d.cfg.Phones.Hash(from), SealedPhone: sealed,
		Text: text, Status: data.OutboundQueued, NextAttemptAt: now, CreatedAt: now, UpdatedAt: now}
	if err := rs.QueueOutbound(ctx, m); err != nil {
		return fmt.Errorf("queue reply to %s message %s: %w", gateway, messageID, err)
	}
	return nil
}

// maxAwaitingDelivery bounds the sent messages searched for a delivery
// report's message id.
const maxAwaitingDelivery = 10000

// RecordDelivery applies a gateway's delivery report on the message it
// sent as providerID: delivered, or failed with reason. It reports whether
// the message was found; a report for an unknown or already final message
// changes nothing.
func (d *Dispatcher) RecordDelivery(ctx context.Context, gateway, providerID string, delivered bool, reason string) (bool, error) {
	if providerID == "" {
		return false, nil
	}
	far := d.cfg.Now().Add(100 * 365 * 24 * time.Hour)
	sent, err := d.store.Outbox(gateway, []data.OutboundStatus{data.OutboundSent}, far, maxAwaitingDelivery)
	if err != nil {
		return false, err
	}
	for _, m := range sent {
		if m.ProviderID != providerID {
			continue
		}
		now := d.cfg.Now().UTC()
		changed, err := d.store.UpdateOutbound(ctx, []string{m.ID}, func(o *data.Outbound) {
			if o.Status != data.OutboundSent {
				return
			}
			o.UpdatedAt = now
			if delivered {
				o.Status = data.OutboundDelivered
			} else {
				o.Status, o.LastError = data.OutboundFailed, reason
			}
		})
		return len(changed) > 0, err
	}
	return false, nil
}
