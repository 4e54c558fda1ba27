package data

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// bucketOutboxReports keeps the delivery reports that named no message
// mtaa knows (unmatched), until a message adopts them or they expire:
//
//	outbox_reports: gateway 0 phone hash 0 provider's message id → OutboundReport
//
// A gateway without a lookup of sent messages (Africa's Talking) tells of a
// message whose send outcome a crash left unknown only through its
// delivery reports, which may come before mtaa knows which message is of
// unknown outcome; they wait here. Reports are keyed by number so that a
// message finds those to its number in one range read.
var bucketOutboxReports = []byte("outbox_reports")

// OutboundReport is a gateway's delivery report on an outbound message:
// ProviderID is the id the gateway gave the message, PhoneHash the
// recipient's number hashed as in Outbound.PhoneHash, and Status what it
// says: OutboundSent (an intermediate status: the gateway took the
// message), OutboundDelivered or OutboundFailed (final, with Reason).
type OutboundReport struct {
	Gateway    string         `json:"gateway"`
	ProviderID string         `json:"provider_id"`
	PhoneHash  string         `json:"phone_hash"`
	Status     OutboundStatus `json:"status"`
	Reason     string         `json:"reason,omitempty"`
	ReceivedAt time.Time      `json:"received_at"`
}

// final reports whether the report ends the message's delivery.
func (r OutboundReport) final() bool {
	return r.Status == OutboundDelivered || r.Status == OutboundFailed
}

// applyReport applies a report on m's own provider id: a sent message
// becomes delivered or failed on a final report; anything else changes
// nothing. It reports whether m changed.
func (m *Outbound) applyReport(r OutboundReport) bool {
	if m.Status != OutboundSent || !r.final() {
		return false
	}
	m.Status, m.UpdatedAt = r.Status, r.ReceivedAt
	if r.Status == OutboundFailed {
		m.LastError = r.Reason
	}
	return true
}

// adoptReport records that the gateway took m, a message whose send
// outcome was unknown, as r.ProviderID: m is sent, its unrecorded attempt
// counted, unclaimed, and r's final status applies.
func (m *Outbound) adoptReport(r OutboundReport, now time.Time) {
	m.Status, m.ProviderID, m.LastError, m.ClaimedBy, m.UpdatedAt = OutboundSent, r.ProviderID, "", "", now
	m.Attempts++
	m.applyReport(r)
}

func reportPrefix(gateway, phoneHash string) []byte {
	k := make([]byte, 0, len(gateway)+len(phoneHash)+2+32)
	k = append(k, gateway...)
	k = append(k, 0)
	k = append(k, phoneHash...)
	return append(k, 0)
}

func reportKey(r OutboundReport) []byte {
	return append(reportPrefix(r.Gateway, r.PhoneHash), r.ProviderID...)
}

// RecordOutboundReport applies a delivery report, in one write
// transaction, and returns the message it changed (nil when none) and
// whether that message adopted the report:
//
//   - the message the gateway sent as r.ProviderID, when there is one,
//     takes a final status (a sent message becomes delivered or failed);
//   - else the message adopts it that is of r.Gateway, "sending" to
//     r.PhoneHash, for which adoptable says yes (a message of unknown send
//     outcome: the caller's rule), the one claimed first when several
//     are: it becomes sent as r.ProviderID (see adoptReport);
//   - else, when r has a phone hash, the report is kept, unmatched, for AdoptOutboundReport and
//     for the message that is recorded with its provider id later (a
//     report that came before the sender's record); a later report on the
//     same id replaces it unless it is intermediate and the kept one final.
func (s *Store) RecordOutboundReport(ctx context.Context, r OutboundReport, adoptable func(*Outbound) bool) (*Outbound, bool, error) {
	if r.Gateway == "" || r.ProviderID == "" {
		return nil, false, fmt.Errorf("record delivery report: gateway and provider id are required")
	}
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	var out *Outbound
	adopted := false
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		out, adopted = nil, false
		if id := providerMessageID(tx, r.Gateway, r.ProviderID); id != nil {
			old, err := getOutbound(tx, id)
			if err != nil {
				return err
			}
			if old == nil {
				return fmt.Errorf("%w: outbox provider index names missing message %s", ErrCorrupt, id)
			}
			m := *old
			if !m.applyReport(r) {
				return nil
			}
			out = &m
			return putOutbound(tx, old, &m)
		}
		if r.PhoneHash == "" {
			return nil // no number: nothing to match it by
		}
		old, err := adoptionCandidate(tx, r, adoptable)
		if err != nil {
			return err
		}
		if old != nil {
			m := *old
			m.adoptReport(r, r.ReceivedAt)
			if err := putOutbound(tx, old, &m); err != nil {
				return err
			}
			out, adopted = &m, true
			return nil
		}
		return keepReport(tx, r)
	}})
	if err != nil {
		return nil, false, fmt.Errorf("record delivery report %s: %w", r.ProviderID, err)
	}
	return out, adopted, nil
}

// providerMessageID is the id of the message gateway sent as providerID,
// nil when none.
func providerMessageID(tx kv.Tx, gateway, providerID string) []byte {
	b := tx.Bucket(bucketOutboxByProvider)
	if b == nil {
		return nil
	}
	return b.Get(providerKey(gateway, providerID))
}

// adoptionCandidate finds the "sending" message of r's gateway to r's
// number that adoptable accepts, the earliest claimed (then the lowest
// id) when several are; nil when none. It reads the gateway's "sending"
// messages only: those claimed for sending and those of unknown outcome.
func adoptionCandidate(tx kv.Tx, r OutboundReport, adoptable func(*Outbound) bool) (*Outbound, error) {
	var best *Outbound
	err := eachSending(tx, r.Gateway, func(m *Outbound) {
		if m.PhoneHash != r.PhoneHash || !adoptable(m) {
			return
		}
		if best == nil || m.ClaimedAt.Before(best.ClaimedAt) || m.ClaimedAt.Equal(best.ClaimedAt) && m.ID < best.ID {
			best = m
		}
	})
	return best, err
}

// keepReport stores r unmatched, merged with a kept report on the same id.
func keepReport(tx kv.Tx, r OutboundReport) error {
	b, err := tx.CreateBucketIfNotExists(bucketOutboxReports)
	if err != nil {
		return err
	}
	k := reportKey(r)
	if v := b.Get(k); v != nil {
		var kept OutboundReport
		if err := json.Unmarshal(v, &kept); err != nil {
			return fmt.Errorf("%w: delivery report %s: %w", ErrCorrupt, r.ProviderID, err)
		}
		if kept.final() && !r.final() {
			return nil
		}
		r.ReceivedAt = kept.ReceivedAt // when the gateway first told of it
	}
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return b.Put(k, v)
}

// takeKeptReport applies to m the unmatched report kept on m's own
// provider id, if any, and removes it: the report came before m was
// recorded as sent. It is called by putOutbound when m gets a provider id.
func takeKeptReport(tx kv.Tx, m *Outbound) error {
	b := tx.Bucket(bucketOutboxReports)
	if b == nil {
		return nil
	}
	k := append(reportPrefix(m.Gateway, m.PhoneHash), m.ProviderID...)
	v := b.Get(k)
	if v == nil {
		return nil
	}
	var r OutboundReport
	if err := json.Unmarshal(v, &r); err != nil {
		return fmt.Errorf("%w: delivery report %s: %w", ErrCorrupt, m.ProviderID, err)
	}
	m.applyReport(r)
	return b.Delete(k)
}

// AdoptOutboundReport looks for an unmatched delivery report on a message
// of unknown send outcome, in one write transaction: when adoptable says
// yes to message id as stored (the caller's rule: still of unknown
// outcome, still the caller's), the earliest kept report of its gateway to
// its number received at since or later makes it sent (see adoptReport;
// the report is removed). It returns the message as changed, or nil when
// nothing was adopted.
func (s *Store) AdoptOutboundReport(ctx context.Context, id string, since, now time.Time, adoptable func(*Outbound) bool) (*Outbound, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out *Outbound
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		out = nil
		b := tx.Bucket(bucketOutboxReports)
		if b == nil {
			return nil
		}
		old, err := getOutbound(tx, []byte(id))
		if err != nil || old == nil || old.Status != OutboundSending || !adoptable(old) {
			return err
		}
		var (
			best    *OutboundReport
			bestKey []byte
		)
		prefix := reportPrefix(old.Gateway, old.PhoneHash)
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var r OutboundReport
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("%w: delivery report %q: %w", ErrCorrupt, k, err)
			}
			if r.ReceivedAt.Before(since) {
				continue
			}
			if best == nil || r.ReceivedAt.Before(best.ReceivedAt) {
				best, bestKey = &r, append([]byte(nil), k...)
			}
		}
		if best == nil {
			return nil
		}
		if err := b.Delete(bestKey); err != nil {
			return err
		}
		m := *old
		m.adoptReport(*best, now)
		if err := putOutbound(tx, old, &m); err != nil {
			return err
		}
		out = &m
		return nil
	}})
	if err != nil {
		return nil, fmt.Errorf("adopt delivery report for %s: %w", id, err)
	}
	return out, nil
}

// PruneOutboundReports removes the unmatched delivery reports received
// before before and returns how many. No message can adopt them any more
// once their messages have been given up.
func (s *Store) PruneOutboundReports(ctx context.Context, before time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	n := 0
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		n = 0
		b := tx.Bucket(bucketOutboxReports)
		if b == nil {
			return nil
		}
		var old [][]byte
		err := b.ForEach(func(k, v []byte) error {
			var r OutboundReport
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("%w: delivery report %q: %w", ErrCorrupt, k, err)
			}
			if r.ReceivedAt.Before(before) {
				old = append(old, append([]byte(nil), k...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range old {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		n = len(old)
		return nil
	}})
	if err != nil {
		return 0, fmt.Errorf("prune delivery reports: %w", err)
	}
	return n, nil
}
