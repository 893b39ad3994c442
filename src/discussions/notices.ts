import type { Transaction } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { proposalPath } from '../decisions/notices.js';
import { translator } from '../i18n/server-messages.js';
import { recipientsAmong, tell } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';

type Trx = Transaction<Database>;

async function threadFacts(trx: Trx, proposalId: string, messageId: string) {
  return trx
    .selectFrom('discussion_message as m')
    .innerJoin('proposal as p', 'p.id', 'm.proposal_id')
    .innerJoin('body as b', 'b.id', 'p.body_id')
    .innerJoin('person as author', 'author.id', 'm.author_id')
    .select(['p.id as proposalId', 'p.wording', 'p.facilitator_id', 'b.name as body', 'm.author_id', 'author.full_name as asker'])
    .where('m.id', '=', messageId)
    .where('m.proposal_id', '=', proposalId)
    .executeTakeFirstOrThrow();
}

/**
 * Whom a thread concerns: a clarifying question calls the proposal's facilitator to answer it,
 * and its asker learns when it is marked answered; nobody is told of what they did themself.
 */
export const discussionNotices: NoticeWriters = {
  'discussion.posted': async (trx, scope, event) => {
    if (event.payload['kind'] !== 'question') return;
    const thread = await threadFacts(trx, String(event.payload['proposalId']), String(event.payload['messageId']));
    if (thread.facilitator_id === thread.author_id) return;
    await tell(trx, scope, await recipientsAmong(trx, [thread.facilitator_id]), (recipient) => {
      const t = translator(recipient.locale);
      const params = { asker: thread.asker, wording: thread.wording, body: thread.body };
      return {
        kind: 'call',
        subject: t('participation.question.askedSubject', params),
        deadline: null,
        reason: t('participation.question.reasonFacilitator', params),
        section: {
          paragraphs: [t('participation.question.askedText', params)],
          facts: [{ label: t('participation.mail.body'), value: thread.body }],
          action: { label: t('participation.question.askedAction'), path: proposalPath(scope.partnershipId, thread.proposalId) },
        },
      };
    });
  },
  'discussion.answered': async (trx, scope, event) => {
    const thread = await threadFacts(trx, String(event.payload['proposalId']), String(event.payload['messageId']));
    if (thread.author_id === event.payload['answeredBy']) return;
    await tell(trx, scope, await recipientsAmong(trx, [thread.author_id]), (recipient) => {
      const t = translator(recipient.locale);
      const params = { wording: thread.wording, body: thread.body };
      return {
        kind: 'information',
        subject: t('participation.question.answeredSubject', params),
        deadline: null,
        reason: t('participation.question.reasonAsker', params),
        section: {
          paragraphs: [t('participation.question.answeredText', params)],
          facts: [],
          action: { label: t('participation.question.answeredAction'), path: proposalPath(scope.partnershipId, thread.proposalId) },
        },
      };
    });
  },
};
