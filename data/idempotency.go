package data

import (
	"fmt"

	"github.com/mtaa-project/mtaa/data/kv"
)

// IdempotencyKeyIDs returns, for each of keys, the id of the stored report
// that carries it, or 0 when none does (empty keys never match). It only
// reads: a bulk import uses it to skip rows an earlier import stored, and a
// dry run to tell new rows from those.
func (s *Store) IdempotencyKeyIDs(keys []string) ([]uint64, error) {
	ids := make([]uint64, len(keys))
	err := s.db.View(func(tx kv.Tx) error {
		idem := tx.Bucket(bucketIdempotency)
		for i, k := range keys {
			if k == "" {
				continue
			}
			if rk := idem.Get([]byte(k)); len(rk) >= recordKeyLen { // the key, then the request hash
				ids[i] = keyID(rk)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("look up %d idempotency keys: %w", len(keys), err)
	}
	return ids, nil
}
