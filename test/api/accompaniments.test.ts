import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { accompanimentWithGroup } from '../support/accompaniment.js';
import { journalOf } from '../support/structure.js';
import { newPartnership, ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

describe('an accompaniment', () => {
  it('is opened by an administrator who facilitates it, under the licence of the charter, and lists its people by organization', async () => {
    const s = await accompanimentWithGroup(t, log);
    const page = await s.f.admin.get(s.url);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ title: 'Accompagnement des conseils citoyens', licence: 'CC-BY-SA-4.0', reach: 'facilitator', archivedAt: null, can: { change: true, manageMembers: true, archive: true } });
    expect(page.body.members.map((m: { person: { fullName: string }; role: string; outsider: boolean }) => [m.person.fullName, m.role, m.outsider])).toEqual([
      ['Admin Test', 'facilitator', false],
      ['Amina Diallo', 'participant', false],
      ['Bruno Lemaire', 'participant', false],
      ['Éric Dehors', 'participant', true],
    ]);
    expect(page.body.members[1].organizations).toEqual([{ id: s.nord, name: 'Conseil citoyen Nord' }]);
    expect(log.mailsTo(s.amina.email).map((mail) => [mail.subject, mail.button])).toContainEqual([
      'Vous êtes invité à l’accompagnement « Accompagnement des conseils citoyens »',
      `/p/${s.f.partnershipId}/accompagnements/${s.id}`,
    ]);
    const kinds = (await journalOf(t, s.f.partnershipId)).map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind.startsWith('accompaniment.'))).toEqual(['accompaniment.created', 'accompaniment.memberAdded', 'accompaniment.memberAdded', 'accompaniment.memberAdded']);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('is read by a person of the partnership outside it, changed only by its facilitators', async () => {
    const s = await accompanimentWithGroup(t, log);
    expect((await s.odile.client.get(s.url)).body).toMatchObject({ reach: 'reader', can: { contribute: false, manageMembers: false } });
    expect((await s.amina.client.get(s.url)).body).toMatchObject({ reach: 'participant', can: { contribute: true, manageMembers: false } });
    expect((await s.amina.client.post(`${s.url}/members`, { personId: s.odile.personId, role: 'participant' })).status).toBe(403);
    expect((await s.odile.client.post(`${s.f.base}/accompaniments`, { title: 'Le mien' })).status).toBe(403);
    expect((await s.f.admin.post(`${s.url}/members`, { personId: s.amina.personId, role: 'participant' })).status).toBe(409);
    const taken = await s.f.admin.post(`${s.url}/members`, { outsider: { fullName: 'Amina', email: s.amina.email } });
    expect(taken.status).toBe(400);
    expect(taken.body.fields).toEqual({ 'outsider.email': 'Cette adresse est celle d’une personne du partenariat : choisissez-la dans la liste.' });
    expect((await s.f.admin.delete(`${s.url}/members/${s.f.adminPersonId}`)).status).toBe(409);
  });

  it('lets an outsider reach only the spaces that name them', async () => {
    const s = await accompanimentWithGroup(t, log);
    expect((await s.eric.client.get(s.url)).body).toMatchObject({ reach: 'participant' });
    const list = await s.eric.client.get(`${s.f.base}/accompaniments`);
    expect(list.body.accompaniments.map((a: { id: string }) => a.id)).toEqual([s.id]);
    expect(list.body.can.create).toBe(false);
    const other = await s.f.admin.post(`${s.f.base}/accompaniments`, { title: 'Un autre groupe' });
    expect((await s.eric.client.get(`${s.f.base}/accompaniments/${other.body.id}`)).status).toBe(404);
    expect((await s.eric.client.get(`${s.f.base}/people`)).status).toBe(404);
    expect((await s.eric.client.post(`${s.f.base}/accompaniments`, { title: 'Le mien' })).status).toBe(404);
    const elsewhere = await newPartnership(t);
    expect((await s.eric.client.get(`${elsewhere.base}/accompaniments`)).status).toBe(404);
  });

  it('shows an outsider « questionnaire à remplir » in their own to-do list, and nothing else of the partnership', async () => {
    const s = await accompanimentWithGroup(t, log);
    const questionnaire = (await s.f.admin.post(`${s.url}/questionnaires/from-template`, { template: 'before_day' })).body.id as string;
    expect((await s.eric.client.get(`${s.f.base}/to-do`)).body).toEqual({ items: [], count: 0 });
    expect((await s.f.admin.post(`${s.f.base}/questionnaires/${questionnaire}/send`)).status).toBe(204);
    expect((await s.eric.client.get(`${s.f.base}/to-do`)).body).toEqual({
      items: [
        {
          target: { kind: 'questionnaire', accompanimentId: s.id, questionnaireId: questionnaire },
          title: 'Avant la journée',
          bodyName: 'Accompagnement des conseils citoyens',
          deadline: { kind: 'instant', at: expect.any(String) },
          path: `/p/${s.f.partnershipId}/accompagnements/${s.id}/questionnaires/${questionnaire}#repondre-au-questionnaire`,
        },
      ],
      count: 1,
    });
  });

  it('once archived, reads as before and refuses every change', async () => {
    const s = await accompanimentWithGroup(t, log);
    expect((await s.amina.client.post(`${s.url}/archive`)).status).toBe(403);
    expect((await s.f.admin.post(`${s.url}/archive`)).status).toBe(204);
    expect((await s.f.admin.get(s.url)).body).toMatchObject({ archivedAt: expect.any(String), can: { change: false, contribute: false, archive: false } });
    const refused = await s.f.admin.post(`${s.url}/members`, { personId: s.odile.personId, role: 'participant' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Cet accompagnement est archivé : il se lit, il ne change plus.');
    expect((await s.f.admin.post(`${s.url}/archive`)).status).toBe(409);
  });

  it('is in the export of a person in it, with the days they came to; erasing them keeps them in it under the pseudonym', async () => {
    const s = await accompanimentWithGroup(t, log);
    const day = await s.f.admin.post(`${s.url}/days`, { title: 'Journée de coopération', startsAt: '2025-01-10T08:30:00.000Z', endsAt: '2025-01-10T16:00:00.000Z' });
    expect((await s.f.admin.post(`${s.f.base}/accompaniment-days/${day.body.id}/held`, { presentIds: [s.bruno.personId] })).status).toBe(204);
    const exported = (await s.bruno.client.get('/api/v1/auth/export')).body;
    expect(exported.accompaniments).toMatchObject({
      memberships: [{ person_id: s.bruno.personId, accompaniment_id: s.id, title: 'Accompagnement des conseils citoyens', role: 'participant' }],
      daysPresent: [{ person_id: s.bruno.personId, day_id: day.body.id, accompaniment_id: s.id, title: 'Journée de coopération', starts_at: '2025-01-10T08:30:00.000Z' }],
    });
    expect((await s.amina.client.get('/api/v1/auth/export')).body.accompaniments.daysPresent).toEqual([]);
    expect((await s.f.admin.post(`${s.f.base}/people/${s.bruno.personId}/erase`)).status).toBe(200);
    const page = await s.f.admin.get(s.url);
    expect(page.body.members.find((m: { person: { id: string } }) => m.person.id === s.bruno.personId)).toMatchObject({ person: { fullName: 'Personne effacée' }, role: 'participant' });
    const held = await s.f.admin.get(`${s.f.base}/accompaniment-days/${day.body.id}`);
    expect(held.body.people.filter((p: { present: boolean }) => p.present).map((p: { person: { fullName: string } }) => p.person.fullName)).toEqual(['Personne effacée']);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('has its members and archive proven by the journal: a row edited without an act is named', async () => {
    const s = await accompanimentWithGroup(t, log);
    await t.store.db.updateTable('accompaniment_member').set({ role: 'facilitator' }).where('accompaniment_id', '=', s.id).where('person_id', '=', s.amina.personId).execute();
    await t.store.db.insertInto('accompaniment_member').values({ accompaniment_id: s.id, person_id: s.odile.personId, role: 'participant', added_at: new Date() }).execute();
    await t.store.db.updateTable('accompaniment').set({ archived_at: new Date() }).where('id', '=', s.id).execute();
    expect((await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).map((row) => [row.table, row.rowId]).sort()).toEqual([
      ['accompaniment', s.id],
      ['accompaniment_member', `${s.id}:${s.amina.personId}`],
      ['accompaniment_member', `${s.id}:${s.odile.personId}`],
    ].sort());
  });
});
