// The server under load, in its own process: the real app plus one bare route doing the same
// single INSERT as "add a body member", with no session, permission, validation or journal.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../dist/server/server/app.js';
import { createAccountWithPassword, openSession } from '../dist/server/services/accounts.js';
import { createPartnership } from '../dist/server/services/partnerships.js';
import { openStore } from '../dist/server/store/database.js';
import { migrateToLatest } from '../dist/server/store/migrate.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 120000);
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const store = await openStore(databaseUrl ? { databaseUrl, poolSize: 20 } : { dataDir: mkdtempSync(join(tmpdir(), 'entente-bench-')) });
await migrateToLatest(store.db);

const now = new Date();
const accountId = await createAccountWithPassword(store.db, `bench-${randomUUID()}@example.org`, 'bench password 123');
const { partnershipId } = await createPartnership(
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
await sql`analyze`.execute(store.db);

const session = await openSession(store.db, accountId, now);
const app = await buildApp(store, { publicUrl: 'http://localhost', signInAttemptsPerMinute: 10, secureCookies: false, logger: false });
app.post('/bench/bare-seat', async (request, reply) => {
  const { personId } = request.body;
  await store.db
    .insertInto('body_member')
    .values({ id: randomUUID(), body_id: bareBody.id, person_id: personId, organization_id: organizationId, capacity: 'delegate', mandate_source: 'board', starts_on: '2026-01-01', ends_on: null })
    .execute();
  return reply.status(201).send({ ok: true });
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
});

process.on('message', async (message) => {
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
