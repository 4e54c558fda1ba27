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

/** CSRF_HEADER carries the session's CSRF token on cookie-authenticated writes. */
export const CSRF_HEADER = 'X-CSRF-Token';

// csrf is the CSRF token of the browser's session ('' when anonymous or not
// known yet), set by login and getSession.
let csrf = '';

/** writeHeaders are the headers every POST/PATCH/DELETE adds: the session's CSRF token when logged in. */
export function writeHeaders() { return csrf ? { [CSRF_HEADER]: csrf } : {}; }

/**
 * getSession asks who is logged in (GET /api/v1/session, with the session
 * cookie) and remembers the CSRF token. It answers {user:{name, email, role},
 * csrf_token}, {user:null} for an anonymous visitor, or null from a server
 * without accounts (or an older one answering 401). Network failures throw
 * a TypeError (offline).
 */
export async function getSession() {
  const res = await fetch('/api/v1/session', { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (res.status === 401 || res.status === 404 || res.status === 501) { csrf = ''; return null; }
  const s = await (await check(res)).json();
  csrf = s.csrf_token || '';
  return s;
}

/**
 * login opens a browser session (POST /api/v1/login): the server sets the
 * HttpOnly cookie; the answer's CSRF token is kept for writes. Refusals throw
 * an ApiError (401 bad_credentials, also for a locked account; 401
 * password_expired; 429 too many attempts). password_change_required in the
 * answer means the password is a one-time one the owner must replace.
 */
export async function login(email, password) {
  const res = await check(await fetch('/api/v1/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
  }));
  const s = await res.json();
  csrf = s.csrf_token || '';
  return s;
}

/**
 * changePassword replaces the logged-in account's password
 * (POST /api/v1/session/password): after a login with a one-time password
 * it is the only thing the session may do. Refusals throw an ApiError.
 */
export async function changePassword(current, next) {
  await check(await fetch('/api/v1/session/password', {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...writeHeaders() },
    body: JSON.stringify({ current_password: current, new_password: next }),
  }));
}

/**
 * logout ends the browser session (POST /api/v1/logout) and forgets the
 * CSRF token. A token gone stale (another tab logged in again) is read
 * afresh once.
 */
export async function logout() {
  const send = () => fetch('/api/v1/logout', { method: 'POST', headers: writeHeaders() });
  try {
    let res = await send();
    if (await csrfFailed(res)) { await getSession(); res = await send(); }
    await check(res);
  } finally {
    csrf = '';
  }
}

// csrfFailed tells whether res is the server's 403 csrf_failed (a stale or
// missing CSRF token), reading a copy of the body.
async function csrfFailed(res) {
  if (res.status !== 403) return false;
  try { return ((await res.clone().json()).error || {}).code === 'csrf_failed'; } catch { return false; }
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
  const send = (init = {}) => fetch('/api/v1/reports', {
    method: 'POST',
    headers: { 'Content-Type': 'application/geo+json', 'Idempotency-Key': key, ...writeHeaders() },
    body: JSON.stringify(feature),
    ...init,
  });
  let res = await send();
  if (await csrfFailed(res)) {
    // The session changed since its CSRF token was read (another tab logged
    // out or in): ask again; failing that, send the report anonymously
    // rather than lose it.
    await getSession().catch(() => null);
    res = await send();
    if (await csrfFailed(res)) res = await send({ credentials: 'omit', headers: { 'Content-Type': 'application/geo+json', 'Idempotency-Key': key } });
  }
  res = await check(res);
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
    // The upload token is the authority: no cookie, so no CSRF token to go stale.
    method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'image/jpeg', [PHOTO_TOKEN_HEADER]: token }, body: blob,
  });
  if (res.status !== 409) await check(res);
}

/** photoURL fetches a report's photo (moderators: the session cookie) and answers an object URL, or null. */
export async function photoURL(id) {
  const res = await fetch(`/api/v1/reports/${id}/photo`);
  if (!res.ok) return null;
  return URL.createObjectURL(await res.blob());
}

/** postSettlement submits a settlement boundary (a GeoJSON Feature with a Polygon). */
export async function postSettlement(feature) {
  const res = await check(await fetch('/api/v1/settlements', {
    method: 'POST', headers: { 'Content-Type': 'application/geo+json', ...writeHeaders() }, body: JSON.stringify(feature),
  }));
  return res.json();
}

/** postAlert sends or counts (dry_run) an area alert as the logged-in moderator. */
export async function postAlert(body) {
  const res = await check(await fetch('/api/v1/alerts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...writeHeaders() },
    body: JSON.stringify(body),
  }));
  return res.json();
}

/**
 * moderate changes a report (PATCH /api/v1/reports/{id}: status,
 * duplicate_of, note, reason) as the logged-in moderator and answers the
 * updated Feature. A server without moderation answers 404 or 405.
 */
export async function moderate(id, change) {
  const res = await check(await fetch(`/api/v1/reports/${id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', ...writeHeaders() },
    body: JSON.stringify(change),
  }));
  return res.json();
}

/**
 * fileDraft files an SMS draft (POST /api/v1/sms/drafts/{id}/file) with a
 * category and a location [lon, lat] as the logged-in moderator; the
 * resident is told the reference by SMS.
 */
export async function fileDraft(id, body) {
  const res = await check(await fetch(`/api/v1/sms/drafts/${id}/file`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...writeHeaders() },
    body: JSON.stringify(body),
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

/**
 * taskAction sends an action on a campaign's task square (POST
 * /api/v1/tasks/{id}/{lock|unlock|mapped|validate|invalidate}) as the
 * logged-in mapper and answers the square's Feature. A refusal throws an
 * ApiError whose code says why (409 locked, holds_other, own_task, …).
 */
export async function taskAction(id, action, comment) {
  const body = comment ? JSON.stringify({ comment }) : undefined;
  const res = await check(await fetch(`/api/v1/tasks/${id}/${action}`, {
    method: 'POST',
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...writeHeaders() },
    body,
  }));
  return res.json();
}

/**
 * putFacility stores the facility details of a report OSM lacks (PUT
 * /api/v1/reports/{id}/facility: name, kind, operational_status) as the
 * logged-in mapper who sent it, and answers them.
 */
export async function putFacility(id, details) {
  const res = await check(await fetch(`/api/v1/reports/${id}/facility`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...writeHeaders() },
    body: JSON.stringify(details),
  }));
  return res.json();
}
