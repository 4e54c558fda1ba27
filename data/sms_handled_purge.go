package data

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// purgeHandledBatch is how many records of handled messages one write
// transaction of PurgeHandled deletes, so that purging a long history
// never holds the writer for long.
const purgeHandledBatch = 5000

// PurgeHandled deletes the records of inbound messages (SMS, WhatsApp,
// USSD steps) handled before before: the reply each got and its report,
// kept so that a gateway's redelivery is answered once. Gateways redeliver
// within hours, so old records only grow the database. It returns how many
// it deleted. The records are read in a read transaction and deleted in
// small write transactions.
func (s *Store) PurgeHandled(ctx context.Context, before time.Time) (int, error) {
	var doomed [][]byte
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketSMSInbound)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var head struct {
				At time.Time `json:"at"`
			}
			if err := json.Unmarshal(v, &head); err != nil {
				return fmt.Errorf("%w: sms message %s: %w", ErrCorrupt, k, err)
			}
			if head.At.Before(before) {
				doomed = append(doomed, append([]byte(nil), k...))
			}
			return nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("purge handled messages: %w", err)
	}
	n := 0
	for start := 0; start < len(doomed); start += purgeHandledBatch {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		batch := doomed[start:min(start+purgeHandledBatch, len(doomed))]
		err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
			b := tx.Bucket(bucketSMSInbound)
			if b == nil {
				return nil
			}
			for _, k := range batch {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
			return nil
		}})
		if err != nil {
			return n, fmt.Errorf("purge handled messages: %w", err)
		}
		n += len(batch)
	}
	return n, nil
}
