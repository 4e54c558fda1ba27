// live: reports as they change, from the server-sent events of
// GET /api/v1/events: "report" (a new report), "report-updated" (a report
// changed, its status say: the Feature as this reader may see it),
// "report-hidden" ({"id":N}: no longer visible to this reader) and
// "resync" (events were lost: reload). What a stream carries depends on
// who opened it (the public, a viewer, a moderator with exact positions),
// so the pages reopen it when someone logs in or out (restart).

import { t } from './i18n.js';

/** POLL_MS is how often a page without a stream reloads and tries the stream again. */
const POLL_MS = 30000;

/**
 * followReports follows the report events. on has report(feature),
 * updated(feature), hidden(id) and reload() (read everything again: after
 * a gap, and every POLL_MS while the stream is closed). onState gets the
 * truth about the stream: 'connecting', 'live' (open), 'reconnecting' (the
 * browser retries a dropped stream) or 'paused' (no stream: offline, or
 * the server refused it; the page reloads every 30 s and tries again).
 * It answers {restart(), stop()}: restart reopens the stream with the
 * current session's cookie.
 */
export function followReports(on, onState) {
  let source = null;
  let timer = null;
  let state = '';
  let wasLive = false; // a stream of this session was open before: a reopen may have missed changes
  const set = (s) => { if (s !== state) { state = s; onState(s); } };
  const close = () => { if (source) { source.close(); source = null; } };
  const parse = (fn) => (e) => { try { fn(JSON.parse(e.data)); } catch (err) { console.warn('bad event', err); } };

  function pause() {
    close();
    set('paused');
    if (!timer) {
      timer = setInterval(() => {
        on.reload();
        if (navigator.onLine) open();
      }, POLL_MS);
    }
  }

  function open() {
    close();
    if (!('EventSource' in window) || !navigator.onLine) { pause(); return; }
    if (!timer) set(wasLive ? 'reconnecting' : 'connecting');
    const es = new EventSource('/api/v1/events');
    source = es;
    es.addEventListener('open', () => {
      if (source !== es) return;
      clearInterval(timer);
      timer = null;
      // New reports are replayed after a drop (Last-Event-ID), changes are
      // not: read the reports again.
      if (wasLive) on.reload();
      wasLive = true;
      set('live');
    });
    es.addEventListener('report', parse(on.report));
    es.addEventListener('report-updated', parse(on.updated));
    es.addEventListener('report-hidden', parse((d) => on.hidden(d.id)));
    es.addEventListener('resync', () => on.reload());
    es.addEventListener('error', () => {
      if (source !== es) return;
      // A closed stream (refused: 503, 404) is not retried by the browser;
      // a dropped one is.
      if (es.readyState === EventSource.CLOSED) pause();
      else if (!timer) set('reconnecting');
    });
  }

  window.addEventListener('offline', pause);
  window.addEventListener('online', () => { on.reload(); open(); });
  open();
  return {
    /** restart reopens the stream for a new session; the caller reloads its reports itself. */
    restart() { wasLive = false; clearInterval(timer); timer = null; open(); },
    stop() { close(); clearInterval(timer); timer = null; },
  };
}

/**
 * liveBadge answers an onState for followReports that shows the state in
 * node (text in the page's language, data-state) and on body[data-live].
 */
export function liveBadge(node) {
  let current = '';
  const draw = () => {
    if (!node || !current) return;
    node.dataset.state = current;
    node.textContent = t(`live.${current}`);
  };
  window.addEventListener('mtaa:lang', draw);
  return (s) => {
    current = s;
    document.body.dataset.live = s;
    draw();
  };
}
