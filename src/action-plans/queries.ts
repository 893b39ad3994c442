import type { Kysely } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { notFound } from '../common/errors.js';
import { may, type Viewer } from '../common/permissions.js';
import type { ActionStatus, PlanStatus } from './rules.js';

type Db = Pick<Kysely<Database>, 'selectFrom'>;

/** Whether this person carries the project: named as a carrier, or a member of a carrier organization. */
export async function carriesProject(db: Db, projectId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('project_carrier as c')
    .select('c.id')
    .where('c.project_id', '=', projectId)
    .where((eb) => eb.or([eb('c.person_id', '=', personId), eb('c.organization_id', 'in', eb.selectFrom('membership').select('organization_id').where('person_id', '=', personId))]))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The plan page, for anyone of the partnership, in five queries whatever the plan's size: the
 * partnership's plans, the subjects and actions (with their owners) of the one in force and of
 * the draft, the projects serving those subjects, and the proposals naming those two plans.
 */
export async function actionPlansPage(db: Kysely<Database>, viewer: Viewer, partnershipId: string) {
  const plans = await db
    .selectFrom('action_plan')
    .select(['id', 'title', 'starts_on', 'ends_on', 'status', 'adopted_on'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('created_at', 'desc')
    .execute();
  const shown = plans.filter((plan) => plan.status !== 'superseded').map((plan) => plan.id);
  const [subjects, actions, projects, proposals] =
    shown.length === 0
      ? [[], [], [], []]
      : await Promise.all([
          db.selectFrom('action_plan_subject').select(['id', 'plan_id', 'title', 'description']).where('plan_id', 'in', shown).orderBy('position').execute(),
          db
            .selectFrom('action_plan_action as a')
            .innerJoin('action_plan_subject as s', 's.id', 'a.subject_id')
            .leftJoin('person as o', 'o.id', 'a.owner_id')
            .select(['a.id', 'a.subject_id', 'a.title', 'a.owner_id', 'o.full_name as owner_name', 'a.deadline', 'a.status'])
            .where('s.plan_id', 'in', shown)
            .orderBy('a.position')
            .execute(),
          db
            .selectFrom('project_subject as ps')
            .innerJoin('project as p', 'p.id', 'ps.project_id')
            .innerJoin('action_plan_subject as s', 's.id', 'ps.subject_id')
            .select(['ps.subject_id', 'p.id', 'p.title', 'p.stage'])
            .where('s.plan_id', 'in', shown)
            .orderBy('p.title')
            .execute(),
          db.selectFrom('proposal').select(['id', 'action_plan_id', 'status']).where('action_plan_id', 'in', shown).orderBy('created_at', 'desc').execute(),
        ]);
  const planAnswer = (plan: (typeof plans)[number]) => {
    // The one under decision, else the one that adopted it, else the latest refused: a plan is proposed again only once the last is settled.
    const ofPlan = proposals.filter((row) => row.action_plan_id === plan.id);
    const proposal = ofPlan.find((row) => row.status === 'open') ?? ofPlan.find((row) => row.status === 'adopted' || row.status === 'arbitrated') ?? ofPlan[0];
    return {
      id: plan.id,
      title: plan.title,
      startsOn: plan.starts_on,
      endsOn: plan.ends_on,
      status: plan.status as PlanStatus,
      adoptedOn: plan.adopted_on,
      proposal: proposal ? { id: proposal.id, status: proposal.status } : null,
      subjects: subjects
        .filter((subject) => subject.plan_id === plan.id)
        .map((subject) => ({
          id: subject.id,
          title: subject.title,
          description: subject.description,
          actions: actions
            .filter((action) => action.subject_id === subject.id)
            .map((action) => ({
              id: action.id,
              title: action.title,
              owner: action.owner_id === null ? null : { id: action.owner_id, fullName: action.owner_name ?? '' },
              deadline: action.deadline,
              status: action.status as ActionStatus,
              canSetStatus: plan.status === 'adopted' && may.setActionStatus(viewer, { ownerId: action.owner_id }),
            })),
          projects: projects.filter((project) => project.subject_id === subject.id).map(({ id, title, stage }) => ({ id, title, stage })),
        })),
    };
  };
  const inForce = plans.find((plan) => plan.status === 'adopted');
  const draft = plans.find((plan) => plan.status === 'draft');
  return {
    inForce: inForce ? planAnswer(inForce) : null,
    draft: draft ? planAnswer(draft) : null,
    superseded: plans
      .filter((plan) => plan.status === 'superseded')
      .map((plan) => ({ id: plan.id, title: plan.title, startsOn: plan.starts_on, endsOn: plan.ends_on, adoptedOn: plan.adopted_on })),
    can: { draft: may.draftActionPlan(viewer) },
  };
}

/** The subjects of the plan in force, those the project serves marked, for its page and its form. */
export async function projectSubjects(db: Kysely<Database>, viewer: Viewer, partnershipId: string, projectId: string) {
  const [project, plan, carried] = await Promise.all([
    db.selectFrom('project').select(['id', 'working_group_id']).where('id', '=', projectId).where('partnership_id', '=', partnershipId).executeTakeFirst(),
    db.selectFrom('action_plan').select(['id', 'title']).where('partnership_id', '=', partnershipId).where('status', '=', 'adopted').executeTakeFirst(),
    carriesProject(db, projectId, viewer.personId),
  ]);
  if (!project) throw notFound();
  const subjects = plan
    ? await db
        .selectFrom('action_plan_subject as s')
        .leftJoin('project_subject as ps', (join) => join.onRef('ps.subject_id', '=', 's.id').on('ps.project_id', '=', projectId))
        .select(['s.id', 's.title', 'ps.project_id'])
        .where('s.plan_id', '=', plan.id)
        .orderBy('s.position')
        .execute()
    : [];
  return {
    plan: plan ?? null,
    subjects: subjects.map((subject) => ({ id: subject.id, title: subject.title, attached: subject.project_id !== null })),
    can: { set: plan !== undefined && may.attachProjectSubjects(viewer, { carriedByViewer: carried, workingGroupId: project.working_group_id }) },
  };
}
