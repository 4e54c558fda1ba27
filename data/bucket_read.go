package data

import "github.com/mtaa-project/mtaa/data/kv"

// getDecoded reads the value of id in bucket and decodes it; ErrNotFound
// when the bucket or the value is missing. decode gets the key and value.
func getDecoded[T any](db kv.DB, bucket []byte, id uint64, decode func(k, v []byte) (T, error)) (T, error) {
	var out T
	err := db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucket)
		if b == nil {
			return ErrNotFound
		}
		k := idKey(id)
		v := b.Get(k)
		if v == nil {
			return ErrNotFound
		}
		var err error
		out, err = decode(k, v)
		return err
	})
	return out, err
}

// eachDecoded calls fn with every value of bucket in key order, decoded,
// until fn returns false; a missing bucket holds nothing.
func eachDecoded[T any](db kv.DB, bucket []byte, decode func(k, v []byte) (T, error), fn func(T) bool) error {
	return db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucket)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			x, err := decode(k, v)
			if err != nil {
				return err
			}
			if !fn(x) {
				return nil
			}
		}
		return nil
	})
}
