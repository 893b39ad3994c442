import type { Transaction } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { formatCalendarDate, translator } from '../i18n/server-messages.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { recipientsAmong, tell } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { toDoPath } from '../participation/rules.js';
import { deliverableFrame } from './queries.js';
import { endOfDay } from '../common/database/periods.js';

type Trx = Transaction<Database>;

/**
 * The new owner of a deliverable is called to it, by its due day (its last instant in Paris,
 * counted by the database), so the clock reminds them the day before while it is still open.
 */
async function callOwner(trx: Trx, scope: { readonly partnershipId: string; readonly now: Date }, event: JournalEvent) {
  const ownerId = event.payload['ownerId'];
  if (typeof ownerId !== 'string') return;
  const deliverableId = String(event.payload['deliverableId']);
  const deliverable = await trx.selectFrom('deliverable').select(['title', 'due_on', 'charter_id']).where('id', '=', deliverableId).executeTakeFirstOrThrow();
  const { charter } = await deliverableFrame(trx, scope.partnershipId, deliverable.charter_id);
  const deadline =
    deliverable.due_on === null
      ? null
      : await endOfDay(trx, deliverable.due_on);
  await tell(trx, scope, await recipientsAmong(trx, [ownerId]), (recipient) => {
    const t = translator(recipient.locale);
    const params = { title: deliverable.title, charter: charter.title };
    return {
      kind: 'call',
      subject: t('deliverable.mail.ownerSubject', params),
      deadline,
      reason: t('deliverable.mail.ownerReason', params),
      section: {
        paragraphs: [t('deliverable.mail.ownerText', params)],
        facts: [
          { label: t('deliverable.mail.deliverable'), value: deliverable.title },
          { label: t('deliverable.mail.dueOn'), value: deliverable.due_on === null ? t('deliverable.mail.noDueDay') : formatCalendarDate(recipient.locale, deliverable.due_on) },
        ],
        action: { label: t('deliverable.mail.ownerAction'), path: toDoPath(scope.partnershipId, { kind: 'deliverable', charterId: deliverable.charter_id, deliverableId }) },
      },
    };
  });
}

/** Whom deliverables concern: whoever is named to answer for one, at its addition or later. */
export const deliverableNotices: NoticeWriters = {
  'deliverable.added': callOwner,
  'deliverable.assigned': callOwner,
};
