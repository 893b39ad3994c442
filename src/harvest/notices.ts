import type { Transaction } from 'kysely';
import type { Database } from '../common/database/schema.js';
import type { NoticeWriters } from '../participation/notices.js';
import { recipientsAmong, tell } from '../participation/calls.js';
import { toDoPath } from '../participation/rules.js';
import { translator } from '../i18n/server-messages.js';
import type { Licence } from '../charters/rules/enums.js';

/** The web address of a space's harvest. */
export const harvestPath = (partnershipId: string, accompanimentId: string) => `/p/${partnershipId}/accompagnements/${accompanimentId}/moisson`;

/** The open licences under their usual names (a closed licence publishes nothing, so it is never named here). */
const LICENCE_NAMES: Readonly<Record<Licence, string>> = {
  'CC-BY-SA-4.0': 'CC BY-SA 4.0',
  'CC-BY-4.0': 'CC BY 4.0',
  'CC-BY-NC-SA-4.0': 'CC BY-NC-SA 4.0',
  'CC0-1.0': 'CC0 1.0',
  all_rights_reserved: '©',
};

async function itemOf(trx: Transaction<Database>, itemId: string) {
  return trx
    .selectFrom('harvest_item as h')
    .innerJoin('accompaniment as a', 'a.id', 'h.accompaniment_id')
    .select(['h.accompaniment_id', 'h.text', 'h.author_id', 'h.publication_title', 'h.publication_asked_by', 'a.title as space', 'a.licence'])
    .where('h.id', '=', itemId)
    .executeTakeFirstOrThrow();
}

/**
 * Whom the harvest concerns: asked to publish, the author is called, with a button to the form
 * where they consent or decline (their « À faire pour vous »); answered, whoever asked is told.
 */
export const harvestNotices: NoticeWriters = {
  'harvest.publicationAsked': async (trx, scope, event) => {
    const itemId = String(event.payload['itemId']);
    const item = await itemOf(trx, itemId);
    if (item.author_id === null) return;
    await tell(trx, scope, await recipientsAmong(trx, [item.author_id]), (recipient) => {
      const t = translator(recipient.locale);
      const params = { title: item.publication_title ?? '', space: item.space, licence: LICENCE_NAMES[item.licence as Licence] };
      return {
        kind: 'call',
        subject: t('harvest.mail.askedSubject', params),
        deadline: null,
        reason: t('harvest.mail.reasonAuthor', params),
        section: {
          paragraphs: [t('harvest.mail.askedText', params)],
          facts: [{ label: t('harvest.mail.yourWords'), value: item.text }],
          action: { label: t('harvest.mail.askedAction'), path: toDoPath(scope.partnershipId, { kind: 'harvest_publication', accompanimentId: item.accompaniment_id, itemId }) },
        },
      };
    });
  },
  'harvest.publicationAnswered': async (trx, scope, event) => {
    const item = await itemOf(trx, String(event.payload['itemId']));
    if (item.publication_asked_by === null || item.publication_asked_by === item.author_id) return;
    const consents = event.payload['consents'] === true;
    await tell(trx, scope, await recipientsAmong(trx, [item.publication_asked_by]), (recipient) => {
      const t = translator(recipient.locale);
      const params = { title: item.publication_title ?? '', space: item.space };
      return {
        kind: 'information',
        subject: t(consents ? 'harvest.mail.answeredSubjectYes' : 'harvest.mail.answeredSubjectNo', params),
        deadline: null,
        reason: t('harvest.mail.reasonAsker', params),
        section: {
          paragraphs: [t(consents ? 'harvest.mail.answeredYes' : 'harvest.mail.answeredNo', params)],
          facts: [],
          action: { label: t('harvest.mail.answeredAction'), path: harvestPath(scope.partnershipId, item.accompaniment_id) },
        },
      };
    });
  },
};
