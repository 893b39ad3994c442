// npm run bench:scale: the pages of a large partnership (issue 6: with 10,000 people and 100,000
// decisions, p95 of the list and detail endpoints under 50 ms, and as many SQL queries per request
// as in a small one). Each size is built in a fresh database: the structure and one decided
// proposal through the real acts, then the mass copied in SQL. Requests go one at a time over
// HTTP to the real server, as the administrator (the things to do as a member of the body); the
// queries of each are counted by a Kysely plugin. BENCH_SIZES=people:decisions,… and BENCH_DATABASES=pglite,postgres choose what runs.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { buildApp } from '../dist/server/server/app.js';
import { createAccountWithPassword, openSession } from '../dist/server/accounts/acts.js';
import { DECISION_LEVELS, emptyRules } from '../dist/server/charters/rules/types.js';
import { importCharter, recordAdoption, saveDraft } from '../dist/server/charters/acts.js';
import { versionDetail } from '../dist/server/charters/queries.js';
import { advancePhase, closeRound, createProposal, takeStance } from '../dist/server/decisions/acts.js';
import { createPartnership } from '../dist/server/partnerships/acts.js';
import { migrateToLatest } from '../dist/server/common/database/migrate.js';
import { onFreshDatabase } from './fresh-database.js';

const SIZES = (process.env.BENCH_SIZES ?? '100:1000,10000:100000').split(',').map((size) => size.split(':').map(Number));
const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const ORGANIZATIONS = 20;
const SEATED = 12;

/** Counts the statements that reach the database, from the query builder or raw SQL, as their results come back: Kysely also shows a plugin the subqueries it composes. */
class QueryCounter {
  count = 0;
  transformQuery(args) {
    return args.node;
  }
  async transformResult(args) {
    this.count += 1;
    return args.result;
  }
}

async function furnish(store, people, decisions) {
  await migrateToLatest(store.db);
  const now = new Date();
  const password = 'bench password 123';
  const email = `bench-${randomUUID()}@example.org`;
  const accountId = await createAccountWithPassword(store.db, email, password);
  const { partnershipId, adminPersonId } = await createPartnership(store.db, { name: 'Grand partenariat', admin: { fullName: 'Admin', email, accountId } }, now);
  await sql`insert into organization (id, partnership_id, name, kind)
    select gen_random_uuid(), ${partnershipId}, 'Maison ' || n, 'association' from generate_series(1, ${ORGANIZATIONS}) n`.execute(store.db);
  await sql`insert into person (id, partnership_id, full_name, email)
    select gen_random_uuid(), ${partnershipId}, 'Personne ' || n, 'personne' || n || '@example.org' from generate_series(1, ${people - 1}) n`.execute(store.db);
  await sql`insert into membership (id, person_id, organization_id, kind)
    select gen_random_uuid(), p.id, (select id from organization where partnership_id = ${partnershipId} order by name offset (abs(hashtext(p.id::text)) % ${ORGANIZATIONS}) limit 1), 'volunteer'
      from person p where p.partnership_id = ${partnershipId} and p.id <> ${adminPersonId}`.execute(store.db);
  const bodyId = randomUUID();
  await store.db.insertInto('body').values({ id: bodyId, partnership_id: partnershipId, parent_body_id: null, name: 'Comité de pilotage', kind: 'steering', purpose: '', delegates_per_organization: null, min_referents_per_organization: null, min_size: null, max_size: null }).execute();
  const seated = await sql`insert into body_member (id, body_id, person_id, organization_id, capacity, mandate_source, starts_on)
    select gen_random_uuid(), ${bodyId}, p.id, null, 'member', 'self', '2025-09-01'
      from person p where p.partnership_id = ${partnershipId} and p.id <> ${adminPersonId} order by p.full_name limit ${SEATED} returning person_id`.execute(store.db);
  const ctx = (personId, isPartnershipAdmin = false) => ({ db: store.db, partnershipId, now, viewer: { personId, isPartnershipAdmin, adminOfOrganizations: new Set(), memberOfBodies: new Set([bodyId]) } });
  const admin = ctx(adminPersonId, true);
  const rules = {
    ...emptyRules(),
    bodyIds: [bodyId],
    decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId, method: 'consent', quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' }, informBodyIds: [] })),
  };
  const charter = await importCharter(admin, { format: 'entente-charter', formatVersion: 1, kind: 'partnership', content: { title: 'Charte', articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }], rules } });
  const { contentHash } = await saveDraft(admin, charter.id, charter.versionId, (await versionDetail(store.db, admin.viewer, partnershipId, charter.id, charter.versionId)).content);
  await recordAdoption(admin, charter.id, charter.versionId, { bodyId, adoptedOn: '2026-01-01', contentHash });
  // One proposal decided through the acts, with a reservation heard: the model for the others.
  const { id: modelId } = await createProposal(admin, { level: 'operational', topic: '', wording: 'Décision modèle', context: '', participationLevel: 'participation' });
  for (let step = 0; step < 3; step += 1) await advancePhase(admin, modelId);
  for (const [index, { person_id }] of seated.rows.entries()) {
    await takeStance(ctx(person_id), modelId, index === 0 ? { stance: 'object', reason: 'Trop tôt', idempotencyKey: randomUUID() } : { stance: 'consent', reason: '', idempotencyKey: randomUUID() });
  }
  await closeRound(admin, modelId, { statement: 'Amendée.' });
  await advancePhase(admin, modelId);
  for (const { person_id } of seated.rows) await takeStance(ctx(person_id), modelId, { stance: 'consent', reason: '', idempotencyKey: randomUUID() });
  await closeRound(admin, modelId, { statement: 'Adoptée.' });
  await sql`insert into proposal (id, partnership_id, charter_version_id, level, topic, wording, context, participation_level, initiator_id, facilitator_id, body_id, rule, stage, phase, round, status, outcome_statement, decided_at, created_at)
    select gen_random_uuid(), partnership_id, charter_version_id, level, topic, 'Décision ' || n, context, participation_level, initiator_id, facilitator_id, body_id, rule, stage, phase, round, status, outcome_statement,
           decided_at - make_interval(mins => n), created_at - make_interval(mins => n)
      from proposal, generate_series(1, ${decisions - 1}) n where id = ${modelId}`.execute(store.db);
  await sql`insert into stance (id, proposal_id, body_id, round, member_id, posted_by, stance, reason, idempotency_key, updated_at)
    select gen_random_uuid(), p.id, s.body_id, s.round, s.member_id, s.posted_by, s.stance, s.reason, gen_random_uuid()::text, s.updated_at
      from proposal p, stance s where p.partnership_id = ${partnershipId} and p.id <> ${modelId} and s.proposal_id = ${modelId}`.execute(store.db);
  await sql`analyze`.execute(store.db);
  const person = await sql`select id from person where partnership_id = ${partnershipId} and id <> ${adminPersonId} order by full_name desc limit 1`.execute(store.db);
  const organization = await sql`select o.id from organization o where o.partnership_id = ${partnershipId}
    order by (select count(*) from membership m where m.organization_id = o.id) desc limit 1`.execute(store.db);
  const session = await openSession(store.db, accountId, now);
  // A member of the body, whose things to do (a stance in an open round) are read as theirs.
  const memberId = seated.rows[0].person_id;
  const memberAccountId = await createAccountWithPassword(store.db, `bench-member-${randomUUID()}@example.org`, password);
  await store.db.updateTable('person').set({ account_id: memberAccountId }).where('id', '=', memberId).execute();
  const { id: openId } = await createProposal(admin, { level: 'operational', topic: '', wording: 'Décision en cours', context: '', participationLevel: 'participation' });
  for (let step = 0; step < 3; step += 1) await advancePhase(admin, openId);
  const memberSession = await openSession(store.db, memberAccountId, now);
  return {
    partnershipId, adminPersonId, bodyId, charterId: charter.id, versionId: charter.versionId, proposalId: modelId, personId: person.rows[0].id, organizationId: organization.rows[0].id,
    cookie: `entente_session=${session.token}`, memberCookie: `entente_session=${memberSession.token}`,
  };
}

function endpoints(f) {
  const base = `/api/v1/partnerships/${f.partnershipId}`;
  return [
    ['list', 'people (first 100)', `${base}/people`],
    ['list', 'people (the next 100)', `${base}/people?after=${f.adminPersonId}`],
    ['list', 'people search', `${base}/people?q=${encodeURIComponent('personne 42')}`],
    ['list', 'people of an organization', `${base}/people?organizationId=${f.organizationId}`],
    ['list', 'proposals', `${base}/proposals`],
    ['list', 'decision register', `${base}/bodies/${f.bodyId}/decisions`],
    ['list', 'register search', `${base}/bodies/${f.bodyId}/decisions?q=${encodeURIComponent('Décision 42')}`],
    ['list', 'agreements and disagreements', `${base}/disagreements`],
    ['list', 'agreements search', `${base}/disagreements?q=${encodeURIComponent('Décision 42')}`],
    ['list', 'journal', `${base}/journal`],
    ['list', 'overview', base],
    ['list', 'compliance', `${base}/compliance`],
    ['list', 'to do (a body member)', `${base}/to-do`, f.memberCookie],
    ['detail', 'person', `${base}/people/${f.personId}`],
    ['detail', 'organization', `${base}/organizations/${f.organizationId}`],
    ['detail', 'body', `${base}/bodies/${f.bodyId}`],
    ['detail', 'proposal', `${base}/proposals/${f.proposalId}`],
    ['detail', 'charter version', `${base}/charters/${f.charterId}/versions/${f.versionId}`],
  ];
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(store, people, decisions) {
  const f = await furnish(store, people, decisions);
  const counter = new QueryCounter();
  const app = await buildApp({ ...store, db: store.db.withPlugin(counter) }, { publicUrl: 'http://localhost', signInAttemptsPerMinute: 10, secureCookies: false, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const rows = [];
  try {
    for (const [kind, name, path, cookie = f.cookie] of endpoints(f)) {
      const get = async () => {
        const response = await fetch(`${address}${path}`, { headers: { cookie } });
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        return (await response.arrayBuffer()).byteLength;
      };
      for (let warm = 0; warm < 5; warm += 1) await get();
      // Counted after the viewer cache is warm, as most requests find it.
      counter.count = 0;
      const bytes = await get();
      const queries = counter.count;
      const times = [];
      for (let i = 0; i < REQUESTS; i += 1) {
        const start = performance.now();
        await get();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      rows.push({ kind, endpoint: name, queries, 'kB': Math.round(bytes / 1024), 'p50 ms': percentile(times, 50).toFixed(1), 'p95 ms': percentile(times, 95).toFixed(1) });
    }
  } finally {
    await app.close();
  }
  return rows;
}

const results = {};
for (const database of DATABASES) {
  for (const [people, decisions] of SIZES) {
    const started = performance.now();
    const rows = await onFreshDatabase(database, (store) => measure(store, people, decisions));
    console.log(`\n${database}, ${people} people, ${decisions} decisions (built and measured in ${((performance.now() - started) / 1000).toFixed(0)} s), ${REQUESTS} requests each, one at a time:`);
    console.table(rows);
    results[`${database} ${people}`] = rows;
  }
}
for (const database of DATABASES) {
  const [small, large] = SIZES.map(([people]) => results[`${database} ${people}`]);
  if (!small || !large) continue;
  const changed = small.map((row, i) => [row, large[i]]).filter(([before, after]) => before.queries !== after.queries).map(([before, after]) => `${before.endpoint}: ${before.queries} → ${after.queries}`);
  console.log(`${database}: queries per request ${changed.length === 0 ? 'the same at both sizes' : `change with size: ${changed.join('; ')}`}.`);
}
console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
