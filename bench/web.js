// npm run bench:web: what a phone really downloads before the first page shows, and how soon it
// shows, on a throttled phone profile (issue 17: under 150 kB before the first paint, first paint
// under 2 s). Starts the built server on a fresh PGlite folder with the demo partnership, like
// `npm start`, and loads each page cold (a new browser context: nothing cached) in Chromium with
// its network and CPU emulation. Bytes are what the network stack received (the Chrome DevTools
// Protocol's Network.loadingFinished encodedDataLength: headers and body as sent, compressed or
// not), counted for the requests finished before the first contentful paint, and in all until
// the page's heading (h1) showed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_SIGN_IN } from '../dist/server/demo/demo-partnership.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** A middling phone on a slow mobile network (Lighthouse's "slow 4G" figures). */
const PHONE = {
  network: { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  cpuSlowdown: 4,
  viewport: { width: 390, height: 844 },
};

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kB = (bytes) => +(bytes / 1024).toFixed(1);

/** Records, in the page, when an h1 first appears (ms since navigation start). */
const WATCH_HEADING = () => {
  new MutationObserver((_, observer) => {
    if (document.querySelector('h1')) {
      window.__headingAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

/**
 * One cold load of `path` on the phone profile. `signIn` signs the context in through the API
 * first (cookies only: no asset is fetched, so the cache stays empty).
 */
async function coldLoad(browser, origin, path, signIn) {
  const context = await browser.newContext({ viewport: PHONE.viewport, locale: 'fr-FR' });
  try {
    if (signIn) {
      const answer = await context.request.post(`${origin}/api/v1/auth/sign-in`, { data: DEMO_SIGN_IN });
      if (!answer.ok()) throw new Error(`demo sign-in failed: ${answer.status()}`);
    }
    const page = await context.newPage();
    await page.addInitScript(WATCH_HEADING);
    const cdp = await context.newCDPSession(page);
    const urls = new Map();
    const finished = [];
    let firstContentfulPaintAt;
    cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
    cdp.on('Network.loadingFinished', (event) => finished.push({ url: urls.get(event.requestId), bytes: event.encodedDataLength, at: event.timestamp }));
    cdp.on('Page.lifecycleEvent', (event) => {
      if (event.name === 'firstContentfulPaint') firstContentfulPaintAt ??= event.timestamp;
    });
    await cdp.send('Network.enable');
    await cdp.send('Page.enable');
    await cdp.send('Page.setLifecycleEventsEnabled', { enabled: true });
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', PHONE.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
    await page.goto(`${origin}${path}`, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => window.__headingAt !== undefined, undefined, { timeout: 60_000 });
    const { fcp, heading } = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      heading: window.__headingAt,
    }));
    const beforePaint = finished.filter((request) => firstContentfulPaintAt !== undefined && request.at <= firstContentfulPaintAt);
    return {
      fcp,
      heading,
      bytesBeforePaint: beforePaint.reduce((sum, request) => sum + request.bytes, 0),
      bytesToHeading: finished.reduce((sum, request) => sum + request.bytes, 0),
      beforePaint: beforePaint.map((request) => ({ url: request.url.replace(origin, ''), kB: kB(request.bytes) })),
    };
  } finally {
    await context.close();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'entente-bench-web-'));
const port = await freePort();
const server = spawn(process.execPath, ['bin/entente.js', 'serve'], { env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'error' }, stdio: 'ignore' });
const origin = `http://127.0.0.1:${port}`;
try {
  for (let tries = 0; !(await fetch(`${origin}/api/v1/health`).then((r) => r.ok).catch(() => false)); tries += 1) {
    if (tries > 600) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const pages = [
    { page: 'sign-in /connexion', path: '/connexion', signIn: false },
    { page: 'overview /p/:id (signed in)', path: '/', signIn: true },
  ];
  // One load left out of the figures: the browser's own start-up would otherwise weigh on the first.
  await coldLoad(browser, origin, '/connexion', false);
  const rows = [];
  for (const { page, path, signIn } of pages) {
    const runs = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(await coldLoad(browser, origin, path, signIn));
    rows.push({
      page,
      'kB before paint': kB(median(runs.map((r) => r.bytesBeforePaint))),
      'first paint ms': Math.round(median(runs.map((r) => r.fcp))),
      'h1 ms': Math.round(median(runs.map((r) => r.heading))),
      'kB to h1': kB(median(runs.map((r) => r.bytesToHeading))),
      'max first paint ms': Math.round(Math.max(...runs.map((r) => r.fcp))),
    });
    console.log(`${page}: requests finished before the first paint (first run)`);
    console.table(runs[0].beforePaint);
  }
  await browser.close();
  console.log(`Phone profile: 150 ms, 1.6 Mbit/s down, 750 kbit/s up, CPU ${PHONE.cpuSlowdown}× slower; median of ${RUNS} cold loads`);
  console.table(rows);
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
