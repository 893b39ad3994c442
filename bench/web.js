// npm run bench:web: what a phone downloads before the first page shows (issue 6: at most 150 kB
// of JavaScript, gzipped) and how soon Chromium paints it (under 1 s on localhost). Starts the
// built server on a fresh PGlite folder with the demo partnership, like `npm start`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const WEB = join(process.cwd(), 'dist', 'web');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The scripts index.html loads or preloads: what runs before any page's own chunk. */
function initialScripts() {
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  const sources = [...html.matchAll(/<script[^>]*src="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  return sources.map((src) => {
    const bytes = readFileSync(join(WEB, src));
    return { file: src, 'raw kB': +(bytes.length / 1024).toFixed(1), 'gzip kB': +(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1) };
  });
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const scripts = initialScripts();
console.log('Initial JavaScript of the UI');
console.table(scripts);
console.log(`total: ${scripts.reduce((sum, s) => sum + s['gzip kB'], 0).toFixed(1)} kB gzipped`);

const dataDir = mkdtempSync(join(tmpdir(), 'entente-bench-web-'));
const port = await freePort();
const server = spawn(process.execPath, ['bin/entente.js', 'serve'], { env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'error' }, stdio: 'ignore' });
const origin = `http://127.0.0.1:${port}`;
try {
  for (let tries = 0; !(await fetch(`${origin}/api/v1/health`).then((r) => r.ok).catch(() => false)); tries += 1) {
    if (tries > 300) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const paints = { '/connexion': [] };
  for (let run = 0; run < RUNS; run += 1) {
    // A fresh context each time: nothing cached, as on a first visit.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    const page = await context.newPage();
    for (const path of Object.keys(paints)) {
      await page.goto(`${origin}${path}`, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1 }).waitFor();
      const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
      paints[path].push(fcp);
    }
    await context.close();
  }
  await browser.close();
  console.log(`First contentful paint in Chromium on localhost, median of ${RUNS} cold loads`);
  console.table(Object.entries(paints).map(([path, values]) => ({ page: path, 'median ms': Math.round(median(values)), 'max ms': Math.round(Math.max(...values)) })));
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
