import { sql, type Transaction } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { formatCalendarDate, translator } from '../i18n/server-messages.js';
import { recipientsAmong, tell } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { toDoPath } from '../participation/rules.js';
import { PARTNERSHIP_TIME_ZONE } from '../common/dates.js';

type Trx = Transaction<Database>;

export const tensionPath = (partnershipId: string, tensionId: string) => `/p/${partnershipId}/tensions/${tensionId}`;

async function tensionOf(trx: Trx, tensionId: string) {
  return trx
    .selectFrom('tension as t')
    .innerJoin('body as b', 'b.id', 't.body_id')
    .leftJoin('person as r', 'r.id', 't.raised_by')
    .leftJoin('proposal as q', 'q.id', 't.proposal_id')
    .select([
      't.id',
      't.text',
      't.raised_by',
      't.task_title',
      't.task_owner_id',
      't.task_due_on',
      't.closing_word',
      'b.name as body',
      'r.full_name as raiser',
      'q.wording',
      // The end of the due day where the partnerships live: what a reminder counts to.
      sql<Date | null>`(t.task_due_on + 1)::timestamp at time zone ${sql.lit(PARTNERSHIP_TIME_ZONE)}`.as('due_at'),
    ])
    .where('t.id', '=', tensionId)
    .executeTakeFirstOrThrow();
}

/** Whoever raised the tension hears what the meeting made of it, unless they settled it themself. */
async function tellRaiser(trx: Trx, scope: { readonly partnershipId: string; readonly now: Date }, tensionId: string, settledBy: unknown, outcome: 'proposed' | 'tasked' | 'closed') {
  const tension = await tensionOf(trx, tensionId);
  if (tension.raised_by === null || tension.raised_by === settledBy) return;
  await tell(trx, scope, await recipientsAmong(trx, [tension.raised_by]), (recipient) => {
    const t = translator(recipient.locale);
    const params = { body: tension.body, text: tension.text };
    const fact =
      outcome === 'proposed'
        ? { label: t('tension.mail.proposal'), value: tension.wording ?? '' }
        : outcome === 'tasked'
          ? { label: t('tension.mail.task'), value: t('tension.mail.taskValue', { title: tension.task_title ?? '', date: formatCalendarDate(recipient.locale, tension.task_due_on ?? '') }) }
          : { label: t('tension.mail.word'), value: tension.closing_word ?? '' };
    return {
      kind: 'information',
      subject: t(`tension.mail.${outcome}Subject`, params),
      deadline: null,
      reason: t('tension.mail.reasonRaiser', params),
      section: { paragraphs: [t(`tension.mail.${outcome}Text`, params)], facts: [fact], action: { label: t('tension.mail.see'), path: tensionPath(scope.partnershipId, tensionId) } },
    };
  });
}

/**
 * Whom a tension concerns: the facilitator of the meeting whose agenda it joins prepares it; the
 * owner of the task it becomes is called to do it by its day; whoever raised it learns what the
 * meeting made of it. The body's other members see it on its page and on the agenda.
 */
export const tensionNotices: NoticeWriters = {
  'tension.placed': async (trx, scope, event) => {
    const tension = await tensionOf(trx, String(event.payload['tensionId']));
    const meeting = await trx.selectFrom('meeting').select(['id', 'title', 'facilitator_id']).where('id', '=', String(event.payload['meetingId'])).executeTakeFirstOrThrow();
    if (meeting.facilitator_id === tension.raised_by) return;
    await tell(trx, scope, await recipientsAmong(trx, [meeting.facilitator_id]), (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: tension.body, meeting: meeting.title, raiser: tension.raiser ?? '' };
      return {
        kind: 'information',
        subject: t('tension.mail.placedSubject', params),
        deadline: null,
        reason: t('tension.mail.reasonFacilitator', params),
        section: {
          paragraphs: [t('tension.mail.placedText', params)],
          facts: [{ label: t('tension.mail.tension'), value: tension.text }],
          action: { label: t('tension.mail.placedAction'), path: `/p/${scope.partnershipId}/reunions/${meeting.id}#ordre-du-jour` },
        },
      };
    });
  },
  'tension.tasked': async (trx, scope, event) => {
    const tensionId = String(event.payload['tensionId']);
    const tension = await tensionOf(trx, tensionId);
    // Whoever took the task on themself at the meeting finds it in their list, with no mail.
    const owners = tension.task_owner_id === event.payload['settledBy'] ? [] : [tension.task_owner_id!];
    await tell(trx, scope, await recipientsAmong(trx, owners), (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: tension.body, title: tension.task_title ?? '', date: formatCalendarDate(recipient.locale, tension.task_due_on ?? '') };
      return {
        kind: 'call',
        subject: t('tension.mail.ownerSubject', params),
        deadline: tension.due_at,
        reason: t('tension.mail.reasonOwner', params),
        section: {
          paragraphs: [t('tension.mail.ownerText', params)],
          facts: [{ label: t('tension.mail.tension'), value: tension.text }],
          action: { label: t('tension.mail.ownerAction'), path: toDoPath(scope.partnershipId, { kind: 'tension_task', tensionId }) },
        },
      };
    });
    if (tension.task_owner_id !== tension.raised_by) await tellRaiser(trx, scope, tensionId, event.payload['settledBy'], 'tasked');
  },
  'tension.proposed': (trx, scope, event) => tellRaiser(trx, scope, String(event.payload['tensionId']), event.payload['settledBy'], 'proposed'),
  'tension.closed': (trx, scope, event) => tellRaiser(trx, scope, String(event.payload['tensionId']), event.payload['settledBy'], 'closed'),
};
