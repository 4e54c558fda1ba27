package data

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// The outbox is keyed by message id (the SMSSync uuid). Three index
// buckets let the dispatcher find due messages, an alert's messages and
// the message a delivery report is about without reading the whole
// outbox, which grows with every alert:
//
//	outbox_due:         gateway 0 status 0 NextAttemptAt(8) id → nothing
//	outbox_by_alert:    alert id(8) message id            → nothing
//	outbox_by_provider: gateway 0 provider's message id   → message id
//
// Both are written in the transactions that write the messages, and built
// from the outbox once when a file written before them is opened.
var (
	bucketOutboxDue     = []byte("outbox_due")
	bucketOutboxByAlert = []byte("outbox_by_alert")
)

// timeKey encodes t so that byte order is time order (including the zero
// time): microseconds since 1970 with the sign bit flipped.
func timeKey(t time.Time) [8]byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(t.UnixMicro())^(1<<63))
	return b
}

// duePrefix is the index prefix of a gateway's messages in one status.
func duePrefix(gateway string, status OutboundStatus) []byte {
	p := make([]byte, 0, len(gateway)+len(status)+2+8+32)
	p = append(p, gateway...)
	p = append(p, 0)
	p = append(p, status...)
	return append(p, 0)
}

func dueKey(m *Outbound) []byte {
	t := timeKey(m.NextAttemptAt)
	return append(append(duePrefix(m.Gateway, m.Status), t[:]...), m.ID...)
}

func alertKey(m *Outbound) []byte {
	return append(idKey(m.AlertID), m.ID...)
}

// putOutbound writes m and its index entries, replacing those of old (the
// message as stored before, or nil for a new one). A message given a
// provider id takes the delivery report kept on that id, if one came
// first (m changes).
func putOutbound(tx kv.Tx, old, m *Outbound) error {
	if m.ProviderID != "" && (old == nil || old.ProviderID != m.ProviderID) {
		// A delivery report on this id may have come before this record.
		if err := takeKeptReport(tx, m); err != nil {
			return err
		}
	}
	outbox, err := tx.CreateBucketIfNotExists(bucketOutbox)
	if err != nil {
		return err
	}
	due, err := tx.CreateBucketIfNotExists(bucketOutboxDue)
	if err != nil {
		return err
	}
	byAlert, err := tx.CreateBucketIfNotExists(bucketOutboxByAlert)
	if err != nil {
		return err
	}
	// Created with the outbox, even before a message has a provider id:
	// a file whose outbox lacks it is one written before the index, which
	// opening indexes (so a copy opened elsewhere stays byte-equal).
	if _, err := tx.CreateBucketIfNotExists(bucketOutboxByProvider); err != nil {
		return err
	}
	if old != nil {
		if err := due.Delete(dueKey(old)); err != nil {
			return err
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := outbox.Put([]byte(m.ID), b); err != nil {
		return err
	}
	if err := due.Put(dueKey(m), nil); err != nil {
		return err
	}
	if m.AlertID != 0 && (old == nil || old.AlertID != m.AlertID) {
		if err := byAlert.Put(alertKey(m), nil); err != nil {
			return err
		}
	}
	return putProviderKey(tx, old, m)
}

// getOutbound reads one message by id; nil when there is none.
func getOutbound(tx kv.Tx, id []byte) (*Outbound, error) {
	b := tx.Bucket(bucketOutbox)
	if b == nil {
		return nil, nil
	}
	v := b.Get(id)
	if v == nil {
		return nil, nil
	}
	var m Outbound
	if err := json.Unmarshal(v, &m); err != nil {
		return nil, fmt.Errorf("%w: outbound %s: %w", ErrCorrupt, id, err)
	}
	return &m, nil
}

// dueOutbound returns up to limit messages of gateway in the statuses that
// are due at now, the longest due first; keep, when not nil, passes over
// the messages it says no to.
func dueOutbound(tx kv.Tx, gateway string, statuses []OutboundStatus, now time.Time, limit int, keep func(*Outbound) bool) ([]Outbound, error) {
	due := tx.Bucket(bucketOutboxDue)
	if due == nil || limit <= 0 {
		return nil, nil
	}
	end := timeKey(now)
	var out []Outbound
	for _, st := range statuses {
		prefix := duePrefix(gateway, st)
		c := due.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(out) < limit*len(statuses); k, _ = c.Next() {
			rest := k[len(prefix):]
			if len(rest) < 8 || bytes.Compare(rest[:8], end[:]) > 0 {
				break
			}
			m, err := getOutbound(tx, rest[8:])
			if err != nil {
				return nil, err
			}
			if m == nil {
				return nil, fmt.Errorf("%w: outbox index names missing message %s", ErrCorrupt, rest[8:])
			}
			if keep != nil && !keep(m) {
				continue
			}
			out = append(out, *m)
		}
	}
	slices.SortStableFunc(out, func(a, b Outbound) int { return a.NextAttemptAt.Compare(b.NextAttemptAt) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// indexOutbox builds the outbox indexes of a file written before they
// existed. It does nothing when they exist or there is no outbox.
func indexOutbox(tx kv.Tx) error {
	outbox := tx.Bucket(bucketOutbox)
	if outbox == nil || tx.Bucket(bucketOutboxDue) != nil && tx.Bucket(bucketOutboxByProvider) != nil {
		return nil
	}
	var msgs []Outbound
	err := outbox.ForEach(func(k, v []byte) error {
		var m Outbound
		if err := json.Unmarshal(v, &m); err != nil {
			return fmt.Errorf("%w: outbound %s: %w", ErrCorrupt, k, err)
		}
		msgs = append(msgs, m)
		return nil
	})
	if err != nil {
		return err
	}
	// Every index is rebuilt: the puts of entries that exist are no-ops.
	for _, name := range [][]byte{bucketOutboxDue, bucketOutboxByProvider} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	for i := range msgs {
		if err := putOutbound(tx, nil, &msgs[i]); err != nil {
			return err
		}
	}
	return nil
}
