import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { accompanimentWithGroup } from '../support/accompaniment.js';
import { journalOf } from '../support/structure.js';
import { ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

interface Party {
  kind: string;
  id: string;
  name: string;
}
interface Entry {
  id: string;
  kind: string;
  title: string;
  status: string | null;
  cooperation: { id: string; title: string } | null;
  parties: Party[];
  offeredBy: Party | null;
  author: { fullName: string } | null;
  can: { change: boolean };
}

/**
 * The map of seed 002's group: the two citizen councils run a shared garden (Amina is in it too),
 * its obstacle is the water; Bruno offers his skill at building a website, the Sud council its room.
 */
async function mappedGroup() {
  const s = await accompanimentWithGroup(t, log);
  const map = `${s.url}/map`;
  const garden = await s.amina.client.post(map, {
    kind: 'cooperation',
    title: 'Jardin partagé des deux quartiers',
    description: 'Un potager entre les conseils Nord et Sud, ouvert aux habitants.',
    status: 'under_way',
    parties: [{ organizationId: s.nord }, { organizationId: s.sud }, { personId: s.amina.personId }],
  });
  expect(garden.status, JSON.stringify(garden.body)).toBe(201);
  const water = await s.bruno.client.post(map, { kind: 'obstacle', title: 'Pas d’accès à l’eau', description: 'Il faut un raccordement.', cooperationId: garden.body.id });
  expect(water.status, JSON.stringify(water.body)).toBe(201);
  const website = await s.bruno.client.post(map, { kind: 'skill', title: 'Créer un site web', description: 'Je sais monter un site avec des événements et un agenda.', offeredBy: { personId: s.bruno.personId } });
  expect(website.status, JSON.stringify(website.body)).toBe(201);
  const room = await s.eric.client.post(map, { kind: 'premises', title: 'Salle de réunion', description: 'Vingt places, en rez-de-chaussée.', offeredBy: { organizationId: s.sud } });
  expect(room.status, JSON.stringify(room.body)).toBe(201);
  return { ...s, map, gardenId: garden.body.id as string, waterId: water.body.id as string, websiteId: website.body.id as string, roomId: room.body.id as string };
}

describe('the map of a space', () => {
  it('lists cooperations, their obstacles and what people offer, and draws who cooperates with whom', async () => {
    const s = await mappedGroup();
    const page = await s.odile.client.get(s.map);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const entries = page.body.entries as Entry[];
    expect(entries.map((entry) => [entry.kind, entry.title])).toEqual([
      ['cooperation', 'Jardin partagé des deux quartiers'],
      ['obstacle', 'Pas d’accès à l’eau'],
      ['skill', 'Créer un site web'],
      ['premises', 'Salle de réunion'],
    ]);
    expect(entries[0]!.parties.map((party) => party.name)).toEqual(['Conseil citoyen Nord', 'Conseil citoyen Sud', 'Amina Diallo']);
    expect(entries[1]!.cooperation).toEqual({ id: s.gardenId, title: 'Jardin partagé des deux quartiers' });
    expect(entries[2]!.offeredBy).toEqual({ kind: 'person', id: s.bruno.personId, name: 'Bruno Lemaire' });
    expect(entries[3]!.author).toMatchObject({ fullName: 'Éric Dehors' });
    // Odile reads the map of a space she is not in, and adds nothing to it.
    expect(page.body.can.add).toBe(false);
    expect(entries.every((entry) => !entry.can.change)).toBe(true);
    // Three parties placed on a circle of diameter 400, the first at the top; a cooperation of three draws its three pairs.
    expect(page.body.graph.size).toBe(400);
    expect(page.body.graph.nodes).toEqual([
      { kind: 'organization', id: s.nord, name: 'Conseil citoyen Nord', key: `o:${s.nord}`, x: 200, y: 0 },
      { kind: 'organization', id: s.sud, name: 'Conseil citoyen Sud', key: `o:${s.sud}`, x: 373.2, y: 300 },
      { kind: 'person', id: s.amina.personId, name: 'Amina Diallo', key: `p:${s.amina.personId}`, x: 26.8, y: 300 },
    ]);
    expect(page.body.graph.edges).toEqual([
      { cooperationId: s.gardenId, from: `o:${s.nord}`, to: `o:${s.sud}`, status: 'under_way' },
      { cooperationId: s.gardenId, from: `o:${s.nord}`, to: `p:${s.amina.personId}`, status: 'under_way' },
      { cooperationId: s.gardenId, from: `o:${s.sud}`, to: `p:${s.amina.personId}`, status: 'under_way' },
    ]);
    expect(page.body.choices.people.map((person: { fullName: string }) => person.fullName)).toEqual(['Admin Test', 'Amina Diallo', 'Bruno Lemaire', 'Éric Dehors']);
    const kinds = (await journalOf(t, s.f.partnershipId)).map((entry) => entry.kind).filter((kind) => kind.startsWith('map.'));
    expect(kinds).toEqual(['map.entryAdded', 'map.entryAdded', 'map.entryAdded', 'map.entryAdded']);
    const payloads = JSON.stringify((await journalOf(t, s.f.partnershipId)).filter((entry) => entry.kind.startsWith('map.')));
    expect(payloads).not.toContain('Jardin');
    expect(payloads).not.toContain('site');
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('answers « Qui sait… ? » in French with or without accents, and by kind', async () => {
    const s = await mappedGroup();
    const titles = async (query: string) => ((await s.eric.client.get(`${s.map}?${query}`)).body.entries as Entry[]).map((entry) => entry.title);
    // « evenement » finds « événements », « réunion » and « reunion » the room, a plural its singular.
    expect(await titles('q=evenement')).toEqual(['Créer un site web']);
    expect(await titles('q=%C3%A9v%C3%A9nements')).toEqual(['Créer un site web']);
    expect(await titles('q=reunion')).toEqual(['Salle de réunion']);
    expect(await titles('q=r%C3%A9union')).toEqual(['Salle de réunion']);
    expect(await titles('q=potager%20habitants')).toEqual(['Jardin partagé des deux quartiers']);
    expect(await titles('q=piscine')).toEqual([]);
    expect(await titles('kind=skill')).toEqual(['Créer un site web']);
    expect(await titles('kind=obstacle&q=eau')).toEqual(['Pas d’accès à l’eau']);
    expect((await s.eric.client.get(`${s.map}?kind=dragon`)).status).toBe(400);
    // The graph stays whole while the list is filtered.
    expect((await s.eric.client.get(`${s.map}?q=piscine`)).body.graph.nodes).toHaveLength(3);
  });

  it('refuses parties outside the partnership or the space, a lone party, a foreign cooperation, with the field named', async () => {
    const s = await mappedGroup();
    const refused = async (body: object) => {
      const answer = await s.amina.client.post(s.map, body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      return answer.body.fields as Record<string, string>;
    };
    const cooperation = { kind: 'cooperation', title: 'Fête de quartier', status: 'to_come' };
    expect(await refused({ ...cooperation, parties: [{ personId: s.odile.personId }, { organizationId: s.nord }] })).toEqual({ 'parties.0': 'Cette personne ne fait pas partie de l’accompagnement.' });
    expect(await refused({ ...cooperation, parties: [{ organizationId: s.nord }] })).toEqual({ parties: 'Une coopération réunit au moins deux organisations ou personnes.' });
    expect(await refused({ ...cooperation, parties: [{ organizationId: s.nord }, { organizationId: s.nord }] })).toEqual({ 'parties.1': 'Cette organisation ou cette personne est déjà nommée dans la coopération.' });
    expect(await refused({ kind: 'need', title: 'Des bénévoles', cooperationId: s.waterId })).toEqual({ cooperationId: 'Choisissez une coopération de cette carte.' });
    const other = await accompanimentWithGroup(t, log, 'Un autre groupe');
    const elsewhere = await other.amina.client.post(`${other.url}/map`, { kind: 'need', title: 'Des bénévoles', cooperationId: s.gardenId });
    expect(elsewhere.body.fields).toEqual({ cooperationId: 'Choisissez une coopération de cette carte.' });
    expect(await refused({ kind: 'skill', title: 'Compter', offeredBy: { organizationId: other.nord } })).toEqual({ offeredBy: 'Cette structure ne fait pas partie du partenariat.' });
    expect((await s.amina.client.post(s.map, { kind: 'licorne', title: 'x' })).status).toBe(400);
    expect((await s.odile.client.post(s.map, { kind: 'skill', title: 'Compter', offeredBy: { organizationId: s.nord } })).status).toBe(403);
    expect((await other.eric.client.get(s.map)).status).toBe(404);
  });

  it('is changed or cleared by an entry’s author or a facilitator only; a cooperation takes its obstacles with it', async () => {
    const s = await mappedGroup();
    const entry = `${s.f.base}/map-entries/${s.websiteId}`;
    const rewritten = { kind: 'skill', title: 'Créer un site web et le tenir', description: '', offeredBy: { personId: s.bruno.personId } };
    expect((await s.amina.client.put(entry, rewritten)).status).toBe(403);
    expect((await s.bruno.client.put(entry, { ...rewritten, kind: 'equipment' })).body.fields).toEqual({ kind: 'Une entrée de la carte garde sa nature : supprimez-la et ajoutez-en une autre.' });
    expect((await s.bruno.client.put(entry, rewritten)).status).toBe(204);
    const garden = `${s.f.base}/map-entries/${s.gardenId}`;
    expect((await s.f.admin.put(garden, { kind: 'cooperation', title: 'Jardin partagé', status: 'under_way', parties: [{ organizationId: s.sud }, { personId: s.eric.personId }] })).status).toBe(204);
    let page = await s.amina.client.get(s.map);
    expect((page.body.entries as Entry[]).map((e) => [e.title, e.can.change])).toEqual([
      ['Jardin partagé', true],
      ['Pas d’accès à l’eau', false],
      ['Créer un site web et le tenir', false],
      ['Salle de réunion', false],
    ]);
    expect(page.body.graph.nodes.map((node: Party) => node.name)).toEqual(['Conseil citoyen Sud', 'Éric Dehors']);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
    expect((await s.bruno.client.delete(garden)).status).toBe(403);
    expect((await s.f.admin.delete(garden)).status).toBe(204);
    expect((await s.f.admin.delete(garden)).status).toBe(404);
    page = await s.amina.client.get(s.map);
    expect((page.body.entries as Entry[]).map((e) => e.title)).toEqual(['Créer un site web et le tenir', 'Salle de réunion']);
    expect(page.body.graph).toEqual({ size: 400, nodes: [], edges: [] });
    const removed = (await journalOf(t, s.f.partnershipId)).filter((e) => e.kind === 'map.entryRemoved').map((e) => e.payload['entryId']);
    expect(removed.sort()).toEqual([s.gardenId, s.waterId].sort());
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
    // An entry edited in its row alone no longer agrees with the journal.
    await t.store.db.updateTable('map_entry').set({ title: 'Créer un site' }).where('id', '=', s.websiteId).execute();
    expect((await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).map((finding) => finding.table)).toEqual(['map_entry']);
  });

  it('freezes once the space is archived', async () => {
    const s = await mappedGroup();
    expect((await s.f.admin.post(`${s.url}/archive`)).status).toBe(204);
    expect((await s.amina.client.post(s.map, { kind: 'skill', title: 'Compter', offeredBy: { organizationId: s.nord } })).status).toBe(409);
    expect((await s.bruno.client.delete(`${s.f.base}/map-entries/${s.websiteId}`)).status).toBe(409);
    const page = await s.bruno.client.get(s.map);
    expect(page.body.can.add).toBe(false);
    expect((page.body.entries as Entry[]).some((entry) => entry.can.change)).toBe(false);
  });
});
