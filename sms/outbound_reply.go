package sms

import (
	"context"
	"errors"
	"fmt"

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

// ReplyTo is the inbound message a reply answers.
type ReplyTo struct {
	Gateway   string // GatewayAfricasTalking
	MessageID string // the gateway's id of the inbound message
	From      string // its sender, who gets the reply
	// LinkID is the gateway's link to the message (Africa's Talking's
	// linkId), sent back with the reply: on-demand premium short codes
	// need it to bill the reply to the session it answers.
	LinkID string
}

// QueueReply queues text to the sender of an inbound message, for a
// gateway whose webhook cannot answer in its response (Africa's Talking).
// It is idempotent: the reply to one message is queued once, however
// often the message is delivered, and then sent with the same retries as
// an alert. An empty text queues nothing.
func (d *Dispatcher) QueueReply(ctx context.Context, to ReplyTo, text string) error {
	if text == "" {
		return nil
	}
	rs, ok := d.store.(ReporterStore)
	if !ok {
		return ErrNoOutbox
	}
	sealed, err := d.cfg.Phones.Seal(to.From)
	if err != nil {
		return fmt.Errorf("queue reply to %s message %s: %w", to.Gateway, to.MessageID, err)
	}
	now := d.cfg.Now().UTC()
	m := data.Outbound{ID: ReplyID(to.Gateway, to.MessageID), Gateway: to.Gateway, PhoneHash: d.cfg.Phones.Hash(to.From), SealedPhone: sealed,
		Text: text, LinkID: to.LinkID, Status: data.OutboundQueued, NextAttemptAt: now, CreatedAt: now, UpdatedAt: now}
	if err := rs.QueueOutbound(ctx, m); err != nil {
		return fmt.Errorf("queue reply to %s message %s: %w", to.Gateway, to.MessageID, err)
	}
	return nil
}
