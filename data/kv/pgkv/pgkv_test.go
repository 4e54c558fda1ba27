package pgkv_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
	"github.com/mtaa-project/mtaa/internal/pgcluster/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// open opens a DB on a fresh database (or on url, when given).
func open(t testing.TB, url string, opt pgkv.Options) (*pgkv.DB, string) {
	t.Helper()
	if url == "" {
		url = pgtest.NewDatabase(t)
	}
	db, err := pgkv.Open(context.Background(), url, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, url
}

func update(t testing.TB, db kv.DB, fn func(kv.Tx) error) {
	t.Helper()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func view(t testing.TB, db kv.DB, fn func(kv.Tx) error) {
	t.Helper()
	if err := db.View(fn); err != nil {
		t.Fatal(err)
	}
}

func TestBuckets(t *testing.T) {
	db, _ := open(t, "", pgkv.Options{})
	update(t, db, func(tx kv.Tx) error {
		if tx.Bucket([]byte("a")) != nil {
			t.Error("bucket a exists before creation")
		}
		for _, n := range []string{"b", "a", "c"} {
			if _, err := tx.CreateBucket([]byte(n)); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucket([]byte("a")); !errors.Is(err, kv.ErrBucketExists) {
			t.Errorf("CreateBucket twice: %v, want ErrBucketExists", err)
		}
		a, err := tx.CreateBucketIfNotExists([]byte("a"))
		if err != nil {
			return err
		}
		return a.Put([]byte("k"), []byte("v"))
	})
	view(t, db, func(tx kv.Tx) error {
		var names []string
		tx.ForEachBucket(func(n []byte) error { names = append(names, string(n)); return nil })
		if fmt.Sprint(names) != "[a b c]" {
			t.Errorf("buckets %v, want [a b c]", names)
		}
		if _, err := tx.CreateBucket([]byte("d")); !errors.Is(err, kv.ErrTxNotWritable) {
			t.Errorf("CreateBucket in a read tx: %v", err)
		}
		if v := tx.Bucket([]byte("a")).Get([]byte("k")); string(v) != "v" {
			t.Errorf("a/k = %q", v)
		}
		return nil
	})
	update(t, db, func(tx kv.Tx) error {
		if err := tx.DeleteBucket([]byte("zz")); !errors.Is(err, kv.ErrBucketNotFound) {
			t.Errorf("DeleteBucket of a missing bucket: %v", err)
		}
		if err := tx.DeleteBucket([]byte("a")); err != nil {
			return err
		}
		if tx.Bucket([]byte("a")) != nil {
			t.Error("bucket a still there after DeleteBucket")
		}
		// Recreated in the same transaction: empty.
		a, err := tx.CreateBucket([]byte("a"))
		if err != nil {
			return err
		}
		if v := a.Get([]byte("k")); v != nil {
			t.Errorf("recreated bucket holds k=%q", v)
		}
		return nil
	})
	view(t, db, func(tx kv.Tx) error {
		if n := tx.Bucket([]byte("a")).KeyCount(); n != 0 {
			t.Errorf("recreated bucket has %d keys", n)
		}
		return nil
	})
}

func TestNestedBuckets(t *testing.T) {
	db, _ := open(t, "", pgkv.Options{})
	update(t, db, func(tx kv.Tx) error {
		top, err := tx.CreateBucket([]byte("top"))
		if err != nil {
			return err
		}
		if err := top.Put([]byte("a"), []byte("1")); err != nil {
			return err
		}
		in, err := top.CreateBucketIfNotExists([]byte("b"))
		if err != nil {
			return err
		}
		if err := in.Put([]byte("x"), []byte("inner")); err != nil {
			return err
		}
		deeper, err := in.CreateBucketIfNotExists([]byte("deeper"))
		if err != nil {
			return err
		}
		if err := deeper.Put([]byte("y"), []byte("deep")); err != nil {
			return err
		}
		if err := top.Put([]byte("b"), []byte("clash")); !errors.Is(err, pgkv.ErrIncompatibleValue) {
			t.Errorf("Put on a nested bucket's key: %v", err)
		}
		if _, err := top.CreateBucketIfNotExists([]byte("a")); !errors.Is(err, pgkv.ErrIncompatibleValue) {
			t.Errorf("CreateBucket on a value's key: %v", err)
		}
		return top.Put([]byte("c"), []byte("3"))
	})
	check := func(tx kv.Tx) error {
		top := tx.Bucket([]byte("top"))
		var got []string
		top.ForEach(func(k, v []byte) error {
			got = append(got, fmt.Sprintf("%s=%v", k, v != nil))
			return nil
		})
		if fmt.Sprint(got) != "[a=true b=false c=true]" {
			t.Errorf("ForEach: %v (nested bucket b must have a nil value)", got)
		}
		if n := top.KeyCount(); n != 6 {
			t.Errorf("KeyCount %d, want 6 (a b c, b/x, b/deeper, b/deeper/y)", n)
		}
		if v := top.Get([]byte("b")); v != nil {
			t.Errorf("Get of a nested bucket's key: %q", v)
		}
		in := top.Bucket([]byte("b"))
		if in == nil || string(in.Get([]byte("x"))) != "inner" {
			t.Fatalf("nested bucket b: %v", in)
		}
		if d := in.Bucket([]byte("deeper")); d == nil || string(d.Get([]byte("y"))) != "deep" {
			t.Errorf("bucket top/b/deeper lost")
		}
		if top.Bucket([]byte("a")) != nil {
			t.Error("a value's key returned as a bucket")
		}
		return nil
	}
	view(t, db, check)
	// A Put on the key of a nested bucket the transaction never looked
	// up fails at Commit, and nothing of the transaction is kept.
	err := db.Update(func(tx kv.Tx) error {
		top := tx.Bucket([]byte("top"))
		if err := top.Put([]byte("c"), []byte("changed")); err != nil {
			return err
		}
		return top.Put([]byte("b"), []byte("clash"))
	})
	if !errors.Is(err, pgkv.ErrIncompatibleValue) {
		t.Errorf("commit of a Put on a nested bucket's key: %v, want ErrIncompatibleValue", err)
	}
	view(t, db, func(tx kv.Tx) error {
		if v := tx.Bucket([]byte("top")).Get([]byte("c")); string(v) != "3" {
			t.Errorf("failed commit changed c to %q", v)
		}
		return nil
	})
	view(t, db, check)
	// A second handle has a cold cache of bucket ids.
	update(t, db, func(tx kv.Tx) error {
		c := tx.Bucket([]byte("top")).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if string(k) == "b" {
				if err := c.Delete(); !errors.Is(err, pgkv.ErrIncompatibleValue) {
					t.Errorf("cursor Delete on a nested bucket: %v", err)
				}
			}
		}
		return tx.DeleteBucket([]byte("top"))
	})
	view(t, db, func(tx kv.Tx) error {
		if tx.Bucket([]byte("top")) != nil {
			t.Error("top still there")
		}
		return nil
	})
	update(t, db, func(tx kv.Tx) error {
		top, err := tx.CreateBucket([]byte("top"))
		if err != nil {
			return err
		}
		if top.Bucket([]byte("b")) != nil {
			t.Error("nested bucket b survived the deletion of top")
		}
		return nil
	})
}

func TestReadYourWritesAndRollback(t *testing.T) {
	db, _ := open(t, "", pgkv.Options{})
	update(t, db, func(tx kv.Tx) error {
		b, err := tx.CreateBucket([]byte("b"))
		if err != nil {
			return err
		}
		if err := b.Put([]byte("k"), []byte("v1")); err != nil {
			return err
		}
		return b.Put([]byte("empty"), nil)
	})
	tx, err := db.Begin(true)
	if err != nil {
		t.Fatal(err)
	}
	b := tx.Bucket([]byte("b"))
	if v := b.Get([]byte("empty")); v == nil || len(v) != 0 {
		t.Errorf("empty value: %v, want a non-nil empty slice", v)
	}
	if k, v := b.Cursor().Seek([]byte("empty")); string(k) != "empty" || v == nil || len(v) != 0 {
		t.Errorf("cursor at an empty value: %q, %v; want a non-nil empty slice", k, v)
	}
	buf := []byte("v2")
	if err := b.Put([]byte("k"), buf); err != nil {
		t.Fatal(err)
	}
	buf[0] = 'X' // Put copies
	if v := b.Get([]byte("k")); string(v) != "v2" {
		t.Errorf("Get after Put: %q", v)
	}
	if err := b.Delete([]byte("k")); err != nil {
		t.Fatal(err)
	}
	if v := b.Get([]byte("k")); v != nil {
		t.Errorf("Get after Delete: %q", v)
	}
	if _, err := b.NextSequence(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	view(t, db, func(tx kv.Tx) error {
		b := tx.Bucket([]byte("b"))
		if v := b.Get([]byte("k")); string(v) != "v1" {
			t.Errorf("after rollback k=%q, want v1", v)
		}
		if s := b.Sequence(); s != 0 {
			t.Errorf("after rollback sequence %d, want 0", s)
		}
		if err := b.Put([]byte("x"), []byte("y")); !errors.Is(err, kv.ErrTxNotWritable) {
			t.Errorf("Put in a read tx: %v", err)
		}
		return nil
	})
	if err := db.Update(func(tx kv.Tx) error {
		tx.Bucket([]byte("b")).Put([]byte("k"), []byte("lost"))
		return errors.New("no")
	}); err == nil {
		t.Fatal("Update returned nil for a failing fn")
	}
	view(t, db, func(tx kv.Tx) error {
		if v := tx.Bucket([]byte("b")).Get([]byte("k")); string(v) != "v1" {
			t.Errorf("failed Update committed k=%q", v)
		}
		return nil
	})
}

func TestSequence(t *testing.T) {
	db, _ := open(t, "", pgkv.Options{})
	update(t, db, func(tx kv.Tx) error {
		b, err := tx.CreateBucket([]byte("s"))
		if err != nil {
			return err
		}
		for want := uint64(1); want <= 3; want++ {
			if got, err := b.NextSequence(); err != nil || got != want {
				t.Errorf("NextSequence %d, %v; want %d", got, err, want)
			}
		}
		return nil
	})
	update(t, db, func(tx kv.Tx) error {
		b := tx.Bucket([]byte("s"))
		if s := b.Sequence(); s != 3 {
			t.Errorf("Sequence %d, want 3", s)
		}
		return b.SetSequence(1 << 63)
	})
	update(t, db, func(tx kv.Tx) error {
		got, err := tx.Bucket([]byte("s")).NextSequence()
		if err != nil || got != 1<<63+1 {
			t.Errorf("NextSequence after SetSequence(1<<63): %d, %v", got, err)
		}
		return nil
	})
}

// model is the expected content of one bucket.
type model map[string]string

func (m model) sorted() []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// checkModel walks b forward, backward and by Seek and compares with m.
func checkModel(t *testing.T, b kv.Bucket, m model, rng *rand.Rand, where string) {
	t.Helper()
	keys := m.sorted()
	c := b.Cursor()
	var fwd []string
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if m[string(k)] != string(v) {
			t.Fatalf("%s: forward %q=%q, want %q", where, k, v, m[string(k)])
		}
		fwd = append(fwd, string(k))
	}
	if fmt.Sprint(fwd) != fmt.Sprint(keys) {
		t.Fatalf("%s: forward keys differ: %d keys, want %d", where, len(fwd), len(keys))
	}
	var back []string
	for k, _ := c.Last(); k != nil; k, _ = c.Prev() {
		back = append(back, string(k))
	}
	if len(back) != len(keys) {
		t.Fatalf("%s: backward %d keys, want %d", where, len(back), len(keys))
	}
	for i := range back {
		if back[i] != keys[len(keys)-1-i] {
			t.Fatalf("%s: backward key %d = %q, want %q", where, i, back[i], keys[len(keys)-1-i])
		}
	}
	for i := 0; i < 20; i++ {
		seek := fmt.Sprintf("k%05d", rng.Intn(9000))
		j := sort.SearchStrings(keys, seek)
		k, _ := c.Seek([]byte(seek))
		if j == len(keys) {
			if k != nil {
				t.Fatalf("%s: Seek(%s) = %q, want end", where, seek, k)
			}
			continue
		}
		if string(k) != keys[j] {
			t.Fatalf("%s: Seek(%s) = %q, want %q", where, seek, k, keys[j])
		}
		// A step back and forth from there.
		if p, _ := c.Prev(); j > 0 && string(p) != keys[j-1] || j == 0 && p != nil {
			t.Fatalf("%s: Prev after Seek(%s) = %q", where, seek, p)
		}
	}
	if n := b.KeyCount(); n != len(keys) {
		t.Fatalf("%s: KeyCount %d, want %d", where, n, len(keys))
	}
}

// TestCursorAgainstModel applies random puts and deletes (buffered and
// committed, across page and flush boundaries) and walks the bucket after
// each round, inside the write transaction and after commit.
func TestCursorAgainstModel(t *testing.T) {
	db, _ := open(t, "", pgkv.Options{})
	rng := rand.New(rand.NewSource(18))
	m := model{}
	update(t, db, func(tx kv.Tx) error { _, err := tx.CreateBucket([]byte("m")); return err })
	for round := 0; round < 6; round++ {
		n := 700
		if round == 3 {
			n = 8000 // more than one flush inside the transaction
		}
		tx, err := db.Begin(true)
		if err != nil {
			t.Fatal(err)
		}
		b := tx.Bucket([]byte("m"))
		for i := 0; i < n; i++ {
			k := fmt.Sprintf("k%05d", rng.Intn(9000))
			if rng.Intn(3) == 0 {
				if err := b.Delete([]byte(k)); err != nil {
					t.Fatal(err)
				}
				delete(m, k)
			} else {
				v := fmt.Sprintf("v%d.%d", round, i)
				if err := b.Put([]byte(k), []byte(v)); err != nil {
					t.Fatal(err)
				}
				m[k] = v
			}
		}
		// Delete every tenth key through a cursor.
		c := b.Cursor()
		i := 0
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if i%10 == 0 {
				if err := c.Delete(); err != nil {
					t.Fatal(err)
				}
				delete(m, string(k))
			}
			i++
		}
		checkModel(t, b, m, rng, fmt.Sprintf("round %d, in tx", round))
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		view(t, db, func(tx kv.Tx) error {
			checkModel(t, tx.Bucket([]byte("m")), m, rng, fmt.Sprintf("round %d, committed", round))
			return nil
		})
	}
}

// TestValuesStayValid checks that slices from Get and cursors keep their
// content after more reads in the transaction.
func TestValuesStayValid(t *testing.T) {
	db, _ := open(t, "", pgkv.Options{})
	update(t, db, func(tx kv.Tx) error {
		b, _ := tx.CreateBucket([]byte("b"))
		for i := 0; i < 600; i++ {
			if err := b.Put([]byte(fmt.Sprintf("%04d", i)), bytes.Repeat([]byte{byte(i)}, 40)); err != nil {
				return err
			}
		}
		return nil
	})
	view(t, db, func(tx kv.Tx) error {
		b := tx.Bucket([]byte("b"))
		var keep [][]byte
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			keep = append(keep, k, v)
		}
		keep = append(keep, b.Get([]byte("0007")))
		for k, _ := c.Last(); k != nil; k, _ = c.Prev() {
		}
		for i := 0; i < 600; i++ {
			if string(keep[2*i]) != fmt.Sprintf("%04d", i) || !bytes.Equal(keep[2*i+1], bytes.Repeat([]byte{byte(i)}, 40)) {
				t.Fatalf("key %d changed", i)
			}
		}
		if !bytes.Equal(keep[1200], bytes.Repeat([]byte{7}, 40)) {
			t.Fatal("Get's value changed")
		}
		return nil
	})
}

func TestStringHidesPassword(t *testing.T) {
	url := pgtest.NewDatabase(t)
	db, _ := open(t, strings.Replace(url, "postgres://mtaa@", "postgres://mtaa:s3cret@", 1), pgkv.Options{})
	s := db.String()
	if strings.Contains(s, "s3cret") || !strings.HasPrefix(s, "postgres://mtaa@127.0.0.1:") {
		t.Errorf("String() = %q", s)
	}
}

func TestClosed(t *testing.T) {
	db, _ := open(t, "", pgkv.Options{})
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Begin(false); !errors.Is(err, kv.ErrClosed) {
		t.Errorf("Begin on a closed DB: %v, want kv.ErrClosed", err)
	}
	if err := db.Update(func(kv.Tx) error { return nil }); !errors.Is(err, kv.ErrClosed) {
		t.Errorf("Update on a closed DB: %v, want kv.ErrClosed", err)
	}
}
