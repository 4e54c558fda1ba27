// queue: reports waiting to be sent, in IndexedDB, so that a report made
// offline survives closing the page. Each has its idempotency key from the
// moment it is made; the server answers a repeated key with the original
// report, so a send interrupted after the server stored it is never
// stored twice. Used by the pages and by the service worker.

import { getSession, postReport, uploadPhoto } from './api.js';

const DB_NAME = 'mtaa';
const OUTBOX = 'outbox';
const SENT = 'sent';

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(OUTBOX, { keyPath: 'key' });
      req.result.createObjectStore(SENT, { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx(store, mode, fn) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction(store, mode);
      const result = fn(t.objectStore(store));
      t.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

/** enqueue stores a report to send: {key, feature, photo?: Blob, createdAt}. */
export function enqueue(item) {
  return tx(OUTBOX, 'readwrite', (s) => s.put(item));
}

/** pending lists the reports not sent yet, oldest first. */
export async function pending() {
  const all = await tx(OUTBOX, 'readonly', (s) => s.getAll());
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

/** sent lists the reports this device sent, newest first: {key, id, category, photo, sentAt}. */
export async function sent() {
  const all = await tx(SENT, 'readonly', (s) => s.getAll());
  return all.sort((a, b) => b.sentAt - a.sentAt);
}

async function markSent(item, id, photo) {
  const db = await open();
  try {
    await new Promise((resolve, reject) => {
      const t = db.transaction([OUTBOX, SENT], 'readwrite');
      t.objectStore(OUTBOX).delete(item.key);
      t.objectStore(SENT).put({ key: item.key, id, category: item.feature.properties.category, photo, sentAt: Date.now() });
      t.oncomplete = resolve;
      t.onerror = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

async function markFailed(item, message) {
  await tx(OUTBOX, 'readwrite', (s) => s.put({ ...item, failed: message }));
}

/**
 * flush sends every pending report, oldest first, as the current session's user (or anonymously), one at a time, under a
 * lock shared by every tab and the service worker. It stops at the first
 * network failure (still offline) and answers {sent: [{key, id}], failed,
 * offline}. A report the server refuses (4xx) stays in the queue, marked
 * failed. In a page it says 'mtaa:sending' ({count}) when it starts
 * sending and 'mtaa:queue' (the answer) when it is done.
 */
export async function flush() {
  const run = async () => {
    const result = { sent: [], failed: [], offline: false };
    const items = await pending();
    // Reports go out as whoever is logged in now (its CSRF token is read
    // afresh, also in the service worker); a session that expired while
    // offline leaves them anonymous.
    const toSend = items.filter((i) => !i.failed).length;
    if (toSend && typeof window !== 'undefined') window.dispatchEvent(new CustomEvent('mtaa:sending', { detail: { count: toSend } }));
    if (toSend) await getSession().catch(() => null);
    for (const item of items) {
      if (item.failed) continue;
      let res;
      try {
        res = await postReport(item.feature, item.key);
      } catch (err) {
        if (err instanceof TypeError || (err.retryable)) { result.offline = true; break; }
        await markFailed(item, err.message);
        result.failed.push({ key: item.key, message: err.message });
        continue;
      }
      const id = res.feature.id;
      let photo = null;
      if (item.photo) {
        try {
          await uploadPhoto(id, item.photo, res.photoToken);
          photo = 'sent';
        } catch (err) {
          // Connection lost after the report went in: keep the item; the
          // next flush posts it again (the server answers the original
          // report for the same key, with a new upload token) and retries
          // the photo. A refused photo is given up.
          if (err instanceof TypeError || err.retryable) { result.offline = true; break; }
          photo = 'failed';
        }
      }
      await markSent(item, id, photo);
      result.sent.push({ key: item.key, id, status: res.status });
    }
    return result;
  };
  const result = navigator.locks ? await navigator.locks.request('mtaa-outbox', run) : await run();
  if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent('mtaa:queue', { detail: result }));
  return result;
}
