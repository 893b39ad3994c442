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

interface Item {
  id: string;
  kind: string;
  text: string;
  author: { id: string; fullName: string } | null;
  day: { id: string; title: string } | null;
  projectStage: string | null;
  publication: string;
  publicationTitle: string | null;
  publishedAt: string | null;
  can: { askPublication: boolean; answerPublication: boolean };
}

const NUGGET = 'Le tour de table en binômes a délié les langues : chacun a parlé au moins une fois.';
const PEBBLE = 'La salle était trop petite, on ne s’entendait pas.';

/** The group after its first day: Amina harvests a nugget, Éric (from outside) a pebble. */
async function harvestedGroup(licence?: string) {
  const s = await accompanimentWithGroup(t, log);
  if (licence !== undefined) expect((await s.f.admin.put(s.url, { title: 'Accompagnement des conseils citoyens', purpose: '', licence })).status).toBe(204);
  const day = await s.f.admin.post(`${s.url}/days`, { title: 'Première journée', startsAt: '2026-03-01T09:00:00+01:00', endsAt: '2026-03-01T17:00:00+01:00' });
  expect(day.status, JSON.stringify(day.body)).toBe(201);
  const dayId = day.body.id as string;
  const harvest = `${s.url}/harvest`;
  const nugget = await s.amina.client.post(harvest, { kind: 'nugget', text: NUGGET, dayId });
  expect(nugget.status, JSON.stringify(nugget.body)).toBe(201);
  t.clock.advanceMinutes(1);
  const pebble = await s.eric.client.post(harvest, { kind: 'pebble', text: PEBBLE, dayId });
  expect(pebble.status, JSON.stringify(pebble.body)).toBe(201);
  const items = async (client = s.f.admin) => (await client.get(harvest)).body.items as Item[];
  return { ...s, harvest, dayId, nuggetId: nugget.body.id as string, pebbleId: pebble.body.id as string, items, item: (id: string) => `${s.f.base}/harvest-items/${id}` };
}

describe('the harvest of a space', () => {
  it('gathers nuggets and pebbles tied to a day, with their authors; the journal keeps their fingerprints only', async () => {
    const s = await harvestedGroup();
    const page = await s.odile.client.get(s.harvest);
    expect(page.status).toBe(200);
    expect(page.body.can.add).toBe(false);
    expect(page.body.days.map((day: { title: string }) => day.title)).toEqual(['Première journée']);
    expect(page.body.projectStages).toEqual([]);
    expect((page.body.items as Item[]).map((item) => [item.kind, item.text, item.author?.fullName, item.day?.title, item.publication])).toEqual([
      ['nugget', NUGGET, 'Amina Diallo', 'Première journée', 'private'],
      ['pebble', PEBBLE, 'Éric Dehors', 'Première journée', 'private'],
    ]);
    const entries = (await journalOf(t, s.f.partnershipId)).filter((entry) => entry.kind.startsWith('harvest.'));
    expect(entries.map((entry) => entry.kind)).toEqual(['harvest.added', 'harvest.added']);
    expect(JSON.stringify(entries)).not.toContain('binômes');
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('refuses an item tied to nothing, to both, to another space’s day or to a project the space does not follow', async () => {
    const s = await harvestedGroup();
    const refused = async (body: object) => {
      const answer = await s.amina.client.post(s.harvest, body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      return answer.body.fields as Record<string, string>;
    };
    expect(await refused({ kind: 'nugget', text: 'Bien' })).toEqual({ dayId: 'Rattachez votre récolte à une journée ou à une étape du projet (l’une des deux).' });
    expect(await refused({ kind: 'nugget', text: 'Bien', dayId: s.dayId, projectStage: 'active' })).toEqual({ dayId: 'Rattachez votre récolte à une journée ou à une étape du projet (l’une des deux).' });
    expect(await refused({ kind: 'nugget', text: 'Bien', projectStage: 'active' })).toEqual({ projectStage: 'Cet accompagnement ne suit pas de projet : rattachez votre récolte à une journée.' });
    const other = await harvestedGroup();
    expect(await refused({ kind: 'nugget', text: 'Bien', dayId: other.dayId })).toEqual({ dayId: 'Choisissez une journée de cet accompagnement.' });
    expect(await refused({ kind: 'pépite', text: 'Bien', dayId: s.dayId })).toHaveProperty('kind');
    expect((await s.odile.client.post(s.harvest, { kind: 'nugget', text: 'Bien', dayId: s.dayId })).status).toBe(403);
    expect((await other.eric.client.get(s.harvest)).status).toBe(404);
  });

  it('is published as an experience article only with its author’s consent: asked by a facilitator, seen in « À faire pour vous » and by mail, consented', async () => {
    const s = await harvestedGroup();
    expect((await s.amina.client.post(`${s.item(s.nuggetId)}/publication-request`, { title: 'Le tour de table en binômes' })).status).toBe(403);
    expect((await s.amina.client.post(`${s.item(s.nuggetId)}/publication-answer`, { consents: true })).body.message).toBe('Personne ne vous a demandé de publier cette récolte.');
    expect((await s.f.admin.post(`${s.item(s.nuggetId)}/publication-request`, { title: 'Le tour de table en binômes' })).status).toBe(204);
    expect((await s.f.admin.post(`${s.item(s.nuggetId)}/publication-request`, { title: 'Encore' })).status).toBe(409);
    const mail = log.mailsTo(s.amina.email).at(-1)!;
    expect(mail.subject).toBe('Accepteriez-vous de publier votre récolte « Le tour de table en binômes » ?');
    expect(mail.body).toContain('CC BY-SA 4.0');
    expect(mail.body).toContain(NUGGET);
    const path = `/p/${s.f.partnershipId}/accompagnements/${s.id}/moisson#publier-votre-recolte`;
    expect(mail.button).toBe(path);
    const toDo = (await s.amina.client.get(`${s.f.base}/to-do`)).body.items as { target: { kind: string }; title: string; path: string }[];
    expect(toDo).toContainEqual(expect.objectContaining({ target: { kind: 'harvest_publication', accompanimentId: s.id, itemId: s.nuggetId }, title: 'Le tour de table en binômes', path }));
    const [nugget] = await s.items(s.amina.client);
    expect(nugget).toMatchObject({ publication: 'asked', publicationTitle: 'Le tour de table en binômes', can: { answerPublication: true, askPublication: false } });
    expect((await s.bruno.client.post(`${s.item(s.nuggetId)}/publication-answer`, { consents: true })).status).toBe(403);
    expect((await s.amina.client.post(`${s.item(s.nuggetId)}/publication-answer`, { consents: true })).status).toBe(204);
    expect((await s.items())[0]).toMatchObject({ publication: 'published', can: { askPublication: false, answerPublication: false } });
    expect((await s.items())[0]!.publishedAt).not.toBeNull();
    expect(((await s.amina.client.get(`${s.f.base}/to-do`)).body.items as { target: { kind: string } }[]).filter((item) => item.target.kind === 'harvest_publication')).toEqual([]);
    expect(log.mailsTo(s.f.adminEmail).at(-1)).toMatchObject({ subject: 'Votre demande de publication est acceptée : « Le tour de table en binômes »', button: `/p/${s.f.partnershipId}/accompagnements/${s.id}/moisson` });
    const kinds = (await journalOf(t, s.f.partnershipId)).map((entry) => entry.kind).filter((kind) => kind.startsWith('harvest.'));
    expect(kinds).toEqual(['harvest.added', 'harvest.added', 'harvest.publicationAsked', 'harvest.publicationAnswered', 'harvest.published']);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('stays private when its author declines, from outside by the mail’s link too, and may be asked again', async () => {
    const s = await harvestedGroup();
    expect((await s.f.admin.post(`${s.item(s.pebbleId)}/publication-request`, { title: 'Une salle trop petite' })).status).toBe(204);
    expect(log.mailsTo(s.eric.email).at(-1)!.button).toBe(`/p/${s.f.partnershipId}/accompagnements/${s.id}/moisson#publier-votre-recolte`);
    expect((await s.eric.client.post(`${s.item(s.pebbleId)}/publication-answer`, { consents: false })).status).toBe(204);
    expect((await s.items())[1]).toMatchObject({ publication: 'private', can: { askPublication: true } });
    expect((await s.f.admin.post(`${s.item(s.pebbleId)}/publication-request`, { title: 'Une salle trop petite' })).status).toBe(204);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('publishes nothing under « tous droits réservés »', async () => {
    const s = await harvestedGroup('all_rights_reserved');
    const asked = await s.f.admin.post(`${s.item(s.nuggetId)}/publication-request`, { title: 'Le tour de table' });
    expect(asked.status).toBe(409);
    expect(asked.body.message).toContain('tous droits réservés');
    expect((await s.items())[0]!.can.askPublication).toBe(false);
    // Asked under an open licence that was closed since, the author's consent is refused; declining is not.
    expect((await s.f.admin.put(s.url, { title: 'Accompagnement des conseils citoyens', purpose: '', licence: 'CC-BY-4.0' })).status).toBe(204);
    expect((await s.f.admin.post(`${s.item(s.nuggetId)}/publication-request`, { title: 'Le tour de table' })).status).toBe(204);
    expect((await s.f.admin.put(s.url, { title: 'Accompagnement des conseils citoyens', purpose: '', licence: 'all_rights_reserved' })).status).toBe(204);
    expect((await s.amina.client.post(`${s.item(s.nuggetId)}/publication-answer`, { consents: true })).status).toBe(409);
    expect((await s.amina.client.post(`${s.item(s.nuggetId)}/publication-answer`, { consents: false })).status).toBe(204);
  });

  it('keeps the words of an erased author, without their name, and drops a publication they had not answered', async () => {
    const s = await harvestedGroup();
    expect((await s.f.admin.post(`${s.item(s.nuggetId)}/publication-request`, { title: 'Le tour de table' })).status).toBe(204);
    const exported = (await s.amina.client.get('/api/v1/auth/export')).body;
    expect(exported.harvestItems).toMatchObject([{ id: s.nuggetId, kind: 'nugget', text: NUGGET, publication: 'asked', publication_title: 'Le tour de table' }]);
    expect((await s.f.admin.post(`${s.f.base}/people/${s.amina.personId}/erase`)).status).toBe(200);
    const [nugget] = await s.items();
    expect(nugget).toMatchObject({ text: NUGGET, author: null, publication: 'private', can: { askPublication: false } });
    expect((await s.f.admin.post(`${s.item(s.nuggetId)}/publication-request`, { title: 'Le tour de table' })).body.message).toBe('Cette récolte n’a plus d’auteur : personne ne peut consentir à sa publication.');
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });
});
