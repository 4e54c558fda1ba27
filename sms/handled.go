package sms

import (
	"context"
	"time"
)

// HandledKeptFor is how long the record of a handled inbound message (its
// reply and report, by the gateway's message id) is kept, so that a
// redelivery of the message is answered once: gateways redeliver within
// hours, so a month leaves a wide margin.
const HandledKeptFor = 30 * 24 * time.Hour

// PurgeHandled deletes the records of messages handled more than
// HandledKeptFor ago and returns how many it deleted.
func (e *Engine) PurgeHandled(ctx context.Context) (int, error) {
	if e.store == nil {
		return 0, nil
	}
	return e.store.PurgeHandled(ctx, e.cfg.Now().Add(-HandledKeptFor))
}
