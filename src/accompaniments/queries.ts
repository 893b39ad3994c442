import type { Kysely } from 'kysely';
import { groupRows } from '../common/group-rows.js';
import type { Database } from '../common/database/schema.js';
import { may, type Viewer } from '../common/permissions.js';
import { accompanimentInView, type InAccompaniments } from './access.js';
import { accompanimentReach, mayContribute, mayFacilitate, type AccompanimentRole } from './rules.js';

type Db = Kysely<Database>;

/**
 * The accompaniments a viewer reaches, newest first: every one for a person of the partnership,
 * only those that name them for an outsider. A partnership holds a few (200 at most are shown).
 */
export async function accompanimentList(db: Db, viewer: Viewer, partnershipId: string) {
  let query = db
    .selectFrom('accompaniment as a')
    .leftJoin('project as p', 'p.id', 'a.project_id')
    .leftJoin('accompaniment_member as m', (join) => join.onRef('m.accompaniment_id', '=', 'a.id').on('m.person_id', '=', viewer.personId))
    .select((eb) => [
      'a.id',
      'a.title',
      'a.project_id',
      'p.title as project_title',
      'a.created_at',
      'a.archived_at',
      'm.role',
      eb.selectFrom('accompaniment_member as c').select((inner) => inner.fn.countAll<string>().as('n')).whereRef('c.accompaniment_id', '=', 'a.id').as('member_count'),
    ])
    .where('a.partnership_id', '=', partnershipId);
  if (viewer.outsider === true) query = query.where('m.person_id', 'is not', null);
  const rows = await query.orderBy('a.created_at', 'desc').orderBy('a.id').limit(200).execute();
  return {
    accompaniments: rows.map((row) => ({
      id: row.id,
      title: row.title,
      project: row.project_id !== null && row.project_title !== null ? { id: row.project_id, title: row.project_title } : null,
      createdAt: row.created_at,
      archivedAt: row.archived_at,
      memberCount: Number(row.member_count ?? 0),
      reach: accompanimentReach(viewer, (row.role ?? null) as AccompanimentRole | null) as 'facilitator' | 'participant' | 'reader',
    })),
    can: { create: may.createAccompaniment(viewer) },
  };
}

/**
 * The space's members in name order, and the organizations each belongs to (rows in name order):
 * its page and its final report read them alike, in two queries whatever the group's size.
 */
export async function membersOfSpace(db: Db, accompanimentId: string) {
  const [members, memberships] = await Promise.all([
    db
      .selectFrom('accompaniment_member as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['p.id', 'p.full_name', 'p.outsider', 'm.role'])
      .where('m.accompaniment_id', '=', accompanimentId)
      .orderBy('p.full_name')
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('accompaniment_member as m')
      .innerJoin('membership as ms', 'ms.person_id', 'm.person_id')
      .innerJoin('organization as o', 'o.id', 'ms.organization_id')
      .select(['m.person_id', 'o.id', 'o.name'])
      .where('m.accompaniment_id', '=', accompanimentId)
      .orderBy('o.name')
      .orderBy('o.id')
      .execute(),
  ]);
  return { members, memberships, organizationsOf: groupRows(memberships, (row) => row.person_id) };
}

/** The space's page: what it is, who is in it (facilitators first, then by name, with their organizations), and what the viewer may do. */
export async function accompanimentPage(db: Db, scope: InAccompaniments, accompanimentId: string) {
  const accompaniment = await accompanimentInView(db, scope, accompanimentId);
  const [row, { members, organizationsOf }] = await Promise.all([
    db
      .selectFrom('accompaniment as a')
      .leftJoin('project as p', 'p.id', 'a.project_id')
      .select(['a.purpose', 'a.created_at', 'p.title as project_title'])
      .where('a.id', '=', accompanimentId)
      .executeTakeFirstOrThrow(),
    membersOfSpace(db, accompanimentId),
  ]);
  const open = accompaniment.archivedAt === null;
  return {
    id: accompaniment.id,
    title: accompaniment.title,
    purpose: row.purpose,
    project: accompaniment.projectId !== null && row.project_title !== null ? { id: accompaniment.projectId, title: row.project_title } : null,
    licence: accompaniment.licence,
    createdAt: row.created_at,
    archivedAt: accompaniment.archivedAt,
    reach: accompaniment.reach,
    // Facilitators first (the sort is stable: each role stays in name order).
    members: [...members].sort((a, b) => a.role.localeCompare(b.role)).map((member) => ({
      person: { id: member.id, fullName: member.full_name },
      role: member.role as AccompanimentRole,
      outsider: member.outsider,
      organizations: (organizationsOf.get(member.id) ?? []).map((organization) => ({ id: organization.id, name: organization.name })),
    })),
    can: {
      change: open && mayFacilitate(accompaniment.reach),
      manageMembers: open && mayFacilitate(accompaniment.reach),
      contribute: open && mayContribute(accompaniment.reach),
      archive: open && mayFacilitate(accompaniment.reach),
    },
  };
}
