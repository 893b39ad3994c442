import type { Kysely } from 'kysely';
import { notFound } from '../common/errors.js';
import { may, type Viewer } from '../common/permissions.js';
import type { Database } from '../common/database/schema.js';

type Db = Kysely<Database>;

/**
 * The partnership's messages as its administrators may read them, when the server could not
 * e-mail them (it has no SMTP): a link that opens an account is left out, but for an open
 * invitation's, which they may send again themselves and pass on. Others see no outbox at all.
 */
export async function outbox(db: Db, viewer: Viewer, partnershipId: string, now: Date, deliversByEmail: boolean) {
  if (!may.manageStructure(viewer)) throw notFound();
  if (deliversByEmail) return { deliversByEmail, messages: [] };
  const rows = await db
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
    .orderBy('m.created_at', 'desc')
    .limit(100)
    .execute();
  return { deliversByEmail, messages: rows.map((row) => ({ id: row.id, recipient: row.recipient, subject: row.subject, body: row.body, createdAt: row.created_at })) };
}
