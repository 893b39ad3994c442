import { createHash, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { accompanimentWithGroup } from './accompaniment.js';
import { newMember, newPartnership, type ServerLog, type TestApp } from './test-app.js';

/**
 * A world for the public pages (issue 21), its rows written directly as slices C and D would:
 * partnership A publishes an article, a link and a file, and two harvest articles (one whose
 * author was erased); it also holds a draft, a confidential and an all-rights-reserved resource,
 * an unpublished file, private and asked harvest items, a space whose licence became « all rights
 * reserved » with a published item, and people with addresses. B publishes too; C publishes nothing.
 */
export const PDF = Buffer.from('%PDF-1.4\n% Guide public\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const SECRET_FILE = Buffer.from('%PDF-1.4\n% SECRET-FICHIER-CONTENU\n%%EOF\n');

export interface World {
  a: { id: string; name: string };
  b: { id: string; name: string };
  /** A partnership that published nothing. */
  c: { id: string; name: string };
  published: { resources: string[]; files: string[]; articles: string[] };
  publishedOfB: { resources: string[]; files: string[]; articles: string[] };
  /** Every id the world holds, public or not. */
  ids: string[];
  /** Words that must never leave: unpublished titles and texts, names of non-authors, addresses, B's things in A's answers. */
  secrets: string[];
  /** B's published words, never in A's answers, and A's in B's. */
  wordsOfA: string[];
  wordsOfB: string[];
}

async function insertFile(t: TestApp, partnershipId: string, name: string, content: Buffer) {
  const id = randomUUID();
  await t.store.db
    .insertInto('workspace_file')
    .values({ id, partnership_id: partnershipId, file_name: name, content_type: 'application/pdf', size_bytes: content.length, sha256: createHash('sha256').update(content).digest('hex'), content, uploaded_by: null, uploaded_at: t.clock.now() })
    .execute();
  return id;
}

type ResourceRow = { kind: 'file' | 'link' | 'article'; title: string; summary?: string; body?: string; url?: string; fileId?: string; authorId?: string | null; licence?: string; confidential?: boolean; published?: boolean; tags?: string[] };
async function insertResource(t: TestApp, partnershipId: string, accompanimentId: string, row: ResourceRow, publishedAt = t.clock.now()) {
  const id = randomUUID();
  await t.store.db
    .insertInto('resource')
    .values({
      id,
      partnership_id: partnershipId,
      accompaniment_id: accompanimentId,
      kind: row.kind,
      title: row.title,
      summary: row.summary ?? '',
      body: row.kind === 'article' ? (row.body ?? '') : null,
      url: row.kind === 'link' ? (row.url ?? 'https://example.org/') : null,
      file_id: row.fileId ?? null,
      author_id: row.authorId ?? null,
      tags: row.tags ?? [],
      licence: row.licence ?? 'CC-BY-SA-4.0',
      confidential: row.confidential ?? false,
      published_at: row.published ? publishedAt : null,
      created_by: null,
      created_at: t.clock.now(),
      updated_at: t.clock.now(),
    })
    .execute();
  return id;
}

type HarvestRow = { kind: 'nugget' | 'pebble'; text: string; authorId: string | null; publication: 'private' | 'asked' | 'published'; title?: string };
async function insertHarvest(t: TestApp, partnershipId: string, accompanimentId: string, row: HarvestRow, publishedAt = t.clock.now()) {
  const id = randomUUID();
  await t.store.db
    .insertInto('harvest_item')
    .values({
      id,
      partnership_id: partnershipId,
      accompaniment_id: accompanimentId,
      kind: row.kind,
      text: row.text,
      author_id: row.authorId,
      created_at: t.clock.now(),
      publication: row.publication,
      publication_title: row.title ?? null,
      publication_asked_at: row.publication === 'private' ? null : t.clock.now(),
      published_at: row.publication === 'published' ? publishedAt : null,
    })
    .execute();
  return id;
}

export async function publicWorld(t: TestApp, log: ServerLog): Promise<World> {

  // Partnership A: a group at work, some of it published.
  const s = await accompanimentWithGroup(t, log, 'SECRET-ACCOMPAGNEMENT des conseils');
  const a = s.f.partnershipId;
  const aName = 'Les Rives publiques';
  await t.store.db.updateTable('partnership').set({ name: aName }).where('id', '=', a).execute();
  const day = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60_000);
  const publishedFile = await insertFile(t, a, 'guide-des-conseils.pdf', PDF);
  const secretFile = await insertFile(t, a, 'SECRET-fichier-interne.pdf', SECRET_FILE);
  const article = await insertResource(t, 
    a,
    s.id,
    {
      kind: 'article',
      title: 'Coopérer entre conseils citoyens',
      summary: 'Ce que nous avons appris',
      body: '## Trois leçons\n\nSe parler **tôt**. <script>alert(1)</script> [un lien](https://example.org/lecons) [piège](javascript:alert(1))',
      authorId: s.amina.personId,
      tags: ['coopération'],
      published: true,
    },
    day(1),
  );
  const link = await insertResource(t, a, s.id, { kind: 'link', title: 'Le guide national', url: 'https://example.org/guide', authorId: s.bruno.personId, licence: 'CC-BY-4.0', published: true }, day(2));
  // The file's author was erased since: the file stays published, under no name.
  const gaston = await newMember(t, s.f, { fullName: 'Gaston Lefèvre' });
  const file = await insertResource(t, a, s.id, { kind: 'file', title: 'Guide des conseils (PDF)', fileId: publishedFile, authorId: gaston.personId, licence: 'CC0-1.0', published: true }, day(3));
  expect((await s.f.admin.post(`${s.f.base}/people/${gaston.personId}/erase`)).status).toBe(200);
  const draft = await insertResource(t, a, s.id, { kind: 'article', title: 'SECRET-BROUILLON', body: 'SECRET-TEXTE-BROUILLON', authorId: s.odile.personId });
  const confidential = await insertResource(t, a, s.id, { kind: 'link', title: 'SECRET-CONFIDENTIEL', url: 'https://example.org/SECRET-LIEN', authorId: s.eric.personId, confidential: true });
  const reserved = await insertResource(t, a, s.id, { kind: 'article', title: 'SECRET-RESERVE', body: 'SECRET-TEXTE-RESERVE', licence: 'all_rights_reserved' });
  const privateFile = await insertResource(t, a, s.id, { kind: 'file', title: 'SECRET-FICHIER', fileId: secretFile, authorId: s.odile.personId });
  const nugget = await insertHarvest(t, a, s.id, { kind: 'nugget', text: 'Le **tour de table** du matin a tout changé.', authorId: s.bruno.personId, publication: 'published', title: 'Ce qui a marché : le tour de table' }, day(4));
  // Its author was erased since: the words stay, without a name.
  const pebble = await insertHarvest(t, a, s.id, { kind: 'pebble', text: 'Trop de sigles dans les documents.', authorId: null, publication: 'published', title: 'Un caillou : les sigles' }, day(5));
  const privateNugget = await insertHarvest(t, a, s.id, { kind: 'nugget', text: 'SECRET-PEPITE-PRIVEE', authorId: s.odile.personId, publication: 'private' });
  const asked = await insertHarvest(t, a, s.id, { kind: 'pebble', text: 'SECRET-CAILLOU-DEMANDE', authorId: s.eric.personId, publication: 'asked', title: 'SECRET-TITRE-DEMANDE' });
  // A space of A under all rights reserved (its licence changed after publishing): its articles are no longer public.
  const closed = await s.f.admin.post(`${s.f.base}/accompaniments`, { title: 'SECRET-ESPACE-FERME', licence: 'all_rights_reserved' });
  expect(closed.status).toBe(201);
  const closedArticle = await insertHarvest(t, a, closed.body.id, { kind: 'nugget', text: 'SECRET-SOUS-RESERVE', authorId: s.amina.personId, publication: 'published', title: 'SECRET-TITRE-RESERVE' });

  // Partnership B publishes too; C publishes nothing.
  const sb = await accompanimentWithGroup(t, log, 'Autre accompagnement');
  const b = sb.f.partnershipId;
  const bName = 'Autre partenariat';
  await t.store.db.updateTable('partnership').set({ name: bName }).where('id', '=', b).execute();
  const bFileId = await insertFile(t, b, 'autre-guide.pdf', PDF);
  const bResource = await insertResource(t, b, sb.id, { kind: 'article', title: 'AUTRE-PUBLIE article de B', body: 'AUTRE-TEXTE', authorId: sb.amina.personId, published: true });
  const bFile = await insertResource(t, b, sb.id, { kind: 'file', title: 'AUTRE-FICHIER de B', fileId: bFileId, published: true });
  const bArticle = await insertHarvest(t, b, sb.id, { kind: 'nugget', text: 'AUTRE-PEPITE', authorId: sb.bruno.personId, publication: 'published', title: 'AUTRE-TITRE-PEPITE' });
  const fc = await newPartnership(t);
  const cResource = (await fc.admin.post(`${fc.base}/accompaniments`, { title: 'SECRET-C' })).body.id as string;
  await insertResource(t, fc.partnershipId, cResource, { kind: 'article', title: 'SECRET-C-BROUILLON', body: 'x' });
  const cName = 'SECRET-PARTENARIAT-C';
  await t.store.db.updateTable('partnership').set({ name: cName }).where('id', '=', fc.partnershipId).execute();

  const people = [s.amina, s.bruno, s.odile, sb.amina, sb.bruno];
  return {
    a: { id: a, name: aName },
    b: { id: b, name: bName },
    c: { id: fc.partnershipId, name: cName },
    published: { resources: [article, link, file], files: [file], articles: [nugget, pebble] },
    publishedOfB: { resources: [bResource, bFile], files: [bFile], articles: [bArticle] },
    ids: [
      article, link, file, draft, confidential, reserved, privateFile, nugget, pebble, privateNugget, asked, closedArticle, closed.body.id,
      publishedFile, secretFile, bFileId, bResource, bFile, bArticle, s.id, sb.id, cResource, s.nord, s.sud,
      ...people.map((person) => person.personId), s.eric.personId, gaston.personId, s.f.adminPersonId, a, b, fc.partnershipId, randomUUID(),
    ],
    secrets: [
      'SECRET',
      s.amina.email, s.bruno.email, s.odile.email, s.eric.email, s.f.adminEmail, sb.f.adminEmail, sb.amina.email, '@',
      'Odile', 'Éric', 'Gaston', 'Personne effacée', gaston.email, 'Eric Dehors', 'Admin Test', 'Conseil citoyen', 'Faire coopérer', cName,
    ],
    wordsOfA: [aName, 'Coopérer entre conseils', 'Le guide national', 'Guide des conseils', 'tour de table', 'sigles'],
    wordsOfB: [bName, 'AUTRE'],
  };
}
