import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import { calendarDay } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import { may } from '../common/permissions.js';
import { requireReference } from '../common/references.js';
import { bodyMembersOn } from '../bodies/members.js';
import { seatInTransaction } from '../bodies/acts.js';
import { createProposalInTransaction, lapseWithdrawnProposal, openRoundAtOnce, projectCharterOfBody } from '../decisions/acts.js';
import type { DecidedStatus } from '../decisions/consequences.js';
import { translator } from '../i18n/server-messages.js';
import { textHash } from '../journal/chain.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { inviteGuestsInTransaction } from '../meetings/acts.js';
import { facilitatorByRotation } from '../meetings/queries.js';
import { refuseIfErased } from '../personal-data/acts.js';
import type { circleInvitationInput, joinRequestInput } from './contract.js';
import { supervisorsOn } from './queries.js';
import { circleJoinRule, JOIN_ROUND_DAYS, mayWithdraw, type CircleJoinStatus } from './rules.js';

type Trx = Transaction<Database>;
type Scope = Pick<ActContext, 'partnershipId' | 'now'>;
/** The proposal's words and a guest's reason are written once, in the partnership's language. */
const fr = translator('fr');

/** The circle named in the URL: 404 outside the partnership, 409 for a body that is no circle. */
async function circleOf(trx: Trx, ctx: Scope, circleId: string) {
  const body = await trx.selectFrom('body').select(['id', 'name', 'kind']).where('id', '=', circleId).where('partnership_id', '=', ctx.partnershipId).executeTakeFirst();
  if (!body) throw notFound();
  if (body.kind !== 'circle') throw conflict('circle.refusal.notACircle');
  return body;
}

/**
 * The request and the proposal the circle decides on, its round open at once (the request is its
 * own presentation): the circle's members are called to consent, the facilitator being the
 * inviting member, or else the member whose turn it is to facilitate.
 */
async function openJoin(trx: Trx, ctx: ActContext, circle: { id: string; name: string }, personId: string, motivation: string): Promise<{ id: string; events: JournalEvent[] }> {
  const members = await bodyMembersOn(trx, circle.id, ctx.now);
  if (members.has(personId)) throw conflict('circle.refusal.alreadyMember');
  const open = await trx.selectFrom('circle_join').select('id').where('body_id', '=', circle.id).where('person_id', '=', personId).where('status', '=', 'open').executeTakeFirst();
  if (open) throw conflict('circle.refusal.alreadyAsked');
  const facilitatorId = members.has(ctx.viewer.personId) ? ctx.viewer.personId : await facilitatorByRotation(trx, circle.id, ctx.now);
  if (facilitatorId === undefined) throw conflict('circle.refusal.noMembers');
  const id = randomUUID();
  await trx
    .insertInto('circle_join')
    .values({ id, partnership_id: ctx.partnershipId, body_id: circle.id, person_id: personId, asked_by: ctx.viewer.personId, motivation, status: 'open', created_at: ctx.now, settled_at: null })
    .execute();
  const routingCharterId = await projectCharterOfBody(trx, ctx.partnershipId, circle.id);
  const proposal = await createProposalInTransaction(trx, ctx, {
    ...(routingCharterId !== undefined && { routingCharterId }),
    level: 'operational',
    topic: '',
    // Neither the person's name nor their motivation: the proposal's page shows both from the
    // request (circle_join), which an erasure empties, while the journal proves the proposal's words.
    wording: fr('circle.proposal.wording', { circle: circle.name }),
    context: '',
    participationLevel: 'participation',
    facilitatorId,
    circleJoin: { id, rule: circleJoinRule(randomUUID(), circle.id) },
  });
  const round = await openRoundAtOnce(trx, ctx, proposal.id, JOIN_ROUND_DAYS);
  const asked: JournalEvent = {
    kind: 'circle.joinAsked',
    payload: { joinId: id, bodyId: circle.id, personId, askedBy: ctx.viewer.personId, motivationHash: textHash(motivation), proposalId: proposal.id },
  };
  return { id, events: [asked, proposal.event, round] };
}

/** A person of the partnership asks to join a circle, for themself, saying why in a few words. */
export async function askToJoin(ctx: ActContext, circleId: string, input: z.infer<typeof joinRequestInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const circle = await circleOf(trx, ctx, circleId);
    if (!may.askToJoinCircle(ctx.viewer)) throw forbidden();
    const { id, events } = await openJoin(trx, ctx, circle, ctx.viewer.personId, input.motivation);
    return { result: { id }, events };
  });
}

/** A member of the circle invites someone: the invitation is the request, the person is told and may withdraw it. */
export async function inviteToCircle(ctx: ActContext, circleId: string, input: z.infer<typeof circleInvitationInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const circle = await circleOf(trx, ctx, circleId);
    if (!may.inviteToCircle(ctx.viewer, circle.id)) throw forbidden();
    await requireReference(trx, 'person', input.personId, ctx.partnershipId, 'personId');
    await refuseIfErased(trx, [input.personId]);
    const invited = await trx.selectFrom('person').select('outsider').where('id', '=', input.personId).executeTakeFirstOrThrow();
    // An outside mediator reads only what names them: no circle is theirs to join.
    if (invited.outsider) throw invalid('personId', 'circle.refusal.outsider');
    if ((await bodyMembersOn(trx, circle.id, ctx.now, input.personId)).has(input.personId)) throw invalid('personId', 'circle.refusal.alreadyMember');
    const { id, events } = await openJoin(trx, ctx, circle, input.personId, input.motivation);
    return { result: { id }, events };
  });
}

/** The person, or whoever asked, withdraws a request while the circle decides: its proposal lapses. */
export async function withdrawJoin(ctx: ActContext, joinId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const join = await trx
      .selectFrom('circle_join')
      .select(['id', 'body_id', 'person_id', 'asked_by', 'status'])
      .where('id', '=', joinId)
      .where('partnership_id', '=', ctx.partnershipId)
      .forUpdate()
      .executeTakeFirst();
    if (!join) throw notFound();
    if (!may.withdrawCircleJoin(ctx.viewer, { personId: join.person_id, askedBy: join.asked_by })) throw forbidden();
    if (!mayWithdraw(join.status as CircleJoinStatus)) throw conflict('circle.refusal.settled');
    await trx.updateTable('circle_join').set({ status: 'withdrawn', settled_at: ctx.now }).where('id', '=', joinId).execute();
    const proposal = await trx.selectFrom('proposal').select('id').where('circle_join_id', '=', joinId).where('status', '=', 'open').executeTakeFirst();
    const lapsed = proposal ? await lapseWithdrawnProposal(trx, ctx, proposal.id) : [];
    return {
      result: null,
      events: [{ kind: 'circle.joinWithdrawn', payload: { joinId, bodyId: join.body_id, personId: join.person_id, withdrawnBy: ctx.viewer.personId } }, ...lapsed],
    };
  });
}

/**
 * What the circle's decision moves (decisions/consequences.ts): adopted, the person takes a seat
 * in the circle from today, as a member on their own behalf; rejected or lapsed, the request is
 * declined. A person erased meanwhile is seated nowhere: the request is declined.
 */
export async function settleCircleJoin(trx: Trx, scope: Scope, proposalId: string, status: DecidedStatus): Promise<JournalEvent[]> {
  const join = await trx
    .selectFrom('proposal as pr')
    .innerJoin('circle_join as j', 'j.id', 'pr.circle_join_id')
    .innerJoin('person as p', 'p.id', 'j.person_id')
    .select(['j.id', 'j.body_id', 'j.person_id', 'j.status', 'p.erased_at'])
    .where('pr.id', '=', proposalId)
    .executeTakeFirst();
  if (!join || join.status !== 'open') return [];
  const adopted = (status === 'adopted' || status === 'arbitrated') && join.erased_at === null;
  const today = calendarDay(scope.now);
  const seated = adopted && (await bodyMembersOn(trx, join.body_id, today, join.person_id)).has(join.person_id);
  const seat = adopted && !seated
    ? await seatInTransaction(trx, scope, join.body_id, { personId: join.person_id, organizationId: null, capacity: 'member', mandateSource: 'self', startsOn: today })
    : undefined;
  await trx.updateTable('circle_join').set({ status: adopted ? 'accepted' : 'declined', settled_at: scope.now }).where('id', '=', join.id).execute();
  const ids = { joinId: join.id, bodyId: join.body_id, personId: join.person_id, proposalId };
  if (!adopted) return [{ kind: 'circle.joinDeclined', payload: { ...ids, outcome: status } }];
  return [...(seat ? [seat] : []), { kind: 'circle.joined', payload: { ...ids, seatId: seat ? seat.payload['seatId'] : null } }];
}

/**
 * A circle's meeting convenes those who supervise circles (holders today of a role that does, seed
 * 004's sociocracy expert) as guests: noted present or absent, never counted for the quorum, and
 * without a stance, as every guest. Called once when any meeting is called (meetings/acts.ts).
 */
export async function inviteCircleSupervisors(trx: Trx, ctx: ActContext, meetingId: string, bodyId: string): Promise<JournalEvent[]> {
  const body = await trx.selectFrom('body').select('kind').where('id', '=', bodyId).executeTakeFirstOrThrow();
  if (body.kind !== 'circle') return [];
  const supervisors = await supervisorsOn(trx, ctx.partnershipId, calendarDay(ctx.now));
  if (supervisors.length === 0) return [];
  return inviteGuestsInTransaction(trx, ctx, meetingId, supervisors.map((s) => ({ personId: s.person_id, reason: fr('circle.supervisorReason', { role: s.role_name }) })));
}
