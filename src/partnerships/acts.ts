import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { invalid } from '../common/errors.js';
import { appendEntry, sealAfterCommit, startChain } from '../journal/journal-store.js';
import { MIN_PASSWORD_LENGTH, hashPassword } from '../accounts/secrets.js';
import type { Database } from '../common/database/schema.js';

export interface NewPartnership {
  readonly name: string;
  readonly description?: string;
  /**
   * The first administrator signs in with an existing account (accountId), or with the account of
   * this address, created with `password` when there is none yet.
   */
  readonly admin: {
    readonly fullName: string;
    readonly email: string;
    readonly accountId?: string | undefined;
    readonly password?: string | undefined;
  };
}

/** A partnership starts with its journal chain and one administrator, in one transaction. */
export async function createPartnership(
  db: Kysely<Database>,
  input: NewPartnership,
  now: Date,
): Promise<{ readonly partnershipId: string; readonly adminPersonId: string; readonly accountCreated: boolean }> {
  const partnershipId = randomUUID();
  const adminPersonId = randomUUID();
  const email = input.admin.email.toLowerCase();
  if (input.admin.password !== undefined && input.admin.password.length < MIN_PASSWORD_LENGTH) {
    throw invalid('password', 'error.passwordTooShort');
  }
  const passwordHash = input.admin.password === undefined ? undefined : await hashPassword(input.admin.password);
  let accountCreated = false;
  await db.transaction().execute(async (trx) => {
    let accountId = input.admin.accountId ?? null;
    if (accountId === null && passwordHash !== undefined) {
      const existing = await trx.selectFrom('account').select('id').where('email', '=', email).executeTakeFirst();
      accountId = existing?.id ?? randomUUID();
      if (!existing) {
        await trx.insertInto('account').values({ id: accountId, email, password_hash: passwordHash }).execute();
        accountCreated = true;
      }
    }
    await trx.insertInto('partnership').values({ id: partnershipId, name: input.name, description: input.description ?? '' }).execute();
    await startChain(trx, partnershipId);
    await trx
      .insertInto('person')
      .values({
        id: adminPersonId,
        partnership_id: partnershipId,
        account_id: accountId,
        full_name: input.admin.fullName,
        email,
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
  await sealAfterCommit(db, partnershipId);
  return { partnershipId, adminPersonId, accountCreated };
}
