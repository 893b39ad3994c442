// The server under load, in its own process: the real app plus one bare route doing the same
// single INSERT as "add a body member", with no session, permission, validation or journal.
import { randomUUID } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../dist/server/server/app.js';
import { createAccountWithPassword, openSession } from '../dist/server/accounts/acts.js';
import { DECISION_LEVELS, emptyRules } from '../dist/server/charters/rules/types.js';
import { importCharter, recordAdoption, saveDraft } from '../dist/server/charters/acts.js';
import { versionDetail } from '../dist/server/charters/queries.js';
import { advancePhase, createProposal } from '../dist/server/decisions/acts.js';
import { createPartnership } from '../dist/server/partnerships/acts.js';
import { openStore } from '../dist/server/common/database/database.js';
import { migrateToLatest } from '../dist/server/common/database/migrate.js';
import { PhaseRecorder } from './phases.js';

// Each seat load seats people of its own half, one a request: at 4,700 seats a second for 13 s
// (warm-up and measure), the bare route needs 61,000, more than half of 120,000 (2026-12-07), and a
// seat refused in a millisecond flatters its route.
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 200000);
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
/** Connections of the server's pool on PostgreSQL (`BENCH_POOL_SIZE`), the app's default unless told. */
const poolSize = process.env.BENCH_POOL_SIZE ? Number(process.env.BENCH_POOL_SIZE) : undefined;
const store = await openStore(databaseUrl ? { databaseUrl, poolSize } : { dataDir: mkdtempSync(join(tmpdir(), 'entente-bench-')) });
await migrateToLatest(store.db);

const now = new Date();
const accountId = await createAccountWithPassword(store.db, `bench-${randomUUID()}@example.org`, 'bench password 123');
const { partnershipId, adminPersonId } = await createPartnership(
  store.db,
  { name: `Bench ${randomUUID()}`, admin: { fullName: 'Bench Admin', email: `admin-${randomUUID()}@example.org`, accountId } },
  now,
);
const organizationId = randomUUID();
await store.db.insertInto('organization').values({ id: organizationId, partnership_id: partnershipId, name: 'Maison', kind: 'association', contact_email: null, contact_phone: null, address: null }).execute();

const body = (name, delegates) => ({
  id: randomUUID(),
  partnership_id: partnershipId,
  parent_body_id: null,
  name,
  kind: 'steering',
  purpose: '',
  delegates_per_organization: delegates,
  min_referents_per_organization: null,
  min_size: null,
  max_size: null,
});
const pageBody = body('Comité de pilotage', 4);
const postBody = body('Assemblée', null);
const bareBody = body('Assemblée nue', null);
await store.db.insertInto('body').values([pageBody, postBody, bareBody]).execute();

// People in batches: those seated on the page body, then one fresh person per POST.
const personIds = [];
for (let start = 0; start < PEOPLE; start += 1000) {
  const batch = Array.from({ length: Math.min(1000, PEOPLE - start) }, (_, i) => ({
    id: randomUUID(),
    partnership_id: partnershipId,
    account_id: null,
    full_name: `Personne ${start + i}`,
    email: null,
    phone: null,
  }));
  await store.db.insertInto('person').values(batch).execute();
  await store.db
    .insertInto('membership')
    .values(batch.map((p) => ({ id: randomUUID(), person_id: p.id, organization_id: organizationId, kind: 'volunteer' })))
    .execute();
  personIds.push(...batch.map((p) => p.id));
}
const seated = personIds.splice(0, 12);
await store.db
  .insertInto('body_member')
  .values(seated.map((personId) => ({ id: randomUUID(), body_id: pageBody.id, person_id: personId, organization_id: organizationId, capacity: 'delegate', mandate_source: 'board', starts_on: '2025-09-01', ends_on: null })))
  .execute();
// A circle of STANCE_MEMBERS people, each with a session, deciding by consent under a charter in
// force: each stance POST comes from the next member, as at a round table.
const STANCE_MEMBERS = Number(process.env.BENCH_STANCE_MEMBERS ?? 200);
const circle = { ...body('Cercle', null), kind: 'circle' };
await store.db.insertInto('body').values(circle).execute();
const circleMembers = personIds.splice(0, STANCE_MEMBERS);
await store.db
  .insertInto('body_member')
  .values(circleMembers.map((personId) => ({ id: randomUUID(), body_id: circle.id, person_id: personId, organization_id: organizationId, capacity: 'member', mandate_source: 'self', starts_on: '2025-09-01', ends_on: null })))
  .execute();
const stanceSessions = [];
for (const personId of circleMembers) {
  const memberAccount = randomUUID();
  await store.db.insertInto('account').values({ id: memberAccount, email: `member-${memberAccount}@example.org`, password_hash: null, locale: null }).execute();
  await store.db.updateTable('person').set({ account_id: memberAccount }).where('id', '=', personId).execute();
  const memberSession = await openSession(store.db, memberAccount, now);
  stanceSessions.push({ cookie: `entente_session=${memberSession.token}`, csrfToken: memberSession.csrfToken });
}
const adminCtx = { db: store.db, partnershipId, now, viewer: { personId: adminPersonId, isPartnershipAdmin: true, adminOfOrganizations: new Set(), memberOfBodies: new Set() } };
const rules = {
  ...emptyRules(),
  bodyIds: [circle.id],
  decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId: circle.id, method: 'consent', quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' }, informBodyIds: [] })),
};
const charter = await importCharter(adminCtx, {
  format: 'entente-charter',
  formatVersion: 1,
  kind: 'partnership',
  content: { title: 'Charte du cercle', articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }], rules },
});
const { contentHash } = await saveDraft(adminCtx, charter.id, charter.versionId, (await versionDetail(store.db, adminCtx.viewer, partnershipId, charter.id, charter.versionId)).content);
await recordAdoption(adminCtx, charter.id, charter.versionId, { bodyId: circle.id, adoptedOn: '2026-01-01', contentHash });
const newProposal = async () => {
  const { id } = await createProposal(adminCtx, { level: 'operational', topic: '', wording: 'Se réunir le jeudi', context: '', participationLevel: 'participation' });
  for (let step = 0; step < 3; step += 1) await advancePhase(adminCtx, id);
  return id;
};
const stanceProposal = await newProposal();
const bareProposal = await newProposal();
await sql`analyze`.execute(store.db);

const session = await openSession(store.db, accountId, now);
const app = await buildApp(store, { publicUrl: 'http://localhost', signInAttemptsPerMinute: 10, secureCookies: false, logger: false });
const phases = new PhaseRecorder();
phases.attach(app);
phases.watchPostgres(store);
subscribe('entente:act-follow-up', (timing) => phases.noteFollowUp(timing));
app.post('/bench/bare-seat', async (request, reply) => {
  const { personId } = request.body;
  await store.db
    .insertInto('body_member')
    .values({ id: randomUUID(), body_id: bareBody.id, person_id: personId, organization_id: organizationId, capacity: 'delegate', mandate_source: 'board', starts_on: '2026-01-01', ends_on: null })
    .execute();
  return reply.status(201).send({ ok: true });
});
// The same upsert as a stance, with no session, validation, membership check or journal.
app.post('/bench/bare-stance', async (request, reply) => {
  const { memberId } = request.body;
  await sql`insert into stance (id, proposal_id, body_id, round, member_id, posted_by, stance, reason, idempotency_key, updated_at)
    values (${randomUUID()}, ${bareProposal}, ${circle.id}, 1, ${memberId}, ${memberId}, 'consent', '', ${randomUUID()}, now())
    on conflict (proposal_id, body_id, round, member_id) do update
      set stance = excluded.stance, reason = excluded.reason, posted_by = excluded.posted_by, idempotency_key = excluded.idempotency_key, updated_at = excluded.updated_at
      where stance.idempotency_key <> excluded.idempotency_key`.execute(store.db);
  return reply.status(200).send({ ok: true });
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });

process.send({
  address,
  kind: store.kind,
  cookie: `entente_session=${session.token}`,
  csrfToken: session.csrfToken,
  pagePath: `/api/v1/partnerships/${partnershipId}/bodies/${pageBody.id}`,
  postPath: `/api/v1/partnerships/${partnershipId}/bodies/${postBody.id}/members`,
  organizationId,
  personIds,
  stancePath: `/api/v1/partnerships/${partnershipId}/proposals/${stanceProposal}/stances`,
  stanceSessions,
  circleMembers,
});

process.on('message', async (message) => {
  if (message === 'phases-start') {
    await phases.start();
    process.send({ started: true });
  }
  if (message === 'phases-stop') process.send({ phases: await phases.stop() });
  if (message === 'journal-count') {
    const row = await store.db.selectFrom('journal_entry').select((eb) => eb.fn.countAll().as('n')).where('partnership_id', '=', partnershipId).executeTakeFirst();
    process.send({ journalEntries: Number(row.n) });
  }
  if (message === 'stop') {
    await app.close();
    await store.close();
    process.exit(0);
  }
});
