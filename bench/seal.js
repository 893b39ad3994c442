// node bench/seal.js: what sealing costs, per seal and per entry, on PostgreSQL (CPU of the server
// process and of the sealing connection's backend, from /proc) and on PGlite (all in the server
// process). Pending entries of a stance's shape are committed in batches of each size, then sealed;
// the batch sizes come back in turn, so that a seal growing slower as the table ages shows (issue 22:
// a seal of one entry went from 1.0 to 3.5 ms of PostgreSQL's CPU before the sealer vacuumed its queue).
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendEntry, sealJournal } from '../dist/server/journal/journal-store.js';
import { sealingLaneOf } from '../dist/server/common/database/database.js';
import { textHash } from '../dist/server/journal/chain.js';
import { createPartnership } from '../dist/server/partnerships/acts.js';
import { migrateToLatest } from '../dist/server/common/database/migrate.js';
import { onFreshDatabase } from './fresh-database.js';
const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');
const BATCHES = [1, 56, 56, 1, 250];
/** CPU milliseconds a process has used, user and system, at /proc's 10 ms resolution. */
const ticks = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
for (const kind of DATABASES) await onFreshDatabase(kind, async (store) => {
  await migrateToLatest(store.db);
  const { partnershipId, adminPersonId } = await createPartnership(store.db, { name: 'Seal', admin: { fullName: 'A', email: `a-${randomUUID()}@example.org` } }, new Date());
  const lane = sealingLaneOf(store.db);
  const pid = store.kind === 'postgres' ? (await sql`select pg_backend_pid() as pid`.execute(lane)).rows[0].pid : undefined;
  for (const size of BATCHES) {
    const rounds = Math.max(20, Math.round(12000 / size));
    let server = 0, db = 0, wall = 0;
    for (let r = 0; r < rounds; r++) {
      await store.db.transaction().execute(async (trx) => { for (let i = 0; i < size; i++) await appendEntry(trx, partnershipId, adminPersonId, { kind: 'stance.taken', payload: { proposalId: randomUUID(), memberId: randomUUID(), postedBy: randomUUID(), stance: 'consent', reasonHash: textHash(''), bodyId: randomUUID(), round: 1 } }, new Date()); });
      const c0 = process.cpuUsage(); const d0 = pid ? ticks(pid) : 0; const w0 = performance.now();
      await sealJournal(store.db, partnershipId);
      wall += performance.now() - w0; const c = process.cpuUsage(c0); server += (c.user + c.system) / 1000; db += pid ? ticks(pid) - d0 : 0;
    }
    const database = (figure) => (pid ? figure : '—');
    console.log(
      store.kind,
      `batch ${size}: per seal server ${(server / rounds).toFixed(2)} ms, PostgreSQL ${database(`${(db / rounds).toFixed(2)} ms`)}, wall ${(wall / rounds).toFixed(2)} ms;`,
      `per entry server ${((1000 * server) / rounds / size).toFixed(0)} µs, PostgreSQL ${database(`${((1000 * db) / rounds / size).toFixed(0)} µs`)}`,
    );
  }
});
