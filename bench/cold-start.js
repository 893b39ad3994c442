// npm run bench:cold-start: how long a newcomer waits, from a fresh clone, between typing
// `npm install` and seeing the first page of `npm start` (issue 17: under 60 s on 2 cores with a
// warm npm cache). Clones the repository into a temporary folder and times, once with the npm cache
// as it is and once with an empty one: `npm install`, then `npm start` until GET / answers 200,
// then a second `npm start` with nothing changed. Run it alone on the machine:
//   flock /tmp/entente-cpu.lock npm run bench:cold-start
// BENCH_REPOSITORY (default: this checkout) and BENCH_REF (default: main; any branch or commit) say
// what is cloned; BENCH_CACHES=warm (or empty) runs one of the two; BENCH_KEEP=1 keeps the clones
// and their logs (install.log, start-1.log, start-2.log).
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = process.env.BENCH_REPOSITORY ?? dirname(dirname(fileURLToPath(import.meta.url)));
const REF = process.env.BENCH_REF ?? 'main';
const CACHES = (process.env.BENCH_CACHES ?? 'warm,empty').split(',');
const KEEP = process.env.BENCH_KEEP === '1';
/** Longer than any start worth measuring: past it the run is reported as failed. */
const START_TIMEOUT_MS = 300_000;

/** Seconds with one decimal; '-' for a phase the run did not print (an older build says no 'build: '). */
const seconds = (ms) => (ms === undefined ? '-' : +(ms / 1000).toFixed(1));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Runs `npm <args>` in `cwd`, its output to `log`, and remembers when each line arrived (ms since
 * the command began), so the phases of a start can be read from what it prints.
 */
function npm(args, { cwd, env, log }) {
  const started = performance.now();
  // Its own process group, so that stopping it stops the build and the server npm started.
  const child = spawn('npm', args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(log);
  const lines = [];
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.on('data', (chunk) => {
      out.write(chunk);
      pending += chunk;
      const complete = pending.split('\n');
      pending = complete.pop();
      for (const text of complete) lines.push({ at: performance.now() - started, text });
    });
  }
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return {
    started,
    lines,
    exited,
    stop: async () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      await exited;
      out.end();
    },
  };
}

async function install(clone, env) {
  const run = npm(['install'], { cwd: clone, env, log: join(clone, 'install.log') });
  const code = await run.exited;
  if (code !== 0) throw new Error(`npm install failed (${code}): see ${clone}/install.log`);
  return {
    ms: performance.now() - run.started,
    engineWarnings: run.lines.filter((line) => line.text.includes('EBADENGINE')).length,
    warnings: run.lines.filter((line) => /npm warn/i.test(line.text)).map((line) => line.text),
  };
}

/** `npm start` until GET / answers 200; the times at which it finished building and creating the demo. */
async function startUntilFirstPage(clone, env, log) {
  const port = await freePort();
  const run = npm(['start'], { cwd: clone, env: { ...env, PORT: String(port), LOG_LEVEL: 'warn' }, log: join(clone, log) });
  let stopped = false;
  run.exited.then(() => (stopped = true));
  try {
    while (!(await fetch(`http://127.0.0.1:${port}/`).then((answer) => answer.status === 200).catch(() => false))) {
      if (stopped) throw new Error(`npm start stopped before its first page: see ${clone}/${log}`);
      if (performance.now() - run.started > START_TIMEOUT_MS) throw new Error(`no first page after ${START_TIMEOUT_MS / 1000} s: see ${clone}/${log}`);
      await sleep(50);
    }
    const firstPage = performance.now() - run.started;
    const lastLineWith = (text) => run.lines.findLast((line) => line.text.includes(text))?.at;
    return { firstPage, built: lastLineWith('build: '), demo: lastLineWith('démonstration « ') };
  } finally {
    await run.stop();
  }
}

/**
 * The environment of a newcomer's shell: none of the npm_* variables `npm run` sets for this script
 * (they name this checkout as the project), and no database, data folder or port of our own, so
 * that the clone starts on PGlite in its ./data. An empty npm cache when one is given.
 */
function newcomersEnvironment(npmCache) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'PUBLIC_URL']) delete env[name];
  if (npmCache) env.npm_config_cache = npmCache;
  return env;
}

const rows = [];
for (const cache of CACHES) {
  const clone = mkdtempSync(join(tmpdir(), `entente-cold-start-${cache}-`));
  const emptyCache = cache === 'empty' ? mkdtempSync(join(tmpdir(), 'entente-npm-cache-')) : undefined;
  const env = newcomersEnvironment(emptyCache);
  try {
    execFileSync('git', ['clone', '--quiet', REPOSITORY, clone], { stdio: 'inherit' });
    execFileSync('git', ['checkout', '--quiet', REF], { cwd: clone, stdio: 'inherit' });
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: clone, encoding: 'utf8' }).trim();
    console.log(`${cache} npm cache: ${REF} (${commit}) cloned into ${clone}`);
    const installed = await install(clone, env);
    console.log(`  npm install ${seconds(installed.ms)} s, ${installed.engineWarnings} engine warnings`);
    for (const warning of installed.warnings) console.log(`    ${warning}`);
    const first = await startUntilFirstPage(clone, env, 'start-1.log');
    console.log(`  npm start: built at ${seconds(first.built)} s, demo at ${seconds(first.demo)} s, first page at ${seconds(first.firstPage)} s`);
    const second = await startUntilFirstPage(clone, env, 'start-2.log');
    console.log(`  second npm start (nothing changed): first page at ${seconds(second.firstPage)} s`);
    rows.push({
      'npm cache': cache,
      commit,
      'install s': seconds(installed.ms),
      'EBADENGINE': installed.engineWarnings,
      'start: built s': seconds(first.built),
      'start: demo s': seconds(first.demo),
      'start: first page s': seconds(first.firstPage),
      'install + start s': seconds(installed.ms + first.firstPage),
      'second start s': seconds(second.firstPage),
    });
  } finally {
    if (!KEEP) rmSync(clone, { recursive: true, force: true });
    if (emptyCache) rmSync(emptyCache, { recursive: true, force: true });
  }
}
console.table(rows);
