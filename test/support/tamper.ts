import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/common/database/schema.js';

/**
 * Does what the append-only trigger forbids, as someone with full access to the database would:
 * the trigger is off only inside this transaction, so concurrent writers never see it off.
 */
export async function bypassAppendOnly(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table journal_entry disable trigger journal_append_only`.execute(trx);
    await work(trx);
    await sql`alter table journal_entry enable trigger journal_append_only`.execute(trx);
  });
}
