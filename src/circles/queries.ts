import type { Kysely } from 'kysely';
import { bodyMembersOn } from '../bodies/members.js';
import { calendarDay } from '../common/dates.js';
import { heldOn } from '../common/database/periods.js';
import type { Database } from '../common/database/schema.js';
import { notFound } from '../common/errors.js';
import { may, type Viewer } from '../common/permissions.js';
import { circleSize, sizeAfterJoining, type CircleJoinStatus } from './rules.js';

type Db = Kysely<Database>;

/** Who supervises circles on a day: the holders of roles that do, not erased, each once (by their first role's name). */
export async function supervisorsOn(db: Db, partnershipId: string, day: string) {
  return db
    .selectFrom('role_assignment as a')
    .innerJoin('role as r', 'r.id', 'a.role_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.person_id', 'p.full_name', 'r.name as role_name'])
    .distinctOn('a.person_id')
    .where('r.partnership_id', '=', partnershipId)
    .where('r.supervises_circles', '=', true)
    .where('p.erased_at', 'is', null)
    .where(heldOn('a', day))
    .orderBy('a.person_id')
    .orderBy('r.name')
    .execute();
}

/** Requests to join, with the names they show and their latest proposal. */
function joinsQuery(db: Db, partnershipId: string) {
  return db
    .selectFrom('circle_join as j')
    .innerJoin('body as b', 'b.id', 'j.body_id')
    .innerJoin('person as p', 'p.id', 'j.person_id')
    .innerJoin('person as by', 'by.id', 'j.asked_by')
    .select((eb) => [
      'j.id',
      'j.body_id',
      'b.name as circle_name',
      'b.min_size',
      'b.max_size',
      'j.person_id',
      'p.full_name',
      'j.asked_by',
      'by.full_name as asked_by_name',
      'j.motivation',
      'j.status',
      'j.created_at',
      'j.settled_at',
      eb.selectFrom('proposal as pr').select('pr.id').whereRef('pr.circle_join_id', '=', 'j.id').orderBy('pr.created_at', 'desc').limit(1).as('proposal_id'),
    ])
    .where('j.partnership_id', '=', partnershipId);
}

type JoinRow = Awaited<ReturnType<ReturnType<typeof joinsQuery>['execute']>>[number];

const joinView = (row: JoinRow, members: number) => ({
  id: row.id,
  circle: { id: row.body_id, name: row.circle_name },
  person: { id: row.person_id, fullName: row.full_name },
  askedBy: { id: row.asked_by, fullName: row.asked_by_name },
  invited: row.asked_by !== row.person_id,
  motivation: row.motivation,
  status: row.status as CircleJoinStatus,
  createdAt: row.created_at,
  settledAt: row.settled_at,
  proposalId: row.proposal_id,
  sizeAfter: sizeAfterJoining(members, { minSize: row.min_size, maxSize: row.max_size }),
});

/**
 * A circle as its body page shows it: its size against its range, who supervises it, its leader
 * and second link, the requests waiting for its consent. Everyone of the partnership reads it.
 */
export async function circleDetail(db: Db, viewer: Viewer, partnershipId: string, circleId: string, now: Date) {
  const today = calendarDay(now);
  const body = await db.selectFrom('body').select(['id', 'name', 'kind', 'min_size', 'max_size']).where('id', '=', circleId).where('partnership_id', '=', partnershipId).executeTakeFirst();
  if (!body || body.kind !== 'circle') throw notFound();
  const [members, supervisors, officers, joins] = await Promise.all([
    bodyMembersOn(db, circleId, today),
    supervisorsOn(db, partnershipId, today),
    db
      .selectFrom('role as r')
      .leftJoin('role_assignment as a', (join) => join.onRef('a.role_id', '=', 'r.id').on(heldOn('a', today)))
      .leftJoin('person as p', 'p.id', 'a.person_id')
      .select(['r.id', 'r.name', 'r.appointed_by_parent', 'r.sits_in_parent', 'p.id as person_id', 'p.full_name'])
      .where('r.body_id', '=', circleId)
      .where((eb) => eb.or([eb('r.appointed_by_parent', '=', true), eb('r.sits_in_parent', '=', true)]))
      .orderBy('r.name')
      .orderBy('p.full_name')
      .execute(),
    joinsQuery(db, partnershipId).where('j.body_id', '=', circleId).where('j.status', '=', 'open').orderBy('j.created_at').execute(),
  ]);
  const range = { minSize: body.min_size, maxSize: body.max_size };
  const roles = new Map<string, { roleId: string; roleName: string; appointedByParent: boolean; sitsInParent: boolean; holders: { id: string; fullName: string }[] }>();
  for (const row of officers) {
    const role = roles.get(row.id) ?? { roleId: row.id, roleName: row.name, appointedByParent: row.appointed_by_parent, sitsInParent: row.sits_in_parent, holders: [] };
    roles.set(row.id, role);
    if (row.person_id !== null) role.holders.push({ id: row.person_id, fullName: row.full_name ?? '' });
  }
  const viewerIsMember = members.has(viewer.personId);
  const viewerJoin = joins.find((join) => join.person_id === viewer.personId);
  return {
    id: body.id,
    name: body.name,
    size: circleSize(members.size, range),
    sizeAfterOneMore: sizeAfterJoining(members.size, range),
    supervisors: supervisors.map((s) => ({ id: s.person_id, fullName: s.full_name, roleName: s.role_name })),
    officers: [...roles.values()],
    openJoins: joins.map((join) => joinView(join, members.size)),
    viewerJoinId: viewerJoin?.id ?? null,
    viewerIsMember,
    can: {
      ask: may.askToJoinCircle(viewer) && !viewerIsMember && viewerJoin === undefined,
      invite: may.inviteToCircle(viewer, circleId),
    },
  };
}

/** A request to join as its proposal's page shows it: « Entrée de X dans le cercle Y », and the size the circle would reach. */
export async function circleJoinDetail(db: Db, viewer: Viewer, partnershipId: string, joinId: string, now: Date) {
  const row = await joinsQuery(db, partnershipId).where('j.id', '=', joinId).executeTakeFirst();
  if (!row) throw notFound();
  const members = await bodyMembersOn(db, row.body_id, calendarDay(now));
  return {
    ...joinView(row, members.size),
    can: { withdraw: row.status === 'open' && may.withdrawCircleJoin(viewer, { personId: row.person_id, askedBy: row.asked_by }) },
  };
}
