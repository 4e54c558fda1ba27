package data

import (
	"encoding/binary"
	"fmt"

	"github.com/mtaa-project/mtaa/data/kv"
)

// bucketSubmitted lists the reports each account submitted: user id |
// report id -> nothing. Created on first use.
var bucketSubmitted = []byte("reports_by_submitter")

// indexSubmitter records that account userID submitted report id (nothing
// for anonymous reports, userID 0).
func indexSubmitter(tx kv.Tx, userID, id uint64) error {
	if userID == 0 {
		return nil
	}
	b, err := tx.CreateBucketIfNotExists(bucketSubmitted)
	if err != nil {
		return err
	}
	var k [16]byte
	binary.BigEndian.PutUint64(k[:8], userID)
	binary.BigEndian.PutUint64(k[8:], id)
	return b.Put(k[:], nil)
}

// SubmittedBy returns the ids of the reports account userID submitted, in
// increasing order; nil when none.
func (s *Store) SubmittedBy(userID uint64) ([]uint64, error) {
	var ids []uint64
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketSubmitted)
		if b == nil || userID == 0 {
			return nil
		}
		prefix := idKey(userID)
		c := b.Cursor()
		for k, _ := c.Seek(prefix); len(k) == 16 && string(k[:8]) == string(prefix); k, _ = c.Next() {
			ids = append(ids, binary.BigEndian.Uint64(k[8:]))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reports of user %d: %w", userID, err)
	}
	return ids, nil
}
