/**
 * A budget's figures, forecast against actual, in integer cents (seed 001's « gestion
 * économique »: identify every cost, external and internal, and aim at balance). Pure: the query
 * loads the lines of the version in force and every entry, and asks this for the sums.
 *
 * In-kind costs an organization provides (staff time, rooms, equipment) are counted as French
 * associations do (comptes 86/87): a valued in-kind cost is matched by an in-kind contribution of
 * the same organization, so lending a room never puts a project in deficit; an in-kind cost left
 * unvalued counts for nothing and is only listed.
 */

export const COST_CATEGORIES = ['staff', 'premises', 'equipment', 'provider', 'transport', 'purchase', 'other_cost'] as const;
export const INCOME_CATEGORIES = ['contribution', 'grant', 'self_financing', 'other_income'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
export type IncomeCategory = (typeof INCOME_CATEGORIES)[number];
export type BudgetCategory = CostCategory | IncomeCategory;
export const BUDGET_CATEGORIES = [...COST_CATEGORIES, ...INCOME_CATEGORIES] as const;
export const LINE_KINDS = ['cost', 'income'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
/** A grant's way from the idea of asking to the money on the account. */
export const GRANT_STATUSES = ['to_apply', 'applied', 'granted', 'paid'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export function kindOfCategory(category: BudgetCategory): LineKind {
  return (COST_CATEGORIES as readonly string[]).includes(category) ? 'cost' : 'income';
}

/** A line of the forecast, as the version in force says it. */
export interface ForecastLine {
  /** Stays with the line across versions, so entries follow it when the forecast is revised. */
  readonly lineKey: string;
  readonly kind: LineKind;
  readonly category: BudgetCategory;
  /** A cost an organization provides in kind rather than pays. */
  readonly internal: boolean;
  readonly label: string;
  /** Who provides the cost or brings the income. */
  readonly organizationId: string | null;
  /** Null: an in-kind cost left unvalued. */
  readonly amountCents: number | null;
  readonly grantStatus: GrantStatus | null;
}

/** An actual entry: paid out on a cost line, received on an income line; a reversal is negative. */
export interface ActualEntry {
  readonly lineKey: string;
  readonly amountCents: number;
  /** Who paid or received; absent, the line's organization. */
  readonly organizationId: string | null;
}

/**
 * A line the forecast in force no longer has (a revision removed it) but that entries were
 * recorded on: its last known kind and label, so the money stays visible.
 */
export interface RetiredLine {
  readonly lineKey: string;
  readonly kind: LineKind;
  readonly category: BudgetCategory;
  readonly internal: boolean;
  readonly label: string;
  readonly organizationId: string | null;
}

export interface Figures {
  readonly forecastCents: number;
  readonly actualCents: number;
  /** Actual minus forecast: over budget on a cost, or more received than expected, when positive. */
  readonly varianceCents: number;
}

export interface LineSummary extends Figures {
  readonly lineKey: string;
  readonly kind: LineKind;
  readonly category: BudgetCategory;
  readonly internal: boolean;
  readonly label: string;
  readonly organizationId: string | null;
  readonly grantStatus: GrantStatus | null;
  /** Valued nowhere: an in-kind cost whose forecast gives no amount. */
  readonly unvalued: boolean;
  /** No longer in the forecast in force; kept for the entries recorded on it. */
  readonly retired: boolean;
}

export interface OrganizationSummary {
  readonly organizationId: string | null;
  readonly costs: Figures;
  readonly income: Figures;
  /** The in-kind part: of its costs, and the matching contribution counted in its income. */
  readonly inKind: Figures;
}

/** Where a budget stands: income equal to costs, more, or less (by how much). */
export type Balance = { readonly state: 'balanced' } | { readonly state: 'surplus'; readonly amountCents: number } | { readonly state: 'deficit'; readonly amountCents: number };

export interface BudgetSummary {
  readonly lines: readonly LineSummary[];
  readonly organizations: readonly OrganizationSummary[];
  readonly costs: Figures;
  /** Income, counting the in-kind contribution that matches each valued in-kind cost. */
  readonly income: Figures;
  readonly inKind: Figures;
  readonly forecastBalance: Balance;
  readonly actualBalance: Balance;
  /** Forecast amounts of the grant lines, by where each stands. */
  readonly grants: Readonly<Record<GrantStatus, number>>;
}

const figures = (forecastCents: number, actualCents: number): Figures => ({ forecastCents, actualCents, varianceCents: actualCents - forecastCents });
const addFigures = (a: Figures, b: Figures): Figures => figures(a.forecastCents + b.forecastCents, a.actualCents + b.actualCents);
const ZERO = figures(0, 0);

export function balanceOf(incomeCents: number, costsCents: number): Balance {
  const difference = incomeCents - costsCents;
  if (difference === 0) return { state: 'balanced' };
  return difference > 0 ? { state: 'surplus', amountCents: difference } : { state: 'deficit', amountCents: -difference };
}

export function summarizeBudget(forecast: readonly ForecastLine[], entries: readonly ActualEntry[], retired: readonly RetiredLine[] = []): BudgetSummary {
  const actualByLine = new Map<string, number>();
  const actualByLineAndOrganization = new Map<string, Map<string | null, number>>();
  for (const entry of entries) {
    actualByLine.set(entry.lineKey, (actualByLine.get(entry.lineKey) ?? 0) + entry.amountCents);
    let byOrganization = actualByLineAndOrganization.get(entry.lineKey);
    if (!byOrganization) actualByLineAndOrganization.set(entry.lineKey, (byOrganization = new Map()));
    byOrganization.set(entry.organizationId, (byOrganization.get(entry.organizationId) ?? 0) + entry.amountCents);
  }
  const inForecast = new Set(forecast.map((line) => line.lineKey));
  const lines: LineSummary[] = [
    ...forecast.map((line) => ({
      ...line,
      ...figures(line.amountCents ?? 0, actualByLine.get(line.lineKey) ?? 0),
      unvalued: line.amountCents === null,
      retired: false,
    })),
    ...retired
      .filter((line) => !inForecast.has(line.lineKey) && actualByLine.has(line.lineKey))
      .map((line) => ({ ...line, grantStatus: null, ...figures(0, actualByLine.get(line.lineKey)!), unvalued: false, retired: true })),
  ];

  const organizations = new Map<string | null, { costs: Figures; income: Figures; inKind: Figures }>();
  const add = (organizationId: string | null, part: 'costs' | 'income' | 'inKind', value: Figures) => {
    let row = organizations.get(organizationId);
    if (!row) organizations.set(organizationId, (row = { costs: ZERO, income: ZERO, inKind: ZERO }));
    row[part] = addFigures(row[part], value);
  };
  let costs = ZERO;
  let income = ZERO;
  let inKind = ZERO;
  for (const line of lines) {
    const part = line.kind === 'cost' ? 'costs' : 'income';
    // The forecast is the line's organization's; the actual is whoever each entry names, else the line's.
    add(line.organizationId, part, figures(line.forecastCents, 0));
    for (const [organizationId, actual] of actualByLineAndOrganization.get(line.lineKey) ?? []) add(organizationId ?? line.organizationId, part, figures(0, actual));
    const lineFigures = figures(line.forecastCents, line.actualCents);
    if (line.kind === 'cost') costs = addFigures(costs, lineFigures);
    else income = addFigures(income, lineFigures);
    if (line.internal) {
      inKind = addFigures(inKind, lineFigures);
      for (const mirrored of ['inKind', 'income'] as const) {
        add(line.organizationId, mirrored, figures(line.forecastCents, 0));
        for (const [organizationId, actual] of actualByLineAndOrganization.get(line.lineKey) ?? []) add(organizationId ?? line.organizationId, mirrored, figures(0, actual));
      }
    }
  }
  // The in-kind contribution that matches each valued in-kind cost.
  const incomeWithInKind = addFigures(income, inKind);
  const grants: Record<GrantStatus, number> = { to_apply: 0, applied: 0, granted: 0, paid: 0 };
  for (const line of forecast) if (line.grantStatus !== null) grants[line.grantStatus] += line.amountCents ?? 0;
  return {
    lines,
    organizations: [...organizations].map(([organizationId, row]) => ({ organizationId, ...row })),
    costs,
    income: incomeWithInKind,
    inKind,
    forecastBalance: balanceOf(incomeWithInKind.forecastCents, costs.forecastCents),
    actualBalance: balanceOf(incomeWithInKind.actualCents, costs.actualCents),
    grants,
  };
}
