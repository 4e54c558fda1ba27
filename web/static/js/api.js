// api: the calls the pages make to mtaa's HTTP API.

/** PHOTO_TOKEN_HEADER is the response header of POST /api/v1/reports that carries the photo upload token. */
export const PHOTO_TOKEN_HEADER = 'X-Upload-Token';

/** ApiError is a refusal from the server: status and the {"error":{…}} body. */
export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message ? (e.field ? `${e.field}: ${e.message}` : e.message) : `HTTP ${status}`);
    this.status = status;
    this.code = e.code || '';
    this.field = e.field || '';
  }
  /** retryable is true for answers that may succeed later (overload, full disk, timeouts). */
  get retryable() { return this.status >= 500 || this.status === 408 || this.status === 429; }
}

async function check(res) {
  if (res.ok) return res;
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  throw new ApiError(res.status, body);
}

/** getJSON fetches a JSON document; a 404 answers null. */
export async function getJSON(url, init = {}) {
  const res = await fetch(url, { headers: { Accept: 'application/json' }, ...init });
  if (res.status === 404) return null;
  return (await check(res)).json();
}

const CATEGORIES_KEY = 'mtaa.categories';

/**
 * categories returns the taxonomy's categories: from the page (the server
 * writes them into a <script id="taxonomy">), else from the API, else,
 * offline, the last copy seen.
 */
export async function categories() {
  const inline = typeof document !== 'undefined' && document.getElementById('taxonomy');
  if (inline) {
    try { return JSON.parse(inline.textContent); } catch { /* fall through to the API */ }
  }
  try {
    const tax = await getJSON('/api/v1/categories');
    const cats = tax.categories.map(({ id, severity, hazard, labels }) => ({ id, severity, hazard, labels }));
    localStorage.setItem(CATEGORIES_KEY, JSON.stringify(cats));
    return cats;
  } catch (err) {
    const cached = localStorage.getItem(CATEGORIES_KEY);
    if (cached) return JSON.parse(cached);
    throw err;
  }
}

/**
 * postReport sends a report Feature with its idempotency key. It answers
 * {status, feature, photoToken}: 201 for a new report, 200 when the key was
 * seen before (the original report). Network failures throw a TypeError.
 */
export async function postReport(feature, key) {
  const res = await check(await fetch('/api/v1/reports', {
    method: 'POST',
    headers: { 'Content-Type': 'application/geo+json', 'Idempotency-Key': key },
    body: JSON.stringify(feature),
  }));
  return { status: res.status, feature: await res.json(), photoToken: res.headers.get(PHOTO_TOKEN_HEADER) };
}

/**
 * uploadPhoto sends a JPEG for report id with the token POST /api/v1/reports
 * returned. A 409 means the photo is already there (an earlier upload that
 * lost its answer), which is success too.
 */
export async function uploadPhoto(id, blob, token) {
  if (!token) throw new Error('this server takes no photos');
  const res = await fetch(`/api/v1/reports/${id}/photo`, {
    method: 'POST', headers: { 'Content-Type': 'image/jpeg', [PHOTO_TOKEN_HEADER]: token }, body: blob,
  });
  if (res.status !== 409) await check(res);
}

/** photoURL fetches a report's photo with the moderator's token and answers an object URL, or null. */
export async function photoURL(id, token) {
  if (!token) return null;
  const res = await fetch(`/api/v1/reports/${id}/photo`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) return null;
  return URL.createObjectURL(await res.blob());
}

/** postSettlement submits a settlement boundary (a GeoJSON Feature with a Polygon). */
export async function postSettlement(feature) {
  const res = await check(await fetch('/api/v1/settlements', {
    method: 'POST', headers: { 'Content-Type': 'application/geo+json' }, body: JSON.stringify(feature),
  }));
  return res.json();
}

/** postAlert sends or counts (dry_run) an area alert with the admin token. */
export async function postAlert(body, token) {
  const res = await check(await fetch('/api/v1/alerts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  }));
  return res.json();
}

/**
 * moderate changes a report (PATCH /api/v1/reports/{id}: status,
 * duplicate_of, note, reason) with a moderator's token and answers the
 * updated Feature. A server without moderation answers 404 or 405.
 */
export async function moderate(id, change, token) {
  const res = await check(await fetch(`/api/v1/reports/${id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(change),
  }));
  return res.json();
}

/** newKey returns a random idempotency key (a UUID v4), also outside secure contexts. */
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
