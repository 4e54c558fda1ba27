// report: the field reporting form (/report), phone first. The form is
// usable before the map library arrives: a GPS fix or a place found by
// name is enough to report; the map loads afterwards to check and correct
// the position (by touch, mouse or keyboard) and to keep an area offline.
// Each report gets its own position: after a report the GPS is asked again,
// and the previous position is reused only when the user says so.

import { initShell, el, requestSync } from './shell.js';
import { t, categoryLabel, formatAge } from './i18n.js';
import { categories, newKey } from './api.js';
import { enqueue, flush, pending, sent } from './queue.js';
import { offerFacility } from './facility.js';
import { placeSearch } from './placesearch.js';
import { initKeepArea } from './keeparea.js';

/** ACCURACY_WARNING_M is the GPS accuracy above which the form warns. */
const ACCURACY_WARNING_M = 50;
/** PHOTO_MAX_PX is the longest side of an uploaded photo. */
const PHOTO_MAX_PX = 1280;
/** PIN_STEP_PX is how far an arrow key moves the pin (Shift: five times as far). */
const PIN_STEP_PX = 10;

const $ = (id) => document.getElementById(id);
// position: the report's {lon, lat, accuracy, source, at, place}; previous:
// the last report's, offered for reuse; queued: keys of reports this page
// queued offline, whose sending it announces.
const state = { position: null, previous: null, queued: new Set(), cats: [], photo: null, map: null, marker: null, maplibregl: null };
window.mtaa = state;

initShell();
start();

async function start() {
  $('locate').addEventListener('click', () => locate());
  $('reuse').addEventListener('click', reuse);
  $('pin-centre').addEventListener('click', pinAtCentre);
  $('photo').addEventListener('change', choosePhoto);
  $('report-form').addEventListener('submit', submit);
  placeSearch({ input: $('place-q'), list: $('place-list'), status: $('place-status'), hint: viewBounds, onChoose: choosePlace });
  window.addEventListener('mtaa:queue', (e) => { announceSent(e.detail); renderLists(); });
  window.addEventListener('mtaa:lang', () => { renderCategories(); renderLists(); showPosition(); showReuse(); });
  setInterval(showReuse, 15000); // the previous position's age
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

/**
 * locate asks the GPS for a fresh fix (never one the browser kept). After a
 * report (auto) the answer is used only if no position was given meanwhile.
 */
function locate({ auto = false } = {}) {
  if (!navigator.geolocation) {
    $('loc-status').textContent = t('report.nogps', { why: 'no GPS' });
    return;
  }
  $('loc-status').textContent = t(auto ? 'report.relocating' : 'report.locating');
  navigator.geolocation.getCurrentPosition(
    (p) => {
      if (auto && state.position) return;
      setPosition({ lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy, source: 'gps', at: p.timestamp || Date.now() });
    },
    (err) => { if (!(auto && state.position)) $('loc-status').textContent = t('report.nogps', { why: err.message || err.code }); },
    { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 });
}

function setPosition(pos, recentre = true) {
  state.position = pos;
  showPosition();
  showReuse();
  drawPosition(recentre);
}

function showPosition() {
  const p = state.position;
  document.body.dataset.position = p ? p.source : '';
  if (!p) return;
  const gps = p.source === 'gps';
  const said = { gps: () => t('report.located', { m: Math.round(p.accuracy) }), place_name: () => t('report.placed', { place: p.place }),
    reused: () => t('report.reused', { age: formatAge(Date.now() - p.at) }) };
  $('loc-status').textContent = (said[p.reused ? 'reused' : p.source] || (() => t('report.moved')))();
  $('loc-warn').hidden = !(gps && p.accuracy > ACCURACY_WARNING_M);
}

/** showReuse offers the previous report's position, with its age, while this report has none. */
function showReuse() {
  const b = $('reuse');
  const prev = state.previous;
  b.hidden = !prev || !!state.position;
  if (!b.hidden) b.textContent = t('report.reuse', { age: formatAge(Date.now() - prev.at) });
}

function reuse() {
  if (!state.previous) return;
  setPosition({ ...state.previous, reused: true });
}

/** choosePlace puts the pin on a place found by name. */
function choosePlace(f) {
  const [lon, lat] = f.geometry.coordinates;
  setPosition({ lon, lat, accuracy: null, source: 'place_name', place: f.properties.label || f.properties.name, at: Date.now() });
}

/** pinAtCentre puts the pin under the map's cross, where the keyboard moved the map. */
function pinAtCentre() {
  if (!state.map) return;
  const c = state.map.getCenter();
  setPosition({ lon: c.lng, lat: c.lat, accuracy: null, source: 'manual', at: Date.now() }, false);
}

/** viewBounds answers the bbox the map shows, for the place search, or null. */
function viewBounds() {
  if (!state.map) return null;
  const b = state.map.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
}

async function loadMap() {
  try {
    const [{ createMap, keptAreas }, geo] = await Promise.all([import('./basemap.js'), import('./geo.js')]);
    state.circle = geo.circle;
    // The map opens at the report's position, else at the area last kept
    // offline (where the mapper meant to work, and where the map shows
    // without a network), else where the basemap says.
    const area = keptAreas().filter((a) => a.id !== 'square').pop() || keptAreas().pop();
    let start = {};
    if (state.position) start = { center: [state.position.lon, state.position.lat], zoom: 17 };
    else if (area) start = { center: [(area.bbox[0] + area.bbox[2]) / 2, (area.bbox[1] + area.bbox[3]) / 2], zoom: Math.min(area.zmin + 2, area.zmax) };
    const { maplibregl, map } = await createMap($('mini-map'), start);
    state.map = map;
    state.maplibregl = maplibregl;
    map.addSource('accuracy', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({ id: 'accuracy', type: 'fill', source: 'accuracy', paint: { 'fill-color': '#0b5d6b', 'fill-opacity': 0.15 } });
    map.addLayer({ id: 'accuracy-line', type: 'line', source: 'accuracy', paint: { 'line-color': '#0b5d6b', 'line-width': 1 } });
    map.on('click', (e) => setPosition({ lon: e.lngLat.lng, lat: e.lngLat.lat, accuracy: null, source: 'manual', at: Date.now() }, false));
    // The cross marks the map's centre: the keyboard moves the map under it
    // (arrow keys, + and −) and "Put the pin at the centre" drops the pin there.
    $('mini-map').append(el('div', { class: 'crosshair', 'aria-hidden': 'true' }));
    $('pin-centre').disabled = false;
    initKeepArea({ map, button: $('keep-area'), box: $('keep-box'), estimate: $('keep-estimate'), go: $('keep-go'), cancel: $('keep-cancel'),
      progress: $('keep-progress'), status: $('keep-status'), list: $('kept-list'), details: $('kept') });
    drawPosition(true);
  } catch (err) {
    console.warn('map not shown:', err);
    $('mini-map').replaceChildren(el('p', { class: 'hint' }, t('map.failed')));
  }
}

function drawPosition(recentre) {
  const { map, position: p, maplibregl } = state;
  if (!map) return;
  if (!p) {
    // A new report has no position yet: no pin, no circle.
    if (state.marker) { state.marker.remove(); state.marker = null; }
    map.getSource('accuracy').setData({ type: 'FeatureCollection', features: [] });
    return;
  }
  if (!state.marker) {
    state.marker = new maplibregl.Marker({ draggable: true, color: '#c2185b' }).setLngLat([p.lon, p.lat]).addTo(map);
    const pin = state.marker.getElement();
    pin.setAttribute('tabindex', '0');
    pin.setAttribute('role', 'button');
    pin.setAttribute('aria-label', t('report.pin.label'));
    pin.addEventListener('keydown', movePin);
    state.marker.on('dragend', () => {
      const ll = state.marker.getLngLat();
      setPosition({ lon: ll.lng, lat: ll.lat, accuracy: null, source: 'manual', at: Date.now() }, false);
    });
  }
  state.marker.getElement().setAttribute('aria-label', t('report.pin.label'));
  state.marker.setLngLat([p.lon, p.lat]);
  const features = p.accuracy ? [{ type: 'Feature', geometry: state.circle([p.lon, p.lat], p.accuracy), properties: {} }] : [];
  map.getSource('accuracy').setData({ type: 'FeatureCollection', features });
  if (recentre) map.jumpTo({ center: [p.lon, p.lat], zoom: Math.max(map.getZoom(), 16) });
}

/** movePin moves the focused pin with the arrow keys (PIN_STEP_PX, Shift five times as far). */
function movePin(e) {
  const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
  if (!step || !state.position) return;
  e.preventDefault();
  e.stopPropagation(); // the map would pan too
  const k = PIN_STEP_PX * (e.shiftKey ? 5 : 1);
  const px = state.map.project([state.position.lon, state.position.lat]);
  const ll = state.map.unproject([px.x + step[0] * k, px.y + step[1] * k]);
  setPosition({ lon: ll.lng, lat: ll.lat, accuracy: null, source: 'manual', at: Date.now() }, false);
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
    nextReport();
    state.photo = null;
    $('photo-preview').hidden = true;
    $('photo-status').textContent = '';
    const result = await flush();
    const done = result.sent.find((s) => s.key === item.key);
    const failed = result.failed.find((f) => f.key === item.key);
    if (done) { showResult('ok', t('report.sent', { id: done.id })); offerFacility($('facility'), done.id); }
    else if (failed) showResult('error', t('report.rejected', { why: failed.message }));
    else { state.queued.add(item.key); showResult('warn', t('report.queued')); requestSync(); }
  } finally {
    $('submit').disabled = false;
    renderLists();
  }
}

/**
 * nextReport clears the position for the next report: the GPS is asked
 * afresh when the last one came from it, and the previous position is
 * offered, with its age, until a new one is given.
 */
function nextReport() {
  const p = state.position;
  state.previous = p ? { ...p, reused: false } : state.previous;
  state.position = null;
  drawPosition(false);
  showPosition();
  $('loc-warn').hidden = true;
  $('loc-status').textContent = t('report.next');
  showReuse();
  if (p && p.source === 'gps') locate({ auto: true });
}

/** announceSent replaces "kept on this phone" once the report queued here went out (or was refused). */
function announceSent(result) {
  if (!result) return;
  for (const s of result.sent || []) {
    if (state.queued.delete(s.key)) showResult('ok', t('report.sent.later', { id: s.id }));
  }
  for (const f of result.failed || []) {
    if (state.queued.delete(f.key)) showResult('error', t('report.rejected', { why: f.message }));
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
