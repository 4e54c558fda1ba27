// draw: tap the map at each corner of a shape, undo, close. The result is
// an RFC 7946 exterior ring (counter-clockwise, closed) and its area.
// Keyboard users pan the map with the arrow keys and add the corner at the
// map's centre with a button.

import { t } from './i18n.js';
import { el } from './shell.js';
import { closedCCW, ringArea, formatArea } from './geo.js';

/**
 * drawTool puts the drawing buttons in container for map; onClose gets
 * {ring, area} when the user closes the shape, and null when cancelled.
 */
export function drawTool(map, container, onClose, idPrefix = 'draw', startKey = 'draw.start') {
  const points = [];
  let drawing = false;
  const src = `${idPrefix}-shape`;
  map.addSource(src, { type: 'geojson', data: empty() });
  map.addLayer({ id: `${src}-fill`, type: 'fill', source: src, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#c2185b', 'fill-opacity': 0.2 } });
  map.addLayer({ id: `${src}-line`, type: 'line', source: src, paint: { 'line-color': '#c2185b', 'line-width': 2 } });
  map.addLayer({ id: `${src}-points`, type: 'circle', source: src, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 5, 'circle-color': '#fff', 'circle-stroke-color': '#c2185b', 'circle-stroke-width': 2 } });

  const start = el('button', { type: 'button', id: `${idPrefix}-start` });
  const add = el('button', { type: 'button', id: `${idPrefix}-add`, hidden: true });
  const undo = el('button', { type: 'button', id: `${idPrefix}-undo`, hidden: true });
  const close = el('button', { type: 'button', id: `${idPrefix}-close`, hidden: true });
  const cancel = el('button', { type: 'button', id: `${idPrefix}-cancel`, hidden: true });
  const info = el('span', { id: `${idPrefix}-info`, role: 'status', 'aria-live': 'polite' });
  container.append(start, add, undo, close, cancel, info);

  const label = () => {
    start.textContent = t(startKey);
    add.textContent = t('draw.add');
    undo.textContent = t('draw.undo');
    close.textContent = t('draw.close');
    cancel.textContent = t('draw.cancel');
    render();
  };
  const render = () => {
    const features = points.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: {} }));
    if (points.length >= 3) features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [closedCCW(points)] }, properties: {} });
    else if (points.length === 2) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: points }, properties: {} });
    map.getSource(src).setData({ type: 'FeatureCollection', features });
    info.textContent = drawing ? [t('draw.points', { n: points.length }),
      points.length >= 3 ? t('draw.area', { area: formatArea(ringArea(closedCCW(points))) }) : t('draw.help')].join(' · ') : '';
    undo.disabled = points.length === 0;
    close.disabled = points.length < 3;
  };
  const setDrawing = (on) => {
    drawing = on;
    start.hidden = on;
    for (const b of [add, undo, close, cancel]) b.hidden = !on;
    map.getCanvas().style.cursor = on ? 'crosshair' : '';
    render();
  };
  const addPoint = (lngLat) => { points.push([lngLat.lng, lngLat.lat]); render(); };

  map.on('click', (e) => { if (drawing) addPoint(e.lngLat); });
  start.addEventListener('click', () => { points.length = 0; setDrawing(true); add.focus(); });
  add.addEventListener('click', () => addPoint(map.getCenter()));
  undo.addEventListener('click', () => { points.pop(); render(); });
  close.addEventListener('click', () => {
    const ring = closedCCW(points);
    setDrawing(false);
    info.textContent = t('draw.area', { area: formatArea(ringArea(ring)) });
    onClose({ ring, area: ringArea(ring) });
    start.focus();
  });
  cancel.addEventListener('click', () => { points.length = 0; setDrawing(false); onClose(null); start.focus(); });
  window.addEventListener('mtaa:lang', label);
  label();
  setDrawing(false);
  return {
    /** drawing is true while corners are being placed: map clicks are corners then. */
    get drawing() { return drawing; },
    clear() { points.length = 0; render(); },
    /** addPoint adds a corner (also used by the browser tests). */
    addPoint,
  };
}

function empty() { return { type: 'FeatureCollection', features: [] }; }
