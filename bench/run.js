// npm run bench: load from this process (autocannon) against the server in a child process, on
// PGlite and on PostgreSQL. Figures, not assertions: see bench/README.md.
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
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

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** A first, unmeasured run lets V8 compile the hot paths (PGlite's WebAssembly too) before measuring. */
async function load(title, options) {
  await run({ ...options, duration: WARM_UP_SECONDS });
  return run({ ...options, duration: DURATION, title });
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
});

async function measure(label, env) {
  const { child, info } = await startServer(env);
  const auth = { cookie: info.cookie, 'x-csrf-token': info.csrfToken };
  const pageOptions = { url: info.address + info.pagePath, headers: { cookie: info.cookie } };
  const page = LOADS.includes('page') ? await load(`${label} GET body page`, pageOptions) : NOT_RUN;
  const pageTail = [];
  if (LOADS.includes('page')) {
    for (const connections of PAGE_CONNECTIONS) pageTail.push({ connections, ...summary(await load(`${label} GET body page, ${connections} connections`, { ...pageOptions, connections })) });
  }
  const half = Math.floor(info.personIds.length / 2);
  const seats = LOADS.includes('seat');
  const bare = seats ? await load(`${label} bare INSERT`, { url: info.address, requests: seatRequests({ ...info, personIds: info.personIds.slice(half) }, '/bench/bare-seat', {}) }) : NOT_RUN;
  const post = seats ? await load(`${label} POST body member`, { url: info.address, requests: seatRequests({ ...info, personIds: info.personIds.slice(0, half) }, info.postPath, auth) }) : NOT_RUN;
  const stances = LOADS.includes('stance');
  const bareStance = stances ? await load(`${label} bare stance upsert`, { url: info.address, requests: stanceRequests(info, '/bench/bare-stance', false) }) : NOT_RUN;
  const stance = stances ? await load(`${label} POST stance`, { url: info.address, requests: stanceRequests(info, info.stancePath, true) }) : NOT_RUN;
  child.send('journal-count');
  const { journalEntries } = await new Promise((resolve) => child.once('message', resolve));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send('stop');
  await exited;
  const row = { database: info.kind, pageTail, getPage: summary(page), bareInsert: summary(bare), postMember: summary(post), bareStance: summary(bareStance), stance: summary(stance), journalEntries };
  row.postVsBare = `${Math.round((100 * row.postMember.rps) / row.bareInsert.rps)} %`;
  row.stanceVsBare = `${Math.round((100 * row.stance.rps) / row.bareStance.rps)} %`;
  return row;
}

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
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const rows = [];
if (DATABASES.includes('pglite')) rows.push(await measure('pglite', {}));
const postgresRow = DATABASES.includes('postgres') ? await withFreshPostgres((url) => measure('postgres', { BENCH_DATABASE_URL: url })) : undefined;
if (postgresRow) rows.push(postgresRow);
for (const [path, failure] of failures) console.log(`first failure on ${path}: ${failure}`);
console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, Node ${process.version}`);
console.table(
  rows.map((r) => ({
    database: r.database,
    'GET body req/s': r.getPage.rps,
    'GET p99 ms': r.getPage.p99,
    'bare INSERT req/s': r.bareInsert.rps,
    'bare p99 ms': r.bareInsert.p99,
    'POST member req/s': r.postMember.rps,
    'POST p99 ms': r.postMember.p99,
    'POST / bare': r.postVsBare,
    errors: r.getPage.errors + r.bareInsert.errors + r.postMember.errors,
  })),
);
console.table(
  rows.flatMap((r) =>
    r.pageTail.map((t) => ({
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
console.table(
  rows.map((r) => ({
    database: r.database,
    'bare stance req/s': r.bareStance.rps,
    'bare p99 ms': r.bareStance.p99,
    'POST stance req/s': r.stance.rps,
    'POST stance p99 ms': r.stance.p99,
    'stance / bare': r.stanceVsBare,
    errors: r.bareStance.errors + r.stance.errors,
  })),
);
