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
  }
  return { maplibregl, map, hasBasemap: !!base, bounds: (base && base.bounds) || null };
}

/** categoryColour is a report's colour by severity (1 low … 5 high). */
export const SEVERITY_COLOURS = ['#6b7280', '#2b83ba', '#abdda4', '#fdae61', '#f46d43', '#c2185b'];
