import { createHash, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { partnershipRules } from '../charters/queries.js';
import { moneyRulesOf } from '../charters/rules/types.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import { calendarDay } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { conflict, forbidden, invalid, notFound, type ActError } from '../common/errors.js';
import { requireReference } from '../common/references.js';
import { createProposalInTransaction } from '../decisions/acts.js';
import type { DecidedProposal, DecidedStatus } from '../decisions/consequences.js';
import { translator } from '../i18n/server-messages.js';
import { textHash } from '../journal/chain.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { projectRow } from '../projects/queries.js';
import type { entryInput, grantStatusInput, lineInput } from './contract.js';
import { budgetKeeping } from './keepers.js';
import { projectBudgetPath } from './notices.js';
import { budgetOfProject, budgetRights, budgetRow, linesOf, projectValidated, versionsOf, type BudgetRow } from './queries.js';
import { kindOfCategory } from './rules/summary.js';
import { ATTACHMENT_MAX_BYTES, mayDraftRevision, mayEditLines, mayPropose, mayRecord, nextNumber, pendingVersion, validation, versionAfterDecision, versionInForce, type BudgetCheck, type BudgetRefusal } from './rules/versions.js';
import { refuseMoneyWhileSettling } from './settlement/queries.js';

type Trx = Transaction<Database>;
type Scope = Pick<ActContext, 'partnershipId' | 'now'>;

const refusalError = (refusal: BudgetRefusal): ActError => conflict(`budget.refusal.${refusal}`);

function allowed(check: BudgetCheck): void {
  if (!check.ok) throw refusalError(check.refusal);
}

/** The words Entente writes into a proposal it opens: in French, the partnership's language. */
const fr = translator('fr');

/** The budget and its project, both locked for the act (a budget closing waits, then refuses), with who may do what. */
async function lockedBudget(trx: Trx, ctx: ActContext, budgetId: string) {
  const budget = await budgetRow(trx, ctx.partnershipId, budgetId, true);
  if (!budget) throw notFound();
  return { budget, ...(await budgetContext(trx, ctx, budget)) };
}

/**
 * The budget locked for recording money: a project's, or a project charter's (seed 000), whose
 * books its keepers alone keep (no lead, no forecast edited by a working group). Refused while its
 * settlement statement is under decision, as split payments are.
 */
async function lockedForMoney(trx: Trx, ctx: ActContext, budgetId: string) {
  const budget = await budgetRow(trx, ctx.partnershipId, budgetId, true);
  if (!budget) throw notFound();
  await refuseMoneyWhileSettling(trx, budgetId);
  if (budget.project_id !== null) return { budget, rights: (await budgetContext(trx, ctx, budget)).rights };
  return { budget, rights: { keepAccounts: (await budgetKeeping(trx, ctx.viewer, ctx.partnershipId, null, calendarDay(ctx.now))).keepsBooks } };
}

/** Who may do what on the budget: a project charter's books and forecast are its keepers' alone. */
async function budgetContext(trx: Trx, ctx: ActContext, budget: BudgetRow) {
  if (budget.project_id === null) {
    const keepAccounts = (await budgetKeeping(trx, ctx.viewer, ctx.partnershipId, null, calendarDay(ctx.now))).keepsBooks;
    return { project: null, rights: { keepAccounts, editForecast: keepAccounts }, versions: await versionsOf(trx, budget.id) };
  }
  const project = (await projectRow(trx, ctx.partnershipId, budget.project_id))!;
  const rights = await budgetRights(trx, ctx.viewer, ctx.partnershipId, project, calendarDay(ctx.now));
  const versions = await versionsOf(trx, budget.id);
  return { project, rights, versions };
}

/**
 * The project's budget, created with its first draft when the first line is written (one act:
 * budget.created then the line). The project row is locked first, so two first lines racing
 * create one budget.
 */
async function projectBudgetForWriting(trx: Trx, ctx: ActContext, projectId: string): Promise<{ budget: BudgetRow; events: JournalEvent[] } & Awaited<ReturnType<typeof budgetContext>>> {
  const project = await projectRow(trx, ctx.partnershipId, projectId, true);
  if (!project) throw notFound();
  const existing = await budgetOfProject(trx, ctx.partnershipId, projectId);
  if (existing) return { ...(await lockedBudget(trx, ctx, existing.id)), events: [] };
  const rights = await budgetRights(trx, ctx.viewer, ctx.partnershipId, project, calendarDay(ctx.now));
  if (!rights.editForecast) throw forbidden();
  const { budgetId, events } = await createBudget(trx, ctx, { projectId });
  const budget: BudgetRow = { id: budgetId, project_id: projectId, charter_id: null, status: 'open', reported_at: null };
  return { budget, project, rights, versions: await versionsOf(trx, budgetId), events };
}

/**
 * A budget whose draft lines are written: a project's with its project row locked first, as its
 * presentation locks it, so a line is not written while the project goes to its decision.
 */
async function draftBudget(trx: Trx, ctx: ActContext, budgetId: string) {
  const found = await budgetRow(trx, ctx.partnershipId, budgetId);
  if (!found) throw notFound();
  // A project charter's budget has no presentation: its keepers write its draft at any time.
  if (found.project_id === null) return { ...(await lockedBudget(trx, ctx, budgetId)), events: [] };
  return projectBudgetForWriting(trx, ctx, found.project_id);
}

type LineValues = z.infer<typeof lineInput>;

/**
 * A new budget, of a project or of a project charter, with its first draft (version 1) and these
 * lines in it: the one way a budget starts (budget.created, then a budget.line_set per line).
 */
export async function createBudget(trx: Trx, ctx: ActContext, owner: { projectId: string } | { charterId: string }, lines: readonly LineValues[] = []) {
  const budgetId = randomUUID();
  const versionId = randomUUID();
  const projectId = 'projectId' in owner ? owner.projectId : null;
  const charterId = 'charterId' in owner ? owner.charterId : null;
  await trx.insertInto('budget').values({ id: budgetId, partnership_id: ctx.partnershipId, project_id: projectId, charter_id: charterId, status: 'open', created_at: ctx.now, closed_at: null }).execute();
  await trx
    .insertInto('budget_version')
    .values({ id: versionId, budget_id: budgetId, number: 1, status: 'draft', validated_on: null, created_by: ctx.viewer.personId, created_at: ctx.now, updated_at: ctx.now })
    .execute();
  const events: JournalEvent[] = [{ kind: 'budget.created', payload: { budgetId, ...owner, versionId, number: 1 } }];
  for (const [position, line] of lines.entries()) {
    events.push({ kind: 'budget.line_set', payload: { budgetId, ...(await writeLine(trx, ctx, versionId, randomUUID(), position, line)) } });
  }
  return { budgetId, events };
}

async function writeLine(trx: Trx, ctx: ActContext, versionId: string, lineKey: string, position: number, line: LineValues): Promise<JournalEvent['payload']> {
  if (line.organizationId !== null) await requireReference(trx, 'organization', line.organizationId, ctx.partnershipId, 'organizationId');
  const kind = kindOfCategory(line.category);
  // A grant always has a status (to apply, by default); no other line has one.
  const grantStatus = line.category === 'grant' ? (line.grantStatus ?? 'to_apply') : null;
  const values = {
    kind,
    category: line.category,
    internal: kind === 'cost' && line.internal,
    label: line.label,
    organization_id: line.organizationId,
    amount_cents: line.amountCents,
    grant_status: grantStatus,
  };
  await trx
    .insertInto('budget_line')
    .values({ id: randomUUID(), version_id: versionId, line_key: lineKey, position, ...values })
    .onConflict((oc) => oc.columns(['version_id', 'line_key']).doUpdateSet(values))
    .execute();
  return {
    versionId,
    lineKey,
    position,
    kind,
    category: line.category,
    internal: values.internal,
    organizationId: line.organizationId,
    amountCents: line.amountCents,
    grantStatus,
    labelHash: textHash(line.label),
  };
}

/** A new line of the draft forecast; the project's first line starts its budget. */
export async function addLine(ctx: ActContext, projectId: string, input: LineValues) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { budget, project, rights, versions, events } = await projectBudgetForWriting(trx, ctx, projectId);
    return appendLine(trx, ctx, budget, rights, versions, events, project?.stage === 'presented', input);
  });
}

/** A new line of a budget already started: a project charter's, whose budget is opened from the charter's page. */
export async function addBudgetLine(ctx: ActContext, budgetId: string, input: LineValues) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { budget, rights, versions } = await lockedBudget(trx, ctx, budgetId);
    return appendLine(trx, ctx, budget, rights, versions, [], false, input);
  });
}

async function appendLine(trx: Trx, ctx: ActContext, budget: BudgetRow, rights: { editForecast: boolean }, versions: Awaited<ReturnType<typeof versionsOf>>, events: JournalEvent[], presented: boolean, input: LineValues): Promise<{ result: { id: string }; events: JournalEvent[] }> {
  if (!rights.editForecast) throw forbidden();
  allowed(mayEditLines(budget.status, versions, presented));
  const draft = pendingVersion(versions)!;
  const last = await trx.selectFrom('budget_line').select((eb) => eb.fn.max('position').as('position')).where('version_id', '=', draft.id).executeTakeFirst();
  const lineKey = randomUUID();
  const payload = await writeLine(trx, ctx, draft.id, lineKey, (last?.position ?? -1) + 1, input);
  await touch(trx, draft.id, ctx.now);
  return { result: { id: lineKey }, events: [...events, { kind: 'budget.line_set' as const, payload: { budgetId: budget.id, ...payload } }] };
}

const touch = (trx: Trx, versionId: string, now: Date) => trx.updateTable('budget_version').set({ updated_at: now }).where('id', '=', versionId).execute();

/** Rewrite a line of the draft (its key stays, so the entries on it follow). */
export async function setLine(ctx: ActContext, budgetId: string, lineKey: string, input: LineValues) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { budget, project, rights, versions } = await draftBudget(trx, ctx, budgetId);
    if (!rights.editForecast) throw forbidden();
    allowed(mayEditLines(budget.status, versions, project?.stage === 'presented'));
    const draft = pendingVersion(versions)!;
    const existing = await trx.selectFrom('budget_line').select('position').where('version_id', '=', draft.id).where('line_key', '=', lineKey).executeTakeFirst();
    if (!existing) throw notFound();
    const payload = await writeLine(trx, ctx, draft.id, lineKey, existing.position, input);
    await touch(trx, draft.id, ctx.now);
    return { result: { id: lineKey }, events: [{ kind: 'budget.line_set', payload: { budgetId, ...payload } }] };
  });
}

/** Take a line out of the draft; entries recorded on it stay, shown as a line no longer forecast. */
export async function removeLine(ctx: ActContext, budgetId: string, lineKey: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { budget, project, rights, versions } = await draftBudget(trx, ctx, budgetId);
    if (!rights.editForecast) throw forbidden();
    allowed(mayEditLines(budget.status, versions, project?.stage === 'presented'));
    const draft = pendingVersion(versions)!;
    const removed = await trx.deleteFrom('budget_line').where('version_id', '=', draft.id).where('line_key', '=', lineKey).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound();
    await touch(trx, draft.id, ctx.now);
    return { result: { id: lineKey }, events: [{ kind: 'budget.line_removed', payload: { budgetId, versionId: draft.id, lineKey } }] };
  });
}

/** A revision: a new draft copied from the validated version, line keys kept. */
export async function draftRevision(ctx: ActContext, budgetId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { budget, rights, versions } = await lockedBudget(trx, ctx, budgetId);
    if (!rights.editForecast) throw forbidden();
    allowed(mayDraftRevision(budget.status, versions));
    const from = versions.find((v) => v.status === 'validated')!;
    const id = randomUUID();
    const number = nextNumber(versions);
    await trx.insertInto('budget_version').values({ id, budget_id: budgetId, number, status: 'draft', validated_on: null, created_by: ctx.viewer.personId, created_at: ctx.now, updated_at: ctx.now }).execute();
    const lines = await linesOf(trx, from.id);
    if (lines.length > 0) {
      await trx
        .insertInto('budget_line')
        .values(
          lines.map((line) => ({
            id: randomUUID(),
            version_id: id,
            line_key: line.lineKey,
            position: line.position,
            kind: line.kind,
            category: line.category,
            internal: line.internal,
            label: line.label,
            organization_id: line.organizationId,
            amount_cents: line.amountCents,
            grant_status: line.grantStatus,
          })),
        )
        .execute();
    }
    return { result: { id }, events: [
        {
          kind: 'budget.version_drafted',
          payload: { budgetId, versionId: id, number, fromVersionId: from.id, lines: lines.map(({ label, ...line }) => ({ ...line, labelHash: textHash(label) })) },
        },
      ],
    };
  });
}

/** The draft revision goes to the body the charter's « budget revision » matter names, as a proposal naming the version. */
export async function proposeRevision(ctx: ActContext, budgetId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { budget, project, rights, versions } = await lockedBudget(trx, ctx, budgetId);
    // A project charter's budget follows that charter; no revision goes to a decision of its own.
    if (project === null) throw notFound();
    if (!rights.editForecast) throw forbidden();
    const draft = pendingVersion(versions);
    const lineCount = draft === null ? 0 : (await linesOf(trx, draft.id)).length;
    allowed(mayPropose(budget.status, versions, lineCount, projectValidated(project.stage)));
    const money = moneyRulesOf((await partnershipRules(trx, ctx.partnershipId)) ?? {});
    const proposal = await createProposalInTransaction(trx, ctx, {
      level: money.budgetRevision.level,
      topic: money.budgetRevision.topic,
      wording: fr('budget.proposalWording', { number: draft!.number, title: project.title }),
      context: fr('budget.proposalContext', { path: projectBudgetPath(ctx.partnershipId, project.id) }),
      participationLevel: 'concertation',
      budgetVersionId: draft!.id,
    });
    await trx.updateTable('budget_version').set({ status: 'proposed', updated_at: ctx.now }).where('id', '=', draft!.id).execute();
    return { result: { id: proposal.id }, events: [proposal.event, { kind: 'budget.version_proposed', payload: { budgetId, versionId: draft!.id, proposalId: proposal.id } }] };
  });
}

/** A grant's status is a fact, not a forecast: it moves on the version in force and on the draft alike. */
export async function setGrantStatus(ctx: ActContext, budgetId: string, lineKey: string, input: z.infer<typeof grantStatusInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { budget, rights } = await lockedBudget(trx, ctx, budgetId);
    if (!rights.keepAccounts) throw forbidden();
    allowed(mayRecord(budget.status));
    const updated = await trx
      .updateTable('budget_line')
      .set({ grant_status: input.grantStatus })
      .where('line_key', '=', lineKey)
      .where('category', '=', 'grant')
      .where('version_id', 'in', (eb) => eb.selectFrom('budget_version').select('id').where('budget_id', '=', budgetId).where('status', 'in', ['draft', 'proposed', 'validated']))
      .returning('version_id')
      .execute();
    if (updated.length === 0) throw notFound();
    return { result: { id: lineKey }, events: [{ kind: 'budget.grant_status_set', payload: { budgetId, lineKey, grantStatus: input.grantStatus, versionIds: updated.map((row) => row.version_id).sort() } }] };
  });
}

/**
 * The line an entry names must be a line of this budget (400 otherwise), and of its version in
 * force (409 otherwise): the actual is read against that forecast, so money recorded on a line
 * only a revision's draft has would show as spent on a line no longer forecast.
 */
async function requireLineInForce(trx: Trx, budgetId: string, lineKey: string): Promise<void> {
  const lines = await trx
    .selectFrom('budget_line as l')
    .innerJoin('budget_version as v', 'v.id', 'l.version_id')
    .select('l.version_id')
    .where('v.budget_id', '=', budgetId)
    .where('l.line_key', '=', lineKey)
    .execute();
  if (lines.length === 0) throw invalid('lineKey', 'budget.error.lineNotInBudget');
  const inForce = versionInForce(await versionsOf(trx, budgetId));
  if (!lines.some((line) => line.version_id === inForce?.id)) throw refusalError('line_not_in_force');
}

/** An actual entry, with its proof when one is joined (kept once, its SHA-256 journaled). */
export async function recordEntry(ctx: ActContext, budgetId: string, input: z.infer<typeof entryInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { budget, rights } = await lockedForMoney(trx, ctx, budgetId);
    if (!rights.keepAccounts) throw forbidden();
    allowed(mayRecord(budget.status));
    await requireLineInForce(trx, budgetId, input.lineKey);
    if (input.organizationId !== null) await requireReference(trx, 'organization', input.organizationId, ctx.partnershipId, 'organizationId');
    if (input.personId !== null) await requireReference(trx, 'person', input.personId, ctx.partnershipId, 'personId');
    let attachment: { id: string; sha256: string } | null = null;
    if (input.attachment !== null) {
      const content = Buffer.from(input.attachment.contentBase64, 'base64');
      if (content.length === 0) throw invalid('attachment.contentBase64', 'budget.error.attachmentContent');
      if (content.length > ATTACHMENT_MAX_BYTES) throw invalid('attachment.contentBase64', 'budget.error.attachmentTooLarge');
      attachment = { id: randomUUID(), sha256: createHash('sha256').update(content).digest('hex') };
      await trx
        .insertInto('money_attachment')
        .values({
          id: attachment.id,
          partnership_id: ctx.partnershipId,
          file_name: input.attachment.fileName,
          content_type: input.attachment.contentType,
          size_bytes: content.length,
          sha256: attachment.sha256,
          content,
          uploaded_by: ctx.viewer.personId,
          uploaded_at: ctx.now,
        })
        .execute();
    }
    const id = randomUUID();
    await trx
      .insertInto('budget_entry')
      .values({
        id,
        budget_id: budgetId,
        line_key: input.lineKey,
        occurred_on: input.occurredOn,
        amount_cents: input.amountCents,
        organization_id: input.organizationId,
        person_id: input.personId,
        counterparty: input.counterparty,
        note: input.note,
        attachment_id: attachment?.id ?? null,
        reverses: null,
        recorded_by: ctx.viewer.personId,
        recorded_at: ctx.now,
      })
      .execute();
    return {
      result: { id },
      events: [
        {
          kind: 'budget.entry_recorded',
          payload: {
            budgetId,
            entryId: id,
            lineKey: input.lineKey,
            occurredOn: input.occurredOn,
            amountCents: input.amountCents,
            organizationId: input.organizationId,
            personId: input.personId,
            counterpartyHash: textHash(input.counterparty),
            noteHash: textHash(input.note),
            attachmentId: attachment?.id ?? null,
            attachmentSha256: attachment?.sha256 ?? null,
          },
        },
      ],
    };
  });
}

/** « Corriger »: an entry is never rewritten; a reversing entry of the opposite amount cancels it, today. */
export async function reverseEntry(ctx: ActContext, budgetId: string, entryId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { budget, rights } = await lockedForMoney(trx, ctx, budgetId);
    if (!rights.keepAccounts) throw forbidden();
    allowed(mayRecord(budget.status));
    const entry = await trx.selectFrom('budget_entry').selectAll().where('id', '=', entryId).where('budget_id', '=', budgetId).executeTakeFirst();
    if (!entry) throw notFound();
    if (entry.reverses !== null) throw conflict('budget.refusal.reversal_of_reversal');
    const already = await trx.selectFrom('budget_entry').select('id').where('reverses', '=', entryId).executeTakeFirst();
    if (already) throw conflict('budget.refusal.already_reversed');
    const id = randomUUID();
    const amountCents = -Number(entry.amount_cents);
    const occurredOn = calendarDay(ctx.now);
    await trx
      .insertInto('budget_entry')
      .values({
        id,
        budget_id: budgetId,
        line_key: entry.line_key,
        occurred_on: occurredOn,
        amount_cents: amountCents,
        organization_id: entry.organization_id,
        person_id: entry.person_id,
        counterparty: entry.counterparty,
        note: '',
        attachment_id: null,
        reverses: entryId,
        recorded_by: ctx.viewer.personId,
        recorded_at: ctx.now,
      })
      .execute();
    return {
      result: { id },
      events: [
        {
          kind: 'budget.entry_reversed',
          payload: {
            budgetId,
            entryId: id,
            reversesId: entryId,
            lineKey: entry.line_key,
            occurredOn,
            amountCents,
            organizationId: entry.organization_id,
            personId: entry.person_id,
            counterpartyHash: textHash(entry.counterparty),
            noteHash: textHash(''),
            attachmentId: null,
          },
        },
      ],
    };
  });
}

/**
 * What a decision does to budgets, in its transaction (decisions/consequences.ts): the project's
 * presentation adopted validates the draft presented with it (version 1); a revision's proposal
 * adopted validates its version and supersedes the one before, otherwise sends it back to draft.
 */
export async function settleBudgetMatter(trx: Trx, scope: Scope, proposal: DecidedProposal, status: DecidedStatus): Promise<JournalEvent[]> {
  const today = calendarDay(scope.now);
  const adopted = status === 'adopted' || status === 'arbitrated';
  let version: { id: string; budget_id: string; status: string } | undefined;
  if (proposal.project_matter === 'presentation' && proposal.project_id !== null) {
    if (!adopted) return [];
    version = await trx
      .selectFrom('budget_version as v')
      .innerJoin('budget as b', 'b.id', 'v.budget_id')
      .select(['v.id', 'v.budget_id', 'v.status'])
      .where('b.project_id', '=', proposal.project_id)
      .where('v.status', '=', 'draft')
      .forUpdate('b')
      .executeTakeFirst();
  } else {
    const named = await trx.selectFrom('proposal').select('budget_version_id').where('id', '=', proposal.id).executeTakeFirst();
    if (!named?.budget_version_id) return [];
    version = await trx.selectFrom('budget_version').select(['id', 'budget_id', 'status']).where('id', '=', named.budget_version_id).executeTakeFirst();
  }
  if (!version) return [];
  const budgetId = version.budget_id;
  const budget = await trx.selectFrom('budget').select('status').where('id', '=', budgetId).forUpdate().executeTakeFirstOrThrow();
  // A budget closed by its settlement while the revision was decided keeps the forecast it closed with.
  const budgetClosed = budget.status === 'closed';
  if (budgetClosed || versionAfterDecision(status) === 'draft') {
    await trx.updateTable('budget_version').set({ status: 'draft', updated_at: scope.now }).where('id', '=', version.id).execute();
    return [{ kind: 'budget.version_returned', payload: { budgetId, versionId: version.id, proposalId: proposal.id, outcome: status, ...(budgetClosed && { budgetClosed }) } }];
  }
  const versions = await versionsOf(trx, budgetId);
  const { validated, superseded } = validation(versions, version.id);
  if (superseded !== null) await trx.updateTable('budget_version').set({ status: 'superseded', updated_at: scope.now }).where('id', '=', superseded).execute();
  await trx.updateTable('budget_version').set({ status: 'validated', validated_on: today, updated_at: scope.now }).where('id', '=', validated).execute();
  return [{ kind: 'budget.version_validated', payload: { budgetId, versionId: validated, supersededVersionId: superseded, validatedOn: today, proposalId: proposal.id } }];
}
