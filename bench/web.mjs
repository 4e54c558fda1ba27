// Web UI speed: how soon the reporting form is usable on a cold load over a
// slow 3G connection (Chromium's network emulation through CDP), and how
// big the app shell is gzipped. Usage: node bench/web.mjs [bin/mtaa]
//
// "Usable" is the moment /report sets body[data-ready] and the performance
// mark "mtaa-ready" (measured from the start of the navigation): categories
// drawn, the Send button enabled (the map loads after that, on its own).
// Profiles: DevTools' "Slow 3G" preset (400 ms RTT × 5 = 2000 ms of request
// latency, 500 kbit/s × 0.8 each way) and the same bandwidth with 400 ms;
// "unthrottled" is the baseline the ratios are taken against.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from '../web/test/chromium.mjs';

const bin = path.resolve(process.argv[2] || 'bin/mtaa');
const RUNS = Number(process.env.RUNS || 5);
const PROFILES = [
  { name: 'unthrottled', conditions: null },
  { name: 'slow 3G, DevTools preset (2000 ms, 400 kbit/s)', conditions: { offline: false, latency: 2000, downloadThroughput: 50000, uploadThroughput: 50000 } },
  { name: 'slow 3G, 400 ms RTT, 400 kbit/s', conditions: { offline: false, latency: 400, downloadThroughput: 50000, uploadThroughput: 50000 } },
];
const SHELL_LIMIT = 150 * 1024;
const USABLE_LIMIT_MS = 5000;

// Start mtaa on a fresh data folder, on a free port.
const dataDir = mkdtempSync(path.join(tmpdir(), 'mtaa-bench-web-'));
const server = spawn(bin, ['serve', '--data', dataDir, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
const base = await new Promise((resolve, reject) => {
  let log = '';
  server.stderr.on('data', (d) => {
    log += d;
    const m = log.match(/mtaa listening.* addr=(\S+)/);
    if (m) resolve(`http://${m[1]}`);
  });
  server.on('exit', (code) => reject(new Error(`mtaa exited ${code}:\n${log}`)));
});

try {
  // App shell: the pages and every static file but the vendored library.
  const sw = await (await fetch(`${base}/sw.js`)).text();
  const shell = JSON.parse(sw.match(/const SHELL = (\[.*?\]);/)[1]);
  let raw = 0; let gz = 0; let libRaw = 0; let libGz = 0; let files = 0;
  for (const u of shell) {
    const body = Buffer.from(await (await fetch(base + u)).arrayBuffer());
    const z = gzipSync(body, { level: 9 }).length;
    if (u.includes('/vendor/')) { libRaw += body.length; libGz += z; } else { raw += body.length; gz += z; files++; }
  }
  console.log(`app shell (${files} files, without MapLibre): ${(raw / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped (limit ${SHELL_LIMIT / 1024} KB: ${gz <= SHELL_LIMIT ? 'ok' : 'OVER'})`);
  console.log(`MapLibre GL JS (loaded after the form is usable): ${(libRaw / 1024).toFixed(0)} KB, ${(libGz / 1024).toFixed(0)} KB gzipped`);

  const browser = await launch();
  const medians = {};
  for (const profile of PROFILES) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      if (profile.conditions) await cdp.send('Network.emulateNetworkConditions', profile.conditions);
      await page.goto(`${base}/report`, { waitUntil: 'commit', timeout: 60000 });
      await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
      // The page marks the moment; its clock starts with the navigation.
      times.push(Math.round(await page.evaluate(() => performance.getEntriesByName('mtaa-ready')[0].startTime)));
      await ctx.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    medians[profile.name] = median;
    const ratio = medians.unthrottled ? ` (${(median / medians.unthrottled).toFixed(1)}× unthrottled)` : '';
    const verdict = profile.conditions ? `, target ${USABLE_LIMIT_MS} ms: ${median <= USABLE_LIMIT_MS ? 'ok' : 'OVER'}` : '';
    console.log(`/report usable, ${profile.name}: median ${median} ms of ${RUNS} cold loads [${times.join(', ')}]${ratio}${verdict}`);
  }
  await browser.close();
} finally {
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
