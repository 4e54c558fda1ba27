package data

import (
	"fmt"

	"github.com/mtaa-project/mtaa/data/kv"
)

// bucketOutboxByProvider indexes sent messages by the id their gateway
// gave them, the id its delivery reports carry.
var bucketOutboxByProvider = []byte("outbox_by_provider")

func providerKey(gateway, providerID string) []byte {
	k := make([]byte, 0, len(gateway)+1+len(providerID))
	k = append(k, gateway...)
	k = append(k, 0)
	return append(k, providerID...)
}

// putProviderKey indexes m under its provider id, once it has one.
func putProviderKey(tx kv.Tx, old, m *Outbound) error {
	if m.ProviderID == "" || old != nil && old.ProviderID == m.ProviderID {
		return nil
	}
	b, err := tx.CreateBucketIfNotExists(bucketOutboxByProvider)
	if err != nil {
		return err
	}
	if old != nil && old.ProviderID != "" {
		if err := b.Delete(providerKey(old.Gateway, old.ProviderID)); err != nil {
			return err
		}
	}
	return b.Put(providerKey(m.Gateway, m.ProviderID), []byte(m.ID))
}

// OutboundByProvider returns the message gateway sent as providerID (the
// id in its delivery reports), or nil when there is none. It reads one
// index entry and one message.
func (s *Store) OutboundByProvider(gateway, providerID string) (*Outbound, error) {
	if providerID == "" {
		return nil, nil
	}
	var out *Outbound
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketOutboxByProvider)
		if b == nil {
			return nil
		}
		id := b.Get(providerKey(gateway, providerID))
		if id == nil {
			return nil
		}
		m, err := getOutbound(tx, id)
		if err != nil {
			return err
		}
		if m == nil {
			return fmt.Errorf("%w: outbox provider index names missing message %s", ErrCorrupt, id)
		}
		out = m
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("outbound by provider id %s: %w", providerID, err)
	}
	return out, nil
}
