import { partnershipRules } from '../charters/queries.js';
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { actionStatusInput, draftInput, newDraftInput, projectSubjectsInput, proposeInput } from './contract.js';
import { ACTION_PLAN_TOPIC, actionPlanTopic, draftProblems, firstDraftSubjects, PLAN_YEARS, type ActionStatus, type PlanSubject } from './rules.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import { calendarDay } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import { may } from '../common/permissions.js';
import { createProposalInTransaction } from '../decisions/acts.js';
import { formatCalendarDate, translator, type Locale } from '../i18n/server-messages.js';
import { textHash } from '../journal/chain.js';
import { carriesProject } from './queries.js';

type Trx = Transaction<Database>;

/** The plan named in the URL, locked for the act; another partnership's is not found. */
async function lockedPlan(trx: Trx, ctx: ActContext, planId: string) {
  const plan = await trx
    .selectFrom('action_plan')
    .select(['id', 'title', 'starts_on', 'ends_on', 'status'])
    .where('id', '=', planId)
    .where('partnership_id', '=', ctx.partnershipId)
    .forUpdate()
    .executeTakeFirst();
  if (!plan) throw notFound();
  return plan;
}

/** A draft can be changed only while it is a draft and no decision is under way on it: the body decides on the text it was shown. */
async function requireEditableDraft(trx: Trx, ctx: ActContext, planId: string) {
  const plan = await lockedPlan(trx, ctx, planId);
  if (plan.status !== 'draft') throw conflict('actionPlan.error.notDraft');
  const open = await trx.selectFrom('proposal').select('id').where('action_plan_id', '=', planId).where('status', '=', 'open').executeTakeFirst();
  if (open) throw conflict('actionPlan.error.underDecision');
  return plan;
}

/** A plan's subjects in order, each with its actions in order. */
async function subjectsOf(trx: Trx, planId: string): Promise<(PlanSubject & { id: string })[]> {
  const [subjects, actions] = await Promise.all([
    trx.selectFrom('action_plan_subject').select(['id', 'title', 'description', 'carried_from']).where('plan_id', '=', planId).orderBy('position').execute(),
    trx
      .selectFrom('action_plan_action as a')
      .innerJoin('action_plan_subject as s', 's.id', 'a.subject_id')
      .select(['a.id', 'a.subject_id', 'a.title', 'a.owner_id', 'a.deadline', 'a.status'])
      .where('s.plan_id', '=', planId)
      .orderBy('a.position')
      .execute(),
  ]);
  return subjects.map((subject) => ({
    id: subject.id,
    title: subject.title,
    description: subject.description,
    carriedFrom: subject.carried_from,
    actions: actions
      .filter((action) => action.subject_id === subject.id)
      .map((action) => ({ id: action.id, title: action.title, ownerId: action.owner_id, deadline: action.deadline, status: action.status as ActionStatus })),
  }));
}

async function insertSubjects(trx: Trx, ctx: ActContext, planId: string, subjects: readonly PlanSubject[]) {
  const subjectRows = subjects.map((subject, position) => ({
    id: subject.id ?? randomUUID(),
    plan_id: planId,
    position,
    title: subject.title,
    description: subject.description,
    carried_from: subject.carriedFrom ?? null,
  }));
  const actionRows = subjects.flatMap((subject, index) =>
    subject.actions.map((action, position) => ({
      id: action.id ?? randomUUID(),
      subject_id: subjectRows[index]!.id,
      position,
      title: action.title,
      owner_id: action.ownerId,
      deadline: action.deadline,
      status: action.status,
      status_since: ctx.now,
    })),
  );
  if (subjectRows.length > 0) await trx.insertInto('action_plan_subject').values(subjectRows).execute();
  if (actionRows.length > 0) await trx.insertInto('action_plan_action').values(actionRows).execute();
}

/** The journal keeps a draft's fingerprint, never its words. */
const draftHash = (draft: { title: string; startsOn: string; endsOn: string; subjects: readonly PlanSubject[] }) =>
  textHash(
    JSON.stringify({
      title: draft.title,
      startsOn: draft.startsOn,
      endsOn: draft.endsOn,
      subjects: draft.subjects.map((s) => ({ title: s.title, description: s.description, actions: s.actions.map((a) => [a.title, a.ownerId, a.deadline, a.status]) })),
    }),
  );

/**
 * Starts the draft of the next plan: the plan in force, its open actions carried along, or, for
 * a first plan, the seed charter's five subjects; from today, for three years (in SQL, as every
 * date reckoning).
 */
export async function startDraft(ctx: ActContext, input: z.infer<typeof newDraftInput>, locale: Locale) {
  if (!may.draftActionPlan(ctx.viewer)) throw forbidden();
  const planId = randomUUID();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    // Serializes drafts of one partnership, so a second start reads the first and says so.
    await trx.selectFrom('partnership').select('id').where('id', '=', ctx.partnershipId).forNoKeyUpdate().execute();
    const plans = await trx.selectFrom('action_plan').select(['id', 'title', 'status']).where('partnership_id', '=', ctx.partnershipId).where('status', 'in', ['draft', 'adopted']).execute();
    if (plans.some((plan) => plan.status === 'draft')) throw conflict('actionPlan.error.draftExists');
    const inForce = plans.find((plan) => plan.status === 'adopted');
    const subjects = firstDraftSubjects(inForce ? await subjectsOf(trx, inForce.id) : null, locale);
    const today = calendarDay(ctx.now);
    const { rows } = await sql<{ ends_on: string }>`select to_char(${today}::date + make_interval(years => ${PLAN_YEARS}), 'YYYY-MM-DD') as ends_on`.execute(trx);
    const draft = { title: input.title ?? inForce?.title ?? translator(locale)('actionPlan.defaultTitle'), startsOn: today, endsOn: rows[0]!.ends_on, subjects };
    await trx
      .insertInto('action_plan')
      .values({ id: planId, partnership_id: ctx.partnershipId, title: draft.title, starts_on: draft.startsOn, ends_on: draft.endsOn, status: 'draft', adopted_on: null, created_by: ctx.viewer.personId, created_at: ctx.now, updated_at: ctx.now })
      .execute();
    await insertSubjects(trx, ctx, planId, subjects);
    return { result: { id: planId }, events: [{ kind: 'actionPlan.draft_started', payload: { planId, basedOn: inForce?.id ?? null, contentHash: draftHash(draft) } }] };
  });
}

/**
 * Saves a draft whole, as the editor holds it. Subjects and actions keep their ids when the editor
 * sends them back (a subject keeps the one it was carried from); the others are new.
 */
export async function saveDraft(ctx: ActContext, planId: string, input: z.infer<typeof draftInput>) {
  if (!may.draftActionPlan(ctx.viewer)) throw forbidden();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireEditableDraft(trx, ctx, planId);
    const problem = draftProblems(input.subjects, false)[0];
    if (problem?.code === 'duplicate_subject') throw invalid(`subjects.${problem.index}.title`, 'actionPlan.error.duplicateSubject');
    const existing = await subjectsOf(trx, planId);
    const carriedFrom = new Map(existing.map((subject) => [subject.id, subject.carriedFrom ?? null]));
    const existingActions = new Set(existing.flatMap((subject) => subject.actions.map((action) => action.id!)));
    const seen = new Set<string>();
    // An id names a piece of this very draft, once: anything else would move another plan's rows.
    input.subjects.forEach((subject, i) => {
      if (subject.id !== undefined && (!carriedFrom.has(subject.id) || seen.has(subject.id))) throw invalid(`subjects.${i}.id`, 'error.reference');
      if (subject.id !== undefined) seen.add(subject.id);
      subject.actions.forEach((action, j) => {
        if (action.id !== undefined && (!existingActions.has(action.id) || seen.has(action.id))) throw invalid(`subjects.${i}.actions.${j}.id`, 'error.reference');
        if (action.id !== undefined) seen.add(action.id);
      });
    });
    const ownerIds = [...new Set(input.subjects.flatMap((subject) => subject.actions.flatMap((action) => (action.ownerId === null ? [] : [action.ownerId]))))];
    const known = ownerIds.length === 0 ? [] : await trx.selectFrom('person').select('id').where('id', 'in', ownerIds).where('partnership_id', '=', ctx.partnershipId).where('outsider', '=', false).execute();
    const knownIds = new Set(known.map((row) => row.id));
    input.subjects.forEach((subject, i) =>
      subject.actions.forEach((action, j) => {
        if (action.ownerId !== null && !knownIds.has(action.ownerId)) throw invalid(`subjects.${i}.actions.${j}.ownerId`, 'error.personNotInPartnership');
      }),
    );
    const subjects: PlanSubject[] = input.subjects.map((subject) => ({ ...subject, carriedFrom: subject.id === undefined ? null : carriedFrom.get(subject.id) }));
    await trx.deleteFrom('action_plan_action').where('subject_id', 'in', trx.selectFrom('action_plan_subject').select('id').where('plan_id', '=', planId)).execute();
    await trx.deleteFrom('action_plan_subject').where('plan_id', '=', planId).execute();
    await insertSubjects(trx, ctx, planId, subjects);
    await trx.updateTable('action_plan').set({ title: input.title, starts_on: input.startsOn, ends_on: input.endsOn, updated_at: ctx.now }).where('id', '=', planId).execute();
    return { result: { id: planId }, events: [{ kind: 'actionPlan.draft_saved', payload: { planId, contentHash: draftHash({ ...input, subjects }) } }] };
  });
}

/** Drops a draft never put to a decision (one that was keeps its place in the register, with the proposal that refused it). */
export async function discardDraft(ctx: ActContext, planId: string) {
  if (!may.draftActionPlan(ctx.viewer)) throw forbidden();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireEditableDraft(trx, ctx, planId);
    const decided = await trx.selectFrom('proposal').select('id').where('action_plan_id', '=', planId).executeTakeFirst();
    if (decided) throw conflict('actionPlan.error.decidedOnce');
    await trx.deleteFrom('action_plan_action').where('subject_id', 'in', trx.selectFrom('action_plan_subject').select('id').where('plan_id', '=', planId)).execute();
    await trx.deleteFrom('action_plan_subject').where('plan_id', '=', planId).execute();
    await trx.deleteFrom('action_plan').where('id', '=', planId).execute();
    return { result: null, events: [{ kind: 'actionPlan.draft_discarded', payload: { planId } }] };
  });
}

/**
 * Puts the draft to the strategic decision the matrix names for the action plan (its general
 * strategic row if no row names it), as a proposal that names the plan: its adoption adopts the
 * plan (adoption.ts), and the draft stays as it is until then.
 */
export async function proposeDraft(ctx: ActContext, planId: string, input: z.infer<typeof proposeInput>, locale: Locale) {
  if (!may.draftActionPlan(ctx.viewer)) throw forbidden();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const plan = await requireEditableDraft(trx, ctx, planId);
    const subjects = await trx.selectFrom('action_plan_subject').select('title').where('plan_id', '=', planId).execute();
    if (draftProblems(subjects, true).some((problem) => problem.code === 'no_subject')) throw conflict('actionPlan.error.noSubject');
    const rules = await partnershipRules(trx, ctx.partnershipId);
    const topic = rules ? actionPlanTopic(rules.decisionMatrix) : ACTION_PLAN_TOPIC;
    const t = translator(locale);
    const wording =
      input.wording ?? t('actionPlan.proposalWording', { title: plan.title, startsOn: formatCalendarDate(locale, plan.starts_on), endsOn: formatCalendarDate(locale, plan.ends_on) });
    const proposed = await createProposalInTransaction(trx, ctx, {
      level: 'strategic',
      topic,
      wording,
      context: input.context,
      participationLevel: 'participation',
      ...(input.facilitatorId !== undefined && { facilitatorId: input.facilitatorId }),
      actionPlanId: planId,
    });
    return { result: { id: proposed.id }, events: [proposed.event, { kind: 'actionPlan.proposed', payload: { planId, proposalId: proposed.id } }] };
  });
}

/** The owner of an action of the plan in force (or an administrator) says where it stands: an operational act, journaled. */
export async function setActionStatus(ctx: ActContext, planId: string, actionId: string, input: z.infer<typeof actionStatusInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const action = await trx
      .selectFrom('action_plan_action as a')
      .innerJoin('action_plan_subject as s', 's.id', 'a.subject_id')
      .innerJoin('action_plan as p', 'p.id', 's.plan_id')
      .select(['a.id', 'a.owner_id', 'a.status', 'p.status as plan_status'])
      .where('a.id', '=', actionId)
      .where('p.id', '=', planId)
      .where('p.partnership_id', '=', ctx.partnershipId)
      .forUpdate('a')
      .executeTakeFirst();
    if (!action) throw notFound();
    if (!may.setActionStatus(ctx.viewer, { ownerId: action.owner_id })) throw forbidden();
    if (action.plan_status !== 'adopted') throw conflict(action.plan_status === 'draft' ? 'actionPlan.error.statusInDraft' : 'actionPlan.error.notInForce');
    if (action.status === input.status) return { result: null, events: [] };
    await trx.updateTable('action_plan_action').set({ status: input.status, status_since: ctx.now }).where('id', '=', actionId).execute();
    return { result: null, events: [{ kind: 'actionPlan.action_status', payload: { planId, actionId, status: input.status } }] };
  });
}

/**
 * Says which subjects of the plan in force a project serves, replacing what it said before;
 * its links to the subjects of earlier plans stay, as what it served then.
 */
export async function setProjectSubjects(ctx: ActContext, projectId: string, input: z.infer<typeof projectSubjectsInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const project = await trx.selectFrom('project').select(['id', 'working_group_id']).where('id', '=', projectId).where('partnership_id', '=', ctx.partnershipId).forUpdate().executeTakeFirst();
    if (!project) throw notFound();
    const carriedByViewer = await carriesProject(trx, projectId, ctx.viewer.personId);
    if (!may.attachProjectSubjects(ctx.viewer, { carriedByViewer, workingGroupId: project.working_group_id })) throw forbidden();
    const plan = await trx.selectFrom('action_plan').select('id').where('partnership_id', '=', ctx.partnershipId).where('status', '=', 'adopted').executeTakeFirst();
    if (!plan) throw conflict('actionPlan.error.noPlanInForce');
    const subjects = await trx.selectFrom('action_plan_subject').select('id').where('plan_id', '=', plan.id).orderBy('position').execute();
    const ofPlan = new Set(subjects.map((subject) => subject.id));
    const wanted = new Set(input.subjectIds);
    const stranger = input.subjectIds.findIndex((id) => !ofPlan.has(id));
    if (stranger >= 0) throw invalid(`subjectIds.${stranger}`, 'actionPlan.error.subjectNotInForce');
    if (ofPlan.size > 0) await trx.deleteFrom('project_subject').where('project_id', '=', projectId).where('subject_id', 'in', [...ofPlan]).execute();
    const subjectIds = subjects.map((subject) => subject.id).filter((id) => wanted.has(id));
    if (subjectIds.length > 0) await trx.insertInto('project_subject').values(subjectIds.map((subjectId) => ({ project_id: projectId, subject_id: subjectId }))).execute();
    return { result: null, events: [{ kind: 'actionPlan.project_subjects', payload: { projectId, planId: plan.id, subjectIds } }] };
  });
}
