import type { Transaction } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { translator } from '../i18n/server-messages.js';
import { recipientsAmong, tell } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { toDoPath } from '../participation/rules.js';

type Trx = Transaction<Database>;

/** A project's budget page, where its forecast is written and its revision proposed. */
export const projectBudgetPath = (partnershipId: string, projectId: string) => `/p/${partnershipId}/projets/${projectId}/budget`;

/** Whether any forecast line was written for the project: until then, its lead has a budget to draw up. */
async function hasForecast(trx: Trx, projectId: string): Promise<boolean> {
  const line = await trx
    .selectFrom('budget_line as l')
    .innerJoin('budget_version as v', 'v.id', 'l.version_id')
    .innerJoin('budget as b', 'b.id', 'v.budget_id')
    .select('l.id')
    .where('b.project_id', '=', projectId)
    .limit(1)
    .executeTakeFirst();
  return line !== undefined;
}

/**
 * Whom budgets call: a project whose lead starts without a forecast calls the lead to draw it up
 * (seed 001: the lead and the working group establish the forecast budget), by mail and in « À
 * faire pour vous » until a line is written. A revision's proposal calls its deciding body through
 * the decisions' own notices.
 */
export const budgetNotices: NoticeWriters = {
  'project.lead_started': async (trx, scope, event) => {
    const projectId = String(event.payload['projectId']);
    if (await hasForecast(trx, projectId)) return;
    const project = await trx.selectFrom('project').select('title').where('id', '=', projectId).executeTakeFirstOrThrow();
    await tell(trx, scope, await recipientsAmong(trx, [String(event.payload['personId'])]), (recipient) => {
      const t = translator(recipient.locale);
      const params = { title: project.title };
      return {
        kind: 'call',
        subject: t('budget.mail.forecastSubject', params),
        deadline: null,
        reason: t('budget.mail.forecastReason', params),
        section: { paragraphs: [t('budget.mail.forecastText', params)], facts: [], action: { label: t('budget.mail.forecastAction'), path: toDoPath(scope.partnershipId, { kind: 'budget_forecast', projectId }) } },
      };
    });
  },
};
