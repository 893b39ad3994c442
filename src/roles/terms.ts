import type { Transaction } from 'kysely';
import { invalid, type ActError } from '../common/errors.js';
import type { IsoDate } from '../common/dates.js';
import { termsEndedBy } from './rules.js';
import type { JournalEvent } from '../journal/journal-store.js';
import type { Database } from '../common/database/schema.js';
import { endSeatInParentBody, seatInParentBody } from './links.js';

type Trx = Transaction<Database>;

export interface RoleTerm {
  readonly id: string;
  readonly roleId: string;
  readonly personId: string;
  readonly startsOn: string;
  readonly endsOn: string | null;
}

/** A term planned to begin after another's start, that leaves the role no room for it. */
export interface BlockingTerm {
  readonly startsOn: string;
  readonly fullName: string;
}

/**
 * Starts a term of a role, whether assigned or elected, ending the terms it replaces as
 * termsEndedBy says (the role's page tells who would step down by the same rule), with the seats
 * they gave in the parent body, journaled as ending an assignment is. When a term planned later
 * leaves no room, the act is refused with `refusal`, which says where the caller can fix it (by
 * default the start field). Answers the journal entries in the order things happen: ends, the new
 * term, its seat.
 */
export async function startRoleTerm(
  trx: Trx,
  term: RoleTerm,
  today: IsoDate,
  refusal: (blocking: BlockingTerm) => ActError = (blocking) => invalid('startsOn', 'error.role.laterTerm', { startsOn: blocking.startsOn }),
): Promise<JournalEvent[]> {
  // The role's row is the lock: two assignments of one role at once would each make room for themselves only.
  const { max_holders: maxHolders } = await trx.selectFrom('role').select('max_holders').where('id', '=', term.roleId).forUpdate().executeTakeFirstOrThrow();
  const { endsOn, ending, blocking } = termsEndedBy(await overlappingTerms(trx, term), term, maxHolders, today);
  if (blocking) throw refusal(blocking);
  const events: JournalEvent[] = [];
  for (const previous of ending) {
    await trx.updateTable('role_assignment').set({ ends_on: endsOn }).where('id', '=', previous.id).execute();
    events.push(
      { kind: 'role.unassigned', payload: { assignmentId: previous.id, roleId: term.roleId, personId: previous.personId, endsOn, replacedBy: term.id } },
      ...(await endSeatInParentBody(trx, previous.id, endsOn)),
    );
  }
  await trx.insertInto('role_assignment').values({ id: term.id, role_id: term.roleId, person_id: term.personId, starts_on: term.startsOn, ends_on: term.endsOn }).execute();
  events.push(
    { kind: 'role.assigned', payload: { assignmentId: term.id, roleId: term.roleId, personId: term.personId, startsOn: term.startsOn, endsOn: term.endsOn } },
    ...(await seatInParentBody(trx, term)),
  );
  return events;
}

/** The later term that would leave no room for a term of the role from `startsOn`, if any. */
export async function blockingLaterTerm(trx: Trx, term: Omit<RoleTerm, 'id'>, today: IsoDate): Promise<BlockingTerm | null> {
  const { max_holders: maxHolders } = await trx.selectFrom('role').select('max_holders').where('id', '=', term.roleId).executeTakeFirstOrThrow();
  return termsEndedBy(await overlappingTerms(trx, term), term, maxHolders, today).blocking;
}

function overlappingTerms(trx: Trx, term: Omit<RoleTerm, 'id' | 'personId'>) {
  return trx
    .selectFrom('role_assignment as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.person_id as personId', 'a.starts_on as startsOn', 'a.ends_on as endsOn', 'p.full_name as fullName'])
    .where('a.role_id', '=', term.roleId)
    .where((eb) => eb.or([eb('a.ends_on', 'is', null), eb('a.ends_on', '>', term.startsOn)]))
    .$if(term.endsOn !== null, (qb) => qb.where('a.starts_on', '<', term.endsOn!))
    .orderBy('a.starts_on')
    .orderBy('a.created_at')
    .execute();
}
