import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import type { Database } from '../common/database/schema.js';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import { disputeRulesOf, hasDisputeRules, type CharterRules } from '../charters/rules/types.js';
import { textHash } from '../journal/chain.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { disputeInFullView, type DisputeInView } from './access.js';
import { exitPlanTasksInTransaction } from './ending/acts.js';
import type { crisisOutcomeInput, disputeMeetingInput, disputeNoteInput, mediationOutcomeInput, nameMediatorInput, openDisputeInput } from './contract.js';
import { CRISIS_MEETING_DEFAULT_DAYS, isRoundOf, mayNameMediator, mayWriteNotes, nextDisputeStage, type DisputeMeetingKind, type DisputeMove, type DisputeStage } from './rules.js';
import { PARTNERSHIP_TIME_ZONE } from '../common/dates.js';

/**
 * The dispute chain's first half (seed 000, art. 7): a party opens a dispute, the parties hold a
 * crisis meeting before its due day, which ends on an agreement, a mediation or the exit plan; a
 * mediation is asked of the body the charter names (else the parties), which names the mediator,
 * who may come from outside. Every act reads the dispute through access.ts, so whoever it does
 * not name gets 404. Journal entries carry ids, instants and hashes of the free text only.
 */

type Trx = Transaction<Database>;

const inDispute = (ctx: ActContext) => ({ partnershipId: ctx.partnershipId, viewer: ctx.viewer });

function move(stage: DisputeStage, to: DisputeMove, crisisMeetingHeld: boolean): DisputeStage {
  const next = nextDisputeStage({ stage, crisisMeetingHeld, mediationAvailable: true, tasks: [], writeUp: null }, to);
  if (!next.ok) throw conflict(`dispute.refusal.${next.refusal}`);
  return next.stage;
}

const isParty = (ctx: ActContext, dispute: DisputeInView) => dispute.partyIds.includes(ctx.viewer.personId);

/** People of the partnership who may be named in a dispute: not erased, not from outside. Their ids, found. */
async function peopleOfPartnership(trx: Trx, partnershipId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await trx
    .selectFrom('person')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('id', 'in', ids)
    .where('erased_at', 'is', null)
    .where('outsider', '=', false)
    .execute();
  return new Set(rows.map((row) => row.id));
}

/**
 * A person of the partnership opens a dispute under a charter in force that has dispute rules:
 * they are a party, with those they name. The crisis meeting is due by the end of the day
 * (Europe/Paris) the charter's delay after today; the parties are called (notices.ts).
 */
export async function openDispute(ctx: ActContext, input: z.infer<typeof openDisputeInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const version = await trx
      .selectFrom('charter_version as v')
      .innerJoin('charter as c', 'c.id', 'v.charter_id')
      .select(['v.id', 'v.charter_id', 'v.rules'])
      .where('c.id', '=', input.charterId)
      .where('c.partnership_id', '=', ctx.partnershipId)
      .where('v.status', '=', 'adopted')
      .executeTakeFirst();
    if (!version) throw invalid('charterId', 'error.reference');
    const rules = version.rules as CharterRules;
    if (!hasDisputeRules(rules)) throw invalid('charterId', 'dispute.field.noRules');
    const partyIds = [...new Set([ctx.viewer.personId, ...input.partyIds])];
    if (partyIds.length < 2) throw invalid('partyIds', 'dispute.field.otherParty');
    const found = await peopleOfPartnership(trx, ctx.partnershipId, partyIds);
    if (partyIds.some((id) => !found.has(id))) throw invalid('partyIds', 'error.reference');
    const dispute = disputeRulesOf(rules);
    const days = dispute.crisisMeetingWithinDays ?? CRISIS_MEETING_DEFAULT_DAYS;
    // The last second of that day in Paris, whatever the offset of the day the dispute opens.
    const { due } = await sql<{ due: Date }>`
      select ((((${ctx.now}::timestamptz at time zone ${sql.lit(PARTNERSHIP_TIME_ZONE)})::date + ${days}::integer + 1)::timestamp at time zone ${sql.lit(PARTNERSHIP_TIME_ZONE)}) - make_interval(secs => 1)) as due`
      .execute(trx)
      .then((result) => result.rows[0]!);
    const id = randomUUID();
    await trx
      .insertInto('dispute')
      .values({
        id,
        partnership_id: ctx.partnershipId,
        charter_id: version.charter_id,
        charter_version_id: version.id,
        subject: input.subject,
        opened_by: ctx.viewer.personId,
        opened_at: ctx.now,
        stage: 'crisis',
        crisis_due_at: due,
        existence_visible: dispute.existenceVisible,
      })
      .execute();
    await trx.insertInto('dispute_party').values(partyIds.map((personId) => ({ dispute_id: id, person_id: personId }))).execute();
    return {
      result: { id },
      events: [
        {
          kind: 'dispute.opened',
          payload: { disputeId: id, charterId: version.charter_id, charterVersionId: version.id, partyIds, subjectHash: textHash(input.subject), crisisDueAt: new Date(due).toISOString() },
        },
      ],
    };
  });
}

/**
 * A party calls the crisis meeting (or moves it while it is not held): its day and hour, a place
 * or a link. The parties, and the mediator if any, are convened with its calendar event.
 */
export async function callCrisisMeeting(ctx: ActContext, disputeId: string, input: z.infer<typeof disputeMeetingInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeInFullView(trx, inDispute(ctx), disputeId, { lock: true });
    if (!isParty(ctx, dispute)) throw forbidden();
    if (dispute.stage !== 'crisis') throw conflict('dispute.refusal.not_at_this_stage');
    const startsAt = new Date(input.startsAt);
    if (startsAt.getTime() <= ctx.now.getTime()) throw invalid('startsAt', 'dispute.field.startsInPast');
    const called = await openMeetingOf(trx, disputeId, 'crisis');
    const values = { starts_at: startsAt, place: input.place, online_url: input.onlineUrl, called_by: ctx.viewer.personId, called_at: ctx.now };
    const meetingId = called?.id ?? randomUUID();
    if (called) await trx.updateTable('dispute_meeting').set(values).where('id', '=', meetingId).execute();
    else await trx.insertInto('dispute_meeting').values({ id: meetingId, dispute_id: disputeId, kind: 'crisis', ...values }).execute();
    return {
      result: { id: meetingId },
      events: [
        {
          kind: 'dispute.meetingCalled',
          payload: { disputeId, meetingId, meetingKind: 'crisis', startsAt: startsAt.toISOString(), placeHash: textHash(input.place), onlineUrlHash: textHash(input.onlineUrl ?? '') },
        },
      ],
    };
  });
}

/** The dispute's meeting of that kind still to be held, if one was called. */
async function openMeetingOf(trx: Trx, disputeId: string, kind: DisputeMeetingKind) {
  return trx
    .selectFrom('dispute_meeting')
    .select(['id', 'starts_at'])
    .where('dispute_id', '=', disputeId)
    .where('kind', '=', kind)
    .where('held_at', 'is', null)
    .orderBy('called_at', 'desc')
    .executeTakeFirst();
}

/**
 * The notes of one round of a dispute's meeting, until it is held: the parties (and the mediator)
 * at a crisis meeting or a restorative circle, the mediator alone at a mediation.
 */
export async function writeMeetingNotes(ctx: ActContext, disputeId: string, meetingId: string, input: z.infer<typeof disputeNoteInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeInFullView(trx, inDispute(ctx), disputeId, { lock: true });
    const meeting = await trx.selectFrom('dispute_meeting').select(['id', 'kind', 'held_at']).where('id', '=', meetingId).where('dispute_id', '=', disputeId).executeTakeFirst();
    if (!meeting) throw notFound();
    const kind = meeting.kind as DisputeMeetingKind;
    if (!mayWriteNotes(ctx.viewer.personId, kind, dispute)) throw forbidden();
    if (!isRoundOf(kind, input.round)) throw invalid('round', 'error.choice');
    if (meeting.held_at !== null) throw conflict('dispute.refusal.meeting_held');
    await trx
      .insertInto('dispute_meeting_note')
      .values({ meeting_id: meetingId, round: input.round, text: input.text, written_by: ctx.viewer.personId, written_at: ctx.now })
      .onConflict((oc) => oc.columns(['meeting_id', 'round']).doUpdateSet({ text: input.text, written_by: ctx.viewer.personId, written_at: ctx.now }))
      .execute();
    return { result: { id: meetingId }, events: [{ kind: 'dispute.notesWritten', payload: { disputeId, meetingId, round: input.round, textHash: textHash(input.text) } }] };
  });
}

/**
 * A party records how the crisis meeting ended: an agreement closes the dispute; a mediation is
 * asked of the body the charter names (else of the parties, who name the mediator); or the exit
 * plan follows, its tasks written from the charter's objectives (disputes/ending takes it from there).
 */
export async function recordCrisisOutcome(ctx: ActContext, disputeId: string, input: z.infer<typeof crisisOutcomeInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeInFullView(trx, inDispute(ctx), disputeId, { lock: true });
    if (!isParty(ctx, dispute)) throw forbidden();
    if (dispute.stage !== 'crisis') throw conflict('dispute.refusal.not_at_this_stage');
    const meeting = await openMeetingOf(trx, disputeId, 'crisis');
    if (!meeting) throw conflict('dispute.refusal.crisis_meeting_not_called');
    // An outcome recorded before the meeting began would let one party skip it.
    if (meeting.starts_at.getTime() > ctx.now.getTime()) throw conflict('dispute.refusal.meeting_not_started');
    const held = { disputeId, meetingId: meeting.id, outcome: input.outcome };
    await trx.updateTable('dispute_meeting').set({ held_at: ctx.now, outcome: input.outcome }).where('id', '=', meeting.id).execute();
    if (input.outcome === 'agreement') {
      move(dispute.stage, 'agree', true);
      await closeByAgreement(trx, ctx, disputeId, input.agreement);
      return { result: { id: disputeId }, events: [{ kind: 'dispute.meetingHeld', payload: held }, { kind: 'dispute.agreed', payload: { disputeId, agreementHash: textHash(input.agreement) } }] };
    }
    if (input.outcome === 'mediation') {
      const stage = move(dispute.stage, 'ask_mediation', true);
      const mediationBodyId = disputeRulesOf(dispute.rules).mediationBodyId;
      await trx.updateTable('dispute').set({ stage, mediator_body_id: mediationBodyId, mediation_requested_at: ctx.now }).where('id', '=', disputeId).execute();
      return { result: { id: disputeId }, events: [{ kind: 'dispute.meetingHeld', payload: held }, { kind: 'dispute.mediationAsked', payload: { disputeId, mediationBodyId } }] };
    }
    const stage = move(dispute.stage, 'plan_exit', true);
    await trx.updateTable('dispute').set({ stage }).where('id', '=', disputeId).execute();
    return { result: { id: disputeId }, events: [{ kind: 'dispute.meetingHeld', payload: held }, ...(await exitPlanTasksInTransaction(trx, dispute))] };
  });
}

async function closeByAgreement(trx: Trx, ctx: ActContext, disputeId: string, agreement: string): Promise<void> {
  await trx
    .updateTable('dispute')
    .set({ stage: 'closed', agreement, agreed_at: ctx.now, closed_at: ctx.now, closed_how: 'agreement', mediation_ended_at: sql`case when mediation_requested_at is null then null else ${ctx.now}::timestamptz end` })
    .where('id', '=', disputeId)
    .execute();
}

/**
 * The members of the body asked (else the parties) name the mediator: a person of the
 * partnership who is no party, or someone from outside named by name and address, who becomes a
 * person of the partnership marked `outsider` (no organization) and reaches this dispute alone.
 * The mediation opens as the dispute's meeting that carries the mediator's notes.
 */
export async function nameMediator(ctx: ActContext, disputeId: string, input: z.infer<typeof nameMediatorInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeInFullView(trx, inDispute(ctx), disputeId, { lock: true });
    if (!mayNameMediator(ctx.viewer, dispute)) throw forbidden();
    if (dispute.stage !== 'mediation') throw conflict('dispute.refusal.not_at_this_stage');
    if (dispute.mediatorId !== null) throw conflict('dispute.refusal.mediator_named');
    const events: JournalEvent[] = [];
    let mediatorId: string;
    if ('personId' in input) {
      if (!(await peopleOfPartnership(trx, ctx.partnershipId, [input.personId])).has(input.personId)) throw invalid('personId', 'error.reference');
      if (dispute.partyIds.includes(input.personId)) throw invalid('personId', 'dispute.field.mediatorIsParty');
      mediatorId = input.personId;
    } else {
      const taken = await trx.selectFrom('person').select('id').where('partnership_id', '=', ctx.partnershipId).where(sql`lower(email)`, '=', input.outsider.email).executeTakeFirst();
      if (taken) throw invalid('outsider.email', 'dispute.field.mediatorAddressTaken');
      mediatorId = randomUUID();
      await trx.insertInto('person').values({ id: mediatorId, partnership_id: ctx.partnershipId, full_name: input.outsider.fullName, email: input.outsider.email, outsider: true }).execute();
      events.push({ kind: 'person.created', payload: { personId: mediatorId, isPartnershipAdmin: false, outsider: true } });
    }
    const meetingId = randomUUID();
    await trx.updateTable('dispute').set({ mediator_id: mediatorId }).where('id', '=', disputeId).execute();
    await trx
      .insertInto('dispute_meeting')
      .values({ id: meetingId, dispute_id: disputeId, kind: 'mediation', starts_at: ctx.now, place: '', online_url: null, called_by: ctx.viewer.personId, called_at: ctx.now })
      .execute();
    events.push({ kind: 'dispute.mediatorNamed', payload: { disputeId, mediatorId, meetingId, outsider: !('personId' in input) } });
    return { result: { id: mediatorId }, events };
  });
}

/** The mediator records how the mediation ended: an agreement closes the dispute, a failure leads to the exit plan. */
export async function recordMediationOutcome(ctx: ActContext, disputeId: string, input: z.infer<typeof mediationOutcomeInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeInFullView(trx, inDispute(ctx), disputeId, { lock: true });
    if (dispute.mediatorId !== ctx.viewer.personId) throw forbidden();
    if (dispute.stage !== 'mediation') throw conflict('dispute.refusal.not_at_this_stage');
    const meeting = await openMeetingOf(trx, disputeId, 'mediation');
    if (!meeting) throw conflict('dispute.refusal.not_at_this_stage');
    const ended = { disputeId, meetingId: meeting.id, outcome: input.outcome };
    if (input.outcome === 'agreement') {
      move(dispute.stage, 'agree', true);
      await trx.updateTable('dispute_meeting').set({ held_at: ctx.now, outcome: 'agreement' }).where('id', '=', meeting.id).execute();
      await closeByAgreement(trx, ctx, disputeId, input.agreement);
      return { result: { id: disputeId }, events: [{ kind: 'dispute.mediationEnded', payload: ended }, { kind: 'dispute.agreed', payload: { disputeId, agreementHash: textHash(input.agreement) } }] };
    }
    const stage = move(dispute.stage, 'plan_exit', true);
    await trx.updateTable('dispute_meeting').set({ held_at: ctx.now, outcome: 'exit_plan' }).where('id', '=', meeting.id).execute();
    await trx.updateTable('dispute').set({ stage, mediation_ended_at: ctx.now }).where('id', '=', disputeId).execute();
    return { result: { id: disputeId }, events: [{ kind: 'dispute.mediationEnded', payload: ended }, ...(await exitPlanTasksInTransaction(trx, dispute))] };
  });
}
