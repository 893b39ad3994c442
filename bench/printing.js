// npm run bench:printing: how long /health waits while the largest minutes print (issue 14).
// Load from this process (autocannon on /health and on a bare route) against the server in a child
// process, first idle, then while eight clients each print minutes of the greatest allowed length
// over and over: drafts (printed afresh every time), then published minutes (kept once printed).
// Figures, not assertions: see bench/README.md.
import { fork } from 'node:child_process';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

const child = fork(new URL('./printing-server.js', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const info = await new Promise((resolve, reject) => {
  child.once('message', resolve);
  child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
});

const load = (path) =>
  new Promise((resolve, reject) => autocannon({ url: info.address + path, connections: CONNECTIONS, duration: DURATION }, (error, result) => (error ? reject(error) : resolve(result))));

/** Each of the paths printed by its own client, one document after the other, until told to stop. */
function printers(paths) {
  const state = { running: true, printed: 0, refused: 0, milliseconds: [] };
  const loops = paths.map(async (path) => {
    while (state.running) {
      const started = performance.now();
      const response = await fetch(info.address + path, { headers: { cookie: info.cookie } });
      await response.arrayBuffer();
      if (response.ok) {
        state.printed += 1;
        state.milliseconds.push(performance.now() - started);
      } else state.refused += 1;
    }
  });
  return {
    async stop() {
      state.running = false;
      await Promise.all(loops);
      const sorted = state.milliseconds.sort((a, b) => a - b);
      return { printed: state.printed, refused: state.refused, medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0) };
    },
  };
}

const rows = [];
async function measure(situation, paths) {
  const printing = paths.length > 0 ? printers(paths) : undefined;
  const health = await load('/api/v1/health');
  const bare = await load('/bench/bare');
  const pdfs = printing ? await printing.stop() : { printed: 0, refused: 0, medianMs: 0 };
  rows.push({
    situation,
    'health req/s': Math.round(health.requests.average),
    'health p50 ms': health.latency.p50,
    'health p99 ms': health.latency.p99,
    'health max ms': health.latency.max,
    'bare p99 ms': bare.latency.p99,
    'PDFs printed': pdfs.printed,
    'PDF median ms': pdfs.medianMs,
    'PDFs refused': pdfs.refused,
    errors: health.errors + health.non2xx + bare.errors + bare.non2xx,
  });
}

await measure('idle', []);
await measure('8 drafts printing', info.draftPaths);
await measure('8 published (kept)', info.publishedPaths);
const exited = new Promise((resolve) => child.once('exit', resolve));
child.send('stop');
await exited;
console.log(`\nminutes of ${info.minutesLength} characters; ${CONNECTIONS} connections on /health, ${DURATION} s each, Node ${process.version}`);
console.table(rows);
