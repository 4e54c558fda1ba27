package pgkv_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/boltkv"
	"github.com/mtaa-project/mtaa/data/kv/kvtest"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
)

// TestCopy copies a database with nested buckets, sequences, empty values
// and more keys than one copy transaction holds into an empty one.
func TestCopy(t *testing.T) {
	src, _ := open(t, "", pgkv.Options{})
	dst, _ := open(t, "", pgkv.Options{})
	update(t, src, func(tx kv.Tx) error {
		big, err := tx.CreateBucket([]byte("big"))
		if err != nil {
			return err
		}
		for i := 0; i < 12345; i++ {
			if err := big.Put([]byte(fmt.Sprintf("%06d", i)), []byte(fmt.Sprint(i*i))); err != nil {
				return err
			}
		}
		big.SetSequence(12345)
		a, err := tx.CreateBucket([]byte("a"))
		if err != nil {
			return err
		}
		a.Put([]byte("empty"), []byte{})
		in, err := a.CreateBucketIfNotExists([]byte("in"))
		if err != nil {
			return err
		}
		in.NextSequence()
		deeper, err := in.CreateBucketIfNotExists([]byte("deeper"))
		if err != nil {
			return err
		}
		deeper.Put([]byte{0, 255}, []byte{1, 2, 3})
		return a.Put([]byte("z"), []byte("last"))
	})
	if err := kv.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	want, got := kvtest.Dump(t, src), kvtest.Dump(t, dst)
	if len(want) != 12345+7 {
		t.Fatalf("source dump has %d lines", len(want))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		for i := range want {
			if i >= len(got) || got[i] != want[i] {
				t.Fatalf("copy differs at line %d: %q, want %q", i, got[min(i, len(got)-1)], want[i])
			}
		}
		t.Fatalf("copy has %d lines, want %d", len(got), len(want))
	}
	if err := kv.Copy(dst, src); !errors.Is(err, kv.ErrBucketExists) {
		t.Errorf("Copy into a database holding the buckets: %v, want ErrBucketExists", err)
	}
}

// TestCopyBoltToPostgresAndBack copies a bbolt file into PostgreSQL and
// back into a new bbolt file: every bucket, key, value and sequence comes
// back equal.
func TestCopyBoltToPostgresAndBack(t *testing.T) {
	openBolt := func(name string) kv.DB {
		db, err := boltkv.Open(filepath.Join(t.TempDir(), name), 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	src, back := openBolt("src.db"), openBolt("back.db")
	pg, _ := open(t, "", pgkv.Options{})
	update(t, src, func(tx kv.Tx) error {
		for i, name := range []string{"reports", "users", "audit"} {
			b, err := tx.CreateBucket([]byte(name))
			if err != nil {
				return err
			}
			for j := 0; j < 3000*(i+1); j++ {
				if err := b.Put([]byte(fmt.Sprintf("%s-%05d", name, j)), []byte(fmt.Sprintf("value %d %d", i, j*j))); err != nil {
					return err
				}
			}
			if _, err := b.NextSequence(); err != nil {
				return err
			}
			in, err := b.CreateBucketIfNotExists([]byte("index"))
			if err != nil {
				return err
			}
			if err := in.Put([]byte{0}, []byte{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err := kv.Copy(pg, src); err != nil {
		t.Fatal(err)
	}
	if err := kv.Copy(back, pg); err != nil {
		t.Fatal(err)
	}
	want := kvtest.Dump(t, src)
	for name, db := range map[string]kv.DB{"postgres": pg, "bbolt again": back} {
		if got := kvtest.Dump(t, db); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: %d lines differ from the source's %d", name, len(got), len(want))
		}
	}
}
