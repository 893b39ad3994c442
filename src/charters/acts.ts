import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { checkCharter, type CharterIssue } from './rules/check.js';
import type { adoptInput, createCharterInput, signInput } from './contract.js';
import { charterContentHash } from './rules/content.js';
import type { CharterDocument } from './rules/exchange.js';
import { TEMPLATE_CHARTER_KINDS, blankCharter, charterFromTemplate, type TemplateLocale } from './rules/templates.js';
import type { CharterContent, CharterKind, CharterRules } from './rules/types.js';
import { conflict, conflictAt, forbidden, notFound } from '../common/errors.js';
import { may } from '../common/permissions.js';
import type { BodyKind } from '../common/structure.js';
import type { Database } from '../common/database/schema.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import { contentOf, loadCharterReferences } from './references.js';
import { requireReference } from '../common/references.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { addLicenceOutputsInTransaction } from '../deliverables/acts.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The words signatories agree to, kept with each signature as the paper custom has it. */
export const READ_AND_APPROVED = 'Lu et approuvé';

const contentColumns = (content: CharterContent) => ({
  title: content.title,
  articles: JSON.stringify(content.articles),
  rules: JSON.stringify(content.rules),
  content_hash: charterContentHash(content),
});

/** Refuses, before anything is written, whoever may not work on the next version of this charter (see `may.amendCharter`). */
async function requireAmender(trx: Db, ctx: ActContext, charterId: string) {
  if (may.manageCharters(ctx.viewer)) return;
  const inForce = await trx
    .selectFrom('charter_version as v')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .select('v.rules')
    .where('v.charter_id', '=', charterId)
    .where('c.partnership_id', '=', ctx.partnershipId)
    .where('v.status', '=', 'adopted')
    .executeTakeFirst();
  if (!may.amendCharter(ctx.viewer, inForce ? (inForce.rules as CharterRules) : null)) throw forbidden();
}

async function insertCharterWithDraft(ctx: ActContext, kind: CharterKind, content: CharterContent, origin: string) {
  const charterId = randomUUID();
  const versionId = randomUUID();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await trx.insertInto('charter').values({ id: charterId, partnership_id: ctx.partnershipId, kind }).execute();
    await trx
      .insertInto('charter_version')
      .values({ id: versionId, charter_id: charterId, number: 1, status: 'draft', adopted_on: null, adopted_by_body_id: null, ...contentColumns(content) })
      .execute();
    return {
      result: { id: charterId, versionId },
      events: [{ kind: 'charter.created', payload: { charterId, versionId, charterKind: kind, origin, contentHash: charterContentHash(content) } }],
    };
  });
}

export async function createCharter(ctx: ActContext, input: z.infer<typeof createCharterInput>, locale: TemplateLocale) {
  if (!may.manageCharters(ctx.viewer)) throw forbidden();
  if (input.template === null) return insertCharterWithDraft(ctx, input.kind ?? 'project', blankCharter(input.title ?? 'Charte'), 'blank');
  const bodies = await ctx.db
    .selectFrom('body')
    .select(['id', 'kind'])
    .where('partnership_id', '=', ctx.partnershipId)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  const content = charterFromTemplate(input.template, { locale, bodies: bodies.map((b) => ({ id: b.id, kind: b.kind as BodyKind })), newId: randomUUID });
  return insertCharterWithDraft(ctx, TEMPLATE_CHARTER_KINDS[input.template], input.title ? { ...content, title: input.title } : content, `template:${input.template}`);
}

/** A charter file from elsewhere becomes a new charter's first draft; it is adopted here, by this partnership's rules. */
export async function importCharter(ctx: ActContext, document: CharterDocument) {
  if (!may.manageCharters(ctx.viewer)) throw forbidden();
  return insertCharterWithDraft(ctx, document.kind, document.content, 'import');
}

/**
 * Recording an adoption by hand is for a charter's first version, adopted before the partnership
 * used Entente (on paper, in a meeting): once a charter has been adopted, its revisions are
 * decided by a proposal to the body its revision rule names.
 */
async function refuseIfAdoptedBefore(trx: Db, ctx: Pick<ActContext, 'partnershipId'>, charterId: string) {
  const adopted = await trx
    .selectFrom('charter_version as v')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .select('v.id')
    .where('c.id', '=', charterId)
    .where('c.partnership_id', '=', ctx.partnershipId)
    .where('v.status', '<>', 'draft')
    .executeTakeFirst();
  if (adopted) throw conflict('error.reviseByDecision');
}

/** A draft put to a decision is the text the body is deciding on: it stays as it is until then. */
async function refuseIfUnderDecision(trx: Db, versionId: string) {
  const open = await trx.selectFrom('proposal').select('id').where('charter_draft_version_id', '=', versionId).where('status', '=', 'open').executeTakeFirst();
  if (open) throw conflict('error.draftUnderDecision');
}

async function lockedVersion(trx: Db, ctx: Pick<ActContext, 'partnershipId'>, charterId: string, versionId: string) {
  const version = await trx
    .selectFrom('charter_version as v')
    .innerJoin('charter as c', 'c.id', 'v.charter_id')
    .select(['v.id', 'v.number', 'v.status', 'v.title', 'v.articles', 'v.rules', 'v.content_hash', 'c.kind'])
    .where('v.id', '=', versionId)
    .where('v.charter_id', '=', charterId)
    .where('c.partnership_id', '=', ctx.partnershipId)
    .forUpdate()
    .executeTakeFirst();
  if (!version) throw notFound();
  return version;
}

/**
 * Saves a draft whole, as the editor holds it, and says what the check finds in it. `basedOn`, the
 * hash of the draft the editor started from, refuses the save if someone saved in between.
 */
export async function saveDraft(ctx: ActContext, charterId: string, versionId: string, content: CharterContent, basedOn?: string) {
  const contentHash = charterContentHash(content);
  await recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireAmender(trx, ctx, charterId);
    const version = await lockedVersion(trx, ctx, charterId, versionId);
    if (version.status !== 'draft') throw conflict('error.versionNotDraft');
    // Two people editing one draft: the second save must not silently undo the first.
    if (basedOn !== undefined && basedOn !== version.content_hash) throw conflict('error.versionChanged');
    await refuseIfUnderDecision(trx, versionId);
    await trx.updateTable('charter_version').set({ ...contentColumns(content), updated_at: ctx.now }).where('id', '=', versionId).execute();
    return { result: null, events: [{ kind: 'charter.draft_saved', payload: { charterId, versionId, contentHash } }] };
  });
  const references = await loadCharterReferences(ctx.db, ctx.partnershipId, [content]);
  return { id: versionId, contentHash, issues: checkCharter(content, references) };
}

/** Opens the next version as a draft copied from the adopted one (or the latest), to be revised. */
export async function startDraft(ctx: ActContext, charterId: string) {
  const versionId = randomUUID();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireAmender(trx, ctx, charterId);
    const charter = await trx
      .selectFrom('charter')
      .select('id')
      .where('id', '=', charterId)
      .where('partnership_id', '=', ctx.partnershipId)
      .forUpdate()
      .executeTakeFirst();
    if (!charter) throw notFound();
    const versions = await trx
      .selectFrom('charter_version')
      .select(['number', 'status', 'title', 'articles', 'rules'])
      .where('charter_id', '=', charterId)
      .orderBy('number', 'desc')
      .execute();
    if (versions.some((v) => v.status === 'draft')) throw conflict('error.draftExists');
    const base = versions.find((v) => v.status === 'adopted') ?? versions[0]!;
    const number = versions[0]!.number + 1;
    const content = contentOf(base);
    await trx
      .insertInto('charter_version')
      .values({ id: versionId, charter_id: charterId, number, status: 'draft', adopted_on: null, adopted_by_body_id: null, ...contentColumns(content) })
      .execute();
    return {
      result: { id: versionId },
      events: [{ kind: 'charter.draft_started', payload: { charterId, versionId, number, basedOn: base.number } }],
    };
  });
}

export async function discardDraft(ctx: ActContext, charterId: string, versionId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireAmender(trx, ctx, charterId);
    const version = await lockedVersion(trx, ctx, charterId, versionId);
    if (version.status !== 'draft') throw conflict('error.versionNotDraft');
    await refuseIfUnderDecision(trx, versionId);
    const others = await trx.selectFrom('charter_version').select('id').where('charter_id', '=', charterId).where('id', '<>', versionId).execute();
    if (others.length === 0) throw conflict('error.onlyVersion');
    await trx.deleteFrom('charter_version').where('id', '=', versionId).execute();
    return { result: { id: versionId }, events: [{ kind: 'charter.draft_discarded', payload: { charterId, versionId, number: version.number } }] };
  });
}

const issueToField = (issue: CharterIssue) => ({ path: issue.path.join('.'), messageKey: `charterCheck.${issue.code}`, params: issue.params });

/**
 * Makes a draft the charter in force, superseding the one before, once its rules hold together.
 * This is the seam decisions will drive: a consent decision of the revision body will call it
 * inside its own act, in place of a person recording what the body decided.
 */
export async function adoptVersionInTransaction(
  trx: Transaction<Database>,
  ctx: Pick<ActContext, 'partnershipId' | 'now'>,
  charterId: string,
  versionId: string,
  adoption: z.infer<typeof adoptInput>,
) {
  const version = await lockedVersion(trx, ctx, charterId, versionId);
  if (version.status !== 'draft') throw conflict('error.versionNotDraft');
  if (adoption.contentHash !== version.content_hash) throw conflict('error.versionChanged');
  if (version.kind === 'partnership') {
    // Decisions are routed by THE partnership charter: a second one in force would make that ambiguous.
    const other = await trx
      .selectFrom('charter_version as v')
      .innerJoin('charter as c', 'c.id', 'v.charter_id')
      .select('v.id')
      .where('c.partnership_id', '=', ctx.partnershipId)
      .where('c.kind', '=', 'partnership')
      .where('c.id', '<>', charterId)
      .where('v.status', '=', 'adopted')
      .executeTakeFirst();
    if (other) throw conflict('error.otherPartnershipCharter');
  }
  await requireReference(trx, 'body', adoption.bodyId, ctx.partnershipId, 'bodyId');
  const content = contentOf(version);
  const issues = checkCharter(content, await loadCharterReferences(trx, ctx.partnershipId, [content]));
  if (issues.length > 0) throw conflictAt('error.charterHasIssues', issues.map(issueToField));
  const previous = await trx
    .updateTable('charter_version')
    .set({ status: 'superseded', updated_at: ctx.now })
    .where('charter_id', '=', charterId)
    .where('status', '=', 'adopted')
    .returning('id')
    .executeTakeFirst();
  await trx
    .updateTable('charter_version')
    .set({ status: 'adopted', adopted_on: adoption.adoptedOn, adopted_by_body_id: adoption.bodyId, updated_at: ctx.now })
    .where('id', '=', versionId)
    .execute();
  await addLicenceOutputsInTransaction(trx, ctx, charterId, content.rules.licence.outputs);
  return {
    kind: 'charter.adopted',
    payload: {
      charterId,
      versionId,
      number: version.number,
      contentHash: version.content_hash,
      bodyId: adoption.bodyId,
      adoptedOn: adoption.adoptedOn,
      supersededVersionId: previous?.id ?? null,
    },
  } satisfies JournalEvent;
}

export async function recordAdoption(ctx: ActContext, charterId: string, versionId: string, adoption: z.infer<typeof adoptInput>) {
  if (!may.manageCharters(ctx.viewer)) throw forbidden();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    // A draft put to a decision is adopted by that decision, not by hand.
    await refuseIfUnderDecision(trx, versionId);
    await refuseIfAdoptedBefore(trx, ctx, charterId);
    const event = await adoptVersionInTransaction(trx, ctx, charterId, versionId, adoption);
    return { result: { id: versionId }, events: [event] };
  });
}

/**
 * A signatory signs the adopted version in force, with their typed name and « Lu et approuvé ».
 * The signature keeps the hash of the text they were shown; only the signatory signs for themself.
 */
export async function signVersion(ctx: ActContext, charterId: string, versionId: string, input: z.infer<typeof signInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const version = await lockedVersion(trx, ctx, charterId, versionId);
    const signatory = contentOf(version).rules.signatories.find((s) => s.id === input.signatoryId);
    if (!signatory) throw notFound();
    if (signatory.personId !== ctx.viewer.personId) throw forbidden();
    if (version.status !== 'adopted') throw conflict('error.versionNotInForce');
    if (input.contentHash !== version.content_hash) throw conflict('error.versionChanged');
    const id = randomUUID();
    await trx
      .insertInto('charter_signature')
      .values({
        id,
        version_id: versionId,
        signatory_id: signatory.id,
        person_id: ctx.viewer.personId,
        organization_id: signatory.organizationId,
        capacity: signatory.capacity,
        typed_name: input.typedName,
        statement: READ_AND_APPROVED,
        content_hash: version.content_hash,
        signed_at: ctx.now,
      })
      .execute();
    return {
      result: { id },
      events: [
        {
          kind: 'charter.signed',
          payload: {
            charterId,
            versionId,
            signatoryId: signatory.id,
            personId: ctx.viewer.personId,
            organizationId: signatory.organizationId,
            contentHash: version.content_hash,
          },
        },
      ],
    };
  });
}
