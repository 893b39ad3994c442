import type { Kysely } from 'kysely';
import { personOfSettingsLink } from '../accounts/person-links.js';
import { notFound } from '../common/errors.js';
import type { Database } from '../common/database/schema.js';
import type { MailPreference } from './rules.js';

type Db = Kysely<Database>;

/**
 * A person's choice of messages is theirs alone: they set it signed in, or from the link every
 * mail carries, without signing in. It governs nothing, so it is no act of the journal.
 */
export async function mailPreferenceOf(db: Db, personId: string) {
  const row = await db
    .selectFrom('person as p')
    .innerJoin('partnership as pa', 'pa.id', 'p.partnership_id')
    .select(['p.mail_preference', 'p.full_name', 'pa.name'])
    .where('p.id', '=', personId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return { preference: row.mail_preference as MailPreference, fullName: row.full_name, partnership: row.name };
}

export async function setMailPreference(db: Db, personId: string, preference: MailPreference) {
  await db.updateTable('person').set({ mail_preference: preference }).where('id', '=', personId).execute();
  return mailPreferenceOf(db, personId);
}

export async function mailPreferenceByLink(db: Db, token: string, now: Date) {
  return mailPreferenceOf(db, await personOfSettingsLink(db, token, now));
}

export async function setMailPreferenceByLink(db: Db, token: string, preference: MailPreference, now: Date) {
  return setMailPreference(db, await personOfSettingsLink(db, token, now), preference);
}
