// placesearch: the place search of the report form, a combobox on the
// server's geocoder (GET /api/v1/geocode, docs/api.md). Typing searches;
// the arrow keys move through the places found (aria-activedescendant),
// Enter picks one, Escape closes the list (and, closed, clears the box);
// how many places were found is announced in a status line.

import { t, kindLabel } from './i18n.js';
import { getJSON } from './api.js';
import { el } from './dom.js';

/** SEARCH_DELAY_MS is how long typing pauses before the search goes out. */
const SEARCH_DELAY_MS = 250;
/** MIN_CHARS is the shortest query searched. */
const MIN_CHARS = 2;
/** LIMIT is the number of places listed. */
const LIMIT = 8;

/**
 * placeSearch makes input (role combobox) search places into list (role
 * listbox), announcing in status; hint() answers the bbox [w, s, e, n] the
 * map shows (places in it rank higher) or null; onChoose(feature) gets the
 * chosen place, a GeoJSON Point Feature with label, name, kind and class.
 */
export function placeSearch({ input, list, status, hint = () => null, onChoose }) {
  let results = [];
  let active = -1;
  let timer = null;
  let seq = 0;

  const expanded = () => !list.hidden;
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const setActive = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    const li = list.children[i];
    if (li) {
      input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView({ block: 'nearest' });
    }
  };
  const render = () => {
    list.replaceChildren(...results.map((f, i) => el('li', {
      id: `${list.id}-${i}`, role: 'option', 'aria-selected': 'false', class: 'place-option',
      // mousedown would move the focus out of the box and close the list first.
      onmousedown: (e) => e.preventDefault(), onclick: () => choose(i),
    }, el('span', { class: 'place-label' }, f.properties.label || f.properties.name),
    el('span', { class: 'place-kind' }, kindLabel(f.properties.kind)))));
    list.hidden = !results.length;
    input.setAttribute('aria-expanded', String(!list.hidden));
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (i) => {
    const f = results[i];
    if (!f) return;
    input.value = f.properties.label || f.properties.name;
    close();
    onChoose(f);
  };

  async function search() {
    clearTimeout(timer);
    const q = input.value.trim();
    const mine = ++seq;
    if (q.length < MIN_CHARS) {
      results = [];
      render();
      status.textContent = '';
      return;
    }
    const params = new URLSearchParams({ q, limit: String(LIMIT) });
    const bbox = hint();
    if (bbox) params.set('bbox', bbox.map((x) => x.toFixed(5)).join(','));
    try {
      const fc = await getJSON(`/api/v1/geocode?${params}`, { cache: 'no-store' });
      if (mine !== seq) return; // a later search went out
      results = (fc && fc.features) || [];
      render();
      status.textContent = results.length ? t('report.search.results', { n: results.length }) : t('report.search.none', { q });
    } catch (err) {
      if (mine !== seq) return;
      results = [];
      render();
      status.textContent = err instanceof TypeError ? t('report.search.offline') : t('report.search.failed', { why: err.message });
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, SEARCH_DELAY_MS);
  });
  input.addEventListener('keydown', (e) => {
    const n = results.length;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (!n) return;
        e.preventDefault();
        if (!expanded()) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); }
        setActive(e.key === 'ArrowDown' ? (active + 1) % n : (active - 1 + n) % n);
        break;
      case 'Enter':
        // Enter in the search box picks a place; it never sends the report.
        e.preventDefault();
        if (expanded() && active >= 0) choose(active);
        else search();
        break;
      case 'Escape':
        if (expanded()) { e.preventDefault(); close(); } else if (input.value) { e.preventDefault(); input.value = ''; results = []; render(); status.textContent = ''; }
        break;
      default:
    }
  });
  input.addEventListener('blur', close);
  window.addEventListener('mtaa:lang', () => { if (expanded()) { const a = active; render(); setActive(a); } });
}
