// chromium: launches Debian's Chromium for the browser tests and the web
// benchmark. Headless Chromium has no GPU here: SwiftShader gives it
// software WebGL 2, which MapLibre needs. The network flags keep it from
// calling home (the test machines have no internet and would refuse).

import { chromium } from 'playwright-core';

/** LAUNCH_ARGS are the flags the tests and the benchmark run Chromium with. */
export const LAUNCH_ARGS = ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--metrics-recording-only', '--no-default-browser-check'];

/** launch starts headless Chromium ($CHROMIUM, else /usr/bin/chromium) with a fresh profile. */
export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: LAUNCH_ARGS });
}
