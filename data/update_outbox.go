package data

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// QueueOutbound stores messages in the outbox for the dispatcher to send
// (a status update to one reporter, for instance), in one transaction.
func (s *Store) QueueOutbound(ctx context.Context, msgs ...Outbound) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	err := s.w.submit(&writeOp{apply: func(tx *bolt.Tx) error {
		for i := range msgs {
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
