import type { NoticeWriters } from '../participation/notices.js';
import { recipientsAmong, tell } from '../participation/calls.js';
import { translator } from '../i18n/server-messages.js';
import { dayNotices } from './days/notices.js';

/** The web address of a space; a mail's button to it signs its addressee in, outsiders included. */
export const accompanimentPath = (partnershipId: string, accompanimentId: string) => `/p/${partnershipId}/accompagnements/${accompanimentId}`;

/**
 * Whom the space concerns: whoever joins it is told, with a button that opens it signed in (the
 * only way in for someone from outside). Whoever opens a space is its first facilitator, recorded
 * by the opening itself, and is not told.
 */
export const accompanimentNotices: NoticeWriters = {
  ...dayNotices,
  'accompaniment.memberAdded': async (trx, scope, event) => {
    const personId = String(event.payload['personId']);
    const accompanimentId = String(event.payload['accompanimentId']);
    const space = await trx.selectFrom('accompaniment').select('title').where('id', '=', accompanimentId).executeTakeFirstOrThrow();
    const facilitator = event.payload['role'] === 'facilitator';
    await tell(trx, scope, await recipientsAmong(trx, [personId]), (recipient) => {
      const t = translator(recipient.locale);
      const params = { title: space.title };
      return {
        kind: 'information',
        subject: t('accompaniment.mail.addedSubject', params),
        deadline: null,
        reason: t(facilitator ? 'accompaniment.mail.reasonFacilitator' : 'accompaniment.mail.reasonParticipant', params),
        section: {
          paragraphs: [t(facilitator ? 'accompaniment.mail.addedFacilitator' : 'accompaniment.mail.addedParticipant', params)],
          facts: [],
          action: { label: t('accompaniment.mail.open'), path: accompanimentPath(scope.partnershipId, accompanimentId) },
        },
      };
    });
  },
};
