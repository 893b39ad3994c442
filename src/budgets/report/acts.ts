import { recordAct, actorOf, type ActContext } from '../../common/act.js';
import { calendarDay } from '../../common/dates.js';
import { conflict, forbidden, notFound } from '../../common/errors.js';
import { projectRow } from '../../projects/queries.js';
import { budgetKeeping } from '../keepers.js';
import { budgetFigures, budgetOfProject, budgetRow } from '../queries.js';
import { summarizeBudget } from '../rules/summary.js';
import { signedBalance } from './blocks.js';

/**
 * « Rendre compte au comité de pilotage »: whoever keeps the project's accounts (its lead, the
 * treasurer) reports its budget to the body that validated it. The journal keeps the totals
 * reported, as summarizeBudget gives them; the body's members are mailed a link to the report.
 */
export async function reportBudget(ctx: ActContext, projectId: string): Promise<void> {
  await recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const project = await projectRow(trx, ctx.partnershipId, projectId);
    if (!project) throw notFound();
    if (!(await budgetKeeping(trx, ctx.viewer, ctx.partnershipId, project, calendarDay(ctx.now))).keepsBooks) throw forbidden();
    const found = await budgetOfProject(trx, ctx.partnershipId, projectId);
    if (!found) throw conflict('budgetReport.refusal.no_budget');
    if (project.working_group_parent_id === null) throw conflict('budgetReport.refusal.no_steering_body');
    // The budget's row lock: the totals reported are those of a moment no entry is being written in.
    const budget = (await budgetRow(trx, ctx.partnershipId, found.id, true))!;
    const figures = await budgetFigures(trx, budget.id);
    const summary = summarizeBudget(figures.lines, figures.entries, figures.retired);
    await trx.updateTable('budget').set({ reported_at: ctx.now }).where('id', '=', budget.id).execute();
    return {
      result: undefined,
      events: [
        {
          kind: 'budget.reported',
          payload: {
            budgetId: budget.id,
            projectId,
            bodyId: project.working_group_parent_id,
            versionId: figures.versionId,
            reportedAt: ctx.now.toISOString(),
            costsForecastCents: summary.costs.forecastCents,
            costsActualCents: summary.costs.actualCents,
            incomeForecastCents: summary.income.forecastCents,
            incomeActualCents: summary.income.actualCents,
            forecastBalanceCents: signedBalance(summary.forecastBalance),
            actualBalanceCents: signedBalance(summary.actualBalance),
          },
        },
      ],
    };
  });
}
