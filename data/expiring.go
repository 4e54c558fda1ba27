package data

import (
	"bytes"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Short-lived records (rate-limit buckets, failed logins by address) live
// in a bucket of their own with an index by expiry, so that every write
// can drop the expired ones without reading the rest:
//
//	<bucket>:         key                      → expiry(8) value
//	<bucket>_expiry:  expiry(8) key            → nothing
//
// expiry is timeKey; keys are small.
type expiringBucket struct {
	name, byExpiry []byte
}

// get returns the value of key unless it expired at now; nil otherwise.
// It copies nothing: the value is valid during tx only.
func (e expiringBucket) get(tx kv.Tx, key []byte, now time.Time) []byte {
	b := tx.Bucket(e.name)
	if b == nil {
		return nil
	}
	v := b.Get(key)
	if !unexpired(v, now) {
		return nil
	}
	return v[8:]
}

// unexpired reports whether v, as stored in an expiring bucket (expiry
// first), has not expired at now.
func unexpired(v []byte, now time.Time) bool {
	t := timeKey(now)
	return len(v) >= 8 && bytes.Compare(v[:8], t[:]) > 0
}

// put sets key to value until expires, and deletes every record expired
// at now.
func (e expiringBucket) put(tx kv.Tx, key, value []byte, expires, now time.Time) error {
	b, err := tx.CreateBucketIfNotExists(e.name)
	if err != nil {
		return err
	}
	idx, err := tx.CreateBucketIfNotExists(e.byExpiry)
	if err != nil {
		return err
	}
	if old := b.Get(key); len(old) >= 8 {
		if err := idx.Delete(append(append([]byte(nil), old[:8]...), key...)); err != nil {
			return err
		}
	}
	exp := timeKey(expires)
	if err := b.Put(key, append(append(make([]byte, 0, 8+len(value)), exp[:]...), value...)); err != nil {
		return err
	}
	if err := idx.Put(append(exp[:], key...), nil); err != nil {
		return err
	}
	return e.sweep(b, idx, now)
}

// sweep deletes the records expired at now (it reads only those).
func (e expiringBucket) sweep(b, idx kv.Bucket, now time.Time) error {
	end := timeKey(now)
	c := idx.Cursor()
	for k, _ := c.First(); k != nil && len(k) >= 8 && bytes.Compare(k[:8], end[:]) <= 0; k, _ = c.First() {
		key := append([]byte(nil), k[8:]...)
		if err := c.Delete(); err != nil {
			return err
		}
		if v := b.Get(key); len(v) >= 8 && bytes.Equal(v[:8], k[:8]) {
			if err := b.Delete(key); err != nil {
				return err
			}
		}
	}
	return nil
}
