import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { actorOf, recordAct, type ActContext } from '../../common/act.js';
import type { Database } from '../../common/database/schema.js';
import { calendarDay } from '../../common/dates.js';
import { conflict, forbidden, invalid, notFound } from '../../common/errors.js';
import { may } from '../../common/permissions.js';
import { requireReference } from '../../common/references.js';
import { directorsBodyOf } from './directors.js';
import { translator } from '../../i18n/server-messages.js';
import type { JournalEvent } from '../../journal/journal-store.js';
import { textHash } from '../../journal/chain.js';
import { membersToTell, tell } from '../../participation/calls.js';
import { refuseIfErased } from '../../personal-data/acts.js';
import type { ProjectStage } from '../rules.js';
import type { diagnosisInput, indicatorInput, meansInput, measurementInput, missionSheetInput, objectiveInput, purposeInput, purposeUpdateInput } from './contract.js';
import { mayMeasure, maySetIndicators, mayWriteConduct, mayWriteMissionSheet, moveTo, type ConductCheck, type ConductRefusal } from './rules.js';

/**
 * The conduct of a common project: each write is one act, by a member today of its working group,
 * its lead nominee or an administrator (`may.conductProject`), refused once the project is over.
 * Journal entries carry ids and values, and free text as its hash only.
 */

type Trx = Transaction<Database>;

const refused = (refusal: ConductRefusal) => conflict(`projectConduct.refusal.${refusal}`);
function unless(check: ConductCheck): void {
  if (!check.ok) throw refused(check.refusal);
}

/** The project, locked for the act, once the viewer may conduct it; 404 outside the partnership. */
async function projectToConduct(trx: Trx, ctx: ActContext, projectId: string) {
  const project = await trx
    .selectFrom('project')
    .select(['id', 'title', 'stage', 'working_group_id', 'lead_nominee_id'])
    .where('id', '=', projectId)
    .where('partnership_id', '=', ctx.partnershipId)
    .forUpdate()
    .executeTakeFirst();
  if (!project) throw notFound();
  if (!may.conductProject(ctx.viewer, { workingGroupId: project.working_group_id, leadNomineeId: project.lead_nominee_id })) throw forbidden();
  return { ...project, stage: project.stage as ProjectStage };
}

/** One act on a project's conduct: the project checked and locked, then the work and its journal entries. */
function conductAct<T>(ctx: ActContext, projectId: string, work: (trx: Trx, project: Awaited<ReturnType<typeof projectToConduct>>) => Promise<{ result: T; events: JournalEvent[] }>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => work(trx, await projectToConduct(trx, ctx, projectId)));
}

/** A row of one of the project's lists, or 404 (the same as a project of another partnership). */
async function rowOf(trx: Trx, table: 'project_purpose' | 'project_objective' | 'project_indicator' | 'project_means', id: string, projectId: string) {
  const row = await trx.selectFrom(table).select('id').where('id', '=', id).where('project_id', '=', projectId).forUpdate().executeTakeFirst();
  if (!row) throw notFound();
}

async function requireParticipating(trx: Trx, projectId: string, organizationId: string, path: string): Promise<void> {
  const row = await trx.selectFrom('project_organization').select('organization_id').where('project_id', '=', projectId).where('organization_id', '=', organizationId).executeTakeFirst();
  if (!row) throw invalid(path, 'projectConduct.notParticipating');
}

async function nextPosition(trx: Trx, table: 'project_purpose' | 'project_objective' | 'project_indicator', projectId: string): Promise<number> {
  const last = await trx.selectFrom(table).select((eb) => eb.fn.max('position').as('position')).where('project_id', '=', projectId).executeTakeFirst();
  return last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
}

export async function writeDiagnosis(ctx: ActContext, projectId: string, input: z.infer<typeof diagnosisInput>) {
  return conductAct(ctx, projectId, async (trx, project) => {
    unless(mayWriteConduct(project.stage));
    await trx.updateTable('project').set({ diagnosis: input.diagnosis, diagnosis_sources: input.sources }).where('id', '=', projectId).execute();
    return {
      result: { id: projectId },
      events: [{ kind: 'projectConduct.diagnosis_written', payload: { projectId, diagnosisHash: textHash(input.diagnosis), sourcesHash: textHash(input.sources) } }],
    };
  });
}

export async function addPurpose(ctx: ActContext, projectId: string, input: z.infer<typeof purposeInput>) {
  return conductAct(ctx, projectId, async (trx, project) => {
    unless(mayWriteConduct(project.stage));
    const id = randomUUID();
    const position = await nextPosition(trx, 'project_purpose', projectId);
    await trx.insertInto('project_purpose').values({ id, project_id: projectId, position, statement: input.statement }).execute();
    return { result: { id }, events: [{ kind: 'projectConduct.purpose_added', payload: { projectId, purposeId: id, position, statementHash: textHash(input.statement) } }] };
  });
}

/** Rewrites a purpose and, if asked, moves it: the others keep their order around it. */
export async function updatePurpose(ctx: ActContext, projectId: string, purposeId: string, input: z.infer<typeof purposeUpdateInput>) {
  return conductAct(ctx, projectId, async (trx, project) => {
    await rowOf(trx, 'project_purpose', purposeId, projectId);
    unless(mayWriteConduct(project.stage));
    await trx.updateTable('project_purpose').set({ statement: input.statement }).where('id', '=', purposeId).execute();
    let position: number | null = null;
    if (input.position !== undefined) {
      const order = (await trx.selectFrom('project_purpose').select('id').where('project_id', '=', projectId).orderBy('position').orderBy('id').execute()).map((row) => row.id);
      const moved = moveTo(order, purposeId, input.position);
      for (const [index, id] of moved.entries()) await trx.updateTable('project_purpose').set({ position: index }).where('id', '=', id).execute();
      position = moved.indexOf(purposeId);
    }
    return { result: { id: purposeId }, events: [{ kind: 'projectConduct.purpose_updated', payload: { projectId, purposeId, position, statementHash: textHash(input.statement) } }] };
  });
}

export async function removePurpose(ctx: ActContext, projectId: string, purposeId: string) {
  return conductAct(ctx, projectId, async (trx, project) => {
    await rowOf(trx, 'project_purpose', purposeId, projectId);
    unless(mayWriteConduct(project.stage));
    await trx.deleteFrom('project_purpose').where('id', '=', purposeId).execute();
    return { result: { id: purposeId }, events: [{ kind: 'projectConduct.purpose_removed', payload: { projectId, purposeId } }] };
  });
}

/** An owner is a person of the partnership; an erased one stays where they were, but is given nothing new. */
async function checkOwner(trx: Trx, ctx: ActContext, ownerId: string | null, currentOwnerId: string | null = null): Promise<void> {
  if (ownerId === null || ownerId === currentOwnerId) return;
  await requireReference(trx, 'person', ownerId, ctx.partnershipId, 'ownerId');
  await refuseIfErased(trx, [ownerId]);
}

const objectiveEventPayload = (projectId: string, objectiveId: string, input: z.infer<typeof objectiveInput>) => ({
  projectId,
  objectiveId,
  statementHash: textHash(input.statement),
  metricHash: textHash(input.metric),
  targetHash: textHash(input.target),
  deadline: input.deadline,
  ownerId: input.ownerId,
});

export async function addObjective(ctx: ActContext, projectId: string, input: z.infer<typeof objectiveInput>) {
  return conductAct(ctx, projectId, async (trx, project) => {
    unless(mayWriteConduct(project.stage));
    await checkOwner(trx, ctx, input.ownerId);
    const id = randomUUID();
    const position = await nextPosition(trx, 'project_objective', projectId);
    await trx
      .insertInto('project_objective')
      .values({ id, project_id: projectId, position, statement: input.statement, metric: input.metric, target: input.target, deadline: input.deadline, owner_id: input.ownerId })
      .execute();
    return { result: { id }, events: [{ kind: 'projectConduct.objective_added', payload: objectiveEventPayload(projectId, id, input) }] };
  });
}

export async function updateObjective(ctx: ActContext, projectId: string, objectiveId: string, input: z.infer<typeof objectiveInput>) {
  return conductAct(ctx, projectId, async (trx, project) => {
    await rowOf(trx, 'project_objective', objectiveId, projectId);
    unless(mayWriteConduct(project.stage));
    const current = await trx.selectFrom('project_objective').select('owner_id').where('id', '=', objectiveId).executeTakeFirstOrThrow();
    await checkOwner(trx, ctx, input.ownerId, current.owner_id);
    await trx
      .updateTable('project_objective')
      .set({ statement: input.statement, metric: input.metric, target: input.target, deadline: input.deadline, owner_id: input.ownerId })
      .where('id', '=', objectiveId)
      .execute();
    return { result: { id: objectiveId }, events: [{ kind: 'projectConduct.objective_updated', payload: objectiveEventPayload(projectId, objectiveId, input) }] };
  });
}

/** An objective goes only once no indicator measures it: its indicators' readings must not lose what they measured. */
export async function removeObjective(ctx: ActContext, projectId: string, objectiveId: string) {
  return conductAct(ctx, projectId, async (trx, project) => {
    await rowOf(trx, 'project_objective', objectiveId, projectId);
    unless(mayWriteConduct(project.stage));
    const measuredBy = await trx.selectFrom('project_indicator').select('id').where('objective_id', '=', objectiveId).executeTakeFirst();
    if (measuredBy) throw refused('objective_has_indicators');
    await trx.deleteFrom('project_objective').where('id', '=', objectiveId).execute();
    return { result: { id: objectiveId }, events: [{ kind: 'projectConduct.objective_removed', payload: { projectId, objectiveId } }] };
  });
}

async function requireObjectiveOf(trx: Trx, projectId: string, objectiveId: string): Promise<void> {
  const row = await trx.selectFrom('project_objective').select('project_id').where('id', '=', objectiveId).executeTakeFirst();
  if (!row || row.project_id !== projectId) throw invalid('objectiveId', 'projectConduct.objectiveOfAnotherProject');
}

const indicatorEventPayload = (projectId: string, indicatorId: string, input: z.infer<typeof indicatorInput>) => ({
  projectId,
  indicatorId,
  objectiveId: input.objectiveId,
  labelHash: textHash(input.label),
  unitHash: textHash(input.unit),
  target: input.target,
});

export async function addIndicator(ctx: ActContext, projectId: string, input: z.infer<typeof indicatorInput>) {
  return conductAct(ctx, projectId, async (trx, project) => {
    unless(maySetIndicators(project.stage));
    await requireObjectiveOf(trx, projectId, input.objectiveId);
    const id = randomUUID();
    const position = await nextPosition(trx, 'project_indicator', projectId);
    await trx
      .insertInto('project_indicator')
      .values({ id, project_id: projectId, objective_id: input.objectiveId, position, label: input.label, unit: input.unit, target: input.target })
      .execute();
    return { result: { id }, events: [{ kind: 'projectConduct.indicator_added', payload: indicatorEventPayload(projectId, id, input) }] };
  });
}

export async function updateIndicator(ctx: ActContext, projectId: string, indicatorId: string, input: z.infer<typeof indicatorInput>) {
  return conductAct(ctx, projectId, async (trx, project) => {
    await rowOf(trx, 'project_indicator', indicatorId, projectId);
    unless(maySetIndicators(project.stage));
    await requireObjectiveOf(trx, projectId, input.objectiveId);
    await trx
      .updateTable('project_indicator')
      .set({ objective_id: input.objectiveId, label: input.label, unit: input.unit, target: input.target })
      .where('id', '=', indicatorId)
      .execute();
    return { result: { id: indicatorId }, events: [{ kind: 'projectConduct.indicator_updated', payload: indicatorEventPayload(projectId, indicatorId, input) }] };
  });
}

/** An indicator already measured stays: the evaluation reads its measurements against its target. */
export async function removeIndicator(ctx: ActContext, projectId: string, indicatorId: string) {
  return conductAct(ctx, projectId, async (trx, project) => {
    await rowOf(trx, 'project_indicator', indicatorId, projectId);
    unless(maySetIndicators(project.stage));
    const measured = await trx.selectFrom('project_measurement').select('id').where('indicator_id', '=', indicatorId).executeTakeFirst();
    if (measured) throw refused('indicator_measured');
    await trx.deleteFrom('project_indicator').where('id', '=', indicatorId).execute();
    return { result: { id: indicatorId }, events: [{ kind: 'projectConduct.indicator_removed', payload: { projectId, indicatorId } }] };
  });
}

export async function recordMeasurement(ctx: ActContext, projectId: string, indicatorId: string, input: z.infer<typeof measurementInput>) {
  return conductAct(ctx, projectId, async (trx, project) => {
    await rowOf(trx, 'project_indicator', indicatorId, projectId);
    unless(mayMeasure(project.stage));
    // Dates compare as text (YYYY-MM-DD); today is the partnerships' day.
    if (input.measuredOn > calendarDay(ctx.now)) throw invalid('measuredOn', 'projectConduct.measuredInFuture');
    if (input.organizationId !== null) await requireParticipating(trx, projectId, input.organizationId, 'organizationId');
    const id = randomUUID();
    await trx
      .insertInto('project_measurement')
      .values({
        id,
        indicator_id: indicatorId,
        measured_on: input.measuredOn,
        value: input.value,
        organization_id: input.organizationId,
        note: input.note,
        recorded_by: ctx.viewer.personId,
        recorded_at: ctx.now,
      })
      .execute();
    return {
      result: { id },
      events: [
        {
          kind: 'projectConduct.measurement_recorded',
          payload: { projectId, indicatorId, measurementId: id, measuredOn: input.measuredOn, value: input.value, organizationId: input.organizationId, noteHash: textHash(input.note) },
        },
      ],
    };
  });
}

/**
 * Means a participating organization provides. The directors' committee is informed beforehand,
 * as the charter's appendix asks: an information note to each member today of its body, by mail
 * or in tomorrow's digest as each chose, in the same transaction as the record.
 */
export async function recordMeans(ctx: ActContext, projectId: string, input: z.infer<typeof meansInput>) {
  return conductAct(ctx, projectId, async (trx, project) => {
    unless(mayWriteConduct(project.stage));
    await requireParticipating(trx, projectId, input.organizationId, 'organizationId');
    const organization = await trx.selectFrom('organization').select('name').where('id', '=', input.organizationId).executeTakeFirstOrThrow();
    const directors = await directorsBodyOf(trx, ctx.partnershipId);
    const recipients = directors ? await membersToTell(trx, [directors.id], ctx.now, { except: ctx.viewer.personId }) : [];
    await tell(trx, ctx, recipients, (recipient) => {
      const t = translator(recipient.locale);
      const params = { project: project.title, organization: organization.name, body: directors!.name };
      return {
        kind: 'information',
        subject: t('projectConduct.mail.meansSubject', params),
        deadline: null,
        reason: t('projectConduct.mail.reason', params),
        section: {
          paragraphs: [t('projectConduct.mail.meansText', params)],
          facts: [
            { label: t('projectConduct.mail.organization'), value: organization.name },
            { label: t('projectConduct.mail.kind'), value: t(`projectConduct.meansKind.${input.kind}`) },
            { label: t('projectConduct.mail.description'), value: input.description },
          ],
          action: { label: t('projectConduct.mail.action'), path: `/p/${ctx.partnershipId}/projets/${projectId}` },
        },
      };
    });
    const id = randomUUID();
    // Informed once the note went to someone: a body with nobody to read it has not been told.
    const informedAt = recipients.length > 0 ? ctx.now : null;
    await trx
      .insertInto('project_means')
      .values({ id, project_id: projectId, organization_id: input.organizationId, kind: input.kind, description: input.description, directors_informed_at: informedAt, created_at: ctx.now })
      .execute();
    return {
      result: { id },
      events: [
        {
          kind: 'projectConduct.means_recorded',
          payload: { projectId, meansId: id, organizationId: input.organizationId, kind: input.kind, descriptionHash: textHash(input.description), directorsBodyId: directors?.id ?? null, informedCount: recipients.length },
        },
      ],
    };
  });
}

export async function removeMeans(ctx: ActContext, projectId: string, meansId: string) {
  return conductAct(ctx, projectId, async (trx, project) => {
    await rowOf(trx, 'project_means', meansId, projectId);
    unless(mayWriteConduct(project.stage));
    await trx.deleteFrom('project_means').where('id', '=', meansId).execute();
    return { result: { id: meansId }, events: [{ kind: 'projectConduct.means_removed', payload: { projectId, meansId } }] };
  });
}

/** The working group keeps the lead's mission sheet up to date once the lead is named (step 8 wrote its first version). */
export async function writeMissionSheet(ctx: ActContext, projectId: string, input: z.infer<typeof missionSheetInput>) {
  return conductAct(ctx, projectId, async (trx, project) => {
    unless(mayWriteMissionSheet(project.stage, project.lead_nominee_id));
    await trx
      .updateTable('project')
      .set({ mission_goals: input.missionGoals, mission_time: input.missionTime, mission_training: input.missionTraining })
      .where('id', '=', projectId)
      .execute();
    return {
      result: { id: projectId },
      events: [
        {
          kind: 'projectConduct.mission_sheet_written',
          payload: { projectId, goalsHash: textHash(input.missionGoals), timeHash: textHash(input.missionTime), trainingHash: textHash(input.missionTraining) },
        },
      ],
    };
  });
}
