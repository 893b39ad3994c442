import type { Kysely } from 'kysely';
import { notFound } from '../common/errors.js';
import { nominationsVisible, type ElectionPhase, type ElectionStance } from './rules.js';
import { may, type Viewer } from '../common/permissions.js';
import type { Database } from '../common/database/schema.js';
import { bodyMembersOn } from '../bodies/members.js';

type Db = Kysely<Database>;

const OVER: readonly string[] = ['elected', 'abandoned'];

export async function listElections(db: Db, partnershipId: string, bodyId: string | undefined) {
  let query = db
    .selectFrom('election as e')
    .innerJoin('body as b', 'b.id', 'e.body_id')
    .innerJoin('role as r', 'r.id', 'e.role_id')
    .leftJoin('person as c', 'c.id', 'e.candidate_id')
    .select(['e.id', 'e.phase', 'e.round', 'e.created_at', 'e.ended_at', 'b.id as body_id', 'b.name as body_name', 'r.id as role_id', 'r.name as role_name', 'c.full_name as elected_name'])
    .where('e.partnership_id', '=', partnershipId);
  if (bodyId !== undefined) query = query.where('e.body_id', '=', bodyId);
  const rows = await query.orderBy('e.created_at', 'desc').limit(200).execute();
  return rows.map((row) => ({
    id: row.id,
    phase: row.phase as ElectionPhase,
    round: row.round,
    body: { id: row.body_id, name: row.body_name },
    role: { id: row.role_id, name: row.role_name },
    elected: row.phase === 'elected' ? row.elected_name : null,
    createdAt: row.created_at,
    endedAt: row.ended_at,
  }));
}

/**
 * An election as its page shows it. While members write their nominations, nobody sees them, not
 * even through the API or as an administrator: each member sees their own, and who has written one.
 */
export async function electionDetail(db: Db, viewer: Viewer, partnershipId: string, electionId: string, now: Date) {
  const row = await db
    .selectFrom('election as e')
    .innerJoin('body as b', 'b.id', 'e.body_id')
    .innerJoin('role as r', 'r.id', 'e.role_id')
    .innerJoin('person as f', 'f.id', 'e.facilitator_id')
    .leftJoin('role_assignment as a', 'a.id', 'e.assignment_id')
    .select([
      'e.id',
      'e.phase',
      'e.round',
      'e.term_months',
      'e.qualities',
      'e.candidate_id',
      'e.facilitator_id',
      'e.created_at',
      'e.ended_at',
      'e.deadline',
      'b.id as body_id',
      'b.name as body_name',
      'r.id as role_id',
      'r.name as role_name',
      'r.purpose as role_purpose',
      'r.accountabilities as role_accountabilities',
      'f.full_name as facilitator_name',
      'a.starts_on',
      'a.ends_on',
    ])
    .where('e.id', '=', electionId)
    .where('e.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const phase = row.phase as ElectionPhase;
  const members = await bodyMembersOn(db, row.body_id, now);
  const [people, nominations, stances] = await Promise.all([
    db.selectFrom('person').select(['id', 'full_name']).where('partnership_id', '=', partnershipId).where('id', 'in', [...members.keys(), row.facilitator_id]).execute(),
    db.selectFrom('nomination').selectAll().where('election_id', '=', electionId).orderBy('updated_at').execute(),
    db.selectFrom('election_stance').selectAll().where('election_id', '=', electionId).orderBy('round').orderBy('updated_at').execute(),
  ]);
  const nameOf = new Map(people.map((p) => [p.id, p.full_name]));
  const extraIds = [...new Set(nominations.flatMap((n) => [n.nominee_id, n.first_nominee_id]).filter((id) => !nameOf.has(id)))];
  if (extraIds.length > 0) {
    for (const p of await db.selectFrom('person').select(['id', 'full_name']).where('partnership_id', '=', partnershipId).where('id', 'in', extraIds).execute()) nameOf.set(p.id, p.full_name);
  }
  const person = (id: string) => ({ id, fullName: nameOf.get(id) ?? '' });
  const visible = nominationsVisible({ phase, round: row.round, candidateId: row.candidate_id });
  const open = !OVER.includes(phase);
  const isMember = members.has(viewer.personId);
  const isFacilitator = may.facilitate(viewer, { facilitatorId: row.facilitator_id });
  const beforeDeadline = row.deadline === null || row.deadline > now;
  const own = nominations.find((n) => n.member_id === viewer.personId);
  const roundStances = stances.filter((s) => s.round === row.round);
  return {
    id: row.id,
    phase,
    round: row.round,
    termMonths: row.term_months,
    qualities: row.qualities,
    body: { id: row.body_id, name: row.body_name },
    role: { id: row.role_id, name: row.role_name, purpose: row.role_purpose, accountabilities: row.role_accountabilities as string[] },
    facilitator: person(row.facilitator_id),
    candidate: row.candidate_id === null ? null : person(row.candidate_id),
    elected: phase === 'elected' && row.candidate_id !== null ? { ...person(row.candidate_id), startsOn: row.starts_on, endsOn: row.ends_on } : null,
    createdAt: row.created_at,
    endedAt: row.ended_at,
    /** The deadline of the nominations or of the consent round under way, for an election held at a distance. */
    deadline: row.deadline,
    members: [...members.keys()]
      .map((id) => ({
        ...person(id),
        nominated: nominations.some((n) => n.member_id === id),
        stance: phase === 'consent' || phase === 'proposal' || phase === 'elected' ? (roundStances.find((s) => s.member_id === id) ?? null) : null,
      }))
      .map(({ stance, ...member }) => ({ ...member, stance: stance ? { stance: stance.stance as ElectionStance, reason: stance.reason } : null }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'fr')),
    ownNomination: own ? { nominee: person(own.nominee_id), reason: own.reason } : null,
    nominations: visible
      ? [...nominations].sort((a, b) => (nameOf.get(a.member_id) ?? '').localeCompare(nameOf.get(b.member_id) ?? '', 'fr')).map((n) => ({
          member: person(n.member_id),
          nominee: person(n.nominee_id),
          reason: n.reason,
          changedFrom: n.first_nominee_id !== n.nominee_id || n.first_reason !== n.reason ? { nominee: person(n.first_nominee_id), reason: n.first_reason } : null,
        }))
      : [],
    objections: stances.filter((s) => s.stance === 'object').map((s) => ({ round: s.round, member: person(s.member_id), reason: s.reason })),
    can: {
      nominate: open && beforeDeadline && isMember && (phase === 'nomination' || (phase === 'change' && own !== undefined)),
      facilitate: open && isFacilitator,
      takeStance: open && beforeDeadline && isMember && phase === 'consent',
    },
  };
}

export type ElectionDetail = Awaited<ReturnType<typeof electionDetail>>;
