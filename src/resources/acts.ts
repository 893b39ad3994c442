import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import type { Database } from '../common/database/schema.js';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import { partnershipRules } from '../charters/queries.js';
import type { Licence } from '../charters/rules/enums.js';
import { openAccompanimentForAct } from '../accompaniments/access.js';
import { mayContribute } from '../accompaniments/rules.js';
import { textHash } from '../journal/chain.js';
import type { JournalEvent } from '../journal/journal-store.js';
import type { documentInput, resourceChangeInput, resourceInput } from './contract.js';
import { DOCUMENT_MAX_BYTES, documentRefusal, isOpenLicence, mayChangeResource, mayPublishResource, publicationRefusal, seesResource } from './rules.js';

type Trx = Transaction<Database>;

const inAccompaniments = (ctx: ActContext) => ({ partnershipId: ctx.partnershipId, viewer: ctx.viewer });

/** The fingerprint of what a resource says, for its journal entries (which keep no words). */
const contentHash = (resource: { title: string; summary: string; tags: readonly string[]; url: string | null; body: string | null }) =>
  textHash(JSON.stringify([resource.title, resource.summary, resource.tags, resource.url, resource.body]));

/** The charter's outputs to publish: a resource may say it answers one of them, and no other title. */
async function requireOutput(trx: Trx, partnershipId: string, outputTitle: string | null): Promise<void> {
  if (outputTitle === null) return;
  const outputs = (await partnershipRules(trx, partnershipId))?.licence.outputs ?? [];
  if (!outputs.includes(outputTitle)) throw invalid('outputTitle', 'resource.error.notAnOutput');
}

/**
 * A document as the act keeps it: decoded, within the size, and of the type its sender declared,
 * as its own first bytes show (a program renamed `.pdf` is refused).
 */
async function checkedDocument(document: z.infer<typeof documentInput>): Promise<Buffer> {
  const content = Buffer.from(document.contentBase64, 'base64');
  if (content.length === 0) throw invalid('file.contentBase64', 'resource.error.fileContent');
  if (content.length > DOCUMENT_MAX_BYTES) throw invalid('file.contentBase64', 'resource.error.fileTooLarge');
  const detected = await fileTypeFromBuffer(content);
  const refusal = documentRefusal(document.contentType, detected?.mime, content);
  if (refusal !== null) throw invalid('file.contentType', refusal);
  return content;
}

/**
 * A member of the space shares a document, a link or a short article, as its author, under the
 * space's licence unless they choose another.
 */
export async function addResource(ctx: ActContext, accompanimentId: string, input: z.infer<typeof resourceInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    // Who may share, and whether the space is still open, come first: a reader or an archived
    // space is told so (403, 409) whatever document they send, which is only then decoded.
    const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), accompanimentId);
    if (!mayContribute(accompaniment.reach)) throw forbidden();
    const content = input.kind === 'file' ? await checkedDocument(input.file) : null;
    await requireOutput(trx, ctx.partnershipId, input.outputTitle);
    const licence: Licence = input.licence ?? accompaniment.licence;
    let fileId: string | null = null;
    let fileSha256: string | null = null;
    if (input.kind === 'file' && content !== null) {
      fileId = randomUUID();
      fileSha256 = createHash('sha256').update(content).digest('hex');
      await trx
        .insertInto('workspace_file')
        .values({
          id: fileId,
          partnership_id: ctx.partnershipId,
          file_name: input.file.fileName,
          content_type: input.file.contentType,
          size_bytes: content.length,
          sha256: fileSha256,
          content,
          uploaded_by: ctx.viewer.personId,
          uploaded_at: ctx.now,
        })
        .execute();
    }
    const url = input.kind === 'link' ? input.url : null;
    const body = input.kind === 'article' ? input.body : null;
    const id = randomUUID();
    await trx
      .insertInto('resource')
      .values({
        id,
        partnership_id: ctx.partnershipId,
        accompaniment_id: accompanimentId,
        kind: input.kind,
        title: input.title,
        summary: input.summary,
        url,
        body,
        file_id: fileId,
        author_id: ctx.viewer.personId,
        tags: input.tags,
        licence,
        confidential: input.confidential,
        output_title: input.outputTitle,
        author_consents: input.publishable,
        created_by: ctx.viewer.personId,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .execute();
    const payload = {
      resourceId: id,
      accompanimentId,
      kind: input.kind,
      authorId: ctx.viewer.personId,
      licence,
      confidential: input.confidential,
      publishable: input.publishable,
      fileSha256,
      contentHash: contentHash({ ...input, url, body }),
    };
    return { result: { id }, events: [{ kind: 'resource.added', payload }] };
  });
}

/**
 * The resource an act changes, locked, in its accompaniment opened for the act (409 once
 * archived); 404 for whoever may not see it, as for a resource that does not exist.
 */
async function resourceForAct(trx: Trx, ctx: ActContext, resourceId: string) {
  const resource = await trx
    .selectFrom('resource')
    .select(['id', 'accompaniment_id', 'kind', 'author_id', 'author_consents', 'licence', 'confidential', 'published_at', 'file_id', 'url', 'body'])
    .where('id', '=', resourceId)
    .where('partnership_id', '=', ctx.partnershipId)
    .forUpdate()
    .executeTakeFirst();
  if (!resource) throw notFound();
  const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), resource.accompaniment_id);
  if (!seesResource(accompaniment.reach, resource.confidential)) throw notFound();
  return { resource: { ...resource, licence: resource.licence as Licence }, accompaniment };
}

/**
 * Its author or a facilitator changes what a resource says, its licence and its confidentiality; a
 * published one stays open and shared. Only its author gives or withdraws consent to publication
 * (a facilitator's change keeps the author's word); withdrawn, the resource leaves the public pages.
 */
export async function changeResource(ctx: ActContext, resourceId: string, input: z.infer<typeof resourceChangeInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { resource, accompaniment } = await resourceForAct(trx, ctx, resourceId);
    if (!mayChangeResource(accompaniment.reach, ctx.viewer.personId, resource.author_id)) throw forbidden();
    if (input.url !== undefined && resource.kind !== 'link') throw invalid('url', 'resource.error.onlyForLinks');
    if (input.body !== undefined && resource.kind !== 'article') throw invalid('body', 'resource.error.onlyForArticles');
    if (resource.published_at !== null && (input.confidential || !isOpenLicence(input.licence))) throw conflict('resource.refusal.stillPublished');
    await requireOutput(trx, ctx.partnershipId, input.outputTitle);
    const url = input.url ?? resource.url;
    const body = input.body ?? resource.body;
    const byAuthor = resource.author_id === ctx.viewer.personId;
    const publishable = byAuthor && input.publishable !== undefined ? input.publishable : resource.author_consents;
    const withdrawn = resource.published_at !== null && byAuthor && !publishable;
    await trx
      .updateTable('resource')
      .set({
        title: input.title,
        summary: input.summary,
        tags: input.tags,
        licence: input.licence,
        confidential: input.confidential,
        output_title: input.outputTitle,
        author_consents: publishable,
        ...(withdrawn ? { published_at: null } : {}),
        url,
        body,
        updated_at: ctx.now,
      })
      .where('id', '=', resourceId)
      .execute();
    const payload = { resourceId, licence: input.licence, confidential: input.confidential, publishable, contentHash: contentHash({ ...input, url, body }) };
    const changed: JournalEvent = { kind: 'resource.changed', payload };
    return { result: undefined, events: withdrawn ? [changed, { kind: 'resource.unpublished', payload: { resourceId } }] : [changed] };
  });
}

/** Its author or a facilitator removes a resource, and its document with it. */
export async function removeResource(ctx: ActContext, resourceId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { resource, accompaniment } = await resourceForAct(trx, ctx, resourceId);
    if (!mayChangeResource(accompaniment.reach, ctx.viewer.personId, resource.author_id)) throw forbidden();
    await trx.deleteFrom('resource').where('id', '=', resourceId).execute();
    if (resource.file_id !== null) await trx.deleteFrom('workspace_file').where('id', '=', resource.file_id).execute();
    return { result: undefined, events: [{ kind: 'resource.removed', payload: { resourceId } }] };
  });
}

/** A facilitator publishes a resource on the partnership's public pages: only an open, shared one. */
export async function publishResource(ctx: ActContext, resourceId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { resource, accompaniment } = await resourceForAct(trx, ctx, resourceId);
    if (!mayPublishResource(accompaniment.reach)) throw forbidden();
    if (resource.published_at !== null) throw conflict('resource.refusal.alreadyPublished');
    const refusal = publicationRefusal({ ...resource, authorId: resource.author_id, authorConsents: resource.author_consents }, ctx.viewer.personId);
    if (refusal !== null) throw conflict(refusal);
    await trx.updateTable('resource').set({ published_at: ctx.now }).where('id', '=', resourceId).execute();
    return { result: undefined, events: [{ kind: 'resource.published', payload: { resourceId } }] };
  });
}

/** A facilitator takes a resource back from the public pages. */
export async function unpublishResource(ctx: ActContext, resourceId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { resource, accompaniment } = await resourceForAct(trx, ctx, resourceId);
    if (!mayPublishResource(accompaniment.reach)) throw forbidden();
    if (resource.published_at === null) throw conflict('resource.refusal.notPublished');
    await trx.updateTable('resource').set({ published_at: null }).where('id', '=', resourceId).execute();
    return { result: undefined, events: [{ kind: 'resource.unpublished', payload: { resourceId } }] };
  });
}
