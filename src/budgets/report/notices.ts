import { formatMoney } from '../../charters/print/blocks.js';
import { translator } from '../../i18n/server-messages.js';
import { membersToTell, tell } from '../../participation/calls.js';
import type { NoticeWriters } from '../../participation/notices.js';
import { projectPath } from '../../projects/notices.js';
import type { Balance } from '../rules/summary.js';
import { balanceHeadline } from './blocks.js';

/** The report's page, which the mail's button opens and the lead's to-do leads to. */
export const reportPath = (partnershipId: string, projectId: string) => `${projectPath(partnershipId, projectId)}/budget/compte-rendu`;

const balanceOf = (signedCents: number): Balance => (signedCents === 0 ? { state: 'balanced' } : signedCents > 0 ? { state: 'surplus', amountCents: signedCents } : { state: 'deficit', amountCents: -signedCents });

/**
 * A budget reported to the steering committee reaches the members of the body that validated the
 * project today: its totals as the entry records them, and a link to the report.
 */
export const budgetReportNotices: NoticeWriters = {
  'budget.reported': async (trx, scope, event) => {
    const { projectId, bodyId } = event.payload as { projectId: string; bodyId: string };
    const totals = event.payload as Record<'costsForecastCents' | 'costsActualCents' | 'incomeForecastCents' | 'incomeActualCents' | 'actualBalanceCents', number>;
    const [project, body] = await Promise.all([
      trx.selectFrom('project').select('title').where('id', '=', projectId).executeTakeFirstOrThrow(),
      trx.selectFrom('body').select('name').where('id', '=', bodyId).executeTakeFirstOrThrow(),
    ]);
    await tell(trx, scope, await membersToTell(trx, [bodyId], scope.now), (recipient) => {
      const t = translator(recipient.locale);
      const money = (cents: number) => formatMoney(recipient.locale, cents);
      const params = {
        title: project.title,
        body: body.name,
        costsActual: money(totals.costsActualCents),
        costsForecast: money(totals.costsForecastCents),
        incomeActual: money(totals.incomeActualCents),
        incomeForecast: money(totals.incomeForecastCents),
        balance: balanceHeadline(balanceOf(totals.actualBalanceCents), recipient.locale),
      };
      return {
        kind: 'information',
        subject: t('budgetReport.mail.subject', params),
        deadline: null,
        reason: t('budgetReport.mail.reason', params),
        section: { paragraphs: [t('budgetReport.mail.text', params)], facts: [], action: { label: t('budgetReport.mail.action'), path: reportPath(scope.partnershipId, projectId) } },
      };
    });
  },
};
