import { sql, type Kysely } from 'kysely';
import { calendarDay } from '../common/dates.js';
import type { Viewer } from '../common/permissions.js';
import { isLocale, type Locale } from '../i18n/server-messages.js';
import type { Database } from '../common/database/schema.js';
import { digest } from './secrets.js';

export interface SessionInfo {
  readonly accountId: string;
  readonly email: string;
  /** The language the person chose, or null to follow the browser's. */
  readonly locale: Locale | null;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  /** A session opened by a mail's button reads this partnership alone; null for a full sign-in. */
  readonly partnershipScope: string | null;
}

export interface SessionAndViewer {
  readonly session: SessionInfo;
  /** The account's person in the requested partnership, with what the structure lets them do. */
  readonly viewer: Viewer | undefined;
}

/**
 * The session behind a cookie and, when the request names a partnership, the viewer in it: one
 * query, because every request pays for it.
 */
export async function findSessionAndViewer(
  db: Kysely<Database>,
  token: string,
  partnershipId: string | undefined,
  now: Date,
): Promise<SessionAndViewer | undefined> {
  const today = calendarDay(now);
  const row = await db
    .selectFrom('session as s')
    .innerJoin('account as a', 'a.id', 's.account_id')
    .leftJoin('person as p', (join) =>
      join.onRef('p.account_id', '=', 'a.id').on('p.partnership_id', '=', partnershipId ?? null),
    )
    .select([
      'a.id as account_id',
      'a.email',
      'a.locale',
      's.csrf_token',
      's.expires_at',
      's.partnership_scope',
      'p.id as person_id',
      'p.is_partnership_admin',
      'p.outsider',
      sql<string[]>`coalesce((select array_agg(m.organization_id) from membership m
        where m.person_id = p.id and m.is_organization_admin), '{}')`.as('admin_of'),
      sql<string[]>`coalesce((select array_agg(distinct seat.body_id) from body_member seat
        where seat.person_id = p.id and seat.starts_on <= ${today}
          and (seat.ends_on is null or seat.ends_on > ${today})), '{}')`.as('member_of'),
    ])
    .where('s.id_hash', '=', digest(token))
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    session: {
      accountId: row.account_id,
      email: row.email,
      locale: isLocale(row.locale) ? row.locale : null,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      partnershipScope: row.partnership_scope,
    },
    viewer:
      row.person_id === null || (row.partnership_scope !== null && row.partnership_scope !== partnershipId)
        ? undefined
        : {
            personId: row.person_id,
            // A forwarded mail's button must not hand over an administrator's rights.
            isPartnershipAdmin: row.partnership_scope === null && (row.is_partnership_admin ?? false),
            adminOfOrganizations: new Set(row.partnership_scope === null ? row.admin_of : []),
            memberOfBodies: new Set(row.member_of),
            ...(row.outsider === true && { outsider: true }),
          },
  };
}
