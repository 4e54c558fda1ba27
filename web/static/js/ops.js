// ops: the civil-defence view (/ops): layers and legend, report filters,
// clustered reports with live updates that follow the session, report
// details with their reconciliation, the moderation the workflow allows
// and the report's history, exports for the current filter and the alert
// composer (recipients counted, then confirmed).

import { initShell, el } from './shell.js';
import { atLeast } from './account.js';
import { t, lang, categoryLabel, kindLabel } from './i18n.js';
import { categories, getJSON, postAlert, photoURL, moderate, fileDraft } from './api.js';
import { createMap } from './basemap.js';
import { followReports, liveBadge } from './live.js';
import { STATUSES, reportPaint, reportLegend, fitToReports, ZoomToReports, reportsAt, spotList, reportNeeds, needsText } from './reportmap.js';
import { drawTool } from './draw.js';

const $ = (id) => document.getElementById(id);

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
  const [{ map, maplibregl, bounds }, cats, cols] = await Promise.all([createMap($('map')), categories().catch(() => []), getJSON('/ogc/collections').catch(() => null)]);
  state.map = map;
  state.maplibregl = maplibregl;
  state.cats = cats;
  state.bounds = bounds;
  const have = new Set(((cols && cols.collections) || []).map((c) => c.id));
  state.overlays = OVERLAYS.filter((o) => have.has(o.id));

  addReportLayers(map);
  // On a phone the panel's sections start folded above the map: each opens
  // to its full height (the page scrolls), none is cut.
  if (window.matchMedia('(max-width: 700px)').matches) for (const d of document.querySelectorAll('.ops aside details')) d.open = false;
  buildFilters();
  buildLayerSwitcher();
  buildLegend();
  setUpAlerts(map);
  window.addEventListener('mtaa:lang', () => { buildFilters(); buildLayerSwitcher(); buildLegend(); showCount(); showDrafts(); setExportLinks(); });
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); readFilter(); loadReports(); });
  await ready;
  showRole();
  await loadReports();
  document.body.dataset.fitted = fitToReports(map, [...state.reports.values()], bounds);
  const live = followReports({ report: onLiveReport, updated: onLiveReport, hidden: onHidden, reload: loadReports }, liveBadge($('live')));
  // Who may see what changes at log in and out (a viewer every report, a
  // moderator exact positions): read again and reopen the event stream
  // with the new session.
  window.addEventListener('mtaa:session', () => {
    showRole();
    live.restart();
    loadReports();
    loadDrafts();
    if (!$('details').hidden) showDetails(Number($('details').dataset.id), { focus: false });
  });
  if (have.has('areas')) loadAreas();
  loadDrafts();
  setInterval(loadDrafts, DRAFTS_REFRESH_MS);
  document.body.dataset.ready = '1';
}

/** showRole shows or hides what needs a moderator (the alert composer and its hint). */
function showRole() {
  const mod = atLeast('moderator');
  $('alert-login').hidden = mod;
  $('alert-form').hidden = !mod;
  $('drafts-login').hidden = mod;
  document.body.dataset.positions = mod ? 'exact' : 'public';
  if (mod) countRecipients();
}

function collection(features) { return { type: 'FeatureCollection', features }; }

/** CLUSTER_MAX_ZOOM is the last zoom at which reports are clustered. */
const CLUSTER_MAX_ZOOM = 15;

function addReportLayers(map) {
  map.addSource('reports', { type: 'geojson', data: collection([]), cluster: true, clusterRadius: 45, clusterMaxZoom: CLUSTER_MAX_ZOOM });
  map.addLayer({ id: 'clusters', type: 'circle', source: 'reports', filter: ['has', 'point_count'],
    paint: { 'circle-color': '#0b5d6b', 'circle-opacity': 0.85, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2,
      'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 100, 24, 1000, 30] } });
  map.addLayer({ id: 'cluster-count', type: 'symbol', source: 'reports', filter: ['has', 'point_count'],
    layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': ['sans-serif'], 'text-size': 13, 'text-allow-overlap': true },
    paint: { 'text-color': '#fff' } });
  map.addLayer({ id: 'report-points', type: 'circle', source: 'reports', filter: ['!', ['has', 'point_count']], paint: reportPaint(state.cats) });
  map.addControl(new ZoomToReports(() => [...state.reports.values()], state.bounds), 'top-left');
  // A cluster zooms in until its reports separate; reports that zooming
  // cannot separate (the same spot) are listed, each one to open.
  map.on('click', 'clusters', async (e) => {
    if (state.alertDraw && state.alertDraw.drawing) return;
    const f = e.features[0];
    const src = map.getSource('reports');
    const zoom = await src.getClusterExpansionZoom(f.properties.cluster_id);
    const leaves = await src.getClusterLeaves(f.properties.cluster_id, 100, 0);
    const [x0, y0] = leaves[0].geometry.coordinates;
    const oneSpot = leaves.every(({ geometry: { coordinates: [x, y] } }) => Math.abs(x - x0) < 1e-6 && Math.abs(y - y0) < 1e-6);
    if (oneSpot || zoom > map.getMaxZoom() || map.getZoom() >= CLUSTER_MAX_ZOOM) {
      state.popup = spotList(state.maplibregl, map, f.geometry.coordinates, leaves, state.cats, (id) => showDetails(id));
      return;
    }
    map.easeTo({ center: f.geometry.coordinates, zoom });
  });
  map.on('click', 'report-points', (e) => {
    if (state.alertDraw && state.alertDraw.drawing) return; // a corner of the alert area
    const here = reportsAt(map, e.point, ['report-points']);
    if (here.length > 1) state.popup = spotList(state.maplibregl, map, e.lngLat, here, state.cats, (id) => showDetails(id));
    else showDetails(e.features[0].properties.id);
  });
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
  filterAreas();
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
  // category= matches any need, main or not, as the server's filter does.
  if (f.category && p.category !== f.category && !(p.needs || []).includes(f.category)) return false;
  if (f.status && p.status !== f.status) return false;
  const day = (p.observed_at || '').slice(0, 10);
  if (f.from && day < f.from) return false;
  if (f.to && day > f.to) return false;
  if (f.area && !(p.areas || []).some((a) => `${a.osm_type}-${a.osm_id}` === f.area)) return false;
  return true;
}

// loads counts the report loads, so that an answer overtaken by a newer
// load (a filter applied, a log in) is dropped.
let loads = 0;

/**
 * loadReports reads the reports of the current filter. The export answers
 * as the session cookie says: a moderator reads exact positions (a
 * sensitive report is not moved to the public grid), the public what the
 * public reads.
 */
async function loadReports() {
  const q = filterQuery();
  const n = ++loads;
  const fc = await getJSON(`/api/v1/export/reports.geojson${q ? `?${q}` : ''}`, { cache: 'no-store', credentials: 'same-origin' });
  if (n !== loads) return;
  state.reports.clear();
  for (const f of (fc && fc.features) || []) state.reports.set(f.id, f);
  redraw();
  setExportLinks();
}

// setExportLinks points the export links at the current filter; the CSV
// names categories in the page's language (lang=, English without it).
function setExportLinks() {
  const q = filterQuery();
  $('export-geojson').href = `/api/v1/export/reports.geojson${q ? `?${q}` : ''}`;
  const csv = new URLSearchParams(q);
  if (lang() !== 'en') csv.set('lang', lang());
  $('export-csv').href = `/api/v1/export/reports.csv${csv.size ? `?${csv}` : ''}`;
}

// onLiveReport takes a new or changed report from the event stream: kept
// (and restyled, or moved) while it matches the filter, dropped when it
// no longer does (a filter on "new" and the report was verified). Open
// details of it are refreshed, unless a moderator is writing a note there.
function onLiveReport(feature) {
  if (matchesFilter(feature)) state.reports.set(feature.id, feature);
  else if (!state.reports.delete(feature.id)) return;
  redraw();
  const panel = $('details');
  if (!panel.hidden && panel.dataset.id === String(feature.id) && panel.dataset.status !== feature.properties.status
    && state.moderating !== feature.id && !writingNote()) {
    const said = $('moderation-result');
    showDetails(feature.id, { focus: false, result: said && said.textContent ? { className: said.className, text: said.textContent } : null });
  }
}

function writingNote() {
  return ['moderation-note', 'moderation-reason'].some((id) => {
    const f = $(id);
    return !!f && (document.activeElement === f || f.value.trim() !== '');
  });
}

function onHidden(id) {
  if (state.reports.delete(id)) redraw();
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
    ...reportLegend(state.cats),
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

/**
 * showDetails opens the details of report id, or of the feature given (a
 * moderator's PATCH answers the report as it now is); focus: false redraws
 * them without moving the focus (after log in or out, a live change).
 * result, when given, is the moderation message to show again; note an
 * unsent internal note to keep in its field.
 */
async function showDetails(idOrFeature, { focus = true, result = null, note = '' } = {}) {
  const panel = $('details');
  const f = typeof idOrFeature === 'object' ? idOrFeature : await getJSON(`/api/v1/reports/${idOrFeature}`, { cache: 'no-store' }).catch(() => null);
  if (!f) {
    // Out of sight now (logged out, on a server that shows verified
    // reports only): what a moderator read must not stay on the screen.
    if (panel.dataset.id === String(idOrFeature)) panel.hidden = true;
    return;
  }
  const p = f.properties;
  const cat = state.cats.find((c) => c.id === p.category);
  const row = (k, ...v) => [el('dt', {}, k), el('dd', {}, ...v)];
  const dups = p.possible_duplicate_of || [];
  const close = el('button', { type: 'button', id: 'details-close' }, t('ops.close'));
  close.addEventListener('click', () => { panel.hidden = true; state.map.getCanvas().focus(); });
  const nearest = p.nearest ? `${p.nearest.name ? `${p.nearest.name} (${kindLabel(p.nearest.kind)})` : kindLabel(p.nearest.kind)}, ${Math.round(p.nearest.distance_m)} m` : t('ops.none');
  // Only a moderator may act, and only as the workflow allows: the
  // moderator's view of the report carries next_statuses.
  const canAct = atLeast('moderator') && Array.isArray(p.next_statuses);
  // Close comes first, kept in view at the top while the panel scrolls:
  // on a phone the panel covers most of the map.
  panel.replaceChildren(...[
    close,
    el('h2', { id: 'details-h' }, `#${p.id} ${categoryLabel(cat) || p.category}`),
    optOutLine(p),
    el('p', {}, p.description || ''),
    el('dl', {},
      ...row(t('ops.status'), el('span', { id: 'details-status' }, t(`status.${p.status}`))),
      ...row(t('ops.needs'), el('span', { id: 'details-needs' }, needLabels(reportNeeds(p)))),
      ...row(t('ops.observed'), new Date(p.observed_at).toLocaleString()),
      ...row(t('ops.source'), el('span', { id: 'details-source' }, `${sourceLabel(p.location_source)}${p.accuracy_m != null ? `, ${t('ops.accuracy', { m: Math.round(p.accuracy_m) })}` : ''}`)),
      ...row(t('ops.areas'), (p.areas || []).map((a) => a.name).filter(Boolean).join(' › ') || t('ops.none')),
      ...row(t('ops.nearest'), el('span', { id: 'details-nearest' }, nearest)),
      ...row(t('ops.dups'), ...(dups.length ? dups.map((d) => {
        const b = el('button', { type: 'button', class: 'dup' }, `#${d}`);
        b.addEventListener('click', () => showDetails(d));
        return b;
      }) : [t('ops.none')]))),
    canAct ? moderationForm(p, result, note) : null,
    canAct ? el('details', { id: 'audit', class: 'audit' }, el('summary', {}, t('ops.audit')), el('ol', { id: 'audit-list' })) : null,
  ].filter(Boolean));
  panel.hidden = false;
  panel.dataset.id = String(p.id);
  panel.dataset.status = p.status;
  if (focus) panel.focus();
  if (canAct) showAudit(p.id);
  // The photo is for moderators only (the session cookie says who asks);
  // their view of the report says whether there is one.
  const src = atLeast('moderator') && p.has_photo ? await photoURL(p.id) : null;
  if (src && panel.dataset.id === String(p.id)) {
    panel.querySelector('dl').after(el('img', { src, class: 'preview', alt: `#${p.id}`, id: 'details-photo' }));
  }
}

// optOutLine warns a moderator that the report's resident sent STOP
// (reporter_opted_out, in the moderators' view of a report): no SMS
// reaches them, not even a status message, so a call is the way to reach
// them (their number, when the server keeps it). null otherwise.
function optOutLine(p) {
  if (!p.reporter_opted_out) return null;
  const phone = p.reporter_phone ? el('a', { href: `tel:${p.reporter_phone}` }, p.reporter_phone) : null;
  return el('p', { class: 'warn optout', id: 'details-optout' }, t('ops.optout'), phone ? ' ' : null, phone);
}

// sourceLabel names a report's location source (place_name, gps, …) in
// the page's language; a source the page does not know is shown as it is.
function sourceLabel(source) {
  const key = `ops.source.${source}`;
  const said = t(key);
  return said === key ? String(source || '') : said;
}

// moderationError words a refused change in the page's language (the
// server's message is English and for developers).
function moderationError(err) {
  if (err instanceof TypeError) return t('ops.err.offline');
  switch (err.code) {
    case 'invalid_transition': return t('ops.err.transition');
    case 'csrf_failed': case 'login_required': return t('ops.err.login');
    case 'insufficient_role': return t('ops.err.role');
  }
  if (err.field === 'duplicate_of') return t('ops.err.duplicate');
  if (err.field === 'reason') return t('ops.err.reason');
  if (err.status === 401) return t('ops.err.login');
  if (err.status === 403) return t('ops.err.role');
  if (err.status === 404 || err.status === 405) return t('ops.moderation');
  if (err.status === 429) return t('ops.err.toomany');
  return t('ops.err.other', { code: err.code || err.status });
}

/**
 * moderationForm offers the moderator the statuses the workflow allows
 * from p's status (p.next_statuses), marking a duplicate, and an internal
 * note. Each change redraws the details from the server's answer.
 */
function moderationForm(p, result, draft) {
  const out = el('p', { id: 'moderation-result', role: 'status', 'aria-live': 'polite' });
  if (result) { out.className = result.className; out.textContent = result.text; }
  const note = el('input', { type: 'text', id: 'moderation-note', maxlength: 2000, value: draft || null });
  const next = p.next_statuses;
  const send = async (change) => {
    if (note.value.trim()) change.note = note.value.trim();
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    // The stream announces the change before the answer arrives: the
    // answer redraws the panel, not the event.
    state.moderating = p.id;
    try {
      const f = await moderate(p.id, change);
      note.value = '';
      let text = change.status ? t('ops.moderated', { status: t(`status.${f.properties.status}`) }) : change.needs ? t('ops.needs.saved') : t('ops.noted');
      // A status message is not sent to a resident who sent STOP: say so.
      if (change.status && (f.properties.reporter_opted_out || p.reporter_opted_out)) text += ` ${t('ops.optout.nottold')}`;
      const old = state.reports.get(f.id);
      if (old) {
        state.reports.set(f.id, { ...old, geometry: f.geometry, properties: { ...old.properties, status: f.properties.status, category: f.properties.category, needs: f.properties.needs } });
        redraw();
      }
      await showDetails(f, { focus: false, result: { className: 'ok', text } });
      $('details').focus();
    } catch (err) {
      for (const b of form.querySelectorAll('button')) b.disabled = false;
      out.className = 'error';
      out.textContent = moderationError(err);
      // The report moved on elsewhere: show what it is now, and what it may become.
      // The unsent note stays in the field.
      if (err.code === 'invalid_transition') showDetails(p.id, { focus: false, result: { className: 'error', text: out.textContent }, note: note.value });
    } finally {
      state.moderating = null;
    }
  };
  const buttons = next.filter((s) => s !== 'duplicate').map((s) => {
    const b = el('button', { type: 'button', 'data-status': s }, t(`action.${s}`));
    b.addEventListener('click', () => send({ status: s }));
    return b;
  });
  const dupRow = [];
  if (next.includes('duplicate')) {
    for (const d of p.possible_duplicate_of || []) {
      const b = el('button', { type: 'button', 'data-duplicate-of': d }, t('ops.markdup', { id: d }));
      b.addEventListener('click', () => send({ status: 'duplicate', duplicate_of: d }));
      dupRow.push(b);
    }
    const of = el('input', { type: 'number', id: 'moderation-dup', min: 1, step: 1, inputmode: 'numeric', class: 'dup-of' });
    const b = el('button', { type: 'button', id: 'moderation-dup-send' }, t('ops.markdup.other'));
    b.addEventListener('click', () => {
      const id = Number(of.value);
      if (!Number.isInteger(id) || id < 1) { out.className = 'error'; out.textContent = t('ops.err.duplicate'); of.focus(); return; }
      send({ status: 'duplicate', duplicate_of: id });
    });
    dupRow.push(el('label', { for: 'moderation-dup', class: 'inline' }, t('ops.dupof')), of, b);
  }
  const noteOnly = el('button', { type: 'button', id: 'moderation-note-send' }, t('ops.note.send'));
  noteOnly.addEventListener('click', () => {
    if (!note.value.trim()) { out.className = 'error'; out.textContent = t('ops.note.empty'); note.focus(); return; }
    send({});
  });
  const needsEditor = needsForm(p, out, send);
  const form = el('section', { class: 'moderation', id: 'moderation', 'aria-labelledby': 'moderation-h' },
    el('h3', { id: 'moderation-h' }, t('ops.moderate')),
    next.length ? el('p', { class: 'hint' }, t('ops.next', { status: t(`status.${p.status}`) }))
      : el('p', { class: 'hint', id: 'moderation-final' }, t('ops.final', { status: t(`status.${p.status}`) })),
    el('label', { for: 'moderation-note' }, t('ops.note')), note,
    el('div', { class: 'row', id: 'moderation-actions' }, ...buttons),
    dupRow.length ? el('div', { class: 'row' }, ...dupRow) : null,
    el('div', { class: 'row' }, noteOnly), needsEditor, out);
  return form;
}

/**
 * needsForm lets a moderator correct p's main category and add or remove
 * its other needs, with the reason the API asks of a correction; send
 * (the moderation form's) PATCHes {category, needs, reason}, the needs
 * ranked as they were, the main first and those added after them in the
 * taxonomy's order. Nothing changed, or no reason, is said in out.
 */
function needsForm(p, out, send) {
  const had = reportNeeds(p);
  const main = el('select', { class: 'field', id: 'moderation-main' },
    ...state.cats.map((c) => new Option(categoryLabel(c), c.id, false, c.id === p.category)));
  const boxes = state.cats.map((c) => {
    const box = el('input', { type: 'checkbox', id: `moderation-need-${c.id}`, value: c.id, checked: had.includes(c.id) });
    return { id: c.id, box, row: el('div', { class: 'layer-row need-row' }, box, el('label', { for: `moderation-need-${c.id}` }, categoryLabel(c))) };
  });
  // The main category is always a need: its box is ticked and locked.
  const lockMain = () => {
    for (const b of boxes) {
      b.box.disabled = b.id === main.value;
      if (b.id === main.value) b.box.checked = true;
    }
  };
  main.addEventListener('change', lockMain);
  lockMain();
  const reason = el('input', { type: 'text', id: 'moderation-reason', maxlength: 2000 });
  const save = el('button', { type: 'button', id: 'moderation-needs-send' }, t('ops.needs.save'));
  save.addEventListener('click', () => {
    const chosen = new Set(boxes.filter((b) => b.box.checked).map((b) => b.id));
    chosen.add(main.value);
    const ranked = [...had.filter((n) => chosen.has(n)), ...state.cats.map((c) => c.id).filter((n) => chosen.has(n) && !had.includes(n))];
    const needs = [main.value, ...ranked.filter((n) => n !== main.value)];
    if (main.value === p.category && needs.join() === had.join()) { out.className = 'error'; out.textContent = t('ops.needs.same'); return; }
    if (!reason.value.trim()) { out.className = 'error'; out.textContent = t('ops.err.reason'); reason.focus(); return; }
    send({ category: main.value, needs, reason: reason.value.trim() });
  });
  return el('details', { id: 'moderation-needs', class: 'needs-edit' }, el('summary', {}, t('ops.needs.edit')),
    el('label', { for: 'moderation-main' }, t('ops.needs.main')), main,
    el('fieldset', { id: 'moderation-others' }, el('legend', {}, t('ops.needs.others')), ...boxes.map((b) => b.row)),
    el('label', { for: 'moderation-reason' }, t('ops.needs.reason')), reason,
    el('div', { class: 'row' }, save));
}

// RESIDENT_ACTIONS are the audit actions a resident's SMS writes (actor
// "resident (SMS)"): sms.place.correct moved the report,
// sms.category.correct changed its needs, sms.place.note and
// sms.category.note kept the correction sent after a moderator's review
// as its note.
const RESIDENT_ACTIONS = { 'sms.place.correct': true, 'sms.place.note': true, 'sms.category.correct': true, 'sms.category.note': true };

// needsOf answers the needs (category ids, ranked) of an audit entry's
// before or after: its needs, or its category in entries written before
// reports had several.
const needsOf = (s) => (s.needs && s.needs.length ? s.needs : s.category ? [s.category] : []);

// needLabels names category ids as the taxonomy labels them in the page's
// language ("Water supply, Food needed"); an id the taxonomy does not
// know is shown as it is.
function needLabels(ids) {
  return needsText(ids, state.cats);
}

// showAudit fills the details' history with the report's audit entries
// (GET /api/v1/reports/{id}/audit, moderators), newest first.
async function showAudit(id) {
  const list = $('audit-list');
  let entries;
  try {
    entries = (await getJSON(`/api/v1/reports/${id}/audit`, { cache: 'no-store' }) || {}).entries || [];
  } catch {
    list.replaceChildren(el('li', { class: 'hint' }, t('ops.audit.failed')));
    return;
  }
  if (!list.isConnected || $('details').dataset.id !== String(id)) return;
  $('audit').dataset.count = String(entries.length);
  if (!entries.length) { list.replaceChildren(el('li', { class: 'hint' }, t('ops.audit.none'))); return; }
  list.replaceChildren(...entries.slice().reverse().map((e) => {
    const before = e.before || {};
    const after = e.after || {};
    const what = [];
    // An entry that made the report (a draft filed: no before) changed
    // nothing: it says what the report was filed as.
    const made = !e.before;
    if (e.action === 'sms.draft.file') what.push(t('ops.audit.filed', { needs: needLabels(needsOf(after)) }));
    if (!made && before.status !== after.status) what.push(t('ops.audit.status', { from: t(`status.${before.status}`), to: t(`status.${after.status}`) }));
    if (after.duplicate_of && after.duplicate_of !== before.duplicate_of) what.push(t('ops.markdup', { id: after.duplicate_of }));
    // A resident's own SMS correction of the place or the need
    // (docs/sms.md): said in the moderator's language. The server's
    // reason is kept for a place note (it names the place the resident
    // chose from a question: "…, to Kariakoo: not moved"), not for a
    // correction, which the line says. A need correction names the needs
    // before → after, a need note the needs meant (needs_meant, category
    // ids), as the taxonomy labels them in the moderator's language.
    // A moderator's correction is named the same way: the needs before →
    // after, or the main category when only it changed among the same
    // needs.
    const resident = RESIDENT_ACTIONS[e.action];
    const was = needsOf(before);
    const now = needsOf(after);
    if (!made && (before.category !== after.category || was.join() !== now.join())) {
      const [from, to] = was.join() !== now.join() ? [was, now] : [[before.category], [after.category]];
      what.push(t(resident ? 'ops.audit.sms.recategorised' : 'ops.audit.category', { from: needLabels(from), to: needLabels(to) }));
    }
    if (!made && JSON.stringify(before.location) !== JSON.stringify(after.location)) what.push(t(resident ? 'ops.audit.sms.moved' : 'ops.audit.location'));
    if (!made && before.description !== after.description) what.push(t('ops.audit.description'));
    if (e.action === 'sms.place.note') what.push(t('ops.audit.sms.noted'));
    // An entry written before needs_meant names them in its reason only.
    const meant = e.action === 'sms.category.note' && e.needs_meant && e.needs_meant.length ? e.needs_meant : null;
    if (e.action === 'sms.category.note') what.push(meant ? t('ops.audit.sms.needNotedAs', { needs: needLabels(meant) }) : t('ops.audit.sms.needNoted'));
    // A mapper's facility details (report.facility: name, kind,
    // operational status, as the report page's form names them).
    if (e.action === 'report.facility') what.push(facilityLine(after));
    if (e.action !== 'report.moderate' && !what.length) what.push(e.action);
    // The reason of a resident's correction, or of a note whose needs the
    // line names, is the server's English: the line says it.
    const said = e.action === 'sms.place.correct' || e.action === 'sms.category.correct' || meant;
    return el('li', { class: 'audit-entry', 'data-action': e.action },
      el('span', { class: 'hint' }, `${new Date(e.at).toLocaleString()} · ${resident ? t('ops.audit.sms.actor') : (e.actor && e.actor.name) || ''}`),
      what.length ? el('div', {}, what.join('; ')) : null,
      e.reason && !said ? el('div', {}, t('ops.audit.reason', { text: e.reason })) : null,
      e.note ? el('div', { class: 'audit-note' }, t(resident ? 'ops.audit.sms.said' : 'ops.audit.note', { text: e.note })) : null);
  }));
}

// facilityLine says what a report.facility entry gave: the facility's
// name, kind and whether it works, in the page's language (a kind or
// status the page does not know is shown as it is).
function facilityLine(f) {
  const said = (key) => (t(key) === key ? null : t(key));
  const what = [
    f.name,
    f.kind ? said(`facility.kind.${f.kind}`) || f.kind : null,
    f.operational_status ? said(`facility.status.${f.operational_status}`) || f.operational_status : null,
  ].filter(Boolean);
  return what.length ? t('ops.audit.facility', { what: what.join(', ') }) : t('ops.audit.facility.none');
}

document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !$('details').hidden) $('details').hidden = true; });

// Alert composer --------------------------------------------------------------
// A moderator picks an area (searchable, sorted) or draws one; the
// recipients are counted as soon as the area is known (a dry run), and
// sending asks for a confirmation that names that count. Nobody to reach
// (0) is said, and the send button stays disabled.

// alertReach is the last count: {key, n} for the area it was made for.
let alertReach = null;
let countSeq = 0;

function alertArea() {
  if ($('alert-area').value) return { area_id: $('alert-area').value, name: $('alert-area').selectedOptions[0]?.textContent || '' };
  if (state.alertShape) return { area: { type: 'Polygon', coordinates: [state.alertShape] }, name: t('ops.alert.drawn') };
  return null;
}

const areaKey = (a) => (a ? JSON.stringify(a.area_id || a.area) : '');

/** countRecipients counts (dry run) the subscribers of the chosen area and enables sending when there are some. */
async function countRecipients() {
  const a = alertArea();
  const out = $('alert-reach');
  const n = ++countSeq;
  alertReach = null;
  $('alert-confirm').hidden = true;
  $('alert-send').disabled = true;
  if (!a || !atLeast('moderator')) { out.textContent = a ? '' : t('ops.alert.needarea'); out.className = 'hint'; return; }
  out.className = 'hint';
  out.textContent = t('ops.alert.counting');
  try {
    const b = { message: $('alert-msg').value.trim() || '-', dry_run: true };
    if (a.area_id) b.area_id = a.area_id; else b.area = a.area;
    const res = await postAlert(b);
    if (n !== countSeq) return;
    alertReach = { key: areaKey(a), n: res.recipients, name: a.name };
    out.className = res.recipients ? 'ok' : 'error';
    out.textContent = res.recipients ? t('ops.alert.reach', { n: res.recipients }) : t('ops.alert.nobody');
    $('alert-send').disabled = res.recipients === 0;
    document.body.dataset.alertReach = String(res.recipients);
  } catch (err) {
    if (n !== countSeq) return;
    out.className = 'error';
    out.textContent = t('ops.alert.failed', { why: alertError(err) });
  }
}

// alertError words a refused alert in the page's language.
function alertError(err) {
  if (err instanceof TypeError) return t('ops.err.offline');
  if (err.status === 401 || err.code === 'csrf_failed') return t('ops.err.login');
  if (err.status === 403) return t('ops.err.role');
  if (err.field === 'message') return t('ops.alert.needmsg');
  return err.code || `HTTP ${err.status}`;
}

/** filterAreas shows in the area list the areas whose name contains the search text, sorted by name. */
function filterAreas() {
  const q = $('alert-area-search').value.trim().toLocaleLowerCase();
  const select = $('alert-area');
  const keep = select.value;
  const named = state.areas.filter((a) => a.name && (!q || a.name.toLocaleLowerCase().includes(q)));
  select.replaceChildren(new Option(t('ops.alert.pick', { n: named.length }), ''),
    ...named.map((a) => new Option(a.name, a.id, false, a.id === keep)));
  if (named.length === 1 && q) select.value = named[0].id;
  if (select.value !== keep) countRecipients();
}

function setUpAlerts(map) {
  state.alertDraw = drawTool(map, $('alert-draw'), (shape) => {
    state.alertShape = shape && shape.ring;
    if (shape) $('alert-area').value = '';
    countRecipients();
  }, 'alert', 'ops.alert.draw');
  $('alert-area-search').addEventListener('input', filterAreas);
  $('alert-area').addEventListener('change', countRecipients);
  $('alert-count').addEventListener('click', countRecipients);
  $('alert-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const out = $('alert-result');
    out.textContent = '';
    const a = alertArea();
    if (!a) { out.className = 'error'; out.textContent = t('ops.alert.needarea'); return; }
    if (!$('alert-msg').value.trim()) { out.className = 'error'; out.textContent = t('ops.alert.needmsg'); $('alert-msg').focus(); return; }
    if (!alertReach || alertReach.key !== areaKey(a)) { countRecipients(); return; }
    if (alertReach.n === 0) return;
    // The confirmation names the count and the area.
    $('alert-confirm-text').textContent = t('ops.alert.confirm', { n: alertReach.n, area: alertReach.name });
    $('alert-confirm').hidden = false;
    $('alert-confirm-send').focus();
  });
  $('alert-confirm-cancel').addEventListener('click', () => { $('alert-confirm').hidden = true; $('alert-send').focus(); });
  $('alert-confirm-send').addEventListener('click', async () => {
    const out = $('alert-result');
    const a = alertArea();
    if (!a || !alertReach || alertReach.key !== areaKey(a) || !alertReach.n) { $('alert-confirm').hidden = true; return; }
    const b = { message: $('alert-msg').value.trim(), dry_run: false };
    if (a.area_id) b.area_id = a.area_id; else b.area = a.area;
    $('alert-confirm-send').disabled = true;
    try {
      const res = await postAlert(b);
      out.className = 'ok';
      out.textContent = t('ops.alert.sent', { id: res.id, n: res.recipients });
      $('alert-confirm').hidden = true;
    } catch (err) {
      out.className = 'error';
      out.textContent = t('ops.alert.failed', { why: alertError(err) });
    } finally {
      $('alert-confirm-send').disabled = false;
    }
  });
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
  const needs = needLabels(d.needs || []) || t('ops.none');
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
      // A resident who sent STOP is not sent the reference: said as such.
      const told = res.resident_told ? 'ops.drafts.told' : d.opted_out ? 'ops.optout.nottold' : 'ops.drafts.nottold';
      out.textContent = `${t('ops.drafts.filed', { id: res.id })} ${t(told)}`;
      loadDrafts();
    } catch (err) {
      out.className = 'error';
      out.textContent = t('ops.drafts.failed', { why: err.message });
    }
  });
  return el('li', { class: 'draft', 'data-draft': d.id },
    el('p', {}, el('strong', {}, `#${d.id}`), ` ${waiting} · ${needs} · ${new Date(d.updated_at).toLocaleString()}`),
    // Sent STOP (opted_out): nothing reaches the resident by SMS, not the
    // reference once filed either; a draft kept from a message sent after
    // it waits for nothing (the resident was asked nothing).
    d.opted_out ? el('p', { class: 'warn optout' }, t('ops.optout')) : null,
    el('blockquote', { class: 'raw' }, d.raw_text),
    el('div', { class: 'row' }, cat, pick, file), placed);
}
