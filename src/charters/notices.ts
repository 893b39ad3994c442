import type { Database } from '../common/database/schema.js';
import type { Transaction } from 'kysely';
import { translator } from '../i18n/server-messages.js';
import { recipientsAmong, tell } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { toDoPath } from '../participation/rules.js';
import type { Signatory } from './rules/types.js';

type Trx = Transaction<Database>;

/** The people a version names as signatories who have not signed it yet. */
async function signatoriesToSign(trx: Trx, versionId: string, signatories: readonly Signatory[]) {
  const signed = await trx.selectFrom('charter_signature').select(['signatory_id', 'person_id']).where('version_id', '=', versionId).execute();
  const waiting = signatories.filter((s) => s.personId !== null && !signed.some((row) => row.signatory_id === s.id && row.person_id === s.personId));
  return waiting;
}

/** Whom a charter concerns: each person an adopted version names as a signatory is called to sign it. */
export const charterNotices: NoticeWriters = {
  'charter.adopted': async (trx, scope, event) => {
    const charterId = String(event.payload['charterId']);
    const versionId = String(event.payload['versionId']);
    const version = await trx
      .selectFrom('charter_version as v')
      .leftJoin('body as b', 'b.id', 'v.adopted_by_body_id')
      .select(['v.title', 'v.number', 'v.rules', 'b.name as body'])
      .where('v.id', '=', versionId)
      .executeTakeFirstOrThrow();
    const waiting = await signatoriesToSign(trx, versionId, (version.rules as { signatories: Signatory[] }).signatories);
    const capacities = new Map<string, string[]>();
    for (const signatory of waiting) capacities.set(signatory.personId!, [...(capacities.get(signatory.personId!) ?? []), signatory.capacity]);
    await tell(trx, scope, await recipientsAmong(trx, [...capacities.keys()]), (recipient) => {
      const t = translator(recipient.locale);
      const params = { title: version.title, number: version.number, body: version.body ?? '' };
      return {
        kind: 'call',
        subject: t('participation.charter.signSubject', params),
        deadline: null,
        reason: t('participation.charter.reasonSignatory', params),
        section: {
          paragraphs: [t(version.body ? 'participation.charter.signTextBody' : 'participation.charter.signText', params)],
          facts: [{ label: t('participation.charter.capacity'), value: capacities.get(recipient.personId)!.join(', ') }],
          action: { label: t('participation.charter.signAction'), path: toDoPath(scope.partnershipId, { kind: 'signature', charterId, versionId }) },
        },
      };
    });
  },
};
