package data

import (
	"context"
	"fmt"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// ClaimOutbound takes up to limit messages of gateway that are in one of
// the statuses and due at now (as Outbox finds them), applies claim to each
// and stores them, in one write transaction, and returns them as claimed.
// Because finding and changing are one transaction, of several dispatchers
// on one database (one per server) each message is taken by one: claim
// typically marks it "sending" by its caller with a lease (NextAttemptAt)
// after which, unconfirmed, it is due again. Identity fields are not the
// claim's to alter.
func (s *Store) ClaimOutbound(ctx context.Context, gateway string, statuses []OutboundStatus, now time.Time, limit int, claim func(*Outbound)) ([]Outbound, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var claimed []Outbound
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		due, err := dueOutbound(tx, gateway, statuses, now, limit)
		if err != nil {
			return err
		}
		claimed = claimed[:0]
		for i := range due {
			old := due[i]
			m := old
			claim(&m)
			m.ID, m.Gateway, m.AlertID = old.ID, old.Gateway, old.AlertID
			if err := putOutbound(tx, &old, &m); err != nil {
				return err
			}
			claimed = append(claimed, m)
		}
		return nil
	}})
	if err != nil {
		return nil, fmt.Errorf("claim outbox of %s: %w", gateway, err)
	}
	return claimed, nil
}
