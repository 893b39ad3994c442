import type { Kysely } from 'kysely';
import { invalid, notFound } from './errors.js';
import type { Database } from './database/schema.js';

type PartnershipTable = 'organization' | 'person' | 'body' | 'role';

const notInPartnershipKey: Record<PartnershipTable, string> = {
  organization: 'error.organizationNotInPartnership',
  person: 'error.personNotInPartnership',
  body: 'error.bodyNotInPartnership',
  role: 'error.reference',
};

/**
 * A reference in the input must point inside the same partnership, or the input is invalid. A
 * person named in an input is never an outside mediator (`person.outsider`): they reach their
 * dispute alone, so no owner, carrier, seat or attendee field may name them.
 */
export async function requireReference(trx: Kysely<Database>, table: PartnershipTable, id: string, partnershipId: string, path: string) {
  if (table === 'person') {
    const person = await trx.selectFrom('person').select('outsider').where('id', '=', id).where('partnership_id', '=', partnershipId).executeTakeFirst();
    if (!person) throw invalid(path, notInPartnershipKey.person);
    if (person.outsider) throw invalid(path, 'error.personIsOutsider');
    return;
  }
  const row = await trx
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!row) throw invalid(path, notInPartnershipKey[table]);
}

/** A target named in the URL that is outside the partnership does not exist for this viewer. */
export async function requireTarget(trx: Kysely<Database>, table: PartnershipTable, id: string, partnershipId: string): Promise<void> {
  const row = await trx
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!row) throw notFound();
}
