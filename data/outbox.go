package data

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Buckets of outbound messages and area alerts, created on first use.
var (
	bucketAlerts = []byte("alerts")
	bucketOutbox = []byte("outbox")
)

// OutboundStatus is where an outbound SMS stands.
type OutboundStatus string

// The outbound statuses. A message goes queued → sending (handed to the
// gateway) → sent → delivered, or ends failed after its last retry.
const (
	OutboundQueued    OutboundStatus = "queued"
	OutboundSending   OutboundStatus = "sending"
	OutboundSent      OutboundStatus = "sent"
	OutboundDelivered OutboundStatus = "delivered"
	OutboundFailed    OutboundStatus = "failed"
)

// Outbound is one SMS to send. The number is kept sealed; it is opened
// only when the message is handed to a gateway.
type Outbound struct {
	ID          string         `json:"id"`
	AlertID     uint64         `json:"alert_id,omitempty"`
	Gateway     string         `json:"gateway"`
	PhoneHash   string         `json:"phone_hash"`
	SealedPhone []byte         `json:"sealed_phone"`
	Text        string         `json:"text"`
	Status      OutboundStatus `json:"status"`
	Attempts    int            `json:"attempts"`
	// NextAttemptAt is when a queued message is due, or when a message
	// handed to a gateway without confirmation is offered again.
	NextAttemptAt time.Time `json:"next_attempt_at"`
	ProviderID    string    `json:"provider_id,omitempty"`
	// LinkID is the gateway's link to the inbound message a reply answers
	// (Africa's Talking's linkId, which on-demand premium services must
	// send back); empty for alerts.
	LinkID    string    `json:"link_id,omitempty"`
	LastError string    `json:"last_error,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// ClaimedBy names the dispatcher (one per server) that holds a
	// "sending" message until NextAttemptAt (see Store.ClaimOutbound).
	ClaimedBy string `json:"claimed_by,omitempty"`
	// ClaimedAt is when the attempt whose outcome is not known yet began:
	// set when a queued message is claimed for sending and kept while it
	// stays "sending" across claims (a dispatcher died before recording
	// the result), so that a dispatcher taking it over can ask the gateway
	// what it sent since then (sms.SentLookup) instead of sending again.
	ClaimedAt time.Time `json:"claimed_at,omitzero"`
}

// Alert is a message sent to every subscriber inside an area.
type Alert struct {
	ID      uint64 `json:"id"`
	Message string `json:"message"`
	// Area is the GeoJSON geometry (Polygon or MultiPolygon) the alert
	// covers; AreaName names it when it came from the OSM extract.
	Area       json.RawMessage `json:"area"`
	AreaName   string          `json:"area_name,omitempty"`
	Recipients int             `json:"recipients"`
	CreatedAt  time.Time       `json:"created_at"`
}

// NewOutboundID returns a random 128-bit id in hex (also used as the
// SMSSync message uuid).
func NewOutboundID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic("data: no randomness: " + err.Error()) // crypto/rand never fails on Linux
	}
	return hex.EncodeToString(b)
}

// CreateAlert stores an alert and its outbound messages in one
// transaction, assigning the alert's id.
func (s *Store) CreateAlert(ctx context.Context, a Alert, msgs []Outbound) (Alert, error) {
	if err := ctx.Err(); err != nil {
		return Alert{}, err
	}
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		alerts, err := tx.CreateBucketIfNotExists(bucketAlerts)
		if err != nil {
			return err
		}
		id, err := alerts.NextSequence()
		if err != nil {
			return err
		}
		a.ID, a.Recipients = id, len(msgs)
		b, _ := json.Marshal(a)
		if err := alerts.Put(idKey(id), b); err != nil {
			return err
		}
		for i := range msgs {
			m := msgs[i]
			m.AlertID = id
			if err := putOutbound(tx, nil, &m); err != nil {
				return err
			}
		}
		return nil
	}})
	if err != nil {
		return Alert{}, fmt.Errorf("create alert: %w", err)
	}
	return a, nil
}

// GetAlert returns an alert and its messages.
func (s *Store) GetAlert(id uint64) (Alert, []Outbound, error) {
	var a Alert
	var msgs []Outbound
	err := s.db.View(func(tx kv.Tx) error {
		alerts := tx.Bucket(bucketAlerts)
		if alerts == nil {
			return ErrNotFound
		}
		v := alerts.Get(idKey(id))
		if v == nil {
			return ErrNotFound
		}
		if err := json.Unmarshal(v, &a); err != nil {
			return fmt.Errorf("%w: alert %d: %w", ErrCorrupt, id, err)
		}
		byAlert := tx.Bucket(bucketOutboxByAlert)
		if byAlert == nil {
			return nil
		}
		prefix := idKey(id)
		c := byAlert.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			m, err := getOutbound(tx, k[len(prefix):])
			if err != nil {
				return err
			}
			if m == nil {
				return fmt.Errorf("%w: alert %d names missing message %s", ErrCorrupt, id, k[len(prefix):])
			}
			msgs = append(msgs, *m)
		}
		return nil
	})
	if err != nil {
		return Alert{}, nil, fmt.Errorf("get alert %d: %w", id, err)
	}
	return a, msgs, nil
}

// Outbox returns up to limit messages for gateway that are in one of the
// statuses and due at now (NextAttemptAt not after now), the longest due
// first. It reads only those messages (an index keeps them in due order).
func (s *Store) Outbox(gateway string, statuses []OutboundStatus, now time.Time, limit int) ([]Outbound, error) {
	var out []Outbound
	err := s.db.View(func(tx kv.Tx) error {
		var err error
		out, err = dueOutbound(tx, gateway, statuses, now, limit, nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	return out, nil
}

// UpdateOutbound applies change to each existing message among ids, in one
// transaction, and returns the messages as changed. Unknown ids are
// skipped.
func (s *Store) UpdateOutbound(ctx context.Context, ids []string, change func(*Outbound)) ([]Outbound, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var changed []Outbound
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		changed = changed[:0]
		for _, id := range ids {
			old, err := getOutbound(tx, []byte(id))
			if err != nil {
				return err
			}
			if old == nil {
				continue
			}
			m := *old
			change(&m)
			m.ID, m.Gateway, m.AlertID = old.ID, old.Gateway, old.AlertID // identity is not the change's to alter
			if err := putOutbound(tx, old, &m); err != nil {
				return err
			}
			changed = append(changed, m)
		}
		return nil
	}})
	if err != nil {
		return nil, fmt.Errorf("update outbox: %w", err)
	}
	return changed, nil
}
