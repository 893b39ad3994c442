import { sql, type Kysely } from 'kysely';
import { partnershipRules } from '../charters/queries.js';
import { projectRulesOf, type CharterRules, type ProjectRules } from '../charters/rules/types.js';
import { calendarDay, type IsoDate } from '../common/dates.js';
import { heldOn } from '../common/database/periods.js';
import { notFound } from '../common/errors.js';
import type { Database } from '../common/database/schema.js';
import { groupRows } from '../common/group-rows.js';
import { may, type Viewer } from '../common/permissions.js';
import { routeDecision } from '../decisions/rules.js';
import {
  expectedNext,
  indicatorProgress,
  mayApproveLead,
  mayNameLead,
  mayNameReferent,
  mayPresent,
  mayReportEvaluation,
  mayRewrite,
  mayTellCarriers,
  stepsOf,
  type Expected,
  type ProjectOrigin,
  type ProjectStage,
  type ProjectState,
  type ProjectStep,
} from './rules.js';

type Db = Kysely<Database>;


/**
 * The body that validates a project: once validated, the one that did (its working group's
 * parent); before, the one the matrix row presenting projects names today.
 */
export function validatingBodyOf(rules: CharterRules | undefined, workingGroupParentId: string | null): string | null {
  if (workingGroupParentId !== null) return workingGroupParentId;
  if (!rules) return null;
  const { presentation } = projectRulesOf(rules);
  return routeDecision(rules, presentation.level, presentation.topic)?.bodyId ?? null;
}

/** The body whose members name the lead: the one the charter names, else the validating body. */
export const leadNamingBodyOf = (rules: ProjectRules, validatingBodyId: string | null): string | null => rules.leadNamedBy ?? validatingBodyId;

/** Those whose approval confirms the lead today: the holders of the role, or the members of the body, the charter names. */
export async function confirmersOf(db: Db, rules: ProjectRules, today: IsoDate): Promise<string[]> {
  const by = rules.leadConfirmedBy;
  if (by === null) return [];
  const rows =
    by.kind === 'body'
      ? await db.selectFrom('body_member as s').select('s.person_id').distinct().where('s.body_id', '=', by.bodyId).where(heldOn('s', today)).orderBy('s.person_id').execute()
      : await db.selectFrom('role_assignment as s').select('s.person_id').distinct().where('s.role_id', '=', by.roleId).where(heldOn('s', today)).orderBy('s.person_id').execute();
  return rows.map((row) => row.person_id);
}

/** The organizations a person belongs to: a member of a carrier organization carries its projects. */
export async function organizationsOf(db: Db, personId: string): Promise<string[]> {
  const rows = await db.selectFrom('membership').select('organization_id').where('person_id', '=', personId).execute();
  return rows.map((row) => row.organization_id);
}

const projectColumns = [
  'p.id',
  'p.title',
  'p.summary',
  'p.origin',
  'p.origin_detail',
  'p.stage',
  'p.stage_since',
  'p.needs',
  'p.analysis',
  'p.refusal_reason',
  'p.recommendations',
  'p.vigilance',
  'p.working_group_id',
  'p.lead_role_id',
  'p.lead_nominee_id',
  'p.mission_goals',
  'p.mission_time',
  'p.mission_training',
  'p.evaluation_every_months',
  'p.evaluation_due_on',
  'p.created_by',
  'p.created_at',
  'wg.parent_body_id as working_group_parent_id',
] as const;

/** A project's row, locked for an act when `lock` says so (each act on a project takes it, so two steps never cross). */
export async function projectRow(db: Db, partnershipId: string, projectId: string, lock = false) {
  let query = db.selectFrom('project as p').leftJoin('body as wg', 'wg.id', 'p.working_group_id').select(projectColumns).where('p.id', '=', projectId).where('p.partnership_id', '=', partnershipId);
  if (lock) query = query.forUpdate('p');
  const row = await query.executeTakeFirst();
  return row && { ...row, stage: row.stage as ProjectStage, origin: row.origin as ProjectOrigin };
}
export type ProjectRow = NonNullable<Awaited<ReturnType<typeof projectRow>>>;

/** What the rules need to know of a project: its carriers, its steps, its houses, its referents today, its nominee's approvals. */
export async function projectFacts(db: Db, project: ProjectRow, today: IsoDate) {
  const [carriers, steps, organizations, referents, approvals] = await Promise.all([
    db.selectFrom('project_carrier').select(['person_id', 'organization_id']).where('project_id', '=', project.id).execute(),
    db.selectFrom('project_step').select(['step', 'done_at', 'done_by']).where('project_id', '=', project.id).execute(),
    db.selectFrom('project_organization').select('organization_id').where('project_id', '=', project.id).execute(),
    project.working_group_id === null
      ? Promise.resolve([])
      : db
          .selectFrom('body_member as s')
          .select(['s.organization_id', 's.person_id'])
          .where('s.body_id', '=', project.working_group_id)
          .where('s.capacity', '=', 'referent')
          .where(heldOn('s', today))
          .execute(),
    project.lead_nominee_id === null
      ? Promise.resolve([])
      : db.selectFrom('project_lead_approval').select(['person_id', 'approved_at']).where('project_id', '=', project.id).where('nominee_id', '=', project.lead_nominee_id).execute(),
  ]);
  const referentCount = new Map<string, number>();
  for (const row of referents) if (row.organization_id !== null) referentCount.set(row.organization_id, (referentCount.get(row.organization_id) ?? 0) + 1);
  const state: ProjectState = {
    stage: project.stage as ProjectStage,
    done: new Set(steps.map((row) => row.step as ProjectStep)),
    participatingOrganizationIds: organizations.map((row) => row.organization_id),
    referents: referentCount,
    leadNomineeId: project.lead_nominee_id,
    leadApprovals: new Set(approvals.map((row) => row.person_id)),
  };
  return {
    state,
    carriers: {
      carrierPersonIds: carriers.flatMap((row) => (row.person_id === null ? [] : [row.person_id])),
      carrierOrganizationIds: carriers.flatMap((row) => (row.organization_id === null ? [] : [row.organization_id])),
    },
    steps,
    referents,
    approvals,
  };
}

/** The open proposal that decides the project's matter now, if any. */
async function openProposalOf(db: Db, projectId: string) {
  return db.selectFrom('proposal').select(['id', 'facilitator_id', 'body_id']).where('project_id', '=', projectId).where('status', '=', 'open').executeTakeFirst();
}

/** The facilitator of the proposal that presented the project, who may tell its carriers. */
export async function presentationFacilitatorOf(db: Db, projectId: string): Promise<string | null> {
  const row = await db.selectFrom('proposal').select('facilitator_id').where('project_id', '=', projectId).where('project_matter', '=', 'presentation').orderBy('created_at', 'desc').executeTakeFirst();
  return row?.facilitator_id ?? null;
}

/** The lead once in office (confirmed, or named where nobody confirms): they may report an evaluation. */
export const leadInOffice = (project: Pick<ProjectRow, 'lead_nominee_id' | 'stage'>): string | null =>
  project.stage === 'active' || project.stage === 'evaluating' || project.stage === 'closed' ? project.lead_nominee_id : null;

/** When each thing expected began to wait: the stage's start, or the step that opened it. */
function sinceOf(expected: Expected, stageSince: Date, stepDone: ReadonlyMap<string, Date>, evaluationDueOn: IsoDate | null): Date {
  const after = (step: ProjectStep) => stepDone.get(step) ?? stageSince;
  switch (expected.step) {
    case 'carriers_told':
      return after('validated');
    case 'referents':
    case 'lead_named':
      return after('working_group');
    case 'lead_confirmed':
      return after('lead_named');
    case 'evaluation':
      return evaluationDueOn === null ? stageSince : new Date(`${evaluationDueOn}T00:00:00Z`) < stageSince ? new Date(`${evaluationDueOn}T00:00:00Z`) : stageSince;
    default:
      return stageSince;
  }
}

interface Names {
  readonly bodies: ReadonlyMap<string, string>;
  readonly organizations: ReadonlyMap<string, string>;
  readonly people: ReadonlyMap<string, string>;
}

/** The expected things with names: the body each waits on, the house, the people. */
function namedExpected(
  expected: readonly Expected[],
  context: { decidingBodyId: string | null; validatingBodyId: string | null; leadNamingBodyId: string | null; workingGroupId: string | null; carrierPersonIds: readonly string[] },
  names: Names,
  since: (expected: Expected) => Date,
) {
  const body = (id: string | null) => (id === null ? null : { id, name: names.bodies.get(id) ?? '' });
  const person = (id: string) => ({ id, fullName: names.people.get(id) ?? '' });
  return expected.map((item) => {
    const from = item.from;
    const bodyId =
      from.kind === 'decision' ? context.decidingBodyId : from.kind === 'validating_body' ? context.validatingBodyId : from.kind === 'lead_namer' ? context.leadNamingBodyId : from.kind === 'working_group' ? context.workingGroupId : null;
    return {
      step: item.step,
      from: {
        kind: from.kind,
        body: body(bodyId),
        organization: from.kind === 'organization' ? { id: from.organizationId, name: names.organizations.get(from.organizationId) ?? '' } : null,
        people: from.kind === 'confirmers' ? from.personIds.map(person) : from.kind === 'carriers' ? context.carrierPersonIds.map(person) : [],
      },
      since: since(item),
    };
  });
}

async function namesOf(db: Db, ids: { bodies: Iterable<string>; organizations: Iterable<string>; people: Iterable<string> }): Promise<Names> {
  const bodyIds = [...new Set(ids.bodies)];
  const organizationIds = [...new Set(ids.organizations)];
  const personIds = [...new Set(ids.people)];
  const [bodies, organizations, people] = await Promise.all([
    bodyIds.length === 0 ? [] : db.selectFrom('body').select(['id', 'name']).where('id', 'in', bodyIds).execute(),
    organizationIds.length === 0 ? [] : db.selectFrom('organization').select(['id', 'name']).where('id', 'in', organizationIds).execute(),
    personIds.length === 0 ? [] : db.selectFrom('person').select(['id', 'full_name as name']).where('id', 'in', personIds).execute(),
  ]);
  const map = (rows: readonly { id: string; name: string }[]) => new Map(rows.map((row) => [row.id, row.name]));
  return { bodies: map(bodies), organizations: map(organizations), people: map(people) };
}

const byName = <T extends { name: string }>(rows: T[]) => rows.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
const byFullName = <T extends { fullName: string }>(rows: T[]) => rows.sort((a, b) => a.fullName.localeCompare(b.fullName, 'fr'));

/** A project's page: its fields, its steps in the charter's order, what it waits for and from whom, and what this viewer may do. */
const PROJECT_MEETINGS = 20;

/** The meetings where the project is worked on or decided: its working group's, and any whose agenda brings one of its proposals. */
function meetingsOf(db: Db, project: { readonly id: string; readonly working_group_id: string | null }) {
  return db
    .selectFrom('meeting as m')
    .innerJoin('body as b', 'b.id', 'm.body_id')
    .select(['m.id', 'm.title', 'm.starts_at', 'm.body_id', 'b.name as body_name'])
    .where((eb) =>
      eb.or([
        ...(project.working_group_id === null ? [] : [eb('m.body_id', '=', project.working_group_id)]),
        eb.exists(
          eb
            .selectFrom('agenda_item as i')
            .innerJoin('proposal as p', 'p.id', 'i.proposal_id')
            .select('i.id')
            .whereRef('i.meeting_id', '=', 'm.id')
            .where('p.project_id', '=', project.id),
        ),
      ]),
    )
    .orderBy('m.starts_at', 'desc')
    .limit(PROJECT_MEETINGS)
    .execute();
}

export async function projectPage(db: Db, viewer: Viewer, partnershipId: string, projectId: string, now: Date) {
  const today = calendarDay(now);
  const project = await projectRow(db, partnershipId, projectId);
  if (!project) throw notFound();
  const [charter, facts, viewerOrganizations, proposals, evaluations, openProposal, meetings] = await Promise.all([
    partnershipRules(db, partnershipId),
    projectFacts(db, project, today),
    organizationsOf(db, viewer.personId),
    db
      .selectFrom('proposal')
      .select(['id', 'project_matter', 'status', 'body_id', 'created_at', 'decided_at', 'facilitator_id'])
      .where('project_id', '=', project.id)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('project_evaluation').selectAll().where('project_id', '=', project.id).orderBy('reported_at').execute(),
    openProposalOf(db, project.id),
    meetingsOf(db, project),
  ]);
  const rules = projectRulesOf(charter ?? {});
  const confirmers = await confirmersOf(db, rules, today);
  const validatingBodyId = validatingBodyOf(charter, project.working_group_parent_id);
  const leadNamingBodyId = leadNamingBodyOf(rules, validatingBodyId);
  const expected = expectedNext(facts.state, rules, confirmers);
  const names = await namesOf(db, {
    bodies: [validatingBodyId, leadNamingBodyId, project.working_group_id, ...proposals.map((row) => row.body_id)].filter((id): id is string => id !== null),
    organizations: [...facts.carriers.carrierOrganizationIds, ...facts.state.participatingOrganizationIds],
    people: [
      project.created_by,
      ...facts.carriers.carrierPersonIds,
      ...facts.steps.flatMap((row) => (row.done_by === null ? [] : [row.done_by])),
      ...facts.referents.map((row) => row.person_id),
      ...facts.approvals.map((row) => row.person_id),
      ...confirmers,
      ...(project.lead_nominee_id === null ? [] : [project.lead_nominee_id]),
      ...evaluations.map((row) => row.reported_by),
    ],
  });
  const roleName = project.lead_role_id === null ? undefined : await db.selectFrom('role').select('name').where('id', '=', project.lead_role_id).executeTakeFirst();
  const person = (id: string) => ({ id, fullName: names.people.get(id) ?? '' });
  const organization = (id: string) => ({ id, name: names.organizations.get(id) ?? '' });
  const stepDone = new Map(facts.steps.map((row) => [row.step, row.done_at]));
  const presentationFacilitator = proposals.filter((row) => row.project_matter === 'presentation').at(-1)?.facilitator_id ?? null;
  const state = facts.state;
  const carries = may.carryProject(viewer, facts.carriers, viewerOrganizations);
  const workingGroupId = project.working_group_id;
  return {
    id: project.id,
    title: project.title,
    summary: project.summary,
    origin: project.origin,
    originDetail: project.origin_detail,
    stage: project.stage,
    stageSince: project.stage_since,
    needs: project.needs,
    analysis: project.analysis,
    refusalReason: project.refusal_reason,
    recommendations: project.recommendations,
    vigilance: project.vigilance,
    missionGoals: project.mission_goals,
    missionTime: project.mission_time,
    missionTraining: project.mission_training,
    evaluationEveryMonths: project.evaluation_every_months,
    evaluationDueOn: project.evaluation_due_on,
    createdAt: project.created_at,
    createdBy: person(project.created_by),
    carriers: {
      people: byFullName(facts.carriers.carrierPersonIds.map(person)),
      organizations: byName(facts.carriers.carrierOrganizationIds.map(organization)),
    },
    organizations: byName(state.participatingOrganizationIds.map(organization)),
    steps: stepsOf(rules).map((step) => {
      const done = facts.steps.find((row) => row.step === step);
      return { step, doneAt: done?.done_at ?? null, doneBy: done?.done_by ? person(done.done_by) : null };
    }),
    expected: namedExpected(
      expected,
      { decidingBodyId: openProposal?.body_id ?? null, validatingBodyId, leadNamingBodyId, workingGroupId, carrierPersonIds: facts.carriers.carrierPersonIds },
      names,
      (item) => sinceOf(item, project.stage_since, stepDone, project.evaluation_due_on),
    ),
    validatingBody: validatingBodyId === null ? null : { id: validatingBodyId, name: names.bodies.get(validatingBodyId) ?? '' },
    leadNamingBody: leadNamingBodyId === null ? null : { id: leadNamingBodyId, name: names.bodies.get(leadNamingBodyId) ?? '' },
    workingGroup:
      workingGroupId === null
        ? null
        : {
            id: workingGroupId,
            name: names.bodies.get(workingGroupId) ?? '',
            referents: byName(state.participatingOrganizationIds.map(organization)).map((house) => ({
              organization: house,
              people: byFullName(facts.referents.filter((row) => row.organization_id === house.id).map((row) => person(row.person_id))),
            })),
          },
    lead: {
      role: project.lead_role_id === null ? null : { id: project.lead_role_id, name: roleName?.name ?? '' },
      nominee: project.lead_nominee_id === null ? null : person(project.lead_nominee_id),
      approvals: facts.approvals.map((row) => ({ person: person(row.person_id), approvedAt: row.approved_at })),
      confirmers: byFullName(confirmers.map(person)),
    },
    proposals: proposals.map((row) => ({
      id: row.id,
      matter: row.project_matter as 'presentation' | 'evaluation',
      status: row.status as 'open' | 'adopted' | 'rejected' | 'arbitrated' | 'lapsed',
      body: { id: row.body_id, name: names.bodies.get(row.body_id) ?? '' },
      createdAt: row.created_at,
      decidedAt: row.decided_at,
    })),
    meetings: meetings.map((row) => ({ id: row.id, title: row.title, startsAt: row.starts_at, body: { id: row.body_id, name: row.body_name } })),
    evaluations: evaluations.map((row) => ({
      id: row.id,
      periodEndsOn: row.period_ends_on,
      analysis: row.analysis,
      emergingNeeds: row.emerging_needs,
      proposedOutcome: row.proposed_outcome as 'renew' | 'adjust' | 'close' | null,
      outcome: row.outcome as 'renew' | 'adjust' | 'close' | null,
      reportedBy: person(row.reported_by),
      reportedAt: row.reported_at,
      proposalId: row.proposal_id,
      decidedAt: row.decided_at,
    })),
    can: {
      formalize: carries && mayRewrite(state).ok,
      present: may.presentProject(viewer, facts.carriers, viewerOrganizations, validatingBodyId) && mayPresent(state).ok && validatingBodyId !== null,
      tellCarriers: may.tellProjectCarriers(viewer, validatingBodyId, presentationFacilitator) && mayTellCarriers(state).ok,
      nameReferentFor: state.participatingOrganizationIds.filter((id) => may.nameProjectReferent(viewer, id) && mayNameReferent(state, rules, id).ok),
      nameLead: may.nameProjectLead(viewer, leadNamingBodyId) && mayNameLead(state).ok,
      approveLead: may.confirmProjectLead(viewer, confirmers) && mayApproveLead(state, rules, viewer.personId).ok,
      refuseLead: may.confirmProjectLead(viewer, confirmers) && mayApproveLead(state, rules, viewer.personId).ok,
      reportEvaluation: may.evaluateProject(viewer, workingGroupId, leadInOffice(project)) && mayReportEvaluation(state).ok,
    },
  };
}

export const PORTFOLIO_PAGE = 50;

/** The cursor of the portfolio's next page: the last title and id shown, which the next page starts after. */
export function portfolioCursor(title: string, id: string): string {
  return Buffer.from(JSON.stringify([title, id]), 'utf8').toString('base64url');
}

function parsePortfolioCursor(cursor: string): { title: string; id: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && /^[0-9a-f-]{36}$/i.test(value[1])) return { title: value[0], id: value[1] };
  } catch {
    // A cursor that does not parse starts from the beginning, as an absent one.
  }
  return undefined;
}

/**
 * The portfolio: every project of the partnership, 50 a page in title order, with what each
 * waits for and since when, its next deadline and its indicators at a glance. A fixed number of
 * statements whatever the number of projects: the page's projects, then their carriers, houses,
 * steps, referents, approvals, open proposals and indicators each in one statement for the page.
 */
export async function portfolio(db: Db, partnershipId: string, filters: { stage?: ProjectStage | undefined; organizationId?: string | undefined; subjectId?: string | undefined; cursor?: string | undefined }, now: Date) {
  const today = calendarDay(now);
  const after = filters.cursor === undefined ? undefined : parsePortfolioCursor(filters.cursor);
  let query = db.selectFrom('project as p').leftJoin('body as wg', 'wg.id', 'p.working_group_id').select(projectColumns).where('p.partnership_id', '=', partnershipId);
  if (filters.stage !== undefined) query = query.where('p.stage', '=', filters.stage);
  if (filters.organizationId !== undefined) {
    const organizationId = filters.organizationId;
    query = query.where((eb) => eb.exists(eb.selectFrom('project_organization as po').select('po.project_id').whereRef('po.project_id', '=', 'p.id').where('po.organization_id', '=', organizationId)));
  }
  if (filters.subjectId !== undefined) {
    const subjectId = filters.subjectId;
    query = query.where((eb) => eb.exists(eb.selectFrom('project_subject as ps').select('ps.project_id').whereRef('ps.project_id', '=', 'p.id').where('ps.subject_id', '=', subjectId)));
  }
  if (after !== undefined) query = query.where(sql<boolean>`(p.title, p.id) > (${after.title}, ${after.id}::uuid)`);
  const [rows, charter] = await Promise.all([query.orderBy('p.title').orderBy('p.id').limit(PORTFOLIO_PAGE + 1).execute(), partnershipRules(db, partnershipId)]);
  const page = rows.slice(0, PORTFOLIO_PAGE);
  const next = rows.length > PORTFOLIO_PAGE ? portfolioCursor(page.at(-1)!.title, page.at(-1)!.id) : null;
  if (page.length === 0) return { rows: [], next };
  const ids = page.map((row) => row.id);
  const workingGroups = page.flatMap((row) => (row.working_group_id === null ? [] : [row.working_group_id]));
  const rules = projectRulesOf(charter ?? {});
  const [carriers, steps, organizations, referents, approvals, proposals, measurements, confirmers] = await Promise.all([
    db.selectFrom('project_carrier').select(['project_id', 'person_id']).where('project_id', 'in', ids).where('person_id', 'is not', null).execute(),
    db.selectFrom('project_step').select(['project_id', 'step', 'done_at']).where('project_id', 'in', ids).execute(),
    db.selectFrom('project_organization as po').innerJoin('organization as o', 'o.id', 'po.organization_id').select(['po.project_id', 'o.id', 'o.name']).where('po.project_id', 'in', ids).orderBy('o.name').execute(),
    workingGroups.length === 0
      ? Promise.resolve([])
      : db.selectFrom('body_member as s').select(['s.body_id', 's.organization_id']).where('s.body_id', 'in', workingGroups).where('s.capacity', '=', 'referent').where(heldOn('s', today)).execute(),
    db
      .selectFrom('project_lead_approval as a')
      .innerJoin('project as p', (join) => join.onRef('p.id', '=', 'a.project_id').onRef('p.lead_nominee_id', '=', 'a.nominee_id'))
      .select(['a.project_id', 'a.person_id'])
      .where('a.project_id', 'in', ids)
      .execute(),
    db.selectFrom('proposal').select(['project_id', 'body_id', 'round_deadline']).where('project_id', 'in', ids).where('status', '=', 'open').execute(),
    // Each indicator with the latest reading of each of its series (all that indicatorProgress reads), not the whole history of a long project.
    db
      .selectFrom('project_indicator as i')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('project_measurement as r')
            .innerJoin('project_indicator as ri', 'ri.id', 'r.indicator_id')
            .distinctOn(['r.indicator_id', 'r.organization_id'])
            .select(['r.indicator_id', 'r.measured_on', 'r.value', 'r.organization_id'])
            .where('ri.project_id', 'in', ids)
            .orderBy('r.indicator_id')
            .orderBy('r.organization_id')
            .orderBy('r.measured_on', 'desc')
            .as('m'),
        (join) => join.onRef('m.indicator_id', '=', 'i.id'),
      )
      .select(['i.project_id', 'i.id', 'i.target', 'm.measured_on', 'm.value', 'm.organization_id'])
      .where('i.project_id', 'in', ids)
      .execute(),
    confirmersOf(db, rules, today),
  ]);
  const validatingDefault = validatingBodyOf(charter, null);
  const carriersOf = groupRows(carriers, (row) => row.project_id);
  const stepsOfProject = groupRows(steps, (row) => row.project_id);
  const organizationsOf = groupRows(organizations, (row) => row.project_id);
  const referentsOf = groupRows(referents, (row) => row.body_id);
  const approvalsOf = groupRows(approvals, (row) => row.project_id);
  const proposalOf = new Map(proposals.map((row) => [row.project_id!, row]));
  const indicatorsOf = groupRows(measurements, (row) => row.project_id);
  const wgParents = page.flatMap((row) => (row.working_group_parent_id === null ? [] : [row.working_group_parent_id]));
  const expectedByProject = page.map((project) => {
    const projectSteps = stepsOfProject.get(project.id) ?? [];
    const referentCount = new Map<string, number>();
    for (const row of project.working_group_id === null ? [] : (referentsOf.get(project.working_group_id) ?? [])) {
      if (row.organization_id !== null) referentCount.set(row.organization_id, (referentCount.get(row.organization_id) ?? 0) + 1);
    }
    const state: ProjectState = {
      stage: project.stage as ProjectStage,
      done: new Set(projectSteps.map((row) => row.step as ProjectStep)),
      participatingOrganizationIds: (organizationsOf.get(project.id) ?? []).map((row) => row.id),
      referents: referentCount,
      leadNomineeId: project.lead_nominee_id,
      leadApprovals: new Set((approvalsOf.get(project.id) ?? []).map((row) => row.person_id)),
    };
    return { project, expected: expectedNext(state, rules, confirmers), stepDone: new Map(projectSteps.map((row) => [row.step, row.done_at])) };
  });
  const names = await namesOf(db, {
    bodies: [validatingDefault, leadNamingBodyOf(rules, validatingDefault), ...wgParents, ...workingGroups, ...proposals.map((row) => row.body_id)].filter((id): id is string => id !== null),
    organizations: [],
    people: [...carriers.flatMap((row) => (row.person_id === null ? [] : [row.person_id])), ...confirmers],
  });
  const allOrganizations = new Map(organizations.map((row) => [row.id, row.name]));
  const withOrganizations: Names = { ...names, organizations: allOrganizations };
  return {
    rows: expectedByProject.map(({ project, expected, stepDone }) => {
      const validatingBodyId = project.working_group_parent_id ?? validatingDefault;
      const open = proposalOf.get(project.id);
      const indicatorRows = groupRows(indicatorsOf.get(project.id) ?? [], (row) => row.id);
      let onTarget = 0;
      for (const readings of indicatorRows.values()) {
        const target = Number(readings[0]!.target);
        const measured = readings.flatMap((row) => (row.measured_on === null || row.value === null ? [] : [{ measuredOn: row.measured_on, value: Number(row.value), organizationId: row.organization_id }]));
        const progress = indicatorProgress(target, measured);
        if (progress.value !== null && progress.value >= target) onTarget += 1;
      }
      return {
        id: project.id,
        title: project.title,
        stage: project.stage as ProjectStage,
        stageSince: project.stage_since,
        organizations: (organizationsOf.get(project.id) ?? []).map((row) => ({ id: row.id, name: row.name })),
        expected: namedExpected(
          expected,
          {
            decidingBodyId: open?.body_id ?? null,
            validatingBodyId,
            leadNamingBodyId: leadNamingBodyOf(rules, validatingBodyId),
            workingGroupId: project.working_group_id,
            carrierPersonIds: (carriersOf.get(project.id) ?? []).map((row) => row.person_id!),
          },
          withOrganizations,
          (item) => sinceOf(item, project.stage_since, stepDone, project.evaluation_due_on),
        ),
        nextDeadline:
          open?.round_deadline != null
            ? { kind: 'round' as const, at: open.round_deadline }
            : project.evaluation_due_on !== null && project.stage === 'active'
              ? { kind: 'evaluation' as const, on: project.evaluation_due_on }
              : null,
        indicators: { count: indicatorRows.size, onTarget },
      };
    }),
    next,
  };
}
