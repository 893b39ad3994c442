import { sql, type Kysely } from 'kysely';
import { calendarDay } from '../../common/dates.js';
import type { Database } from '../../common/database/schema.js';
import { notFound } from '../../common/errors.js';
import { may, type Viewer } from '../../common/permissions.js';
import { leadInOffice, projectRow } from '../../projects/queries.js';
import { bookKeepersOf } from '../keepers.js';
import { budgetFigures, budgetOfProject, versionsOf } from '../queries.js';
import { summarizeBudget } from '../rules/summary.js';
import { versionInForce } from '../rules/versions.js';

type Db = Kysely<Database>;

/**
 * When a budget was last reported: its latest `budget.reported` entry. The journal is where the
 * report is kept (no row holds it), sealed or still pending in the instant after its act.
 */
export async function lastReportedAt(db: Db, partnershipId: string, budgetId: string): Promise<Date | null> {
  const row = await sql<{ at: Date | null }>`
    select max(at) as at from (
      select recorded_at as at from journal_entry where partnership_id = ${partnershipId} and kind = 'budget.reported' and payload->>'budgetId' = ${budgetId}
      union all
      select recorded_at from journal_pending where partnership_id = ${partnershipId} and kind = 'budget.reported' and payload->>'budgetId' = ${budgetId}
    ) reported`.execute(db);
  const at = row.rows[0]?.at ?? null;
  return at === null ? null : new Date(at);
}

/**
 * A common project's financial report: the figures of its budget (the forecast in force against
 * every entry, summed by summarizeBudget), the organizations' names, the charter's words for a
 * deficit, the body it is reported to (the one that validated the project) and whether this
 * viewer may report it (whoever keeps its accounts: its lead, the treasurer).
 */
export async function projectBudgetReport(db: Db, viewer: Viewer, partnershipId: string, projectId: string, now: Date) {
  const project = await projectRow(db, partnershipId, projectId);
  if (!project) throw notFound();
  const [budget, organizations, keepers, steeringBody] = await Promise.all([
    budgetOfProject(db, partnershipId, projectId),
    db.selectFrom('organization').select(['id', 'name']).where('partnership_id', '=', partnershipId).orderBy('name').execute(),
    bookKeepersOf(db, partnershipId, calendarDay(now)),
    project.working_group_parent_id === null ? Promise.resolve(undefined) : db.selectFrom('body').select(['id', 'name']).where('id', '=', project.working_group_parent_id).executeTakeFirst(),
  ]);
  const [versions, figures, reportedAt] = budget
    ? await Promise.all([versionsOf(db, budget.id), budgetFigures(db, budget.id), lastReportedAt(db, partnershipId, budget.id)])
    : [[], { lines: [], entries: [], retired: [] }, null];
  const inForce = versionInForce(versions);
  const summary = summarizeBudget(figures.lines, figures.entries, figures.retired);
  return {
    project: { id: project.id, title: project.title, stage: project.stage },
    budgetId: budget?.id ?? null,
    version: inForce && { number: inForce.number, validatedOn: inForce.validated_on },
    organizations,
    summary: { ...summary, lines: [...summary.lines], organizations: [...summary.organizations] },
    deficitGuidance: keepers.money.deficitGuidance,
    steeringBody: steeringBody ?? null,
    lastReportedAt: reportedAt,
    can: { report: budget !== undefined && steeringBody !== undefined && may.keepAccounts(viewer, keepers, leadInOffice(project)) },
  };
}
