import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import type { Database } from '../common/database/schema.js';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import { may } from '../common/permissions.js';
import { requireReference } from '../common/references.js';
import { textHash } from '../journal/chain.js';
import type { bookingInput, declineInput, meanInput } from './contract.js';
import { lendingDirectorIds } from './directors.js';
import { mayBook, mayCancel, mayDecline, mayWithdraw, type BookingCheck, type BookingStatus, type MeanKind } from './rules.js';

/**
 * Pooled means: an organization's administrators list what it lends and withdraw it; a project's
 * team books a mean (held at once, its lenders told beforehand, notices.ts); the lenders decline
 * before it starts; the team cancels. Journal entries carry ids, instants and hashes of free text.
 */

type Trx = Transaction<Database>;

function unless(check: BookingCheck): void {
  if (!check.ok) throw conflict(`pooledMean.refusal.${check.refusal}`);
}

/** The mean, locked: bookings of one mean wait for each other here, so the overlap check sees the one before. 404 outside the partnership. */
async function lockedMean(trx: Trx, partnershipId: string, meanId: string) {
  const mean = await trx
    .selectFrom('pooled_mean')
    .select(['id', 'organization_id', 'kind', 'withdrawn_at'])
    .where('id', '=', meanId)
    .where('partnership_id', '=', partnershipId)
    .forUpdate()
    .executeTakeFirst();
  return mean ? { ...mean, kind: mean.kind as MeanKind } : undefined;
}

export async function listMean(ctx: ActContext, input: z.infer<typeof meanInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireReference(trx, 'organization', input.organizationId, ctx.partnershipId, 'organizationId');
    if (!may.lendMeans(ctx.viewer, input.organizationId)) throw forbidden();
    const id = randomUUID();
    await trx
      .insertInto('pooled_mean')
      .values({ id, partnership_id: ctx.partnershipId, organization_id: input.organizationId, kind: input.kind, label: input.label, conditions: input.conditions, created_by: ctx.viewer.personId, created_at: ctx.now })
      .execute();
    return {
      result: { id },
      events: [{ kind: 'pooledMean.listed', payload: { meanId: id, organizationId: input.organizationId, kind: input.kind, labelHash: textHash(input.label), conditionsHash: textHash(input.conditions) } }],
    };
  });
}

export async function withdrawMean(ctx: ActContext, meanId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const mean = await lockedMean(trx, ctx.partnershipId, meanId);
    if (!mean) throw notFound();
    if (!may.lendMeans(ctx.viewer, mean.organization_id)) throw forbidden();
    const upcoming = await trx
      .selectFrom('pooled_mean_booking')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('mean_id', '=', meanId)
      .where('status', '=', 'informed')
      .where('ends_at', '>', ctx.now)
      .executeTakeFirstOrThrow();
    unless(mayWithdraw({ withdrawn: mean.withdrawn_at !== null, upcomingBookings: Number(upcoming.count) }));
    await trx.updateTable('pooled_mean').set({ withdrawn_at: ctx.now }).where('id', '=', meanId).execute();
    return { result: { id: meanId }, events: [{ kind: 'pooledMean.withdrawn', payload: { meanId } }] };
  });
}

/**
 * A project's team books a mean for a span: the booking holds at once and its lenders are told
 * (notices.ts). The mean's row lock orders two bookings of one mean, so the check sees the
 * other; the database's trigger refuses an overlap all the same (server/errors.ts answers 409).
 */
export async function bookMean(ctx: ActContext, projectId: string, input: z.infer<typeof bookingInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const project = await trx.selectFrom('project').select(['id', 'stage', 'working_group_id', 'lead_nominee_id']).where('id', '=', projectId).where('partnership_id', '=', ctx.partnershipId).executeTakeFirst();
    if (!project) throw notFound();
    if (!may.conductProject(ctx.viewer, { workingGroupId: project.working_group_id, leadNomineeId: project.lead_nominee_id })) throw forbidden();
    const mean = await lockedMean(trx, ctx.partnershipId, input.meanId);
    // A mean the partnership does not have is a bad reference in the body (400), as any other.
    if (!mean) throw invalid('meanId', 'error.reference');
    const span = { startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) };
    const live = await trx
      .selectFrom('pooled_mean_booking')
      .select(['starts_at', 'ends_at'])
      .where('mean_id', '=', input.meanId)
      .where('status', '=', 'informed')
      .where('starts_at', '<', span.endsAt)
      .where('ends_at', '>', span.startsAt)
      .execute();
    unless(
      mayBook(span, {
        meanWithdrawn: mean.withdrawn_at !== null,
        projectFinished: project.stage === 'closed' || project.stage === 'refused',
        now: ctx.now,
        liveBookings: live.map((row) => ({ startsAt: row.starts_at, endsAt: row.ends_at })),
      }),
    );
    const id = randomUUID();
    await trx
      .insertInto('pooled_mean_booking')
      .values({ id, mean_id: input.meanId, project_id: projectId, starts_at: span.startsAt, ends_at: span.endsAt, purpose: input.purpose, status: 'informed', requested_by: ctx.viewer.personId, requested_at: ctx.now })
      .execute();
    return {
      result: { id },
      events: [
        {
          kind: 'pooledMean.booked',
          payload: { bookingId: id, meanId: input.meanId, projectId, organizationId: mean.organization_id, startsAt: span.startsAt.toISOString(), endsAt: span.endsAt.toISOString(), purposeHash: textHash(input.purpose) },
        },
      ],
    };
  });
}

/** The booking and its mean, the mean locked first (the order every booking act takes); 404 outside the partnership. */
async function lockedBooking(trx: Trx, partnershipId: string, bookingId: string) {
  const found = await trx
    .selectFrom('pooled_mean_booking as b')
    .innerJoin('pooled_mean as m', 'm.id', 'b.mean_id')
    .select(['b.mean_id'])
    .where('b.id', '=', bookingId)
    .where('m.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!found) throw notFound();
  const mean = (await lockedMean(trx, partnershipId, found.mean_id))!;
  const booking = await trx
    .selectFrom('pooled_mean_booking as b')
    .innerJoin('project as p', 'p.id', 'b.project_id')
    .select(['b.id', 'b.status', 'b.starts_at', 'b.ends_at', 'b.requested_by', 'b.project_id', 'p.working_group_id', 'p.lead_nominee_id'])
    .where('b.id', '=', bookingId)
    .forUpdate('b')
    .executeTakeFirstOrThrow();
  return { mean, booking: { ...booking, status: booking.status as BookingStatus, span: { startsAt: booking.starts_at, endsAt: booking.ends_at } } };
}

/** The lending organization's directors decline a booking before it starts, saying why; the booker is told. */
export async function declineBooking(ctx: ActContext, bookingId: string, input: z.infer<typeof declineInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { mean, booking } = await lockedBooking(trx, ctx.partnershipId, bookingId);
    const directors = await lendingDirectorIds(trx, ctx.partnershipId, mean.organization_id, ctx.now);
    if (!may.declineBooking(ctx.viewer, directors)) throw forbidden();
    unless(mayDecline({ ...booking.span, status: booking.status }, ctx.now));
    await trx
      .updateTable('pooled_mean_booking')
      .set({ status: 'declined', decided_by: ctx.viewer.personId, decided_at: ctx.now, decline_reason: input.reason })
      .where('id', '=', bookingId)
      .execute();
    return { result: { id: bookingId }, events: [{ kind: 'pooledMean.declined', payload: { bookingId, meanId: mean.id, reasonHash: textHash(input.reason) } }] };
  });
}

/** The project's team gives a booking back before it ends; the lenders are told the mean is free. */
export async function cancelBooking(ctx: ActContext, bookingId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { mean, booking } = await lockedBooking(trx, ctx.partnershipId, bookingId);
    if (!may.cancelBooking(ctx.viewer, { requestedBy: booking.requested_by, workingGroupId: booking.working_group_id, leadNomineeId: booking.lead_nominee_id })) throw forbidden();
    unless(mayCancel({ ...booking.span, status: booking.status }, ctx.now));
    await trx.updateTable('pooled_mean_booking').set({ status: 'cancelled', decided_by: ctx.viewer.personId, decided_at: ctx.now }).where('id', '=', bookingId).execute();
    return { result: { id: bookingId }, events: [{ kind: 'pooledMean.cancelled', payload: { bookingId, meanId: mean.id } }] };
  });
}
