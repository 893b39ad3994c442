import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { calendarDay, periodEnd } from '../common/dates.js';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import type { BodyInput, BodyPatch, SeatInput } from './contract.js';
import { may } from '../common/permissions.js';
import type { Database } from '../common/database/schema.js';
import { actCommitted, actorOf, recordAct, type ActContext } from '../common/act.js';
import { refuseIfErased } from '../personal-data/acts.js';
import { requireReference, requireTarget } from '../common/references.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { callsTogether } from '../common/database/together.js';

type Trx = Transaction<Database>;
const changedFields = (patch: object): string[] => Object.keys(patch).sort();

const ruleOf = (input: Partial<BodyInput>) => ({
  delegatesPerOrganization: input.delegatesPerOrganization ?? null,
  minReferentsPerOrganization: input.minReferentsPerOrganization ?? null,
  minSize: input.minSize ?? null,
  maxSize: input.maxSize ?? null,
});

export async function createBody(ctx: ActContext, input: BodyInput) {
  if (!may.manageStructure(ctx.viewer)) throw forbidden();
  const id = randomUUID();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    if (input.parentBodyId) await requireReference(trx, 'body', input.parentBodyId, ctx.partnershipId, 'parentBodyId');
    const foundedOn = input.foundedOn ?? calendarDay(ctx.now);
    refuseFoundingInFuture(ctx, foundedOn);
    return { result: { id }, events: [await createBodyInTransaction(trx, ctx, id, { ...input, foundedOn })] };
  });
}

/**
 * The body's row and its journal entry, inside an act whose permission and references are
 * checked: a common project's validation creates its working group this way.
 */
export async function createBodyInTransaction(trx: Trx, scope: { readonly partnershipId: string }, id: string, input: BodyInput & { readonly foundedOn: string }): Promise<JournalEvent> {
  const rule = ruleOf(input);
  await trx
    .insertInto('body')
    .values({
      id,
      partnership_id: scope.partnershipId,
      parent_body_id: input.parentBodyId ?? null,
      name: input.name,
      kind: input.kind,
      purpose: input.purpose ?? '',
      delegates_per_organization: rule.delegatesPerOrganization,
      min_referents_per_organization: rule.minReferentsPerOrganization,
      min_size: rule.minSize,
      max_size: rule.maxSize,
      meetings_per_year: input.meetingsPerYear ?? null,
      founded_on: input.foundedOn,
    })
    .execute();
  return {
    kind: 'body.created',
    payload: { bodyId: id, kind: input.kind, parentBodyId: input.parentBodyId ?? null, rule, meetingsPerYear: input.meetingsPerYear ?? null, foundedOn: input.foundedOn },
  };
}

function refuseFoundingInFuture(ctx: ActContext, foundedOn: string) {
  if (foundedOn > calendarDay(ctx.now)) throw invalid('foundedOn', 'error.foundedInFuture');
}

/** Walks up from the proposed parent; meeting the body itself would make a cycle. */
async function assertNoParentCycle(trx: Trx, bodyId: string, parentBodyId: string): Promise<void> {
  let cursor: string | null = parentBodyId;
  const seen = new Set<string>();
  while (cursor !== null && !seen.has(cursor)) {
    if (cursor === bodyId) throw invalid('parentBodyId', 'error.parentCycle');
    seen.add(cursor);
    const row: { parent_body_id: string | null } | undefined = await trx
      .selectFrom('body')
      .select('parent_body_id')
      .where('id', '=', cursor)
      .executeTakeFirst();
    cursor = row?.parent_body_id ?? null;
  }
}

export async function updateBody(ctx: ActContext, bodyId: string, patch: BodyPatch) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireTarget(trx, 'body', bodyId, ctx.partnershipId);
    if (!may.manageStructure(ctx.viewer)) throw forbidden();
    if (patch.parentBodyId) {
      await requireReference(trx, 'body', patch.parentBodyId, ctx.partnershipId, 'parentBodyId');
      await assertNoParentCycle(trx, bodyId, patch.parentBodyId);
    }
    if (patch.foundedOn !== undefined) refuseFoundingInFuture(ctx, patch.foundedOn);
    const current = await trx
      .selectFrom('body')
      .select(['min_size', 'max_size'])
      .where('id', '=', bodyId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const minSize = patch.minSize !== undefined ? patch.minSize : current.min_size;
    const maxSize = patch.maxSize !== undefined ? patch.maxSize : current.max_size;
    if (minSize !== null && maxSize !== null && minSize > maxSize) throw invalid('maxSize', 'error.sizeRange');
    const values = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.parentBodyId !== undefined && { parent_body_id: patch.parentBodyId }),
      ...(patch.purpose !== undefined && { purpose: patch.purpose }),
      ...(patch.delegatesPerOrganization !== undefined && { delegates_per_organization: patch.delegatesPerOrganization }),
      ...(patch.minReferentsPerOrganization !== undefined && {
        min_referents_per_organization: patch.minReferentsPerOrganization,
      }),
      ...(patch.minSize !== undefined && { min_size: patch.minSize }),
      ...(patch.maxSize !== undefined && { max_size: patch.maxSize }),
      ...(patch.meetingsPerYear !== undefined && { meetings_per_year: patch.meetingsPerYear }),
      ...(patch.foundedOn !== undefined && { founded_on: patch.foundedOn }),
    };
    // An empty patch changes nothing: no UPDATE (it would have no SET clause) and no journal entry.
    if (Object.keys(values).length === 0) return { result: { id: bodyId }, events: [] };
    await trx.updateTable('body').set(values).where('id', '=', bodyId).execute();
    // Name and purpose are free text, which may name people: the entry records that they changed, not their words.
    const { name: _name, purpose: _purpose, ...changes } = patch;
    return { result: { id: bodyId }, events: [{ kind: 'body.updated', payload: { bodyId, fields: changedFields(patch), changes } }] };
  });
}

/** The checks seat_start() makes, one by one, each refusing with its own reason. */
async function checkSeat(db: Kysely<Database>, partnershipId: string, bodyId: string, input: SeatInput): Promise<void> {
  await requireTarget(db, 'body', bodyId, partnershipId);
  await requireReference(db, 'person', input.personId, partnershipId, 'personId');
  await refuseIfErased(db, [input.personId]);
  if (input.organizationId !== null) {
    await requireReference(db, 'organization', input.organizationId, partnershipId, 'organizationId');
    const membership = await db.selectFrom('membership').select('id').where('person_id', '=', input.personId).where('organization_id', '=', input.organizationId).executeTakeFirst();
    if (!membership) throw invalid('organizationId', 'error.notAMemberOfOrganization');
  }
}

/** Why a seat could not be inserted: the same checks, one by one, to name the failure. */
async function explainRefusedSeat(ctx: ActContext, bodyId: string, input: SeatInput): Promise<never> {
  await checkSeat(ctx.db, ctx.partnershipId, bodyId, input);
  throw conflict('error.conflict');
}

function mandateStarted(seatId: string, bodyId: string, input: SeatInput) {
  return {
    kind: 'mandate.started',
    payload: {
      seatId,
      bodyId,
      personId: input.personId,
      organizationId: input.organizationId,
      capacity: input.capacity,
      mandateSource: input.mandateSource,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
    },
  } satisfies JournalEvent;
}

/**
 * Seating someone is the most frequent act of a partnership's life, so it is one call of
 * seat_start() (migrations 006 and 014): it seats only when the body and the person are in the
 * partnership, the person is not erased and belongs to the organization they represent, and
 * journals the act.
 */
export async function addSeat(ctx: ActContext, bodyId: string, input: SeatInput) {
  if ((input.capacity === 'delegate' || input.capacity === 'referent') && input.organizationId === null) {
    throw invalid('organizationId', 'error.seatNeedsOrganization');
  }
  if (!may.manageSeat(ctx.viewer, input.organizationId)) {
    await requireTarget(ctx.db, 'body', bodyId, ctx.partnershipId);
    throw forbidden();
  }
  const id = randomUUID();
  const event = mandateStarted(id, bodyId, input);
  const seated = await startSeatCall(ctx.db, { partnershipId: ctx.partnershipId, actorId: ctx.viewer.personId, recordedAt: ctx.now.toISOString(), seat: event.payload });
  if (!seated) await explainRefusedSeat(ctx, bodyId, input);
  await actCommitted(ctx, [event]);
  return { id };
}

/**
 * One call of seat_start(), as its statement of migration 050 reads it among others: the seat is
 * the payload of its journal entry, so the row is written from the very values the entry keeps.
 */
interface SeatStart {
  readonly partnershipId: string;
  readonly actorId: string;
  readonly recordedAt: string;
  readonly seat: ReturnType<typeof mandateStarted>['payload'];
}

/**
 * Answers the seat's id, or null where seat_start() seated nobody; sent with the seats in the same
 * body started at the same moment, which wait for the same body row while it changes.
 */
const startSeatCall = callsTogether<SeatStart, string | null>({
  laneOf: (start) => start.seat.bodyId,
  sendAlone: async (db, { partnershipId, actorId, recordedAt, seat }) => {
    const { rows } = await sql<{ seat: string | null }>`select seat_start(
        ${partnershipId}::uuid, ${seat.seatId}::uuid, ${seat.bodyId}::uuid, ${seat.personId}::uuid, ${seat.organizationId}::uuid,
        ${seat.capacity}::text, ${seat.mandateSource}::text, ${seat.startsOn}::date, ${seat.endsOn}::date,
        ${actorId}::uuid, ${recordedAt}::timestamptz, ${JSON.stringify(seat)}::jsonb
      ) as seat`.execute(db);
    return rows[0]?.seat ?? null;
  },
  sendTogether: async (db, starts) => {
    const { rows } = await sql<{ seat: string | null }>`select seat from seat_start_together(${JSON.stringify(starts)}::jsonb) order by at`.execute(db);
    return rows.map((row) => row.seat);
  },
});

/**
 * A seat inside a larger act (a common project's referent joins its working group), with the same
 * checks as seat_start() each naming its failure, and its entry for the act to journal.
 */
export async function seatInTransaction(trx: Trx, scope: { readonly partnershipId: string }, bodyId: string, input: SeatInput): Promise<JournalEvent> {
  await checkSeat(trx, scope.partnershipId, bodyId, input);
  const id = randomUUID();
  await trx
    .insertInto('body_member')
    .values({
      id,
      body_id: bodyId,
      person_id: input.personId,
      organization_id: input.organizationId,
      capacity: input.capacity,
      mandate_source: input.mandateSource,
      starts_on: input.startsOn,
      ends_on: input.endsOn ?? null,
    })
    .execute();
  return mandateStarted(id, bodyId, input);
}

export async function endSeat(ctx: ActContext, bodyId: string, seatId: string, endsOn: string | undefined) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireTarget(trx, 'body', bodyId, ctx.partnershipId);
    const seat = await trx
      .selectFrom('body_member')
      .select(['person_id', 'organization_id', 'starts_on', 'ends_on'])
      .where('id', '=', seatId)
      .where('body_id', '=', bodyId)
      .forUpdate()
      .executeTakeFirst();
    if (!seat) throw notFound();
    if (!may.manageSeat(ctx.viewer, seat.organization_id)) throw forbidden();
    const end = periodEnd({ startsOn: seat.starts_on, endsOn: seat.ends_on }, endsOn, calendarDay(ctx.now));
    await trx.updateTable('body_member').set({ ends_on: end }).where('id', '=', seatId).execute();
    return { result: { id: seatId }, events: [{ kind: 'mandate.ended', payload: { seatId, bodyId, personId: seat.person_id, endsOn: end } }] };
  });
}
