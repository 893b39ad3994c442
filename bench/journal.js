// npm run bench:journal: how fast `entente journal verify` walks a chain (issue 6: at least
// 200,000 entries per second). Builds one partnership's chain of BENCH_ENTRIES entries the way
// the server does (pending entries, then the sealer), then times the verification alone, on
// PGlite (in memory) and on PostgreSQL (a fresh database on BENCH_DATABASE_URL, dropped after).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { sealAllPending } from '../dist/server/journal/journal-store.js';
import { verifyJournal } from '../dist/server/journal/verify.js';
import { createPartnership } from '../dist/server/services/partnerships.js';
import { migrateToLatest } from '../dist/server/store/migrate.js';
import { onFreshDatabase } from './fresh-database.js';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 200_000);
const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');

async function measure(store) {
  await migrateToLatest(store.db);
  const { partnershipId, adminPersonId } = await createPartnership(store.db, { name: `Bench ${randomUUID()}`, admin: { fullName: 'Admin', email: `admin-${randomUUID()}@example.org` } }, new Date());
  // Payloads shaped like a stance's: ids and values, as acts write them.
  await sql`insert into journal_pending (partnership_id, recorded_at, actor_id, kind, payload)
    select ${partnershipId}::uuid, now(), ${adminPersonId}::uuid, 'stance.taken',
           jsonb_build_object('proposalId', gen_random_uuid(), 'bodyId', gen_random_uuid(), 'round', 1, 'memberId', gen_random_uuid(), 'postedBy', gen_random_uuid(), 'stance', 'consent')
      from generate_series(1, ${ENTRIES})`.execute(store.db);
  const sealStart = performance.now();
  await sealAllPending(store.db);
  const sealSeconds = (performance.now() - sealStart) / 1000;
  // Statistics as autovacuum keeps them on a live database; right after a bulk insert the planner
  // would guess a handful of rows and sort the chain on disk instead of reading it in order.
  await sql`analyze journal_entry`.execute(store.db);
  const start = performance.now();
  const outcome = await verifyJournal(store.db, { partnershipId });
  const seconds = (performance.now() - start) / 1000;
  if (!outcome.ok) throw new Error(`the chain does not verify: ${JSON.stringify(outcome)}`);
  return { entries: outcome.count, 'verify s': seconds.toFixed(2), 'entries/s': Math.round(outcome.count / seconds), 'seal entries/s': Math.round(outcome.count / sealSeconds) };
}

const rows = [];
for (const database of ['pglite', 'postgres'].filter((kind) => DATABASES.includes(kind))) {
  rows.push({ database, ...(await onFreshDatabase(database, measure)) });
}
console.log(`Journal verification, ${ENTRIES} entries, Node ${process.version}`);
console.table(rows);
