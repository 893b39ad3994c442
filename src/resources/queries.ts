import { sql, type Kysely } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { notFound } from '../common/errors.js';
import { partnershipRules } from '../charters/queries.js';
import type { Licence } from '../charters/rules/enums.js';
import { accompanimentInView, type AccompanimentInView, type InAccompaniments } from '../accompaniments/access.js';
import { mayContribute, seesConfidential } from '../accompaniments/rules.js';
import type { resourcesQuery } from './contract.js';
import { mayChangeResource, mayPublishResource, outputsDue, publicationRefusal, seesResource, type ResourceKind } from './rules.js';
import type { z } from 'zod';

type Db = Kysely<Database>;

/** The columns a resource's card shows (never a document's content). */
function resourceRows(db: Db) {
  return db
    .selectFrom('resource as r')
    .leftJoin('person as a', 'a.id', 'r.author_id')
    .leftJoin('workspace_file as f', 'f.id', 'r.file_id')
    .select([
      'r.id',
      'r.accompaniment_id',
      'r.kind',
      'r.title',
      'r.summary',
      'r.url',
      'r.body',
      'r.author_id',
      'r.author_consents',
      'a.full_name as author_name',
      'f.file_name',
      'f.content_type',
      'f.size_bytes',
      'r.tags',
      'r.licence',
      'r.confidential',
      'r.output_title',
      'r.published_at',
      'r.created_at',
      'r.updated_at',
    ]);
}
type ResourceRow = Awaited<ReturnType<ReturnType<typeof resourceRows>['executeTakeFirstOrThrow']>>;

function resourceSummary(row: ResourceRow, accompaniment: AccompanimentInView, viewerId: string) {
  const open = accompaniment.archivedAt === null;
  const licence = row.licence as Licence;
  const publishes = open && mayPublishResource(accompaniment.reach);
  return {
    id: row.id,
    kind: row.kind as ResourceKind,
    title: row.title,
    summary: row.summary,
    url: row.url,
    file: row.file_name !== null && row.content_type !== null && row.size_bytes !== null ? { fileName: row.file_name, contentType: row.content_type, sizeBytes: row.size_bytes } : null,
    author: row.author_id !== null && row.author_name !== null ? { id: row.author_id, fullName: row.author_name } : null,
    tags: row.tags,
    licence,
    confidential: row.confidential,
    outputTitle: row.output_title,
    publishable: row.author_consents,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can: {
      change: open && mayChangeResource(accompaniment.reach, viewerId, row.author_id),
      publish:
        publishes &&
        row.published_at === null &&
        publicationRefusal({ licence, confidential: row.confidential, authorId: row.author_id, authorConsents: row.author_consents }, viewerId) === null,
      unpublish: publishes && row.published_at !== null,
    },
  };
}

/**
 * The charter's outputs to publish, each with the published resources of the partnership that
 * answer it; for someone from outside, only those of the space they were invited to (the other
 * spaces' titles are not theirs to read).
 */
async function charterOutputs(db: Db, partnershipId: string, onlyAccompanimentId: string | null) {
  let published = db
    .selectFrom('resource')
    .select(['id', 'title', 'accompaniment_id', 'output_title'])
    .where('partnership_id', '=', partnershipId)
    .where('published_at', 'is not', null)
    .where('output_title', 'is not', null);
  if (onlyAccompanimentId !== null) published = published.where('accompaniment_id', '=', onlyAccompanimentId);
  const [rules, answering] = await Promise.all([partnershipRules(db, partnershipId), published.orderBy('published_at').orderBy('id').execute()]);
  const outputs = rules?.licence.outputs ?? [];
  const answers = answering.map((row) => ({ id: row.id, title: row.title, accompanimentId: row.accompaniment_id, outputTitle: row.output_title }));
  return {
    list: outputs,
    due: outputsDue(outputs, answers).map((output) => ({ title: output.title, resources: output.resources.map(({ id, title, accompanimentId }) => ({ id, title, accompanimentId })) })),
  };
}

/**
 * The space's resources the viewer sees (confidential ones for its members only), newest first,
 * or best matching first for a search in French (accents and endings ignored: « evenement » finds
 * « Événements »), filtered by a tag; with the tags in use and the charter's outputs to publish.
 */
export async function resourcesPage(db: Db, scope: InAccompaniments, accompanimentId: string, query: z.infer<typeof resourcesQuery>) {
  const accompaniment = await accompanimentInView(db, scope, accompanimentId);
  const confidentialSeen = seesConfidential(accompaniment.reach);
  const words = query.q ?? '';
  let listed = resourceRows(db).where('r.accompaniment_id', '=', accompanimentId);
  if (!confidentialSeen) listed = listed.where('r.confidential', '=', false);
  if (words !== '') {
    const asked = sql`websearch_to_tsquery('entente_french', ${words})`;
    listed = listed.where(sql<boolean>`r.search @@ ${asked}`).orderBy(sql`ts_rank(r.search, ${asked})`, 'desc');
  }
  if (query.tag !== undefined && query.tag !== '') listed = listed.where(sql<boolean>`r.tags @> array[${query.tag}]::text[]`);
  let tagged = db
    .selectFrom(sql<{ tag: string; confidential: boolean }>`(select unnest(tags) as tag, confidential from resource where accompaniment_id = ${accompanimentId})`.as('t'))
    .select(['t.tag', (eb) => eb.fn.countAll<string>().as('n')]);
  if (!confidentialSeen) tagged = tagged.where('t.confidential', '=', false);
  const [rows, tags, outputs] = await Promise.all([
    listed.orderBy('r.created_at', 'desc').orderBy('r.id').limit(500).execute(),
    tagged.groupBy('t.tag').execute(),
    charterOutputs(db, scope.partnershipId, scope.viewer.outsider === true ? accompanimentId : null),
  ]);
  return {
    accompaniment: { id: accompaniment.id, title: accompaniment.title, licence: accompaniment.licence, archived: accompaniment.archivedAt !== null },
    resources: rows.map((row) => resourceSummary(row, accompaniment, scope.viewer.personId)),
    tags: tags
      .map((row) => ({ tag: row.tag, count: Number(row.n) }))
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, 'fr'))
      .slice(0, 100),
    outputs: outputs.due,
    can: { add: accompaniment.archivedAt === null && mayContribute(accompaniment.reach) },
  };
}

/** One resource the viewer may see, in its accompaniment; 404 otherwise, as for one that does not exist. */
async function visibleResource(db: Db, scope: InAccompaniments, resourceId: string) {
  const row = await resourceRows(db).where('r.id', '=', resourceId).where('r.partnership_id', '=', scope.partnershipId).executeTakeFirst();
  if (!row) throw notFound();
  const accompaniment = await accompanimentInView(db, scope, row.accompaniment_id);
  if (!seesResource(accompaniment.reach, row.confidential)) throw notFound();
  return { row, accompaniment };
}

/** A resource's page: its card, an article's text, and the outputs it may answer. */
export async function resourcePage(db: Db, scope: InAccompaniments, resourceId: string) {
  const { row, accompaniment } = await visibleResource(db, scope, resourceId);
  const rules = await partnershipRules(db, scope.partnershipId);
  return {
    ...resourceSummary(row, accompaniment, scope.viewer.personId),
    accompaniment: { id: accompaniment.id, title: accompaniment.title, archived: accompaniment.archivedAt !== null },
    body: row.body,
    outputs: rules?.licence.outputs ?? [],
  };
}

/** A document's bytes, for whoever may see its resource. */
export async function documentOf(db: Db, scope: InAccompaniments, resourceId: string) {
  await visibleResource(db, scope, resourceId);
  const file = await db
    .selectFrom('resource as r')
    .innerJoin('workspace_file as f', 'f.id', 'r.file_id')
    .select(['f.file_name', 'f.content_type', 'f.content'])
    .where('r.id', '=', resourceId)
    .executeTakeFirst();
  if (!file) throw notFound();
  return file;
}
