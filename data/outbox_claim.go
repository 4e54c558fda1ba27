package data

import (
	"bytes"
	"context"
	"fmt"
	"slices"
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
	return s.claimOutbound(ctx, gateway, statuses, now, limit, false, claim)
}

// ClaimOutboundPerNumber is ClaimOutbound keeping at most one message per
// number "sending": a due message is passed over while another message of
// gateway to its number is "sending" (claimed by any dispatcher, or of
// unknown outcome), and one batch takes one message per number; of
// several "sending" to one number (left by an older version) the earliest
// claimed goes first. A delivery report that names a message by an id
// mtaa does not know, but by its number, can then belong to one message
// only (RecordOutboundReport).
func (s *Store) ClaimOutboundPerNumber(ctx context.Context, gateway string, statuses []OutboundStatus, now time.Time, limit int, claim func(*Outbound)) ([]Outbound, error) {
	return s.claimOutbound(ctx, gateway, statuses, now, limit, true, claim)
}

func (s *Store) claimOutbound(ctx context.Context, gateway string, statuses []OutboundStatus, now time.Time, limit int, perNumber bool, claim func(*Outbound)) ([]Outbound, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var claimed []Outbound
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		var keep func(*Outbound) bool
		if perNumber {
			first, err := firstSendingByNumber(tx, gateway)
			if err != nil {
				return err
			}
			keep = func(m *Outbound) bool {
				id, ok := first[m.PhoneHash]
				return !ok || id == m.ID
			}
		}
		due, err := dueOutbound(tx, gateway, statuses, now, limit, keep)
		if err != nil {
			return err
		}
		if perNumber {
			taken := map[string]bool{}
			due = slices.DeleteFunc(due, func(m Outbound) bool {
				if taken[m.PhoneHash] {
					return true
				}
				taken[m.PhoneHash] = true
				return false
			})
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

// firstSendingByNumber maps each number (phone hash) with a message of
// gateway "sending" to the earliest claimed of them (then the lowest id).
// It reads the "sending" messages only.
func firstSendingByNumber(tx kv.Tx, gateway string) (map[string]string, error) {
	first := map[string]*Outbound{}
	err := eachSending(tx, gateway, func(m *Outbound) {
		if f := first[m.PhoneHash]; f == nil || m.ClaimedAt.Before(f.ClaimedAt) || m.ClaimedAt.Equal(f.ClaimedAt) && m.ID < f.ID {
			first[m.PhoneHash] = m
		}
	})
	out := make(map[string]string, len(first))
	for p, m := range first {
		out[p] = m.ID
	}
	return out, err
}

// eachSending calls fn with each message of gateway in "sending", due or
// not, through the due index.
func eachSending(tx kv.Tx, gateway string, fn func(*Outbound)) error {
	due := tx.Bucket(bucketOutboxDue)
	if due == nil {
		return nil
	}
	prefix := duePrefix(gateway, OutboundSending)
	c := due.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		rest := k[len(prefix):]
		if len(rest) < 8 {
			return fmt.Errorf("%w: outbox index key %q", ErrCorrupt, k)
		}
		m, err := getOutbound(tx, rest[8:])
		if err != nil {
			return err
		}
		if m == nil {
			return fmt.Errorf("%w: outbox index names missing message %s", ErrCorrupt, rest[8:])
		}
		fn(m)
	}
	return nil
}
