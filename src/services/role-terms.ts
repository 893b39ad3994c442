import type { Transaction } from 'kysely';
import { invalid, type ActError } from '../domain/errors.js';
import type { JournalEvent } from '../journal/journal-store.js';
import type { Database } from '../store/schema.js';
import { endSeatInParentBody, seatInParentBody } from './role-links.js';

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
 * Starts a term of a role, whether assigned or elected. A role is held by at most `max_holders`
 * people at once: the new holder's own running term, then the earliest-begun others, end on the
 * day the new term starts, with the seats they gave in the parent body, journaled as ending an
 * assignment is. A term already planned to begin later cannot be ended that day: if it would
 * still leave too many holders, the act is refused with `refusal`, which says where the caller can
 * fix it (by default the start field). Answers the journal entries in the order things happen:
 * ends, the new term, its seat.
 */
export async function startRoleTerm(
  trx: Trx,
  term: RoleTerm,
  refusal: (blocking: BlockingTerm) => ActError = (blocking) => invalid('startsOn', 'error.role.laterTerm', { startsOn: blocking.startsOn }),
): Promise<JournalEvent[]> {
  // The role's row is the lock: two assignments of one role at once would each make room for themselves only.
  const { max_holders: maxHolders } = await trx.selectFrom('role').select('max_holders').where('id', '=', term.roleId).forUpdate().executeTakeFirstOrThrow();
  const overlapping = await overlappingTerms(trx, term);
  const later = overlapping.filter((a) => a.starts_on > term.startsOn);
  const running = overlapping.filter((a) => a.starts_on <= term.startsOn);
  if (later.length + 1 > maxHolders) throw refusal({ startsOn: later[0]!.starts_on, fullName: later[0]!.full_name });
  const own = running.filter((a) => a.person_id === term.personId);
  const others = running.filter((a) => a.person_id !== term.personId);
  const excess = Math.max(0, others.length + later.length + 1 - maxHolders);
  const ending = [...own, ...others.slice(0, excess)];
  const events: JournalEvent[] = [];
  for (const previous of ending) {
    await trx.updateTable('role_assignment').set({ ends_on: term.startsOn }).where('id', '=', previous.id).execute();
    events.push(
      { kind: 'role.unassigned', payload: { assignmentId: previous.id, roleId: term.roleId, personId: previous.person_id, endsOn: term.startsOn, replacedBy: term.id } },
      ...(await endSeatInParentBody(trx, previous.id, term.startsOn)),
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
export async function blockingLaterTerm(trx: Trx, term: Omit<RoleTerm, 'id' | 'personId'>): Promise<BlockingTerm | null> {
  const { max_holders: maxHolders } = await trx.selectFrom('role').select('max_holders').where('id', '=', term.roleId).executeTakeFirstOrThrow();
  const later = (await overlappingTerms(trx, term)).filter((a) => a.starts_on > term.startsOn);
  return later.length + 1 > maxHolders ? { startsOn: later[0]!.starts_on, fullName: later[0]!.full_name } : null;
}

function overlappingTerms(trx: Trx, term: Omit<RoleTerm, 'id' | 'personId'>) {
  return trx
    .selectFrom('role_assignment as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.person_id', 'a.starts_on', 'p.full_name'])
    .where('a.role_id', '=', term.roleId)
    .where((eb) => eb.or([eb('a.ends_on', 'is', null), eb('a.ends_on', '>', term.startsOn)]))
    .$if(term.endsOn !== null, (qb) => qb.where('a.starts_on', '<', term.endsOn!))
    .orderBy('a.starts_on')
    .orderBy('a.created_at')
    .execute();
}
