// home: the map at /: basemap, reports (live, styled by status and
// severity, with a legend), this device's pending reports, and drawing an
// informal-settlement boundary.

import { initShell, el } from './shell.js';
import { t, categoryLabel } from './i18n.js';
import { categories, getJSON, postSettlement } from './api.js';
import { createMap } from './basemap.js';
import { followReports, liveBadge } from './live.js';
import { reportPaint, reportLegend, fitToReports, ZoomToReports, reportsAt, spotList } from './reportmap.js';
import { drawTool } from './draw.js';
import { pending } from './queue.js';

const $ = (id) => document.getElementById(id);
const state = { map: null, reports: new Map(), cats: [] };
window.mtaa = state;

const ready = initShell();
start().catch((err) => { $('status').textContent = `${t('map.failed')} (${err.message})`; });

async function start() {
  $('status').textContent = t('map.loading');
  const [{ map, maplibregl, bounds }, cats] = await Promise.all([createMap($('map')), categories().catch(() => [])]);
  state.map = map;
  state.cats = cats;
  $('status').textContent = '';
  map.addSource('reports', { type: 'geojson', data: collection([]) });
  map.addLayer({ id: 'reports', type: 'circle', source: 'reports', paint: reportPaint(cats) });
  map.addSource('pending', { type: 'geojson', data: collection([]) });
  map.addLayer({ id: 'pending', type: 'circle', source: 'pending',
    paint: { 'circle-radius': 7, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#6b4500', 'circle-stroke-width': 2 } });
  map.addControl(new ZoomToReports(() => [...state.reports.values()], bounds), 'top-left');

  // A report alone opens its popup; several at one spot (a generalised
  // sensitive point, a busy corner) are listed first.
  const open = (id, lngLat) => {
    const f = state.reports.get(id);
    if (!f) return;
    const cat = cats.find((c) => c.id === f.properties.category);
    state.popup = new maplibregl.Popup().setLngLat(lngLat || f.geometry.coordinates)
      .setDOMContent(el('div', { id: 'report-popup', 'data-id': f.id }, el('strong', {}, `#${f.properties.id} ${categoryLabel(cat) || f.properties.category}`),
        el('p', {}, f.properties.description || ''), el('p', {}, t(`status.${f.properties.status}`))))
      .addTo(map);
  };
  map.on('click', 'reports', (e) => {
    if (state.draw && state.draw.drawing) return; // a corner, not a report
    const here = reportsAt(map, e.point, ['reports']);
    if (here.length > 1) state.popup = spotList(maplibregl, map, e.lngLat, here, cats, (id) => open(id, e.lngLat));
    else open(e.features[0].properties.id);
  });
  map.on('mouseenter', 'reports', () => { map.getCanvas().style.cursor = 'pointer'; });
  map.on('mouseleave', 'reports', () => { map.getCanvas().style.cursor = ''; });
  buildLegend();
  window.addEventListener('mtaa:lang', buildLegend);
  // The legend starts folded unless the screen is tall, so that it does not hide the map.
  if (!window.matchMedia('(min-width: 701px) and (min-height: 900px)').matches) $('legend-box').open = false;

  await ready;
  await loadReports();
  document.body.dataset.fitted = fitToReports(map, [...state.reports.values()], bounds);
  const live = followReports({ report: putReport, updated: putReport, hidden: dropReport, reload: loadReports }, liveBadge($('live')));
  // Who may see what changes at log in and out: read again, with a stream of the new session.
  window.addEventListener('mtaa:session', () => { live.restart(); loadReports(); });
  showPending();
  window.addEventListener('mtaa:queue', () => { showPending(); loadReports(); });
  setUpDrawing(map);
  document.body.dataset.ready = '1';
}

function buildLegend() {
  $('legend').replaceChildren(...reportLegend(state.cats));
}

function collection(features) { return { type: 'FeatureCollection', features }; }

async function loadReports() {
  const page = await getJSON('/ogc/collections/reports/items?limit=10000', { cache: 'no-store' });
  if (!page) return;
  state.reports.clear();
  for (const f of page.features) state.reports.set(f.id, f);
  redraw();
}

// putReport adds a new report or replaces a changed one (a moderator
// verified it: it is restyled, or moved to its corrected place).
function putReport(f) {
  state.reports.set(f.id, f);
  redraw();
}

function dropReport(id) {
  if (state.reports.delete(id)) redraw();
}

function redraw() {
  state.map.getSource('reports').setData(collection([...state.reports.values()]));
  document.body.dataset.reports = String(state.reports.size);
}

async function showPending() {
  const items = await pending();
  state.map.getSource('pending').setData(collection(items.map((i) => i.feature)));
}

function setUpDrawing(map) {
  const form = el('form', { id: 'settlement-form', hidden: true });
  const name = el('input', { type: 'text', id: 'settlement-name', required: true, maxlength: 200 });
  const nameLabel = el('label', { for: 'settlement-name' });
  const submit = el('button', { type: 'submit', class: 'primary', id: 'settlement-submit' });
  const result = el('p', { id: 'settlement-result', role: 'status', 'aria-live': 'polite' });
  form.append(nameLabel, name, submit);
  $('draw').after(form, result);
  const label = () => { nameLabel.textContent = t('draw.name'); submit.textContent = t('draw.submit'); };
  label();
  window.addEventListener('mtaa:lang', label);
  let ring = null;
  const tool = drawTool(map, $('draw'), (shape) => {
    ring = shape && shape.ring;
    form.hidden = !ring;
    if (ring) name.focus();
  });
  state.draw = tool;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!ring || ring.length < 4 || !name.value.trim()) { result.textContent = t('draw.need'); return; }
    try {
      const saved = await postSettlement({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] },
        properties: { name: name.value.trim(), source: 'web' } });
      result.className = 'ok';
      result.textContent = t('draw.sent', { id: saved.id ?? (saved.properties && saved.properties.id) ?? '' });
      form.hidden = true;
      name.value = '';
      tool.clear();
    } catch (err) {
      result.className = 'error';
      result.textContent = t('draw.failed', { why: err.message });
    }
  });
}
