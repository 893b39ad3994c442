import type { Kysely } from 'kysely';
import { notFound } from '../common/errors.js';
import type { Database } from '../common/database/schema.js';
import { isOpenLicence, type OpenLicence } from './rules.js';

type Db = Kysely<Database>;

/**
 * What anyone may read of a partnership without signing in (issue 21): its resources explicitly
 * published (the table's check already holds them to an open licence and not confidential; the
 * same conditions are asked again here, so a row that slipped past it stays private) and the
 * harvest's experience articles published with their author's consent, under their
 * accompaniment's licence when it is open. Nothing else: an unpublished or unknown id, or another
 * partnership's, answers the same 404 (a malformed one never reaches here: routes.ts).
 */
function publishedResources(db: Db, partnershipId: string) {
  return db
    .selectFrom('resource as r')
    .leftJoin('person as author', (join) => join.onRef('author.id', '=', 'r.author_id').on('author.erased_at', 'is', null))
    .where('r.partnership_id', '=', partnershipId)
    .where('r.published_at', 'is not', null)
    .where('r.confidential', '=', false)
    .where('r.licence', '<>', 'all_rights_reserved');
}

function publishedArticles(db: Db, partnershipId: string) {
  return db
    .selectFrom('harvest_item as h')
    .innerJoin('accompaniment as a', 'a.id', 'h.accompaniment_id')
    .leftJoin('person as author', (join) => join.onRef('author.id', '=', 'h.author_id').on('author.erased_at', 'is', null))
    .where('h.partnership_id', '=', partnershipId)
    .where('a.partnership_id', '=', partnershipId)
    .where('h.publication', '=', 'published')
    .where('h.published_at', 'is not', null)
    .where('a.licence', '<>', 'all_rights_reserved');
}

/** The licence a published row carries, which the queries above hold to an open one. */
function openLicenceOf(licence: string): OpenLicence {
  if (!isOpenLicence(licence)) throw new Error(`a published row under ${licence}`);
  return licence;
}

const resourceSummary = (row: { id: string; kind: string; title: string; summary: string; tags: string[]; licence: string; author: string | null; published_at: Date | null }) => ({
  id: row.id,
  kind: row.kind as 'file' | 'link' | 'article',
  title: row.title,
  summary: row.summary,
  tags: row.tags,
  licence: openLicenceOf(row.licence),
  author: row.author,
  publishedAt: row.published_at!,
});

const articleSummary = (row: { id: string; kind: string; title: string | null; licence: string; author: string | null; published_at: Date | null }) => ({
  id: row.id,
  kind: row.kind as 'nugget' | 'pebble',
  title: row.title,
  licence: openLicenceOf(row.licence),
  author: row.author,
  publishedAt: row.published_at!,
});

/** A public listing is bounded: a partnership publishes a few dozen things, the feed tells the latest. */
const LISTED = 500;

/**
 * The partnership's public page, latest first. A partnership that published nothing has no public
 * page at all (404): its name is not public either.
 */
export async function publicPage(db: Db, partnershipId: string) {
  const [partnership, resources, articles] = await Promise.all([
    db.selectFrom('partnership').select(['id', 'name']).where('id', '=', partnershipId).executeTakeFirst(),
    publishedResources(db, partnershipId)
      .select(['r.id', 'r.kind', 'r.title', 'r.summary', 'r.tags', 'r.licence', 'author.full_name as author', 'r.published_at'])
      .orderBy('r.published_at', 'desc')
      .orderBy('r.id')
      .limit(LISTED)
      .execute(),
    publishedArticles(db, partnershipId)
      .select(['h.id', 'h.kind', 'h.publication_title as title', 'a.licence', 'author.full_name as author', 'h.published_at'])
      .orderBy('h.published_at', 'desc')
      .orderBy('h.id')
      .limit(LISTED)
      .execute(),
  ]);
  if (!partnership || (resources.length === 0 && articles.length === 0)) throw notFound();
  return { partnership, resources: resources.map(resourceSummary), articles: articles.map(articleSummary) };
}

async function partnershipName(db: Db, partnershipId: string) {
  return db.selectFrom('partnership').select(['id', 'name']).where('id', '=', partnershipId).executeTakeFirstOrThrow();
}

/** One published resource, with its article's Markdown, its link or its file's description. */
export async function publicResource(db: Db, partnershipId: string, resourceId: string) {
  const row = await publishedResources(db, partnershipId)
    .leftJoin('workspace_file as f', (join) => join.onRef('f.id', '=', 'r.file_id').onRef('f.partnership_id', '=', 'r.partnership_id'))
    .select(['r.id', 'r.kind', 'r.title', 'r.summary', 'r.tags', 'r.licence', 'author.full_name as author', 'r.published_at', 'r.body', 'r.url', 'f.file_name', 'f.content_type', 'f.size_bytes'])
    .where('r.id', '=', resourceId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return {
    ...resourceSummary(row),
    partnership: await partnershipName(db, partnershipId),
    body: row.kind === 'article' ? row.body : null,
    url: row.kind === 'link' ? row.url : null,
    file: row.kind === 'file' && row.file_name !== null ? { name: row.file_name, contentType: row.content_type!, sizeBytes: row.size_bytes! } : null,
  };
}

/** The file of a published resource, to download. */
export async function publicResourceFile(db: Db, partnershipId: string, resourceId: string) {
  const file = await publishedResources(db, partnershipId)
    .innerJoin('workspace_file as f', (join) => join.onRef('f.id', '=', 'r.file_id').onRef('f.partnership_id', '=', 'r.partnership_id'))
    .select(['f.file_name', 'f.content_type', 'f.content'])
    .where('r.id', '=', resourceId)
    .where('r.kind', '=', 'file')
    .executeTakeFirst();
  if (!file) throw notFound();
  return file;
}

/** One published experience article of the harvest. */
export async function publicArticle(db: Db, partnershipId: string, itemId: string) {
  const row = await publishedArticles(db, partnershipId)
    .select(['h.id', 'h.kind', 'h.publication_title as title', 'a.licence', 'author.full_name as author', 'h.published_at', 'h.text'])
    .where('h.id', '=', itemId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return { ...articleSummary(row), partnership: await partnershipName(db, partnershipId), text: row.text };
}

/**
 * What the Atom feed carries: the latest published things with their full text, at most `limit`
 * of each kind; like the page, a partnership that published nothing has no feed (404).
 */
export async function publicFeedEntries(db: Db, partnershipId: string, limit: number) {
  const [partnership, resources, articles] = await Promise.all([
    db.selectFrom('partnership').select(['id', 'name']).where('id', '=', partnershipId).executeTakeFirst(),
    publishedResources(db, partnershipId)
      .select(['r.id', 'r.kind', 'r.title', 'r.summary', 'r.tags', 'r.licence', 'author.full_name as author', 'r.published_at', 'r.body', 'r.url'])
      .orderBy('r.published_at', 'desc')
      .orderBy('r.id')
      .limit(limit)
      .execute(),
    publishedArticles(db, partnershipId)
      .select(['h.id', 'h.kind', 'h.publication_title as title', 'a.licence', 'author.full_name as author', 'h.published_at', 'h.text'])
      .orderBy('h.published_at', 'desc')
      .orderBy('h.id')
      .limit(limit)
      .execute(),
  ]);
  if (!partnership || (resources.length === 0 && articles.length === 0)) throw notFound();
  return {
    partnership,
    resources: resources.map((row) => ({ ...resourceSummary(row), body: row.kind === 'article' ? row.body : null, url: row.kind === 'link' ? row.url : null })),
    articles: articles.map((row) => ({ ...articleSummary(row), text: row.text })),
  };
}
