package data

import (
	"sync"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Rate-limit buckets TokenLevel need not read. On an engine whose reads
// are round trips (PostgreSQL), TokenLevel, asked on every request that
// carries a token (an address that sent too many bad tokens is refused
// before its token is looked at), cost a read transaction per request,
// although almost no address has a bucket. So such a store keeps the keys
// that may have a stored bucket (rateKeys): those in the database at
// start, those it writes (TakeTokens) and those the change feed says
// another server wrote (ApplyChanges). TokenLevel reads the database only
// for a key among them; any other bucket is full. A read that finds no
// bucket forgets the key, and when the keys grow to twice what the
// database held at the last count they are counted again (in the
// background), so keys whose buckets expired do not pile up. A bucket
// another server wrote is known here once the feed brings it
// (milliseconds): until then this server may let through one request the
// bucket would have refused, as with login locks.

// rateKeysMin is how many keys rateKeys holds before it counts them
// against the database.
const rateKeysMin = 4096

// rateKeys are the rate-limit keys that may have a stored bucket (see
// above). A nil *rateKeys (a store on a file) knows nothing: every key
// may.
type rateKeys struct {
	mu   sync.Mutex
	keys map[string]uint64 // key → generation of its last note
	gen  uint64
	// base is how many keys the last count found; counting tells
	// whether a count runs.
	base     int
	counting bool
	// scan lists the keys the database holds a live bucket for.
	scan func() (map[string]bool, error)
}

func newRateKeys(scan func() (map[string]bool, error)) *rateKeys {
	return &rateKeys{keys: map[string]uint64{}, scan: scan}
}

// load sets the keys to those the database holds.
func (r *rateKeys) load() error {
	live, err := r.scan()
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for k := range live {
		r.gen++
		r.keys[k] = r.gen
	}
	r.base = len(live)
	return nil
}

// mayHold reports whether key may have a stored bucket, and the
// generation of what is known of it.
func (r *rateKeys) mayHold(key string) (bool, uint64) {
	if r == nil {
		return true, 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	g, ok := r.keys[key]
	return ok, g
}

// note records that key may have a stored bucket now.
func (r *rateKeys) note(key string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gen++
	r.keys[key] = r.gen
	if len(r.keys) > max(rateKeysMin, 2*r.base) && !r.counting {
		r.counting = true
		go r.recount(r.gen)
	}
}

// readNone forgets key, which a read found no bucket for, unless it was
// noted again since generation gen.
func (r *rateKeys) readNone(key string, gen uint64) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if g, ok := r.keys[key]; ok && g == gen {
		delete(r.keys, key)
	}
}

// recount keeps only the keys the database holds a bucket for and those
// noted after generation from. A failed scan keeps every key.
func (r *rateKeys) recount(from uint64) {
	live, err := r.scan()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.counting = false
	if err != nil {
		r.base = len(r.keys) // try again once they doubled
		return
	}
	for k, g := range r.keys {
		if g <= from && !live[k] {
			delete(r.keys, k)
		}
	}
	r.base = len(r.keys)
}

// liveRateKeys lists the keys of the rate-limit buckets that have not
// expired at now.
func (s *Store) liveRateKeys(now time.Time) (map[string]bool, error) {
	live := map[string]bool{}
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(rateLimits.name)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if unexpired(v, now) {
				live[string(k)] = true
			}
			return nil
		})
	})
	return live, err
}
