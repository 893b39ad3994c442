import type { Kysely } from 'kysely';
import { calendarDay, isCurrent } from '../common/dates.js';
import { notFound } from '../common/errors.js';
import { may, type Viewer } from '../common/permissions.js';
import type { Database } from '../common/database/schema.js';

type Db = Kysely<Database>;

/** The partnership's roles (or one of them), each with its holders today and every term, newest first. */
export async function rolesWithHolders(db: Db, partnershipId: string, today: string, roleId?: string) {
  let rolesQuery = db
    .selectFrom('role')
    .select(['id', 'name', 'purpose', 'accountabilities', 'term_months', 'body_id', 'sits_in_parent', 'max_holders', 'appointed_by_parent', 'supervises_circles'])
    .where('partnership_id', '=', partnershipId);
  if (roleId) rolesQuery = rolesQuery.where('id', '=', roleId);
  let assignmentsQuery = db
    .selectFrom('role_assignment as a')
    .innerJoin('role as r', 'r.id', 'a.role_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.role_id', 'a.person_id', 'p.full_name', 'a.starts_on', 'a.ends_on'])
    .where('r.partnership_id', '=', partnershipId);
  if (roleId) assignmentsQuery = assignmentsQuery.where('r.id', '=', roleId);
  const [roles, assignments] = await Promise.all([
    rolesQuery.orderBy('name').execute(),
    assignmentsQuery.orderBy('a.starts_on', 'desc').execute(),
  ]);
  return roles.map((role) => {
    const own = assignments.filter((a) => a.role_id === role.id);
    const toView = (a: (typeof own)[number]) => ({
      id: a.id,
      personId: a.person_id,
      fullName: a.full_name,
      startsOn: a.starts_on,
      endsOn: a.ends_on,
    });
    return {
      id: role.id,
      name: role.name,
      purpose: role.purpose,
      accountabilities: role.accountabilities as string[],
      termMonths: role.term_months,
      bodyId: role.body_id,
      sitsInParent: role.sits_in_parent,
      appointedByParent: role.appointed_by_parent,
      supervisesCircles: role.supervises_circles,
      maxHolders: role.max_holders,
      holders: own.filter((a) => isCurrent({ startsOn: a.starts_on, endsOn: a.ends_on }, today)).map(toView),
      assignments: own.map(toView),
    };
  });
}

export async function roleDetail(db: Db, viewer: Viewer, partnershipId: string, roleId: string, now: Date) {
  const [role] = await rolesWithHolders(db, partnershipId, calendarDay(now), roleId);
  if (!role) throw notFound();
  const body = role.bodyId
    ? await db
        .selectFrom('body as b')
        .leftJoin('body as parent', 'parent.id', 'b.parent_body_id')
        .select(['b.id', 'b.name', 'parent.id as parent_id', 'parent.name as parent_name'])
        .where('b.id', '=', role.bodyId)
        .executeTakeFirst()
    : undefined;
  const parentBody = body?.parent_id ? { id: body.parent_id, name: body.parent_name ?? '' } : null;
  const ownBody = body ? { id: body.id, name: body.name } : null;
  const appointingBody = role.appointedByParent ? parentBody : ownBody;
  return {
    ...role,
    body: ownBody,
    /** Where the holder also sits, for a role that seats its holder in the parent body. */
    parentBody,
    appointingBody,
    can: { edit: may.manageStructure(viewer), assign: may.assignRole(viewer, appointingBody?.id ?? null) },
  };
}
