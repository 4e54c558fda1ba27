// keeparea: "Keep this area offline" on the report form. The basemap tiles
// of the area the map shows are fetched into the kept-tiles cache
// (basemap.js keepArea, the same mechanism that keeps a campaign square)
// once the user has seen how many tiles and how many megabytes; a progress
// bar, Cancel, and the list of kept areas, each with Remove.

import { t } from './i18n.js';
import { el } from './dom.js';
import { planArea, keepArea, keptAreas, removeArea } from './basemap.js';

/** formatBytes writes a size in kB or MB. */
export function formatBytes(b) {
  return b < 1024 * 1024 ? `${Math.max(1, Math.round(b / 1024))} kB` : `${(b / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * initKeepArea wires the controls of the report form's offline area to map:
 * button asks for the estimate, shown in box (estimate, go, cancel,
 * progress); status says what happens; list (in details) lists the kept
 * areas. document.body.dataset.keep follows the steps (confirm,
 * downloading, done, cancelled, failed) for the browser tests.
 */
export function initKeepArea({ map, button, box, estimate, go, cancel, progress, status, list, details }) {
  let plan = null;
  let ctrl = null;
  const step = (s) => { document.body.dataset.keep = s; };

  const renderList = () => {
    const areas = keptAreas();
    details.hidden = !areas.length;
    list.replaceChildren(...areas.map((a) => el('li', { 'data-area': a.id },
      el('span', {}, t('keep.item', { name: a.name, tiles: a.tiles, size: formatBytes(a.bytes), zmin: a.zmin, zmax: a.zmax })), ' ',
      el('button', { type: 'button', class: 'remove-area', 'aria-label': t('keep.remove.label', { name: a.name }),
        onclick: async () => {
          await removeArea(a.id);
          status.textContent = t('keep.removed', { name: a.name });
          renderList();
          button.focus();
        } }, t('keep.remove')))));
  };

  if (typeof caches === 'undefined') {
    // No Cache Storage (a page not served over HTTPS): nothing can be kept.
    button.hidden = true;
    return;
  }
  button.disabled = false;
  button.addEventListener('click', async () => {
    if (!navigator.onLine) { status.textContent = t('keep.offline'); return; }
    const b = map.getBounds();
    plan = await planArea([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom());
    if (!plan) { status.textContent = t('map.nobasemap'); return; }
    let text = t('keep.estimate', { tiles: plan.tiles, size: formatBytes(plan.bytes), zmin: plan.zmin, zmax: plan.zmax });
    if (plan.zmax < plan.deepest) text += ` ${t('keep.toobig', { z: plan.deepest })}`;
    estimate.textContent = text;
    Object.assign(estimate.dataset, { tiles: plan.tiles, bytes: plan.bytes, zmin: plan.zmin, zmax: plan.zmax });
    status.textContent = '';
    box.hidden = false;
    go.disabled = false;
    progress.hidden = true;
    go.focus();
    step('confirm');
  });

  go.addEventListener('click', async () => {
    if (!plan || ctrl) return;
    ctrl = new AbortController();
    go.disabled = true;
    progress.hidden = false;
    progress.max = plan.tiles;
    progress.value = 0;
    step('downloading');
    const when = new Date().toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    let said = -1;
    try {
      const area = await keepArea(plan, {
        id: `area-${Date.now().toString(36)}`, name: t('keep.name', { when }), signal: ctrl.signal,
        onProgress: (done, total, bytes) => {
          progress.value = done;
          // The status line is read out: every tenth, not every tile.
          const tenth = Math.floor((done * 10) / total);
          if (tenth !== said) {
            said = tenth;
            status.textContent = t('keep.progress', { done, total, size: formatBytes(bytes) });
          }
        },
      });
      status.textContent = area ? t('keep.done', { tiles: area.tiles, size: formatBytes(area.bytes) }) : t('keep.cancelled');
      step(area ? 'done' : 'cancelled');
    } catch (err) {
      status.textContent = err instanceof TypeError ? t('keep.offline') : t('keep.failed', { why: err.message });
      step('failed');
    } finally {
      ctrl = null;
      plan = null;
      box.hidden = true;
      renderList();
      button.focus();
    }
  });

  cancel.addEventListener('click', () => {
    if (ctrl) { ctrl.abort(); return; }
    box.hidden = true;
    plan = null;
    status.textContent = '';
    step('');
    button.focus();
  });

  window.addEventListener('mtaa:lang', renderList);
  renderList();
}
