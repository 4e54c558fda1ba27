// Package kvtest is the contract test suite of package kv: Run checks an
// engine against the semantics kv.go promises (bbolt's), so that package
// data keeps the same guarantees on every engine. Each engine's tests
// call Run with a function opening a fresh, empty database.
package kvtest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Run runs the contract suite, each case as a subtest on a database of
// its own from open, which must return an empty database and arrange for
// it to be closed when the test ends (t.Cleanup).
func Run(t *testing.T, open func(t *testing.T) kv.DB) {
	cases := []struct {
		name string
		fn   func(t *testing.T, db kv.DB)
	}{
		{"Order", testOrder},
		{"Seek", testSeek},
		{"ReadYourWrites", testReadYourWrites},
		{"GetMany", testGetMany},
		{"CursorOverFreshWrites", testCursorOverFreshWrites},
		{"CursorDelete", testCursorDelete},
		{"CursorDeleteFirst", testCursorDeleteFirst},
		{"NestedBuckets", testNestedBuckets},
		{"TopLevelBuckets", testTopLevelBuckets},
		{"Sequence", testSequence},
		{"KeyCount", testKeyCount},
		{"Rollback", testRollback},
		{"UpdateError", testUpdateError},
		{"ReadOnlyTx", testReadOnlyTx},
		{"Values", testValues},
		{"SnapshotIsolation", testSnapshotIsolation},
		{"SerialWrites", testSerialWrites},
		{"WriteWaitsForWrite", testWriteWaitsForWrite},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.fn(t, open(t))
		})
	}
}

var bucketA = []byte("a")

// update runs fn in a write transaction and fails the test on an error.
func update(t *testing.T, db kv.DB, fn func(tx kv.Tx) error) {
	t.Helper()
	if err := db.Update(fn); err != nil {
		t.Fatalf("update: %v", err)
	}
}

// view runs fn in a read transaction and fails the test on an error.
func view(t *testing.T, db kv.DB, fn func(tx kv.Tx) error) {
	t.Helper()
	if err := db.View(fn); err != nil {
		t.Fatalf("view: %v", err)
	}
}

// put stores each key with the value "v:"+key in bucket name, creating it.
func put(t *testing.T, db kv.DB, name []byte, keys ...string) {
	t.Helper()
	update(t, db, func(tx kv.Tx) error {
		b, err := tx.CreateBucketIfNotExists(name)
		if err != nil {
			return err
		}
		for _, k := range keys {
			if err := b.Put([]byte(k), []byte("v:"+k)); err != nil {
				return fmt.Errorf("put %q: %w", k, err)
			}
		}
		return nil
	})
}

// forward lists the keys of c from First to the end, checking each value.
func forward(t *testing.T, c kv.Cursor) []string {
	t.Helper()
	var keys []string
	for k, v := c.First(); k != nil; k, v = c.Next() {
		checkValue(t, k, v)
		keys = append(keys, string(k))
	}
	return keys
}

// backward lists the keys of c from Last to the start.
func backward(t *testing.T, c kv.Cursor) []string {
	t.Helper()
	var keys []string
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		checkValue(t, k, v)
		keys = append(keys, string(k))
	}
	return keys
}

// checkValue checks that v is the value put stores under k.
func checkValue(t *testing.T, k, v []byte) {
	t.Helper()
	if want := "v:" + string(k); string(v) != want {
		t.Errorf("key %q: value %q, want %q", k, v, want)
	}
}

// keysOf lists the keys of bucket name with ForEach.
func keysOf(t *testing.T, db kv.DB, name []byte) []string {
	t.Helper()
	var keys []string
	view(t, db, func(tx kv.Tx) error {
		b := tx.Bucket(name)
		if b == nil {
			return fmt.Errorf("no bucket %q", name)
		}
		return b.ForEach(func(k, v []byte) error {
			checkValue(t, k, v)
			keys = append(keys, string(k))
			return nil
		})
	})
	return keys
}

func equal(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: got %q, want %q", what, got, want)
	}
}

func reversed(s []string) []string {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

// orderKeys are keys whose byte order is not their insertion order, with
// prefixes, zero and high bytes and big-endian numbers across a byte
// boundary.
var orderKeys = []string{
	"b", "a", "ab", "a\x00", "\x00", "\xff", "\xff\xff", "A", "aa", "a\xff", "ba",
	"\x00\x00\x00\x00\x00\x00\x01\x00", "\x00\x00\x00\x00\x00\x00\x00\xff", "Z", "zz", "z",
}

// testOrder: keys come back in byte order (not insertion order, not
// string collation) from cursors both ways and from ForEach.
func testOrder(t *testing.T, db kv.DB) {
	rng := rand.New(rand.NewPCG(1, 2))
	keys := slices.Clone(orderKeys)
	for i := range 200 {
		var k [8]byte
		binary.BigEndian.PutUint64(k[:], rng.Uint64()>>uint(rng.IntN(64)))
		keys = append(keys, string(k[:]), fmt.Sprintf("k%d", i))
	}
	rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	put(t, db, bucketA, keys...)
	want := slices.Clone(keys)
	slices.Sort(want) // Go compares strings bytewise
	want = slices.Compact(want)
	equal(t, "ForEach", keysOf(t, db, bucketA), want)
	view(t, db, func(tx kv.Tx) error {
		c := tx.Bucket(bucketA).Cursor()
		equal(t, "First/Next", forward(t, c), want)
		equal(t, "Last/Prev", backward(t, c), reversed(want))
		return nil
	})
}

// testSeek: Seek finds the first key at or after its argument, nil past
// the end, and Next and Prev continue from there; Next past the end and
// Prev before the start return nil.
func testSeek(t *testing.T, db kv.DB) {
	put(t, db, bucketA, "b", "d", "f")
	view(t, db, func(tx kv.Tx) error {
		c := tx.Bucket(bucketA).Cursor()
		for _, tc := range []struct{ seek, want string }{
			{"", "b"}, {"a", "b"}, {"b", "b"}, {"b\x00", "d"}, {"c", "d"}, {"f", "f"}, {"e\xff", "f"},
		} {
			if k, v := c.Seek([]byte(tc.seek)); string(k) != tc.want {
				t.Errorf("Seek(%q) = %q, want %q", tc.seek, k, tc.want)
			} else {
				checkValue(t, k, v)
			}
		}
		if k, _ := c.Seek([]byte("g")); k != nil {
			t.Errorf("Seek past the end = %q, want nil", k)
		}
		if k, _ := c.Seek([]byte("c")); string(k) != "d" {
			t.Fatalf("Seek(c) = %q", k)
		}
		if k, _ := c.Next(); string(k) != "f" {
			t.Errorf("Next after Seek(c) = %q, want f", k)
		}
		if k, _ := c.Next(); k != nil {
			t.Errorf("Next at the end = %q, want nil", k)
		}
		if k, _ := c.Seek([]byte("c")); string(k) != "d" {
			t.Fatalf("Seek(c) = %q", k)
		}
		if k, _ := c.Prev(); string(k) != "b" {
			t.Errorf("Prev after Seek(c) = %q, want b", k)
		}
		if k, _ := c.Prev(); k != nil {
			t.Errorf("Prev at the start = %q, want nil", k)
		}
		return nil
	})
	update(t, db, func(tx kv.Tx) error {
		b, err := tx.CreateBucket([]byte("empty"))
		if err != nil {
			return err
		}
		c := b.Cursor()
		for name, k := range map[string][]byte{"First": first(c), "Last": last(c), "Seek": seek(c, "a")} {
			if k != nil {
				t.Errorf("%s on an empty bucket = %q, want nil", name, k)
			}
		}
		return nil
	})
}

func first(c kv.Cursor) []byte          { k, _ := c.First(); return k }
func last(c kv.Cursor) []byte           { k, _ := c.Last(); return k }
func seek(c kv.Cursor, s string) []byte { k, _ := c.Seek([]byte(s)); return k }

// testReadYourWrites: a write transaction reads its own puts, overwrites
// and deletes with Get, before it commits, and others see them after.
func testReadYourWrites(t *testing.T, db kv.DB) {
	put(t, db, bucketA, "keep", "gone", "over")
	update(t, db, func(tx kv.Tx) error {
		b := tx.Bucket(bucketA)
		if err := b.Put([]byte("new"), []byte("v:new")); err != nil {
			return err
		}
		if err := b.Put([]byte("over"), []byte("v:over2")); err != nil {
			return err
		}
		if err := b.Delete([]byte("gone")); err != nil {
			return err
		}
		if err := b.Delete([]byte("never")); err != nil {
			t.Errorf("Delete of a missing key: %v, want nil", err)
		}
		for k, want := range map[string]string{"keep": "v:keep", "new": "v:new", "over": "v:over2", "gone": "", "never": ""} {
			if got := b.Get([]byte(k)); string(got) != want || (want == "" && got != nil) {
				t.Errorf("in the write tx, Get(%q) = %q, want %q", k, got, want)
			}
		}
		return nil
	})
	view(t, db, func(tx kv.Tx) error {
		b := tx.Bucket(bucketA)
		for k, want := range map[string]string{"keep": "v:keep", "new": "v:new", "over": "v:over2"} {
			if got := b.Get([]byte(k)); string(got) != want {
				t.Errorf("after commit, Get(%q) = %q, want %q", k, got, want)
			}
		}
		if got := b.Get([]byte("gone")); got != nil {
			t.Errorf("after commit, deleted key has %q", got)
		}
		return nil
	})
}

// getMany checks that GetMany returns want for keys, in their order: a
// "" in want means nil (no such key), anything else that value ("\x00"
// for an empty, not nil, value).
func getMany(t *testing.T, what string, b kv.Bucket, keys, want []string) {
	t.Helper()
	ks := make([][]byte, len(keys))
	for i, k := range keys {
		ks[i] = []byte(k)
	}
	got := b.GetMany(ks)
	if len(got) != len(keys) {
		t.Fatalf("%s: GetMany of %d keys returned %d values", what, len(keys), len(got))
	}
	for i, v := range got {
		switch w := want[i]; {
		case w == "" && v != nil:
			t.Errorf("%s: GetMany: %q = %q, want nil", what, keys[i], v)
		case w == "\x00" && (v == nil || len(v) != 0):
			t.Errorf("%s: GetMany: %q = %q (nil %v), want an empty value", what, keys[i], v, v == nil)
		case w != "" && w != "\x00" && string(v) != w:
			t.Errorf("%s: GetMany: %q = %q, want %q", what, keys[i], v, w)
		}
	}
}

// testGetMany: GetMany answers what Get answers for each key, in the
// order asked and with repeats: committed values, empty values, nil for
// a missing key and for a nested bucket's name, and in a write
// transaction its own puts and deletes, also after more writes than an
// engine may keep buffered.
func testGetMany(t *testing.T, db kv.DB) {
	put(t, db, bucketA, "a", "b", "c", "d")
	update(t, db, func(tx kv.Tx) error {
		b := tx.Bucket(bucketA)
		if _, err := b.CreateBucketIfNotExists([]byte("nest")); err != nil {
			return err
		}
		return b.Put([]byte("empty"), []byte{})
	})
	keys := []string{"d", "a", "missing", "nest", "empty", "c", "a", "b"}
	view(t, db, func(tx kv.Tx) error {
		b := tx.Bucket(bucketA)
		getMany(t, "read tx", b, keys, []string{"v:d", "v:a", "", "", "\x00", "v:c", "v:a", "v:b"})
		if got := b.GetMany(nil); len(got) != 0 {
			t.Errorf("GetMany(nil) = %q", got)
		}
		return nil
	})
	const many = 5000 // more writes than pgkv buffers (it sends them at 4096)
	update(t, db, func(tx kv.Tx) error {
		b := tx.Bucket(bucketA)
		if err := b.Put([]byte("b"), []byte("b2")); err != nil {
			return err
		}
		if err := b.Delete([]byte("c")); err != nil {
			return err
		}
		if err := b.Put([]byte("missing"), []byte("found")); err != nil {
			return err
		}
		getMany(t, "write tx", b, keys, []string{"v:d", "v:a", "found", "", "\x00", "", "v:a", "b2"})
		var ks, want []string
		for i := range many {
			k := fmt.Sprintf("k%05d", i)
			if err := b.Put([]byte(k), []byte("v:"+k)); err != nil {
				return err
			}
			if i%7 == 0 {
				ks, want = append(ks, k), append(want, "v:"+k)
			}
		}
		ks, want = append(ks, "b", "c", "k99999"), append(want, "b2", "", "")
		getMany(t, "write tx after many writes", b, ks, want)
		return nil
	})
	view(t, db, func(tx kv.Tx) error {
		b := tx.Bucket(bucketA)
		getMany(t, "after commit", b, []string{"b", "c", "missing", "k04998", "k05000"}, []string{"b2", "", "found", "v:k04998", ""})
		return nil
	})
}

// testCursorOverFreshWrites: in a write transaction, cursors see keys put
// and miss keys deleted earlier in the same transaction, in order and
// both ways, among the committed keys.
func testCursorOverFreshWrites(t *testing.T, db kv.DB) {
	put(t, db, bucketA, "a", "c", "e", "g")
	update(t, db, func(tx kv.Tx) error {
		b := tx.Bucket(bucketA)
		for _, k := range []string{"b", "d", "h", "0"} {
			if err := b.Put([]byte(k), []byte("v:"+k)); err != nil {
				return err
			}
		}
		for _, k := range []string{"c", "g"} {
			if err := b.Delete([]byte(k)); err != nil {
				return err
			}
		}
		want := []string{"0", "a", "b", "d", "e", "h"}
		c := b.Cursor()
		equal(t, "cursor in the write tx", forward(t, c), want)
		equal(t, "cursor backwards in the write tx", backward(t, c), reversed(want))
		if k := seek(c, "c"); string(k) != "d" {
			t.Errorf("Seek(c) over a deleted key = %q, want d", k)
		}
		if k, _ := c.Next(); string(k) != "e" {
			t.Errorf("Next = %q, want e", k)
		}
		if k, _ := c.Next(); string(k) != "h" {
			t.Errorf("Next over a deleted key = %q, want h", k)
		}
		var each []string
		if err := b.ForEach(func(k, v []byte) error { each = append(each, string(k)); return nil }); err != nil {
			return err
		}
		equal(t, "ForEach in the write tx", each, want)
		// A bucket created in this transaction is iterated like the others.
		nb, err := tx.CreateBucket([]byte("fresh"))
		if err != nil {
			return err
		}
		for _, k := range []string{"y", "x", "z"} {
			if err := nb.Put([]byte(k), []byte("v:"+k)); err != nil {
				return err
			}
		}
		equal(t, "cursor over a fresh bucket", forward(t, nb.Cursor()), []string{"x", "y", "z"})
		return nil
	})
	equal(t, "after commit", keysOf(t, db, bucketA), []string{"0", "a", "b", "d", "e", "h"})
	equal(t, "fresh bucket after commit", keysOf(t, db, []byte("fresh")), []string{"x", "y", "z"})
}

// testCursorDelete: Cursor.Delete removes the key under the cursor, so
// deleting while iterating (Seek to the deleted key to read on, as kv.go
// asks) removes exactly the keys chosen, committed and fresh ones.
func testCursorDelete(t *testing.T, db kv.DB) {
	var keys, want []string
	for i := range 500 {
		k := fmt.Sprintf("%04d", i)
		keys = append(keys, k)
		if i%3 != 0 {
			want = append(want, k)
		}
	}
	put(t, db, bucketA, keys...)
	update(t, db, func(tx kv.Tx) error {
		b := tx.Bucket(bucketA)
		// Fresh keys among the committed ones, one deleted too.
		for _, k := range []string{"0003x", "0004x"} {
			if err := b.Put([]byte(k), []byte("v:"+k)); err != nil {
				return err
			}
		}
		c := b.Cursor()
		var seen []string
		for k, _ := c.First(); k != nil; {
			seen = append(seen, string(k))
			var i int
			if _, err := fmt.Sscanf(string(k[:4]), "%d", &i); err != nil {
				return err
			}
			if i%3 != 0 {
				k, _ = c.Next()
				continue
			}
			at := bytes.Clone(k)
			if err := c.Delete(); err != nil {
				return err
			}
			k, _ = c.Seek(at)
		}
		if len(seen) != len(keys)+2 {
			t.Errorf("the deleting walk saw %d keys, want %d", len(seen), len(keys)+2)
		}
		want = append(want, "0004x")
		slices.Sort(want)
		equal(t, "in the write tx after the deletes", forward(t, b.Cursor()), want)
		return nil
	})
	equal(t, "after commit", keysOf(t, db, bucketA), want)
}

// testCursorDeleteFirst: the pattern of draining a bucket from its start
// (delete, then First again) while writing elsewhere in the transaction.
func testCursorDeleteFirst(t *testing.T, db kv.DB) {
	var keys []string
	for i := range 300 {
		keys = append(keys, fmt.Sprintf("%04d", i))
	}
	put(t, db, bucketA, keys...)
	update(t, db, func(tx kv.Tx) error {
		in := tx.Bucket(bucketA)
		out, err := tx.CreateBucket([]byte("out"))
		if err != nil {
			return err
		}
		c := in.Cursor()
		moved := 0
		for k, v := c.First(); k != nil && moved < 200; k, v = c.First() {
			if err := out.Put(bytes.Clone(k), bytes.Clone(v)); err != nil {
				return err
			}
			if err := c.Delete(); err != nil {
				return err
			}
			moved++
		}
		return nil
	})
	equal(t, "left", keysOf(t, db, bucketA), keys[200:])
	equal(t, "moved", keysOf(t, db, []byte("out")), keys[:200])
}

// testNestedBuckets: nested buckets keep their own keys, show as a key
// with a nil value in their parent, count in KeyCount, and survive commit.
func testNestedBuckets(t *testing.T, db kv.DB) {
	update(t, db, func(tx kv.Tx) error {
		p, err := tx.CreateBucket(bucketA)
		if err != nil {
			return err
		}
		if err := p.Put([]byte("k1"), []byte("v:k1")); err != nil {
			return err
		}
		n, err := p.CreateBucketIfNotExists([]byte("n"))
		if err != nil {
			return err
		}
		if err := n.Put([]byte("inner"), []byte("v:inner")); err != nil {
			return err
		}
		again, err := p.CreateBucketIfNotExists([]byte("n"))
		if err != nil {
			return err
		}
		if got := again.Get([]byte("inner")); string(got) != "v:inner" {
			t.Errorf("CreateBucketIfNotExists on an existing nested bucket: Get = %q", got)
		}
		if p.Bucket([]byte("missing")) != nil {
			t.Error("Bucket of a missing nested bucket is not nil")
		}
		return nil
	})
	view(t, db, func(tx kv.Tx) error {
		p := tx.Bucket(bucketA)
		n := p.Bucket([]byte("n"))
		if n == nil {
			t.Fatal("nested bucket missing after commit")
		}
		if got := n.Get([]byte("inner")); string(got) != "v:inner" {
			t.Errorf("nested Get = %q", got)
		}
		if got := p.Get([]byte("n")); got != nil {
			t.Errorf("Get of a nested bucket's name = %q, want nil", got)
		}
		if got := p.Get([]byte("inner")); got != nil {
			t.Errorf("a nested key shows in its parent: %q", got)
		}
		type kvp struct {
			k      string
			nilVal bool
		}
		var each []kvp
		if err := p.ForEach(func(k, v []byte) error { each = append(each, kvp{string(k), v == nil}); return nil }); err != nil {
			return err
		}
		if want := []kvp{{"k1", false}, {"n", true}}; !slices.Equal(each, want) {
			t.Errorf("ForEach over the parent: %v, want %v", each, want)
		}
		c := p.Cursor()
		if k, v := c.Seek([]byte("n")); string(k) != "n" || v != nil {
			t.Errorf("cursor at the nested bucket: %q, %q; want n with a nil value", k, v)
		}
		if got := p.KeyCount(); got != 3 {
			t.Errorf("KeyCount of the parent = %d, want 3 (k1, n, n/inner)", got)
		}
		if tx.Bucket([]byte("n")) != nil {
			t.Error("a nested bucket shows at the top level")
		}
		return nil
	})
}

// testTopLevelBuckets: CreateBucket, CreateBucketIfNotExists, Bucket,
// DeleteBucket and ForEachBucket, with their errors.
func testTopLevelBuckets(t *testing.T, db kv.DB) {
	update(t, db, func(tx kv.Tx) error {
		if tx.Bucket([]byte("x")) != nil {
			t.Error("Bucket of a missing bucket is not nil")
		}
		for _, name := range []string{"x", "b", "a\x00", "a"} {
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucket([]byte("x")); !errors.Is(err, kv.ErrBucketExists) {
			t.Errorf("CreateBucket of an existing bucket: %v, want ErrBucketExists", err)
		}
		b, err := tx.CreateBucketIfNotExists([]byte("x"))
		if err != nil || b == nil {
			t.Fatalf("CreateBucketIfNotExists of an existing bucket: %v, %v", b, err)
		}
		if err := b.Put([]byte("k"), []byte("v:k")); err != nil {
			return err
		}
		if err := tx.DeleteBucket([]byte("nope")); !errors.Is(err, kv.ErrBucketNotFound) {
			t.Errorf("DeleteBucket of a missing bucket: %v, want ErrBucketNotFound", err)
		}
		return nil
	})
	var names []string
	view(t, db, func(tx kv.Tx) error {
		return tx.ForEachBucket(func(name []byte) error { names = append(names, string(name)); return nil })
	})
	equal(t, "ForEachBucket", names, []string{"a", "a\x00", "b", "x"})
	update(t, db, func(tx kv.Tx) error {
		if err := tx.DeleteBucket([]byte("x")); err != nil {
			return err
		}
		if tx.Bucket([]byte("x")) != nil {
			t.Error("a deleted bucket is still there in its transaction")
		}
		b, err := tx.CreateBucket([]byte("x"))
		if err != nil {
			return fmt.Errorf("create again after delete: %w", err)
		}
		if k := first(b.Cursor()); k != nil {
			t.Errorf("a bucket created again holds %q", k)
		}
		return tx.DeleteBucket([]byte("b"))
	})
	names = nil
	view(t, db, func(tx kv.Tx) error {
		if k := first(tx.Bucket([]byte("x")).Cursor()); k != nil {
			t.Errorf("a bucket created again holds %q after commit", k)
		}
		return tx.ForEachBucket(func(name []byte) error { names = append(names, string(name)); return nil })
	})
	equal(t, "ForEachBucket after the deletes", names, []string{"a", "a\x00", "x"})
}

// testSequence: NextSequence counts from 1 per bucket, Sequence reads it,
// SetSequence sets it, commits keep it and rollbacks discard it.
func testSequence(t *testing.T, db kv.DB) {
	update(t, db, func(tx kv.Tx) error {
		a, err := tx.CreateBucket(bucketA)
		if err != nil {
			return err
		}
		b, err := tx.CreateBucket([]byte("b"))
		if err != nil {
			return err
		}
		if s := a.Sequence(); s != 0 {
			t.Errorf("a new bucket's sequence is %d", s)
		}
		for want := uint64(1); want <= 3; want++ {
			if got, err := a.NextSequence(); err != nil || got != want {
				t.Errorf("NextSequence = %d, %v; want %d", got, err, want)
			}
		}
		if got, err := b.NextSequence(); err != nil || got != 1 {
			t.Errorf("another bucket's NextSequence = %d, %v; want 1", got, err)
		}
		if s := a.Sequence(); s != 3 {
			t.Errorf("Sequence = %d, want 3", s)
		}
		n, err := a.CreateBucketIfNotExists([]byte("nested"))
		if err != nil {
			return err
		}
		if got, err := n.NextSequence(); err != nil || got != 1 {
			t.Errorf("nested NextSequence = %d, %v; want 1", got, err)
		}
		return nil
	})
	tx, err := db.Begin(true)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := tx.Bucket(bucketA).NextSequence(); err != nil || got != 4 {
		t.Errorf("NextSequence after commit = %d, %v; want 4", got, err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	update(t, db, func(tx kv.Tx) error {
		a := tx.Bucket(bucketA)
		if got, err := a.NextSequence(); err != nil || got != 4 {
			t.Errorf("NextSequence after a rollback = %d, %v; want 4 again", got, err)
		}
		if err := a.SetSequence(1 << 40); err != nil {
			return err
		}
		if s := a.Sequence(); s != 1<<40 {
			t.Errorf("Sequence after SetSequence = %d", s)
		}
		return nil
	})
	view(t, db, func(tx kv.Tx) error {
		a := tx.Bucket(bucketA)
		if s := a.Sequence(); s != 1<<40 {
			t.Errorf("Sequence after commit = %d, want %d", s, uint64(1<<40))
		}
		if s := a.Bucket([]byte("nested")).Sequence(); s != 1 {
			t.Errorf("nested Sequence after commit = %d, want 1", s)
		}
		if s := tx.Bucket([]byte("b")).Sequence(); s != 1 {
			t.Errorf("other bucket's Sequence after commit = %d, want 1", s)
		}
		return nil
	})
	update(t, db, func(tx kv.Tx) error {
		if got, err := tx.Bucket(bucketA).NextSequence(); err != nil || got != 1<<40+1 {
			t.Errorf("NextSequence after SetSequence = %d, %v", got, err)
		}
		return nil
	})
}

// testKeyCount: KeyCount in read transactions follows the committed
// puts, overwrites and deletes.
func testKeyCount(t *testing.T, db kv.DB) {
	update(t, db, func(tx kv.Tx) error {
		b, err := tx.CreateBucket(bucketA)
		if err != nil {
			return err
		}
		for i := range 1000 {
			if err := b.Put(fmt.Appendf(nil, "%05d", i), []byte("x")); err != nil {
				return err
			}
		}
		return nil
	})
	count := func(tx kv.Tx) int { return tx.Bucket(bucketA).KeyCount() }
	view(t, db, func(tx kv.Tx) error {
		if n := count(tx); n != 1000 {
			t.Errorf("KeyCount after commit = %d, want 1000", n)
		}
		return nil
	})
	update(t, db, func(tx kv.Tx) error {
		b := tx.Bucket(bucketA)
		for i := range 100 {
			if err := b.Delete(fmt.Appendf(nil, "%05d", i)); err != nil {
				return err
			}
			if err := b.Put(fmt.Appendf(nil, "%05d", 500+i), []byte("again")); err != nil {
				return err
			}
		}
		return nil // KeyCount is not asked here: see kv.go
	})
	view(t, db, func(tx kv.Tx) error {
		if n := count(tx); n != 900 {
			t.Errorf("KeyCount after the deletes = %d, want 900", n)
		}
		return nil
	})
}

// testRollback: nothing of a rolled-back transaction stays: puts,
// deletes, overwrites, created and deleted buckets. Rollback after
// Commit does nothing.
func testRollback(t *testing.T, db kv.DB) {
	put(t, db, bucketA, "keep", "over")
	put(t, db, []byte("doomed"), "x")
	tx, err := db.Begin(true)
	if err != nil {
		t.Fatal(err)
	}
	if !tx.Writable() {
		t.Error("a write transaction says it is not writable")
	}
	b := tx.Bucket(bucketA)
	for _, err := range []error{
		b.Put([]byte("new"), []byte("v:new")),
		b.Put([]byte("over"), []byte("changed")),
		b.Delete([]byte("keep")),
		tx.DeleteBucket([]byte("doomed")),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.CreateBucket([]byte("created")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatalf("Rollback: %v", err)
	}
	equal(t, "after the rollback", keysOf(t, db, bucketA), []string{"keep", "over"})
	view(t, db, func(tx kv.Tx) error {
		if tx.Bucket([]byte("doomed")) == nil {
			t.Error("a bucket deleted by a rolled-back transaction is gone")
		}
		if tx.Bucket([]byte("created")) != nil {
			t.Error("a bucket created by a rolled-back transaction is there")
		}
		return nil
	})
	tx, err = db.Begin(true)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Bucket(bucketA).Put([]byte("committed"), []byte("v:committed")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Errorf("Rollback after Commit: %v, want nil", err)
	}
	equal(t, "after commit and rollback", keysOf(t, db, bucketA), []string{"committed", "keep", "over"})
}

// testUpdateError: an error from Update's function rolls everything back
// and comes back from Update.
func testUpdateError(t *testing.T, db kv.DB) {
	put(t, db, bucketA, "keep")
	boom := errors.New("boom")
	err := db.Update(func(tx kv.Tx) error {
		if err := tx.Bucket(bucketA).Put([]byte("new"), []byte("v:new")); err != nil {
			return err
		}
		if _, err := tx.CreateBucket([]byte("created")); err != nil {
			return err
		}
		return fmt.Errorf("wrapped: %w", boom)
	})
	if !errors.Is(err, boom) {
		t.Errorf("Update returned %v, want the function's error", err)
	}
	equal(t, "after the failed update", keysOf(t, db, bucketA), []string{"keep"})
	view(t, db, func(tx kv.Tx) error {
		if tx.Bucket([]byte("created")) != nil {
			t.Error("a bucket created by a failed update is there")
		}
		return nil
	})
}

// testReadOnlyTx: writes in a read transaction fail with
// ErrTxNotWritable, and it cannot be committed.
func testReadOnlyTx(t *testing.T, db kv.DB) {
	put(t, db, bucketA, "a")
	view(t, db, func(tx kv.Tx) error {
		if tx.Writable() {
			t.Error("a read transaction says it is writable")
		}
		b := tx.Bucket(bucketA)
		for name, err := range map[string]error{
			"Put":    b.Put([]byte("b"), []byte("x")),
			"Delete": b.Delete([]byte("a")),
			"CreateBucket": func() error {
				_, err := tx.CreateBucket([]byte("new"))
				return err
			}(),
			"CreateBucketIfNotExists": func() error {
				_, err := tx.CreateBucketIfNotExists([]byte("new"))
				return err
			}(),
			"DeleteBucket": tx.DeleteBucket(bucketA),
			"NextSequence": func() error {
				_, err := b.NextSequence()
				return err
			}(),
		} {
			if !errors.Is(err, kv.ErrTxNotWritable) {
				t.Errorf("%s in a read transaction: %v, want ErrTxNotWritable", name, err)
			}
		}
		return nil
	})
	equal(t, "after the refused writes", keysOf(t, db, bucketA), []string{"a"})
	tx, err := db.Begin(false)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err == nil {
		t.Error("Commit of a read transaction succeeded")
	}
	if err := tx.Rollback(); err != nil {
		t.Errorf("Rollback of a read transaction: %v", err)
	}
}

// testValues: values keep every byte (zeros, high bytes, 1 MB), an empty
// value is not a missing one, and an empty key is refused.
func testValues(t *testing.T, db kv.DB) {
	big := make([]byte, 1<<20)
	for i := range big {
		big[i] = byte(i * 7)
	}
	vals := map[string][]byte{
		"zeros": {0, 0, 0},
		"high":  {0xff, 0x00, 0xfe},
		"big":   big,
		"empty": {},
	}
	update(t, db, func(tx kv.Tx) error {
		b, err := tx.CreateBucket(bucketA)
		if err != nil {
			return err
		}
		for k, v := range vals {
			if err := b.Put([]byte(k), v); err != nil {
				return err
			}
		}
		if err := b.Put(nil, []byte("x")); err == nil {
			t.Error("Put with an empty key succeeded")
		}
		return nil
	})
	view(t, db, func(tx kv.Tx) error {
		b := tx.Bucket(bucketA)
		for k, want := range vals {
			got := b.Get([]byte(k))
			if !bytes.Equal(got, want) || got == nil {
				t.Errorf("Get(%q): %d bytes (nil %v), want %d", k, len(got), got == nil, len(want))
			}
		}
		return nil
	})
}

// testSnapshotIsolation: a read transaction keeps seeing the state it
// started with, through Get, cursors, buckets and sequences, while
// another transaction commits; a read transaction begun afterwards sees
// the commit.
func testSnapshotIsolation(t *testing.T, db kv.DB) {
	put(t, db, bucketA, "a", "b", "c")
	rtx, err := db.Begin(false)
	if err != nil {
		t.Fatal(err)
	}
	defer rtx.Rollback()
	before := rtx.Bucket(bucketA)
	if got := before.Get([]byte("b")); string(got) != "v:b" {
		t.Fatalf("Get(b) = %q", got)
	}
	// The writer runs in a goroutine of its own, as another server would.
	done := make(chan error)
	go func() {
		done <- db.Update(func(tx kv.Tx) error {
			b := tx.Bucket(bucketA)
			if err := b.Put([]byte("b"), []byte("changed")); err != nil {
				return err
			}
			if err := b.Delete([]byte("c")); err != nil {
				return err
			}
			if err := b.Put([]byte("d"), []byte("v:d")); err != nil {
				return err
			}
			if _, err := b.NextSequence(); err != nil {
				return err
			}
			_, err := tx.CreateBucket([]byte("later"))
			return err
		})
	}()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	b := rtx.Bucket(bucketA)
	if got := b.Get([]byte("b")); string(got) != "v:b" {
		t.Errorf("the read tx sees b = %q after another commit, want v:b", got)
	}
	if got := b.Get([]byte("d")); got != nil {
		t.Errorf("the read tx sees d = %q, committed after it began", got)
	}
	getMany(t, "the read tx, after another commit", b, []string{"c", "d", "b"}, []string{"v:c", "", "v:b"})
	equal(t, "cursor in the read tx", forward(t, b.Cursor()), []string{"a", "b", "c"})
	if n := b.KeyCount(); n != 3 {
		t.Errorf("KeyCount in the read tx = %d, want 3", n)
	}
	if s := b.Sequence(); s != 0 {
		t.Errorf("Sequence in the read tx = %d, want 0", s)
	}
	if rtx.Bucket([]byte("later")) != nil {
		t.Error("the read tx sees a bucket created after it began")
	}
	if err := rtx.Rollback(); err != nil {
		t.Fatal(err)
	}
	view(t, db, func(tx kv.Tx) error {
		b := tx.Bucket(bucketA)
		if got := b.Get([]byte("b")); string(got) != "changed" {
			t.Errorf("a new read tx sees b = %q, want changed", got)
		}
		if b.Get([]byte("c")) != nil || b.Get([]byte("d")) == nil || tx.Bucket([]byte("later")) == nil {
			t.Error("a new read tx does not see the commit")
		}
		return nil
	})
}

// testSerialWrites: concurrent read-modify-write transactions lose no
// update: each increments a counter and appends a key under the value it
// read, so a lost update shows as a short count or a reused key.
func testSerialWrites(t *testing.T, db kv.DB) {
	update(t, db, func(tx kv.Tx) error {
		b, err := tx.CreateBucket(bucketA)
		if err != nil {
			return err
		}
		return b.Put([]byte("n"), binary.BigEndian.AppendUint64(nil, 0))
	})
	const writers, each = 4, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				err := db.Update(func(tx kv.Tx) error {
					b := tx.Bucket(bucketA)
					n := binary.BigEndian.Uint64(b.Get([]byte("n")))
					if err := b.Put(fmt.Appendf(nil, "k%04d", n), []byte("x")); err != nil {
						return err
					}
					return b.Put([]byte("n"), binary.BigEndian.AppendUint64(nil, n+1))
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	view(t, db, func(tx kv.Tx) error {
		b := tx.Bucket(bucketA)
		if n := binary.BigEndian.Uint64(b.Get([]byte("n"))); n != writers*each {
			t.Errorf("counter = %d after %d increments", n, writers*each)
		}
		if n := b.KeyCount(); n != writers*each+1 {
			t.Errorf("%d keys, want %d", n, writers*each+1)
		}
		return nil
	})
}

// testWriteWaitsForWrite: while one write transaction is open, another
// one does not commit; it commits after the first one and sees its writes.
func testWriteWaitsForWrite(t *testing.T, db kv.DB) {
	put(t, db, bucketA, "x")
	first, err := db.Begin(true)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Bucket(bucketA).Put([]byte("first"), []byte("v:first")); err != nil {
		t.Fatal(err)
	}
	secondDone := make(chan error, 1)
	var sawFirst bool
	go func() {
		secondDone <- db.Update(func(tx kv.Tx) error {
			b := tx.Bucket(bucketA)
			sawFirst = b.Get([]byte("first")) != nil
			return b.Put([]byte("second"), []byte("v:second"))
		})
	}()
	// Give the second writer time to go wrong: it must not commit while
	// the first is open.
	select {
	case err := <-secondDone:
		t.Fatalf("a write transaction ended (%v) while another was open", err)
	case <-time.After(200 * time.Millisecond):
	}
	view(t, db, func(tx kv.Tx) error {
		if tx.Bucket(bucketA).Get([]byte("second")) != nil {
			t.Error("the second writer committed while the first was open")
		}
		return nil
	})
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-secondDone; err != nil {
		t.Fatal(err)
	}
	if !sawFirst {
		t.Error("the second writer did not see the first one's write")
	}
	equal(t, "after both", keysOf(t, db, bucketA), []string{"first", "second", "x"})
}
