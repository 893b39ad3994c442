import { sql, type Kysely } from 'kysely';
import { notFound } from '../common/errors.js';
import { may, type Viewer } from '../common/permissions.js';
import type { Database } from '../common/database/schema.js';

type Db = Kysely<Database>;

/** Mails per page: each is one text sent by one act, to one person or many. */
const OUTBOX_PAGE = 100;

/**
 * The partnership's messages as its administrators may read them, when the server could not
 * e-mail them (it has no SMTP): a link that opens an account is left out, but for an open
 * invitation's, which they may send again themselves and pass on. Others see no outbox at all.
 *
 * The outbox keeps one row per recipient; the copies one act queued (the same transaction time)
 * with the same subject and text are one message. A page holds OUTBOX_PAGE of them, newest first,
 * after the message `before` names: ordered by time, then by the smallest id of their copies.
 */
export async function outbox(db: Db, viewer: Viewer, partnershipId: string, now: Date, deliversByEmail: boolean, before?: string) {
  if (!may.manageStructure(viewer)) throw notFound();
  if (deliversByEmail) return { deliversByEmail, messages: [], next: null };
  // The time of the copy `before` names, read in SQL: JavaScript's dates would drop its microseconds.
  const timeOf = (id: string) => db.selectFrom('outbox_message').select('created_at').where('id', '=', id).where('partnership_id', '=', partnershipId);
  const copies = db
    .selectFrom('outbox_message as m')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('outbox_personal_body as p')
          .innerJoin('invitation as i', 'i.token_hash', 'p.invitation_token_hash')
          .select(['p.message_id', 'p.body'])
          .where('i.accepted_at', 'is', null)
          .where('i.expires_at', '>', now)
          .as('invitation'),
      (join) => join.onRef('invitation.message_id', '=', 'm.id'),
    )
    .select((eb) => ['m.id', 'm.recipient', 'm.subject', eb.fn.coalesce('invitation.body', 'm.body').as('body'), 'm.created_at'])
    .where('m.partnership_id', '=', partnershipId)
    .where('m.confidential', '=', false)
    .$if(before !== undefined, (query) => query.where('m.created_at', '<=', timeOf(before!)));
  const rows = await db
    .selectFrom(copies.as('copy'))
    .select([
      sql<string>`min(copy.id::text)`.as('id'),
      sql<string[]>`array_agg(copy.recipient order by copy.recipient)`.as('recipients'),
      'copy.subject',
      'copy.body',
      'copy.created_at',
    ])
    .groupBy(['copy.created_at', 'copy.subject', 'copy.body'])
    .$if(before !== undefined, (query) => query.having(sql<boolean>`(copy.created_at, min(copy.id::text)) < ((${timeOf(before!)}), ${before})`))
    .orderBy('copy.created_at', 'desc')
    .orderBy(sql`min(copy.id::text)`, 'desc')
    .limit(OUTBOX_PAGE + 1)
    .execute();
  const shown = rows.slice(0, OUTBOX_PAGE);
  return {
    deliversByEmail,
    next: rows.length > OUTBOX_PAGE ? shown[shown.length - 1]!.id : null,
    messages: shown.map((row) => ({ id: row.id, recipients: row.recipients, subject: row.subject, body: row.body, createdAt: row.created_at })),
  };
}
