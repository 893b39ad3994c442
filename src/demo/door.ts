import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Answer } from '../common/contract.js';
import { calendarDay } from '../common/dates.js';
import { conflict, notFound } from '../common/errors.js';
import { groupRows } from '../common/group-rows.js';
import { heldOn } from '../common/database/periods.js';
import type { MembershipKind } from '../common/structure.js';
import type { Database } from '../common/database/schema.js';
import type { demoDoorAnswer } from '../accounts/contract.js';
import { DEMO_NAME, DEMO_SIGN_IN } from './demo-partnership.js';

/**
 * The demo's door: in demo mode only (AppConfig.demoDoor), the sign-in page lets a visitor enter,
 * without a password, as one of five people of the demo partnership, so that one person can play a
 * round as several members, one browser window each. The coordinator, whose account the demo
 * creates, then four members of the three houses, in the order the door shows them.
 */
const DOOR_ADDRESSES: readonly string[] = [DEMO_SIGN_IN.email, ...['gerard', 'samia', 'helene', 'yanis'].map((key) => `${key}@trois-rives.example`)];

/**
 * The demo partnership: the first one named as the demo names it whose member the demo's
 * coordinator is. A database holds one at most (the coordinator's address is unique to an account),
 * and none when `serve` started on partnerships of its own.
 */
const demoPartnership = (db: Kysely<Database>) =>
  db
    .selectFrom('person as coordinator')
    .innerJoin('account as a', 'a.id', 'coordinator.account_id')
    .innerJoin('partnership as pa', 'pa.id', 'coordinator.partnership_id')
    .select('pa.id')
    .where('a.email', '=', DEMO_SIGN_IN.email)
    .where('pa.name', '=', DEMO_NAME)
    .orderBy('pa.created_at')
    .limit(1);

/** The door's people who are still there: the demo's visitors may have erased one or changed an address. */
const doorPeople = (db: Kysely<Database>) =>
  db
    .selectFrom('person as p')
    .where('p.partnership_id', '=', demoPartnership(db))
    .where(sql<string>`lower(p.email)`, 'in', DOOR_ADDRESSES)
    .where('p.erased_at', 'is', null);

/** Who the door lets one enter as, and what each does in the partnership today: four queries. */
export async function listDoorPeople(db: Kysely<Database>, now: Date): Promise<Answer<typeof demoDoorAnswer>> {
  const people = await doorPeople(db).select(['p.id', 'p.full_name', 'p.email', 'p.is_partnership_admin']).execute();
  if (people.length === 0) return { people: [] };
  const ids = people.map((person) => person.id);
  const today = calendarDay(now);
  const [memberships, seats, roles] = await Promise.all([
    db
      .selectFrom('membership as m')
      .innerJoin('organization as o', 'o.id', 'm.organization_id')
      .select(['m.person_id', 'o.name', 'm.kind', 'm.is_organization_admin'])
      .where('m.person_id', 'in', ids)
      .orderBy('o.name')
      .execute(),
    db
      .selectFrom('body_member as s')
      .innerJoin('body as b', 'b.id', 's.body_id')
      .select(['s.person_id', 'b.name'])
      .distinct()
      .where('s.person_id', 'in', ids)
      .where(heldOn('s', today))
      .orderBy('b.name')
      .execute(),
    db
      .selectFrom('role_assignment as ra')
      .innerJoin('role as r', 'r.id', 'ra.role_id')
      .select(['ra.person_id', 'r.name'])
      .distinct()
      .where('ra.person_id', 'in', ids)
      .where(heldOn('ra', today))
      .orderBy('r.name')
      .execute(),
  ]);
  const membershipsOf = groupRows(memberships, (row) => row.person_id);
  const seatsOf = groupRows(seats, (row) => row.person_id);
  const rolesOf = groupRows(roles, (row) => row.person_id);
  const place = (email: string | null) => DOOR_ADDRESSES.indexOf(email?.toLowerCase() ?? '');
  return {
    people: people
      .sort((a, b) => place(a.email) - place(b.email))
      .map((person) => ({
        personId: person.id,
        fullName: person.full_name,
        isPartnershipAdmin: person.is_partnership_admin,
        memberships: (membershipsOf.get(person.id) ?? []).map((row) => ({
          organization: row.name,
          kind: row.kind as MembershipKind,
          isOrganizationAdmin: row.is_organization_admin,
        })),
        bodies: (seatsOf.get(person.id) ?? []).map((row) => row.name),
        roles: (rolesOf.get(person.id) ?? []).map((row) => row.name),
      })),
  };
}

/**
 * The account a visitor enters with as one of the door's people: theirs, the one a password
 * sign-in opens, so the session has that person's rights and no others. A person who has none
 * yet gets one without a password, linked to them as an invitation links it (only the door opens
 * it). The door opens no account but one holding the demo's own address: should a visitor's
 * real account come to be linked to a demo person, the door stays shut for that person.
 */
export async function accountAtTheDoor(db: Kysely<Database>, personId: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    // Locked, so that two windows entering as the same newcomer create one account.
    const person = await doorPeople(trx).select(['p.id', 'p.email', 'p.account_id']).where('p.id', '=', personId).forUpdate().executeTakeFirst();
    if (!person?.email) throw notFound();
    const address = person.email.toLowerCase();
    if (person.account_id !== null) {
      const account = await trx.selectFrom('account').select('email').where('id', '=', person.account_id).executeTakeFirstOrThrow();
      if (account.email.toLowerCase() !== address) throw conflict('error.demoDoorShut');
      return person.account_id;
    }
    if (await trx.selectFrom('account').select('id').where('email', '=', address).executeTakeFirst()) throw conflict('error.demoDoorShut');
    const accountId = randomUUID();
    await trx.insertInto('account').values({ id: accountId, email: address, password_hash: null }).execute();
    await trx.updateTable('person').set({ account_id: accountId }).where('id', '=', person.id).execute();
    return accountId;
  });
}
