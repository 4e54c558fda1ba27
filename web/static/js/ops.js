// ops: the civil-defence view (/ops): layers and legend, report filters,
// clustered reports with live updates, report details with their
// reconciliation, exports for the current filter and the alert composer.

import { initShell, el } from './shell.js';
import { atLeast } from './account.js';
import { t, categoryLabel } from './i18n.js';
import { categories, getJSON, postAlert, photoURL, moderate, fileDraft } from './api.js';
import { createMap, SEVERITY_COLOURS } from './basemap.js';
import { followReports } from './live.js';
import { drawTool } from './draw.js';

const $ = (id) => document.getElementById(id);
const STATUSES = ['new', 'verified', 'in_progress', 'resolved', 'duplicate', 'rejected'];

// OVERLAYS are the OGC collections the view can show besides reports; a
// collection the server does not have is left out of the switcher.
const OVERLAYS = [
  { id: 'risk', swatch: 'ramp', layers: (src) => [
    { id: src, type: 'fill', source: src, paint: { 'fill-opacity': 0.55,
      'fill-color': ['interpolate', ['linear'], ['coalesce', ['get', 'score'], 0], 0, '#ffffb2', 0.5, '#fd8d3c', 1, '#bd0026'] } }] },
  { id: 'informal-settlements', colour: '#8e44ad', layers: (src) => [
    { id: src, type: 'fill', source: src, paint: { 'fill-color': '#8e44ad', 'fill-opacity': 0.25 } },
    { id: `${src}-line`, type: 'line', source: src, paint: { 'line-color': '#8e44ad', 'line-width': 1.5 } }] },
  { id: 'areas', colour: '#333', line: true, layers: (src) => [
    { id: src, type: 'line', source: src, paint: { 'line-color': '#333', 'line-width': 1, 'line-dasharray': [3, 2] } }] },
  { id: 'facilities', colour: '#1b7837', round: true, layers: (src) => [
    { id: src, type: 'circle', source: src, filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 4, 'circle-color': '#1b7837', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } },
    { id: `${src}-poly`, type: 'fill', source: src, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'fill-color': '#1b7837', 'fill-opacity': 0.35 } }] },
];

const state = { map: null, cats: [], areas: [], reports: new Map(), filter: {}, overlays: [], overlayCounts: {}, alertShape: null };
window.mtaa = state;

const ready = initShell();
start().catch((err) => { $('live').textContent = `${t('map.failed')} (${err.message})`; });

async function start() {
  const [{ map, maplibregl }, cats, cols] = await Promise.all([createMap($('map')), categories().catch(() => []), getJSON('/ogc/collections').catch(() => null)]);
  state.map = map;
  state.maplibregl = maplibregl;
  state.cats = cats;
  const have = new Set(((cols && cols.collections) || []).map((c) => c.id));
  state.overlays = OVERLAYS.filter((o) => have.has(o.id));

  addReportLayers(map);
  buildFilters();
  buildLayerSwitcher();
  buildLegend();
  setUpAlerts(map);
  window.addEventListener('mtaa:lang', () => { buildFilters(); buildLayerSwitcher(); buildLegend(); showCount(); showDrafts(); });
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); readFilter(); loadReports(); });
  await ready;
  showRole();
  // Who may see what changes at log in and out: a viewer sees every report.
  window.addEventListener('mtaa:session', () => { showRole(); loadReports(); loadDrafts(); if (!$('details').hidden) showDetails(Number($('details').dataset.id), { focus: false }); });
  await loadReports();
  followReports(onLiveReport, (s) => { document.body.dataset.live = s; $('live').textContent = t(s === 'live' ? 'ops.live' : 'ops.polling'); }, loadReports);
  if (have.has('areas')) loadAreas();
  loadDrafts();
  setInterval(loadDrafts, DRAFTS_REFRESH_MS);
  document.body.dataset.ready = '1';
}

/** showRole shows or hides what needs a moderator (the alert composer's hint). */
function showRole() {
  $('alert-login').hidden = atLeast('moderator');
  $('drafts-login').hidden = atLeast('moderator');
}

function collection(features) { return { type: 'FeatureCollection', features }; }

function addReportLayers(map) {
  map.addSource('reports', { type: 'geojson', data: collection([]), cluster: true, clusterRadius: 45, clusterMaxZoom: 15 });
  map.addLayer({ id: 'clusters', type: 'circle', source: 'reports', filter: ['has', 'point_count'],
    paint: { 'circle-color': '#0b5d6b', 'circle-opacity': 0.85, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2,
      'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 100, 24, 1000, 30] } });
  map.addLayer({ id: 'cluster-count', type: 'symbol', source: 'reports', filter: ['has', 'point_count'],
    layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': ['sans-serif'], 'text-size': 13, 'text-allow-overlap': true },
    paint: { 'text-color': '#fff' } });
  const severity = ['match', ['get', 'category'], ...state.cats.flatMap((c) => [c.id, SEVERITY_COLOURS[c.severity] || SEVERITY_COLOURS[0]]), SEVERITY_COLOURS[0]];
  map.addLayer({ id: 'report-points', type: 'circle', source: 'reports', filter: ['!', ['has', 'point_count']],
    paint: { 'circle-radius': 7, 'circle-color': severity, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } });
  map.on('click', 'clusters', async (e) => {
    const f = e.features[0];
    const zoom = await map.getSource('reports').getClusterExpansionZoom(f.properties.cluster_id);
    map.easeTo({ center: f.geometry.coordinates, zoom });
  });
  map.on('click', 'report-points', (e) => showDetails(e.features[0].properties.id));
  for (const layer of ['clusters', 'report-points']) {
    map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
  }
}

// Filters ------------------------------------------------------------------

function options(select, items, current) {
  select.replaceChildren(new Option(t('ops.any'), ''), ...items.map(([v, label]) => new Option(label, v, false, v === current)));
}

function buildFilters() {
  options($('f-category'), state.cats.map((c) => [c.id, categoryLabel(c)]), state.filter.category);
  options($('f-status'), STATUSES.map((s) => [s, t(`status.${s}`)]), state.filter.status);
  const named = state.areas.filter((a) => a.name);
  options($('f-area'), named.map((a) => [a.id, a.name]), state.filter.area);
  options($('alert-area'), named.map((a) => [a.id, a.name]), $('alert-area').value);
}

function readFilter() {
  state.filter = { category: $('f-category').value, status: $('f-status').value, from: $('f-from').value, to: $('f-to').value, area: $('f-area').value };
}

/** filterQuery is the export/items query for the current filter. */
function filterQuery() {
  const q = new URLSearchParams();
  const f = state.filter;
  if (f.category) q.set('category', f.category);
  if (f.status) q.set('status', f.status);
  if (f.from || f.to) q.set('datetime', `${f.from ? `${f.from}T00:00:00Z` : '..'}/${f.to ? `${f.to}T23:59:59Z` : '..'}`);
  if (f.area) q.set('area', f.area);
  return q.toString();
}

function matchesFilter(feature) {
  const p = feature.properties;
  const f = state.filter;
  if (f.category && p.category !== f.category) return false;
  if (f.status && p.status !== f.status) return false;
  const day = (p.observed_at || '').slice(0, 10);
  if (f.from && day < f.from) return false;
  if (f.to && day > f.to) return false;
  if (f.area && !(p.areas || []).some((a) => `${a.osm_type}-${a.osm_id}` === f.area)) return false;
  return true;
}

async function loadReports() {
  const q = filterQuery();
  const fc = await getJSON(`/api/v1/export/reports.geojson${q ? `?${q}` : ''}`);
  state.reports.clear();
  for (const f of (fc && fc.features) || []) state.reports.set(f.id, f);
  redraw();
  $('export-geojson').href = `/api/v1/export/reports.geojson${q ? `?${q}` : ''}`;
  $('export-csv').href = `/api/v1/export/reports.csv${q ? `?${q}` : ''}`;
}

function onLiveReport(feature) {
  if (!matchesFilter(feature)) return;
  state.reports.set(feature.id, feature);
  redraw();
}

function redraw() {
  state.map.getSource('reports').setData(collection([...state.reports.values()]));
  showCount();
}

function showCount() {
  $('count').textContent = t('ops.count', { n: state.reports.size });
  document.body.dataset.reports = String(state.reports.size);
}

// Layers and legend ----------------------------------------------------------

function buildLayerSwitcher() {
  const rows = [{ id: 'reports' }, ...state.overlays].map((o) => {
    const id = `layer-${o.id}`;
    const box = el('input', { type: 'checkbox', id, checked: o.id === 'reports' ? isVisible('clusters') : isVisible(`ogc-${o.id}`) });
    box.addEventListener('change', () => toggle(o, box.checked));
    return el('div', { class: 'layer-row' }, box, el('label', { for: id }, t(`layer.${o.id}`)));
  });
  $('layers').replaceChildren(...rows);
}

function isVisible(layer) {
  return !!state.map.getLayer(layer) && state.map.getLayoutProperty(layer, 'visibility') !== 'none';
}

async function toggle(overlay, on) {
  const map = state.map;
  const vis = on ? 'visible' : 'none';
  if (overlay.id === 'reports') {
    for (const l of ['clusters', 'cluster-count', 'report-points']) map.setLayoutProperty(l, 'visibility', vis);
    return;
  }
  const src = `ogc-${overlay.id}`;
  if (!map.getSource(src)) {
    if (!on) return;
    const fc = await getJSON(`/ogc/collections/${overlay.id}/items?limit=10000`);
    map.addSource(src, { type: 'geojson', data: fc || collection([]) });
    state.overlayCounts[overlay.id] = fc ? fc.features.length : 0;
    for (const layer of overlay.layers(src)) map.addLayer(layer, 'clusters');
    return;
  }
  for (const layer of overlay.layers(src)) map.setLayoutProperty(layer.id, 'visibility', vis);
}

function buildLegend() {
  const items = [
    el('div', { class: 'layer-row' }, el('span', { class: 'swatch round', style: 'background:#0b5d6b' }), t('legend.cluster')),
    ...state.cats.filter((c) => c.severity >= 4).map((c) => el('div', { class: 'layer-row' },
      el('span', { class: 'swatch round', style: `background:${SEVERITY_COLOURS[c.severity]}` }), categoryLabel(c))),
    ...state.overlays.map((o) => el('div', { class: 'layer-row' },
      o.swatch === 'ramp' ? el('span', { class: 'ramp' }) : el('span', { class: `swatch${o.round ? ' round' : ''}`, style: `background:${o.line ? '#fff' : o.colour};border-color:${o.colour}` }),
      o.id === 'risk' ? t('legend.risk') : t(`layer.${o.id}`))),
  ];
  $('legend').replaceChildren(...items);
}

// Areas feed the area filter and the alert composer -----------------------------

async function loadAreas() {
  const fc = await getJSON('/ogc/collections/areas/items?limit=10000');
  state.areas = ((fc && fc.features) || []).map((f) => ({ id: String(f.id), name: f.properties.name || '' }))
    .sort((a, b) => a.name.localeCompare(b.name));
  buildFilters();
}

// Report details ------------------------------------------------------------

/** showDetails opens the details of report id; focus: false redraws them without moving the focus (after log in or out). */
async function showDetails(id, { focus = true } = {}) {
  const panel = $('details');
  const f = await getJSON(`/api/v1/reports/${id}`);
  if (!f) return;
  const p = f.properties;
  const cat = state.cats.find((c) => c.id === p.category);
  const row = (k, ...v) => [el('dt', {}, k), el('dd', {}, ...v)];
  const dups = p.possible_duplicate_of || [];
  const close = el('button', { type: 'button', id: 'details-close' }, t('ops.close'));
  close.addEventListener('click', () => { panel.hidden = true; state.map.getCanvas().focus(); });
  panel.replaceChildren(
    el('h2', { id: 'details-h' }, `#${p.id} ${categoryLabel(cat) || p.category}`),
    el('p', {}, p.description || ''),
    el('dl', {},
      ...row(t('ops.status'), t(`status.${p.status}`)),
      ...row(t('ops.observed'), new Date(p.observed_at).toLocaleString()),
      ...row(t('ops.source'), `${p.location_source}${p.accuracy_m != null ? `, ${t('ops.accuracy', { m: Math.round(p.accuracy_m) })}` : ''}`),
      ...row(t('ops.areas'), (p.areas || []).map((a) => a.name).filter(Boolean).join(' › ') || t('ops.none')),
      ...row(t('ops.nearest'), p.nearest ? `${p.nearest.name ? `${p.nearest.name} (${p.nearest.kind})` : p.nearest.kind}, ${Math.round(p.nearest.distance_m)} m` : t('ops.none')),
      ...row(t('ops.dups'), ...(dups.length ? dups.map((d) => {
        const b = el('button', { type: 'button', class: 'dup' }, `#${d}`);
        b.addEventListener('click', () => showDetails(d));
        return b;
      }) : [t('ops.none')]))),
    moderationForm(p),
    close);
  panel.hidden = false;
  panel.dataset.id = String(p.id);
  if (focus) panel.focus();
  // The photo is for moderators only (the session cookie says who asks);
  // their view of the report says whether there is one.
  const src = atLeast('moderator') && p.has_photo ? await photoURL(p.id) : null;
  if (src && panel.dataset.id === String(p.id)) {
    panel.querySelector('dl').after(el('img', { src, class: 'preview', alt: `#${p.id}`, id: 'details-photo' }));
  }
}

// MODERATION_ACTIONS are the status changes offered; the server's
// workflow refuses those the report's status does not allow (409).
const MODERATION_ACTIONS = ['verified', 'in_progress', 'resolved', 'rejected'];

function moderationForm(p) {
  const out = el('p', { id: 'moderation-result', role: 'status', 'aria-live': 'polite' });
  const note = el('input', { type: 'text', id: 'moderation-note', maxlength: 2000 });
  const send = async (change) => {
    if (!atLeast('moderator')) { out.className = 'error'; out.textContent = t('ops.moderation.login'); return; }
    if (note.value.trim()) change.note = note.value.trim();
    try {
      const f = await moderate(p.id, change);
      out.className = 'ok';
      out.textContent = t('ops.moderated', { status: t(`status.${f.properties.status}`) });
      if (state.reports.has(f.id)) { state.reports.set(f.id, { ...state.reports.get(f.id), properties: { ...state.reports.get(f.id).properties, status: f.properties.status } }); redraw(); }
    } catch (err) {
      out.className = 'error';
      out.textContent = err.status === 404 || err.status === 405 ? t('ops.moderation') : t('ops.moderation.failed', { why: err.message });
    }
  };
  const buttons = MODERATION_ACTIONS.filter((s) => s !== p.status).map((s) => {
    const b = el('button', { type: 'button', 'data-status': s }, t(`status.${s}`));
    b.addEventListener('click', () => send({ status: s }));
    return b;
  });
  const dups = (p.possible_duplicate_of || []).map((d) => {
    const b = el('button', { type: 'button', 'data-duplicate-of': d }, t('ops.markdup', { id: d }));
    b.addEventListener('click', () => send({ status: 'duplicate', duplicate_of: d }));
    return b;
  });
  return el('section', { class: 'moderation', 'aria-labelledby': 'moderation-h' },
    el('h3', { id: 'moderation-h' }, t('ops.moderate')),
    el('label', { for: 'moderation-note' }, t('ops.note')), note,
    el('div', { class: 'row' }, ...buttons, ...dups), out);
}

document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !$('details').hidden) $('details').hidden = true; });

// Alert composer --------------------------------------------------------------

function setUpAlerts(map) {
  drawTool(map, $('alert-draw'), (shape) => {
    state.alertShape = shape && shape.ring;
    if (shape) $('alert-area').value = '';
  }, 'alert', 'ops.alert.draw');
  const body = (dryRun) => {
    const b = { message: $('alert-msg').value.trim() || (dryRun ? '-' : ''), dry_run: dryRun };
    if ($('alert-area').value) b.area_id = $('alert-area').value;
    else if (state.alertShape) b.area = { type: 'Polygon', coordinates: [state.alertShape] };
    return b;
  };
  const send = async (dryRun) => {
    const out = $('alert-result');
    const b = body(dryRun);
    if (!b.area && !b.area_id) { out.textContent = t('ops.alert.needarea'); return; }
    try {
      const res = await postAlert(b);
      out.className = 'ok';
      out.textContent = dryRun ? t('ops.alert.reach', { n: res.recipients }) : t('ops.alert.sent', { id: res.id, n: res.recipients });
    } catch (err) {
      out.className = 'error';
      out.textContent = t('ops.alert.failed', { why: err.message });
    }
  };
  $('alert-count').addEventListener('click', () => send(true));
  $('alert-form').addEventListener('submit', (e) => { e.preventDefault(); send(false); });
}

// SMS drafts ------------------------------------------------------------------
// Conversations that miss their place or category, for a moderator to call
// back or to place and categorise by hand (which files the report and tells
// the resident its reference by SMS).

const DRAFTS_REFRESH_MS = 30000;
state.drafts = [];

async function loadDrafts() {
  if (!atLeast('moderator')) { state.drafts = []; showDrafts(); return; }
  try {
    state.drafts = (await getJSON('/api/v1/sms/drafts')).drafts || [];
  } catch {
    state.drafts = [];
  }
  showDrafts();
}

function showDrafts() {
  const list = $('drafts');
  if (!atLeast('moderator')) { list.replaceChildren(); return; }
  if (!state.drafts.length) { list.replaceChildren(el('li', { class: 'hint' }, t('ops.drafts.none'))); return; }
  list.replaceChildren(...state.drafts.map(draftItem));
}

function draftItem(d) {
  const byId = new Map(state.cats.map((c) => [c.id, c]));
  const needs = (d.needs || []).map((n) => categoryLabel(byId.get(n)) || n).join(', ') || t('ops.none');
  const waiting = t(`ops.drafts.waiting.${d.waiting}`, { place: d.place ? d.place.name : '' });
  const cat = el('select', { class: 'field', id: `draft-cat-${d.id}`, 'aria-label': t('ops.category') },
    ...state.cats.map((c) => new Option(categoryLabel(c), c.id, false, c.id === d.category)));
  let where = d.place ? [d.place.lon, d.place.lat] : null;
  const placed = el('span', { class: 'hint' }, where ? t('ops.drafts.picked', { lat: where[1].toFixed(5), lon: where[0].toFixed(5) }) : '');
  const pick = el('button', { type: 'button' }, t('ops.drafts.pick'));
  pick.addEventListener('click', () => {
    placed.textContent = t('ops.drafts.picking');
    state.map.once('click', (e) => {
      where = [e.lngLat.lng, e.lngLat.lat];
      placed.textContent = t('ops.drafts.picked', { lat: where[1].toFixed(5), lon: where[0].toFixed(5) });
    });
  });
  const file = el('button', { type: 'button' }, t('ops.drafts.file'));
  file.addEventListener('click', async () => {
    const out = $('drafts-result');
    if (!where) { out.className = 'error'; out.textContent = t('ops.drafts.needplace'); return; }
    try {
      const res = await fileDraft(d.id, { category: cat.value, location: where });
      out.className = 'ok';
      out.textContent = `${t('ops.drafts.filed', { id: res.id })} ${t(res.resident_told ? 'ops.drafts.told' : 'ops.drafts.nottold')}`;
      loadDrafts();
    } catch (err) {
      out.className = 'error';
      out.textContent = t('ops.drafts.failed', { why: err.message });
    }
  });
  return el('li', { class: 'draft', 'data-draft': d.id },
    el('p', {}, el('strong', {}, `#${d.id}`), ` ${waiting} · ${needs} · ${new Date(d.updated_at).toLocaleString()}`),
    el('blockquote', { class: 'raw' }, d.raw_text),
    el('div', { class: 'row' }, cat, pick, file), placed);
}
