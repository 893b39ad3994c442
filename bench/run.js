// npm run bench: load from this process (autocannon) against the server in a child process, on
// PGlite and on PostgreSQL. Figures, not assertions: see bench/README.md.
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createHistogram, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const POSTGRES = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');
/** A folder for a CPU profile of the server (open the .cpuprofile in Chrome's DevTools). */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

function startServer(env) {
  const execArgv = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = fork(new URL('./server.js', import.meta.url), { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (info) => resolve({ child, info }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

/** Which loads to run: `BENCH_LOADS=stance` measures stances alone (page, seat, stance). */
const LOADS = (process.env.BENCH_LOADS ?? 'page,seat,stance').split(',');
/** The figures of a load left out by BENCH_LOADS. */
const NOT_RUN = { requests: { average: 0 }, latency: { p50: 0, p99: 0 }, errors: 0, non2xx: 0 };

const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 3);

/** The body page is also loaded at each of these numbers of connections, for its tail latency (p99 / p50). */
const PAGE_CONNECTIONS = (process.env.BENCH_PAGE_CONNECTIONS ?? '20,50,100').split(',').filter(Boolean).map(Number);

/** Starts a load: autocannon's instance, to follow each answer, and its result once done. */
function start(options) {
  let instance;
  const finished = new Promise((resolve, reject) => {
    instance = autocannon({ connections: CONNECTIONS, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  return { instance, finished };
}

/** Sends the server a message and waits for its answer. */
function ask(child, message) {
  const answer = new Promise((resolve) => child.once('message', resolve));
  child.send(message);
  return answer;
}

/**
 * One load on the same connections: WARM_UP_SECONDS unmeasured (V8 compiles the hot paths,
 * PGlite's WebAssembly too, and every connection is open), then DURATION measured, counting the
 * answers to the requests sent in that window. Node 20's libuv accepts one connection per turn of
 * the event loop (libuv#3696): a server kept busy by the first connections' requests accepts the
 * others over seconds, and their first requests, measured, made the slowest 1 % of a load on PGlite
 * (p99.9 of 3 to 7 s, the bare twins' included, 2026-12-06). The server records each phase of the
 * measured requests (bench/phases.js).
 */
async function load(child, title, options) {
  const latencies = createHistogram();
  let windowStart = Infinity;
  let answered = 0;
  let refused = 0;
  const { instance, finished } = start({ ...options, duration: WARM_UP_SECONDS + DURATION, title });
  instance.on('response', (_client, status, _bytes, responseMs) => {
    if (performance.now() - responseMs < windowStart) return;
    answered += 1;
    if (status < 200 || status >= 300) refused += 1;
    latencies.record(Math.max(1, Math.round(responseMs * 1000)));
  });
  await sleep(WARM_UP_SECONDS * 1000);
  await ask(child, 'phases-start');
  windowStart = performance.now();
  const result = await finished;
  const measuredSeconds = (performance.now() - windowStart) / 1000;
  const { phases } = await ask(child, 'phases-stop');
  const ms = (percentile) => Math.round(latencies.percentile(percentile) / 1000);
  const latency = { p50: ms(50), p97_5: ms(97.5), p99: ms(99), p99_9: ms(99.9), max: Math.round(latencies.max / 1000) };
  console.log(`${title}: latency ms p50 ${latency.p50}, p97.5 ${latency.p97_5}, p99 ${latency.p99}, p99.9 ${latency.p99_9}, max ${latency.max}`);
  return { requests: { average: answered / measuredSeconds }, latency, errors: result.errors, non2xx: refused, phases };
}

const failures = new Map();
/** Keeps the first refusal of each path, to print it: a benchmark of errors measures nothing. */
const recordFailure = (path) => (status, body) => {
  if (status >= 300 && !failures.has(path)) failures.set(path, `${status} ${body}`);
};

/** Each POST seats a different person, as the database allows one open seat per person and body. */
function seatRequests(info, path, headers) {
  let next = 0;
  return [
    {
      onResponse: recordFailure(path),
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', ...headers },
      setupRequest: (request) => ({
        ...request,
        body: JSON.stringify({
          personId: info.personIds[next++ % info.personIds.length],
          organizationId: info.organizationId,
          capacity: 'delegate',
          mandateSource: 'board',
          startsOn: '2026-01-01',
        }),
      }),
    },
  ];
}

/** Each stance comes from the next member of the circle, in their own session, with a fresh idempotency key. */
function stanceRequests(info, path, withSession) {
  let next = 0;
  return [
    {
      onResponse: recordFailure(path),
      method: 'POST',
      path,
      setupRequest: (request) => {
        const index = next++ % info.circleMembers.length;
        const session = info.stanceSessions[index];
        return {
          ...request,
          headers: { 'content-type': 'application/json', ...(withSession ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}) },
          body: JSON.stringify(withSession ? { stance: 'consent', idempotencyKey: randomUUID() } : { memberId: info.circleMembers[index] }),
        };
      },
    },
  ];
}

const summary = (result) => ({
  rps: Math.round(result.requests.average),
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.errors + result.non2xx,
  phases: result.phases,
});

async function measure(label, env) {
  const { child, info } = await startServer(env);
  const auth = { cookie: info.cookie, 'x-csrf-token': info.csrfToken };
  const pageOptions = { url: info.address + info.pagePath, headers: { cookie: info.cookie } };
  const page = LOADS.includes('page') ? await load(child, `${label} GET body page`, pageOptions) : NOT_RUN;
  const pageTail = [];
  if (LOADS.includes('page')) {
    for (const connections of PAGE_CONNECTIONS) pageTail.push({ connections, ...summary(await load(child, `${label} GET body page, ${connections} connections`, { ...pageOptions, connections })) });
  }
  const half = Math.floor(info.personIds.length / 2);
  const seats = LOADS.includes('seat');
  const bare = seats ? await load(child, `${label} bare INSERT`, { url: info.address, requests: seatRequests({ ...info, personIds: info.personIds.slice(half) }, '/bench/bare-seat', {}) }) : NOT_RUN;
  const post = seats ? await load(child, `${label} POST body member`, { url: info.address, requests: seatRequests({ ...info, personIds: info.personIds.slice(0, half) }, info.postPath, auth) }) : NOT_RUN;
  const stances = LOADS.includes('stance');
  const bareStance = stances ? await load(child, `${label} bare stance upsert`, { url: info.address, requests: stanceRequests(info, '/bench/bare-stance', false) }) : NOT_RUN;
  const stance = stances ? await load(child, `${label} POST stance`, { url: info.address, requests: stanceRequests(info, info.stancePath, true) }) : NOT_RUN;
  const { journalEntries } = await ask(child, 'journal-count');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send('stop');
  await exited;
  return { database: info.kind, pageTail, getPage: summary(page), bareInsert: summary(bare), postMember: summary(post), bareStance: summary(bareStance), stance: summary(stance), journalEntries };
}

/** `BENCH_KEEP=1` keeps each PostgreSQL database after its run, to study it (e.g. with pgbench). */
const KEEP_DATABASE = process.env.BENCH_KEEP === '1';

async function withFreshPostgres(work) {
  const name = `entente_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL not reachable at ${POSTGRES}: skipped (set BENCH_DATABASE_URL).`);
    return undefined;
  }
  await admin.query(`create database ${name}`);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    if (KEEP_DATABASE) console.log(`kept database ${name}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Each run starts a fresh server on a fresh database; the ratios below are the runs' median. */
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const rows = [];
for (let run = 1; run <= RUNS; run += 1) {
  if (DATABASES.includes('pglite')) rows.push({ run, ...(await measure('pglite', {})) });
  const postgresRow = DATABASES.includes('postgres') ? await withFreshPostgres((url) => measure('postgres', { BENCH_DATABASE_URL: url })) : undefined;
  if (postgresRow) rows.push({ run, ...postgresRow });
}
for (const [path, failure] of failures) console.log(`first failure on ${path}: ${failure}`);
console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, ${RUNS} run(s), Node ${process.version}`);
if (LOADS.includes('page')) {
  console.table(rows.map((r) => ({ run: r.run, database: r.database, 'GET body req/s': r.getPage.rps, 'GET p99 ms': r.getPage.p99, errors: r.getPage.errors })));
  console.table(
    rows.flatMap((r) =>
      r.pageTail.map((t) => ({
        run: r.run,
        database: r.database,
        'GET body page, connections': t.connections,
        'req/s': t.rps,
        'p50 ms': t.p50,
        'p99 ms': t.p99,
        'p99 / p50': t.p50 ? Math.round((10 * t.p99) / t.p50) / 10 : '—',
        errors: t.errors,
      })),
    ),
  );
}

/** The two writes issue 22 holds to their bare twin: throughput ratio and p99 ratio, per run. */
const PAIRS = [
  ['seat', 'POST body member', 'bareInsert', 'postMember'],
  ['stance', 'POST stance', 'bareStance', 'stance'],
].filter(([loadName]) => LOADS.includes(loadName));
const ratio = (a, b) => (b ? a / b : NaN);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percent = (x) => `${Math.round(100 * x)} %`;
const times = (x) => `${x.toFixed(2)} ×`;
for (const [, title, bareKey, realKey] of PAIRS) {
  console.log(`\n${title} against its bare twin`);
  console.table(
    rows.map((r) => ({
      run: r.run,
      database: r.database,
      'bare req/s': r[bareKey].rps,
      'bare p99 ms': r[bareKey].p99,
      'req/s': r[realKey].rps,
      'p99 ms': r[realKey].p99,
      'req/s / bare': percent(ratio(r[realKey].rps, r[bareKey].rps)),
      'p99 / bare p99': times(ratio(r[realKey].p99, r[bareKey].p99)),
      errors: r[bareKey].errors + r[realKey].errors,
      'journal entries': r.journalEntries,
    })),
  );
  console.table(
    [...new Set(rows.map((r) => r.database))].map((database) => {
      const of = rows.filter((r) => r.database === database);
      return {
        database,
        runs: of.length,
        'median req/s / bare': percent(median(of.map((r) => ratio(r[realKey].rps, r[bareKey].rps)))),
        'median p99 / bare p99': times(median(of.map((r) => ratio(r[realKey].p99, r[bareKey].p99)))),
      };
    }),
  );
}

/** Where the time went, per phase, for each write and its bare twin, with the event loop's delay. */
const round1 = (x) => Math.round(10 * x) / 10;
for (const r of rows) {
  for (const [, title, bareKey, realKey] of PAIRS) {
    for (const [key, name] of [[bareKey, 'bare'], [realKey, title]]) {
      const { phases } = r[key];
      if (!phases) continue;
      const routes = Object.values(phases.routes);
      const loop = phases.eventLoopDelay;
      const pending = phases.pendingUntilSealed;
      const cpu = phases.cpuMsPerRequest;
      console.log(
        `\nrun ${r.run}, ${r.database}, ${name}: phases in ms; event loop late by p50 ${round1(loop.p50)}, p99 ${round1(loop.p99)}, max ${round1(loop.max)}` +
          (pending ? `; entries pending until sealed p50 ${round1(pending.p50)}, p99 ${round1(pending.p99)}, max ${round1(pending.max)}` : '') +
          `; CPU ms per request: server ${cpu.server?.toFixed(2) ?? '—'}, PostgreSQL ${cpu.postgres?.toFixed(2) ?? '—'}`,
      );
      console.table(Object.fromEntries(Object.entries(routes[0] ?? {}).map(([phase, h]) => [phase, { p50: round1(h.p50), p99: round1(h.p99), 'p99.9': round1(h.p999), max: round1(h.max) }])));
    }
  }
}
