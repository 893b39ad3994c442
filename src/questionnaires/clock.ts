import type { Kysely } from 'kysely';
import { recordAct, type AfterCommit } from '../common/act.js';
import type { Database } from '../common/database/schema.js';
import { sendInTransaction } from './acts.js';

/**
 * The clock sends each questionnaire whose opening passed and that has not left (a cold evaluation
 * scheduled weeks after its day, or any opening a facilitator set), as its facilitator would:
 * every member mailed. Claimed under its row lock, so two instances never send one twice; a space
 * archived meanwhile sends nothing. A close already passed leaves it unsent. Returns how many left.
 */
export async function sendDueQuestionnaires(db: Kysely<Database>, now: Date, afterCommit?: AfterCommit): Promise<number> {
  const due = await db
    .selectFrom('questionnaire as q')
    .innerJoin('accompaniment as a', 'a.id', 'q.accompaniment_id')
    .select(['q.id', 'a.partnership_id'])
    .where('q.sent_at', 'is', null)
    .where('q.opens_at', '<=', now)
    .where('a.archived_at', 'is', null)
    .where((eb) => eb.or([eb('q.closes_at', 'is', null), eb('q.closes_at', '>', now)]))
    .orderBy('q.opens_at')
    .limit(100)
    .execute();
  let sent = 0;
  for (const { id, partnership_id: partnershipId } of due) {
    sent += await recordAct({ db, partnershipId, now, actorId: null, afterCommit }, async (trx) => {
      const questionnaire = await trx
        .selectFrom('questionnaire')
        .select(['id', 'accompaniment_id', 'opens_at', 'closes_at'])
        .where('id', '=', id)
        .where('sent_at', 'is', null)
        .forUpdate()
        .executeTakeFirst();
      if (!questionnaire) return { result: 0, events: [] };
      return { result: 1, events: await sendInTransaction(trx, now, questionnaire) };
    });
  }
  return sent;
}
