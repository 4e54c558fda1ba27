// campaign: mapping campaigns (/campaign). Everyone sees each campaign's
// progress; a logged-in mapper takes a task square, sees its boundary on
// the map, reports in it and hands it in ("Mark mapped") or gives it back,
// and validates the squares others mapped. The square last seen is kept
// on the phone, so that its boundary shows without a connection.

import { initShell, el } from './shell.js';
import { t } from './i18n.js';
import { getJSON, taskAction } from './api.js';
import { atLeast } from './account.js';

const $ = (id) => document.getElementById(id);
/** SQUARE_KEY keeps the mapper's square (a GeoJSON Feature) on the phone. */
const SQUARE_KEY = 'mtaa.square';
const state = { campaigns: [], square: null, map: null, mapLoading: null };
window.mtaa = state;

const account = initShell();
start();

async function start() {
  $('square-mapped').addEventListener('click', () => act('mapped'));
  $('square-unlock').addEventListener('click', () => act('unlock'));
  window.addEventListener('mtaa:lang', () => { renderCampaigns(); renderSquare(); });
  window.addEventListener('mtaa:session', () => { loadSquare().then(renderCampaigns); });
  await account;
  await Promise.all([loadCampaigns(), loadSquare()]);
  renderCampaigns();
  document.body.dataset.ready = '1';
}

/** CAMPAIGNS_KEY keeps the campaigns last seen, with their progress, for offline use. */
const CAMPAIGNS_KEY = 'mtaa.campaigns';

async function loadCampaigns() {
  try {
    const fc = await getJSON('/api/v1/campaigns', { cache: 'no-store' });
    state.campaigns = fc ? fc.features : [];
    localStorage.setItem(CAMPAIGNS_KEY, JSON.stringify(state.campaigns));
  } catch (err) {
    // Offline: the progress last seen.
    const kept = localStorage.getItem(CAMPAIGNS_KEY);
    state.campaigns = kept ? JSON.parse(kept) : [];
    if (!(err instanceof TypeError)) $('mine-error').textContent = err.message;
  }
}

/** loadSquare asks the server for the mapper's square; offline it shows the copy kept on the phone. */
async function loadSquare() {
  if (!atLeast('mapper')) {
    // Offline the session cannot be asked: the square kept on the phone
    // still shows.
    const kept = !navigator.onLine && localStorage.getItem(SQUARE_KEY);
    state.square = kept ? JSON.parse(kept) : null;
  } else {
    try {
      state.square = await getJSON('/api/v1/tasks/mine', { cache: 'no-store' });
      if (state.square) localStorage.setItem(SQUARE_KEY, JSON.stringify(state.square));
      else localStorage.removeItem(SQUARE_KEY);
    } catch (err) {
      const kept = localStorage.getItem(SQUARE_KEY);
      state.square = kept ? JSON.parse(kept) : null;
      if (!(err instanceof TypeError)) $('mine-error').textContent = err.message;
    }
  }
  renderSquare();
}

function renderSquare() {
  const sq = state.square;
  const mapper = atLeast('mapper');
  const body = document.body;
  body.dataset.square = sq ? String(sq.id) : '';
  $('square-mapped').hidden = $('square-unlock').hidden = $('square-report').hidden = !sq;
  $('square-map').hidden = !sq;
  $('mine-comment').hidden = !(sq && sq.properties.comment);
  if (sq && sq.properties.comment) $('mine-comment').textContent = t('campaign.comment', { comment: sq.properties.comment });
  if (!mapper && !sq) {
    $('mine-status').textContent = t('campaign.login');
  } else if (!sq) {
    $('mine-status').textContent = t('campaign.none');
  } else {
    const until = new Date(sq.properties.locked_until || Date.now());
    $('mine-status').textContent = t('campaign.holding', { n: sq.properties.number, campaign: sq.properties.campaign_name || `#${sq.properties.campaign}`,
      until: until.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) });
    drawSquare();
  }
}

/** drawSquare shows the square's boundary on the map (loaded on first use). */
async function drawSquare() {
  const sq = state.square;
  if (!sq) return;
  try {
    // One map, however often the square is drawn (the page load and the
    // session event may both get here before the map exists).
    state.mapLoading ||= (async () => {
      const { createMap } = await import('./basemap.js');
      const { map } = await createMap($('square-map'), { center: centre(sq.geometry), zoom: 16 });
      map.addSource('square', { type: 'geojson', data: sq });
      map.addLayer({ id: 'square-fill', type: 'fill', source: 'square', paint: { 'fill-color': '#0b5d6b', 'fill-opacity': 0.1 } });
      map.addLayer({ id: 'square-line', type: 'line', source: 'square', paint: { 'line-color': '#0b5d6b', 'line-width': 3 } });
      state.map = map;
      return map;
    })();
    await state.mapLoading;
    state.map.resize(); // the map's box was hidden while no square was held
    state.map.getSource('square').setData(sq);
    const [w, s, e, n] = bounds(sq.geometry);
    state.map.fitBounds([[w, s], [e, n]], { padding: 24, duration: 0 });
    showReports([w, s, e, n]);
    keepTiles([w, s, e, n]).catch(() => {}); // offline: the tiles kept before stay
  } catch (err) {
    console.warn('map not shown:', err);
    state.mapLoading = null;
    $('square-map').replaceChildren(el('p', { class: 'hint' }, t('map.failed')));
  }
}

/** MAX_KEPT_TILES bounds the tiles kept for one square. */
const MAX_KEPT_TILES = 200;

/**
 * keepTiles keeps the basemap tiles over the square's bound offline, at
 * every zoom from 12 to street level (fewer when they pass
 * MAX_KEPT_TILES), as the kept area "square" (basemap.js keepArea: one
 * square at a time, listed with the other kept areas on /report). It
 * answers how many tiles it kept.
 */
async function keepTiles([w, s, e, n]) {
  const { planArea, keepArea, keptAreas } = await import('./basemap.js');
  const kept = keptAreas().find((a) => a.id === 'square' && a.bbox.join() === [w, s, e, n].join());
  if (kept) {
    document.body.dataset.keptTiles = String(kept.tiles);
    return kept.tiles;
  }
  const plan = await planArea([w, s, e, n], 14, MAX_KEPT_TILES);
  if (!plan) return 0;
  const area = await keepArea(plan, { id: 'square', name: t('campaign.square', { n: state.square.properties.number }) });
  document.body.dataset.keptTiles = String(area.tiles);
  return area.tiles;
}

/** showReports draws the reports made in the square's bound (those the visitor may see). */
async function showReports(bbox) {
  try {
    const page = await getJSON(`/ogc/collections/reports/items?bbox=${bbox.join(',')}&limit=500`, { cache: 'no-store' });
    const data = { type: 'FeatureCollection', features: (page && page.features) || [] };
    const map = state.map;
    if (map.getSource('square-reports')) {
      map.getSource('square-reports').setData(data);
    } else {
      map.addSource('square-reports', { type: 'geojson', data });
      map.addLayer({ id: 'square-reports', type: 'circle', source: 'square-reports',
        paint: { 'circle-radius': 5, 'circle-color': '#c2185b', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } });
    }
  } catch { /* offline: the square's boundary is what matters */ }
}

function positions(g) {
  return g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
}

function bounds(g) {
  const ps = positions(g);
  return [Math.min(...ps.map((p) => p[0])), Math.min(...ps.map((p) => p[1])), Math.max(...ps.map((p) => p[0])), Math.max(...ps.map((p) => p[1]))];
}

function centre(g) {
  const [w, s, e, n] = bounds(g);
  return [(w + e) / 2, (s + n) / 2];
}

/** act sends a task action on the mapper's square and shows the outcome. */
async function act(action, id = state.square && state.square.id, comment) {
  $('mine-error').textContent = '';
  try {
    const f = await taskAction(id, action, comment);
    $('mine-status').textContent = t(`campaign.done.${action}`, { n: f.properties.number });
    if (action !== 'lock') {
      state.square = action === 'mapped' || action === 'unlock' ? null : state.square;
      localStorage.removeItem(SQUARE_KEY);
    }
    await Promise.all([loadCampaigns(), action === 'lock' || action === 'mapped' || action === 'unlock' ? loadSquare() : null]);
    if (action !== 'lock') $('mine-status').textContent = t(`campaign.done.${action}`, { n: f.properties.number });
    renderCampaigns();
    return true;
  } catch (err) {
    $('mine-error').textContent = err instanceof TypeError ? t('campaign.offline') : t('campaign.failed', { why: err.message });
    return false;
  }
}

/** takeSquare locks the first free square of a campaign (ready, then invalidated), trying the next one when another mapper was quicker. */
async function takeSquare(campaign) {
  const page = await getJSON(`/ogc/collections/tasks/items?campaign=${campaign.id}&state=ready,invalidated&limit=20`, { cache: 'no-store' });
  for (const f of (page && page.features) || []) {
    try {
      await taskAction(f.id, 'lock');
      await loadSquare();
      await loadCampaigns();
      renderCampaigns();
      return;
    } catch (err) {
      if (err.status !== 409 || err.code !== 'locked') {
        $('mine-error').textContent = t('campaign.failed', { why: err.message });
        return;
      }
    }
  }
  $('mine-error').textContent = t('campaign.nofree');
}

/** validateList lists a campaign's mapped squares with Validate and Send back buttons. */
async function validateList(campaign, box) {
  const page = await getJSON(`/ogc/collections/tasks/items?campaign=${campaign.id}&state=mapped&limit=50`, { cache: 'no-store' });
  const items = ((page && page.features) || []).map((f) => {
    const comment = el('input', { type: 'text', id: `comment-${f.id}`, 'aria-label': t('campaign.comment.label'), placeholder: t('campaign.comment.label') });
    const ok = el('button', { type: 'button', onclick: async () => { if (await act('validate', f.id)) box.replaceChildren(); } }, t('campaign.validate'));
    const back = el('button', { type: 'button', onclick: async () => { if (await act('invalidate', f.id, comment.value)) box.replaceChildren(); } }, t('campaign.invalidate'));
    return el('li', {}, el('span', {}, t('campaign.square', { n: f.properties.number })), ' ', comment, ' ', ok, ' ', back);
  });
  box.replaceChildren(...(items.length ? items : [el('li', {}, t('campaign.novalidate'))]));
}

function renderCampaigns() {
  const mapper = atLeast('mapper');
  $('campaigns').replaceChildren(...state.campaigns.map((c) => {
    const p = c.properties.progress;
    const pct = (x) => Math.round(x * 100);
    const bar = (label, x, cls) => el('div', { class: 'progress-row' },
      el('span', {}, t(label, { pct: pct(x) })),
      el('progress', { class: cls, max: '100', value: String(pct(x)), 'aria-label': t(label, { pct: pct(x) }) }));
    const counts = t('campaign.counts', { tasks: p.tasks, ready: p.states.ready + p.states.invalidated, locked: p.states.locked, mapped: p.states.mapped, validated: p.states.validated });
    const item = el('li', { class: 'campaign', 'data-id': String(c.id) },
      el('h3', {}, c.properties.name),
      bar('campaign.share.mapped', p.mapped, 'mapped'),
      bar('campaign.share.validated', p.validated, 'validated'),
      el('p', { class: 'hint' }, counts));
    if (mapper) {
      const list = el('ul', { class: 'list' });
      const row = el('div', { class: 'row' });
      if (!state.square) row.append(el('button', { type: 'button', class: 'primary take', onclick: () => takeSquare(c) }, t('campaign.take')));
      row.append(el('button', { type: 'button', class: 'to-validate', onclick: () => validateList(c, list) }, t('campaign.tovalidate')));
      item.append(row, list);
    }
    return item;
  }));
  if (!state.campaigns.length) $('campaigns').replaceChildren(el('li', {}, t('campaign.empty')));
}
