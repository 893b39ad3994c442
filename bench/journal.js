// npm run bench:journal: how fast `entente journal verify` walks a chain (issue 6: at least
// 200,000 entries per second), beside the bare pass that only recomputes the hashes in order
// (issue 22: verification at 60 % of its rate at least), then proves the rows against it (issue
// 14). Builds one partnership's chain of BENCH_ENTRIES stances (a thousand members, one proposal,
// as many rounds as it takes) with their rows, the way the server does (pending entries, then the
// sealer), then times each check alone, on PGlite (in memory) and on PostgreSQL (a fresh database on
// BENCH_DATABASE_URL, dropped after).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { charterContentHash } from '../dist/server/charters/rules/content.js';
import { GENESIS_HASH, textHash } from '../dist/server/journal/chain.js';
import { sealAllPending } from '../dist/server/journal/journal-store.js';
import { checkStateAgainstJournal } from '../dist/server/journal/state-proof.js';
import { verifyJournal } from '../dist/server/journal/verify.js';
import { createPartnership } from '../dist/server/partnerships/acts.js';
import { migrateToLatest } from '../dist/server/common/database/migrate.js';
import { onFreshDatabase } from './fresh-database.js';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 200_000);
const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');

async function measure(store) {
  await migrateToLatest(store.db);
  const { partnershipId, adminPersonId } = await createPartnership(store.db, { name: `Bench ${randomUUID()}`, admin: { fullName: 'Admin', email: `admin-${randomUUID()}@example.org` } }, new Date());
  await partnershipOfStances(store.db, partnershipId, adminPersonId);
  const sealStart = performance.now();
  await sealAllPending(store.db);
  const sealSeconds = (performance.now() - sealStart) / 1000;
  // Statistics as autovacuum keeps them on a live database; right after a bulk insert the planner
  // would guess a handful of rows and sort the chain on disk instead of reading it in order.
  await sql`analyze journal_entry`.execute(store.db);
  // The bare pass and verification, each twice and alternately, each at its best: neither gains
  // from a cache the other warmed, and a burst of other work on a shared machine spoils one run only.
  let seconds = Infinity;
  let bareSeconds = Infinity;
  let outcome;
  for (let turn = 0; turn < 2; turn += 1) {
    const bareStart = performance.now();
    await barePass(store.db, partnershipId);
    bareSeconds = Math.min(bareSeconds, (performance.now() - bareStart) / 1000);
    const start = performance.now();
    outcome = await verifyJournal(store.db, { partnershipId });
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
    if (!outcome.ok) throw new Error(`the chain does not verify: ${JSON.stringify(outcome)}`);
  }
  const proofStart = performance.now();
  const disagreements = await store.db.transaction().setIsolationLevel('repeatable read').execute((trx) => checkStateAgainstJournal(trx, partnershipId));
  const proofSeconds = (performance.now() - proofStart) / 1000;
  if (disagreements.length > 0) throw new Error(`the rows disagree with the journal: ${JSON.stringify(disagreements.slice(0, 3))}`);
  const entries = outcome.chains[0].entries;
  return {
    entries,
    'verify s': seconds.toFixed(2),
    'entries/s': Math.round(entries / seconds),
    'bare s': bareSeconds.toFixed(2),
    'bare entries/s': Math.round(entries / bareSeconds),
    'verify / bare': `${Math.round((100 * bareSeconds) / seconds)} %`,
    'seal entries/s': Math.round(entries / sealSeconds),
    'rows proven s': proofSeconds.toFixed(2),
    'proven entries/s': Math.round(entries / proofSeconds),
  };
}

/**
 * The physical limit of verification as designed: the database reads the chain in order and
 * recomputes each entry's hash from its stored text and the previous hash, and nothing else (no
 * place in the sequence, no partnership or time named by the text, no head). Read into Node and
 * hashed there instead, the same pass is slower (bench/README.md, 2026-12-06).
 */
async function barePass(db, partnershipId) {
  const { rows } = await sql`
    select seq from (
      select seq, prev_hash <> coalesce(lag(hash) over chain, ${GENESIS_HASH})
               or hash <> encode(sha256(convert_to(prev_hash || E'\n' || seq || E'\n' || body, 'UTF8')), 'hex') as broken
        from journal_entry where partnership_id = ${partnershipId}
      window chain as (order by seq)
    ) entries
    where broken order by seq limit 1`.execute(db);
  if (rows.length > 0) throw new Error(`the bare pass finds a break at ${rows[0].seq}`);
}

/**
 * The rows and entries of a thousand members taking stances round after round on one proposal,
 * written in SQL as acts would have written them (ids and values in the entries, the words'
 * fingerprints), so the rows agree with the journal.
 */
async function partnershipOfStances(db, partnershipId, adminPersonId) {
  const MEMBERS = 1000;
  const rounds = Math.ceil(ENTRIES / MEMBERS);
  const bodyId = randomUUID();
  const charterId = randomUUID();
  const versionId = randomUUID();
  const proposalId = randomUUID();
  const content = { title: 'Charte', articles: [], rules: {} };
  const entry = (kind, payload) => sql`insert into journal_pending (partnership_id, recorded_at, actor_id, kind, payload) values (${partnershipId}, now(), ${adminPersonId}, ${kind}, ${JSON.stringify(payload)}::jsonb)`;
  await sql`insert into person (id, partnership_id, full_name) select gen_random_uuid(), ${partnershipId}, 'Membre ' || n from generate_series(1, ${MEMBERS}) n`.execute(db);
  await sql`insert into journal_pending (partnership_id, recorded_at, actor_id, kind, payload)
    select ${partnershipId}, now(), ${adminPersonId}, 'person.created', jsonb_build_object('personId', id, 'isPartnershipAdmin', false)
      from person where partnership_id = ${partnershipId} and id <> ${adminPersonId}`.execute(db);
  await sql`insert into body (id, partnership_id, name, kind) values (${bodyId}, ${partnershipId}, 'Plénière', 'plenary')`.execute(db);
  await sql`insert into charter (id, partnership_id, kind) values (${charterId}, ${partnershipId}, 'partnership')`.execute(db);
  await sql`insert into charter_version (id, charter_id, number, status, title, articles, rules, content_hash)
    values (${versionId}, ${charterId}, 1, 'draft', ${content.title}, '[]'::jsonb, '{}'::jsonb, ${charterContentHash(content)})`.execute(db);
  await sql`insert into proposal (id, partnership_id, charter_version_id, level, wording, participation_level, initiator_id, facilitator_id, body_id, rule, stage, phase, round, status)
    values (${proposalId}, ${partnershipId}, ${versionId}, 'operational', 'Une proposition', 'participation', ${adminPersonId}, ${adminPersonId}, ${bodyId}, '{}'::jsonb, 'decision', 'consent', ${rounds}, 'open')`.execute(db);
  await entry('proposal.created', { proposalId, charterVersionId: versionId, bodyId, amendsVersionId: null, wordingHash: textHash('Une proposition'), contextHash: textHash('') }).execute(db);
  await sql`insert into stance (id, proposal_id, body_id, round, member_id, posted_by, stance, reason, idempotency_key, updated_at)
    select gen_random_uuid(), ${proposalId}, ${bodyId}, round, p.id, p.id, 'consent', '', gen_random_uuid()::text, now()
      from generate_series(1, ${rounds}) round cross join (select id from person where partnership_id = ${partnershipId} and id <> ${adminPersonId}) p`.execute(db);
  await sql`insert into journal_pending (partnership_id, recorded_at, actor_id, kind, payload)
    select ${partnershipId}, now(), member_id, 'stance.taken',
           jsonb_build_object('proposalId', proposal_id, 'bodyId', body_id, 'round', round, 'memberId', member_id, 'postedBy', posted_by, 'stance', stance, 'reasonHash', ${textHash('')}::text)
      from stance where proposal_id = ${proposalId} order by round, member_id`.execute(db);
}

const rows = [];
for (const database of ['pglite', 'postgres'].filter((kind) => DATABASES.includes(kind))) {
  rows.push({ database, ...(await onFreshDatabase(database, measure)) });
}
console.log(`Journal verification, ${ENTRIES} entries, Node ${process.version}`);
console.table(rows);
