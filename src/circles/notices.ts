import type { Transaction } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { translator } from '../i18n/server-messages.js';
import { recipientsAmong, tell } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { proposalPath } from '../decisions/notices.js';

type Trx = Transaction<Database>;

/** A request with the names its mails need, and its latest proposal (where the person follows the round and may withdraw). */
async function joinOf(trx: Trx, joinId: string) {
  return trx
    .selectFrom('circle_join as j')
    .innerJoin('body as b', 'b.id', 'j.body_id')
    .innerJoin('person as by', 'by.id', 'j.asked_by')
    .select((eb) => [
      'j.id',
      'j.body_id',
      'j.person_id',
      'j.asked_by',
      'b.name as circle',
      'by.full_name as by',
      eb.selectFrom('proposal as pr').select('pr.id').whereRef('pr.circle_join_id', '=', 'j.id').orderBy('pr.created_at', 'desc').limit(1).as('proposal_id'),
    ])
    .where('j.id', '=', joinId)
    .executeTakeFirstOrThrow();
}

type Outcome = 'invited' | 'joined' | 'declined';

/** Tells the person the request concerns, and whoever asked for them, how it stands. */
async function tellPerson(trx: Trx, scope: { readonly partnershipId: string; readonly now: Date }, joinId: string, outcome: Outcome, alsoAsker: boolean) {
  const join = await joinOf(trx, joinId);
  const people = alsoAsker && join.asked_by !== join.person_id ? [join.person_id, join.asked_by] : [join.person_id];
  const path = join.proposal_id === null ? `/p/${scope.partnershipId}/instances/${join.body_id}` : proposalPath(scope.partnershipId, join.proposal_id);
  await tell(trx, scope, await recipientsAmong(trx, people), (recipient) => {
    const t = translator(recipient.locale);
    const params = { circle: join.circle, by: join.by };
    return {
      kind: 'information',
      subject: t(`circle.mail.${outcome}Subject`, params),
      deadline: null,
      reason: t(recipient.personId === join.person_id ? 'circle.mail.reasonPerson' : 'circle.mail.reasonAsker'),
      section: { paragraphs: [t(`circle.mail.${outcome}Text`, params)], facts: [], action: { label: t('circle.mail.open'), path } },
    };
  });
}

/**
 * Whom a request to join concerns: an invited person hears of the invitation (the circle's
 * members get the round's call from the decisions' notices); the person hears the circle's
 * decision either way, as does the member who invited them.
 */
export const circleNotices: NoticeWriters = {
  'circle.joinAsked': async (trx, scope, event) => {
    if (event.payload['askedBy'] === event.payload['personId']) return;
    await tellPerson(trx, scope, String(event.payload['joinId']), 'invited', false);
  },
  'circle.joined': async (trx, scope, event) => tellPerson(trx, scope, String(event.payload['joinId']), 'joined', true),
  'circle.joinDeclined': async (trx, scope, event) => tellPerson(trx, scope, String(event.payload['joinId']), 'declined', true),
};
