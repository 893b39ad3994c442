import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import { calendarDay } from '../common/dates.js';
import type { electionInput, electionStanceInput, nominationInput, candidateInput } from './contract.js';
import {
  abandonElection,
  checkElectionStance,
  checkNomination,
  closeConsentRound,
  nextElectionPhase,
  proposeCandidate,
  startElection,
  type ElectionPhase,
  type ElectionRefusal,
  type ElectionResult,
  type ElectionState,
} from './rules.js';
import { ActError, conflict, forbidden, invalid, notFound } from '../common/errors.js';
import { roleWithAppointer } from '../roles/appointing.js';
import { may } from '../common/permissions.js';
import type { Database } from '../common/database/schema.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { bodyMembersOn } from '../bodies/members.js';
import { textHash } from '../journal/chain.js';
import { requireReference } from '../common/references.js';
import { blockingLaterTerm, startRoleTerm, type BlockingTerm } from '../roles/terms.js';

type Trx = Transaction<Database>;

const refusalErrors: Record<ElectionRefusal, () => ActError> = {
  election_over: () => conflict('error.election.over'),
  not_in_this_phase: () => conflict('error.election.notInThisPhase'),
  nominee_not_a_member: () => invalid('nomineeId', 'error.election.notAMember'),
  reason_required: () => invalid('reason', 'error.election.reasonRequired'),
  no_nomination_yet: () => conflict('error.election.noNominationYet'),
  candidate_not_a_member: () => invalid('candidateId', 'error.election.notAMember'),
  stance_not_allowed: () => invalid('stance', 'error.election.stanceNotAllowed'),
  voices_missing: () => conflict('error.election.voicesMissing'),
};

function unwrap<T>(result: ElectionResult<T>): T {
  if (!result.ok) throw refusalErrors[result.refusal]();
  return result.value;
}

/**
 * Opens an election without candidates for a role of a body (or a role of no body, held for it).
 * The term is the role's unless the body sets another for this election.
 */
export async function openElection(ctx: ActContext, input: z.infer<typeof electionInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireReference(trx, 'body', input.bodyId, ctx.partnershipId, 'bodyId');
    if (!may.openElection(ctx.viewer, input.bodyId)) throw forbidden();
    await requireReference(trx, 'role', input.roleId, ctx.partnershipId, 'roleId');
    const role = (await roleWithAppointer(trx, ctx.partnershipId, input.roleId))!;
    if (role.body_id !== null && role.body_id !== input.bodyId) throw invalid('roleId', 'error.election.roleOfAnotherBody');
    // A role the body above appoints (a circle's leader) is not the circle's to elect.
    if (!may.assignRole(ctx.viewer, role.appointingBodyId)) throw forbidden();
    const termMonths = input.termMonths ?? role.term_months;
    if (termMonths === null) throw invalid('termMonths', 'error.election.termRequired');
    const facilitatorId = input.facilitatorId ?? ctx.viewer.personId;
    if (!(await bodyMembersOn(trx, input.bodyId, ctx.now)).has(facilitatorId)) throw invalid('facilitatorId', 'error.election.facilitatorNotAMember');
    const open = await trx.selectFrom('election').select('id').where('role_id', '=', role.id).where('phase', 'not in', ['elected', 'abandoned']).executeTakeFirst();
    if (open) throw conflict('error.election.alreadyOpen');
    const deadline = futureDeadline(ctx, input.nominationDeadline, 'nominationDeadline');
    const id = randomUUID();
    const state = startElection();
    await trx
      .insertInto('election')
      .values({
        id,
        partnership_id: ctx.partnershipId,
        body_id: input.bodyId,
        role_id: role.id,
        term_months: termMonths,
        qualities: input.qualities,
        facilitator_id: facilitatorId,
        phase: state.phase,
        round: state.round,
        candidate_id: null,
        assignment_id: null,
        created_by: ctx.viewer.personId,
        created_at: ctx.now,
        ended_at: null,
        deadline,
      })
      .execute();
    return {
      result: { id },
      events: [
        {
          kind: 'election.opened',
          payload: { electionId: id, bodyId: input.bodyId, roleId: role.id, termMonths, facilitatorId, deadline: deadline?.toISOString() ?? null },
        },
      ],
    };
  });
}

/** The election, locked for the act, with its state and the members of its body today. */
async function lockedElection(trx: Trx, ctx: ActContext, electionId: string) {
  const row = await trx
    .selectFrom('election')
    .selectAll()
    .where('id', '=', electionId)
    .where('partnership_id', '=', ctx.partnershipId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  const members = new Set((await bodyMembersOn(trx, row.body_id, ctx.now)).keys());
  const state: ElectionState = { phase: row.phase as ElectionPhase, round: row.round, candidateId: row.candidate_id };
  return { ...row, state, members };
}

type LockedElection = Awaited<ReturnType<typeof lockedElection>>;

function requireFacilitator(ctx: ActContext, election: LockedElection) {
  if (!may.facilitate(ctx.viewer, { facilitatorId: election.facilitator_id })) throw forbidden();
}

function requireMember(ctx: ActContext, election: LockedElection) {
  if (!election.members.has(ctx.viewer.personId)) throw forbidden();
}

/** Past the deadline of the phase under way, nominations and answers are closed. */
function refuseAfterDeadline(ctx: ActContext, election: LockedElection) {
  if (election.deadline !== null && election.deadline <= ctx.now) throw conflict('error.election.deadlinePassed');
}

function futureDeadline(ctx: ActContext, value: string | undefined, field: string): Date | null {
  if (value === undefined) return null;
  const deadline = new Date(value);
  if (deadline <= ctx.now) throw invalid(field, 'error.election.deadlineInThePast');
  return deadline;
}

/**
 * A member nominates someone of the body, themself included, with a reason; in the change round
 * they may name someone else, saying why. While nominations are hidden, the journal records who
 * nominated, never whom: the reveal records them all at once.
 */
export async function nominate(ctx: ActContext, electionId: string, input: z.infer<typeof nominationInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const election = await lockedElection(trx, ctx, electionId);
    requireMember(ctx, election);
    refuseAfterDeadline(ctx, election);
    const previous = await trx
      .selectFrom('nomination')
      .select('nominee_id')
      .where('election_id', '=', electionId)
      .where('member_id', '=', ctx.viewer.personId)
      .executeTakeFirst();
    unwrap(checkNomination(election.state, input, { members: election.members, previousNomineeId: previous?.nominee_id ?? null }));
    await trx
      .insertInto('nomination')
      .values({
        election_id: electionId,
        member_id: ctx.viewer.personId,
        nominee_id: input.nomineeId,
        reason: input.reason,
        first_nominee_id: input.nomineeId,
        first_reason: input.reason,
        updated_at: ctx.now,
      })
      .onConflict((oc) =>
        oc.columns(['election_id', 'member_id']).doUpdateSet({
          nominee_id: input.nomineeId,
          reason: input.reason,
          updated_at: ctx.now,
          // Before the reveal a member may rewrite their nomination in private: only the change round shows as a change.
          ...(election.state.phase === 'nomination' && { first_nominee_id: input.nomineeId, first_reason: input.reason }),
        }),
      )
      .execute();
    const changing = election.state.phase === 'change';
    return {
      result: { changed: changing },
      events: [
        {
          kind: changing ? ('election.nomination_changed' as const) : ('election.nominated' as const),
          payload: changing ? { electionId, memberId: ctx.viewer.personId, nomineeId: input.nomineeId } : { electionId, memberId: ctx.viewer.personId },
        },
      ],
    };
  });
}

/** The facilitator reveals the nominations, opens the change round, then the proposal of a name. */
export async function advanceElection(ctx: ActContext, electionId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const election = await lockedElection(trx, ctx, electionId);
    requireFacilitator(ctx, election);
    const nominations = await trx
      .selectFrom('nomination')
      .select(['member_id', 'nominee_id'])
      .where('election_id', '=', electionId)
      .orderBy('updated_at')
      .execute();
    const next = unwrap(nextElectionPhase(election.state, nominations.length));
    await trx.updateTable('election').set({ phase: next.phase, deadline: null }).where('id', '=', electionId).execute();
    const moved: JournalEvent = { kind: 'election.phase_changed', payload: { electionId, phase: next.phase } };
    const revealed: JournalEvent[] =
      next.phase === 'reveal'
        ? [{ kind: 'election.revealed', payload: { electionId, nominations: nominations.map((n) => ({ memberId: n.member_id, nomineeId: n.nominee_id })) } }]
        : [];
    return { result: { phase: next.phase }, events: [moved, ...revealed] };
  });
}

/** The term an election closed now would start: from today, for the election's number of months. */
async function electedTerm(trx: Trx, ctx: ActContext, election: { readonly role_id: string; readonly term_months: number }) {
  const startsOn = calendarDay(ctx.now);
  const { endsOn } = await sql<{ endsOn: string }>`select (${startsOn}::date + make_interval(months => ${election.term_months}))::date::text as "endsOn"`
    .execute(trx)
    .then((result) => result.rows[0]!);
  return { roleId: election.role_id, startsOn, endsOn };
}

/**
 * An election's term starts the day it closes, a date nobody typed: a term planned later that
 * leaves no room is a state to fix (end that assignment first), said when the name is proposed and
 * again at the close should it be planned meanwhile.
 */
const laterTermConflict = (blocking: BlockingTerm) => conflict('error.election.laterTerm', { ...blocking });

/** The facilitator proposes a name, usually the one the reasons pointed to: a consent round opens. */
export async function proposeName(ctx: ActContext, electionId: string, input: z.infer<typeof candidateInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const election = await lockedElection(trx, ctx, electionId);
    requireFacilitator(ctx, election);
    const next = unwrap(proposeCandidate(election.state, input.candidateId, election.members));
    const blocking = await blockingLaterTerm(trx, { personId: input.candidateId, ...(await electedTerm(trx, ctx, election)) }, calendarDay(ctx.now));
    if (blocking) throw laterTermConflict(blocking);
    const deadline = futureDeadline(ctx, input.deadline, 'deadline');
    await trx.updateTable('election').set({ phase: next.phase, round: next.round, candidate_id: next.candidateId, deadline }).where('id', '=', electionId).execute();
    return {
      result: { round: next.round },
      events: [{ kind: 'election.candidate_proposed', payload: { electionId, round: next.round, candidateId: input.candidateId, deadline: deadline?.toISOString() ?? null } }],
    };
  });
}

/** Consent, or an objection with its reason, on the proposed name; changeable until the round closes. */
export async function takeElectionStance(ctx: ActContext, electionId: string, input: z.infer<typeof electionStanceInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const election = await lockedElection(trx, ctx, electionId);
    requireMember(ctx, election);
    refuseAfterDeadline(ctx, election);
    const stance = unwrap(checkElectionStance(election.state, input));
    await trx
      .insertInto('election_stance')
      .values({ election_id: electionId, round: election.round, member_id: ctx.viewer.personId, stance: stance.stance, reason: stance.reason, updated_at: ctx.now })
      .onConflict((oc) => oc.columns(['election_id', 'round', 'member_id']).doUpdateSet({ stance: stance.stance, reason: stance.reason, updated_at: ctx.now }))
      .execute();
    return {
      result: { round: election.round },
      events: [{ kind: 'election.stance_taken', payload: { electionId, round: election.round, memberId: ctx.viewer.personId, stance: stance.stance, reasonHash: textHash(stance.reason) } }],
    };
  });
}

/**
 * The facilitator closes the consent round. An objection sends the election back to a proposal;
 * every member's consent elects, and the result becomes a role assignment for the term, from today.
 */
export async function closeElectionRound(ctx: ActContext, electionId: string) {
  return recordAct<{ phase: ElectionPhase; assignmentId?: string }>({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const election = await lockedElection(trx, ctx, electionId);
    requireFacilitator(ctx, election);
    const stances = await trx
      .selectFrom('election_stance')
      .select(['member_id', 'stance'])
      .where('election_id', '=', electionId)
      .where('round', '=', election.round)
      .execute();
    const counted = stances.filter((s) => election.members.has(s.member_id));
    const count = {
      members: election.members.size,
      consents: counted.filter((s) => s.stance === 'consent').length,
      objections: counted.filter((s) => s.stance === 'object').length,
    };
    const next = unwrap(closeConsentRound(election.state, count, election.deadline !== null && election.deadline <= ctx.now));
    const closed: JournalEvent = { kind: 'election.round_closed', payload: { electionId, round: election.round, ...count, outcome: next.phase } };
    if (next.phase !== 'elected') {
      await trx.updateTable('election').set({ phase: next.phase, deadline: null }).where('id', '=', electionId).execute();
      return { result: { phase: next.phase }, events: [closed] };
    }
    const assignmentId = randomUUID();
    const personId = election.candidate_id!;
    const started = await startRoleTerm(trx, { id: assignmentId, personId, ...(await electedTerm(trx, ctx, election)) }, calendarDay(ctx.now), laterTermConflict);
    await trx.updateTable('election').set({ phase: 'elected', assignment_id: assignmentId, ended_at: ctx.now, deadline: null }).where('id', '=', electionId).execute();
    return {
      result: { phase: next.phase, assignmentId },
      events: [
        closed,
        ...started,
        { kind: 'election.elected', payload: { electionId, personId, assignmentId } },
      ],
    };
  });
}

export async function abandon(ctx: ActContext, electionId: string) {
  return recordAct<{ phase: ElectionPhase }>({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const election = await lockedElection(trx, ctx, electionId);
    requireFacilitator(ctx, election);
    unwrap(abandonElection(election.state));
    await trx.updateTable('election').set({ phase: 'abandoned', ended_at: ctx.now }).where('id', '=', electionId).execute();
    return { result: { phase: 'abandoned' }, events: [{ kind: 'election.abandoned', payload: { electionId } }] };
  });
}
