// home: the map at /: basemap, reports (live), this device's pending
// reports, and drawing an informal-settlement boundary.

import { initShell, el } from './shell.js';
import { t, categoryLabel } from './i18n.js';
import { categories, getJSON, postSettlement } from './api.js';
import { createMap, SEVERITY_COLOURS } from './basemap.js';
import { followReports } from './live.js';
import { drawTool } from './draw.js';
import { pending } from './queue.js';

const $ = (id) => document.getElementById(id);
const state = { map: null, reports: new Map(), cats: [] };
window.mtaa = state;

initShell();
start().catch((err) => { $('status').textContent = `${t('map.failed')} (${err.message})`; });

async function start() {
  $('status').textContent = t('map.loading');
  const [{ map, maplibregl }, cats] = await Promise.all([createMap($('map')), categories().catch(() => [])]);
  state.map = map;
  state.cats = cats;
  $('status').textContent = '';
  const severity = ['match', ['get', 'category'], ...cats.flatMap((c) => [c.id, SEVERITY_COLOURS[c.severity] || SEVERITY_COLOURS[0]]), SEVERITY_COLOURS[0]];
  map.addSource('reports', { type: 'geojson', data: collection([]) });
  map.addLayer({ id: 'reports', type: 'circle', source: 'reports',
    paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 4, 16, 8], 'circle-color': severity, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } });
  map.addSource('pending', { type: 'geojson', data: collection([]) });
  map.addLayer({ id: 'pending', type: 'circle', source: 'pending',
    paint: { 'circle-radius': 7, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#6b4500', 'circle-stroke-width': 2 } });

  map.on('click', 'reports', (e) => {
    const f = e.features[0];
    const cat = cats.find((c) => c.id === f.properties.category);
    new maplibregl.Popup().setLngLat(f.geometry.coordinates)
      .setDOMContent(el('div', {}, el('strong', {}, `#${f.properties.id} ${categoryLabel(cat) || f.properties.category}`),
        el('p', {}, f.properties.description || ''), el('p', {}, t(`status.${f.properties.status}`))))
      .addTo(map);
  });
  map.on('mouseenter', 'reports', () => { map.getCanvas().style.cursor = 'pointer'; });
  map.on('mouseleave', 'reports', () => { map.getCanvas().style.cursor = ''; });

  await loadReports();
  followReports(addReport, (s) => { document.body.dataset.live = s; }, loadReports);
  showPending();
  window.addEventListener('mtaa:queue', () => { showPending(); loadReports(); });
  setUpDrawing(map);
  document.body.dataset.ready = '1';
}

function collection(features) { return { type: 'FeatureCollection', features }; }

async function loadReports() {
  const page = await getJSON('/ogc/collections/reports/items?limit=10000');
  if (!page) return;
  state.reports.clear();
  for (const f of page.features) state.reports.set(f.id, f);
  state.map.getSource('reports').setData(collection([...state.reports.values()]));
}

function addReport(f) {
  state.reports.set(f.id, f);
  state.map.getSource('reports').setData(collection([...state.reports.values()]));
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
