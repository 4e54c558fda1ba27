package data

import (
	"context"
	"encoding/json"
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
		outbox, err := tx.CreateBucketIfNotExists(bucketOutbox)
		if err != nil {
			return err
		}
		for _, m := range msgs {
			v, err := json.Marshal(m)
			if err != nil {
				return err
			}
			if err := outbox.Put([]byte(m.ID), v); err != nil {
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
