import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { accompanimentWithGroup } from '../support/accompaniment.js';
import { DOCUMENTS } from '../support/documents.js';
import { builder, journalOf, TODAY } from '../support/structure.js';
import { ServerLog, startTestApp, type Client, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

type Group = Awaited<ReturnType<typeof accompanimentWithGroup>>;
interface Card {
  id: string;
  title: string;
  licence: string;
  confidential: boolean;
  author: { fullName: string } | null;
  can: { change: boolean; publish: boolean; unpublish: boolean };
}

const share = (client: Client, s: Group, resource: Record<string, unknown>) => client.post(`${s.url}/resources`, resource);
const document = (fileName: string, contentType: string, contentBase64: string) => ({ kind: 'file', title: fileName, file: { fileName, contentType, contentBase64 } });
const titles = async (client: Client, s: Group, query = '') => {
  const page = await client.get(`${s.url}/resources${query}`);
  expect(page.status, JSON.stringify(page.body)).toBe(200);
  return (page.body.resources as Card[]).map((resource) => resource.title);
};
/** A download as the browser gets it: its status, headers and bytes. */
const download = async (client: Client, s: Group, resourceId: string) =>
  t.app.inject({ method: 'GET', url: `${s.f.base}/resources/${resourceId}/document`, headers: client.cookie ? { cookie: client.cookie } : {} });

describe('a shared document', () => {
  it('is kept when its content is of the type it declares, and leaves only as an attachment that runs nothing', async () => {
    const s = await accompanimentWithGroup(t, log);
    const kinds: [string, string, string][] = [
      ['compte-rendu.pdf', 'application/pdf', DOCUMENTS.pdf],
      ['affiche.png', 'image/png', DOCUMENTS.png],
      ['synthese.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', DOCUMENTS.docx],
      ['synthese.odt', 'application/vnd.oasis.opendocument.text', DOCUMENTS.odt],
      ['notes.md', 'text/markdown', DOCUMENTS.markdown],
    ];
    const ids: string[] = [];
    for (const [fileName, contentType, content] of kinds) {
      const shared = await share(s.amina.client, s, document(fileName, contentType, content));
      expect(shared.status, `${fileName}: ${JSON.stringify(shared.body)}`).toBe(201);
      ids.push(shared.body.id);
    }
    const pdf = await download(s.bruno.client, s, ids[0]!);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe("attachment; filename*=UTF-8''compte-rendu.pdf");
    expect(pdf.headers['x-content-type-options']).toBe('nosniff');
    expect(pdf.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(pdf.rawPayload.equals(Buffer.from(DOCUMENTS.pdf, 'base64'))).toBe(true);
    const notes = await download(s.eric.client, s, ids[4]!);
    expect(notes.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(notes.body).toContain('coopéré');
    const card = (await s.f.admin.get(`${s.f.base}/resources/${ids[2]}`)).body;
    expect(card).toMatchObject({ kind: 'file', file: { fileName: 'synthese.docx', sizeBytes: Buffer.from(DOCUMENTS.docx, 'base64').length }, author: { fullName: 'Amina Diallo' } });
    const added = (await journalOf(t, s.f.partnershipId)).filter((entry) => entry.kind === 'resource.added');
    expect(added).toHaveLength(5);
    expect(JSON.stringify(added)).not.toContain('compte-rendu');
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('is refused when its content is not what it says (a renamed program, a PDF called an image, binary called text), not in the list, empty or too large', async () => {
    const s = await accompanimentWithGroup(t, log);
    const refusals: [string, string, string, string, string][] = [
      ['rapport.pdf', 'application/pdf', DOCUMENTS.exe, 'file.contentType', 'Le contenu de ce document ne correspond pas à son type : il n’a pas été enregistré.'],
      ['lisez-moi.txt', 'text/plain', DOCUMENTS.exe, 'file.contentType', 'Le contenu de ce document ne correspond pas à son type : il n’a pas été enregistré.'],
      ['photo.png', 'image/png', DOCUMENTS.pdf, 'file.contentType', 'Le contenu de ce document ne correspond pas à son type : il n’a pas été enregistré.'],
      ['notes.txt', 'text/plain', DOCUMENTS.pdf, 'file.contentType', 'Le contenu de ce document ne correspond pas à son type : il n’a pas été enregistré.'],
      ['notes.txt', 'text/plain', DOCUMENTS.latin1, 'file.contentType', 'Le contenu de ce document ne correspond pas à son type : il n’a pas été enregistré.'],
      ['logo.svg', 'image/svg+xml', DOCUMENTS.svg, 'file.contentType', expect.stringContaining('Ce type de document n’est pas accepté.')],
      ['page.html', 'text/html', DOCUMENTS.markdown, 'file.contentType', expect.stringContaining('Ce type de document n’est pas accepté.')],
      ['vide.pdf', 'application/pdf', '', 'file.contentBase64', 'Ce document est illisible ou vide.'],
    ] as never;
    for (const [fileName, contentType, content, field, message] of refusals) {
      const refused = await share(s.amina.client, s, document(fileName, contentType, content));
      expect(refused.status, fileName).toBe(400);
      expect(refused.body.fields, fileName).toEqual({ [field]: message });
    }
    const heavy = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    heavy.write('%PDF-1.4\n');
    const tooLarge = await share(s.amina.client, s, document('lourd.pdf', 'application/pdf', heavy.toString('base64')));
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.fields).toEqual({ 'file.contentBase64': 'Ce document est trop lourd : 10 Mo au plus.' });
    const atTheLimit = heavy.subarray(0, 10 * 1024 * 1024);
    expect((await share(s.amina.client, s, document('juste.pdf', 'application/pdf', atTheLimit.toString('base64')))).status).toBe(201);
    expect(await t.store.db.selectFrom('workspace_file').select('file_name').where('partnership_id', '=', s.f.partnershipId).execute()).toEqual([{ file_name: 'juste.pdf' }]);
  });
});

describe('a resource', () => {
  it('takes the space’s licence unless its author chooses another, and the space’s licence is the charter’s', async () => {
    const s = await accompanimentWithGroup(t, log);
    const link = await share(s.amina.client, s, { kind: 'link', title: 'Le site du réseau', url: 'https://reseau.example.org/ressources' });
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    const closed = await share(s.amina.client, s, { kind: 'article', title: 'Nos notes', body: 'Des *notes*.', licence: 'all_rights_reserved' });
    expect((await s.f.admin.get(`${s.f.base}/resources/${link.body.id}`)).body.licence).toBe('CC-BY-SA-4.0');
    expect((await s.f.admin.get(`${s.f.base}/resources/${closed.body.id}`)).body.licence).toBe('all_rights_reserved');
    expect((await s.f.admin.put(s.url, { title: 'Accompagnement', purpose: '', licence: 'CC0-1.0' })).status).toBe(204);
    const later = await share(s.bruno.client, s, { kind: 'link', title: 'Un autre site', url: 'http://autre.example.org' });
    expect((await s.f.admin.get(`${s.f.base}/resources/${later.body.id}`)).body).toMatchObject({ licence: 'CC0-1.0', author: { fullName: 'Bruno Lemaire' } });
    const script = await share(s.amina.client, s, { kind: 'link', title: 'Piège', url: 'javascript:alert(1)' });
    expect(script.status).toBe(400);
    expect(script.body.fields).toEqual({ url: 'Indiquez une adresse web complète, commençant par https://.' });

    // Under a partnership charter whose licence is CC BY 4.0, a new space and its resources take it.
    const build = builder(s.f);
    await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
    const steering = await build.body({ name: 'Comité de pilotage', kind: 'steering' });
    await build.body({ name: 'Codir', kind: 'directors' });
    await build.body({ name: 'Groupe de travail', kind: 'working_group' });
    await build.seat(steering, { personId: s.amina.personId, organizationId: s.nord });
    const charter = await s.f.admin.post(`${s.f.base}/charters`, { template: 'partnership' });
    const versionUrl = `${s.f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
    const content = (await s.f.admin.get(versionUrl)).body.content;
    content.rules.licence = { licence: 'CC-BY-4.0', outputs: ['Guide de la coopération', 'Carte des acteurs'] };
    expect((await s.f.admin.put(versionUrl, content)).status).toBe(200);
    const adopted = await s.f.admin.post(`${versionUrl}/adoption`, { bodyId: steering, adoptedOn: TODAY, contentHash: (await s.f.admin.get(versionUrl)).body.contentHash });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    const opened = await s.f.admin.post(`${s.f.base}/accompaniments`, { title: 'Deuxième groupe' });
    const second = `${s.f.base}/accompaniments/${opened.body.id}`;
    const guide = await s.f.admin.post(`${second}/resources`, { kind: 'article', title: 'Guide', body: 'Le guide.', outputTitle: 'Guide de la coopération' });
    expect(guide.status, JSON.stringify(guide.body)).toBe(201);
    expect((await s.f.admin.get(`${s.f.base}/resources/${guide.body.id}`)).body.licence).toBe('CC-BY-4.0');
    const unknown = await s.f.admin.post(`${second}/resources`, { kind: 'article', title: 'Guide', body: 'Le guide.', outputTitle: 'Autre chose' });
    expect(unknown.body.fields).toEqual({ outputTitle: 'Cette production ne figure pas dans la liste de la charte.' });

    // The charter's outputs: each one published, or still due.
    const due = async () => (await s.amina.client.get(`${s.url}/resources`)).body.outputs;
    expect(await due()).toEqual([
      { title: 'Guide de la coopération', resources: [] },
      { title: 'Carte des acteurs', resources: [] },
    ]);
    expect((await s.f.admin.post(`${s.f.base}/resources/${guide.body.id}/publish`)).status).toBe(204);
    expect(await due()).toEqual([
      { title: 'Guide de la coopération', resources: [{ id: guide.body.id, title: 'Guide', accompanimentId: opened.body.id }] },
      { title: 'Carte des acteurs', resources: [] },
    ]);
    // Someone from outside sees the outputs, but not what other spaces published.
    expect((await s.eric.client.get(`${s.url}/resources`)).body.outputs).toEqual([
      { title: 'Guide de la coopération', resources: [] },
      { title: 'Carte des acteurs', resources: [] },
    ]);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('is found in French with or without accents and by tag', async () => {
    const s = await accompanimentWithGroup(t, log);
    const shared = [
      { kind: 'article', title: 'Événements de l’été', body: 'Le calendrier des fêtes de quartier.', tags: ['Agenda', 'Été'] },
      { kind: 'link', title: 'La coopération entre conseils', url: 'https://cooperer.example.org', summary: 'Un guide.', tags: ['guide'] },
      { kind: 'article', title: 'Compte rendu', body: 'Les difficultés de financement.', tags: ['agenda', ' finances '] },
    ];
    for (const resource of shared) expect((await share(s.amina.client, s, resource)).status).toBe(201);
    expect(await titles(s.bruno.client, s, '?q=evenement')).toEqual(['Événements de l’été']);
    expect(await titles(s.bruno.client, s, '?q=%C3%A9v%C3%A9nements')).toEqual(['Événements de l’été']);
    expect(await titles(s.bruno.client, s, '?q=cooperations')).toEqual(['La coopération entre conseils']);
    expect(await titles(s.bruno.client, s, '?q=difficulte%20financements')).toEqual(['Compte rendu']);
    expect(await titles(s.bruno.client, s, '?q=fete%20OR%20guide')).toEqual(expect.arrayContaining(['Événements de l’été', 'La coopération entre conseils']));
    expect(await titles(s.bruno.client, s, '?q=%22%20%26%20!')).toEqual([]);
    expect((await titles(s.bruno.client, s, '?tag=AGENDA')).sort()).toEqual(['Compte rendu', 'Événements de l’été']);
    expect(await titles(s.bruno.client, s, '?tag=%20%C3%89t%C3%A9')).toEqual(['Événements de l’été']);
    expect(await titles(s.bruno.client, s, '?tag=finances')).toEqual(['Compte rendu']);
    const page = (await s.bruno.client.get(`${s.url}/resources`)).body;
    expect(page.tags).toEqual([
      { tag: 'agenda', count: 2 },
      { tag: 'été', count: 1 },
      { tag: 'finances', count: 1 },
      { tag: 'guide', count: 1 },
    ]);
  });

  it('stays with the group when confidential: its facilitators and participants, outsider included, see it; a reader of the partnership does not', async () => {
    const s = await accompanimentWithGroup(t, log);
    const secret = await share(s.eric.client, s, { ...document('budget.pdf', 'application/pdf', DOCUMENTS.pdf), title: 'Budget interne', confidential: true, tags: ['secret'] });
    expect(secret.status, JSON.stringify(secret.body)).toBe(201);
    const open = await share(s.amina.client, s, { kind: 'article', title: 'Nos retours', body: 'Tout va bien.' });
    for (const member of [s.f.admin, s.amina.client, s.bruno.client, s.eric.client]) {
      expect((await titles(member, s)).sort()).toEqual(['Budget interne', 'Nos retours']);
      expect((await download(member, s, secret.body.id)).statusCode).toBe(200);
    }
    expect(await titles(s.odile.client, s)).toEqual(['Nos retours']);
    expect((await s.odile.client.get(`${s.url}/resources`)).body).toMatchObject({ tags: [], can: { add: false } });
    expect((await s.odile.client.get(`${s.f.base}/resources/${secret.body.id}`)).status).toBe(404);
    expect((await download(s.odile.client, s, secret.body.id)).statusCode).toBe(404);
    expect((await s.odile.client.delete(`${s.f.base}/resources/${secret.body.id}`)).status).toBe(404);
    expect((await s.odile.client.get(`${s.f.base}/resources/${open.body.id}`)).status).toBe(200);
    expect((await s.odile.client.post(`${s.url}/resources`, { kind: 'link', title: 'x', url: 'https://x.example.org' })).status).toBe(403);
    // A reader is refused before any document they send is read, whether it is sound or not.
    expect((await share(s.odile.client, s, document('notes.pdf', 'application/pdf', DOCUMENTS.pdf))).status).toBe(403);
    expect((await share(s.odile.client, s, document('notes.pdf', 'application/pdf', DOCUMENTS.markdown))).status).toBe(403);

    // An outsider reaches only the spaces that name them.
    const other = await s.f.admin.post(`${s.f.base}/accompaniments`, { title: 'Un autre groupe' });
    const elsewhere = await s.f.admin.post(`${s.f.base}/accompaniments/${other.body.id}/resources`, { kind: 'article', title: 'Ailleurs', body: 'Texte.' });
    expect((await s.eric.client.get(`${s.f.base}/accompaniments/${other.body.id}/resources`)).status).toBe(404);
    expect((await s.eric.client.get(`${s.f.base}/resources/${elsewhere.body.id}`)).status).toBe(404);
    expect((await s.odile.client.get(`${s.f.base}/resources/${elsewhere.body.id}`)).status).toBe(200);
  });

  it('is changed or removed by its author or a facilitator, published only by a facilitator when open and shared', async () => {
    const s = await accompanimentWithGroup(t, log);
    const article = await share(s.amina.client, s, { kind: 'article', title: 'Notre méthode', body: '## Étapes\n\n1. Écouter', tags: ['méthode'] });
    const id = article.body.id as string;
    const url = `${s.f.base}/resources/${id}`;
    const change = { title: 'Notre méthode', summary: 'En trois étapes.', tags: ['méthode'], licence: 'CC-BY-SA-4.0', confidential: true, outputTitle: null };
    expect((await s.bruno.client.put(url, change)).status).toBe(403);
    expect((await s.bruno.client.get(url)).body.can).toEqual({ change: false, publish: false, unpublish: false });
    expect((await s.amina.client.get(url)).body.can).toEqual({ change: true, publish: false, unpublish: false });
    expect((await s.amina.client.put(url, change)).status).toBe(204);
    expect((await s.amina.client.put(url, { ...change, url: 'https://x.example.org' })).body.fields).toEqual({ url: 'Seul un lien a une adresse.' });

    expect((await s.amina.client.post(`${url}/publish`)).status).toBe(403);
    const confidential = await s.f.admin.post(`${url}/publish`);
    expect(confidential.status).toBe(409);
    expect(confidential.body.message).toBe('Une ressource confidentielle reste au sein du groupe : elle ne peut pas être publiée.');
    expect((await s.f.admin.put(url, { ...change, confidential: false, licence: 'all_rights_reserved' })).status).toBe(204);
    const closed = await s.f.admin.post(`${url}/publish`);
    expect(closed.status).toBe(409);
    expect(closed.body.message).toBe('Une ressource sous « tous droits réservés » ne peut pas être publiée : choisissez d’abord une licence libre.');
    await expect(t.store.db.updateTable('resource').set({ published_at: new Date() }).where('id', '=', id).execute()).rejects.toThrow();

    expect((await s.amina.client.put(url, { ...change, confidential: false, body: 'Le texte **revu**.' })).status).toBe(204);
    // The public pages name its author: a facilitator publishes someone else's resource only with their consent.
    expect((await s.f.admin.get(url)).body).toMatchObject({ publishable: false, can: { publish: false, unpublish: false } });
    const unconsented = await s.f.admin.post(`${url}/publish`);
    expect(unconsented.status).toBe(409);
    expect(unconsented.body.message).toBe('Son auteur ou son autrice n’a pas accepté que cette ressource soit publiée avec son nom : elle ne peut pas l’être sans son accord.');
    expect((await s.amina.client.put(url, { ...change, confidential: false, publishable: true })).status).toBe(204);
    expect((await s.f.admin.get(url)).body).toMatchObject({ body: 'Le texte **revu**.', licence: 'CC-BY-SA-4.0', publishable: true, can: { publish: true, unpublish: false } });
    expect((await s.f.admin.post(`${url}/publish`)).status).toBe(204);
    expect((await s.f.admin.post(`${url}/publish`)).status).toBe(409);
    expect((await s.f.admin.get(url)).body).toMatchObject({ publishedAt: expect.any(String), can: { publish: false, unpublish: true } });
    const stillPublished = await s.amina.client.put(url, { ...change, confidential: true });
    expect(stillPublished.status).toBe(409);
    expect(stillPublished.body.message).toContain('Cette ressource est publiée');
    // Only its author gives or withdraws consent: a facilitator's change keeps their word.
    expect((await s.f.admin.put(url, { ...change, confidential: false, publishable: false })).status).toBe(204);
    expect((await s.f.admin.get(url)).body).toMatchObject({ publishable: true, publishedAt: expect.any(String) });
    expect((await s.f.admin.post(`${url}/unpublish`)).status).toBe(204);
    expect((await s.f.admin.post(`${url}/publish`)).status).toBe(204);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
    // Withdrawn, the consent takes the resource back from the public pages.
    expect((await s.amina.client.put(url, { ...change, confidential: false, publishable: false })).status).toBe(204);
    expect((await s.f.admin.get(url)).body).toMatchObject({ publishable: false, publishedAt: null, can: { publish: false, unpublish: false } });

    const link = await share(s.bruno.client, s, { kind: 'link', title: 'Site', url: 'https://site.example.org' });
    expect((await s.amina.client.delete(`${s.f.base}/resources/${link.body.id}`)).status).toBe(403);
    expect((await s.f.admin.delete(`${s.f.base}/resources/${link.body.id}`)).status).toBe(204);
    const doc = await share(s.bruno.client, s, document('notes.md', 'text/markdown', DOCUMENTS.markdown));
    expect((await s.bruno.client.delete(`${s.f.base}/resources/${doc.body.id}`)).status).toBe(204);
    expect(await t.store.db.selectFrom('workspace_file').select('id').where('partnership_id', '=', s.f.partnershipId).execute()).toEqual([]);
    expect(await titles(s.bruno.client, s)).toEqual(['Notre méthode']);
    const kinds = (await journalOf(t, s.f.partnershipId)).map((entry) => entry.kind).filter((kind) => kind.startsWith('resource.'));
    expect(kinds).toEqual([
      ...['resource.added', 'resource.changed', 'resource.changed', 'resource.changed', 'resource.changed', 'resource.published', 'resource.changed', 'resource.unpublished', 'resource.published'],
      ...['resource.changed', 'resource.unpublished', 'resource.added', 'resource.removed', 'resource.added', 'resource.removed'],
    ]);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('leaves in its author’s export, and stays the group’s without their name once they are erased', async () => {
    const s = await accompanimentWithGroup(t, log);
    const article = await share(s.amina.client, s, { kind: 'article', title: 'Ce que nous avons appris', body: 'Beaucoup.', tags: ['bilan'], publishable: true });
    const notes = await share(s.amina.client, s, { ...document('notes.md', 'text/markdown', DOCUMENTS.markdown), publishable: true });
    expect((await s.f.admin.post(`${s.f.base}/resources/${article.body.id}/publish`)).status).toBe(204);
    await share(s.bruno.client, s, { kind: 'link', title: 'Le site de Bruno', url: 'https://bruno.example.org' });
    const exported = await t.app.inject({ method: 'GET', url: '/api/v1/auth/export', headers: { cookie: s.amina.client.cookie! } });
    type Exported = { title: string; file_name: string | null; tags: string[]; author_consents: boolean; published_at: string | null };
    const exportedResources = (exported.json().resources as Exported[]).sort((a, b) => a.title.localeCompare(b.title, 'fr'));
    expect(exportedResources.map((resource) => [resource.title, resource.file_name, resource.tags, resource.author_consents, resource.published_at !== null])).toEqual([
      ['Ce que nous avons appris', null, ['bilan'], true, true],
      ['notes.md', 'notes.md', [], true, false],
    ]);
    // Consent withdrawn, the export says so.
    const withdrawn = { title: 'notes.md', summary: '', tags: [], licence: 'CC-BY-SA-4.0', confidential: false, outputTitle: null, publishable: false };
    expect((await s.amina.client.put(`${s.f.base}/resources/${notes.body.id}`, withdrawn)).status).toBe(204);
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/auth/export', headers: { cookie: s.amina.client.cookie! } });
    expect((again.json().resources as Exported[]).find((resource) => resource.title === 'notes.md')?.author_consents).toBe(false);
    expect((await s.f.admin.post(`${s.f.base}/people/${s.amina.personId}/erase`)).status).toBe(200);
    expect((await s.bruno.client.get(`${s.f.base}/resources/${article.body.id}`)).body).toMatchObject({ title: 'Ce que nous avons appris', author: null, body: 'Beaucoup.', publishedAt: expect.any(String) });
    // Published before, it stays so; no one is left to consent to publishing another.
    expect((await s.f.admin.post(`${s.f.base}/resources/${notes.body.id}/publish`)).body.message).toContain('n’a pas accepté');
    const authored = await t.store.db.selectFrom('resource').select('id').where('author_id', '=', s.amina.personId).execute();
    const uploaded = await t.store.db.selectFrom('workspace_file').select('id').where('uploaded_by', '=', s.amina.personId).execute();
    expect([authored, uploaded]).toEqual([[], []]);
    expect(await checkStateAgainstJournal(t.store.db, s.f.partnershipId)).toEqual([]);
  });

  it('is read-only once the space is archived', async () => {
    const s = await accompanimentWithGroup(t, log);
    const link = await share(s.amina.client, s, { kind: 'link', title: 'Site', url: 'https://site.example.org' });
    expect((await s.f.admin.post(`${s.url}/archive`)).status).toBe(204);
    expect((await s.amina.client.get(`${s.url}/resources`)).body).toMatchObject({ accompaniment: { archived: true }, can: { add: false } });
    expect((await s.f.admin.get(`${s.f.base}/resources/${link.body.id}`)).body.can).toEqual({ change: false, publish: false, unpublish: false });
    const refused = await share(s.amina.client, s, { kind: 'link', title: 'Encore', url: 'https://encore.example.org' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Cet accompagnement est archivé : il se lit, il ne change plus.');
    for (const content of [DOCUMENTS.pdf, DOCUMENTS.markdown]) expect((await share(s.amina.client, s, document('notes.pdf', 'application/pdf', content))).status).toBe(409);
    expect((await s.f.admin.post(`${s.f.base}/resources/${link.body.id}/publish`)).status).toBe(409);
    expect((await s.amina.client.delete(`${s.f.base}/resources/${link.body.id}`)).status).toBe(409);
  });
});
