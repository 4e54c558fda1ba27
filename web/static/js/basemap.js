// basemap: loads the vendored MapLibre GL JS on demand and styles the
// server's own vector tiles (GET /tiles/basemap.json). Nothing comes from
// another origin: with no glyphs URL in the style, MapLibre draws labels
// with the device's fonts.

import { t } from './i18n.js';

export const MAPLIBRE = 'maplibre-gl-6.17.0';
const vendor = new URL(`../vendor/${MAPLIBRE}/`, import.meta.url);

let loading = null;

/** loadMapLibre imports MapLibre and its stylesheet once. */
export function loadMapLibre() {
  if (!loading) {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = new URL('maplibre-gl.css', vendor).href;
    document.head.append(css);
    loading = import(new URL('maplibre-gl.mjs', vendor).href).then((m) => m.default || m);
  }
  return loading;
}

const MAJOR = ['motorway', 'trunk', 'primary', 'motorway_link', 'trunk_link', 'primary_link'];
const MEDIUM = ['secondary', 'tertiary', 'secondary_link', 'tertiary_link'];
const PATHS = ['path', 'footway', 'track', 'cycleway', 'steps', 'pedestrian', 'bridleway'];
const ROAD_COLOUR = ['match', ['get', 'class'], MAJOR, '#f0a35e', MEDIUM, '#f7d794', '#ffffff'];
const roadWidth = (scale) => ['interpolate', ['exponential', 1.6], ['zoom'],
  8, ['*', scale, ['match', ['get', 'class'], MAJOR, 1.2, MEDIUM, 0.6, 0.2]],
  17, ['*', scale, ['match', ['get', 'class'], MAJOR, 14, MEDIUM, 10, PATHS, 2, 7]]];

/**
 * basemapLayers are the style layers drawing the basemap source (layers
 * areas, water, roads, buildings, facilities, places of /tiles/basemap.json).
 */
export function basemapLayers() {
  const src = (layer) => ({ source: 'basemap', 'source-layer': layer });
  const polygon = ['==', ['geometry-type'], 'Polygon'];
  const line = ['==', ['geometry-type'], 'LineString'];
  const label = { 'text-color': '#333', 'text-halo-color': '#fff', 'text-halo-width': 1.5 };
  return [
    { id: 'informal-areas', type: 'fill', ...src('areas'), filter: ['all', polygon, ['in', ['get', 'kind'], ['literal', ['informal', 'informal_settlement']]]],
      paint: { 'fill-color': '#d8c6e6', 'fill-opacity': 0.5 } },
    { id: 'water-areas', type: 'fill', ...src('water'), filter: polygon, paint: { 'fill-color': '#a8cfe8' } },
    { id: 'waterways', type: 'line', ...src('water'), filter: line,
      paint: { 'line-color': '#7fb6dc', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 16, 3] } },
    { id: 'admin-lines', type: 'line', ...src('areas'), filter: ['all', polygon, ['==', ['get', 'kind'], 'admin']],
      paint: { 'line-color': '#9a8aa8', 'line-width': 1, 'line-dasharray': [4, 2] } },
    { id: 'buildings', type: 'fill', ...src('buildings'), minzoom: 14, paint: { 'fill-color': '#d9d0c7', 'fill-outline-color': '#b8aa9c' } },
    { id: 'roads-casing', type: 'line', ...src('roads'), minzoom: 12, filter: ['!', ['in', ['get', 'class'], ['literal', PATHS]]],
      layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': '#b5aca2', 'line-width': roadWidth(1.25) } },
    { id: 'roads', type: 'line', ...src('roads'), layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ROAD_COLOUR, 'line-width': roadWidth(1) } },
    { id: 'facilities', type: 'circle', ...src('facilities'), minzoom: 14,
      paint: { 'circle-radius': 3.5, 'circle-color': '#1b7837', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } },
    { id: 'road-names', type: 'symbol', ...src('roads'), minzoom: 15,
      layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 11 }, paint: label },
    { id: 'facility-names', type: 'symbol', ...src('facilities'), minzoom: 16,
      layout: { 'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 11, 'text-offset': [0, 1], 'text-anchor': 'top', 'text-optional': true },
      paint: { ...label, 'text-color': '#1b5e20' } },
    { id: 'places', type: 'symbol', ...src('places'),
      layout: { 'text-field': ['get', 'name'], 'text-font': ['sans-serif'],
        'text-size': ['match', ['get', 'class'], ['city'], 16, ['town'], 14, 12] },
      paint: { ...label, 'text-color': '#222', 'text-halo-width': 2 } },
  ];
}

/**
 * basemapSource fetches the TileJSON and answers a vector source for it,
 * with its bounds and centre, or null when the server has no basemap.
 */
export async function basemapSource() {
  try {
    const res = await fetch('/tiles/basemap.json');
    if (!res.ok) return null;
    const tj = await res.json();
    return {
      source: { type: 'vector', tiles: tj.tiles.map(sameOrigin), minzoom: tj.minzoom ?? 0, maxzoom: tj.maxzoom ?? 14,
        bounds: tj.bounds, attribution: tj.attribution || t('attribution') },
      bounds: tj.bounds, center: tj.center,
    };
  } catch {
    return null;
  }
}

// sameOrigin points a tile URL template at this page's origin: the tiles are
// ours, and the page's CSP allows no other origin (a PublicURL behind a
// proxy may differ from the address the browser used).
const sameOrigin = (u) => location.origin + u.replace(/^[a-z]+:\/\/[^/]+/i, '');

/** reportsExtent answers the bounding box of the stored reports, or null. */
async function reportsExtent() {
  try {
    const res = await fetch('/ogc/collections/reports', { headers: { Accept: 'application/json' } });
    const col = await res.json();
    const b = col.extent && col.extent.spatial && col.extent.spatial.bbox && col.extent.spatial.bbox[0];
    return b && b.length === 4 && b[0] <= b[2] ? b : null;
  } catch {
    return null;
  }
}

/**
 * createMap draws a map in container on the basemap; it answers
 * {maplibregl, map, hasBasemap, bounds} (bounds: the extract's, or null)
 * once the style is loaded. When the
 * server has no basemap yet the map has a plain background and a notice.
 */
export async function createMap(container, { center, zoom } = {}) {
  const [maplibregl, base] = await Promise.all([loadMapLibre(), basemapSource()]);
  const style = {
    version: 8,
    sources: base ? { basemap: base.source } : {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f2efe9' } }, ...(base ? basemapLayers() : [])],
  };
  const opts = { container, style, attributionControl: { compact: true }, dragRotate: false, pitchWithRotate: false, maxPitch: 0 };
  if (center) Object.assign(opts, { center, zoom: zoom ?? 16 });
  else if (base && base.center) Object.assign(opts, { center: base.center.slice(0, 2), zoom: base.center[2] ?? 12 });
  else if (base && base.bounds) opts.bounds = base.bounds;
  else {
    const ext = await reportsExtent();
    if (ext) Object.assign(opts, { bounds: ext, fitBoundsOptions: { padding: 40, maxZoom: 14 } });
    else Object.assign(opts, { center: [0, 0], zoom: 1 });
  }
  const map = new maplibregl.Map(opts);
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.touchZoomRotate.disableRotation();
  await new Promise((resolve, reject) => {
    if (map.loaded()) resolve();
    map.once('load', resolve);
    // A style error before 'load' would otherwise leave the page waiting.
    map.once('error', (e) => { if (!map.isStyleLoaded()) reject(e.error || new Error('map style failed')); });
  });
  if (!base) {
    const note = document.createElement('p');
    note.className = 'map-note';
    note.textContent = t('map.nobasemap');
    container.append(note);
  } else {
    showGaps(map, container, base.source.maxzoom);
  }
  return { maplibregl, map, hasBasemap: !!base, bounds: (base && base.bounds) || null };
}

/**
 * showGaps hatches the basemap tiles that could not be loaded (offline,
 * never seen and not kept) instead of leaving them blank, and says so in a
 * note over the map. A tile that loads later loses its hatching. The
 * container's data-gaps counts the hatched tiles.
 */
function showGaps(map, container, maxzoom) {
  const gaps = new Map(); // "z/x/y" -> Polygon of the tile
  const note = document.createElement('p');
  note.className = 'map-note map-gaps';
  note.hidden = true;
  container.append(note);
  const size = 16;
  const hatch = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const on = (x + y) % 8 < 2;
      hatch.set(on ? [120, 110, 100, 200] : [236, 232, 225, 235], i);
    }
  }
  map.addImage('mtaa-gap', { width: size, height: size, data: hatch });
  map.addSource('mtaa-gaps', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({ id: 'mtaa-gaps', type: 'fill', source: 'mtaa-gaps', paint: { 'fill-pattern': 'mtaa-gap' } });
  const draw = () => {
    // Only the tiles of the zoom the map now shows, in its view: the note
    // is about what the person sees.
    const z = Math.min(maxzoom, Math.floor(map.getZoom()));
    const b = map.getBounds();
    const [x0, x1, y0, y1] = [tileX(b.getWest(), z), tileX(b.getEast(), z), tileY(b.getNorth(), z), tileY(b.getSouth(), z)];
    const features = [...gaps].filter(([k]) => {
      const [tz, tx, ty] = k.split('/').map(Number);
      return tz === z && tx >= x0 && tx <= x1 && ty >= y0 && ty <= y1;
    }).map(([, geometry]) => ({ type: 'Feature', geometry, properties: {} }));
    map.getSource('mtaa-gaps').setData({ type: 'FeatureCollection', features });
    container.dataset.gaps = String(features.length);
    note.hidden = !features.length;
    note.textContent = t('map.gaps');
  };
  map.on('error', (e) => {
    const c = e.tile && e.tile.tileID && e.tile.tileID.canonical;
    if (!c || e.sourceId !== 'basemap') return;
    gaps.set(`${c.z}/${c.x}/${c.y}`, tilePolygon(c.z, c.x, c.y));
    draw();
  });
  map.on('sourcedata', (e) => {
    const c = e.sourceId === 'basemap' && e.tile && e.tile.state === 'loaded' && e.tile.tileID.canonical;
    if (c && gaps.delete(`${c.z}/${c.x}/${c.y}`)) draw();
  });
  map.on('moveend', draw);
  window.addEventListener('mtaa:lang', () => { note.textContent = t('map.gaps'); });
}

// Web Mercator tile arithmetic (the basemap's XYZ scheme).
const tileX = (lon, z) => Math.min(2 ** z - 1, Math.max(0, Math.floor(((lon + 180) / 360) * 2 ** z)));
const tileY = (lat, z) => {
  const r = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
  return Math.min(2 ** z - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z)));
};
const tileLon = (x, z) => (x / 2 ** z) * 360 - 180;
const tileLat = (y, z) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;

function tilePolygon(z, x, y) {
  const [w, e, n, s] = [tileLon(x, z), tileLon(x + 1, z), tileLat(y, z), tileLat(y + 1, z)];
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/** KEPT_TILES is the cache of the basemap tiles kept for offline use; the service worker answers from it first and never trims it. */
export const KEPT_TILES = 'mtaa-kept-tiles';
/** KEEP_HEADER marks the page's own tile fetches for keeping: the service worker passes them to the network untouched. */
export const KEEP_HEADER = 'X-Mtaa-Keep';
/** AREAS_KEY keeps the list of kept areas on the phone. */
const AREAS_KEY = 'mtaa.keptAreas';
/** MAX_AREA_TILES bounds the tiles of one kept area; beyond it the deepest zooms are left out. */
export const MAX_AREA_TILES = 2000;
/** DEEPEST_KEPT_ZOOM is the most detailed zoom an area is kept at (street level). */
const DEEPEST_KEPT_ZOOM = 18;
/** GUESS_TILE_BYTES is the tile size assumed at a zoom none of whose tiles could be measured (offline). */
const GUESS_TILE_BYTES = 20 * 1024;

/** tileURLs lists the tile URLs of template over bbox [w, s, e, n] at zooms zmin…zmax. */
export function tileURLs(template, [w, s, e, n], zmin, zmax) {
  const urls = [];
  for (let z = zmin; z <= zmax; z++) {
    for (let x = tileX(w, z); x <= tileX(e, z); x++) {
      for (let y = tileY(n, z); y <= tileY(s, z); y++) urls.push(template.replace('{z}', z).replace('{x}', x).replace('{y}', y));
    }
  }
  return urls;
}

/**
 * planArea answers what keeping bbox [w, s, e, n] offline takes: the zooms
 * from two levels above the view's zoom down to street level, fewer when
 * that passes maxTiles, the tile URLs, and the expected bytes: at each
 * zoom, its tile count × the average size of up to three of its tiles
 * (from the caches, else fetched). It answers null when the server has no
 * basemap. zmax < deepest means the area is too large to keep street
 * detail.
 */
export async function planArea(bbox, viewZoom, maxTiles = MAX_AREA_TILES) {
  const base = await basemapSource();
  if (!base) return null;
  const { tiles: [template], minzoom, maxzoom } = base.source;
  const deepest = Math.min(maxzoom, DEEPEST_KEPT_ZOOM);
  const zmin = Math.max(minzoom, Math.min(deepest, Math.floor(viewZoom) - 2));
  let zmax = deepest;
  const perZoom = (top) => Array.from({ length: top - zmin + 1 }, (_, i) => tileURLs(template, bbox, zmin + i, zmin + i));
  let zooms = perZoom(zmax);
  while (zooms.flat().length > maxTiles && zmax > zmin) zooms = perZoom(--zmax);
  const urls = zooms.flat().slice(0, maxTiles);
  let bytes = 0;
  for (const z of zooms) bytes += (await sampleTileBytes(z)) * z.length;
  return { bbox, zmin, zmax, deepest, template, urls, tiles: urls.length, bytes: Math.round(bytes * (urls.length / Math.max(1, zooms.flat().length))) };
}

// sampleTileBytes answers the average size of up to three tiles from the
// middle of urls (one zoom's), read from the caches or fetched, else
// GUESS_TILE_BYTES.
async function sampleTileBytes(urls) {
  const mid = Math.floor(urls.length / 2);
  const sample = urls.slice(Math.max(0, mid - 1), mid + 2);
  let n = 0; let sum = 0;
  for (const u of sample) {
    try {
      const res = (typeof caches !== 'undefined' && await caches.match(u)) || await fetch(u);
      if (!res.ok) continue;
      sum += (await res.blob()).size;
      n++;
    } catch { /* offline: guessed */ }
  }
  return n ? sum / n : GUESS_TILE_BYTES;
}

/** keptAreas lists the areas kept offline: {id, name, bbox, zmin, zmax, tiles, bytes, keptAt}. */
export function keptAreas() {
  try { return JSON.parse(localStorage.getItem(AREAS_KEY)) || []; } catch { return []; }
}

/**
 * keepArea fetches the tiles of plan (from planArea) into KEPT_TILES, six at
 * a time, calling onProgress(done, total, bytes); signal cancels it, and a
 * cancelled area leaves no tile of its own behind (the areas kept before
 * stay whole) and answers null. It records the area under id (replacing an
 * area of the same id) and answers it. A tile that cannot be fetched
 * (offline) stops it the same way and throws.
 */
export async function keepArea(plan, { id, name, onProgress = () => {}, signal } = {}) {
  const cache = await caches.open(KEPT_TILES);
  let done = 0; let bytes = 0; let failed = null;
  const queue = [...plan.urls];
  const worker = async () => {
    while (queue.length && !(signal && signal.aborted) && !failed) {
      const u = queue.shift();
      try {
        const res = await fetch(u, { headers: { [KEEP_HEADER]: '1' }, signal });
        if (res.status === 204) {
          // An empty tile (open sea, no data): kept too, or it would show as missing offline.
          await cache.put(u, new Response(null, { status: 204 }));
        } else if (res.ok) {
          const blob = await res.blob();
          await cache.put(u, new Response(blob, { headers: { 'Content-Type': res.headers.get('Content-Type') || 'application/vnd.mapbox-vector-tile' } }));
          bytes += blob.size;
        } else if (res.status !== 404) {
          throw new Error(`HTTP ${res.status}`);
        }
      } catch (err) {
        if (!(signal && signal.aborted)) failed = err;
        break;
      }
      onProgress(++done, plan.urls.length, bytes);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  const area = { id, name, bbox: plan.bbox, zmin: plan.zmin, zmax: plan.zmax, template: plan.template, tiles: done, bytes, keptAt: Date.now() };
  if ((signal && signal.aborted) || failed) {
    await dropTiles(plan.urls, keptAreas()); // what was kept before stays
    if (failed) throw failed;
    return null;
  }
  localStorage.setItem(AREAS_KEY, JSON.stringify([...keptAreas().filter((a) => a.id !== id), area]));
  return area;
}

/** removeArea forgets the kept area id and deletes its tiles (those no other kept area holds). */
export async function removeArea(id) {
  const areas = keptAreas();
  const area = areas.find((a) => a.id === id);
  if (!area) return;
  const rest = areas.filter((a) => a.id !== id);
  localStorage.setItem(AREAS_KEY, JSON.stringify(rest));
  await dropTiles(tileURLs(area.template, area.bbox, area.zmin, area.zmax), rest);
}

// dropTiles deletes urls from KEPT_TILES but for the tiles of the areas kept.
async function dropTiles(urls, keep) {
  const held = new Set(keep.flatMap((a) => tileURLs(a.template, a.bbox, a.zmin, a.zmax)));
  const cache = await caches.open(KEPT_TILES);
  await Promise.all(urls.filter((u) => !held.has(u)).map((u) => cache.delete(u)));
}

/** categoryColour is a report's colour by severity (1 low … 5 high). */
export const SEVERITY_COLOURS = ['#6b7280', '#2b83ba', '#abdda4', '#fdae61', '#f46d43', '#c2185b'];
