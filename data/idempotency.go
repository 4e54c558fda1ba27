package data

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// KnownIdempotencyKeys reports, for each of keys, whether a stored report
// carries it: what a dry-run import needs to tell new rows from rows
// imported before. It only reads; empty keys are never known.
func (s *Store) KnownIdempotencyKeys(keys []string) ([]bool, error) {
	known := make([]bool, len(keys))
	err := s.db.View(func(tx *bolt.Tx) error {
		idem := tx.Bucket(bucketIdempotency)
		for i, k := range keys {
			known[i] = k != "" && idem.Get([]byte(k)) != nil
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("look up %d idempotency keys: %w", len(keys), err)
	}
	return known, nil
}
