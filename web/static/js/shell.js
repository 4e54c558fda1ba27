// shell: what every page does on load: translate, the language switcher,
// the online indicator, log in / log out, the service worker and sending
// queued reports.

import { applyI18n, lang, setLang, t, LANGUAGES } from './i18n.js';
import { flush, pending } from './queue.js';
import { initAccount } from './account.js';

/**
 * initShell prepares the page's common parts (also the header's log in / log
 * out control); it answers the logged-in account or null once the server
 * has said who is logged in.
 */
export function initShell() {
  applyI18n();
  const account = initAccount();
  const select = document.getElementById('lang');
  if (select) {
    select.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) => new Option(name, code, false, code === lang())));
    select.addEventListener('change', () => setLang(select.value));
  }
  // The header's badge says the real state: offline, sending, reports
  // waiting (also online, when the server cannot be reached), or online.
  const badge = document.getElementById('net');
  const net = { sending: 0, waiting: 0, failing: false };
  const showNet = () => {
    if (!badge) return;
    let state = 'online';
    let text = t('online');
    if (!navigator.onLine) {
      state = 'offline';
      text = net.waiting ? t('net.offline.waiting', { n: net.waiting }) : t('offline');
    } else if (net.sending) {
      state = 'sending';
      text = t('net.sending', { n: net.sending });
    } else if (net.waiting) {
      state = net.failing ? 'failing' : 'waiting';
      text = t(net.failing ? 'net.failing' : 'net.waiting', { n: net.waiting });
    }
    badge.textContent = text;
    badge.dataset.state = state;
    badge.classList.toggle('offline', state !== 'online' && state !== 'sending');
  };
  const countWaiting = async (failing) => {
    try {
      net.waiting = (await pending()).filter((i) => !i.failed).length;
    } catch { /* no IndexedDB: nothing can wait */ }
    net.failing = failing;
    showNet();
  };
  showNet();
  countWaiting(false);
  window.addEventListener('online', showNet);
  window.addEventListener('offline', showNet);
  window.addEventListener('mtaa:lang', showNet);
  window.addEventListener('mtaa:sending', (e) => { net.sending = e.detail.count; showNet(); });
  window.addEventListener('mtaa:queue', (e) => { net.sending = 0; countWaiting(!!(e.detail && e.detail.offline && navigator.onLine)); });

  // Queued reports go out when the connection returns, on load, and when
  // the service worker's background sync fires (it messages the page).
  const send = () => flush().catch(() => {});
  window.addEventListener('online', send);
  // Sent once the session is known (and again at log in or out), so that
  // queued reports go out as the logged-in user.
  window.addEventListener('mtaa:session', send);
  registerWorker();
  return account;
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

export { el } from './dom.js';
