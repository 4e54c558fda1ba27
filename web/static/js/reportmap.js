// reportmap: how reports look and behave on the maps of / and /ops: colour
// by the category's severity and style by status (a hollow ring for new,
// unverified reports, filled for verified and in progress, grey once
// closed), the legend that says so, the first view fitted to the open
// reports, the "zoom to reports" control, and a list of the reports under
// a click when several share a spot.

import { t, categoryLabel } from './i18n.js';
import { SEVERITY_COLOURS } from './basemap.js';
import { el } from './dom.js';

/** STATUSES are the report statuses in workflow order. */
export const STATUSES = ['new', 'verified', 'in_progress', 'reopened', 'resolved', 'duplicate', 'rejected'];

/** OPEN_STATUSES are the statuses of reports that still need someone. */
export const OPEN_STATUSES = ['new', 'verified', 'in_progress', 'reopened'];

const CLOSED = ['resolved', 'duplicate', 'rejected'];
const CLOSED_COLOUR = '#8a8a8a';

// byCategory is a match expression from the report's category to a value
// per category (fallback for unknown ones).
function byCategory(cats, value, fallback) {
  if (!cats.length) return fallback;
  return ['match', ['get', 'category'], ...cats.flatMap((c) => [c.id, value(c)]), fallback];
}

/**
 * reportPaint is the circle paint of report points: the fill is the
 * category's severity colour (larger for higher severity); a new report is
 * a ring of that colour around white; a closed one is grey and faded.
 */
export function reportPaint(cats) {
  const colour = byCategory(cats, (c) => SEVERITY_COLOURS[c.severity] || SEVERITY_COLOURS[0], SEVERITY_COLOURS[0]);
  const severity = byCategory(cats, (c) => c.severity || 0, 0);
  const closed = ['in', ['get', 'status'], ['literal', CLOSED]];
  const fresh = ['==', ['get', 'status'], 'new'];
  return {
    'circle-radius': ['+', ['case', closed, 3.5, 4.5], ['*', 0.7, severity]],
    'circle-color': ['case', closed, CLOSED_COLOUR, fresh, '#ffffff', colour],
    'circle-stroke-color': ['case', closed, '#ffffff', fresh, colour, '#ffffff'],
    'circle-stroke-width': ['case', fresh, 3, 1.5],
    'circle-opacity': ['case', closed, 0.65, 1],
    'circle-stroke-opacity': ['case', closed, 0.65, 1],
  };
}

/**
 * reportLegend answers the legend's rows: one per status style and one per
 * severity level with the categories that have it, in the page's language.
 */
export function reportLegend(cats) {
  const row = (swatch, text, key) => el('div', { class: 'layer-row', 'data-legend': key }, swatch, el('span', {}, text));
  const dot = (style) => el('span', { class: 'swatch round', style });
  const levels = [...new Set(cats.map((c) => c.severity || 0))].sort((a, b) => b - a);
  return [
    row(dot(`background:#fff;border:3px solid ${SEVERITY_COLOURS[4]}`), t('legend.new'), 'new'),
    row(dot(`background:${SEVERITY_COLOURS[4]}`), t('legend.active'), 'active'),
    row(dot(`background:${CLOSED_COLOUR};opacity:.65`), t('legend.closed'), 'closed'),
    el('p', { class: 'hint legend-h' }, t('legend.severity')),
    ...levels.map((n) => row(dot(`background:${SEVERITY_COLOURS[n] || SEVERITY_COLOURS[0]}`),
      `${n}: ${cats.filter((c) => (c.severity || 0) === n).map(categoryLabel).join(', ')}`, `severity-${n}`)),
  ];
}

/** boundsOf answers [w, s, e, n] around the features' points, or null for none. */
export function boundsOf(features) {
  let b = null;
  for (const f of features) {
    const c = f.geometry && f.geometry.coordinates;
    if (!c) continue;
    b = b ? [Math.min(b[0], c[0]), Math.min(b[1], c[1]), Math.max(b[2], c[0]), Math.max(b[3], c[1])] : [c[0], c[1], c[0], c[1]];
  }
  return b;
}

/**
 * fitToReports moves map to the open reports among features, else to
 * fallback (the extract's bounds); it answers what it fitted: 'reports',
 * 'extract' or ''.
 */
export function fitToReports(map, features, fallback, { animate = false } = {}) {
  const b = boundsOf(features.filter((f) => OPEN_STATUSES.includes(f.properties.status)));
  const opts = { padding: 60, maxZoom: 16, duration: animate ? 600 : 0 };
  if (b) {
    map.fitBounds(b, opts);
    return 'reports';
  }
  if (fallback) {
    map.fitBounds(fallback, { ...opts, padding: 10 });
    return 'extract';
  }
  return '';
}

/**
 * ZoomToReports is a map control: a button that fits the map to the open
 * reports (features() answers the reports drawn), else to fallback.
 */
export class ZoomToReports {
  constructor(features, fallback) { this.features = features; this.fallback = fallback; }

  onAdd(map) {
    this.button = el('button', { type: 'button', id: 'zoom-reports', class: 'zoom-reports' });
    this.label = () => { this.button.textContent = t('map.zoomreports'); this.button.title = t('map.zoomreports.hint'); };
    this.label();
    window.addEventListener('mtaa:lang', this.label);
    this.button.addEventListener('click', () => {
      document.body.dataset.fitted = fitToReports(map, this.features(), this.fallback, { animate: true });
    });
    this.box = el('div', { class: 'maplibregl-ctrl maplibregl-ctrl-group' }, this.button);
    return this.box;
  }

  onRemove() {
    window.removeEventListener('mtaa:lang', this.label);
    this.box.remove();
  }
}

/** reportsAt answers the distinct reports of layers drawn within a few pixels of point. */
export function reportsAt(map, point, layers) {
  const r = 6;
  const hits = map.queryRenderedFeatures([[point.x - r, point.y - r], [point.x + r, point.y + r]], { layers });
  const seen = new Map();
  for (const f of hits) if (!seen.has(f.properties.id)) seen.set(f.properties.id, f);
  return [...seen.values()];
}

/**
 * reportNeeds answers a report's needs (category ids), the main category
 * first: its needs, or its category alone for a report without them. A
 * feature read back from the map (queryRenderedFeatures) holds needs as
 * JSON text; it is read as the list.
 */
export function reportNeeds(p) {
  let needs = p.needs;
  if (typeof needs === 'string') {
    try { needs = JSON.parse(needs); } catch { needs = null; }
  }
  if (!Array.isArray(needs) || !needs.length) return p.category ? [p.category] : [];
  return p.category && needs.includes(p.category) ? [p.category, ...needs.filter((n) => n !== p.category)] : needs;
}

/**
 * needsText names a report's needs as the taxonomy cats label them in the
 * page's language, the main one first ("Food needed, Water supply"); an
 * id the taxonomy does not know is shown as it is.
 */
export function needsText(ids, cats) {
  const byId = new Map(cats.map((c) => [c.id, c]));
  return ids.map((n) => categoryLabel(byId.get(n)) || n).join(', ');
}

/**
 * spotList opens a popup at lngLat listing features (reports sharing a
 * spot), each with every need, the main first; choosing one calls
 * pick(id). It answers the popup.
 */
export function spotList(maplibregl, map, lngLat, features, cats, pick) {
  let popup = null;
  const items = features.map((f) => {
    const p = f.properties;
    const b = el('button', { type: 'button', class: 'spot-item', 'data-id': p.id },
      `#${p.id} ${needsText(reportNeeds(p), cats)} · ${t(`status.${p.status}`)}`);
    b.addEventListener('click', () => { popup.remove(); pick(Number(p.id)); });
    return el('li', {}, b);
  });
  const box = el('div', { id: 'spot-list', class: 'spot-list', role: 'dialog', 'aria-labelledby': 'spot-h' },
    el('p', { id: 'spot-h' }, t('map.spot', { n: features.length })), el('ul', {}, ...items));
  popup = new maplibregl.Popup({ maxWidth: '20rem', focusAfterOpen: false }).setLngLat(lngLat).setDOMContent(box).addTo(map);
  items[0]?.firstChild.focus();
  return popup;
}
