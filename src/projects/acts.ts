import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import { createBodyInTransaction, seatInTransaction } from '../bodies/acts.js';
import { projectRulesOf, type CharterRules, type DecisionLevel } from '../charters/rules/types.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import { calendarDay } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { ActError, conflict, conflictAt, forbidden, notFound } from '../common/errors.js';
import { may } from '../common/permissions.js';
import { requireReference } from '../common/references.js';
import { partnershipRules } from '../charters/queries.js';
import { createProposalInTransaction } from '../decisions/acts.js';
import { routeDecision } from '../decisions/rules.js';
import { inviteGuestsInTransaction } from '../meetings/acts.js';
import { translator } from '../i18n/server-messages.js';
import { textHash } from '../journal/chain.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { refuseIfErased } from '../personal-data/acts.js';
import { createRoleInTransaction } from '../roles/acts.js';
import { startRoleTerm } from '../roles/terms.js';
import { projectPath } from './notices.js';
import type { carriersToldInput, createProjectInput, evaluationInput, formalizationInput, leadInput, leadRefusalInput, presentationInput, referentInput } from './contract.js';
import {
  confirmersOf,
  leadInOffice,
  leadNamingBodyOf,
  organizationsOf,
  presentationFacilitatorOf,
  projectFacts,
  projectRow,
  validatingBodyOf,
  type ProjectRow,
} from './queries.js';
import {
  leadConfirmed,
  mayApproveLead,
  mayNameLead,
  mayNameReferent,
  mayPresent,
  mayReportEvaluation,
  mayRewrite,
  mayTellCarriers,
  referentsComplete,
  stageAfterEvaluation,
  stageAfterLead,
  stageAfterPresentation,
  contextWithin,
  titleWithin,
  type Check,
  type EvaluationOutcome,
  type ProjectRefusal,
  type ProjectStage,
  type ProjectStep,
} from './rules.js';

type Trx = Transaction<Database>;
type Scope = Pick<ActContext, 'partnershipId' | 'now'>;

/** Each refusal of the rules, as a 409 whose message says why in the user's language. */
const refusalError = (refusal: ProjectRefusal): ActError =>
  refusal === 'organization_not_participating' ? conflictAt(`project.refusal.${refusal}`, [{ path: 'organizationId', messageKey: `project.refusal.${refusal}` }]) : conflict(`project.refusal.${refusal}`);

function allowed(check: Check): void {
  if (!check.ok) throw refusalError(check.refusal);
}

/** The words Entente writes into a proposal it opens for a project: in French, the partnership's language. */
const fr = translator('fr');

async function markStep(trx: Trx, projectId: string, step: ProjectStep, now: Date, by: string | null): Promise<void> {
  await trx.insertInto('project_step').values({ project_id: projectId, step, done_at: now, done_by: by }).onConflict((oc) => oc.columns(['project_id', 'step']).doNothing()).execute();
}

async function moveTo(trx: Trx, project: Pick<ProjectRow, 'id' | 'stage'>, stage: ProjectStage, now: Date): Promise<void> {
  if (project.stage === stage) return;
  await trx.updateTable('project').set({ stage, stage_since: now }).where('id', '=', project.id).execute();
}

/** The most characters a body's or a role's name may have (migration 001). */
const NAME_MAX_LENGTH = 200;

/**
 * The name of the project's working group or lead role: the words around its title, the title cut
 * (see titleWithin) so that the name keeps within a name's length even with the project's short id
 * after it, which it takes when a body or role of that name exists already (made by hand).
 */
async function projectNamed(trx: Trx, table: 'body' | 'role', key: 'project.workingGroupName' | 'project.leadRoleName', project: Pick<ProjectRow, 'id' | 'title'>, partnershipId: string): Promise<string> {
  const suffix = ` (${project.id.slice(0, 8)})`;
  const base = fr(key, { title: titleWithin(project.title, NAME_MAX_LENGTH - suffix.length - fr(key, { title: '' }).length) });
  const taken = await trx.selectFrom(table).select('id').where('partnership_id', '=', partnershipId).where('name', '=', base).executeTakeFirst();
  return taken ? `${base}${suffix}` : base;
}

/** The most characters a proposal's context may have (migration 004). */
const CONTEXT_MAX_LENGTH = 20000;

/** A proposal's context made of the project's texts: what goes past a context's length is read on the project's page. */
const contextFor = (parts: readonly string[], partnershipId: string, projectId: string): string =>
  contextWithin(parts, CONTEXT_MAX_LENGTH, fr('project.proposal.contextCut', { path: projectPath(partnershipId, projectId) }));

/** The project, locked for the act, with what the rules need; 404 outside the partnership. */
async function lockedProject(trx: Trx, ctx: Scope, projectId: string) {
  const project = await projectRow(trx, ctx.partnershipId, projectId, true);
  if (!project) throw notFound();
  const charter = await partnershipRules(trx, ctx.partnershipId);
  const facts = await projectFacts(trx, project, calendarDay(ctx.now));
  return { project, charter, rules: projectRulesOf(charter ?? {}), ...facts };
}

async function requireOrganizations(trx: Trx, ctx: Scope, ids: readonly string[], path: string): Promise<void> {
  for (const [index, id] of ids.entries()) await requireReference(trx, 'organization', id, ctx.partnershipId, `${path}.${index}`);
}

/** Step 1: anyone of the partnership records an idea, with where it came from and who carries it (themself among them). */
export async function createProject(ctx: ActContext, input: z.infer<typeof createProjectInput>) {
  const id = randomUUID();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const personIds = [...new Set([ctx.viewer.personId, ...input.carrierPersonIds])];
    const organizationIds = [...new Set(input.carrierOrganizationIds)];
    for (const [index, personId] of input.carrierPersonIds.entries()) await requireReference(trx, 'person', personId, ctx.partnershipId, `carrierPersonIds.${index}`);
    await refuseIfErased(trx, personIds);
    await requireOrganizations(trx, ctx, organizationIds, 'carrierOrganizationIds');
    await trx
      .insertInto('project')
      .values({
        id,
        partnership_id: ctx.partnershipId,
        title: input.title,
        summary: input.summary,
        origin: input.origin,
        origin_detail: input.originDetail,
        stage: 'idea',
        stage_since: ctx.now,
        created_by: ctx.viewer.personId,
        created_at: ctx.now,
      })
      .execute();
    const carriers = [
      ...personIds.map((personId) => ({ id: randomUUID(), project_id: id, person_id: personId, organization_id: null })),
      ...organizationIds.map((organizationId) => ({ id: randomUUID(), project_id: id, person_id: null, organization_id: organizationId })),
    ];
    await trx.insertInto('project_carrier').values(carriers).execute();
    await markStep(trx, id, 'idea', ctx.now, ctx.viewer.personId);
    return {
      result: { id },
      events: [
        {
          kind: 'project.created',
          payload: {
            projectId: id,
            stage: 'idea',
            origin: input.origin,
            carrierPersonIds: personIds,
            carrierOrganizationIds: organizationIds,
            titleHash: textHash(input.title),
            summaryHash: textHash(input.summary),
            originDetailHash: textHash(input.originDetail),
          },
        },
      ],
    };
  });
}

/** Step 2: the carriers write the needs, their analysis and the houses that would take part; rewritable until presented. */
export async function formalizeProject(ctx: ActContext, projectId: string, input: z.infer<typeof formalizationInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { project, state, carriers } = await lockedProject(trx, ctx, projectId);
    if (!may.carryProject(ctx.viewer, carriers, await organizationsOf(trx, ctx.viewer.personId))) throw forbidden();
    allowed(mayRewrite(state));
    const organizationIds = [...new Set(input.organizationIds)];
    await requireOrganizations(trx, ctx, organizationIds, 'organizationIds');
    await trx.updateTable('project').set({ needs: input.needs, analysis: input.analysis }).where('id', '=', projectId).execute();
    await trx.deleteFrom('project_organization').where('project_id', '=', projectId).execute();
    if (organizationIds.length > 0) await trx.insertInto('project_organization').values(organizationIds.map((organizationId) => ({ project_id: projectId, organization_id: organizationId }))).execute();
    await moveTo(trx, project, 'formalized', ctx.now);
    await markStep(trx, projectId, 'formalized', ctx.now, ctx.viewer.personId);
    return {
      result: { id: projectId },
      events: [{ kind: 'project.formalized', payload: { projectId, stage: 'formalized', organizationIds, needsHash: textHash(input.needs), analysisHash: textHash(input.analysis) } }],
    };
  });
}

/** Step 3: the project goes to its validating body as a proposal the matrix routes; the proposal's outcome moves it (settleProjectMatter). */
export async function presentProject(ctx: ActContext, projectId: string, input: z.infer<typeof presentationInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { project, state, carriers, charter, rules } = await lockedProject(trx, ctx, projectId);
    const validatingBodyId = validatingBodyOf(charter, null);
    if (!may.presentProject(ctx.viewer, carriers, await organizationsOf(trx, ctx.viewer.personId), validatingBodyId)) throw forbidden();
    allowed(mayPresent(state));
    const proposal = await createProposalInTransaction(trx, ctx, {
      level: rules.presentation.level,
      topic: rules.presentation.topic,
      wording: input.wording || fr('project.proposal.presentationWording', { title: project.title }),
      context: input.context ?? contextFor([project.summary, project.needs, project.analysis], ctx.partnershipId, projectId),
      participationLevel: 'concertation',
      ...(input.facilitatorId !== undefined && { facilitatorId: input.facilitatorId }),
      project: { id: projectId, matter: 'presentation' },
    });
    await moveTo(trx, project, 'presented', ctx.now);
    await markStep(trx, projectId, 'presented', ctx.now, ctx.viewer.personId);
    return { result: { id: proposal.id }, events: [proposal.event, { kind: 'project.presented', payload: { projectId, stage: 'presented', proposalId: proposal.id } }] };
  });
}

/**
 * Step 3's meeting: when the proposal presenting a project is put on a meeting's agenda, the
 * people who carry it are invited to that meeting as guests, to be heard (meetings/acts.ts calls
 * this in the same act). Any other proposal invites nobody.
 */
export async function inviteProjectCarriers(trx: Trx, ctx: ActContext, meetingId: string, proposalId: string): Promise<JournalEvent[]> {
  const project = await trx
    .selectFrom('proposal as pr')
    .innerJoin('project as p', 'p.id', 'pr.project_id')
    .select(['p.id', 'p.title'])
    .where('pr.id', '=', proposalId)
    .where('pr.project_matter', '=', 'presentation')
    .executeTakeFirst();
  if (!project) return [];
  // An erased carrier can be invited nowhere: the others are, rather than the agenda item refused.
  const carriers = await trx
    .selectFrom('project_carrier as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .select('c.person_id')
    .where('c.project_id', '=', project.id)
    .where('p.erased_at', 'is', null)
    .execute();
  const reason = fr('project.guestReason', { title: project.title });
  return inviteGuestsInTransaction(trx, ctx, meetingId, carriers.map((row) => ({ personId: row.person_id!, reason })));
}

/** The matter a decided proposal settles for its project, if it names one. */
interface ProjectMatter {
  readonly id: string;
  readonly body_id: string;
  readonly level: string;
  readonly topic: string;
  readonly charter_version_id: string;
  readonly project_id: string | null;
  readonly project_matter: string | null;
}

/**
 * The decision on a project's presentation or evaluation moves it, in the decision's transaction
 * (decisions/consequences.ts calls this where a proposal is adopted, rejected, arbitrated or lapses).
 * Presentation adopted: validated, and its working group created under the body the matrix sent it to;
 * refused: the outcome's statement is the refusal's reason. Evaluation adopted: the proposed
 * outcome (renewed or adjusted: a new evaluation day; closed); otherwise active as before.
 */
export async function settleProjectMatter(trx: Trx, scope: Scope, proposal: ProjectMatter, status: 'adopted' | 'rejected' | 'arbitrated' | 'lapsed', statement: string): Promise<JournalEvent[]> {
  if (proposal.project_id === null) return [];
  const projectId = proposal.project_id;
  const project = await projectRow(trx, scope.partnershipId, projectId, true);
  if (!project) return [];
  if (proposal.project_matter === 'presentation') {
    const stage = stageAfterPresentation(status);
    if (stage === 'refused') {
      await trx.updateTable('project').set({ refusal_reason: statement }).where('id', '=', projectId).execute();
      await moveTo(trx, project, 'refused', scope.now);
      return [{ kind: 'project.refused', payload: { projectId, stage, proposalId: proposal.id, reasonHash: textHash(statement) } }];
    }
    const charter = await partnershipRules(trx, scope.partnershipId);
    const rules = projectRulesOf(charter ?? {});
    // Arbitrated, the proposal sits with the arbitrating body: the project still belongs to the body
    // its charter's row routed it to, which validates it, follows it and parents its working group.
    const routedBy = await trx.selectFrom('charter_version').select('rules').where('id', '=', proposal.charter_version_id).executeTakeFirstOrThrow();
    const validatingBodyId = routeDecision(routedBy.rules as CharterRules, proposal.level as DecisionLevel, proposal.topic)?.bodyId ?? proposal.body_id;
    const workingGroupId = randomUUID();
    const created = await createBodyInTransaction(trx, scope, workingGroupId, {
      name: await projectNamed(trx, 'body', 'project.workingGroupName', project, scope.partnershipId),
      kind: 'working_group',
      parentBodyId: validatingBodyId,
      purpose: '',
      minReferentsPerOrganization: rules.referentsPerOrganization > 0 ? rules.referentsPerOrganization : null,
      foundedOn: calendarDay(scope.now),
    });
    await trx.updateTable('project').set({ working_group_id: workingGroupId }).where('id', '=', projectId).execute();
    await moveTo(trx, project, 'validated', scope.now);
    await markStep(trx, projectId, 'validated', scope.now, null);
    await markStep(trx, projectId, 'working_group', scope.now, null);
    return [created, { kind: 'project.validated', payload: { projectId, stage: 'validated', proposalId: proposal.id, workingGroupId } }];
  }
  const evaluation = await trx.selectFrom('project_evaluation').select(['id', 'proposed_outcome']).where('proposal_id', '=', proposal.id).executeTakeFirst();
  if (!evaluation) return [];
  const proposed = evaluation.proposed_outcome as EvaluationOutcome;
  const stage = stageAfterEvaluation(status, proposed);
  const adopted = status === 'adopted' || status === 'arbitrated';
  const outcome = adopted ? proposed : null;
  if (outcome !== null) await trx.updateTable('project_evaluation').set({ outcome, decided_at: scope.now }).where('id', '=', evaluation.id).execute();
  let evaluationDueOn = project.evaluation_due_on;
  if (outcome === 'renew' || outcome === 'adjust') {
    // The next evaluation falls a period after today, counted in months by the database.
    const due = await trx
      .updateTable('project')
      // A new evaluation day is reminded anew.
      .set({ evaluation_due_on: sql<string>`(${calendarDay(scope.now)}::date + make_interval(months => coalesce(evaluation_every_months, 12)))::date`, evaluation_reminded_at: null })
      .where('id', '=', projectId)
      .returning('evaluation_due_on')
      .executeTakeFirstOrThrow();
    evaluationDueOn = due.evaluation_due_on;
  }
  await moveTo(trx, project, stage, scope.now);
  return [{ kind: 'project.evaluation_decided', payload: { projectId, stage, evaluationId: evaluation.id, proposalId: proposal.id, outcome, evaluationDueOn } }];
}

/** Step 5: the validating body tells the carriers its recommendations and points of vigilance, kept on the project. */
export async function tellCarriers(ctx: ActContext, projectId: string, input: z.infer<typeof carriersToldInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { project, state, charter } = await lockedProject(trx, ctx, projectId);
    const validatingBodyId = validatingBodyOf(charter, project.working_group_parent_id);
    if (!may.tellProjectCarriers(ctx.viewer, validatingBodyId, await presentationFacilitatorOf(trx, projectId))) throw forbidden();
    allowed(mayTellCarriers(state));
    await trx.updateTable('project').set({ recommendations: input.recommendations, vigilance: input.vigilance }).where('id', '=', projectId).execute();
    await markStep(trx, projectId, 'carriers_told', ctx.now, ctx.viewer.personId);
    return {
      result: { id: projectId },
      events: [{ kind: 'project.carriers_told', payload: { projectId, recommendationsHash: textHash(input.recommendations), vigilanceHash: textHash(input.vigilance) } }],
    };
  });
}

/** Step 7: a participating organization names its referent, who joins the working group for it. */
export async function nameReferent(ctx: ActContext, projectId: string, input: z.infer<typeof referentInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { project, state, rules } = await lockedProject(trx, ctx, projectId);
    await requireReference(trx, 'organization', input.organizationId, ctx.partnershipId, 'organizationId');
    await requireReference(trx, 'person', input.personId, ctx.partnershipId, 'personId');
    if (!may.nameProjectReferent(ctx.viewer, input.organizationId)) throw forbidden();
    allowed(mayNameReferent(state, rules, input.organizationId));
    const seat = await seatInTransaction(trx, ctx, project.working_group_id!, {
      personId: input.personId,
      organizationId: input.organizationId,
      capacity: 'referent',
      mandateSource: 'partnership',
      startsOn: calendarDay(ctx.now),
      endsOn: null,
    });
    const referents = new Map(state.referents);
    referents.set(input.organizationId, (referents.get(input.organizationId) ?? 0) + 1);
    const complete = referentsComplete({ participatingOrganizationIds: state.participatingOrganizationIds, referents }, rules);
    if (complete) await markStep(trx, projectId, 'referents', ctx.now, ctx.viewer.personId);
    return {
      result: { id: String(seat.payload['seatId']) },
      events: [seat, { kind: 'project.referent_named', payload: { projectId, organizationId: input.organizationId, personId: input.personId, seatId: seat.payload['seatId'], complete } }],
    };
  });
}

/** The lead's term starts today in the project's role, and the project becomes active with its first evaluation day. */
async function startLead(trx: Trx, scope: Scope, project: ProjectRow, roleId: string, nomineeId: string, everyMonths: number): Promise<JournalEvent[]> {
  const today = calendarDay(scope.now);
  const events = await startRoleTerm(trx, { id: randomUUID(), roleId, personId: nomineeId, startsOn: today, endsOn: null }, today, () => conflict('project.refusal.lead_role_taken'));
  const due = await trx
    .updateTable('project')
    .set({ evaluation_every_months: everyMonths, evaluation_due_on: sql<string>`(${today}::date + make_interval(months => ${everyMonths}::integer))::date`, evaluation_reminded_at: null })
    .where('id', '=', project.id)
    .returning('evaluation_due_on')
    .executeTakeFirstOrThrow();
  const stage = stageAfterLead(project);
  await moveTo(trx, project, stage, scope.now);
  return [...events, { kind: 'project.lead_started', payload: { projectId: project.id, stage, personId: nomineeId, evaluationEveryMonths: everyMonths, evaluationDueOn: due.evaluation_due_on } }];
}

/**
 * Step 8: the body the charter names (else the validating body) names the lead with the mission
 * sheet; the project's role « Chef·fe de projet … » is created in its working group the first
 * time. Without a confirmation to wait for, the lead's term starts at once.
 */
export async function nameLead(ctx: ActContext, projectId: string, input: z.infer<typeof leadInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { project, state, charter, rules } = await lockedProject(trx, ctx, projectId);
    await requireReference(trx, 'person', input.personId, ctx.partnershipId, 'personId');
    const namingBodyId = leadNamingBodyOf(rules, validatingBodyOf(charter, project.working_group_parent_id));
    if (!may.nameProjectLead(ctx.viewer, namingBodyId)) throw forbidden();
    allowed(mayNameLead(state));
    await refuseIfErased(trx, [input.personId]);
    const events: JournalEvent[] = [];
    let roleId = project.lead_role_id;
    if (roleId === null) {
      roleId = randomUUID();
      const name = await projectNamed(trx, 'role', 'project.leadRoleName', project, ctx.partnershipId);
      events.push(await createRoleInTransaction(trx, ctx, roleId, { name, bodyId: project.working_group_id, purpose: '', accountabilities: [], termMonths: null, sitsInParent: false, maxHolders: 1 }));
    }
    await trx
      .updateTable('project')
      .set({ lead_role_id: roleId, lead_nominee_id: input.personId, mission_goals: input.missionGoals, mission_time: input.missionTime, mission_training: input.missionTraining })
      .where('id', '=', projectId)
      .execute();
    // A new nomination asks the confirmers again: approvals of another nominee no longer count.
    await trx.deleteFrom('project_lead_approval').where('project_id', '=', projectId).execute();
    await trx.deleteFrom('project_step').where('project_id', '=', projectId).where('step', '=', 'lead_named').execute();
    await markStep(trx, projectId, 'lead_named', ctx.now, ctx.viewer.personId);
    events.push({
      kind: 'project.lead_named',
      payload: {
        projectId,
        roleId,
        personId: input.personId,
        confirmationAsked: rules.leadConfirmedBy !== null,
        missionGoalsHash: textHash(input.missionGoals),
        missionTimeHash: textHash(input.missionTime),
        missionTrainingHash: textHash(input.missionTraining),
      },
    });
    if (rules.leadConfirmedBy === null) events.push(...(await startLead(trx, ctx, project, roleId, input.personId, rules.evaluation.everyMonths)));
    return { result: { id: projectId }, events };
  });
}

/** Step 9: each confirmer approves the nominee; once all have, the lead's term starts and the project is active. */
export async function approveLead(ctx: ActContext, projectId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { project, state, rules } = await lockedProject(trx, ctx, projectId);
    const confirmers = await confirmersOf(trx, rules, calendarDay(ctx.now));
    if (!may.confirmProjectLead(ctx.viewer, confirmers)) throw forbidden();
    allowed(mayApproveLead(state, rules, ctx.viewer.personId));
    const nomineeId = project.lead_nominee_id!;
    // An erased person is given nothing new to carry, the lead's role least of all.
    await refuseIfErased(trx, [nomineeId]);
    await trx.insertInto('project_lead_approval').values({ project_id: projectId, person_id: ctx.viewer.personId, nominee_id: nomineeId, approved_at: ctx.now }).execute();
    const approvals = new Set([...state.leadApprovals, ctx.viewer.personId]);
    const events: JournalEvent[] = [{ kind: 'project.lead_approved', payload: { projectId, personId: ctx.viewer.personId, nomineeId } }];
    if (leadConfirmed(approvals, confirmers)) {
      await markStep(trx, projectId, 'lead_confirmed', ctx.now, ctx.viewer.personId);
      events.push({ kind: 'project.lead_confirmed', payload: { projectId, nomineeId, approverIds: [...approvals].sort() } });
      events.push(...(await startLead(trx, ctx, project, project.lead_role_id!, nomineeId, rules.evaluation.everyMonths)));
    }
    return { result: { id: projectId }, events };
  });
}

/** Step 9 refused: a confirmer refuses the nominee with a reason; the nomination falls and those who name the lead are told. */
export async function refuseLead(ctx: ActContext, projectId: string, input: z.infer<typeof leadRefusalInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { project, state, rules } = await lockedProject(trx, ctx, projectId);
    const confirmers = await confirmersOf(trx, rules, calendarDay(ctx.now));
    if (!may.confirmProjectLead(ctx.viewer, confirmers)) throw forbidden();
    allowed(mayApproveLead(state, rules, ctx.viewer.personId));
    const nomineeId = project.lead_nominee_id!;
    await trx.updateTable('project').set({ lead_nominee_id: null, lead_refusal_reason: input.reason }).where('id', '=', projectId).execute();
    await trx.deleteFrom('project_lead_approval').where('project_id', '=', projectId).execute();
    await trx.deleteFrom('project_step').where('project_id', '=', projectId).where('step', '=', 'lead_named').execute();
    return { result: { id: projectId }, events: [{ kind: 'project.lead_refused', payload: { projectId, personId: ctx.viewer.personId, nomineeId, reasonHash: textHash(input.reason) } }] };
  });
}

/** The working group reports its evaluation, which goes to the body the charter names as a proposal to renew, adjust or close. */
export async function reportEvaluation(ctx: ActContext, projectId: string, input: z.infer<typeof evaluationInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { project, state, rules } = await lockedProject(trx, ctx, projectId);
    if (!may.evaluateProject(ctx.viewer, project.working_group_id, leadInOffice(project))) throw forbidden();
    allowed(mayReportEvaluation(state));
    const id = randomUUID();
    const proposal = await createProposalInTransaction(trx, ctx, {
      level: rules.evaluation.level,
      topic: rules.evaluation.topic,
      wording: fr(`project.proposal.evaluationWording.${input.proposedOutcome}`, { title: project.title }),
      context: contextFor([input.analysis, input.emergingNeeds], ctx.partnershipId, projectId),
      participationLevel: 'concertation',
      project: { id: projectId, matter: 'evaluation' },
    });
    await trx
      .insertInto('project_evaluation')
      .values({
        id,
        project_id: projectId,
        period_ends_on: input.periodEndsOn,
        analysis: input.analysis,
        emerging_needs: input.emergingNeeds,
        reported_by: ctx.viewer.personId,
        reported_at: ctx.now,
        proposal_id: proposal.id,
        proposed_outcome: input.proposedOutcome,
      })
      .execute();
    await moveTo(trx, project, 'evaluating', ctx.now);
    return {
      result: { id },
      events: [
        proposal.event,
        {
          kind: 'project.evaluation_reported',
          payload: {
            projectId,
            stage: 'evaluating',
            evaluationId: id,
            proposalId: proposal.id,
            periodEndsOn: input.periodEndsOn,
            proposedOutcome: input.proposedOutcome,
            analysisHash: textHash(input.analysis),
            emergingNeedsHash: textHash(input.emergingNeeds),
          },
        },
      ],
    };
  });
}
