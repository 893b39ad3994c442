import type { Transaction } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { formatMeetingTime, translator } from '../i18n/server-messages.js';
import { membersToTell, tell } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { toDoPath } from '../participation/rules.js';

type Trx = Transaction<Database>;

const electionPath = (partnershipId: string, electionId: string) => `/p/${partnershipId}/elections/${electionId}`;

async function electionFacts(trx: Trx, electionId: string) {
  return trx
    .selectFrom('election as e')
    .innerJoin('body as b', 'b.id', 'e.body_id')
    .innerJoin('role as r', 'r.id', 'e.role_id')
    .innerJoin('person as facilitator', 'facilitator.id', 'e.facilitator_id')
    .leftJoin('person as candidate', 'candidate.id', 'e.candidate_id')
    .select(['e.id', 'e.body_id', 'e.deadline', 'b.name as body', 'r.name as role', 'facilitator.full_name as facilitator', 'candidate.full_name as candidate'])
    .where('e.id', '=', electionId)
    .executeTakeFirstOrThrow();
}

/**
 * Whom an election concerns: each member of its body is called to nominate someone when it opens,
 * then to answer on the name proposed, each time by the deadline if one is set; all learn who is elected.
 */
export const electionNotices: NoticeWriters = {
  'election.opened': async (trx, scope, event) => {
    const election = await electionFacts(trx, String(event.payload['electionId']));
    await tell(trx, scope, await membersToTell(trx, [election.body_id], scope.now), (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: election.body, role: election.role };
      return {
        kind: 'call',
        subject: t('participation.election.nominateSubject', params),
        deadline: election.deadline,
        reason: t('participation.mail.reasonMember', params),
        section: {
          paragraphs: [t('participation.election.nominateText', params), t('participation.election.nominateMethod')],
          facts: [
            ...(election.deadline ? [{ label: t('participation.mail.deadline'), value: formatMeetingTime(recipient.locale, election.deadline) }] : []),
            { label: t('participation.mail.body'), value: election.body },
            { label: t('participation.mail.facilitator'), value: election.facilitator },
          ],
          action: { label: t('participation.election.nominateAction'), path: toDoPath(scope.partnershipId, { kind: 'nomination', electionId: election.id }) },
        },
      };
    });
  },
  'election.candidate_proposed': async (trx, scope, event) => {
    const election = await electionFacts(trx, String(event.payload['electionId']));
    await tell(trx, scope, await membersToTell(trx, [election.body_id], scope.now), (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: election.body, role: election.role, candidate: election.candidate ?? '' };
      return {
        kind: 'call',
        subject: t('participation.election.consentSubject', params),
        deadline: election.deadline,
        reason: t('participation.mail.reasonMember', params),
        section: {
          paragraphs: [t('participation.election.consentText', params), t('participation.election.consentMethod')],
          facts: [
            ...(election.deadline ? [{ label: t('participation.mail.deadline'), value: formatMeetingTime(recipient.locale, election.deadline) }] : []),
            { label: t('participation.mail.body'), value: election.body },
            { label: t('participation.mail.facilitator'), value: election.facilitator },
          ],
          action: { label: t('participation.election.consentAction'), path: toDoPath(scope.partnershipId, { kind: 'consent', electionId: election.id }) },
        },
      };
    });
  },
  'election.elected': async (trx, scope, event) => {
    const election = await electionFacts(trx, String(event.payload['electionId']));
    const elected = await trx.selectFrom('person').select('full_name').where('id', '=', String(event.payload['personId'])).executeTakeFirstOrThrow();
    await tell(trx, scope, await membersToTell(trx, [election.body_id], scope.now), (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: election.body, role: election.role, elected: elected.full_name };
      return {
        kind: 'information',
        subject: t('participation.election.electedSubject', params),
        deadline: null,
        reason: t('participation.mail.reasonMember', params),
        section: {
          paragraphs: [t('participation.election.electedText', params)],
          facts: [],
          action: { label: t('participation.election.electedAction'), path: electionPath(scope.partnershipId, election.id) },
        },
      };
    });
  },
};
