// shell: what every page does on load: translate, the language switcher,
// the online indicator, the service worker and sending queued reports.

import { applyI18n, lang, setLang, t, LANGUAGES } from './i18n.js';
import { flush } from './queue.js';

/** initShell prepares the page's common parts; it answers once they are ready. */
export function initShell() {
  applyI18n();
  const select = document.getElementById('lang');
  if (select) {
    select.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) => new Option(name, code, false, code === lang())));
    select.addEventListener('change', () => setLang(select.value));
  }
  const badge = document.getElementById('net');
  const showNet = () => {
    if (!badge) return;
    badge.textContent = navigator.onLine ? t('online') : t('offline');
    badge.classList.toggle('offline', !navigator.onLine);
  };
  showNet();
  window.addEventListener('online', showNet);
  window.addEventListener('offline', showNet);
  window.addEventListener('mtaa:lang', showNet);

  // Queued reports go out when the connection returns, on load, and when
  // the service worker's background sync fires (it messages the page).
  const send = () => flush().catch(() => {});
  window.addEventListener('online', send);
  send();
  registerWorker();
}

async function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  try {
    const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/', type: 'module' });
    navigator.serviceWorker.addEventListener('message', (e) => {
      if (e.data && e.data.type === 'queue') window.dispatchEvent(new CustomEvent('mtaa:queue', { detail: e.data.result }));
    });
    window.mtaaWorker = reg;
  } catch (err) {
    console.warn('service worker not registered:', err);
  }
}

/** requestSync asks for a background sync of the queue where the browser has it. */
export async function requestSync() {
  try {
    const reg = await navigator.serviceWorker.ready;
    if (reg.sync) await reg.sync.register('mtaa-outbox');
  } catch { /* no background sync: the online event and the next load send the queue */ }
}

/** el builds an element: el('p', {class: 'x'}, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.filter((c) => c != null));
  return e;
}
