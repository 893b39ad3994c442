import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { JournalEvent } from '../journal/journal-store.js';
import type { Database } from '../common/database/schema.js';

type Trx = Transaction<Database>;

interface Assignment {
  readonly id: string;
  readonly roleId: string;
  readonly personId: string;
  readonly startsOn: string;
  readonly endsOn: string | null;
}

/**
 * When a role seats its holder in the parent body (a circle's second link, seed 004), assigning
 * the role seats them there for the same period, unless they already sit there. Answers the
 * journal entries to add to the assignment's act.
 */
export async function seatInParentBody(trx: Trx, assignment: Assignment): Promise<JournalEvent[]> {
  const link = await trx
    .selectFrom('role as r')
    .innerJoin('body as b', 'b.id', 'r.body_id')
    .select(['r.sits_in_parent', 'b.parent_body_id'])
    .where('r.id', '=', assignment.roleId)
    .executeTakeFirst();
  if (!link?.sits_in_parent || link.parent_body_id === null) return [];
  const parentBodyId = link.parent_body_id;
  const alreadySeated = await trx
    .selectFrom('body_member')
    .select('id')
    .where('body_id', '=', parentBodyId)
    .where('person_id', '=', assignment.personId)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', assignment.startsOn)]))
    .executeTakeFirst();
  if (alreadySeated) return [];
  const seatId = randomUUID();
  await trx
    .insertInto('body_member')
    .values({
      id: seatId,
      body_id: parentBodyId,
      person_id: assignment.personId,
      organization_id: null,
      capacity: 'member',
      mandate_source: 'role',
      starts_on: assignment.startsOn,
      ends_on: assignment.endsOn,
      role_assignment_id: assignment.id,
    })
    .execute();
  return [
    {
      kind: 'mandate.started',
      payload: {
        seatId,
        bodyId: parentBodyId,
        personId: assignment.personId,
        organizationId: null,
        capacity: 'member',
        mandateSource: 'role',
        assignmentId: assignment.id,
        startsOn: assignment.startsOn,
        endsOn: assignment.endsOn,
      },
    },
  ];
}

/** Ending an assignment ends the seat it gave in the parent body, on the same day. */
export async function endSeatInParentBody(trx: Trx, assignmentId: string, endsOn: string): Promise<JournalEvent[]> {
  const ended = await trx
    .updateTable('body_member')
    .set({ ends_on: endsOn })
    .where('role_assignment_id', '=', assignmentId)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', endsOn)]))
    .returning(['id', 'body_id', 'person_id'])
    .execute();
  return ended.map((seat) => ({ kind: 'mandate.ended', payload: { seatId: seat.id, bodyId: seat.body_id, personId: seat.person_id, endsOn } }));
}
