// live: new reports as they arrive, from the server-sent events of
// GET /api/v1/events ("report" events whose data is the public Feature).
// Where the server has no event stream the caller polls instead.

/**
 * followReports calls onFeature for each new report and onState with
 * 'live' or 'polling'. It answers a function that stops following.
 */
export function followReports(onFeature, onState, poll) {
  let timer = null;
  let source = null;
  const startPolling = () => {
    if (timer) return;
    onState('polling');
    timer = setInterval(poll, 30000);
  };
  if (!('EventSource' in window)) {
    startPolling();
  } else {
    source = new EventSource('/api/v1/events');
    source.addEventListener('open', () => onState('live'));
    source.addEventListener('report', (e) => {
      try { onFeature(JSON.parse(e.data)); } catch (err) { console.warn('bad event', err); }
    });
    // A closed stream (404, or a server without the route) is not retried by
    // the browser: fall back to polling. A dropped one reconnects by itself.
    source.addEventListener('error', () => { if (source.readyState === EventSource.CLOSED) startPolling(); });
  }
  return () => { if (source) source.close(); clearInterval(timer); };
}
