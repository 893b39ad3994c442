import type { Transaction } from 'kysely';
import { invalid } from '../domain/errors.js';
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

/**
 * Starts a term of a role, whether assigned or elected. A role is held by at most `max_holders`
 * people at once: the new holder's own running term, then the earliest-begun others, end on the
 * day the new term starts, with the seats they gave in the parent body, journaled as ending an
 * assignment is. A term already planned to begin later cannot be ended that day: if it would
 * still leave too many holders, the act is refused. Answers the journal entries in the order
 * things happen: ends, the new term, its seat.
 */
export async function startRoleTerm(trx: Trx, term: RoleTerm): Promise<JournalEvent[]> {
  // The role's row is the lock: two assignments of one role at once would each make room for themselves only.
  const { max_holders: maxHolders } = await trx.selectFrom('role').select('max_holders').where('id', '=', term.roleId).forUpdate().executeTakeFirstOrThrow();
  const overlapping = await trx
    .selectFrom('role_assignment')
    .select(['id', 'person_id', 'starts_on'])
    .where('role_id', '=', term.roleId)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', term.startsOn)]))
    .$if(term.endsOn !== null, (qb) => qb.where('starts_on', '<', term.endsOn!))
    .orderBy('starts_on')
    .orderBy('created_at')
    .execute();
  const later = overlapping.filter((a) => a.starts_on > term.startsOn);
  const running = overlapping.filter((a) => a.starts_on <= term.startsOn);
  if (later.length + 1 > maxHolders) {
    throw invalid('startsOn', 'error.role.laterTerm', { startsOn: later[0]!.starts_on });
  }
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
