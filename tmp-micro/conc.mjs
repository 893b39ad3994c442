import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { openStore } from '../dist/server/store/database.js';
import { PGliteDialect } from '../dist/server/store/pglite-dialect.js';
import { migrateToLatest } from '../dist/server/store/migrate.js';
import { createPartnership } from '../dist/server/services/partnerships.js';
import { addSeat } from '../dist/server/services/structure-acts.js';

const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'conc-')) });
await migrateToLatest(store.db);
const stats = new Map();
const db = new Kysely({ dialect: new PGliteDialect(store.pglite), log: (e) => { const k = e.query.sql.replace(/\s+/g,' ').slice(0, 50); const s = stats.get(k) ?? { n: 0, ms: 0 }; s.n++; s.ms += e.queryDurationMillis; stats.set(k, s); } });
const now = new Date();
const { partnershipId, adminPersonId } = await createPartnership(db, { name: 'B', admin: { fullName: 'A', email: `a-${randomUUID()}@x.org` } }, now);
const organizationId = randomUUID();
await db.insertInto('organization').values({ id: organizationId, partnership_id: partnershipId, name: 'M', kind: 'association', contact_email: null, contact_phone: null, address: null }).execute();
const b1 = { id: randomUUID(), partnership_id: partnershipId, parent_body_id: null, name: 'x', kind: 'steering', purpose: '', delegates_per_organization: null, min_referents_per_organization: null, min_size: null, max_size: null };
await db.insertInto('body').values([b1]).execute();
const N = 4000;
const people = Array.from({ length: N }, (_, i) => ({ id: randomUUID(), partnership_id: partnershipId, account_id: null, full_name: `P${i}`, email: null, phone: null }));
for (let i = 0; i < N; i += 500) {
  await db.insertInto('person').values(people.slice(i, i + 500)).execute();
  await db.insertInto('membership').values(people.slice(i, i + 500).map((p) => ({ id: randomUUID(), person_id: p.id, organization_id: organizationId, kind: 'volunteer' }))).execute();
}
await sql`analyze`.execute(db);
const ctx = { db, partnershipId, now, viewer: { personId: adminPersonId, isPartnershipAdmin: true, adminOfOrganizations: new Set(), memberOfBodies: new Set() } };
const conc = Number(process.argv[2] ?? 100);
for (const [label, from, to] of [['warm', 0, 1000], ['measured', 1000, 4000]]) {
  stats.clear();
  let next = from;
  const t = performance.now();
  await Promise.all(Array.from({ length: conc }, async () => {
    while (next < to) { const i = next++; await addSeat(ctx, b1.id, { personId: people[i].id, organizationId, capacity: 'delegate', mandateSource: 'board', startsOn: '2026-01-01' }); }
  }));
  console.log(label, 'concurrency', conc, 'ms/act', ((performance.now() - t) / (to - from)).toFixed(3));
}
for (const [k, s] of stats) console.log(s.n, (s.ms / s.n).toFixed(3), k);
await store.close();
