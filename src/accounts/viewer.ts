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

interface SessionAndViewerRow {
  readonly account_id: string;
  readonly email: string;
  readonly locale: string | null;
  readonly csrf_token: string;
  readonly expires_at: Date;
  readonly partnership_scope: string | null;
  readonly person_id: string | null;
  readonly is_partnership_admin: boolean | null;
  readonly outsider: boolean | null;
  readonly admin_of: string[];
  readonly member_of: string[];
}

/**
 * The session behind a cookie and, when the request names a partnership, the viewer in it: one
 * call of session_and_viewer() (migration 048), whose plan the database keeps, because every
 * request whose session is not cached pays for it.
 */
export async function findSessionAndViewer(
  db: Kysely<Database>,
  token: string,
  partnershipId: string | undefined,
  now: Date,
): Promise<SessionAndViewer | undefined> {
  const { rows } = await sql<SessionAndViewerRow>`select * from session_and_viewer(
    ${digest(token)}::text, ${partnershipId ?? null}::uuid, ${now}::timestamptz, ${calendarDay(now)}::date)`.execute(db);
  const row = rows[0];
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
