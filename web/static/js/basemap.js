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

const ROAD_COLOURS = ['match', ['get', 'class'],
  ['motorway', 'trunk'], '#e8925a', ['primary', 'secondary'], '#f3c178', ['tertiary'], '#ffffff', '#ffffff'];
const ROAD_WIDTHS = ['interpolate', ['exponential', 1.6], ['zoom'], 8, ['match', ['get', 'class'], ['motorway', 'trunk', 'primary'], 1.2, 0.3],
  16, ['match', ['get', 'class'], ['motorway', 'trunk', 'primary', 'secondary'], 10, ['tertiary'], 7, ['path', 'footway', 'track'], 1.5, 5]];

/** basemapLayers are the style layers drawing the basemap source. */
export function basemapLayers() {
  return [
    { id: 'landuse', type: 'fill', source: 'basemap', 'source-layer': 'landuse', paint: { 'fill-color': '#e4eedb', 'fill-opacity': 0.8 } },
    { id: 'water', type: 'fill', source: 'basemap', 'source-layer': 'water', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#a8cfe8' } },
    { id: 'waterway', type: 'line', source: 'basemap', 'source-layer': 'water', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#7fb6dc', 'line-width': 1.5 } },
    { id: 'buildings', type: 'fill', source: 'basemap', 'source-layer': 'buildings', minzoom: 13, paint: { 'fill-color': '#d9d0c7', 'fill-outline-color': '#bfb3a8' } },
    { id: 'roads-casing', type: 'line', source: 'basemap', 'source-layer': 'roads', layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#b9b1a8', 'line-width': ['*', 1.4, ROAD_WIDTHS], 'line-gap-width': 0 } },
    { id: 'roads', type: 'line', source: 'basemap', 'source-layer': 'roads', layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ROAD_COLOURS, 'line-width': ROAD_WIDTHS } },
    { id: 'road-names', type: 'symbol', source: 'basemap', 'source-layer': 'roads', minzoom: 14,
      layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 11 },
      paint: { 'text-color': '#444', 'text-halo-color': '#fff', 'text-halo-width': 1.5 } },
    { id: 'places', type: 'symbol', source: 'basemap', 'source-layer': 'places',
      layout: { 'text-field': ['get', 'name'], 'text-font': ['sans-serif'],
        'text-size': ['match', ['get', 'place'], ['city', 'town'], 15, 12] },
      paint: { 'text-color': '#222', 'text-halo-color': '#fff', 'text-halo-width': 2 } },
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
      source: { type: 'vector', tiles: tj.tiles, minzoom: tj.minzoom ?? 0, maxzoom: tj.maxzoom ?? 14,
        bounds: tj.bounds, attribution: tj.attribution || t('attribution') },
      bounds: tj.bounds, center: tj.center,
    };
  } catch {
    return null;
  }
}

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
 * {maplibregl, map, hasBasemap} once the style is loaded. When the
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
  await new Promise((resolve) => (map.loaded() ? resolve() : map.once('load', resolve)));
  if (!base) {
    const note = document.createElement('p');
    note.className = 'map-note';
    note.textContent = t('map.nobasemap');
    container.append(note);
  }
  return { maplibregl, map, hasBasemap: !!base };
}

/** categoryColour is a report's colour by severity (1 low … 5 high). */
export const SEVERITY_COLOURS = ['#6b7280', '#2b83ba', '#abdda4', '#fdae61', '#f46d43', '#c2185b'];
