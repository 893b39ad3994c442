import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendEntry, startChain } from '../journal/journal-store.js';
import type { Database } from '../store/schema.js';

export interface NewPartnership {
  readonly name: string;
  readonly description?: string;
  readonly admin: { readonly fullName: string; readonly email: string; readonly accountId?: string | undefined };
}

/** A partnership starts with its journal chain and one administrator, in one transaction. */
export async function createPartnership(
  db: Kysely<Database>,
  input: NewPartnership,
  now: Date,
): Promise<{ readonly partnershipId: string; readonly adminPersonId: string }> {
  const partnershipId = randomUUID();
  const adminPersonId = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('partnership').values({ id: partnershipId, name: input.name, description: input.description ?? '' }).execute();
    await startChain(trx, partnershipId);
    await trx
      .insertInto('person')
      .values({
        id: adminPersonId,
        partnership_id: partnershipId,
        account_id: input.admin.accountId ?? null,
        full_name: input.admin.fullName,
        email: input.admin.email.toLowerCase(),
        is_partnership_admin: true,
      })
      .execute();
    await appendEntry(trx, partnershipId, null, { kind: 'partnership.created', payload: { partnershipId } }, now);
    await appendEntry(
      trx,
      partnershipId,
      null,
      { kind: 'person.created', payload: { personId: adminPersonId, isPartnershipAdmin: true } },
      now,
    );
  });
  return { partnershipId, adminPersonId };
}

export async function listPartnershipsOfAccount(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('person as p')
    .innerJoin('partnership as pa', 'pa.id', 'p.partnership_id')
    .select(['pa.id', 'pa.name', 'p.id as personId', 'p.full_name as fullName', 'p.is_partnership_admin as isAdmin'])
    .where('p.account_id', '=', accountId)
    .orderBy('pa.name')
    .execute();
}
