// report: the field reporting form (/report), phone first. The form is
// usable before the map library arrives: a GPS fix is enough to report;
// the map loads afterwards to check and correct the position.

import { initShell, el, requestSync } from './shell.js';
import { t, categoryLabel } from './i18n.js';
import { categories, newKey } from './api.js';
import { enqueue, flush, pending, sent } from './queue.js';
import { offerFacility } from './facility.js';

/** ACCURACY_WARNING_M is the GPS accuracy above which the form warns. */
const ACCURACY_WARNING_M = 50;
/** PHOTO_MAX_PX is the longest side of an uploaded photo. */
const PHOTO_MAX_PX = 1280;

const $ = (id) => document.getElementById(id);
const state = { position: null, cats: [], photo: null, map: null, marker: null, maplibregl: null };
window.mtaa = state;

initShell();
start();

async function start() {
  $('locate').addEventListener('click', locate);
  $('photo').addEventListener('change', choosePhoto);
  $('report-form').addEventListener('submit', submit);
  window.addEventListener('mtaa:queue', renderLists);
  window.addEventListener('mtaa:lang', () => { renderCategories(); renderLists(); showPosition(); });
  try {
    state.cats = await categories();
  } catch (err) {
    $('form-error').textContent = err.message;
  }
  renderCategories();
  renderLists();
  $('submit').disabled = false;
  document.body.dataset.ready = '1';
  performance.mark('mtaa-ready');
  // The map comes after the form is usable, so that a slow connection
  // does not hold the form back.
  setTimeout(loadMap, 0);
}

function renderCategories() {
  const checked = document.querySelector('input[name=category]:checked');
  const grid = $('categories');
  grid.replaceChildren(...state.cats.map((c) => {
    const id = `cat-${c.id}`;
    return el('div', { class: 'cat' },
      el('input', { type: 'radio', name: 'category', id, value: c.id, required: true, checked: checked && checked.value === c.id }),
      el('label', { for: id }, categoryIcon(c.id), el('span', {}, categoryLabel(c))));
  }));
}

function locate() {
  if (!navigator.geolocation) {
    $('loc-status').textContent = t('report.nogps', { why: 'no GPS' });
    return;
  }
  $('loc-status').textContent = t('report.locating');
  navigator.geolocation.getCurrentPosition(
    (p) => setPosition({ lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy, source: 'gps' }),
    (err) => { $('loc-status').textContent = t('report.nogps', { why: err.message || err.code }); },
    { enableHighAccuracy: true, timeout: 20000, maximumAge: 10000 });
}

function setPosition(pos) {
  state.position = pos;
  showPosition();
  drawPosition(true);
}

function showPosition() {
  const p = state.position;
  if (!p) return;
  const gps = p.source === 'gps';
  $('loc-status').textContent = gps ? t('report.located', { m: Math.round(p.accuracy) }) : t('report.moved');
  $('loc-warn').hidden = !(gps && p.accuracy > ACCURACY_WARNING_M);
}

async function loadMap() {
  try {
    const start = state.position ? { center: [state.position.lon, state.position.lat], zoom: 17 } : {};
    const [{ createMap }, geo] = await Promise.all([import('./basemap.js'), import('./geo.js')]);
    state.circle = geo.circle;
    const { maplibregl, map } = await createMap($('mini-map'), start);
    state.map = map;
    state.maplibregl = maplibregl;
    map.addSource('accuracy', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({ id: 'accuracy', type: 'fill', source: 'accuracy', paint: { 'fill-color': '#0b5d6b', 'fill-opacity': 0.15 } });
    map.addLayer({ id: 'accuracy-line', type: 'line', source: 'accuracy', paint: { 'line-color': '#0b5d6b', 'line-width': 1 } });
    map.on('click', (e) => setPosition({ lon: e.lngLat.lng, lat: e.lngLat.lat, accuracy: null, source: 'manual' }));
    drawPosition(true);
  } catch (err) {
    console.warn('map not shown:', err);
    $('mini-map').replaceChildren(el('p', { class: 'hint' }, t('map.failed')));
  }
}

function drawPosition(recentre) {
  const { map, position: p, maplibregl } = state;
  if (!map || !p) return;
  if (!state.marker) {
    state.marker = new maplibregl.Marker({ draggable: true, color: '#c2185b' }).setLngLat([p.lon, p.lat]).addTo(map);
    state.marker.getElement().setAttribute('aria-label', t('report.where'));
    state.marker.on('dragend', () => {
      const ll = state.marker.getLngLat();
      state.position = { lon: ll.lng, lat: ll.lat, accuracy: null, source: 'manual' };
      showPosition();
      drawPosition(false);
    });
  }
  state.marker.setLngLat([p.lon, p.lat]);
  const features = p.accuracy ? [{ type: 'Feature', geometry: state.circle([p.lon, p.lat], p.accuracy), properties: {} }] : [];
  map.getSource('accuracy').setData({ type: 'FeatureCollection', features });
  if (recentre) map.jumpTo({ center: [p.lon, p.lat], zoom: Math.max(map.getZoom(), 16) });
}

async function choosePhoto() {
  const file = $('photo').files[0];
  state.photo = null;
  $('photo-preview').hidden = true;
  if (!file) return;
  try {
    state.photo = await downscale(file, PHOTO_MAX_PX);
    $('photo-preview').src = URL.createObjectURL(state.photo.blob);
    $('photo-preview').hidden = false;
    $('photo-status').textContent = t('report.photo.ready', { w: state.photo.width, h: state.photo.height, kb: Math.round(state.photo.blob.size / 1024) });
  } catch (err) {
    $('photo-status').textContent = err.message;
  }
}

/** downscale redraws an image file so that its longest side is at most max pixels, as JPEG. */
async function downscale(file, max) {
  const img = await createImageBitmap(file);
  const scale = Math.min(1, max / Math.max(img.width, img.height));
  const width = Math.round(img.width * scale);
  const height = Math.round(img.height * scale);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d').drawImage(img, 0, 0, width, height);
  img.close();
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  return { blob, width, height };
}

async function submit(e) {
  e.preventDefault();
  const cat = document.querySelector('input[name=category]:checked');
  const error = $('form-error');
  error.textContent = '';
  if (!state.position) { error.textContent = t('report.need.location'); $('locate').focus(); return; }
  if (!cat) { error.textContent = t('report.need.category'); document.querySelector('input[name=category]')?.focus(); return; }
  const p = state.position;
  const properties = { category: cat.value, description: $('desc').value.trim(), location_source: p.source, observed_at: new Date().toISOString() };
  if (p.source === 'gps' && p.accuracy != null) properties.accuracy_m = Math.round(p.accuracy * 10) / 10;
  const item = {
    key: newKey(),
    feature: { type: 'Feature', geometry: { type: 'Point', coordinates: [round7(p.lon), round7(p.lat)] }, properties },
    photo: state.photo ? state.photo.blob : null,
    createdAt: Date.now(),
  };
  $('submit').disabled = true;
  try {
    await enqueue(item);
    $('report-form').reset();
    state.photo = null;
    $('photo-preview').hidden = true;
    $('photo-status').textContent = '';
    const result = await flush();
    const done = result.sent.find((s) => s.key === item.key);
    const failed = result.failed.find((f) => f.key === item.key);
    if (done) { showResult('ok', t('report.sent', { id: done.id })); offerFacility($('facility'), done.id); }
    else if (failed) showResult('error', t('report.rejected', { why: failed.message }));
    else { showResult('warn', t('report.queued')); requestSync(); }
  } finally {
    $('submit').disabled = false;
    renderLists();
  }
}

function showResult(kind, text) {
  const r = $('result');
  r.className = kind;
  r.textContent = text;
}

const round7 = (x) => Math.round(x * 1e7) / 1e7;

function catName(id) {
  return categoryLabel(state.cats.find((c) => c.id === id)) || id;
}

async function renderLists() {
  const [waiting, done] = await Promise.all([pending(), sent()]);
  $('pending').replaceChildren(...(waiting.length ? waiting.map((w) => el('li', { 'data-key': w.key },
    t('report.pending.item', { cat: catName(w.feature.properties.category), time: new Date(w.createdAt).toLocaleTimeString() }),
    w.failed ? el('span', { class: 'error' }, ` — ${w.failed}`) : el('span', { class: 'pending-badge' }, '…'))) : [el('li', {}, t('report.none'))]));
  $('sent').replaceChildren(...done.slice(0, 20).map((d) => el('li', { 'data-id': d.id },
    t('report.sent.item', { id: d.id, cat: catName(d.category) }),
    d.photo ? ` (${t(d.photo === 'sent' ? 'report.photo.sent' : 'report.photo.failed')})` : '')));
  document.body.dataset.pending = String(waiting.length);
}

// Category icons: one simple line drawing per taxonomy category (24×24,
// stroke currentColor), drawn for mtaa; unknown categories get "other".
// They live here, not in a module of their own, to save a request on
// slow connections.
const PATHS = {
  flood: 'M2 10c2.5 0 2.5-2 5-2s2.5 2 5 2 2.5-2 5-2 2.5 2 5 2M2 15c2.5 0 2.5-2 5-2s2.5 2 5 2 2.5-2 5-2 2.5 2 5 2M2 20c2.5 0 2.5-2 5-2s2.5 2 5 2 2.5-2 5-2 2.5 2 5 2',
  fire: 'M12 2c1 4 6 6 6 12a6 6 0 0 1-12 0c0-3 2-5 3-7 .5 2 1.5 3 3 3-1-3 0-6 0-8z',
  landslide: 'M2 21h20L4 6zM12 17a1.5 1.5 0 1 0 0 .1M17 19a1 1 0 1 0 0 .1M9 13a1 1 0 1 0 0 .1',
  building_collapse: 'M3 21h18M5 21V10l7-6 7 6v11M11 21l2-4-2-3 2-3M15 14l2 2',
  people_trapped: 'M3 3h18v18H3zM12 7a2 2 0 1 0 0 .1M12 10v6M9 12h6M10 20l2-4 2 4',
  medical: 'M9 3h6v6h6v6h-6v6H9v-6H3V9h6z',
  shelter: 'M2 20L12 4l10 16zM12 4v16M9 20l3-5 3 5',
  food: 'M3 12h18a9 8 0 0 1-18 0zM8 8c0-2 2-2 2-4M13 8c0-2 2-2 2-4',
  water_supply: 'M12 3c4 5 6 8 6 11a6 6 0 0 1-12 0c0-3 2-6 6-11z',
  sanitation: 'M6 3h5v8H6zM4 11h16a8 7 0 0 1-16 0zM9 17l-1 4h8l-1-4',
  blocked_drain: 'M4 8h16v10H4zM8 8v10M12 8v10M16 8v10M3 3l18 18',
  solid_waste: 'M4 6h16M9 6V4h6v2M6 6l1 15h10l1-15M10 10v8M14 10v8',
  electricity: 'M13 2L4 14h7l-1 8 9-12h-7z',
  road_blocked: 'M3 9h18v5H3zM6 14v7M18 14v7M7 9l3 5M13 9l3 5',
  security: 'M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z',
  other: 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M8 12h.1M12 12h.1M16 12h.1',
};

/** categoryIcon returns an inline SVG element for a category id, hidden from screen readers (the label says it). */
export function categoryIcon(id) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', PATHS[id] || PATHS.other);
  svg.append(path);
  return svg;
}
