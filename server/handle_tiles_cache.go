package server

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sync"

	"github.com/mtaa-project/mtaa/mapping"
)

// DefaultTileCacheBytes bounds the basemap tile cache when
// Config.TileCacheBytes is 0.
const DefaultTileCacheBytes = 64 << 20

// tileKey names one basemap tile.
type tileKey struct{ z, x, y uint32 }

// tileEntry is one rendered tile: gzipped MVT bytes (nil for a tile with
// nothing in it) and its entity tag.
type tileEntry struct {
	key  tileKey
	gz   []byte
	etag string
}

// tileEntryOverhead approximates the memory of an entry besides its bytes.
const tileEntryOverhead = 160

func (e *tileEntry) size() int { return len(e.gz) + len(e.etag) + tileEntryOverhead }

// basemap renders and caches the tiles of the extract in use. When the
// extract is replaced (a new import), the next request builds a new Tiler
// and empties the cache.
type basemap struct {
	extract func() *mapping.Index
	max     int

	mu    sync.Mutex
	ix    *mapping.Index
	tiler *mapping.Tiler
	gen   uint64
	lru   *list.List // of *tileEntry, most recent first
	byKey map[tileKey]*list.Element
	bytes int

	// gzipWriters reuses gzip writers: each holds ~1 MB of state.
	gzipWriters sync.Pool
}

func newBasemap(extract func() *mapping.Index, maxBytes int) *basemap {
	if maxBytes <= 0 {
		maxBytes = DefaultTileCacheBytes
	}
	return &basemap{extract: extract, max: maxBytes, lru: list.New(), byKey: make(map[tileKey]*list.Element),
		gzipWriters: sync.Pool{New: newGzipWriter}}
}

// current returns the tiler of the extract in use and its generation, or
// nil when there is no extract.
func (b *basemap) current() (*mapping.Tiler, uint64) {
	if b.extract == nil {
		return nil, 0
	}
	ix := b.extract()
	if ix == nil {
		return nil, 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if ix != b.ix {
		b.ix, b.tiler = ix, mapping.NewTiler(ix)
		b.gen++
		b.lru.Init()
		clear(b.byKey)
		b.bytes = 0
	}
	return b.tiler, b.gen
}

// tile returns the entry for k, rendering it on a cache miss; hit tells
// whether it came from the cache. ok is false when there is no extract.
func (b *basemap) tile(k tileKey) (e *tileEntry, hit, ok bool, err error) {
	tiler, gen := b.current()
	if tiler == nil {
		return nil, false, false, nil
	}
	if e := b.get(k, gen); e != nil {
		return e, true, true, nil
	}
	raw, err := tiler.Tile(k.z, k.x, k.y)
	if err != nil {
		return nil, false, true, err
	}
	e = &tileEntry{key: k, etag: fmt.Sprintf(`"%d-empty"`, gen)}
	if raw != nil {
		sum := sha256.Sum256(raw)
		e.etag = `"` + hex.EncodeToString(sum[:12]) + `"`
		if e.gz, err = b.gzipBytes(raw); err != nil {
			return nil, false, true, fmt.Errorf("tile %d/%d/%d: %w", k.z, k.x, k.y, err)
		}
	}
	b.put(e, gen)
	return e, false, true, nil
}

func (b *basemap) get(k tileKey, gen uint64) *tileEntry {
	b.mu.Lock()
	defer b.mu.Unlock()
	if gen != b.gen {
		return nil
	}
	el, ok := b.byKey[k]
	if !ok {
		return nil
	}
	b.lru.MoveToFront(el)
	return el.Value.(*tileEntry)
}

// put adds e unless the extract changed while it was rendered, then
// evicts the least recently used tiles beyond the byte bound.
func (b *basemap) put(e *tileEntry, gen uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if gen != b.gen || e.size() > b.max {
		return
	}
	if el, ok := b.byKey[e.key]; ok { // rendered twice concurrently
		b.lru.MoveToFront(el)
		return
	}
	b.byKey[e.key] = b.lru.PushFront(e)
	b.bytes += e.size()
	for b.bytes > b.max {
		last := b.lru.Back()
		old := last.Value.(*tileEntry)
		b.lru.Remove(last)
		delete(b.byKey, old.key)
		b.bytes -= old.size()
	}
}

func newGzipWriter() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.DefaultCompression)
	return zw
}

// gzipBytes compresses raw with a writer from the pool.
func (b *basemap) gzipBytes(raw []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(raw)/2 + 64)
	zw := b.gzipWriters.Get().(*gzip.Writer)
	defer b.gzipWriters.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
