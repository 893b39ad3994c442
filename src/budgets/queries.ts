import { sql, type Kysely } from 'kysely';
import { moneyRulesOf, type CharterRules } from '../charters/rules/types.js';
import { calendarDay, type IsoDate } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { notFound } from '../common/errors.js';
import { may, type Viewer } from '../common/permissions.js';
import { organizationsOf, projectRow, type ProjectRow } from '../projects/queries.js';
import { budgetKeeping } from './keepers.js';
import { mayDraftRevision, mayEditLines, mayPropose, pendingVersion, versionInForce, type BudgetStatus, type VersionStatus } from './rules/versions.js';
import { summarizeBudget, type ActualEntry, type BudgetCategory, type ForecastLine, type GrantStatus, type LineKind, type RetiredLine } from './rules/summary.js';

type Db = Kysely<Database>;

/** A budget's row with what its acts need, locked for an act when `lock` says so (every act on a budget takes it, so nothing is recorded on a budget closing). */
const budgetColumns = ['id', 'project_id', 'charter_id', 'status', 'reported_at'] as const;

export async function budgetRow(db: Db, partnershipId: string, budgetId: string, lock = false) {
  let query = db.selectFrom('budget').select(budgetColumns).where('id', '=', budgetId).where('partnership_id', '=', partnershipId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && { ...row, status: row.status as BudgetStatus };
}
export type BudgetRow = NonNullable<Awaited<ReturnType<typeof budgetRow>>>;

/** The budget of a common project, if one was started (the first line written creates it). */
export async function budgetOfProject(db: Db, partnershipId: string, projectId: string): Promise<BudgetRow | undefined> {
  const row = await db.selectFrom('budget').select(budgetColumns).where('project_id', '=', projectId).where('partnership_id', '=', partnershipId).executeTakeFirst();
  return row && { ...row, status: row.status as BudgetStatus };
}

/** A budget's versions, oldest first, with the proposal deciding each (the open one, else the latest). */
export async function versionsOf(db: Db, budgetId: string) {
  const rows = await db
    .selectFrom('budget_version as v')
    .select((eb) => [
      'v.id',
      'v.number',
      'v.status',
      'v.validated_on',
      'v.created_at',
      eb.selectFrom('proposal as p').select('p.id').whereRef('p.budget_version_id', '=', 'v.id').orderBy('p.created_at', 'desc').limit(1).as('proposal_id'),
    ])
    .where('v.budget_id', '=', budgetId)
    .orderBy('v.number')
    .execute();
  return rows.map((row) => ({ ...row, status: row.status as VersionStatus }));
}
export type VersionRow = Awaited<ReturnType<typeof versionsOf>>[number];

const lineColumns = ['line_key', 'position', 'kind', 'category', 'internal', 'label', 'organization_id', 'amount_cents', 'grant_status'] as const;

/** A version's lines in their order, amounts as numbers. */
export async function linesOf(db: Db, versionId: string) {
  const rows = await db.selectFrom('budget_line').select(lineColumns).where('version_id', '=', versionId).orderBy('position').orderBy('line_key').execute();
  return rows.map(toForecastLine);
}

function toForecastLine(row: { line_key: string; position: number; kind: string; category: string; internal: boolean; label: string; organization_id: string | null; amount_cents: string | number | bigint | null; grant_status: string | null }) {
  return {
    lineKey: row.line_key,
    position: row.position,
    kind: row.kind as LineKind,
    category: row.category as BudgetCategory,
    internal: row.internal,
    label: row.label,
    organizationId: row.organization_id,
    amountCents: row.amount_cents === null ? null : Number(row.amount_cents),
    grantStatus: row.grant_status as GrantStatus | null,
  } satisfies ForecastLine & { position: number };
}

/**
 * Everything summarizeBudget needs for a budget, in three queries: the lines of the version in
 * force (validated, else the draft presented), every entry's line, amount and payer (summed per
 * line and payer by the database), and the lines entries were recorded on that the version in
 * force no longer has (their latest wording). The settlement and the reports build on this.
 */
export async function budgetFigures(db: Db, budgetId: string): Promise<{ lines: ForecastLine[]; entries: ActualEntry[]; retired: RetiredLine[]; versionId: string | null }> {
  const versions = await versionsOf(db, budgetId);
  const inForce = versionInForce(versions);
  const [lines, sums, retired] = await Promise.all([
    inForce === null ? Promise.resolve([]) : linesOf(db, inForce.id),
    db
      .selectFrom('budget_entry')
      .select(['line_key', 'organization_id', sql<string>`sum(amount_cents)`.as('amount_cents')])
      .where('budget_id', '=', budgetId)
      .groupBy(['line_key', 'organization_id'])
      .execute(),
    db
      .selectFrom('budget_line as l')
      .innerJoin('budget_version as v', 'v.id', 'l.version_id')
      .distinctOn('l.line_key')
      .select(['l.line_key', 'l.kind', 'l.category', 'l.internal', 'l.label', 'l.organization_id'])
      .where('v.budget_id', '=', budgetId)
      .where((eb) => (inForce === null ? eb.lit(true) : eb('l.version_id', '<>', inForce.id)))
      .where((eb) => eb.exists(eb.selectFrom('budget_entry as e').select('e.id').whereRef('e.line_key', '=', 'l.line_key').where('e.budget_id', '=', budgetId)))
      .orderBy('l.line_key')
      .orderBy('v.number', 'desc')
      .execute(),
  ]);
  const inForceKeys = new Set(lines.map((line) => line.lineKey));
  return {
    lines,
    entries: sums.map((row) => ({ lineKey: row.line_key, organizationId: row.organization_id, amountCents: Number(row.amount_cents) })).filter((entry) => entry.amountCents !== 0),
    retired: retired
      .filter((row) => !inForceKeys.has(row.line_key))
      .map((row) => ({ lineKey: row.line_key, kind: row.kind as LineKind, category: row.category as BudgetCategory, internal: row.internal, label: row.label, organizationId: row.organization_id })),
    versionId: inForce?.id ?? null,
  };
}

export const ENTRIES_PAGE = 100;

/** The cursor of a ledger's next page (entries, split payments): the last day, recording instant and id shown. */
export const ledgerCursor = (day: string, recordedAt: Date, id: string): string => Buffer.from(JSON.stringify([day, recordedAt.toISOString(), id])).toString('base64url');

export function readLedgerCursor(cursor: string | undefined): [string, string, string] | null {
  if (cursor === undefined) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 3 && value.every((part) => typeof part === 'string')) {
      const [occurredOn, recordedAt, id] = value as [string, string, string];
      if (/^\d{4}-\d{2}-\d{2}$/.test(occurredOn) && !Number.isNaN(Date.parse(recordedAt)) && /^[0-9a-f-]{36}$/.test(id)) return [occurredOn, recordedAt, id];
    }
  } catch {
    // A cursor that is not ours starts from the first page.
  }
  return null;
}

/** A page of a budget's entries, newest day first, 100 at a time after the cursor. */
export async function entriesPage(db: Db, partnershipId: string, budgetId: string, after?: string) {
  const budget = await budgetRow(db, partnershipId, budgetId);
  if (!budget) throw notFound();
  return entriesAfter(db, budgetId, after);
}

async function entriesAfter(db: Db, budgetId: string, after?: string) {
  const cursor = readLedgerCursor(after);
  let query = db
    .selectFrom('budget_entry as e')
    .leftJoin('money_attachment as a', 'a.id', 'e.attachment_id')
    .leftJoin('person as p', 'p.id', 'e.person_id')
    .select((eb) => [
      'e.id',
      'e.line_key',
      'e.occurred_on',
      'e.amount_cents',
      'e.organization_id',
      'e.person_id',
      'p.full_name',
      'e.counterparty',
      'e.note',
      'e.attachment_id',
      'a.file_name',
      'a.size_bytes',
      'e.reverses',
      'e.recorded_at',
      eb.selectFrom('budget_entry as r').select('r.id').whereRef('r.reverses', '=', 'e.id').as('reversed_by'),
    ])
    .where('e.budget_id', '=', budgetId);
  if (cursor !== null) {
    const [occurredOn, recordedAt, id] = cursor;
    query = query.where(sql<boolean>`(e.occurred_on, e.recorded_at, e.id) < (${occurredOn}::date, ${recordedAt}::timestamptz, ${id}::uuid)`);
  }
  const rows = await query.orderBy('e.occurred_on', 'desc').orderBy('e.recorded_at', 'desc').orderBy('e.id', 'desc').limit(ENTRIES_PAGE + 1).execute();
  const shown = rows.slice(0, ENTRIES_PAGE);
  const last = shown.at(-1);
  return {
    entries: shown.map((row) => ({
      id: row.id,
      lineKey: row.line_key,
      occurredOn: row.occurred_on,
      amountCents: Number(row.amount_cents),
      organizationId: row.organization_id,
      personId: row.person_id,
      personName: row.full_name,
      counterparty: row.counterparty,
      note: row.note,
      attachment: row.attachment_id === null ? null : { id: row.attachment_id, fileName: row.file_name ?? '', sizeBytes: row.size_bytes ?? 0 },
      reverses: row.reverses,
      reversedBy: row.reversed_by,
      recordedAt: row.recorded_at,
    })),
    next: rows.length > ENTRIES_PAGE && last ? ledgerCursor(last.occurred_on, last.recorded_at, last.id) : null,
  };
}

/** Whether the project's presentation was validated: from then on, its budget changes only by decision. */
export const projectValidated = (stage: string): boolean => !['idea', 'formalized', 'presented', 'refused'].includes(stage);

/** Who may write a project's forecast and record its money, as the acts decide it. */
export async function budgetRights(db: Db, viewer: Viewer, partnershipId: string, project: ProjectRow, today: IsoDate) {
  const { keepers, keepsBooks: keepAccounts } = await budgetKeeping(db, viewer, partnershipId, project, today);
  let editForecast = keepAccounts || may.editBudgetForecast(viewer, project.working_group_id);
  // Before its validation, the forecast is part of what the carriers present.
  if (!editForecast && !projectValidated(project.stage)) {
    const [carriers, organizations] = await Promise.all([
      db.selectFrom('project_carrier').select(['person_id', 'organization_id']).where('project_id', '=', project.id).execute(),
      organizationsOf(db, viewer.personId),
    ]);
    editForecast = may.carryProject(
      viewer,
      { carrierPersonIds: carriers.flatMap((row) => (row.person_id === null ? [] : [row.person_id])), carrierOrganizationIds: carriers.flatMap((row) => (row.organization_id === null ? [] : [row.organization_id])) },
      organizations,
    );
  }
  return { keepers, keepAccounts, editForecast };
}

type PageOwner =
  | { readonly project: ProjectRow; readonly charter: null }
  | { readonly project: null; readonly charter: { readonly id: string; readonly title: string; readonly deficitGuidance: string } };

/** A project's budget page: figures of the forecast in force against the actual, the draft, the first entries, and what the viewer may do. */
export async function projectBudgetPage(db: Db, viewer: Viewer, partnershipId: string, projectId: string, now: Date) {
  const project = await projectRow(db, partnershipId, projectId);
  if (!project) throw notFound();
  return budgetPage(db, viewer, partnershipId, await budgetOfProject(db, partnershipId, projectId), { project, charter: null }, now);
}

/**
 * A project charter's budget (seed 000), whose forecast is the lines its keepers write: the same
 * page as a project's, with neither a presentation nor a revision (the charter decides its money).
 */
async function charterPageOwner(db: Db, charterId: string) {
  const version = await db
    .selectFrom('charter_version')
    .select(['title', 'rules'])
    .where('charter_id', '=', charterId)
    .orderBy((eb) => eb.case().when('status', '=', 'adopted').then(0).else(1).end())
    .orderBy('number', 'desc')
    .executeTakeFirst();
  // A charter with no version yet (as tests furnish it) still has its budget: it is read untitled, under the default money rules.
  return { project: null, charter: { id: charterId, title: version?.title ?? '', deficitGuidance: moneyRulesOf((version?.rules ?? {}) as CharterRules).deficitGuidance } } as const;
}

/** A budget's page by its id, a project's or a project charter's. */
export async function budgetPageById(db: Db, viewer: Viewer, partnershipId: string, budgetId: string, now: Date) {
  const budget = await budgetRow(db, partnershipId, budgetId);
  if (!budget) throw notFound();
  if (budget.project_id !== null) return projectBudgetPage(db, viewer, partnershipId, budget.project_id, now);
  return budgetPage(db, viewer, partnershipId, budget, await charterPageOwner(db, budget.charter_id!), now);
}

async function budgetPage(db: Db, viewer: Viewer, partnershipId: string, budget: BudgetRow | undefined, owner: PageOwner, now: Date) {
  const today = calendarDay(now);
  const [organizations, rights] = await Promise.all([
    db.selectFrom('organization').select(['id', 'name']).where('partnership_id', '=', partnershipId).orderBy('name').execute(),
    owner.project === null
      ? budgetKeeping(db, viewer, partnershipId, null, today).then(({ keepers, keepsBooks }) => ({ keepers, keepAccounts: keepsBooks, editForecast: keepsBooks }))
      : budgetRights(db, viewer, partnershipId, owner.project, today),
  ]);
  const validated = owner.project === null || projectValidated(owner.project.stage);
  const presented = owner.project?.stage === 'presented';
  const versions = budget ? await versionsOf(db, budget.id) : [];
  const pending = pendingVersion(versions);
  const [figures, draftLines, entries] = await Promise.all([
    budget ? budgetFigures(db, budget.id) : Promise.resolve({ lines: [], entries: [], retired: [], versionId: null }),
    pending ? linesOf(db, pending.id) : Promise.resolve([]),
    budget ? entriesAfter(db, budget.id) : Promise.resolve({ entries: [], next: null }),
  ]);
  const status: BudgetStatus = budget?.status ?? 'open';
  const summary = summarizeBudget(figures.lines, figures.entries, figures.retired);
  const inForce = versions.find((v) => v.status === 'validated') ?? null;
  const versionAnswer = (v: VersionRow) => ({ id: v.id, number: v.number, status: v.status, validatedOn: v.validated_on, createdAt: v.created_at, proposalId: v.proposal_id });
  // A charter's budget is never revised by a decision of its own: its draft is its forecast.
  const revisable = owner.project !== null;
  return {
    budgetId: budget?.id ?? null,
    status,
    project: owner.project && { id: owner.project.id, title: owner.project.title, stage: owner.project.stage, validated },
    charter: owner.charter && { id: owner.charter.id, title: owner.charter.title },
    organizations,
    inForce: inForce && versionAnswer(inForce),
    draft: pending && { ...versionAnswer(pending), lines: draftLines },
    versions: versions.map(versionAnswer),
    summary: { ...summary, lines: [...summary.lines], organizations: [...summary.organizations] },
    deficitGuidance: owner.charter?.deficitGuidance ?? rights.keepers.money.deficitGuidance,
    entries,
    can: {
      editForecast: rights.editForecast && (budget ? mayEditLines(status, versions, presented).ok : !presented),
      keepAccounts: rights.keepAccounts && status === 'open' && versions.length > 0,
      draftRevision: revisable && rights.editForecast && budget !== undefined && mayDraftRevision(status, versions).ok,
      propose: revisable && rights.editForecast && budget !== undefined && mayPropose(status, versions, draftLines.length, validated).ok,
    },
  };
}

/** A proof joined to an entry of this budget, for the people of the partnership only (the scope has checked the viewer). */
export async function attachmentOf(db: Db, partnershipId: string, budgetId: string, attachmentId: string) {
  const row = await db
    .selectFrom('money_attachment as a')
    .innerJoin('budget_entry as e', 'e.attachment_id', 'a.id')
    .innerJoin('budget as b', 'b.id', 'e.budget_id')
    .select(['a.file_name', 'a.content_type', 'a.content'])
    .where('a.id', '=', attachmentId)
    .where('b.id', '=', budgetId)
    .where('b.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}
