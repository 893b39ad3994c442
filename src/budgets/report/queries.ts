import { sql, type Kysely } from 'kysely';
import { calendarDay } from '../../common/dates.js';
import type { Database } from '../../common/database/schema.js';
import { notFound } from '../../common/errors.js';
import type { Viewer } from '../../common/permissions.js';
import { projectRow } from '../../projects/queries.js';
import { budgetKeeping } from '../keepers.js';
import { budgetFigures, budgetOfProject, versionsOf } from '../queries.js';
import { groupRows } from '../../common/group-rows.js';
import { summarizeBudget, type BudgetCategory, type GrantStatus, type LineKind } from '../rules/summary.js';
import { versionInForce } from '../rules/versions.js';

type Db = Kysely<Database>;

/**
 * A common project's financial report: the figures of its budget (the forecast in force against
 * every entry, summed by summarizeBudget), the organizations' names, the charter's words for a
 * deficit, the body it is reported to (the one that validated the project) and whether this
 * viewer may report it (whoever keeps its accounts: its lead, the treasurer).
 */
export async function projectBudgetReport(db: Db, viewer: Viewer, partnershipId: string, projectId: string, now: Date) {
  const project = await projectRow(db, partnershipId, projectId);
  if (!project) throw notFound();
  const [budget, organizations, { keepers, keepsBooks }, steeringBody] = await Promise.all([
    budgetOfProject(db, partnershipId, projectId),
    db.selectFrom('organization').select(['id', 'name']).where('partnership_id', '=', partnershipId).orderBy('name').execute(),
    budgetKeeping(db, viewer, partnershipId, project, calendarDay(now)),
    project.working_group_parent_id === null ? Promise.resolve(undefined) : db.selectFrom('body').select(['id', 'name']).where('id', '=', project.working_group_parent_id).executeTakeFirst(),
  ]);
  const [versions, figures] = budget ? await Promise.all([versionsOf(db, budget.id), budgetFigures(db, budget.id)]) : [[], { lines: [], entries: [], retired: [] }];
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
    lastReportedAt: budget?.reported_at ?? null,
    can: { report: budget !== undefined && steeringBody !== undefined && keepsBooks },
  };
}

/**
 * The partnership's money at a glance, in four statements whatever the number of budgets: each
 * open project budget's balance by summarizeBudget (the lines of its version in force, its
 * entries summed per line and payer, the last wording of lines a revision removed), those in
 * deficit listed; and what the year's entries spent and received, by the calendar year of `today`.
 */
export async function moneyOfBudgets(db: Db, partnershipId: string, today: string) {
  const [lines, sums, year] = await Promise.all([
    // Every line of every version, the version in force first for each key (validated, else the draft), else the latest wording.
    db
      .selectFrom('budget_line as l')
      .innerJoin('budget_version as v', 'v.id', 'l.version_id')
      .innerJoin('budget as b', 'b.id', 'v.budget_id')
      .innerJoin('project as p', 'p.id', 'b.project_id')
      .distinctOn(['b.id', 'l.line_key'])
      .select(['b.id as budget_id', 'p.id as project_id', 'p.title', 'l.line_key', 'l.kind', 'l.category', 'l.internal', 'l.label', 'l.organization_id', 'l.amount_cents', 'l.grant_status', 'l.position'])
      .select(sql<boolean>`v.id = (select iv.id from budget_version iv where iv.budget_id = b.id and iv.status <> 'superseded' order by iv.status = 'validated' desc limit 1)`.as('in_force'))
      .where('b.partnership_id', '=', partnershipId)
      .where('b.status', '=', 'open')
      .orderBy('b.id')
      .orderBy('l.line_key')
      .orderBy(sql`v.status = 'validated'`, 'desc')
      .orderBy(sql`v.status in ('draft', 'proposed')`, 'desc')
      .orderBy('v.number', 'desc')
      .execute(),
    db
      .selectFrom('budget_entry as e')
      .innerJoin('budget as b', 'b.id', 'e.budget_id')
      .select(['e.budget_id', 'e.line_key', 'e.organization_id', sql<string>`sum(e.amount_cents)`.as('cents')])
      .where('b.partnership_id', '=', partnershipId)
      .where('b.status', '=', 'open')
      .where('b.project_id', 'is not', null)
      .groupBy(['e.budget_id', 'e.line_key', 'e.organization_id'])
      .execute(),
    sql<{ kind: string; cents: string }>`
      select l.kind, sum(e.amount_cents) as cents
        from budget_entry e join budget b on b.id = e.budget_id
        cross join lateral (select bl.kind from budget_line bl join budget_version bv on bv.id = bl.version_id where bv.budget_id = e.budget_id and bl.line_key = e.line_key limit 1) l
       where b.partnership_id = ${partnershipId} and extract(year from e.occurred_on) = extract(year from ${today}::date)
       group by l.kind`.execute(db),
  ]);
  const linesOf = groupRows(lines, (line) => line.budget_id);
  const sumsOf = groupRows(sums, (row) => row.budget_id);
  const inDeficit = [...linesOf].flatMap(([budgetId, rows]) => {
    const forecast = rows.filter((row) => row.in_force).sort((a, b) => a.position - b.position);
    const retired = rows.filter((row) => !row.in_force);
    const line = (row: (typeof rows)[number]) => ({ lineKey: row.line_key, kind: row.kind as LineKind, category: row.category as BudgetCategory, internal: row.internal, label: row.label, organizationId: row.organization_id });
    const summary = summarizeBudget(
      forecast.map((row) => ({ ...line(row), amountCents: row.amount_cents === null ? null : Number(row.amount_cents), grantStatus: row.grant_status as GrantStatus | null })),
      (sumsOf.get(budgetId) ?? []).map((row) => ({ lineKey: row.line_key, organizationId: row.organization_id, amountCents: Number(row.cents) })),
      retired.map(line),
    );
    const deficit = summary.forecastBalance.state === 'deficit' || summary.actualBalance.state === 'deficit';
    return deficit ? [{ projectId: rows[0]!.project_id, title: rows[0]!.title, forecastBalance: summary.forecastBalance, actualBalance: summary.actualBalance }] : [];
  });
  const yearly = new Map(year.rows.map((row) => [row.kind, Number(row.cents)]));
  return {
    budgetsInDeficit: inDeficit.sort((a, b) => a.title.localeCompare(b.title)),
    year: Number(today.slice(0, 4)),
    spentCents: yearly.get('cost') ?? 0,
    receivedCents: yearly.get('income') ?? 0,
  };
}
