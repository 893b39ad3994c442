import type { Transaction } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { formatCalendarDate, translator, type Locale } from '../i18n/server-messages.js';
import { recipientsAmong, tell } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { toDoPath } from '../participation/rules.js';
import { endOfDay } from '../common/database/periods.js';

type Trx = Transaction<Database>;

export const fundPath = (partnershipId: string) => `/p/${partnershipId}/caisse-commune`;

const euros = (locale: Locale, cents: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** An organization's name and its administrators, who speak for it to the fund. */
async function organizationAdministrators(trx: Trx, organizationId: string) {
  const [organization, administrators] = await Promise.all([
    trx.selectFrom('organization').select('name').where('id', '=', organizationId).executeTakeFirstOrThrow(),
    trx.selectFrom('membership').select('person_id').where('organization_id', '=', organizationId).where('is_organization_admin', '=', true).execute(),
  ]);
  return { name: organization.name, recipients: await recipientsAmong(trx, administrators.map((row) => row.person_id)) };
}

/**
 * Whom the fund's acts call: a call issued asks the organization's administrators for its
 * contribution by its due day; a call that could not be issued for want of a declaration asks them
 * to declare their annual budget. Both lead to the form on the fund page.
 */
export const fundNotices: NoticeWriters = {
  'fund.callIssued': async (trx, scope, event) => {
    const organizationId = String(event.payload['organizationId']);
    const year = Number(event.payload['year']);
    const dueOn = String(event.payload['dueOn']);
    const amountCents = Number(event.payload['amountCents']);
    const { name, recipients } = await organizationAdministrators(trx, organizationId);
    const deadline = await endOfDay(trx, dueOn);
    await tell(trx, scope, recipients, (recipient) => {
      const t = translator(recipient.locale);
      const params = { year, organization: name, amount: euros(recipient.locale, amountCents), dueOn: formatCalendarDate(recipient.locale, dueOn) };
      return {
        kind: 'call',
        subject: t('fund.mail.callSubject', params),
        deadline,
        reason: t('fund.mail.reasonOrganizationAdmin', params),
        section: {
          paragraphs: [t('fund.mail.callText', params)],
          facts: [
            { label: t('fund.mail.amount'), value: params.amount },
            { label: t('fund.mail.dueOn'), value: params.dueOn },
          ],
          action: { label: t('fund.mail.callAction'), path: toDoPath(scope.partnershipId, { kind: 'fund_contribution', organizationId }) },
        },
      };
    });
  },
  'fund.declarationRequested': async (trx, scope, event) => {
    const year = Number(event.payload['year']);
    for (const organizationId of event.payload['organizationIds'] as string[]) {
      const { name, recipients } = await organizationAdministrators(trx, organizationId);
      await tell(trx, scope, recipients, (recipient) => {
        const t = translator(recipient.locale);
        const params = { year, organization: name };
        return {
          kind: 'call',
          subject: t('fund.mail.declareSubject', params),
          deadline: null,
          reason: t('fund.mail.reasonOrganizationAdmin', params),
          section: { paragraphs: [t('fund.mail.declareText', params)], facts: [], action: { label: t('fund.mail.declareAction'), path: toDoPath(scope.partnershipId, { kind: 'fund_declaration', organizationId }) } },
        };
      });
    }
  },
};
