package data

import (
	"context"
	"fmt"

	"github.com/mtaa-project/mtaa/data/kv"
)

// QueueOutbound stores messages in the outbox for the dispatcher to send
// (a status update to one reporter, for instance), in one transaction. A
// message whose id is already in the outbox is left as it is, so a message
// queued under an id derived from what caused it (the reply to an inbound
// message redelivered by its gateway) is queued once.
func (s *Store) QueueOutbound(ctx context.Context, msgs ...Outbound) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		for i := range msgs {
			if old, err := getOutbound(tx, []byte(msgs[i].ID)); err != nil {
				return err
			} else if old != nil {
				continue
			}
			if err := putOutbound(tx, nil, &msgs[i]); err != nil {
				return err
			}
		}
		return nil
	}})
	if err != nil {
		return fmt.Errorf("queue %d outbound messages: %w", len(msgs), err)
	}
	return nil
}
