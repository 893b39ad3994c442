import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../common/database/schema.js';
import { notFound } from '../../common/errors.js';
import { groupRows } from '../../common/group-rows.js';
import { may, type Viewer } from '../../common/permissions.js';
import { indicatorProgress, smartGaps, type MeansKind, type ProjectStage } from '../rules.js';
import type { conductAnswer } from './contract.js';
import { mayMeasure, maySetIndicators, mayWriteConduct, mayWriteMissionSheet } from './rules.js';

type Db = Kysely<Database>;

const named = (id: string | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

/**
 * Everything of a project's conduct, for anyone of the partnership, in seven queries whatever
 * its size: the project, then its purposes, objectives, indicators, measurements, means and
 * participating organizations. `can` asks the acts' own rules.
 */
export async function projectConduct(db: Db, viewer: Viewer, partnershipId: string, projectId: string): Promise<z.infer<typeof conductAnswer>> {
  const project = await db
    .selectFrom('project as p')
    .leftJoin('person as lead', 'lead.id', 'p.lead_nominee_id')
    .select(['p.stage', 'p.diagnosis', 'p.diagnosis_sources', 'p.working_group_id', 'p.lead_nominee_id', 'lead.full_name as lead_name', 'p.mission_goals', 'p.mission_time', 'p.mission_training'])
    .where('p.id', '=', projectId)
    .where('p.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!project) throw notFound();
  const [purposes, objectives, indicators, measurements, means, organizations] = await Promise.all([
    db.selectFrom('project_purpose').select(['id', 'statement']).where('project_id', '=', projectId).orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('project_objective as o')
      .leftJoin('person as owner', 'owner.id', 'o.owner_id')
      .select(['o.id', 'o.statement', 'o.metric', 'o.target', 'o.deadline', 'o.owner_id', 'owner.full_name as owner_name'])
      .where('o.project_id', '=', projectId)
      .orderBy('o.position')
      .orderBy('o.id')
      .execute(),
    db.selectFrom('project_indicator').select(['id', 'objective_id', 'label', 'unit', 'target']).where('project_id', '=', projectId).orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('project_measurement as m')
      .innerJoin('project_indicator as i', 'i.id', 'm.indicator_id')
      .leftJoin('organization as o', 'o.id', 'm.organization_id')
      .select(['m.id', 'm.indicator_id', 'm.measured_on', 'm.value', 'm.organization_id', 'o.name as organization_name', 'm.note', 'm.recorded_at'])
      .where('i.project_id', '=', projectId)
      .orderBy('m.measured_on', 'desc')
      .orderBy('m.recorded_at', 'desc')
      .execute(),
    db
      .selectFrom('project_means as m')
      .innerJoin('organization as o', 'o.id', 'm.organization_id')
      .select(['m.id', 'm.organization_id', 'o.name as organization_name', 'm.kind', 'm.description', 'm.directors_informed_at', 'm.created_at'])
      .where('m.project_id', '=', projectId)
      .orderBy('m.created_at')
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('project_organization as po')
      .innerJoin('organization as o', 'o.id', 'po.organization_id')
      .select(['o.id', 'o.name'])
      .where('po.project_id', '=', projectId)
      .orderBy('o.name')
      .execute(),
  ]);
  const stage = project.stage as ProjectStage;
  const readingsOf = groupRows(
    measurements.map((row) => ({ ...row, value: Number(row.value) })),
    (row) => row.indicator_id,
  );
  const conducts = may.conductProject(viewer, { workingGroupId: project.working_group_id, leadNomineeId: project.lead_nominee_id });
  return {
    stage,
    diagnosis: { text: project.diagnosis, sources: project.diagnosis_sources },
    purposes,
    objectives: objectives.map((row) => {
      const draft = { statement: row.statement, metric: row.metric, target: row.target, deadline: row.deadline, ownerId: row.owner_id };
      return { ...draft, id: row.id, owner: row.owner_id === null ? null : { id: row.owner_id, fullName: row.owner_name ?? '' }, smartGaps: smartGaps(draft) };
    }),
    indicators: indicators.map((row) => {
      const target = Number(row.target);
      const readings = readingsOf.get(row.id) ?? [];
      return {
        id: row.id,
        objectiveId: row.objective_id,
        label: row.label,
        unit: row.unit,
        target,
        progress: indicatorProgress(
          target,
          readings.map((reading) => ({ measuredOn: reading.measured_on, value: reading.value, organizationId: reading.organization_id })),
        ),
        measurements: readings.map((reading) => ({
          id: reading.id,
          measuredOn: reading.measured_on,
          value: reading.value,
          organization: named(reading.organization_id, reading.organization_name),
          note: reading.note,
          recordedAt: reading.recorded_at,
        })),
      };
    }),
    means: means.map((row) => ({
      id: row.id,
      organization: { id: row.organization_id, name: row.organization_name },
      kind: row.kind as MeansKind,
      description: row.description,
      directorsInformedAt: row.directors_informed_at,
      createdAt: row.created_at,
    })),
    missionSheet: { goals: project.mission_goals, time: project.mission_time, training: project.mission_training },
    lead: project.lead_nominee_id === null ? null : { id: project.lead_nominee_id, fullName: project.lead_name ?? '' },
    organizations,
    can: {
      write: conducts && mayWriteConduct(stage).ok,
      setIndicators: conducts && maySetIndicators(stage).ok,
      measure: conducts && mayMeasure(stage).ok,
      writeMissionSheet: conducts && mayWriteMissionSheet(stage, project.lead_nominee_id).ok,
    },
  };
}
