import type { Transaction } from 'kysely';
import { bodyMembersOn } from '../../bodies/members.js';
import { formatMoney } from '../../charters/print/blocks.js';
import type { CharterRules } from '../../charters/rules/types.js';
import { calendarDay } from '../../common/dates.js';
import type { Database } from '../../common/database/schema.js';
import { translator } from '../../i18n/server-messages.js';
import { recipientsAmong, tell } from '../../participation/calls.js';
import type { NoticeWriters } from '../../participation/notices.js';
import { leadInOffice, projectRow } from '../../projects/queries.js';
import { bookKeepersOf } from '../keepers.js';
import { governingCharter, settledBudget } from './queries.js';

type Trx = Transaction<Database>;

export const settlementPath = (partnershipId: string, budgetId: string) => `/p/${partnershipId}/budgets/${budgetId}/reglement`;

/**
 * Who hears that a budget's accounts are settled: those who keep its books (the treasurer, else
 * the administrators, and the project's lead) and the project's team: the working group of a
 * common project, the bodies of a project charter (seed 000's team).
 */
async function keepersAndTeam(trx: Trx, partnershipId: string, budget: { project_id: string | null }, rules: CharterRules | null, now: Date): Promise<string[]> {
  const today = calendarDay(now);
  const keepers = await bookKeepersOf(trx, partnershipId, today);
  const people = new Set(keepers.treasurerIds);
  if (people.size === 0) {
    const administrators = await trx.selectFrom('person').select('id').where('partnership_id', '=', partnershipId).where('is_partnership_admin', '=', true).execute();
    for (const row of administrators) people.add(row.id);
  }
  const project = budget.project_id === null ? undefined : await projectRow(trx, partnershipId, budget.project_id);
  const lead = project ? leadInOffice(project) : null;
  if (lead !== null) people.add(lead);
  const teamBodies = project ? (project.working_group_id === null ? [] : [project.working_group_id]) : (rules?.bodyIds ?? []);
  for (const bodyId of teamBodies) for (const personId of (await bodyMembersOn(trx, bodyId, now)).keys()) people.add(personId);
  return [...people];
}

export const settlementNotices: NoticeWriters = {
  'settlement.approved': async (trx, scope, event) => {
    const budgetId = String(event.payload['budgetId']);
    const settlementId = String(event.payload['settlementId']);
    const budget = await settledBudget(trx, scope.partnershipId, budgetId);
    const charter = await governingCharter(trx, scope.partnershipId, budget);
    const title = budget.project_id === null ? (charter.title ?? '') : ((await projectRow(trx, scope.partnershipId, budget.project_id))?.title ?? '');
    const totals = await trx
      .selectFrom('settlement_line')
      .select((eb) => [eb.fn.sum<string>('refund_cents').as('refund'), eb.fn.sum<string>('due_cents').as('due')])
      .where('settlement_id', '=', settlementId)
      .executeTakeFirstOrThrow();
    const recipients = await recipientsAmong(trx, await keepersAndTeam(trx, scope.partnershipId, budget, charter.rules, scope.now));
    await tell(trx, scope, recipients, (recipient) => {
      const t = translator(recipient.locale);
      return {
        kind: 'information',
        subject: t('settlement.mail.approvedSubject', { title }),
        deadline: null,
        reason: t('settlement.mail.reason'),
        section: {
          paragraphs: [t('settlement.mail.approvedText', { title })],
          facts: [
            { label: t('settlement.mail.refund'), value: formatMoney(recipient.locale, Number(totals.refund ?? 0)) },
            { label: t('settlement.mail.due'), value: formatMoney(recipient.locale, Number(totals.due ?? 0)) },
          ],
          action: { label: t('settlement.mail.open'), path: settlementPath(scope.partnershipId, budgetId) },
        },
      };
    });
  },
};
