// facility: after a logged-in mapper's report about a facility OSM lacks
// (a water point, a toilet), the report page asks the few attributes OSM
// needs for it (name, kind, and for water points whether it works) and
// stores them with the report (PUT /api/v1/reports/{id}/facility). The OSM
// change export writes them (docs/campaigns.md).

import { t } from './i18n.js';
import { getJSON, putFacility } from './api.js';
import { atLeast } from './account.js';
import { el } from './dom.js';

/** STATUSES are the operational statuses a mapper may give a water point. */
const STATUSES = ['operational', 'needs_maintenance', 'broken'];

/**
 * offerFacility fills box with the facility form for report id when the
 * logged-in mapper may describe it and OSM lacks it; otherwise it leaves
 * box hidden. It answers whether the form is shown.
 */
export async function offerFacility(box, id) {
  box.hidden = true;
  box.replaceChildren();
  if (!atLeast('mapper')) return false;
  let info;
  try {
    info = await getJSON(`/api/v1/reports/${id}/facility`, { cache: 'no-store' });
  } catch {
    return false; // not a category OSM takes, or offline: the report itself is sent
  }
  if (!info || !info.not_in_osm || !info.kinds || !info.kinds.length) return false;
  const name = el('input', { type: 'text', id: 'facility-name', maxlength: '255', value: info.name || '' });
  const kind = el('select', { id: 'facility-kind' }, ...info.kinds.map((k) => new Option(t(`facility.kind.${k}`) === `facility.kind.${k}` ? k : t(`facility.kind.${k}`), k, false, k === info.kind)));
  const fields = [
    el('label', { for: 'facility-name' }, t('facility.name')), name,
    el('label', { for: 'facility-kind' }, t('facility.kind')), kind,
  ];
  let status = null;
  if (info.category === 'water_supply') {
    status = el('select', { id: 'facility-status' }, new Option(t('facility.status.unknown'), ''),
      ...STATUSES.map((s) => new Option(t(`facility.status.${s}`), s, false, s === info.operational_status)));
    fields.push(el('label', { for: 'facility-status' }, t('facility.status')), status);
  }
  const result = el('p', { id: 'facility-result', role: 'status' });
  const save = el('button', { type: 'button', id: 'facility-save', class: 'primary' }, t('facility.save'));
  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      await putFacility(id, { name: name.value.trim(), kind: kind.value, operational_status: status ? status.value : '' });
      result.className = 'ok';
      result.textContent = t('facility.saved');
    } catch (err) {
      result.className = 'error';
      result.textContent = err instanceof TypeError ? t('campaign.offline') : t('facility.failed', { why: err.message });
    } finally {
      save.disabled = false;
    }
  });
  box.append(el('h2', {}, t('facility.title')), el('p', { class: 'hint' }, t('facility.hint')), ...fields, save, result);
  box.hidden = false;
  return true;
}
