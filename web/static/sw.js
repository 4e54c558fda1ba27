// mtaa's service worker, served at /sw.js so that it controls the whole
// origin. It keeps the app shell (version {{version}}) for offline use,
// keeps every basemap tile the user has seen (and, untrimmed, the areas
// the user chose to keep offline: basemap.js keepArea), answers API reads
// from the network and falls back to the last copy, and sends queued
// reports on background sync. The server fills in {{static}}, {{version}},
// {{shell}}.

import { flush } from '{{static}}/js/queue.js';
import { KEPT_TILES, KEEP_HEADER } from '{{static}}/js/basemap.js';

const SHELL_CACHE = 'mtaa-shell-{{version}}';
const TILE_CACHE = 'mtaa-tiles';
// DATA_CACHE keeps public API reads for offline use; answers marked
// no-store (those read with an account: exact positions for moderators)
// are never kept. Version 2: version 1 may hold such answers, dropped at
// activation.
const DATA_CACHE = 'mtaa-data-2';
const SHELL = {{shell}};
/** MAX_TILES bounds the tile cache; the oldest tiles go first. */
const MAX_TILES = 3000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('mtaa-shell-') && name !== SHELL_CACHE) await caches.delete(name);
      if (name === 'mtaa-data') await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const p = url.pathname;
  if (p.startsWith('/static/')) {
    event.respondWith(cacheFirst(req, SHELL_CACHE));
  } else if (p.startsWith('/tiles/basemap/')) {
    event.respondWith(tile(req, event));
  } else if (p === '/' || p === '/report' || p === '/ops' || p === '/campaign' || p === '/manifest.webmanifest') {
    event.respondWith(networkFirst(req, SHELL_CACHE));
  } else if (p === '/tiles/basemap.json' || p === '/api/v1/categories' || p.startsWith('/ogc/')) {
    event.respondWith(networkFirst(req, DATA_CACHE));
  }
  // Everything else (events, exports, reports by id) goes to the network as is.
});

async function cacheFirst(req, cacheName) {
  const hit = await caches.match(req, { ignoreSearch: true });
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) (await caches.open(cacheName)).put(req, res.clone());
  return res;
}

async function networkFirst(req, cacheName) {
  try {
    const res = await fetch(req);
    if (res.ok && !/no-store/.test(res.headers.get('Cache-Control') || '')) {
      (await caches.open(cacheName)).put(req, res.clone());
    }
    return res;
  } catch (err) {
    const hit = await caches.match(req);
    if (hit) return hit;
    throw err;
  }
}

// Tiles: from the kept areas or the cache when seen before (and refreshed
// in the background), else from the network and kept. The page's own
// fetches for a kept area go to the network as they are: the page stores
// them in KEPT_TILES itself.
async function tile(req, event) {
  if (req.headers.has(KEEP_HEADER)) return fetch(req);
  const kept = await caches.open(KEPT_TILES);
  const keptHit = await kept.match(req);
  if (keptHit) {
    event.waitUntil(fetch(req).then((res) => (res.ok ? kept.put(req, res) : null)).catch(() => {}));
    return keptHit;
  }
  const cache = await caches.open(TILE_CACHE);
  const hit = await cache.match(req);
  const refresh = fetch(req).then(async (res) => {
    if (res.ok) {
      await cache.put(req, res.clone());
      if (!hit) event.waitUntil(trimTiles(cache));
    }
    return res;
  });
  if (hit) {
    event.waitUntil(refresh.catch(() => {}));
    return hit;
  }
  return refresh;
}

async function trimTiles(cache) {
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - MAX_TILES; i++) await cache.delete(keys[i]);
}

self.addEventListener('sync', (event) => {
  if (event.tag === 'mtaa-outbox') event.waitUntil(sendQueue());
});

async function sendQueue() {
  const result = await flush();
  for (const client of await self.clients.matchAll()) client.postMessage({ type: 'queue', result });
  if (result.offline) throw new Error('still offline'); // the browser retries the sync later
}
