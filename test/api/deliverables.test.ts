import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPartnership, restorePartnership } from '../../src/backup/backup.js';
import { checkStateAgainstJournal, describeDisagreement } from '../../src/journal/state-proof.js';
import { sendDeadlineReminders } from '../../src/participation/digest.js';
import { builder, journalOf, TODAY } from '../support/structure.js';
import { emptyDatabase, newMember, newPartnership, ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

interface Deliverable {
  id: string;
  title: string;
  description: string;
  owner: { id: string; fullName: string } | null;
  dueOn: string | null;
  status: string;
  licenceOutput: boolean;
  publishedUrl: string | null;
  overdue: boolean;
  statuses: string[];
}
interface Page {
  charter: { id: string; title: string; kind: string };
  licence: string;
  publishable: boolean;
  deliverables: Deliverable[];
  outputs: { output: string; state: string; deliverableId: string | null }[];
  can: { manage: boolean };
}

const OUTPUTS = [
  'Articles de retour d’expérience à la fin de chaque étape',
  'Données brutes des enquêtes',
  'Synthèses des enquêtes',
  'Restitutions des ateliers participatifs',
  'Cartographie des acteurs locaux',
];

/** Seed 000: a team of two under its cooperation charter, adopted from the template; Samia belongs to the partnership, not to the team. */
async function team() {
  const f = await newPartnership(t);
  const build = builder(f);
  const house = await build.organization('SolucracY');
  const teamBody = await build.body({ name: 'Équipe projet', kind: 'working_group' });
  const lila = await newMember(t, f, { fullName: 'Lila Moreau', memberships: [{ organizationId: house, kind: 'volunteer' }] });
  const marc = await newMember(t, f, { fullName: 'Marc Petit', memberships: [{ organizationId: house, kind: 'volunteer' }] });
  const samia = await newMember(t, f, { fullName: 'Samia Benali', memberships: [{ organizationId: house, kind: 'volunteer' }] });
  await build.seat(teamBody, { personId: lila.personId, organizationId: house });
  await build.seat(teamBody, { personId: marc.personId, organizationId: house });
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'cooperation' });
  const charterId = charter.body.id as string;
  const versionUrl = `${f.base}/charters/${charterId}/versions/${charter.body.versionId}`;
  const adopted = await f.admin.post(`${versionUrl}/adoption`, { bodyId: teamBody, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash });
  expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
  const url = `${f.base}/charters/${charterId}/deliverables`;
  return { f, house, teamBody, lila, marc, samia, charterId, url };
}

type Team = Awaited<ReturnType<typeof team>>;

/** The charter's next version, changed by `change`, adopted by the team's consent (its revision rule). */
async function amend(s: Team, change: (rules: { licence: { licence: string; outputs: string[] } }) => void) {
  const started = await s.f.admin.post(`${s.f.base}/charters/${s.charterId}/drafts`);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const draftUrl = `${s.f.base}/charters/${s.charterId}/versions/${started.body.id}`;
  const content = (await s.f.admin.get(draftUrl)).body.content;
  change(content.rules);
  expect((await s.f.admin.put(draftUrl, content)).status).toBe(200);
  const proposed = await s.f.admin.post(`${s.f.base}/proposals`, { level: 'strategic', wording: 'Réviser la charte', participationLevel: 'participation', amendsVersionId: started.body.id });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  const url = `${s.f.base}/proposals/${proposed.body.id}`;
  while ((await s.f.admin.get(url)).body.phase !== 'round') expect((await s.f.admin.post(`${url}/phase`)).status).toBe(200);
  for (const member of [s.lila, s.marc]) expect((await member.client.post(`${url}/stances`, { stance: 'consent', idempotencyKey: randomUUID() })).status).toBe(200);
  expect((await s.f.admin.post(`${url}/close-round`, { statement: 'Révision adoptée.' })).body).toEqual({ outcome: 'adopted', reason: 'noObjection' });
}

const page = async (client: Team['lila']['client'], url: string) => {
  const answer = await client.get(url);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as Page;
};

describe('the outputs the licence lists', () => {
  it('become deliverables to publish, without owner, when the charter is adopted, and are not added twice at the next adoption', async () => {
    const s = await team();
    const first = await page(s.lila.client, s.url);
    expect(first).toMatchObject({ charter: { id: s.charterId, kind: 'project' }, licence: 'CC-BY-SA-4.0', publishable: true, can: { manage: true } });
    // The page lists them by due day; the outputs, in the charter's order.
    expect(first.deliverables.map((d) => [d.title, d.licenceOutput, d.owner, d.status]).sort()).toEqual(OUTPUTS.map((title) => [title, true, null, 'planned']).sort());
    expect(first.outputs.map((o) => o.output)).toEqual(OUTPUTS);
    expect(first.outputs.map((o) => o.state)).toEqual(OUTPUTS.map(() => 'due'));
    const added = (await journalOf(t, s.f.partnershipId)).filter((entry) => entry.kind === 'deliverable.added');
    expect(added).toHaveLength(5);
    expect(added[0]!.payload).toMatchObject({ charterId: s.charterId, ownerId: null, dueOn: null, status: 'planned', licenceOutput: true });

    // The next version lists one output more, and one again in other letters: only the new one is added.
    await amend(s, (rules) => {
      rules.licence.outputs = [...rules.licence.outputs, 'Guide pratique', 'cartographie des acteurs locaux'];
    });
    const next = await page(s.lila.client, s.url);
    expect(next.deliverables.filter((d) => d.licenceOutput).map((d) => d.title).sort()).toEqual([...OUTPUTS, 'Guide pratique'].sort());
    expect(next.outputs).toHaveLength(7);
    expect((await journalOf(t, s.f.partnershipId)).filter((entry) => entry.kind === 'deliverable.added')).toHaveLength(6);
    expect((await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).map(describeDisagreement)).toEqual([]);
  });

  it('cannot be published under all rights reserved', async () => {
    const s = await team();
    await amend(s, (rules) => {
      rules.licence.licence = 'all_rights_reserved';
    });
    const before = await page(s.lila.client, s.url);
    expect(before.publishable).toBe(false);
    const output = before.deliverables[0]!;
    const at = `${s.url}/${output.id}`;
    expect((await s.lila.client.put(`${at}/owner`, { ownerId: s.lila.personId })).status).toBe(204);
    expect((await s.lila.client.put(`${at}/status`, { status: 'delivered' })).status).toBe(204);
    expect((await page(s.lila.client, s.url)).deliverables[0]!.statuses).toEqual(['delivered', 'in_progress', 'dropped']);
    const refused = await s.lila.client.put(`${at}/status`, { status: 'published', publishedUrl: 'https://example.org/a' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('ne permet pas de publier');
  });
});

describe('a charter’s deliverables', () => {
  it('are added and assigned by the team, moved by their owner up to publication, and told to the owner', async () => {
    const s = await team();
    const added = await s.lila.client.post(s.url, { title: 'Rapport final', description: 'Ce que nous avons fait, pour le commanditaire.', ownerId: null, dueOn: '2026-03-20' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const id = added.body.id as string;
    const at = `${s.url}/${id}`;
    const path = `/p/${s.f.partnershipId}/chartes/${s.charterId}/livrables/${id}#livrable`;

    // Whoever the charter does not name reads it but changes nothing.
    expect((await page(s.samia.client, s.url)).can.manage).toBe(false);
    expect((await s.samia.client.post(s.url, { title: 'Autre' })).status).toBe(403);
    expect((await s.samia.client.put(`${at}/owner`, { ownerId: s.samia.personId })).status).toBe(403);
    expect((await s.samia.client.put(at, { title: 'Autre', description: '', dueOn: null })).status).toBe(403);

    // Bad input is refused in the reader's language, never half written.
    const blank = await s.lila.client.post(s.url, { title: '  ', dueOn: 'demain' });
    expect(blank.status).toBe(400);
    expect(Object.keys(blank.body.fields)).toEqual(expect.arrayContaining(['title', 'dueOn']));
    const stranger = await newPartnership(t);
    expect((await s.lila.client.put(`${at}/owner`, { ownerId: stranger.adminPersonId })).status).toBe(400);
    expect((await stranger.admin.get(s.url.replace(s.f.base, stranger.base))).status).toBe(404);

    // Lila gives it to Marc, who is told with a button to its form, and finds it in « À faire pour vous ».
    expect((await s.lila.client.put(`${at}/owner`, { ownerId: s.marc.personId })).status).toBe(204);
    const told = log.mailsTo(s.marc.email).filter((mail) => mail.subject === 'Un livrable vous est confié : Rapport final');
    expect(told).toHaveLength(1);
    expect(told[0]!.button).toBe(path);
    const toDo = (await s.marc.client.get(`${s.f.base}/to-do`)).body.items;
    expect(toDo).toContainEqual({
      target: { kind: 'deliverable', charterId: s.charterId, deliverableId: id },
      title: 'Rapport final',
      bodyName: 'Charte de coopération',
      deadline: { kind: 'day', on: '2026-03-20' },
      path,
    });

    // The day before it is due, the clock reminds him while it is still open.
    const notice = await t.store.db.selectFrom('mail_notice').select('deadline').where('person_id', '=', s.marc.personId).where('kind', '=', 'call').executeTakeFirstOrThrow();
    expect(notice.deadline).not.toBeNull();
    await sendDeadlineReminders(t.store.db, new Date(new Date(notice.deadline!).getTime() - 6 * 3_600_000), t.app.afterCommit);
    await t.app.mailer.idle();
    expect(log.mailsTo(s.marc.email).filter((mail) => mail.subject.includes('Rapport final'))).toHaveLength(2);

    // Only its owner moves it; publishing comes after delivery and says where, as a web address.
    expect((await s.lila.client.put(`${at}/status`, { status: 'in_progress' })).status).toBe(403);
    expect((await s.marc.client.put(`${at}/status`, { status: 'in_progress' })).status).toBe(204);
    expect((await s.marc.client.put(`${at}/status`, { status: 'published', publishedUrl: 'https://example.org/rapport' })).status).toBe(409);
    expect((await s.marc.client.put(`${at}/status`, { status: 'delivered' })).status).toBe(204);
    expect((await s.marc.client.get(`${s.f.base}/to-do`)).body.items.some((item: { target: { kind: string } }) => item.target.kind === 'deliverable')).toBe(false);
    const noAddress = await s.marc.client.put(`${at}/status`, { status: 'published' });
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.fields).toHaveProperty('publishedUrl');
    expect((await s.marc.client.put(`${at}/status`, { status: 'published', publishedUrl: 'javascript:alert(1)' })).status).toBe(400);
    expect((await s.marc.client.put(`${at}/status`, { status: 'published', publishedUrl: 'https://example.org/rapport' })).status).toBe(204);
    const published = (await page(s.lila.client, s.url)).deliverables.find((d) => d.id === id)!;
    expect(published).toMatchObject({ status: 'published', publishedUrl: 'https://example.org/rapport', owner: { id: s.marc.personId, fullName: 'Marc Petit' }, statuses: [] });
    expect((await s.lila.client.put(at, { title: 'Rapport', description: '', dueOn: null })).status).toBe(409);
    expect((await s.lila.client.put(`${at}/status`, { status: 'dropped' })).status).toBe(409);
    // The owner's export carries what they answer for.
    const exported = (await s.marc.client.get('/api/v1/auth/export')).body;
    expect(exported.deliverables).toContainEqual(expect.objectContaining({ id, title: 'Rapport final', status: 'published', published_url: 'https://example.org/rapport' }));

    // The journal keeps ids and values, the words by their fingerprint only.
    const entries = (await journalOf(t, s.f.partnershipId)).filter((entry) => entry.kind.startsWith('deliverable.'));
    expect(entries.map((entry) => entry.kind).slice(-5)).toEqual(['deliverable.added', 'deliverable.assigned', 'deliverable.status', 'deliverable.status', 'deliverable.status']);
    expect(JSON.stringify(entries)).not.toContain('Rapport');
    expect(JSON.stringify(entries)).not.toContain('example.org');
    expect((await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).map(describeDisagreement)).toEqual([]);
  });

  it('flags what is overdue, lets an owner outside the team move theirs but not drop it, and lets the team drop and take it up again', async () => {
    const s = await team();
    const added = await s.lila.client.post(s.url, { title: 'Cartographie des partenaires', ownerId: s.samia.personId, dueOn: '2026-03-01' });
    expect(added.status).toBe(201);
    const at = `${s.url}/${added.body.id as string}`;
    const late = (await page(s.samia.client, s.url)).deliverables.find((d) => d.id === added.body.id)!;
    expect(late).toMatchObject({ overdue: true, statuses: ['planned', 'in_progress', 'delivered'] });
    expect(log.mailsTo(s.samia.email).filter((mail) => mail.subject.includes('Cartographie des partenaires'))).toHaveLength(1);

    expect((await s.samia.client.put(`${at}/status`, { status: 'in_progress' })).status).toBe(204);
    expect((await s.samia.client.put(`${at}/status`, { status: 'dropped' })).status).toBe(403);
    expect((await s.lila.client.put(at, { title: 'Cartographie des partenaires locaux', description: 'Qui fait quoi dans le quartier.', dueOn: '2026-04-15' })).status).toBe(204);
    expect((await page(s.samia.client, s.url)).deliverables.find((d) => d.id === added.body.id)).toMatchObject({ title: 'Cartographie des partenaires locaux', overdue: false });
    expect((await s.lila.client.put(`${at}/status`, { status: 'dropped' })).status).toBe(204);
    expect((await s.samia.client.put(`${at}/status`, { status: 'in_progress' })).status).toBe(403);
    expect((await s.lila.client.put(`${at}/owner`, { ownerId: s.marc.personId })).status).toBe(409);
    expect((await s.lila.client.put(`${at}/status`, { status: 'planned' })).status).toBe(204);
    expect((await s.lila.client.put(`${at}/owner`, { ownerId: null })).status).toBe(204);
    expect((await page(s.lila.client, s.url)).deliverables.find((d) => d.id === added.body.id)).toMatchObject({ owner: null, status: 'planned' });

    // An output's title is the licence's.
    const output = (await page(s.lila.client, s.url)).deliverables.find((d) => d.licenceOutput)!;
    const renamed = await s.lila.client.put(`${s.url}/${output.id}`, { title: 'Autre chose', description: '', dueOn: null });
    expect(renamed.status).toBe(400);
    expect(renamed.body.fields).toHaveProperty('title');
    expect((await s.lila.client.put(`${s.url}/${output.id}`, { title: output.title, description: 'Sur le site de l’association.', dueOn: '2026-06-30' })).status).toBe(204);
    expect((await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).map(describeDisagreement)).toEqual([]);

    // A backup carries them, and its restore agrees with the journal (restorePartnership checks the state proof).
    const backup = await exportPartnership(t.store.db, s.f.partnershipId, t.clock.now(), { withPasswordHashes: false });
    expect(backup.tables['deliverable']).toHaveLength(6);
    const target = await emptyDatabase();
    try {
      await restorePartnership(target.store.db, backup);
      const restored = await exportPartnership(target.store.db, s.f.partnershipId, t.clock.now(), { withPasswordHashes: false });
      expect(restored.tables['deliverable']).toEqual(backup.tables['deliverable']);
    } finally {
      await target.drop();
    }
  });
});
